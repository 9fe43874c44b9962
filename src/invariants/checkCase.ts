/**
 * Runs the catalog on one scenario against an engine. The work is written once, as a generator
 * that yields each scenario it needs the engine to answer; `checkCase` drives it with a
 * synchronous engine and `checkCaseAsync` with an asynchronous one (a subprocess, an HTTP
 * service), so both judge exactly the same way.
 *
 * Parse once: the scenario is parsed here, once per case (not at all when the arbitrary that drew it
 * handed its parsed form over, caseInput.ts); relation invariants derive their
 * scenarios from the parsed form (caseInput.ts). An engine that can take parsed scenarios (its
 * `runParsed`, src/model/parsedEngine.ts: the in-process reference) gets them without any string
 * formatting or parsing, and its parsed result goes to the invariants without `parseResult`;
 * every other engine gets wire scenarios and its answers are parsed and checked as before.
 */
import type { ExactResult } from '../model/amountResult.ts';
import { exactResultOf, runExactOf, runParsedOf, type ExactAnswer, type RunExact, type RunParsed } from '../model/parsedEngine.ts';
import { parseResult, type ParsedResult } from '../model/parseResult.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { Engine, LiquidationResult, Outcome, ParsedScenario, Scenario } from '../model/types.ts';
import { hasReplyCertificate, replyCertificate } from '../certificate/replyCertificate.ts';
import { CERTIFICATE_CHECK, certificateViolations } from '../certificate/checkCertificate.ts';
import { knownParsed, parsedInput, type CaseInput } from './caseInput.ts';
import { CATALOG, WELL_FORMED } from './catalog.ts';
import { REFERENCE_POLICY, type FPolicy } from '../policy/policy.ts';
import { judgedBy, promisesOf } from '../policy/promises.ts';
import type { Answer, Case, DerivedRun, Invariant, Violation } from './invariant.ts';

export interface CaseReport {
  /** what the engine answered for the scenario itself */
  readonly outcome: Answer;
  readonly violations: readonly Violation[];
  /** ids of the invariants that were judged (in domain) for this case */
  readonly checked: readonly string[];
  /**
   * Set when the engine gave no answer (it threw, crashed, hung or broke the protocol) for the
   * scenario or for one derived from it. Judging stops there: no answer is not evidence about the
   * rules, so it is never counted as a violation of an invariant — it is an engine failure.
   */
  readonly engineFailure?: EngineFailureAnswer;
}

/** An answer that is no answer: the engine threw, crashed, timed out or broke the protocol. */
export type EngineFailureAnswer = Extract<Answer, { ok: false; error: { code: 'engine-threw' | 'crash' | 'timeout' | 'protocol-error' } }>;

const NO_ANSWER: ReadonlySet<string> = new Set(['engine-threw', 'crash', 'timeout', 'protocol-error']);

/** Whether an answer is no answer at all (see {@link CaseReport.engineFailure}). */
export function isEngineFailure(a: Answer): a is EngineFailureAnswer {
  return !a.ok && NO_ANSWER.has(a.error.code);
}

export interface CheckOptions {
  /** default: the catalog's invariants the scenario's policy promises enough for (spec §10.7) */
  readonly invariants?: readonly Invariant[];
  /** when given, milliseconds spent per invariant id (engine runs included) are added to it */
  readonly timings?: Map<string, number>;
  /**
   * The engine's parsed entry point (src/model/parsedEngine.ts), used for every scenario known in
   * parsed form. {@link checkCaseAsync} needs it here; {@link checkCase} otherwise reads it off the
   * engine function.
   */
  readonly runParsed?: RunParsed;
  /** called with every answer the engine gives (case and derived runs, either path) */
  readonly onAnswer?: (input: CaseInput, answer: Answer) => void;
  /**
   * called with every answer that is no answer ({@link isEngineFailure}); unlike `onAnswer` it
   * leaves the wire result of an exact-first derived run unwritten
   */
  readonly onEngineFailure?: (input: CaseInput, failure: EngineFailureAnswer) => void;
  /**
   * The engine listed the protocol feature `certificate`: the certificate that came with its
   * result must verify against that result (CERT-001, spec §14). Judged on the case's own answer
   * only, not on the derived runs of the relations.
   */
  readonly certificates?: boolean;
}

/**
 * What the engine answered, and for a parsed run the parsed result on demand; or, for a derived
 * run of an engine whose parsed entry answers exact first (parsedEngine.ts `RunExact`), that
 * answer, whose wire outcome is written only when read.
 */
type Reply =
  | { readonly answer: Answer; readonly output?: () => ParsedResult; readonly exact?: undefined }
  | { readonly answer?: undefined; readonly output?: undefined; readonly exact: ExactAnswer };

