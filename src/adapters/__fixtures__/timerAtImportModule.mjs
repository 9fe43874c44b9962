/** A module whose import never finishes while keeping its thread busy: a timer that never ends. */
await new Promise(() => setInterval(() => {}, 1000));
export function liquidate() {
  return { ok: false, error: { code: 'limit-exceeded', message: 'unreachable' } };
}
