/**
 * Multi-asset collateral and the catalog (spec §13.6): on hand-built multi-asset scenarios near the
 * liquidation boundary, under the collateral parts `none`, `sell`/`deficit` and `sell`/`target`,
 * the reference is clean on the whole catalog its policy is judged by, and each engine of the
 * multi-asset zoo (src/zoo/multiAsset/) is caught by the invariant it claims on a scenario where
 * the reference is clean.
 *
 * The scenarios are drawn here (a small local builder, not src/arbitraries/): 1–3 assets with
 * units from 1e-8 to 1, weights 0…1 (target weight at or below), a discount, a fee factor or
 * neither; 0–2 cross positions, the cross group's margin ratio drawn first around 1 and the quote
 * balance solved from it (§13.2: `C = E − Σ a·p·w − Σ U`, negative when the assets carry the
 * account); token-only accounts (no position, a borrowed quote balance, optionally quote-debt
 * weights) with the equity drawn around 0. The distribution is printed and the interesting region
 * (sales, exhausted balances, negative balances after, bankruptcies) asserted reached.
 *
 * Seed: `LIQCHECK_SEED` when set, else the zoo's. Printed on every failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG, MULTI_ASSET_ONLY } from '../src/invariants/catalog.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import { ceilTo, Fixed, floorTo, FZERO, toCanonical } from '../src/model/fixed.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { PositionInput, RiskParams, Scenario } from '../src/model/types.ts';
import { parsePolicy } from '../src/policy/parsePolicy.ts';
import { judgedBy, promisesOf } from '../src/policy/promises.ts';
import type { Policy } from '../src/wire/policy.ts';
import { MULTI_ASSET_ZOO, type CollateralRestore } from '../src/zoo/multiAsset/index.ts';
import { ZOO_SEED } from './profile.ts';

const SEED = ZOO_SEED;
const replay = (name: string): string => `LIQCHECK_SEED=${SEED} npx vitest run properties/multiAssetZoo.test.ts -t ${JSON.stringify(name)}`;
const MAX_SCENARIOS = 400;
const REFERENCE_SCENARIOS = 200;

const f = (x: string): Fixed => {
  const neg = x.startsWith('-');
  const [i, d = ''] = (neg ? x.slice(1) : x).split('.');
  const m = BigInt(i! + d);
  return new Fixed(neg ? -m : m, d.length);
};
const str = toCanonical;
const UNIT = f('0.01'); // quoteScale 2
const int = (n: number): Fixed => new Fixed(BigInt(n), 0);

interface MarketDraw {
  readonly id: string;
  readonly lot: string;
  readonly tick: string;
  readonly rate: string;
  /** entry prices in ticks */
  readonly ticks: readonly [number, number];
}
const BTC: MarketDraw = { id: 'BTCUSDT', lot: '0.001', tick: '0.1', rate: '0.01', ticks: [200_000, 800_000] };
const ETH: MarketDraw = { id: 'ETHUSDT', lot: '0.01', tick: '0.01', rate: '0.02', ticks: [100_000, 400_000] };

interface AssetDraw {
  readonly id: string;
  readonly unit: string;
  readonly price: string;
  readonly weight: string;
  /** the target weight's distance below the weight, capped at the weight */
  readonly below: string;
  readonly sale: { readonly discount: string } | { readonly feeFactor: string } | Record<string, never>;
  /** the balance in units */
  readonly units: number;
}

const assetDraw = (id: string): fc.Arbitrary<AssetDraw> =>
  fc.record({
    id: fc.constant(id),
    unit: fc.constantFrom('0.00000001', '0.0001', '0.01', '1'),
    price: fc.constantFrom('1', '0.5', '3.7', '300', '2999.99', '61234.5'),
    weight: fc.constantFrom('0', '0.5', '0.8', '0.9', '0.95', '1'),
    below: fc.constantFrom('0', '0', '0.1', '0.25'),
    // Binance's haircut as the discount, Mango's fee factors (1 + 0.01)(1 + 0.01) and 1.05, or none
    sale: fc.constantFrom<AssetDraw['sale']>({ discount: '0.05' }, { discount: '0.025' }, { feeFactor: '1.0201' }, { feeFactor: '1.05' }, {}),
    units: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 2_000_000 })),
  });

interface PositionSketch {
  readonly lots: number;
  readonly long: boolean;
  readonly entryTicks: number;
  readonly moveBp: number;
}

const sketch = (m: MarketDraw): fc.Arbitrary<PositionSketch> =>
  fc.record({
    lots: fc.integer({ min: 1, max: 3000 }),
    long: fc.boolean(),
    entryTicks: fc.integer({ min: m.ticks[0], max: m.ticks[1] }),
    moveBp: fc.integer({ min: -1500, max: 1500 }),
  });

