/**
 * The linear penalty rate of spec §10.5 against decimal.js: the oracle forms `ρ = E / MM` by a
 * 200-digit division, interpolates the rational line between the neighbouring points and rounds
 * up to 10^−18 — the form the spec's first formula states, not the integer quotient the code
 * takes. Points and ratios are random; the boundaries (ρ exactly at a point, beyond both ends,
 * negative equity, flat segments) are drawn on purpose and their reach is asserted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../../properties/profile.ts';
import * as D from '../../model/decimal.ts';
import { Fixed, fromDec, toCanonical } from '../../model/fixed.ts';
import { linearRate, type LinearPoint } from './linearRate.ts';

const FILE = 'src/policy/penalty/linearRate.test.ts';
const GRID = new D.Dec('1e-18');

function fx(s: string): Fixed {
  return fromDec(new D.Dec(s));
}

function dec(x: Fixed): D.Dec {
  return new D.Dec(`${x.m}e-${x.s}`);
}

/** The spec's formula on decimal.js: segment by ρ, rational line, then ⌈·⌉ to 10^−18. */
function oracle(points: readonly LinearPoint[], equity: Fixed, maintenance: Fixed): D.Dec {
  const rho = dec(equity).div(dec(maintenance));
  const m = points.map((p) => dec(p.marginRatio));
  const r = points.map((p) => dec(p.rate));
  if (rho.gte(m[0]!)) return r[0]!;
  const k = points.length - 1;
  if (rho.lt(m[k]!)) return r[k]!;
  let i = 0;
  while (!(rho.gte(m[i + 1]!) && rho.lt(m[i]!))) i++;
  const exact = r[i]!.add(r[i + 1]!.sub(r[i]!).mul(m[i]!.sub(rho)).div(m[i]!.sub(m[i + 1]!)));
  return D.ceilTo(exact, GRID);
}

/** An amount `mantissa · 10^−scale`. */
const decimalOf = (min: bigint, max: bigint, maxScale: number): fc.Arbitrary<Fixed> =>
  fc.record({ m: fc.bigInt({ min, max }), s: fc.integer({ min: 0, max: maxScale }) }).map(({ m, s }) => new Fixed(m, s));

/** 2…5 points: margin ratios strictly decreasing in [0, 3], rates non-decreasing in [0, 1). */
const points: fc.Arbitrary<LinearPoint[]> = fc.integer({ min: 2, max: 5 }).chain((n) =>
  fc
    .tuple(
      fc.uniqueArray(decimalOf(0n, 3n * 10n ** 6n, 6).map(toCanonical), { minLength: n, maxLength: n, comparator: (a, b) => new D.Dec(a).eq(new D.Dec(b)) }),
      fc.array(fc.oneof(fc.constant('0'), decimalOf(0n, 10n ** 18n - 1n, 18).map(toCanonical)), { minLength: n, maxLength: n }),
      // Flat segments (equal neighbouring rates) are in the domain: draw them often.
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    )
    .map(([ms, rs, flat]) => {
      const m = ms.map((x) => new D.Dec(x)).sort((a, b) => b.cmp(a));
      const r = rs.map((x) => new D.Dec(x)).sort((a, b) => a.cmp(b));
      for (let i = 1; i < r.length; i++) if (flat[i]) r[i] = r[i - 1]!;
      return m.map((mi, i) => ({ marginRatio: fromDec(mi), rate: fromDec(r[i]!) }));
    }),
);

/** MM > 0 with up to 54 decimals (a requirement is size × price × rate). */
const maintenance = decimalOf(1n, 10n ** 30n, 54);

type Where = 'above' | 'at-point' | 'between' | 'below' | 'negative';

/** Equity placed where the boundaries are: beyond both ends, exactly at a point, between, below zero. */
function equityFor(pts: readonly LinearPoint[], mm: Fixed): fc.Arbitrary<{ equity: Fixed; where: Where }> {
  const first = pts[0]!.marginRatio.mul(mm);
  const last = pts[pts.length - 1]!.marginRatio.mul(mm);
  const fraction = decimalOf(0n, 10n ** 12n, 12).filter((x) => x.m > 0n && x.m < 10n ** BigInt(x.s));
  return fc.oneof(
    fraction.map((x) => ({ equity: first.add(mm.mul(x)), where: 'above' as const })),
    fc.integer({ min: 0, max: pts.length - 1 }).map((i) => ({ equity: pts[i]!.marginRatio.mul(mm), where: 'at-point' as const })),
    fraction.map((x) => ({ equity: last.add(first.sub(last).mul(x)), where: 'between' as const })),
    fraction.map((x) => ({ equity: last.sub(last.mul(x)), where: 'below' as const })),
    decimalOf(1n, 10n ** 20n, 18).map((x) => ({ equity: x.neg(), where: 'negative' as const })),
  );
}

