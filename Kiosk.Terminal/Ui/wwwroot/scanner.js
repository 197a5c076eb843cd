// Keyboard-wedge scanner capture. The USB scanner "types" the badge token quickly and ends it with Enter.
// Every keydown on the page is caught here (capture phase) — kiosk inputs are read-only and filled by the
// touch keyboard, so physical keystrokes are never meant for a field, and an Enter from the scanner must
// not press whatever button has the focus.

const MIN_LENGTH = 8;
const MAX_LENGTH = 512;
const GAP_MS = 500;        // a pause this long starts a new code (drops a stale half read)
const REPEAT_MS = 2000;    // the same code again within this time is a double read: ignore it

/**
 * startScanner(onCode, { onActivity }) — onCode(text) is called with each complete code.
 * Returns { reset() } to drop the buffer and the repeat memory (used when the kiosk resets).
 */
export function startScanner(onCode, { onActivity } = {}) {
  let buffer = '';
  let lastKeyAt = 0;
  let lastCode = '';
  let lastCodeAt = 0;

  function onKeyDown(e) {
    if (e.isComposing || e.ctrlKey || e.metaKey || (e.altKey && !e.getModifierState?.('AltGraph'))) return;
    const now = performance.now();
    onActivity?.();

    if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      const code = buffer.trim();
      buffer = '';
      if (code.length < MIN_LENGTH) return;
      const normalized = code.toUpperCase();
      if (normalized === lastCode && now - lastCodeAt < REPEAT_MS) return;
      lastCode = normalized;
      lastCodeAt = now;
      onCode(code);
      return;
    }
    if (e.key.length === 1) {
      e.preventDefault();
      e.stopPropagation();
      if (now - lastKeyAt > GAP_MS) buffer = '';
      lastKeyAt = now;
      if (buffer.length < MAX_LENGTH) buffer += e.key;
    }
  }

  document.addEventListener('keydown', onKeyDown, true);
  return {
    reset() {
      buffer = '';
      lastCode = '';
      lastCodeAt = 0;
    },
  };
}