interface Draw {
  readonly markets: readonly MarketDraw[];
  readonly positions: readonly PositionSketch[];
  readonly assets: readonly AssetDraw[];
  /** cross margin ratio per mille (with positions), or the equity as per mille of Σ a·p·w (token-only) */
  readonly ratioPm: number;
  readonly quoteDebt: boolean;
  readonly trigger: 'strict' | 'inclusive';
  readonly buffer: string;
  readonly fund: string;
  readonly policy: Policy;
}

function params(d: Draw): RiskParams {
  const markets: Record<string, RiskParams['markets'][string]> = {};
  for (const m of [BTC, ETH]) markets[m.id] = { lotSize: m.lot, tickSize: m.tick, tiers: [{ notionalFloor: '0', maintenanceRate: m.rate, maintenanceAmount: '0', initialRate: '0.05' }] };
  const assets: Record<string, unknown> = {};
  for (const a of d.assets) {
    const w = f(a.weight);
    const below = f(a.below);
    const target = below.gt(w) ? FZERO : w.sub(below);
    assets[a.id] = { unit: a.unit, weight: a.weight, targetWeight: str(target), ...a.sale };
  }
  return {
    quoteScale: 2,
    trigger: d.trigger,
    targetBuffer: d.buffer,
    penalty: { steps: [{ maxMarginRatio: '1', rate: '0.005' }, { maxMarginRatio: '0.5', rate: '0.01' }], liquidatorShare: '0.5' },
    dustNotional: '0',
    priceImpact: '0',
    markets,
    assets,
    ...(d.quoteDebt ? { quoteDebt: { weight: '1.1', targetWeight: '1.2' } } : {}),
  } as unknown as RiskParams;
}

/** The scenario of a draw: the quote balance solved from the drawn ratio (§13.2), rounded to the unit. */
function build(d: Draw): Scenario {
  const marks: Record<string, string> = {};
  for (const m of [BTC, ETH]) marks[m.id] = str(f(m.tick).mul(int(m.ticks[0])));
  const positions: PositionInput[] = [];
  let mm = FZERO;
  let upnl = FZERO;
  d.markets.forEach((m, i) => {
    const p = d.positions[i]!;
    const tick = f(m.tick);
    const entry = tick.mul(int(p.entryTicks));
    const mark = floorTo(entry.mul(new Fixed(BigInt(10_000 + p.moveBp), 4)), tick);
    const size = f(m.lot).mul(int(p.lots));
    const q = p.long ? size : size.neg();
    mm = mm.add(size.mul(mark).mul(f(m.rate)));
    upnl = upnl.add(q.mul(mark.sub(entry)));
    marks[m.id] = str(mark);
    positions.push({ market: m.id, size: str(q), entryPrice: str(entry) });
  });
  let weighted = FZERO;
  const assetPrices: Record<string, string> = {};
  const balances: Record<string, string> = {};
  for (const a of d.assets) {
    const bal = f(a.unit).mul(int(a.units));
    assetPrices[a.id] = a.price;
    balances[a.id] = str(bal);
    weighted = weighted.add(bal.mul(f(a.price)).mul(f(a.weight)));
  }
  const ratio = new Fixed(BigInt(d.ratioPm), 3);
  // With positions: E = ratio·MM. Token-only (MM = 0): E = (ratio − 1)·Σ a·p·w, around 0; with
  // quote-debt weights the balance is negative and E = l·C + W, so C = (E − W)/l (rounded up).
  let collateral: Fixed;
  if (d.markets.length > 0) collateral = ceilTo(ratio.mul(mm).sub(upnl).sub(weighted), UNIT);
  else {
    const e = ratio.sub(int(1)).mul(weighted);
    const c = e.sub(weighted);
    collateral = d.quoteDebt && c.sign() < 0 ? ceilTo(quotient(c.mul(int(10)), 11n), UNIT) : ceilTo(c, UNIT);
  }
  return {
    params: params(d),
    marks,
    assetPrices,
    account: { collateral: str(collateral), positions, assets: balances },
    insuranceFund: d.fund,
    policy: d.policy,
  } as unknown as Scenario;
}

/** `x / k` truncated at 4 more fraction digits (only a draw's target: any nearby balance will do). */
function quotient(x: Fixed, k: bigint): Fixed {
  return new Fixed((x.m * 10_000n) / k, x.s + 4);
}

const COLLATERAL: Record<CollateralRestore, Policy['collateral']> = {
  none: { kind: 'none' },
  deficit: { kind: 'sell', restore: 'deficit' },
  target: { kind: 'sell', restore: 'target' },
} as unknown as Record<CollateralRestore, Policy['collateral']>;

/** The close-size parts drawn (mark price): restorative ones and one that stops short. */
const CLOSES: readonly Policy['closeSize'][] = [{ kind: 'full' }, { kind: 'minimal' }, { kind: 'fixed-portion', portion: '0.25', minimumNotional: '0' }] as Policy['closeSize'][];