function answerOf(reply: Reply): Answer {
  return reply.answer ?? reply.exact.outcome();
}

const judgedCache = new WeakMap<FPolicy, readonly Invariant[]>();

/** The catalog's invariants judged under a scenario's policy (absent: the reference's). */
function judgedUnder(policy: FPolicy = REFERENCE_POLICY): readonly Invariant[] {
  let hit = judgedCache.get(policy);
  if (hit === undefined) judgedCache.set(policy, (hit = judgedBy(CATALOG, promisesOf(policy)).judged));
  return hit;
}

/** An engine that answers asynchronously; it should not reject, but if it does that is a crash. */
export type AsyncEngine = (scenario: Scenario) => Promise<Answer>;

function describeError(o: Exclude<Answer, { ok: true }>): string {
  const e = o.error as { code: string; issues?: readonly { path: string; expected: string }[]; message?: string };
  if (e.code === 'invalid-input' && Array.isArray(e.issues)) {
    const first = e.issues[0];
    return `invalid-input${first ? ` (${first.path}: ${first.expected})` : ''}`;
  }
  return typeof e.message === 'string' ? `${e.code}: ${e.message}` : e.code;
}

function threw(e: unknown): Answer {
  return { ok: false, error: { code: 'engine-threw', message: e instanceof Error ? e.message : String(e) } };
}

/** The judging itself: yields every scenario the engine must answer, returns the report. */
function* judge(scenario: Scenario, options: CheckOptions): Generator<CaseInput, CaseReport, Reply> {
  // A drawn scenario's parsed form was handed over by the arbitrary that built it (caseInput.ts).
  const known = knownParsed(scenario);
  const input = known !== undefined ? { ok: true as const, value: known } : parseScenario(scenario);
  if (!input.ok) {
    throw new Error(`checkCase needs a valid scenario: ${input.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ')}`);
  }
  const reply = yield parsedInput(scenario, input.value);
  const outcome = answerOf(reply);
  if (isEngineFailure(outcome)) return { outcome, checked: [], violations: [], engineFailure: outcome };
  if (!outcome.ok) {
    return { outcome, checked: [WELL_FORMED.id], violations: [{ invariant: WELL_FORMED.id, message: `the engine answered a valid scenario with ${describeError(outcome)}` }] };
  }
  // A parsed run's result is well-formed by construction (its parsed form is written only if an
  // invariant reads it, its exact amounts are taken as recorded); any other is read and checked here.
  let c: Case;
  if (reply.output !== undefined) c = new JudgedCase(scenario, input.value, outcome.result, reply.output, exactResultOf(outcome));
  else {
    const output = parseResult(outcome.result);
    if (!output.ok) {
      const what = output.issues.slice(0, 3).map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ');
      return { outcome, checked: [WELL_FORMED.id], violations: [{ invariant: WELL_FORMED.id, message: `malformed result: ${what}` }] };
    }
    c = new JudgedCase(scenario, input.value, outcome.result, output.value, undefined);
  }
  const violations: Violation[] = [];
  const checked: string[] = [WELL_FORMED.id];
  const { timings } = options;
  if (options.certificates === true) {
    const t0 = timings ? performance.now() : 0;
    const r = outcome.result;
    const messages = certificateViolations(scenario, r, hasReplyCertificate(r), replyCertificate(r));
    if (messages !== null) checked.push(CERTIFICATE_CHECK.id);
    for (const message of messages ?? []) violations.push({ invariant: CERTIFICATE_CHECK.id, message });
    if (timings) timings.set(CERTIFICATE_CHECK.id, (timings.get(CERTIFICATE_CHECK.id) ?? 0) + performance.now() - t0);
  }
  for (const inv of options.invariants ?? judgedUnder(input.value.policy)) {
    const t0 = timings ? performance.now() : 0;
    try {
      if (inv.kind === 'output') {
        checked.push(inv.id);
        for (const message of inv.check(c)) violations.push({ invariant: inv.id, message });
      } else {
        const derived = inv.derive(c);
        if (derived.length > 0) {
          const runs: DerivedRun[] = [];
          for (const d of derived) {
            const r = yield d;
            // An exact result is an answer; only an error can be no answer.
            if (r.exact?.exact === undefined) {
              const answer = answerOf(r);
              if (isEngineFailure(answer)) return { outcome, violations, checked, engineFailure: answer };
            }
            runs.push(derivedRun(d, r));
          }
          checked.push(inv.id);
          for (const message of inv.compare(c, runs)) violations.push({ invariant: inv.id, message });
        }
      }
    } catch (e) {
      // An answer so broken that the check cannot evaluate it is still the engine's violation.
      violations.push({ invariant: inv.id, message: `could not evaluate the result: ${e instanceof Error ? e.message : String(e)}` });
    }
    if (timings) timings.set(inv.id, (timings.get(inv.id) ?? 0) + performance.now() - t0);
  }
  return { outcome, violations, checked };
}

