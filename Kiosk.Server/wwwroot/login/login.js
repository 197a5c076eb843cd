import { t, applyStaticTexts, mountLanguageToggle, onLanguageChange } from '../dashboard/i18n.js';
import { request } from '../api.js';

const DEFAULT_TARGET = '/dashboard/';

/** Only same-site paths: must start with "/" and not "//" or "/\" (those would leave the site). */
export function safeReturnTarget(raw) {
  if (typeof raw !== 'string' || !raw.startsWith('/')) return DEFAULT_TARGET;
  if (raw.startsWith('//') || raw.startsWith('/\\')) return DEFAULT_TARGET;
  return raw;
}

const form = document.getElementById('login-form');
const username = document.getElementById('username');
const password = document.getElementById('password');
const submit = form.querySelector('[data-testid="login-submit"]');
const errorBox = document.getElementById('login-error');
const sessionNote = document.getElementById('session-note');
const sessionText = document.getElementById('session-text');
const sessionContinue = document.getElementById('session-continue');

const target = safeReturnTarget(new URLSearchParams(location.search).get('return'));
sessionContinue.href = target;

// The error is kept as a key (plus parameters) so that switching the language re-translates it.
let errorState = null;
let busy = false;
let signedInAs = null;

function render() {
  if (errorState) {
    errorBox.textContent = t(errorState.key, errorState.params);
    errorBox.hidden = false;
  } else {
    errorBox.textContent = '';
    errorBox.hidden = true;
  }
  const invalid = errorState?.fields ?? [];
  username.setAttribute('aria-invalid', String(invalid.includes('username')));
  password.setAttribute('aria-invalid', String(invalid.includes('password')));
  if (invalid.length) {
    username.setAttribute('aria-describedby', 'login-error');
    password.setAttribute('aria-describedby', 'login-error');
  } else {
    username.removeAttribute('aria-describedby');
    password.removeAttribute('aria-describedby');
  }
  submit.disabled = busy;
  submit.textContent = t(busy ? 'login.busy' : 'login.submit');
  if (signedInAs) {
    sessionText.textContent = t('login.alreadySignedIn', { name: signedInAs });
    sessionNote.hidden = false;
  }
}

function showError(key, params = {}, fields = []) {
  errorState = { key, params, fields };
  render();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (busy) return;
  const user = username.value.trim();
  const pass = password.value;
  if (!user || !pass) {
    showError('login.error.missing', {}, [!user && 'username', !pass && 'password'].filter(Boolean));
    (user ? password : username).focus();
    return;
  }

  busy = true;
  errorState = null;
  render();
  // A 401 here is a wrong name or password, not an ended session: answered below, no redirect.
  const response = await request('POST', '/api/auth/login', { username: user, password: pass });
  if (response.status === 0) {
    busy = false;
    showError('login.error.network');
    return;
  }

  if (response.status >= 200 && response.status <= 299) {
    // Keep the button disabled while the browser navigates away.
    location.assign(target);
    return;
  }
  busy = false;
  password.value = '';
  if (response.status === 401) {
    showError('login.error.credentials', {}, ['username', 'password']);
    password.focus();
  } else if (response.status === 429) {
    showError('login.error.rateLimited');
  } else if (response.status === 400) {
    showError('login.error.missing', {}, ['username', 'password']);
  } else {
    showError('login.error.server', { status: response.status });
  }
});

onLanguageChange(render);
mountLanguageToggle(document.querySelector('[data-testid="language-toggle"]'));
applyStaticTexts();
render();

// Already signed in (e.g. came back with the browser's back button)? Offer the way on instead of
// redirecting automatically: a staff account sent here by the dashboard must be able to switch accounts.
request('GET', '/api/auth/session').then(({ status, data: session }) => {
  if (status === 200 && session?.signedIn && session.name) { signedInAs = session.name; render(); }
}); // offline or signed out: nothing to show
