/**
 * The engine protocol's messages (protocol 1.x) as TypeBox schemas: the one description from which
 * the message types of src/adapters/protocol.ts, the gate's checks of what an engine sends, and the
 * shipped fixtures/schema/protocol-1.schema.json (one `$defs` entry per message, for implementers
 * in other languages) all come.
 *
 * What a schema cannot state stays in code (src/adapters/protocol.ts): whether the gate can speak
 * the version an engine answered (same major, minor no newer), and what each error code means to
 * the gate (`internal` counts as a crash, `bad-request` as a protocol error, `unsupported-protocol`
 * answers only a hello).
 *
 * Scenarios, params sets and results travel as opaque objects here on purpose: the gate sends
 * deliberately broken scenarios (LIQ-018), and a malformed result is an answer judged by LIQ-000,
 * not a protocol error. Their shapes are the spec's (fixtures/schema/fixture-1.schema.json).
 *
 * @see docs/protocol.md
 */
import Type, { type Static } from 'typebox';
import { decimalString, wireId, type Wire } from './common.ts';
import { RESULT_DIGITS } from '../model/parseDecimal.ts';
import { Policy } from './policy.ts';
import { Result as LiquidationResultSchema } from './result.ts';
import type { Assert, Equals } from './typeEquals.ts';
import type { Scenario } from '../model/types.ts';

/** Most params sets an engine keeps at once (protocol 1.1, `params-ref`): ids are 1…MAX_PARAMS_ID. */
export const MAX_PARAMS_ID = 64;

// `expected` holds the words of the gate's message for a value that does not fit (src/wire/validate.ts).
const Version = (description: string) =>
  Type.String({ pattern: '^[0-9]+\\.[0-9]+$', description: `${description}: MAJOR.MINOR, e.g. "1.1"`, expected: 'a protocol version MAJOR.MINOR such as "1.1"' });
const NonEmpty = (description: string) => Type.String({ minLength: 1, description, expected: 'a non-empty string' });
const RequestId = Type.Integer({ minimum: 1, description: 'the request id: a positive integer, strictly increasing within one engine process', expected: 'a positive integer' });
const ParamsId = (description: string) => Type.Integer({ minimum: 1, maximum: MAX_PARAMS_ID, description, expected: `an integer from 1 to ${MAX_PARAMS_ID}` });

/** One field an `invalid-input` error names: the spec's Issue (`account.positions[2].size`, …). */
export const ProtocolIssue = Type.Object(
  {
    path: Type.String({ description: 'the offending field, e.g. account.positions[2].size' }),
    expected: Type.String({ description: 'what the rule requires (free text)' }),
    received: Type.String({ description: 'what was found (free text)' }),
  },
  { title: 'issue', description: 'one offending field of an invalid-input error' },
);

// ---------------------------------------------------------------------------------------------
// The gate's messages.

export const Hello = Type.Object(
  {
    type: Type.Literal('hello'),
    protocol: Version('the newest protocol version the gate speaks'),
    gate: Type.Object(
      { name: Type.String(), version: Type.String() },
      { description: 'informational; an engine must not depend on it' },
    ),
  },
  { $id: wireId('protocol-hello'), title: 'hello', description: "The gate's first message: the handshake. The engine answers hello_ok (or a handshake error)." },
);
export type Hello = Wire<typeof Hello>;

export const Liquidate = Type.Object(
  {
    type: Type.Literal('liquidate'),
    id: RequestId,
    scenario: Type.Unsafe<Scenario>({
      description: 'the scenario of spec §2 ({ params, marks, account, insuranceFund }), sent as it is: deliberately broken ones too (LIQ-018), which the engine answers invalid-input',
    }),
  },
  { $id: wireId('protocol-liquidate'), title: 'liquidate', description: 'One request: liquidate this scenario. Answered by exactly one result or error reply with the same id.' },
);
export type Liquidate = Wire<typeof Liquidate>;

export const Params = Type.Object(
  {
    type: Type.Literal('params'),
    paramsId: ParamsId('the id of the set, 1…64; a params message for an id already defined replaces it'),
    params: Type.Unsafe<Scenario['params']>(
      Type.Object({}, { description: 'the risk parameters of spec §3, as they are (deliberately broken ones too: their requests are answered invalid-input, with params.… paths)' }),
    ),
  },
  { $id: wireId('protocol-params'), title: 'params', description: 'Protocol 1.1, feature params-ref: defines (or replaces) a params set for the session. Never answered.' },
);
export type Params = Wire<typeof Params>;

