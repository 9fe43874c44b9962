/**
 * Validation of scenarios and risk parameters: wire types in, parsed types out.
 *
 * @remarks The structure and decimal syntax are the wire schemas' (src/wire/scenario.ts,
 * params.ts), checked by their compiled TypeBox validators first; the code here is the semantic
 * pass (decimal → Dec with the domains of spec §1.1, lot and tick grids, quote scale, tier
 * continuity and offsets, penalty-step order, market references, one position per market, held
 * marks). A value the schema accepts is read by that pass alone (`trusted`); a value it rejects is
 * read by the same pass with its readers checking again, so that every problem is reported in the
 * reference's words and order — the issues that invalid-input fixtures store.
 *
 * Every rule of spec §1–§3 is checked and every offending field is reported, with its full
 * path, before anything is computed. Field readers return `undefined` only after pushing an issue,
 * so a parse succeeds exactly when no issue was pushed. Each step or tier is compared with its
 * predecessor as given, and each tier offset with the offset its floors and rates require (not with
 * the previous offset as given), so one wrong value yields one issue rather than a cascade.
 * @see docs/spec.md#2-inputs
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
import { ONE, ZERO, isMultipleOf, toCanonical as show, unitOf, type Dec } from './decimal.ts';
import { decimalOf, describeValue, parseDecimal, scaleOf, type DecimalRules } from './parseDecimal.ts';
import { isDeepFrozen } from './frozen.ts';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { CLOSED, fieldsOf, isExtensionKey, literalsOf } from '../wire/common.ts';
import { InverseContract as InverseContractSchema, LinearContract as LinearContractSchema, Market as MarketSchema } from '../wire/market.ts';
import { Params as ParamsSchema, PenaltyStep as PenaltyStepSchema, Trigger as TriggerSchema } from '../wire/params.ts';
import { Position as PositionSchema } from '../wire/position.ts';
import { Account as AccountSchema, Scenario as ScenarioSchema } from '../wire/scenario.ts';
import { Tier as TierSchema } from '../wire/tier.ts';
import { isWeightedDebt, readAssetPrices, readAssets, readBalances, readQuoteDebt } from './parseAssets.ts';
import type {
  AssetParams,
  ContractParams,
  Issue,
  MarketParams,
  ParsedParams,
  ParsedScenario,
  PenaltyStep,
  Position,
  Tier,
  Trigger,
} from './types.ts';

/** A parser's answer: the parsed value, or every issue found (never empty). */
export type ParseOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

// ---------------------------------------------------------------------------------------------
// Readers, shared with parseResult.ts.
//
// A parse runs in one of two modes. `trusted`: the compiled wire schema (src/wire/) has accepted
// the value, so the readers only take what they need (no copy, no syntax check) and the pass is
// purely semantic. Checking: the schema rejected it, and the same pass, with every reader checking
// again, reports each problem in spec words, in field order, interleaved with the semantic rules
// (the order and wording that fixtures store, docs/fixtures.md#invalid-input-cases).

/** The issues of one parse and its mode. */
export interface Cx {
  readonly issues: Issue[];
  /** the compiled schema accepted the value being read: structure and decimal syntax hold */
  readonly trusted: boolean;
}

/** A parse context; `trusted` only after the compiled schema accepted the value. */
export const context = (trusted: boolean, issues: Issue[] = []): Cx => ({ issues, trusted });

/** A decimal field: in trusted mode its syntax was checked by the schema's pattern already. */
export function dec(value: unknown, path: string, cx: Cx, rules?: DecimalRules): Dec | undefined {
  return cx.trusted ? decimalOf(value as string, path, cx.issues, rules) : parseDecimal(value, path, cx.issues, rules);
}

/** The fields of a validated plain object; an absent field reads as `undefined`. */
export type Fields = Readonly<Record<string, unknown>>;

/** Pushes an issue and returns `undefined`, so a reader can `return report(…)`. */
export function report(cx: Cx, path: string, expected: string, value: unknown): undefined {
  cx.issues.push({ path, expected, received: describeValue(value) });
  return undefined;
}

import { fieldPath, keyPath } from '../wire/validate.ts';
import { readPolicyInputs, type PolicyInputs } from '../policy/parsePolicyInputs.ts';
import { REFERENCE_POLICY } from '../policy/policy.ts';
import { inverseDomainIssues } from '../policy/inverseDomain.ts';

/** Whether any market of the params set is inverse (spec §12.1; then all are). */
export function hasInverse(p: ParsedParams): boolean {
  for (const m of p.markets.values()) if (m.contract?.kind === 'inverse') return true;
  return false;
}

export { fieldPath, keyPath };

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Reads a plain object with a fixed set of fields; any other key is an issue (`no such field`),
 * so a misspelt optional field such as `isolatedMagin` cannot silently turn an isolated position
 * into a cross one. An `x-` key is an extension and is skipped (spec §2.5).
 */
export function readObject(
  value: unknown,
  path: string,
  cx: Cx,
  known: readonly string[],
): Fields | undefined {
  // Trusted: the schema closed the object; only a non-plain object (a class instance, which JSON
  // Schema cannot tell apart) or an inherited field still needs the checking path below.
  if (cx.trusted && isPlainObject(value) && Object.keys(value).every((k) => known.includes(k) || isExtensionKey(k))) return value;
  if (!isPlainObject(value)) return report(cx, path, `an object {${known.join(', ')}}`, value);
  // A null-prototype copy: reading a missing field never reaches Object.prototype.
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) fields[key] = value[key];
    else if (!isExtensionKey(key)) report(cx, fieldPath(path, key), 'no such field', value[key]);
  }
  return fields;
}

