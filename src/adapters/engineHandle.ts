/**
 * What every adapter gives the gate: an engine behind a handshake, answering scenarios
 * asynchronously, never rejecting.
 */
import type { AsyncEngine } from '../invariants/checkCase.ts';
import type { Answer } from '../invariants/invariant.ts';
import type { Scenario } from '../model/types.ts';
import { stepRefusal } from './features.ts';
import type { DeclaredPolicy, EngineInfo, StepAnswer, StepPayload } from './protocol.ts';

export interface EngineHandle {
  /** from the handshake */
  readonly name: string;
  readonly version: string;
  /** the liquidation policy the engine declares: a name (`minimal-close`) or an inline policy object, checked */
  readonly policy: DeclaredPolicy;
  /** the protocol features the engine supports (docs/protocol.md#features) */
  readonly features: readonly string[];
  readonly kind: 'subprocess' | 'module' | 'http';
  /**
   * Answers one scenario. Never rejects: a crash, a timeout or a protocol violation comes back as
   * an answer with code `crash`, `timeout` or `protocol-error`, whose message names the request
   * and includes the engine's stderr tail where there is one.
   */
  run: AsyncEngine;
  /** Answers many scenarios, pipelined or batched; answers in the order of `scenarios`. */
  runMany?(scenarios: readonly Scenario[]): Promise<Answer[]>;
  /**
   * Protocol 1.2, feature `step`: answers one round of the system simulation. Never rejects, as
   * {@link run}. Absent from an adapter that cannot send it (an in-process module).
   */
  step?(payload: StepPayload): Promise<StepAnswer>;
  /** Why this engine may not be sent `step` requests (null: it may): its handshake's words. */
  stepRefusal?(): string | null;
  /** Stops the engine (kills a subprocess's whole process group); safe to call twice. */
  close(): Promise<void>;
  /** The last part of the engine's stderr ('' for engines without one). */
  stderrTail(): string;
  /** Counters, for reports and for deciding to stop early. */
  stats?(): EngineStats;
}

export interface EngineStats {
  /** times the engine process was restarted after a failure */
  readonly restarts: number;
  /** set once the adapter stopped restarting the engine: every later answer is a crash */
  readonly gaveUp: string | null;
  readonly requests: number;
}

/** The engine could not be started, or its handshake failed. The CLI exits with code 3. */
export class EngineStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineStartError';
  }
}

/** Options of {@link openEngine}; only `timeoutMs` is required. */
export interface OpenOptions {
  /** per-request deadline */
  readonly timeoutMs: number;
  /** working directory for a subprocess, and base of a relative module path; default `process.cwd()` */
  readonly cwd?: string;
  /** deadline of the handshake (and of each restart's); default max(10 s, timeoutMs) */
  readonly startTimeoutMs?: number;
  /** subprocess and module: restarts allowed after failures before giving up; HTTP: timeouts and connection failures tolerated; default 10 */
  readonly maxRestarts?: number;
  /** subprocess and module: most requests in flight at once; HTTP: most concurrent requests; default 64 / 8 */
  readonly window?: number;
  /** longest reply line or HTTP body accepted, in characters; default 8 MiB */
  readonly maxLineChars?: number;
  /** subprocess: characters of stderr kept; default 16 KiB */
  readonly stderrTailChars?: number;
  /** subprocess: environment; default `process.env` */
  readonly env?: NodeJS.ProcessEnv;
  /** subprocess: how long `close()` waits for a clean exit after closing stdin; default 2 s */
  readonly closeGraceMs?: number;
}

export const DEFAULTS = {
  maxRestarts: 10,
  subprocessWindow: 64,
  httpConcurrency: 8,
  httpBatch: 128,
  maxLineChars: 8 * 1024 * 1024,
  stderrTailChars: 16 * 1024,
  closeGraceMs: 2000,
  minStartTimeoutMs: 10_000,
} as const;

export function startTimeout(o: OpenOptions): number {
  return o.startTimeoutMs ?? Math.max(DEFAULTS.minStartTimeoutMs, o.timeoutMs);
}

/** The handshake's fields of an {@link EngineHandle}, read from the engine's {@link EngineInfo}. */
export abstract class HandshakeFields {
  protected abstract readonly info: Pick<EngineInfo, 'name' | 'version' | 'policy' | 'features'> & Partial<Pick<EngineInfo, 'protocol' | 'protocolFeatures'>>;

  get name(): string {
    return this.info.name;
  }
  get version(): string {
    return this.info.version;
  }
  get policy(): DeclaredPolicy {
    return this.info.policy;
  }
  get features(): readonly string[] {
    return this.info.features;
  }
  /** Why `step` requests may not be sent (protocol 1.2, docs/protocol.md#multi-account-steps-feature-step). */
  stepRefusal(): string | null {
    const { protocol = 'none (an in-process module has no protocol handshake)', features, protocolFeatures } = this.info;
    return stepRefusal({ protocol, features, ...(protocolFeatures === undefined ? {} : { protocolFeatures }) });
  }
}
