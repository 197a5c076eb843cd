// Kiosk touch UI: screens, host-state polling, scanner answers, name search, second factor, walk-ins, and the
// visitor's aids (speech output, controls low on the screen, large text, high contrast).
// Privacy: nothing is stored in the browser (no storage, cookies or URL); every return to the start screen
// throws away the whole visitor state and rebuilds the screen from scratch.

import * as api from './api.js';
import { t, setLanguage, language, defaultLanguage, berlinCheckInTime } from './i18n.js';
import { createKeyboard } from './keyboard.js';
import { startKeys, moveFocus } from './keys.js';
import { startSerialScans } from './serial-scans.js';
import { createIdle } from './idle.js';
import { speech, screenTexts, controlName } from './speech.js';
import { handoutNotes, welcomeDuration } from './handouts.js';

const POLL_MS = 2000;
const HOST_DOWN_AFTER_FAILURES = 3;
const WELCOME_MS = 8000;
const SPOKEN_WELCOME_MS = 16000; // time to hear the welcome and the print status
const RESULT_MS = 15000; // unless the kiosk says otherwise (Terminal:ResultSeconds)
const ROOM_RESULT_MS = 4000;
const SEARCH_DEBOUNCE_MS = 250;
const BUSY_DELAY_MS = 300;
const REFUSALS = new Set(['Invalid', 'Unknown', 'WrongEvent', 'Revoked', 'Cancelled', 'TooManyAttempts', 'Error']);
const CATEGORIES = new Set(['Visitor', 'Exhibitor', 'Speaker', 'Press', 'Team']);
const WALKIN_FIELDS = ['firstName', 'lastName', 'organization', 'email'];
// Screens the kiosk rests on; everything else is a visitor's flow and is guarded by the idle reset.
const RESTING = new Set(['loading', 'setup', 'out-of-order', 'start', 'room', 'print-station']);

const $ = (id) => document.getElementById(id);
const $screen = $('screen');
const $eventName = $('event-name');
const $langToggle = $('lang-toggle');
const $staff = $('staff-status');
const $busy = $('busy');
const $busyText = $('busy-text');
const $idleOverlay = $('idle-overlay');
const $aids = $('aids');
// A visitor's aids, off for every new visitor (the kiosk may turn some on for everyone by configuration).
const AIDS = ['speech', 'reach', 'text', 'contrast'];
let aids = freshAids();

const host = { state: null, failures: 0 };
let ui = freshUi();
let screenTimer = 0;
let searchTimer = 0;
let searchSeq = 0;
let actionSeq = 0;
let busyTimer = 0;
let busyCount = 0;
let restingSignature = '';

function freshAids() {
  return { speech: false, reach: false, text: false, contrast: false };
}

function freshUi() {
  return {
    screen: 'loading',
    session: crypto.randomUUID(), // this visitor's screen session (the kiosk caps name searches per session)
    answer: null,   // ScanAnswer on welcome / already
    refusal: null,  // key of the refusal message
    search: { q: '', matches: null, status: 'short' },
    sf: { match: null, answer: '', attemptsLeft: null, wrong: false },
    walkin: { dr: false, prof: false, firstName: '', lastName: '', organization: '', email: '', consent: false, active: 'firstName', errors: {}, formError: false },
    room: { answer: null },
    reprintRefused: false,
    staff: { open: false, active: 'pin', pin: '', code: '', message: null },
  };
}

/**
 * The staff line of a kiosk the server withdrew: why, how many confirmed scans it still holds, and (after the
 * staff PIN) a new enrolment code. Visitors only see the headline above it.
 */
function staffPanel(s) {
  const st = ui.staff;
  const facts = h('div', { class: 'staff-panel', testid: 'staff-panel' },
    h('p', { class: 'hint', testid: 'staff-withdrawn', text: t('ooo.withdrawn') }),
    s.outbox > 0 ? h('p', { class: 'hint', testid: 'staff-unsent', text: t('ooo.unsent', { n: s.outbox }) }) : null,
    s.orphanedScans > 0 ? h('p', { class: 'hint', testid: 'staff-orphaned', text: t('ooo.orphaned', { n: s.orphanedScans }) }) : null,
    s.codeRefused ? h('p', { class: 'form-error', role: 'alert', testid: 'staff-code-refused', text: t('ooo.codeRefused') }) : null);
  if (!st.open) {
    facts.append(button('btn-secondary', t('ooo.staff'), () => { st.open = true; st.message = null; show('out-of-order'); }, { testid: 'staff-open' }));
    return facts;
  }
  const field = (name, label) => {
    const input = h('input', {
      id: `staff-${name}`, class: `field-input${st.active === name ? ' is-active' : ''}`, testid: `staff-${name}-input`, type: 'text', readonly: true,
      inputmode: 'none', autocomplete: 'off', spellcheck: 'false',
      onclick: () => { st.active = name; show('out-of-order'); },
    });
    input.value = name === 'pin' ? '•'.repeat(st.pin.length) : st.code;
    return [h('label', { class: 'field-label', for: `staff-${name}`, text: label }), input];
  };
  facts.append(...field('pin', t('ooo.pin')), ...field('code', t('ooo.code')),
    h('p', { class: 'form-error', role: 'alert', testid: 'staff-message', text: st.message ? t(st.message) : '' }),
    button('btn-primary', t('ooo.enrol'), submitStaffEnrol, { testid: 'staff-enrol' }));
  return facts;
}

async function submitStaffEnrol() {
  const st = ui.staff;
  try {
    await api.staffEnrol(st.pin, st.code);
    st.message = 'ooo.enrolling';
    st.pin = '';
  } catch (e) {
    st.message = e instanceof api.ApiError && e.status === 403 ? 'ooo.pinWrong'
      : e instanceof api.ApiError && e.status === 409 ? 'ooo.pinNotSet'
      : e instanceof api.ApiError && e.status === 429 ? 'ooo.pinLocked'
      : e instanceof api.ApiError && e.status === 400 ? 'ooo.codeInvalid' : 'ooo.enrolFailed';
  }
  show('out-of-order');
}

// ---------------------------------------------------------------- DOM helper

function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Set a read-only input's text and keep its end (where the visitor types) in view. */
function setInputValue(input, value) {
  if (!input) return;
  input.value = value;
  input.scrollLeft = input.scrollWidth;
}

