// Organizer live dashboard: snapshot from /api/events/{id}/dashboard, hints over SignalR (/hubs/live?eventId=N,
// the official client loaded before this module as the global `signalR`), a 30 s poll as fallback.
// Shows counts, room and kiosk names only — never attendee data.

import {
  t, formatNumber, formatPercent, formatTime, formatDate,
  applyStaticTexts, mountLanguageToggle, onLanguageChange,
} from './i18n.js';
import * as api from '../api.js';

const DEFAULT_TIME_ZONE = 'Europe/Berlin';
const BUCKET_MS = 15 * 60 * 1000;
const POLL_MS = 30_000;
const TERMINALS_DEBOUNCE_MS = 2_000;
const ARRIVALS_THROTTLE_MS = 10_000;
const STALE_AFTER_MS = 75_000;
/** Delays before reconnect attempt n (1-based); after the list, the last one repeats: a wall screen never gives up. */
const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10000];
const ROOM_ALERT_KINDS = new Set(['RoomAlmostFull', 'RoomFull']);
const CRITICAL_ALERTS = new Set(['RoomFull', 'KioskOffline', 'PrinterProblem']);
const ALERT_ORDER = ['RoomFull', 'KioskOffline', 'PrinterProblem', 'RoomAlmostFull', 'Conflicts'];
const PRINTER_PROBLEMS = new Set(['PaperOut', 'CoverOpen', 'Offline']);

// ---------------------------------------------------------------- state

const state = {
  eventId: null,
  events: [],
  snapshot: null,          // last snapshot (rooms live in state.rooms)
  rooms: new Map(),        // roomId -> room (merged with live updates)
  roomOrder: [],
  serverAlerts: [],
  lastLoadedAt: null,
  loadFailed: false,
  liveState: 'connecting',
  stopped: false,          // forbidden / not found: no more polling
};

const $ = (id) => document.getElementById(id);
const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

function timeZone() {
  return state.snapshot?.event?.timeZone || DEFAULT_TIME_ZONE;
}

// ---------------------------------------------------------------- pure helpers (exported for tests)

/** 'low' < 70 % ≤ 'mid' < 90 % ≤ 'high' < 100 % ≤ 'full'. Rooms without capacity count as 'low'. */
export function fillLevel(inside, capacity) {
  if (!(capacity > 0)) return 'low';
  const ratio = inside / capacity;
  if (ratio >= 1) return 'full';
  if (ratio >= 0.9) return 'high';
  if (ratio >= 0.7) return 'mid';
  return 'low';
}

/** Percentage rounded down, so the number shown never claims a higher band than the colour. */
export function fillRatio(inside, capacity) {
  if (!(capacity > 0)) return null;
  return Math.floor((inside / capacity) * 100) / 100;
}

/** Fills gaps between 15-minute buckets with zeros and extends to the current bucket. */
export function buildSeries(arrivals, nowMs) {
  const points = (arrivals ?? [])
    .map((a) => ({ from: Date.parse(a.from), count: Number(a.count) || 0 }))
    .filter((p) => Number.isFinite(p.from))
    .sort((a, b) => a.from - b.from);
  if (points.length === 0) return [];
  const start = points[0].from;
  const aligned = points.every((p) => (p.from - start) % BUCKET_MS === 0);
  let end = points[points.length - 1].from;
  const currentStart = start + Math.floor((nowMs - start) / BUCKET_MS) * BUCKET_MS;
  if (currentStart > end && currentStart - end <= 4 * 60 * 60 * 1000) end = currentStart;
  if (!aligned || (end - start) / BUCKET_MS > 400) return points;
  const counts = new Map(points.map((p) => [p.from, p.count]));
  const series = [];
  for (let from = start; from <= end; from += BUCKET_MS) series.push({ from, count: counts.get(from) ?? 0 });
  return series;
}

/** Axis maximum and step (1-2-5 steps, at most about four grid lines). */
export function niceScale(max) {
  const raw = Math.max(1, max) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = magnitude;
  for (const m of [1, 2, 5, 10]) {
    if (m * magnitude >= raw) { step = m * magnitude; break; }
  }
  step = Math.max(1, Math.round(step));
  return { step, top: Math.max(step, Math.ceil(Math.max(1, max) / step) * step) };
}

