/**
 * The driver (docs/simulation.md S5–S9, S12) end to end on small populations whose outcome is
 * worked out by hand in the comments: the settlement of one liquidation, a three-account ADL,
 * venue mode against keepers with latency, a keeper whose cost exceeds every reward, the domain
 * refusals of S1 with their reasons, and determinism. Every run also checks its own ledger
 * (`selfCheck`: Σq = 0, Σκ − S = W_0, each account equal to its result) after every step.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import type { RiskParams } from '../model/types.ts';
import { profileNamed } from '../profiles/index.ts';
import { SimulationReport, type SimulationConfig } from '../wire/simulation.ts';
import { TraceEvent } from '../wire/simulationTrace.ts';
import { validator } from '../wire/validate.ts';
import { resolveSimulation, simulate } from './simulate.ts';

type Ev<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

async function run(config: SimulationConfig, base: Parameters<typeof resolveSimulation>[1]): Promise<{ report: SimulationReport; events: TraceEvent[] }> {
  const r = resolveSimulation(config, base);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const events: TraceEvent[] = [];
  const { report } = await simulate(r.value, { onEvent: (e) => events.push(e), selfCheck: true });
  return { report, events };
}

const of = <T extends TraceEvent['type']>(events: readonly TraceEvent[], type: T): Ev<T>[] => events.filter((e): e is Ev<T> => e.type === type);
const NO_IMPACT = { kind: 'linear', lambda: '0' } as const;
const K1 = [{ id: 'k1', capital: '1000000', latency: 0, cost: '0' }];
const BASE = { params: defaultParams as RiskParams };

describe('settlement (S8)', () => {
  it('a full close with the penalty capped at equity, by hand', async () => {
    // a1: long 1 BTC at 100 with C = 10. At 90.2: E = 0.2 < MM = 0.004·90.2 = 0.3608; E/MM ≈ 0.55 → rate
    // 0.003. No partial close restores it (the rest would need E ≥ 0.006·N), so all of it closes at 90.2:
    // realized −9.8, penalty min(0.003·90.2 = 0.2706, E = 0.2) = 0.2, half each to keeper and fund; C' = 0.
    const { events, report } = await run(
      { keepers: K1, liquidity: NO_IMPACT, insuranceFund: '1000' },
      {
        ...BASE,
        pathPrices: ['100', '90.2'],
        accounts: [
          { id: 'a1', side: 'long', size: '1', entry: '100', collateral: '10', mode: 'cross' },
          { id: 'a2', side: 'short', size: '1', entry: '100', collateral: '1000', mode: 'cross' },
        ],
      },
    );
    const [liq] = of(events, 'liquidation');
    expect(liq!.account).toBe('a1');
    expect(liq!.result.status).toBe('full');
    expect(liq!.result.fills.map((f) => [f.side, f.size, f.price, f.penalty, f.liquidatorFee, f.insuranceFee, f.realizedPnl])).toEqual([['sell', '1', '90.2', '0.2', '0.1', '0.1', '-9.8']]);
    expect(liq!.result.account).toEqual({ collateral: '0', positions: [] });
    // The keeper bought 1 at 90.2 and unloads it to the market at 90.2 (no impact): it keeps the 0.1 fee.
    expect(of(events, 'unload')).toEqual([{ type: 'unload', step: 1, round: 1, party: 'k1', side: 'sell', size: '1', price: '90.2' }]);
    expect(report.series[1]!.insuranceFund).toBe('1000.1');
    expect(report.summary.liquidatedNotional).toBe('90.2');
    // a2 is left; open interest is the market's long 1 (it bought the unload) — Σ long sizes.
    expect(report.series[1]!.openInterest).toBe('1');
  });
});

describe('ADL (S9)', () => {
  it('three accounts: the bankrupt long paid by the best-ranked short, by hand', async () => {
    // a1 long 1 at 100, C = 5; the fund is empty. At 90: E = −5 → closed at 90, bad debt 5, no payout,
    // socialized 5. κ = 5 − 100 = −95 → P_b = 95, g = 5.
    // a2 short 1 at 100, C 50: PNL% = 0.1, E = 60, EffLev = 1.5 → score 0.15.
    // a3 short 1 at 110, C 50: PNL% = 20/110 = 2/11, E = 70, EffLev = 9/7 → score 18/77 = 0.233766233766233766…
    // a3 ranks first: ⌈5/(0.001·5)⌉ = 1000 lots = 1 BTC, within its size and equity: transfer 5, rest 0.
    // Its collateral: 50 + ⌊−1·(90 − 110) − 5⌋ = 65, size 0; nothing to the fund, nothing unpaid.
    const { events, report } = await run(
      { keepers: K1, liquidity: NO_IMPACT, insuranceFund: '0' },
      {
        ...BASE,
        pathPrices: ['100', '90'],
        accounts: [
          { id: 'a1', side: 'long', size: '1', entry: '100', collateral: '5', mode: 'cross' },
          { id: 'a2', side: 'short', size: '1', entry: '100', collateral: '50', mode: 'cross' },
          { id: 'a3', side: 'short', size: '1', entry: '110', collateral: '50', mode: 'isolated' },
        ],
      },
    );
    const [liq] = of(events, 'liquidation');
    expect([liq!.result.status, liq!.result.badDebt, liq!.result.insurancePayout, liq!.result.socializedLoss]).toEqual(['bankrupt', '5', '0', '5']);
    const [adl] = of(events, 'adl');
    expect(adl).toEqual({
      type: 'adl',
      step: 1,
      round: 1,
      bankrupt: 'a1',
      side: 'long',
      bankruptcyPrice: '95',
      mark: '90',
      spread: '5',
      owed: '5',
      reductions: [{ account: 'a3', size: '1', transfer: '5', score: '0.233766233766233766' }],
      toFund: '0',
      unpaid: '0',
    });
    expect(report.adl).toHaveLength(1);
    expect(report.summary.socialized).toBe('0');
    expect(report.summary.adlVolume).toBe('90');
    // The keeper's sale (+1) and a3's ADL buy (−1) net to no flow: no impact event.
    expect(of(events, 'impact')).toEqual([]);
  });

  it('requests of one round are sequential: the second bankruptcy finds the fund emptied by the first', async () => {
    // a1 and a2: long 1 at 100 with C = 5 each; the fund holds 5. At 90 both are closed at a loss of 5
    // (penalty 0: negative equity). a1 first (id order): payout min(5, 5) = 5, nothing socialized, the
    // fund is 0; then a2: payout 0, socialized 5 → ADL against a3 (short 1 at 110, C 50), as above.
    const { events, report } = await run(
      { keepers: K1, liquidity: NO_IMPACT, insuranceFund: '5' },
      {
        ...BASE,
        pathPrices: ['100', '90'],
        accounts: [
          { id: 'a1', side: 'long', size: '1', entry: '100', collateral: '5', mode: 'cross' },
          { id: 'a2', side: 'long', size: '1', entry: '100', collateral: '5', mode: 'isolated' },
          { id: 'a3', side: 'short', size: '1', entry: '110', collateral: '50', mode: 'cross' },
        ],
      },
    );
    expect(of(events, 'liquidation').map((l) => [l.account, l.result.insurancePayout, l.result.socializedLoss, l.result.insuranceFund])).toEqual([
      ['a1', '5', '0', '0'],
      ['a2', '0', '5', '0'],
    ]);
    expect(of(events, 'adl').map((e) => [e.bankrupt, e.reductions.map((r) => [r.account, r.size, r.transfer])])).toEqual([['a2', [['a3', '1', '5']]]]);
    expect([report.summary.insuranceFund, report.summary.socialized, report.summary.badDebt, report.summary.insurancePayout]).toEqual(['0', '0', '10', '5']);
  });

  it('with ADL off the loss stays socialized', async () => {
    const { report } = await run(
      { keepers: K1, liquidity: NO_IMPACT, insuranceFund: '0', adl: false },
      {
        ...BASE,
        pathPrices: ['100', '90'],
        accounts: [
          { id: 'a1', side: 'long', size: '1', entry: '100', collateral: '5', mode: 'cross' },
          { id: 'a3', side: 'short', size: '1', entry: '110', collateral: '50', mode: 'cross' },
        ],
      },
    );
    expect(report.adl).toEqual([]);
    expect(report.summary.socialized).toBe('5');
  });
});

describe('keepers (S5)', () => {
  const shock = { path: { shock: '-0.3' }, steps: 6, population: { count: 200 }, seed: 5 } as const;

  it('venue mode liquidates every liquidatable account at once; keepers wait out their latency and skip unprofitable ones', async () => {
    const venue = await run({ ...shock, keepers: [] }, BASE);
    const agents = await run(shock, BASE);
    // Venue: nothing is left flagged at the end of any step, and every liquidation is the venue's.
    expect(venue.report.series.every((r) => r.flagged === 0)).toBe(true);
    expect(of(venue.events, 'liquidation').every((l) => l.keeper === 'venue' && l.taker === 'venue')).toBe(true);
    expect(venue.report.series[1]!.liquidations).toBeGreaterThan(0);
    // Keepers: k1 (cost 5) takes only what pays 5 at step 1; the bankrupt ones (no fee under the equity
    // cap) sit until k3 (cost 0, latency 2) may act at step 3.
    const liqs = of(agents.events, 'liquidation');
    expect(agents.report.series[1]!.flagged).toBeGreaterThan(0);
    expect(liqs.some((l) => l.keeper === 'k3' && l.step === 3)).toBe(true);
    for (const l of liqs) {
      const reward = l.result.fills.reduce((t, f) => t + Number(f.liquidatorFee), 0);
      const latency = { k1: 0, k2: 1, k3: 2 }[l.keeper as 'k1' | 'k2' | 'k3'];
      // SYS-009: the reward covers the cost; the shock is at step 1, so nobody is flagged earlier.
      expect(reward).toBeGreaterThanOrEqual(Number(l.cost));
      expect(l.step).toBeGreaterThanOrEqual(1 + latency);
    }
    expect(venue.report.summary.liquidations).toBeGreaterThanOrEqual(agents.report.summary.liquidations);
  });

  it('a keeper whose cost exceeds every reward liquidates nobody: the accounts sit and decay', async () => {
    const { report, events } = await run({ ...shock, keepers: [{ id: 'k1', capital: '1000000000', latency: 0, cost: '1000000000' }] }, BASE);
    expect(of(events, 'liquidation')).toEqual([]);
    expect(report.summary.liquidations).toBe(0);
    // Flagged from the shock on, and still flagged at the end.
    expect(report.series[0]!.flagged).toBe(0);
    expect(report.series[1]!.flagged).toBeGreaterThan(0);
    expect(report.summary.flagged).toBe(report.series[5]!.flagged);
    expect(report.summary.flagged).toBeGreaterThan(0);
  });
});

describe('auction mode (S6) through the driver', () => {
  it('kicks an auction per liquidation, and the ledger balances every step', async () => {
    const { report, events } = await run({ path: { shock: '-0.3' }, steps: 12, population: { count: 150 }, liquidation: { mode: 'auction' } }, BASE);
    const kicks = of(events, 'kick');
    expect(kicks.length).toBe(report.summary.liquidations);
    expect(of(events, 'liquidation').every((l) => l.taker === 'vault')).toBe(true);
    expect(of(events, 'unload')).toEqual([]);
    // the fund follows every result as in market mode (the vault, not the fund, pays for the lots)
    for (const l of of(events, 'liquidation')) expect(Number(l.result.insuranceFund)).toBeGreaterThanOrEqual(0);
    // a write-off only ever follows a settle
    events.forEach((e, i) => {
      if (e.type === 'writeoff') expect(events[i - 1]!.type).toBe('settle');
    });
  });

  it('the vault buys the lot, the fund gets its realized P&L when it is sold out, and only its shortfall goes to S, by hand', async () => {
    // The settlement example above in auction mode with an empty fund: a1 (long 1 at 100, C = 10) is
    // closed in full at 90.2 with penalty 0.2 (0.1 keeper, 0.1 fund). The vault pays 90.2 for the long
    // lot u1 (the fund stays at 0.1: no write-off). Kick: top = ⌈90.2·1.05⌉_0.1 = 94.8. b1 (latency 1,
    // ω 0.002) takes when p ≤ ⌊90.2·0.998⌋_0.1 = 90.0: at step 2 (d = 1, c = 0.95) p = ⌈90.06⌉ = 90.1, no;
    // at step 3 (d = 2, c = 0.9) p = ⌈85.32⌉ = 85.4, the whole lot. π = 85.4 − 90.2 = −4.8 to the fund:
    // 0.1 − 4.8 = −4.7, written off to S; the vault is back at (0, 0).
    const { events, report } = await run(
      { keepers: K1, liquidity: NO_IMPACT, insuranceFund: '0', liquidation: { mode: 'auction' }, bidders: [{ id: 'b1', capital: '1000000', latency: 1, discount: '0.002' }] },
      {
        ...BASE,
        pathPrices: ['100', '90.2', '90.2', '90.2', '90.2'],
        accounts: [
          { id: 'a1', side: 'long', size: '1', entry: '100', collateral: '10', mode: 'cross' },
          { id: 'a2', side: 'short', size: '1', entry: '100', collateral: '1000', mode: 'cross' },
        ],
      },
    );
    const [liq] = of(events, 'liquidation');
    expect([liq!.taker, liq!.result.insuranceFund]).toEqual(['vault', '0.1']);
    expect(of(events, 'kick').map((k) => [k.auction, k.side, k.lot, k.start])).toEqual([['u1', 'long', '1', '94.8']]);
    expect(of(events, 'take').map((k) => [k.step, k.size, k.price])).toEqual([[3, '1', '85.4']]);
    expect(of(events, 'settle')).toEqual([{ type: 'settle', step: 3, auction: 'u1', amount: '-4.8' }]);
    expect(of(events, 'writeoff')).toEqual([{ type: 'writeoff', step: 3, party: 'fund', amount: '4.7' }]);
    // before the sale the fund held its fee and nothing was socialized: the lot is inventory, not a loss
    expect(report.series.map((r) => [r.insuranceFund, r.socialized])).toEqual([['0', '0'], ['0.1', '0'], ['0.1', '0'], ['0', '4.7'], ['0', '4.7']]);
    expect([report.summary.socialized, report.summary.writeoffs, report.summary.vaultSize, report.summary.vaultValue]).toEqual(['4.7', '4.7', '0', '0']);
  });

  it('a lot still live at the end stays in the vault, marked, never written off', async () => {
    // As above with no bidder able to take (ω 0.9: p ≤ ⌊90.2·0.1⌋_0.1 = 9.0 never comes before a
    // reset): the vault ends holding 1 bought at 90.2, worth 1·90.2 − 90.2 = 0 at the final mark 90.2.
    const { events, report } = await run(
      { keepers: K1, liquidity: NO_IMPACT, insuranceFund: '0', liquidation: { mode: 'auction' }, bidders: [{ id: 'b1', capital: '1000000', latency: 1, discount: '0.9' }] },
      {
        ...BASE,
        pathPrices: ['100', '90.2', '90.2', '90.2'],
        accounts: [
          { id: 'a1', side: 'long', size: '1', entry: '100', collateral: '10', mode: 'cross' },
          { id: 'a2', side: 'short', size: '1', entry: '100', collateral: '1000', mode: 'cross' },
        ],
      },
    );
    expect(of(events, 'take')).toEqual([]);
    expect(of(events, 'writeoff')).toEqual([]);
    expect([report.summary.insuranceFund, report.summary.socialized, report.summary.liveAuctions, report.summary.vaultSize, report.summary.vaultValue]).toEqual(['0.1', '0', 1, '1', '0']);
  });
});

describe('refusals (S1)', () => {
  const refused = (name: string, config: SimulationConfig = {}) => {
    const p = profileNamed(name)!;
    const r = resolveSimulation(config, { params: p.params, policy: p.wire.policy, profile: name });
    return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.expected}`);
  };
  it('inverse markets, collateral assets, book prices and requested close sizes, with the reason', () => {
    expect(refused('bybit-inverse')).toEqual([expect.stringMatching(/^params\.markets: linear markets only.*no inverse market/)]);
    expect(refused('binance-multi-assets')).toEqual([expect.stringMatching(/^params\.assets: no collateral assets/)]);
    expect(refused('dydx-v4')).toEqual([expect.stringMatching(/^policy\.price: .*no order book/)]);
    expect(refused('perp-v2')).toEqual([expect.stringMatching(/^policy\.closeSize: .*no liquidator requests/)]);
  });
  it('field problems with their paths, all at once', () => {
    expect(refused('binance-usdm', { market: 'X', population: { longShare: '1.5' } })).toEqual([expect.stringMatching(/^market: one of the params' markets \(BTCUSDT, ETHUSDT\)/)]);
    const r = resolveSimulation({ population: { longShare: '1.5', minNotional: '0' }, liquidity: { depth: '-1' }, keepers: [{ id: 'k1', capital: '1', latency: 0, cost: '1' }, { id: 'k1', capital: '1', latency: 0, cost: '1' }] }, BASE);
    expect(r.ok === false && r.issues.map((i) => i.path)).toEqual(['population.longShare', 'population.minNotional', 'liquidity.depth', 'keepers[1].id']);
    const shape = resolveSimulation({ steps: 0, path: { shock: -0.3 } } as unknown as SimulationConfig, BASE);
    expect(shape.ok === false && shape.issues.map((i) => i.path)).toEqual(['steps', 'path.shock']);
  });
  it('every profile of S1 resolves', () => {
    for (const name of ['binance-usdm', 'bybit-linear', 'drift-v2', 'gmx-v2', 'hyperliquid', 'okx-swap']) expect(refused(name, { population: { count: 5 } }), name).toEqual([]);
  });
});

describe('determinism (S10 SYS-008)', () => {
  it('the same configuration and seed give the same trace and report, byte for byte', async () => {
    const p = profileNamed('hyperliquid')!;
    const base = { params: p.params, policy: p.wire.policy, profile: 'hyperliquid' };
    const config = { path: { shock: '-0.25', shockSteps: 3 }, steps: 10, population: { count: 150 }, seed: 42 } as const;
    const a = await run(config, base);
    const b = await run(config, base);
    const strip = (r: SimulationReport) => JSON.stringify({ ...r, ms: 0 });
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(strip(b.report)).toBe(strip(a.report));
    expect(a.report.summary.liquidations).toBeGreaterThan(0);
    // Every event is in the trace's wire shape (src/wire/simulationTrace.ts).
    const valid = validator(TraceEvent);
    for (const e of a.events) expect(valid(JSON.parse(JSON.stringify(e))).ok, e.type).toBe(true);
    expect(validator(SimulationReport)(JSON.parse(JSON.stringify(a.report))).ok).toBe(true);
    const c = await run({ ...config, seed: 43 }, base);
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
  });
});

describe('a clean stop (S7)', () => {
  it('keeps the steps that ran and says so', async () => {
    const r = resolveSimulation({ steps: 50, population: { count: 20 } }, BASE);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const stop = { stopped: false };
    // Asked to stop during step 3: steps 0–3 complete, step 4 never starts.
    const { report } = await simulate(r.value, { stop, onEvent: (e) => void (e.type === 'step' && e.step === 3 && (stop.stopped = true)) });
    expect(report.interrupted).toBe(true);
    expect(report.series.map((x) => x.step)).toEqual([0, 1, 2, 3]);
    expect(report.summary.steps).toBe(4);
  });
});
