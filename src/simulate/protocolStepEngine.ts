/**
 * A step engine answered over the engine protocol's `step` request (protocol 1.2, docs/simulation.md
 * S14): every round goes to the engine behind an adapter (a subprocess, an HTTP service) and its
 * reply comes back as the contract's RoundReply, so an exchange's own liquidation service can be
 * run through a price path and judged by S10.
 *
 * @remarks Why the reply is checked here and not only by the judge: the driver settles every
 * liquidation at once (S8) and feeds the next round with the state it leaves, so a reply that is
 * not a RoundReply of this round (a missing field, a liquidation for another account) cannot be a
 * finding about the rules; it is a protocol error, raised with the field's path.
 * @see docs/protocol.md#multi-account-steps-feature-step
 */
import { EngineStartError, type EngineHandle } from '../adapters/engineHandle.ts';
import { type AnswerError, type StepLiquidationWire, type StepPayload } from '../adapters/protocol.ts';
import { requiredFeatures } from '../adapters/features.ts';
import { Dec, toCanonical } from '../model/decimal.ts';
import type { Issue, RiskParams, Scenario } from '../model/types.ts';
import type { Policy } from '../wire/policy.ts';
import type { AccountState, AdlEvent, RoundLiquidation, RoundReply, RoundRequest, StepEngine } from './stepEngine.ts';

/** What a protocol step engine needs of the simulation besides each round (a SimulationSetup has all of it). */
export interface ProtocolStepSetup {
  /** the risk parameters as given (wire form): sent once per session as a params set */
  readonly params: RiskParams;
  /** the policy's wire form, absent for the reference's */
  readonly policyWire?: Policy;
  /** the policy's name (`minimal-close` for the reference's), for the refusal of an engine declaring another */
  readonly policyName?: string;
  /** S9: whether a liquidation that socializes a loss runs ADL */
  readonly adl: boolean;
}

/**
 * Why a round could not be answered: the engine failed (crash, timeout, protocol error), gave a
 * definite error, or its reply is not a RoundReply of the round (then `issues` name the fields).
 * The simulation stops with it; it is never a verdict on the engine's rules.
 */
export class StepEngineError extends Error {
  constructor(
    message: string,
    /** the adapter's or the engine's code (`crash`, `timeout`, `protocol-error`, `invalid-input`, …) */
    readonly code: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
    this.name = 'StepEngineError';
  }
}

/** Scenario features a simulation on these params needs (docs/protocol.md#features), with cross and isolated apart. */
function paramsFeatures(params: RiskParams): readonly string[] {
  // A probe scenario with no position: only the params' features (tiers, dust, …) come out.
  const probe = { params, marks: {}, account: { collateral: '0', positions: [] }, insuranceFund: '0' } as unknown as Scenario;
  return requiredFeatures(probe);
}

/**
 * The StepEngine of `handle`: formats each RoundRequest as a `step` request (params by params set
 * when the engine keeps them), parses the reply into a RoundReply, and rejects with a
 * {@link StepEngineError} when the round cannot be answered.
 *
 * @throws EngineStartError at once for an engine that cannot be sent step requests (an in-process
 * module, or a handshake without the feature `step` and protocol 1.2) or that lacks a scenario
 * feature the params need, with the reason
 */
export function protocolStepEngine(handle: EngineHandle, setup: ProtocolStepSetup): StepEngine {
  const who = `engine ${JSON.stringify(handle.name)}`;
  if (handle.step === undefined) {
    throw new EngineStartError(`${who} cannot run a simulation: the ${handle.kind} adapter sends no step requests (run the engine as a subprocess or an HTTP service: docs/protocol.md#multi-account-steps-feature-step)`);
  }
  const refused = handle.stepRefusal?.() ?? null;
  if (refused !== null) throw new EngineStartError(`${who} cannot run a simulation: ${refused}`);
  // An engine declaring the reference's policy implements exactly it (docs/protocol.md#the-policy):
  // every request of a run under another policy would be refused or, worse, answered by the wrong rules.
  if (setup.policyWire !== undefined && handle.policy === 'minimal-close') {
    throw new EngineStartError(`${who} cannot run this simulation: hello_ok.policy: expected the simulation's policy ${JSON.stringify(setup.policyName ?? setup.policyWire.name ?? 'inline')} (or a policy object), received "minimal-close"`);
  }
  const missing = paramsFeatures(setup.params).filter((f) => !handle.features.includes(f));
  if (missing.length > 0) {
    throw new EngineStartError(`${who} cannot run a simulation on these params: hello_ok.features: expected a list naming ${missing.map((f) => JSON.stringify(f)).join(', ')} (the params need them), received ${JSON.stringify(handle.features)}`);
  }
  const step = handle.step.bind(handle);
  const paramsJson = JSON.stringify(setup.params);
  const policyJson = setup.policyWire === undefined ? '' : `"policy":${JSON.stringify(setup.policyWire)},`;
  const adlJson = `"adl":${setup.adl ? 'true' : 'false'},`;
  return {
    name: handle.name,
    async round(req: RoundRequest): Promise<RoundReply> {
      const where = `step ${req.step}, round ${req.round}`;
      const needs = modesNeeded(req).filter((f) => !handle.features.includes(f));
      if (needs.length > 0) {
        throw new StepEngineError(`${who} cannot answer ${where}: hello_ok.features: expected a list naming ${needs.map((f) => JSON.stringify(f)).join(', ')} (a requested account needs it), received ${JSON.stringify(handle.features)}`, 'unsupported');
      }
      const payload: StepPayload = { paramsJson, fieldsJson: `{${policyJson}${adlJson}${fieldsOf(req)}}` };
      const answer = await step(payload);
      if (!answer.ok) throw errorOf(answer.error, `${who} failed ${where}`);
      const reply = roundReplyOf(answer.liquidations, req);
      if (!reply.ok) {
        throw new StepEngineError(`${who} answered ${where} with a reply that is not one for its requests: ${reply.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ')}`, 'protocol-error', reply.issues);
      }
      return reply.value;
    },
    close: () => handle.close(),
  };
}

