// The terminal host's loopback API (same origin). Every call has a timeout; nothing is cached.

const TIMEOUT_MS = 10000;

export class ApiError extends Error {
  constructor(status, problem) {
    super(`HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? null;
  }
}

async function request(method, path, body, extraHeaders) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(path, {
      method,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
    let data = null;
    const text = await response.text();
    if (text) {
      try { data = JSON.parse(text); } catch { data = null; }
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  } finally {
    clearTimeout(timer);
  }
}

export const getState = () => request('GET', '/local/state');

export const scan = (text, language) => request('POST', '/local/scan', { text, language });

/** session: the visitor's screen session (new for every visitor); the kiosk caps searches per session and minute. */
export const search = (q, session) => request('GET', `/local/search?q=${encodeURIComponent(q)}`, undefined, { 'x-kiosk-session': session });

export const identify = (ref, answer, language) => request('POST', '/local/identify', { ref, answer, language });

export const reprint = (ref, language) => request('POST', '/local/reprint', { ref, language });

export const walkIn = (form) => request('POST', '/local/walkin', form);

export const staffEnrol = (pin, code) => request('POST', '/local/staff/enrol', { pin, code });

// The badge preview: "Drucken" now, more time while the visitor says what is wrong, and "Fehler auf dem Badge?".
export const releasePrint = (ref) => request('POST', `/local/print/${encodeURIComponent(ref)}/release`);

export const holdPrint = (ref) => request('POST', `/local/print/${encodeURIComponent(ref)}/hold`);

/** fields: any of 'name', 'title', 'organization'. Answers { printed }: true when the badge had already printed. */
export const correctBadge = (ref, fields) => request('POST', `/local/print/${encodeURIComponent(ref)}/correction`, { fields });
