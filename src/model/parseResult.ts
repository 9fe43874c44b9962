/**
 * Shape validation of a `LiquidationResult` produced by any engine, possibly buggy and written in
 * another language.
 *
 * @remarks Only the shape and the decimal syntax are checked here: signs, sums and every other
 * relation between values are for the invariants to judge, so a wrong value must parse and reach
 * them. Decimals may be longer than inputs (a maintenance requirement is a size × a price × a
 * rate): the limits are {@link RESULT_DIGITS} of spec §1.1. The shape is src/wire/result.ts; its
 * compiled check runs first, and a result it accepts is only converted (see the modes in
 * parseScenario.ts).
 * @see docs/spec.md#8-result
 */
import type { Dec } from './decimal.ts';
import { Compile } from 'typebox/compile';
import { RESULT_DIGITS, type DecimalRules } from './parseDecimal.ts';
import { Status as StatusSchema, fieldsOf, literalsOf } from '../wire/common.ts';
import { Fill as FillSchema, Side } from '../wire/fill.ts';
import { GroupReport } from '../wire/groupReport.ts';
import { Result, ResultAccount, ResultPosition, Sale } from '../wire/result.ts';
import { Snapshot } from '../wire/snapshot.ts';
import {
  context,
  dec,
  type Cx,
  fieldPath,
  indexPath,
  keyPath,
  readEntries,
  readArray,
  readObject,
  readOneOf,
  readString,
  type Fields,
  type ParseOutcome,
} from './parseScenario.ts';
import type { Fill, GroupSnapshot, LiquidationResult, Position, Status } from './types.ts';

export { RESULT_DIGITS } from './parseDecimal.ts';

export interface ParsedFill {
  readonly market: string;
  readonly side: 'sell' | 'buy';
  readonly size: Dec;
  readonly price: Dec;
  readonly notional: Dec;
  readonly penaltyRate: Dec;
  readonly penalty: Dec;
  readonly liquidatorFee: Dec;
  readonly insuranceFee: Dec;
  readonly realizedPnl: Dec;
}

export interface ParsedSnapshot {
  readonly equity: Dec;
  readonly maintenance: Dec;
  readonly target: Dec;
  /** `null` when the engine reports `MM = 0`. */
  readonly marginRatio: Dec | null;
}

export interface ParsedGroupReport {
  readonly group: string;
  readonly status: Status;
  readonly before: ParsedSnapshot;
  readonly after: ParsedSnapshot;
}

export interface ParsedResult {
  readonly status: Status;
  readonly fills: readonly ParsedFill[];
  /** `assets`: §13.4's balances after, present iff the scenario had params.assets */
  readonly account: { readonly collateral: Dec; readonly positions: readonly Position[]; readonly assets?: Readonly<Record<string, Dec>> };
  readonly insuranceFund: Dec;
  readonly insurancePayout: Dec;
  readonly badDebt: Dec;
  readonly socializedLoss: Dec;
  readonly groups: readonly ParsedGroupReport[];
  /** §13.4's sales, present iff the scenario had params.assets */
  readonly sales?: readonly ParsedSale[];
}

export interface ParsedSale {
  readonly asset: string;
  readonly amount: Dec;
  readonly proceeds: Dec;
}

const RESULT_RULES: DecimalRules = { digits: RESULT_DIGITS };
/**
 * The result schema (src/wire/result.ts) compiled. It requires canonical decimals, as every
 * reference result has; a result with trailing zeros fails it and is read by the checking pass,
 * which accepts any decimal within RESULT_DIGITS, as before.
 */
const RESULT_CHECK = Compile(Result);

// Closed field sets and options from the wire schemas; the amount lists say which fields are
// decimals, checked against the wire types by `satisfies`.
const STATUSES: readonly Status[] = literalsOf(StatusSchema);
const SIDES: readonly ('sell' | 'buy')[] = literalsOf(Side);

