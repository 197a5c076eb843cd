// The on-screen touch keyboard (German QWERTZ). Inputs on the kiosk are read-only; this keyboard is the
// only way text gets into them, so a keyboard-wedge scanner can never type into a field.
//
// createKeyboard({ layout, get, set, maxLength }) returns the keyboard element. get() reads the bound
// text, set(text) writes it. Every key is a <button data-testid="keyboard-key" data-key="…">; data-key is
// the key's label for characters ("A", "ß", "@", ".de") and a name for the others: "space", "backspace",
// "clear", "shift".

import { t } from './i18n.js';

const LETTERS = [
  ['Q', 'W', 'E', 'R', 'T', 'Z', 'U', 'I', 'O', 'P', 'Ü'],
  ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', 'Ö', 'Ä'],
  ['Y', 'X', 'C', 'V', 'B', 'N', 'M', 'ß'],
];
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const lower = (row) => row.map((k) => (k === 'ß' ? k : k.toLowerCase()));

// casing: 'name' = capital after start, space, hyphen or dot, else small (Shift for one capital);
// 'lower' = always small; 'upper' = always capital.
const LAYOUTS = {
  // name search: letters only
  name: {
    casing: 'name',
    rows: [LETTERS[0], LETTERS[1], [...LETTERS[2], '-', 'backspace'], ['space', 'clear']],
  },
  // walk-in names and organisation
  text: {
    casing: 'name',
    rows: [
      [...DIGITS, 'backspace'],
      LETTERS[0],
      LETTERS[1],
      ['shift', ...LETTERS[2], '-'],
      ['.', '&', '/', 'space', 'clear'],
    ],
  },
  // e-mail addresses
  email: {
    casing: 'lower',
    rows: [
      [...DIGITS, 'backspace'],
      lower(LETTERS[0]).filter((k) => k !== 'ü'),
      lower(LETTERS[1]).filter((k) => k !== 'ö' && k !== 'ä'),
      lower(LETTERS[2]).filter((k) => k !== 'ß'),
      ['@', '.', '-', '_', '.de', 'clear'],
    ],
  },
  // registration numbers
  code: {
    casing: 'upper',
    rows: [
      [...DIGITS, 'backspace'],
      LETTERS[0].filter((k) => k !== 'Ü'),
      LETTERS[1].filter((k) => k !== 'Ö' && k !== 'Ä'),
      [...LETTERS[2].filter((k) => k !== 'ß'), '-', 'clear'],
    ],
  },
};

const ICONS = {
  backspace:
    '<svg viewBox="0 0 48 32" width="44" height="30" aria-hidden="true" focusable="false"><path d="M16 3h27a2 2 0 0 1 2 2v22a2 2 0 0 1-2 2H16L3 16z" fill="none" stroke="currentColor" stroke-width="3" stroke-linejoin="round"/><path d="M23 10l12 12M35 10L23 22" stroke="currentColor" stroke-width="3" stroke-linecap="round"/></svg>',
  shift:
    '<svg viewBox="0 0 32 32" width="30" height="30" aria-hidden="true" focusable="false"><path d="M16 3L3 17h7v11h12V17h7z" fill="none" stroke="currentColor" stroke-width="3" stroke-linejoin="round"/></svg>',
};

const SPECIAL = new Set(['space', 'backspace', 'clear', 'shift']);

function capitalNext(text) {
  return text.length === 0 || /[\s\-.\/&]$/.test(text);
}

export function createKeyboard({ layout = 'name', get, set, maxLength = 80 }) {
  const def = LAYOUTS[layout] ?? LAYOUTS.name;
  let shift = false;

  const root = document.createElement('div');
  root.className = `keyboard keyboard-${layout}`;
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', t('kb.label'));
  root.dataset.testid = 'keyboard';

  const shiftButtons = [];

  function press(key) {
    const text = get();
    if (key === 'backspace') { set(Array.from(text).slice(0, -1).join('')); return; }
    if (key === 'clear') { set(''); return; }
    if (key === 'shift') { shift = !shift; syncShift(); return; }
    let insert = key === 'space' ? ' ' : key;
    if (key === 'space' && (text.length === 0 || text.endsWith(' '))) return;
    if (insert.length === 1 && insert !== 'ß' && /\p{L}/u.test(insert)) {
      if (def.casing === 'lower') insert = insert.toLowerCase();
      else if (def.casing === 'upper') insert = insert.toUpperCase();
      else insert = capitalNext(text) || shift ? insert.toUpperCase() : insert.toLowerCase();
      if (shift) { shift = false; syncShift(); }
    }
    if (Array.from(text + insert).length > maxLength) return;
    set(text + insert);
  }

  function syncShift() {
    for (const b of shiftButtons) b.setAttribute('aria-pressed', String(shift));
  }

  for (const row of def.rows) {
    const rowEl = document.createElement('div');
    rowEl.className = 'keyboard-row';
    for (const key of row) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'key';
      b.dataset.testid = 'keyboard-key';
      b.dataset.key = key;
      if (SPECIAL.has(key)) {
        b.classList.add(`key-${key}`);
        if (ICONS[key]) {
          b.innerHTML = ICONS[key];
          b.setAttribute('aria-label', t(`kb.${key}`));
        } else {
          b.textContent = t(`kb.${key}`);
        }
        if (key === 'shift') { b.setAttribute('aria-pressed', 'false'); shiftButtons.push(b); }
      } else {
        b.textContent = key;
        if (key.length > 1) b.classList.add('key-wide');
      }
      // Keep the focus where it is (the field being edited) when a key is touched.
      b.addEventListener('mousedown', (e) => e.preventDefault());
      b.addEventListener('click', () => press(key));
      rowEl.append(b);
    }
    root.append(rowEl);
  }
  return root;
}
