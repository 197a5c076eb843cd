// Organizer import page: a chosen file is previewed first (POST /api/events/{id}/imports/preview: its columns with
// what each is read as, the first rows, unknown category words), and the organizer's choices are kept per event
// (PUT /api/events/{id}/import-mapping). The import itself uploads to POST /api/events/{id}/imports, polls the run at
// GET /api/imports/{id} every second for progress, then shows counts, rejected lines and the event's mails.

import { t, applyStaticTexts, mountLanguageToggle, onLanguageChange, getLocale } from './i18n.js';
import { request, getJson, problemText, signOut } from '../api.js';

const MAX_BYTES = 50 * 1024 * 1024;
const $ = (id) => document.getElementById(id);
const state = { events: [], run: null, polling: null, preview: null, saved: false, dirty: false };
const FIELDS = ['ExternalId', 'OrderCode', 'PositionId', 'Title', 'FirstName', 'LastName', 'FullName', 'Organization', 'Email', 'Category', 'Status'];
const CATEGORIES = ['Visitor', 'Exhibitor', 'Speaker', 'Press', 'Team'];

const number = (n) => new Intl.NumberFormat(getLocale()).format(n);

function showError(text) {
  $('form-error').textContent = text;
  $('form-error').hidden = !text;
}

async function submit(event) {
  event.preventDefault();
  showError('');
  // Choices made in the preview and not saved yet are what the organizer sees: the import reads with them.
  if (state.preview && state.dirty && !(await saveMapping())) return;
  const dryRun = event.submitter?.dataset.mode === 'dry';
  const file = $('file').files[0];
  if (!file) { showError(t('imp.noFile')); return; }
  if (file.size > MAX_BYTES) { showError(t('imp.tooLarge')); return; }
  const body = new FormData();
  body.append('file', file);
  setBusy(true);
  const reply = await request('POST', `/api/events/${encodeURIComponent($('event').value)}/imports?dryRun=${dryRun}`, body, { signIn: true });
  if (reply.status === 401) return;
  if (reply.status === 0) {
    showError(t('imp.network'));
    setBusy(false);
    return;
  }
  if (reply.status !== 202 || !reply.data) {
    showError(reply.status === 413 ? t('imp.tooLarge') : t('imp.failed', { reason: problemText(reply.data) ?? reply.status }));
    setBusy(false);
    return;
  }
  state.run = reply.data;
  render();
  poll();
}

const eventPath = () => `/api/events/${encodeURIComponent($('event').value)}`;

async function preview(saved = false) {
  const file = $('file').files[0];
  state.preview = null;
  $('preview').hidden = true;
  if (!file || file.size > MAX_BYTES || !$('event').value) return;
  const body = new FormData();
  body.append('file', file);
  const reply = await request('POST', `${eventPath()}/imports/preview`, body, { signIn: true });
  if (reply.status === 401) return;
  if (reply.status !== 200 || !reply.data) {
    showError(reply.status === 0 ? t('imp.network') : t('imp.failed', { reason: problemText(reply.data) ?? reply.status }));
    return;
  }
  Object.assign(state, { preview: reply.data, saved, dirty: false });
  renderPreview();
}

function option(value, text, selected) {
  const o = new Option(text, value);
  o.selected = selected;
  return o;
}

function renderPreview() {
  const p = state.preview;
  if (!p) return;
  $('preview').hidden = false;
  $('preview-summary').textContent = t(state.saved ? 'imp.previewSaved' : 'imp.previewSummary', { rows: number(p.rows), rejected: number(p.rejectedCount) });
  $('preview-error').hidden = !p.error;
  $('preview-error').textContent = p.error ? t('imp.previewNoName') : '';
  $('preview-head').replaceChildren(...p.columns.map((c) => {
    const th = document.createElement('th');
    th.scope = 'col';
    if (!c.field) th.dataset.ignored = '';
    const name = document.createElement('span');
    name.className = 'imp-header';
    name.textContent = c.header || '–';
    const select = document.createElement('select');
    select.dataset.column = c.index;
    select.dataset.testid = 'column-field';
    select.setAttribute('aria-label', t('imp.columnField', { header: c.header || c.index + 1 }));
    select.append(option('', t('imp.field.none'), !c.field), ...FIELDS.map((f) => option(f, t(`imp.field.${f}`), c.field === f)));
    select.addEventListener('change', () => { state.dirty = true; th.toggleAttribute('data-ignored', !select.value); });
    const label = document.createElement('div');
    label.className = 'imp-column';
    label.append(name, select);
    th.append(label);
    return th;
  }));
  $('preview-rows').replaceChildren(...p.sample.map((row) => {
    const tr = document.createElement('tr');
    tr.append(...p.columns.map((c) => {
      const td = document.createElement('td');
      td.textContent = row[c.index] ?? '';
      return td;
    }));
    return tr;
  }));
  const words = [
    ...p.categories.map((c) => ({ word: c.word, category: c.category, rows: null })),
    ...p.unknownCategories.filter((u) => !p.categories.some((c) => c.word.toLowerCase() === u.word.toLowerCase()))
      .map((u) => ({ word: u.word, category: 'Visitor', rows: u.rows })),
  ];
  $('categories').hidden = words.length === 0;
  $('category-list').replaceChildren(...words.map((w, i) => {
    const li = document.createElement('li');
    const label = document.createElement('label');
    label.htmlFor = `category-${i}`;
    label.textContent = w.rows === null ? t('imp.categoryChosen', { word: w.word }) : t('imp.categoryRows', { word: w.word, rows: number(w.rows) });
    const select = document.createElement('select');
    select.id = `category-${i}`;
    select.dataset.word = w.word;
    select.dataset.testid = 'category-choice';
    // A word is a choice once the organizer chose it; one only listed stays unknown (its rows are visitors, and it stays listed).
    if (w.rows === null) select.dataset.chosen = '';
    select.append(...CATEGORIES.map((c) => option(c, t(`imp.cat.${c}`), w.category === c)));
    select.addEventListener('change', () => { state.dirty = true; select.dataset.chosen = ''; });
    li.append(label, select);
    return li;
  }));
}

