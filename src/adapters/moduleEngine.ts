/**
 * The in-process adapter: a JS or TS module exporting `liquidate` (or a default function), sync or
 * async, returning the model's outcome `{ ok: true, result } | { ok: false, error }`. Optional
 * exports `name`, `version`, `policy` and `features` stand in for the handshake.
 *
 * @remarks Each call gets its own deep copy of the scenario, so an engine that mutates its input
 * cannot corrupt the gate's judgement. A thrown exception is a crash answer and a malformed
 * outcome a protocol-error. A returned promise is raced against `timeoutMs`; a synchronous engine
 * cannot be interrupted in-process — run untrusted or possibly hanging engines as subprocesses.
 * @see docs/protocol.md#in-process-modules
 */
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Answer } from '../invariants/invariant.ts';
import type { Scenario } from '../model/types.ts';
import { EngineStartError, type EngineHandle, type EngineStats, type OpenOptions } from './engineHandle.ts';
import { FEATURES } from './features.ts';
import { describeInput, failed, replyAnswer } from './protocol.ts';

type EngineFn = (scenario: Scenario) => unknown;

/** An exception for a message: its stack's first lines (the engine's frames, not the gate's). */
function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return (e.stack ?? `${e.name}: ${e.message}`).split('\n').slice(0, 6).join('\n');
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** The outcome an in-process engine returned, checked the way a wire reply is. */
function outcomeAnswer(out: unknown, scenario: Scenario): Answer {
  if (isRecord(out) && (out['ok'] === true || out['ok'] === false)) {
    const r = replyAnswer(out['ok'] ? { type: 'result', result: out['result'] } : { type: 'error', error: out['error'] });
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

export class ModuleEngine implements EngineHandle {
  readonly kind = 'module' as const;
  private requests = 0;

  private constructor(
    private readonly fn: EngineFn,
    readonly name: string,
    readonly version: string,
    readonly policy: string,
    readonly features: readonly string[],
    private readonly timeoutMs: number,
  ) {}

  /** Imports the module and reads its exports, or throws {@link EngineStartError}. */
  static async open(path: string, o: OpenOptions): Promise<ModuleEngine> {
    const file = resolve(o.cwd ?? process.cwd(), path);
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (e) {
      throw new EngineStartError(`could not import ${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const fn = typeof mod['liquidate'] === 'function' ? mod['liquidate'] : mod['default'];
    if (typeof fn !== 'function') {
      throw new EngineStartError(`${file} exports no engine: expected a function \`liquidate\` (or a default export) taking a scenario and returning { ok, result | error }`);
    }
    const text = (k: string, fallback: string): string => {
      const v = mod[k];
      if (v === undefined) return fallback;
      if (typeof v !== 'string' || v === '') throw new EngineStartError(`${file}: export \`${k}\` must be a non-empty string`);
      return v;
    };
    const features = mod['features'] ?? FEATURES;
    if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) {
      throw new EngineStartError(`${file}: export \`features\` must be an array of strings`);
    }
    const name = text('name', basename(file));
    return new ModuleEngine(fn as EngineFn, name, text('version', '0.0.0'), text('policy', 'unspecified'), features, o.timeoutMs);
  }

  readonly run = async (scenario: Scenario): Promise<Answer> => {
    this.requests++;
    let out: unknown;
    try {
      out = this.fn(structuredClone(scenario));
    } catch (e) {
      return failed('crash', `the engine threw: ${describeError(e)}\ninput: ${describeInput(scenario)}`);
    }
    if (out instanceof Promise || (isRecord(out) && typeof out['then'] === 'function')) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), this.timeoutMs)));
      try {
        const settled = await Promise.race([Promise.resolve(out), timeout]);
        if (settled === 'timeout') {
          return failed('timeout', `no answer within ${this.timeoutMs} ms (the promise is abandoned, not cancelled)\ninput: ${describeInput(scenario)}`);
        }
        out = settled;
      } catch (e) {
        return failed('crash', `the engine rejected: ${describeError(e)}\ninput: ${describeInput(scenario)}`);
      } finally {
        clearTimeout(timer);
      }
    }
    return outcomeAnswer(out, scenario);
  };

  runMany(scenarios: readonly Scenario[]): Promise<Answer[]> {
    return Promise.all(scenarios.map(this.run));
  }

  async close(): Promise<void> {}

  stderrTail(): string {
    return '';
  }

  stats(): EngineStats {
    return { restarts: 0, gaveUp: null, requests: this.requests };
  }
}
