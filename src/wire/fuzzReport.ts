/**
 * The report of `liqcheck fuzz --json` (format `liqcheck-fuzz/1`): the catalog tallies, the
 * parameter-level properties with their counterexamples, the risk figures and, in a shard's
 * report, the raw accumulators `liqcheck fuzz merge` combines. Shipped as
 * fixtures/schema/fuzz-report-1.schema.json; `fuzz merge` reads reports back through it.
 *
 * The fuzzer's report types (src/fuzz/: fuzzReport.ts, figures.ts, survivable.ts,
 * targetedSearch.ts, genome.ts) are this file's static types; the accumulators filled in place use
 * the mutable `Static<>` of the same schemas.
 *
 * @see docs/params.md#the-fuzz-report
 */
import { Type } from 'typebox';
import { CheckReport, ReportedScenario, Seed, Shard } from './checkReport.ts';
import { CLOSED, Count, patterned, wireId, type Wire } from './common.ts';
import { reportReader } from './reportReader.ts';

/** The format tag of a fuzz report; a reader refuses any other. */
export const FUZZ_REPORT_FORMAT = 'liqcheck-fuzz/1';

/** A decimal figure as the fuzzer writes it (exact, plain notation; canonical or fixed places). */
export const Figure = (description: string) => patterned('^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$', 'a decimal string such as "0.05"', description);

const OUTCOME_COUNTS = {
  liquidations: Count('liquidation events (steps on which the engine acted)'),
  partial: Count(),
  full: Count(),
  bankrupt: Count(),
};

export const ShockTally = Type.Object(
  {
    ...OUTCOME_COUNTS,
    shock: Figure('the adverse move, a fraction'),
    accounts: Count(),
    liquidated: Count('accounts liquidated at least once'),
    withBadDebt: Count(),
    badDebt: Type.Array(Figure('a bad debt in quote units'), { description: 'every non-zero bad debt, exact' }),
    badDebtRel: Type.Array(Figure('a bad debt as a fraction of the opening notional'), { description: 'every non-zero bad debt relative to its opening notional (18 places, rounded up)' }),
  },
  { ...CLOSED, description: 'raw: accounts opened at their drawn leverage and moved adversely by shock' },
);
export type ShockTally = Wire<typeof ShockTally>;

export const BoundaryTally = Type.Object(
  {
    ...OUTCOME_COUNTS,
    accounts: Count(),
    aboveBankruptcy: Count('liquidations whose equity was > 0 before'),
    restored: Count('of those, how many ended partial'),
    dustForced: Count('full closes that a partial close would have avoided but for the dust rule'),
  },
  { ...CLOSED, description: 'accounts placed at a margin ratio in (0, 1]: how liquidations end above bankruptcy' },
);
export type BoundaryTally = Wire<typeof BoundaryTally>;

/** A distribution over accounts (zeros included): mean and nearest-rank percentiles. */
export const Distribution = (unit: string) =>
  Type.Object({ mean: Figure(unit), p95: Figure(unit), p99: Figure(unit), max: Figure(unit) }, { ...CLOSED, description: `per account, zeros included, in ${unit}` });

export const ShockSummary = Type.Object(
  {
    ...OUTCOME_COUNTS,
    shock: Figure('the adverse move, a fraction'),
    accounts: Count(),
    liquidated: Count(),
    withBadDebt: Count(),
    incidence: Figure('withBadDebt / accounts'),
    badDebt: Distribution('quote units'),
    badDebtBp: Distribution('basis points of the opening notional'),
  },
  { ...CLOSED, description: 'the figures of one shock' },
);
export type ShockSummary = Wire<typeof ShockSummary>;

export const SurvivableRow = Type.Object(
  {
    leverage: Type.Number({ minimum: 0, expected: 'a non-negative number', description: 'the leverage of the row' }),
    accounts: Count('accounts of the panel that can be opened at this leverage'),
    worst: Figure('smallest largest-survivable move over the panel, a fraction'),
    median: Figure('median largest-survivable move, a fraction'),
    cushion: Figure('(1/L − f_max − σ)/(1 + f_max + σ): the move the cushion covers after the deepest penalty and the impact'),
  },
  CLOSED,
);
export type SurvivableRow = Wire<typeof SurvivableRow>;

/** A gene: an integer in millionths (0…1,000,000, GENE_SCALE in src/fuzz/genome.ts). */
const Gene = (what: string) => Count(`a gene, 0…1 000 000: ${what}`);
export const Genome = Type.Object(
  {
    market: Count("index into the params' markets, in id order"),
    long: Type.Boolean(),
    notional: Gene("where the opening notional lies in the market's notional range (log scale)"),
    price: Gene("where the opening mark lies in the market's price range (log scale)"),
    leverage: Gene("0 opens at the bracket's maximum leverage (collateral = initial margin), 1 000 000 at 1×"),
    ratio: Gene('boundary family: the margin ratio E/MM the account is placed at, 0 → 0.02, 1 000 000 → 1'),
    split: Type.Array(Gene('a weight'), { description: 'how an adverse move is split over the steps of a path (weights; equal weights are an even path)' }),
  },
  { ...CLOSED, description: 'the genome of a stress account (docs/params.md#fuzz)' },
);
export type Genome = Wire<typeof Genome>;

