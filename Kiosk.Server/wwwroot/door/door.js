// Staff door page: count people into and out of one room by badge scan (camera or keyboard-wedge
// scanner) or anonymously with +1 / −1. Personal data (the attendee's name) lives only in memory and
// only on screen for a few seconds; browser storage holds the chosen room id, the language and, until the
// server answers them, the scans still waiting (badge token, room, time; see outbox.js).

import { t, hasText, applyStaticTexts, mountLanguageToggle, onLanguageChange, formatTime } from './i18n.js';
import { Outbox, newScanId, storedQueue } from './outbox.js';
import * as api from '../api.js';

const ROOM_KEY = 'kiosk.door.roomId';
const OUTBOX_KEY = 'kiosk.door.outbox';
const ANSWERED_KEY = 'kiosk.door.answered';
const POLL_MS = 10_000;
const REQUEST_TIMEOUT_MS = 8_000;
const NAME_VISIBLE_MS = 4_000;
const RESULT_VISIBLE_MS = 10_000;
const REPEAT_WINDOW_MS = 2_000;

const OK_DECISIONS = new Set(['Admitted', 'Left']);
const NEUTRAL_DECISIONS = new Set(['NotInside']);

const $ = (id) => document.getElementById(id);
const el = {
  loading: $('loading'),
  eventName: $('event-name'),
  choose: $('choose-screen'),
  roomList: $('room-list'),
  noRooms: $('no-rooms'),
  door: $('door-screen'),
  roomKind: $('room-kind'),
  roomName: $('room-name'),
  changeRoom: $('change-room'),
  occupancy: $('occupancy'),
  inside: $('door-inside'),
  capacity: $('door-capacity'),
  occWord: $('occ-word'),
  fill: $('door-fill'),
  fillBar: $('door-fill-bar'),
  occCaption: $('occ-caption'),
  netBanner: $('net-banner'),
  pending: $('pending-count'),
  authBanner: $('auth-banner'),
  authLink: $('auth-link'),
  dirButtons: [...document.querySelectorAll('.dir-btn')],
  result: $('door-result'),
  resultTag: $('result-tag'),
  resultName: $('result-name'),
  resultText: $('result-text'),
  resultConflict: $('result-conflict'),
  plus: $('plus-one'),
  minus: $('minus-one'),
  scannerForm: $('scanner-form'),
  scanner: $('scanner-input'),
  cameraButton: $('camera-button'),
  cameraMessage: $('camera-message'),
  cameraPanel: $('camera-panel'),
  video: $('camera-video'),
  user: $('door-user'),
  status: $('status-screen'),
  statusTitle: $('status-title'),
  statusText: $('status-text'),
  statusLink: $('status-link'),
  statusRetry: $('status-retry'),
};

const state = {
  me: null,
  event: null,
  rooms: new Map(),          // roomId → room (as the server last told us, newest seq wins)
  roomId: null,
  screen: 'loading',         // loading | choose | door | status
  statusInfo: null,          // {titleKey, textKey, link?, retry?}
  direction: 'In',
  lastRoomsAt: null,         // Date of the last successful room poll or answer
  roomsFailing: false,
  pending: 0,
  lastNetStatus: null,
  authLost: false,
  // What the big result area shows. kind: idle | sending | queued | decision | error
  result: { kind: 'idle' },
  resultSerial: 0,           // increases with every scan, so late answers of older scans do not overwrite
  cameraMessageKey: null,
};

let nameTimer = null;
let resultTimer = null;
let pollTimer = null;

// ---------------------------------------------------------------- pure helpers

/** 'low' < 70 % ≤ 'mid' < 90 % ≤ 'high' < 100 % ≤ 'full' (same bands as the dashboard). */
export function fillLevel(inside, capacity) {
  if (!(capacity > 0)) return 'low';
  const ratio = inside / capacity;
  if (ratio >= 1) return 'full';
  if (ratio >= 0.9) return 'high';
  if (ratio >= 0.7) return 'mid';
  return 'low';
}

export function toneOf(decision) {
  if (OK_DECISIONS.has(decision)) return 'ok';
  if (NEUTRAL_DECISIONS.has(decision)) return 'neutral';
  return 'bad';
}

