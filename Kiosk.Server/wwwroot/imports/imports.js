// Organizer import page: uploads a registration CSV to POST /api/events/{id}/imports, polls the run at
// GET /api/imports/{id} every second for progress, then shows counts, rejected lines and the event's mails.

import { t, applyStaticTexts, mountLanguageToggle, onLanguageChange, getLocale } from './i18n.js';
import { request, getJson, problemText, signOut } from '../api.js';

const MAX_BYTES = 50 * 1024 * 1024;
const $ = (id) => document.getElementById(id);
const state = { events: [], run: null, polling: null };

const number = (n) => new Intl.NumberFormat(getLocale()).format(n);

function showError(text) {
  $('form-error').textContent = text;
  $('form-error').hidden = !text;
}

async function submit(event) {
  event.preventDefault();
  showError('');
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
  onLanguageChange(() => render());
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
  select.addEventListener('change', loadMails);
  $('import-form').addEventListener('submit', submit);
  $('page').hidden = false;
  loadMails();
  setInterval(loadMails, 5000);
}

start();