const button = (cls, text, onclick, extra) => h('button', { type: 'button', class: `btn ${cls}`, onclick, ...extra }, text);

function nameSizeClass(name) {
  const n = Array.from(name ?? '').length;
  return n > 44 ? 'name-xlong' : n > 28 ? 'name-long' : '';
}

// ---------------------------------------------------------------- screens

const renderers = {
  loading: () => h('section', { class: 'screen screen-loading', testid: 'screen-loading' }, h('p', { class: 'lead', text: t('loading') })),

  // Prints what the help desk sends (reprints, print batches); nobody checks in here.
  'print-station': () => h('section', { class: 'screen screen-print-station', testid: 'screen-print-station' },
    h('h1', { class: 'headline', tabindex: '-1', text: t('printStation.title') }),
    h('p', { class: 'lead', 'data-say': true, text: t('printStation.lead') })),

  start() {
    const s = host.state ?? {};
    return h('section', { class: 'screen screen-start', testid: 'screen-start' },
      h('div', { class: 'start-hero' },
        h('h1', { class: 'headline', tabindex: '-1', text: t('start.title') }),
        h('p', { class: 'lead start-lead', 'data-say': true, text: t('start.scan') }),
        scannerIllustration(),
        h('p', { class: 'hint', text: t('start.scanHint') })),
      h('div', { class: 'start-actions' },
        h('p', { class: 'start-or', 'data-say': true, text: t('start.or') }),
        button('btn-primary btn-xl', t('start.search'), () => show('search'), { testid: 'start-search' }),
        s.allowsWalkIns ? button('btn-secondary btn-xl', t('start.walkin'), () => show('walkin'), { testid: 'start-walkin' }) : null));
  },

  welcome() {
    const a = ui.answer ?? {};
    const print = a.print === 'Printing' ? t('welcome.printing') : a.print === 'Queued' ? t('welcome.queued')
      : a.print === 'AtCounter' ? t('welcome.atCounter') : t('welcome.none');
    const preview = typeof a.preview === 'string' && a.preview.startsWith('/') && !a.preview.startsWith('//') ? a.preview : null;
    return h('section', { class: `screen screen-welcome${preview ? ' has-preview' : ''}`, testid: 'screen-welcome' },
      h('div', { class: 'result-text' },
        checkIcon(),
        h('h1', { class: 'headline welcome-headline', tabindex: '-1' },
          a.name
            ? [h('span', { class: 'welcome-hello', text: t('welcome.hello') }), ' ',
               h('span', { class: `welcome-name ${nameSizeClass(a.name)}`, testid: 'welcome-name', text: a.name })]
            : h('span', { class: 'welcome-name', testid: 'welcome-name', text: t('welcome.titleNoName') })),
        a.organization ? h('p', { class: 'organization', text: a.organization }) : null,
        CATEGORIES.has(a.category) ? h('p', { class: 'category-chip', text: t(`category.${a.category}`) }) : null,
        h('p', { class: 'lead print-status', testid: 'print-status', 'data-say': true, text: print }),
        a.print === 'Printing' ? h('p', { class: 'hint', 'data-say': true, text: t('welcome.take') }) : null,
        handoutNotes(a, h, t),
        button('btn-on-dark btn-xl', t('done'), reset, { testid: 'done' })),
      preview ? h('div', { class: 'preview-frame' },
        h('img', {
          class: 'badge-preview', testid: 'badge-preview', src: preview, alt: t('welcome.preview'),
          onerror: (e) => e.currentTarget.closest('.preview-frame')?.remove(),
        })) : null);
  },

  ...badgePreviewScreens(),

  already() {
    const a = ui.answer ?? {};
    const when = berlinCheckInTime(a.checkedInAt);
    const since = !when ? t('already.noTime') : when.day ? t('already.sinceDay', when) : t('already.since', when);
    return h('section', { class: 'screen screen-already', testid: 'screen-already' },
      h('div', { class: 'result-text' },
        infoIcon(),
        h('h1', { class: 'headline', tabindex: '-1' },
          a.name ? [h('span', { class: 'welcome-hello', text: t('already.hello') }), ' ',
                    h('span', { class: `person-name ${nameSizeClass(a.name)}`, testid: 'already-name', text: a.name })]
                 : t('already.title')),
        a.organization ? h('p', { class: 'organization', text: a.organization }) : null,
        h('p', { class: 'lead', testid: 'already-since', 'data-say': true, text: since }),
        a.reprintRef
          ? h('div', { class: 'reprint-offer' },
              h('p', { class: 'lead', 'data-say': true, text: t('already.reprintText') }),
              button('btn-primary btn-xl', t('already.reprint'), () => reprintBadge(a.reprintRef), { testid: 'self-reprint' }))
          : h('p', { class: 'lead', 'data-say': true, text: t('already.help') }),
        ui.reprintRefused ? h('p', { class: 'lead', role: 'alert', testid: 'reprint-refused', 'data-say': true, text: t('already.reprintRefused') }) : null,
        button('btn-on-dark btn-xl', t('done'), reset, { testid: 'done' })));
  },

  refusal() {
    const key = REFUSALS.has(ui.refusal) ? ui.refusal : 'Error';
    return h('section', { class: 'screen screen-refusal', testid: 'screen-refusal', 'data-result': key },
      h('div', { class: 'result-text' },
        stopIcon(),
        h('h1', { class: 'headline', tabindex: '-1', text: t(`refusal.${key}.title`) }),
        h('p', { class: 'lead', 'data-say': true, text: t(`refusal.${key}.text`) }),
        h('p', { class: 'lead', 'data-say': true, text: t('refusal.help') }),
        button('btn-on-dark btn-xl', t('toStart'), reset, { testid: 'done' })));
  },

  search() {
    const input = h('input', {
      id: 'search-input', class: 'field-input', testid: 'search-input', type: 'text', readonly: true,
      inputmode: 'none', autocomplete: 'off', spellcheck: 'false', placeholder: t('search.placeholder'),
      'aria-describedby': 'search-hint',
    });
    input.value = ui.search.q;
    const results = h('div', { class: 'search-results', id: 'search-results', 'aria-live': 'polite' });
    const section = h('section', { class: 'screen screen-search with-keyboard', testid: 'screen-search' },
      h('div', { class: 'flow-main' },
        flowTop(t('search.title'), reset),
        h('label', { class: 'field-label', for: 'search-input', text: t('search.label') }),
        input,
        h('p', { class: 'hint', id: 'search-hint', testid: 'search-hint', 'data-say': true }),
        results,
        actionRow(reset)),
      h('div', { class: 'flow-keyboard' },
        createKeyboard({ layout: 'name', get: () => ui.search.q, set: setSearchQuery, maxLength: 60 })));
    queueMicrotask(renderSearchResults);
    return section;
  },

  'second-factor'() {
    const kind = host.state?.secondFactor === 'RegistrationNumber' ? 'RegistrationNumber' : 'Email';
    const m = ui.sf.match ?? {};
    const input = h('input', {
      id: 'sf-input', class: 'field-input', testid: 'second-factor-input', type: 'text', readonly: true,
      inputmode: 'none', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'sf-message',
    });
    input.value = ui.sf.answer;
    const submit = button('btn-primary btn-xl', t('sf.submit'), submitSecondFactor, { testid: 'second-factor-submit', id: 'sf-submit', 'data-enter': true });
    submit.disabled = ui.sf.answer.trim() === '';
    const message = h('p', { class: 'form-error', id: 'sf-message', role: 'alert' });
    if (ui.sf.wrong) {
      message.textContent = t('sf.wrong');
      if (Number.isInteger(ui.sf.attemptsLeft)) {
        message.append(' ', ui.sf.attemptsLeft === 1 ? t('sf.attemptsLeft.1') : t('sf.attemptsLeft.n', { n: ui.sf.attemptsLeft }));
      }
    }
    return h('section', { class: 'screen screen-second-factor with-keyboard', testid: 'screen-second-factor' },
      h('div', { class: 'flow-main' },
        flowTop(t('sf.title'), () => show('search')),
        h('p', { class: 'sf-for', text: t('sf.for', { name: [m.name, m.organization].filter(Boolean).join(' · ') }) }),
        h('p', { class: 'lead', 'data-say': true, text: t(`sf.${kind}`) }),
        h('label', { class: 'field-label', for: 'sf-input', text: t(`sf.${kind}.label`) }),
        input,
        kind === 'RegistrationNumber' ? h('p', { class: 'hint', text: t('sf.RegistrationNumber.hint') }) : null,
        message,
        actionRow(() => show('search'), submit)),
      h('div', { class: 'flow-keyboard' },
        createKeyboard({
          layout: kind === 'Email' ? 'email' : 'code',
          get: () => ui.sf.answer,
          set: (v) => {
            ui.sf.answer = v;
            setInputValue(input, v);
            submit.disabled = v.trim() === '';
          },
          maxLength: kind === 'Email' ? 120 : 40,
        })));
  },

  walkin() {
    const w = ui.walkin;
    const submit = button('btn-primary btn-xl', t('walkin.submit'), submitWalkIn, { testid: 'walkin-submit', id: 'walkin-submit', 'data-enter': true });
    const inputs = {};
    const keyboardHost = h('div', { class: 'flow-keyboard' });

    const syncSubmit = () => { submit.disabled = !(w.lastName.trim() && w.consent); }; // a single name is a last name
    const mountKeyboard = () => {
      keyboardHost.replaceChildren(createKeyboard({
        layout: w.active === 'email' ? 'email' : 'text',
        get: () => w[w.active],
        set: (v) => {
          w[w.active] = v;
          setInputValue(inputs[w.active], v);
          if (w.errors[w.active]) {
            // the visitor is correcting it: drop the stale error message
            delete w.errors[w.active];
            inputs[w.active].removeAttribute('aria-invalid');
            inputs[w.active].removeAttribute('aria-describedby');
            inputs[w.active].closest('.field').querySelector('.field-error')?.remove();
          }
          syncSubmit();
        },
        maxLength: w.active === 'email' ? 120 : 80,
      }));
    };
    const activate = (field) => {
      w.active = field;
      for (const [name, el] of Object.entries(inputs)) el.closest('.field').classList.toggle('is-active', name === field);
      mountKeyboard();
    };

    const fields = WALKIN_FIELDS.map((name) => {
      const id = `walkin-${name}`;
      const input = h('input', {
        id, class: 'field-input', testid: id, type: 'text', readonly: true, inputmode: 'none', autocomplete: 'off',
        spellcheck: 'false', 'aria-invalid': w.errors[name] ? 'true' : null,
        'aria-describedby': w.errors[name] ? `${id}-error` : null,
        onfocus: () => { if (w.active !== name) activate(name); },
        onclick: () => { if (w.active !== name) activate(name); },
      });
      input.value = w[name];
      inputs[name] = input;
      return h('div', { class: `field field-${name}${w.active === name ? ' is-active' : ''}` },
        h('label', { class: 'field-label', for: id, text: t(`walkin.${name}`) }),
        input,
        w.errors[name] ? h('p', { class: 'field-error', id: `${id}-error`, text: t('walkin.fieldError') }) : null);
    });

    const chip = (key, label) => h('button', {
      type: 'button', class: 'chip', testid: `walkin-title-${key}`, 'aria-pressed': String(w[key]),
      onclick: (e) => { w[key] = !w[key]; e.currentTarget.setAttribute('aria-pressed', String(w[key])); },
    }, label);

    const consent = h('input', {
      type: 'checkbox', id: 'walkin-consent', class: 'consent-box', testid: 'walkin-consent',
      onchange: (e) => { w.consent = e.currentTarget.checked; syncSubmit(); },
    });
    consent.checked = w.consent;

    const section = h('section', { class: 'screen screen-walkin with-keyboard', testid: 'screen-walkin' },
      h('div', { class: 'flow-main' },
        flowTop(t('walkin.title'), reset),
        h('div', { class: 'walkin-form' },
          h('div', { class: 'chips', role: 'group', 'aria-label': t('walkin.titleLabel') },
            h('span', { class: 'field-label', text: t('walkin.titleLabel') }),
            chip('dr', 'Dr.'), chip('prof', 'Prof.')),
          h('div', { class: 'fields' }, fields),
          h('label', { class: 'consent', for: 'walkin-consent' }, consent, h('span', { text: t('walkin.consent') })),
          w.formError ? h('p', { class: 'form-error', role: 'alert', text: t('walkin.formError') }) : null,
          h('p', { class: 'hint', text: t('walkin.required') }),
          actionRow(reset, submit))),
      keyboardHost);
    syncSubmit();
    mountKeyboard();
    return section;
  },

  'out-of-order'() {
    const s = host.state ?? {};
    const printer = s.printer?.state;
    const withdrawn = s.outOfOrderReason === 'withdrawn';
    const code = [host.failures >= HOST_DOWN_AFTER_FAILURES ? 'HOST' : null, withdrawn ? 'W' : null, printer && printer !== 'Ready' ? `P:${printer}` : null]
      .filter(Boolean).join(' ');
    return h('section', { class: `screen screen-out-of-order${withdrawn ? ' with-keyboard' : ''}`, testid: 'screen-out-of-order' },
      h('div', { class: withdrawn ? 'flow-main' : 'result-text' },
        h('h1', { class: 'headline', tabindex: '-1', text: t('ooo.title') }),
        h('p', { class: 'lead', 'data-say': true, text: t('ooo.text') }),
        withdrawn ? staffPanel(s) : null),
      withdrawn && ui.staff.open ? h('div', { class: 'flow-keyboard' }, createKeyboard({
        layout: 'code',
        get: () => ui.staff[ui.staff.active],
        set: (v) => {
          ui.staff[ui.staff.active] = v;
          setInputValue(document.getElementById(`staff-${ui.staff.active}`), ui.staff.active === 'pin' ? '•'.repeat(v.length) : v);
        },
        maxLength: ui.staff.active === 'pin' ? 12 : 20,
      })) : null,
      h('p', { class: 'staff-code', testid: 'staff-code', 'aria-hidden': 'true', text: code }));
  },

  setup: () => h('section', { class: 'screen screen-setup', testid: 'screen-setup' },
    h('div', { class: 'result-text' },
      h('h1', { class: 'headline', tabindex: '-1', text: t('setup.title') }),
      h('p', { class: 'lead', 'data-say': true, text: t('setup.text') }))),

  room() {
    const mode = host.state?.mode;
    const a = ui.room.answer;
    let result = null;
    if (a) {
      const ok = a.result === 'Welcome' || a.result === 'AlreadyCheckedIn';
      const decision = a.room?.decision;
      const said = decision ? t(`room.decision.${decision}`) : null;
      const text = !ok ? (said ?? t('room.refused')) : a.name ? a.name : a.result === 'Welcome' ? t('room.ok') : t('room.already');
      const fill = a.room && a.room.capacity > 0
        ? h('p', { class: 'room-fill', testid: 'room-fill', text: t('room.fill', { inside: a.room.inside, capacity: a.room.capacity }) + (a.room.offline ? ` · ${t('room.offline')}` : '') })
        : null;
      result = h('div', { class: `room-result ${ok ? 'is-ok' : 'is-refused'}`, testid: 'room-result', 'data-result': a.result, 'data-decision': decision ?? '', role: 'status' },
        ok ? checkIcon() : stopIcon(), h('span', { class: nameSizeClass(text), text }),
        ok && said ? h('p', { class: 'room-decision', text: said }) : null, fill);
    }
    return h('section', { class: 'screen screen-room', testid: 'screen-room' },
      h('div', { class: 'result-text' },
        h('h1', { class: 'headline', tabindex: '-1' }, t('room.title'),
          mode && mode !== 'room-toggle' ? ` · ${t(`room.mode.${mode}`)}` : null),
        h('p', { class: 'lead', 'data-say': true, text: t('room.scan') }),
        result ?? h('div', { class: 'room-result is-empty', testid: 'room-result' }, scannerIllustration())));
  },
};

