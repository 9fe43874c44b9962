/** A module that ends its process, with exit code 0, while being imported. */
process.exit(0);
export function liquidate() {
  return { ok: false, error: { code: 'limit-exceeded', message: 'unreachable' } };
}
