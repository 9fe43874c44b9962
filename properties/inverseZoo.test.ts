/**
 * Inverse (coin-margined) markets and the catalog (spec §12.8): on hand-built inverse scenarios
 * near the liquidation boundary, under every policy shape §12.1 admits, the reference is clean on
 * the whole catalog its policy is judged by, and each engine of the inverse zoo (src/zoo/inverse/)
 * is caught by the invariant it claims — LIQ-007's §12.6 bound, LIQ-029's §12.4 price, LIQ-030's
 * price scaling — on a scenario where the reference is clean.
 *
 * The scenarios are drawn here (a small local builder, not src/arbitraries/): positions in
 * contracts, entries and marks on the tick grid, and the collateral solved for a margin ratio
 * drawn around 1 from §12.2's values (src/model/contract.ts). The distribution is printed and the
 * interesting region (liquidations, partial closes, inexact coin PnL) asserted reached.
 *
 * Seed: `LIQCHECK_SEED` when set, else 20261125. Printed on every failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG, INVERSE_ONLY } from '../src/invariants/catalog.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import { exactPnlOf, pnlOf, valueOf, type FContract } from '../src/model/contract.ts';
import { ceilTo, Fixed, floorTo, fmax, FZERO, toCanonical } from '../src/model/fixed.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { LiquidationResult, PositionInput, RiskParams, Scenario } from '../src/model/types.ts';
import { parsePolicy } from '../src/policy/parsePolicy.ts';
import { judgedBy, promisesOf } from '../src/policy/promises.ts';
import type { Policy } from '../src/wire/policy.ts';
import { FULL_AT_BANKRUPTCY, INVERSE_ZOO } from '../src/zoo/inverse/index.ts';
import { ZOO_SEED } from './profile.ts';

const SEED = ZOO_SEED;
const replay = (name: string): string => `LIQCHECK_SEED=${SEED} npx vitest run properties/inverseZoo.test.ts -t ${JSON.stringify(name)}`;
const MAX_SCENARIOS = 400;
const REFERENCE_SCENARIOS = 250;

const UNIT = new Fixed(1n, 8); // quoteScale 8: one satoshi
const f = (x: string): Fixed => {
  const [i, d = ''] = x.split('.');
  return new Fixed(BigInt(i! + d), d.length);
};
const str = toCanonical;

interface MarketDraw {
  readonly id: string;
  readonly value: string;
  readonly lot: string;
  readonly tick: string;
  /** entry prices are drawn as ticks in [lo, hi] */
  readonly ticks: readonly [number, number];
  readonly rate: string;
}

// BTCUSD at 1 USD (BitMEX, Bybit) or 100 USD (Binance COIN-M) a contract; ETHUSD at 10 USD.
const BTC = (value: string): MarketDraw => ({ id: 'BTCUSD', value, lot: value === '1' ? '100' : '1', tick: '0.5', ticks: [40_000, 160_000], rate: '0.005' });
const ETH = (value = '10'): MarketDraw => ({ id: 'ETHUSD', value, lot: '1', tick: '0.05', ticks: [20_000, 80_000], rate: '0.01' });