/** `cross` / `isolated` for the requested accounts that hold a position (the margin modes are scenario features). */
function modesNeeded(req: RoundRequest): string[] {
  let cross = false;
  let isolated = false;
  for (const { account } of req.requests) {
    const a = req.accounts.get(account);
    if (a === undefined || a.size.isZero()) continue;
    if (a.isolated) isolated = true;
    else cross = true;
  }
  return [...(cross ? ['cross'] : []), ...(isolated ? ['isolated'] : [])];
}

function accountJson(a: AccountState): string {
  return `{"id":${JSON.stringify(a.id)},"collateral":"${toCanonical(a.collateral)}","size":"${toCanonical(a.size)}","entry":"${toCanonical(a.entry)}","isolated":${a.isolated}}`;
}

/**
 * The round's fields after `policy` and `adl`, as JSON object members. The accounts sent are those
 * with a position and the requested ones, in id order: an account without a position can be
 * neither liquidated nor deleveraged, and leaving them out keeps a round's line proportional to
 * the open positions, not to the population.
 */
export function fieldsOf(req: RoundRequest): string {
  const requested = new Set(req.requests.map((r) => r.account));
  const sent: AccountState[] = [];
  for (const a of req.accounts.values()) if (!a.size.isZero() || requested.has(a.id)) sent.push(a);
  sent.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const requests = req.requests.map((r) => ({ account: r.account, keeper: r.keeper, taker: r.taker }));
  return (
    `"market":${JSON.stringify(req.market)},"step":${req.step},"round":${req.round},"mark":"${toCanonical(req.mark)}",` +
    `"insuranceFund":"${toCanonical(req.insuranceFund)}","accounts":[${sent.map(accountJson).join(',')}],"requests":${JSON.stringify(requests)}`
  );
}

function errorOf(e: AnswerError, what: string): StepEngineError {
  if (e.code === 'invalid-input') {
    const listed = e.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ');
    return new StepEngineError(`${what}: the engine refused the request as invalid input (the simulation sends only valid rounds): ${listed}`, e.code, e.issues);
  }
  return new StepEngineError(`${what}: ${e.code}: ${e.message}`, e.code);
}

/**
 * A step_result's liquidations (shape already checked against the schema) as the contract's
 * RoundReply of `req`: one per request, in order, each for its request's account.
 */
export function roundReplyOf(liquidations: readonly StepLiquidationWire[], req: RoundRequest): { ok: true; value: RoundReply } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  if (liquidations.length !== req.requests.length) {
    issues.push({ path: 'liquidations', expected: `${req.requests.length} liquidations (one per request, in order)`, received: `${liquidations.length}` });
  }
  const out: RoundLiquidation[] = [];
  liquidations.forEach((l, i) => {
    const asked = req.requests[i]?.account;
    if (asked !== undefined && l.account !== asked) {
      issues.push({ path: `liquidations[${i}].account`, expected: `${JSON.stringify(asked)} (request ${i}'s account)`, received: JSON.stringify(l.account) });
    }
    const adl = l.adl;
    if (adl === undefined) {
      out.push({ account: l.account, result: l.result });
      return;
    }
    const event: AdlEvent = {
      bankrupt: l.account,
      side: adl.side,
      bankruptcyPrice: new Dec(adl.bankruptcyPrice),
      spread: new Dec(adl.spread),
      owed: new Dec(adl.owed),
      reductions: adl.reductions.map((r) => ({ account: r.account, size: new Dec(r.size), transfer: new Dec(r.transfer), score: new Dec(r.score) })),
      toFund: new Dec(adl.toFund),
      unpaid: new Dec(adl.unpaid),
    };
    out.push({ account: l.account, result: l.result, adl: event });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { liquidations: out } };
}
