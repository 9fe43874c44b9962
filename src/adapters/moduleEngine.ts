/**
 * The in-process adapter: a JS or TS module exporting `liquidate` (or a default function), sync or
 * async, returning the model's outcome `{ ok: true, result } | { ok: false, error }`. Optional
 * exports `name`, `version`, `policy` and `features` stand in for the handshake.
 *
 * The module runs in a worker thread of the gate's process (moduleWorkerMain.ts), never in the
 * gate's own thread, so that nothing it does can end the gate or fake its exit code, and every
 * wait has a deadline. Failure handling mirrors the subprocess adapter
 * (docs/protocol.md#what-the-gate-does-when-an-engine-fails):
 *
 * - Requests are pipelined; the worker runs them one at a time and answers in order, so the
 *   oldest unanswered request is the one running and is the one charged with a failure.
 * - **timeout**: no answer within `timeoutMs` of the previous answer (or of the send, when idle):
 *   a synchronous loop or a promise that never settles alike.
 * - **crash**: the engine threw or rejected (the worker keeps running), or the worker ended
 *   (`process.exit(n)`, an uncaught exception in a callback, its heap exhausted).
 * - **protocol-error**: a malformed outcome, or one that cannot be passed between threads
 *   (functions, symbols…); the worker keeps running.
 * - On a timeout or an ended worker, the worker is terminated, the request responsible charged, a
 *   fresh worker started and the other requests sent again; after `maxRestarts` restarts the
 *   adapter gives up and every later answer is a crash.
 *
 * @remarks Each request crosses the thread boundary as a structured clone: the engine always gets
 * its own copy of the scenario. What a worker cannot contain: `process.kill` of the gate's pid, and
 * native addons; an engine that might do either should run as a subprocess.
 * @see docs/protocol.md#in-process-modules
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Answer } from '../invariants/invariant.ts';
import type { Scenario } from '../model/types.ts';
import { describeError } from './describeError.ts';
import { EngineStartError, startTimeout, type EngineHandle, type OpenOptions } from './engineHandle.ts';
import type { ModuleInfo, ModuleRequest, ModuleWorkerData, ModuleWorkerMessage } from './moduleWorkerMain.ts';
import { describeInput, excerpt, failed, replyAnswer, stderrBlock, type Failure } from './protocol.ts';
import { RestartingEngine } from './restartingEngine.ts';

const WORKER_URL = new URL('./moduleWorker.mjs', import.meta.url);

/** Most requests posted to the worker ahead of its answers, unless `OpenOptions.window` says otherwise. */
const MODULE_WINDOW = 64;

/** How long `close()` waits for a worker to stop. */
const TERMINATE_GRACE_MS = 2000;

interface Request {
  readonly scenario: Scenario;
  readonly resolve: (a: Answer) => void;
  /** id of the latest send (a request sent again gets a new id) */
  id: number;
}

interface Thread {
  readonly worker: Worker;
  /** set once its failure has been handled: later events are ignored */
  gone: boolean;
  exitCode: number | null;
  onMessage: (m: unknown) => void;
  onFail: (code: Failure, what: string) => void;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function show(x: unknown): string {
  try {
    return excerpt(JSON.stringify(x) ?? String(x));
  } catch {
    return excerpt(String(x));
  }
}

/** The outcome an in-process engine returned, checked the way a wire reply is. */
function outcomeAnswer(out: unknown, scenario: Scenario): Answer {
  if (isRecord(out) && (out['ok'] === true || out['ok'] === false)) {
    // Feature certificate: an outcome may carry `certificate` beside `result`, as a reply does.
    const reply = out['ok'] ? { type: 'result', result: out['result'], ...('certificate' in out ? { certificate: out['certificate'] } : {}) } : { type: 'error', error: out['error'] };
    const r = replyAnswer(reply);
    return r.ok ? r.answer : failed('protocol-error', `malformed outcome: ${r.reason}\ninput: ${describeInput(scenario)}`);
  }
  let shown: string;
  try {
    shown = JSON.stringify(out)?.slice(0, 200) ?? String(out);
  } catch {
    shown = String(out);
  }
  return failed('protocol-error', `expected { ok: true, result } or { ok: false, error }, received ${shown}\ninput: ${describeInput(scenario)}`);
}

function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((r) => (timer = setTimeout(r, ms)));
  return Promise.race([p.then(() => {}, () => {}), deadline]).finally(() => clearTimeout(timer));
}

