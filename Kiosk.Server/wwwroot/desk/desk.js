// The staff help desk: find an attendee, see their check-ins and prints, and correct, reprint, reissue,
// check in or undo. Every act asks for a reason and is audited on the server. Nothing personal goes into
// the page address or browser storage: the search text travels only in the API call.

import { t, applyStaticTexts, mountLanguageToggle, onLanguageChange, getLocale } from './i18n.js';
import * as api from '../api.js';
import { mountBatches } from './batches.js';

const MIN_QUERY = 3;
const $ = (id) => document.getElementById(id);

const state = {
  me: null,
  organizer: false,
  events: [],
  event: null,
  results: [],
  desk: null,
  kiosks: [],
  tab: 'people',
  message: null,          // { kind: 'ok' | 'error', key, params } — kept as a key so a language switch re-translates it
  searchNote: null,
  audit: { rows: [], before: null },
  conflicts: [],
  checkInConflicts: [],
};

// Only the event number is ever in the address (?event=), so a return after sign-in lands on the same event.
function deskPath() { return `/desk/${location.search}`; }

/** Every desk request: a 401 goes to sign-in (the answer then carries no data). */
async function request(method, url, body) {
  const reply = await api.request(method, url, body, { signIn: deskPath() });
  return reply.status === 401 ? { status: 401, data: null } : reply;
}

/** The server's own words for a refusal (ProblemDetails detail, else title). */
function problem(reply) {
  if (reply.status === 0) return { key: 'desk.error.network', params: {} };
  const detail = api.problemText(reply.data);
  return detail ? { key: 'desk.error', params: { detail } } : { key: 'desk.error.status', params: { status: reply.status } };
}

function say(kind, key, params = {}) {
  state.message = { kind, key, params };
  renderMessage();
}

function renderMessage() {
  const el = $('message');
  if (!state.message) { el.hidden = true; return; }
  el.hidden = false;
  el.className = `desk-message ${state.message.kind}`;
  el.dataset.kind = state.message.kind;
  el.textContent = t(state.message.key, state.message.params);
}

function formatTime(iso) {
  if (!iso) return '–';
  const options = { dateStyle: 'short', timeStyle: 'short' };
  if (state.event?.timeZone) options.timeZone = state.event.timeZone;
  try { return new Intl.DateTimeFormat(getLocale(), options).format(new Date(iso)); } catch { return iso; }
}

function displayName(a) { return [a.title, a.firstName, a.lastName].filter((x) => x).join(' '); }

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

// ---------------------------------------------------------------- search

async function search(event) {
  event?.preventDefault();
  const q = $('search-input').value.trim();
  if ([...q.replace(/\s/g, '')].length < MIN_QUERY) { state.searchNote = 'desk.search.tooShort'; state.results = []; renderResults(); return; }
  state.searchNote = 'desk.search.busy';
  renderResults();
  const reply = await request('GET', `/api/events/${state.event.id}/attendees/search?q=${encodeURIComponent(q)}`);
  if (reply.status !== 200) { state.searchNote = null; state.results = []; renderResults(); const p = problem(reply); say('error', p.key, p.params); return; }
  state.results = reply.data;
  state.searchNote = null;
  renderResults();
}

function renderResults() {
  const note = $('search-note');
  note.textContent = state.searchNote ? t(state.searchNote)
    : state.results.length === 0 && $('search-input').value.trim() ? t('desk.search.none')
    : state.results.length ? t('desk.search.count', { count: state.results.length }) : '';
  const list = $('results');
  list.replaceChildren(...state.results.map((a) => el('li', {},
    el('button', { type: 'button', class: 'desk-result', 'aria-current': String(state.desk?.attendee.id === a.id), dataset: { attendeeId: a.id }, onclick: () => open(a.id) },
      el('span', { class: 'desk-result-name' }, displayName(a)),
      el('span', { class: 'desk-result-org' }, a.organization ?? ''),
      el('span', { class: `desk-pill ${a.checkedInAt ? 'in' : a.status === 'Cancelled' ? 'cancelled' : 'out'}` },
        t(a.status === 'Cancelled' ? 'desk.pill.cancelled' : a.checkedInAt ? 'desk.pill.in' : 'desk.status.out'))))));
}

