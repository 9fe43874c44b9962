/**
 * A lending case read exactly: the parsed scenario, the result's amounts as {@link Fixed} maps and
 * the account's values before and after (spec §11.2), so that each invariant compares numbers and
 * never re-parses strings.
 * @see docs/spec.md#1110-result-and-rounding-summary
 */
import { FZERO, type Fixed } from '../../model/fixed.ts';
import { LendingResult, type LendingScenario } from '../../wire/lending.ts';
import { validator } from '../../wire/validate.ts';
import { accountValue, type AccountValue } from '../baseValue.ts';
import { fixedOf } from '../../model/fixed.ts';
import { parseLendingScenario } from '../parseLendingScenario.ts';
import type { Balances, FLendingAccount, FLendingScenario } from '../types.ts';

export interface LendingView {
  readonly input: FLendingScenario;
  readonly status: LendingResult['status'];
  readonly repaid: Balances;
  readonly seized: Balances;
  readonly protocolFee: Balances;
  readonly liquidatorReceives: Balances;
  readonly deficit: Balances;
  /** the account after, as the result states it */
  readonly after: FLendingAccount;
  /** `W`, `D` and `Σ C` of the account before and after (spec §11.2) */
  readonly valueBefore: AccountValue;
  readonly valueAfter: AccountValue;
  readonly reserves: Fixed | undefined;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

// The documented shape (closed objects, canonical decimals), as LIQ-000 reads a perp result: an
// engine judged without --impl has no LREF-001 behind it to catch an extra key or "1.50".
const checkShape = validator(LendingResult);

/** Where a schema-valid result still breaks spec §11.10: a zero entry, `reason` without `reverted`. */
function shapeProblems(result: unknown): string[] {
  const shape = checkShape(result);
  if (!shape.ok) return shape.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`);
  const r = shape.value;
  const problems: string[] = [];
  const dicts = { repaid: r.repaid, seized: r.seized, protocolFee: r.protocolFee, liquidatorReceives: r.liquidatorReceives, deficit: r.deficit, 'account.supplies': r.account.supplies, 'account.borrows': r.account.borrows };
  for (const [path, dict] of Object.entries(dicts)) {
    for (const [asset, raw] of Object.entries(dict)) if (raw === '0') problems.push(`${path}["${asset}"]: expected a non-zero amount (zero entries are left out), received "0"`);
  }
  if ((r.reason !== undefined) !== (r.status === 'reverted')) {
    problems.push(`reason: expected present iff status is "reverted", received ${r.reason === undefined ? 'nothing' : JSON.stringify(r.reason)} with status ${JSON.stringify(r.status)}`);
  }
  return problems;
}

/** The view of a case, or what makes the result unreadable (a malformed result: LND-000). */
export function viewOf(scenario: LendingScenario, result: LendingResult): { readonly ok: true; readonly value: LendingView } | { readonly ok: false; readonly message: string } {
  const parsed = parseLendingScenario(scenario);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw new Error(`checkLendingCase needs a valid scenario: ${first ? `${first.path}: expected ${first.expected}, received ${first.received}` : 'invalid'}`);
  }
  const input = parsed.value;
  const problems: string[] = shapeProblems(result);
  if (problems.length > 0) return { ok: false, message: `malformed result: ${problems.slice(0, 3).join('; ')}` };
  const read = (dict: Readonly<Record<string, string>> | undefined, path: string): Map<string, Fixed> => {
    const out = new Map<string, Fixed>();
    if (dict === undefined || dict === null || typeof dict !== 'object') {
      problems.push(`${path}: expected a dictionary of amounts, received ${JSON.stringify(dict)}`);
      return out;
    }
    for (const [asset, raw] of Object.entries(dict)) {
      if (typeof raw !== 'string' || !DECIMAL.test(raw)) problems.push(`${path}["${asset}"]: expected a decimal string, received ${JSON.stringify(raw)}`);
      else if (!input.market.assets.has(asset)) problems.push(`${path}["${asset}"]: expected an asset of params.assets, received ${JSON.stringify(asset)}`);
      else out.set(asset, fixedOf(raw));
    }
    return out;
  };
  const r = result as Partial<LendingResult>;
  const repaid = read(r.repaid, 'repaid');
  const seized = read(r.seized, 'seized');
  const protocolFee = read(r.protocolFee, 'protocolFee');
  const liquidatorReceives = read(r.liquidatorReceives, 'liquidatorReceives');
  const deficit = read(r.deficit, 'deficit');
  const supplies = read(r.account?.supplies, 'account.supplies');
  const borrows = read(r.account?.borrows, 'account.borrows');
  if (!['healthy', 'liquidated', 'reverted'].includes(String(r.status))) problems.push(`status: expected one of "healthy", "liquidated", "reverted", received ${JSON.stringify(r.status)}`);
  let reserves: Fixed | undefined;
  if (r.reserves !== undefined) {
    if (typeof r.reserves !== 'string' || !DECIMAL.test(r.reserves)) problems.push(`reserves: expected a decimal string, received ${JSON.stringify(r.reserves)}`);
    else reserves = fixedOf(r.reserves);
  }
  // The account after is valued at the scenario's prices: an asset held after must have one.
  for (const asset of assetsOf(supplies, borrows)) {
    if (!input.market.prices.has(asset)) problems.push(`account: asset ${asset} is held after the call but has no price in the scenario`);
  }
  if (problems.length > 0) return { ok: false, message: `malformed result: ${problems.slice(0, 3).join('; ')}` };
  const after: FLendingAccount = { supplies, borrows };
  return {
    ok: true,
    value: {
      input,
      status: r.status!,
      repaid,
      seized,
      protocolFee,
      liquidatorReceives,
      deficit,
      after,
      valueBefore: accountValue(input.market, input.account),
      valueAfter: accountValue(input.market, after),
      reserves,
    },
  };
}

/** `x[asset]`, 0 when absent. */
export const amount = (x: Balances, asset: string): Fixed => x.get(asset) ?? FZERO;

/** Assets with a non-zero entry in any of `maps`, in ascending code-unit order. */
export function assetsOf(...maps: readonly Balances[]): string[] {
  const ids = new Set<string>();
  for (const m of maps) for (const [k, v] of m) if (!v.isZero()) ids.add(k);
  return [...ids].sort();
}

/** Non-zero entries of a map other than `allowed`. */
export function othersThan(x: Balances, allowed: string): string[] {
  return assetsOf(x).filter((k) => k !== allowed);
}
