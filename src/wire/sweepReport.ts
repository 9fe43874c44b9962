/**
 * The sweep.json of `liqcheck sweep` (format `liqcheck-sweep/1`): the grid and every cell's
 * verdict and figures. Shipped as fixtures/schema/sweep-report-1.schema.json; `sweep --compare`
 * reads reports back through it.
 *
 * The sweep's `SweepReport` (runSweep.ts), `CellResult` and `Verdict` (cell.ts), `Axis` (grid.ts)
 * and `SweepComparison` (compare.ts) in src/fuzz/sweep/ are this file's static types.
 *
 * @see docs/params.md#sweep
 */
import { Type } from 'typebox';
import { Seed } from './checkReport.ts';
import { CLOSED, Count, patterned, wireId, type Wire } from './common.ts';
import { Distribution, Figure } from './fuzzReport.ts';
import { reportReader } from './reportReader.ts';

/** The format tag of a sweep report; a reader refuses any other. */
export const SWEEP_REPORT_FORMAT = 'liqcheck-sweep/1';

export const Axis = Type.Object(
  {
    name: Type.String({ description: 'the swept parameter (docs/params.md#sweep)' }),
    values: Type.Array(Figure('a grid value'), { minItems: 1, expected: 'a non-empty array of decimal strings', description: 'the grid values, canonical decimal strings, ascending' }),
  },
  { ...CLOSED, description: 'one axis of the grid' },
);
export type Axis = Wire<typeof Axis>;

export const Verdict = Type.Union([Type.Literal('invalid'), Type.Literal('static'), Type.Literal('bad-debt'), Type.Literal('safe')], {
  expected: 'one of "invalid", "static", "bad-debt", "safe"',
  description: 'invalid: the model refuses the set; static: a PAR rule is broken; bad-debt: incidence above maxBadDebt; safe otherwise',
});
export type Verdict = Wire<typeof Verdict>;
export const CellValue = Type.Object({ name: Type.String(), value: Figure('the axis value') }, CLOSED);
export type CellValue = Wire<typeof CellValue>;
const CellAt = Type.Array(CellValue, { description: 'the axis values of the cell' });

export const CellResult = Type.Object(
  {
    at: CellAt,
    verdict: Verdict,
    reason: Type.Optional(Type.String({ description: 'why the cell is invalid or statically unsafe: the first parse issue, or the PAR ids' })),
    findings: Type.Array(Type.String(), { description: 'the PAR ids broken' }),
    accounts: Count('shocked accounts'),
    withBadDebt: Count(),
    badDebtRate: Figure('withBadDebt / accounts'),
    badDebtBp: Distribution('basis points of the opening notional'),
    liquidations: Count(),
    partial: Count(),
    full: Count(),
    bankrupt: Count(),
    restorable: Figure('boundary accounts liquidated above the zero-equity point that ended partial, a share'),
  },
  { ...CLOSED, description: 'one cell of the grid' },
);
export type CellResult = Wire<typeof CellResult>;

export const SweepReport = Type.Object(
  {
    format: Type.Literal(SWEEP_REPORT_FORMAT),
    params: Type.Object(
      { file: Type.String(), sha256: patterned('^[0-9a-f]{64}$', '64 lowercase hex digits', 'the sha256 of the params file as read') },
      { ...CLOSED, description: 'the base risk parameters' },
    ),
    x: Axis,
    y: Type.Union([Axis, Type.Null()], { description: 'the second axis (null: a one-dimensional sweep)' }),
    scenarios: Count('stress accounts per cell'),
    seed: Seed('the seed of the sweep'),
    shock: Figure('the adverse move when shock is not an axis'),
    steps: Type.Integer({ minimum: 1, expected: 'a positive integer', description: 'steps of a stress path' }),
    maxBadDebt: Figure('highest bad-debt incidence a safe cell may have'),
    cells: Type.Array(Type.Union([CellResult, Type.Null()]), { description: 'row-major: cells[j * x.values.length + i] is (x_i, y_j); null where the run was interrupted' }),
    interrupted: Type.Boolean(),
    ms: Type.Number({ minimum: 0, expected: 'a non-negative number of milliseconds' }),
  },
  {
    ...CLOSED,
    expected: 'a sweep report (a JSON object)',
    $id: wireId('sweep-report'),
    title: 'liqcheck sweep report, format liqcheck-sweep/1',
    description: 'The sweep.json of liqcheck sweep: the grid over one or two parameters and every cell\'s verdict and figures (docs/params.md#sweep).',
  },
);
export type SweepReport = Wire<typeof SweepReport>;

/** A SweepReport read back from the parsed JSON of `file`, or the message naming each field that does not fit. */
export const readSweepReport = reportReader(SweepReport, 'a sweep report (liqcheck sweep --out DIR)', 'sweep-report-1.schema.json');

export const CellChange = Type.Object(
  { at: CellAt, from: Verdict, to: Verdict, badDebtRateDelta: Figure('bad-debt incidence, proposed − current') },
  { ...CLOSED, description: 'a cell whose verdict the proposal changes' },
);
export type CellChange = Wire<typeof CellChange>;

export const SweepComparison = Type.Object(
  {
    a: Type.String({ description: 'the current sweep.json' }),
    b: Type.String({ description: 'the proposed sweep.json' }),
    cells: Count('cells of the grid'),
    becameSafe: Type.Array(CellChange),
    becameUnsafe: Type.Array(CellChange),
    otherChanges: Type.Array(CellChange, { description: 'verdict changes between unsafe kinds' }),
    safeBefore: Count('safe cells of the current sweep'),
    safeAfter: Count('safe cells of the proposed sweep'),
  },
  {
    ...CLOSED,
    expected: 'a sweep comparison (a JSON object)',
    $id: wireId('sweep-comparison'),
    title: 'liqcheck sweep comparison, format 1',
    description: 'The compare.json of liqcheck sweep --compare A.json B.json --out DIR: which cells a proposal moves into or out of the safe region (docs/params.md#comparing-a-proposal).',
  },
);
export type SweepComparison = Wire<typeof SweepComparison>;

