/**
 * The configuration and the report of `liqcheck simulate` (docs/simulation.md): the input
 * configuration (every field optional, S1–S9's defaults), the resolved configuration written into
 * the report and the trace, the per-step series row (S12) and the report itself (format
 * `liqcheck-simulation/1`). Decimals are strings, integers JSON integers.
 * @see docs/simulation.md#s12-outputs
 */
import { Type } from 'typebox';
import { CLOSED, Count, decimalString, wireId, type Wire } from './common.ts';
import { INPUT_DIGITS, RESULT_DIGITS } from '../model/parseDecimal.ts';

/** The format tag of a simulation report; a reader refuses any other. */
export const SIMULATION_REPORT_FORMAT = 'liqcheck-simulation/1';

const Int = (description: string, minimum = 0) => Type.Integer({ minimum, expected: minimum === 0 ? 'a non-negative integer' : `an integer ≥ ${minimum}`, description });
const Dc = (description: string) => decimalString('input', INPUT_DIGITS, description);
const In = (description: string) => Type.Optional(Dc(description));
const Out = (description: string) => decimalString('canonical', RESULT_DIGITS, description === '' ? undefined : description);

export const KeeperConfig = Type.Object(
  {
    id: Type.String({ pattern: '^k[0-9a-z_-]*$', expected: 'a keeper id starting with "k"' }),
    capital: Dc('K_k, quote (S5)'),
    latency: Int('L_k, steps'),
    cost: Dc('c_k, quote per liquidation'),
  },
  { ...CLOSED, description: 'a keeper (S5)' },
);
export type KeeperConfig = Wire<typeof KeeperConfig>;

export const BidderConfig = Type.Object(
  {
    id: Type.String({ pattern: '^b[0-9a-z_-]*$', expected: 'a bidder id starting with "b"' }),
    capital: Dc('K_b, quote (S6)'),
    latency: Int('L_b, steps'),
    discount: Dc('ω_b, a fraction'),
  },
  { ...CLOSED, description: 'an auction bidder (S6)' },
);
export type BidderConfig = Wire<typeof BidderConfig>;

export const CurveConfig = Type.Union(
  [
    Type.Object({ kind: Type.Literal('linear'), duration: Type.Optional(Int('τ_a, steps', 1)) }, CLOSED),
    Type.Object({ kind: Type.Literal('stairstep'), cut: In('the factor per stair, in (0, 1)'), step: Type.Optional(Int('steps per stair', 1)) }, CLOSED),
  ],
  { expected: '{"kind": "linear", "duration"?} or {"kind": "stairstep", "cut"?, "step"?}' },
);

/** The input configuration: every field optional (docs/simulation.md gives the defaults). */
export const SimulationConfig = Type.Object(
  {
    market: Type.Optional(Type.String({ description: 'the market id (S1); default: the first of the params in id order' })),
    seed: Type.Optional(Int('the seed of the population (S2.1)')),
    steps: Type.Optional(Int('T, the number of steps (S3) [100]; a recorded path gives its own', 1)),
    startPrice: In('x_0 [10^6·tick] (S3)'),
    path: Type.Optional(
      Type.Object(
        {
          shock: In('σ, a signed fraction, e.g. "-0.3" [0]'),
          shockAt: Type.Optional(Int('the first step of the shock [1]', 1)),
          shockSteps: Type.Optional(Int('steps the shock is spread over [1]', 1)),
          drift: In('∂, a signed fraction per step [0]'),
        },
        CLOSED,
      ),
    ),
    population: Type.Optional(
      Type.Object(
        {
          count: Type.Optional(Int('accounts [1000]', 1)),
          longShare: In('probability of a long [0.5]'),
          minNotional: In('quote [100]'),
          maxNotional: In('quote [1000000]'),
          entrySpread: In('fraction [0.05]'),
          maxLeverage: In('[20]'),
          isolatedShare: In('probability of isolated margin [0.3]'),
        },
        CLOSED,
      ),
    ),
    liquidity: Type.Optional(
      Type.Object(
        {
          kind: Type.Optional(Type.Union([Type.Literal('sqrt'), Type.Literal('linear')], { expected: 'one of "sqrt", "linear"' })),
          lambda: In('λ [1]'),
          depth: In('D, quote [10000000]'),
          permanent: In('θ, the permanent share [0.5]'),
          recovery: In('ρ, per step [0.5]'),
          maxImpact: In('ιmax per round [0.5]'),
        },
        CLOSED,
      ),
    ),
    keepers: Type.Optional(Type.Array(KeeperConfig, { description: 'S5; [] is venue mode' })),
    bidders: Type.Optional(Type.Array(BidderConfig, { description: 'S6' })),
    liquidation: Type.Optional(
      Type.Object(
        {
          mode: Type.Optional(Type.Union([Type.Literal('market'), Type.Literal('auction')], { expected: 'one of "market", "auction"' })),
          auction: Type.Optional(
            Type.Object(
              {
                premium: In('β [0.05]'),
                curve: Type.Optional(CurveConfig),
                tail: Type.Optional(Int('steps before a reset [30]')),
                cusp: In('[0.4]'),
                dust: In('quote [100]'),
              },
              CLOSED,
            ),
          ),
        },
        CLOSED,
      ),
    ),
    insuranceFund: In('the fund\'s opening cash, quote [1000000] (S8)'),
    adl: Type.Optional(Type.Boolean({ expected: 'true or false' })),
    maxRounds: Type.Optional(Int('rounds per step at most [20]', 1)),
  },
  { ...CLOSED, $id: wireId('simulation-config'), title: 'Simulation configuration', description: 'The input of liqcheck simulate (docs/simulation.md); every field optional.' },
);
export type SimulationConfig = Wire<typeof SimulationConfig>;