function personName(a) {
  if (!a) return '';
  return [a.title, a.firstName, a.lastName].filter((s) => s && String(s).trim()).join(' ');
}

function readStoredRoom() {
  try {
    const v = Number.parseInt(localStorage.getItem(ROOM_KEY) ?? '', 10);
    return Number.isFinite(v) ? v : null;
  } catch { return null; }
}

function storeRoom(id) {
  try {
    if (id === null) localStorage.removeItem(ROOM_KEY);
    else localStorage.setItem(ROOM_KEY, String(id));
  } catch { /* not remembered, still chosen */ }
}

function loginUrl() {
  return api.signInUrl(`/door/${location.search}`);
}

// ---------------------------------------------------------------- network

/** status 0: offline, DNS, reset, timeout. A 401 is the caller's: a scan waits in the outbox for a new sign-in. */
function request(method, url, body) {
  return api.request(method, url, body, { timeoutMs: REQUEST_TIMEOUT_MS });
}

const outbox = new Outbox({
  store: storedQueue(OUTBOX_KEY),
  answeredStore: storedQueue(ANSWERED_KEY),
  askUnknown: (ids) => request('POST', '/api/presence/unknown', { clientScanIds: ids }),
  send: (body) => request('POST', '/api/presence', body),
  // A scan sent again after a restore of the server is old news at the door: only its room count is shown.
  onLateReply: (entry, reply) => (entry.resent ? applyRoom(reply.data?.room) : handleReply(entry, reply, true)),
  onChange: ({ pending, lastStatus }) => {
    state.pending = pending;
    state.lastNetStatus = lastStatus;
    if (lastStatus !== 401 && lastStatus !== 0 && state.authLost && lastStatus !== null) state.authLost = false;
    if (lastStatus === 401) state.authLost = true;
    renderNetwork();
  },
});

// ---------------------------------------------------------------- rooms

/** Takes a room from any answer; an older sequence number never overwrites a newer one. */
function applyRoom(room) {
  if (!room || typeof room.roomId !== 'number') return;
  const known = state.rooms.get(room.roomId);
  if (known && typeof known.seq === 'number' && typeof room.seq === 'number' && room.seq < known.seq) return;
  state.rooms.set(room.roomId, { ...known, ...room });
}

async function loadRooms() {
  const reply = await request('GET', `/api/events/${state.event.id}/rooms`);
  if (reply.status === 401) { state.authLost = true; renderNetwork(); return false; }
  if (reply.status === 403) { showStatus({ titleKey: 'door.forbidden.title', textKey: 'door.forbidden.text', link: true }); return false; }
  if (reply.status !== 200 || !Array.isArray(reply.data)) {
    state.roomsFailing = true;
    renderNetwork();
    return false;
  }
  for (const room of reply.data) applyRoom(room);
  // Rooms removed on the server disappear from the choice.
  const ids = new Set(reply.data.map((r) => r.roomId));
  for (const id of [...state.rooms.keys()]) if (!ids.has(id)) state.rooms.delete(id);
  state.roomsFailing = false;
  state.lastRoomsAt = new Date();
  if (state.authLost && state.pending === 0) state.authLost = false;
  return true;
}

function schedulePoll() {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    if (state.screen === 'door' || state.screen === 'choose') {
      await loadRooms();
      if (state.screen === 'door' && state.roomId !== null && !state.rooms.has(state.roomId) && !state.roomsFailing) {
        chooseRoom(null);
      }
      render();
    }
    schedulePoll();
  }, POLL_MS);
}

function chooseRoom(id) {
  stopCamera();
  state.resultSerial += 1;   // answers still on their way belong to the previous room
  state.roomId = id;
  storeRoom(id);
  clearResult();
  state.screen = id === null ? 'choose' : 'door';
  render();
  if (id === null) el.roomList.querySelector('button')?.focus();
}

// ---------------------------------------------------------------- scanning

function clearTimers() {
  clearTimeout(nameTimer);
  clearTimeout(resultTimer);
}

function clearResult() {
  clearTimers();
  state.result = { kind: 'idle' };
}

