/**
 * The population of accounts (docs/simulation.md S2.1): generated from a seed with documented
 * distributions of side, notional, entry, leverage and margin mode, or read from a file.
 * @see docs/simulation.md#s21-the-population
 */
import { ceilDiv, Dec, dmax, dmin, floorDiv, floorTo, ONE, toCanonical, ZERO } from '../model/decimal.ts';
import { tierIndex } from '../model/maintenanceMargin.ts';
import type { Issue, MarketParams } from '../model/types.ts';
import { rng } from '../fuzz/rng.ts';
import { PopulationFile } from '../wire/simulation.ts';
import { validator } from '../wire/validate.ts';
import type { HealthCheck } from './liquidatable.ts';
import type { AccountState } from './stepEngine.ts';
import { PHI_SCALE, truncPhi } from './fraction.ts';

/** The distributions' parameters (the `population` of the configuration, resolved). */
export interface PopulationSpec {
  readonly count: number;
  readonly longShare: Dec;
  readonly minNotional: Dec;
  readonly maxNotional: Dec;
  readonly entrySpread: Dec;
  readonly maxLeverage: Dec;
  readonly isolatedShare: Dec;
}

export interface Population {
  readonly accounts: readonly AccountState[];
  readonly redrawn: number;
}

/** The id of the `i`-th account (1-based): `a000001`, … (more digits past 999,999). */
export function accountId(i: number): string {
  return `a${String(i).padStart(6, '0')}`;
}

/** S2.1: a uniform draw as a decimal, `⌊U·10^9⌋·10^−9`, so the arithmetic after it is platform-free. */
function draw(next: () => number): Dec {
  return new Dec(Math.floor(next() * 1e9)).div(1e9);
}

/** Ratios (log-uniform draws) need powers with fractional exponents: 40 significant digits. */
const Ratio = Dec.clone({ precision: 40 });
type Ratio = InstanceType<typeof Ratio>;

/**
 * `u ↦ lo·(hi/lo)^u` for the draws `u = j·10^−9` of S2.1, as a table: with `j`'s nine digits
 * `d_1…d_9`, `(hi/lo)^u = Π_i (hi/lo)^(d_i·10^−i)`, ninety powers computed once at 40 digits, so a
 * draw costs nine 40-digit products (decimal.js's general power costs a logarithm and an
 * exponential per call, some hundred times more) and is the same on every platform.
 */
export function logUniform(lo: Dec, hi: Dec): (u: Dec) => Dec {
  if (lo.eq(hi)) return () => lo;
  const ratio = new Ratio(hi.toString()).div(lo.toString());
  const table: Ratio[][] = [];
  for (let i = 1; i <= 9; i++) {
    const row: Ratio[] = [];
    for (let d = 0; d <= 9; d++) row.push(ratio.pow(new Ratio(d).div(new Ratio(10).pow(i))));
    table.push(row);
  }
  const low = new Ratio(lo.toString());
  return (u: Dec): Dec => {
    const digits = u.mul(1e9).toFixed(0).padStart(9, '0');
    if (digits.length > 9) return hi;
    let r: Ratio = low;
    for (let i = 0; i < 9; i++) {
      const d = digits.charCodeAt(i) - 48;
      if (d !== 0) r = r.mul(table[i]![d]!);
    }
    return dmin(hi, dmax(lo, truncPhi(new Dec(r.toString()))));
  };
}

/**
 * Generates the population: per account, in id order, five draws (side, notional, entry, leverage,
 * mode) of one mulberry32 stream seeded with `seed`. An account liquidatable at `x0` is redrawn
 * with half the leverage up to 8 times, then opened at leverage 1 (no further draws).
 */
