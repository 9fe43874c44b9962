/**
 * Shared by the adapter suites (properties/adapters*.test.ts): the example engines as `--impl`
 * strings, fixed-seed scenario sets, and services started on a loopback port for one test.
 *
 * @internal
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { riskParams, scenario, singlePositionScenario } from '../src/arbitraries/index.ts';
import type { EngineHandle } from '../src/adapters/engineHandle.ts';
import { canonicalCompact as canonicalJson } from '../src/fixtures/canonicalJson.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The adapters resolve relative paths against this directory. */
export const CWD = { cwd: ROOT } as const;

export const PYTHON = 'python3 examples/python/engine.py';
export const PYTHON_HTTP = ['python3', 'examples/python/http_engine.py', '--port', '0'] as const;
export const JS = 'node examples/js/engine.mjs';
export const JS_MODULE = './examples/js/engine.mjs';
export const PATHOLOGICAL = (name: 'hang' | 'crash' | 'garbage', args = ''): string => `python3 examples/pathological/${name}.py ${args}`;

/** Fixed: these suites compare engines byte for byte, so every run sees the same scenarios. */
export const SEED = 20261125;

/** The scenario shapes an engine must get right, mixed: every branch of the model is reached. */
export const MIXED: fc.Arbitrary<Scenario> = fc.oneof(
  scenario(),
  scenario({ positions: { min: 2, max: 3 }, margin: 'mixed' }),
  scenario({ positions: { min: 2, max: 3 }, margin: 'cross', region: 'any' }),
  scenario({ params: riskParams({ penalty: 'edge', trigger: 'inclusive' }) }),
  singlePositionScenario({ params: riskParams({ quoteScale: { min: 0, max: 2 } }) }),
);

export function sample(arb: fc.Arbitrary<Scenario>, n: number, seed = SEED): Scenario[] {
  return fc.sample(arb, { seed, numRuns: n });
}

/** Scenarios broken in one field each, which every engine must answer with invalid-input. */
export function broken(valid: readonly Scenario[]): unknown[] {
  return valid.flatMap((s) => {
    const p = s.account.positions[0]!;
    return [
      { ...s, insuranceFund: '-1' },
      { ...s, account: { ...s.account, collateral: '1e3' } },
      { ...s, account: { ...s.account, positions: [{ ...p, market: 'NO-SUCH-MARKET' }] } },
      { ...s, account: { ...s.account, positions: [{ ...p, isolatedMagin: '1' }] } },
      { ...s, marks: {} },
      { ...s, params: { ...s.params, quoteScale: 19, trigger: 'sometimes' } },
      null,
    ];
  });
}

/** The reference's answer, as canonical JSON. */
export function referenceJson(s: unknown): string {
  return canonicalJson(liquidate(s));
}

/** Indexes where the engine's answers differ from the reference, with the first difference. */
export function mismatches(scenarios: readonly unknown[], answers: readonly unknown[]): { count: number; first?: string } {
  let count = 0;
  let first: string | undefined;
  scenarios.forEach((s, i) => {
    const want = referenceJson(s);
    const got = canonicalJson(answers[i]);
    if (want === got) return;
    count++;
    first ??= `scenario ${i}: ${JSON.stringify(s)}\n  reference: ${want.slice(0, 600)}\n  engine:    ${got.slice(0, 600)}`;
  });
  return first === undefined ? { count } : { count, first };
}

/** Handles opened by a test, closed after it whatever happens. */
export class Opened {
  private readonly handles: EngineHandle[] = [];
  private readonly stops: (() => Promise<void>)[] = [];

  track<T extends EngineHandle>(h: T): T {
    this.handles.push(h);
    return h;
  }

  onClose(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.handles.splice(0).map((h) => h.close()));
    await Promise.all(this.stops.splice(0).map((s) => s()));
  }
}

/**
 * Starts a service that prints its URL as its first stdout line; stops it (SIGKILL to its group)
 * when the returned `stop` is called. Rejects if no URL comes within `ms`.
 */
export function startService(argv: readonly string[], ms = 10_000): Promise<{ url: string; stop: () => Promise<void> }> {
  const [cmd, ...args] = argv as [string, ...string[]];
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stop = (): Promise<void> =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        done();
      }
    });
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${argv.join(' ')}: no URL within ${ms} ms; stderr: ${err}`));
    }, ms);
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolveUrl({ url: out.slice(0, nl).trim(), stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')} exited with code ${code}; stderr: ${err}`));
    });
  });
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}
