/**
 * The scenario fields a policy reads beyond spec §2 — `policy`, `book`, `requests` — checked and
 * parsed (spec §10.1, §10.3, §10.4). Each is absent under the reference policy, and `book` and
 * `requests` are rejected when the policy would not read them, so that nothing is silently ignored.
 * @see docs/spec.md#10-policies
 */
import { floorDiv, fromDec, toCanonical, type Fixed } from '../model/fixed.ts';
import { decimalOf, describeValue } from '../model/parseDecimal.ts';
import type { Issue, ParsedParams } from '../model/types.ts';
import { Book as BookSchema } from '../wire/book.ts';
import { dictionary, InputDecimal } from '../wire/common.ts';
import { validator } from '../wire/validate.ts';
import type { FBook, FLevel } from './book.ts';
import { parsePolicy } from './parsePolicy.ts';
import { REFERENCE_POLICY, type FPolicy } from './policy.ts';

const checkBooks = validator(dictionary(BookSchema), 'book');
const checkRequests = validator(dictionary(InputDecimal), 'requests');

export interface PolicyInputs {
  readonly policy: FPolicy;
  readonly book: ReadonlyMap<string, FBook> | undefined;
  readonly requests: ReadonlyMap<string, Fixed> | undefined;
}

const REFERENCE_INPUTS: PolicyInputs = Object.freeze({ policy: REFERENCE_POLICY, book: undefined, requests: undefined });

/**
 * Reads the three fields; pushes issues (paths from the scenario root) and returns undefined on
 * any. `params` is undefined when the params were invalid: grid checks are then skipped (the
 * params' own issues say why); `held` are the markets the account holds.
 */
export function readPolicyInputs(
  raw: { readonly policy: unknown; readonly book: unknown; readonly requests: unknown },
  params: ParsedParams | undefined,
  held: readonly string[],
  issues: Issue[],
): PolicyInputs | undefined {
  if (raw.policy === undefined && raw.book === undefined && raw.requests === undefined) return REFERENCE_INPUTS;
  let policy: FPolicy = REFERENCE_POLICY;
  if (raw.policy !== undefined) {
    const p = parsePolicy(raw.policy, 'policy');
    if (!p.ok) {
      issues.push(...p.issues);
      return undefined;
    }
    policy = p.value;
  }
  const before = issues.length;
  const book = raw.book === undefined ? undefined : readBooks(raw.book, policy, params, issues);
  const requests = raw.requests === undefined ? undefined : readRequests(raw.requests, policy, params, held, issues);
  if (issues.length > before) return undefined;
  return { policy, book, requests };
}

function lotOf(params: ParsedParams | undefined, market: string): Fixed | undefined {
  const m = params?.markets.get(market);
  return m === undefined ? undefined : fromDec(m.lot);
}

/** `x` is an integer multiple of `step` (exact: a floor quotient and a product). */
function isMultiple(x: Fixed, step: Fixed): boolean {
  return x.sub(step.mul(floorDiv(x, step))).isZero();
}

function readBooks(value: unknown, policy: FPolicy, params: ParsedParams | undefined, issues: Issue[]): ReadonlyMap<string, FBook> | undefined {
  if (policy.price.kind !== 'book') {
    issues.push({ path: 'book', expected: 'no order book: the policy\'s price part is not "book" (spec §10.4)', received: describeValue(value) });
    return undefined;
  }
  const structural = checkBooks(value);
  if (!structural.ok) {
    issues.push(...structural.issues);
    return undefined;
  }
  const out = new Map<string, FBook>();
  for (const [market, b] of Object.entries(structural.value)) {
    const path = `book[${JSON.stringify(market)}]`;
    const m = params?.markets.get(market);
    if (params !== undefined && m === undefined) {
      issues.push({ path, expected: 'a market id defined in params.markets', received: describeValue(market) });
      continue;
    }
    const tick = m === undefined ? undefined : fromDec(m.tick);
    const lot = m === undefined ? undefined : fromDec(m.lot);
    const side = (levels: readonly { readonly price: string; readonly size: string }[], name: 'bids' | 'asks'): FLevel[] => {
      const read: FLevel[] = [];
      levels.forEach((l, i) => {
        const at = `${path}.${name}[${i}]`;
        const price = decimalOf(l.price, `${at}.price`, issues, { min: 'positive' });
        const size = decimalOf(l.size, `${at}.size`, issues, { min: 'positive' });
        if (price === undefined || size === undefined) return;
        const p = fromDec(price);
        const q = fromDec(size);
        if (tick !== undefined && !isMultiple(p, tick)) issues.push({ path: `${at}.price`, expected: `a multiple of the tick size ${toCanonical(tick)} of ${JSON.stringify(market)}`, received: describeValue(l.price) });
        if (lot !== undefined && !isMultiple(q, lot)) issues.push({ path: `${at}.size`, expected: `a multiple of the lot size ${toCanonical(lot)} of ${JSON.stringify(market)}`, received: describeValue(l.size) });
        const prev = read[read.length - 1];
        if (prev !== undefined && (name === 'bids' ? !p.lt(prev.price) : !p.gt(prev.price))) {
          issues.push({ path: `${at}.price`, expected: name === 'bids' ? 'a price below the previous bid (bids best first, strictly descending)' : 'a price above the previous ask (asks best first, strictly ascending)', received: describeValue(l.price) });
        }
        read.push({ price: p, size: q });
      });
      return read;
    };
    out.set(market, Object.freeze({ bids: Object.freeze(side(b.bids, 'bids')), asks: Object.freeze(side(b.asks, 'asks')) }));
  }
  return out;
}

function readRequests(
  value: unknown,
  policy: FPolicy,
  params: ParsedParams | undefined,
  held: readonly string[],
  issues: Issue[],
): ReadonlyMap<string, Fixed> | undefined {
  if (policy.closeSize.kind !== 'requested') {
    issues.push({ path: 'requests', expected: 'no requests: the policy\'s close size is not "requested" (spec §10.3)', received: describeValue(value) });
    return undefined;
  }
  const structural = checkRequests(value);
  if (!structural.ok) {
    issues.push(...structural.issues);
    return undefined;
  }
  const out = new Map<string, Fixed>();
  for (const [market, raw] of Object.entries(structural.value)) {
    const path = `requests[${JSON.stringify(market)}]`;
    if (!held.includes(market)) {
      issues.push({ path, expected: `a market the account holds (${held.map((m) => JSON.stringify(m)).join(', ')})`, received: describeValue(raw) });
      continue;
    }
    const size = decimalOf(raw, path, issues, { min: 'positive' });
    if (size === undefined) continue;
    const q = fromDec(size);
    const lot = lotOf(params, market);
    if (lot !== undefined && !isMultiple(q, lot)) {
      issues.push({ path, expected: 'a multiple of the lot size', received: describeValue(raw) });
      continue;
    }
    out.set(market, q);
  }
  return out;
}