export class ModuleEngine extends RestartingEngine implements EngineHandle {
  readonly kind = 'module' as const;
  protected info!: ModuleInfo;
  private thread: Thread | null = null;
  /** aborts a start in progress (for `close()`) */
  private abortStart: (() => void) | null = null;
  private readonly queue: Request[] = [];
  /** posted to the worker, oldest first: the worker answers in this order */
  private readonly inflight: Request[] = [];
  /** a failure with no request in flight, reported on the next request instead of its answer */
  private idleFailure: { readonly code: Failure; readonly what: string; readonly tail: string } | null = null;
  private nextId = 1;
  private progressAt = 0;
  private readonly window: number;

  private constructor(
    private readonly file: string,
    private readonly o: OpenOptions,
  ) {
    super(o);
    this.window = Math.max(1, o.window ?? MODULE_WINDOW);
  }

  /** Imports the module in a worker and reads its exports, or throws {@link EngineStartError}. */
  static async open(path: string, o: OpenOptions): Promise<ModuleEngine> {
    const e = new ModuleEngine(resolve(o.cwd ?? process.cwd(), path), o);
    await e.start();
    return e;
  }

  readonly run = (scenario: Scenario): Promise<Answer> =>
    new Promise<Answer>((resolve) => {
      this.requests++;
      if (this.closed) return resolve(failed('crash', 'the engine was closed'));
      if (this.gaveUp !== null) return resolve(this.gaveUpAnswer());
      this.queue.push({ scenario, resolve, id: 0 });
      this.pump();
    });

  runMany(scenarios: readonly Scenario[]): Promise<Answer[]> {
    return Promise.all(scenarios.map(this.run));
  }

  // -------------------------------------------------------------------------------------------
  // Starting