function policyOf(restore: CollateralRestore, close: Policy['closeSize']): Policy {
  return { requirement: { kind: 'tiers', valuation: 'mark' }, closeSize: close, price: { kind: 'mark' }, collateral: COLLATERAL[restore] } as Policy;
}

function multiAssetScenario(restores: readonly CollateralRestore[]): fc.Arbitrary<Scenario> {
  return fc
    .record({
      shape: fc.constantFrom('btc', 'btc', 'both', 'token-only'),
      n: fc.integer({ min: 1, max: 3 }),
      quoteDebt: fc.boolean(),
      // per mille: at the boundary, one step either side, deep, healthy
      ratioPm: fc.oneof(fc.constantFrom(1000, 999, 1001, 0, 500), fc.integer({ min: -3000, max: 3000 })),
      trigger: fc.constantFrom('strict' as const, 'inclusive' as const),
      buffer: fc.constantFrom('0', '0.01'),
      fund: fc.constantFrom('0', '0', '100', '1000000'),
      restore: fc.constantFrom(...restores),
      close: fc.constantFrom(...CLOSES),
    })
    .chain((r) => {
      const markets = r.shape === 'token-only' ? [] : r.shape === 'both' ? [BTC, ETH] : [BTC];
      const ids = ['BNB', 'ETH', 'SOL'].slice(0, r.n);
      return fc.record({
        markets: fc.constant(markets),
        positions: markets.length === 0 ? fc.constant([]) : fc.tuple(...markets.map(sketch)),
        assets: fc.tuple(...ids.map(assetDraw)),
        ratioPm: fc.constant(r.ratioPm),
        // §13.1: quote-debt weights only without a cross position
        quoteDebt: fc.constant(r.quoteDebt && markets.length === 0),
        trigger: fc.constant(r.trigger),
        buffer: fc.constant(r.buffer),
        fund: fc.constant(r.fund),
        // A token-only account has nothing to close, under any close part (§13.3).
        policy: fc.constant(policyOf(r.restore, r.close)),
      });
    })
    .map((d) => build(d as Draw));
}

function invariantsUnder(policy: Policy) {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) throw new Error(`a multi-asset zoo policy is invalid: ${JSON.stringify(parsed.issues)}`);
  return judgedBy(CATALOG, promisesOf(parsed.value)).judged;
}

/**
 * The reference never answers `limit-exceeded` on these draws: §13.4 walks the proceeds level by
 * level, so a sale whose unit is worth far less than the quote unit (1e-8 of a token at 0.5
 * against 0.01) takes a few levels, not millions of unit steps. A draw that still hits the limit
 * fails the test with the scenario.
 */
function limitExceeded(sc: Scenario): boolean {
  const o = liquidate(sc);
  if (!o.ok && o.error.code === 'limit-exceeded') throw new Error(`the reference answers limit-exceeded (${o.error.message}) on ${JSON.stringify(sc)}`);
  return false;
}

interface ResultView {
  readonly sales?: readonly { readonly asset: string; readonly amount: string }[];
  readonly account: { readonly collateral: string; readonly assets?: Record<string, string>; readonly positions: readonly unknown[] };
  readonly badDebt: string;
  readonly fills: readonly unknown[];
}

describe(`multi-asset scenarios: the generator reaches the boundary (LIQCHECK_SEED=${SEED})`, () => {
  it('liquidates, sells, exhausts balances and leaves borrowed quote on a good share of draws', () => {
    const draws = fc.sample(multiAssetScenario(['none', 'deficit', 'target']), { seed: SEED, numRuns: 600 });
    const n = { invalid: 0, liquidated: 0, sold: 0, exhausted: 0, twoSales: 0, negativeAfter: 0, bankrupt: 0, tokenOnly: 0, partialSale: 0 };
    let firstInvalid = '';
    let limited = 0;
    for (const sc of draws) {
      const o = liquidate(sc);
      if (!o.ok && o.error.code === 'limit-exceeded') limited++;
      if (!o.ok) {
        n.invalid++;
        firstInvalid ||= JSON.stringify(o.error).slice(0, 400);
        continue;
      }
      const r = o.result as unknown as ResultView;
      if (sc.account.positions.length === 0) n.tokenOnly++;
      if (o.result.status !== 'healthy') n.liquidated++;
      const sales = r.sales ?? [];
      if (sales.length > 0) n.sold++;
      if (sales.length > 1) n.twoSales++;
      const before = (sc.account as unknown as { assets: Record<string, string> }).assets;
      for (const x of sales) {
        if (x.amount === before[x.asset]) n.exhausted++;
        else n.partialSale++;
      }
      if (r.account.collateral.startsWith('-') && o.result.status !== 'healthy') n.negativeAfter++;
      if (r.badDebt !== '0') n.bankrupt++;
    }
    console.log(`[multiAssetZoo] of ${draws.length} draws: ${JSON.stringify(n)}, ${limited} limit-exceeded`);
    expect(limited, 'no draw needs more than 2^20 proceeds levels (§13.4)').toBe(0);
    expect(n.invalid, `every drawn scenario is valid input (first: ${firstInvalid})`).toBe(0);
    expect(n.liquidated).toBeGreaterThan(draws.length / 5);
    expect(n.sold).toBeGreaterThan(draws.length / 10);
    expect(n.exhausted).toBeGreaterThan(5);
    expect(n.partialSale).toBeGreaterThan(5);
    expect(n.twoSales).toBeGreaterThan(2);
    expect(n.negativeAfter).toBeGreaterThan(2);
    expect(n.bankrupt).toBeGreaterThan(0);
    expect(n.tokenOnly).toBeGreaterThan(10);
  });
});

