/**
 * Targeted search toward the worst case (fast-check has no `target()`): a seeded best-of-batch
 * hill-climb over genomes maximizing the shortfall of PRM-001 — bad debt per unit of opening
 * notional when there is some, otherwise minus the equity left per unit of notional, so the
 * search has a slope to climb before it finds bad debt.
 * @see docs/params.md#targeted-search
 */
import fc from 'fast-check';
import { formatPercent } from '../io/formatFigure.ts';
import { Dec, toCanonical as s } from '../model/decimal.ts';
import type { SearchResult } from '../wire/fuzzReport.ts';
import { GENE_SCALE, genomeArb, type Genome } from './genome.ts';
import { leverageOf } from './openAccount.ts';
import { prm001, type FuzzSetup } from './paramProperties.ts';
import { rng, type Rng } from './rng.ts';

/** The search's evaluations and the worst genome found, as reported (src/wire/fuzzReport.ts). */
export type { SearchResult };

const POPULATION = 32;
const KEEP = 8;

function objective(f: FuzzSetup, g: Genome): { value: Dec; message: string; violation: boolean } | null {
  const run = prm001(f, g);
  if (run.path === undefined) return null;
  const value = run.path.badDebt.gt(0) ? run.path.badDebt.div(run.account.notional) : run.path.equity.neg().div(run.account.notional);
  const message = run.message ?? `worst account found: ${run.account.long ? 'long' : 'short'} ${s(run.account.size.abs())} ${run.account.market} at ${s(leverageOf(run.account).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN))}×, moved ${formatPercent(run.move!)}, keeps equity ${s(run.path.equity)} of notional ${s(run.account.notional)}`;
  return { value, message, violation: run.message !== undefined };
}

function clampGene(x: number): number {
  return Math.max(0, Math.min(GENE_SCALE, Math.round(x)));
}

function mutate(r: Rng, g: Genome, markets: number, scale: number): Genome {
  const nudge = (x: number) => (r.next() < 0.4 ? clampGene(x + (r.next() * 2 - 1) * scale * GENE_SCALE) : x);
  return {
    market: r.next() < 0.1 ? r.int(0, markets - 1) : g.market,
    long: r.next() < 0.1 ? !g.long : g.long,
    notional: nudge(g.notional),
    price: nudge(g.price),
    leverage: r.next() < 0.2 ? 0 : nudge(g.leverage),
    ratio: r.next() < 0.2 ? 0 : nudge(g.ratio),
    split: g.split.map(nudge),
  };
}

/**
 * Spends `budget` evaluations: a random first batch (drawn by fast-check from `seed`), then
 * generations that keep the best {@link KEEP} and mutate them with a shrinking step. Stops early
 * at the first violation (bad debt within the claim). Deterministic for a seed.
 */
export function targetedSearch(f: FuzzSetup, seed: number, budget: number): SearchResult {
  if (budget <= 0) return { evaluations: 0 };
  const r = rng(seed);
  const markets = f.pp.markets.size;
  type Scored = { genome: Genome; value: Dec; message: string; violation: boolean };
  let pool: Scored[] = [];
  let evaluations = 0;
  const score = (g: Genome): Scored | null => {
    evaluations++;
    const o = objective(f, g);
    return o === null ? null : { genome: g, ...o };
  };
  for (const g of fc.sample(genomeArb(markets, f.steps), { seed, numRuns: Math.min(POPULATION, budget) })) {
    const x = score(g);
    if (x) pool.push(x);
  }
  let generation = 0;
  while (evaluations < budget && !pool.some((p) => p.violation)) {
    pool.sort((a, b) => b.value.cmp(a.value));
    pool = pool.slice(0, KEEP);
    if (pool.length === 0) break;
    const step = Math.max(0.002, 0.25 * Math.pow(0.85, generation++));
    const children: Scored[] = [];
    for (let i = 0; i < POPULATION - KEEP && evaluations < budget; i++) {
      const x = score(mutate(r, pool[i % pool.length]!.genome, markets, step));
      if (x) children.push(x);
    }
    pool.push(...children);
  }
  pool.sort((a, b) => b.value.cmp(a.value));
  const best = pool[0];
  return best === undefined
    ? { evaluations }
    : { evaluations, best: { genome: best.genome, objective: s(best.value.toDecimalPlaces(12, Dec.ROUND_HALF_EVEN)), message: best.message, violation: best.violation } };
}
