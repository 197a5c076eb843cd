// The start page: where a newcomer lands. Links the organizer pages and, in the demo, the kiosk.
import { useTexts, applyStaticTexts, mountLanguageToggle } from '../language.js';
import { request } from '../api.js';

useTexts({
  de: {
    'lang.toggle': 'Sprache', 'lang.de.long': 'Deutsch', 'lang.en.long': 'Englisch',
    'start.title': 'Kiosk – Start',
    'start.heading': 'Kiosk: Badges, Check-in und Räume',
    'start.intro': 'Wählen Sie, was Sie tun möchten. Die Seiten für Organisation und Team verlangen eine Anmeldung.',
    'start.pages': 'Seiten',
    'start.dashboard': 'Live-Dashboard', 'start.dashboard.what': 'Ankünfte, Belegung der Räume, Kiosks und Hinweise',
    'start.desk': 'Info-Schalter', 'start.desk.what': 'Teilnehmende finden, Badges nachdrucken, Namen korrigieren',
    'start.door': 'Türzählung', 'start.door.what': 'Ein- und Ausgänge eines Raums am Telefon zählen',
    'start.imports': 'Import', 'start.imports.what': 'Anmeldungen als CSV-Datei einlesen',
    'start.handouts': 'Ausgabehinweise', 'start.handouts.what': 'Hinweise am Kiosk je Kategorie und Sitzung („Lanyard am Counter 2 abholen“)',
    'start.reports': 'Berichte', 'start.reports.what': 'Sitzungen, Räume, Bescheinigungen',
    'start.jobs': 'Hintergrundaufgaben', 'start.jobs.what': 'Mails, Importe und Löschfristen (Hangfire, englisch)',
    'start.apidocs': 'API-Referenz', 'start.apidocs.what': 'Alle Schnittstellen für Skripte und Anbindungen (englisch)',
    'start.kiosk': 'Demo-Kiosk', 'start.kiosk.what': 'Der Check-in-Bildschirm am Eingang, wie Besucher ihn sehen',
    'start.login': 'Anmelden', 'start.api': 'API (OpenAPI)',
  },
  en: {
    'lang.toggle': 'Language', 'lang.de.long': 'German', 'lang.en.long': 'English',
    'start.title': 'Kiosk – Start',
    'start.heading': 'Kiosk: badges, check-in and rooms',
    'start.intro': 'Choose what you want to do. The pages for organizers and staff ask you to sign in.',
    'start.pages': 'Pages',
    'start.dashboard': 'Live dashboard', 'start.dashboard.what': 'Arrivals, room occupancy, kiosks and alerts',
    'start.desk': 'Help desk', 'start.desk.what': 'Find attendees, reprint badges, correct names',
    'start.door': 'Door count', 'start.door.what': 'Count a room’s entries and exits on a phone',
    'start.imports': 'Import', 'start.imports.what': 'Read registrations from a CSV file',
    'start.handouts': 'Handout notes', 'start.handouts.what': 'Notes at the kiosk per category and session (“pick up your lanyard at counter 2”)',
    'start.reports': 'Reports', 'start.reports.what': 'Sessions, rooms, attendance certificates',
    'start.jobs': 'Background jobs', 'start.jobs.what': 'Mails, imports and retention (Hangfire, in English)',
    'start.apidocs': 'API reference', 'start.apidocs.what': 'Every interface for scripts and integrations (in English)',
    'start.kiosk': 'Demo kiosk', 'start.kiosk.what': 'The check-in screen at the entrance, as visitors see it',
    'start.login': 'Sign in', 'start.api': 'API (OpenAPI)',
  },
});

mountLanguageToggle(document.querySelector('[data-testid="language-toggle"]'));
applyStaticTexts();

// Without an answer the links work all the same.
request('GET', '/api/about').then(({ status, data: about }) => {
  if (status !== 200 || !about) return;
  const version = document.getElementById('version');
  version.textContent = `Kiosk ${about.version}`;
  if (about.demoKioskUrl) {
    document.getElementById('kiosk-link').href = about.demoKioskUrl;
    document.getElementById('kiosk-item').hidden = false;
  }
});
