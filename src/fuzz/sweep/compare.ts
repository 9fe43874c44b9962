/**
 * What a proposal changes: two sweeps over the same grid (current parameters vs proposed), cell by
 * cell — which cells leave or enter the safe region, and how bad-debt incidence moves.
 * @see docs/params.md#comparing-a-proposal
 */
import { Dec, toCanonical } from '../../model/decimal.ts';
import { formatPercent } from '../../io/formatFigure.ts';
import type { CellChange, SweepComparison } from '../../wire/sweepReport.ts';
import { describeCell, esc, heatmapChart, page } from './html.ts';
import type { SweepReport } from './runSweep.ts';

// The compare.json shape and its cells (src/wire/sweepReport.ts).
export type { CellChange, SweepComparison };

/** @throws Error when the two sweeps are not over the same grid. */
export function compareSweeps(a: SweepReport, b: SweepReport, names: { a: string; b: string }): SweepComparison {
  const grid = (r: SweepReport) => JSON.stringify([r.x, r.y]);
  if (grid(a) !== grid(b)) throw new Error(`the sweeps are not over the same grid: ${grid(a)} vs ${grid(b)}`);
  const becameSafe: CellChange[] = [];
  const becameUnsafe: CellChange[] = [];
  const otherChanges: CellChange[] = [];
  a.cells.forEach((ca, k) => {
    const cb = b.cells[k];
    if (!ca || !cb) return;
    const change = { at: ca.at, from: ca.verdict, to: cb.verdict, badDebtRateDelta: toCanonical(new Dec(cb.badDebtRate).sub(ca.badDebtRate)) };
    if (ca.verdict === cb.verdict) return;
    if (cb.verdict === 'safe') becameSafe.push(change);
    else if (ca.verdict === 'safe') becameUnsafe.push(change);
    else otherChanges.push(change);
  });
  const safe = (r: SweepReport) => r.cells.filter((c) => c?.verdict === 'safe').length;
  return { a: names.a, b: names.b, cells: a.cells.length, becameSafe, becameUnsafe, otherChanges, safeBefore: safe(a), safeAfter: safe(b) };
}

const at = (c: CellChange) => c.at.map((x) => `${x.name}=${x.value}`).join(' ');
/** A change of a share in percentage points, signed: 0.123456 → `+12.3 pp` (the JSON keeps it exact). */
const points = (delta: string) => `${delta.startsWith('-') ? '' : '+'}${formatPercent(delta).replace(/%$/, ' pp')}`;

export function formatComparison(c: SweepComparison): string {
  const lines = [`liqcheck sweep --compare ${c.a} ${c.b}: ${c.cells} cells; safe ${c.safeBefore} → ${c.safeAfter}`];
  const list = (title: string, xs: readonly CellChange[]) => {
    if (xs.length === 0) return;
    lines.push(`\n${title} (${xs.length}):`);
    for (const x of xs.slice(0, 50)) lines.push(`  ${at(x)}: ${x.from} → ${x.to} (bad-debt incidence ${points(x.badDebtRateDelta)})`);
    if (xs.length > 50) lines.push(`  … and ${xs.length - 50} more`);
  };
  list('Leave the safe region', c.becameUnsafe);
  list('Enter the safe region', c.becameSafe);
  list('Other verdict changes', c.otherChanges);
  if (c.becameSafe.length + c.becameUnsafe.length + c.otherChanges.length === 0) lines.push('No cell changes its verdict.');
  return `${lines.join('\n')}\n`;
}

const CHANGE_COLOURS = { unsafe: '#c62828', safe: '#2e7d32', other: '#ef6c00', sameSafe: '#c8e6c9', sameUnsafe: '#e0e0e0' } as const;

/** The comparison as a page; async because the map is rendered by vega (see html.ts). */
export async function comparisonHtml(c: SweepComparison, a: SweepReport, b: SweepReport): Promise<string> {
  const xs = a.x.values;
  const cell = (i: number, j: number) => {
    const k = j * xs.length + i;
    const ca = a.cells[k];
    const cb = b.cells[k];
    if (!ca || !cb) return { fill: '#ffffff', title: 'not run' };
    const fill = ca.verdict === cb.verdict ? (ca.verdict === 'safe' ? CHANGE_COLOURS.sameSafe : CHANGE_COLOURS.sameUnsafe) : cb.verdict === 'safe' ? CHANGE_COLOURS.safe : ca.verdict === 'safe' ? CHANGE_COLOURS.unsafe : CHANGE_COLOURS.other;
    return { fill, title: `current:\n${describeCell(ca)}\n\nproposed:\n${describeCell(cb)}` };
  };
  const svg = await heatmapChart({
    caption: `What the proposal changes: ${c.a} → ${c.b}`,
    x: a.x,
    y: a.y,
    cell,
    symbolsTitle: 'verdict change',
    symbols: [[CHANGE_COLOURS.unsafe, 'leaves the safe region'], [CHANGE_COLOURS.safe, 'enters the safe region'], [CHANGE_COLOURS.other, 'other verdict change'], [CHANGE_COLOURS.sameSafe, 'safe in both'], [CHANGE_COLOURS.sameUnsafe, 'unsafe in both'], ...(a.cells.some((x) => x === null) || b.cells.some((x) => x === null) ? [['#ffffff', 'not run'] as const] : [])],
  });
  const body = `<h1>liqcheck sweep comparison</h1>
<p class="meta">current ${esc(c.a)} → proposed ${esc(c.b)} · safe cells ${c.safeBefore} → ${c.safeAfter}</p>
<figure>${svg}</figure>
<pre>${esc(formatComparison(c))}</pre>`;
  return page('liqcheck sweep comparison', body);
}
