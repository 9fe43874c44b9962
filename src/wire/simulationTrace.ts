/**
 * The event trace of a simulation run (docs/simulation.md S12.1, format
 * `liqcheck-simulation-trace/1`): JSON Lines, one event per line in the order things happen, the
 * one input of the judge (src/simulate/judge/), which replays it into its own ledger. This file is
 * the one source of the events' types and JSON Schema.
 * @see docs/simulation.md#s121-the-trace
 */
import { Type } from 'typebox';
import { CLOSED, Count, decimalString, type Wire, wireId } from './common.ts';
import { RESULT_DIGITS } from '../model/parseDecimal.ts';
import { Params } from './params.ts';
import { Policy } from './policy.ts';
import { Side } from './fill.ts';
import { Result } from './result.ts';
import { AdlReductionWire, ResolvedConfig, SeriesRow } from './simulation.ts';

/** The format tag of a trace; a reader refuses any other. */
export const SIMULATION_TRACE_FORMAT = 'liqcheck-simulation-trace/1';

const D = (description?: string) => decimalString('canonical', RESULT_DIGITS, description);
const LotSide = Type.Union([Type.Literal('long'), Type.Literal('short')], { expected: 'one of "long", "short"' });

export const TraceAccount = Type.Object(
  { id: Type.String(), collateral: D('C: free collateral (cross) or isolated margin'), size: D('signed base'), entry: D(), isolated: Type.Boolean() },
  CLOSED,
);
export type TraceAccount = Wire<typeof TraceAccount>;

export const StartEvent = Type.Object(
  {
    type: Type.Literal('start'),
    format: Type.Literal(SIMULATION_TRACE_FORMAT),
    config: ResolvedConfig,
    engine: Type.String(),
    profile: Type.Union([Type.String(), Type.Null()]),
    policy: Type.String(),
    params: Params,
    policyWire: Type.Optional(Policy),
    market: Type.String(),
    lot: D(),
    tick: D(),
    unit: D(),
    accounts: Type.Array(TraceAccount),
    keepers: Type.Array(Type.Object({ id: Type.String(), capital: D(), latency: Count(), cost: D() }, CLOSED)),
    bidders: Type.Array(Type.Object({ id: Type.String(), capital: D(), latency: Count(), discount: D() }, CLOSED)),
    fund: D('the fund\'s opening cash'),
    marketPosition: Type.Object({ size: D('q_market = −Σ accounts q'), entry: D('x_0') }, CLOSED),
  },
  CLOSED,
);

export const StepEvent = Type.Object({ type: Type.Literal('step'), step: Count(), exogenous: D(), mark: D() }, CLOSED);
export const ResetEvent = Type.Object({ type: Type.Literal('reset'), step: Count(), auction: Type.String(), start: D(), mark: D() }, CLOSED);
export const TakeEvent = Type.Object(
  { type: Type.Literal('take'), step: Count(), auction: Type.String(), bidder: Type.String(), size: D(), price: D(), age: Count(), curve: D(), floor: D(), side: LotSide },
  CLOSED,
);
export const RoundEvent = Type.Object({ type: Type.Literal('round'), step: Count(), round: Count(), mark: D() }, CLOSED);
export const LiquidationEvent = Type.Object(
  {
    type: Type.Literal('liquidation'),
    step: Count(),
    round: Count(),
    account: Type.String(),
    keeper: Type.String(),
    taker: Type.String({ description: 'the keeper id, or "vault" in auction mode' }),
    mark: D(),
    before: Type.Object({ collateral: D(), size: D(), entry: D(), isolated: Type.Boolean() }, CLOSED),
    result: Result,
    cost: D('c_k, keeper to sink'),
  },
  CLOSED,
);
export const AdlTraceEvent = Type.Object(
  {
    type: Type.Literal('adl'),
    step: Count(),
    round: Count(),
    bankrupt: Type.String(),
    side: LotSide,
    bankruptcyPrice: D(),
    mark: D(),
    spread: D(),
    owed: D(),
    reductions: Type.Array(AdlReductionWire),
    toFund: D(),
    unpaid: D(),
  },
  CLOSED,
);
export const KickEvent = Type.Object(
  { type: Type.Literal('kick'), step: Count(), round: Count(), auction: Type.String(), account: Type.String(), side: LotSide, lot: D(), start: D(), mark: D() },
  CLOSED,
);
export const UnloadEvent = Type.Object(
  { type: Type.Literal('unload'), step: Count(), round: Count(), party: Type.String(), side: Side, size: D(), price: D() },
  CLOSED,
);
export const ImpactEvent = Type.Object(
  { type: Type.Literal('impact'), step: Count(), round: Count(), flow: D('signed base, + sold'), iota: D(), permanent: D('P after'), temporary: D('Q after'), mark: D('the mark after') },
  CLOSED,
);
export const SettleEvent = Type.Object(
  { type: Type.Literal('settle'), step: Count(), auction: Type.String(), amount: decimalString('canonical', RESULT_DIGITS, 'the sold-out lot\'s realized P&L, signed: + from the vault to the fund') },
  CLOSED,
);
export const WriteoffEvent = Type.Object({ type: Type.Literal('writeoff'), step: Count(), party: Type.Literal('fund'), amount: D() }, CLOSED);
export const SeriesEvent = Type.Object({ type: Type.Literal('series'), ...SeriesRow.properties }, CLOSED);

export const TraceEvent = Type.Union(
  [StartEvent, StepEvent, ResetEvent, TakeEvent, RoundEvent, LiquidationEvent, AdlTraceEvent, KickEvent, UnloadEvent, ImpactEvent, SettleEvent, WriteoffEvent, SeriesEvent],
  { $id: wireId('simulation-trace'), title: 'Simulation trace event', description: 'One line of a simulation trace (docs/simulation.md S12.1), discriminated by `type`.' },
);
export type TraceEvent = Wire<typeof TraceEvent>;
export type StartEvent = Wire<typeof StartEvent>;
export type LiquidationEvent = Wire<typeof LiquidationEvent>;
export type AdlTraceEvent = Wire<typeof AdlTraceEvent>;
export type SeriesEvent = Wire<typeof SeriesEvent>;
