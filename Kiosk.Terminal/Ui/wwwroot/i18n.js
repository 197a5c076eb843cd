// All visitor-facing texts of the kiosk, German (default, formal "Sie") and English.
// Placeholders look like {name}; t() fills them from its second argument.

const de = {
  'lang.toggle.label': 'Sprache: Deutsch. Tippen für Englisch.',
  'lang.de': 'DE',
  'lang.en': 'EN',

  'loading': 'Einen Moment bitte …',
  'printStation.title': 'Druckstation',
  'printStation.lead': 'Hier werden Badges für den Counter gedruckt. Zum Einchecken bitte zum Eingang.',
  'busy': 'Einen Moment bitte …',

  'start.title': 'Willkommen!',
  'start.scan': 'Bitte scannen Sie den QR-Code aus Ihrer Anmeldebestätigung.',
  'start.scanHint': 'Halten Sie den QR-Code auf Ihrem Smartphone oder Ausdruck unter den Scanner.',
  'start.or': 'Kein QR-Code zur Hand?',
  'start.search': 'Namen suchen',
  'start.walkin': 'Ohne Anmeldung registrieren',
  'start.illustration': 'Smartphone mit QR-Code über dem Scanner',

  'welcome.hello': 'Willkommen,',
  'welcome.titleNoName': 'Willkommen!',
  'welcome.printing': 'Ihr Badge wird gedruckt …',
  'welcome.queued': 'Ihr Badge wird gedruckt, sobald der Drucker bereit ist.',
  'welcome.none': 'Schön, dass Sie da sind.',
  'welcome.atCounter': 'Ihr Badge liegt am Counter bereit.',
  'welcome.take': 'Bitte nehmen Sie Ihren Badge aus dem Drucker.',
  'welcome.preview': 'Vorschau Ihres Badges',
  'handout.title': 'Bitte beachten',
  'done': 'Fertig',

  'category.Visitor': 'Besucher',
  'category.Exhibitor': 'Aussteller',
  'category.Speaker': 'Referent',
  'category.Press': 'Presse',
  'category.Team': 'Team',

  'already.title': 'Sie sind bereits eingecheckt',
  'already.hello': 'Hallo,',
  'already.since': 'Sie sind bereits eingecheckt (seit {time} Uhr).',
  'already.sinceDay': 'Sie sind bereits eingecheckt (seit {day}, {time} Uhr).',
  'already.noTime': 'Sie sind bereits eingecheckt.',
  'already.help': 'Für einen neuen Badge wenden Sie sich bitte an den Infostand.',
  'already.reprintText': 'Ist Ihr Badge nicht richtig aus dem Drucker gekommen? Sie können ihn einmal neu drucken.',
  'already.reprint': 'Badge erneut drucken',
  'already.reprintRefused': 'Ein erneuter Druck ist nicht mehr möglich. Bitte wenden Sie sich an den Infostand.',

  'refusal.help': 'Bitte wenden Sie sich an den Infostand – wir helfen Ihnen gern weiter.',
  'refusal.Invalid.title': 'Dieser Code wird nicht erkannt',
  'refusal.Invalid.text': 'Der gescannte Code ist leider kein gültiger Badge-Code für diese Veranstaltung.',
  'refusal.Unknown.title': 'Anmeldung nicht gefunden',
  'refusal.Unknown.text': 'Zu diesem Code konnten wir leider keine Anmeldung finden.',
  'refusal.WrongEvent.title': 'Andere Veranstaltung',
  'refusal.WrongEvent.text': 'Dieser QR-Code gehört zu einer anderen Veranstaltung. Bitte prüfen Sie, ob Sie die richtige Bestätigung geöffnet haben.',
  'refusal.Revoked.title': 'Dieser Code ist nicht mehr gültig',
  'refusal.Revoked.text': 'Für Ihre Anmeldung gibt es inzwischen einen neueren QR-Code. Bitte verwenden Sie die aktuellste Bestätigung.',
  'refusal.Cancelled.title': 'Anmeldung storniert',
  'refusal.Cancelled.text': 'Diese Anmeldung wurde storniert.',
  'refusal.TooManyAttempts.title': 'Überprüfung nicht möglich',
  'refusal.TooManyAttempts.text': 'Die Angaben konnten leider nicht bestätigt werden.',
  'refusal.Error.title': 'Das hat leider nicht geklappt',
  'refusal.Error.text': 'Bitte versuchen Sie es gleich noch einmal.',

  'back': 'Zurück',
  'toStart': 'Zum Start',

  'search.title': 'Namen suchen',
  'search.label': 'Ihr Name',
  'search.placeholder': 'Vor- oder Nachname',
  'search.hint': 'Bitte geben Sie mindestens 3 Buchstaben ein.',
  'search.searching': 'Suche läuft …',
  'search.none': 'Leider keine Treffer.',
  'search.pick': 'Bitte tippen Sie auf Ihren Namen:',
  'search.notListed': 'Nicht dabei? Bitte wenden Sie sich an den Infostand.',
  'search.failed': 'Die Suche ist gerade nicht möglich. Bitte wenden Sie sich an den Infostand.',
  'search.limited': 'Sie haben sehr oft gesucht. Bitte wenden Sie sich an den Infostand – wir finden Ihre Anmeldung.',

  'sf.title': 'Zur Sicherheit',
  'sf.for': 'Anmeldung: {name}',
  'sf.Email': 'Bitte geben Sie Ihre E-Mail-Adresse ein.',
  'sf.RegistrationNumber': 'Bitte geben Sie Ihre Registrierungsnummer ein.',
  'sf.Email.label': 'E-Mail-Adresse',
  'sf.RegistrationNumber.label': 'Registrierungsnummer',
  'sf.RegistrationNumber.hint': 'Sie finden sie in Ihrer Anmeldebestätigung.',
  'sf.submit': 'Bestätigen',
  'sf.wrong': 'Das stimmt leider nicht mit Ihrer Anmeldung überein.',
  'sf.attemptsLeft.1': 'Sie haben noch 1 Versuch.',
  'sf.attemptsLeft.n': 'Sie haben noch {n} Versuche.',

  'walkin.title': 'Ohne Anmeldung registrieren',
  'walkin.titleLabel': 'Titel (optional)',
  'walkin.firstName': 'Vorname',
  'walkin.lastName': 'Nachname',
  'walkin.organization': 'Organisation / Kommune',
  'walkin.email': 'E-Mail (optional)',
  'walkin.consent': 'Ich bin einverstanden, dass meine Angaben für die Durchführung der Veranstaltung gespeichert werden.',
  'walkin.submit': 'Registrieren und Badge drucken',
  'walkin.required': 'Pflichtangaben: Nachname und Einverständnis.',
  'walkin.fieldError': 'Bitte prüfen Sie diese Angabe.',
  'walkin.formError': 'Bitte prüfen Sie Ihre Angaben.',

  'idle.title': 'Sind Sie noch da?',
  'idle.text': 'Zu Ihrem Schutz wird der Bildschirm gleich zurückgesetzt.',
  'idle.seconds': 'Sekunden',
  'idle.more': 'Mehr Zeit',

  'ooo.title': 'Dieses Terminal ist gerade außer Betrieb',
  'ooo.text': 'Unser Team ist schon unterwegs. Bitte nutzen Sie ein anderes Terminal.',
  'ooo.withdrawn': 'Für das Team: Der Server erkennt dieses Terminal nicht mehr an (abgemeldet oder unbekannt). Die Teilnehmerliste wurde gelöscht. Bitte mit einem neuen Code einrichten.',
  'ooo.unsent': 'Noch nicht übertragen: {n} bestätigte Scans.',
  'ooo.orphaned': '{n} bestätigte Scans der früheren Anmeldung konnten nicht übertragen werden; bitte für den Info-Schalter exportieren.',
  'ooo.codeRefused': 'Der Code wurde nicht angenommen (verbraucht, abgelaufen oder vertippt).',
  'ooo.staff': 'Für das Team: neu einrichten',
  'ooo.pin': 'Team-PIN',
  'ooo.code': 'Neuer Einrichtungscode',
  'ooo.enrol': 'Einrichten',
  'ooo.enrolling': 'Der Code wird geprüft …',
  'ooo.pinWrong': 'Die PIN ist falsch.',
  'ooo.pinNotSet': 'Auf diesem Terminal ist keine Team-PIN eingerichtet.',
  'ooo.pinLocked': 'Zu viele falsche PINs. Bitte in einigen Minuten erneut versuchen.',
  'ooo.codeInvalid': 'Der Code hat 10 Zeichen, z. B. ABCDE-FGHJK.',
  'ooo.enrolFailed': 'Das Terminal antwortet nicht. Bitte erneut versuchen.',

  'setup.title': 'Terminal wird eingerichtet',
  'setup.text': 'Bitte haben Sie einen Moment Geduld oder nutzen Sie ein anderes Terminal.',

  'room.title': 'Raum-Scanner',
  'room.scan': 'Bitte Badge scannen',
  'room.mode.room-entrance': 'Eingang',
  'room.mode.room-exit': 'Ausgang',
  'room.mode.room-toggle': 'Ein- und Ausgang',
  'room.ok': 'Willkommen!',
  'room.okNamed': '{name}',
  'room.already': 'Bereits erfasst',
  'room.refused': 'Nicht gültig – bitte an den Infostand',
  'room.fill': '{inside} von {capacity} Plätzen belegt',
  'room.offline': 'ohne Verbindung',
  'room.decision.Admitted': 'Eintritt erfasst',
  'room.decision.Left': 'Auf Wiedersehen!',
  'room.decision.NotInside': 'Ausgang erfasst',
  'room.decision.Full': 'Raum voll – bitte nicht eintreten',
  'room.decision.NotCheckedIn': 'Bitte zuerst am Eingang einchecken',
  'room.decision.NotBooked': 'Plätze bis kurz vor Beginn nur mit Buchung',
  'room.decision.Unknown': 'Badge unbekannt – bitte an den Infostand',
  'room.decision.Invalid': 'Nicht gültig – bitte an den Infostand',
  'room.decision.WrongEvent': 'Badge einer anderen Veranstaltung',
  'room.decision.Revoked': 'Badge ersetzt – bitte an den Infostand',
  'room.decision.Cancelled': 'Anmeldung storniert – bitte an den Infostand',

  'kb.space': 'Leerzeichen',
  'kb.backspace': 'Löschen',
  'kb.clear': 'Alles löschen',
  'kb.shift': 'Großbuchstaben',
  'kb.label': 'Bildschirmtastatur',

  'aids.label': 'Bedienhilfen',
  'aids.speech': 'Vorlesen',
  'aids.reach': 'Bedienung unten',
  'aids.text': 'Große Schrift',
  'aids.contrast': 'Kontrast',
  'say.speechOn': 'Vorlesen ist eingeschaltet.',
  'say.howTo': 'Mit Tab oder den Pfeiltasten wählen Sie aus, mit Enter bestätigen Sie, mit Escape gehen Sie zurück. Zweimal Enter liest den Bildschirm noch einmal vor.',
  'say.moreTime': 'Für mehr Zeit drücken Sie Enter oder tippen Sie auf Mehr Zeit.',
  'say.on': 'ein',
  'say.off': 'aus',
  'say.checked': 'ausgewählt',
  'say.unchecked': 'nicht ausgewählt',
  'say.disabled': 'nicht verfügbar',

  'status.online': 'online',
  'status.offline': 'offline',
};

