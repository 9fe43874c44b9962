/**
 * Largest survivable adverse move per leverage: for positions opened at a given leverage, the
 * largest move (on a 1 bp grid, found by bisection) that a path of `steps` liquidations absorbs
 * without bad debt, over a fixed panel of accounts (every market, both sides, a small and a large
 * notional). The move reported is where the safe interval that starts at 0 ends.
 * @see docs/params.md#risk-figures
 */
import { Dec, toCanonical as s, ZERO } from '../model/decimal.ts';
import type { SurvivableRow } from '../wire/fuzzReport.ts';
import { GENE_SCALE, type Genome } from './genome.ts';
import { maxLeverageOf, openAccount } from './openAccount.ts';
import type { FuzzSetup } from './paramProperties.ts';
import { adverseMarks, runPath } from './stressPath.ts';

/** Leverage levels reported, where the parameters allow them. */
export const LEVERAGE_LEVELS = [1, 2, 3, 5, 10, 20, 25, 50, 75, 100, 125, 150, 200] as const;

/** One leverage level of the table, as reported (src/wire/fuzzReport.ts). */
export type { SurvivableRow };

const BP = 10_000;

/** The panel: per market, long and short, at the low, middle and high end of the notional range. */
function panel(f: FuzzSetup): Genome[] {
  const out: Genome[] = [];
  for (let market = 0; market < f.pp.markets.size; market++) {
    for (const long of [true, false]) {
      for (const notional of [0.2, 0.8]) {
        out.push({ market, long, notional: notional * GENE_SCALE, price: GENE_SCALE / 2, leverage: 0, ratio: 0, split: Array.from({ length: f.steps }, () => 0) });
      }
    }
  }
  return out;
}

/** A first guess of the survivable move in bp, to size the scan's step: the collateral per unit of notional. */
function expected(cushion: Dec): number {
  return Math.max(1, Math.min(BP - 1, Math.round(cushion.toNumber() * BP)));
}

/**
 * The smallest move (bp) that leaves bad debt, or BP when none below 100% does. Survival is not
 * monotone in the move (a larger first step can close the position before the loss grows), so
 * this scans upward from 0 in steps of about 1/100 of the expected move, then bisects the last
 * step down to 1 bp: the result is the end of the safe interval that starts at 0.
 */
function firstFailure(survives: (bp: number) => boolean, guess: number): number {
  const step = Math.max(1, Math.floor(guess / 100));
  let ok = 0;
  let bad = BP;
  for (let bp = step; bp < BP; bp += step) {
    if (!survives(bp)) {
      bad = bp;
      break;
    }
    ok = bp;
  }
  if (bad === BP) return survives(BP - 1) ? BP : BP - 1;
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    if (survives(mid)) ok = mid;
    else bad = mid;
  }
  return bad;
}

export function survivableMoves(f: FuzzSetup): SurvivableRow[] {
  const accounts = panel(f);
  const maxAllowed = accounts.reduce((m, g) => Dec.max(m, maxLeverageOf(openAccount(f.pp, g))), ZERO);
  const cost = f.fMax.add(f.pp.priceImpact);
  const rows: SurvivableRow[] = [];
  for (const L of LEVERAGE_LEVELS) {
    if (maxAllowed.lt(L)) break;
    const lev = new Dec(L);
    const moves: number[] = [];
    for (const g of accounts) {
      const a = openAccount(f.pp, g, lev);
      if (maxLeverageOf(a).lt(L)) continue;
      const survives = (bp: number) => !runPath(f.pp, a, adverseMarks(f.pp, a, new Dec(bp).div(BP), g.split)).badDebt.gt(0);
      moves.push(firstFailure(survives, expected(a.collateral.div(a.notional))) - 1);
    }
    if (moves.length === 0) continue;
    moves.sort((a, b) => a - b);
    const frac = (bp: number) => s(new Dec(bp).div(BP));
    const cushion = new Dec(1).div(L).sub(cost).div(cost.add(1));
    rows.push({ leverage: L, accounts: moves.length, worst: frac(moves[0]!), median: frac(moves[(moves.length - 1) >> 1]!), cushion: s(Dec.max(ZERO, cushion).toDecimalPlaces(6, Dec.ROUND_DOWN)) });
  }
  return rows;
}