// "Zurück" sits beside the heading; with controls low it moves down beside the screen's main action.
function flowTop(title, onBack) {
  return h('div', { class: 'flow-top' },
    aids.reach ? null : backButton(onBack),
    h('h1', { class: 'headline flow-headline', tabindex: '-1', text: title }));
}

function actionRow(onBack, main = null) {
  if (!aids.reach) return main;
  return h('div', { class: 'action-row' }, backButton(onBack), main);
}

const backButton = (onBack) => button('btn-ghost btn-back', `‹ ${t('back')}`, onBack, { testid: 'back' });

// ---------------------------------------------------------------- illustrations (static, no motion)

const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(markup, cls, label) {
  const el = document.createElementNS(SVG_NS, 'svg');
  el.setAttribute('class', cls);
  el.setAttribute('viewBox', '0 0 100 100');
  if (label) { el.setAttribute('role', 'img'); el.setAttribute('aria-label', label); } else el.setAttribute('aria-hidden', 'true');
  el.innerHTML = markup; // static markup only, never visitor data
  return el;
}
const checkIcon = () => svg('<circle cx="50" cy="50" r="44" fill="none" stroke="currentColor" stroke-width="8"/><path d="M29 52l14 14 29-31" fill="none" stroke="currentColor" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>', 'result-icon');
const infoIcon = () => svg('<circle cx="50" cy="50" r="44" fill="none" stroke="currentColor" stroke-width="8"/><path d="M50 45v28" stroke="currentColor" stroke-width="10" stroke-linecap="round"/><circle cx="50" cy="29" r="6.5" fill="currentColor"/>', 'result-icon');
const stopIcon = () => svg('<circle cx="50" cy="50" r="44" fill="none" stroke="currentColor" stroke-width="8"/><path d="M50 25v32" stroke="currentColor" stroke-width="10" stroke-linecap="round"/><circle cx="50" cy="73" r="6.5" fill="currentColor"/>', 'result-icon');

