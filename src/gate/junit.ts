import type { CatalogReport } from '../runner/runCatalog.ts';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** A report as JUnit XML: one test case per invariant, so CI shows which invariant failed. */
export function toJUnit(r: CatalogReport): string {
  const broke = r.engineFailures?.count ?? 0;
  const failures = r.tallies.filter((t) => t.violations > 0).length + (broke > 0 ? 1 : 0);
  const cases = r.tallies.map((t) => {
    const head = `    <testcase classname="liqcheck.${esc(r.engine.name)}" name="${esc(`${t.id} ${t.title}`)}" time="${(t.ms / 1000).toFixed(3)}"`;
    if (t.violations === 0) return `${head}/>`;
    const cx = t.counterexample;
    const body = [
      `${t.violations} of ${t.checked} cases violated ${t.id}.`,
      cx ? cx.message : '',
      cx?.file ? `saved: ${cx.file}` : '',
      cx ? `scenario: ${JSON.stringify(cx.scenario)}` : '',
    ].filter(Boolean).join('\n');
    return `${head}>\n      <failure message="${esc(cx?.message.split('\n')[0] ?? `${t.violations} violation(s)`)}" type="${esc(t.id)}">${esc(body)}</failure>\n    </testcase>`;
  });
  if (broke > 0) {
    const f = r.engineFailures.examples[0];
    const body = r.engineFailures.examples.map((x) => `${x.code}: ${x.message}\ninput: ${JSON.stringify(x.scenario)}`).join('\n\n');
    cases.push(`    <testcase classname="liqcheck.${esc(r.engine.name)}" name="engine answers every request"><failure message="${esc(`${broke} request(s) crashed, timed out or broke the protocol${f ? `: ${f.code}` : ''}`)}" type="engine">${esc(body)}</failure></testcase>`);
  }
  const tests = cases.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="liqcheck" tests="${tests}" failures="${failures}" time="${(r.ms / 1000).toFixed(3)}">`,
    `  <testsuite name="liqcheck check ${esc(r.engine.name)} seed ${r.seed} shard ${r.shard.index + 1}/${r.shard.count}" tests="${tests}" failures="${failures}" time="${(r.ms / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
