/** A module whose import never finishes: a top-level await of a promise that never settles. */
await new Promise(() => {});
export function liquidate() {
  return { ok: false, error: { code: 'limit-exceeded', message: 'unreachable' } };
}
