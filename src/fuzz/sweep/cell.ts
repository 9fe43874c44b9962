/**
 * One cell of a sweep: a parameter set (the base with the cell's axis values) judged statically
 * (parse, PAR-001…004) and on stress accounts with the reference engine. Every cell uses the same
 * accounts (common random numbers), so differences between cells come from the parameters, not
 * from sampling noise.
 * @see docs/params.md#sweep
 */
import fc from 'fast-check';
import { checkParams } from '../../invariants/checkParams.ts';
import { Dec } from '../../model/decimal.ts';
import { deepFreeze } from '../../model/frozen.ts';
import { liquidateParsed } from '../../model/liquidate.ts';
import { parseParams } from '../../model/parseScenario.ts';
import type { ParsedParams, RiskParams } from '../../model/types.ts';
import type { CellResult, CellValue, Verdict } from '../../wire/sweepReport.ts';
import { distribution, ratio, type Distribution } from '../figures.ts';
import { genomeArb, type Genome } from '../genome.ts';
import { openAccount, parsedAt, placeAtRatio } from '../openAccount.ts';
import { adverseMarks, runPath } from '../stressPath.ts';
import { axisNamed } from './axes.ts';

// Verdict: the colour classes of the heatmap, most severe first; CellValue: one axis value of a cell.
export type { CellResult, CellValue, Verdict };

export interface SweepCellsInput {
  readonly params: RiskParams;
  /** one entry per cell: its axis values */
  readonly cells: readonly (readonly CellValue[])[];
  readonly seed: number;
  /** stress accounts per cell: half moved by the shock, half placed at a margin ratio in (0, 1] */
  readonly scenarios: number;
  /** the adverse move when `shock` is not an axis */
  readonly shock: string;
  readonly steps: number;
  /** highest bad-debt incidence a safe cell may have */
  readonly maxBadDebt: string;
}

const genomeCache = new Map<string, Genome[]>();

function genomesFor(markets: number, steps: number, seed: number, n: number): Genome[] {
  const key = `${markets}/${steps}/${seed}/${n}`;
  let g = genomeCache.get(key);
  if (g === undefined) {
    g = fc.sample(genomeArb(markets, steps), { seed, numRuns: n });
    genomeCache.clear(); // one run at a time: keep only the current accounts
    genomeCache.set(key, g);
  }
  return g;
}

/** Applies the cell's params axes to the base set; returns it with the scenario knobs. */
export function cellParams(base: RiskParams, at: readonly CellValue[]): { params: RiskParams; shock?: Dec; leverage?: Dec } {
  let params = base;
  let shock: Dec | undefined;
  let leverage: Dec | undefined;
  for (const { name, value } of at) {
    const axis = axisNamed(name);
    if (axis === undefined) throw new Error(`sweep: unknown axis ${name}`);
    const v = new Dec(value);
    if (axis.apply) params = axis.apply(params, v);
    else if (name === 'shock') shock = v;
    else leverage = v;
  }
  return { params, ...(shock ? { shock } : {}), ...(leverage ? { leverage } : {}) };
}

const NO_DIST: Distribution = { mean: '0', p95: '0', p99: '0', max: '0' };

export function runCell(input: SweepCellsInput, at: readonly CellValue[]): CellResult {
  const { params, shock, leverage } = cellParams(input.params, at);
  const empty = { at, findings: [], accounts: 0, withBadDebt: 0, badDebtRate: '0', badDebtBp: NO_DIST, liquidations: 0, partial: 0, full: 0, bankrupt: 0, restorable: '0' };
  const parsed = parseParams(deepFreeze(params));
  if (!parsed.ok) {
    const i = parsed.issues[0]!;
    return { ...empty, verdict: 'invalid', reason: `${i.path}: expected ${i.expected}, received ${i.received}` };
  }
  const findings = [...new Set(checkParams(params).map((v) => v.invariant))];
  const pp: ParsedParams = parsed.value;
  const genomes = genomesFor(pp.markets.size, input.steps, input.seed, input.scenarios);
  const half = Math.ceil(genomes.length / 2);
  const move = shock ?? new Dec(input.shock);
  const counts = { liquidations: 0, partial: 0, full: 0, bankrupt: 0 };
  const count = (st: string) => {
    if (st === 'healthy') return;
    counts.liquidations++;
    counts[st as 'partial']++;
  };
  let withBadDebt = 0;
  const rel: string[] = [];
  for (const g of genomes.slice(0, half)) {
    const a = openAccount(pp, g, leverage);
    const path = runPath(pp, a, adverseMarks(pp, a, move, g.split));
    for (const e of path.events) count(e.status);
    if (path.badDebt.gt(0)) {
      withBadDebt++;
      rel.push(path.badDebt.div(a.notional).mul(10_000).toDecimalPlaces(6, Dec.ROUND_UP).toString());
    }
  }
  let above = 0;
  let restored = 0;
  for (const g of genomes.slice(half)) {
    const a = placeAtRatio(pp, g);
    const o = liquidateParsed(parsedAt(pp, a, a.size, a.collateral, a.mark));
    if (!o.ok) throw new Error(`sweep: the reference refused a boundary account (${o.error.code})`);
    count(o.result.status);
    if (o.result.status !== 'healthy' && a.collateral.gt(0)) {
      above++;
      if (o.result.status === 'partial') restored++;
    }
  }
  const badDebtRate = ratio(withBadDebt, half);
  const verdict: Verdict = findings.length > 0 ? 'static' : new Dec(badDebtRate).gt(input.maxBadDebt) ? 'bad-debt' : 'safe';
  return {
    ...empty,
    verdict,
    ...(findings.length > 0 ? { reason: findings.join(', ') } : {}),
    findings,
    accounts: half,
    withBadDebt,
    badDebtRate,
    badDebtBp: distribution(rel, half, 4),
    ...counts,
    restorable: ratio(restored, above),
  };
}

export function runSweepCells(input: SweepCellsInput): CellResult[] {
  return input.cells.map((at) => runCell(input, at));
}
