/**
 * Validation of scenarios and risk parameters: wire types in, parsed types out.
 *
 * @remarks Every rule of spec §1–§3 is checked and every offending field is reported, with its full
 * path, before anything is computed. Field readers return `undefined` only after pushing an issue,
 * so a parse succeeds exactly when no issue was pushed. Each step or tier is compared with its
 * predecessor as given, and each tier offset with the offset its floors and rates require (not with
 * the previous offset as given), so one wrong value yields one issue rather than a cascade.
 * @see docs/spec.md#2-inputs
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
import { ONE, ZERO, isMultipleOf, toCanonical as show, unitOf, type Dec } from './decimal.ts';
import { describeValue, parseDecimal, type DecimalRules } from './parseDecimal.ts';
import { isDeepFrozen } from './frozen.ts';
import type {
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
// Structural readers, shared with parseResult.ts.

/** The fields of a validated plain object; an absent field reads as `undefined`. */
export type Fields = Readonly<Record<string, unknown>>;

/** Pushes an issue and returns `undefined`, so a reader can `return report(…)`. */
export function report(issues: Issue[], path: string, expected: string, value: unknown): undefined {
  issues.push({ path, expected, received: describeValue(value) });
  return undefined;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `path.name`, or `path["name"]` when the name is not an identifier. `''` is the root. */
export function fieldPath(path: string, name: string): string {
  if (!IDENTIFIER.test(name)) return `${path}[${JSON.stringify(name)}]`;
  return path === '' ? name : `${path}.${name}`;
}

/** `path["key"]`: entries of a dictionary such as `markets` or `marks`, whatever the key. */
export function keyPath(path: string, key: string): string {
  return `${path}[${JSON.stringify(key)}]`;
}

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
 * into a cross one.
 */
export function readObject(
  value: unknown,
  path: string,
  issues: Issue[],
  known: readonly string[],
): Fields | undefined {
  if (!isPlainObject(value)) return report(issues, path, `an object {${known.join(', ')}}`, value);
  // A null-prototype copy: reading a missing field never reaches Object.prototype.
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) fields[key] = value[key];
    else report(issues, fieldPath(path, key), 'no such field', value[key]);
  }
  return fields;
}

/** Reads a plain object used as a dictionary (`markets`, `marks`): any key is allowed. */
export function readEntries(
  value: unknown,
  path: string,
  issues: Issue[],
  expected: string,
): [string, unknown][] | undefined {
  if (!isPlainObject(value)) return report(issues, path, expected, value);
  // Object.entries, not value[key]: an own `__proto__` key would read the prototype instead.
  return Object.entries(value);
}

export function readArray(
  value: unknown,
  path: string,
  issues: Issue[],
  expected: string,
  nonEmpty = false,
): readonly unknown[] | undefined {
  if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
    return report(issues, path, expected, value);
  }
  return Array.from(value as unknown[]);
}

export function readString(
  value: unknown,
  path: string,
  issues: Issue[],
  nonEmpty = false,
): string | undefined {
  if (typeof value === 'string' && (!nonEmpty || value !== '')) return value;
  return report(issues, path, nonEmpty ? 'a non-empty string' : 'a string', value);
}

export function readOneOf<T extends string>(
  value: unknown,
  path: string,
  issues: Issue[],
  options: readonly T[],
): T | undefined {
  const found = options.find((o) => o === value);
  if (found !== undefined) return found;
  return report(issues, path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, value);
}

// ---------------------------------------------------------------------------------------------
// Numeric domains

type Interval = '[0, 1)' | '(0, 1)' | '[0, 1]' | '(0, 1]';

/** A decimal in one of the unit intervals that rates, shares and price impact live in. */
function parseInterval(
  value: unknown,
  path: string,
  issues: Issue[],
  interval: Interval,
): Dec | undefined {
  const x = parseDecimal(value, path, issues);
  if (x === undefined) return undefined;
  const aboveLow = interval.startsWith('[') ? x.gte(ZERO) : x.gt(ZERO);
  const belowHigh = interval.endsWith(']') ? x.lte(ONE) : x.lt(ONE);
  return aboveLow && belowHigh ? x : report(issues, path, `a decimal in ${interval}`, value);
}