/** The resolved configuration: every default filled in, decimals canonical. */
export const ResolvedConfig = Type.Object(
  {
    market: Type.String(),
    seed: Int('the seed'),
    steps: Int('T', 1),
    startPrice: Out('x_0'),
    path: Type.Object(
      {
        kind: Type.Union([Type.Literal('shock'), Type.Literal('recorded')]),
        shock: Out('σ'),
        shockAt: Int('first shocked step'),
        shockSteps: Int('steps of the shock', 1),
        drift: Out('∂'),
      },
      CLOSED,
    ),
    population: Type.Object(
      {
        source: Type.Union([Type.Literal('generated'), Type.Literal('file')]),
        count: Int('accounts'),
        longShare: Out(''),
        minNotional: Out(''),
        maxNotional: Out(''),
        entrySpread: Out(''),
        maxLeverage: Out(''),
        isolatedShare: Out(''),
      },
      CLOSED,
    ),
    liquidity: Type.Object(
      {
        kind: Type.Union([Type.Literal('sqrt'), Type.Literal('linear')]),
        lambda: Out('λ'),
        depth: Out('D'),
        permanent: Out('θ'),
        recovery: Out('ρ'),
        maxImpact: Out('ιmax'),
      },
      CLOSED,
    ),
    keepers: Type.Array(Type.Object({ id: Type.String(), capital: Out(''), latency: Int(''), cost: Out('') }, CLOSED)),
    bidders: Type.Array(Type.Object({ id: Type.String(), capital: Out(''), latency: Int(''), discount: Out('') }, CLOSED)),
    liquidation: Type.Object(
      {
        mode: Type.Union([Type.Literal('market'), Type.Literal('auction')]),
        auction: Type.Object(
          {
            premium: Out('β'),
            curve: Type.Union([
              Type.Object({ kind: Type.Literal('linear'), duration: Int('', 1) }, CLOSED),
              Type.Object({ kind: Type.Literal('stairstep'), cut: Out(''), step: Int('', 1) }, CLOSED),
            ]),
            tail: Int(''),
            cusp: Out(''),
            dust: Out(''),
          },
          CLOSED,
        ),
      },
      CLOSED,
    ),
    insuranceFund: Out('the fund\'s opening cash'),
    adl: Type.Boolean(),
    maxRounds: Int('', 1),
  },
  { ...CLOSED, $id: wireId('simulationResolvedConfig'), title: 'Resolved simulation configuration' },
);
export type ResolvedConfig = Wire<typeof ResolvedConfig>;

/** One step of S12's per-step series. */
export const SeriesRow = Type.Object(
  {
    step: Count(),
    exogenous: Out('x_t'),
    mark: Out('the mark at the end of the step'),
    rounds: Count('rounds that liquidated something'),
    liquidations: Count(),
    liquidatedNotional: Out('Σ fills size·price this step'),
    insuranceFund: Out('the fund at the end of the step'),
    badDebt: Out('cumulative Σ badDebt of the results'),
    socialized: Out('S at the end of the step'),
    adlVolume: Out('ADL notional this step (Σ a·m)'),
    openInterest: Out('Σ long sizes over all parties'),
    flagged: Count('accounts liquidatable at the end of the step but not liquidated'),
  },
  { ...CLOSED, $id: wireId('simulationSeriesRow'), title: 'Series row' },
);
export type SeriesRow = Wire<typeof SeriesRow>;

export const AdlReductionWire = Type.Object({ account: Type.String(), size: Out('a_c, base'), transfer: Out('what the counterparty paid (a_c·g less the floor residue)'), score: Out('the ranking score, truncated to 18 fraction digits') }, CLOSED);