function scannerIllustration() {
  const el = document.createElementNS(SVG_NS, 'svg');
  el.setAttribute('class', 'scanner-illustration');
  el.setAttribute('viewBox', '0 0 320 260');
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', t('start.illustration'));
  const qr = [];
  // a stylised QR code: three finder squares and a fixed scatter of modules
  for (const [x, y] of [[118, 34], [178, 34], [118, 94]]) {
    qr.push(`<rect x="${x}" y="${y}" width="24" height="24" fill="none" stroke="#14171a" stroke-width="5"/><rect x="${x + 8}" y="${y + 8}" width="8" height="8" fill="#14171a"/>`);
  }
  for (const [x, y] of [[152, 36], [160, 48], [152, 60], [168, 68], [150, 84], [162, 92], [176, 80], [188, 74], [200, 88], [184, 100], [196, 108], [176, 112], [152, 108], [162, 120], [204, 120], [186, 124]]) {
    qr.push(`<rect x="${x}" y="${y}" width="8" height="8" fill="#14171a"/>`);
  }
  el.innerHTML = `
    <path d="M108 226 L212 226 L246 158 L74 158 Z" fill="#9fd4ff" opacity="0.55"/>
    <rect x="100" y="10" width="120" height="150" rx="16" fill="#ffffff" stroke="#1f3b57" stroke-width="7"/>
    <rect x="146" y="16" width="28" height="5" rx="2.5" fill="#1f3b57"/>
    ${qr.join('')}
    <rect x="60" y="222" width="200" height="32" rx="10" fill="#1f3b57"/>
    <rect x="104" y="216" width="112" height="12" rx="5" fill="#2f8fd8"/>`;
  return el;
}

