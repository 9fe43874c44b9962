import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { scenario } from '../arbitraries/scenario.ts';
import type { Answer } from '../invariants/invariant.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import type { CatalogReport, InvariantTally } from '../runner/runCatalog.ts';
import { checkEngine } from './checkEngine.ts';
import { toJUnit } from './junit.ts';

const SCHEMA = { fileName: 'junit.xsd', contents: readFileSync(new URL('../../fixtures/schema/junit.xsd', import.meta.url), 'utf8') };

/** libxml2's verdict on the documents, validated in one WebAssembly run: the messages of its errors. */
async function expectValid(...docs: string[]): Promise<void> {
  const xml = docs.map((contents, i) => ({ fileName: `report-${i}.xml`, contents }));
  const result = await validateXML({ xml, schema: SCHEMA });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

/** The figures of the XML, read back with plain patterns (text content cannot contain `<`). */
function figures(xml: string) {
  const open = (tag: string) => {
    const m = new RegExp(`<${tag} ([^>]*)>`).exec(xml);
    if (!m) throw new Error(`no <${tag}> in\n${xml}`);
    return Object.fromEntries([...m[1]!.matchAll(/([\w.-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
  };
  const count = (re: RegExp) => (xml.match(re) ?? []).length;
  const ms = (s: string) => Math.round(Number(s) * 1000);
  return {
    suites: open('testsuites'),
    suite: open('testsuite'),
    testcases: count(/<testcase /g),
    failures: count(/<failure /g),
    errors: count(/<error /g),
    skipped: count(/<skipped /g),
    caseMs: [...xml.matchAll(/<testcase [^>]*time="([^"]*)"/g)].map((m) => ms(m[1]!)),
    suiteMs: ms(open('testsuite')['time']!),
    properties: Object.fromEntries([...xml.matchAll(/<property name="([^"]*)" value="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!])),
  };
}

const [S] = fc.sample(scenario(), { seed: 7, numRuns: 1 });

function tally(id: string, over: Partial<InvariantTally> = {}): InvariantTally {
  return { id, title: `title of ${id}`, checked: 10, skipped: 0, violations: 0, ms: 5, ...over };
}

function report(over: Partial<CatalogReport> = {}): CatalogReport {
  return {
    engine: { name: 'demo', version: '1.2.3', policy: 'minimal-close' },
    seed: 42,
    runs: 10,
    shard: { index: 0, count: 1 },
    cases: 10,
    unsupported: 0,
    replayed: 0,
    tallies: [tally('WF-000'), tally('LIQ-001'), tally('LIQ-002')],
    ms: 100,
    ok: true,
    labels: {},
    engineFailures: { count: 0, examples: [] },
    ...over,
  };
}

/** The counts of the XML agree with each other, with the report, and the times add up. */
function expectConsistent(xml: string, expected: { failures: number; errors: number; skipped: number; tests: number }) {
  const f = figures(xml);
  expect({ tests: f.testcases, failures: f.failures, errors: f.errors, skipped: f.skipped }).toEqual(expected);
  for (const a of [f.suites, f.suite]) {
    expect([a['tests'], a['failures'], a['errors']]).toEqual([expected.tests, expected.failures, expected.errors].map(String));
  }
  expect(f.suite['skipped']).toBe(String(expected.skipped));
  expect(f.caseMs.reduce((a, b) => a + b, 0)).toBe(f.suiteMs);
  expect(f.suites['time']).toBe(f.suite['time']);
}

describe('the schema', () => {
  it('refuses what junit-10 refuses: a suite without errors, a time with four decimals, skipped on <testsuites>', async () => {
    const good = toJUnit(report());
    const bad = [
      good.replace(/(<testsuite [^>]*) errors="0"/, '$1'),
      good.replace(/time="0\.100"/, 'time="0.1000"'),
      good.replace('<testsuites name="liqcheck"', '<testsuites skipped="0" name="liqcheck"'),
    ];
    expect(bad.every((x) => x !== good)).toBe(true);
    const result = await validateXML({ xml: bad.map((contents, i) => ({ fileName: `bad-${i}.xml`, contents })), schema: SCHEMA });
    expect(result.valid).toBe(false);
    for (const i of [0, 1, 2]) expect(result.errors.some((e) => e.rawMessage.includes(`bad-${i}.xml`))).toBe(true);
  });
});

describe('toJUnit', () => {
  it('writes a clean run from the runner as a valid report with no failure, error or skip', async () => {
    const r = await checkEngine(liquidate, { runs: 20, seed: 3, name: 'reference' });
    expect(r.ok).toBe(true);
    const xml = toJUnit(r);
    await expectValid(xml);
    // One testcase per invariant, and one for the engine's answers; invariants never in domain are
    // skipped, and so are those the reference policy does not promise enough for (spec §10.7).
    const notJudged = r.notJudged?.length ?? 0;
    const skipped = r.tallies.filter((t) => t.checked === 0).length + notJudged;
    expectConsistent(xml, { tests: r.tallies.length + notJudged + 1, failures: 0, errors: 0, skipped });
    expect(figures(xml).properties).toMatchObject({ engine: 'reference', seed: '3', runs: '20', shard: '1/1', cases: '20' });
    expect(xml).toContain('<testcase classname="liqcheck.reference" name="engine answers every request"');
  });

  it('writes violations as <failure>, one per violated invariant, with the counterexample', async () => {
    const cx = { scenario: S!, message: 'equity fell\nsecond line', seed: 9, path: '3:1', file: '.liqcheck/failures/x.json' };
    const r = report({ ok: false, tallies: [tally('WF-000'), tally('LIQ-001', { violations: 3, counterexample: cx }), tally('LIQ-002', { violations: 1 })] });
    const xml = toJUnit(r);
    await expectValid(xml);
    expectConsistent(xml, { tests: 4, failures: 2, errors: 0, skipped: 0 });
    expect(xml).toContain('<failure message="equity fell" type="LIQ-001">3 of 10 cases violated LIQ-001.\nequity fell\nsecond line\nsaved: .liqcheck/failures/x.json');
    expect(xml).toContain('replay: seed 9, path 3:1');
  });

  it('writes engine crashes, timeouts and protocol errors as one <error>, with the inputs, never as a failure', async () => {
    let n = 0;
    const flaky = async (s: Scenario): Promise<Answer> => (n++ % 4 === 0 ? { ok: false, error: { code: 'crash', message: 'segfault <&>' } } : liquidate(s));
    const real = await checkEngine(flaky, { runs: 12, seed: 5, name: 'flaky', invariants: [], compareWithReference: false });
    expect(real.engineFailures.count).toBeGreaterThan(0);
    const examples = [
      { code: 'crash', message: 'exit 139', scenario: S! },
      { code: 'timeout', message: 'no answer within 50 ms', scenario: S! },
    ];
    const hand = report({ ok: false, engineFailures: { count: 7, examples } });
    const docs = [toJUnit(real), toJUnit(hand)];
    await expectValid(...docs);
    expectConsistent(docs[0]!, { tests: real.tallies.length + 1, failures: 0, errors: 1, skipped: real.tallies.filter((t) => t.checked === 0).length });
    expect(docs[0]).toContain('crash: segfault &lt;&amp;&gt;');
    expectConsistent(docs[1]!, { tests: 4, failures: 0, errors: 1, skipped: 0 });
    expect(docs[1]).toMatch(/<testcase [^>]*name="engine answers every request"[^>]*>\n\s*<error message="7 request\(s\) crashed, timed out or broke the protocol \(crash, timeout\)" type="engine-failure">/);
    expect(docs[1]).toContain(`crash: exit 139\ninput: ${JSON.stringify(S)}`);
    expect(figures(docs[1]!).properties['engine.failures']).toBe('7');
  });

  it('marks an interrupted, a stopped and a never-started run with an error, so it never reads as a pass', async () => {
    const interrupted = report({ ok: false, interrupted: 'SIGTERM', cases: 4, runs: 10 });
    const stopped = report({ ok: false, stoppedEarly: 'after 3 case(s): the adapter stopped trying the engine (3 crashes in a row)', cases: 3, engineFailures: { count: 3, examples: [] } });
    const neverStarted = report({ ok: false, startError: 'handshake: expected protocol 1, received 2', cases: 0, tallies: [tally('WF-000', { checked: 0 })] });
    const docs = [interrupted, stopped, neverStarted].map(toJUnit);
    await expectValid(...docs);
    expectConsistent(docs[0]!, { tests: 5, failures: 0, errors: 1, skipped: 0 });
    expect(figures(docs[0]!).properties['interrupted']).toBe('SIGTERM');
    expect(docs[0]).toMatch(/name="run completed" time="0\.000">\n\s*<error message="interrupted by SIGTERM" type="interrupted">4 case\(s\) judged and 0 unsupported, of 10 generated/);
    expectConsistent(docs[1]!, { tests: 5, failures: 0, errors: 2, skipped: 0 });
    expect(docs[1]).toContain('type="stopped-early"');
    expectConsistent(docs[2]!, { tests: 3, failures: 0, errors: 1, skipped: 1 });
    expect(docs[2]).toContain('<error message="the engine did not start: handshake: expected protocol 1, received 2" type="start-error">');
  });

  it('counts an invariant no case was in the domain of as skipped', async () => {
    const xml = toJUnit(report({ tallies: [tally('WF-000'), tally('LIQ-001', { checked: 0, skipped: 10, ms: 0 })] }));
    await expectValid(xml);
    expectConsistent(xml, { tests: 3, failures: 0, errors: 0, skipped: 1 });
    expect(xml).toContain('<skipped message="no case was in the domain of LIQ-001 (10 outside it)" type="not-in-domain"/>');
  });

  it('writes each invariant the declared policy does not promise enough for as skipped, with the missing promises', async () => {
    const full = report({ engine: { name: 'demo', policy: 'full' }, notJudged: [{ id: 'LIQ-004', missing: ['minimal'] }, { id: 'LIQ-015', missing: ['price-monotone', 'mark-price'] }] });
    const unknown = report({ engine: { name: 'demo', policy: 'house-rules' }, notJudged: [{ id: 'LIQ-003', missing: ['restorative'] }, { id: 'REF-001', missing: ['runnable'] }] });
    const docs = [full, unknown].map(toJUnit);
    await expectValid(...docs);
    expectConsistent(docs[0]!, { tests: 6, failures: 0, errors: 0, skipped: 2 });
    expect(docs[0]).toMatch(/name="LIQ-004 minimal close size" time="0\.000">\n\s*<skipped message="not judged: presumes minimal: policy full does not promise it" type="not-promised"\/>/);
    expect(docs[0]).toContain('<skipped message="not judged: presumes price-monotone, mark-price: policy full does not promise them" type="not-promised"/>');
    expectConsistent(docs[1]!, { tests: 6, failures: 0, errors: 0, skipped: 2 });
    expect(docs[1]).toMatch(/name="REF-001 agrees with the reference model" time="0\.000">\n\s*<skipped message="not judged: the reference cannot run policy &quot;house-rules&quot;; presumes runnable: policy house-rules does not promise it"/);
  });

  it('makes testcase times add up to the wall time when invariant times overlap, fall short, or are junk', async () => {
    const overlap = report({ ms: 100, tallies: [tally('A', { ms: 90 }), tally('B', { ms: 60 }), tally('C', { ms: 0.3 })] });
    const short = report({ ms: 1234.5678, tallies: [tally('A', { ms: 10.7 }), tally('B', { ms: 0.2 })] });
    const junk = report({ ms: Number.NaN, tallies: [tally('A', { ms: -5 }), tally('B', { ms: Number.POSITIVE_INFINITY })] });
    const huge = report({ ms: 1e300, tallies: [tally('A', { ms: 1e300 }), tally('B', { ms: Number.NaN })] });
    const docs = [overlap, short, junk, huge].map(toJUnit);
    await expectValid(...docs);
    for (const [i, xml] of docs.entries()) expectConsistent(xml, { tests: [4, 3, 3, 3][i]!, failures: 0, errors: 0, skipped: 0 });
    expect(figures(docs[0]!).caseMs).toEqual([59, 39, 0, 2]); // scaled by 100/150.3, the rest to the engine
    expect(figures(docs[1]!).caseMs).toEqual([10, 0, 1225]);
    expect(figures(docs[1]!).suite['time']).toBe('1.235');
    expect(figures(docs[2]!).caseMs).toEqual([0, 0, 0]);
    expect(figures(docs[3]!).suite['time']).toBe('9007199254740.991'); // capped, and printed without an exponent
  });

  it('escapes markup and replaces characters XML cannot carry, in names, messages and properties', async () => {
    const hostile = 'a<b & c>d ]]> "q" \'s\' \u0000\u0001\u0008\u000b\u000c\u001f\u007f tab\tcr\r nl\n 🦀 \uD800 lone \uDFFF \uFFFE\uFFFF end';
    const cx = { scenario: S!, message: hostile, seed: 1, path: '0', file: `dir/${hostile}.json` };
    const r = report({
      ok: false,
      engine: { name: hostile, version: hostile, policy: hostile },
      tallies: [tally('WF-000', { title: hostile }), tally(hostile, { title: hostile, violations: 1, counterexample: cx })],
      engineFailures: { count: 1, examples: [{ code: hostile, message: hostile, scenario: S! }] },
      interrupted: 'SIGINT',
    });
    const xml = toJUnit(r);
    await expectValid(xml);
    expectConsistent(xml, { tests: 4, failures: 1, errors: 2, skipped: 0 });
    expect(xml).not.toContain(']]>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(xml).toContain('🦀');
    // In attributes, tab, newline and CR survive as references; the quotes cannot end the value.
    expect(xml).toContain('name="engine" value="a&lt;b &amp; c&gt;d ]]&gt; &quot;q&quot; \'s\' \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\u007f tab&#9;cr&#13; nl&#10; 🦀 \uFFFD lone \uFFFD \uFFFD\uFFFD end"');
  });

  it('writes a valid report whatever the strings in it (property)', async () => {
    const hostile = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(']]>', '<![CDATA[', '&#0;', '\uD83D', '\uFFFF', '--', '"\''));
    const reports = fc.sample(
      fc.record({ name: hostile, title: hostile, message: hostile, code: hostile, sig: fc.constantFrom(undefined, 'SIGINT' as const, 'SIGTERM' as const) }).map(({ name, title, message, code, sig }) =>
        report({
          engine: { name, policy: title },
          tallies: [tally('WF-000', { title }), tally(name, { title, violations: 1, counterexample: { scenario: S!, message, seed: 1, path: '0' } })],
          engineFailures: { count: 1, examples: [{ code, message, scenario: S! }] },
          ...(sig ? { interrupted: sig } : {}),
        })),
      { seed: 11, numRuns: 40 },
    );
    const docs = reports.map(toJUnit);
    await expectValid(...docs);
    for (const [i, xml] of docs.entries()) expectConsistent(xml, { tests: reports[i]!.interrupted ? 4 : 3, failures: 1, errors: reports[i]!.interrupted ? 2 : 1, skipped: 0 });
  });
});