describe(`multi-asset scenarios: the reference is clean under every collateral part (LIQCHECK_SEED=${SEED})`, () => {
  for (const restore of ['none', 'deficit', 'target'] as const) {
    const name = `reference under collateral ${restore}`;
    it(name, { timeout: 180_000 }, () => {
      const checked = new Map<string, number>();
      // LIQ-032's domain proper: scenarios where the reference sold something (an output id is "checked" on every case).
      let withSales = 0;
      const details = fc.check(
        fc.property(multiAssetScenario([restore]), (sc) => {
          if (limitExceeded(sc)) return;
          const r = checkCase(liquidate, sc, { invariants: invariantsUnder(sc.policy!) });
          for (const id of r.checked) checked.set(id, (checked.get(id) ?? 0) + 1);
          const o = liquidate(sc);
          if (o.ok && ((o.result as unknown as ResultView).sales ?? []).length > 0) withSales++;
          if (r.engineFailure) throw new Error(`the reference gave no answer: ${r.engineFailure.error.message}`);
          if (r.violations.length > 0) throw new Error(r.violations.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
        }),
        { seed: SEED, numRuns: REFERENCE_SCENARIOS, endOnFailure: true },
      );
      if (details.failed) {
        const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`the reference violates the catalog on a multi-asset scenario:\n${why}\nscenario: ${JSON.stringify(details.counterexample?.[0])}\nReplay: ${replay(name)}`);
      }
      console.log(`[multiAssetZoo] ${name}: judged ${[...checked].map(([id, k]) => `${id}×${k}`).join(' ')}`);
      console.log(`[multiAssetZoo] ${name}: ${withSales} of ${REFERENCE_SCENARIOS} scenarios with sales`);
      for (const id of ['LIQ-005', 'LIQ-007', 'LIQ-031', 'LIQ-032', 'LIQ-033']) expect(checked.get(id) ?? 0, `${id} judged`).toBeGreaterThan(0);
      if (restore === 'none') expect(withSales, 'collateral none sells nothing').toBe(0);
      else expect(withSales, 'sales judged by LIQ-032').toBeGreaterThan(REFERENCE_SCENARIOS / 10);
    });
  }
});

describe(`multi-asset zoo: every wrong engine is caught (LIQCHECK_SEED=${SEED})`, () => {
  for (const z of MULTI_ASSET_ZOO) {
    for (const id of z.violates) {
      const name = `${z.name} violates ${id}`;
      it(name, { timeout: 180_000 }, () => {
        const only = CATALOG.filter((i) => i.id === id);
        let tried = 0;
        let found: string | null = null;
        fc.check(
          fc.property(multiAssetScenario(z.collateral ?? ['none', 'deficit', 'target']), (sc) => {
            if (limitExceeded(sc)) return true;
            tried++;
            const hit = checkCase(z.engine, sc, { invariants: only }).violations.find((v) => v.invariant === id);
            if (hit === undefined || checkCase(liquidate, sc, { invariants: only }).violations.length > 0) return true;
            found = hit.message;
            return false;
          }),
          { seed: SEED, numRuns: MAX_SCENARIOS, endOnFailure: true },
        );
        expect(found, `${z.name} (${z.bug}) showed no ${id} violation in ${MAX_SCENARIOS} multi-asset scenarios.\nReplay: ${replay(name)}`).not.toBeNull();
        console.log(`[multiAssetZoo] ${z.name} ${id} after ${tried} scenario(s): ${found!.split('\n')[0]!.slice(0, 240)}`);
      });
    }
  }

  it('every multi-asset-only id is claimed by a multi-asset zoo engine', () => {
    const claimed = new Set(MULTI_ASSET_ZOO.flatMap((z) => z.violates));
    expect([...MULTI_ASSET_ONLY].filter((id) => !claimed.has(id))).toEqual([]);
  });
});
