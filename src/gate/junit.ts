/**
 * A catalog report as JUnit XML, in the common Jenkins/Ant layout (fixtures/schema/junit.xsd says
 * which subset, and why it is also valid for the Jenkins xunit plugin's junit-10 schema).
 *
 * One testcase per invariant, so CI shows which invariant failed, plus:
 * - "engine answers every request": always present; an `<error>` when the engine crashed, timed
 *   out or broke the protocol, with the inputs that did it. A violation is the engine's wrong
 *   answer (`<failure>`); no answer at all is an error, as JUnit means "the test could not run".
 * - "run completed": present only when the run did not finish (interrupted by a signal, stopped
 *   early because the adapter gave up on the engine, or the engine never started); always an
 *   `<error>`, so CI never reads a partial run as a pass.
 * An invariant no case fell in the domain of is `<skipped/>`: it was never judged. So is one the
 * engine's declared policy does not promise enough for (spec §10.7), with the promises missing.
 *
 * The output is a pure function of the report (no clock, no host name: neither is required, and
 * a merged report must come out the same wherever it is merged).
 */
import type { CatalogReport, InvariantTally } from '../runner/runCatalog.ts';
import { titled, unrunnable, whyNotJudged } from './derivation.ts';

// XML 1.0 allows only these characters (lone surrogates, U+FFFE/U+FFFF and most C0 controls are
// not even expressible as character references). Anything else becomes U+FFFD, so a reader sees
// that something was there; the JSON report keeps the exact text.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: `>` is escaped too, so `]]>` cannot appear. No CDATA: it cannot hold `]]>`. */
function text(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value in double quotes; tab, newline and CR as references, or parsers fold them to spaces. */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** Whole milliseconds as seconds with three decimals, exactly (no float rounding in the sum). */
function seconds(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;
}

/** A duration as read from a report (maybe a hand-edited JSON file): junk is 0, and huge is capped so it prints without an exponent. */
const duration = (x: unknown): number => (typeof x === 'number' && x > 0 ? Math.min(x, Number.MAX_SAFE_INTEGER) : 0);

/**
 * Testcase times that add up to the suite's wall time, in whole milliseconds.
 *
 * An invariant's `ms` is the time spent in its checks, engine round trips of derived runs
 * included. With several cases in flight (`concurrency` > 1), or in a merged report (shards run
 * side by side, the wall time is the longest shard), those times overlap and can add up to more
 * than the wall time: they are then scaled down in proportion, so each reads as its share of the
 * wall time. Whatever the invariants do not account for (generating scenarios, the engine's
 * answer to the case itself, shrinking) is the time of "engine answers every request".
 */
function times(r: CatalogReport): { wall: number; perInvariant: number[]; rest: number } {
  const wall = Math.round(duration(r.ms));
  const raw = r.tallies.map((t) => duration(t.ms));
  const sum = raw.reduce((a, b) => a + b, 0);
  const scale = sum > wall ? wall / sum : 1;
  // Whole milliseconds, never more than what is left, whatever floating point does to the product.
  let left = wall;
  const perInvariant = raw.map((ms) => {
    const share = Math.min(Math.floor(ms * scale), left);
    left -= share;
    return share;
  });
  return { wall, perInvariant, rest: left };
}

/** Cases a shard generates: those whose index `k < runs` has `k % count === index`. */
function planned(r: CatalogReport): number {
  const { index, count } = r.shard;
  return r.runs > index ? Math.floor((r.runs - 1 - index) / count) + 1 : 0;
}

interface Outcome {
  readonly kind: 'failure' | 'error' | 'skipped';
  readonly type: string;
  readonly message: string;
  readonly body: string;
}

interface Case {
  readonly name: string;
  readonly ms: number;
  readonly outcome?: Outcome;
}

function invariantCase(t: InvariantTally, ms: number): Case {
  const name = `${t.id} ${t.title}`;
  if (t.violations > 0) {
    const cx = t.counterexample;
    const body = [
      `${t.violations} of ${t.checked} cases violated ${t.id}.`,
      cx?.message ?? '',
      cx?.file ? `saved: ${cx.file}` : '',
      cx ? `replay: seed ${cx.seed}, path ${cx.path === '' ? '(a replayed failure)' : cx.path}` : '',
      cx ? `scenario: ${JSON.stringify(cx.scenario)}` : '',
    ].filter(Boolean).join('\n');
    const message = cx?.message.split('\n')[0] ?? `${t.violations} violation(s)`;
    return { name, ms, outcome: { kind: 'failure', type: t.id, message, body } };
  }
  if (t.checked === 0) {
    const message = `no case was in the domain of ${t.id} (${t.skipped} outside it)`;
    return { name, ms, outcome: { kind: 'skipped', type: 'not-in-domain', message, body: '' } };
  }
  return { name, ms };
}

/** An invariant the declared policy does not promise enough for: skipped, and why (spec §10.7). */
function notJudgedCase(r: CatalogReport, n: NonNullable<CatalogReport['notJudged']>[number]): Case {
  const cannot = unrunnable(r) ? `the reference cannot run policy ${JSON.stringify(r.engine.policy)}; ` : '';
  const message = `not judged: ${cannot}${whyNotJudged(n, r.engine.policy)}`;
  return { name: titled(n.id), ms: 0, outcome: { kind: 'skipped', type: 'not-promised', message, body: '' } };
}

function engineCase(r: CatalogReport, ms: number): Case {
  const name = 'engine answers every request';
  const count = r.engineFailures?.count ?? 0;
  const examples = r.engineFailures?.examples ?? [];
  if (count === 0) return { name, ms };
  const codes = [...new Set(examples.map((x) => x.code))].join(', ');
  const message = `${count} request(s) crashed, timed out or broke the protocol${codes ? ` (${codes})` : ''}`;
  const body = examples.length === 0
    ? `${message}; the report kept none of the inputs`
    : [`${message}; the first ${examples.length}, with the input that caused each:`, ...examples.map((x) => `${x.code}: ${x.message}\ninput: ${JSON.stringify(x.scenario)}`)].join('\n\n');
  return { name, ms, outcome: { kind: 'error', type: 'engine-failure', message, body } };
}

function completionCase(r: CatalogReport): Case | undefined {
  const name = 'run completed';
  const ran = `${r.cases} case(s) judged and ${r.unsupported} unsupported, of ${planned(r)} generated for this shard and ${r.replayed} replayed`;
  const why: Outcome | undefined =
    r.startError !== undefined ? { kind: 'error', type: 'start-error', message: `the engine did not start: ${r.startError}`, body: 'nothing ran' }
    : r.interrupted !== undefined ? { kind: 'error', type: 'interrupted', message: `interrupted by ${r.interrupted}`, body: `${ran}; the figures cover only what ran` }
    : r.stoppedEarly !== undefined ? { kind: 'error', type: 'stopped-early', message: `stopped early ${r.stoppedEarly}`, body: `${ran}; the figures cover only what ran` }
    : undefined;
  return why && { name, ms: 0, outcome: why };
}

function testcase(c: Case, classname: string): string {
  const head = `    <testcase classname="${attr(classname)}" name="${attr(c.name)}" time="${seconds(c.ms)}"`;
  const o = c.outcome;
  if (o === undefined) return `${head}/>`;
  const open = `<${o.kind} message="${attr(o.message)}" type="${attr(o.type)}"`;
  const element = o.body === '' ? `${open}/>` : `${open}>${text(o.body)}</${o.kind}>`;
  return `${head}>\n      ${element}\n    </testcase>`;
}

/** A report as JUnit XML (see the module comment for the layout and the time rule). */
export function toJUnit(r: CatalogReport): string {
  const t = times(r);
  const extra = completionCase(r);
  const cases: Case[] = [
    ...r.tallies.map((tally, i) => invariantCase(tally, t.perInvariant[i]!)),
    ...(r.notJudged ?? []).map((n) => notJudgedCase(r, n)),
    engineCase(r, t.rest),
    ...(extra ? [extra] : []),
  ];
  const count = (kind: Outcome['kind']) => cases.filter((c) => c.outcome?.kind === kind).length;
  const tests = cases.length;
  const failures = count('failure');
  const errors = count('error');
  const skipped = count('skipped');
  const shard = `${r.shard.index + 1}/${r.shard.count}`;
  const properties: [string, string][] = [
    ['engine', r.engine.name],
    ...(r.engine.version !== undefined ? [['engine.version', r.engine.version] as [string, string]] : []),
    ['policy', r.engine.policy],
    ['seed', String(r.seed)],
    ['runs', String(r.runs)],
    ['shard', shard],
    ['cases', String(r.cases)],
    ['unsupported', String(r.unsupported)],
    ['replayed', String(r.replayed)],
    ['engine.failures', String(r.engineFailures?.count ?? 0)],
    ...(r.interrupted !== undefined ? [['interrupted', r.interrupted] as [string, string]] : []),
    ...(r.stoppedEarly !== undefined ? [['stopped-early', r.stoppedEarly] as [string, string]] : []),
    ...(r.startError !== undefined ? [['start-error', r.startError] as [string, string]] : []),
  ];
  const classname = `liqcheck.${r.engine.name}`;
  const totals = `tests="${tests}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="liqcheck" ${totals} time="${seconds(t.wall)}">`,
    `  <testsuite name="${attr(`liqcheck check ${r.engine.name} seed ${r.seed} shard ${shard}`)}" ${totals} skipped="${skipped}" time="${seconds(t.wall)}">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    '    </properties>',
    ...cases.map((c) => testcase(c, classname)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
