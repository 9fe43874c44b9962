/**
 * The liquidity model (docs/simulation.md S4) on hand-computed examples: linear and square-root
 * impact, the permanent/temporary split, recovery, the truncations to Φ = 12 digits, the cap and
 * the floor of `1 + P + Q`. Every expected value is worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { Dec, toCanonical } from '../model/decimal.ts';
import { isqrt, sqrtPhi, truncPhi } from './fraction.ts';
import { applyFlow, impactOf, markOf, NO_IMPACT, recover } from './impact.ts';
import type { Liquidity } from './simulationSetup.ts';

const d = (x: string | number) => new Dec(x);
const s = toCanonical;
const TICK = d('0.1');
const LINEAR: Liquidity = { kind: 'linear', lambda: d(1), depth: d(1000), permanent: d('0.5'), recovery: d('0.5'), maxImpact: d('0.5') };
const SQRT: Liquidity = { ...LINEAR, kind: 'sqrt' };

describe('fractions (S1)', () => {
  it('truncates toward zero to 12 digits', () => {
    expect(s(truncPhi(d('0.1234567890129')))).toBe('0.123456789012');
    expect(s(truncPhi(d('-0.1234567890129')))).toBe('-0.123456789012');
  });
  it('takes integer square roots exactly', () => {
    expect(isqrt(0n)).toBe(0n);
    expect(isqrt(15n)).toBe(3n);
    expect(isqrt(16n)).toBe(4n);
    // (10^20 + 1)² − 1 is just below a square: the root is 10^20.
    expect(isqrt((10n ** 20n + 1n) ** 2n - 1n)).toBe(10n ** 20n);
    // √2 = 1.41421356237309…, truncated to 12 digits
    expect(s(sqrtPhi(d(2)))).toBe('1.414213562373');
  });
});

describe('impact (S4)', () => {
  it('linear: ι = λ·|F|·m/D, split half permanent, half temporary, the mark falls on a sale', () => {
    // |F|·m/D = 2·100/1000 = 0.2 → ι = 0.2; P −= 0.1, Q −= 0.1; m = ⌊100·0.8⌋_0.1 = 80
    const { state, iota } = applyFlow(NO_IMPACT, d(2), d(100), LINEAR);
    expect(s(iota)).toBe('0.2');
    expect([s(state.permanent), s(state.temporary)]).toEqual(['-0.1', '-0.1']);
    expect(s(markOf(d(100), state, TICK))).toBe('80');
    // recovery ρ = 0.5: Q = −0.05; m = ⌊100·(1 − 0.1 − 0.05)⌋ = 85
    const next = recover(state, LINEAR);
    expect(s(next.temporary)).toBe('-0.05');
    expect(s(markOf(d(100), next, TICK))).toBe('85');
  });

  it('a buy (F < 0) raises the mark by the same amounts', () => {
    const { state } = applyFlow(NO_IMPACT, d(-2), d(100), LINEAR);
    expect([s(state.permanent), s(state.temporary)]).toEqual(['0.1', '0.1']);
    expect(s(markOf(d(100), state, TICK))).toBe('120');
  });

  it('sqrt: ι = λ·√(|F|·m/D), capped at ιmax', () => {
    // 1·100/400 = 0.25 → √ = 0.5 → ι = 0.5 (= ιmax)
    expect(s(impactOf(d(1), d(100), { ...SQRT, depth: d(400) }))).toBe('0.5');
    // 1·100/100 = 1 → √ = 1 → capped at 0.3
    expect(s(impactOf(d(1), d(100), { ...SQRT, depth: d(100), maxImpact: d('0.3') }))).toBe('0.3');
  });

  it('sqrt rounding: every truncation named', () => {
    // |F|·m/D = 2 → √2 at Φ = 1.414213562373; λ = 0.1 → 0.1414213562373 → ⌊·⌋_Φ = 0.141421356237
    // permanent ⌊0.5·0.141421356237⌋_Φ = ⌊0.0707106781185⌋_Φ = 0.070710678118; temporary the rest 0.070710678119
    const lq: Liquidity = { ...SQRT, lambda: d('0.1'), depth: d(100) };
    const { state, iota } = applyFlow(NO_IMPACT, d(2), d(100), lq);
    expect(s(iota)).toBe('0.141421356237');
    expect(s(state.permanent)).toBe('-0.070710678118');
    expect(s(state.temporary)).toBe('-0.070710678119');
    // recovery: −0.070710678119·0.5 = −0.0353553390595 → toward zero −0.035355339059
    expect(s(recover(state, lq).temporary)).toBe('-0.035355339059');
  });

  it('linear rounding: the quotient is floored exactly, not rounded', () => {
    // 1·1/3 = 0.333… → ⌊·⌋_Φ = 0.333333333333
    expect(s(impactOf(d(1), d(1), { ...LINEAR, depth: d(3) }))).toBe('0.333333333333');
  });

  it('keeps 1 + P + Q ≥ 10^−12 and the mark at least one tick', () => {
    // P = −0.9, Q = 0; a sale of ι = 0.5 would take P + Q to −1.15: clamped to 10^−12 − 1
    const { state } = applyFlow({ permanent: d('-0.9'), temporary: d(0) }, d(5), d(100), LINEAR);
    expect(s(state.permanent.add(state.temporary))).toBe('-0.999999999999');
    expect(s(markOf(d(100), state, TICK))).toBe('0.1');
  });

  it('no flow, no impact', () => {
    const { state, iota } = applyFlow(NO_IMPACT, d(0), d(100), LINEAR);
    expect(s(iota)).toBe('0');
    expect(state).toBe(NO_IMPACT);
  });
});