// ---------------------------------------------------------------- navigation

function show(screen, { focus = true } = {}) {
  const leaving = ui.screen;
  ui.screen = screen;
  clearTimeout(screenTimer);
  screenTimer = 0;
  if (leaving === 'search' && screen !== 'search') { clearTimeout(searchTimer); searchSeq++; }
  if (leaving === 'preview') stopPreviewCountdown();
  render({ focus });
  if (focus) speakScreen();
  if (screen === 'welcome') screenTimer = setTimeout(reset, welcomeDuration(ui.answer, aids.speech ? SPOKEN_WELCOME_MS : WELCOME_MS));
  else if (screen === 'already' || screen === 'refusal' || screen === 'badge-fixed') screenTimer = setTimeout(reset, Number(host.state?.resultSeconds) > 0 ? Number(host.state.resultSeconds) * 1000 : RESULT_MS);
  else if (screen === 'preview') startPreviewCountdown();
  else if (screen === 'room' && ui.room.answer) screenTimer = setTimeout(() => { ui.room.answer = null; render({ focus: false }); }, ROOM_RESULT_MS);
  idle.disarm();
  if (!RESTING.has(screen)) idle.arm(host.state?.idleSeconds);
}

function render({ focus = false } = {}) {
  document.body.dataset.screen = ui.screen;
  const build = renderers[ui.screen] ?? renderers.loading;
  $screen.replaceChildren(build());
  restingSignature = signature();
  renderChrome();
  if (focus) $screen.querySelector('h1')?.focus({ preventScroll: true });
}

/** Back to the resting screen with nothing of the last visitor left: state, inputs, results, language. */
function reset() {
  clearTimeout(screenTimer);
  clearTimeout(searchTimer);
  searchSeq++;
  actionSeq++;
  ui = freshUi();
  setLanguage(defaultLanguage);
  resetAids();
  keys.reset();
  idle.disarm();
  hideBusy(true);
  show(baseScreen());
}

function baseScreen() {
  const s = host.state;
  if (host.failures >= HOST_DOWN_AFTER_FAILURES) return 'out-of-order';
  if (!s) return 'loading';
  if (s.outOfOrder) return 'out-of-order';
  if (s.enrolled === false) return 'setup';
  if (typeof s.mode === 'string' && s.mode.startsWith('room-')) return 'room';
  if (s.mode === 'print-station') return 'print-station';
  return 'start';
}

function signature() {
  const s = host.state ?? {};
  return [ui.screen, s.allowsWalkIns, s.mode, s.printer?.state, host.failures >= HOST_DOWN_AFTER_FAILURES,
    s.outOfOrderReason, s.outbox, s.orphanedScans, s.codeRefused].join('|');
}

// ---------------------------------------------------------------- header, staff status, language

function renderChrome() {
  const s = host.state;
  $eventName.textContent = s?.eventName ?? '';
  const lang = language();
  // The button's name is what it shows (DE | EN); what a press does is its description.
  document.getElementById('lang-toggle-hint').textContent = t('lang.toggle.label');
  for (const opt of $langToggle.querySelectorAll('.lang-option')) opt.classList.toggle('is-current', opt.dataset.lang === lang);

  const parts = [];
  if (host.failures >= HOST_DOWN_AFTER_FAILURES) parts.push('host ✕');
  else if (s) {
    parts.push(s.online ? t('status.online') : t('status.offline'));
    if (s.outbox) parts.push(`↑${s.outbox}`);
    if (s.printer?.state && s.printer.state !== 'Ready') parts.push(`P:${s.printer.state}`);
  }
  $staff.textContent = parts.join(' · ');
  $staff.classList.toggle('is-offline', !!s && !s.online);
  speech.configure(s?.speech);

  renderAids();

  $('idle-title').textContent = t('idle.title');
  $('idle-text').textContent = t('idle.text');
  $('idle-seconds').textContent = t('idle.seconds');
  $('more-time').textContent = t('idle.more');
  $busyText.textContent = t('busy');
}

$langToggle.addEventListener('click', () => {
  setLanguage(language() === 'de' ? 'en' : 'de');
  render();
  speakScreen();
  touchChoices();
});

// On a resting screen (no idle overlay there) a language or aid someone chose goes back to the kiosk's defaults
// once nobody has touched the screen for idleSeconds, so the next visitor starts afresh.
let choicesTimer = 0;
function touchChoices() {
  clearTimeout(choicesTimer);
  if (!RESTING.has(ui.screen) || (language() === defaultLanguage && sameAids(aids, defaultAids()))) return;
  const seconds = Number(host.state?.idleSeconds) > 0 ? Number(host.state.idleSeconds) : 30;
  choicesTimer = setTimeout(() => {
    if (!RESTING.has(ui.screen)) return;
    setLanguage(defaultLanguage);
    resetAids();
    render();
  }, seconds * 1000);
}
for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, touchChoices, { capture: true, passive: true });

// ---------------------------------------------------------------- aids: speech, controls low, large text, contrast

/** The kiosk's defaults (Speech:On and the Display section of its configuration). */
function defaultAids() {
  const d = host.state?.aids ?? {};
  return { speech: !!d.speech, reach: !!d.reach, text: !!d.text, contrast: !!d.contrast };
}

const sameAids = (a, b) => AIDS.every((k) => a[k] === b[k]);

