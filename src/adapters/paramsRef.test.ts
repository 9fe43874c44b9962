/**
 * Protocol 1.1 params sets (docs/protocol.md#params-sets): sent once per session and once after
 * each restart, 1.0 messages for engines without the feature, crash recovery with the feature on,
 * the unknown-id answer, and the worked exchange of the docs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mismatches, Opened, ROOT, SEED } from '../../properties/adaptersSupport.ts';
import { riskParams } from '../arbitraries/riskParams.ts';
import { scenario } from '../arbitraries/scenario.ts';
import type { Scenario } from '../model/types.ts';
import { ParamsSlots } from './paramsSlots.ts';
import { answerCode, answerMessage, liquidateLine, PARAMS_SLOTS, splitScenario } from './protocol.ts';
import { SubprocessEngine } from './subprocessEngine.ts';

const RECORDER = resolve(ROOT, 'src/adapters/__fixtures__/paramsRecorder.mjs');
const dir = mkdtempSync(join(tmpdir(), 'liqcheck-params-'));
const opened = new Opened();
afterEach(() => opened.closeAll());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let logs = 0;
async function recorder(...args: string[]): Promise<{ h: SubprocessEngine; log: string }> {
  const log = join(dir, `log-${++logs}.jsonl`);
  const h = opened.track(await SubprocessEngine.open([process.execPath, RECORDER, '--log', log, ...args], { timeoutMs: 5000, cwd: ROOT }));
  return { h, log };
}

type Sent = { type: string; id?: number; paramsId?: number; paramsRef?: number; scenario?: unknown; params?: unknown };

/** The recorded lines, one array per engine process (each starts with its hello). */
function sessions(log: string): { lines: string[]; messages: Sent[] }[] {
  const out: { lines: string[]; messages: Sent[] }[] = [];
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    if (line === '') continue;
    const m = JSON.parse(line) as Sent;
    if (m.type === 'hello') out.push({ lines: [], messages: [] });
    out.at(-1)!.lines.push(line);
    out.at(-1)!.messages.push(m);
  }
  return out;
}

/** Every paramsRef of the session refers to a set defined earlier in that same session. */
function refsDefinedBefore(messages: readonly Sent[]): boolean {
  const defined = new Set<number>();
  for (const m of messages) {
    if (m.type === 'params') defined.add(m.paramsId!);
    if (m.type === 'liquidate' && m.paramsRef !== undefined && !defined.has(m.paramsRef)) return false;
  }
  return true;
}

// Three params sets, five valid scenarios each, interleaved so that the sets alternate.
const PARAMS = fc.sample(riskParams(), { seed: SEED, numRuns: 3 });
const BY_SET = PARAMS.map((p, k) => fc.sample(scenario({ params: fc.constant(p) }), { seed: SEED + k, numRuns: 5 }));
const SCENARIOS: Scenario[] = BY_SET[0]!.flatMap((_, i) => BY_SET.map((set) => set[i]!));

describe('ParamsSlots', () => {
  it('should give one id per distinct text and reuse the least recently used id when full', () => {
    const slots = new ParamsSlots(2);
    expect(slots.take('a')).toEqual({ id: 1, define: true });
    expect(slots.take('b')).toEqual({ id: 2, define: true });
    expect(slots.take('a')).toEqual({ id: 1, define: false });
    // 'b' is the least recently used: 'c' takes its id, and 'b' must be defined again.
    expect(slots.take('c')).toEqual({ id: 2, define: true });
    expect(slots.take('b')).toEqual({ id: 1, define: true });
    expect(slots.size).toBe(2);
  });

  it('should define a forgotten set again, under the id it gave up', () => {
    const slots = new ParamsSlots(4);
    slots.take('a');
    slots.take('b');
    slots.forget(1);
    expect(slots.take('b')).toEqual({ id: 2, define: false });
    expect(slots.take('a')).toEqual({ id: 1, define: true });
  });
});

