/**
 * A cascade sweep for the terminal: the stress map (y top to bottom descending) and the
 * threshold of every row. Display only: cascade-sweep.json keeps the exact figures.
 * @see docs/simulation.md#s11-stress-search
 */
import { formatDistinct, formatPercent } from '../../io/formatFigure.ts';
import type { CascadeSweepReport } from '../../wire/cascadeSweepReport.ts';

export function formatCascadeSweep(r: CascadeSweepReport): string {
  const xs = r.x.values;
  const ys = r.y ? formatDistinct(r.y.values) : [''];
  const width = Math.max(...ys.map((v) => v.length), r.y?.name.length ?? 0);
  const lines = [`${(r.y?.name ?? '').padStart(width)}   stress map (S stressed, . not stressed, x refused, blank not run)`];
  for (let j = ys.length - 1; j >= 0; j--) {
    const row = xs.map((_, i) => {
      const c = r.cells[j * xs.length + i];
      return c === null || c === undefined ? ' ' : c.refused !== undefined ? 'x' : c.stressed ? 'S' : '.';
    });
    lines.push(`${ys[j]!.padStart(width)} | ${row.join(' ')}`);
  }
  lines.push(`${''.padStart(width)}   ${r.x.name}: ${xs[0]} … ${xs[xs.length - 1]} (${xs.length} points)`);
  const ran = r.cells.filter((c) => c !== null);
  const worst = ran.reduce((m, c) => (Number(c.badDebtShare) > Number(m) ? c.badDebtShare : m), '0');
  lines.push(`\n${ran.filter((c) => c.stressed).length} of ${ran.length} runs stressed; largest bad debt ${formatPercent(worst, 3)} of opening open interest, deepest cascade ${Math.max(0, ...ran.map((c) => c.cascadeDepth))} round(s)`);
  const judged = ran.filter((c) => c.violations !== null);
  if (judged.length > 0) lines.push(`judge: ${judged.reduce((a, c) => a + c.violations!, 0)} system-invariant violation(s) in ${judged.length} judged run(s)`);
  for (const t of r.thresholds) {
    if (t === null) continue;
    const where = t.at.map((a) => `${a.name} ${a.value}`).join(', ') || 'threshold';
    const what =
      t.status === 'found'
        ? `stressed from shock ${t.threshold} (not at ${t.lastUnstressed})`
        : t.status === 'below-range'
          ? `already stressed at the mildest shock ${t.threshold}`
          : `not stressed even at ${t.lastUnstressed}`;
    lines.push(`${where}: ${what}, ${t.evaluations.length} run${t.evaluations.length === 1 ? '' : 's'}${t.monotone ? '' : `; NOT MONOTONE: ${t.contradictions.map((p) => `stressed at ${p.stressedAt} but not at ${p.notStressedAt}`).join('; ')}`}`);
  }
  return `${lines.join('\n')}\n`;
}
