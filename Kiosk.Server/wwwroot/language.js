// The language machinery every server page shares (login, dashboard, door): German first, English at a
// touch, remembered in localStorage under one key so all pages agree, mirrored into <html lang>.
// Each page's i18n.js registers its texts with useTexts() and re-exports these functions.

const STORAGE_KEY = 'kiosk.lang';
export const LANGUAGES = ['de', 'en'];
const TEXTS = { de: {}, en: {} };

/** Adds a page's texts ({ de: {...}, en: {...} }). */
export function useTexts(texts) {
  for (const lang of LANGUAGES) Object.assign(TEXTS[lang], texts[lang] ?? {});
}

export function hasText(key) { return key in TEXTS.de; }

function readStoredLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(stored)) return stored;
  } catch { /* storage blocked: fall back to German */ }
  return 'de';
}

let current = readStoredLanguage();
const listeners = new Set();

export function getLanguage() { return current; }

/** BCP 47 locale for Intl formatting. */
export function getLocale() { return current === 'de' ? 'de-DE' : 'en-GB'; }

/** Looks up a text and fills {placeholders}; unknown keys show the key so gaps are visible. */
export function t(key, params = {}) {
  const text = TEXTS[current][key] ?? TEXTS.de[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return;
  current = lang;
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* not persisted, still switched */ }
  applyStaticTexts();
  for (const fn of listeners) fn(lang);
}

export function onLanguageChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }

/**
 * Fills elements marked with data-i18n (text) and data-i18n-attr ("attr:key;attr:key"),
 * sets <html lang> and the document title (from <title data-i18n>).
 */
export function applyStaticTexts(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
  for (const el of document.querySelectorAll('[data-testid="language-toggle"] button[data-lang]')) {
    el.setAttribute('aria-pressed', String(el.dataset.lang === current));
  }
}

/** Builds the "DE | EN" switch inside the given container (which carries data-testid="language-toggle"). */
export function mountLanguageToggle(container) {
  container.replaceChildren();
  container.setAttribute('role', 'group');
  container.setAttribute('data-i18n-attr', 'aria-label:lang.toggle');
  LANGUAGES.forEach((lang, i) => {
    if (i > 0) {
      const sep = document.createElement('span');
      sep.className = 'lang-sep';
      sep.setAttribute('aria-hidden', 'true');
      sep.textContent = '|';
      container.append(sep);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'lang-btn';
    button.dataset.lang = lang;
    button.lang = lang;
    button.textContent = lang.toUpperCase();
    button.setAttribute('data-i18n-attr', `title:lang.${lang}.long`);
    button.addEventListener('click', () => setLanguage(lang));
    container.append(button);
  });
  applyStaticTexts();
}
