// Codes from a scanner in serial mode (Scanner:SerialPort). The terminal host reads the port, whatever has the
// focus, and pushes each code on GET /local/scanner; here it goes exactly the way a keyboard-wedge scan goes
// (onCode = app.js onScan: its screen rules, language, answer). Without a serial scanner the first event says Off
// and the page closes the stream. Staff see "Scanner ✕" while the configured scanner is unplugged.

/** startSerialScans(onCode) — onCode(text) is called with each code the serial scanner read. */
export function startSerialScans(onCode) {
  if (typeof EventSource !== 'function') return;
  const mark = document.createElement('div');
  mark.className = 'scanner-status';
  mark.dataset.testid = 'scanner-status';
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = 'Scanner ✕';
  mark.hidden = true;
  document.body.append(mark);

  const read = (e) => { try { return JSON.parse(e.data); } catch { return null; } };
  const source = new EventSource('/local/scanner');
  source.addEventListener('state', (e) => {
    const state = read(e)?.state;
    if (state === 'Off') source.close();
    mark.hidden = state !== 'Unplugged';
  });
  source.addEventListener('code', (e) => {
    const text = read(e)?.text;
    if (typeof text === 'string' && text) onCode(text);
  });
  // Host gone: whether the scanner is there is unknown until the stream is back (the page shows the host's state).
  source.addEventListener('error', () => { mark.hidden = true; });
}
