/**
 * The exogenous path (docs/simulation.md S3) on hand-computed examples: a shock spread over steps
 * (with the truncation of φ to 12 digits), a drift, the one-tick floor, and recorded CSV paths
 * with their issues.
 */
import { describe, expect, it } from 'vitest';
import { Dec, toCanonical } from '../model/decimal.ts';
import { parsePathCsv, recordedPrices, shockPrices, shockShare } from './pricePath.ts';

const d = (x: string | number) => new Dec(x);
const TICK = d('0.1');

describe('shock and drift (S3)', () => {
  it('spreads a −30 % shock over 3 steps from step 2', () => {
    // φ: t0 0, t1 (1−2+1)/3 = 0, t2 ⌊1/3⌋_Φ = 0.333333333333, t3 0.666666666666, then 1.
    expect(toCanonical(shockShare(2, 2, 3))).toBe('0.333333333333');
    expect(toCanonical(shockShare(3, 2, 3))).toBe('0.666666666666');
    // x2 = ⌊100·(1 − 0.0999999999999)⌋_0.1 = ⌊90.00000000001⌋ = 90; x3 = ⌊80.00000000002⌋ = 80; x4 = 70
    const xs = shockPrices({ startPrice: d(100), steps: 6, shock: d('-0.3'), shockAt: 2, shockSteps: 3, drift: d(0) }, TICK);
    expect(xs.map(toCanonical)).toEqual(['100', '100', '90', '80', '70', '70']);
  });

  it('a one-step shock at step 1 (the defaults)', () => {
    const xs = shockPrices({ startPrice: d(100000), steps: 3, shock: d('-0.3'), shockAt: 1, shockSteps: 1, drift: d(0) }, TICK);
    expect(xs.map(toCanonical)).toEqual(['100000', '70000', '70000']);
  });

  it('drift only, and the floor of one tick', () => {
    // x_t = ⌊100·(1 + 0.01·t)⌋ = 100, 101, 102
    expect(shockPrices({ startPrice: d(100), steps: 3, shock: d(0), shockAt: 1, shockSteps: 1, drift: d('0.01') }, TICK).map(toCanonical)).toEqual(['100', '101', '102']);
    // −0.6 per step: t1 ⌊40⌋ = 40, t2 ⌊100·(−0.2)⌋ → at least one tick
    expect(shockPrices({ startPrice: d(100), steps: 3, shock: d(0), shockAt: 1, shockSteps: 1, drift: d('-0.6') }, TICK).map(toCanonical)).toEqual(['100', '40', '0.1']);
  });
});

describe('recorded paths (S3)', () => {
  it('reads "price" and "step,price" CSVs, prices kept as strings', () => {
    expect(parsePathCsv('price\n100\n99.50\n\n')).toEqual({ ok: true, value: ['100', '99.50'] });
    expect(parsePathCsv('step,price\r\n0,1\r\n1,2\r\n')).toEqual({ ok: true, value: ['1', '2'] });
    const r = recordedPrices(['100', '99.50']);
    expect(r.ok && r.value.map(toCanonical)).toEqual(['100', '99.5']);
  });

  it('names the row of every problem', () => {
    const header = parsePathCsv('close\n1\n');
    expect(header.ok === false && header.issues[0]!.path).toBe('path.header');
    const step = parsePathCsv('step,price\n0,1\n2,3\n');
    expect(step.ok === false && step.issues.map((i) => i.path)).toEqual(['path[1].step']);
    const prices = recordedPrices(['1', '-1', 'x']);
    expect(prices.ok === false && prices.issues.map((i) => i.path)).toEqual(['path[1].price', 'path[2].price']);
    const empty = parsePathCsv('price\n');
    expect(empty.ok).toBe(false);
  });
});
