/**
 * Whole liquidations of random inverse accounts under every policy part §12.1 admits: each run
 * answers (no throw, no limit), and each fill's amounts are §12.2–§12.3's, checked against exact
 * rationals (not against the code under test): realized PnL the floor of `q_c·v·(1/e − 1/x)`,
 * notional the ceiling of `Δ·v/P`, collateral moved by exactly `R − penalty`, sizes on the lot
 * grid and never more than held. The account is drawn near its boundary: the margin ratio first,
 * the collateral solved from it, and the reach of the draw asserted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { exactPnlOf, ratioOf, type FContract, type Ratio } from '../model/contract.ts';
import { Fixed, fromDec, toCanonical } from '../model/fixed.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import type { Policy } from '../wire/policy.ts';

const x = (s: string): Fixed => fromDec(new Dec(s));
const U = 8; // quoteScale: satoshi

function floorDivBig(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}
/** `r` on the `10^−U` grid, down or up, as a canonical decimal string. */
function onGrid(r: Ratio, up: boolean): string {
  const n = r.n * 10n ** BigInt(U);
  const k = up ? -floorDivBig(-n, r.d) : floorDivBig(n, r.d);
  return toCanonical(new Fixed(k, U));
}

const POLICIES: readonly Policy[] = [
  { closeSize: { kind: 'full' }, price: { kind: 'bankruptcy' }, penalty: { kind: 'steps', cap: 'bankruptcy' }, requirement: { kind: 'tiers', valuation: 'entry' } },
  { closeSize: { kind: 'full' } },
  { closeSize: { kind: 'step-down' } },
  { closeSize: { kind: 'step-down' }, price: { kind: 'bankruptcy' } },
  { closeSize: { kind: 'fixed-portion', portion: '0.25', minimumNotional: '0.01' }, requirement: { kind: 'tiers', valuation: 'mark', lossBuffer: '0.05' } },
  { closeSize: { kind: 'requested', closeFactor: '0.5' } },
];

interface Draw {
  readonly v: '1' | '10' | '100';
  readonly entryTicks: number;
  /** mark / entry in per mille */
  readonly move: number;
  readonly contracts: number;
  readonly long: boolean;
  /** target margin ratio in per mille (below 0: underwater) */
  readonly ratio: number;
  readonly policy: number;
  readonly rate: '0' | '0.01';
}

const draw: fc.Arbitrary<Draw> = fc.record({
  v: fc.constantFrom('1', '10', '100'),
  entryTicks: fc.integer({ min: 2, max: 400_000 }),
  move: fc.integer({ min: 300, max: 1700 }),
  contracts: fc.integer({ min: 1, max: 2_000_000 }),
  long: fc.boolean(),
  ratio: fc.integer({ min: -800, max: 1600 }),
  policy: fc.integer({ min: 0, max: POLICIES.length - 1 }),
  rate: fc.constantFrom('0', '0.01'),
});

