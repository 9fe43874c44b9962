/**
 * The HTTP adapter: an engine running as a service. Every protocol message is POSTed as JSON to the
 * one URL given with `--impl`, and the reply is the response body (status 200): `hello` →
 * `hello_ok`, `liquidate` → `result` | `error`, and, when the handshake declared `batch: N`,
 * `batch` → `batch_result`.
 *
 * @remarks Each request has the per-request deadline (AbortController), covering connecting, the
 * status and headers and the whole body; bodies are bounded. A refused connection at the handshake
 * is an {@link EngineStartError}; later it is a crash answer. A non-200 status, a body that is not
 * JSON or a reply that does not match the request is a protocol-error. A batch that fails as a whole
 * is retried one request at a time, so the failure is charged to the scenario that causes it.
 *
 * Giving up, as the subprocess adapter does after `maxRestarts` restarts: after `maxRestarts + 1`
 * failures that say the service is unhealthy (a timeout, a refused, reset or broken connection) the
 * adapter stops sending requests, aborts those in flight, sets `stats().gaveUp` and answers every
 * later request at once with a crash naming the reason. Protocol errors do not count: the service
 * answered in time, and each is a finding about its own input, so nothing is gained by hiding the
 * answers to the other inputs.
 *
 * Params are always sent inline, even to a service that lists `params-ref`: a service can be
 * restarted, load-balanced or stateless without the gate noticing, so per-connection params sets
 * would turn into protocol errors charged to correct requests (docs/protocol.md#params-sets).
 * @see docs/protocol.md#http
 */
import type { Answer } from '../invariants/invariant.ts';
import type { Scenario } from '../model/types.ts';
import { DEFAULTS, EngineStartError, HandshakeFields, startTimeout, type EngineHandle, type EngineStats, type OpenOptions } from './engineHandle.ts';
import { describeInput, excerpt, failed, helloMessage, liquidateLine, parseHelloOk, replyAnswer, stepLine, stepReplyAnswer, type EngineInfo, type StepAnswer, type StepPayload } from './protocol.ts';

type Posted =
  | { readonly ok: true; readonly body: unknown; readonly text: string }
  | { readonly ok: false; readonly code: 'crash' | 'timeout' | 'protocol-error'; readonly what: string; readonly refused: boolean };