/** Reads a plain object used as a dictionary (`markets`, `marks`): any key is allowed. */
export function readEntries(
  value: unknown,
  path: string,
  cx: Cx,
  expected: string,
): [string, unknown][] | undefined {
  if (!isPlainObject(value)) return report(cx, path, expected, value);
  // Object.entries, not value[key]: an own `__proto__` key would read the prototype instead.
  return Object.entries(value);
}

export function readArray(
  value: unknown,
  path: string,
  cx: Cx,
  expected: string,
  nonEmpty = false,
): readonly unknown[] | undefined {
  if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
    return report(cx, path, expected, value);
  }
  // A copy with holes as `undefined`: JSON has no sparse arrays, but a caller's value may (and
  // the compiled schema's `every` skips holes, so even a trusted array is copied).
  return Array.from(value as unknown[]);
}

export function readString(
  value: unknown,
  path: string,
  cx: Cx,
  nonEmpty = false,
): string | undefined {
  if (typeof value === 'string' && (!nonEmpty || value !== '')) return value;
  return report(cx, path, nonEmpty ? 'a non-empty string' : 'a string', value);
}

export function readOneOf<T extends string>(
  value: unknown,
  path: string,
  cx: Cx,
  options: readonly T[],
): T | undefined {
  const found = options.find((o) => o === value);
  if (found !== undefined) return found;
  return report(cx, path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, value);
}

// ---------------------------------------------------------------------------------------------
// Numeric domains

type Interval = '[0, 1)' | '(0, 1)' | '[0, 1]' | '(0, 1]';

/** A decimal in one of the unit intervals that rates, shares and price impact live in. */
function parseInterval(
  value: unknown,
  path: string,
  cx: Cx,
  interval: Interval,
): Dec | undefined {
  const x = dec(value, path, cx);
  if (x === undefined) return undefined;
  // Sign tests, not comparisons with zero: decimal.js copies its operand on every comparison.
  const aboveLow = !x.isNeg() && (interval.startsWith('[') || !x.isZero());
  const belowHigh = interval.endsWith(']') ? x.lte(ONE) : x.lt(ONE);
  return aboveLow && belowHigh ? x : report(cx, path, `a decimal in ${interval}`, value);
}

/** Rules of a quote amount: non-negative, on the quote unit when the unit is known. */
function quoteAmount(quoteScale: number | undefined): DecimalRules {
  if (quoteScale === undefined) return { min: 'nonnegative' };
  return { min: 'nonnegative', maxScale: quoteScale };
}

// ---------------------------------------------------------------------------------------------
// Risk parameters (§2.1)

// The closed field sets and options, from the wire schemas: the names are stated once, there.
const PARAMS_FIELDS = fieldsOf(ParamsSchema);
const PENALTY_FIELDS = fieldsOf(ParamsSchema.properties.penalty);
const STEP_FIELDS = fieldsOf(PenaltyStepSchema);
const MARKET_FIELDS = fieldsOf(MarketSchema);
const LINEAR_CONTRACT_FIELDS = fieldsOf(LinearContractSchema);
const INVERSE_CONTRACT_FIELDS = fieldsOf(InverseContractSchema);
const CONTRACT_KINDS: readonly ContractParams['kind'][] = ['linear', 'inverse'];
const TIER_FIELDS = fieldsOf(TierSchema);
const TRIGGERS: readonly Trigger[] = literalsOf(TriggerSchema);
const PARAMS_CHECK = Compile(ParamsSchema);
const MAX_QUOTE_SCALE = 18;

/** What positions and marks need from a market, even when the market itself is invalid. */
interface MarketRead {
  readonly lot: Step | undefined;
  readonly tick: Step | undefined;
  readonly value: MarketParams | undefined;
  /** the contract kind when `contract` parsed (linear when absent), for the one-kind rule of §12.1 */
  readonly kind?: ContractParams['kind'];
  readonly rawContract?: unknown;
}

/** A lot or tick size, with `scale` = k when it is 10^−k (k ≥ 0), as most are. */
interface Step {
  readonly size: Dec;
  readonly scale: number | undefined;
}

function step(size: Dec | undefined): Step | undefined {
  if (size === undefined) return undefined;
  const k = size.decimalPlaces();
  return { size, scale: size.eq(unitOf(k)) ? k : undefined };
}

/**
 * `x` (parsed from the decimal string `raw`) is a multiple of the step. On a 10^−k step that is
 * "at most k fraction digits", read off the string: a division and a product fewer per field.
 */
function onStep(x: Dec, raw: string, s: Step): boolean {
  return s.scale !== undefined ? scaleOf(raw) <= s.scale : isMultipleOf(x, s.size);
}

/** The parsed params, plus the parts the rest of a scenario is checked against. */
interface ParamsRead {
  readonly value: ParsedParams | undefined;
  readonly quoteScale: number | undefined;
  readonly markets: ReadonlyMap<string, MarketRead> | undefined;
  /** `params.assets` was given (§13.1: the collateral may then be negative) */
  readonly hasAssets?: boolean;
  /** the assets when they parsed, for the account's balances */
  readonly assets?: ReadonlyMap<string, AssetParams> | undefined;
}

