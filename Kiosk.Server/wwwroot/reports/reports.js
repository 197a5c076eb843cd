// Organizer reports: download links, the session table (counts only) with a print link per master class,
// and a per-room occupancy chart drawn as inline SVG. Times come from the server in venue time.

import { t, getLocale, applyStaticTexts, mountLanguageToggle, onLanguageChange } from './i18n.js';
import * as api from '../api.js';

const SVG = 'http://www.w3.org/2000/svg';
const state = { eventId: null, events: [], sessions: [], timeline: null, day: null };
const $ = (id) => document.getElementById(id);

function pagePath() {
  return state.eventId ? `/reports/?event=${state.eventId}` : '/reports/';
}

function getJson(url) {
  return api.getJson(url, { signIn: pagePath() });
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined).map((c) => (c instanceof Node ? c : String(c))));
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function showStatus(key, params) {
  const status = $('status');
  status.textContent = t(key, params);
  status.hidden = false;
}

// "2026-11-23T10:00:00" (venue time, no offset) -> a Date whose UTC fields are those local fields.
function venueDate(text) {
  const [d, time = '00:00'] = text.split('T');
  const [y, m, day] = d.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, day, h, mi));
}

function formatDay(date, withYear = true) {
  return new Intl.DateTimeFormat(getLocale(), { timeZone: 'UTC', weekday: 'short', day: '2-digit', month: '2-digit', ...(withYear ? { year: 'numeric' } : {}) }).format(date);
}

function hhmm(text) { return text.slice(11, 16); }

// ---------------------------------------------------------------- rendering

function renderDownloads() {
  for (const link of document.querySelectorAll('[data-file]')) {
    link.href = `/api/events/${state.eventId}/reports/${link.dataset.file}`;
  }
}

function renderSessions() {
  const body = $('session-rows');
  body.replaceChildren();
  $('no-sessions').hidden = state.sessions.length > 0;
  for (const s of state.sessions) {
    const print = s.masterClass && s.attendance > 0
      ? el('a', { class: 'btn btn-ghost rep-print', href: `/api/sessions/${s.sessionId}/certificates.html`, target: '_blank', rel: 'noopener', 'data-testid': 'print-certificates' }, t('rep.print'))
      : null;
    body.append(el('tr', { dataset: { sessionId: s.sessionId }, 'data-testid': 'session-row' },
      el('td', { class: 'nowrap' }, formatDay(venueDate(s.starts), false), el('br'), `${hhmm(s.starts)}–${hhmm(s.ends)}`),
      el('td', {}, s.room),
      el('td', {}, s.title),
      el('td', { class: 'num', 'data-testid': 'attendance' }, s.attendance, ' ', el('span', { class: 'muted' }, t('rep.ofCapacity', { capacity: s.capacity }))),
      el('td', { class: 'num', 'data-testid': 'peak' }, s.peak, ' ', s.peak > 0 ? el('span', { class: 'muted' }, t('rep.peakAt', { time: hhmm(s.peakAt) })) : null),
      el('td', { class: 'num' }, s.booked > 0 ? `${s.bookedNotCame} / ${s.booked}` : '–'),
      el('td', { class: 'num', 'data-testid': 'waitlisted' }, s.waitlisted > 0 ? s.waitlisted : '–'),
      el('td', { class: 'num' }, s.attendance > 0 ? new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(s.averageMinutes) : '–'),
      el('td', {}, print)));
  }
}

function renderDays() {
  const select = $('day-select');
  select.replaceChildren(...(state.timeline?.days ?? []).map((d) =>
    el('option', { value: d, ...(d === state.day ? { selected: '' } : {}) }, formatDay(venueDate(d)))));
  select.disabled = select.options.length === 0;
}

function renderCharts() {
  const charts = $('charts');
  charts.replaceChildren();
  const rooms = state.timeline?.rooms ?? [];
  $('no-timeline').hidden = (state.timeline?.days ?? []).length > 0;
  if ((state.timeline?.days ?? []).length === 0) return;
  for (const room of rooms) charts.append(roomChart(room));
}