describe('splitScenario', () => {
  it('should split an object with object params into the params text and the rest', () => {
    const s = SCENARIOS[0]!;
    const split = splitScenario(s)!;
    expect(JSON.parse(split.paramsJson)).toEqual(s.params);
    const rest = JSON.parse(split.restJson) as Record<string, unknown>;
    expect(Object.keys(rest)).toEqual(Object.keys(s).filter((k) => k !== 'params'));
    expect({ params: s.params, ...rest }).toEqual(s);
  });

  it.each([null, 'x', [], {}, { params: null }, { params: [1] }, { params: 'p', marks: {} }])('should send %j inline', (s) => {
    expect(splitScenario(s)).toBeNull();
  });
});

describe('params sets over a subprocess', () => {
  it('should send each params set once per session and answer as the reference does', async () => {
    const { h, log } = await recorder();
    const first = await h.runMany(SCENARIOS);
    const again = await h.runMany(SCENARIOS);
    expect(mismatches([...SCENARIOS, ...SCENARIOS], [...first, ...again])).toEqual({ count: 0 });
    const [session, ...more] = sessions(log);
    expect(more).toHaveLength(0);
    const params = session!.messages.filter((m) => m.type === 'params');
    const requests = session!.messages.filter((m) => m.type === 'liquidate');
    expect(params.map((m) => m.params)).toEqual(PARAMS);
    expect(h.paramsMessages()).toBe(3);
    expect(requests).toHaveLength(2 * SCENARIOS.length);
    expect(requests.every((m) => m.paramsRef !== undefined && m.scenario !== null && !Object.hasOwn(m.scenario as object, 'params'))).toBe(true);
    expect(refsDefinedBefore(session!.messages)).toBe(true);
    // Each set's text travels once instead of ten times: at least 27 of the 30 texts are saved,
    // less a few dozen characters of envelope per line.
    const sent = session!.lines.slice(1).reduce((n, l) => n + l.length + 1, 0);
    const inline = [...SCENARIOS, ...SCENARIOS].reduce((n, s, i) => n + liquidateLine(i + 1, s).length + 1, 0);
    const shortest = Math.min(...PARAMS.map((p) => JSON.stringify(p).length));
    expect(inline - sent).toBeGreaterThan((2 * SCENARIOS.length - PARAMS.length) * shortest - 33 * 50);
  }, 20_000);

  it('should reuse at most 64 ids, sending an evicted set again, with the requests pipelined', async () => {
    const many = fc.sample(scenario(), { seed: SEED, numRuns: 80 });
    const distinct = new Set(many.map((s) => JSON.stringify(s.params))).size;
    expect(distinct).toBeGreaterThan(PARAMS_SLOTS);
    const { h, log } = await recorder();
    const answers = [...(await h.runMany(many)), ...(await h.runMany(many))];
    expect(mismatches([...many, ...many], answers)).toEqual({ count: 0 });
    const [session] = sessions(log);
    const ids = session!.messages.filter((m) => m.type === 'params').map((m) => m.paramsId!);
    expect(Math.max(...ids)).toBe(PARAMS_SLOTS);
    // Every set is defined in the first round; in the second, those evicted since are defined again.
    expect(ids.length).toBeGreaterThan(distinct);
    expect(refsDefinedBefore(session!.messages)).toBe(true);
  }, 30_000);

  it.each([
    ['does not list params-ref', ['--features', 'core']],
    ['answers protocol 1.0 (even listing params-ref)', ['--protocol', '1.0', '--features', 'params-ref']],
  ])('should send the 1.0 messages, byte for byte, to an engine that %s', async (_, args) => {
    const { h, log } = await recorder(...args);
    const answers = await h.runMany(SCENARIOS);
    expect(mismatches(SCENARIOS, answers)).toEqual({ count: 0 });
    const [session] = sessions(log);
    expect(session!.lines.slice(1)).toEqual(SCENARIOS.map((s, i) => liquidateLine(i + 1, s)));
    expect(h.paramsMessages()).toBe(0);
  }, 20_000);

  it('should recover from a crash mid-session: sets sent again after every restart, the culprit charged', async () => {
    const marker = '987654.321';
    const marked = SCENARIOS.map((s, i) => (i === 7 ? { ...s, insuranceFund: marker } : s));
    const { h, log } = await recorder('--crash-fund', marker);
    const answers = await h.runMany(marked);
    expect(answers.map(answerCode).filter((c) => c !== 'ok' && c !== 'invalid-input' && c !== 'limit-exceeded')).toEqual(['crash']);
    expect(answerCode(answers[7]!)).toBe('crash');
    expect(answerMessage(answers[7]!)).toMatch(/exited with code 1/);
    const others = marked.filter((_, i) => i !== 7);
    expect(mismatches(others, answers.filter((_, i) => i !== 7))).toEqual({ count: 0 });
    const all = sessions(log);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(h.stats().restarts).toBe(all.length - 1);
    for (const s of all) expect(refsDefinedBefore(s.messages)).toBe(true);
    // The session after the crash defines again the sets its requests use.
    expect(all[1]!.messages.some((m) => m.type === 'params')).toBe(true);
    // And the engine keeps answering with the feature on afterwards.
    expect(mismatches(SCENARIOS, await h.runMany(SCENARIOS))).toEqual({ count: 0 });
  }, 30_000);

  it('should charge an unknown-id answer to its request as a protocol-error, and define the set again', async () => {
    const { h, log } = await recorder('--forget');
    const a = await h.run(SCENARIOS[0]!);
    expect(answerCode(a)).toBe('protocol-error');
    expect(answerMessage(a)).toMatch(/bad-request: "unknown paramsRef 1[^"]*"[\s\S]*; request 1\ninput: \{"params"/);
    const b = await h.run(SCENARIOS[0]!);
    expect(answerCode(b)).toBe('protocol-error');
    expect(h.stats().restarts).toBe(0);
    const [session] = sessions(log);
    expect(session!.messages.slice(1).map((m) => m.type)).toEqual(['params', 'liquidate', 'params', 'liquidate']);
  }, 20_000);
});