const TOTALS = ['insuranceFund', 'insurancePayout', 'badDebt', 'socializedLoss'] as const satisfies readonly (keyof LiquidationResult)[];
const RESULT_FIELDS = fieldsOf(Result);
const FILL_AMOUNTS = [
  'size',
  'price',
  'notional',
  'penaltyRate',
  'penalty',
  'liquidatorFee',
  'insuranceFee',
  'realizedPnl',
] as const satisfies readonly (keyof Fill)[];
const FILL_FIELDS = fieldsOf(FillSchema);
const SNAPSHOT_AMOUNTS = ['equity', 'maintenance', 'target'] as const satisfies readonly (keyof GroupSnapshot)[];
const SNAPSHOT_FIELDS = fieldsOf(Snapshot);
const GROUP_FIELDS = fieldsOf(GroupReport);
const ACCOUNT_FIELDS = fieldsOf(ResultAccount);
const POSITION_FIELDS = fieldsOf(ResultPosition);
const SALE_FIELDS = fieldsOf(Sale);

/**
 * Validates the shape of an engine's result (spec §8) and parses its decimals. Values are not
 * judged: a negative fill size or a wrong total parses. Unknown fields are rejected.
 * @see docs/spec.md#8-result
 */
export function parseResult(input: unknown, path = 'result'): ParseOutcome<ParsedResult> {
  const cx = context(RESULT_CHECK.Check(input));
  const value = readResult(input, path, cx);
  return value !== undefined && cx.issues.length === 0 ? { ok: true, value } : { ok: false, issues: cx.issues };
}

function decimal(value: unknown, path: string, cx: Cx): Dec | undefined {
  return dec(value, path, cx, RESULT_RULES);
}

/** Parses the named decimal fields; `undefined` when any of them fails. */
function decimals<K extends string>(
  f: Fields,
  names: readonly K[],
  path: string,
  cx: Cx,
): Record<K, Dec> | undefined {
  const parsed = new Map<K, Dec>();
  for (const name of names) {
    const x = decimal(f[name], fieldPath(path, name), cx);
    if (x !== undefined) parsed.set(name, x);
  }
  if (parsed.size !== names.length) return undefined;
  // Every name is in the map, so the record is complete.
  return Object.fromEntries(parsed) as Record<K, Dec>;
}

/** Maps `read` over an array; `undefined` when the array or any element fails. */
function list<T>(
  value: unknown,
  path: string,
  cx: Cx,
  expected: string,
  read: (item: unknown, path: string, cx: Cx) => T | undefined,
): T[] | undefined {
  const items = readArray(value, path, cx, expected);
  if (items === undefined) return undefined;
  const parsed = items.map((item, i) => read(item, indexPath(path, i), cx));
  const done = parsed.filter((x): x is T => x !== undefined);
  return done.length === items.length ? done : undefined;
}

function readResult(input: unknown, path: string, cx: Cx): ParsedResult | undefined {
  const f = readObject(input, path, cx, RESULT_FIELDS);
  if (f === undefined) return undefined;
  const at = (name: string): string => fieldPath(path, name);
  const status = readOneOf(f.status, at('status'), cx, STATUSES);
  const fills = list(f.fills, at('fills'), cx, 'an array of fills', readFill);
  const account = readAccount(f.account, at('account'), cx);
  const totals = decimals(f, TOTALS, path, cx);
  const groups = list(f.groups, at('groups'), cx, 'an array of group reports', readGroup);
  const sales = f.sales === undefined ? undefined : list(f.sales, at('sales'), cx, 'an array of sales', readSale);
  if (
    status === undefined ||
    fills === undefined ||
    account === undefined ||
    totals === undefined ||
    groups === undefined ||
    (f.sales !== undefined && sales === undefined)
  ) {
    return undefined;
  }
  return sales === undefined ? { status, fills, account, ...totals, groups } : { status, fills, account, ...totals, groups, sales };
}

