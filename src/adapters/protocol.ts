/**
 * The liqcheck engine protocol 1.1: message shapes, the handshake check, and the mapping of an
 * engine's reply onto an {@link Answer}. Shared by every adapter.
 *
 * @see docs/protocol.md
 */
import Type from 'typebox';
import type { Answer } from '../invariants/invariant.ts';
import { describeValue } from '../model/parseDecimal.ts';
import type { Issue, LiquidationResult, Scenario } from '../model/types.ts';
import { validator } from '../wire/validate.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import type { Policy } from '../wire/policy.ts';
import { HelloOk, InvalidInputError, MAX_PARAMS_ID, MessageError, Result, StepResult, type Hello, type Liquidate, type LiquidateRef, type Params } from '../wire/protocol.ts';
import { PROTOCOL_FEATURES } from './features.ts';
import { attachCertificate } from '../certificate/replyCertificate.ts';

const PROTOCOL_FEATURE_NAMES: ReadonlySet<string> = new Set(PROTOCOL_FEATURES);

/** The protocol version this gate speaks (`MAJOR.MINOR`): 1.1 added params sets, 1.2 the `step` request. */
export const PROTOCOL_VERSION = '1.2';

/**
 * Most params sets an engine must keep at once (protocol 1.1, `params-ref`): the gate uses the ids
 * 1…PARAMS_SLOTS only, and a `params` message for an id already defined replaces it, so an
 * engine's memory for them stays bounded however long the session.
 */
export const PARAMS_SLOTS = MAX_PARAMS_ID;

/** The gate's handshake (the message types are the schemas' static types: src/wire/protocol.ts). */
export type HelloMessage = Hello;
export type LiquidateMessage = Liquidate;
/** Protocol 1.1, `params-ref`: defines (or replaces) params set `paramsId` for the session. No reply. */
export type ParamsMessage = Params;
/** Protocol 1.1, `params-ref`: the scenario `{ params: <set paramsRef>, ...scenario }`. */
export type LiquidateRefMessage = LiquidateRef;

/** What an engine's handshake told the gate. */
export interface EngineInfo {
  readonly name: string;
  readonly version: string;
  readonly protocol: string;
  /** the policy it declares: a name, or an inline policy object already checked (spec §10.1) */
  readonly policy: DeclaredPolicy;
  /** the scenario features it listed (docs/protocol.md#features): what the gate may ask */
  readonly features: readonly string[];
  /** the protocol features it listed (1.1: `params-ref`), absent when none; never used for skipping */
  readonly protocolFeatures?: readonly string[];
  /** HTTP only: most requests the engine accepts in one batch (absent: no batches) */
  readonly batch?: number;
}

export type { ReplyError } from '../wire/protocol.ts';

/** A handshake's `policy`: a name (protocol 1.0 and later), or an inline policy object (spec §10.1). */
export type DeclaredPolicy = string | Policy;

/**
 * Checks a declared policy found at `path` (`hello_ok.policy`, a module's `policy` export): a
 * non-empty name is taken as it is (whether the reference knows it is the gate's business, not
 * the handshake's), an object must be a policy the reference can parse (spec §10.1).
 *
 * @returns the problems, in the `path: expected …, received …` form; empty when it is fine
 */
export function declaredPolicyProblems(value: unknown, path: string): string[] {
  if (typeof value === 'string' && value !== '') return [];
  if (!isPlainObject(value)) return [`${path}: expected a non-empty string (a policy name) or a policy object (spec §10.1), received ${describeValue(value)}`];
  const parsed = parsePolicy(value, path);
  return parsed.ok ? [] : parsed.issues.map(issueText);
}

/** The gate's handshake, as sent. */
export function helloMessage(gateVersion = '0.1.0'): HelloMessage {
  return { type: 'hello', protocol: PROTOCOL_VERSION, gate: { name: 'liqcheck', version: gateVersion } };
}