/** Rules of a quote amount: non-negative, on the quote unit when the unit is known. */
function quoteAmount(quoteScale: number | undefined): DecimalRules {
  if (quoteScale === undefined) return { min: 'nonnegative' };
  return { min: 'nonnegative', maxScale: quoteScale };
}

// ---------------------------------------------------------------------------------------------
// Risk parameters (§2.1)

const PARAMS_FIELDS = [
  'quoteScale',
  'trigger',
  'targetBuffer',
  'penalty',
  'dustNotional',
  'priceImpact',
  'markets',
] as const;
const PENALTY_FIELDS = ['steps', 'liquidatorShare'] as const;
const STEP_FIELDS = ['maxMarginRatio', 'rate'] as const;
const MARKET_FIELDS = ['lotSize', 'tickSize', 'tiers'] as const;
const TIER_FIELDS = ['notionalFloor', 'maintenanceRate', 'maintenanceAmount', 'initialRate'] as const;
const TRIGGERS: readonly Trigger[] = ['strict', 'inclusive'];
const MAX_QUOTE_SCALE = 18;

/** What positions and marks need from a market, even when the market itself is invalid. */
interface MarketRead {
  readonly lot: Dec | undefined;
  readonly tick: Dec | undefined;
  readonly value: MarketParams | undefined;
}

/** The parsed params, plus the parts the rest of a scenario is checked against. */
interface ParamsRead {
  readonly value: ParsedParams | undefined;
  readonly quoteScale: number | undefined;
  readonly markets: ReadonlyMap<string, MarketRead> | undefined;
}

/**
 * Validates risk parameters (spec §2.1, §3) and parses them; `path` prefixes every issue's path.
 * @see docs/spec.md#2-inputs
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
export function parseParams(input: unknown, path = 'params'): ParseOutcome<ParsedParams> {
  const issues: Issue[] = [];
  const { value } = readParams(input, path, issues);
  return value !== undefined && issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}

interface CachedParams {
  /** the JSON snapshot at caching time, or null for a deeply frozen object (it cannot change) */
  readonly json: string | null;
  readonly path: string;
  readonly read: ParamsRead;
  readonly issues: readonly Issue[];
}

/**
 * Parsed parameter sets by object identity. Generated and derived scenarios share one params
 * object across thousands of runs, and parsing it is most of a run's cost. A deeply frozen object
 * is trusted as is; any other is compared with its JSON snapshot, in case it was mutated since.
 * Parsed values are immutable.
 */
const paramsCache = new WeakMap<object, CachedParams>();

function readParams(input: unknown, path: string, issues: Issue[]): ParamsRead {
  if (input === null || typeof input !== 'object') return readParamsUncached(input, path, issues);
  const hit = paramsCache.get(input);
  let json: string | null | undefined;
  try {
    if (hit !== undefined && hit.path === path && (hit.json === null || hit.json === (json = JSON.stringify(input)))) {
      issues.push(...hit.issues);
      return hit.read;
    }
    json = isDeepFrozen(input) ? null : (json ?? JSON.stringify(input));
  } catch {
    return readParamsUncached(input, path, issues); // cyclic or BigInt: let validation report it
  }
  const local: Issue[] = [];
  const read = readParamsUncached(input, path, local);
  paramsCache.set(input, { json, path, read, issues: local });
  issues.push(...local);
  return read;
}

