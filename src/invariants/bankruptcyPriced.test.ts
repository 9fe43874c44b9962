/**
 * LIQ-029 (spec §10.4, the bankruptcy price part) on the hand-computed worked example of §10.4
 * (hand-computed, not a published vector; the arithmetic is in src/policy/price/bankruptcyClose.test.ts
 * and the spec) and on engines tampered one tick either way, and how often generated scenarios reach
 * the regions the rule distinguishes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/index.ts';
import { scenariosUnder } from '../arbitraries/policyScenario.ts';
import { Dec } from '../model/decimal.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, LiquidationResult, Scenario } from '../model/types.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import { workedExample } from '../policy/penalty/bankruptcyCapScenarios.ts';
import type { Policy } from '../wire/policy.ts';
import { PRICE_ZOO } from '../zoo/policy/priceZoo.ts';
import { bankruptcyPriced } from './bankruptcyPriced.ts';
import { checkCase } from './checkCase.ts';

const ONLY = { invariants: [bankruptcyPriced] };
const FULL: Policy = { closeSize: { kind: 'full' }, price: { kind: 'bankruptcy' }, penalty: { kind: 'steps', cap: 'bankruptcy' } };

/** §10.4's worked example: longs 3 of A and 1 of B at mark 100, collateral 45.01, tick 0.5; both sell at 89. */
function example(): Scenario {
  const base = workedExample(FULL);
  const markets = Object.fromEntries(Object.entries(base.params.markets).map(([id, m]) => [id, { ...m, tickSize: '0.5' }]));
  return { ...base, params: { ...base.params, markets }, account: { ...base.account, collateral: '45.01' } };
}

/** The reference with fill `index` re-priced to `price` and its realized PnL ⌊q_c·(x − e)⌋_u recomputed (entry 100). */
function repriced(index: number, price: string): Engine {
  return (sc) => {
    const o = liquidate(sc);
    if (!o.ok) return o;
    const fills: LiquidationResult['fills'] = o.result.fills.map((f, i) => {
      if (i !== index) return f;
      const qc = new Dec(f.size).mul(f.side === 'sell' ? 1 : -1);
      return { ...f, price, realizedPnl: qc.mul(new Dec(price).sub(100)).toDecimalPlaces(2, Dec.ROUND_FLOOR).toString() };
    });
    return { ok: true, result: { ...o.result, fills } };
  };
}

const messages = (engine: Engine, sc: Scenario) => checkCase(engine, sc, ONLY).violations.map((v) => v.message);

describe('LIQ-029 fills at the bankruptcy price of the part closed', () => {
  it('holds for the reference on the worked example, and is judged there', () => {
    const r = checkCase(liquidate, example(), ONLY);
    expect(r.checked).toContain('LIQ-029');
    expect(r.violations).toEqual([]);
  });

  it('catches one tick better for the trader (V < 0) and one tick worse (V ≥ 0 still there)', () => {
    // A at 89.5: R = −31.5, V = 13.51 − 11.2525 ≥ 0, and at 89 V = 0.7575 ≥ 0 too: not the least favourable.
    // B is then judged on the engine's own state: collateral 45.01 − 31.5 − 0.75 = 12.76, so its
    // x_b = 0.5·⌈(100 − 12.76)/0.5⌉ = 87.5 and the reference's 89 is too favourable to the taker.
    expect(messages(repriced(0, '89.5'), example())).toEqual([
      expect.stringMatching(/fill 0 \(A\) closes 3 at 89\.5, which is not its bankruptcy price: one tick lower, at 89, V = 12\.01 − 45\.01·20\/80 is still ≥ 0/),
      expect.stringMatching(/fill 1 \(B\) closes 1 at 89, .*one tick lower, at 88\.5, V = 1\.26 − 12\.76·0\/20 is still ≥ 0/),
    ]);
    // A at 88.5: R = −34.5, V = 10.51 − 11.2525 < 0: the rest of the group (or the fund) would pay.
    // B then has collateral 9.76 and x_b = 0.5·⌈90.24/0.5⌉ = 90.5: at 89, E⁻ = 9.76 − 11 = −1.24 < 0.
    expect(messages(repriced(0, '88.5'), example())).toEqual([
      expect.stringMatching(/fill 0 \(A\) closes 3 at 88\.5, .*V = 10\.51 − 45\.01·20\/80 < 0 there/),
      expect.stringMatching(/fill 1 \(B\) closes 1 at 89, .*V = -1\.24 − 9\.76·0\/20 < 0 there/),
    ]);
  });

  it('catches the zoo’s whole-group bankruptcy price on the worked example (hand-computed: K = ⌈−45.01⌉_u, x = 0.5·⌈254.99/1.5⌉ = 85)', () => {
    const z = PRICE_ZOO.find((e) => e.name === 'bankruptcyOfWholeGroup')!;
    expect(messages(z.engine, example())[0]).toMatch(/fill 0 \(A\) closes 3 at 85, .*V = 0\.01 − 45\.01·20\/80 < 0/);
  });

  it('generated scenarios reach partial shares (MM′ > 0), and underwater groups (E < 0, x_b beyond the mark)', { timeout: 60_000 }, () => {
    const policy: Policy = { price: { kind: 'bankruptcy' } };
    const parsed = parsePolicy(policy);
    if (!parsed.ok) throw new Error('policy');
    const scenarios = fc.sample(scenariosUnder(parsed.value, policy, scenario({ positions: { min: 1, max: 3 }, margin: 'cross' })), { numRuns: 300, seed: 20261201 });
    let share = 0;
    let beyond = 0;
    let judged = 0;
    for (const sc of scenarios) {
      const o = liquidate(sc);
      if (!o.ok || o.result.fills.length === 0) continue;
      const r = checkCase(liquidate, sc, ONLY);
      expect(r.violations).toEqual([]);
      judged++;
      // A fill that leaves a position open in the group has MM′ > 0: the share rule, not E⁻ ≥ 0.
      if (o.result.fills.length > 1 || o.result.account.positions.length > 0) share++;
      for (const f of o.result.fills) {
        const mark = new Dec(sc.marks[f.market]!);
        if (f.side === 'sell' ? new Dec(f.price).gt(mark) : new Dec(f.price).lt(mark)) beyond++;
      }
    }
    console.log(`[LIQ-029 reach] judged ${judged}/300, partial shares ${share}, fills beyond the mark ${beyond}`);
    expect(judged).toBeGreaterThan(30);
    expect(share).toBeGreaterThan(10);
    expect(beyond).toBeGreaterThan(0);
  });
});