const en = {
  'lang.toggle.label': 'Language: English. Tap for German.',
  'lang.de': 'DE',
  'lang.en': 'EN',

  'loading': 'One moment, please …',
  'printStation.title': 'Print station',
  'printStation.lead': 'Badges for the counter are printed here. Please check in at the entrance.',
  'busy': 'One moment, please …',

  'start.title': 'Welcome!',
  'start.scan': 'Please scan the QR code from your registration confirmation.',
  'start.scanHint': 'Hold the QR code on your phone or printout under the scanner.',
  'start.or': 'No QR code at hand?',
  'start.search': 'Search by name',
  'start.walkin': 'Register without booking',
  'start.illustration': 'Phone with a QR code above the scanner',

  'welcome.hello': 'Welcome,',
  'welcome.titleNoName': 'Welcome!',
  'welcome.printing': 'Your badge is being printed …',
  'welcome.queued': 'Your badge will be printed as soon as the printer is ready.',
  'welcome.none': 'Great to have you here.',
  'welcome.atCounter': 'Your badge is ready for you at the counter.',
  'welcome.take': 'Please take your badge from the printer.',
  'welcome.preview': 'Preview of your badge',
  'handout.title': 'Please note',
  'done': 'Done',

  'category.Visitor': 'Visitor',
  'category.Exhibitor': 'Exhibitor',
  'category.Speaker': 'Speaker',
  'category.Press': 'Press',
  'category.Team': 'Team',

  'already.title': 'You are already checked in',
  'already.hello': 'Hello,',
  'already.since': 'You are already checked in (since {time}).',
  'already.sinceDay': 'You are already checked in (since {day}, {time}).',
  'already.noTime': 'You are already checked in.',
  'already.help': 'If you need a new badge, please go to the information desk.',
  'already.reprintText': 'Did your badge not come out of the printer properly? You can print it once more.',
  'already.reprint': 'Print my badge again',
  'already.reprintRefused': 'It can no longer be printed again here. Please go to the information desk.',

  'refusal.help': 'Please go to the information desk – we will be glad to help.',
  'refusal.Invalid.title': 'This code is not recognised',
  'refusal.Invalid.text': 'Sorry, the scanned code is not a valid badge code for this event.',
  'refusal.Unknown.title': 'Registration not found',
  'refusal.Unknown.text': 'Sorry, we could not find a registration for this code.',
  'refusal.WrongEvent.title': 'Different event',
  'refusal.WrongEvent.text': 'This QR code belongs to a different event. Please check that you opened the right confirmation.',
  'refusal.Revoked.title': 'This code is no longer valid',
  'refusal.Revoked.text': 'There is a newer QR code for your registration. Please use your most recent confirmation.',
  'refusal.Cancelled.title': 'Registration cancelled',
  'refusal.Cancelled.text': 'This registration has been cancelled.',
  'refusal.TooManyAttempts.title': 'Verification not possible',
  'refusal.TooManyAttempts.text': 'Sorry, we could not confirm your details.',
  'refusal.Error.title': 'Sorry, that did not work',
  'refusal.Error.text': 'Please try again in a moment.',

  'back': 'Back',
  'toStart': 'Start over',

  'search.title': 'Search by name',
  'search.label': 'Your name',
  'search.placeholder': 'First or last name',
  'search.hint': 'Please enter at least 3 letters.',
  'search.searching': 'Searching …',
  'search.none': 'Sorry, no matches.',
  'search.pick': 'Please tap your name:',
  'search.notListed': 'Not listed? Please go to the information desk.',
  'search.failed': 'Search is not available right now. Please go to the information desk.',
  'search.limited': 'You have searched many times. Please ask at the help desk – we will find your registration.',

  'sf.title': 'Just to be sure',
  'sf.for': 'Registration: {name}',
  'sf.Email': 'Please enter your e-mail address.',
  'sf.RegistrationNumber': 'Please enter your registration number.',
  'sf.Email.label': 'E-mail address',
  'sf.RegistrationNumber.label': 'Registration number',
  'sf.RegistrationNumber.hint': 'You will find it in your registration confirmation.',
  'sf.submit': 'Confirm',
  'sf.wrong': 'Sorry, that does not match your registration.',
  'sf.attemptsLeft.1': 'You have 1 attempt left.',
  'sf.attemptsLeft.n': 'You have {n} attempts left.',

  'walkin.title': 'Register without booking',
  'walkin.titleLabel': 'Title (optional)',
  'walkin.firstName': 'First name',
  'walkin.lastName': 'Last name',
  'walkin.organization': 'Organisation / municipality',
  'walkin.email': 'E-mail (optional)',
  'walkin.consent': 'I agree that my details are stored for the purpose of running the event.',
  'walkin.submit': 'Register and print badge',
  'walkin.required': 'Required: last name and consent.',
  'walkin.fieldError': 'Please check this entry.',
  'walkin.formError': 'Please check your details.',

  'idle.title': 'Are you still there?',
  'idle.text': 'For your privacy, the screen will reset shortly.',
  'idle.seconds': 'seconds',
  'idle.more': 'More time',

  'ooo.title': 'This terminal is out of order right now',
  'ooo.text': 'Our team is on its way. Please use another terminal.',
  'ooo.withdrawn': 'For staff: the server no longer accepts this terminal (revoked or unknown). Its attendee list has been deleted. Please set it up with a new code.',
  'ooo.unsent': 'Not uploaded yet: {n} confirmed scans.',
  'ooo.orphaned': '{n} confirmed scans of the earlier enrolment could not be uploaded; please export them for the help desk.',
  'ooo.codeRefused': 'The code was not accepted (used, expired or mistyped).',
  'ooo.staff': 'For staff: set up again',
  'ooo.pin': 'Staff PIN',
  'ooo.code': 'New enrolment code',
  'ooo.enrol': 'Set up',
  'ooo.enrolling': 'Checking the code …',
  'ooo.pinWrong': 'The PIN is wrong.',
  'ooo.pinNotSet': 'No staff PIN is set on this terminal.',
  'ooo.pinLocked': 'Too many wrong PINs. Please try again in a few minutes.',
  'ooo.codeInvalid': 'The code has 10 characters, e.g. ABCDE-FGHJK.',
  'ooo.enrolFailed': 'The terminal does not answer. Please try again.',

  'setup.title': 'Terminal is being set up',
  'setup.text': 'Please bear with us for a moment or use another terminal.',

  'room.title': 'Room scanner',
  'room.scan': 'Please scan your badge',
  'room.mode.room-entrance': 'Entrance',
  'room.mode.room-exit': 'Exit',
  'room.mode.room-toggle': 'Entrance and exit',
  'room.ok': 'Welcome!',
  'room.okNamed': '{name}',
  'room.already': 'Already recorded',
  'room.refused': 'Not valid – please go to the information desk',
  'room.fill': '{inside} of {capacity} seats taken',
  'room.offline': 'no connection',
  'room.decision.Admitted': 'Entry recorded',
  'room.decision.Left': 'Goodbye!',
  'room.decision.NotInside': 'Exit recorded',
  'room.decision.Full': 'Room full – please do not enter',
  'room.decision.NotCheckedIn': 'Please check in at the entrance first',
  'room.decision.NotBooked': 'Seats are for bookings until shortly before the start',
  'room.decision.Unknown': 'Badge unknown – please go to the information desk',
  'room.decision.Invalid': 'Not valid – please go to the information desk',
  'room.decision.WrongEvent': 'Badge of another event',
  'room.decision.Revoked': 'Badge replaced – please go to the information desk',
  'room.decision.Cancelled': 'Registration cancelled – please go to the information desk',

  'kb.space': 'Space',
  'kb.backspace': 'Delete',
  'kb.clear': 'Clear all',
  'kb.shift': 'Capital letters',
  'kb.label': 'On-screen keyboard',

  'aids.label': 'Accessibility aids',
  'aids.speech': 'Read aloud',
  'aids.reach': 'Controls low',
  'aids.text': 'Large text',
  'aids.contrast': 'Contrast',
  'say.speechOn': 'Read aloud is on.',
  'say.howTo': 'Use Tab or the arrow keys to choose, Enter to confirm and Escape to go back. Press Enter twice to hear the screen again.',
  'say.moreTime': 'For more time, press Enter or tap More time.',
  'say.on': 'on',
  'say.off': 'off',
  'say.checked': 'checked',
  'say.unchecked': 'not checked',
  'say.disabled': 'unavailable',

  'status.online': 'online',
  'status.offline': 'offline',
};

export const dictionaries = { de, en };
export const defaultLanguage = 'de';

let current = defaultLanguage;

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = lang === 'en' ? 'en' : 'de';
  document.documentElement.lang = current;
  return current;
}

/** The text for key in the current language, with {placeholders} filled in. */
export function t(key, params) {
  const text = dictionaries[current][key] ?? dictionaries[defaultLanguage][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

const berlinTime = {
  de: new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }),
};
const berlinDay = {
  de: new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: 'numeric', month: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', day: 'numeric', month: 'long' }),
};
const berlinDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The check-in time as Berlin wall-clock time: { time: "09:12", day: "24.11." | null }.
 * day is set only when the check-in was on another calendar day than today (in Berlin).
 */
export function berlinCheckInTime(iso, now = new Date()) {
  if (!iso) return null;
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return null;
  const time = berlinTime[current].format(when);
  const sameDay = berlinDate.format(when) === berlinDate.format(now);
  return { time, day: sameDay ? null : berlinDay[current].format(when) };
}