// ---------------------------------------------------------------- attendee

async function open(id, focus = true) {
  const reply = await request('GET', `/api/attendees/${id}/desk`);
  if (reply.status !== 200) { const p = problem(reply); say('error', p.key, p.params); return; }
  state.desk = reply.data;
  // The results list shows the same person as the panel, after a correction or check-in too.
  state.results = state.results.map((a) => (a.id === reply.data.attendee.id ? reply.data.attendee : a));
  renderAttendee();
  renderResults();
  if (focus) $('attendee-name').focus();
}

function statusText(desk) {
  const a = desk.attendee;
  if (desk.anonymisedAt) return t('desk.status.erased', { time: formatTime(desk.anonymisedAt) });
  if (a.status === 'Cancelled') return t('desk.status.cancelled');
  if (!desk.arrival) return t('desk.status.out');
  const time = formatTime(desk.arrival.at);
  if (desk.arrival.terminalName) return t('desk.status.inAt', { time, kiosk: desk.arrival.terminalName });
  if (desk.arrival.staffUser) return t('desk.status.inBy', { time, user: desk.arrival.staffUser });
  return t('desk.status.in', { time });
}

// A reprint order waits for its kiosk to confirm the print: while one is open for the attendee on screen,
// the panel looks again every few seconds, so staff see "printed" without searching again.
const PENDING_POLL_MS = 3000;
let pendingTimer = 0;

function watchPendingReprints() {
  clearTimeout(pendingTimer);
  const id = state.desk?.attendee.id;
  if (!id || !state.desk.prints.some((p) => p.kind === 'reprint' && !p.printedAt)) return;
  pendingTimer = setTimeout(async () => {
    const reply = document.hidden ? null : await request('GET', `/api/attendees/${id}/desk`);
    if (state.desk?.attendee.id !== id) return;
    // A lost answer is not shouted about: the next look is a few seconds away.
    if (reply?.status === 200) { state.desk = reply.data; renderAttendee(); } else watchPendingReprints();
  }, PENDING_POLL_MS);
}

/** A reprint's state; one not printed yet says what holds it, as its kiosk last reported (paper out, kiosk offline). */
function printState(p) {
  if (p.printedAt) return t('desk.prints.printed', { time: formatTime(p.printedAt) });
  return p.held ? t('desk.prints.held', { why: t(`desk.held.${p.held}`) }) : t('desk.prints.pending');
}

