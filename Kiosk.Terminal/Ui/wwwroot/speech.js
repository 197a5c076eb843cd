// Speech output ("Vorlesen"): the kiosk reads its screens aloud through the browser's speech synthesis, with the
// voices installed on the kiosk PC (no network). A visitor turns it on with the "Vorlesen" button or by pressing
// Enter twice; it stays on for that visitor and goes off when the kiosk resets for the next one.
//
// What is spoken: a new screen's heading and every element marked data-say, in page order; the control that takes
// the focus (its accessible name); and whatever the app says explicitly (results, the idle warning).

const LANGS = { de: 'de-DE', en: 'en-GB' };

let on = false;
let settings = { voice: null, rate: 1 };

function synth() {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
}

/** The configured voice if the PC has it, else a local voice of the language, else whatever the browser picks. */
function voiceFor(lang) {
  const voices = synth()?.getVoices() ?? [];
  const tag = LANGS[lang] ?? lang;
  const ofLang = voices.filter((v) => v.lang?.toLowerCase().startsWith(tag.slice(0, 2)));
  return ofLang.find((v) => settings.voice && v.name === settings.voice)
    ?? ofLang.find((v) => v.localService && v.lang === tag)
    ?? ofLang.find((v) => v.localService)
    ?? ofLang[0]
    ?? null;
}

/** Texts to one string per sentence-ish part: no empty parts, no trailing ellipsis read as "dot dot dot". */
function clean(texts) {
  return texts
    .map((x) => String(x ?? '').replace(/\s*…\s*$/u, '').replace(/\s+/gu, ' ').trim())
    .filter(Boolean);
}

export const speech = {
  /** Voice (a name installed on the PC) and rate (0.5 to 2) from the terminal's configuration. */
  configure({ voice, rate } = {}) {
    const r = Number(rate);
    settings = { voice: typeof voice === 'string' && voice ? voice : null, rate: Number.isFinite(r) && r >= 0.5 && r <= 2 ? r : 1 };
  },

  set(value) {
    const next = !!value;
    if (next === on) return;
    on = next;
    if (!on) synth()?.cancel();
  },

  /** Speak the texts in order in the language given, cutting off whatever was being said. */
  say(texts, lang) {
    const s = synth();
    const parts = clean(Array.isArray(texts) ? texts : [texts]);
    if (!on || !s || parts.length === 0) return;
    s.cancel();
    const voice = voiceFor(lang);
    for (const text of parts) {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = LANGS[lang] ?? lang;
      u.rate = settings.rate;
      if (voice) u.voice = voice;
      s.speak(u);
    }
  },

  stop() {
    synth()?.cancel();
  },
};

/** What a screen says: its heading, then every [data-say] element, in page order (hidden ones skipped). */
export function screenTexts(root) {
  const nodes = root.querySelectorAll('h1, [data-say]');
  return Array.from(nodes).filter((el) => !el.closest('[hidden]')).map((el) => el.textContent);
}

/** The name a control is spoken by: its label, aria-label or text, and its state where it has one. */
export function controlName(el, t) {
  if (!(el instanceof HTMLElement) || el.tagName === 'H1' || el === document.body) return null;
  const labelledBy = el.getAttribute('aria-labelledby');
  let name = el.getAttribute('aria-label')
    ?? (labelledBy ? labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : null)
    ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null)
    ?? el.closest('label')?.textContent
    ?? el.textContent;
  name = String(name ?? '').replace(/\s+/gu, ' ').trim();
  if (el.dataset.key === 'space') name = t('kb.space');
  const parts = [name];
  if (el instanceof HTMLInputElement && el.type === 'checkbox') parts.push(t(el.checked ? 'say.checked' : 'say.unchecked'));
  else if (el instanceof HTMLInputElement && el.value) parts.push(el.id === 'staff-pin' ? '' : el.value);
  else if (el.getAttribute('aria-pressed') != null) parts.push(t(el.getAttribute('aria-pressed') === 'true' ? 'say.on' : 'say.off'));
  if (el.disabled) parts.push(t('say.disabled'));
  return parts.filter(Boolean).join(', ');
}