/**
 * Validates risk parameters (spec §2.1, §3) and parses them; `path` prefixes every issue's path.
 * @see docs/spec.md#2-inputs
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
export function parseParams(input: unknown, path = 'params'): ParseOutcome<ParsedParams> {
  const cx = context(false);
  const { value } = readParams(input, path, cx);
  return value !== undefined && cx.issues.length === 0 ? { ok: true, value } : { ok: false, issues: cx.issues };
}

interface CachedParams {
  /** a deep copy taken at caching time, or FROZEN for a deeply frozen object (it cannot change) */
  readonly snapshot: unknown;
  readonly read: ParamsRead;
}

const FROZEN = Symbol('deeply frozen');

/**
 * Valid parameter sets by object identity. Generated and derived scenarios share one params object
 * across thousands of runs, and parsing it is most of a run's cost. A deeply frozen object is
 * trusted as is; any other is compared with a deep copy taken when it was cached, in case it was
 * mutated since (a walk, about 3× cheaper than comparing JSON.stringify snapshots). Only valid sets
 * are cached: their answer has no issues, so it does not depend on the issue path, and a value the
 * schema accepted is a finite tree (no cycle to walk forever). Parsed values are immutable.
 */
const paramsCache = new WeakMap<object, CachedParams>();

/**
 * Params objects parsed once and not cached: taking the snapshot costs as much as the compiled
 * check, and an object read from a file or a socket is never seen again, so an object is cached
 * from its second parse on. A frozen object needs no snapshot, and is cached at once: a generated
 * set is parsed by its arbitrary and then by every run of its scenario.
 */
const seenOnce = new WeakSet<object>();

/**
 * Invalid deeply frozen parameter sets, with the path they were read at, the read and its issues.
 * A frozen object cannot change, so its answer at one path is its answer there forever; the catalog
 * hands the engine the same frozen broken set again and again (LIQ-018's discontinuous tiers).
 */
const rejected = new WeakMap<object, { readonly path: string; readonly read: ParamsRead; readonly issues: readonly Issue[] }>();

function readParams(input: unknown, path: string, cx: Cx): ParamsRead {
  if (input === null || typeof input !== 'object') return readParamsUncached(input, path, cx);
  const hit = paramsCache.get(input);
  if (hit !== undefined && (hit.snapshot === FROZEN || sameJson(input, hit.snapshot))) return hit.read;
  if (hit === undefined && !Object.isFrozen(input) && !seenOnce.has(input)) {
    seenOnce.add(input);
    return readParamsUncached(input, path, cx);
  }
  const bad = rejected.get(input);
  if (bad !== undefined && bad.path === path) {
    cx.issues.push(...bad.issues);
    return bad.read;
  }
  const before = cx.issues.length;
  const read = readParamsUncached(input, path, cx);
  if (read.value === undefined || cx.issues.length > before) {
    paramsCache.delete(input);
    if (isDeepFrozen(input)) rejected.set(input, { path, read, issues: cx.issues.slice(before) });
    return read;
  }
  try {
    paramsCache.set(input, { snapshot: isDeepFrozen(input) ? FROZEN : structuredClone(input), read });
  } catch {
    paramsCache.delete(input); // not cloneable (a getter that throws, …): simply not cached
  }
  return read;
}

/** Same JSON value, key order included: what the parse of a valid params object depends on. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** One compiled check of the params schema, then the semantic pass (trusted when it passed). */
function readParamsUncached(input: unknown, path: string, outer: Cx): ParamsRead {
  const cx = context(PARAMS_CHECK.Check(input), outer.issues);
  const f = readObject(input, path, cx, PARAMS_FIELDS);
  if (f === undefined) return { value: undefined, quoteScale: undefined, markets: undefined };
  const before = cx.issues.length;
  const at = (name: string): string => fieldPath(path, name);
  const quoteScale = parseQuoteScale(f.quoteScale, at('quoteScale'), cx);
  const trigger = readOneOf(f.trigger, at('trigger'), cx, TRIGGERS);
  const buffer = dec(f.targetBuffer, at('targetBuffer'), cx, { min: 'nonnegative' });
  const penalty = parsePenalty(f.penalty, at('penalty'), cx);
  const dustNotional = dec(f.dustNotional, at('dustNotional'), cx, { min: 'nonnegative' });
  const priceImpact = parseInterval(f.priceImpact, at('priceImpact'), cx, '[0, 1)');
  const markets = readMarkets(f.markets, at('markets'), cx, buffer);
  const parsedMarkets = markets && completeMarkets(markets);
  // §13.1: collateral assets and the weights of a negative quote balance.
  const hasAssets = f.assets !== undefined;
  const assets = hasAssets ? readAssets(f.assets, at('assets'), cx) : undefined;
  const quoteDebt = f.quoteDebt === undefined ? undefined : readQuoteDebt(f.quoteDebt, at('quoteDebt'), cx);
  if (f.quoteDebt !== undefined && !hasAssets) report(cx, at('quoteDebt'), 'no quoteDebt without params.assets: a quote balance is negative only beside collateral assets (spec §13.1)', f.quoteDebt);
  if (hasAssets && parsedMarkets !== undefined && [...parsedMarkets.values()].some((m) => m.contract?.kind === 'inverse')) {
    report(cx, at('assets'), 'no collateral assets with inverse markets: multi-asset collateral is on linear markets only (spec §13.1)', f.assets);
  }
  const read = hasAssets ? { quoteScale, markets, hasAssets, assets } : { quoteScale, markets };
  if (
    cx.issues.length > before ||
    quoteScale === undefined ||
    trigger === undefined ||
    buffer === undefined ||
    penalty === undefined ||
    dustNotional === undefined ||
    priceImpact === undefined ||
    parsedMarkets === undefined
  ) {
    return { ...read, value: undefined };
  }
  const value: ParsedParams = {
    quoteScale,
    unit: unitOf(quoteScale),
    trigger,
    buffer,
    steps: penalty.steps,
    liquidatorShare: penalty.liquidatorShare,
    dustNotional,
    priceImpact,
    markets: parsedMarkets,
    ...(assets === undefined ? {} : { assets }),
    ...(quoteDebt === undefined ? {} : { quoteDebt }),
  };
  return { ...read, value };
}

