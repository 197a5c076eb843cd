// Idle reset: after idleSeconds without a touch or key, show "Sind Sie noch da?" with a 10 s countdown;
// at 0 the kiosk resets to the start screen. Any touch (or scanner key) restarts the timer.

const COUNTDOWN_SECONDS = 10;

/**
 * createIdle({ overlay, countdown, moreTime, onShow, onTimeout }) — overlay is the hidden overlay element,
 * countdown the element that shows the seconds left, moreTime the "Mehr Zeit" button (it may be pressed any number
 * of times). onShow(secondsLeft, first) runs when the warning appears (first) and on every second after.
 * Returns { arm(seconds), disarm(), activity(), visible() }.
 */
export function createIdle({ overlay, countdown, moreTime, onShow, onTimeout }) {
  let idleMs = 30000;
  let armed = false;
  let idleTimer = 0;
  let tickTimer = 0;
  let left = 0;

  function hide() {
    clearInterval(tickTimer);
    tickTimer = 0;
    overlay.hidden = true;
  }

  function show() {
    left = COUNTDOWN_SECONDS;
    countdown.textContent = String(left);
    onShow?.(left, true);
    overlay.hidden = false;
    moreTime.focus({ preventScroll: true });
    tickTimer = setInterval(() => {
      left -= 1;
      if (left <= 0) {
        disarm();
        onTimeout();
        return;
      }
      countdown.textContent = String(left);
      onShow?.(left, false);
    }, 1000);
  }

  function restart() {
    clearTimeout(idleTimer);
    idleTimer = armed ? setTimeout(show, idleMs) : 0;
  }

  /** Start watching (or keep watching: calling it again only restarts the timer if the duration changed). */
  function arm(seconds) {
    const s = Number(seconds);
    const ms = (Number.isFinite(s) && s > 0 ? s : 30) * 1000;
    const changed = !armed || ms !== idleMs;
    idleMs = ms;
    armed = true;
    if (changed && overlay.hidden) restart();
  }

  function disarm() {
    armed = false;
    clearTimeout(idleTimer);
    idleTimer = 0;
    hide();
  }

  function activity(e) {
    if (!armed) return;
    if (!overlay.hidden) {
      // While the overlay shows, a touch counts when it lands (click): hiding it on pointerdown would let
      // the same touch fall through to the screen underneath.
      if (e && e.type !== 'click' && e.type !== 'keydown') return;
      hide();
    }
    restart();
  }

  overlay.addEventListener('click', activity);
  for (const type of ['pointerdown', 'touchstart', 'keydown', 'wheel']) {
    document.addEventListener(type, activity, { capture: true, passive: true });
  }

  return { arm, disarm, activity, visible: () => !overlay.hidden };
}