/** Shows a result; the name disappears after 4 s, the whole result after 10 s. */
function showResult(result) {
  clearTimers();
  state.result = result;
  if (result.name) {
    nameTimer = setTimeout(() => { state.result = { ...state.result, name: null }; renderResult(); }, NAME_VISIBLE_MS);
  }
  if (result.kind === 'decision' || result.kind === 'error') {
    resultTimer = setTimeout(() => { state.result = { kind: 'idle' }; renderResult(); }, RESULT_VISIBLE_MS);
  }
  renderResult();
}

function handleReply(entry, reply, lateReply) {
  // The newest scan takes over the result area; an answer that comes late through the outbox does too,
  // marked as such, as long as the door screen still shows that room.
  const current = entry.serial === state.resultSerial;
  const late = lateReply && entry.body.roomId === state.roomId && state.screen === 'door';
  if (reply.status === 200 && reply.data) {
    const data = reply.data;
    applyRoom(data.room);
    state.lastRoomsAt = new Date();
    if (current || late) {
      const name = entry.anonymous ? t('door.anonymousPerson') : personName(data.attendee);
      showResult({
        kind: 'decision',
        decision: String(data.decision),
        name: name || null,
        conflict: data.conflict || null,
        anonymous: entry.anonymous,
        late,
      });
    }
    render();
    return;
  }
  // Decided without a count: tell the person at the door why.
  if (!current && !late) return;
  if (reply.status === 403) showResult({ kind: 'error', textKey: 'door.forbidden', late });
  else if (reply.status === 404) {
    showResult({ kind: 'error', textKey: 'door.roomGone', late });
    loadRooms().then(render);
  } else {
    const detail = api.problemText(reply.data) || String(reply.status);
    showResult({ kind: 'error', textKey: 'door.badRequest', params: { detail }, late });
  }
}

async function sendScan({ token, anonymous, direction }) {
  if (state.roomId === null) return;
  const serial = ++state.resultSerial;
  const entry = {
    serial,
    anonymous,
    body: {
      token: anonymous ? null : token,
      attendeeId: null,
      anonymous,
      roomId: state.roomId,
      direction,
      clientScanId: newScanId(),
      scannedAt: new Date().toISOString(),
    },
  };
  showResult({ kind: 'sending' });
  const outcome = await outbox.submit(entry);
  if (outcome.queued) {
    if (serial === state.resultSerial) showResult({ kind: 'queued' });
    return;
  }
  handleReply(entry, outcome.reply, false);
}

let lastCode = null;
let lastCodeAt = 0;

/** A badge code from the scanner field or the camera. The same code again within 2 s is a double read. */
function submitCode(raw) {
  const code = String(raw ?? '').trim();
  if (!code || state.screen !== 'door') return;
  const now = Date.now();
  if (code === lastCode && now - lastCodeAt < REPEAT_WINDOW_MS) {
    lastCodeAt = now;
    return;
  }
  lastCode = code;
  lastCodeAt = now;
  sendScan({ token: code, anonymous: false, direction: state.direction });
}

// ---------------------------------------------------------------- camera

let stream = null;
let detector = null;
let scanLoop = null;

async function startCamera() {
  state.cameraMessageKey = null;
  if (!('BarcodeDetector' in window)) return cameraProblem('door.camera.unsupported');
  if (!window.isSecureContext) return cameraProblem('door.camera.insecure');
  if (!navigator.mediaDevices?.getUserMedia) return cameraProblem('door.camera.unsupported');
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats?.();
    if (Array.isArray(formats) && !formats.includes('qr_code')) return cameraProblem('door.camera.unsupported');
    detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  } catch {
    return cameraProblem('door.camera.unsupported');
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (e) {
    return cameraProblem(e?.name === 'NotAllowedError' || e?.name === 'SecurityError' ? 'door.camera.denied' : 'door.camera.failed');
  }
  el.video.srcObject = stream;
  el.cameraPanel.hidden = false;
  try { await el.video.play(); } catch { /* autoplay of a muted inline video is allowed; ignore */ }
  renderCamera();
  const tick = async () => {
    if (!stream) return;
    try {
      if (el.video.readyState >= 2) {
        const codes = await detector.detect(el.video);
        for (const c of codes) if (c.rawValue) { submitCode(c.rawValue); break; }
      }
    } catch { /* a frame that could not be read */ }
    if (stream) scanLoop = setTimeout(tick, 200);
  };
  tick();
}

