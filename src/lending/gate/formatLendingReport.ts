/**
 * The table `check --profile <lending profile>` prints: one row per judged lending invariant —
 * cases judged and cases violated — then the label distribution and the verdict: never a pass when
 * the run was stopped (a signal, an engine the adapter gave up on) or judged no scenario.
 * @see docs/profiles/README.md#lending-profiles
 */
import { formatShare } from '../../io/formatFigure.ts';
import type { LendingRunReport } from './runLendingCatalog.ts';

export function formatLendingReport(r: LendingRunReport): string {
  const head = `  ${'id'.padEnd(8)} ${'invariant'.padEnd(52)} ${'checked'.padStart(8)} ${'violated'.padStart(9)}`;
  const rows = r.tallies.map((t) => `${t.violations > 0 ? '✗' : '✓'} ${t.id.padEnd(8)} ${t.title.slice(0, 52).padEnd(52)} ${String(t.checked).padStart(8)} ${String(t.violations).padStart(9)}`);
  const dist = Object.entries(r.labels)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${formatShare(n, r.cases)}`)
    .join(' · ');
  const notJudged = r.notJudged.length > 0 ? `not judged under these rules: ${r.notJudged.map((n) => `${n.id} (presumes ${n.presumes.join(' or ')})`).join(', ')}\n` : '';
  const failed = r.tallies.filter((t) => t.violations > 0).length;
  const held = r.judged === 0
    ? 'No scenario was judged: NOT a pass.'
    : failed === 0
      ? `All ${r.tallies.length} lending invariants held on ${r.cases} scenarios.`
      : `${failed} of ${r.tallies.length} lending invariants violated on ${r.cases} scenarios.`;
  const verdict = r.interrupted
    ? `Interrupted by ${r.interrupted} after ${r.cases} of ${r.replayed + r.runs} scenarios: NOT a pass. ${held.replace('All ', 'So far all ')}`
    : r.stoppedEarly
      ? `Stopped ${r.stoppedEarly}: NOT a pass. ${held}`
      : held;
  const replayed = r.replayed > 0 ? `replayed ${r.replayed} saved failure(s) first\n` : '';
  return `${head}\n${rows.join('\n')}\n\n${dist ? `cases: ${dist}\n` : ''}${notJudged}${replayed}${verdict}\n`;
}
