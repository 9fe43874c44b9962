/**
 * One run of a cascade sweep: the base configuration with the cell's knob values, simulated to the
 * end (resolveSimulation + simulate, the reference engine), reduced to the figures of spec S11 —
 * bad debt as a share of the opening open interest, cascade depth, ADL volume, liquidations —
 * and, when asked, the judge's verdict on its trace.
 * @see docs/simulation.md#s11-stress-search
 */
import { Dec, toCanonical as s, ZERO } from '../../model/decimal.ts';
import type { CascadeCell } from '../../wire/cascadeSweepReport.ts';
import type { CellValue as CellValueWire } from '../../wire/sweepReport.ts';
import { resolveSimulation, simulate } from '../simulate.ts';
import type { TraceEvent } from '../../wire/simulationTrace.ts';
import { judgeTrace } from '../judge/index.ts';
import { cascadeAxisNamed, withAxis, type ConfigJson } from './cascadeAxes.ts';
import { resolveBase, type CascadeBase } from './cascadeBase.ts';
import { isStressed, type StressCriterion } from './thresholdSearch.ts';

export interface CascadeCellInput {
  readonly base: CascadeBase;
  readonly config: ConfigJson;
  readonly at: readonly CellValueWire[];
  readonly maxBadDebt: string;
  readonly cascadeRounds: number | null;
  /** replay the run's trace through the judge (src/simulate/judge/) and count its violations */
  readonly judge: boolean;
}

/** Fractions of spec S1: at most 12 fraction digits, truncated. */
const PHI = 12;

/** The configuration of a cell: the base with every axis value of `at` applied in order. */
export function cellConfig(config: ConfigJson, at: readonly CellValueWire[]): ConfigJson {
  return at.reduce((c, a) => {
    const axis = cascadeAxisNamed(a.name);
    if (axis === undefined) throw new Error(`cascade sweep: unknown knob ${a.name}`);
    return withAxis(c, axis, a.value);
  }, config);
}

export async function runCascadeCell(input: CascadeCellInput): Promise<CascadeCell> {
  const config = cellConfig(input.config, input.at);
  const criterion: StressCriterion = { maxBadDebt: new Dec(input.maxBadDebt), cascadeRounds: input.cascadeRounds };
  const resolved = resolveSimulation(config as never, resolveBase(input.base));
  if (!resolved.ok) {
    const i = resolved.issues[0]!;
    return { at: input.at, refused: `${i.path}: expected ${i.expected}, received ${i.received}`, ...EMPTY, violations: null };
  }
  const events: TraceEvent[] = [];
  const run = await simulate(resolved.value, input.judge ? { onEvent: (e) => void events.push(e) } : {});
  const m = run.report.summary;
  // Spec S11: bad debt is what the fund paid and what was socialized for liquidations (the
  // results' badDebt), plus the vault's write-offs of auction mode (S6).
  const badDebt = new Dec(m.badDebt).add(m.writeoffs);
  const notional = new Dec(m.openInterestStartNotional);
  const share = notional.isZero() ? ZERO : badDebt.div(notional).toDecimalPlaces(PHI, Dec.ROUND_DOWN);
  const figures = {
    at: input.at,
    openingNotional: s(notional),
    badDebt: s(badDebt),
    badDebtShare: s(share),
    socialized: m.socialized,
    cascadeDepth: run.report.cascadeDepth,
    cascadeSteps: run.report.cascadeSteps,
    liquidations: m.liquidations,
    liquidatedNotional: m.liquidatedNotional,
    adlVolume: m.adlVolume,
    adlEvents: m.adlEvents,
    // The judge lists at most 50 violations per invariant: a count past that is a floor, and 1 is already a broken simulator.
    violations: input.judge ? judgeTrace(events).violations.length : null,
  };
  return { ...figures, stressed: isStressed({ badDebtShare: figures.badDebtShare, cascadeDepth: figures.cascadeDepth }, criterion) };
}

const EMPTY: Omit<CascadeCell, 'at' | 'violations'> = {
  openingNotional: '0',
  badDebt: '0',
  badDebtShare: '0',
  socialized: '0',
  cascadeDepth: 0,
  cascadeSteps: 0,
  liquidations: 0,
  liquidatedNotional: '0',
  adlVolume: '0',
  adlEvents: 0,
  stressed: false,
};

