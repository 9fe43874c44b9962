/**
 * The subprocess adapter: one persistent engine process speaking protocol 1.1 (or 1.0) over its
 * stdin and stdout (JSON Lines), requests pipelined.
 *
 * With an engine that announced `params-ref` (protocol 1.1), each distinct params set is sent once
 * per session in a `params` message, written just before the first request that refers to it;
 * requests carry `paramsRef` instead of their params (docs/protocol.md#params-sets). The session's
 * sets ({@link ParamsSlots}) are forgotten with the process: after every restart they are sent
 * again, each before the first request that needs it, replays included. Other engines get the 1.0
 * messages, byte for byte. The requests asked within one turn of the event loop go out in one
 * write.
 *
 * Failure handling, in short (docs/protocol.md#what-the-gate-does-when-an-engine-fails):
 *
 * - **timeout**: no reply for `timeoutMs` while requests are in flight (the clock restarts at every
 *   reply), or one request unanswered for `(window + 1) · timeoutMs`. The oldest request in flight
 *   is charged; the engine's process group is killed and the engine restarted; the other requests
 *   are sent again.
 * - **crash** (the process exits or closes stdout) and **protocol-error** (a line that is not JSON,
 *   too long, of an unknown type, for an unknown or already answered id, a partial line at exit):
 *   with one request in flight it is charged. With several, the culprit is unknown, so after the
 *   restart they are replayed one at a time; whichever fails again is charged (and if none does,
 *   the oldest is charged with the original failure, marked as not reproduced).
 * - A malformed reply that names a request in flight (a `result` that is not an object, an unknown
 *   error code) charges that request only; the engine keeps running.
 * - After `maxRestarts` restarts the adapter gives up: every later answer is a crash.
 *
 * Every wait has a deadline, stdout lines and the stderr tail are bounded, and the engine's process
 * group and its descendants, also those that left the group (descendants.ts), are killed on close,
 * on every failure and when the gate exits.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Answer } from '../invariants/invariant.ts';
import type { Scenario } from '../model/types.ts';
import { ENGINE_TOKEN_VAR, killEngineTree, newEngineToken, PROC_AVAILABLE, snapshotDescendants, type ProcessEntry } from './descendants.ts';
import { usesParamsRef } from './features.ts';
import { DEFAULTS, EngineStartError, startTimeout, type EngineHandle, type OpenOptions } from './engineHandle.ts';
import { LineSplitter, LineTooLong } from './lineSplitter.ts';
import {
  describeInput,
  excerpt,
  failed,
  helloMessage,
  liquidateLine,
  liquidateRefLine,
  paramsLine,
  parseHelloOk,
  replyAnswer,
  stderrBlock,
  stepLine,
  stepRefLine,
  stepReplyAnswer,
  type StepAnswer,
  type StepPayload,
  type EngineInfo,
  type Failure,
  type SplitScenario,
} from './protocol.ts';
import { ParamsSlots } from './paramsSlots.ts';
import { RestartingEngine } from './restartingEngine.ts';
import { splitScenarioCached } from './splitScenarioCached.ts';

interface Request {
  /** a liquidate request's scenario (unused for a step request) */
  readonly scenario: Scenario;
  /** protocol 1.2: a step request's payload (undefined: a liquidate request) */
  readonly step?: StepPayload;
  /** an {@link Answer} for a liquidate request, a {@link StepAnswer} for a step request (failures fit both) */
  readonly resolve: (a: Answer | StepAnswer) => void;
  /** id of the latest send (a request sent again gets a new id) */
  id: number;
  sentAt: number;
  /** part of an isolation replay: its answer is held until the replay ends */
  episode: Episode | null;
  held: Answer | StepAnswer | null;
  /** params-ref: the scenario split once (null: sent inline), undefined until first sent */
  split?: SplitScenario | null;
  /** params-ref: the params id the latest send referred to (0: inline) */
  paramsRef: number;
}

/** A failure with several requests in flight, being replayed one at a time to find its cause. */
interface Episode {
  readonly code: Failure;
  readonly what: string;
  readonly victims: readonly Request[];
  readonly tail: string;
}

