/**
 * The inverse (coin-margined) test params the inverse tests share (tests only; ours, not a venue's,
 * hand-chosen, not published vectors): BTCUSD of 1 USD contracts (v = 1), lot 1, tick 0.5, at
 * quoteScale 8 (satoshi), no penalty, no dust, no price impact (spec §12).
 */
import fc from 'fast-check';
import { scenariosUnder } from '../../arbitraries/policyScenario.ts';
import { scenario } from '../../arbitraries/scenario.ts';
import { parsePolicy } from '../../policy/parsePolicy.ts';
import type { Policy } from '../../wire/policy.ts';
import { liquidate } from '../liquidate.ts';
import type { MarketParamsInput, Outcome, RiskParams, Scenario } from '../types.ts';

type Tier = MarketParamsInput['tiers'][number];

/** A bracket in coin: floor, maintenance rate, maintenance amount (cum), initial rate. */
export const coinTier = (notionalFloor: string, maintenanceRate: string, maintenanceAmount: string, initialRate: string): Tier => ({
  notionalFloor,
  maintenanceRate,
  maintenanceAmount,
  initialRate,
});

/** An inverse market of lot 1 with contract value `value` and tick `tickSize`; a fresh copy each call. */
export const inverseMarket = (tiers: readonly Tier[], value = '1', tickSize = '0.5'): MarketParamsInput =>
  ({ lotSize: '1', tickSize, contract: { kind: 'inverse', value }, tiers: [...tiers] }) as MarketParamsInput;

/** Satoshi-scale params under the inclusive trigger over `markets`, with `over` replacing top-level fields. */
export const inverseParams = (markets: RiskParams['markets'], over: Partial<RiskParams> = {}): RiskParams => ({
  quoteScale: 8,
  trigger: 'inclusive',
  targetBuffer: '0',
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0' }], liquidatorShare: '0' },
  dustNotional: '0',
  priceImpact: '0',
  markets,
  ...over,
});

/** BTCUSD's brackets at 0 and 150 coin, continuous (cum = L·Δr: 150·0.005 = 0.75). */
export const btcusdTiers150 = (): Tier[] => [coinTier('0', '0.005', '0', '0.01'), coinTier('150', '0.01', '0.75', '0.02')];

/** One inverse market BTCUSD with brackets at 0 and 150 (by default under the inclusive trigger). */
export const oneInverseMarket = (over: Partial<RiskParams> = {}): RiskParams => inverseParams({ BTCUSD: inverseMarket(btcusdTiers150()) }, over);

/**
 * Two inverse markets, frozen: BTCUSD with brackets at 0, 150 and 300 coin, continuous (cum = L·Δr:
 * 150·0.005 = 0.75, + 300·0.005 = 2.25), and ETHUSD of 10 USD contracts, tick 0.05, brackets at 0
 * and 5000 (cum 5000·0.01 = 50).
 */
export const twoInverseMarkets = (over: Partial<RiskParams> = {}): RiskParams =>
  Object.freeze(
    inverseParams(
      {
        BTCUSD: inverseMarket([...btcusdTiers150(), coinTier('300', '0.015', '2.25', '0.03')]),
        ETHUSD: inverseMarket([coinTier('0', '0.01', '0', '0.02'), coinTier('5000', '0.02', '50', '0.04')], '10', '0.05'),
      },
      over,
    ),
  );

/** Tiers at the entry valuation, a full close at the bankruptcy price, penalty steps capped at bankruptcy. */
export const INVERSE_POLICY = {
  name: 'inv-test',
  requirement: { kind: 'tiers', valuation: 'entry' },
  closeSize: { kind: 'full' },
  price: { kind: 'bankruptcy' },
  penalty: { kind: 'steps', cap: 'bankruptcy' },
} as Policy;

/**
 * A cross long of 20000 BTCUSD contracts entered at 10000, marked at 9000, collateral 0.235, under
 * `params` and `policy`: `U = ⌊20000·(1/10000 − 1/9000)⌋ = −0.22222223`, `E = 0.01277777`.
 */
export const longAt9000 = (params: RiskParams, policy: NonNullable<Scenario['policy']>): Scenario => ({
  params,
  marks: { BTCUSD: '9000' },
  account: { collateral: '0.235', positions: [{ market: 'BTCUSD', size: '20000', entryPrice: '10000' }] },
  insuranceFund: '0',
  policy,
});

/**
 * A generator's reach, as the inverse and multi-asset distribution tests measure it: `runs`
 * scenarios `scenario({ params })` draws on `seed`, under `policy` stamped in as the gate does
 * (policyScenario.ts), counted by the labels `labelsOf` gives on the reference's outcome (every
 * label of `labels` present, at 0 when never seen), and the draws the reference refused.
 */
export function labelDistribution(
  params: RiskParams,
  policy: Policy,
  labels: readonly string[],
  labelsOf: (s: Scenario, o: Outcome) => readonly string[],
  runs: number,
  seed: number,
): { counts: Map<string, number>; invalid: string[] } {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const counts = new Map<string, number>(labels.map((l) => [l, 0]));
  const invalid: string[] = [];
  for (const s of fc.sample(scenariosUnder(parsed.value, policy, scenario({ params: fc.constant(params) })), { numRuns: runs, seed })) {
    const o = liquidate(s);
    if (!o.ok) invalid.push(`${JSON.stringify(o.error)} on ${JSON.stringify(s)}`);
    for (const l of labelsOf(s, o)) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return { counts, invalid };
}