/** undici's own deadlines (headers, body, connect): ours is normally shorter, but not past 300 s. */
const UNDICI_TIMEOUTS: ReadonlySet<string> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Why a fetch failed: the deepest cause's code (ECONNREFUSED, ECONNRESET, …) or message. */
function networkCause(e: unknown): { code: string | undefined; text: string } {
  let c: unknown = e;
  let text = e instanceof Error ? e.message : String(e);
  for (let i = 0; i < 4 && c !== null && typeof c === 'object'; i++) {
    const { code, message } = c as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return { code, text: typeof message === 'string' ? message : code };
    if (typeof message === 'string') text = message;
    c = (c as { cause?: unknown }).cause;
  }
  return { code: undefined, text };
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class HttpEngine extends HandshakeFields implements EngineHandle {
  readonly kind = 'http' as const;
  private nextId = 1;
  private requests = 0;
  private closed = false;
  /** timeouts and connection failures so far: the service is given up on past `maxRestarts` */
  private unhealthy = 0;
  private gaveUp: string | null = null;
  private readonly maxFailures: number;
  private readonly inflight = new Set<AbortController>();

  private constructor(
    private readonly url: string,
    protected readonly info: EngineInfo,
    private readonly o: OpenOptions,
  ) {
    super();
    this.maxFailures = o.maxRestarts ?? DEFAULTS.maxRestarts;
  }

  /** Checks the URL and completes the handshake, or throws {@link EngineStartError}. */
  static async open(url: string, o: OpenOptions): Promise<HttpEngine> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new EngineStartError(`not a URL: ${JSON.stringify(url)}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new EngineStartError(`expected an http:// or https:// URL, received ${JSON.stringify(url)}`);
    const probe = new HttpEngine(url, { name: '', version: '', protocol: '', policy: '', features: [] }, o);
    const r = await probe.post(JSON.stringify(helloMessage()), startTimeout(o));
    if (!r.ok) {
      const hint = r.refused ? ' (connection refused: is the engine running and listening there?)' : '';
      throw new EngineStartError(`engine at ${url} failed the handshake: ${r.what}${hint}`);
    }
    const hello = parseHelloOk(r.body);
    if (!hello.ok) throw new EngineStartError(`engine at ${url} failed the handshake: ${hello.reason}`);
    return new HttpEngine(url, hello.info, o);
  }

  /** POSTs one message; the deadline covers connecting, the status and the whole body. */
  private async post(body: string, timeoutMs: number): Promise<Posted> {
    const ac = new AbortController();
    this.inflight.add(ac);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, timeoutMs);
    const max = this.o.maxLineChars ?? DEFAULTS.maxLineChars;
    try {
      const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: ac.signal });
      let text = '';
      if (res.body !== null) {
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
          if (text.length > max) {
            ac.abort();
            return { ok: false, code: 'protocol-error', what: `response body longer than ${max} characters`, refused: false };
          }
        }
        text += decoder.decode();
      }
      if (res.status !== 200) {
        return { ok: false, code: 'protocol-error', what: `HTTP ${res.status} ${res.statusText}: ${excerpt(text)}`, refused: false };
      }
      try {
        return { ok: true, body: JSON.parse(text) as unknown, text };
      } catch {
        return { ok: false, code: 'protocol-error', what: `response body is not JSON: ${excerpt(text)}`, refused: false };
      }
    } catch (e) {
      if (this.closed) return { ok: false, code: 'crash', what: 'the adapter was closed', refused: false };
      if (this.gaveUp !== null && !timedOut) return { ok: false, code: 'crash', what: this.gaveUpText(), refused: false };
      const cause = networkCause(e);
      const late = timedOut || (cause.code !== undefined && UNDICI_TIMEOUTS.has(cause.code));
      this.noteUnhealthy();
      if (late) return { ok: false, code: 'timeout', what: `no response within ${timeoutMs} ms`, refused: false };
      return { ok: false, code: 'crash', what: `the connection failed: ${cause.text}`, refused: cause.code === 'ECONNREFUSED' };
    } finally {
      clearTimeout(timer);
      this.inflight.delete(ac);
    }
  }

  /** Counts a timeout or a connection failure; past the limit, gives up on the service. */
  private noteUnhealthy(): void {
    if (this.gaveUp !== null || this.closed) return;
    this.unhealthy++;
    if (this.unhealthy <= this.maxFailures) return;
    this.gaveUp = `the service failed ${this.unhealthy} times with a timeout or a connection failure (limit ${this.maxFailures})`;
    // Requests in flight would only wait out their deadlines: answer them now.
    for (const ac of this.inflight) ac.abort();
  }

  private gaveUpText(): string {
    return `the engine is no longer sent requests: ${this.gaveUp}`;
  }

  /** Checks one `result`/`error` reply against the request id it should answer. */
  private answerOf(reply: unknown, id: number, scenario: Scenario): Answer {
    const bad = (why: string): Answer => failed('protocol-error', `${why}; request ${id}\ninput: ${describeInput(scenario)}`);
    if (!isRecord(reply)) return bad(`expected a result or error object, received ${excerpt(JSON.stringify(reply) ?? '')}`);
    if (reply['type'] !== 'result' && reply['type'] !== 'error') return bad(`unexpected message type ${JSON.stringify(reply['type']) ?? 'none'}`);
    if (reply['id'] !== id) return bad(`reply for request ${JSON.stringify(reply['id']) ?? 'none'}, expected ${id}`);
    const a = replyAnswer(reply);
    return a.ok ? a.answer : bad(`malformed reply: ${a.reason}`);
  }

  readonly run = async (scenario: Scenario): Promise<Answer> => {
    this.requests++;
    if (this.closed) return failed('crash', 'the engine was closed');
    if (this.gaveUp !== null) return failed('crash', this.gaveUpText());
    const id = this.nextId++;
    let body: string;
    try {
      body = liquidateLine(id, scenario);
    } catch (e) {
      return failed('protocol-error', `the scenario cannot be sent as JSON: ${(e as Error).message}`);
    }
    const r = await this.post(body, this.o.timeoutMs);
    if (!r.ok) return failed(r.code, `${r.what}; request ${id}\ninput: ${describeInput(scenario)}`);
    return this.answerOf(r.body, id, scenario);
  };

  /**
   * Protocol 1.2: POSTs one `step` request, params inline as always over HTTP, with the
   * per-request deadline; failures are answers, as {@link run}'s.
   */
  async step(payload: StepPayload): Promise<StepAnswer> {
    this.requests++;
    const fail = (code: 'crash' | 'timeout' | 'protocol-error', what: string): StepAnswer => failed(code, what) as StepAnswer;
    if (this.closed) return fail('crash', 'the engine was closed');
    if (this.gaveUp !== null) return fail('crash', this.gaveUpText());
    const refused = this.stepRefusal();
    if (refused !== null) return fail('protocol-error', `the engine cannot be sent step requests: ${refused}`);
    const id = this.nextId++;
    const input = `step ${payload.fieldsJson.length > 300 ? `${payload.fieldsJson.slice(0, 300)}… (${payload.fieldsJson.length} characters)` : payload.fieldsJson}`;
    const r = await this.post(stepLine(id, payload), this.o.timeoutMs);
    if (!r.ok) return fail(r.code, `${r.what}; request ${id}\ninput: ${input}`);
    const reply = r.body;
    if (!isRecord(reply)) return fail('protocol-error', `expected a step_result or error object, received ${excerpt(r.text)}; request ${id}\ninput: ${input}`);
    if (reply['id'] !== id) return fail('protocol-error', `reply for request ${JSON.stringify(reply['id']) ?? 'none'}, expected ${id}\ninput: ${input}`);
    const a = stepReplyAnswer(reply);
    return a.ok ? a.answer : fail('protocol-error', `malformed reply: ${a.reason}; request ${id}\ninput: ${input}`);
  }

  /** Batches when the handshake declared `batch`, otherwise concurrent single requests. */
  async runMany(scenarios: readonly Scenario[]): Promise<Answer[]> {
    const answers = new Array<Answer>(scenarios.length);
    const batch = Math.min(this.info.batch ?? 1, DEFAULTS.httpBatch);
    const indexes = scenarios.map((_, i) => i);
    if (batch < 2) {
      await pool(indexes, this.o.window ?? DEFAULTS.httpConcurrency, async (i) => {
        answers[i] = await this.run(scenarios[i]!);
      });
      return answers;
    }
    const chunks: number[][] = [];
    for (let i = 0; i < indexes.length; i += batch) chunks.push(indexes.slice(i, i + batch));
    await pool(chunks, Math.max(1, Math.ceil((this.o.window ?? DEFAULTS.httpConcurrency) / 2)), async (chunk) => {
      const got = await this.runBatch(chunk.map((i) => scenarios[i]!));
      chunk.forEach((i, k) => (answers[i] = got[k]!));
    });
    return answers;
  }

  private async runBatch(scenarios: readonly Scenario[]): Promise<Answer[]> {
    if (this.closed) return scenarios.map(() => failed('crash', 'the engine was closed'));
    this.requests += scenarios.length;
    if (this.gaveUp !== null) return scenarios.map(() => failed('crash', this.gaveUpText()));
    const ids = scenarios.map(() => this.nextId++);
    let body: string;
    try {
      body = `{"type":"batch","requests":[${scenarios.map((s, k) => liquidateLine(ids[k]!, s)).join(',')}]}`;
    } catch {
      return this.oneByOne(scenarios);
    }
    const r = await this.post(body, this.o.timeoutMs);
    if (!r.ok || !isRecord(r.body) || r.body['type'] !== 'batch_result' || !Array.isArray(r.body['replies'])) {
      // The batch failed as a whole: find which scenario causes it.
      return this.oneByOne(scenarios);
    }
    const byId = new Map<unknown, unknown>();
    for (const reply of r.body['replies'] as unknown[]) if (isRecord(reply)) byId.set(reply['id'], reply);
    return scenarios.map((s, k) => {
      const id = ids[k]!;
      const reply = byId.get(id);
      return reply === undefined
        ? failed('protocol-error', `the batch_result has no reply for request ${id}\ninput: ${describeInput(s)}`)
        : this.answerOf(reply, id, s);
    });
  }

  private async oneByOne(scenarios: readonly Scenario[]): Promise<Answer[]> {
    this.requests -= scenarios.length;
    const answers = new Array<Answer>(scenarios.length);
    await pool(scenarios.map((_, i) => i), this.o.window ?? DEFAULTS.httpConcurrency, async (i) => {
      answers[i] = await this.run(scenarios[i]!);
    });
    return answers;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const ac of this.inflight) ac.abort();
    this.inflight.clear();
  }

  stderrTail(): string {
    return '';
  }

  stats(): EngineStats {
    return { restarts: 0, gaveUp: this.gaveUp, requests: this.requests };
  }
}
