/**
 * A scenario on its way to the engine: its wire form, and its parsed form when that is known to be
 * exactly what `parseScenario` reads from the wire form.
 *
 * @remarks Parse once (issue 9): `checkCase` parses each case once, and relation invariants build
 * their derived scenarios (mirror, shock, reorder, less collateral, the same again) from that
 * parsed form. An engine with `runParsed` (the in-process reference, src/model/parsedEngine.ts)
 * computes on the parsed form directly; every other engine gets the wire form, which a derived
 * input formats only when first read. A derivation that might leave the input syntax of spec §1.1
 * (too many digits after a reflection or a shock) offers no parsed form, so the engine reads the
 * wire and answers exactly as before, invalid-input included.
 *
 * A drawn scenario comes with its parsed form too: the scenario arbitrary computes every amount
 * exactly before writing its string, so it hands the parsed form over ({@link rememberParsed})
 * and `checkCase` skips the parse ({@link knownParsed}).
 */
import { Dec } from '../model/decimal.ts';
import { isDeepFrozen } from '../model/frozen.ts';
import { INPUT_DIGITS } from '../model/parseDecimal.ts';
import type { ParsedScenario, Scenario } from '../model/types.ts';

export interface CaseInput {
  /** the wire form (of a derived input: formatted on first read) */
  readonly scenario: Scenario;
  /** what `parseScenario(scenario)` gives, or null when only the wire form is known to be right */
  readonly parsed: ParsedScenario | null;
}

/** A scenario known only in wire form (e.g. one broken on purpose). */
export function wireInput(scenario: Scenario): CaseInput {
  return { scenario, parsed: null };
}

/** A scenario known in both forms. */
export function parsedInput(scenario: Scenario, parsed: ParsedScenario): CaseInput {
  return { scenario, parsed };
}

/**
 * A derived scenario built on the parsed form: `format` writes its wire form on first read.
 * `changed` are the amounts the derivation computed; each must fit the input syntax of spec §1.1
 * (≤ 30 integer and ≤ 18 fraction digits) for the parsed form to be offered. Every other rule
 * (sign, grid, scale) is the derivation's to keep, and its comment says why it does.
 */
export function derivedInput(parsed: ParsedScenario, format: () => Scenario, changed: readonly Dec[] = []): CaseInput {
  return new DerivedInput(changed.every(fitsInputDigits) ? parsed : null, format);
}

/**
 * A class, not an object literal with a getter: a literal's getter is a new closure per object,
 * which gives every derived input its own hidden class (measured slower: checkCase.ts `Run`).
 */
class DerivedInput implements CaseInput {
  private wire: Scenario | undefined;
  constructor(
    readonly parsed: ParsedScenario | null,
    private readonly format: () => Scenario,
  ) {}

  get scenario(): Scenario {
    return (this.wire ??= this.format());
  }
}

// ±10^30, built once: a number operand would be converted to a decimal.js value on every compare.
const INTEGER_BOUND = new Dec(10).pow(INPUT_DIGITS.integer);
const NEGATIVE_BOUND = INTEGER_BOUND.neg();

function fitsInputDigits(x: Dec): boolean {
  return x.lt(INTEGER_BOUND) && x.gt(NEGATIVE_BOUND) && x.decimalPlaces() <= INPUT_DIGITS.fraction;
}

/**
 * Parsed forms handed over by whoever built the scenario, by object identity. Only for a scenario
 * that cannot change afterwards: the scenario, its marks, account, positions array and every
 * position frozen, and its params deeply frozen. So the entry stays right for the object's life.
 */
const handedOver = new WeakMap<Scenario, ParsedScenario>();

/** Params objects found deeply frozen: they stay so (nothing frozen can be replaced or thawed). */
const frozenParams = new WeakSet<object>();

function immutable(s: Scenario): boolean {
  if (!Object.isFrozen(s) || !Object.isFrozen(s.marks) || !Object.isFrozen(s.account) || !Object.isFrozen(s.account.positions)) return false;
  if (!s.account.positions.every((p) => Object.isFrozen(p))) return false;
  return paramsFrozen(s.params);
}

/** Whether a params object is deeply frozen (so it can never change), remembered once found so. */
export function paramsFrozen(params: object): boolean {
  if (frozenParams.has(params)) return true;
  if (!isDeepFrozen(params)) return false;
  frozenParams.add(params);
  return true;
}

/**
 * Hands over `parsed` as what `parseScenario(scenario)` gives. The caller vouches for that (the
 * scenario arbitrary's tests check it on every draw they make); a scenario that could still change
 * (see {@link handedOver}) is not remembered, and is simply parsed when checked.
 * @returns whether it was remembered
 */
export function rememberParsed(scenario: Scenario, parsed: ParsedScenario): boolean {
  if (!immutable(scenario)) return false;
  handedOver.set(scenario, parsed);
  return true;
}

/** The parsed form handed over for this very object by {@link rememberParsed}, if any. */
export function knownParsed(scenario: Scenario): ParsedScenario | undefined {
  return handedOver.get(scenario);
}