function resetAids() {
  aids = defaultAids();
  speech.stop();
  speech.set(aids.speech);
  applyAids();
}

function applyAids() {
  const body = document.body;
  body.dataset.speech = aids.speech ? 'on' : 'off';
  body.classList.toggle('aid-reach', aids.reach);
  body.classList.toggle('aid-text', aids.text);
  body.classList.toggle('aid-contrast', aids.contrast);
}

function renderAids() {
  $aids.setAttribute('aria-label', t('aids.label'));
  for (const b of $aids.querySelectorAll('button[data-aid]')) {
    const aid = b.dataset.aid;
    b.querySelector('.aid-text').textContent = t(`aids.${aid}`);
    b.setAttribute('aria-pressed', String(aids[aid]));
  }
}

function setAid(aid, value) {
  aids[aid] = value;
  if (aid === 'speech') speech.set(value);
  applyAids();
  if (aid === 'reach') render();
  renderAids();
  touchChoices();
  if (aid === 'speech' && value) speech.say([t('say.speechOn'), t('say.howTo'), ...screenTexts($screen)], language());
  else speech.say(t(`aids.${aid}`) + ', ' + t(value ? 'say.on' : 'say.off'), language());
}

$aids.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-aid]');
  if (b) setAid(b.dataset.aid, !aids[b.dataset.aid]);
});

/** The current screen's heading and messages, aloud (when speech is on). */
function speakScreen() {
  if (aids.speech) speech.say(screenTexts($screen), language());
}

// A control that takes the focus by a key (Tab, arrows) is named aloud; focus the kiosk moves itself is not.
let keyedAt = -Infinity;
document.addEventListener('keydown', () => { keyedAt = performance.now(); }, { capture: true, passive: true });
document.addEventListener('focusin', (e) => {
  if (!aids.speech || performance.now() - keyedAt > 500) return;
  const name = controlName(e.target, t);
  if (name) speech.say(name, language());
});

// ---------------------------------------------------------------- badge preview
// After a check-in the badge waits on the screen (the terminal holds its print job, so it prints even if this page
// dies): "Drucken" prints now, the countdown's end prints too, "Fehler auf dem Badge?" prints nothing and sends the
// visitor to the help desk with what they marked. The countdown is shown, never spoken every second.

const SPOKEN_PREVIEW_S = 15; // with speech on, time to hear the screen and the two choices
const BADGE_FIELDS = ['name', 'title', 'organization'];
let previewTimer = 0;

function badgePreviewScreens() {
  return {
    preview() {
      const a = ui.answer ?? {};
      const preview = typeof a.preview === 'string' && a.preview.startsWith('/') && !a.preview.startsWith('//') ? a.preview : null;
      const printed = [a.name, a.organization].filter(Boolean).join(', ');
      return h('section', { class: 'screen screen-preview', testid: 'screen-preview' },
        h('div', { class: 'result-text' },
          h('h1', { class: 'headline preview-headline', tabindex: '-1' },
            a.name ? [h('span', { class: 'welcome-hello', text: t('welcome.hello') }), ' ',
                      h('span', { class: `welcome-name ${nameSizeClass(a.name)}`, testid: 'welcome-name', text: a.name })]
                   : t('welcome.titleNoName')),
          h('p', { class: 'lead', testid: 'preview-check', 'data-say': true, text: t('preview.check') }),
          printed ? h('p', { class: 'lead preview-printed', 'data-say': true, text: t('preview.printed', { text: printed }) }) : null,
          h('p', { class: 'hint', 'data-say': true, text: t('preview.choices') })),
        preview ? h('div', { class: 'preview-frame' },
          h('img', {
            class: 'badge-preview', testid: 'badge-preview', src: preview, alt: t('welcome.preview'),
            onerror: (e) => e.currentTarget.closest('.preview-frame')?.remove(),
          })) : null,
        h('div', { class: 'preview-actions' },
          h('p', { class: 'lead preview-countdown', testid: 'preview-countdown', 'aria-live': 'off', text: t('preview.countdown', { s: ui.previewLeft ?? 0 }) }),
          button('btn-primary btn-xl', t('preview.print'), printNow, { testid: 'preview-print', 'data-enter': true }),
          button('btn-secondary btn-xl', t('preview.wrong'), openBadgeFix, { testid: 'preview-wrong' })));
    },

    'badge-fix'() {
      const marked = ui.badgeFix ?? new Set();
      const toggle = (field) => h('button', {
        type: 'button', class: 'btn btn-toggle btn-xl', testid: `fix-${field}`, 'aria-pressed': String(marked.has(field)),
        onclick: (e) => {
          if (marked.has(field)) marked.delete(field); else marked.add(field);
          e.currentTarget.setAttribute('aria-pressed', String(marked.has(field)));
        },
      }, t(field === 'title' ? 'fix.title.field' : `fix.${field}`));
      return h('section', { class: 'screen screen-badge-fix', testid: 'screen-badge-fix' },
        h('div', { class: 'flow-main' },
          h('h1', { class: 'headline', tabindex: '-1', text: t('fix.title') }),
          h('p', { class: 'lead', 'data-say': true, text: t('fix.lead') }),
          h('div', { class: 'fix-fields', role: 'group', 'aria-label': t('fix.title') }, BADGE_FIELDS.map(toggle)),
          h('div', { class: 'action-row fix-actions' },
            button('btn-secondary btn-xl', t('back'), () => show('preview'), { testid: 'back' }),
            button('btn-primary btn-xl', t('fix.send'), sendBadgeFix, { testid: 'fix-send', 'data-enter': true }))));
    },

    'badge-fixed'() {
      const desk = host.state?.helpDesk ?? {};
      const directions = (language() === 'en' ? desk.en : desk.de) || t('fix.desk');
      return h('section', { class: 'screen screen-badge-fixed', testid: 'screen-badge-fixed' },
        h('div', { class: 'result-text' },
          infoIcon(),
          h('h1', { class: 'headline', tabindex: '-1', text: ui.badgePrinted ? t('fixed.printedTitle') : t('fixed.title') }),
          h('p', { class: 'lead', testid: 'help-desk-directions', 'data-say': true, text: directions }),
          h('p', { class: 'lead', 'data-say': true, text: t('fixed.checkedIn') }),
          button('btn-on-dark btn-xl', t('toStart'), reset, { testid: 'done' })));
    },
  };
}

