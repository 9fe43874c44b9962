/** A module whose inline policy is out of its domain: a portion above 1 (spec §10.3). */
export const policy = { closeSize: { kind: 'fixed-portion', portion: '1.5', minimumNotional: '10' } };
export function liquidate() {
  return { ok: true, result: {} };
}