function params(markets: readonly MarketDraw[], trigger: 'strict' | 'inclusive', buffer: string, impact: string): RiskParams {
  const out: Record<string, RiskParams['markets'][string]> = {};
  for (const m of markets) {
    // Two brackets, continuous at the floor 2 (coin): 0.005·2 = 0.01·2 − 0.01.
    const tiers =
      m.rate === '0.005'
        ? [
            { notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' },
            { notionalFloor: '2', maintenanceRate: '0.01', maintenanceAmount: '0.01', initialRate: '0.02' },
          ]
        : [{ notionalFloor: '0', maintenanceRate: m.rate, maintenanceAmount: '0', initialRate: '0.02' }];
    out[m.id] = { contract: { kind: 'inverse', value: m.value }, lotSize: m.lot, tickSize: m.tick, tiers };
  }
  return {
    quoteScale: 8,
    trigger,
    targetBuffer: buffer,
    penalty: { steps: [{ maxMarginRatio: '1', rate: '0.002' }, { maxMarginRatio: '0.5', rate: '0.004' }], liquidatorShare: '0.5' },
    dustNotional: '0',
    priceImpact: impact,
    markets: out,
  } as RiskParams;
}

const POLICIES: readonly Policy[] = [
  FULL_AT_BANKRUPTCY,
  { ...FULL_AT_BANKRUPTCY, requirement: { kind: 'tiers', valuation: 'entry' } },
  { requirement: { kind: 'tiers', valuation: 'mark' }, closeSize: { kind: 'full' }, price: { kind: 'mark' } },
  { requirement: { kind: 'tiers', valuation: 'mark' }, closeSize: { kind: 'step-down' }, price: { kind: 'mark' } },
  { requirement: { kind: 'tiers', valuation: 'mark' }, closeSize: { kind: 'fixed-portion', portion: '0.25', minimumNotional: '0.01' }, price: { kind: 'mark' } },
  { requirement: { kind: 'tiers', valuation: 'mark' }, closeSize: { kind: 'fixed-portion', portion: '0.25', minimumNotional: '0' }, price: { kind: 'bankruptcy' } },
];

interface PositionSketch {
  readonly lots: number;
  readonly long: boolean;
  readonly entryTicks: number;
  /** the mark's move from the entry, in basis points */
  readonly moveBp: number;
}

/** An inverse scenario whose group's margin ratio is about `ratio` (per mille). */
function build(markets: readonly MarketDraw[], ps: readonly PositionSketch[], ratioPm: number, trigger: 'strict' | 'inclusive', buffer: string, impact: string, fund: string, policy: Policy): Scenario {
  const marks: Record<string, string> = {};
  const positions: PositionInput[] = [];
  let mm = FZERO;
  let upnl = FZERO;
  markets.forEach((m, i) => {
    const p = ps[i]!;
    const tick = f(m.tick);
    const entry = tick.mul(new Fixed(BigInt(p.entryTicks), 0));
    const mark = fmax(tick, floorTo(entry.mul(new Fixed(BigInt(10_000 + p.moveBp), 4)), tick));
    const size = f(m.lot).mul(new Fixed(BigInt(p.lots), 0));
    const q = p.long ? size : size.neg();
    const c: FContract = { kind: 'inverse', value: f(m.value) };
    mm = mm.add(valueOf(c, size, mark, UNIT).mul(f(m.rate)));
    upnl = upnl.add(pnlOf(c, q, entry, mark, UNIT));
    marks[m.id] = str(mark);
    positions.push({ market: m.id, size: str(q), entryPrice: str(entry) });
  });
  const collateral = fmax(FZERO, ceilTo(mm.mul(new Fixed(BigInt(ratioPm), 3)).sub(upnl), UNIT));
  return {
    params: params(markets, trigger, buffer, impact),
    marks,
    account: { collateral: str(collateral), positions },
    insuranceFund: fund,
    policy,
  } as Scenario;
}

const sketch = (m: MarketDraw): fc.Arbitrary<PositionSketch> =>
  fc.record({
    lots: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20_000 })),
    long: fc.boolean(),
    entryTicks: fc.integer({ min: m.ticks[0], max: m.ticks[1] }),
    // small and large moves, and rallies of 2–3.5× that bury a short (its coin loss nears |q|·v/e):
    // what §12.4's fallback needs on the long closed after it
    moveBp: fc.oneof(fc.integer({ min: -300, max: 300 }), fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: 10_000, max: 25_000 })),
  });

/** Inverse scenarios: one or two markets (cross), BTCUSD at 1 or 100 USD a contract, ratios around 1. */
function inverseScenario(policies: readonly Policy[], value?: '1' | '100'): fc.Arbitrary<Scenario> {
  const btc = value === undefined ? fc.constantFrom('1', '100').map(BTC) : fc.constant(BTC(value));
  return fc
    .tuple(btc, fc.boolean())
    .chain(([b, two]) => {
      // With a pinned BTCUSD value, ETHUSD has the same one (every contract worth `value`).
      const markets = two ? [b, ETH(value)] : [b];
      return fc.tuple(
        fc.constant(markets),
        fc.tuple(...markets.map(sketch)),
        // per mille: at the boundary, one step either side, near, deep, healthy
        // (−10^6: no collateral left at all, the equity is the coin PnL: deep bankruptcies)
        fc.oneof(fc.constantFrom(1000, 999, 1001, 0, -1_000_000), fc.integer({ min: -2000, max: 3000 })),
        fc.constantFrom('strict' as const, 'inclusive' as const),
        fc.constantFrom('0', '0.01'),
        fc.constantFrom('0', '0', '0.001'),
        fc.constantFrom('0', '0.01', '5'),
        fc.constantFrom(...policies),
      );
    })
    .map(([markets, ps, ratio, trigger, buffer, impact, fund, policy]) => build(markets, ps, ratio, trigger, buffer, impact, fund, policy));
}

