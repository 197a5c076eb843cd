// Registration page: keeps the master classes' free seats current while the form is open (the form works without it).
// The words come from the fieldset's data attributes, in the page's language; the numbers from the public form route.
(() => {
  const group = document.querySelector('fieldset[data-seats-url]');
  if (!group) return;
  const words = group.dataset;
  const text = (free) => free === null ? '' : free === 0 ? words.full : free === 1 ? words.one : words.free.replace('{0}', String(free));
  async function refresh() {
    if (document.hidden) return;
    try {
      const response = await fetch(group.dataset.seatsUrl, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const form = await response.json();
      for (const session of form.sessions ?? []) {
        const seats = group.querySelector(`.rg-seats[data-session="${session.id}"]`);
        if (seats && seats.textContent !== text(session.free)) seats.textContent = text(session.free);
      }
    } catch {
      // Offline for a moment: the numbers shown stay until the next try.
    }
  }
  setInterval(refresh, 15000);
})();