function parseQuoteScale(value: unknown, path: string, cx: Cx): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_QUOTE_SCALE) {
    return value + 0; // normalizes -0
  }
  return report(cx, path, `an integer 0…${MAX_QUOTE_SCALE} (a JSON number)`, value);
}

function parsePenalty(
  value: unknown,
  path: string,
  cx: Cx,
): { steps: PenaltyStep[]; liquidatorShare: Dec } | undefined {
  const f = readObject(value, path, cx, PENALTY_FIELDS);
  if (f === undefined) return undefined;
  const steps = parseSteps(f.steps, fieldPath(path, 'steps'), cx);
  const share = parseInterval(f.liquidatorShare, fieldPath(path, 'liquidatorShare'), cx, '[0, 1]');
  return steps !== undefined && share !== undefined ? { steps, liquidatorShare: share } : undefined;
}

/** A step or tier under construction: a field is `undefined` when it failed to parse. */
type Draft<T> = { readonly [K in keyof T]: T[K] | undefined };

/** Returns every element completed, or `undefined` when any field of any element is missing. */
function completeAll<T extends object>(items: readonly Draft<T>[]): T[] | undefined {
  const done = items.filter((item): item is T => Object.values(item).every((v) => v !== undefined));
  return done.length === items.length ? done : undefined;
}

/** §5.1: the first step covers every liquidatable group (ρ ≤ 1), later steps deeper distress. */
function parseSteps(value: unknown, path: string, cx: Cx): PenaltyStep[] | undefined {
  const items = readArray(value, path, cx, 'a non-empty array of {maxMarginRatio, rate}', true);
  if (items === undefined) return undefined;
  const before = cx.issues.length;
  const steps: Draft<PenaltyStep>[] = [];
  for (const [n, item] of items.entries()) {
    steps.push(parseStep(item, indexPath(path, n), cx, n === 0 ? undefined : steps[n - 1]));
  }
  const done = completeAll(steps);
  return cx.issues.length === before ? done : undefined;
}

function parseStep(
  value: unknown,
  path: string,
  cx: Cx,
  prev: Draft<PenaltyStep> | undefined,
): Draft<PenaltyStep> {
  const f = readObject(value, path, cx, STEP_FIELDS);
  if (f === undefined) return { maxMarginRatio: undefined, rate: undefined };
  const ratioPath = fieldPath(path, 'maxMarginRatio');
  const ratePath = fieldPath(path, 'rate');
  const ratio = dec(f.maxMarginRatio, ratioPath, cx);
  const rate = parseInterval(f.rate, ratePath, cx, '[0, 1)');
  if (ratio !== undefined && prev === undefined && ratio.lt(ONE)) {
    const expected = 'a decimal ≥ 1 (the first step must cover every liquidatable group)';
    report(cx, ratioPath, expected, f.maxMarginRatio);
  }
  if (ratio !== undefined && prev?.maxMarginRatio !== undefined && !ratio.lt(prev.maxMarginRatio)) {
    const expected = `a decimal < ${show(prev.maxMarginRatio)} (maxMarginRatio strictly decreasing)`;
    report(cx, ratioPath, expected, f.maxMarginRatio);
  }
  if (rate !== undefined && prev?.rate !== undefined && rate.lt(prev.rate)) {
    report(cx, ratePath, `a decimal in [${show(prev.rate)}, 1) (rates non-decreasing)`, f.rate);
  }
  return { maxMarginRatio: ratio, rate };
}

const MARKET_ID = 'a market id that is not a property name of a plain JavaScript object (__proto__, constructor, prototype, toString, …)';

/**
 * A market id must be non-empty, and must not be a name that a plain object already answers to:
 * engines, reports and user code index records by market id, where `marks["__proto__"]` or
 * `markets["constructor"]` would reach Object.prototype instead of the market.
 * @see docs/spec.md#25-invalid-input
 */
export function isMarketId(id: string): boolean {
  return id !== '' && id !== 'prototype' && !(id in Object.prototype);
}

function readMarkets(
  value: unknown,
  path: string,
  cx: Cx,
  buffer: Dec | undefined,
): Map<string, MarketRead> | undefined {
  const expected = 'an object of markets by id, with at least one market';
  const entries = readEntries(value, path, cx, expected);
  if (entries === undefined) return undefined;
  if (entries.length === 0) report(cx, path, expected, value);
  const markets = new Map<string, MarketRead>();
  for (const [id, market] of entries) {
    const marketPath = keyPath(path, id);
    if (!isMarketId(id)) report(cx, marketPath, id === '' ? 'a non-empty market id' : MARKET_ID, id);
    else markets.set(id, readMarket(market, marketPath, cx, buffer));
  }
  checkOneKind(markets, path, cx);
  return markets;
}