function renderAttendee() {
  const panel = $('attendee');
  const desk = state.desk;
  watchPendingReprints();
  if (!desk) { panel.hidden = true; return; }
  panel.hidden = false;
  const a = desk.attendee;
  $('attendee-name').textContent = displayName(a);
  $('attendee-org').textContent = a.organization ?? '';
  $('attendee-meta').textContent = t('desk.meta', { id: a.id, category: t(`desk.category.${a.category}`) });
  const status = $('attendee-status');
  status.textContent = statusText(desk);
  status.className = `desk-status ${a.status === 'Cancelled' ? 'cancelled' : desk.arrival ? 'in' : 'out'}`;
  // An erased person's badge was replaced by one that finds nobody: nothing to show or print.
  const erased = Boolean(desk.anonymisedAt);
  const badge = erased ? null : desk.badge;
  $('attendee-badge').textContent = badge ? t('desk.badge', { version: badge.version, time: formatTime(badge.issuedAt) }) : '';
  // The version in the address makes the browser fetch the new picture after a reissue.
  const picture = $('badge-picture');
  const src = badge ? `/api/attendees/${a.id}/badge.svg?v=${badge.version}` : '';
  if (picture.getAttribute('src') !== src) picture.src = src;
  picture.hidden = !badge;
  // After an erasure nothing is corrected, printed or undone (the server refuses it too).
  for (const id of ['act-reprint', 'act-correct', 'act-reissue']) $(id).hidden = erased;
  $('act-checkin').hidden = erased || Boolean(desk.arrival) || a.status === 'Cancelled';
  $('act-undo').hidden = erased || !desk.arrival;
  // Data subject requests are the organizer's: the export downloads, the erasure asks first.
  $('privacy-acts').hidden = !state.organizer;
  $('act-export').href = `/api/attendees/${a.id}/personal-data`;
  $('act-erase').hidden = erased;

  const prints = desk.prints.map((p) => el('li', {},
    p.kind === 'checkin'
      ? t('desk.prints.checkin', { kiosk: p.terminalName ?? p.terminalId, time: formatTime(p.printedAt) })
      : `${t('desk.prints.reprint', { kiosk: p.terminalName ?? p.terminalId, time: formatTime(p.requestedAt), who: p.requestedBy, reason: p.reason })} – ${printState(p)}`));
  $('prints').replaceChildren(...(prints.length ? prints : [el('li', { class: 'desk-note' }, t('desk.prints.none'))]));

  const scans = [
    ...desk.checkIns.map((s) => ({ at: s.receivedAt, text: `${formatTime(s.scannedAt)} · ${t(`desk.outcome.${s.outcome}`)} · ${s.terminalId ? t('desk.scans.kiosk', { kiosk: s.terminalName ?? s.terminalId }) : t('desk.scans.staff', { user: s.staffUser ?? '?' })}` })),
    ...desk.undos.map((u) => ({ at: u.undoneAt, text: t('desk.scans.undo', { checkedIn: formatTime(u.checkedInAt), time: formatTime(u.undoneAt), who: u.undoneBy, reason: u.reason }), undo: true })),
  ].sort((x, y) => (x.at < y.at ? -1 : 1));
  $('scans').replaceChildren(...(scans.length ? scans.map((s) => el('li', { class: s.undo ? 'undo' : '' }, s.text)) : [el('li', { class: 'desk-note' }, t('desk.scans.none'))]));

  const audit = desk.audit.map((e) => el('li', {}, `${formatTime(e.at)} · ${e.actor} · ${e.action}${e.details ? ` · ${e.details}` : ''}`));
  $('attendee-audit').replaceChildren(...(audit.length ? audit : [el('li', { class: 'desk-note' }, t('desk.audit.none'))]));
}

// ---------------------------------------------------------------- dialogs

let dialogSubmit = null;

/** Opens the one dialog with the given fields; onOk(reason) returns true when done (the dialog closes). */
function openDialog({ titleKey, okKey, warningKey = null, reasonKey = 'desk.dialog.reason', fields = [], onOk }) {
  $('dialog-title').textContent = t(titleKey);
  $('dialog-ok').textContent = t(okKey);
  $('dialog-warning').hidden = !warningKey;
  $('dialog-warning').textContent = warningKey ? t(warningKey) : '';
  $('dialog-fields').replaceChildren(...fields);
  $('dialog-reason-label').textContent = t(reasonKey);
  $('dialog-reason').value = '';
  $('dialog-error').hidden = true;
  dialogSubmit = onOk;
  $('dialog').showModal();
  (fields.find((f) => f.querySelector('input,select'))?.querySelector('input,select') ?? $('dialog-reason')).focus();
}

function dialogError(key, params = {}) {
  $('dialog-error').textContent = t(key, params);
  $('dialog-error').hidden = false;
}

async function submitDialog(event) {
  event.preventDefault();
  const reason = $('dialog-reason').value.trim();
  if (!reason) { dialogError('desk.dialog.reasonMissing'); $('dialog-reason').focus(); return; }
  const ok = $('dialog-ok');
  ok.disabled = true;
  try {
    if (await dialogSubmit(reason)) $('dialog').close();
  } finally {
    ok.disabled = false;
  }
}

function field(labelKey, name, value, maxLength) {
  return el('label', { class: 'desk-field' }, el('span', {}, t(labelKey)),
    el('input', { name, value: value ?? '', maxlength: String(maxLength), autocomplete: 'off', spellcheck: 'false' }));
}