function readParamsUncached(input: unknown, path: string, issues: Issue[]): ParamsRead {
  const f = readObject(input, path, issues, PARAMS_FIELDS);
  if (f === undefined) return { value: undefined, quoteScale: undefined, markets: undefined };
  const before = issues.length;
  const at = (name: string): string => fieldPath(path, name);
  const quoteScale = parseQuoteScale(f.quoteScale, at('quoteScale'), issues);
  const trigger = readOneOf(f.trigger, at('trigger'), issues, TRIGGERS);
  const buffer = parseDecimal(f.targetBuffer, at('targetBuffer'), issues, { min: 'nonnegative' });
  const penalty = parsePenalty(f.penalty, at('penalty'), issues);
  const dustNotional = parseDecimal(f.dustNotional, at('dustNotional'), issues, { min: 'nonnegative' });
  const priceImpact = parseInterval(f.priceImpact, at('priceImpact'), issues, '[0, 1)');
  const markets = readMarkets(f.markets, at('markets'), issues, buffer);
  const parsedMarkets = markets && completeMarkets(markets);
  const read = { quoteScale, markets };
  if (
    issues.length > before ||
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
  };
  return { ...read, value };
}

function parseQuoteScale(value: unknown, path: string, issues: Issue[]): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_QUOTE_SCALE) {
    return value + 0; // normalizes -0
  }
  return report(issues, path, `an integer 0…${MAX_QUOTE_SCALE} (a JSON number)`, value);
}

