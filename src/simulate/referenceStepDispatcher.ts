/**
 * The reference model behind the engine protocol (docs/protocol.md): the replies of one session
 * to the gate's messages — `hello`, `params` sets, `liquidate` and, protocol 1.2, `step` (a round
 * of the system simulation answered by {@link referenceStepEngine}). Served over stdin/stdout by
 * referenceStepServer.ts, so the reference speaks `step` over the protocol exactly as another
 * implementation must (docs/simulation.md S14), and a protocol step engine over it must give the
 * in-process reference's RoundReply.
 * @see docs/protocol.md#multi-account-steps-feature-step
 */
import { FEATURES } from '../adapters/features.ts';
import { Dec, toCanonical } from '../model/decimal.ts';
import { liquidate } from '../model/liquidate.ts';
import { parseParams } from '../model/parseScenario.ts';
import type { Issue, RiskParams } from '../model/types.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import type { Policy } from '../wire/policy.ts';
import { Step, StepRef, type StepResult } from '../wire/protocol.ts';
import { validator } from '../wire/validate.ts';
import { referenceStepEngine, type ReferenceEngineOptions } from './referenceStepEngine.ts';
import type { SimulationSetup } from './simulationSetup.ts';
import type { AccountState, RoundReply, RoundRequest, StepEngine } from './stepEngine.ts';

/** The newest protocol the dispatcher speaks: 1.2, the minor that added `step`. */
export const REFERENCE_PROTOCOL = '1.2';

type Reply = Record<string, unknown>;

const checkStep = validator(Step);
const checkStepRef = validator(StepRef);

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const badRequest = (id: unknown, message: string): Reply => ({ type: 'error', id, error: { code: 'bad-request', message } });
const invalid = (id: unknown, issues: readonly Issue[]): Reply => ({ type: 'error', id, error: { code: 'invalid-input', issues } });

/**
 * What `referenceStepEngine` reads of a setup. It takes a whole SimulationSetup; a step request
 * carries only these parts, so the rest is absent (see the report: the engine's parameter could be
 * narrowed to this Pick).
 */
type EngineSetup = Pick<SimulationSetup, 'params' | 'parsed' | 'policy' | 'policyWire' | 'market' | 'lot' | 'tick' | 'unit' | 'adl'>;

/**
 * The setup the reference's step engine needs for a step request's params, policy, market and
 * ADL switch, or the issues of an invalid one (paths `params.…`, `policy.…`, `market`).
 *
 * @remarks `referenceStepEngine` takes a whole SimulationSetup but reads only the fields of
 * {@link EngineSetup}; a step request carries nothing else, so the rest is left out.
 */
export function stepSetupOf(params: unknown, policy: unknown, market: string, adl: boolean): { ok: true; value: SimulationSetup } | { ok: false; issues: readonly Issue[] } {
  const pp = parseParams(params, 'params');
  if (!pp.ok) return pp;
  const policyParsed = policy === undefined ? undefined : parsePolicy(policy, 'policy');
  if (policyParsed !== undefined && !policyParsed.ok) return policyParsed;
  const m = pp.value.markets.get(market);
  if (m === undefined) return { ok: false, issues: [{ path: 'market', expected: `one of the params' markets (${[...pp.value.markets.keys()].join(', ')})`, received: JSON.stringify(market) }] };
  const setup: EngineSetup = {
    params: params as RiskParams,
    parsed: pp.value,
    ...(policyParsed === undefined ? {} : { policy: policyParsed.value, policyWire: policy as Policy }),
    market,
    lot: m.lot,
    tick: m.tick,
    unit: pp.value.unit,
    adl,
  };
  return { ok: true, value: setup as SimulationSetup };
}

/** The dispatcher's options: the reference's swappable pieces (a wrong reference for tests) and its name. */
export interface ReferenceDispatcherOptions {
  readonly engine?: ReferenceEngineOptions;
  readonly name?: string;
  /**
   * The policy its handshake declares (default `minimal-close`): the reference runs whatever
   * policy each request carries, but a gate holds an engine to the policy it declares, so a
   * simulation under a venue's policy needs that name (`binance-usdm`).
   */
  readonly policy?: string;
}

/**
 * A fresh session: a function from one parsed gate message to its reply, or null when none is
 * owed (a `params` message). Never throws: a failure inside the reference is an `internal` error.
 */