/** An ADL event (S9) as reported, with its ranking and amounts. */
export const AdlEventWire = Type.Object(
  {
    step: Count(),
    round: Count(),
    bankrupt: Type.String(),
    side: Type.Union([Type.Literal('long'), Type.Literal('short')]),
    bankruptcyPrice: Out('P_b'),
    mark: Out('the round mark'),
    spread: Out('g'),
    owed: Out('s'),
    reductions: Type.Array(AdlReductionWire),
    toFund: Out('excess and floor residues to the fund'),
    unpaid: Out('left socialized'),
  },
  { ...CLOSED, $id: wireId('simulationAdlEvent'), title: 'ADL event' },
);
export type AdlEventWire = Wire<typeof AdlEventWire>;

export const SimulationSummary = Type.Object(
  {
    steps: Count('steps run'),
    accounts: Count(),
    redrawn: Count('generated accounts redrawn because liquidatable at x_0 (S2.1)'),
    liquidations: Count(),
    partial: Count(),
    full: Count(),
    bankrupt: Count(),
    liquidatedNotional: Out('Σ over the run'),
    badDebt: Out('Σ badDebt of the results'),
    insurancePayout: Out('Σ insurancePayout'),
    socialized: Out('S at the end'),
    insuranceFundStart: Out(''),
    insuranceFund: Out('at the end'),
    adlEvents: Count(),
    adlVolume: Out('Σ ADL notional'),
    openInterestStart: Out(''),
    openInterest: Out('at the end'),
    openInterestStartNotional: Out('Σ long sizes · x_0: the denominator of bad debt shares (S11)'),
    startMark: Out(''),
    finalMark: Out(''),
    minMark: Out(''),
    maxMark: Out(''),
    open: Count('accounts with a position at the end'),
    flagged: Count('accounts liquidatable at the end and not liquidated'),
    keeperActs: Count(),
    keeperCosts: Out('Σ c_k paid to the sink'),
    kicks: Count(),
    takes: Count(),
    resets: Count(),
    liveAuctions: Count(),
    writeoffs: Out('Σ write-offs of the fund\'s shortfalls after vault settlements (S6)'),
    vaultSize: Out('the vault\'s position at the end, signed base: the lots still live (S6; 0 in market mode)'),
    vaultValue: Out('the vault\'s value κ + q·m at the final mark: live lots are never written off (S6; 0 in market mode)'),
  },
  { ...CLOSED, description: 'the final state' },
);
export type SimulationSummary = Wire<typeof SimulationSummary>;

export const SimulationReport = Type.Object(
  {
    format: Type.Literal(SIMULATION_REPORT_FORMAT),
    engine: Type.String({ description: 'the step engine\'s name' }),
    profile: Type.Union([Type.String(), Type.Null()], { description: 'the venue profile, null for params without one' }),
    policy: Type.String({ description: 'the policy name' }),
    config: ResolvedConfig,
    seed: Int('the seed'),
    series: Type.Array(SeriesRow),
    cascadeDepth: Count('the most rounds with liquidations in one step (S7)'),
    cascadeSteps: Count('steps with liquidations after the exogenous path last moved (S7)'),
    summary: SimulationSummary,
    adl: Type.Array(AdlEventWire),
    interrupted: Type.Boolean(),
    ms: Count('wall time of the run, milliseconds'),
  },
  { ...CLOSED, $id: wireId('simulation-report'), title: 'Simulation report', description: 'simulation.json of liqcheck simulate (docs/simulation.md S12).' },
);
export type SimulationReport = Wire<typeof SimulationReport>;

/** One account of a population file (`--accounts FILE`, S2.1): `size` unsigned, `side` its sign. */
export const PopulationAccount = Type.Object(
  {
    id: Type.String({ pattern: '^a[0-9A-Za-z_-]*$', expected: 'an account id starting with "a"' }),
    side: Type.Union([Type.Literal('long'), Type.Literal('short')], { expected: 'one of "long", "short"' }),
    size: Dc('|q|, base, a multiple of the lot'),
    entry: Dc('e, a positive multiple of the tick'),
    collateral: Dc('C ≥ 0, a multiple of the quote unit: the isolated margin of an isolated account'),
    mode: Type.Union([Type.Literal('cross'), Type.Literal('isolated')], { expected: 'one of "cross", "isolated"' }),
  },
  CLOSED,
);
export type PopulationAccount = Wire<typeof PopulationAccount>;
export const PopulationFile = Type.Array(PopulationAccount, { $id: wireId('simulation-accounts'), title: 'Simulation accounts', description: 'a population read from a file (docs/simulation.md S2.1)' });
export type PopulationFile = Wire<typeof PopulationFile>;
