/**
 * LIQ-032's core, on random token-only accounts near the boundary: every sale of the reference is
 * the least on its grid — its goal met and one unit less missing it — or the whole balance; no sale
 * is made while the goal holds; proceeds are ⌊s·π⌋_u. The oracle below is independent of the
 * integer core: exact rationals of bigints, the formulas of spec §13.2 and §13.4 as written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidate } from '../../model/liquidate.ts';
import type { RiskParams, Scenario } from '../../model/types.ts';

// --- exact rationals, for the oracle only
type Q = { readonly n: bigint; readonly d: bigint };
const q = (s: string): Q => {
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  const n = BigInt(i! + f) * (neg ? -1n : 1n);
  return { n, d: 10n ** BigInt(f.length) };
};
const add = (a: Q, b: Q): Q => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const sub = (a: Q, b: Q): Q => add(a, { n: -b.n, d: b.d });
const mul = (a: Q, b: Q): Q => ({ n: a.n * b.n, d: a.d * b.d });
const div = (a: Q, b: Q): Q => (b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n });
const cmp = (a: Q, b: Q): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const ONE = q('1');
const ZERO = q('0');
/** ⌊x⌋ on the grid u (u > 0) */
const floorTo = (x: Q, u: Q): Q => {
  const r = div(x, u);
  let k = r.n / r.d;
  if (r.n < 0n && k * r.d !== r.n) k -= 1n;
  return mul({ n: k, d: 1n }, u);
};

interface AssetGen {
  readonly id: string;
  readonly unit: string;
  readonly weight: string;
  readonly targetWeight: string;
  readonly sale: { readonly discount?: string; readonly feeFactor?: string };
  readonly price: string;
  readonly units: number;
}

const assetGen = (id: string): fc.Arbitrary<AssetGen> =>
  fc.record({
    id: fc.constant(id),
    unit: fc.constantFrom('1', '0.01', '0.0001', '0.00000001'),
    weight: fc.integer({ min: 50, max: 100 }).map((w) => (w / 100).toFixed(2)),
    wf: fc.integer({ min: 70, max: 100 }),
    sale: fc.oneof(
      fc.constant({}),
      fc.constant({ discount: '0.2' }), // with w′ above 0.8/l′ the asset cannot help: skipped
      fc.integer({ min: 0, max: 250 }).map((d) => ({ discount: (d / 1000).toFixed(3) })),
      fc.integer({ min: 10000, max: 11000 }).map((f) => ({ feeFactor: (f / 10000).toFixed(4) })),
    ),
    price: fc.oneof(fc.integer({ min: 1, max: 5000 }).map(String), fc.constantFrom('0.5', '1', '1.25')),
    units: fc.integer({ min: 1, max: 2000 }),
  }).map(({ wf, ...a }) => ({ ...a, targetWeight: ((Number(a.weight) * wf) / 100).toFixed(4) }));

const accountGen = fc.record({
  assets: fc.uniqueArray(fc.constantFrom('A', 'B', 'C'), { minLength: 1, maxLength: 3 }).chain((ids) => fc.tuple(...ids.map(assetGen))),
  over: fc.integer({ min: 1, max: 400 }), // how far (per mille) the debt exceeds the weighted assets
  debt: fc.constantFrom(['1', '1'], ['1.1', '1.1'], ['1.1', '1.25'], ['1.2', '1.4']),
  restore: fc.constantFrom<'deficit' | 'target'>('deficit', 'target'),
  trigger: fc.constantFrom<'strict' | 'inclusive'>('strict', 'inclusive'),
});

type Account = typeof accountGen extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(x: Account): Scenario {
  const u = q('0.000001');
  let weighted = ZERO;
  const balances: Record<string, string> = {};
  const prices: Record<string, string> = {};
  const assets: Record<string, NonNullable<RiskParams['assets']>[string]> = {};
  for (const a of x.assets) {
    const amount = mul({ n: BigInt(a.units), d: 1n }, q(a.unit));
    balances[a.id] = show(amount);
    prices[a.id] = a.price;
    assets[a.id] = { unit: a.unit, weight: a.weight, targetWeight: a.targetWeight, ...a.sale };
    weighted = add(weighted, mul(mul(amount, q(a.price)), q(a.weight)));
  }
  // C = −⌈V·(1 + over/1000)⌉_u: E = l·C + V < 0, so the token-only group is liquidatable.
  const c = sub(ZERO, sub(ZERO, floorTo(sub(ZERO, mul(weighted, { n: 1000n + BigInt(x.over), d: 1000n })), u)));
  return {
    params: {
      quoteScale: 6,
      trigger: x.trigger,
      targetBuffer: '0',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0' }], liquidatorShare: '0.5' },
      dustNotional: '0',
      priceImpact: '0',
      markets: { M: { lotSize: '1', tickSize: '1', tiers: [{ notionalFloor: '0', maintenanceRate: '0.1', maintenanceAmount: '0', initialRate: '0.2' }] } },
      assets,
      quoteDebt: { weight: x.debt[0], targetWeight: x.debt[1] },
    },
    marks: { M: '1' },
    account: { collateral: show(c), positions: [], assets: balances },
    insuranceFund: '0',
    assetPrices: prices,
    policy: { collateral: { kind: 'sell', restore: x.restore } },
  };
}