describe('docs/protocol.md, the exchange with params sets', () => {
  const doc = readFileSync(resolve(ROOT, 'docs/protocol.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### The same exchange with params sets'));
  const lines = /```text\n([\s\S]*?)```/.exec(section)![1]!.trimEnd().split('\n');
  const sent = lines.filter((l) => l.startsWith('> ')).map((l) => l.slice(2));
  const received = lines.filter((l) => l.startsWith('< ')).map((l) => l.slice(2));

  it.each([
    ['python3', ['examples/python/engine.py'], 'liqcheck-python-example'],
    [process.execPath, ['examples/js/engine.mjs'], 'liqcheck-js-example'],
  ])('should be what %s %s writes, byte for byte', (cmd, args, name) => {
    const r = spawnSync(cmd, args, { cwd: ROOT, input: `${sent.join('\n')}\n`, encoding: 'utf8', timeout: 10_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual(received.map((l) => l.replace('"liqcheck-python-example"', JSON.stringify(name))));
  }, 20_000);

  it('should mean the inline exchange: the same requests with their params in place', () => {
    const inline = readFileSync(resolve(ROOT, 'docs/protocol.md'), 'utf8');
    const first = /```text\n([\s\S]*?)```/.exec(inline.slice(inline.indexOf('## A complete exchange')))![1]!;
    const inlineRequests = first.split('\n').filter((l) => l.startsWith('> {"type":"liquidate"')).map((l) => JSON.parse(l.slice(2)) as Sent);
    const params = (JSON.parse(sent[1]!) as Sent).params;
    const refs = sent.slice(2, 4).map((l) => JSON.parse(l) as Sent);
    expect(refs.map((m) => ({ type: m.type, id: m.id, scenario: { params, ...(m.scenario as object) } }))).toEqual(inlineRequests);
  });
});