function parsePenalty(
  value: unknown,
  path: string,
  issues: Issue[],
): { steps: PenaltyStep[]; liquidatorShare: Dec } | undefined {
  const f = readObject(value, path, issues, PENALTY_FIELDS);
  if (f === undefined) return undefined;
  const steps = parseSteps(f.steps, fieldPath(path, 'steps'), issues);
  const share = parseInterval(f.liquidatorShare, fieldPath(path, 'liquidatorShare'), issues, '[0, 1]');
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
function parseSteps(value: unknown, path: string, issues: Issue[]): PenaltyStep[] | undefined {
  const items = readArray(value, path, issues, 'a non-empty array of {maxMarginRatio, rate}', true);
  if (items === undefined) return undefined;
  const before = issues.length;
  const steps: Draft<PenaltyStep>[] = [];
  for (const [n, item] of items.entries()) {
    steps.push(parseStep(item, indexPath(path, n), issues, n === 0 ? undefined : steps[n - 1]));
  }
  const done = completeAll(steps);
  return issues.length === before ? done : undefined;
}

function parseStep(
  value: unknown,
  path: string,
  issues: Issue[],
  prev: Draft<PenaltyStep> | undefined,
): Draft<PenaltyStep> {
  const f = readObject(value, path, issues, STEP_FIELDS);
  if (f === undefined) return { maxMarginRatio: undefined, rate: undefined };
  const ratioPath = fieldPath(path, 'maxMarginRatio');
  const ratePath = fieldPath(path, 'rate');
  const ratio = parseDecimal(f.maxMarginRatio, ratioPath, issues);
  const rate = parseInterval(f.rate, ratePath, issues, '[0, 1)');
  if (ratio !== undefined && prev === undefined && ratio.lt(ONE)) {
    const expected = 'a decimal ≥ 1 (the first step must cover every liquidatable group)';
    report(issues, ratioPath, expected, f.maxMarginRatio);
  }
  if (ratio !== undefined && prev?.maxMarginRatio !== undefined && !ratio.lt(prev.maxMarginRatio)) {
    const expected = `a decimal < ${show(prev.maxMarginRatio)} (maxMarginRatio strictly decreasing)`;
    report(issues, ratioPath, expected, f.maxMarginRatio);
  }
  if (rate !== undefined && prev?.rate !== undefined && rate.lt(prev.rate)) {
    report(issues, ratePath, `a decimal in [${show(prev.rate)}, 1) (rates non-decreasing)`, f.rate);
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
  issues: Issue[],
  buffer: Dec | undefined,
): Map<string, MarketRead> | undefined {
  const expected = 'an object of markets by id, with at least one market';
  const entries = readEntries(value, path, issues, expected);
  if (entries === undefined) return undefined;
  if (entries.length === 0) report(issues, path, expected, value);
  const markets = new Map<string, MarketRead>();
  for (const [id, market] of entries) {
    const marketPath = keyPath(path, id);
    if (!isMarketId(id)) report(issues, marketPath, id === '' ? 'a non-empty market id' : MARKET_ID, id);
    else markets.set(id, readMarket(market, marketPath, issues, buffer));
  }
  return markets;
}

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
  issues: Issue[],
  buffer: Dec | undefined,
): MarketRead {
  const f = readObject(value, path, issues, MARKET_FIELDS);
  if (f === undefined) return { lot: undefined, tick: undefined, value: undefined };
  const lot = parseDecimal(f.lotSize, fieldPath(path, 'lotSize'), issues, { min: 'positive' });
  const tick = parseDecimal(f.tickSize, fieldPath(path, 'tickSize'), issues, { min: 'positive' });
  const tiers = parseTiers(f.tiers, fieldPath(path, 'tiers'), issues, buffer);
  const complete = lot !== undefined && tick !== undefined && tiers !== undefined;
  return { lot, tick, value: complete ? { lot, tick, tiers } : undefined };
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
  issues: Issue[],
  buffer: Dec | undefined,
): Tier[] | undefined {
  const items = readArray(value, path, issues, 'a non-empty array of tiers', true);
  if (items === undefined) return undefined;
  const before = issues.length;
  const tiers = items.map((item, n) => readTier(item, indexPath(path, n), issues));
  // The offset each tier must have, chained from the floors and rates alone, so that one wrong
  // offset does not make every later tier look wrong too.
  let required: Dec | undefined = ZERO;
  for (const [n, t] of tiers.entries()) {
    const prev = n === 0 ? undefined : tiers[n - 1];
    const tierPath = indexPath(path, n);
    checkFloor(t, prev, n, tierPath, issues);
    checkRates(t, prev, buffer, tierPath, issues);
    if (n > 0) required = nextOffset(required, prev?.tier, t.tier);
    checkOffset(t, required, n, tierPath, issues);
  }
  const done = completeAll(tiers.map((t) => t.tier));
  return issues.length === before ? done : undefined;
}

function readTier(value: unknown, path: string, issues: Issue[]): TierRead {
  const f = readObject(value, path, issues, TIER_FIELDS);
  if (f === undefined) {
    const none = { floor: undefined, rate: undefined, amount: undefined, initialRate: undefined };
    return { tier: none, raw: {} };
  }
  const at = (name: string): string => fieldPath(path, name);
  const tier = {
    floor: parseDecimal(f.notionalFloor, at('notionalFloor'), issues, { min: 'nonnegative' }),
    rate: parseInterval(f.maintenanceRate, at('maintenanceRate'), issues, '(0, 1)'),
    amount: parseDecimal(f.maintenanceAmount, at('maintenanceAmount'), issues),
    initialRate: parseInterval(f.initialRate, at('initialRate'), issues, '(0, 1]'),
  };
  return { tier, raw: f };
}

function checkFloor(
  t: TierRead,
  prev: TierRead | undefined,
  n: number,
  path: string,
  issues: Issue[],
): void {
  const { floor } = t.tier;
  if (floor === undefined) return;
  const floorPath = fieldPath(path, 'notionalFloor');
  if (n === 0 && !floor.isZero()) {
    report(issues, floorPath, '0 (the first tier starts at notional 0)', t.raw.notionalFloor);
  }
  const prevFloor = prev?.tier.floor;
  if (prevFloor !== undefined && !floor.gt(prevFloor)) {
    const expected = `a decimal > ${show(prevFloor)} (floors strictly increasing)`;
    report(issues, floorPath, expected, t.raw.notionalFloor);
  }
}

function checkRates(
  t: TierRead,
  prev: TierRead | undefined,
  buffer: Dec | undefined,
  path: string,
  issues: Issue[],
): void {
  const { rate, initialRate } = t.tier;
  if (rate === undefined) return;
  const ratePath = fieldPath(path, 'maintenanceRate');
  const prevRate = prev?.tier.rate;
  if (prevRate !== undefined && rate.lt(prevRate)) {
    const expected = `a decimal in [${show(prevRate)}, 1) (maintenance rates non-decreasing)`;
    report(issues, ratePath, expected, t.raw.maintenanceRate);
  }
  // Beyond this bound a close never raises equity faster than the target, so no partial close
  // could ever restore the group (§6.3: a_n ≤ 0).
  if (buffer !== undefined && !rate.plus(buffer).lt(ONE)) {
    const bound = show(ONE.minus(buffer));
    const expected = `a decimal < ${bound} (maintenanceRate + targetBuffer < 1, targetBuffer = ${show(buffer)})`;
    report(issues, ratePath, expected, t.raw.maintenanceRate);
  }
  if (initialRate !== undefined && initialRate.lt(rate)) {
    const expected = `a decimal in [${show(rate)}, 1] (maintenanceRate ≤ initialRate ≤ 1)`;
    report(issues, fieldPath(path, 'initialRate'), expected, t.raw.initialRate);
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
  issues: Issue[],
): void {
  const { amount } = t.tier;
  if (amount === undefined || required === undefined || amount.eq(required)) return;
  const why = n === 0 ? 'the first tier has no offset' : `continuous with tier ${n - 1}`;
  const expected = `maintenanceAmount = ${show(required)} (${why})`;
  report(issues, fieldPath(path, 'maintenanceAmount'), expected, t.raw.maintenanceAmount);
}

// ---------------------------------------------------------------------------------------------
// Scenario: marks (§2.2), account (§2.3), insurance fund (§2.4)

const SCENARIO_FIELDS = ['params', 'marks', 'account', 'insuranceFund'] as const;
const ACCOUNT_FIELDS = ['collateral', 'positions'] as const;
const POSITION_FIELDS = ['market', 'size', 'entryPrice', 'isolatedMargin'] as const;

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
}

/**
 * Validates a scenario (spec §2: params, marks, account, insurance fund) and parses it. Issues
 * carry paths from the scenario root (`params.markets["BTC-PERP"].lotSize`, `marks["ETH-PERP"]`).
 * @see docs/spec.md#2-inputs
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
export function parseScenario(input: unknown): ParseOutcome<ParsedScenario> {
  const issues: Issue[] = [];
  const f = readObject(input, '', issues, SCENARIO_FIELDS);
  if (f === undefined) return { ok: false, issues };
  const params = readParams(f.params, 'params', issues);
  const marks = readMarks(f.marks, 'marks', issues);
  const account = readAccount(f.account, 'account', issues, params);
  if (marks !== undefined && account.positions !== undefined) {
    checkHeldMarks(account.positions, marks, params, issues);
  }
  // The fund is kept at full precision (it collects sub-unit PnL rounding residues, spec §2.4).
  const insuranceFund = parseDecimal(f.insuranceFund, 'insuranceFund', issues, { min: 'nonnegative' });
  const positions = account.positions && completePositions(account.positions);
  if (
    issues.length > 0 ||
    params.value === undefined ||
    marks === undefined ||
    account.collateral === undefined ||
    positions === undefined ||
    insuranceFund === undefined
  ) {
    return { ok: false, issues };
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
    },
  };
}

/** Every mark must be a positive decimal, including marks of markets the account does not hold. */
function readMarks(value: unknown, path: string, issues: Issue[]): MarksRead | undefined {
  const entries = readEntries(value, path, issues, 'an object of mark prices by market id');
  if (entries === undefined) return undefined;
  const marks = new Map<string, { raw: unknown; price: Dec | undefined }>();
  for (const [id, raw] of entries) {
    const markPath = keyPath(path, id);
    if (!isMarketId(id)) report(issues, markPath, id === '' ? 'a non-empty market id' : MARKET_ID, id);
    else marks.set(id, { raw, price: parseDecimal(raw, markPath, issues, { min: 'positive' }) });
  }
  return marks;
}

function readAccount(
  value: unknown,
  path: string,
  issues: Issue[],
  params: ParamsRead,
): AccountRead {
  const f = readObject(value, path, issues, ACCOUNT_FIELDS);
  if (f === undefined) return { collateral: undefined, positions: undefined };
  const rules = quoteAmount(params.quoteScale);
  const collateral = parseDecimal(f.collateral, fieldPath(path, 'collateral'), issues, rules);
  const positionsPath = fieldPath(path, 'positions');
  const items = readArray(f.positions, positionsPath, issues, 'an array of positions');
  const positions = items?.map((item, i) =>
    readPosition(item, indexPath(positionsPath, i), issues, params),
  );
  if (positions !== undefined) checkUniqueMarkets(positions, issues);
  return { collateral, positions };
}

function readPosition(
  value: unknown,
  path: string,
  issues: Issue[],
  params: ParamsRead,
): PositionRead {
  const f = readObject(value, path, issues, POSITION_FIELDS);
  if (f === undefined) return { path, market: undefined, value: undefined };
  const at = (name: string): string => fieldPath(path, name);
  const market = readString(f.market, at('market'), issues, true);
  const known = market === undefined ? undefined : params.markets?.get(market);
  if (market !== undefined && params.markets !== undefined && known === undefined) {
    const ids = [...params.markets.keys()].map((id) => JSON.stringify(id)).join(', ');
    report(issues, at('market'), `a market id defined in params.markets (${ids})`, market);
  }
  const size = parseSize(f.size, at('size'), issues, known?.lot);
  const entry = parseDecimal(f.entryPrice, at('entryPrice'), issues, { min: 'positive' });
  // Absent means cross margin; JSON cannot carry `undefined`, so treat it as absent too.
  const isolatedMargin =
    f.isolatedMargin === undefined
      ? null
      : parseDecimal(f.isolatedMargin, at('isolatedMargin'), issues, quoteAmount(params.quoteScale));
  if (market === undefined || size === undefined || entry === undefined || isolatedMargin === undefined) {
    return { path, market, value: undefined };
  }
  return { path, market, value: { market, size, entry, isolatedMargin } };
}

function parseSize(
  value: unknown,
  path: string,
  issues: Issue[],
  lot: Dec | undefined,
): Dec | undefined {
  const size = parseDecimal(value, path, issues);
  if (size === undefined) return undefined;
  if (size.isZero()) return report(issues, path, 'a non-zero decimal (long > 0, short < 0)', value);
  if (lot !== undefined && !isMultipleOf(size, lot)) {
    return report(issues, path, `a multiple of the lot size ${show(lot)}`, value);
  }
  return size;
}

/** One-way mode: at most one position per market. */
function checkUniqueMarkets(positions: readonly PositionRead[], issues: Issue[]): void {
  const firstHolder = new Map<string, string>();
  for (const p of positions) {
    if (p.market === undefined) continue;
    const holder = firstHolder.get(p.market);
    if (holder === undefined) {
      firstHolder.set(p.market, p.path);
      continue;
    }
    const expected = `a market not already held (${holder} holds it; one position per market)`;
    report(issues, fieldPath(p.path, 'market'), expected, p.market);
  }
}

/** §2.2: every held market has a mark, on that market's tick. */
function checkHeldMarks(
  positions: readonly PositionRead[],
  marks: MarksRead,
  params: ParamsRead,
  issues: Issue[],
): void {
  const checked = new Set<string>();
  for (const p of positions) {
    if (p.market === undefined || checked.has(p.market)) continue;
    checked.add(p.market);
    const markPath = keyPath('marks', p.market);
    const mark = marks.get(p.market);
    if (mark === undefined) {
      const expected = `a mark price for ${JSON.stringify(p.market)} (held at ${p.path})`;
      report(issues, markPath, expected, undefined);
      continue;
    }
    const tick = params.markets?.get(p.market)?.tick;
    if (mark.price !== undefined && tick !== undefined && !isMultipleOf(mark.price, tick)) {
      report(issues, markPath, `a multiple of the tick size ${show(tick)}`, mark.raw);
    }
  }
}

function completePositions(positions: readonly PositionRead[]): Position[] | undefined {
  const parsed = positions.flatMap((p) => (p.value === undefined ? [] : [p.value]));
  return parsed.length === positions.length ? parsed : undefined;
}