export function generatePopulation(spec: PopulationSpec, seed: number, x0: Dec, market: MarketParams, unit: Dec, check: HealthCheck): Population {
  const { next } = rng(seed);
  const { lot, tick, tiers } = market;
  const notionalOf = logUniform(spec.minNotional, spec.maxNotional);
  const leverages = new Map<string, (u: Dec) => Dec>();
  const accounts: AccountState[] = [];
  let redrawn = 0;
  for (let i = 1; i <= spec.count; i++) {
    const uSide = draw(next);
    const uNotional = draw(next);
    const uEntry = draw(next);
    const uLeverage = draw(next);
    const uMode = draw(next);
    const long = uSide.lt(spec.longShare);
    const notional = notionalOf(uNotional);
    const shift = spec.entrySpread.mul(uEntry.mul(2).sub(1));
    const entry = dmax(tick, floorTo(x0.mul(ONE.add(shift)), tick));
    const size = dmax(lot, floorDiv(notional, entry.mul(lot)).mul(lot));
    const opened = size.mul(entry);
    const ir = tiers[tierIndex(tiers, opened)]!.initialRate;
    const maxLev = dmax(ONE, dmin(spec.maxLeverage, floorDiv(PHI_SCALE, ir).div(PHI_SCALE)));
    let leverageOf = leverages.get(maxLev.toString());
    if (leverageOf === undefined) leverages.set(maxLev.toString(), (leverageOf = logUniform(ONE, maxLev)));
    let leverage = leverageOf(uLeverage);
    const isolated = uMode.lt(spec.isolatedShare);
    const id = accountId(i);
    const open = (lev: Dec): AccountState => ({ id, collateral: ceilDiv(opened, lev.mul(unit)).mul(unit), size: long ? size : size.neg(), entry, isolated });
    let a = open(leverage);
    if (check.at(a, x0)) {
      redrawn++;
      for (let k = 0; k < 8 && check.at(a, x0); k++) {
        leverage = truncPhi(leverage.div(2));
        a = open(dmax(ONE, leverage));
      }
      if (check.at(a, x0)) a = open(ONE);
    }
    accounts.push(a);
  }
  return { accounts, redrawn };
}

const checkFile = validator(PopulationFile);

/**
 * A population read from a JSON array of `{id, side, size, entry, collateral, mode}`: structure by
 * the schema, then the grids (size on the lot, entry a positive multiple of the tick, collateral a
 * non-negative multiple of the unit) and unique ids; issues with their paths (`accounts[3].size`).
 * The accounts are returned in id order.
 */
export function readPopulation(value: unknown, market: MarketParams, unit: Dec, path = 'accounts'): { readonly ok: true; readonly value: Population } | { readonly ok: false; readonly issues: readonly Issue[] } {
  const shape = checkFile(value, path);
  if (!shape.ok) return shape;
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const accounts: AccountState[] = [];
  shape.value.forEach((w, i) => {
    const at = `${path}[${i}]`;
    if (seen.has(w.id)) issues.push({ path: `${at}.id`, expected: 'a unique account id', received: JSON.stringify(w.id) });
    seen.add(w.id);
    const size = new Dec(w.size);
    const entry = new Dec(w.entry);
    const collateral = new Dec(w.collateral);
    if (size.isNeg() || !floorTo(size, market.lot).eq(size)) issues.push({ path: `${at}.size`, expected: `a non-negative multiple of the lot ${toCanonical(market.lot)}`, received: JSON.stringify(w.size) });
    if (!entry.gt(0) || !floorTo(entry, market.tick).eq(entry)) issues.push({ path: `${at}.entry`, expected: `a positive multiple of the tick ${toCanonical(market.tick)}`, received: JSON.stringify(w.entry) });
    if (collateral.isNeg() || !floorTo(collateral, unit).eq(collateral)) issues.push({ path: `${at}.collateral`, expected: `a non-negative multiple of the quote unit ${toCanonical(unit)}`, received: JSON.stringify(w.collateral) });
    accounts.push({ id: w.id, collateral, size: w.side === 'long' ? size : size.isZero() ? ZERO : size.neg(), entry, isolated: w.mode === 'isolated' });
  });
  if (issues.length > 0) return { ok: false, issues };
  accounts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ok: true, value: { accounts, redrawn: 0 } };
}
