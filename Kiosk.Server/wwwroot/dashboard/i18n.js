// Texts for the login page and the organizer dashboard, German first, English second.
// The chosen language is remembered in localStorage and mirrored into <html lang>.

import { useTexts, getLocale } from '../language.js';

export * from '../language.js';

useTexts({
  de: {
    'app.name': 'Kiosk',
    'lang.toggle': 'Sprache',
    'lang.de.long': 'Deutsch',
    'lang.en.long': 'Englisch',

    'login.title': 'Anmelden – Kiosk',
    'login.heading': 'Anmeldung für Organisation und Team',
    'login.intro': 'Bitte melden Sie sich mit Ihrem Kiosk-Konto an.',
    'login.username': 'Benutzername',
    'login.password': 'Passwort',
    'login.submit': 'Anmelden',
    'login.busy': 'Anmeldung läuft …',
    'login.error.credentials': 'Benutzername oder Passwort ist falsch.',
    'login.error.rateLimited': 'Zu viele Versuche. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.',
    'login.error.missing': 'Bitte Benutzername und Passwort eingeben.',
    'login.error.network': 'Der Server ist nicht erreichbar. Bitte Netzwerk prüfen und erneut versuchen.',
    'login.error.server': 'Anmeldung fehlgeschlagen (Serverfehler {status}). Bitte später erneut versuchen.',
    'login.alreadySignedIn': 'Sie sind bereits angemeldet als {name}.',
    'login.continue': 'Anmelden und weiter',

    'dash.title': 'Live-Dashboard – Kiosk',
    'dash.loading': 'Daten werden geladen …',
    'dash.logout': 'Abmelden',
    'dash.eventSelect': 'Veranstaltung',
    'dash.clock': 'Uhrzeit',
    'dash.updated': 'Stand {time}',
    'dash.stale': 'Nicht aktuell – Stand {time}',
    'dash.forbidden.title': 'Nur für Organisatoren',
    'dash.forbidden.text': 'Dieses Dashboard ist nur für Organisatoren freigegeben. Ihr Konto hat dafür keine Berechtigung.',
    'dash.forbidden.other': 'Mit anderem Konto anmelden',
    'dash.noEvents': 'Noch keine Veranstaltung angelegt.',
    'dash.notFound': 'Diese Veranstaltung wurde nicht gefunden.',
    'dash.loadError': 'Die Daten konnten nicht geladen werden. Neuer Versuch läuft automatisch.',

    'live.live': 'live',
    'live.connecting': 'verbinde …',
    'live.reconnecting': 'verbinde neu …',

    'kpi.arrived': 'Angekommen',
    'kpi.of': 'von',
    'kpi.registered': 'registriert',
    'kpi.open': 'Noch erwartet: {n}',
    'kpi.lastBucket': 'Letzte 15 Min.: {n}',
    'kpi.aria': '{arrived} von {registered} Angemeldeten angekommen ({percent})',

    'chart.title': 'Ankünfte je 15 Minuten',
    'chart.empty': 'Noch keine Ankünfte.',
    'chart.now': 'jetzt',
    'chart.aria': 'Balkendiagramm: Ankünfte je 15 Minuten von {from} bis {to}, höchstens {max} in einem Zeitfenster.',
    'chart.bar': '{from}–{to}: {n} Ankünfte',

    'rooms.title': 'Räume',
    'rooms.empty': 'Noch keine Räume angelegt.',
    'rooms.now': 'Jetzt',
    'rooms.next': 'Danach',
    'rooms.noSession': 'Kein Programmpunkt',
    'rooms.inside': 'anwesend',
    'rooms.capacity': 'Plätze',
    'rooms.noCapacity': 'ohne Platzangabe',
    'rooms.aria': '{name}: {inside} von {capacity} Plätzen belegt, {percent}, {word}',
    'kind.Hall': 'Halle',
    'kind.Stage': 'Bühne',
    'kind.MasterClassRoom': 'Masterclass',
    'kind.DialogueIsland': 'Dialoginsel',
    'fill.low': 'frei',
    'fill.mid': 'gut gefüllt',
    'fill.high': 'fast voll',
    'fill.full': 'VOLL',

    'terminals.title': 'Kiosks',
    'terminals.empty': 'Noch keine Kiosks eingerichtet.',
    'terminals.name': 'Kiosk',
    'terminals.status': 'Status',
    'terminals.outbox': 'Warteschlange',
    'terminals.printer': 'Drucker',
    'terminals.mode': 'Modus',
    'terminals.online': 'Online',
    'terminals.offline': 'Offline',
    'terminals.lastSeen': 'zuletzt {time}',
    'terminals.neverSeen': 'noch nie verbunden',
    'terminals.summary': '{online} von {total} online',
    'terminals.conflicts': 'Sync-Konflikte: {n}',
    'printer.Ready': 'Bereit',
    'printer.PaperOut': 'Papier leer',
    'printer.CoverOpen': 'Deckel offen',
    'printer.Offline': 'Offline',
    'printer.Unknown': 'Unbekannt',
    'printer.none': '–',
    'mode.lobby': 'Einlass',
    'mode.room-entrance': 'Raumeingang',
    'mode.room-exit': 'Raumausgang',
    'mode.room-toggle': 'Raum ein/aus',
    'mode.default': 'Standard',

    'alerts.title': 'Hinweise',
    'alert.RoomAlmostFull': '„{room}“ ist fast voll ({percent})',
    'alert.RoomFull': '„{room}“ ist VOLL ({inside} von {capacity})',
    'alert.PrinterProblem': 'Drucker an „{terminal}“: {printer}',
    'alert.KioskOffline': 'Kiosk „{terminal}“ ist offline ({lastSeen})',
    'alert.Conflicts.one': '1 Sync-Konflikt – bitte prüfen',
    'alert.Conflicts.other': '{n} Sync-Konflikte – bitte prüfen',
    'alert.unknown': 'Hinweis: {kind}',
    'alert.room.unknown': 'Raum {id}',
    'alert.terminal.unknown': 'Kiosk {id}',
    'alert.severity.critical': 'Dringend',
    'alert.severity.warning': 'Achtung',
  },
  en: {
    'app.name': 'Kiosk',
    'lang.toggle': 'Language',
    'lang.de.long': 'German',
    'lang.en.long': 'English',

    'login.title': 'Sign in – Kiosk',
    'login.heading': 'Sign-in for organizers and staff',
    'login.intro': 'Please sign in with your Kiosk account.',
    'login.username': 'User name',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.busy': 'Signing in …',
    'login.error.credentials': 'The user name or password is wrong.',
    'login.error.rateLimited': 'Too many attempts. Please wait a minute, then try again.',
    'login.error.missing': 'Please enter user name and password.',
    'login.error.network': 'The server cannot be reached. Please check the network and try again.',
    'login.error.server': 'Sign-in failed (server error {status}). Please try again later.',
    'login.alreadySignedIn': 'You are already signed in as {name}.',
    'login.continue': 'Sign in and continue',

    'dash.title': 'Live dashboard – Kiosk',
    'dash.loading': 'Loading data …',
    'dash.logout': 'Sign out',
    'dash.eventSelect': 'Event',
    'dash.clock': 'Time',
    'dash.updated': 'As of {time}',
    'dash.stale': 'Not current – as of {time}',
    'dash.forbidden.title': 'Organizers only',
    'dash.forbidden.text': 'This dashboard is for organizers only. Your account does not have permission to see it.',
    'dash.forbidden.other': 'Sign in with another account',
    'dash.noEvents': 'No event has been created yet.',
    'dash.notFound': 'This event was not found.',
    'dash.loadError': 'The data could not be loaded. Retrying automatically.',

    'live.live': 'live',
    'live.connecting': 'connecting …',
    'live.reconnecting': 'reconnecting …',

    'kpi.arrived': 'Arrived',
    'kpi.of': 'of',
    'kpi.registered': 'registered',
    'kpi.open': 'Still expected: {n}',
    'kpi.lastBucket': 'Last 15 min: {n}',
    'kpi.aria': '{arrived} of {registered} registered attendees arrived ({percent})',

    'chart.title': 'Arrivals per 15 minutes',
    'chart.empty': 'No arrivals yet.',
    'chart.now': 'now',
    'chart.aria': 'Bar chart: arrivals per 15 minutes from {from} to {to}, at most {max} in one slot.',
    'chart.bar': '{from}–{to}: {n} arrivals',

    'rooms.title': 'Rooms',
    'rooms.empty': 'No rooms have been created yet.',
    'rooms.now': 'Now',
    'rooms.next': 'Next',
    'rooms.noSession': 'No session',
    'rooms.inside': 'inside',
    'rooms.capacity': 'seats',
    'rooms.noCapacity': 'no capacity set',
    'rooms.aria': '{name}: {inside} of {capacity} seats taken, {percent}, {word}',
    'kind.Hall': 'Hall',
    'kind.Stage': 'Stage',
    'kind.MasterClassRoom': 'Master class',
    'kind.DialogueIsland': 'Dialogue island',
    'fill.low': 'space',
    'fill.mid': 'filling up',
    'fill.high': 'almost full',
    'fill.full': 'FULL',

    'terminals.title': 'Kiosks',
    'terminals.empty': 'No kiosks have been set up yet.',
    'terminals.name': 'Kiosk',
    'terminals.status': 'Status',
    'terminals.outbox': 'Outbox',
    'terminals.printer': 'Printer',
    'terminals.mode': 'Mode',
    'terminals.online': 'Online',
    'terminals.offline': 'Offline',
    'terminals.lastSeen': 'last seen {time}',
    'terminals.neverSeen': 'never connected',
    'terminals.summary': '{online} of {total} online',
    'terminals.conflicts': 'Sync conflicts: {n}',
    'printer.Ready': 'Ready',
    'printer.PaperOut': 'Paper out',
    'printer.CoverOpen': 'Cover open',
    'printer.Offline': 'Offline',
    'printer.Unknown': 'Unknown',
    'printer.none': '–',
    'mode.lobby': 'Check-in',
    'mode.room-entrance': 'Room entrance',
    'mode.room-exit': 'Room exit',
    'mode.room-toggle': 'Room in/out',
    'mode.default': 'Default',

    'alerts.title': 'Alerts',
    'alert.RoomAlmostFull': '“{room}” is almost full ({percent})',
    'alert.RoomFull': '“{room}” is FULL ({inside} of {capacity})',
    'alert.PrinterProblem': 'Printer at “{terminal}”: {printer}',
    'alert.KioskOffline': 'Kiosk “{terminal}” is offline ({lastSeen})',
    'alert.Conflicts.one': '1 sync conflict – please review',
    'alert.Conflicts.other': '{n} sync conflicts – please review',
    'alert.unknown': 'Alert: {kind}',
    'alert.room.unknown': 'Room {id}',
    'alert.terminal.unknown': 'Kiosk {id}',
    'alert.severity.critical': 'Urgent',
    'alert.severity.warning': 'Attention',
  },
});

// ---- Formatting helpers that follow the current language ----

export function formatNumber(n) {
  return new Intl.NumberFormat(getLocale()).format(n ?? 0);
}

/** ratio 0.156 → "15,6 %" (de) / "15.6%" (en). */
export function formatPercent(ratio, fractionDigits = 0) {
  return new Intl.NumberFormat(getLocale(), {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}

/** HH:MM (24 h) in the given IANA time zone. */
export function formatTime(date, timeZone, withSeconds = false) {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(getLocale(), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).format(d);
}

export function formatDate(date, timeZone) {
  return new Intl.DateTimeFormat(getLocale(), {
    timeZone, weekday: 'short', day: 'numeric', month: 'long',
  }).format(date);
}
