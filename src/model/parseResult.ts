/**
 * Shape validation of a `LiquidationResult` produced by any engine, possibly buggy and written in
 * another language.
 *
 * @remarks Only the shape and the decimal syntax are checked here: signs, sums and every other
 * relation between values are for the invariants to judge, so a wrong value must parse and reach
 * them. Decimals may be longer than inputs (a maintenance requirement is a size × a price × a
 * rate): the limits are {@link RESULT_DIGITS} of spec §1.1.
 * @see docs/spec.md#8-result
 */
import type { Dec } from './decimal.ts';
import { parseDecimal, RESULT_DIGITS } from './parseDecimal.ts';
import {
  fieldPath,
  indexPath,
  readArray,
  readObject,
  readOneOf,
  readString,
  type Fields,
  type ParseOutcome,
} from './parseScenario.ts';
import type { Issue, Position, Status } from './types.ts';

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
  readonly account: { readonly collateral: Dec; readonly positions: readonly Position[] };
  readonly insuranceFund: Dec;
  readonly insurancePayout: Dec;
  readonly badDebt: Dec;
  readonly socializedLoss: Dec;
  readonly groups: readonly ParsedGroupReport[];
}

const STATUSES: readonly Status[] = ['healthy', 'partial', 'full', 'bankrupt'];
const SIDES: readonly ('sell' | 'buy')[] = ['sell', 'buy'];

const TOTALS = ['insuranceFund', 'insurancePayout', 'badDebt', 'socializedLoss'] as const;
const RESULT_FIELDS = ['status', 'fills', 'account', 'groups', ...TOTALS] as const;
const FILL_AMOUNTS = [
  'size',
  'price',
  'notional',
  'penaltyRate',
  'penalty',
  'liquidatorFee',
  'insuranceFee',
  'realizedPnl',
] as const;
const FILL_FIELDS = ['market', 'side', ...FILL_AMOUNTS] as const;
const SNAPSHOT_AMOUNTS = ['equity', 'maintenance', 'target'] as const;
const SNAPSHOT_FIELDS = [...SNAPSHOT_AMOUNTS, 'marginRatio'] as const;
const GROUP_FIELDS = ['group', 'status', 'before', 'after'] as const;
const ACCOUNT_FIELDS = ['collateral', 'positions'] as const;
const POSITION_FIELDS = ['market', 'size', 'entryPrice', 'isolatedMargin'] as const;

/**
 * Validates the shape of an engine's result (spec §8) and parses its decimals. Values are not
 * judged: a negative fill size or a wrong total parses. Unknown fields are rejected.
 * @see docs/spec.md#8-result
 */
export function parseResult(input: unknown, path = 'result'): ParseOutcome<ParsedResult> {
  const issues: Issue[] = [];
  const value = readResult(input, path, issues);
  return value !== undefined && issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}

function decimal(value: unknown, path: string, issues: Issue[]): Dec | undefined {
  return parseDecimal(value, path, issues, { digits: RESULT_DIGITS });
}

