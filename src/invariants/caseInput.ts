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
 */
import type { Dec } from '../model/decimal.ts';
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
  let wire: Scenario | undefined;
  return {
    get scenario(): Scenario {
      return (wire ??= format());
    },
    parsed: changed.every(fitsInputDigits) ? parsed : null,
  };
}

const INTEGER_BOUND = 10 ** INPUT_DIGITS.integer; // 1e30: exact as a decimal.js comparison bound

function fitsInputDigits(x: Dec): boolean {
  return x.abs().lt(INTEGER_BOUND) && x.decimalPlaces() <= INPUT_DIGITS.fraction;
}
