/**
 * The systemic stress threshold along the shock axis (spec S11): the mildest shock at which a
 * run is stressed, by bisection on the lattice of the resolution, presuming the measure is
 * monotone in |shock|; and the check of that presumption against every run of the row.
 * @see docs/simulation.md#s11-stress-search
 */
import { Dec, toCanonical as s } from '../../model/decimal.ts';
import type { ShockEvaluation, ThresholdRow } from '../../wire/cascadeSweepReport.ts';

/** What one run says about stress: the figures the criterion reads. */
export interface StressMeasure {
  readonly badDebtShare: string;
  readonly cascadeDepth: number;
}

export interface StressCriterion {
  /** a run whose bad-debt share exceeds this is stressed */
  readonly maxBadDebt: Dec;
  /** a run with this many rounds in a step, or more, is stressed too (null: bad debt only) */
  readonly cascadeRounds: number | null;
}

export function isStressed(m: StressMeasure, c: StressCriterion): boolean {
  return new Dec(m.badDebtShare).gt(c.maxBadDebt) || (c.cascadeRounds !== null && m.cascadeDepth >= c.cascadeRounds);
}

export type ThresholdSearch = Pick<ThresholdRow, 'status' | 'threshold' | 'lastUnstressed' | 'evaluations'>;

/**
 * Bisection between the mildest and the most severe shock of the range (`from`, `to`: the axis
 * ends, one sign, not 0). Both ends are run first: stressed at the mildest is `below-range`, not
 * stressed at the most severe `above-range`. Otherwise every probe is a multiple of `resolution`
 * strictly between the bracket, nearest below its midpoint, until no multiple is left between:
 * then `threshold − lastUnstressed ≤ resolution`, and both ends of the answer were simulated.
 *
 * The search does not read the grid scan: a row's search is one task, independent of the cells,
 * so shards can split searches and cells alike (spec S13).
 */
export async function searchThreshold(from: string, to: string, resolution: Dec, criterion: StressCriterion, measure: (shock: string) => Promise<StressMeasure>): Promise<ThresholdSearch> {
  const a = new Dec(from);
  const b = new Dec(to);
  if (a.isZero() || b.isZero() || a.isNegative() !== b.isNegative()) throw new Error(`searchThreshold: the range ${from}…${to} must be of one sign and exclude 0`);
  if (!resolution.gt(0)) throw new Error('searchThreshold: the resolution must be positive');
  const sign = a.isNegative() ? -1 : 1;
  const mild = Dec.min(a.abs(), b.abs());
  const severe = Dec.max(a.abs(), b.abs());
  const evaluations: ShockEvaluation[] = [];
  const run = async (magnitude: Dec): Promise<boolean> => {
    const shock = s(magnitude.mul(sign));
    const m = await measure(shock);
    const stressed = isStressed(m, criterion);
    evaluations.push({ shock, badDebtShare: m.badDebtShare, cascadeDepth: m.cascadeDepth, stressed });
    return stressed;
  };
  if (await run(mild)) return { status: 'below-range', threshold: s(mild.mul(sign)), lastUnstressed: null, evaluations };
  if (mild.eq(severe) || !(await run(severe))) return { status: 'above-range', threshold: null, lastUnstressed: s(severe.mul(sign)), evaluations };
  let lo = mild;
  let hi = severe;
  for (;;) {
    // Multiples k·r strictly inside (lo, hi).
    const kmin = lo.div(resolution).floor().add(1);
    const kmax = hi.div(resolution).ceil().sub(1);
    if (kmin.gt(kmax)) break;
    const kmid = Dec.min(kmax, Dec.max(kmin, lo.add(hi).div(2).div(resolution).floor()));
    const probe = kmid.mul(resolution);
    if (await run(probe)) hi = probe;
    else lo = probe;
  }
  return { status: 'found', threshold: s(hi.mul(sign)), lastUnstressed: s(lo.mul(sign)), evaluations };
}

/**
 * Pairs of runs that contradict monotonicity in |shock|: a run not stressed at a larger |shock|
 * than one that is. Each unstressed run above the mildest stressed one is paired with the most
 * severe stressed run below it. Duplicate shocks (a grid point the search also ran) are one run:
 * the simulation is deterministic.
 */
export function contradictions(runs: readonly { readonly shock: string; readonly stressed: boolean }[]): { readonly stressedAt: string; readonly notStressedAt: string }[] {
  const byShock = new Map<string, boolean>();
  for (const r of runs) byShock.set(r.shock, r.stressed);
  const sorted = [...byShock.entries()].map(([shock, stressed]) => ({ shock, stressed, m: new Dec(shock).abs() })).sort((p, q) => p.m.cmp(q.m));
  const out: { stressedAt: string; notStressedAt: string }[] = [];
  let lastStressed: string | null = null;
  for (const r of sorted) {
    if (r.stressed) lastStressed = r.shock;
    else if (lastStressed !== null) out.push({ stressedAt: lastStressed, notStressedAt: r.shock });
  }
  return out;
}