function kioskSelect(name, withNone) {
  const select = el('select', { name });
  if (withNone) select.append(el('option', { value: '' }, t('desk.dialog.noReprint')));
  // Kiosks heard from lately first; the others print once they are back, and say so.
  const kiosks = [...state.kiosks].sort((x, y) => Number(y.online) - Number(x.online));
  for (const k of kiosks) {
    select.append(el('option', { value: String(k.id) }, k.online ? k.name
      : t('desk.dialog.kioskOffline', { kiosk: k.name, time: k.lastSeenAt ? formatTime(k.lastSeenAt) : '–' })));
  }
  return el('label', { class: 'desk-field' }, el('span', {}, t(withNone ? 'desk.dialog.reprintToo' : 'desk.dialog.kiosk')), select);
}

async function loadKiosks() {
  const reply = await request('GET', `/api/events/${state.event.id}/desk/kiosks`);
  state.kiosks = reply.status === 200 ? reply.data : [];
}

/** Runs an act; shows the server's answer; reloads the attendee. Returns true when it succeeded. */
async function act(method, url, body, done) {
  const reply = await request(method, url, body);
  if (reply.status < 200 || reply.status > 299) {
    const p = problem(reply);
    dialogError(p.key, p.params);
    say('error', p.key, p.params);
    return false;
  }
  const [key, params] = done(reply.data);
  say(key.startsWith('desk.done.checkinRefused') ? 'error' : 'ok', key, params);
  await open(state.desk.attendee.id, false);
  return true;
}

const kioskName = (id) => state.kiosks.find((k) => k.id === id)?.name ?? String(id);

/** The message after a reprint order; an offline kiosk prints when it is back, and staff should know. */
function reprintDone(terminalId, key) {
  const kiosk = state.kiosks.find((k) => k.id === terminalId);
  return [kiosk && !kiosk.online ? `${key}Offline` : key, { kiosk: kioskName(terminalId) }];
}

async function reprint() {
  await loadKiosks();
  if (!state.kiosks.length) { say('error', 'desk.dialog.noKiosks'); return; }
  const choice = kioskSelect('kiosk', false);
  openDialog({
    titleKey: 'desk.reprint.title', okKey: 'desk.reprint.ok', fields: [choice],
    onOk: (reason) => {
      const terminalId = Number(choice.querySelector('select').value);
      return act('POST', `/api/attendees/${state.desk.attendee.id}/reprints`, { terminalId, reason }, () => reprintDone(terminalId, 'desk.done.reprint'));
    },
  });
}

async function correct() {
  await loadKiosks();
  const a = state.desk.attendee;
  const fields = [
    field('desk.dialog.title', 'title', a.title, 50),
    field('desk.dialog.firstName', 'firstName', a.firstName, 100),
    field('desk.dialog.lastName', 'lastName', a.lastName, 100),
    field('desk.dialog.organization', 'organization', a.organization, 200),
  ];
  if (state.kiosks.length) fields.push(kioskSelect('reprintAt', true));
  openDialog({
    titleKey: 'desk.correct.title', okKey: 'desk.correct.ok', fields,
    onOk: (reason) => {
      const value = (name) => $('dialog-fields').querySelector(`[name="${name}"]`)?.value ?? '';
      const body = { title: value('title'), firstName: value('firstName'), lastName: value('lastName'), organization: value('organization'), reason };
      const reprintAt = value('reprintAt');
      if (reprintAt) body.reprintAt = Number(reprintAt);
      return act('PATCH', `/api/attendees/${a.id}`, body, (data) => data.reprint
        ? reprintDone(data.reprint.terminalId, 'desk.done.correctReprint') : ['desk.done.correct', {}]);
    },
  });
}

function reissue() {
  openDialog({
    titleKey: 'desk.reissue.title', okKey: 'desk.reissue.ok', warningKey: 'desk.reissue.warning',
    onOk: (reason) => act('POST', `/api/attendees/${state.desk.attendee.id}/badge/reissue`, { reason }, (data) => ['desk.done.reissue', { version: data.version }]),
  });
}

function undo() {
  openDialog({
    titleKey: 'desk.undo.title', okKey: 'desk.undo.ok',
    onOk: (reason) => act('POST', `/api/attendees/${state.desk.attendee.id}/checkin/undo`, { reason }, () => ['desk.done.undo', {}]),
  });
}

