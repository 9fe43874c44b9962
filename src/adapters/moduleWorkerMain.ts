/**
 * The worker side of the module adapter: imports the engine module, reads its handshake exports,
 * then answers each request in the order received, one at a time.
 *
 * @remarks Everything the engine does happens in this thread, so the gate can stop it at any
 * moment (`worker.terminate()` interrupts even a synchronous loop) and `process.exit()` ends only
 * this thread. Answers are posted in request order: the oldest unanswered request is always the
 * one running, which is how the gate knows whom to charge with a failure.
 * @see docs/protocol.md#in-process-modules
 * @internal
 */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../model/types.ts';
import { describeError } from './describeError.ts';
import { FEATURES } from './features.ts';
import type { DeclaredPolicy } from './protocol.ts';

/** What the gate passes to a new worker. */
export interface ModuleWorkerData {
  readonly file: string;
}

/** The handshake exports, checked. */
export interface ModuleInfo {
  readonly name: string;
  readonly version: string;
  /** a name, or an inline policy object (checked here: it crosses the thread boundary as a clone) */
  readonly policy: DeclaredPolicy;
  readonly features: readonly string[];
}

/** A request from the gate. */
export interface ModuleRequest {
  readonly id: number;
  readonly scenario: Scenario;
}

/** A message from the worker to the gate. */
export type ModuleWorkerMessage =
  | { readonly type: 'ready'; readonly info: ModuleInfo }
  /** the module could not be imported or its exports are not an engine: why, for an EngineStartError */
  | { readonly type: 'refused'; readonly message: string }
  | { readonly type: 'answer'; readonly id: number; readonly kind: 'returned'; readonly out: unknown }
  /** the engine threw, its promise rejected, or its outcome cannot be posted back (`error` says why) */
  | { readonly type: 'answer'; readonly id: number; readonly kind: 'threw' | 'rejected' | 'uncloneable'; readonly error: string };

type EngineFn = (scenario: Scenario) => unknown;

/** Reads the engine function and the handshake exports of an imported module, or says what is wrong. */
export function readExports(file: string, mod: Record<string, unknown>): { ok: true; fn: EngineFn; info: ModuleInfo } | { ok: false; message: string } {
  const fn = typeof mod['liquidate'] === 'function' ? mod['liquidate'] : mod['default'];
  if (typeof fn !== 'function') {
    return { ok: false, message: `${file} exports no engine: expected a function \`liquidate\` (or a default export) taking a scenario and returning { ok, result | error }` };
  }
  const problems: string[] = [];
  const text = (k: string, fallback: string): string => {
    const v = mod[k];
    if (v === undefined) return fallback;
    if (typeof v === 'string' && v !== '') return v;
    problems.push(`${file}: export \`${k}\` must be a non-empty string`);
    return fallback;
  };
  const info = { name: text('name', basename(file)), version: text('version', '0.0.0'), policy: declared(file, mod['policy'], problems) };
  const features = mod['features'] ?? FEATURES;
  if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) {
    problems.push(`${file}: export \`features\` must be an array of strings`);
  }
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return { ok: true, fn: fn as EngineFn, info: { ...info, features: [...(features as string[])] } };
}

/**
 * The `policy` export: a non-empty name or an object (checked as a policy by {@link policyRefusal});
 * `unspecified` when absent.
 */
function declared(file: string, v: unknown, problems: string[]): DeclaredPolicy {
  if (v === undefined) return 'unspecified';
  if ((typeof v === 'string' && v !== '') || (v !== null && typeof v === 'object' && !Array.isArray(v))) return v as DeclaredPolicy;
  problems.push(`${file}: export \`policy\` must be a non-empty string or a policy object (spec §10.1)`);
  return 'unspecified';
}

/**
 * Why an inline `policy` export is no policy the reference can parse, or null. The policy parser
 * is loaded only for such a module: a worker that must start within its deadline does not pay
 * for it otherwise.
 */
async function policyRefusal(file: string, policy: DeclaredPolicy): Promise<string | null> {
  if (typeof policy === 'string') return null;
  const { declaredPolicyProblems } = await import('./protocol.ts');
  const wrong = declaredPolicyProblems(policy, 'policy');
  return wrong.length === 0 ? null : `${file}: export \`policy\` is not a policy the reference can parse: ${wrong.join('; ')}`;
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof (x as { then?: unknown }).then === 'function';
}

/** Runs the engine on one scenario (already a private copy: it crossed the thread boundary). */
async function answer(fn: EngineFn, { id, scenario }: ModuleRequest): Promise<ModuleWorkerMessage> {
  let out: unknown;
  try {
    out = fn(scenario);
    if (!isThenable(out)) return { type: 'answer', id, kind: 'returned', out };
  } catch (e) {
    return { type: 'answer', id, kind: 'threw', error: describeError(e) };
  }
  try {
    return { type: 'answer', id, kind: 'returned', out: await out };
  } catch (e) {
    return { type: 'answer', id, kind: 'rejected', error: describeError(e) };
  }
}

export async function serve(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('moduleWorkerMain: not running in a worker thread');
  const { file } = workerData as ModuleWorkerData;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    port.postMessage({ type: 'refused', message: `could not import ${file}: ${e instanceof Error ? e.message : String(e)}` } satisfies ModuleWorkerMessage);
    return;
  }
  const read = readExports(file, mod);
  if (!read.ok) {
    port.postMessage({ type: 'refused', message: read.message } satisfies ModuleWorkerMessage);
    return;
  }
  const refusal = await policyRefusal(file, read.info.policy);
  if (refusal !== null) {
    port.postMessage({ type: 'refused', message: refusal } satisfies ModuleWorkerMessage);
    return;
  }
  const { fn } = read;
  const waiting: ModuleRequest[] = [];
  let busy = false;
  const drain = async (): Promise<void> => {
    busy = true;
    for (let r = waiting.shift(); r !== undefined; r = waiting.shift()) {
      const m = await answer(fn, r);
      try {
        port.postMessage(m);
      } catch (e) {
        // A function, a symbol, a class with private state… in the outcome: a protocol error, not a gate crash.
        port.postMessage({ type: 'answer', id: r.id, kind: 'uncloneable', error: describeError(e).split('\n')[0]!.slice(0, 200) } satisfies ModuleWorkerMessage);
      }
    }
    busy = false;
  };
  port.on('message', (r: ModuleRequest) => {
    waiting.push(r);
    if (!busy) void drain();
  });
  port.postMessage({ type: 'ready', info: read.info } satisfies ModuleWorkerMessage);
}
