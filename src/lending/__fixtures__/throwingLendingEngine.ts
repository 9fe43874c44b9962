/**
 * A lending module engine for aave-v3 that throws on every request: no answer is no violation,
 * the gate reports an engine failure and exits 3 (properties/lendingGate.test.ts).
 */
export const name = 'throwing-lending';
export const policy = 'aave-v3';
export const features = ['lending'];
export function liquidate(): never {
  throw new Error('out of gas (deliberately)');
}
