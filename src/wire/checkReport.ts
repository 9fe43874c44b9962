/**
 * The report of `liqcheck check --json` (and of `liqcheck merge`): the tallies per invariant, the
 * counterexamples, the engine failures and how the run ended. Shipped as
 * fixtures/schema/check-report-1.schema.json; `liqcheck merge` reads reports back through it.
 *
 * The runner's `CatalogReport`, `InvariantTally`, `Counterexample` and `EngineFailure`
 * (src/runner/runCatalog.ts) are this file's static types.
 *
 * @see README.md#checking-your-engine-the-gate
 */
import { Type } from 'typebox';
import type { Scenario } from '../model/types.ts';
import { CLOSED, Count, dictionary, INVARIANT_ID, patterned, wireId, type Wire } from './common.ts';
import { reportReader } from './reportReader.ts';

const Millis = (description: string) => Type.Number({ minimum: 0, description, expected: 'a non-negative number of milliseconds' });
/** A fast-check seed: a 32-bit signed integer. */
export const Seed = (description: string) =>
  Type.Integer({ minimum: -2147483648, maximum: 2147483647, description, expected: 'a 32-bit signed integer' });

/**
 * A scenario as a report carries it: the input an engine was given. Not validated further here:
 * an engine failure may have been caused by a deliberately broken derived scenario (LIQ-018).
 */
export const ReportedScenario = Type.Unsafe<Scenario>(
  Type.Object({}, { description: 'a scenario (spec §2, fixtures/schema/fixture-1.schema.json#/properties/input), as sent to the engine', expected: 'an object (a scenario)' }),
);

export const Shard = Type.Object(
  {
    index: Count('0-based: shard index + 1 of count'),
    count: Type.Integer({ minimum: 1, description: 'how many shards the run was split into (1: the whole run)', expected: 'a positive integer' }),
  },
  { ...CLOSED, description: 'the deterministic partition of the cases this report covers (--shard I/N)' },
);

export const Counterexample = Type.Object(
  {
    scenario: ReportedScenario,
    message: Type.String({ description: 'the first violation message' }),
    seed: Seed('the fast-check seed it can be replayed from'),
    path: Type.String({ description: "the fast-check path of the shrunk case ('' for a replayed saved failure)" }),
    file: Type.Optional(Type.String({ description: 'the fixture file it was saved as, when a failures directory was given' })),
  },
  { ...CLOSED, description: 'the shrunk counterexample of a violated invariant and where it can be replayed from' },
);
export type Counterexample = Wire<typeof Counterexample>;

export const InvariantTally = Type.Object(
  {
    id: patterned(INVARIANT_ID, 'an invariant id such as LIQ-003', 'the invariant id (LIQ-0xx, REF-001, …)'),
    title: Type.String(),
    checked: Count('cases in the invariant\'s domain'),
    skipped: Count('cases outside it, and for a relation invariant the cases the budget left out'),
    offBudget: Type.Optional(Count('for relation invariants under a budget: how many of skipped the budget left out rather than the domain')),
    violations: Count('cases that violated it'),
    ms: Millis('time spent judging it (overlapping for pipelined engines)'),
    counterexample: Type.Optional(Counterexample),
  },
  { ...CLOSED, description: 'one invariant of the catalog: how many cases it judged and what it found' },
);
export type InvariantTally = Wire<typeof InvariantTally>;

export const EngineFailure = Type.Object(
  {
    code: Type.String({ description: 'crash, timeout or protocol-error' }),
    message: Type.String(),
    scenario: ReportedScenario,
  },
  { ...CLOSED, description: 'an answer that is no answer: the engine crashed, hung or broke the protocol on this input' },
);
export type EngineFailure = Wire<typeof EngineFailure>;

export const CheckReport = Type.Object(
  {
    engine: Type.Object(
      { name: Type.String(), version: Type.Optional(Type.String()), policy: Type.String({ description: 'the policy its handshake claims' }) },
      { ...CLOSED, description: 'the engine checked, as its handshake named it' },
    ),
    seed: Seed('the seed of the run'),
    runs: Count('scenarios the whole run generates (all shards)'),
    shard: Shard,
    cases: Count('cases this shard judged'),
    unsupported: Count('cases skipped because the engine lacks a feature they need'),
    replayed: Count('saved failures replayed before the generated cases'),
    tallies: Type.Array(InvariantTally),
    ms: Millis('wall time of the run'),
    ok: Type.Boolean({ description: 'every invariant held, the engine never failed, and the run finished: the only pass' }),
    labels: dictionary(Count('cases with this label'), { description: 'case labels (outcomes, parameter features) and how many cases had each' }),
    relationsEvery: Type.Optional(Type.Integer({ minimum: 1, expected: 'a positive integer', description: 'relation invariants were judged on every relationsEvery-th generated case (1: all) and on every replayed failure' })),
    notJudged: Type.Optional(
      Type.Array(
        Type.Object(
          { id: Type.String(), missing: Type.Array(Type.String(), { description: 'the promises (spec §10.7) it presumes that the declared policy does not make' }) },
          { ...CLOSED, description: 'an invariant of the selection not judged on this engine, and why' },
        ),
        { description: "the invariants the engine's declared policy does not promise enough for (spec §10.7); absent when every selected invariant was judged" },
      ),
    ),
    engineFailures: Type.Object(
      { count: Count('how often the engine crashed, hung or broke the protocol'), examples: Type.Array(EngineFailure, { description: 'the first few inputs that did it' }) },
      CLOSED,
    ),
    interrupted: Type.Optional(
      Type.Union([Type.Literal('SIGINT'), Type.Literal('SIGTERM')], { expected: '"SIGINT" or "SIGTERM"', description: 'the signal that stopped the run before it finished (the figures cover what ran); never a pass' }),
    ),
    stoppedEarly: Type.Optional(Type.String({ description: 'why the run stopped before generating all its cases although nobody interrupted it' })),
    startError: Type.Optional(Type.String({ description: 'the engine could not be started or failed its handshake: nothing ran' })),
  },
  {
    ...CLOSED,
    expected: 'a check report (a JSON object)',
    $id: wireId('check-report'),
    title: 'liqcheck check report, format 1',
    description: 'The --json report of liqcheck check, and of liqcheck merge over the reports of the shards of one run. ok is the verdict; interrupted, stoppedEarly and startError say why a run is no pass.',
  },
);
export type CheckReport = Wire<typeof CheckReport>;

/** A CheckReport read back from the parsed JSON of `file`, or the message naming each field that does not fit. */
export const readCheckReport = reportReader(CheckReport, 'a report written by liqcheck check --json', 'check-report-1.schema.json');