export const LiquidateRef = Type.Object(
  {
    type: Type.Literal('liquidate'),
    id: RequestId,
    paramsRef: ParamsId('the params set this request stands on (defined earlier in the session by a params message)'),
    scenario: Type.Unsafe<Omit<Scenario, 'params'>>(
      Type.Object(
        { params: Type.Optional(Type.Never({ description: 'never present: the params are the set paramsRef names' })) },
        { description: 'the scenario without its params ({ marks, account, insuranceFund }); it stands for { "params": <set paramsRef>, …scenario }' },
      ),
    ),
  },
  { $id: wireId('protocol-liquidate-ref'), title: 'liquidate (params-ref)', description: 'Protocol 1.1, feature params-ref: a request that refers to a params set instead of carrying the params.' },
);
export type LiquidateRef = Wire<typeof LiquidateRef>;

export const Batch = Type.Object(
  {
    type: Type.Literal('batch'),
    requests: Type.Array(Liquidate, { minItems: 1, description: 'at most the hello_ok batch size of liquidate requests' }),
  },
  { $id: wireId('protocol-batch'), title: 'batch', description: 'HTTP only, to an engine that announced batch: several liquidate requests in one POST.' },
);
export type Batch = Wire<typeof Batch>;


// Protocol 1.2, feature `step`: a round of the system simulation (docs/simulation.md S7–S9, S14).

/** A canonical decimal string (spec §1.1), as every amount of a step request and its reply. */
const D = (description: string) => decimalString('canonical', RESULT_DIGITS, description);

const StepAccount = Type.Object(
  {
    id: NonEmpty('the account id (a000001, …)'),
    collateral: D('C: the free collateral of a cross account, the isolated margin of an isolated one (spec S2: C = κ + q·e)'),
    size: D('the signed base size (long > 0); "0": no position'),
    entry: D('the entry price e (irrelevant without a position)'),
    isolated: Type.Boolean({ description: 'whether C is the isolated margin of its position (the free collateral is then 0)' }),
  },
  { title: 'step account', description: 'one account as the gate holds it before the round' },
);

const StepLiquidationRequest = Type.Object(
  {
    account: NonEmpty('the id of an account of accounts'),
    keeper: NonEmpty('the keeper that asks (k1, …; "venue" in venue mode): informational, the fills go to taker'),
    taker: NonEmpty('who takes the fills: the keeper, or "vault" in auction mode'),
  },
  { title: 'step liquidation request', description: 'one liquidation a keeper asks for, in the order the engine processes them' },
);

/** The fields of a `step` request other than its params (shared by the inline and the params-ref form). */
const stepFields = {
  type: Type.Literal('step'),
  id: RequestId,
  policy: Type.Optional(Policy),
  adl: Type.Boolean({ description: 'whether a liquidation that socializes a loss runs auto-deleveraging (docs/simulation.md S9)' }),
  market: NonEmpty('the one market of the simulation (a key of params.markets)'),
  step: Type.Integer({ minimum: 0, expected: 'a non-negative integer', description: 'the step t (informational)' }),
  round: Type.Integer({ minimum: 1, expected: 'a positive integer', description: 'the round r within the step (informational)' }),
  mark: D('the mark every liquidation of the round is computed at'),
  insuranceFund: D("the fund's balance before the round's first liquidation"),
  accounts: Type.Array(StepAccount, {
    description: 'every account with a position, and every requested one, in id order; accounts without a position may be omitted (they are neither liquidated nor deleveraged)',
  }),
  requests: Type.Array(StepLiquidationRequest, {
    description: 'processed in order, each seeing the fund and the accounts as left by the previous ones and their ADL',
  }),
} as const;

export const Step = Type.Object(
  {
    ...stepFields,
    params: Type.Unsafe<Scenario['params']>(Type.Object({}, { description: 'the risk parameters of spec §3 (valid ones: the simulation checked them)' })),
  },
  {
    $id: wireId('protocol-step'),
    title: 'step',
    description: 'Protocol 1.2, feature step: liquidate the requested accounts of one round, in order, with their ADL. Answered by one step_result or error reply with the same id.',
  },
);
export type Step = Wire<typeof Step>;