/** Bars per quarter hour, scaled to the day's peak; the capacity line shows when it is within reach. */
function roomChart(room) {
  const peak = Math.max(0, ...room.points.map((p) => p.inside));
  const figure = el('figure', { class: 'rep-chart', 'data-testid': 'room-chart', dataset: { roomId: room.roomId, peak } });
  const caption = el('figcaption', {}, el('strong', {}, room.name), ' ',
    el('span', { class: 'muted' }, room.points.length ? `max ${peak} / ${room.capacity}` : t('rep.chart.empty')));
  figure.append(caption);
  if (room.points.length === 0) return figure;

  const [W, H, left, bottom, top] = [640, 180, 40, 26, 10];
  const yMax = Math.max(1, peak, room.capacity <= peak * 1.5 ? room.capacity : 0);
  const plotH = H - bottom - top;
  const barW = (W - left) / room.points.length;
  const y = (v) => top + plotH - (v / yMax) * plotH;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'rep-svg' });
  chart.setAttribute('aria-label', t('rep.chart.label', { room: room.name, peak, capacity: room.capacity }));

  for (const v of [0, yMax]) {
    chart.append(svg('line', { x1: left, x2: W, y1: y(v), y2: y(v), class: 'grid' }));
    const label = svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' });
    label.textContent = String(v);
    chart.append(label);
  }
  room.points.forEach((p, i) => {
    const bar = svg('rect', {
      x: left + i * barW + 1, y: y(p.inside), width: Math.max(1, barW - 2), height: y(0) - y(p.inside),
      class: p.inside > room.capacity ? 'bar over' : 'bar',
    });
    const tip = svg('title');
    tip.textContent = `${p.time}: ${p.inside}`;
    bar.append(tip);
    chart.append(bar);
  });
  if (room.capacity <= yMax) chart.append(svg('line', { x1: left, x2: W, y1: y(room.capacity), y2: y(room.capacity), class: 'capacity' }));
  const every = Math.max(1, Math.ceil(room.points.length / 8));
  room.points.forEach((p, i) => {
    if (i % every !== 0) return;
    const label = svg('text', { x: left + i * barW + barW / 2, y: H - 7, 'text-anchor': 'middle', class: 'axis' });
    label.textContent = p.time;
    chart.append(label);
  });
  figure.append(chart);
  return figure;
}

function renderAll() {
  renderDownloads();
  renderSessions();
  renderDays();
  renderCharts();
}

// ---------------------------------------------------------------- loading

async function loadTimeline() {
  const query = state.day ? `?day=${encodeURIComponent(state.day)}` : '';
  state.timeline = await getJson(`/api/events/${state.eventId}/reports/timeline${query}`);
  state.day = state.timeline.day;
}

async function loadEvent() {
  $('reports').setAttribute('aria-busy', 'true');
  try {
    const [sessions] = await Promise.all([getJson(`/api/events/${state.eventId}/reports/sessions`), loadTimeline()]);
    state.sessions = sessions;
    $('status').hidden = true;
    renderAll();
  } catch (error) {
    if (error.status === 403) showStatus('rep.forbidden');
    else if (error.status !== 401) showStatus('rep.failed', { status: error.status || '–' });
  } finally {
    $('reports').setAttribute('aria-busy', 'false');
  }
}

async function start() {
  mountLanguageToggle(document.querySelector('[data-testid="language-toggle"]'));
  applyStaticTexts();
  onLanguageChange(() => { if (state.eventId) renderAll(); });
  $('logout').addEventListener('click', () => api.signOut(pagePath()));
  $('event-select').addEventListener('change', (e) => {
    state.eventId = Number(e.target.value);
    state.day = null;
    history.replaceState(null, '', pagePath());
    loadEvent();
  });
  $('day-select').addEventListener('change', async (e) => {
    state.day = e.target.value;
    try { await loadTimeline(); renderCharts(); } catch { /* the status line of the next full load tells */ }
  });

  showStatus('rep.loading');
  try {
    state.events = await getJson('/api/events');
  } catch (error) {
    if (error.status === 403) showStatus('rep.forbidden');
    else if (error.status !== 401) showStatus('rep.failed', { status: error.status || '–' });
    return;
  }
  if (state.events.length === 0) { showStatus('rep.noEvents'); return; }
  const wanted = Number(new URLSearchParams(location.search).get('event'));
  state.eventId = state.events.some((e) => e.id === wanted) ? wanted : state.events[state.events.length - 1].id;
  $('event-select').replaceChildren(...state.events.map((e) =>
    el('option', { value: e.id, ...(e.id === state.eventId ? { selected: '' } : {}) }, e.name)));
  history.replaceState(null, '', pagePath());
  await loadEvent();
}

start();