function invariantsUnder(policy: Policy) {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) throw new Error(`an inverse zoo policy is invalid: ${JSON.stringify(parsed.issues)}`);
  return judgedBy(CATALOG, promisesOf(parsed.value)).judged;
}

describe(`inverse scenarios: the generator reaches the boundary (LIQCHECK_SEED=${SEED})`, () => {
  it('liquidates, closes partly and realizes inexact coin PnL on a good share of draws', () => {
    const draws = fc.sample(inverseScenario(POLICIES), { seed: SEED, numRuns: 300 });
    let invalid = 0;
    let liquidated = 0;
    let partial = 0;
    let inexact = 0;
    let badDebt = 0;
    for (const sc of draws) {
      const o = liquidate(sc);
      if (!o.ok) {
        invalid++;
        continue;
      }
      const r = o.result;
      if (r.fills.length > 0) liquidated++;
      if (r.fills.length > 0 && r.account.positions.length > 0) partial++;
      if (r.badDebt !== '0') badDebt++;
      for (const fill of r.fills) {
        const pos = sc.account.positions.find((p) => p.market === fill.market)!;
        const contract = sc.params.markets[fill.market]!.contract as { readonly value: string };
        const c: FContract = { kind: 'inverse', value: f(contract.value) };
        const qc = fill.side === 'sell' ? f(fill.size) : f(fill.size).neg();
        const exact = exactPnlOf(c, qc, f(pos.entryPrice), f(fill.price));
        const floored = f(fill.realizedPnl);
        if (exact.n * 10n ** BigInt(floored.s) !== floored.m * exact.d) inexact++;
      }
    }
    console.log(`[inverseZoo] of ${draws.length} draws: ${invalid} invalid, ${liquidated} liquidated, ${partial} partly closed, ${badDebt} with bad debt, ${inexact} fills with an inexact coin PnL`);
    expect(invalid, 'every drawn scenario is valid input').toBe(0);
    expect(liquidated).toBeGreaterThan(draws.length / 5);
    expect(partial).toBeGreaterThan(10);
    expect(inexact).toBeGreaterThan(draws.length / 5);
    expect(badDebt).toBeGreaterThan(0);
  });
});

describe(`inverse scenarios: the reference is clean under every inverse policy (LIQCHECK_SEED=${SEED})`, () => {
  for (const policy of POLICIES) {
    const name = `reference under ${JSON.stringify(policy)}`;
    it(name, { timeout: 120_000 }, () => {
      const invariants = invariantsUnder(policy);
      const checked = new Map<string, number>();
      const details = fc.check(
        fc.property(inverseScenario([policy]), (sc) => {
          const r = checkCase(liquidate, sc, { invariants });
          for (const id of r.checked) checked.set(id, (checked.get(id) ?? 0) + 1);
          if (r.engineFailure) throw new Error(`the reference gave no answer: ${r.engineFailure.error.message}`);
          if (r.violations.length > 0) throw new Error(r.violations.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
        }),
        { seed: SEED, numRuns: REFERENCE_SCENARIOS, endOnFailure: true },
      );
      if (details.failed) {
        const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`the reference violates the catalog on an inverse scenario:\n${why}\nscenario: ${JSON.stringify(details.counterexample?.[0])}\nReplay: ${replay(name)}`);
      }
      // The re-scoped ids and LIQ-030 are in their domain here; LIQ-013 (and LIQ-015) never are (§12.8).
      for (const id of ['LIQ-007', 'LIQ-030']) expect(checked.get(id) ?? 0, `${id} in its domain`).toBeGreaterThan(0);
      for (const id of ['LIQ-013', 'LIQ-015']) expect(checked.get(id) ?? 0, `${id} is not judged on inverse markets`).toBe(0);
      if (policy.price?.kind === 'bankruptcy') expect(checked.get('LIQ-029') ?? 0).toBeGreaterThan(0);
    });
  }
});

