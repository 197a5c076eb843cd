// Handout notes on the welcome screen ("Bitte beachten"): what the organizer set for the visitor's category, then
// each booked session's note with its time and room, in the answer's order. Organizer text, shown and spoken as
// written: the block's heading and each note are marked data-say, so speech.js reads them after the welcome.

const EXTRA_MS_PER_NOTE = 5000; // time to read (or hear) one more note before the kiosk resets

/** The notes of a welcome answer that can be shown: each with a text, at most a few. */
function notesOf(answer) {
  const notes = Array.isArray(answer?.notes) ? answer.notes : [];
  return notes.filter((n) => n && typeof n.text === 'string' && n.text.trim()).slice(0, 8);
}

/** The "Bitte beachten" block, or null when there is nothing to say (the screen stays as it was). */
export function handoutNotes(answer, h, t) {
  const notes = notesOf(answer);
  if (notes.length === 0) return null;
  return h('section', { class: 'handout-notes', testid: 'handout-notes', 'aria-labelledby': 'handout-title' },
    h('h2', { id: 'handout-title', class: 'handout-title', 'data-say': true, text: t('handout.title') }),
    h('ul', { class: 'handout-list' }, notes.map((n) => {
      const about = [n.time, n.room, n.session].filter((x) => typeof x === 'string' && x.trim());
      return h('li', { class: 'handout-note', testid: 'handout-note', 'data-say': true },
        about.length ? h('span', { class: 'handout-about', text: `${about.join(', ')}:` }) : null,
        about.length ? ' ' : null,
        h('span', { class: 'handout-text', text: n.text.trim() }));
    })));
}

/** How long the welcome stays: longer by a few seconds for each note. */
export function welcomeDuration(answer, baseMs) {
  return baseMs + notesOf(answer).length * EXTRA_MS_PER_NOTE;
}