/**
 * §12.1: all markets of one params set are of one contract kind — a margin group adds its
 * positions' values into one collateral, which is in one asset (quote for linear, the coin for
 * inverse). Each market of another kind than the first is reported at its `contract`.
 * @see docs/spec.md#121-inputs
 */
function checkOneKind(markets: ReadonlyMap<string, MarketRead>, path: string, cx: Cx): void {
  let first: { readonly id: string; readonly kind: ContractParams['kind'] } | undefined;
  for (const [id, m] of markets) {
    if (m.kind === undefined) continue;
    if (first === undefined) first = { id, kind: m.kind };
    else if (m.kind !== first.kind) {
      const expected = `a contract of kind ${JSON.stringify(first.kind)}, as market ${JSON.stringify(first.id)}'s: all markets of one params set are of one kind, their values add into one collateral (spec §12.1)`;
      const at = fieldPath(keyPath(path, id), 'contract');
      if (m.rawContract === undefined) cx.issues.push({ path: at, expected, received: 'no contract (linear)' });
      else report(cx, at, expected, m.rawContract);
    }
  }
}

const CONTRACT_WORDS = 'a contract {"kind": "linear"} or {"kind": "inverse", "value": "<decimal > 0>"} (spec §12.1)';

/** A market's `contract` (§12.1): absent is linear; an inverse contract's `value` is a positive input decimal. */
function readContract(value: unknown, path: string, cx: Cx): ContractParams | undefined {
  if (value === undefined) return LINEAR_CONTRACT;
  if (!isPlainObject(value)) return report(cx, path, CONTRACT_WORDS, value);
  const kind = readOneOf(value.kind, fieldPath(path, 'kind'), cx, CONTRACT_KINDS);
  if (kind === undefined) return undefined;
  const f = readObject(value, path, cx, kind === 'linear' ? LINEAR_CONTRACT_FIELDS : INVERSE_CONTRACT_FIELDS);
  if (f === undefined) return undefined;
  if (kind === 'linear') return LINEAR_CONTRACT;
  const v = dec(f.value, fieldPath(path, 'value'), cx, POSITIVE);
  return v === undefined ? undefined : Object.freeze({ kind, value: v });
}

const LINEAR_CONTRACT: ContractParams = Object.freeze({ kind: 'linear' });

function completeMarkets(
  markets: ReadonlyMap<string, MarketRead>,
): Map<string, MarketParams> | undefined {
  const parsed = new Map<string, MarketParams>();
  for (const [id, market] of markets) {
    if (market.value === undefined) return undefined;
    parsed.set(id, market.value);
  }
  return parsed.size > 0 ? parsed : undefined;
}

function readMarket(
  value: unknown,
  path: string,
  cx: Cx,
  buffer: Dec | undefined,
): MarketRead {
  const f = readObject(value, path, cx, MARKET_FIELDS);
  if (f === undefined) return { lot: undefined, tick: undefined, value: undefined };
  const lot = dec(f.lotSize, fieldPath(path, 'lotSize'), cx, { min: 'positive' });
  const tick = dec(f.tickSize, fieldPath(path, 'tickSize'), cx, { min: 'positive' });
  const tiers = parseTiers(f.tiers, fieldPath(path, 'tiers'), cx, buffer);
  const contract = readContract(f.contract, fieldPath(path, 'contract'), cx);
  const complete = lot !== undefined && tick !== undefined && tiers !== undefined && contract !== undefined;
  // A linear market's parsed form is unchanged (no `contract` key): linear results stay byte-identical.
  const parsed = complete ? (contract.kind === 'linear' ? { lot, tick, tiers } : { lot, tick, tiers, contract }) : undefined;
  return { lot: step(lot), tick: step(tick), value: parsed, ...(contract === undefined ? {} : { kind: contract.kind, rawContract: f.contract }) };
}

// ---------------------------------------------------------------------------------------------
// Maintenance tiers (§3)

/** A tier under construction, with its raw fields for the `received` of later checks. */
interface TierRead {
  readonly tier: Draft<Tier>;
  readonly raw: Fields;
}

