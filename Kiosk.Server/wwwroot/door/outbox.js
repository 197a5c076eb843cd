// Outbox for door scans. A scan that did not get an answer (no network, timeout, server busy, session
// expired) is kept with its clientScanId and re-sent every few seconds, in order, until the server answers.
// The server treats a repeated clientScanId as the same scan, so re-sending never counts twice.
// Waiting scans are also kept in the phone's browser storage (see storedQueue) until answered: a phone
// browser that discards the tab, a reload or a flat battery does not lose them; the next open sends them.
// Answered scans are kept too, for ANSWERED_KEEP_MS: the page asks the server now and then whether it still
// has them, and sends again what a power cut or a restore of the server's database lost.

export const ANSWERED_KEEP_MS = 12 * 60 * 60 * 1000;
export const ANSWERED_MAX = 500;

/** A fresh UUID v4; crypto.randomUUID is missing outside secure contexts, getRandomValues is not. */
export function newScanId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Statuses after which the scan has not been decided and must be sent again with the same id. */
export function isRetryable(status) {
  return status === 0 || status === 401 || status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * Waiting scans in localStorage under one key: written on every change, read once at start. Only scans
 * waiting for the server are there (a badge token, the room, the time); answered ones leave at once.
 */
export function storedQueue(key, storage = globalThis.localStorage) {
  return {
    load() {
      try {
        const entries = JSON.parse(storage.getItem(key) ?? '[]');
        return Array.isArray(entries) ? entries.filter((e) => e && e.body && typeof e.body.clientScanId === 'string') : [];
      } catch {
        return [];
      }
    },
    save(entries) {
      try {
        if (entries.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(entries.map(({ anonymous, body, answeredAt }) => ({ anonymous, body, answeredAt }))));
      } catch (e) {
        // Storage full or switched off (private mode): the scans still wait in memory, as before.
        console.error(e);
      }
    },
  };
}

export class Outbox {
  /**
   * @param {object} o
   * @param {(body: object) => Promise<{status: number, data: any}>} o.send  status 0 = no network / timeout
   * @param {(entry: object, reply: {status:number, data:any}) => void} o.onLateReply  a queued scan got answered
   * @param {(state: {pending: number, lastStatus: number|null}) => void} o.onChange
   * @param {number} [o.retryMs]
   * @param {{load: () => object[], save: (entries: object[]) => void}} [o.store]  where waiting scans outlive the page
   * @param {{load: () => object[], save: (entries: object[]) => void}} [o.answeredStore]  where answered scans are kept
   * @param {(ids: string[]) => Promise<{status: number, data: any}>} [o.askUnknown]  which of these the server lacks
   * @param {number} [o.verifyMs]  how often to ask
   */
  constructor({ send, onLateReply, onChange, retryMs = 3000, store = null, answeredStore = null, askUnknown = null, verifyMs = 15000 }) {
    this.send = send;
    this.answeredStore = answeredStore;
    this.askUnknown = askUnknown;
    this.answered = answeredStore ? answeredStore.load() : [];
    if (askUnknown) setInterval(() => { this.verify(); }, verifyMs);
    this.onLateReply = onLateReply;
    this.onChange = onChange;
    this.retryMs = retryMs;
    this.store = store;
    // Scans left waiting by an earlier page: sent first, in their order, as soon as the page starts.
    this.queue = store ? store.load().map((e) => ({ ...e, serial: 0 })) : [];
    this.timer = null;
    this.flushing = false;
    this.lastStatus = null;
    if (this.queue.length > 0) setTimeout(() => { this.noteStatus(null); this.flush(); }, 0);
  }

  get pending() { return this.queue.length; }

  /**
   * Sends one scan. Resolves to {queued: false, reply} when the server decided, or {queued: true, status}
   * when the scan is now waiting in the outbox (its answer then arrives through onLateReply).
   */
  async submit(entry) {
    if (this.queue.length > 0) {
      // Keep the order: nothing overtakes scans that are already waiting.
      this.enqueue(entry, this.lastStatus ?? 0);
      this.flush();
      return { queued: true, status: this.lastStatus ?? 0 };
    }
    const reply = await this.safeSend(entry.body);
    if (isRetryable(reply.status)) {
      this.enqueue(entry, reply.status);
      return { queued: true, status: reply.status };
    }
    this.noteStatus(reply.status);
    this.remember(entry, reply.status);
    return { queued: false, reply };
  }

  /** An answered scan the server counted: kept for a while to ask after (refusals change nothing if lost). */
  remember(entry, status) {
    if (!this.answeredStore || status !== 200) return;
    const now = Date.now();
    this.answered = this.answered.filter((e) => now - (e.answeredAt ?? 0) < ANSWERED_KEEP_MS && e.body.clientScanId !== entry.body.clientScanId);
    this.answered.push({ anonymous: entry.anonymous, body: entry.body, answeredAt: now });
    if (this.answered.length > ANSWERED_MAX) this.answered.splice(0, this.answered.length - ANSWERED_MAX);
    this.answeredStore.save(this.answered);
  }

  /** Asks the server which answered scans it no longer has, and sends those again, oldest first. */
  async verify() {
    if (!this.askUnknown || this.flushing || this.queue.length > 0 || this.answered.length === 0) return;
    let reply;
    try { reply = await this.askUnknown(this.answered.map((e) => e.body.clientScanId)); } catch { return; }
    if (reply.status !== 200 || !Array.isArray(reply.data?.unknown) || reply.data.unknown.length === 0) return;
    const lost = new Set(reply.data.unknown);
    const again = this.answered.filter((e) => lost.has(e.body.clientScanId));
    this.answered = this.answered.filter((e) => !lost.has(e.body.clientScanId));
    this.answeredStore.save(this.answered);
    for (const e of again) this.queue.push({ ...e, serial: 0, resent: true });
    this.store?.save(this.queue);
    this.flush();
  }

  enqueue(entry, status) {
    if (!this.queue.some((e) => e.body.clientScanId === entry.body.clientScanId)) {
      this.queue.push(entry);
      this.store?.save(this.queue);
    }
    this.noteStatus(status);
    this.schedule();
  }

  schedule() {
    if (this.timer !== null || this.queue.length === 0) return;
    this.timer = setTimeout(() => { this.timer = null; this.flush(); }, this.retryMs);
  }

  /** Re-sends waiting scans oldest first; stops at the first one that still gets no answer. */
  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const entry = this.queue[0];
        const reply = await this.safeSend(entry.body);
        if (isRetryable(reply.status)) { this.noteStatus(reply.status); break; }
        this.queue.shift();
        this.store?.save(this.queue);
        this.noteStatus(reply.status);
        this.remember(entry, reply.status);
        try { this.onLateReply(entry, reply); } catch (e) { console.error(e); }
      }
    } finally {
      this.flushing = false;
      this.schedule();
    }
  }

  async safeSend(body) {
    try {
      return await this.send(body);
    } catch {
      return { status: 0, data: null };
    }
  }

  noteStatus(status) {
    this.lastStatus = status;
    this.onChange({ pending: this.queue.length, lastStatus: status });
  }
}
