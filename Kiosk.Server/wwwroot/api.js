// How the server's pages talk to its API: same-origin cookie, never a cached answer, JSON both ways, the
// server's problem details as the reason for a refusal, and back to sign-in when the session has ended.

/** The sign-in page, coming back to `returnTo` (this page unless told otherwise) afterwards. */
export function signInUrl(returnTo = location.pathname + location.search) {
  return `/login/?return=${encodeURIComponent(returnTo)}`;
}

let leaving = false;

/** Goes to sign-in, once however many requests noticed the ended session. */
export function goToSignIn(returnTo) {
  if (leaving) return;
  leaving = true;
  location.assign(signInUrl(returnTo));
}

/**
 * Sends one request; never throws. Resolves to { status, data, json }: status 0 when nothing was answered
 * (offline, reset, timeout), data the parsed JSON answer (a result or problem details) or null, json whether
 * the answer was JSON. `body` is sent as JSON, or as it is when it is FormData.
 * options.timeoutMs: give up after this long. options.signIn: on 401 go to sign-in, coming back to this
 * path (true: this page); without it the caller handles 401.
 */
export async function request(method, url, body, { timeoutMs, signIn } = {}) {
  const headers = { Accept: 'application/json' };
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  const controller = timeoutMs ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
  try {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      signal: controller?.signal,
    });
    if (response.status === 401 && signIn) goToSignIn(signIn === true ? undefined : signIn);
    let data = null;
    let json = false;
    if ((response.headers.get('Content-Type') ?? '').includes('json')) {
      try { data = await response.json(); json = true; } catch { data = null; }
    }
    return { status: response.status, data, json };
  } catch {
    return { status: 0, data: null, json: false };
  } finally {
    clearTimeout(timer);
  }
}

/** A refused or failed request: `status` is the HTTP status (0: no answer), `problem` the problem details if any. */
export class HttpError extends Error {
  constructor(status, problem = null) {
    super(status ? `HTTP ${status}` : 'no answer');
    this.status = status;
    this.problem = problem;
  }
}

/** GETs JSON; throws HttpError for anything but a JSON 2xx answer. A 401 goes to sign-in first (see request). */
export async function getJson(url, { signIn = true, timeoutMs } = {}) {
  const reply = await request('GET', url, undefined, { signIn, timeoutMs });
  if (reply.status < 200 || reply.status > 299 || !reply.json) throw new HttpError(reply.status, reply.data);
  return reply.data;
}

/** The server's own words for a refusal (problem details: detail, else title), or null. */
export function problemText(data) {
  return data?.detail || data?.title || null;
}

/** Ends the session (if the server can be reached) and goes to sign-in, coming back to `returnTo`. */
export async function signOut(returnTo) {
  await request('POST', '/api/auth/logout');
  leaving = true;
  location.assign(signInUrl(returnTo));
}
