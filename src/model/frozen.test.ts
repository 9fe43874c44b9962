/**
 * Deeply frozen values (frozen.ts) and how the parsed-params cache trusts them: a deeply frozen
 * params object cannot change, so it is parsed once; anything less is compared with its snapshot.
 */
import { describe, expect, it } from 'vitest';
import { oneTier } from './__support__/oneTier.ts';
import { deepFreeze, isDeepFrozen } from './frozen.ts';
import { parseParams } from './parseScenario.ts';

type Json = { [key: string]: any };

const validParams = (): Json => oneTier();

describe('deepFreeze / isDeepFrozen', () => {
  it('freezes every nested object and array, and returns its argument', () => {
    const p = validParams();
    expect(deepFreeze(p)).toBe(p);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.penalty.steps)).toBe(true);
    expect(Object.isFrozen(p.penalty.steps[0])).toBe(true);
    expect(Object.isFrozen(p.markets.BTC.tiers[0])).toBe(true);
    expect(isDeepFrozen(p)).toBe(true);
  });

  it('primitives and null count as frozen; one unfrozen object anywhere does not', () => {
    for (const x of [null, undefined, 0, 'abc', true]) expect(isDeepFrozen(x)).toBe(true);
    expect(isDeepFrozen({})).toBe(false);
    const shallow = Object.freeze(validParams());
    expect(isDeepFrozen(shallow)).toBe(false);
    const almost = validParams();
    deepFreeze(almost.penalty);
    deepFreeze(almost.markets);
    expect(isDeepFrozen(almost)).toBe(false); // the top level itself is not frozen
    // Frozen all the way down except one leaf object.
    const leaf = { rate: '0.005' };
    expect(isDeepFrozen(Object.freeze({ a: Object.freeze({ b: Object.freeze([leaf]) }) }))).toBe(false);
    expect(isDeepFrozen(Object.freeze({ a: Object.freeze({ b: Object.freeze([Object.freeze(leaf)]) }) }))).toBe(true);
  });

  it('terminates on a cyclic object', () => {
    const a: Json = { name: 'a' };
    a.self = a;
    expect(deepFreeze(a)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('the params cache and frozen params', () => {
  it('a deeply frozen params object answers the same every time, under each root path', () => {
    const p = validParams();
    p.dustNotional = '-1';
    deepFreeze(p);
    const issue = (path: string) => ({ ok: false, issues: [{ path, expected: 'a decimal ≥ 0', received: '"-1"' }] });
    expect(parseParams(p)).toEqual(issue('params.dustNotional'));
    expect(parseParams(p)).toEqual(issue('params.dustNotional'));
    expect(parseParams(p, '')).toEqual(issue('dustNotional'));
    expect(parseParams(p)).toEqual(issue('params.dustNotional'));
  });

  it('a shallowly frozen params object is still checked against its snapshot: a nested edit is seen', () => {
    const p = Object.freeze(validParams());
    expect(parseParams(p).ok).toBe(true);
    p.markets.BTC.lotSize = '0';
    expect(parseParams(p)).toEqual({
      ok: false,
      issues: [{ path: 'params.markets["BTC"].lotSize', expected: 'a decimal > 0', received: '"0"' }],
    });
  });
});