describe(`LIQ-029's §12.4 fallback at the mark (LIQCHECK_SEED=${SEED})`, () => {
  it('a fill the reference puts at the mark because no price reaches K is flagged when moved one tick', { timeout: 120_000 }, () => {
    const only = { invariants: CATALOG.filter((i) => i.id === 'LIQ-029') };
    let atMark = 0;
    let fallback = 0;
    for (const sc of fc.sample(inverseScenario([FULL_AT_BANKRUPTCY]), { seed: SEED, numRuns: 3000 })) {
      const o = liquidate(sc);
      if (!o.ok) continue;
      o.result.fills.forEach((fill, i) => {
        if (fill.price !== sc.marks[fill.market]) return;
        atMark++;
        const tick = f(sc.params.markets[fill.market]!.tickSize);
        const moved = str(fill.side === 'sell' ? f(fill.price).add(tick) : f(fill.price).sub(tick));
        const tampered: LiquidationResult = { ...o.result, fills: o.result.fills.map((g, k) => (k === i ? { ...g, price: moved } : g)) };
        const vs = checkCase(() => ({ ok: true, result: tampered }), sc, only).violations;
        if (vs.some((v) => v.message.includes('§12.4 fills it at the mark'))) fallback++;
      });
    }
    console.log(`[inverseZoo] bankruptcy fills at the mark: ${atMark}, of which the §12.4 fallback (flagged when moved a tick): ${fallback}`);
    expect(fallback).toBeGreaterThan(0);
  });
});

describe(`inverse zoo: every wrong engine is caught (LIQCHECK_SEED=${SEED})`, () => {
  for (const z of INVERSE_ZOO) {
    for (const id of z.violates) {
      const name = `${z.name} violates ${id}`;
      it(name, { timeout: 120_000 }, () => {
        const only = CATALOG.filter((i) => i.id === id);
        let tried = 0;
        let found: string | null = null;
        fc.check(
          fc.property(inverseScenario(z.policies ?? POLICIES), (sc) => {
            tried++;
            const hit = checkCase(z.engine, sc, { invariants: only }).violations.find((v) => v.invariant === id);
            if (hit === undefined || checkCase(liquidate, sc, { invariants: only }).violations.length > 0) return true;
            found = hit.message;
            return false;
          }),
          { seed: SEED, numRuns: MAX_SCENARIOS, endOnFailure: true },
        );
        expect(found, `${z.name} (${z.bug}) showed no ${id} violation in ${MAX_SCENARIOS} inverse scenarios.\nReplay: ${replay(name)}`).not.toBeNull();
        console.log(`[inverseZoo] ${z.name} ${id} after ${tried} scenario(s): ${found!.split('\n')[0]!.slice(0, 240)}`);
      });
    }
  }

  it('contractValueOne is the reference on 1-USD contracts: only LIQ-030 catches it there', { timeout: 120_000 }, () => {
    const z = INVERSE_ZOO.find((e) => e.name === 'contractValueOne')!;
    let caught = 0;
    for (const policy of POLICIES) {
      const invariants = invariantsUnder(policy);
      for (const sc of fc.sample(inverseScenario([policy], '1'), { seed: SEED, numRuns: 25 })) {
        const ids = new Set(checkCase(z.engine, sc, { invariants }).violations.map((v) => v.invariant));
        expect([...ids].filter((id) => id !== 'LIQ-030'), JSON.stringify(sc)).toEqual([]);
        if (ids.has('LIQ-030')) caught++;
      }
    }
    console.log(`[inverseZoo] contractValueOne: LIQ-030 alone on ${caught} of ${POLICIES.length * 25} scenarios with 1-USD contracts`);
    expect(caught).toBeGreaterThan(0);
  });

  it('every inverse-only id is claimed by an inverse zoo engine', () => {
    const claimed = new Set(INVERSE_ZOO.flatMap((z) => z.violates));
    expect([...INVERSE_ONLY].filter((id) => !claimed.has(id))).toEqual([]);
  });
});