interface Proc {
  readonly child: ChildProcessWithoutNullStreams;
  readonly pid: number;
  /** the value of {@link ENGINE_TOKEN_VAR} it was spawned with, inherited by all it starts */
  readonly token: string;
  readonly splitter: LineSplitter;
  /** set once its failure or exit has been handled: later events are ignored */
  gone: boolean;
  exited: boolean;
  status: string;
  readonly exitedPromise: Promise<void>;
  onLine: (line: string) => void;
  /** the process failed: it exited or closed stdout (crash; protocol-error with a partial line), or flooded stdout */
  onFail: (code: Failure, what: string) => void;
}

const ADAPTER_FAILURES: ReadonlySet<string> = new Set(['crash', 'timeout', 'protocol-error']);

/** Engines started and not yet killed (an engine that exited may have left helpers running). */
const LIVE = new Set<Proc>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

/** SIGKILLs the engine's process group and its descendants (synchronous: also used on exit). */
function killTree(p: Proc, tracked: readonly ProcessEntry[] = []): void {
  if (p.pid > 0) killEngineTree({ pid: p.pid, token: p.token, alive: !p.exited, tracked });
  LIVE.delete(p);
}

/**
 * Kills every engine this process started and has not killed yet: its process group and its
 * descendants, also those that left the group. Synchronous. Runs by itself when the process exits
 * normally; a CLI that handles SIGINT or SIGTERM should call it from its handler too (engines run in
 * their own process groups, so a terminal's Ctrl-C does not reach them).
 */
export function killAllEngineGroups(): void {
  for (const p of [...LIVE]) killTree(p);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killAllEngineGroups);
}

/** The input of a request, as failure messages show it: its scenario, or a step's fields. */
function inputText(r: Request): string {
  if (r.step === undefined) return describeInput(r.scenario);
  const f = r.step.fieldsJson;
  return `step ${f.length > 300 ? `${f.slice(0, 300)}… (${f.length} characters)` : f}`;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) return `the engine was killed by ${signal}`;
  return `the engine exited with code ${code ?? '?'}`;
}