/** One request line, built without re-serializing the envelope per field. */
export function liquidateLine(id: number, scenario: Scenario): string {
  return `{"type":"liquidate","id":${id},"scenario":${JSON.stringify(scenario)}}`;
}

/** A scenario as a params set and the rest, each as JSON, for `params-ref` (null: send it inline). */
export interface SplitScenario {
  readonly paramsJson: string;
  readonly restJson: string;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Splits a scenario for a `paramsRef` request: its `params` (JSON text, the cache key: equal texts
 * are the same set) and everything else, in the scenario's own key order. Only a plain object with
 * a plain-object `params` is split; anything else (a deliberately broken scenario: `null`, missing
 * or non-object params, a `toJSON`) is sent inline, so the engine judges exactly what it is given.
 * Throws what `JSON.stringify` throws (a BigInt, a cycle).
 */
export function splitScenario(scenario: unknown): SplitScenario | null {
  if (!isPlainObject(scenario) || !Object.hasOwn(scenario, 'params') || 'toJSON' in scenario) return null;
  const { params, ...rest } = scenario;
  if (!isPlainObject(params) || 'toJSON' in params) return null;
  const paramsJson = JSON.stringify(params);
  return { paramsJson, restJson: JSON.stringify(rest) };
}

/** The `params` message line that defines params set `paramsId` (JSON text of the set). */
export function paramsLine(paramsId: number, paramsJson: string): string {
  return `{"type":"params","paramsId":${paramsId},"params":${paramsJson}}`;
}

/** A request line that refers to params set `paramsRef`, the scenario's other fields as JSON text. */
export function liquidateRefLine(id: number, paramsRef: number, restJson: string): string {
  return `{"type":"liquidate","id":${id},"paramsRef":${paramsRef},"scenario":${restJson}}`;
}

export type Failure = 'crash' | 'timeout' | 'protocol-error';

/** An answer that is not the engine's: it crashed, timed out or broke the protocol. */
export function failed(code: Failure, message: string): Answer {
  return { ok: false, error: { code, message } };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Short printable excerpt of something an engine sent. */
export function excerpt(s: string, max = 200): string {
  const flat = JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
  return s.length > max ? `${flat} (${s.length} characters)` : flat;
}

/**
 * Whether the gate can speak the version an engine answered: the same major version, and a minor
 * version no newer than the gate's (a newer engine must answer with the gate's minor).
 */
export function compatibleVersion(version: string): boolean {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  const ours = /^(\d+)\.(\d+)$/.exec(PROTOCOL_VERSION)!;
  return m !== null && m[1] === ours[1] && Number(m[2]) <= Number(ours[2]);
}

/**
 * Checks an engine's handshake reply.
 *
 * @returns the engine's information, or why the handshake failed
 */
export function parseHelloOk(msg: unknown): { ok: true; info: EngineInfo } | { ok: false; reason: string } {
  if (!isRecord(msg)) return { ok: false, reason: 'expected a hello_ok object' };
  if (msg['type'] === 'error') {
    const e = isRecord(msg['error']) ? msg['error'] : {};
    return { ok: false, reason: `the engine refused the handshake: ${String(e['code'])}: ${String(e['message'] ?? '')}` };
  }
  if (msg['type'] !== 'hello_ok') return { ok: false, reason: `expected {"type":"hello_ok",…}, received type ${JSON.stringify(msg['type'])}` };
  // An inline policy is checked on its own, by the policy's parser: its issues name the field
  // inside it (`hello_ok.policy.closeSize.portion`), and a name keeps protocol 1.0's message.
  const inline = isPlainObject(msg['policy']);
  const checked = checkHelloOk(inline ? { ...msg, policy: 'inline' } : msg);
  const problems = checked.ok ? [] : checked.issues.map(issueText);
  if (inline) problems.push(...declaredPolicyProblems(msg['policy'], 'hello_ok.policy'));
  // Semantic, beyond the schema: the version must be one this gate can speak.
  const protocol = msg['protocol'];
  const versionIssue = !checked.ok && checked.issues.some((i) => i.path === 'protocol');
  if (typeof protocol === 'string' && !versionIssue && !compatibleVersion(protocol)) {
    problems.push(`protocol: the engine speaks ${protocol}, this gate speaks ${PROTOCOL_VERSION} (same major, minor ≤ ${PROTOCOL_VERSION.split('.')[1]})`);
  }
  if (!checked.ok || problems.length > 0) return { ok: false, reason: `bad hello_ok: ${problems.join('; ')}` };
  const { name, version, features: listed, batch } = checked.value;
  const policy = inline ? (msg['policy'] as Policy) : checked.value.policy;
  // Protocol features share the array but are no scenario features: kept apart, so that reports
  // and the skipping rule see only what scenarios can need.
  const protocolFeatures = listed.filter((f) => PROTOCOL_FEATURE_NAMES.has(f));
  const info: EngineInfo = {
    name,
    version,
    protocol: checked.value.protocol,
    policy,
    features: listed.filter((f) => !PROTOCOL_FEATURE_NAMES.has(f)),
    ...(protocolFeatures.length > 0 ? { protocolFeatures } : {}),
  };
  return { ok: true, info: batch !== undefined ? { ...info, batch } : info };
}

// The wire schema's policy is a name or an object; an object is checked apart (parseHelloOk).
const checkHelloOk = validator(Type.Object({ ...HelloOk.properties, policy: HelloOk.properties.policy.anyOf[0] }));
// A reply is checked in parts: the caller has matched its type and id already (a module engine's
// outcome has neither), and the error body is checked against the branch its code selects, so
// that an unknown code is named as such rather than as a mismatch of every branch.
const checkResultBody = validator(Result.properties.result, 'result');
const checkInvalidInput = validator(InvalidInputError, 'error');
const checkMessageError = validator(MessageError, 'error');

/** `path: expected …, received …`, the form of every protocol problem. */
function issueText(i: Issue): string {
  return `${i.path}: expected ${i.expected}, received ${i.received}`;
}

/**
 * Maps a `result` or `error` reply (already matched to its request by id) onto an answer, or says
 * why the reply is malformed. The result's content is not judged here (the invariants do that);
 * only that it is an object.
 */
export function replyAnswer(msg: Record<string, unknown>): { ok: true; answer: Answer } | { ok: false; reason: string } {
  if (msg['type'] === 'result') {
    const result = checkResultBody(msg['result']);
    if (!result.ok) return { ok: false, reason: result.issues.map(issueText).join('; ') };
    // Feature certificate: filed under the result it came with; the gate verifies it (CERT-001).
    if ('certificate' in msg) attachCertificate(result.value, msg['certificate']);
    return { ok: true, answer: { ok: true, result: result.value as unknown as LiquidationResult } };
  }
  const e = msg['error'];
  const body = isRecord(e) && e['code'] === 'invalid-input' ? checkInvalidInput(e) : checkMessageError(e);
  if (!body.ok) return { ok: false, reason: body.issues.map(issueText).join('; ') };
  const error = body.value;
  if (error.code === 'invalid-input') return { ok: true, answer: { ok: false, error: { code: error.code, issues: error.issues } } };
  const message = error.message ?? '';
  if (error.code === 'limit-exceeded') return { ok: true, answer: { ok: false, error: { code: error.code, message } } };
  if (error.code === 'internal') return { ok: true, answer: failed('crash', `the engine reported an internal error: ${message}`) };
  // 1.1: the engine read the request and cannot serve it (a paramsRef it does not know): the two
  // sides disagree about the protocol, which is charged to that request.
  if (error.code === 'bad-request') return { ok: false, reason: `the engine refused the request as bad-request: ${JSON.stringify(message)}` };
  return { ok: false, reason: `error.code: ${JSON.stringify(error.code)} answers a handshake, not a request` };
}

/** A compact rendering of the input that caused a failure (a scenario, a step's fields), for its message. */
export function describeInput(scenario: unknown, max = 300): string {
  let json: string;
  try {
    json = JSON.stringify(scenario) ?? String(scenario);
  } catch {
    json = String(scenario);
  }
  return json.length > max ? `${json.slice(0, max)}… (${json.length} characters)` : json;
}

/** The last lines of an engine's stderr, indented, for a failure message ('' when empty). */
export function stderrBlock(tail: string, maxLines = 20): string {
  const lines = tail.replace(/\s+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return '';
  const shown = lines.slice(-maxLines);
  return `\nstderr (last ${shown.length} line${shown.length === 1 ? '' : 's'}):\n${shown.map((l) => `  ${l}`).join('\n')}`;
}

/** `'ok'` or the error code of an answer: a short label for reports and tests. */
export function answerCode(a: Answer): string {
  return a.ok ? 'ok' : a.error.code;
}

/** The message of a failed answer ('' for a result or an invalid-input error). */
export function answerMessage(a: Answer): string {
  return !a.ok && 'message' in a.error ? a.error.message : '';
}

// ---------------------------------------------------------------------------------------------
// Protocol 1.2, feature `step` (docs/protocol.md#multi-account-steps-feature-step).

/**
 * A `step` request ready for the wire, as two JSON texts: the adapter decides whether the params
 * travel inline or as a params set (`params-ref`), and never needs to know the rest.
 */
export interface StepPayload {
  /** the risk parameters (spec §3) as JSON: with params-ref, the key of their params set */
  readonly paramsJson: string;
  /** every other field of the request but `type` and `id` (policy, adl, market, step, round, mark, insuranceFund, accounts, requests): a JSON object with at least one key */
  readonly fieldsJson: string;
}

/** One liquidation of a `step_result`, in wire form (decimal strings). */
export type StepLiquidationWire = StepResult['liquidations'][number];

/** An adapter failure or an engine's definite error: the `error` of an {@link Answer}. */
export type AnswerError = Extract<Answer, { readonly ok: false }>['error'];

/** What an engine answered to a `step` request: its liquidations, or an error (never a rejection). */
export type StepAnswer = { readonly ok: true; readonly liquidations: readonly StepLiquidationWire[] } | { readonly ok: false; readonly error: AnswerError };

/** The `step` request line with the params inline. */
export function stepLine(id: number, p: StepPayload): string {
  return `{"type":"step","id":${id},"params":${p.paramsJson},${p.fieldsJson.slice(1)}`;
}

/** The `step` request line that refers to params set `paramsRef` (protocol 1.2 with params-ref). */
export function stepRefLine(id: number, paramsRef: number, p: StepPayload): string {
  return `{"type":"step","id":${id},"paramsRef":${paramsRef},${p.fieldsJson.slice(1)}`;
}

const checkStepLiquidations = validator(StepResult.properties.liquidations, 'liquidations');

/**
 * Maps the reply to a `step` request (already matched by id) onto a {@link StepAnswer}, or says
 * why it is malformed, naming the field (`liquidations[0].result.account.collateral: expected …`).
 * Unlike a `result`, a step's result is checked in full: the simulation settles it at once (S8),
 * so a malformed one is a protocol error, not a finding for later.
 */
export function stepReplyAnswer(msg: Record<string, unknown>): { ok: true; answer: StepAnswer } | { ok: false; reason: string } {
  if (msg['type'] === 'step_result') {
    const checked = checkStepLiquidations(msg['liquidations']);
    if (!checked.ok) return { ok: false, reason: checked.issues.map(issueText).join('; ') };
    return { ok: true, answer: { ok: true, liquidations: checked.value as readonly StepLiquidationWire[] } };
  }
  if (msg['type'] !== 'error') return { ok: false, reason: `type: expected "step_result" or "error" for a step request, received ${JSON.stringify(msg['type']) ?? 'none'}` };
  const a = replyAnswer(msg);
  if (!a.ok) return a;
  if (a.answer.ok) return { ok: false, reason: 'type: expected "step_result" or "error" for a step request' };
  return { ok: true, answer: { ok: false, error: a.answer.error } };
}