/** Parses the named decimal fields; `undefined` when any of them fails. */
function decimals<K extends string>(
  f: Fields,
  names: readonly K[],
  path: string,
  issues: Issue[],
): Record<K, Dec> | undefined {
  const parsed = new Map<K, Dec>();
  for (const name of names) {
    const x = decimal(f[name], fieldPath(path, name), issues);
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
  issues: Issue[],
  expected: string,
  read: (item: unknown, path: string, issues: Issue[]) => T | undefined,
): T[] | undefined {
  const items = readArray(value, path, issues, expected);
  if (items === undefined) return undefined;
  const parsed = items.map((item, i) => read(item, indexPath(path, i), issues));
  const done = parsed.filter((x): x is T => x !== undefined);
  return done.length === items.length ? done : undefined;
}

function readResult(input: unknown, path: string, issues: Issue[]): ParsedResult | undefined {
  const f = readObject(input, path, issues, RESULT_FIELDS);
  if (f === undefined) return undefined;
  const at = (name: string): string => fieldPath(path, name);
  const status = readOneOf(f.status, at('status'), issues, STATUSES);
  const fills = list(f.fills, at('fills'), issues, 'an array of fills', readFill);
  const account = readAccount(f.account, at('account'), issues);
  const totals = decimals(f, TOTALS, path, issues);
  const groups = list(f.groups, at('groups'), issues, 'an array of group reports', readGroup);
  if (
    status === undefined ||
    fills === undefined ||
    account === undefined ||
    totals === undefined ||
    groups === undefined
  ) {
    return undefined;
  }
  return { status, fills, account, ...totals, groups };
}

function readFill(value: unknown, path: string, issues: Issue[]): ParsedFill | undefined {
  const f = readObject(value, path, issues, FILL_FIELDS);
  if (f === undefined) return undefined;
  const market = readString(f.market, fieldPath(path, 'market'), issues);
  const side = readOneOf(f.side, fieldPath(path, 'side'), issues, SIDES);
  const amounts = decimals(f, FILL_AMOUNTS, path, issues);
  if (market === undefined || side === undefined || amounts === undefined) return undefined;
  return { market, side, ...amounts };
}

function readGroup(value: unknown, path: string, issues: Issue[]): ParsedGroupReport | undefined {
  const f = readObject(value, path, issues, GROUP_FIELDS);
  if (f === undefined) return undefined;
  const group = readString(f.group, fieldPath(path, 'group'), issues);
  const status = readOneOf(f.status, fieldPath(path, 'status'), issues, STATUSES);
  const before = readSnapshot(f.before, fieldPath(path, 'before'), issues);
  const after = readSnapshot(f.after, fieldPath(path, 'after'), issues);
  if (group === undefined || status === undefined || before === undefined || after === undefined) {
    return undefined;
  }
  return { group, status, before, after };
}

function readSnapshot(value: unknown, path: string, issues: Issue[]): ParsedSnapshot | undefined {
  const f = readObject(value, path, issues, SNAPSHOT_FIELDS);
  if (f === undefined) return undefined;
  const amounts = decimals(f, SNAPSHOT_AMOUNTS, path, issues);
  // null is the only non-decimal allowed, and it must be explicit: a missing ratio is a shape error.
  const marginRatio =
    f.marginRatio === null ? null : decimal(f.marginRatio, fieldPath(path, 'marginRatio'), issues);
  if (amounts === undefined || marginRatio === undefined) return undefined;
  return { ...amounts, marginRatio };
}

function readAccount(
  value: unknown,
  path: string,
  issues: Issue[],
): ParsedResult['account'] | undefined {
  const f = readObject(value, path, issues, ACCOUNT_FIELDS);
  if (f === undefined) return undefined;
  const collateral = decimal(f.collateral, fieldPath(path, 'collateral'), issues);
  const positionsPath = fieldPath(path, 'positions');
  const positions = list(f.positions, positionsPath, issues, 'an array of positions', readPosition);
  if (collateral === undefined || positions === undefined) return undefined;
  return { collateral, positions };
}

function readPosition(value: unknown, path: string, issues: Issue[]): Position | undefined {
  const f = readObject(value, path, issues, POSITION_FIELDS);
  if (f === undefined) return undefined;
  const market = readString(f.market, fieldPath(path, 'market'), issues);
  const size = decimal(f.size, fieldPath(path, 'size'), issues);
  const entry = decimal(f.entryPrice, fieldPath(path, 'entryPrice'), issues);
  // Absent means cross margin, as on input.
  const isolatedMargin =
    f.isolatedMargin === undefined
      ? null
      : decimal(f.isolatedMargin, fieldPath(path, 'isolatedMargin'), issues);
  if (market === undefined || size === undefined || entry === undefined || isolatedMargin === undefined) {
    return undefined;
  }
  return { market, size, entry, isolatedMargin };
}
