/**
 * The subprocess adapter against pathological engines (examples/pathological): an engine that
 * hangs, crashes or writes garbage is reported as timeout, crash or protocol-error on the request
 * that caused it, with its stderr tail; the engine is restarted and the other requests get their
 * real answers; restarts are bounded; nothing hangs the gate and nothing outlives `close()`.
 *
 * The pathological engines misbehave only on scenarios carrying a marker insurance fund, so the
 * culprit is known. Every test has a hard timeout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineStartError, openEngine, type EngineHandle, type OpenOptions } from '../src/adapters/openEngine.ts';
import { answerCode, answerMessage } from '../src/adapters/protocol.ts';
import type { Answer } from '../src/invariants/invariant.ts';
import type { Scenario } from '../src/model/types.ts';
import { CWD, mismatches, MIXED, Opened, PATHOLOGICAL, PYTHON, sample } from './adaptersSupport.ts';

const opened = new Opened();
afterEach(() => opened.closeAll());

/** Marker funds: the pathological engines misbehave on these and nothing else. */
const MARK = '0.000000000000000666';
const NORMAL = sample(MIXED, 6, 4242);
const marked: Scenario = { ...NORMAL[0]!, insuranceFund: MARK };
const when = `--when fund:${MARK}`;

async function open(impl: string, o: Partial<OpenOptions> = {}): Promise<EngineHandle> {
  return opened.track(await openEngine(impl, { timeoutMs: 2000, ...CWD, ...o }));
}

/** Whether a process runs (a zombie does not: some containers' init never reaps orphans). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    try {
      process.kill(pid, 0);
      return !existsSync('/proc');
    } catch {
      return false;
    }
  }
}

const codeOf = answerCode;
const messageOf = answerMessage;

/** Answers for [n0, n1, marked, n2, n3]: the marked one is charged, the others are the reference's. */
async function pipelined(h: EngineHandle): Promise<Answer> {
  const batch = [NORMAL[1]!, NORMAL[2]!, marked, NORMAL[3]!, NORMAL[4]!];
  const answers = await h.runMany!(batch);
  const innocent = [0, 1, 3, 4];
  const m = mismatches(innocent.map((i) => batch[i]), innocent.map((i) => answers[i]));
  expect(m.count, m.first).toBe(0);
  return answers[2]!;
}