/**
 * Validates the brackets of one market (§3), each tier against its predecessor.
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
function parseTiers(
  value: unknown,
  path: string,
  cx: Cx,
  buffer: Dec | undefined,
): Tier[] | undefined {
  const items = readArray(value, path, cx, 'a non-empty array of tiers', true);
  if (items === undefined) return undefined;
  const before = cx.issues.length;
  const tiers = items.map((item, n) => readTier(item, indexPath(path, n), cx));
  // The offset each tier must have, chained from the floors and rates alone, so that one wrong
  // offset does not make every later tier look wrong too.
  let required: Dec | undefined = ZERO;
  for (const [n, t] of tiers.entries()) {
    const prev = n === 0 ? undefined : tiers[n - 1];
    const tierPath = indexPath(path, n);
    checkFloor(t, prev, n, tierPath, cx);
    checkRates(t, prev, buffer, tierPath, cx);
    if (n > 0) required = nextOffset(required, prev?.tier, t.tier);
    checkOffset(t, required, n, tierPath, cx);
  }
  const done = completeAll(tiers.map((t) => t.tier));
  return cx.issues.length === before ? done : undefined;
}

function readTier(value: unknown, path: string, cx: Cx): TierRead {
  const f = readObject(value, path, cx, TIER_FIELDS);
  if (f === undefined) {
    const none = { floor: undefined, rate: undefined, amount: undefined, initialRate: undefined };
    return { tier: none, raw: {} };
  }
  // No local path helper: under tsx (esbuild keepNames) a named closure costs a define per tier.
  const tier = {
    floor: dec(f.notionalFloor, fieldPath(path, 'notionalFloor'), cx, NONNEGATIVE),
    rate: parseInterval(f.maintenanceRate, fieldPath(path, 'maintenanceRate'), cx, '(0, 1)'),
    amount: dec(f.maintenanceAmount, fieldPath(path, 'maintenanceAmount'), cx),
    initialRate: parseInterval(f.initialRate, fieldPath(path, 'initialRate'), cx, '(0, 1]'),
  };
  return { tier, raw: f };
}

function checkFloor(
  t: TierRead,
  prev: TierRead | undefined,
  n: number,
  path: string,
  cx: Cx,
): void {
  const { floor } = t.tier;
  if (floor === undefined) return;
  const floorPath = fieldPath(path, 'notionalFloor');
  if (n === 0 && !floor.isZero()) {
    report(cx, floorPath, '0 (the first tier starts at notional 0)', t.raw.notionalFloor);
  }
  const prevFloor = prev?.tier.floor;
  if (prevFloor !== undefined && !floor.gt(prevFloor)) {
    const expected = `a decimal > ${show(prevFloor)} (floors strictly increasing)`;
    report(cx, floorPath, expected, t.raw.notionalFloor);
  }
}

function checkRates(
  t: TierRead,
  prev: TierRead | undefined,
  buffer: Dec | undefined,
  path: string,
  cx: Cx,
): void {
  const { rate, initialRate } = t.tier;
  if (rate === undefined) return;
  const ratePath = fieldPath(path, 'maintenanceRate');
  const prevRate = prev?.tier.rate;
  if (prevRate !== undefined && rate.lt(prevRate)) {
    const expected = `a decimal in [${show(prevRate)}, 1) (maintenance rates non-decreasing)`;
    report(cx, ratePath, expected, t.raw.maintenanceRate);
  }
  // Beyond this bound a close never raises equity faster than the target, so no partial close
  // could ever restore the group (§6.3: a_n ≤ 0).
  if (buffer !== undefined && !rate.plus(buffer).lt(ONE)) {
    const bound = show(ONE.minus(buffer));
    const expected = `a decimal < ${bound} (maintenanceRate + targetBuffer < 1, targetBuffer = ${show(buffer)})`;
    report(cx, ratePath, expected, t.raw.maintenanceRate);
  }
  if (initialRate !== undefined && initialRate.lt(rate)) {
    const expected = `a decimal in [${show(rate)}, 1] (maintenanceRate ≤ initialRate ≤ 1)`;
    report(cx, fieldPath(path, 'initialRate'), expected, t.raw.initialRate);
  }
}

/** `cum_n = cum_{n−1} + L_n·(r_n − r_{n−1})`, or `undefined` when an operand is unknown. */
function nextOffset(
  prevOffset: Dec | undefined,
  prev: Draft<Tier> | undefined,
  t: Draft<Tier>,
): Dec | undefined {
  const prevRate = prev?.rate;
  const { floor, rate } = t;
  if (prevOffset === undefined || prevRate === undefined || floor === undefined || rate === undefined) {
    return undefined;
  }
  return prevOffset.plus(floor.times(rate.minus(prevRate)));
}

function checkOffset(
  t: TierRead,
  required: Dec | undefined,
  n: number,
  path: string,
  cx: Cx,
): void {
  const { amount } = t.tier;
  if (amount === undefined || required === undefined || amount.eq(required)) return;
  const why = n === 0 ? 'the first tier has no offset' : `continuous with tier ${n - 1}`;
  const expected = `maintenanceAmount = ${show(required)} (${why})`;
  report(cx, fieldPath(path, 'maintenanceAmount'), expected, t.raw.maintenanceAmount);
}

// ---------------------------------------------------------------------------------------------
// Scenario: marks (§2.2), account (§2.3), insurance fund (§2.4)

const SCENARIO_FIELDS = fieldsOf(ScenarioSchema);
const SCENARIO_WORDS = 'an object {params, marks, account, insuranceFund}';

/** The scenario schema with `params` left to {@link PARAMS_CHECK}, which the params cache can skip. */
const SCENARIO_BODY_CHECK = Compile(Type.Object({ ...ScenarioSchema.properties, params: Type.Unknown() }, CLOSED));
const ACCOUNT_FIELDS = fieldsOf(AccountSchema);
const POSITION_FIELDS = fieldsOf(PositionSchema);

/** Every mark given, by market id: its raw value and the price when it parsed. */
type MarksRead = ReadonlyMap<string, { readonly raw: unknown; readonly price: Dec | undefined }>;

interface PositionRead {
  readonly path: string;
  readonly market: string | undefined;
  readonly value: Position | undefined;
}

