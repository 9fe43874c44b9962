/**
 * The exogenous price path (docs/simulation.md S3): a shock spread over some steps plus a drift,
 * or a recorded path read from a CSV file.
 * @see docs/simulation.md#s3-the-exogenous-price-path
 */
import { Dec, dmax, floorDiv, floorTo, ONE, ZERO } from '../model/decimal.ts';
import { parseDecimal } from '../model/parseDecimal.ts';
import type { Issue } from '../model/types.ts';
import { PHI_SCALE } from './fraction.ts';

export interface ShockPath {
  readonly startPrice: Dec;
  readonly steps: number;
  /** σ, a signed fraction */
  readonly shock: Dec;
  /** the first step of the move, ≥ 1 */
  readonly shockAt: number;
  readonly shockSteps: number;
  /** ∂ per step */
  readonly drift: Dec;
}

/** `φ_t = min(1, max(0, (t − shockAt + 1)/shockSteps))`, truncated to Φ digits. */
export function shockShare(t: number, shockAt: number, shockSteps: number): Dec {
  const done = t - shockAt + 1;
  if (done <= 0) return ZERO;
  if (done >= shockSteps) return ONE;
  return floorDiv(new Dec(done).mul(PHI_SCALE), new Dec(shockSteps)).div(PHI_SCALE);
}

/** S3: `x_t = max(τ, ⌊x_0·(1 + σ·φ_t + ∂·t)⌋_τ)` for t = 0…T−1. */
export function shockPrices(p: ShockPath, tick: Dec): Dec[] {
  const out: Dec[] = [];
  for (let t = 0; t < p.steps; t++) {
    const factor = ONE.add(p.shock.mul(shockShare(t, p.shockAt, p.shockSteps))).add(p.drift.mul(t));
    out.push(dmax(tick, floorTo(p.startPrice.mul(factor), tick)));
  }
  return out;
}

/**
 * A recorded path's prices from CSV text: a header `price` or `step,price`, then one row per step
 * (a `step` column must count 0, 1, …). Empty lines at the end are ignored. Issues name the row:
 * `path[3].price` is the CSV's fourth data row.
 */
export function parsePathCsv(text: string, path = 'path'): { readonly ok: true; readonly value: readonly string[] } | { readonly ok: false; readonly issues: readonly Issue[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const header = (lines.shift() ?? '').trim().split(',').map((h) => h.trim());
  const withStep = header.length === 2 && header[0] === 'step' && header[1] === 'price';
  if (!withStep && !(header.length === 1 && header[0] === 'price')) {
    return { ok: false, issues: [{ path: `${path}.header`, expected: 'a header "price" or "step,price"', received: JSON.stringify(header.join(',')) }] };
  }
  const issues: Issue[] = [];
  const prices: string[] = [];
  lines.forEach((line, i) => {
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== header.length) {
      issues.push({ path: `${path}[${i}]`, expected: `${header.length} column(s)`, received: JSON.stringify(line) });
      return;
    }
    if (withStep && cells[0] !== String(i)) issues.push({ path: `${path}[${i}].step`, expected: `step ${i}`, received: JSON.stringify(cells[0]) });
    prices.push(cells[withStep ? 1 : 0]!);
  });
  if (prices.length === 0 && issues.length === 0) issues.push({ path, expected: 'at least one price row', received: 'none' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: prices };
}

/** A recorded path's prices as exact decimals, each a positive decimal string; issues by row. */
export function recordedPrices(prices: readonly string[], path = 'path'): { readonly ok: true; readonly value: readonly Dec[] } | { readonly ok: false; readonly issues: readonly Issue[] } {
  const issues: Issue[] = [];
  const out: Dec[] = [];
  prices.forEach((p, i) => {
    const d = parseDecimal(p, `${path}[${i}].price`, issues, { min: 'positive' });
    if (d !== undefined) out.push(d);
  });
  if (prices.length === 0) issues.push({ path, expected: 'at least one price', received: 'none' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}