/**
 * The case the invariants judge. `output` is a parsed result, or the parsed entry's writer of it,
 * called on first read: most invariants compute on the exact amounts (exactCase.ts), so the
 * reference's parsed result is seldom needed. A class for the same reason as {@link Run}.
 */
class JudgedCase implements Case {
  constructor(
    readonly scenario: Scenario,
    readonly input: ParsedScenario,
    readonly result: LiquidationResult,
    private parsed: ParsedResult | (() => ParsedResult),
    readonly exact: ExactResult | undefined,
  ) {}

  get output(): ParsedResult {
    if (typeof this.parsed === 'function') this.parsed = this.parsed();
    return this.parsed;
  }
}

/**
 * The run of a derived input; its wire form is read (formatted) only if a message needs it, and so
 * is the wire outcome of an exact-first run (a relation compares its `exact` result first).
 * A class, not an object literal with getters: a literal's getters are new closures per object,
 * which gives every run its own hidden class (measured: ≈ 30 % slower catalog with two of them).
 */
class Run implements DerivedRun {
  readonly exact: ExactResult | undefined;
  constructor(
    readonly input: CaseInput,
    private readonly reply: Reply,
  ) {
    this.exact = reply.exact?.exact;
  }

  get scenario(): Scenario {
    return this.input.scenario;
  }

  get outcome(): Answer {
    return answerOf(this.reply);
  }
}

function derivedRun(input: CaseInput, reply: Reply): DerivedRun {
  return new Run(input, reply);
}

/**
 * The parsed entry point's answer, or null when the input has no parsed form or there is none.
 * A derived input goes to the exact-first entry when the parsed one carries it (`runExact`).
 */
function askParsed(runParsed: RunParsed | undefined, runExact: RunExact | undefined, input: CaseInput): Reply | null {
  if (runParsed === undefined || input.parsed === null) return null;
  try {
    if (runExact !== undefined) return { exact: runExact(input.parsed) };
    const a = runParsed(input.parsed);
    return a.outcome.ok ? { answer: a.outcome, output: a.output } : { answer: a.outcome };
  } catch (e) {
    return { answer: threw(e) };
  }
}

/** Hands the answer to the caller's callbacks; an exact result is never an engine failure. */
function tell(options: CheckOptions, input: CaseInput, reply: Reply): void {
  if (options.onAnswer !== undefined) options.onAnswer(input, answerOf(reply));
  if (options.onEngineFailure !== undefined && reply.exact?.exact === undefined) {
    const a = answerOf(reply);
    if (isEngineFailure(a)) options.onEngineFailure(input, a);
  }
}

/**
 * Runs the catalog on one valid scenario against a synchronous engine. An engine function with a
 * `runParsed` property (src/model/parsedEngine.ts; the reference `liquidate` has one) is given
 * parsed scenarios wherever they are known.
 *
 * @throws Error when the scenario itself is invalid: that is the caller's mistake, not the engine's.
 */
export function checkCase(engine: Engine, scenario: Scenario, options: CheckOptions = {}): CaseReport {
  const runParsed = options.runParsed ?? runParsedOf(engine);
  const runExact = runExactOf(runParsed);
  const steps = judge(scenario, options);
  let next = steps.next();
  // The case itself is answered in full (its result is read by every invariant); derived runs exact first.
  let exactFirst: RunExact | undefined;
  while (!next.done) {
    let reply = askParsed(runParsed, exactFirst, next.value);
    if (reply === null) {
      try {
        reply = { answer: engine(next.value.scenario) as Outcome };
      } catch (e) {
        reply = { answer: threw(e) };
      }
    }
    tell(options, next.value, reply);
    next = steps.next(reply);
    exactFirst = runExact;
  }
  return next.value;
}

/** {@link checkCase} against an asynchronous engine (with `options.runParsed` for its parsed entry point). */
export async function checkCaseAsync(engine: AsyncEngine, scenario: Scenario, options: CheckOptions = {}): Promise<CaseReport> {
  const runExact = runExactOf(options.runParsed);
  const steps = judge(scenario, options);
  let next = steps.next();
  let exactFirst: RunExact | undefined;
  while (!next.done) {
    let reply = askParsed(options.runParsed, exactFirst, next.value);
    if (reply === null) {
      try {
        reply = { answer: await engine(next.value.scenario) };
      } catch (e) {
        reply = { answer: threw(e) };
      }
    }
    tell(options, next.value, reply);
    next = steps.next(reply);
    exactFirst = runExact;
  }
  return next.value;
}