function delay(ms: number): { promise: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

async function within(p: Promise<void>, ms: number): Promise<boolean> {
  const d = delay(ms);
  const done = await Promise.race([p.then(() => true), d.promise.then(() => false)]);
  d.cancel();
  return done;
}

export class SubprocessEngine extends RestartingEngine implements EngineHandle {
  readonly kind = 'subprocess' as const;
  protected info!: EngineInfo;
  private proc: Proc | null = null;
  /** aborts a handshake in progress (for `close()`) */
  private abortStart: (() => void) | null = null;
  private readonly queue: Request[] = [];
  private readonly replay: Request[] = [];
  private readonly inflight = new Map<number, Request>();
  private episode: Episode | null = null;
  /** a failure with no request in flight, reported on the next request instead of its answer */
  private idleFailure: { readonly code: Failure; readonly what: string; readonly tail: string } | null = null;
  /** the latest answered requests, to name the input a duplicate reply is for */
  private readonly recent = new Map<number, Request>();
  private nextId = 1;
  /** the engine speaks params-ref; its session's params sets (a new process starts empty) */
  private paramsRef = false;
  private slots = new ParamsSlots();
  /** params messages written, over all sessions (for tests and reports) */
  private paramsSent = 0;
  private progressAt = 0;
  /** a {@link pump} is scheduled for the end of this turn of the event loop */
  private pumpScheduled = false;
  private readonly window: number;

  private constructor(
    private readonly argv: readonly string[],
    private readonly o: OpenOptions,
  ) {
    super(o);
    this.window = Math.max(1, o.window ?? DEFAULTS.subprocessWindow);
  }

  /** Starts the engine and completes the handshake, or throws {@link EngineStartError}. */
  static async open(argv: readonly string[], o: OpenOptions): Promise<SubprocessEngine> {
    const e = new SubprocessEngine(argv, o);
    await e.start();
    return e;
  }

  readonly run = (scenario: Scenario): Promise<Answer> =>
    new Promise<Answer>((resolve) => {
      this.requests++;
      if (this.closed) return resolve(failed('crash', 'the engine was closed'));
      if (this.gaveUp !== null) return resolve(this.gaveUpAnswer());
      this.queue.push({ scenario, resolve: resolve as (a: Answer | StepAnswer) => void, id: 0, sentAt: 0, episode: null, held: null, paramsRef: 0 });
      this.pumpSoon();
    });

  /**
   * Protocol 1.2: sends one `step` request (docs/protocol.md#multi-account-steps-feature-step),
   * pipelined, deadlined, restarted and charged exactly as a liquidate request. Only to an engine
   * whose handshake allows it ({@link stepRefusal}): otherwise answered at once with a
   * protocol-error naming the reason, without writing anything.
   */
  step(payload: StepPayload): Promise<StepAnswer> {
    return new Promise<StepAnswer>((resolve) => {
      this.requests++;
      if (this.closed) return resolve(failed('crash', 'the engine was closed') as StepAnswer);
      if (this.gaveUp !== null) return resolve(this.gaveUpAnswer() as StepAnswer);
      const refused = this.stepRefusal();
      if (refused !== null) return resolve(failed('protocol-error', `the engine cannot be sent step requests: ${refused}`) as StepAnswer);
      // No scenario: requestLines and inputText read `step` first, so it is never looked at.
      const scenario = undefined as unknown as Scenario;
      this.queue.push({ scenario, step: payload, resolve: resolve as (a: Answer | StepAnswer) => void, id: 0, sentAt: 0, episode: null, held: null, paramsRef: 0 });
      this.pumpSoon();
    });
  }

  runMany(scenarios: readonly Scenario[]): Promise<Answer[]> {
    return Promise.all(scenarios.map(this.run));
  }

  // -------------------------------------------------------------------------------------------
  // Starting

  private spawnProc(): Proc {
    const [cmd, ...args] = this.argv as [string, ...string[]];
    const token = newEngineToken();
    const child = spawn(cmd, args, {
      cwd: this.o.cwd ?? process.cwd(),
      // The marker lets the gate find what the engine starts, wherever it moves in the process tree.
      env: { ...(this.o.env ?? process.env), [ENGINE_TOKEN_VAR]: token },
      stdio: 'pipe',
      detached: true, // its own process group, so that a kill reaches whatever it started
    });
    let markExited!: () => void;
    const p: Proc = {
      child,
      pid: child.pid ?? -1,
      token,
      splitter: new LineSplitter(this.o.maxLineChars ?? DEFAULTS.maxLineChars),
      gone: false,
      exited: false,
      status: 'the engine stopped',
      exitedPromise: new Promise<void>((r) => (markExited = r)),
      onLine: () => {},
      onFail: () => {},
    };
    const gone = (): void => {
      if (p.gone) return;
      const partial = p.splitter.partial();
      if (partial === '') p.onFail('crash', p.status);
      else p.onFail('protocol-error', `${p.status}, leaving a partial line ${excerpt(partial)}`);
    };
    child.on('error', (e) => {
      p.status = `could not run it (${e.message}); is the command installed and on PATH?`;
      gone();
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (p.gone) return;
      let lines: string[];
      try {
        lines = p.splitter.push(chunk);
      } catch (e) {
        if (!(e instanceof LineTooLong)) throw e;
        p.onFail('protocol-error', `stdout flooded: ${e.message}`);
        return;
      }
      for (const line of lines) {
        if (p.gone) return;
        p.onLine(line);
      }
    });
    child.stderr.on('data', (chunk: string) => this.tail.push(chunk));
    child.stdin.on('error', () => {}); // EPIPE when it died: reported by its exit
    child.stdout.on('error', () => {});
    child.stderr.on('error', () => {});
    child.stdout.on('end', () => {
      // Closed stdout: it can no longer answer. Give its exit a moment to arrive first.
      setTimeout(() => {
        if (!p.exited && !p.gone) {
          p.status = 'the engine closed its stdout';
          gone();
        }
      }, 300).unref();
    });
    child.on('exit', (code, signal) => {
      p.exited = true;
      p.status = describeExit(code, signal);
      markExited();
      // 'close' follows once stdout and stderr are drained, unless something it started holds them.
      setTimeout(gone, 300).unref();
    });
    child.on('close', gone);
    if (p.pid > 0) {
      installExitHook();
      LIVE.add(p);
    }
    return p;
  }

  /** Spawns the engine and completes the handshake within the start deadline. */
  protected start(): Promise<Proc> {
    const command = this.argv.join(' ');
    return new Promise<Proc>((resolve, reject) => {
      let p: Proc;
      try {
        p = this.spawnProc();
      } catch (e) {
        reject(new EngineStartError(`could not start ${JSON.stringify(command)}: ${(e as Error).message}`, { cause: e }));
        return;
      }
      const ms = startTimeout(this.o);
      let settled = false;
      const timer = setTimeout(() => fail(`no hello_ok within ${ms} ms`), ms);
      const fail = (why: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.abortStart = null;
        p.gone = true;
        this.kill(p);
        reject(new EngineStartError(`engine ${JSON.stringify(command)} failed to start: ${why}${stderrBlock(this.tail.text())}`));
      };
      this.abortStart = () => fail('the adapter was closed during the handshake');
      p.onFail = (_code, what) => fail(what.startsWith('could not run') ? what : `${what} before answering the handshake`);
      p.onLine = (line) => {
        let msg: unknown;
        try {
          msg = JSON.parse(line);
        } catch {
          return fail(`expected hello_ok, received a line that is not JSON: ${excerpt(line)} (stdout is for protocol messages only; log to stderr)`);
        }
        const hello = parseHelloOk(msg);
        if (!hello.ok) return fail(hello.reason);
        settled = true;
        clearTimeout(timer);
        this.abortStart = null;
        this.info = hello.info;
        // A new process knows no params sets: each is sent again before its first use.
        this.paramsRef = usesParamsRef(hello.info);
        this.slots = new ParamsSlots();
        p.onLine = (l) => this.onLine(p, l);
        p.onFail = (code, what) => this.fail(p, code, what);
        this.proc = p; // before anything else it wrote is read
        resolve(p);
      };
      p.child.stdin.write(`${JSON.stringify(helloMessage())}\n`);
    });
  }

  private kill(p: Proc, tracked: readonly ProcessEntry[] = []): void {
    killTree(p, tracked);
    p.child.stdin.destroy();
    p.child.stdout.destroy();
    p.child.stderr.destroy();
  }

  protected giveUp(reason: string): void {
    this.gaveUp = reason;
    const waiting = [...this.replay.splice(0), ...this.queue.splice(0)];
    this.finishEpisode(true);
    for (const r of waiting) if (r.episode === null) r.resolve(this.gaveUpAnswer());
  }

  // -------------------------------------------------------------------------------------------
  // Sending

  /**
   * Sends what is queued once the current turn of the event loop is over (its I/O callbacks and
   * the promise jobs they started), in one write. Requests and replies come in bursts — a chunk
   * of replies settles several cases, each asking its next request in its own promise job — and
   * one write per request was one system call and one wake-up of the engine each.
   */
  private pumpSoon(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  protected pump(): void {
    const p = this.proc;
    if (p === null || p.gone || this.closed) return;
    if (this.episode !== null && this.replay.length === 0 && this.inflight.size === 0) this.finishEpisode(false);
    const limit = this.episode !== null ? 1 : this.window;
    let out = '';
    while (this.inflight.size < limit) {
      const r = this.episode !== null ? this.replay.shift() : this.queue.shift();
      if (r === undefined) break;
      const idle = this.idleFailure;
      if (idle !== null && r.episode === null) {
        this.idleFailure = null;
        const note = ' (no request was in flight: reported on the next request, whose input is not the cause)';
        r.resolve(failed(idle.code, `${idle.what}${note}\ninput: ${inputText(r)}${stderrBlock(idle.tail)}`));
        continue;
      }
      let line: string;
      try {
        line = this.requestLines(this.nextId, r);
      } catch (e) {
        r.resolve(failed('protocol-error', `the scenario cannot be sent as JSON: ${(e as Error).message}`));
        continue;
      }
      r.id = this.nextId++;
      r.sentAt = performance.now();
      if (this.inflight.size === 0) this.progressAt = r.sentAt;
      this.inflight.set(r.id, r);
      out += `${line}\n`;
    }
    if (out !== '') {
      p.child.stdin.write(out);
      this.arm();
    }
  }

  /**
   * The line(s) that send `r` as request `id`: with params-ref, preceded by the `params` message
   * of its params set when this session does not hold it yet. Throws when it is not JSON.
   */
  private requestLines(id: number, r: Request): string {
    if (r.step !== undefined) return this.stepLines(id, r, r.step);
    if (!this.paramsRef) return liquidateLine(id, r.scenario);
    if (r.split === undefined) r.split = splitScenarioCached(r.scenario);
    r.paramsRef = 0;
    if (r.split === null) return liquidateLine(id, r.scenario);
    const slot = this.slots.take(r.split.paramsJson);
    r.paramsRef = slot.id;
    const request = liquidateRefLine(id, slot.id, r.split.restJson);
    if (!slot.define) return request;
    this.paramsSent++;
    return `${paramsLine(slot.id, r.split.paramsJson)}\n${request}`;
  }

  /** {@link requestLines} for a step request: its params as a params set when the engine keeps them. */
  private stepLines(id: number, r: Request, payload: StepPayload): string {
    r.paramsRef = 0;
    if (!this.paramsRef) return stepLine(id, payload);
    const slot = this.slots.take(payload.paramsJson);
    r.paramsRef = slot.id;
    const request = stepRefLine(id, slot.id, payload);
    if (!slot.define) return request;
    this.paramsSent++;
    return `${paramsLine(slot.id, payload.paramsJson)}\n${request}`;
  }

  /** params messages written so far, over every session (0 for an engine without params-ref). */
  paramsMessages(): number {
    return this.paramsSent;
  }

  // -------------------------------------------------------------------------------------------
  // Receiving

  private onLine(p: Proc, line: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      return this.fail(p, 'protocol-error', `stdout line is not JSON: ${excerpt(line)} (stdout is for protocol messages only; log to stderr)`);
    }
    if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
      return this.fail(p, 'protocol-error', `stdout line is not a JSON object: ${excerpt(line)}`);
    }
    const m = msg as Record<string, unknown>;
    const type = m['type'];
    if (type !== 'result' && type !== 'error' && type !== 'step_result') {
      return this.fail(p, 'protocol-error', `unexpected message type ${JSON.stringify(type) ?? 'none'}: ${excerpt(line)}`);
    }
    const id = m['id'];
    if (type === 'error' && id === null) {
      return this.fail(p, 'protocol-error', `the engine could not read a request: ${excerpt(JSON.stringify(m['error']) ?? '')}`);
    }
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      return this.fail(p, 'protocol-error', `reply without a valid id: ${excerpt(line)}`);
    }
    const r = this.inflight.get(id);
    if (r === undefined) {
      if (id > 0 && id < this.nextId) {
        // The culprit is known and already answered: charge the oldest request in flight, naming it.
        const first = this.recent.get(id);
        const its = first === undefined ? '' : `; request ${id}'s input: ${inputText(first)}`;
        return this.fail(p, 'protocol-error', `a second reply for request ${id}, already answered: ${excerpt(line)}${its}`, false);
      }
      return this.fail(p, 'protocol-error', `a reply for request ${id}, which was never sent: ${excerpt(line)}`);
    }
    this.inflight.delete(id);
    this.recent.set(id, r);
    if (this.recent.size > 2 * this.window) this.recent.delete(this.recent.keys().next().value as number);
    this.progressAt = performance.now();
    // A reply must be of the kind its request asks for: a result for a liquidate, a step_result for a step.
    const reply: { ok: true; answer: Answer | StepAnswer } | { ok: false; reason: string } =
      r.step !== undefined ? stepReplyAnswer(m) : type === 'step_result' ? { ok: false, reason: 'type: a step_result answers a step request, not a liquidate request' } : replyAnswer(m);
    // A refused paramsRef (the engine lost the set): define it again before its next use.
    if (!reply.ok && r.paramsRef > 0) this.slots.forget(r.paramsRef);
    this.settle(r, reply.ok ? reply.answer : failed('protocol-error', this.message(`malformed reply: ${reply.reason}: ${excerpt(line)}`, r, 1, '')));
    this.pumpSoon();
  }

  private settle(r: Request, a: Answer | StepAnswer): void {
    if (r.episode !== null) r.held = a;
    else r.resolve(a);
  }

  private message(what: string, r: Request, inFlight: number, tail: string): string {
    const among = inFlight > 1 ? ` (one of ${inFlight} requests in flight)` : '';
    return `${what}; request ${r.id}${among}\ninput: ${inputText(r)}${stderrBlock(tail)}`;
  }

  /**
   * The engine process failed: charge the right request, keep the others, restart.
   *
   * @param isolate - whether several requests in flight are replayed one at a time to find the
   * cause (false when the cause is known to be none of them: the oldest is charged)
   */
  private fail(p: Proc, code: Failure, what: string, isolate = true): void {
    if (p !== this.proc) return;
    p.gone = true;
    this.proc = null;
    this.kill(p);
    this.clearTimer();
    const victims = [...this.inflight.values()];
    this.inflight.clear();
    const tail = this.tail.text();
    if (victims.length === 0) {
      this.tail.push(`\n--- liqcheck: ${code} with no request in flight: ${what} ---\n`);
      if (this.episode === null && !this.closed) this.idleFailure = { code, what, tail };
    } else if (this.episode !== null) {
      // Replaying one at a time: the request in flight is the cause.
      for (const v of victims) v.held = failed(code, this.message(what, v, 1, tail));
    } else if (code === 'timeout' || victims.length <= 1 || !isolate) {
      const [first, ...rest] = victims;
      if (first !== undefined) first.resolve(failed(code, this.message(what, first, victims.length, tail)));
      this.queue.unshift(...rest);
    } else {
      const episode: Episode = { code, what, victims, tail };
      for (const v of victims) v.episode = episode;
      this.episode = episode;
      this.replay.push(...victims);
    }
    if (!this.closed) this.restart();
  }

  /** Ends an isolation replay: release the held answers. */
  private finishEpisode(abandoned: boolean): void {
    const e = this.episode;
    if (e === null) return;
    this.episode = null;
    const [first] = e.victims;
    const reproduced = e.victims.some((v) => v.held !== null && !v.held.ok && ADAPTER_FAILURES.has(v.held.error.code));
    for (const v of e.victims) {
      v.episode = null;
      let a = v.held;
      if (v === first && !reproduced && !abandoned) {
        a = failed(e.code, this.message(`${e.what} (not reproduced when the ${e.victims.length} requests in flight were replayed one at a time)`, v, e.victims.length, e.tail));
      }
      v.resolve(a ?? (abandoned && this.gaveUp !== null ? this.gaveUpAnswer() : failed('crash', 'the engine was closed before answering')));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Deadlines

  private deadline(): number {
    const oldest = this.inflight.values().next().value as Request;
    return Math.min(this.progressAt + this.o.timeoutMs, oldest.sentAt + (this.window + 1) * this.o.timeoutMs);
  }

  private arm(): void {
    if (this.timer !== null || this.inflight.size === 0) return;
    this.timer = setTimeout(() => this.onTimer(), Math.max(1, this.deadline() - performance.now()));
  }

  private onTimer(): void {
    this.timer = null;
    const p = this.proc;
    if (p === null || this.inflight.size === 0) return;
    if (performance.now() + 1 >= this.deadline()) {
      const oldest = this.inflight.values().next().value as Request;
      const waited = Math.round(performance.now() - oldest.sentAt);
      this.fail(p, 'timeout', `no reply within ${this.o.timeoutMs} ms (request waited ${waited} ms); the engine was killed and restarted`);
      return;
    }
    this.arm();
  }

  // -------------------------------------------------------------------------------------------
  // Closing

  protected async shutdown(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    const closedAnswer = (): Answer => failed('crash', 'the engine was closed before answering');
    this.finishEpisode(true);
    for (const r of [...this.inflight.values(), ...this.replay.splice(0), ...this.queue.splice(0)]) r.resolve(closedAnswer());
    this.inflight.clear();
    this.abortStart?.();
    const p = this.proc;
    this.proc = null;
    if (p === null) return;
    p.gone = true;
    // Read while it runs: once it exits, helpers that cleared their environment are orphans that
    // nothing links to it any more.
    const tracked = !p.exited && p.pid > 0 && PROC_AVAILABLE ? snapshotDescendants(p.pid) : [];
    p.child.stdin.end();
    const grace = this.o.closeGraceMs ?? DEFAULTS.closeGraceMs;
    if (!p.exited && !(await within(p.exitedPromise, grace)) && p.pid > 0) {
      killGroup(p.pid, 'SIGTERM');
      await within(p.exitedPromise, 500);
    }
    // Whatever it started goes too, in its group or not.
    this.kill(p, tracked);
  }
}