// ---------------------------------------------------------------- DOM helpers

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  appendChildren(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  appendChildren(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function appendChildren(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

// ---------------------------------------------------------------- HTTP

function dashboardPath() {
  return state.eventId ? `/dashboard/?event=${state.eventId}` : location.pathname + location.search;
}

/** A 401 goes to sign-in (back to this event), a 403 shows the forbidden page; either way it throws. */
async function getJson(url) {
  try {
    return await api.getJson(url, { signIn: dashboardPath() });
  } catch (error) {
    if (error.status === 403) showForbidden();
    throw error;
  }
}

// ---------------------------------------------------------------- snapshot loading

let inflight = null;
let loadAgain = false;
let lastFetchStartedAt = 0;
let throttleTimer = null;
let debounceTimer = null;

function loadSnapshot() {
  if (state.stopped || state.eventId === null) return Promise.resolve();
  if (inflight) { loadAgain = true; return inflight; }
  lastFetchStartedAt = Date.now();
  inflight = (async () => {
    try {
      const snapshot = await getJson(`/api/events/${encodeURIComponent(state.eventId)}/dashboard`);
      applySnapshot(snapshot);
      state.loadFailed = false;
      state.lastLoadedAt = Date.now();
    } catch (error) {
      if (error.status === 404) showStatus('dash.notFound', 'dash.notFound');
      else if (error.status !== 401 && error.status !== 403) state.loadFailed = true;
    } finally {
      inflight = null;
      renderUpdated();
      $('dashboard').setAttribute('aria-busy', 'false');
      if (loadAgain) { loadAgain = false; loadSnapshot(); }
    }
  })();
  return inflight;
}

/** At most one snapshot per ARRIVALS_THROTTLE_MS for arrival hints. */
function loadSnapshotThrottled() {
  if (throttleTimer) return;
  const wait = Math.max(0, lastFetchStartedAt + ARRIVALS_THROTTLE_MS - Date.now());
  throttleTimer = setTimeout(() => { throttleTimer = null; loadSnapshot(); }, wait);
}

function loadSnapshotDebounced() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(loadSnapshot, TERMINALS_DEBOUNCE_MS);
}

function applySnapshot(snapshot) {
  const rooms = new Map();
  const order = [];
  for (const incoming of snapshot.rooms ?? []) {
    const known = state.rooms.get(incoming.roomId);
    const room = { ...incoming, liveUpdated: false };
    // A live message may already be newer than this snapshot: keep its numbers.
    if (known && typeof known.seq === 'number' && typeof incoming.seq === 'number' && known.seq > incoming.seq) {
      room.inside = known.inside;
      room.capacity = known.capacity;
      room.seq = known.seq;
      room.liveUpdated = true;
    }
    rooms.set(room.roomId, room);
    order.push(room.roomId);
  }
  state.rooms = rooms;
  state.roomOrder = order;
  state.snapshot = snapshot;
  state.serverAlerts = snapshot.alerts ?? [];
  renderAll();
}

// ---------------------------------------------------------------- live hints

/** Hints for this event only (the hub sends no other, an older server did). */
function forThisEvent(handler) {
  return (payload = {}) => {
    if (payload.eventId !== undefined && payload.eventId !== null && payload.eventId !== state.eventId) return;
    handler(payload);
  };
}

function onOccupancy({ roomId, inside, capacity, seq }) {
  const room = state.rooms.get(roomId);
  if (!room || typeof seq !== 'number' || typeof room.seq !== 'number') {
    // A room we do not know yet (or no sequence to compare): ask for the full picture, gently.
    loadSnapshotThrottled();
    return;
  }
  if (seq <= room.seq) return; // stale or duplicate
  const missed = seq > room.seq + 1;
  if (typeof inside === 'number') room.inside = inside;
  if (typeof capacity === 'number') room.capacity = capacity;
  room.seq = seq;
  room.liveUpdated = true;
  const old = document.querySelector(`[data-testid="room-tile"][data-room-id="${CSS.escape(String(roomId))}"]`);
  if (old) old.replaceWith(renderRoomTile(room));
  else renderRooms();
  renderAlerts();
  if (missed) loadSnapshot();
}

function onArrivals({ arrived, registered }) {
  if (!state.snapshot) { loadSnapshot(); return; }
  if (typeof arrived === 'number') state.snapshot.arrived = arrived;
  if (typeof registered === 'number') state.snapshot.registered = registered;
  renderKpi();
  loadSnapshotThrottled(); // the chart's current bucket comes with the snapshot
}

function onLiveState(liveState) {
  if (state.liveState === liveState) return;
  state.liveState = liveState;
  renderLiveIndicator();
}

/**
 * The hub connection: 'connecting' until the first connection, 'reconnecting' after a loss. Every (re)connect
 * fetches the snapshot, since hints sent meanwhile are lost. The client's own reconnect only follows a
 * connection that once stood, so a first start that fails is retried here, with the same delays.
 * No negotiate round trip: the WebSocket goes straight to the hub, so behind a proxy without sticky sessions
 * it cannot land on another instance than the negotiation did. A refused upgrade carries no status code,
 * so every failed start asks for the snapshot, which goes to sign-in (401) or shows the 403 page.
 */
function connectLive() {
  const { HubConnectionBuilder, HttpTransportType, LogLevel } = window.signalR;
  const delay = (attempt) => RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length) - 1];
  const refused = (error) => error?.statusCode === 401 || error?.statusCode === 403;
  const connection = new HubConnectionBuilder()
    .withUrl(`/hubs/live?eventId=${encodeURIComponent(state.eventId)}`, { transport: HttpTransportType.WebSockets, skipNegotiation: true })
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: ({ previousRetryCount, retryReason }) => {
        // A reconnect that failed may have been refused: the snapshot request goes to sign-in (401) or shows the 403 page.
        if (previousRetryCount > 0 || refused(retryReason)) loadSnapshot();
        return state.stopped ? null : delay(previousRetryCount + 1);
      },
    })
    .configureLogging(LogLevel.Warning)
    .build();
  connection.on('occupancyChanged', forThisEvent(onOccupancy));
  connection.on('arrivalsChanged', forThisEvent(onArrivals));
  connection.on('terminalsChanged', forThisEvent(loadSnapshotDebounced));
  connection.on('printBatchesChanged', forThisEvent(loadSnapshotDebounced));
  connection.onreconnecting(() => onLiveState('reconnecting'));
  connection.onreconnected(() => { onLiveState('live'); loadSnapshot(); });

  let attempt = 0;
  let everConnected = false;
  let starting = false;
  let retryTimer = null;
  const start = async () => {
    retryTimer = null;
    if (state.stopped) return;
    starting = true;
    try {
      await connection.start();
    } catch (error) {
      starting = false;
      if (state.stopped) return;
      loadSnapshot();
      attempt += 1;
      onLiveState(everConnected ? 'reconnecting' : 'connecting');
      retryTimer = setTimeout(start, delay(attempt));
      return;
    }
    starting = false;
    attempt = 0;
    everConnected = true;
    onLiveState('live');
    loadSnapshot();
  };
  // Closed for good (the server refused a reconnect, or the client's retries ended): start over.
  connection.onclose(() => {
    if (state.stopped || starting || retryTimer) return;
    onLiveState(everConnected ? 'reconnecting' : 'connecting');
    attempt += 1;
    retryTimer = setTimeout(start, delay(attempt));
  });
  start();
  return {
    stop() {
      clearTimeout(retryTimer);
      connection.stop();
    },
  };
}