function erase() {
  openDialog({
    titleKey: 'desk.erase.title', okKey: 'desk.erase.ok', warningKey: 'desk.erase.warning', reasonKey: 'desk.erase.reason',
    onOk: (reason) => act('POST', `/api/attendees/${state.desk.attendee.id}/erase`, { reason }, () => ['desk.done.erase', {}]),
  });
}

function checkIn() {
  // One scan id per dialog: pressing OK again after a lost answer is the same scan, never a second one.
  const scan = { attendeeId: state.desk.attendee.id, clientScanId: crypto.randomUUID(), scannedAt: new Date().toISOString() };
  openDialog({
    titleKey: 'desk.checkin.title', okKey: 'desk.checkin.ok',
    onOk: (reason) => act('POST', '/api/checkins', { ...scan, reason },
      (data) => data.outcome === 'FirstCheckIn' ? ['desk.done.checkin', {}]
        : data.outcome === 'AlreadyCheckedIn' ? ['desk.done.already', {}]
        : ['desk.done.checkinRefused', { outcome: t(`desk.outcome.${data.outcome}`) }]),
  });
}

// ---------------------------------------------------------------- organizers: conflicts and audit log

async function loadConflicts() {
  const [checkIns, doors] = await Promise.all([
    request('GET', `/api/events/${state.event.id}/checkins/conflicts`),
    request('GET', `/api/events/${state.event.id}/presence/conflicts`)]);
  for (const reply of [checkIns, doors]) {
    if (reply.status !== 200) { const p = problem(reply); say('error', p.key, p.params); return; }
  }
  state.checkInConflicts = checkIns.data;
  state.conflicts = doors.data;
  renderConflicts();
}

function conflictItem(c, text, resolveUrl) {
  return el('li', { class: c.review ? 'reviewed' : 'open' },
    el('span', {}, text),
    c.review
      ? el('span', { class: 'desk-note' }, t('desk.conflicts.reviewed', { time: formatTime(c.review.reviewedAt), who: c.review.reviewedBy, note: c.review.note }))
      : el('button', { type: 'button', class: 'btn btn-ghost', onclick: () => review(resolveUrl) }, t('desk.conflicts.review')));
}

function renderConflicts() {
  const what = (c) => c.conflict.split(', ').map((x) => t(`desk.conflict.${x}`)).join(', ');
  const list = (id, items) => $(id).replaceChildren(...(items.length ? items : [el('li', { class: 'desk-note' }, t('desk.conflicts.none'))]));
  list('checkin-conflicts', state.checkInConflicts.map((c) => conflictItem(c, t('desk.checkinConflicts.row', {
    time: formatTime(c.scannedAt), kiosk: c.terminalName ?? t('desk.checkinConflicts.noKiosk'), name: c.attendeeName, conflict: what(c),
  }), `/api/checkins/conflicts/${c.checkInId}/resolve`)));
  list('conflicts', state.conflicts.map((c) => conflictItem(c, t('desk.conflicts.row', {
    time: formatTime(c.scannedAt), room: c.roomName, name: c.attendeeName ?? t('desk.conflicts.anonymous'), conflict: what(c),
  }), `/api/presence/conflicts/${c.scanId}/resolve`)));
}

function review(resolveUrl) {
  openDialog({
    titleKey: 'desk.conflicts.reviewTitle', okKey: 'desk.conflicts.review', reasonKey: 'desk.conflicts.note',
    onOk: async (note) => {
      const reply = await request('POST', resolveUrl, { note });
      if (reply.status !== 200) { const p = problem(reply); dialogError(p.key, p.params); say('error', p.key, p.params); return false; }
      say('ok', 'desk.done.review');
      await loadConflicts();
      return true;
    },
  });
}

async function loadAudit(more = false) {
  const params = new URLSearchParams({ limit: '100' });
  if ($('audit-action').value) params.set('action', $('audit-action').value);
  if ($('audit-attendee').value) params.set('attendeeId', $('audit-attendee').value);
  if (more && state.audit.before) params.set('before', String(state.audit.before));
  const reply = await request('GET', `/api/events/${state.event.id}/audit?${params}`);
  if (reply.status !== 200) { const p = problem(reply); say('error', p.key, p.params); return; }
  state.audit = { rows: more ? [...state.audit.rows, ...reply.data.entries] : reply.data.entries, before: reply.data.before };
  renderAudit();
}