interface AccountRead {
  readonly collateral: Dec | undefined;
  readonly positions: readonly PositionRead[] | undefined;
  /** §13.1: the balances (zeros dropped); undefined after an issue or when absent */
  readonly assets?: ReadonlyMap<string, Dec> | undefined;
}

/**
 * Validates a scenario (spec §2: params, marks, account, insurance fund) and parses it. Issues
 * carry paths from the scenario root (`params.markets["BTC-PERP"].lotSize`, `marks["ETH-PERP"]`).
 * @see docs/spec.md#2-inputs
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
export function parseScenario(input: unknown): ParseOutcome<ParsedScenario> {
  // params are checked on their own (readParams), only when not already parsed and cached.
  const cx = context(SCENARIO_BODY_CHECK.Check(input));
  // The fields of spec §2 name what a scenario is; the optional ones of §10 are left out of the words.
  if (!isPlainObject(input)) return { ok: false, issues: [{ path: '', expected: SCENARIO_WORDS, received: describeValue(input) }] };
  const f = readObject(input, '', cx, SCENARIO_FIELDS);
  if (f === undefined) return { ok: false, issues: cx.issues };
  const params = readParams(f.params, 'params', cx);
  const marks = readMarks(f.marks, 'marks', cx);
  const account = readAccount(f.account, 'account', cx, params);
  if (marks !== undefined && account.positions !== undefined) {
    checkHeldMarks(account.positions, marks, params, cx);
  }
  // The fund is kept at full precision (it collects sub-unit PnL rounding residues, spec §2.4).
  const insuranceFund = dec(f.insuranceFund, 'insuranceFund', cx, { min: 'nonnegative' });
  const positions = account.positions && completePositions(account.positions);
  // §10: the policy and what it reads (absent under the reference policy: nothing to do).
  const extras =
    f.policy === undefined && f.book === undefined && f.requests === undefined
      ? NO_EXTRAS
      : readPolicyInputs({ policy: f.policy, book: f.book, requests: f.requests }, params.value, heldMarkets(account.positions), cx.issues);
  // §12.1: an inverse market runs only under a policy, and only with the parts written for it.
  if (extras !== undefined && params.value !== undefined && hasInverse(params.value)) cx.issues.push(...inverseDomainIssues(extras.policy, f.policy));
  const assets = readAssetInputs(f, params, account, cx);
  if (
    extras === undefined ||
    cx.issues.length > 0 ||
    params.value === undefined ||
    marks === undefined ||
    account.collateral === undefined ||
    positions === undefined ||
    insuranceFund === undefined
  ) {
    return { ok: false, issues: cx.issues };
  }
  const prices = new Map<string, Dec>();
  for (const [id, mark] of marks) if (mark.price !== undefined) prices.set(id, mark.price);
  return {
    ok: true,
    value: {
      params: params.value,
      marks: prices,
      collateral: account.collateral,
      positions,
      insuranceFund,
      ...(extras.policy.isReference ? {} : { policy: extras.policy }),
      ...(extras.book === undefined ? {} : { book: extras.book }),
      ...(extras.requests === undefined ? {} : { requests: extras.requests }),
      ...(assets === undefined ? {} : assets),
    },
  };
}

/**
 * §13.1's scenario rules on the assets: prices for every asset held, only under a policy, and no
 * cross position beside a weighted quote debt. Undefined when the params have no assets.
 */
function readAssetInputs(
  f: Fields,
  params: ParamsRead,
  account: AccountRead,
  cx: Cx,
): { readonly assets: ReadonlyMap<string, Dec>; readonly assetPrices: ReadonlyMap<string, Dec> } | undefined {
  if (params.hasAssets !== true) {
    if (f.assetPrices !== undefined) report(cx, 'assetPrices', 'no asset prices: params has no assets (spec §13.1)', f.assetPrices);
    return undefined;
  }
  const assetPrices = readAssetPrices(f.assetPrices, 'assetPrices', cx, params.assets, account.assets);
  if (f.policy === undefined) {
    report(cx, 'policy', 'a policy (spec §10): a scenario with params.assets runs only under a policy, with its collateral part (spec §13.1)', undefined);
  }
  if (isWeightedDebt(params.value?.quoteDebt)) {
    account.positions?.forEach((p) => {
      if (p.value !== undefined && p.value.isolatedMargin === null) {
        report(cx, p.path, 'no cross position beside a quote debt weighted other than 1: a fill would move the quote balance across the kink at zero (spec §13.1)', p.value.market);
      }
    });
  }
  return { assets: account.assets ?? new Map(), assetPrices: assetPrices ?? new Map() };
}

const NO_EXTRAS: PolicyInputs = Object.freeze({ policy: REFERENCE_POLICY, book: undefined, requests: undefined });

function heldMarkets(positions: readonly PositionRead[] | undefined): string[] {
  const out: string[] = [];
  for (const p of positions ?? []) if (p.market !== undefined) out.push(p.market);
  return out;
}

const POSITIVE: DecimalRules = { min: 'positive' };
const NONNEGATIVE: DecimalRules = { min: 'nonnegative' };