// ---------------------------------------------------------------- rendering

function renderAll() {
  if (!state.snapshot) return;
  renderHeader();
  renderKpi();
  renderChart();
  renderRooms();
  renderTerminals();
  renderBatches();
  renderAlerts();
  renderUpdated();
}

function renderHeader() {
  const name = state.snapshot?.event?.name ?? '';
  $('event-name').textContent = name || '\u00a0';
  document.title = name ? `${name} · ${t('dash.title')}` : t('dash.title');
  const select = $('event-select');
  if (state.events.length > 1) {
    select.replaceChildren(...state.events.map((e) =>
      h('option', { value: e.id, selected: e.id === state.eventId }, e.name)));
    $('event-select-wrap').hidden = false;
    $('event-name').hidden = true;
  }
}

function renderKpi() {
  const snap = state.snapshot;
  if (!snap) return;
  const arrived = snap.arrived ?? 0;
  const registered = snap.registered ?? 0;
  const ratio = registered > 0 ? arrived / registered : 0;
  byTestId('kpi-arrived').textContent = formatNumber(arrived);
  byTestId('kpi-registered').textContent = formatNumber(registered);
  const percent = formatPercent(ratio, 1);
  $('kpi-percent').textContent = percent;
  $('kpi-bar').style.width = `${Math.min(100, ratio * 100)}%`;
  $('kpi-main').setAttribute('aria-label', t('kpi.aria', {
    arrived: formatNumber(arrived), registered: formatNumber(registered), percent,
  }));
  const series = buildSeries(snap.arrivals, Date.now());
  const current = series.find((b) => b.from <= Date.now() && Date.now() < b.from + BUCKET_MS);
  const parts = [t('kpi.open', { n: formatNumber(Math.max(0, registered - arrived)) })];
  if (current) parts.push(t('kpi.lastBucket', { n: formatNumber(current.count) }));
  $('kpi-sub').textContent = parts.join(' · ');
}