function cameraProblem(key) {
  stopCamera();
  state.cameraMessageKey = key;
  renderCamera();
  el.scanner.focus({ preventScroll: false });
}

function stopCamera() {
  clearTimeout(scanLoop);
  scanLoop = null;
  if (stream) for (const track of stream.getTracks()) track.stop();
  stream = null;
  el.video.srcObject = null;
  el.cameraPanel.hidden = true;
  renderCamera();
}

// ---------------------------------------------------------------- rendering

function showStatus(info) {
  stopCamera();
  state.screen = 'status';
  state.statusInfo = info;
  render();
}

function render() {
  el.loading.hidden = state.screen !== 'loading';
  el.choose.hidden = state.screen !== 'choose';
  el.door.hidden = state.screen !== 'door';
  el.status.hidden = state.screen !== 'status';
  el.eventName.textContent = state.event?.name ?? '';
  if (state.screen === 'choose') renderChoice();
  if (state.screen === 'door') renderDoor();
  if (state.screen === 'status') renderStatus();
}

function renderChoice() {
  const rooms = [...state.rooms.values()].sort((a, b) => String(a.name).localeCompare(String(b.name), undefined, { numeric: true }));
  el.noRooms.hidden = rooms.length > 0;
  const focusedId = document.activeElement?.dataset?.roomId;
  el.roomList.replaceChildren(...rooms.map((room) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    const level = fillLevel(room.inside ?? 0, room.capacity);
    button.type = 'button';
    button.className = `room-choice fill-${level}`;
    button.dataset.testid = 'room-choice';
    button.dataset.roomId = String(room.roomId);
    button.dataset.fill = level;
    if (room.roomId === state.roomId) button.setAttribute('aria-current', 'true');

    const text = document.createElement('span');
    text.className = 'rc-text';
    const name = document.createElement('span');
    name.className = 'rc-name';
    name.textContent = room.name;
    const kind = document.createElement('span');
    kind.className = 'rc-kind';
    kind.textContent = hasText(`kind.${room.kind}`) ? t(`kind.${room.kind}`) : String(room.kind ?? '');
    text.append(name, kind);

    const count = document.createElement('span');
    count.className = 'rc-count';
    count.textContent = room.capacity > 0
      ? t('door.roomSummary', { inside: room.inside ?? 0, capacity: room.capacity })
      : t('door.roomSummaryNoCap', { inside: room.inside ?? 0 });
    if (level === 'full') {
      const full = document.createElement('span');
      full.className = 'rc-full';
      full.textContent = t('fill.full');
      count.append(' ', full);
    }
    button.append(text, count);
    button.addEventListener('click', () => chooseRoom(room.roomId));
    li.append(button);
    return li;
  }));
  if (focusedId) el.roomList.querySelector(`[data-room-id="${focusedId}"]`)?.focus();
}

function renderDoor() {
  const room = state.rooms.get(state.roomId);
  if (!room) return;
  el.roomName.textContent = room.name;
  el.roomKind.textContent = hasText(`kind.${room.kind}`) ? t(`kind.${room.kind}`) : String(room.kind ?? '');
  const inside = room.inside ?? 0;
  const capacity = room.capacity;
  const level = fillLevel(inside, capacity);
  el.occupancy.className = `occupancy fill-${level}`;
  el.inside.textContent = String(inside);
  el.capacity.textContent = capacity > 0 ? String(capacity) : '–';
  el.occWord.textContent = capacity > 0 ? t(`fill.${level}`) : '';
  el.fill.dataset.fill = level;
  const percent = capacity > 0 ? Math.min(100, Math.floor((inside / capacity) * 100)) : 0;
  el.fillBar.style.width = `${percent}%`;
  el.fill.setAttribute('aria-valuenow', String(percent));
  el.fill.setAttribute('aria-valuetext', capacity > 0
    ? `${t('door.roomSummary', { inside, capacity })}, ${t(`fill.${level}`)}`
    : t('door.roomSummaryNoCap', { inside }));
  renderCaption();
  for (const b of el.dirButtons) b.setAttribute('aria-pressed', String(b.dataset.dir === state.direction));
  el.user.textContent = state.me?.name ? t('door.signedInAs', { name: state.me.name }) : '';
  renderNetwork();
  renderResult();
  renderCamera();
}