export const StepRef = Type.Object(
  {
    ...stepFields,
    paramsRef: ParamsId('the params set this request stands on (defined earlier in the session by a params message)'),
  },
  {
    $id: wireId('protocol-step-ref'),
    title: 'step (params-ref)',
    description: 'Protocol 1.2, features step and params-ref: a step request that refers to a params set instead of carrying the params.',
  },
);
export type StepRef = Wire<typeof StepRef>;

// ---------------------------------------------------------------------------------------------
// The engine's messages.

export const HelloOk = Type.Object(
  {
    type: Type.Literal('hello_ok'),
    name: NonEmpty('the engine\'s name, printed in reports'),
    version: NonEmpty('the engine\'s version, printed in reports'),
    protocol: Version('the version the engine will speak: the gate\'s major, and a minor no newer than the gate\'s'),
    policy: Type.Union(
      [
        NonEmpty('a policy name: "minimal-close" is the reference\'s (spec §6); a name the reference does not know is judged by the invariants that presume nothing'),
        Policy,
      ],
      {
        expected: 'a non-empty string (a policy name) or a policy object (spec §10.1)',
        description: 'the liquidation policy the engine implements, by name or inline (spec §10): the gate judges the invariants it promises enough for (spec §10.7) and, when the reference can run it, compares every result with the reference under the same policy (REF-001)',
      },
    ),
    features: Type.Array(Type.String(), {
      expected: 'an array of strings',
      description: 'the scenario features the engine supports (docs/protocol.md#features) and the protocol features it keeps (1.1: params-ref); unknown names are ignored',
    }),
    spec: Type.Optional(Type.String({ description: 'the spec version the engine implements; informational' })),
    batch: Type.Optional(Type.Integer({ minimum: 1, expected: 'a positive integer', description: 'HTTP only: the most requests the engine accepts in one batch message' })),
  },
  { $id: wireId('protocol-hello-ok'), title: 'hello_ok', description: 'The engine\'s answer to hello, before it reads anything else. Unknown fields are ignored.' },
);
export type HelloOk = Wire<typeof HelloOk>;

export const Result = Type.Object(
  {
    type: Type.Literal('result'),
    id: RequestId,
    result: Type.Object({}, {
      expected: 'an object (a LiquidationResult)',
      description: 'the LiquidationResult of spec §8 in canonical decimal strings; its content is judged by the invariants (LIQ-000), not by the protocol',
    }),
    certificate: Type.Optional(
      Type.Object({}, {
        expected: 'an object (a liquidation certificate, spec §14)',
        description: 'feature certificate: the certificate of this result (fixtures/schema/certificate-1.schema.json); the gate verifies it against the result when the engine listed the feature (CERT-001), and ignores it otherwise',
      }),
    ),
  },
  { $id: wireId('protocol-result'), title: 'result', description: 'The engine\'s result for the request with this id.' },
);
export type Result = Wire<typeof Result>;



export const StepAdlReduction = Type.Object(
  {
    account: NonEmpty('the counterparty reduced'),
    size: D('a_c > 0: the base amount reduced (unsigned), a multiple of the lot'),
    transfer: D('a_c·g: what the counterparty pays at the bankruptcy price'),
    score: D('its ranking score, truncated toward zero to 18 fraction digits'),
  },
  { title: 'ADL reduction', description: 'one counterparty reduced by ADL (docs/simulation.md S9)' },
);

export const StepAdl = Type.Object(
  {
    side: Type.Union([Type.Literal('long'), Type.Literal('short')], { expected: 'one of "long", "short"', description: "the bankrupt's side" }),
    bankruptcyPrice: D('P_b = −κ/q before the liquidation, rounded away from the mark to the tick'),
    spread: D('g = |P_b − m|'),
    owed: D('s: the result\'s socializedLoss'),
    reductions: Type.Array(StepAdlReduction, { description: 'in ranking order' }),
    toFund: D('the excess of the transfers over owed, plus the floor residues'),
    unpaid: D('what the counterparties could not pay: stays socialized'),
  },
  { title: 'ADL event', description: "the ADL run after a liquidation that socialized a loss; the bankrupt is the liquidation's account" },
);