const TIERS = [
  { notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' },
  { notionalFloor: '2', maintenanceRate: '0.01', maintenanceAmount: '0.01', initialRate: '0.02' },
  { notionalFloor: '50', maintenanceRate: '0.02', maintenanceAmount: '0.51', initialRate: '0.04' },
];

/** The scenario of a draw: collateral `≈ ratio·MM − U` with MM estimated at the mark's top tier rate of 0.5 %. */
function scenarioOf(d: Draw): Scenario {
  const tick = x('0.5');
  const entry = tick.mul(new Fixed(BigInt(d.entryTicks), 0));
  const markTicks = Math.max(1, Math.round((d.entryTicks * d.move) / 1000));
  const mark = tick.mul(new Fixed(BigInt(markTicks), 0));
  const size = new Fixed(BigInt(d.long ? d.contracts : -d.contracts), 0);
  const c: FContract = { kind: 'inverse', value: x(d.v) };
  const pnl = exactPnlOf(c, size, entry, mark);
  const value = ratioOf(size.abs().mul(c.value));
  const mm: Ratio = { n: value.n * ratioOf(mark).d * 5n * BigInt(d.ratio), d: value.d * ratioOf(mark).n * 1000n * 1000n }; // ratio·MM (signed)
  // C = ratio·MM − U, rounded up, never negative
  const want: Ratio = { n: mm.n * pnl.d - pnl.n * mm.d, d: mm.d * pnl.d };
  const collateral = want.n <= 0n ? '0' : onGrid(want, true);
  return {
    params: {
      quoteScale: U,
      trigger: 'inclusive',
      targetBuffer: '0.001',
      penalty: { steps: [{ maxMarginRatio: '1', rate: d.rate }], liquidatorShare: '0.5' },
      dustNotional: '0.0001',
      priceImpact: '0',
      markets: { BTCUSD: { contract: { kind: 'inverse', value: d.v }, lotSize: '1', tickSize: '0.5', tiers: TIERS } },
    },
    marks: { BTCUSD: toCanonical(mark) },
    account: { collateral, positions: [{ market: 'BTCUSD', size: toCanonical(size), entryPrice: toCanonical(entry) }] },
    insuranceFund: '1',
    policy: POLICIES[d.policy]!,
    ...(POLICIES[d.policy]!.closeSize?.kind === 'requested' ? { requests: { BTCUSD: String(Math.ceil(d.contracts / 3)) } } : {}),
  };
}

describe('liquidating random inverse accounts (§12.2–§12.4)', () => {
  it('answers every run with §12 fills', () => {
    const seen = { liquidated: 0, healthy: 0, partial: 0, bankrupt: 0, atMark: 0, fills: 0 };
    fc.assert(
      fc.property(draw, (d) => {
        const sc = scenarioOf(d);
        const out = liquidate(sc);
        if (!out.ok) throw new Error(`${JSON.stringify(out.error)} for ${JSON.stringify(sc)}`);
        const r = out.result;
        const c: FContract = { kind: 'inverse', value: x(d.v) };
        const pos = sc.account.positions[0]!;
        const entry = x(pos.entryPrice);
        const mark = x(sc.marks['BTCUSD']!);
        let held = x(pos.size).abs();
        let collateral = x(sc.account.collateral);
        for (const f of r.fills) {
          const size = x(f.size);
          expect(size.sign()).toBe(1);
          expect(size.lte(held)).toBe(true);
          held = held.sub(size);
          const signed = f.side === 'sell' ? size : size.neg();
          // §12.3: R = ⌊q_c·v·(1/e − 1/x)⌋_u, N_c = ⌈Δ·v/P⌉_u (at mark)
          expect(f.realizedPnl).toBe(onGrid(exactPnlOf(c, signed, entry, x(f.price)), false));
          const n = ratioOf(size.mul(c.value));
          expect(f.notional).toBe(onGrid({ n: n.n * ratioOf(mark).d, d: n.d * ratioOf(mark).n }, true));
          collateral = collateral.add(x(f.realizedPnl)).sub(x(f.penalty));
          if (f.price === sc.marks['BTCUSD']) seen.atMark++;
          seen.fills++;
        }
        // The collateral moved by exactly Σ(R − penalty); a bankrupt group's shortfall is the bad debt.
        if (r.status === 'bankrupt') expect(toCanonical(collateral.neg())).toBe(r.badDebt);
        else expect(r.account.collateral).toBe(toCanonical(collateral));
        if (r.status !== 'healthy') seen.liquidated++;
        if (r.status === 'healthy') seen.healthy++;
        if (r.status === 'partial') seen.partial++;
        if (r.status === 'bankrupt') seen.bankrupt++;
      }),
      { numRuns: 1500, seed: 20261204 },
    );
    console.log('inverse liquidations reached', seen);
    expect(seen.liquidated).toBeGreaterThan(400);
    expect(seen.healthy).toBeGreaterThan(200);
    expect(seen.partial).toBeGreaterThan(50);
    expect(seen.bankrupt).toBeGreaterThan(20);
    expect(seen.atMark).toBeGreaterThan(50);
  }, 120_000);
});