/** The line under the bar: what the numbers mean, or how old they are while the server is out of reach. */
function renderCaption() {
  const room = state.rooms.get(state.roomId);
  if (!room) return;
  const stale = isOffline() && state.lastRoomsAt;
  el.occCaption.classList.toggle('stale', Boolean(stale));
  if (stale) el.occCaption.textContent = t('door.stale', { time: formatTime(state.lastRoomsAt) });
  else el.occCaption.textContent = room.capacity > 0
    ? `${t('door.insideLabel')} · ${t('door.ofCapacity', { capacity: room.capacity })}`
    : t('door.noCapacity');
}

function isOffline() {
  return state.roomsFailing || (state.pending > 0 && state.lastNetStatus !== 401);
}

function renderNetwork() {
  const n = state.pending;
  el.pending.hidden = n === 0;
  el.pending.dataset.count = String(n);
  el.pending.textContent = n === 0 ? '' : t(n === 1 ? 'door.pending.one' : 'door.pending.other', { n });
  el.authBanner.hidden = !state.authLost;
  el.authLink.href = loginUrl();
  // The waiting-scans line already says the connection is gone; the banner is for when nothing waits.
  el.netBanner.hidden = !(state.roomsFailing && n === 0);
  el.netBanner.textContent = t('door.offline');
  if (state.screen === 'door') renderCaption();
}

function renderResult() {
  const r = state.result;
  const box = el.result;
  let tone = 'idle';
  let decisionAttr = 'Idle';
  let text = t('door.ready');
  if (r.kind === 'sending') { tone = 'pending'; decisionAttr = 'Sending'; text = t('door.sending'); }
  if (r.kind === 'queued') {
    tone = 'pending';
    decisionAttr = 'Queued';
    text = t(state.lastNetStatus === 401 ? 'door.queuedAuth' : 'door.queued');
  }
  if (r.kind === 'error') { tone = 'bad'; decisionAttr = 'Error'; text = t(r.textKey, r.params); }
  if (r.kind === 'decision') {
    tone = toneOf(r.decision);
    decisionAttr = r.decision;
    const anonymousKey = r.anonymous && OK_DECISIONS.has(r.decision) ? `decision.anonymous.${r.decision}` : null;
    const key = anonymousKey ?? `decision.${r.decision}`;
    text = hasText(key) ? t(key) : t('decision.other', { decision: r.decision });
  }
  box.className = `result tone-${tone}`;
  box.dataset.decision = decisionAttr;
  el.resultText.textContent = text;
  el.resultName.hidden = !r.name;
  el.resultName.textContent = r.name ?? '';
  el.resultConflict.hidden = !r.conflict;
  el.resultConflict.textContent = r.conflict ? t('door.conflict', { text: r.conflict }) : '';
  el.resultTag.hidden = !r.late;
  el.resultTag.textContent = r.late ? t('door.late') : '';
}

function renderCamera() {
  const on = stream !== null;
  el.cameraButton.setAttribute('aria-pressed', String(on));
  el.cameraButton.textContent = t(on ? 'door.camera.stop' : 'door.camera');
  el.cameraMessage.hidden = !state.cameraMessageKey;
  el.cameraMessage.textContent = state.cameraMessageKey ? t(state.cameraMessageKey) : '';
}

function renderStatus() {
  const info = state.statusInfo ?? {};
  el.statusTitle.textContent = info.titleKey ? t(info.titleKey) : '';
  el.statusText.textContent = info.textKey ? t(info.textKey) : '';
  el.statusLink.hidden = !info.link;
  if (info.link) {
    el.statusLink.href = loginUrl();
    el.statusLink.textContent = t('door.forbidden.other');
  }
  el.statusRetry.hidden = !info.retry;
}

// ---------------------------------------------------------------- events

el.changeRoom.addEventListener('click', () => chooseRoom(null));

for (const b of el.dirButtons) {
  b.addEventListener('click', () => {
    state.direction = b.dataset.dir;
    renderDoor();
  });
}

