// Minimal SignalR client for the dashboard: negotiate, WebSocket transport, JSON hub protocol,
// receive-only (server invocations), keep-alive pings, reconnect with backoff.
//
// Wire format (JSON hub protocol): every message is a JSON object followed by the record
// separator U+001E. After the socket opens the client sends the handshake request
// {"protocol":"json","version":1}; the server answers {} (or {"error": "..."}).
// Message types used here: 1 invocation, 6 ping, 7 close.

const RECORD_SEPARATOR = '\u001e';
const MESSAGE_INVOCATION = 1;
const MESSAGE_PING = 6;
const MESSAGE_CLOSE = 7;

/** Delays before reconnect attempt n (1-based); after the list, the last one repeats. */
export const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10000];
const PING_INTERVAL_MS = 15000;
/** No message at all (the server pings every 15 s by default) for this long: assume the link is dead. */
const SERVER_TIMEOUT_MS = 35000;
/** Handshake must complete within this time after the socket opens. */
const HANDSHAKE_TIMEOUT_MS = 15000;

export function reconnectDelay(attempt) {
  const i = Math.min(Math.max(attempt, 1), RECONNECT_DELAYS_MS.length) - 1;
  return RECONNECT_DELAYS_MS[i];
}

/** Splits a buffer into complete records; returns [records, rest]. */
export function splitRecords(buffer) {
  const parts = buffer.split(RECORD_SEPARATOR);
  const rest = parts.pop();
  return [parts.filter((p) => p.length > 0), rest];
}

export function encodeRecord(message) {
  return JSON.stringify(message) + RECORD_SEPARATOR;
}

/**
 * new LiveConnection('/hubs/live', {
 *   onMessage(target, args) {},   // server invocations
 *   onState(state) {},            // 'connecting' | 'live' | 'reconnecting' | 'stopped'
 *   onConnected() {},             // after every successful handshake (first and re-connects)
 *   onUnauthorized(status) {},    // negotiate answered 401/403
 * }).start();
 */
export class LiveConnection {
  constructor(hubPath, handlers = {}) {
    this.hubPath = hubPath;
    this.handlers = handlers;
    this.state = 'stopped';
    this.socket = null;
    this.attempt = 0;          // failed attempts since the last successful handshake
    this.everConnected = false;
    this.stopped = true;
    this.buffer = '';
    this.handshakeDone = false;
    this.timers = { reconnect: null, ping: null, watchdog: null, handshake: null };
    this.abort = null;
    this.onBrowserOnline = () => {
      // Network came back: do not wait for the rest of the backoff.
      if (!this.stopped && this.timers.reconnect) {
        clearTimeout(this.timers.reconnect);
        this.timers.reconnect = null;
        this.connect();
      }
    };
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onBrowserOnline);
    this.setState('connecting');
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onBrowserOnline);
    this.clearTimers();
    this.abort?.abort();
    this.closeSocket();
    this.setState('stopped');
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.handlers.onState?.(state);
  }

  clearTimers() {
    for (const key of Object.keys(this.timers)) {
      clearTimeout(this.timers[key]);
      clearInterval(this.timers[key]);
      this.timers[key] = null;
    }
  }

  closeSocket() {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try { socket.close(1000); } catch { /* already closed */ }
  }

  async connect() {
    if (this.stopped) return;
    this.timers.reconnect = null;
    this.closeSocket();
    this.buffer = '';
    this.handshakeDone = false;

    let token;
    try {
      token = await this.negotiate();
    } catch (error) {
      if (error?.status === 401 || error?.status === 403) this.handlers.onUnauthorized?.(error.status);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) return;

    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${location.host}${this.hubPath}?id=${encodeURIComponent(token)}`;
    let socket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;

    socket.onopen = () => {
      socket.send(encodeRecord({ protocol: 'json', version: 1 }));
      this.timers.handshake = setTimeout(() => this.fail(), HANDSHAKE_TIMEOUT_MS);
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return; // JSON protocol only uses text frames
      this.receive(event.data);
    };
    // onerror is always followed by onclose; handle both in one place.
    socket.onclose = () => this.fail();
  }

  async negotiate() {
    this.abort = new AbortController();
    const response = await fetch(`${this.hubPath}/negotiate?negotiateVersion=1`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal: this.abort.signal,
    });
    if (!response.ok) {
      const error = new Error(`negotiate failed: ${response.status}`);
      error.status = response.status;
      throw error;
    }
    const body = await response.json();
    if (body.error) throw new Error(body.error);
    const webSockets = (body.availableTransports ?? []).some((tr) => tr.transport === 'WebSockets');
    if (!webSockets) throw new Error('server offers no WebSocket transport');
    // negotiateVersion 1 answers connectionToken; version 0 servers only connectionId.
    const token = body.connectionToken ?? body.connectionId;
    if (!token) throw new Error('negotiate answered without a connection token');
    return token;
  }

  receive(data) {
    this.armWatchdog();
    const [records, rest] = splitRecords(this.buffer + data);
    this.buffer = rest;
    for (const record of records) {
      let message;
      try { message = JSON.parse(record); } catch { this.fail(); return; }
      if (!this.handshakeDone) {
        clearTimeout(this.timers.handshake);
        this.timers.handshake = null;
        if (message.error) { this.fail(); return; }
        this.handshakeDone = true;
        this.onHandshake();
        continue;
      }
      switch (message.type) {
        case MESSAGE_INVOCATION:
          try { this.handlers.onMessage?.(message.target, message.arguments ?? []); }
          catch (error) { console.error('live: handler failed for', message.target, error); }
          break;
        case MESSAGE_PING:
          break; // the watchdog was already re-armed
        case MESSAGE_CLOSE:
          // The server ends the connection (possibly with an error). A wall screen keeps trying,
          // so this goes through the same backoff as a dropped link.
          this.fail();
          return;
        default:
          break; // stream items, completions, acks: not used by this hub
      }
    }
  }

  onHandshake() {
    this.attempt = 0;
    this.everConnected = true;
    this.timers.ping = setInterval(() => this.send({ type: MESSAGE_PING }), PING_INTERVAL_MS);
    this.setState('live');
    try { this.handlers.onConnected?.(); } catch (error) { console.error('live: onConnected failed', error); }
  }

  send(message) {
    if (this.socket?.readyState === WebSocket.OPEN && this.handshakeDone) {
      try { this.socket.send(encodeRecord(message)); } catch { /* close handler reconnects */ }
    }
  }

  armWatchdog() {
    clearTimeout(this.timers.watchdog);
    this.timers.watchdog = setTimeout(() => this.fail(), SERVER_TIMEOUT_MS);
  }

  /** Drops the current link (if any) and schedules the next attempt. Safe to call repeatedly. */
  fail() {
    if (this.stopped) return;
    this.closeSocket();
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    if (this.stopped || this.timers.reconnect) return;
    for (const key of ['ping', 'watchdog', 'handshake']) {
      clearTimeout(this.timers[key]);
      clearInterval(this.timers[key]);
      this.timers[key] = null;
    }
    this.handshakeDone = false;
    this.attempt += 1;
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    this.timers.reconnect = setTimeout(() => this.connect(), reconnectDelay(this.attempt));
  }
}