  /** Starts a worker and waits, within the start deadline, for the module's exports. */
  protected start(): Promise<Thread> {
    return new Promise<Thread>((resolveStart, reject) => {
      let worker: Worker;
      try {
        worker = new Worker(WORKER_URL, { workerData: { file: this.file } satisfies ModuleWorkerData, stdout: true, stderr: true });
      } catch (e) {
        reject(new EngineStartError(`could not start a worker thread for ${this.file}: ${(e as Error).message}`, { cause: e }));
        return;
      }
      const t: Thread = { worker, gone: false, exitCode: null, onMessage: () => {}, onFail: () => {} };
      for (const stream of [worker.stdout, worker.stderr]) {
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => this.tail.push(chunk));
        stream.on('error', () => {});
      }
      worker.on('message', (m: unknown) => {
        if (!t.gone) t.onMessage(m);
      });
      worker.on('messageerror', (e) => {
        if (!t.gone) t.onFail('protocol-error', `a message from the engine's worker thread could not be read: ${e.message}`);
      });
      worker.on('error', (e) => {
        if (!t.gone) t.onFail('crash', `uncaught exception in the engine: ${describeError(e)}`);
      });
      worker.on('exit', (code) => {
        t.exitCode = code;
        if (!t.gone) t.onFail('crash', `the engine exited with code ${code} (process.exit ends only its worker thread)`);
      });

      const ms = startTimeout(this.o);
      let settled = false;
      const timer = setTimeout(() => fail(`${this.file} did not finish importing within ${ms} ms`), ms);
      const fail = (why: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.abortStart = null;
        t.gone = true;
        worker.terminate().catch(() => {});
        reject(new EngineStartError(`${why}${stderrBlock(this.tail.text())}`));
      };
      this.abortStart = () => fail(`${this.file}: the adapter was closed while the module was being imported`);
      t.onFail = (_code, what) => {
        // Node ends a thread whose top-level await can never settle with code 13.
        const tla = t.exitCode === 13 ? ' (a top-level await that never settles)' : '';
        fail(`${this.file} failed while being imported: ${what}${tla}`);
      };
      t.onMessage = (raw) => {
        const m = raw as ModuleWorkerMessage;
        if (isRecord(m) && m.type === 'refused') return fail(String(m.message));
        if (!isRecord(m) || m.type !== 'ready') return fail(`${this.file}: unexpected message from its worker while being imported: ${show(m)}`);
        settled = true;
        clearTimeout(timer);
        this.abortStart = null;
        // A restarted worker's exports are those of the first import: the handshake happens once.
        this.info ??= m.info;
        t.onMessage = (msg) => this.onMessage(t, msg);
        t.onFail = (code, what) => this.fail(t, code, what);
        this.thread = t;
        resolveStart(t);
      };
    });
  }

  protected giveUp(reason: string): void {
    this.gaveUp = reason;
    for (const r of this.queue.splice(0)) r.resolve(this.gaveUpAnswer());
  }

  // -------------------------------------------------------------------------------------------
  // Sending and receiving

  protected pump(): void {
    const t = this.thread;
    if (t === null || t.gone || this.closed) return;
    while (this.inflight.length < this.window) {
      const r = this.queue.shift();
      if (r === undefined) break;
      const idle = this.idleFailure;
      if (idle !== null) {
        this.idleFailure = null;
        const note = ' (no request was in flight: reported on the next request, whose input is not the cause)';
        r.resolve(failed(idle.code, `${idle.what}${note}\ninput: ${describeInput(r.scenario)}${stderrBlock(idle.tail)}`));
        continue;
      }
      r.id = this.nextId++;
      if (this.inflight.length === 0) this.progressAt = performance.now();
      this.inflight.push(r);
      t.worker.postMessage({ id: r.id, scenario: r.scenario } satisfies ModuleRequest);
    }
    this.arm();
  }

  private onMessage(t: Thread, raw: unknown): void {
    const m = raw as ModuleWorkerMessage;
    const r = this.inflight[0];
    if (!isRecord(m) || m.type !== 'answer' || r === undefined || m.id !== r.id) {
      // Only the adapter's own code posts to the gate; anything else is the engine using parentPort.
      return this.fail(t, 'protocol-error', `unexpected message from the engine's worker thread: ${show(m)} (an engine must not post to parentPort)`);
    }
    this.inflight.shift();
    this.progressAt = performance.now();
    r.resolve(this.answerOf(m, r.scenario));
    this.pump();
  }

  private answerOf(m: ModuleWorkerMessage & { type: 'answer' }, scenario: Scenario): Answer {
    const input = `\ninput: ${describeInput(scenario)}`;
    switch (m.kind) {
      case 'returned':
        return outcomeAnswer(m.out, scenario);
      case 'threw':
        return failed('crash', `the engine threw: ${m.error}${input}`);
      case 'rejected':
        return failed('crash', `the engine rejected: ${m.error}${input}`);
      case 'uncloneable':
        return failed('protocol-error', `the outcome cannot be passed back from the engine's worker thread (${m.error}); return plain data${input}`);
      default:
        return failed('protocol-error', `unexpected answer from the engine's worker thread: ${show(m)}${input}`);
    }
  }

  /** The worker failed or timed out: charge the request running, keep the others, restart. */
  private fail(t: Thread, code: Failure, what: string): void {
    if (t !== this.thread) return;
    t.gone = true;
    this.thread = null;
    t.worker.terminate().catch(() => {});
    this.clearTimer();
    const [first, ...rest] = this.inflight.splice(0);
    const tail = this.tail.text();
    if (first === undefined) {
      this.tail.push(`\n--- liqcheck: ${code} with no request in flight: ${what} ---\n`);
      if (!this.closed) this.idleFailure = { code, what, tail };
    } else {
      const among = rest.length > 0 ? ` (the oldest of ${rest.length + 1} requests in flight: the one running)` : '';
      first.resolve(failed(code, `${what}; request ${first.id}${among}\ninput: ${describeInput(first.scenario)}${stderrBlock(tail)}`));
    }
    this.queue.unshift(...rest);
    if (!this.closed) this.restart();
  }

  // -------------------------------------------------------------------------------------------
  // Deadlines

  private arm(): void {
    if (this.timer !== null || this.inflight.length === 0) return;
    this.timer = setTimeout(() => this.onTimer(), Math.max(1, this.progressAt + this.o.timeoutMs - performance.now()));
  }

  private onTimer(): void {
    this.timer = null;
    const t = this.thread;
    if (t === null || this.inflight.length === 0) return;
    if (performance.now() + 1 >= this.progressAt + this.o.timeoutMs) {
      this.fail(t, 'timeout', `no answer within ${this.o.timeoutMs} ms; the engine's worker thread was stopped and a fresh one started`);
      return;
    }
    this.arm();
  }

  // -------------------------------------------------------------------------------------------
  // Closing

  protected async shutdown(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    for (const r of [...this.inflight.splice(0), ...this.queue.splice(0)]) r.resolve(failed('crash', 'the engine was closed before answering'));
    this.abortStart?.();
    const t = this.thread;
    this.thread = null;
    if (t === null) return;
    t.gone = true;
    await within(t.worker.terminate(), TERMINATE_GRACE_MS);
  }
}
