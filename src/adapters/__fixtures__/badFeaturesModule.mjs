/** A module whose handshake export is malformed. */
export const features = 'cross';
export function liquidate() {
  return { ok: true, result: {} };
}