function startPreviewCountdown() {
  stopPreviewCountdown();
  const ref = ui.answer?.printRef;
  const seconds = aids.speech ? Math.max(SPOKEN_PREVIEW_S, ui.answer?.previewSeconds ?? 0) : ui.answer?.previewSeconds ?? 0;
  // The terminal prints at its own time unless told to wait; a visitor who listens or marks fields gets longer.
  if (aids.speech || ui.previewHeld) api.holdPrint(ref).catch(() => {});
  ui.previewLeft = seconds;
  $screen.querySelector('[data-testid=preview-print]')?.focus({ preventScroll: true });
  const $count = $screen.querySelector('[data-testid=preview-countdown]');
  if ($count) $count.textContent = t('preview.countdown', { s: ui.previewLeft });
  previewTimer = setInterval(() => {
    ui.previewLeft -= 1;
    if (ui.previewLeft <= 0) { printNow(); return; }
    const $c = $screen.querySelector('[data-testid=preview-countdown]');
    if ($c) $c.textContent = t('preview.countdown', { s: ui.previewLeft });
  }, 1000);
}

function stopPreviewCountdown() {
  clearInterval(previewTimer);
  previewTimer = 0;
}

/** "Drucken", or the countdown's end: the badge prints now; the welcome screen says so. */
function printNow() {
  stopPreviewCountdown();
  const ref = ui.answer?.printRef;
  if (ref) api.releasePrint(ref).catch(() => {});
  show('welcome');
}

/** "Fehler auf dem Badge?": the badge waits while the visitor marks what is wrong. */
function openBadgeFix() {
  stopPreviewCountdown();
  ui.previewHeld = true;
  ui.badgeFix = ui.badgeFix ?? new Set();
  api.holdPrint(ui.answer?.printRef).catch(() => {});
  show('badge-fix');
}

async function sendBadgeFix() {
  const seq = ++actionSeq;
  const fields = BADGE_FIELDS.filter((f) => ui.badgeFix?.has(f));
  let answer = null;
  try {
    answer = await withBusy(() => api.correctBadge(ui.answer?.printRef, fields));
  } catch {
    answer = null;
  }
  if (seq !== actionSeq) return;
  ui.badgePrinted = answer?.printed === true;
  // Nothing of the badge stays on the screen: the directions and the start button only.
  ui.answer = null;
  show(answer ? 'badge-fixed' : 'refusal');
}

// ---------------------------------------------------------------- host state polling

async function poll() {
  try {
    host.state = await api.getState();
    host.failures = 0;
  } catch {
    host.failures += 1;
  }
  applyHostState();
  setTimeout(poll, POLL_MS);
}

function applyHostState() {
  const base = baseScreen();
  const current = ui.screen;
  if (RESTING.has(current)) {
    if (current !== base) reset();
    else if (signature() !== restingSignature) render();
    else renderChrome();
    return;
  }
  renderChrome();
  // A visitor is in a flow. Out of order / setup / a mode change ends it, except that a welcome screen may
  // finish (its own timer resets to whatever the resting screen is by then).
  if (base !== 'start' && base !== 'loading' && current !== 'welcome' && current !== 'preview') reset();
  else if (host.state?.idleSeconds && !idle.visible()) idle.arm(host.state.idleSeconds);
}

// ---------------------------------------------------------------- busy indicator

async function withBusy(work) {
  busyCount += 1;
  if (busyCount === 1) busyTimer = setTimeout(() => { $busy.hidden = false; }, BUSY_DELAY_MS);
  try {
    return await work();
  } finally {
    busyCount = Math.max(0, busyCount - 1);
    if (busyCount === 0) hideBusy();
  }
}

function hideBusy(all = false) {
  if (all) busyCount = 0;
  clearTimeout(busyTimer);
  $busy.hidden = true;
}

// ---------------------------------------------------------------- answers

function showAnswer(answer) {
  const result = answer?.result;
  if (result === 'Ignored') return;
  const base = baseScreen();
  if (base === 'room') {
    ui.room.answer = answer ?? { result: 'Error' };
    show('room', { focus: false });
    if (aids.speech) speech.say($screen.querySelector('[data-testid=room-result]')?.textContent, language());
    return;
  }
  if (result === 'OutOfOrder') { reset(); show('out-of-order'); return; }
  if (base !== 'start') return;
  // A new answer replaces whatever the visitor was doing; keep only the language.
  ui = freshUi();
  if (result === 'Welcome') { ui.answer = answer; show(answer.printRef ? 'preview' : 'welcome'); }
  else if (result === 'AlreadyCheckedIn') { ui.answer = answer; show('already'); }
  else { ui.refusal = REFUSALS.has(result) ? result : 'Error'; show('refusal'); }
}

// One extra print for a visitor whose first badge jammed (only when the kiosk offered it).
async function reprintBadge(ref) {
  const seq = ++actionSeq;
  let answer = null;
  try {
    answer = await withBusy(() => api.reprint(ref, language()));
  } catch {
    answer = null;
  }
  if (seq !== actionSeq) return;
  if (answer?.result === 'Welcome') {
    ui = freshUi();
    ui.answer = answer;
    show('welcome');
  } else {
    ui.answer = { ...ui.answer, reprintRef: null };
    ui.reprintRefused = true;
    show('already');
  }
}

async function onScan(text) {
  const screen = ui.screen;
  if (screen === 'loading' || screen === 'setup' || screen === 'out-of-order') return;
  const seq = ++actionSeq;
  let answer;
  try {
    answer = await withBusy(() => api.scan(text, language()));
  } catch {
    answer = { result: 'Error' };
  }
  if (seq !== actionSeq) return;
  showAnswer(answer);
}

// ---------------------------------------------------------------- name search

const letterCount = (q) => (q.match(/\p{L}/gu) ?? []).length;

