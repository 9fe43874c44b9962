/**
 * Small hand-written scenarios for the close-size tests (spec §10.3 worked examples): one or two
 * markets at quote scale 2, no price impact, no buffer, one penalty step of 1 %.
 * @internal
 */
import type { Scenario } from '../../model/types.ts';
import type { Policy } from '../../wire/policy.ts';

export interface MarketSpec {
  readonly lot: string;
  readonly mark: string;
  /** `[notionalFloor, maintenanceRate, maintenanceAmount]` per tier */
  readonly tiers: readonly (readonly [string, string, string])[];
}

export interface ExampleSpec {
  readonly markets: Readonly<Record<string, MarketSpec>>;
  readonly positions: readonly { readonly market: string; readonly size: string; readonly entry: string }[];
  readonly collateral: string;
  readonly dust: string;
  readonly policy: Policy;
  readonly requests?: Readonly<Record<string, string>>;
}

export function exampleScenario(e: ExampleSpec): Scenario {
  const markets = Object.fromEntries(
    Object.entries(e.markets).map(([id, m]) => [
      id,
      {
        lotSize: m.lot,
        tickSize: '0.1',
        tiers: m.tiers.map(([floor, rate, amount]) => ({ notionalFloor: floor, maintenanceRate: rate, maintenanceAmount: amount, initialRate: '0.5' })),
      },
    ]),
  );
  return {
    params: {
      quoteScale: 2,
      trigger: 'strict',
      targetBuffer: '0',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0.01' }], liquidatorShare: '0.5' },
      dustNotional: e.dust,
      priceImpact: '0',
      markets,
    },
    marks: Object.fromEntries(Object.entries(e.markets).map(([id, m]) => [id, m.mark])),
    account: { collateral: e.collateral, positions: e.positions.map((p) => ({ market: p.market, size: p.size, entryPrice: p.entry })) },
    insuranceFund: '0',
    policy: e.policy,
    ...(e.requests === undefined ? {} : { requests: e.requests }),
  } as Scenario;
}
