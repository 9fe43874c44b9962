/**
 * Helpers for metamorphic (relation) invariants.
 *
 * @internal
 */
import type { ExactResult } from '../model/amountResult.ts';
import type { Fixed } from '../model/fixed.ts';
import { exactResultOf } from '../model/parsedEngine.ts';
import type { DerivedRun } from './invariant.ts';
import type { LiquidationResult } from '../model/types.ts';
import { isExtensionKey } from '../wire/common.ts';

/** The derived run's result, or a message saying why there is none. */
export function resultOf(run: DerivedRun | undefined): LiquidationResult | string {
  if (run === undefined) return 'the derived scenario was not run';
  if (!run.outcome.ok) {
    const e = run.outcome.error;
    const detail = 'message' in e && typeof e.message === 'string' ? `: ${e.message.split('\n')[0]}` : '';
    return `the engine answered the derived scenario with ${e.code}${detail}`;
  }
  return run.outcome.result;
}


/**
 * The first place where two JSON values differ (object key order ignored), as a path with both
 * values, or `null` when they are equal. Cheaper than comparing canonical strings, and it says
 * where.
 */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // spec §2.5: `x-` keys are extensions, never compared.
  const ka = Object.keys(ra).filter((k) => !isExtensionKey(k));
  const kb = Object.keys(rb).filter((k) => !isExtensionKey(k));
  if (ka.length !== kb.length) {
    const extra = [...new Set([...ka, ...kb])].filter((k) => !(k in ra) || !(k in rb));
    return `${path}: fields ${extra.join(', ')} present on one side only`;
  }
  for (const k of ka) {
    if (!(k in rb)) return `${path}.${k}: present on one side only`;
    const d = firstDifference(ra[k], rb[k], path ? `${path}.${k}` : k);
    if (d !== null) return d;
  }
  return null;
}

/**
 * The exact amounts of a derived run's result when the engine recorded them (the in-process
 * reference: src/model/parsedEngine.ts `exactResultOf`), else `undefined`: read it before
 * {@link resultOf}, which writes the wire strings of such a result.
 */
export function exactRunResult(run: DerivedRun | undefined): ExactResult | undefined {
  if (run === undefined) return undefined;
  // An exact-first run (checkCase.ts) has its exact result at hand, and its wire outcome unwritten.
  if (run.exact !== undefined) return run.exact;
  return run.outcome.ok ? exactResultOf(run.outcome) : undefined;
}

/**
 * Whether two exact results are the same result: every field, amounts by value, fills and groups
 * in order, positions in order. Equal amounts write equal canonical strings and the reference
 * writes both forms from the same amounts, so this holds exactly when {@link firstDifference}
 * finds no difference between their wire forms. Written out field by field: a generic walk over
 * the keys cost more than the comparison it saves.
 */
export function sameExact(a: ExactResult, b: ExactResult): boolean {
  return (
    a.status === b.status &&
    a.insuranceFund.eq(b.insuranceFund) &&
    a.insurancePayout.eq(b.insurancePayout) &&
    a.badDebt.eq(b.badDebt) &&
    a.socializedLoss.eq(b.socializedLoss) &&
    a.account.collateral.eq(b.account.collateral) &&
    sameList(a.fills, b.fills, sameFill) &&
    sameList(a.account.positions, b.account.positions, samePosition) &&
    sameList(a.groups, b.groups, sameGroup)
  );
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

type Part<K extends keyof ExactResult> = ExactResult[K] extends readonly (infer T)[] ? T : never;

function sameFill(a: Part<'fills'>, b: Part<'fills'>): boolean {
  return (
    a.market === b.market &&
    a.side === b.side &&
    a.size.eq(b.size) &&
    a.price.eq(b.price) &&
    a.notional.eq(b.notional) &&
    a.penaltyRate.eq(b.penaltyRate) &&
    a.penalty.eq(b.penalty) &&
    a.liquidatorFee.eq(b.liquidatorFee) &&
    a.insuranceFee.eq(b.insuranceFee) &&
    a.realizedPnl.eq(b.realizedPnl)
  );
}

function samePosition(a: ExactResult['account']['positions'][number], b: ExactResult['account']['positions'][number]): boolean {
  return a.market === b.market && a.size.eq(b.size) && a.entry.eq(b.entry) && sameOptional(a.isolatedMargin, b.isolatedMargin);
}

function sameSnapshot(a: Part<'groups'>['before'], b: Part<'groups'>['before']): boolean {
  return a.equity.eq(b.equity) && a.maintenance.eq(b.maintenance) && a.target.eq(b.target) && sameOptional(a.marginRatio, b.marginRatio);
}

function sameGroup(a: Part<'groups'>, b: Part<'groups'>): boolean {
  return a.group === b.group && a.status === b.status && sameSnapshot(a.before, b.before) && sameSnapshot(a.after, b.after);
}

function sameOptional(a: Fixed | null, b: Fixed | null): boolean {
  return a === null || b === null ? a === b : a.eq(b);
}