export function referenceStepDispatcher(options: ReferenceDispatcherOptions = {}): (message: unknown) => Reply | null {
  const sets = new Map<number, unknown>();
  /** the engine of the latest params, policy, market and adl (they change rarely: usually never) */
  let cached: { readonly key: string; readonly engine: StepEngine } | null = null;
  const name = options.name ?? 'liqcheck-reference';

  const engineFor = (id: unknown, params: unknown, policy: unknown, market: string, adl: boolean): { readonly engine: StepEngine } | { readonly refused: Reply } => {
    const key = JSON.stringify([params, policy ?? null, market, adl]);
    if (cached?.key === key) return { engine: cached.engine };
    const setup = stepSetupOf(params, policy, market, adl);
    if (!setup.ok) return { refused: invalid(id, setup.issues) };
    const engine = referenceStepEngine(setup.value, options.engine);
    cached = { key, engine };
    return { engine };
  };

  const step = (message: Record<string, unknown>): Reply => {
    const id = message['id'];
    const byRef = Object.hasOwn(message, 'paramsRef');
    const checked = byRef ? checkStepRef(message) : checkStep(message);
    if (!checked.ok) return invalid(Number.isSafeInteger(id) ? id : null, checked.issues);
    const w = checked.value;
    let params: unknown;
    if (byRef) {
      if (Object.hasOwn(message, 'params')) return badRequest(id, 'a request with paramsRef must not carry params');
      const ref = message['paramsRef'] as number;
      if (!sets.has(ref)) return badRequest(id, `unknown paramsRef ${ref}: no params message defined it in this session`);
      params = sets.get(ref);
    } else params = message['params'];
    const found = engineFor(id, params, w.policy, w.market, w.adl);
    if (!('engine' in found)) return found.refused;
    const { engine } = found;
    const accounts = new Map<string, AccountState>();
    for (const a of w.accounts) {
      accounts.set(a.id, { id: a.id, collateral: new Dec(a.collateral), size: new Dec(a.size), entry: new Dec(a.entry), isolated: a.isolated });
    }
    const unknown = w.requests.flatMap((r, i) => (accounts.has(r.account) ? [] : [{ path: `requests[${i}].account`, expected: 'the id of an account of accounts', received: JSON.stringify(r.account) }]));
    if (unknown.length > 0) return invalid(id, unknown);
    const req: RoundRequest = { step: w.step, round: w.round, market: w.market, mark: new Dec(w.mark), insuranceFund: new Dec(w.insuranceFund), accounts, requests: w.requests };
    const reply = engine.round(req) as RoundReply;
    return { type: 'step_result', id, liquidations: liquidationsWire(reply) };
  };

  return (message: unknown): Reply | null => {
    const type = isRecord(message) ? message['type'] : undefined;
    if (!isRecord(message)) return badRequest(null, 'expected a JSON object');
    try {
      if (type === 'hello') {
        const v = /^1\.(\d+)$/.exec(String(message['protocol']));
        if (v === null) return { type: 'error', id: null, error: { code: 'unsupported-protocol', message: `this engine speaks ${REFERENCE_PROTOCOL}, not ${String(message['protocol'])}` } };
        const minor = Math.min(Number(v[1]), 2);
        const protocolFeatures = [...(minor >= 1 ? ['params-ref'] : []), ...(minor >= 2 ? ['step'] : [])];
        return { type: 'hello_ok', name, version: '0.1.0', protocol: `1.${minor}`, policy: options.policy ?? 'minimal-close', features: [...FEATURES, ...protocolFeatures], spec: '1.0.0' };
      }
      if (type === 'params') {
        const pid = message['paramsId'];
        if (!(typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0)) return badRequest(null, `params: paramsId must be a positive integer, received ${JSON.stringify(pid)}`);
        sets.set(pid, message['params']);
        return null;
      }
      if (type === 'liquidate') {
        const id = message['id'];
        let scenario = message['scenario'];
        if (Object.hasOwn(message, 'paramsRef')) {
          const ref = message['paramsRef'] as number;
          if (!sets.has(ref)) return badRequest(id, `unknown paramsRef ${JSON.stringify(ref)}: no params message defined it in this session`);
          if (isRecord(scenario)) scenario = { params: sets.get(ref), ...scenario };
        }
        const o = liquidate(scenario);
        return o.ok ? { type: 'result', id, result: o.result } : { type: 'error', id, error: o.error };
      }
      if (type === 'step') return step(message);
      return badRequest(null, `unknown message type ${JSON.stringify(type)}`);
    } catch (e) {
      return { type: 'error', id: Number.isSafeInteger(message['id']) ? message['id'] : null, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
    }
  };
}

/** A RoundReply in the wire form of a step_result (the ADL's bankrupt is the liquidation's account). */
export function liquidationsWire(reply: RoundReply): StepResult['liquidations'] {
  const s = toCanonical;
  return reply.liquidations.map((l) => {
    if (l.adl === undefined) return { account: l.account, result: l.result };
    const a = l.adl;
    return {
      account: l.account,
      result: l.result,
      adl: {
        side: a.side,
        bankruptcyPrice: s(a.bankruptcyPrice),
        spread: s(a.spread),
        owed: s(a.owed),
        reductions: a.reductions.map((r) => ({ account: r.account, size: s(r.size), transfer: s(r.transfer), score: s(r.score) })),
        toFund: s(a.toFund),
        unpaid: s(a.unpaid),
      },
    };
  });
}