async function saveMapping() {
  const p = state.preview;
  const body = {
    columns: [...document.querySelectorAll('#preview-head select')].map((s) => ({ header: p.columns[Number(s.dataset.column)].header, field: s.value || null })),
    categories: [...document.querySelectorAll('#category-list select[data-chosen]')].map((s) => ({ word: s.dataset.word, category: s.value })),
  };
  const reply = await request('PUT', `${eventPath()}/import-mapping`, body, { signIn: true });
  if (reply.status !== 200) {
    showError(reply.status === 0 ? t('imp.network') : t('imp.failed', { reason: problemText(reply.data) ?? reply.status }));
    return false;
  }
  await preview(true);
  return true;
}

function setBusy(busy) {
  for (const button of document.querySelectorAll('#import-form button')) button.disabled = busy;
}

async function poll() {
  clearTimeout(state.polling);
  try {
    state.run = await getJson(`/api/imports/${state.run.id}`);
    render();
  } catch { /* keep polling: the server may be restarting, the run survives */ }
  if (state.run.status === 'Done' || state.run.status === 'Failed') {
    setBusy(false);
    loadMails();
    return;
  }
  state.polling = setTimeout(poll, 1000);
}

function render() {
  const run = state.run;
  if (!run) return;
  $('run').hidden = false;
  $('run').dataset.status = run.status;
  $('run-title').textContent = t(run.dryRun ? 'imp.runTitle.dry' : 'imp.runTitle.run');
  const total = run.totalRows || 0;
  $('progress').max = Math.max(total, 1);
  $('progress').value = run.status === 'Done' ? Math.max(total, 1) : run.processedRows;
  const key = run.status === 'Done' && run.dryRun ? 'imp.status.DoneDry' : `imp.status.${run.status}`;
  $('progress-text').textContent = run.status === 'Failed' && run.error
    ? t('imp.failed', { reason: run.error })
    : t(key, { done: number(run.processedRows), total: number(total) });

  const finished = run.status === 'Done';
  $('counts').hidden = !finished;
  document.querySelector('[data-testid=import-created]').textContent = number(run.created);
  document.querySelector('[data-testid=import-updated]').textContent = number(run.updated);
  document.querySelector('[data-testid=import-unchanged]').textContent = number(run.unchanged);
  document.querySelector('[data-testid=import-rejected]').textContent = number(run.rejectedCount);
  $('rejected').hidden = !finished || run.rejected.length === 0;
  $('rejected-rows').replaceChildren(...run.rejected.map((row) => {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'rejected-row';
    const line = document.createElement('td');
    line.textContent = row.line;
    const reason = document.createElement('td');
    // In the reader's language by the row's code; runs stored before codes existed keep the server's English.
    reason.textContent = row.code ? t(`imp.reject.${row.code}`, { value: row.value }) : row.reason;
    tr.append(line, reason);
    return tr;
  }));
}

async function loadMails() {
  const eventId = $('event').value;
  if (!eventId) return;
  try {
    const mails = await getJson(`/api/events/${encodeURIComponent(eventId)}/mails`);
    document.querySelector('[data-testid=mail-waiting]').textContent = number(mails.waiting);
    document.querySelector('[data-testid=mail-sent]').textContent = number(mails.sent);
    document.querySelector('[data-testid=mail-failed]').textContent = number(mails.failed);
    $('mail-off').hidden = mails.enabled;
  } catch { /* shown again on the next refresh */ }
}

async function start() {
  mountLanguageToggle(document.querySelector('[data-testid=language-toggle]'));
  applyStaticTexts();
  onLanguageChange(() => { render(); renderPreview(); });
  $('logout').addEventListener('click', () => signOut(location.pathname + location.search));
  let me;
  try { me = await getJson('/api/auth/me'); } catch { return; }
  $('loading').hidden = true;
  if (me.role !== 'Organizer') { $('forbidden').hidden = false; return; }

  state.events = await getJson('/api/events');
  const select = $('event');
  select.replaceChildren(...state.events.map((e) => new Option(e.name, e.id)));
  const requested = new URLSearchParams(location.search).get('event');
  if (requested && state.events.some((e) => String(e.id) === requested)) select.value = requested;
  else if (state.events.length) select.value = state.events[state.events.length - 1].id;
  if (!state.events.length) showError(t('imp.noEvents'));
  select.addEventListener('change', () => { loadMails(); preview(); });
  $('file').addEventListener('change', () => { showError(''); preview(); });
  $('save-mapping').addEventListener('click', () => saveMapping());
  $('import-form').addEventListener('submit', submit);
  $('page').hidden = false;
  loadMails();
  setInterval(loadMails, 5000);
}

start();