el.plus.addEventListener('click', () => sendScan({ token: null, anonymous: true, direction: 'In' }));
el.minus.addEventListener('click', () => sendScan({ token: null, anonymous: true, direction: 'Out' }));

el.scannerForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = el.scanner.value;
  el.scanner.value = '';
  submitCode(value);
});

// A pasted code counts at once; a paste with several lines sends each line.
el.scanner.addEventListener('paste', (event) => {
  const text = event.clipboardData?.getData('text');
  if (typeof text !== 'string') return;
  event.preventDefault();
  const lines = (el.scanner.value + text).split(/[\r\n]+/).map((s) => s.trim()).filter(Boolean);
  el.scanner.value = '';
  for (const line of lines) submitCode(line);
});

// Some scanners end with CR/LF typed as text into the field instead of an Enter key.
el.scanner.addEventListener('input', () => {
  if (/[\r\n]/.test(el.scanner.value)) {
    const lines = el.scanner.value.split(/[\r\n]+/).map((s) => s.trim()).filter(Boolean);
    el.scanner.value = '';
    for (const line of lines) submitCode(line);
  }
});

// A keyboard-wedge scanner types wherever the focus is. When the focus sits on a button (after a tap on
// +1, say), the typed characters go into the scanner field instead, so the final Enter cannot press that button.
document.addEventListener('keydown', (event) => {
  if (state.screen !== 'door' || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  const target = event.target;
  if (target === el.scanner) return;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target?.isContentEditable) return;
  if (event.key.length !== 1 || (event.key === ' ' && el.scanner.value === '')) return;
  event.preventDefault();
  el.scanner.value += event.key;
  el.scanner.focus({ preventScroll: true });
});

el.cameraButton.addEventListener('click', () => {
  if (stream) stopCamera();
  else startCamera();
});

el.statusRetry.addEventListener('click', () => start());

document.addEventListener('visibilitychange', () => {
  if (document.hidden) stopCamera();
  else if (state.event) loadRooms().then(render);
});

// Scans still waiting survive a reload in the phone's storage, but are only sent while this page is open.
window.addEventListener('beforeunload', (event) => {
  if (outbox.pending > 0) { event.preventDefault(); event.returnValue = ''; }
});

onLanguageChange(() => render());

// ---------------------------------------------------------------- start

async function start() {
  state.screen = 'loading';
  render();
  const me = await request('GET', '/api/auth/me');
  if (me.status === 401) { location.assign(loginUrl()); return; }
  if (me.status === 403) { showStatus({ titleKey: 'door.forbidden.title', textKey: 'door.forbidden.text', link: true }); return; }
  if (me.status !== 200 || !me.data) { showStatus({ titleKey: 'door.loadError', retry: true }); return retryLater(); }
  state.me = me.data;

  const events = await request('GET', '/api/events');
  if (events.status === 401) { location.assign(loginUrl()); return; }
  if (events.status === 403) { showStatus({ titleKey: 'door.forbidden.title', textKey: 'door.forbidden.text', link: true }); return; }
  if (events.status !== 200 || !Array.isArray(events.data)) { showStatus({ titleKey: 'door.loadError', retry: true }); return retryLater(); }
  if (events.data.length === 0) { showStatus({ titleKey: 'door.noEvents' }); return; }
  const wanted = Number.parseInt(new URLSearchParams(location.search).get('event') ?? '', 10);
  state.event = events.data.find((e) => e.id === wanted) ?? events.data[0];

  if (!(await loadRooms())) {
    if (state.screen !== 'status') { showStatus({ titleKey: 'door.loadError', retry: true }); retryLater(); }
    return;
  }
  const stored = readStoredRoom();
  state.roomId = stored !== null && state.rooms.has(stored) ? stored : null;
  state.screen = state.roomId === null ? 'choose' : 'door';
  render();
  schedulePoll();
}

let retryTimer = null;
function retryLater() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => { if (state.screen === 'status' && state.statusInfo?.retry) start(); }, POLL_MS);
}

mountLanguageToggle(document.querySelector('[data-testid="language-toggle"]'));
applyStaticTexts();
start();
