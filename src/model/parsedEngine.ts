/**
 * An in-process engine that can also take a scenario already parsed and answer with its result in
 * both forms — the seam of "parse once" (issue 9): the catalog parses each case once and hands the
 * parsed scenario, and the scenarios it derives from it, to such an engine without formatting them
 * as strings and parsing them again; the parsed result goes to the invariants without a
 * `parseResult` round trip.
 *
 * @remarks The contract, for every valid scenario `s` with `p = parseScenario(s).value`:
 * `runParsed(p).outcome` equals `engine(s)` field for field, and when it is a result,
 * `runParsed(p).output()` equals `parseResult(outcome.result).value`. The reference
 * (`liquidate.runParsed`) meets it by construction (src/model/amountResult.ts). Engines behind an
 * adapter (subprocess, HTTP, module worker) and the zoo have no `runParsed` and keep the wire path.
 */
import type { ExactResult } from './amountResult.ts';
import type { ParsedResult } from './parseResult.ts';
import type { Engine, Outcome, ParsedScenario } from './types.ts';

export interface ParsedAnswer {
  readonly outcome: Outcome;
  /** the parsed form of `outcome.result`; built on demand (relations compare exact forms: {@link exactResultOf}) */
  readonly output: () => ParsedResult;
}

export type RunParsed = (scenario: ParsedScenario) => ParsedAnswer;

/**
 * A run answered with its exact amounts now and its wire outcome only when read: what a relation
 * needs of a derived run, which it compares on the exact form and reads on the wire only where the
 * two runs differ (src/invariants/relationSupport.ts). `outcome()` gives, once written, the same
 * object on every call, equal field for field to the {@link RunParsed} answer's `outcome`.
 */
export interface ExactAnswer {
  /** the exact result, or `undefined` when the engine answered an error (then `outcome()` is it) */
  readonly exact: ExactResult | undefined;
  readonly outcome: () => Outcome;
}

export type RunExact = (scenario: ParsedScenario) => ExactAnswer;

/**
 * The {@link RunExact} carried by a {@link RunParsed} as its `exact` property (the reference's),
 * or `undefined`. On the function itself, so that it goes wherever the parsed entry is handed
 * (gate, runner); a wrapper around a `runParsed` has none, and its answers are used as it gives them.
 */
export function runExactOf(runParsed: RunParsed | undefined): RunExact | undefined {
  const f = (runParsed as { exact?: unknown } | undefined)?.exact;
  return typeof f === 'function' ? (f as RunExact) : undefined;
}

/** An engine function that carries a {@link RunParsed} as its `runParsed` property. */
export type ParsedEngine = Engine & { readonly runParsed: RunParsed };

/** The engine's {@link RunParsed}, or `undefined` when it only speaks the wire form. */
export function runParsedOf(engine: unknown): RunParsed | undefined {
  const f = (engine as { runParsed?: unknown } | null)?.runParsed;
  return typeof f === 'function' ? (f as RunParsed) : undefined;
}

// The exact amounts behind an in-process engine's outcome, under a private symbol, not
// enumerable: the outcome's shape stays the wire's (JSON, structured clone and equality ignore
// it). Not a WeakMap: an entry per answer costs the garbage collector more (measured: runParsed
// ≈ 15 % slower than with the symbol). Only the outcome: the relations read their derived runs'
// outcomes, and marking the parsed result as well measured slower than converting it once.
const EXACT = Symbol('exact amounts');

/** Records that the outcome `answer` carries exactly the amounts of `exact`; returns `answer`. */
export function withExact<T extends object>(answer: T, exact: ExactResult): T {
  Object.defineProperty(answer, EXACT, { value: exact });
  return answer;
}

/**
 * The exact amounts recorded for an answer by {@link withExact}, or `undefined` (every engine that
 * only speaks the wire form). Invariants use them to compare results without formatting strings.
 */
export function exactResultOf(answer: object): ExactResult | undefined {
  return (answer as { [EXACT]?: ExactResult })[EXACT];
}
