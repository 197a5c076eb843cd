// Physical keys: a keyboard-wedge scanner, a keyboard or a keypad (arrows, Enter, Escape). Every keydown on the page
// is caught here first (capture phase) and sorted:
// - a scanner "types" a code quickly (keys at most SCAN_GAP_MS apart) and ends it with Enter: that is a scan;
// - a person types one key at a time: a letter goes to the on-screen keyboard of the screen (onType);
// - Enter presses the focused control (the browser does that), or the screen's main action when nothing is focused;
//   Enter twice turns speech output on;
// - arrows move the focus to the nearest control in that direction; Escape goes back;
// - Tab and Shift+Tab move the focus in page order, as everywhere.
// Kiosk inputs are read-only and filled by the on-screen keyboard, so no keystroke ever lands in a field directly.

const MIN_LENGTH = 8;
const MAX_LENGTH = 512;
const SCAN_GAP_MS = 60;      // a scanner's keys come faster than this (8 ms at the common USB rate); a person's do not
const HUMAN_RUN = 3;         // up to this many quick keys without Enter still count as a person typing
const REPEAT_MS = 2000;      // the same code again within this time is a double read: ignore it
const DOUBLE_ENTER_MS = 600; // two Enters this close together: "turn speech on"

const ARROWS = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/**
 * startKeys({ onCode, onType, onBackspace, onEnter, onDoubleEnter, onEscape, onActivity }).
 * onCode(text) gets each complete scan; onType(char) a character a person typed; onEnter() an Enter with no
 * control focused; onEscape() the Escape key. Returns { reset() } to drop the buffer and the repeat memory.
 */
export function startKeys({ onCode, onType, onBackspace, onEnter, onDoubleEnter, onEscape, onActivity }) {
  let run = '';          // quick keys so far (a scan in progress, or one or two typed letters)
  let lastKeyAt = -Infinity;
  let flushTimer = 0;
  let lastCode = '';
  let lastCodeAt = 0;
  let lastEnterAt = -Infinity;

  // A short run that stopped without Enter was a person typing: hand its letters on.
  function flush() {
    clearTimeout(flushTimer);
    flushTimer = 0;
    const typed = run;
    run = '';
    if (Array.from(typed).length <= HUMAN_RUN) for (const ch of typed) onType?.(ch);
  }

  function onKeyDown(e) {
    if (e.isComposing || e.ctrlKey || e.metaKey || (e.altKey && !e.getModifierState?.('AltGraph'))) return;
    const now = performance.now();
    // Quick: within SCAN_GAP_MS of the last key, or the page has not yet had a moment to notice a pause (its flush
    // timer is still pending), as when a busy PC held the keys back and hands them over at once.
    const quick = now - lastKeyAt <= SCAN_GAP_MS || (run !== '' && flushTimer !== 0);
    onActivity?.();

    if (e.key === 'Enter') {
      lastKeyAt = -Infinity;
      clearTimeout(flushTimer);
      const code = run.trim();
      if (quick && code.length >= MIN_LENGTH) {
        run = '';
        e.preventDefault();
        e.stopPropagation();
        const normalized = code.toUpperCase();
        if (normalized === lastCode && now - lastCodeAt < REPEAT_MS) return;
        lastCode = normalized;
        lastCodeAt = now;
        onCode(code);
        return;
      }
      flush();
      const twice = now - lastEnterAt <= DOUBLE_ENTER_MS;
      lastEnterAt = twice ? -Infinity : now;
      if (twice) {
        e.preventDefault();
        onDoubleEnter?.();
        return;
      }
      // A focused control takes Enter itself (the browser presses it); otherwise the screen's main action.
      if (!activatable(document.activeElement)) {
        e.preventDefault();
        onEnter?.();
      }
      return;
    }
    lastEnterAt = -Infinity;

    if (e.key.length === 1) {
      // Space on a focused button or checkbox presses it, unless a scan is coming in.
      if (e.key === ' ' && !quick && activatable(document.activeElement)) { flush(); return; }
      e.preventDefault();
      e.stopPropagation();
      if (!quick) flush();
      lastKeyAt = now;
      if (run.length < MAX_LENGTH) run += e.key;
      clearTimeout(flushTimer);
      flushTimer = setTimeout(flush, SCAN_GAP_MS + 1);
      return;
    }

    lastKeyAt = -Infinity;
    if (e.key === 'Backspace') { e.preventDefault(); flush(); onBackspace?.(); return; }
    if (e.key === 'Escape') { e.preventDefault(); flush(); onEscape?.(); return; }
    const dir = ARROWS[e.key];
    if (dir) {
      // Arrows never scroll the page or step a control's value: they move the focus.
      e.preventDefault();
      flush();
      moveFocus(dir);
    }
  }

  document.addEventListener('keydown', onKeyDown, true);
  return {
    reset() {
      clearTimeout(flushTimer);
      run = '';
      lastKeyAt = -Infinity;
      lastCode = '';
      lastCodeAt = 0;
      lastEnterAt = -Infinity;
    },
  };
}

function activatable(el) {
  if (!(el instanceof HTMLElement)) return false;
  return el.matches('button:not([disabled]), a[href], input[type=checkbox]:not([disabled])');
}

/** Every control a person can reach, visible on the page now (an open dialog keeps the focus to itself). */
function controls() {
  const dialog = document.querySelector('[role=alertdialog]:not([hidden]), [role=dialog]:not([hidden])');
  const scope = dialog ?? document;
  return Array.from(scope.querySelectorAll('button, input, a[href], [tabindex="0"]'))
    .filter((el) => !el.disabled && !el.closest('[hidden]') && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
}

/**
 * Moves the focus to the nearest control in the direction given (spatial navigation): the on-screen keyboard's keys,
 * a list of names and the buttons of a screen are all reached by arrows. With nothing focused, the first control.
 */
export function moveFocus(dir) {
  const all = controls();
  if (all.length === 0) return;
  const current = document.activeElement;
  if (!all.includes(current)) {
    all[0].focus();
    return;
  }
  const from = current.getBoundingClientRect();
  const cx = from.left + from.width / 2;
  const cy = from.top + from.height / 2;
  let best = null;
  let bestScore = Infinity;
  for (const el of all) {
    if (el === current) continue;
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const along = dir === 'down' ? y - cy : dir === 'up' ? cy - y : dir === 'right' ? x - cx : cx - x;
    const across = dir === 'down' || dir === 'up' ? Math.abs(x - cx) : Math.abs(y - cy);
    if (along <= 1) continue;
    // Straight ahead first: being off to the side costs more than being further away.
    const score = along + across * 2;
    if (score < bestScore) { bestScore = score; best = el; }
  }
  best?.focus();
}
