/**
 * Maintenance tier tables that satisfy the continuity rule of spec §3 by construction.
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
import type { TierInput } from '../model/types.ts';

/** One bracket as a human writes it: the offset is derived, never typed. */
export interface TierSpec {
  readonly notionalFloor: string;
  readonly maintenanceRate: string;
  readonly initialRate: string;
}

/** A plain decimal as a human writes it (what a bracket's floor and rate may be). */
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** `value` as `mantissa · 10^−scale`, exactly. */
function parsePlain(value: string, path: string): { m: bigint; scale: number } {
  const p = PLAIN.exec(value);
  if (p === null) throw new Error(`continuousTiers: ${path}: expected a plain decimal string, got ${JSON.stringify(value)}`);
  const frac = p[3] ?? '';
  const abs = BigInt((p[2] ?? '0') + frac);
  return { m: p[1] === '-' ? -abs : abs, scale: frac.length };
}

/** Canonical string (spec §1.1) of `m · 10^−scale`, any scale ≥ 0. */
function canonical(m: bigint, scale: number): string {
  if (m === 0n) return '0';
  const negative = m < 0n;
  const digits = (negative ? -m : m).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const body = frac === '' ? int : `${int}.${frac}`;
  return negative ? `-${body}` : body;
}

/**
 * Completes a bracket table with `maintenanceAmount[n] = maintenanceAmount[n−1] +
 * floor[n]·(rate[n] − rate[n−1])`, computed exactly.
 *
 * @remarks Hand-computed offsets are the most common way a tier table is wrong (and the parser
 * rejects any inexact one), so every table in this folder goes through here. Integer mantissas,
 * not decimal.js: the generated parameter sets complete a table on every draw, and a product of
 * two decimals with `a` and `b` fraction digits is an exact integer at scale `a + b`.
 * @throws Error when a floor or rate is not a plain decimal string.
 */
export function continuousTiers(rows: readonly TierSpec[]): TierInput[] {
  let amount = 0n;
  let amountScale = 0;
  let prev: { m: bigint; scale: number } | undefined;
  return rows.map((row, i) => {
    const rate = parsePlain(row.maintenanceRate, `rows[${i}].maintenanceRate`);
    if (prev !== undefined) {
      const floor = parsePlain(row.notionalFloor, `rows[${i}].notionalFloor`);
      // rate − prev at the larger of their scales, times the floor: scale floor + that.
      const rs = Math.max(rate.scale, prev.scale);
      const diff = rate.m * 10n ** BigInt(rs - rate.scale) - prev.m * 10n ** BigInt(rs - prev.scale);
      const termScale = floor.scale + rs;
      const scale = Math.max(amountScale, termScale);
      amount = amount * 10n ** BigInt(scale - amountScale) + floor.m * diff * 10n ** BigInt(scale - termScale);
      amountScale = scale;
    }
    prev = rate;
    return {
      notionalFloor: row.notionalFloor,
      maintenanceRate: row.maintenanceRate,
      maintenanceAmount: canonical(amount, amountScale),
      initialRate: row.initialRate,
    };
  });
}
