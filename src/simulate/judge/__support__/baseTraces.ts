/**
 * Test support for the judge's unit tests: small reference traces (market mode with ADL, auction
 * mode with takes and resets) and a way to break one number of one event.
 */
import type { TraceEvent } from '../../../wire/simulationTrace.ts';
import { runTraced } from './runTraced.ts';

let market: Promise<readonly TraceEvent[]> | undefined;
let auction: Promise<readonly TraceEvent[]> | undefined;

/**
 * binance-usdm, 200 accounts, a −30% crash: liquidations with payouts, ADL, multi-account rounds.
 * The fund (500,000) is set below the crash's bad debt (≈ 0.96 M) so that ADL runs whatever the
 * default fund.
 */
export function marketTrace(): Promise<readonly TraceEvent[]> {
  market ??= runTraced('binance-usdm', { seed: 1, steps: 20, population: { count: 200 }, path: { shock: '-0.3', shockAt: 3, shockSteps: 4 }, insuranceFund: '500000' }).then((r) => r.events);
  return market;
}

/** okx-swap in auction mode, bidders who bid deep below the start with little capital: takes and resets. */
export function auctionTrace(): Promise<readonly TraceEvent[]> {
  auction ??= runTraced('okx-swap', {
    seed: 3,
    steps: 40,
    population: { count: 200 },
    bidders: [
      { id: 'b1', capital: '5000000', latency: 1, discount: '0.7' },
      { id: 'b2', capital: '1500000', latency: 2, discount: '0.3' },
    ],
    liquidation: { mode: 'auction' },
    path: { shock: '-0.3', shockAt: 3, shockSteps: 3 },
  }).then((r) => r.events);
  return auction;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

/**
 * A deep copy of `events` with the first event matching `pick` edited by `edit`; returns the copy
 * and the edited event's index (throws when none matches: the base trace must have one).
 */
export function breakOne<T extends TraceEvent['type']>(
  events: readonly TraceEvent[],
  type: T,
  pick: (e: Extract<TraceEvent, { type: T }>) => boolean,
  edit: (e: Mutable<Extract<TraceEvent, { type: T }>>) => void,
): { readonly events: TraceEvent[]; readonly index: number; readonly event: Extract<TraceEvent, { type: T }> } {
  const copy = JSON.parse(JSON.stringify(events)) as TraceEvent[];
  const index = copy.findIndex((e) => e.type === type && pick(e as Extract<TraceEvent, { type: T }>));
  if (index < 0) throw new Error(`no ${type} event to break`);
  const event = copy[index] as Extract<TraceEvent, { type: T }>;
  edit(event as Mutable<Extract<TraceEvent, { type: T }>>);
  return { events: copy, index, event };
}