export const SearchResult = Type.Object(
  {
    evaluations: Count(),
    best: Type.Optional(
      Type.Object(
        { genome: Genome, objective: Figure('> 0 means bad debt'), message: Type.String(), violation: Type.Boolean() },
        { ...CLOSED, description: 'the worst genome found and its objective' },
      ),
    ),
  },
  { ...CLOSED, description: 'the targeted search for the worst case' },
);
export type SearchResult = Wire<typeof SearchResult>;

const Address = { seed: Seed('the fast-check seed'), path: Type.String({ description: 'the fast-check path' }) };

export const PropertyReport = Type.Object(
  {
    id: patterned('^PRM-[0-9]{3}$', 'a property id such as PRM-001', 'the property id'),
    title: Type.String(),
    checked: Count(),
    skipped: Count(),
    violations: Count(),
    first: Type.Optional(Type.Object({ message: Type.String(), ...Address }, { ...CLOSED, description: 'the first violation, unshrunk' })),
    counterexample: Type.Optional(
      Type.Object(
        { scenario: ReportedScenario, message: Type.String(), ...Address, file: Type.Optional(Type.String()) },
        { ...CLOSED, description: 'the shrunk counterexample: the state whose liquidation broke the property' },
      ),
    ),
    note: Type.Optional(Type.String({ description: 'why it was not judged at all, when it was not' })),
  },
  { ...CLOSED, description: 'a parameter-level property (PRM-00x)' },
);
export type PropertyReport = Wire<typeof PropertyReport>;

export const FuzzReport = Type.Object(
  {
    format: Type.Literal(FUZZ_REPORT_FORMAT),
    params: Type.Object(
      { file: Type.String(), sha256: patterned('^[0-9a-f]{64}$', '64 lowercase hex digits', 'the sha256 of the params file as read') },
      { ...CLOSED, description: 'the risk parameters fuzzed' },
    ),
    seed: Seed('the seed of the run'),
    runs: Count('generated cases: catalog scenarios and stress accounts each'),
    shocks: Type.Array(Figure('an adverse move, a fraction')),
    steps: Type.Integer({ minimum: 1, expected: 'a positive integer', description: 'steps of a stress path' }),
    claim: Type.Union([Figure('the PRM-001 claim, a fraction'), Type.Null()], { expected: 'a decimal string or null', description: 'the move PRM-001 checks (null: the cushion the params imply)' }),
    shard: Shard,
    units: Type.Object(
      { total: Count('units (chunks of cases) of the whole run'), done: Type.Array(Count(), { description: 'the units this report covers' }) },
      CLOSED,
    ),
    interrupted: Type.Boolean({ description: 'stopped before every unit ran' }),
    ms: Type.Number({ minimum: 0, expected: 'a non-negative number of milliseconds' }),
    catalog: Type.Union([CheckReport, Type.Null()], { description: 'the catalog tallies of the units run (null: none ran)' }),
    properties: Type.Array(PropertyReport),
    figures: Type.Object(
      {
        shocks: Type.Array(ShockSummary),
        boundary: Type.Object({ ...BoundaryTally.properties, restorableShare: Figure('restored / aboveBankruptcy') }, CLOSED),
        survivable: Type.Union([Type.Array(SurvivableRow), Type.Null()]),
      },
      { ...CLOSED, description: 'the risk figures' },
    ),
    search: Type.Union([SearchResult, Type.Null()]),
    ok: Type.Boolean({ description: 'the catalog and every property held' }),
    raw: Type.Optional(
      Type.Object(
        { quoteScale: Count('the params quote scale'), shocks: Type.Array(ShockTally), boundary: BoundaryTally },
        { ...CLOSED, description: 'raw accumulators, in shard reports only: what fuzz merge combines exactly' },
      ),
    ),
  },
  {
    ...CLOSED,
    expected: 'a fuzz report (a JSON object)',
    $id: wireId('fuzz-report'),
    title: 'liqcheck fuzz report, format liqcheck-fuzz/1',
    description: 'The --json report of liqcheck fuzz and of liqcheck fuzz merge (docs/params.md#the-fuzz-report).',
  },
);
export type FuzzReport = Wire<typeof FuzzReport>;

/** A FuzzReport read back from the parsed JSON of `file`, or the message naming each field that does not fit. */
export const readFuzzReport = reportReader(FuzzReport, 'a fuzz report (liqcheck fuzz --json)', 'fuzz-report-1.schema.json');

