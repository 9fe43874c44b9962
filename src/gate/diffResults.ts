/**
 * Field-by-field comparison of an engine's result with the reference's: exact by default, with an
 * explicit tolerance for fixed-point engines (quote units for amounts, lots for sizes).
 */
import { Dec } from '../model/decimal.ts';
import type { LiquidationResult, PositionInput, Scenario } from '../model/types.ts';
import { isExtensionKey } from '../wire/common.ts';

export interface Tolerance {
  /** largest accepted difference of any quote amount (collateral, penalties, PnL, fund, …) */
  readonly quote: Dec;
  /** largest accepted difference of a size, in lots of its market */
  readonly lots: Dec;
}

export const EXACT: Tolerance = { quote: new Dec(0), lots: new Dec(0) };

export interface FieldDiff {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

const QUOTE_FIELDS = new Set([
  'penalty', 'liquidatorFee', 'insuranceFee', 'realizedPnl', 'collateral', 'isolatedMargin',
  'insuranceFund', 'insurancePayout', 'badDebt', 'socializedLoss', 'equity', 'maintenance', 'target', 'proceeds',
]);

const DECIMAL = /^-?\d+(\.\d+)?$/;

function show(x: unknown): string {
  return x === undefined ? '(missing)' : typeof x === 'string' ? x : JSON.stringify(x);
}

/**
 * Differences between `expected` (the reference) and `actual` (the engine), in reading order.
 *
 * @param scenario - supplies each market's lot and mark, which scale the size tolerance
 */
export function diffResults(scenario: Scenario, expected: LiquidationResult, actual: LiquidationResult, tol: Tolerance = EXACT): FieldDiff[] {
  const out: FieldDiff[] = [];
  // The market names come from the engine's answer: only the scenario's own markets count (a fill
  // "in" `constructor` must not reach Object.prototype).
  const lotOf = (market: string | undefined) => new Dec(market !== undefined && Object.hasOwn(scenario.params.markets, market) ? scenario.params.markets[market]!.lotSize : '0');
  const markOf = (market: string | undefined) => new Dec(market !== undefined && Object.hasOwn(scenario.marks, market) ? scenario.marks[market]! : '0');
  const approximate = !tol.quote.isZero() || !tol.lots.isZero();

  const leaf = (path: string, field: string, e: unknown, a: unknown, market?: string) => {
    if (typeof e === 'string' && typeof a === 'string' && DECIMAL.test(e) && DECIMAL.test(a)) {
      const d = new Dec(e).sub(a).abs();
      let limit = new Dec(0);
      if (QUOTE_FIELDS.has(field)) limit = tol.quote;
      else if (field === 'size') limit = tol.lots.mul(lotOf(market));
      else if (field === 'notional') limit = tol.lots.mul(lotOf(market)).mul(markOf(market));
      else if (field === 'marginRatio' && approximate) return; // a ratio of two tolerated amounts
      if (d.gt(limit)) out.push({ path, expected: e, actual: a });
      return;
    }
    if (e !== a && !(field === 'marginRatio' && approximate)) out.push({ path, expected: show(e), actual: show(a) });
  };

  const record = (path: string, e: Readonly<Record<string, unknown>>, a: Readonly<Record<string, unknown>> | undefined, market?: string) => {
    if (a === undefined || a === null || typeof a !== 'object') return void out.push({ path, expected: 'an object', actual: show(a) });
    for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (isExtensionKey(k)) continue; // spec §2.5: an extension, not a field
      const ev = e[k];
      const av = a[k];
      const p = `${path}.${k}`;
      if (ev !== null && typeof ev === 'object' && !Array.isArray(ev)) record(p, ev as Record<string, unknown>, av as Record<string, unknown>, market);
      else leaf(p, k, ev, av, market);
    }
  };

  leaf('status', 'status', expected.status, actual.status);
  const n = Math.max(expected.fills.length, actual.fills.length);
  if (expected.fills.length !== actual.fills.length) out.push({ path: 'fills.length', expected: String(expected.fills.length), actual: String(actual.fills.length) });
  for (let i = 0; i < n && i < expected.fills.length && i < actual.fills.length; i++) {
    const e = expected.fills[i]!;
    record(`fills[${i}]`, e as unknown as Record<string, unknown>, actual.fills[i] as unknown as Record<string, unknown>, e.market);
  }
  leaf('account.collateral', 'collateral', expected.account.collateral, actual.account.collateral);
  const byMarket = (ps: readonly PositionInput[]) => new Map(ps.map((p) => [p.market, p]));
  const ea = byMarket(expected.account.positions);
  const aa = byMarket(actual.account.positions ?? []);
  for (const m of new Set([...ea.keys(), ...aa.keys()])) {
    const e = ea.get(m);
    const a = aa.get(m);
    if (e === undefined || a === undefined) {
      out.push({ path: `account.positions[${m}]`, expected: e ? `size ${e.size}` : '(closed)', actual: a ? `size ${a.size}` : '(closed)' });
      continue;
    }
    record(`account.positions[${m}]`, e as unknown as Record<string, unknown>, a as unknown as Record<string, unknown>, m);
  }
  // §13.4: the assets left and the sales in execution order (both present iff the scenario has assets)
  const assetsOf = (r: LiquidationResult) => (r.account as { assets?: Readonly<Record<string, string>> }).assets;
  const eAssets = assetsOf(expected);
  const aAssets = assetsOf(actual);
  if (eAssets !== undefined || aAssets !== undefined) {
    for (const id of new Set([...Object.keys(eAssets ?? {}), ...Object.keys(aAssets ?? {})])) {
      leaf(`account.assets[${JSON.stringify(id)}]`, 'asset', eAssets?.[id] ?? '0', aAssets?.[id] ?? '0');
    }
  }
  const salesOf = (r: LiquidationResult) => (r as { sales?: readonly Record<string, unknown>[] }).sales;
  const eSales = salesOf(expected);
  const aSales = salesOf(actual);
  if (eSales !== undefined || aSales !== undefined) {
    if ((eSales?.length ?? -1) !== (aSales?.length ?? -1)) out.push({ path: 'sales.length', expected: String(eSales?.length ?? '(missing)'), actual: String(aSales?.length ?? '(missing)') });
    for (let i = 0; i < Math.min(eSales?.length ?? 0, aSales?.length ?? 0); i++) record(`sales[${i}]`, eSales![i]!, aSales![i]);
  }
  for (const k of ['insuranceFund', 'insurancePayout', 'badDebt', 'socializedLoss'] as const) leaf(k, k, expected[k], actual[k]);
  if (expected.groups.length !== actual.groups.length) out.push({ path: 'groups.length', expected: String(expected.groups.length), actual: String(actual.groups.length) });
  expected.groups.forEach((g, i) => {
    const a = actual.groups[i];
    if (a !== undefined) record(`groups[${i}]`, g as unknown as Record<string, unknown>, a as unknown as Record<string, unknown>, g.group === 'cross' ? undefined : g.group);
  });
  return out;
}

/** A diff as aligned lines: `path: expected X, got Y`. */
export function formatDiff(diffs: readonly FieldDiff[], max = 12): string {
  const width = Math.min(44, Math.max(...diffs.map((d) => d.path.length), 4));
  const lines = diffs.slice(0, max).map((d) => `  ${d.path.padEnd(width)}  expected ${d.expected}, got ${d.actual}`);
  if (diffs.length > max) lines.push(`  … and ${diffs.length - max} more`);
  return lines.join('\n');
}
