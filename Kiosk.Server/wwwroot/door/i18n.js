// Texts for the staff door page, German first, English second.
// Shares the language choice with the other Kiosk pages (same storage key); nothing personal is stored.

const STORAGE_KEY = 'kiosk.lang';
export const LANGUAGES = ['de', 'en'];

const TEXTS = {
  de: {
    'app.name': 'Kiosk',
    'door.title': 'Raumtür – Kiosk',
    'lang.toggle': 'Sprache',
    'lang.de.long': 'Deutsch',
    'lang.en.long': 'Englisch',

    'door.loading': 'Wird geladen …',
    'door.chooseRoom': 'Raum wählen',
    'door.chooseRoomIntro': 'An welcher Tür zählen Sie?',
    'door.noRooms': 'Für diese Veranstaltung sind noch keine Räume angelegt.',
    'door.noEvents': 'Noch keine Veranstaltung angelegt.',
    'door.changeRoom': 'Raum wechseln',
    'door.signedInAs': 'Angemeldet: {name}',
    'door.insideLabel': 'im Raum',
    'door.ofCapacity': 'von {capacity} Plätzen',
    'door.noCapacity': 'ohne Platzangabe',
    'door.roomSummary': '{inside} von {capacity}',
    'door.roomSummaryNoCap': '{inside} im Raum',
    'door.direction': 'Richtung',
    'door.dir.In': 'Einlass',
    'door.dir.Out': 'Auslass',
    'door.dir.Toggle': 'Automatisch',
    'door.anonymous': 'Ohne Ausweis zählen',
    'door.plusOne': '+1',
    'door.minusOne': '−1',
    'door.plusOne.aria': 'Eine Person ohne Ausweis hinein',
    'door.minusOne.aria': 'Eine Person ohne Ausweis hinaus',
    'door.scanner': 'Scanner',
    'door.scanner.hint': 'Bluetooth-Scanner tippt hier hinein; Eingabe mit Enter.',
    'door.scanner.placeholder': 'Ausweis scannen …',
    'door.camera': 'Kamera',
    'door.camera.stop': 'Kamera aus',
    'door.camera.unsupported': 'Dieses Gerät kann QR-Codes nicht mit der Kamera lesen. Bitte den Scanner im Feld „Scanner“ benutzen.',
    'door.camera.denied': 'Kein Zugriff auf die Kamera. Bitte den Zugriff erlauben oder das Feld „Scanner“ benutzen.',
    'door.camera.failed': 'Die Kamera konnte nicht gestartet werden. Bitte das Feld „Scanner“ benutzen.',
    'door.camera.insecure': 'Die Kamera geht nur über eine sichere Verbindung (https). Bitte das Feld „Scanner“ benutzen.',
    'door.camera.aria': 'Kamerabild zum Scannen',
    'door.ready': 'Bereit – Ausweis scannen',
    'door.sending': 'Wird gesendet …',
    'door.queued': 'Keine Verbindung – Scan gespeichert, wird automatisch gesendet',
    'door.queuedAuth': 'Scan gespeichert – wird nach der Anmeldung gesendet',
    'door.late': 'Nachgemeldet',
    'door.anonymousPerson': 'Ohne Ausweis',
    'door.pending.one': '1 Scan wartet auf Verbindung',
    'door.pending.other': '{n} Scans warten auf Verbindung',
    'door.offline': 'Keine Verbindung zum Server',
    'door.stale': 'Zahlen nicht aktuell – Stand {time}',
    'door.authLost': 'Anmeldung abgelaufen. Gespeicherte Scans bleiben erhalten – bitte neu anmelden.',
    'door.authLost.link': 'Neu anmelden (neuer Tab)',
    'door.forbidden': 'Keine Berechtigung für diese Aktion. Bitte an die Organisation wenden.',
    'door.forbidden.title': 'Keine Berechtigung',
    'door.forbidden.text': 'Ihr Konto darf an Raumtüren nicht zählen.',
    'door.forbidden.other': 'Mit anderem Konto anmelden',
    'door.badRequest': 'Der Scan wurde abgelehnt ({detail}).',
    'door.roomGone': 'Dieser Raum wurde nicht gefunden. Bitte Raum neu wählen.',
    'door.loadError': 'Die Daten konnten nicht geladen werden. Neuer Versuch läuft automatisch.',
    'door.retry': 'Erneut versuchen',
    'door.conflict': 'Hinweis: {text}',

    'decision.Admitted': 'Eintritt erfasst',
    'decision.Left': 'Auf Wiedersehen',
    'decision.Full': 'Raum voll',
    'decision.NotCheckedIn': 'Bitte zuerst am Eingang einchecken',
    'decision.NotInside': 'War nicht im Raum',
    'decision.Unknown': 'Ausweis unbekannt',
    'decision.Invalid': 'Ungültiger Code',
    'decision.WrongEvent': 'Ausweis gilt für eine andere Veranstaltung',
    'decision.Revoked': 'Ausweis gesperrt – bitte zum Infostand',
    'decision.Cancelled': 'Anmeldung storniert – bitte zum Infostand',
    'decision.NotBooked': 'Nicht für diesen Raum gebucht',
    'decision.ClosedForTheDay': 'Raum für heute geschlossen',
    'decision.other': 'Antwort: {decision}',
    'decision.anonymous.Admitted': '+1 gezählt',
    'decision.anonymous.Left': '−1 gezählt',

    'kind.Hall': 'Halle',
    'kind.Stage': 'Bühne',
    'kind.MasterClassRoom': 'Masterclass',
    'kind.DialogueIsland': 'Dialoginsel',
    'fill.low': 'frei',
    'fill.mid': 'gut gefüllt',
    'fill.high': 'fast voll',
    'fill.full': 'VOLL',
  },
  en: {
    'app.name': 'Kiosk',
    'door.title': 'Room door – Kiosk',
    'lang.toggle': 'Language',
    'lang.de.long': 'German',
    'lang.en.long': 'English',

    'door.loading': 'Loading …',
    'door.chooseRoom': 'Choose room',
    'door.chooseRoomIntro': 'Which door are you counting at?',
    'door.noRooms': 'No rooms have been set up for this event yet.',
    'door.noEvents': 'No event has been created yet.',
    'door.changeRoom': 'Change room',
    'door.signedInAs': 'Signed in: {name}',
    'door.insideLabel': 'inside',
    'door.ofCapacity': 'of {capacity} seats',
    'door.noCapacity': 'no capacity set',
    'door.roomSummary': '{inside} of {capacity}',
    'door.roomSummaryNoCap': '{inside} inside',
    'door.direction': 'Direction',
    'door.dir.In': 'Entry',
    'door.dir.Out': 'Exit',
    'door.dir.Toggle': 'Automatic',
    'door.anonymous': 'Count without badge',
    'door.plusOne': '+1',
    'door.minusOne': '−1',
    'door.plusOne.aria': 'One person without badge in',
    'door.minusOne.aria': 'One person without badge out',
    'door.scanner': 'Scanner',
    'door.scanner.hint': 'A Bluetooth scanner types in here; Enter submits.',
    'door.scanner.placeholder': 'Scan badge …',
    'door.camera': 'Camera',
    'door.camera.stop': 'Camera off',
    'door.camera.unsupported': 'This device cannot read QR codes with the camera. Please use the scanner in the “Scanner” field.',
    'door.camera.denied': 'No access to the camera. Please allow access or use the “Scanner” field.',
    'door.camera.failed': 'The camera could not be started. Please use the “Scanner” field.',
    'door.camera.insecure': 'The camera needs a secure (https) connection. Please use the “Scanner” field.',
    'door.camera.aria': 'Camera picture for scanning',
    'door.ready': 'Ready – scan a badge',
    'door.sending': 'Sending …',
    'door.queued': 'No connection – scan kept, it will be sent automatically',
    'door.queuedAuth': 'Scan kept – it will be sent after you sign in',
    'door.late': 'Sent later',
    'door.anonymousPerson': 'Without badge',
    'door.pending.one': '1 scan waiting for connection',
    'door.pending.other': '{n} scans waiting for connection',
    'door.offline': 'No connection to the server',
    'door.stale': 'Figures not current – as of {time}',
    'door.authLost': 'Session expired. Kept scans are not lost – please sign in again.',
    'door.authLost.link': 'Sign in again (new tab)',
    'door.forbidden': 'No permission for this action. Please contact the organizers.',
    'door.forbidden.title': 'No permission',
    'door.forbidden.text': 'Your account may not count at room doors.',
    'door.forbidden.other': 'Sign in with another account',
    'door.badRequest': 'The scan was rejected ({detail}).',
    'door.roomGone': 'This room was not found. Please choose the room again.',
    'door.loadError': 'The data could not be loaded. Retrying automatically.',
    'door.retry': 'Try again',
    'door.conflict': 'Note: {text}',

    'decision.Admitted': 'Entry recorded',
    'decision.Left': 'Goodbye',
    'decision.Full': 'Room full',
    'decision.NotCheckedIn': 'Please check in at the entrance first',
    'decision.NotInside': 'Was not in the room',
    'decision.Unknown': 'Unknown badge',
    'decision.Invalid': 'Invalid code',
    'decision.WrongEvent': 'Badge is for another event',
    'decision.Revoked': 'Badge blocked – please go to the info desk',
    'decision.Cancelled': 'Registration cancelled – please go to the info desk',
    'decision.NotBooked': 'Not booked for this room',
    'decision.ClosedForTheDay': 'Room closed for today',
    'decision.other': 'Answer: {decision}',
    'decision.anonymous.Admitted': '+1 counted',
    'decision.anonymous.Left': '−1 counted',

    'kind.Hall': 'Hall',
    'kind.Stage': 'Stage',
    'kind.MasterClassRoom': 'Master class',
    'kind.DialogueIsland': 'Dialogue island',
    'fill.low': 'space',
    'fill.mid': 'filling up',
    'fill.high': 'almost full',
    'fill.full': 'FULL',
  },
};

function readStoredLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(stored)) return stored;
  } catch { /* storage blocked: German */ }
  return 'de';
}

let current = readStoredLanguage();
const listeners = new Set();

export function getLanguage() { return current; }
export function getLocale() { return current === 'de' ? 'de-DE' : 'en-GB'; }

/** Text for a key with {placeholders} filled; a missing key shows itself so gaps are visible. */
export function t(key, params = {}) {
  const text = TEXTS[current][key] ?? TEXTS.de[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function hasText(key) { return key in TEXTS.de; }

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return;
  current = lang;
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* switched, not remembered */ }
  applyStaticTexts();
  for (const fn of listeners) fn(lang);
}

export function onLanguageChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }

/** Fills [data-i18n] text and [data-i18n-attr="attr:key;attr:key"], <html lang> and the toggle state. */
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

/** Builds the DE | EN switch into the container marked data-testid="language-toggle". */
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

export function formatTime(date) {
  return new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .format(date);
}
