/**
 * The cascade-sweep.json of `liqcheck sweep --cascade` (format `liqcheck-cascade-sweep/1`): the
 * grid of whole simulations over one or two configuration knobs, every cell's bad debt, cascade
 * depth and ADL volume, and the systemic stress threshold along the shock axis (spec S11) with
 * every point the search evaluated. `liqcheck merge` reads shard reports back through it.
 *
 * Timing: `ms` is the one field that differs between two runs of the same sweep (and between a
 * merged and an unsharded one); everything else is a function of the inputs.
 *
 * @see docs/simulation.md#s11-stress-search
 */
import { Type } from 'typebox';
import { CLOSED, Count, patterned, wireId, type Wire } from './common.ts';
import { Figure } from './fuzzReport.ts';
import { reportReader } from './reportReader.ts';
import { SimulationConfig } from './simulation.ts';
import { Axis, CellValue } from './sweepReport.ts';

export const CASCADE_SWEEP_FORMAT = 'liqcheck-cascade-sweep/1';

const Quote = (description: string) => Figure(`${description} (quote, exact)`);

export const CascadeCell = Type.Object(
  {
    at: Type.Array(CellValue, { description: 'the axis values of the cell' }),
    /** why the configuration of this cell was refused (first issue), when it was */
    refused: Type.Optional(Type.String({ description: 'the first issue of a configuration the simulation refuses; the figures are then zero' })),
    openingNotional: Quote('opening open interest notional: Σ long sizes over every party at the start × x_0'),
    badDebt: Quote('Σ of the results\' badDebt (fund payouts and socialized losses) plus the vault write-offs of auction mode'),
    badDebtShare: Figure('badDebt / openingNotional, truncated to 12 fraction digits'),
    socialized: Quote('S at the end'),
    cascadeDepth: Count('the most rounds with liquidations in one step'),
    cascadeSteps: Count('steps with liquidations after the path last moved'),
    liquidations: Count(),
    liquidatedNotional: Quote('Σ liquidated notional'),
    adlVolume: Quote('Σ ADL notional'),
    adlEvents: Count(),
    violations: Type.Union([Count(), Type.Null()], { description: 'system-invariant violations the judge found in the run (null: not judged)' }),
    stressed: Type.Boolean({ description: 'badDebtShare > maxBadDebt, or cascadeDepth ≥ cascadeRounds when that is set' }),
  },
  { ...CLOSED, description: 'one simulation of the grid' },
);
export type CascadeCell = Wire<typeof CascadeCell>;

export const ShockEvaluation = Type.Object(
  {
    shock: Figure('the shock of this simulation'),
    badDebtShare: Figure('as in a cell'),
    cascadeDepth: Count(),
    stressed: Type.Boolean(),
  },
  { ...CLOSED, description: 'one simulation of the threshold search' },
);
export type ShockEvaluation = Wire<typeof ShockEvaluation>;

export const Contradiction = Type.Object(
  { stressedAt: Figure('a shock at which the run is stressed'), notStressedAt: Figure('a larger shock at which it is not') },
  { ...CLOSED, description: 'a pair of runs against the monotonicity the bisection presumes' },
);

export const ThresholdRow = Type.Object(
  {
    at: Type.Array(CellValue, { description: 'the value of the other axis (empty for a one-axis sweep)' }),
    status: Type.Union([Type.Literal('found'), Type.Literal('below-range'), Type.Literal('above-range')], {
      expected: 'one of "found", "below-range", "above-range"',
      description: 'found: threshold within the range; below-range: already stressed at the mildest shock; above-range: not stressed at the most severe',
    }),
    threshold: Type.Union([Figure('the mildest shock found stressed (a simulation ran there)'), Type.Null()]),
    lastUnstressed: Type.Union([Figure('the most severe shock found not stressed, within resolution of threshold'), Type.Null()]),
    evaluations: Type.Array(ShockEvaluation, { description: 'every simulation of the search, in the order run' }),
    monotone: Type.Boolean({ description: 'no pair of runs of this row (grid cells and search points) contradicts monotonicity in |shock|' }),
    contradictions: Type.Array(Contradiction),
  },
  { ...CLOSED, description: 'the systemic stress threshold for one value of the other axis' },
);
export type ThresholdRow = Wire<typeof ThresholdRow>;

