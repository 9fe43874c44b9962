/**
 * Deeply frozen values: a parameter set frozen once can be parsed once and trusted afterwards
 * (see the parsed-params cache in parseScenario.ts).
 */

/** Freezes `x` and everything reachable from it; returns `x`. */
export function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** True when `x` and everything reachable from it is frozen. */
export function isDeepFrozen(x: unknown): boolean {
  if (x === null || typeof x !== 'object') return true;
  return Object.isFrozen(x) && Object.values(x).every(isDeepFrozen);
}