let chartBucketKey = null;

function renderChart() {
  const container = $('arrivals-chart');
  const snap = state.snapshot;
  if (!snap) return;
  const now = Date.now();
  const tz = timeZone();
  const series = buildSeries(snap.arrivals, now);
  chartBucketKey = Math.floor(now / BUCKET_MS);
  if (series.length === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, t('chart.empty')));
    return;
  }

  const width = Math.max(200, container.clientWidth);
  const height = Math.max(120, container.clientHeight);
  const em = parseFloat(getComputedStyle(container).fontSize) || 16;
  const margin = { top: em * 1.7, right: em * 0.5, bottom: em * 1.9, left: em * 3 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const maxCount = Math.max(...series.map((b) => b.count));
  const { step, top } = niceScale(maxCount);
  const y = (v) => margin.top + plotH - (v / top) * plotH;
  const band = plotW / series.length;
  const gap = Math.min(band * 0.2, 6);
  const barW = Math.max(1, band - gap);
  const labels = series.map((b) => formatTime(b.from, tz));
  const currentIndex = series.findIndex((b) => b.from <= now && now < b.from + BUCKET_MS);

  const svg = s('svg', {
    class: 'chart-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': t('chart.aria', {
      from: labels[0], to: formatTime(series[series.length - 1].from + BUCKET_MS, tz), max: formatNumber(maxCount),
    }),
  });

  // Grid lines and y labels
  for (let v = 0; v <= top; v += step) {
    const yy = Math.round(y(v)) + 0.5;
    svg.append(
      s('line', { class: v === 0 ? 'axis' : 'grid', x1: margin.left, x2: width - margin.right, y1: yy, y2: yy }),
      s('text', { class: 'tick', x: margin.left - em * 0.4, y: yy, 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        formatNumber(v)),
    );
  }

  // Current quarter hour: a light band behind it, so it stands out even with zero arrivals
  if (currentIndex >= 0) {
    svg.append(s('rect', {
      class: 'now-band', x: (margin.left + currentIndex * band).toFixed(1), y: margin.top,
      width: band.toFixed(1), height: plotH.toFixed(1),
    }));
  }

  // Bars
  series.forEach((b, i) => {
    const x = margin.left + i * band + gap / 2;
    const barTop = y(b.count);
    const barH = Math.max(b.count > 0 ? 2 : 0, margin.top + plotH - barTop);
    const title = t('chart.bar', { from: labels[i], to: formatTime(b.from + BUCKET_MS, tz), n: formatNumber(b.count) });
    svg.append(s('rect', {
      class: i === currentIndex ? 'bar current' : 'bar',
      x: x.toFixed(1), y: (margin.top + plotH - barH).toFixed(1), width: barW.toFixed(1), height: barH.toFixed(1),
      rx: Math.min(3, barW / 3),
    }, s('title', {}, title)));
  });

  // X labels: at whole quarter/half/hours, spaced so they never overlap
  const minLabelGap = em * 3.6;
  const strides = [1, 2, 4, 8, 12, 16, 24, 48, 96];
  const stride = strides.find((k) => band * k >= minLabelGap) ?? strides[strides.length - 1];
  series.forEach((b, i) => {
    const [hh, mm] = labels[i].split(':').map(Number);
    if (((hh * 60 + mm) / 15) % stride !== 0) return;
    const x = margin.left + i * band;
    svg.append(
      s('line', { class: 'axis', x1: x, x2: x, y1: margin.top + plotH, y2: margin.top + plotH + em * 0.3 }),
      s('text', { class: 'tick', x, y: height - em * 0.45, 'text-anchor': 'middle' }, labels[i]),
    );
  });

  // "now" marker: a word plus the count, not just a colour
  if (currentIndex >= 0) {
    const b = series[currentIndex];
    const cx = margin.left + currentIndex * band + band / 2;
    const nearRight = cx > width - em * 4;
    const nearLeft = cx < margin.left + em * 3;
    svg.append(s('text', {
      class: 'now-label',
      x: nearRight ? margin.left + (currentIndex + 1) * band : cx,
      y: margin.top - em * 0.45, // above the plot area: never collides with bars
      'text-anchor': nearRight ? 'end' : nearLeft ? 'start' : 'middle',
    }, `${t('chart.now')}: ${formatNumber(b.count)}`));
  }

  container.replaceChildren(svg);
}

function sessionLine(labelKey, session, tz) {
  if (!session) return null;
  const from = formatTime(session.startsAt, tz);
  const to = session.endsAt ? formatTime(session.endsAt, tz) : '';
  return h('div', { class: 'session' },
    h('dt', {}, t(labelKey)),
    h('dd', {},
      h('span', { class: 'session-time' }, to ? `${from}–${to}` : from),
      ' ',
      h('span', { class: 'session-title' }, session.title ?? ''),
      session.booked > 0 || session.waitlisted > 0
        ? h('span', { class: 'session-seats' }, [
          t('rooms.booked', { booked: session.booked ?? 0, seats: session.seats ?? 0 }),
          session.waitlisted > 0 ? t('rooms.waitlist', { count: session.waitlisted }) : null,
        ].filter(Boolean).join(' · '))
        : null));
}

function renderRoomTile(room) {
  const tz = timeZone();
  const capacity = room.capacity > 0 ? room.capacity : null;
  const level = fillLevel(room.inside ?? 0, capacity);
  const ratio = fillRatio(room.inside ?? 0, capacity);
  const percent = ratio === null ? '' : formatPercent(ratio);
  const word = ratio === null ? t('rooms.noCapacity') : t(`fill.${level}`);
  const kindLabel = t(`kind.${room.kind}`);
  const sessions = [sessionLine('rooms.now', room.sessionNow, tz), sessionLine('rooms.next', room.sessionNext, tz)]
    .filter(Boolean);

  return h('article', {
    class: `room-tile fill-${level}`,
    'data-testid': 'room-tile',
    'data-room-id': room.roomId,
    'data-fill': level,
    'aria-label': t('rooms.aria', {
      name: room.name, inside: formatNumber(room.inside ?? 0),
      capacity: capacity === null ? '–' : formatNumber(capacity), percent, word,
    }),
  },
  room.kind ? h('p', { class: 'room-kind' }, kindLabel === `kind.${room.kind}` ? room.kind : kindLabel) : null,
  h('h3', { class: 'room-name' }, room.name),
  h('div', { class: 'room-figures' },
    h('p', { class: 'room-count' },
      h('span', { class: 'room-inside', 'data-testid': 'room-inside' }, formatNumber(room.inside ?? 0)),
      h('span', { class: 'room-slash', 'aria-hidden': 'true' }, '/'),
      h('span', { class: 'room-capacity', 'data-testid': 'room-capacity' }, capacity === null ? '–' : formatNumber(capacity))),
    h('p', { class: 'room-state' },
      percent ? h('span', { class: 'room-percent' }, percent) : null,
      h('span', { class: 'room-word' }, word))),
  h('div', { class: 'room-bar', 'aria-hidden': 'true' },
    barFill(ratio)),
  sessions.length ? h('dl', { class: 'room-sessions' }, sessions) : h('p', { class: 'room-nosession' }, t('rooms.noSession')));
}

/** The fill of a room's bar; its width is set through the style object, which the page's CSP allows (a style attribute it does not). */
function barFill(ratio) {
  const fill = h('span');
  fill.style.width = `${ratio === null ? 0 : Math.min(100, ratio * 100)}%`;
  return fill;
}

function renderRooms() {
  const grid = $('room-grid');
  const rooms = state.roomOrder.map((id) => state.rooms.get(id)).filter(Boolean);
  if (rooms.length === 0) {
    grid.replaceChildren(h('p', { class: 'empty' }, t('rooms.empty')));
    return;
  }
  grid.replaceChildren(...rooms.map(renderRoomTile));
}

function printerLabel(printerState) {
  if (!printerState) return t('printer.none');
  const text = t(`printer.${printerState}`);
  return text === `printer.${printerState}` ? printerState : text;
}

function lastSeenText(terminal) {
  return terminal.lastSeenAt
    ? t('terminals.lastSeen', { time: formatTime(terminal.lastSeenAt, timeZone()) })
    : t('terminals.neverSeen');
}

function modeLabel(mode) {
  if (!mode) return t('mode.default');
  const text = t(`mode.${mode}`);
  return text === `mode.${mode}` ? mode : text;
}

function renderTerminals() {
  const body = $('terminals-body');
  const terminals = state.snapshot?.terminals ?? [];
  const online = terminals.filter((x) => x.online).length;
  $('terminals-summary').textContent = terminals.length
    ? t('terminals.summary', { online: formatNumber(online), total: formatNumber(terminals.length) })
    : '';
  if (terminals.length === 0) {
    body.replaceChildren(h('p', { class: 'empty' }, t('terminals.empty')));
  } else {
    const rows = terminals.map((term) => {
      const printerProblem = PRINTER_PROBLEMS.has(term.printerState);
      const outbox = term.outbox ?? 0;
      return h('li', {
        'data-testid': 'terminal-row', 'data-terminal-id': term.id,
        class: `term ${term.online ? 'is-online' : 'is-offline'}`,
      },
      h('div', { class: 'term-line' },
        h('span', { class: 'term-name' }, term.name),
        h('span', { class: 'term-mode' }, `${t('terminals.mode')}: `, h('b', {}, modeLabel(term.mode)))),
      h('div', { class: 'term-facts' },
        h('span', { class: `term-status ${term.online ? 'online' : 'offline'}` },
          h('span', { class: 'dot', 'aria-hidden': 'true' }),
          term.online ? t('terminals.online') : `${t('terminals.offline')} · ${lastSeenText(term)}`),
        h('span', { class: printerProblem ? 'term-printer problem' : 'term-printer' },
          `${t('terminals.printer')}: `, h('b', {}, printerLabel(term.printerState))),
        h('span', { class: outbox > 0 ? 'term-outbox has-outbox' : 'term-outbox' },
          `${t('terminals.outbox')}: `, h('b', {}, formatNumber(outbox)))));
    });
    body.replaceChildren(h('ul', { class: 'term-list' }, rows));
  }
  const conflicts = state.snapshot?.conflicts ?? 0;
  $('conflicts-line').hidden = !(conflicts > 0);
  $('conflicts-line').textContent = conflicts > 0 ? t('terminals.conflicts', { n: formatNumber(conflicts) }) : '';
}

/** Server alerts, except that rooms changed by live messages get their alerts recomputed here. */
function currentAlerts() {
  const alerts = state.serverAlerts.filter((a) =>
    !(ROOM_ALERT_KINDS.has(a.kind) && state.rooms.get(a.roomId)?.liveUpdated));
  for (const room of state.rooms.values()) {
    if (!room.liveUpdated) continue;
    const level = fillLevel(room.inside ?? 0, room.capacity);
    if (level === 'full') alerts.push({ kind: 'RoomFull', roomId: room.roomId });
    else if (level === 'high') alerts.push({ kind: 'RoomAlmostFull', roomId: room.roomId });
  }
  const rank = (a) => { const i = ALERT_ORDER.indexOf(a.kind); return i < 0 ? ALERT_ORDER.length : i; };
  return alerts.sort((a, b) => rank(a) - rank(b));
}

function alertText(alert) {
  const room = alert.roomId != null ? state.rooms.get(alert.roomId) : null;
  const terminal = alert.terminalId != null
    ? (state.snapshot?.terminals ?? []).find((x) => x.id === alert.terminalId) : null;
  const roomName = room?.name ?? t('alert.room.unknown', { id: alert.roomId });
  const terminalName = terminal?.name ?? t('alert.terminal.unknown', { id: alert.terminalId });
  switch (alert.kind) {
    case 'RoomAlmostFull': {
      const ratio = room ? fillRatio(room.inside ?? 0, room.capacity) : null;
      return t('alert.RoomAlmostFull', { room: roomName, percent: ratio === null ? '≥ 90 %' : formatPercent(ratio) });
    }
    case 'RoomFull':
      return t('alert.RoomFull', {
        room: roomName, inside: formatNumber(room?.inside ?? 0), capacity: formatNumber(room?.capacity ?? 0),
      });
    case 'PrinterProblem':
      return t('alert.PrinterProblem', { terminal: terminalName, printer: printerLabel(terminal?.printerState ?? 'Unknown') });
    case 'KioskOffline':
      return t('alert.KioskOffline', { terminal: terminalName, lastSeen: terminal ? lastSeenText(terminal) : '–' });
    case 'Conflicts': {
      const n = alert.count ?? state.snapshot?.conflicts ?? 0;
      return n === 1 ? t('alert.Conflicts.one') : t('alert.Conflicts.other', { n: formatNumber(n) });
    }
    default:
      return t('alert.unknown', { kind: alert.kind });
  }
}

/** Print batches: what, where, and how far; the section is hidden until the event has one. */
function renderBatches() {
  const batches = state.snapshot?.printBatches ?? [];
  $('batches').hidden = batches.length === 0;
  const kioskName = (id) => (state.snapshot?.terminals ?? []).find((k) => k.id === id)?.name ?? `#${id}`;
  $('batch-list').replaceChildren(...batches.map((b) => {
    const [kind, value] = b.selection.split(' ');
    const what = kind === 'category' ? t('batches.category', { category: t(`batches.category.${value}`) })
      : kind === 'session' ? t('batches.session', { title: b.sessionTitle ?? value }) : t('batches.list');
    const progress = t('batches.progress', { printed: formatNumber(b.printed), total: formatNumber(b.total) });
    return h('li', { class: `batch ${b.printed >= b.total ? 'is-done' : ''}`, 'data-testid': 'batch-row', 'data-batch-id': b.id },
      h('div', { class: 'term-line' }, h('span', { class: 'term-name' }, what), h('span', { class: 'term-mode' }, kioskName(b.terminalId))),
      h('div', { class: 'room-bar', 'aria-hidden': 'true' }, barFill(b.total > 0 ? b.printed / b.total : 0)),
      h('p', { class: 'batch-count', 'data-testid': 'batch-progress' }, b.printed >= b.total ? t('batches.done', { total: formatNumber(b.total) }) : progress));
  }));
}

function renderAlerts() {
  const alerts = currentAlerts();
  const list = $('alert-list');
  $('alerts').hidden = alerts.length === 0;
  list.replaceChildren(...alerts.map((alert) => {
    const critical = CRITICAL_ALERTS.has(alert.kind);
    return h('li', {
      class: `alert ${critical ? 'critical' : 'warning'}`,
      'data-testid': 'alert', 'data-kind': alert.kind,
      'data-alert-room': alert.roomId ?? null, 'data-alert-terminal': alert.terminalId ?? null,
    },
    h('span', { class: 'alert-badge' }, t(critical ? 'alert.severity.critical' : 'alert.severity.warning')),
    h('span', { class: 'alert-text' }, alertText(alert)));
  }));
}

function renderLiveIndicator() {
  const el = byTestId('live-indicator');
  const live = state.liveState === 'live';
  el.dataset.state = live ? 'live' : 'reconnecting';
  const key = live ? 'live.live' : state.liveState === 'reconnecting' ? 'live.reconnecting' : 'live.connecting';
  const text = $('live-text');
  text.dataset.i18n = key;
  text.textContent = t(key);
}

function renderUpdated() {
  const el = $('updated');
  if (!state.lastLoadedAt) { el.textContent = state.loadFailed ? t('dash.loadError') : ''; return; }
  const time = formatTime(state.lastLoadedAt, timeZone(), true);
  const stale = state.loadFailed || Date.now() - state.lastLoadedAt > STALE_AFTER_MS;
  el.textContent = t(stale ? 'dash.stale' : 'dash.updated', { time });
  el.classList.toggle('stale', stale);
}

function renderClock() {
  const now = new Date();
  const tz = timeZone();
  const time = formatTime(now, tz);
  const date = formatDate(now, tz);
  if ($('clock-time').textContent !== time) $('clock-time').textContent = time;
  if ($('clock-date').textContent !== date) $('clock-date').textContent = date;
  // Move the "now" highlight when a new quarter hour starts; refresh the staleness hint.
  if (state.snapshot && chartBucketKey !== Math.floor(now.getTime() / BUCKET_MS)) { renderChart(); renderKpi(); }
  renderUpdated();
}

// ---------------------------------------------------------------- full-page states

let live = null;
let pollTimer = null;

function stopEverything() {
  state.stopped = true;
  live?.stop();
  clearInterval(pollTimer);
  clearTimeout(throttleTimer);
  clearTimeout(debounceTimer);
}

let statusKeys = null;
function showStatus(titleKey, textKey, action = null) {
  stopEverything();
  statusKeys = { titleKey, textKey, action };
  $('dashboard').hidden = true;
  document.querySelector('.live-wrap').hidden = true;
  $('status-screen').hidden = false;
  renderStatus();
}

function renderStatus() {
  if (!statusKeys) return;
  $('status-title').textContent = t(statusKeys.titleKey);
  const text = statusKeys.textKey === statusKeys.titleKey ? '' : t(statusKeys.textKey);
  $('status-text').textContent = text;
  $('status-text').hidden = !text;
  $('status-screen').classList.toggle('is-error', Boolean(statusKeys.action));
  const button = $('status-action');
  button.hidden = !statusKeys.action;
  if (statusKeys.action) button.textContent = t(statusKeys.action.labelKey);
}

function showForbidden() {
  showStatus('dash.forbidden.title', 'dash.forbidden.text', { labelKey: 'dash.forbidden.other', run: logout });
}

function logout() {
  return api.signOut(dashboardPath());
}

// ---------------------------------------------------------------- start

async function chooseEvent() {
  const requested = new URLSearchParams(location.search).get('event');
  try {
    state.events = await getJson('/api/events');
  } catch (error) {
    if (error.status === 401 || error.status === 403) return false;
    state.events = [];
    if (!requested) { // cannot pick a default without the list: try again shortly
      $('updated').textContent = t('dash.loadError');
      setTimeout(start, 10_000);
      return false;
    }
  }
  if (requested && /^\d+$/.test(requested)) {
    state.eventId = Number(requested);
  } else if (state.events.length > 0) {
    state.eventId = state.events[0].id;
    history.replaceState(null, '', `/dashboard/?event=${state.eventId}`);
  } else {
    showStatus('dash.noEvents', 'dash.noEvents');
    return false;
  }
  return true;
}

async function start() {
  if (!(await chooseEvent())) return;
  await loadSnapshot();
  if (state.stopped) return;
  live = connectLive();
  pollTimer = setInterval(loadSnapshot, POLL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') loadSnapshot();
  });
}

function setup() {
  mountLanguageToggle(byTestId('language-toggle'));
  applyStaticTexts();
  onLanguageChange(() => {
    renderAll();
    renderLiveIndicator();
    renderClock();
    renderStatus();
    renderUpdated();
  });
  $('logout').addEventListener('click', logout);
  $('status-action').addEventListener('click', () => statusKeys?.action?.run());
  $('event-select').addEventListener('change', (e) => {
    location.assign(`/dashboard/?event=${encodeURIComponent(e.target.value)}`);
  });
  let resizeFrame = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(renderChart);
  }).observe($('arrivals-chart'));
  renderLiveIndicator();
  renderClock();
  setInterval(renderClock, 1000);
  start();
}

setup();