export const CascadeSweepReport = Type.Object(
  {
    format: Type.Literal(CASCADE_SWEEP_FORMAT),
    source: Type.Object(
      {
        profile: Type.Union([Type.String(), Type.Null()], { description: 'the venue profile, or null' }),
        params: Type.Union([Type.String(), Type.Null()], { description: 'the params file, or null' }),
        sha256: patterned('^[0-9a-f]{64}$', '64 lowercase hex digits', 'sha256 of the canonical JSON of the base (params, policy, config)'),
      },
      { ...CLOSED, description: 'what every cell starts from' },
    ),
    config: SimulationConfig,
    x: Axis,
    y: Type.Union([Axis, Type.Null()]),
    criterion: Type.Object(
      {
        maxBadDebt: Figure('the largest bad debt share of an unstressed run'),
        cascadeRounds: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'a run with this cascade depth or more is stressed too (null: bad debt only)' }),
      },
      CLOSED,
    ),
    resolution: Type.Union([Figure('the threshold search resolution in |shock|'), Type.Null()], { description: 'null: no search (shock is not an axis)' }),
    cells: Type.Array(Type.Union([CascadeCell, Type.Null()]), { description: 'row-major: cells[j * x.values.length + i] is (x_i, y_j); null where not run (another shard, or interrupted)' }),
    thresholds: Type.Array(Type.Union([ThresholdRow, Type.Null()]), { description: 'one per value of the other axis (one for a one-axis sweep); empty when shock is not an axis' }),
    shard: Type.Object(
      { index: Type.Integer({ minimum: 1 }), count: Type.Integer({ minimum: 1 }) },
      { ...CLOSED, description: 'this report ran the tasks (cells, then threshold rows) whose index ≡ index − 1 (mod count); 1/1 for a whole or merged run' },
    ),
    interrupted: Type.Boolean(),
    ms: Type.Number({ minimum: 0, description: 'wall time (a merged report: the sum over its shards); the only field that differs between equal runs' }),
  },
  {
    ...CLOSED,
    expected: 'a cascade sweep report (a JSON object)',
    $id: wireId('cascade-sweep-report'),
    title: 'liqcheck cascade sweep report, format liqcheck-cascade-sweep/1',
    description: 'The cascade-sweep.json of liqcheck sweep --cascade: whole simulations over a grid of configuration knobs, and the systemic stress threshold (docs/simulation.md S11).',
  },
);
export type CascadeSweepReport = Wire<typeof CascadeSweepReport>;

export const readCascadeSweepReport = reportReader(CascadeSweepReport, 'a cascade sweep report (liqcheck sweep --cascade --out DIR)', 'cascade-sweep-report-1.schema.json');

// ---------------------------------------------------------------------------------------------
// The liquidator-incentive property (`liqcheck sweep --incentive --json FILE`, spec S11)

export const INCENTIVE_FORMAT = 'liqcheck-incentive/1';

export const IncentiveAccount = Type.Object(
  {
    id: Type.String(),
    side: Type.Union([Type.Literal('long'), Type.Literal('short')]),
    isolated: Type.Boolean(),
    liquidationPrice: Figure('the last tick at which the account is liquidatable, for its side'),
    notional: Figure('|q| · liquidationPrice'),
    reward: Figure('Σ fills.liquidatorFee of the reference\'s result there'),
    status: Type.String({ description: 'the result\'s status' }),
  },
  { ...CLOSED, description: 'one account dry-run at its liquidation price' },
);
export type IncentiveAccount = Wire<typeof IncentiveAccount>;

const OrNone = (description: string) => Type.Union([IncentiveAccount, Type.Null()], { description });

export const IncentiveReport = Type.Object(
  {
    format: Type.Literal(INCENTIVE_FORMAT),
    profile: Type.Union([Type.String(), Type.Null()]),
    cost: Figure('the keeper cost c'),
    minNotional: Figure('the stated size N*'),
    holds: Type.Boolean({ description: 'every account of notional ≥ N* has reward ≥ c (and none was refused)' }),
    accounts: Count(),
    liquidatable: Count('accounts with a liquidation price'),
    profitable: Count('reward ≥ c'),
    unprofitableAbove: Count('reward < c and notional ≥ N*'),
    smallestUnprofitableAbove: OrNone('the counterexample with the smallest notional (ties: id)'),
    smallestProfitable: OrNone('the profitable account of the smallest notional'),
    largestUnprofitable: OrNone('the unprofitable account of the largest notional: every account above it pays'),
    errors: Type.Array(Type.Object({ id: Type.String(), message: Type.String() }, CLOSED), { description: 'accounts the reference refused' }),
  },
  { ...CLOSED, $id: wireId('incentive-report'), title: 'liqcheck liquidator-incentive report, format liqcheck-incentive/1', description: 'liqcheck sweep --incentive --json FILE (docs/simulation.md S11).' },
);
export type IncentiveReport = Wire<typeof IncentiveReport>;