function show(x: Q): string {
  // x has a power-of-ten denominator here (sums and products of decimals).
  let d = x.d;
  let k = 0;
  while (d > 1n && d % 10n === 0n) {
    d /= 10n;
    k++;
  }
  if (d !== 1n) throw new Error('not a decimal');
  const neg = x.n < 0n;
  const digits = (neg ? -x.n : x.n).toString().padStart(k + 1, '0');
  const int = digits.slice(0, digits.length - k);
  const frac = digits.slice(digits.length - k).replace(/0+$/, '');
  return (neg ? '-' : '') + int + (frac === '' ? '' : `.${frac}`);
}

/** The oracle's goal (§13.2 with no position: E − T = Ĉ′ + Σ a·p·w′, as E = Ĉ + Σ a·p·w, T = Σ a·p·(w − w′) + Ĉ − Ĉ′). */
function goalMet(s: Scenario, c: Q, balances: ReadonlyMap<string, Q>): boolean {
  const p = s.params;
  if (s.policy!.collateral!.kind === 'sell' && s.policy!.collateral!.restore === 'deficit') return cmp(c, ZERO) >= 0;
  const lp = q(p.quoteDebt!.targetWeight);
  let atTarget = cmp(c, ZERO) >= 0 ? c : mul(lp, c); // E − T = Ĉ′ + Σ a·p·w′
  for (const [id, a] of balances) atTarget = add(atTarget, mul(mul(a, q(s.assetPrices![id]!)), q(p.assets![id]!.targetWeight ?? p.assets![id]!.weight)));
  const c0 = cmp(atTarget, ZERO);
  return p.trigger === 'strict' ? c0 >= 0 : c0 > 0;
}

function proceeds(s: Scenario, id: string, amount: Q): Q {
  const a = s.params.assets![id]!;
  const p = q(s.assetPrices![id]!);
  const pi = a.discount !== undefined ? mul(p, sub(ONE, q(a.discount))) : a.feeFactor !== undefined ? div(p, q(a.feeFactor)) : p;
  return floorTo(mul(amount, pi), q('0.000001'));
}

describe('collateral step: each sale is the least that meets the goal, or the whole balance (LIQ-032 core)', () => {
  it('holds on random token-only accounts, and reaches every kind of sale', () => {
    const seen = { partial: 0, whole: 0, skipped: 0, deficit: 0, target: 0, kinkCrossed: 0 };
    fc.assert(
      fc.property(accountGen, (x) => {
        const s = scenarioOf(x);
        const o = liquidate(s);
        if (!o.ok) throw new Error(JSON.stringify(o.error));
        const r = o.result;
        let c = q(s.account.collateral);
        const balances = new Map(Object.entries(s.account.assets!).map(([id, a]) => [id, q(a)]));
        seen[x.restore]++;
        for (const sale of r.sales!) {
          expect(goalMet(s, c, balances)).toBe(false); // no sale while the goal holds
          const held = balances.get(sale.asset)!;
          const amount = q(sale.amount);
          expect(cmp(amount, ZERO)).toBe(1);
          expect(cmp(amount, held)).toBeLessThanOrEqual(0);
          expect(cmp(q(sale.proceeds), proceeds(s, sale.asset, amount))).toBe(0);
          const unit = q(s.params.assets![sale.asset]!.unit);
          const after = (x: Q): Map<string, Q> => new Map(balances).set(sale.asset, sub(held, x));
          if (cmp(amount, held) === 0) seen.whole++;
          else {
            seen.partial++;
            expect(goalMet(s, add(c, proceeds(s, sale.asset, amount)), after(amount))).toBe(true);
            const less = sub(amount, unit);
            expect(goalMet(s, add(c, proceeds(s, sale.asset, less)), after(less))).toBe(false);
          }
          if (cmp(c, ZERO) < 0 && cmp(add(c, q(sale.proceeds)), ZERO) > 0) seen.kinkCrossed++;
          c = add(c, q(sale.proceeds));
          balances.set(sale.asset, sub(held, amount));
        }
        // An asset left untouched while the goal is still unmet was skipped (it could not help, §13.4).
        const untouched = [...balances].some(([id, a]) => cmp(a, q(s.account.assets![id]!)) === 0);
        if (!goalMet(s, c, balances) && untouched) seen.skipped++;
        expect(r.account.collateral).toBe(show(cmp(c, ZERO) < 0 && [...balances.values()].every((a) => a.n === 0n) ? ZERO : c));
      }),
      { seed: 20261201, numRuns: 400 },
    );
    console.log('collateral step distribution', seen);
    // The generator reaches each kind of sale: partial, whole balance, a skipped asset, both goals, the kink crossed.
    // (fixed seed: the shares are deterministic; a skip needs every remaining asset unhelpful, so it is rare)
    for (const k of ['partial', 'whole', 'deficit', 'target', 'kinkCrossed'] as const) expect(seen[k]).toBeGreaterThan(40);
    expect(seen.skipped).toBeGreaterThan(0);
  }, 60_000);
});