describe('hang', () => {
  it('should answer timeout within the deadline, name the input, then restart the engine', async () => {
    const h = await open(PATHOLOGICAL('hang', when), { timeoutMs: 400 });
    const t0 = performance.now();
    const a = await h.run(marked);
    const waited = performance.now() - t0;
    expect(codeOf(a)).toBe('timeout');
    expect(waited).toBeGreaterThanOrEqual(390);
    expect(waited).toBeLessThan(2000);
    expect(messageOf(a)).toMatch(/no reply within 400 ms[\s\S]*request 1\ninput: \{"params"[\s\S]*hang\.py: hanging now/);
    expect(mismatches([NORMAL[0]], [await h.run(NORMAL[0]!)]).count).toBe(0);
    expect(h.stats!().restarts).toBe(1);
  }, 20_000);

  it('should charge only the hung request among pipelined ones', async () => {
    const h = await open(PATHOLOGICAL('hang', when), { timeoutMs: 400 });
    expect(codeOf(await pipelined(h))).toBe('timeout');
  }, 20_000);

  it('should fail to start, within the start deadline, when the handshake hangs', async () => {
    const t0 = performance.now();
    const e = await openEngine(PATHOLOGICAL('hang', '--phase handshake'), { timeoutMs: 200, startTimeoutMs: 500, ...CWD }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineStartError);
    expect((e as Error).message).toMatch(/no hello_ok within 500 ms[\s\S]*hanging now/);
    expect(performance.now() - t0).toBeLessThan(2500);
  }, 20_000);
});

describe('crash', () => {
  it.each([
    ['exit', /the engine exited with code 1; request 1\ninput: [\s\S]*ZeroDivisionError: request 1 made the engine crash/],
    ['signal', /the engine was killed by SIGSEGV; request 1[\s\S]*ZeroDivisionError/],
    ['stdout', /the engine closed its stdout; request 1/],
  ])('should answer crash (--how %s) with the stderr tail, then restart', async (how, message) => {
    const h = await open(PATHOLOGICAL('crash', `${when} --how ${how}`));
    const a = await h.run(marked);
    expect(codeOf(a)).toBe('crash');
    expect(messageOf(a)).toMatch(message);
    expect(mismatches([NORMAL[0]], [await h.run(NORMAL[0]!)]).count).toBe(0);
    expect(h.stats!().restarts).toBe(1);
    expect(h.stderrTail()).toMatch(/restarting the engine \(restart 1 of at most 10\)/);
  }, 20_000);

  it('should find the crashing request among pipelined ones by replaying them one at a time', async () => {
    const h = await open(PATHOLOGICAL('crash', when));
    const a = await pipelined(h);
    expect(codeOf(a)).toBe('crash');
    expect(messageOf(a)).not.toMatch(/not reproduced/);
    expect(messageOf(a)).toMatch(/request \d+\ninput: \{"params"/);
  }, 20_000);

  it('should charge the oldest request in flight, marked not reproduced, when a replay does not crash again', async () => {
    // Crashes on the 3rd request of each process: pipelined, requests 3-5 are in flight; replayed
    // alone in a fresh process, 3 and 4 pass and 5 is that process's 3rd: it crashes again.
    const h = await open(PATHOLOGICAL('crash', '--when after:3'));
    const answers = await h.runMany!(NORMAL.slice(0, 5));
    expect(answers.map(codeOf)).toEqual(['ok', 'ok', 'ok', 'ok', 'crash']);
    const once = await open(PATHOLOGICAL('crash', '--when after:2'), { window: 2 });
    const pair = await once.runMany!(NORMAL.slice(0, 3));
    // 1 ok; 2 crashes with 2 and 3 in flight; alone, 2 (1st) passes and 3 (2nd) crashes.
    expect(pair.map(codeOf)).toEqual(['ok', 'ok', 'crash']);
  }, 20_000);

  it('should give up after the restart limit: every later answer is a crash, at once', async () => {
    const h = await open(PATHOLOGICAL('crash', '--when always'), { maxRestarts: 2 });
    const answers = await h.runMany!(NORMAL.slice(0, 5));
    expect(answers.every((a) => codeOf(a) === 'crash')).toBe(true);
    expect(h.stats!().gaveUp).toMatch(/failed 3 times \(limit 2 restarts\)/);
    const t0 = performance.now();
    const later = await h.run(NORMAL[5]!);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(messageOf(later)).toMatch(/no longer restarted/);
  }, 20_000);
});

describe('garbage', () => {
  it.each([
    ['non-json', /stdout line is not JSON: "this is not json" \(stdout is for protocol messages only; log to stderr\)/],
    ['log-stdout', /stdout line is not JSON: "computing request \d+"/],
    ['partial', /the engine exited with code 0, leaving a partial line "\{\\"type\\":\\"result\\"/],
    ['unknown-id', /a reply for request \d+, which was never sent/],
    ['flood', /stdout line is not JSON: "junk junk/],
    ['huge-line', /stdout flooded: a line longer than 1048576 characters/],
  ])('should answer protocol-error for --mode %s on the request that caused it, and restart', async (mode, message) => {
    const h = await open(PATHOLOGICAL('garbage', `--mode ${mode} ${when}`), { maxLineChars: 1 << 20 });
    const alone = await h.run(marked);
    expect(codeOf(alone)).toBe('protocol-error');
    expect(messageOf(alone)).toMatch(message);
    expect(messageOf(alone)).toMatch(/request \d+\ninput: \{"params"/);
    expect(codeOf(await pipelined(h))).toBe('protocol-error');
    // One restart after the lone request; two after the pipelined ones (the failure, then the
    // marked request failing again when replayed alone).
    expect(h.stats!().restarts).toBe(3);
  }, 20_000);

  it('should report a duplicate reply, naming the request it repeats', async () => {
    const h = await open(PATHOLOGICAL('garbage', `--mode duplicate-id ${when}`));
    // Alone: the first reply is the answer; the second comes with nothing in flight and is
    // reported on the next request.
    expect(codeOf(await h.run(marked))).toBe('ok');
    const next = await h.run(NORMAL[1]!);
    expect(codeOf(next)).toBe('protocol-error');
    expect(messageOf(next)).toMatch(/a second reply for request 1, already answered[\s\S]*request 1's input: \{"params"[\s\S]*no request was in flight/);
    expect(mismatches([NORMAL[2]], [await h.run(NORMAL[2]!)]).count).toBe(0);
  }, 20_000);

  it.each([
    ['bad-result', /malformed reply: result: expected an object \(a LiquidationResult\), received /],
    ['bad-code', /malformed reply: error\.code: expected a known error code \(invalid-input, .*\), received "oops"/],
  ])('should charge a malformed %s reply to its request without restarting', async (mode, message) => {
    const h = await open(PATHOLOGICAL('garbage', `--mode ${mode} ${when}`));
    const a = await pipelined(h);
    expect(codeOf(a)).toBe('protocol-error');
    expect(messageOf(a)).toMatch(message);
    expect(h.stats!().restarts).toBe(0);
  }, 20_000);
});

describe('start failures', () => {
  it.each([
    ['no-such-engine-binary --flag', /could not run it \(spawn no-such-engine-binary ENOENT\); is the command installed/],
    [`python3 -c "import sys; print('cannot load model', file=sys.stderr); sys.exit(3)"`, /exited with code 3 before answering the handshake[\s\S]*stderr \(last 1 line\):\n {2}cannot load model/],
    [PATHOLOGICAL('garbage', '--mode bad-hello'), /received a line that is not JSON: "Starting engine v1\.2 \.\.\."/],
    [`python3 -c "print('{\\"type\\":\\"hello_ok\\",\\"name\\":\\"x\\",\\"version\\":\\"1\\",\\"protocol\\":\\"2.0\\",\\"policy\\":\\"p\\",\\"features\\":[]}', flush=True); input()"`, /the engine speaks 2\.0, this gate speaks 1\.2/],
    [`python3 -c "print('{\\"type\\":\\"hello_ok\\"}', flush=True); input()"`, /bad hello_ok: name: expected .+, received .+; version: expected /],
    ['"unterminated', /cannot split the --impl command line \(unterminated " quote\)/],
  ])('should throw EngineStartError for %s', async (impl, message) => {
    const e = await openEngine(impl, { timeoutMs: 2000, startTimeoutMs: 5000, ...CWD }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineStartError);
    expect((e as Error).message).toMatch(message);
  }, 20_000);
});

describe('close', () => {
  it('should kill the whole process group, including what the engine started', async () => {
    const h = await open(`sh -c 'sleep 300 & echo "helper $!" >&2; exec ${PYTHON}'`);
    expect(codeOf(await h.run(NORMAL[0]!))).toBe('ok');
    const helper = Number(/helper (\d+)/.exec(h.stderrTail())?.[1]);
    expect(helper).toBeGreaterThan(0);
    expect(alive(helper)).toBe(true);
    await h.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(helper)).toBe(false);
  }, 20_000);

  it('should answer requests still in flight and stop a hung engine after its grace period', async () => {
    const h = await open(PATHOLOGICAL('hang', when), { timeoutMs: 10_000, closeGraceMs: 200 });
    const pending = h.run(marked);
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    await h.close();
    expect(performance.now() - t0).toBeLessThan(1500);
    const a = await pending;
    expect(codeOf(a)).toBe('crash');
    expect(messageOf(a)).toMatch(/closed before answering/);
    expect(codeOf(await h.run(NORMAL[0]!))).toBe('crash');
  }, 20_000);
});
