/**
 * The Python example's protocol loop (engine.py `serve`): replies to a burst of requests written
 * together, in order; lines split across reads or longer than one read; bytes that are not UTF-8;
 * a text stream without a binary buffer; `--no-params-ref`. What it computes is checked against the
 * reference by properties/adapters*.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CWD, MIXED, ROOT, referenceJson, sample } from '../../properties/adaptersSupport.ts';
import { canonicalCompact } from '../../src/fixtures/canonicalJson.ts';
import { helloMessage, liquidateLine } from '../../src/adapters/protocol.ts';

const HELLO = JSON.stringify(helloMessage());

interface Reply {
  readonly type: string;
  readonly id: number | null;
  readonly result?: unknown;
  readonly error?: { readonly code: string; readonly message?: string };
  readonly features?: readonly string[];
}

function engine(input: string | Buffer, ...args: string[]): Reply[] {
  const r = spawnSync('python3', ['examples/python/engine.py', ...args], { ...CWD, input, timeout: 20_000 });
  expect(r.status, r.stderr.toString()).toBe(0);
  return r.stdout.toString().trimEnd().split('\n').map((l) => JSON.parse(l) as Reply);
}

/** The answer a reply stands for, in the reference's shape (`{ ok, result | error }`). */
function asAnswer(r: Reply): string {
  return canonicalCompact(r.type === 'result' ? { ok: true, result: r.result } : { ok: false, error: r.error });
}

describe('examples/python/engine.py serve', () => {
  it('should answer a burst of requests written at once, each in order, as the reference does', () => {
    // More than FLUSH_EVERY (16) requests in one write: replies leave in several batches.
    const scenarios = sample(MIXED, 40);
    const replies = engine(`${[HELLO, ...scenarios.map((s, i) => liquidateLine(i + 1, s))].join('\n')}\n`);
    expect(replies[0]!.type).toBe('hello_ok');
    expect(replies.slice(1).map((r) => r.id)).toEqual(scenarios.map((_, i) => i + 1));
    expect(replies.slice(1).map(asAnswer)).toEqual(scenarios.map(referenceJson));
  }, 30_000);

  it('should read a request line longer than one read (64 KiB) and one without a final newline', () => {
    const [s] = sample(MIXED, 1);
    const long = liquidateLine(1, s!).replace('"scenario":', `${' '.repeat(200_000)}"scenario":`);
    const replies = engine(`${HELLO}\n${long}\n${liquidateLine(2, s!)}`);
    expect(replies.map((r) => r.id)).toEqual([undefined, 1, 2]);
    expect(asAnswer(replies[1]!)).toBe(referenceJson(s));
    expect(asAnswer(replies[2]!)).toBe(referenceJson(s));
  }, 30_000);

  it('should answer a line that is not UTF-8 with bad-request and go on serving', () => {
    const [s] = sample(MIXED, 1);
    const input = Buffer.concat([Buffer.from(`${HELLO}\n`), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(`${liquidateLine(7, s!)}\n`)]);
    const replies = engine(input);
    expect(replies[1]).toMatchObject({ type: 'error', id: null, error: { code: 'bad-request' } });
    expect(replies[1]!.error!.message).toMatch(/not JSON: .*utf-8/);
    expect(replies[2]!.id).toBe(7);
  }, 30_000);

  it('should answer a request whose halves arrive apart, without waiting for more input', async () => {
    const [s] = sample(MIXED, 1);
    const line = liquidateLine(3, s!);
    const child = spawn('python3', ['examples/python/engine.py'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    const lines = (n: number): Promise<void> =>
      new Promise((done) => {
        const check = (): void => {
          if (out.split('\n').length > n) {
            child.stdout.off('data', onData);
            done();
          }
        };
        const onData = (c: Buffer): void => {
          out += c.toString();
          check();
        };
        child.stdout.on('data', onData);
        check();
      });
    child.stdin.write(`${HELLO}\n${line.slice(0, 100)}`);
    await lines(1);
    await new Promise((r) => setTimeout(r, 50));
    child.stdin.write(`${line.slice(100)}\n`);
    await lines(2); // answered while stdin stays open: the engine did not wait for more
    child.stdin.end();
    await new Promise((r) => child.once('exit', r));
    const reply = JSON.parse(out.trimEnd().split('\n')[1]!) as Reply;
    expect(reply.id).toBe(3);
    expect(asAnswer(reply)).toBe(referenceJson(s));
  }, 30_000);

  it('should serve a text stream without a binary buffer, line by line (how other code may call it)', () => {
    const [s] = sample(MIXED, 1);
    const program = [
      'import io, sys',
      "sys.path.insert(0, 'examples/python')",
      'import engine',
      'out = io.StringIO()',
      'engine.serve(io.StringIO(sys.stdin.read()), out, frozenset())',
      'sys.stdout.write(out.getvalue())',
    ].join('\n');
    const r = spawnSync('python3', ['-c', program], { ...CWD, input: `${HELLO}\n${liquidateLine(1, s!)}\n`, encoding: 'utf8', timeout: 20_000 });
    expect(r.status, r.stderr).toBe(0);
    const replies = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Reply);
    expect(replies.map((x) => x.type)).toEqual(['hello_ok', replies[1]!.type]);
    expect(asAnswer(replies[1]!)).toBe(referenceJson(s));
  }, 30_000);

  it('should not announce params-ref with --no-params-ref, and answer the params inline', () => {
    const [s] = sample(MIXED, 1);
    const [hello, reply] = engine(`${HELLO}\n${liquidateLine(1, s!)}\n`, '--no-params-ref');
    expect(hello!.features).not.toContain('params-ref');
    expect(engine(`${HELLO}\n`)[0]!.features).toContain('params-ref');
    expect(asAnswer(reply!)).toBe(referenceJson(s));
  }, 30_000);
});
