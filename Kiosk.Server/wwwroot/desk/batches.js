// The desk's print batches: an organizer sends a category, a session's booked attendees or a list of attendee
// numbers to a kiosk or print station, and watches each batch print. While a batch is printing and the tab is
// open, its progress is fetched every few seconds (the kiosk confirms each badge to the server).

const POLL_MS = 3000;
const CATEGORIES = ['Speaker', 'Press', 'Exhibitor', 'Team', 'Visitor'];

/**
 * ctx: { request, problem, say, t, el, formatTime, eventId() } from desk.js.
 * Returns { show, hide, render } for the tab.
 */
export function mountBatches(ctx) {
  const $ = (id) => document.getElementById(id);
  const state = { kiosks: [], sessions: [], batches: [], timer: null, visible: false };

  async function show() {
    state.visible = true;
    const id = ctx.eventId();
    const [kiosks, sessions] = await Promise.all([
      ctx.request('GET', `/api/events/${id}/desk/kiosks`),
      ctx.request('GET', `/api/events/${id}/reports/sessions`),
    ]);
    state.kiosks = kiosks.status === 200 ? kiosks.data : [];
    state.sessions = sessions.status === 200 ? sessions.data : [];
    renderForm();
    await refresh();
  }

  function hide() {
    state.visible = false;
    clearTimeout(state.timer);
    state.timer = null;
  }

  async function refresh() {
    clearTimeout(state.timer);
    state.timer = null;
    if (!state.visible) return;
    const reply = await ctx.request('GET', `/api/events/${ctx.eventId()}/print-batches`);
    if (reply.status === 200) state.batches = reply.data;
    renderList();
    if (state.visible && state.batches.some((b) => b.printed < b.total)) state.timer = setTimeout(refresh, POLL_MS);
  }

  function options(select, items, selected) {
    select.replaceChildren(...items.map(([value, text]) => ctx.el('option', { value: String(value) }, text)));
    if (selected && items.some(([v]) => String(v) === selected)) select.value = selected;
  }

  function renderForm() {
    const { t } = ctx;
    options($('batch-kiosk'), state.kiosks.map((k) => [k.id, k.online ? k.name : t('desk.batches.offline', { name: k.name })]), $('batch-kiosk').value);
    options($('batch-category'), CATEGORIES.map((c) => [c, t(`desk.category.${c}`)]), $('batch-category').value);
    options($('batch-session'), state.sessions.map((s) => [s.sessionId, t('desk.batches.sessionOption', { title: s.title, room: s.room, time: s.starts.slice(11, 16) })]), $('batch-session').value);
    const kind = document.querySelector('input[name="batch-kind"]:checked')?.value ?? 'category';
    $('batch-category').disabled = kind !== 'category';
    $('batch-session').disabled = kind !== 'session';
    $('batch-list').disabled = kind !== 'list';
    $('batch-submit').disabled = state.kiosks.length === 0;
    $('batch-no-kiosk').hidden = state.kiosks.length > 0;
  }

  function selectionText(batch) {
    const [kind, value] = batch.selection.split(' ');
    if (kind === 'category') return ctx.t('desk.batches.ofCategory', { category: ctx.t(`desk.category.${value}`) });
    if (kind === 'session') return ctx.t('desk.batches.ofSession', { title: batch.sessionTitle ?? value });
    return ctx.t('desk.batches.ofList');
  }

  function renderList() {
    const { t, el } = ctx;
    const kioskName = (id) => state.kiosks.find((k) => k.id === id)?.name ?? `#${id}`;
    $('batch-rows').replaceChildren(...state.batches.map((b) => {
      const label = t('desk.batches.progress', { printed: b.printed, total: b.total });
      return el('li', { class: 'desk-batch', dataset: { batchId: b.id } },
        el('span', { class: 'desk-batch-what' }, selectionText(b)),
        el('span', { class: 'desk-note' }, t('desk.batches.where', { kiosk: kioskName(b.terminalId), time: ctx.formatTime(b.requestedAt), who: b.requestedBy })),
        el('progress', { max: String(b.total), value: String(b.printed), 'aria-label': `${selectionText(b)}: ${label}` }),
        el('span', { class: 'desk-batch-count', dataset: { testid: 'batch-progress' } }, b.printed === b.total ? t('desk.batches.done', { total: b.total }) : label));
    }));
    $('batch-empty').hidden = state.batches.length > 0;
  }

  async function submit(event) {
    event.preventDefault();
    const kind = document.querySelector('input[name="batch-kind"]:checked')?.value ?? 'category';
    const body = { terminalId: Number($('batch-kiosk').value) };
    if (kind === 'category') body.category = $('batch-category').value;
    else if (kind === 'session') body.sessionId = Number($('batch-session').value);
    else {
      const ids = $('batch-list').value.split(/[\s,;]+/).filter((x) => x).map(Number);
      if (!ids.length || ids.some((n) => !Number.isInteger(n) || n < 1)) { ctx.say('error', 'desk.batches.badList'); $('batch-list').focus(); return; }
      body.attendeeIds = ids;
    }
    const reply = await ctx.request('POST', `/api/events/${ctx.eventId()}/print-batches`, body);
    if (reply.status !== 201) { const p = ctx.problem(reply); ctx.say('error', p.key, p.params); return; }
    ctx.say('ok', 'desk.batches.sent', { total: reply.data.total, kiosk: state.kiosks.find((k) => k.id === body.terminalId)?.name ?? '' });
    await refresh();
  }

  $('batch-form').addEventListener('submit', submit);
  $('batch-form').addEventListener('change', (e) => { if (e.target.name === 'batch-kind') renderForm(); });
  return { show, hide, render: () => { if (state.visible) { renderForm(); renderList(); } } };
}
