/** A module whose import never finishes: a synchronous infinite loop at the top level. */
for (;;);
export function liquidate() {
  return { ok: false, error: { code: 'limit-exceeded', message: 'unreachable' } };
}
