// Organizer page for handout notes: GET /api/events/{id}/handouts lists the notes per category and per session;
// saving PUTs each changed field (…/handouts/{category}, /api/sessions/{id}/handout). An empty field removes a note.

import { t, applyStaticTexts, mountLanguageToggle, onLanguageChange, getLocale } from './i18n.js';
import { request, getJson, problemText, signOut } from '../api.js';

const MAX = 200;
const $ = (id) => document.getElementById(id);
const state = { events: [], handouts: null };

function eventOf(id) { return state.events.find((e) => String(e.id) === String(id)); }

function when(iso) {
  const zone = eventOf($('event').value)?.timeZone || 'Europe/Berlin';
  return new Intl.DateTimeFormat(getLocale(), { timeZone: zone, weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** One labelled field: the label names what the note is for, the hint says how long it may be. */
function field(id, label, value, testid) {
  const wrap = document.createElement('div');
  wrap.className = 'ho-field';
  const labelEl = document.createElement('label');
  labelEl.htmlFor = id;
  labelEl.textContent = label;
  const hint = document.createElement('small');
  hint.id = `${id}-hint`;
  hint.textContent = t('ho.max', { n: MAX });
  const input = document.createElement('input');
  Object.assign(input, { id, type: 'text', maxLength: MAX, value: value ?? '', autocomplete: 'off' });
  input.dataset.testid = testid;
  input.dataset.saved = value ?? '';
  input.setAttribute('aria-describedby', hint.id);
  wrap.append(labelEl, hint, input);
  return wrap;
}

function render() {
  const h = state.handouts;
  if (!h) return;
  $('category-fields').replaceChildren(...h.categories.map((c) =>
    field(`cat-${c.category}`, t(`category.${c.category}`), c.note, `handout-category-${c.category}`)));
  $('session-fields').replaceChildren(...h.sessions.map((s) =>
    field(`ses-${s.sessionId}`, `${when(s.startsAt)} · ${s.room} · ${s.title}`, s.note, `handout-session-${s.sessionId}`)));
  $('no-sessions').hidden = h.sessions.length > 0;
  $('sessions').querySelector('button').hidden = h.sessions.length === 0;
}

async function load() {
  const eventId = $('event').value;
  if (!eventId) return;
  state.handouts = await getJson(`/api/events/${encodeURIComponent(eventId)}/handouts`);
  render();
}

function setStatus(form, text, error = false) {
  const status = form.querySelector('.ho-status');
  status.textContent = text;
  status.classList.toggle('is-error', error);
}

async function save(event, urlOf) {
  event.preventDefault();
  const form = event.currentTarget;
  const changed = [...form.querySelectorAll('input')].filter((i) => i.value.trim() !== i.dataset.saved);
  if (changed.length === 0) { setStatus(form, t('ho.unchanged')); return; }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    for (const input of changed) {
      input.removeAttribute('aria-invalid');
      const reply = await request('PUT', urlOf(input.id), { note: input.value.trim() }, { signIn: true });
      if (reply.status === 401) return;
      if (reply.status === 0) { setStatus(form, t('ho.network'), true); return; }
      if (reply.status !== 200) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        setStatus(form, t('ho.failed', { reason: problemText(reply.data) ?? reply.status }), true);
        return;
      }
      const note = reply.data?.note ?? reply.data?.handoutNote ?? '';
      input.value = note;
      input.dataset.saved = note;
    }
    setStatus(form, t('ho.saved'));
  } finally {
    button.disabled = false;
  }
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
  if (requested && eventOf(requested)) select.value = requested;
  else if (state.events.length) select.value = state.events[state.events.length - 1].id;
  select.addEventListener('change', () => load());
  const eventId = () => encodeURIComponent(select.value);
  $('categories').addEventListener('submit', (e) => save(e, (id) => `/api/events/${eventId()}/handouts/${encodeURIComponent(id.slice(4))}`));
  $('sessions').addEventListener('submit', (e) => save(e, (id) => `/api/sessions/${encodeURIComponent(id.slice(4))}/handout`));
  $('page').hidden = false;
  if (!state.events.length) {
    $('categories').hidden = true;
    $('sessions').hidden = true;
    $('loading').hidden = false;
    $('loading').textContent = t('ho.noEvents');
    return;
  }
  await load();
}

start();