export const StepLiquidation = Type.Object(
  {
    account: NonEmpty("the request's account"),
    // The whole §8 shape, unlike a liquidate reply's opaque result: the simulation settles it
    // (S8), so a malformed one cannot be judged later, it is a protocol error now.
    result: LiquidationResultSchema,
    adl: Type.Optional(StepAdl),
  },
  { title: 'step liquidation', description: 'the answer to one liquidation request' },
);

export const StepResult = Type.Object(
  {
    type: Type.Literal('step_result'),
    id: RequestId,
    liquidations: Type.Array(StepLiquidation, { description: 'one per request, in the requests\' order' }),
  },
  { $id: wireId('protocol-step-result'), title: 'step_result', description: "Protocol 1.2, feature step: the engine's answer to a step request." },
);
export type StepResult = Wire<typeof StepResult>;

export const InvalidInputError = Type.Object(
  {
    code: Type.Literal('invalid-input'),
    issues: Type.Array(ProtocolIssue, { description: 'every offending field of the scenario', expected: 'an array of issues {path, expected, received}' }),
  },
  { title: 'invalid-input', description: 'The scenario breaks a rule of spec §1–§3. An answer: compared with the reference\'s.' },
);

const MESSAGE_ERROR_CODES = ['limit-exceeded', 'internal', 'bad-request', 'unsupported-protocol'] as const;

export const MessageError = Type.Object(
  {
    code: Type.Union(
      [
        Type.Literal('limit-exceeded', { description: "the engine refuses a computation that is too large (the reference's §6.3 candidate limit); an answer" }),
        Type.Literal('internal', { description: 'the engine caught its own failure and can go on; counted as a crash answer for that scenario' }),
        Type.Literal('bad-request', { description: 'the engine could not read a line (id null) or cannot serve a request (1.1: an unknown paramsRef); a protocol error' }),
        Type.Literal('unsupported-protocol', { description: "answered to hello (id null) by an engine that cannot speak the gate's major version; the gate stops" }),
      ],
      { description: 'what went wrong; any other code is a protocol error', expected: `a known error code (invalid-input, ${MESSAGE_ERROR_CODES.join(', ')})` },
    ),
    message: Type.Optional(Type.String({ description: 'free text, shown in reports' })),
  },
  { title: 'error with a message' },
);

export const ReplyError = Type.Union([InvalidInputError, MessageError], { title: 'error body' });
export type ReplyError = Wire<typeof ReplyError>;
// The words of `expected` list exactly the codes of the union.
export type MessageErrorCodesListed = Assert<Equals<(typeof MESSAGE_ERROR_CODES)[number], Static<typeof MessageError>['code']>>;

export const ErrorReply = Type.Object(
  {
    type: Type.Literal('error'),
    id: Type.Union([RequestId, Type.Null({ description: 'a reply to no request: a line the engine could not read, or the handshake' })]),
    error: ReplyError,
  },
  { $id: wireId('protocol-error'), title: 'error', description: 'The engine\'s definite error for the request with this id (or, with id null, for no request).' },
);
export type ErrorReply = Wire<typeof ErrorReply>;

export const BatchResult = Type.Object(
  {
    type: Type.Literal('batch_result'),
    replies: Type.Array(Type.Union([Result, ErrorReply]), { description: 'one reply per request of the batch, in any order, matched by id' }),
  },
  { $id: wireId('protocol-batch-result'), title: 'batch_result', description: 'HTTP only: the answer to a batch.' },
);
export type BatchResult = Wire<typeof BatchResult>;

/**
 * Any one line of the protocol: shipped as fixtures/schema/protocol-1.schema.json, where each
 * message goes once under `$defs` (by the name in its `$id`) and this union refers to them. A
 * gate's line validates against one of the gate's messages, an engine's against one of its own.
 */
export const Protocol = Type.Union([Hello, Liquidate, LiquidateRef, Params, Batch, Step, StepRef, HelloOk, Result, ErrorReply, BatchResult, StepResult], {
  $id: wireId('protocol'),
  title: 'liqcheck engine protocol, version 1.x',
  description:
    'One JSON line of the engine protocol (docs/protocol.md): a message of the gate (hello, liquidate, params, batch, step) or of the engine (hello_ok, result, error, batch_result, step_result). Each message is described under $defs; unknown fields are ignored (a minor version only adds).',
});
export type Protocol = Wire<typeof Protocol>;