function setSearchQuery(q) {
  ui.search.q = q;
  const input = $('search-input');
  setInputValue(input, q);
  clearTimeout(searchTimer);
  const seq = ++searchSeq;
  if (letterCount(q) < 3) {
    ui.search.matches = null;
    ui.search.status = 'short';
    renderSearchResults();
    speech.say(q, language());
    return;
  }
  searchTimer = setTimeout(async () => {
    if (ui.search.status !== 'done') { ui.search.status = 'searching'; renderSearchResults(); }
    let status = 'done';
    let matches = [];
    try {
      const data = await api.search(q.trim(), ui.session);
      matches = Array.isArray(data?.matches) ? data.matches.slice(0, 5) : [];
    } catch (err) {
      status = err instanceof api.ApiError && err.status === 400 ? 'short'
        : err instanceof api.ApiError && err.status === 429 ? 'limited' : 'failed';
    }
    if (seq !== searchSeq || ui.screen !== 'search') return;
    ui.search.status = status;
    ui.search.matches = status === 'done' ? matches : null;
    renderSearchResults(true);
  }, SEARCH_DEBOUNCE_MS);
}

/** Shows the search's state; spoken = the visitor just changed the query (read out what it found). */
function renderSearchResults(spoken = false) {
  const box = $('search-results');
  const hint = $('search-hint');
  if (!box || !hint) return;
  const { status, matches } = ui.search;
  hint.textContent = status === 'short' ? t('search.hint')
    : status === 'searching' ? t('search.searching')
    : status === 'failed' ? t('search.failed')
    : status === 'limited' ? t('search.limited')
    : matches?.length ? t('search.pick') : t('search.none');
  const list = (matches ?? []).map((m) => h('li', null,
    h('button', { type: 'button', class: 'search-result', testid: 'search-result', onclick: () => pickMatch(m) },
      h('span', { class: 'match-name', text: m.name ?? '' }),
      m.organization ? h('span', { class: 'match-org', text: m.organization }) : null)));
  const children = [];
  if (list.length) children.push(h('ul', { class: 'match-list' }, list));
  if (status === 'done') children.push(h('p', { class: 'not-listed', testid: 'search-not-listed', text: t('search.notListed') }));
  box.replaceChildren(...children);
  if (spoken && status !== 'searching' && status !== 'short') {
    speech.say([hint.textContent, ...(matches ?? []).map((m) => [m.name, m.organization].filter(Boolean).join(', '))], language());
  }
}

async function pickMatch(match) {
  ui.sf = { match: { ref: match.ref, name: match.name, organization: match.organization }, answer: '', attemptsLeft: null, wrong: false };
  if ((host.state?.secondFactor ?? 'None') === 'None') await identify(null);
  else show('second-factor');
}

function submitSecondFactor() {
  const answer = ui.sf.answer.trim();
  if (answer) identify(answer);
}

async function identify(answer) {
  const ref = ui.sf.match?.ref;
  if (!ref) return;
  const seq = ++actionSeq;
  try {
    const result = await withBusy(() => api.identify(ref, answer, language()));
    if (seq !== actionSeq) return;
    showAnswer(result);
  } catch (err) {
    if (seq !== actionSeq) return;
    const status = err instanceof api.ApiError ? err.status : 0;
    const left = err?.problem?.attemptsLeft;
    if (status === 429 || (status === 400 && left === 0)) { showAnswer({ result: 'TooManyAttempts' }); return; }
    if (status === 400 && answer !== null) {
      ui.sf.wrong = true;
      ui.sf.attemptsLeft = Number.isInteger(left) ? left : null;
      show('second-factor');
      return;
    }
    showAnswer({ result: 'Error' });
  }
}

// ---------------------------------------------------------------- walk-in

async function submitWalkIn() {
  const w = ui.walkin;
  if (!(w.lastName.trim() && w.consent)) return;
  const title = [w.prof ? 'Prof.' : null, w.dr ? 'Dr.' : null].filter(Boolean).join(' ') || null;
  const form = {
    title,
    firstName: w.firstName.trim(),
    lastName: w.lastName.trim(),
    organization: w.organization.trim(),
    email: w.email.trim() || null,
    consent: true,
    language: language(),
  };
  const seq = ++actionSeq;
  try {
    const result = await withBusy(() => api.walkIn(form));
    if (seq !== actionSeq) return;
    showAnswer(result);
  } catch (err) {
    if (seq !== actionSeq) return;
    if (err instanceof api.ApiError && err.status === 400) {
      const errors = {};
      for (const key of Object.keys(err.problem?.errors ?? {})) {
        const field = WALKIN_FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
        if (field) errors[field] = true;
      }
      w.errors = errors;
      w.formError = Object.keys(errors).length === 0;
      const first = WALKIN_FIELDS.find((f) => errors[f]);
      if (first) w.active = first;
      show('walkin');
      return;
    }
    showAnswer({ result: 'Error' });
  }
}

// ---------------------------------------------------------------- start

const idle = createIdle({
  overlay: $idleOverlay,
  countdown: $('idle-countdown'),
  moreTime: $('more-time'),
  onShow: (left, first) => {
    if (first) speech.say([t('idle.title'), t('idle.text'), `${left} ${t('idle.seconds')}`, t('say.moreTime')], language());
  },
  onTimeout: reset,
});

/** A letter typed on a real keyboard goes where the on-screen keyboard's key would put it. */
function pressScreenKey(key) {
  const keysOnScreen = $screen.querySelectorAll('[data-testid=keyboard-key]');
  const wanted = key.toLowerCase();
  const match = Array.from(keysOnScreen).find((b) => b.dataset.key.toLowerCase() === wanted)
    ?? Array.from(keysOnScreen).find((b) => b.dataset.key.toLocaleLowerCase('de') === wanted);
  match?.click();
}

const keys = startKeys({
  onCode: (code) => { onScan(code); },
  onType: (ch) => pressScreenKey(ch === ' ' ? 'space' : ch),
  onBackspace: () => pressScreenKey('backspace'),
  // Enter with nothing focused: the screen's main action, else the first control.
  onEnter: () => {
    const main = (idle.visible() ? $idleOverlay : $screen).querySelector('[data-enter]:not([disabled])');
    if (main) main.click();
    else moveFocus('down');
  },
  onDoubleEnter: () => {
    if (aids.speech) speakScreen();
    else setAid('speech', true);
  },
  // Escape: "more time" on the idle warning, else back (or to the start from a result).
  onEscape: () => {
    if (idle.visible()) { $('more-time').click(); return; }
    $screen.querySelector('[data-testid=back], [data-testid=done]')?.click();
  },
});
startSerialScans((code) => { onScan(code); });

setLanguage(defaultLanguage);
resetAids();
renderChrome();
poll();