function readSale(value: unknown, path: string, cx: Cx): ParsedSale | undefined {
  const f = readObject(value, path, cx, SALE_FIELDS);
  if (f === undefined) return undefined;
  const asset = readString(f.asset, fieldPath(path, 'asset'), cx);
  const amount = decimal(f.amount, fieldPath(path, 'amount'), cx);
  const proceeds = decimal(f.proceeds, fieldPath(path, 'proceeds'), cx);
  if (asset === undefined || amount === undefined || proceeds === undefined) return undefined;
  return { asset, amount, proceeds };
}

function readFill(value: unknown, path: string, cx: Cx): ParsedFill | undefined {
  const f = readObject(value, path, cx, FILL_FIELDS);
  if (f === undefined) return undefined;
  const market = readString(f.market, fieldPath(path, 'market'), cx);
  const side = readOneOf(f.side, fieldPath(path, 'side'), cx, SIDES);
  const amounts = decimals(f, FILL_AMOUNTS, path, cx);
  if (market === undefined || side === undefined || amounts === undefined) return undefined;
  return { market, side, ...amounts };
}

function readGroup(value: unknown, path: string, cx: Cx): ParsedGroupReport | undefined {
  const f = readObject(value, path, cx, GROUP_FIELDS);
  if (f === undefined) return undefined;
  const group = readString(f.group, fieldPath(path, 'group'), cx);
  const status = readOneOf(f.status, fieldPath(path, 'status'), cx, STATUSES);
  const before = readSnapshot(f.before, fieldPath(path, 'before'), cx);
  const after = readSnapshot(f.after, fieldPath(path, 'after'), cx);
  if (group === undefined || status === undefined || before === undefined || after === undefined) {
    return undefined;
  }
  return { group, status, before, after };
}

function readSnapshot(value: unknown, path: string, cx: Cx): ParsedSnapshot | undefined {
  const f = readObject(value, path, cx, SNAPSHOT_FIELDS);
  if (f === undefined) return undefined;
  const amounts = decimals(f, SNAPSHOT_AMOUNTS, path, cx);
  // null is the only non-decimal allowed, and it must be explicit: a missing ratio is a shape error.
  const marginRatio =
    f.marginRatio === null ? null : decimal(f.marginRatio, fieldPath(path, 'marginRatio'), cx);
  if (amounts === undefined || marginRatio === undefined) return undefined;
  return { ...amounts, marginRatio };
}

function readAccount(
  value: unknown,
  path: string,
  cx: Cx,
): ParsedResult['account'] | undefined {
  const f = readObject(value, path, cx, ACCOUNT_FIELDS);
  if (f === undefined) return undefined;
  const collateral = decimal(f.collateral, fieldPath(path, 'collateral'), cx);
  const positionsPath = fieldPath(path, 'positions');
  const positions = list(f.positions, positionsPath, cx, 'an array of positions', readPosition);
  let assets: Record<string, Dec> | undefined;
  if (f.assets !== undefined) {
    const entries = readEntries(f.assets, fieldPath(path, 'assets'), cx, 'an object of asset balances by asset id');
    if (entries === undefined) return undefined;
    assets = {};
    for (const [id, raw] of entries) {
      const x = decimal(raw, keyPath(fieldPath(path, 'assets'), id), cx);
      if (x === undefined) return undefined;
      assets[id] = x;
    }
  }
  if (collateral === undefined || positions === undefined) return undefined;
  return assets === undefined ? { collateral, positions } : { collateral, positions, assets };
}

function readPosition(value: unknown, path: string, cx: Cx): Position | undefined {
  const f = readObject(value, path, cx, POSITION_FIELDS);
  if (f === undefined) return undefined;
  const market = readString(f.market, fieldPath(path, 'market'), cx);
  const size = decimal(f.size, fieldPath(path, 'size'), cx);
  const entry = decimal(f.entryPrice, fieldPath(path, 'entryPrice'), cx);
  // Absent means cross margin, as on input.
  const isolatedMargin =
    f.isolatedMargin === undefined
      ? null
      : decimal(f.isolatedMargin, fieldPath(path, 'isolatedMargin'), cx);
  if (market === undefined || size === undefined || entry === undefined || isolatedMargin === undefined) {
    return undefined;
  }
  return { market, size, entry, isolatedMargin };
}
