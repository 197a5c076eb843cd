// In-memory outbox for door scans. A scan that did not get an answer (no network, timeout, server busy,
// session expired) is kept with its clientScanId and re-sent every few seconds, in order, until the server
// answers. The server treats a repeated clientScanId as the same scan, so re-sending never counts twice.
// Nothing here is written to browser storage: a reload loses the queue, which the page warns about.

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

export class Outbox {
  /**
   * @param {object} o
   * @param {(body: object) => Promise<{status: number, data: any}>} o.send  status 0 = no network / timeout
   * @param {(entry: object, reply: {status:number, data:any}) => void} o.onLateReply  a queued scan got answered
   * @param {(state: {pending: number, lastStatus: number|null}) => void} o.onChange
   * @param {number} [o.retryMs]
   */
  constructor({ send, onLateReply, onChange, retryMs = 3000 }) {
    this.send = send;
    this.onLateReply = onLateReply;
    this.onChange = onChange;
    this.retryMs = retryMs;
    this.queue = [];
    this.timer = null;
    this.flushing = false;
    this.lastStatus = null;
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
    return { queued: false, reply };
  }

  enqueue(entry, status) {
    if (!this.queue.some((e) => e.body.clientScanId === entry.body.clientScanId)) this.queue.push(entry);
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
        this.noteStatus(reply.status);
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