/** Every mark must be a positive decimal, including marks of markets the account does not hold. */
function readMarks(value: unknown, path: string, cx: Cx): MarksRead | undefined {
  const entries = readEntries(value, path, cx, 'an object of mark prices by market id');
  if (entries === undefined) return undefined;
  const marks = new Map<string, { raw: unknown; price: Dec | undefined }>();
  for (const [id, raw] of entries) {
    const markPath = keyPath(path, id);
    if (!isMarketId(id)) report(cx, markPath, id === '' ? 'a non-empty market id' : MARKET_ID, id);
    else marks.set(id, { raw, price: dec(raw, markPath, cx, POSITIVE) });
  }
  return marks;
}

function readAccount(
  value: unknown,
  path: string,
  cx: Cx,
  params: ParamsRead,
): AccountRead {
  const f = readObject(value, path, cx, ACCOUNT_FIELDS);
  if (f === undefined) return { collateral: undefined, positions: undefined };
  const rules = quoteAmount(params.quoteScale);
  // §13.1: beside collateral assets the quote balance may be negative (borrowed quote).
  const collateral = dec(f.collateral, fieldPath(path, 'collateral'), cx, params.hasAssets === true ? { ...rules, min: 'any' } : rules);
  let assets: ReadonlyMap<string, Dec> | undefined;
  if (f.assets !== undefined) {
    if (params.hasAssets === true) assets = readBalances(f.assets, fieldPath(path, 'assets'), cx, params.assets);
    else report(cx, fieldPath(path, 'assets'), 'no asset balances: params has no assets (spec §13.1)', f.assets);
  }
  const positionsPath = fieldPath(path, 'positions');
  const items = readArray(f.positions, positionsPath, cx, 'an array of positions');
  const positions = items?.map((item, i) =>
    readPosition(item, indexPath(positionsPath, i), cx, params),
  );
  if (positions !== undefined) checkUniqueMarkets(positions, cx);
  return { collateral, positions, assets };
}

function readPosition(
  value: unknown,
  path: string,
  cx: Cx,
  params: ParamsRead,
): PositionRead {
  const f = readObject(value, path, cx, POSITION_FIELDS);
  if (f === undefined) return { path, market: undefined, value: undefined };
  // No `at` closure here, unlike the params readers: this runs once per position of every scenario.
  const market = readString(f.market, fieldPath(path, 'market'), cx, true);
  const known = market === undefined ? undefined : params.markets?.get(market);
  if (market !== undefined && params.markets !== undefined && known === undefined) {
    const ids = [...params.markets.keys()].map((id) => JSON.stringify(id)).join(', ');
    report(cx, fieldPath(path, 'market'), `a market id defined in params.markets (${ids})`, market);
  }
  const size = parseSize(f.size, fieldPath(path, 'size'), cx, known?.lot);
  const entry = dec(f.entryPrice, fieldPath(path, 'entryPrice'), cx, POSITIVE);
  // Absent means cross margin; JSON cannot carry `undefined`, so treat it as absent too.
  const isolatedMargin =
    f.isolatedMargin === undefined
      ? null
      : dec(f.isolatedMargin, fieldPath(path, 'isolatedMargin'), cx, quoteAmount(params.quoteScale));
  if (market === undefined || size === undefined || entry === undefined || isolatedMargin === undefined) {
    return { path, market, value: undefined };
  }
  return { path, market, value: { market, size, entry, isolatedMargin } };
}

function parseSize(
  value: unknown,
  path: string,
  cx: Cx,
  lot: Step | undefined,
): Dec | undefined {
  const size = dec(value, path, cx);
  if (size === undefined) return undefined;
  if (size.isZero()) return report(cx, path, 'a non-zero decimal (long > 0, short < 0)', value);
  // `value` is a decimal string here: dec() accepted it.
  if (lot !== undefined && !onStep(size, value as string, lot)) {
    return report(cx, path, `a multiple of the lot size ${show(lot.size)}`, value);
  }
  return size;
}

/** One-way mode: at most one position per market. */
function checkUniqueMarkets(positions: readonly PositionRead[], cx: Cx): void {
  const firstHolder = new Map<string, string>();
  for (const p of positions) {
    if (p.market === undefined) continue;
    const holder = firstHolder.get(p.market);
    if (holder === undefined) {
      firstHolder.set(p.market, p.path);
      continue;
    }
    const expected = `a market not already held (${holder} holds it; one position per market)`;
    report(cx, fieldPath(p.path, 'market'), expected, p.market);
  }
}

/** §2.2: every held market has a mark, on that market's tick. */
function checkHeldMarks(
  positions: readonly PositionRead[],
  marks: MarksRead,
  params: ParamsRead,
  cx: Cx,
): void {
  const checked = new Set<string>();
  for (const p of positions) {
    if (p.market === undefined || checked.has(p.market)) continue;
    checked.add(p.market);
    const mark = marks.get(p.market);
    if (mark === undefined) {
      const expected = `a mark price for ${JSON.stringify(p.market)} (held at ${p.path})`;
      report(cx, keyPath('marks', p.market), expected, undefined);
      continue;
    }
    const tick = params.markets?.get(p.market)?.tick;
    if (mark.price !== undefined && tick !== undefined && !onStep(mark.price, mark.raw as string, tick)) {
      report(cx, keyPath('marks', p.market), `a multiple of the tick size ${show(tick.size)}`, mark.raw);
    }
  }
}

function completePositions(positions: readonly PositionRead[]): Position[] | undefined {
  const parsed: Position[] = [];
  for (const p of positions) {
    if (p.value === undefined) return undefined;
    parsed.push(p.value);
  }
  return parsed;
}
