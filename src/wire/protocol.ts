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
import { wireId, type Wire } from './common.ts';
import { Policy } from './policy.ts';
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
  },
  { $id: wireId('protocol-result'), title: 'result', description: 'The engine\'s result for the request with this id.' },
);
export type Result = Wire<typeof Result>;

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
export const Protocol = Type.Union([Hello, Liquidate, LiquidateRef, Params, Batch, HelloOk, Result, ErrorReply, BatchResult], {
  $id: wireId('protocol'),
  title: 'liqcheck engine protocol, version 1.x',
  description:
    'One JSON line of the engine protocol (docs/protocol.md): a message of the gate (hello, liquidate, params, batch) or of the engine (hello_ok, result, error, batch_result). Each message is described under $defs; unknown fields are ignored (a minor version only adds).',
});
export type Protocol = Wire<typeof Protocol>;