const cases = fc
  .tuple(points, maintenance)
  .chain(([pts, mm]) => equityFor(pts, mm).map(({ equity, where }) => ({ pts, mm, equity, where })));

describe('linearRate (spec §10.5)', () => {
  it('equals the rational interpolation rounded up to 10^−18, at every boundary', () => {
    const reached = new Map<Where, number>();
    fc.assert(
      fc.property(cases, ({ pts, mm, equity, where }) => {
        reached.set(where, (reached.get(where) ?? 0) + 1);
        const got = linearRate(pts, equity, mm);
        const want = oracle(pts, equity, mm);
        expect(dec(got).eq(want), `${toCanonical(got)} ≠ ${D.toCanonical(want)}`).toBe(true);
        // Within the end rates and on the rate grid.
        expect(got.gte(pts[0]!.rate) && got.lte(pts[pts.length - 1]!.rate)).toBe(true);
        expect(D.isMultipleOf(dec(got), GRID)).toBe(true);
      }),
      params(FILE, 'oracle'),
    );
    for (const w of ['above', 'at-point', 'between', 'below', 'negative'] as const) expect(reached.get(w) ?? 0, w).toBeGreaterThan(0);
  });

  it('gives each point its own rate at that point (continuous)', () => {
    fc.assert(
      fc.property(points, maintenance, (pts, mm) => {
        for (const p of pts) expect(linearRate(pts, p.marginRatio.mul(mm), mm).eq(p.rate)).toBe(true);
      }),
      params(FILE, 'points'),
    );
  });

  it('never lowers the rate when equity falls (more distress)', () => {
    fc.assert(
      fc.property(cases, decimalOf(1n, 10n ** 24n, 18), ({ pts, mm, equity }, drop) => {
        expect(linearRate(pts, equity.sub(drop), mm).gte(linearRate(pts, equity, mm))).toBe(true);
      }),
      params(FILE, 'monotone'),
    );
  });

  it("Aave v4's variable liquidation bonus, as the rate lb − 1 (published vectors)", () => {
    // aave/aave-v4 tests/unit/libraries/LiquidationLogic/LiquidationLogic.LiquidationBonus.t.sol
    // (commit dd0edc47): healthFactorForMaxBonus 0.8, liquidationBonusFactor 50 %, maxLiquidationBonus
    // 110 %, so minLB = 1 + 0.1 · 0.5 = 1.05 and the points are (1, 0.05), (0.8, 0.1), with ρ = HF.
    const pts = [
      { marginRatio: fx('1'), rate: fx('0.05') },
      { marginRatio: fx('0.8'), rate: fx('0.1') },
    ];
    const mm = fx('1');
    // test_calculateLiquidationBonus_PartialBonus: HF 0.96 → 106_00.
    expect(toCanonical(linearRate(pts, fx('0.96'), mm))).toBe('0.06');
    // test_calculateLiquidationBonus_fuzz_MaxBonus: HF ≤ healthFactorForMaxBonus → maxLiquidationBonus.
    for (const hf of ['0.8', '0.5', '0']) expect(toCanonical(linearRate(pts, fx(hf), mm))).toBe('0.1');
    // test_calculateLiquidationBonus_MinBonusDueToRounding: HF 1 − 10^−18 → 105_00. Aave keeps the
    // bonus on its 0.01 % grid, rounded down; §10.5 rounds the exact 0.05 + 2.5·10^−19 UP to the
    // 10^−18 grid instead — a documented difference of rounding grid and direction, not a bug.
    expect(toCanonical(linearRate(pts, fx('0.999999999999999999'), mm))).toBe('0.050000000000000001');
  });

  it('the worked example of §10.5 (hand-computed, not a published vector)', () => {
    const pts = [
      { marginRatio: fx('1'), rate: fx('0.01') },
      { marginRatio: fx('0.8'), rate: fx('0.05') },
      { marginRatio: fx('0.5'), rate: fx('0.1') },
    ];
    const mm = fx('1000');
    const rate = (e: string): string => toCanonical(linearRate(pts, fx(e), mm));
    expect(rate('1000')).toBe('0.01');
    expect(rate('1100')).toBe('0.01');
    expect(rate('900')).toBe('0.03');
    expect(rate('800')).toBe('0.05');
    // 0.05 + 0.05·100/300 = 0.0666…, rounded up at the 18th decimal.
    expect(rate('700')).toBe('0.066666666666666667');
    expect(rate('500')).toBe('0.1');
    expect(rate('400')).toBe('0.1');
    expect(rate('-50')).toBe('0.1');
  });
});