function renderAudit() {
  $('audit-rows').replaceChildren(...state.audit.rows.map((e) => el('tr', {},
    el('td', {}, formatTime(e.at)), el('td', {}, e.actor), el('td', {}, e.action),
    el('td', {}, e.attendeeId ?? ''), el('td', {}, e.terminalId ?? ''), el('td', {}, e.details ?? ''))));
  $('audit-more').hidden = !state.audit.before;
}

const TABS = ['people', 'conflicts', 'batches', 'audit'];

function showTab(tab) {
  state.tab = tab;
  for (const name of TABS) {
    $(`tab-${name}`).setAttribute('aria-selected', String(name === tab));
    $(`tab-${name}`).tabIndex = name === tab ? 0 : -1;
    $(`panel-${name}`).hidden = name !== tab;
  }
  if (tab === 'conflicts') loadConflicts();
  if (tab === 'audit') loadAudit();
  if (tab === 'batches') batches.show(); else batches.hide();
}

// ---------------------------------------------------------------- start

function renderAll() {
  applyStaticTexts();
  if (state.me) $('me').textContent = t('desk.me', { name: state.me.name });
  renderMessage();
  renderResults();
  renderAttendee();
  renderConflicts();
  renderAudit();
  batches.render();
}

async function start() {
  const me = await request('GET', '/api/auth/me');
  if (me.status !== 200) { if (me.status !== 401) { $('loading').textContent = t('desk.forbidden'); } return; }
  state.me = me.data;
  state.organizer = me.data.role === 'Organizer';
  const events = await request('GET', '/api/events');
  if (events.status === 403) { $('loading').textContent = t('desk.forbidden'); return; }
  if (events.status !== 200) { const p = problem(events); $('loading').textContent = t(p.key, p.params); return; }
  if (!events.data.length) { $('loading').textContent = t('desk.noEvents'); return; }
  state.events = events.data;
  const wanted = Number.parseInt(new URLSearchParams(location.search).get('event') ?? '', 10);
  state.event = events.data.find((e) => e.id === wanted) ?? events.data[events.data.length - 1];
  const select = $('event-select');
  select.replaceChildren(...events.data.map((e) => el('option', { value: String(e.id) }, e.name)));
  select.value = String(state.event.id);
  $('loading').hidden = true;
  $('tabs').hidden = !state.organizer;
  $('panel-people').hidden = false;
  renderAll();
  $('search-input').focus();
}

$('event-select').addEventListener('change', (e) => {
  state.event = state.events.find((x) => String(x.id) === e.target.value) ?? state.event;
  state.results = []; state.desk = null; state.message = null;
  $('search-input').value = '';
  renderAll();
  if (state.tab !== 'people') showTab(state.tab);
});
$('search-form').addEventListener('submit', search);
$('act-reprint').addEventListener('click', reprint);
$('act-correct').addEventListener('click', correct);
$('act-reissue').addEventListener('click', reissue);
$('act-checkin').addEventListener('click', checkIn);
$('act-undo').addEventListener('click', undo);
$('act-erase').addEventListener('click', erase);
$('dialog-form').addEventListener('submit', submitDialog);
$('dialog-cancel').addEventListener('click', () => $('dialog').close());
$('audit-form').addEventListener('submit', (e) => { e.preventDefault(); loadAudit(); });
$('audit-more').addEventListener('click', () => loadAudit(true));
for (const name of TABS) $(`tab-${name}`).addEventListener('click', () => showTab(name));
$('tabs').addEventListener('keydown', (e) => {
  const order = TABS;
  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
  if (!step) return;
  const next = order[(order.indexOf(state.tab) + step + order.length) % order.length];
  showTab(next);
  $(`tab-${next}`).focus();
});
$('logout').addEventListener('click', () => api.signOut(deskPath()));
const batches = mountBatches({ request, problem, say, t, el, formatTime, eventId: () => state.event.id });

onLanguageChange(renderAll);
mountLanguageToggle(document.querySelector('[data-testid="language-toggle"]'));
applyStaticTexts();
start();
