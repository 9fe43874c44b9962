/**
 * A sweep as one self-contained HTML page: inline CSS and SVG only (no script, font or network
 * request), so it opens anywhere, offline, and renders the same in a headless browser. The maps
 * are Vega charts rendered to SVG when the report is written (src/fuzz/sweep/heatmapSpec.ts):
 * first the safe-region heatmap in four flat colours; then the bad-debt incidence and the
 * partial-close reach as shaded maps; then every cell's figures in a table.
 * @see docs/params.md#outputs
 */
import { formatCount, formatFixed, formatPercent } from '../../io/formatFigure.ts';
import { Dec } from '../../model/decimal.ts';
import type { CellResult, Verdict } from './cell.ts';
import { heatmapSpec, type HeatmapInput } from './heatmapSpec.ts';
import { renderSvg } from './renderSvg.ts';
import type { SweepReport } from './runSweep.ts';

/** The frame of the safe-region map, a colour used nowhere else on the page. */
export const FRAME_COLOUR = '#263238';

/** Verdict colours of the heatmap (flat, so a screenshot can be checked pixel by pixel). */
export const VERDICT_COLOURS: Readonly<Record<Verdict, string>> = { safe: '#2e7d32', 'bad-debt': '#c62828', static: '#ef6c00', invalid: '#9e9e9e' };

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  safe: 'safe: valid, PAR-001…004 hold, bad-debt incidence within the limit',
  'bad-debt': 'bad debt above the limit under the stress',
  static: 'breaks a parameter invariant (PAR-00x)',
  invalid: 'not a valid parameter set',
};

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const BAD_DEBT_RGB = [183, 28, 28] as const;
const REACH_RGB = [21, 101, 192] as const;
const hex = (rgb: readonly [number, number, number]) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** White → `rgb` by `t ∈ [0, 1]`, linear in RGB (the legend's ramp interpolates the same way). */
export function shade(t: number, rgb: readonly [number, number, number]): string {
  const u = Math.max(0, Math.min(1, t));
  const c = rgb.map((v) => Math.round(255 + (v - 255) * u).toString(16).padStart(2, '0'));
  return `#${c.join('')}`;
}

/** A cell's figures, one per line (its tooltip); axis values exact, shares as percentages. */
export function describeCell(c: CellResult): string {
  const at = c.at.map((a) => `${a.name} = ${a.value}`).join(', ');
  return `${at}\n${c.verdict}${c.reason ? ` (${c.reason})` : ''}\nbad debt: ${formatCount(c.withBadDebt)}/${formatCount(c.accounts)} shocked accounts (${formatPercent(c.badDebtRate)}), p95 ${formatFixed(c.badDebtBp.p95, 2)} bp, p99 ${formatFixed(c.badDebtBp.p99, 2)} bp of notional\nliquidations: ${formatCount(c.liquidations)} (partial ${formatCount(c.partial)}, full ${formatCount(c.full)}, bankrupt ${formatCount(c.bankrupt)})\nended partial above zero equity: ${formatPercent(c.restorable)}`;
}

/** One heatmap as inline SVG: the Vega spec rendered now, each cell's figures as its tooltip. */
export async function heatmapChart(h: HeatmapInput): Promise<string> {
  return renderSvg(heatmapSpec(h), ['heatcells']);
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 6px}h2{font-size:16px;margin:18px 0 4px}
.meta{color:#555;margin:0 0 8px}
figure{margin:8px 0 16px}figure svg{display:block;max-width:none}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}`;

export function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head>\n<body>\n${body}\n</body></html>\n`;
}

const NOT_RUN: readonly [string, string] = ['#ffffff', 'not run (interrupted)'];
const NOT_VALID: readonly [string, string] = [VERDICT_COLOURS.invalid, 'not a valid parameter set'];

/** The sweep report as a page; async because the charts are rendered by vega, loaded on first use. */
export async function sweepHtml(r: SweepReport): Promise<string> {
  const xs = r.x.values;
  const at = (i: number, j: number) => r.cells[j * xs.length + i] ?? null;
  const missing = { fill: NOT_RUN[0], title: NOT_RUN[1] };
  const anyMissing = r.cells.some((c) => c === null);
  const anyInvalid = r.cells.some((c) => c?.verdict === 'invalid');
  const extras = [...(anyInvalid ? [NOT_VALID] : []), ...(anyMissing ? [NOT_RUN] : [])];
  const base = { x: r.x, y: r.y };
  const shaded = (value: (c: CellResult) => string, rgb: readonly [number, number, number]) => (i: number, j: number) => {
    const c = at(i, j);
    return c === null ? missing : { fill: c.verdict === 'invalid' ? VERDICT_COLOURS.invalid : shade(new Dec(value(c)).toNumber(), rgb), title: describeCell(c) };
  };
  const verdictMap = await heatmapChart({
    ...base,
    caption: 'Safe region',
    cell: (i, j) => {
      const c = at(i, j);
      return c === null ? missing : { fill: VERDICT_COLOURS[c.verdict], title: describeCell(c) };
    },
    symbols: [...(['safe', 'bad-debt', 'static', 'invalid'] as const).map((v) => [VERDICT_COLOURS[v], VERDICT_LABELS[v]] as const), ...(anyMissing ? [NOT_RUN] : [])],
    frame: FRAME_COLOUR,
  });
  const rateMap = await heatmapChart({
    ...base,
    caption: 'Bad-debt incidence under the stress',
    cell: shaded((c) => c.badDebtRate, BAD_DEBT_RGB),
    gradient: { title: 'shocked accounts left with bad debt', to: hex(BAD_DEBT_RGB) },
    symbols: extras,
  });
  const reachMap = await heatmapChart({
    ...base,
    caption: 'Partial-close reach: boundary liquidations above zero equity that end partial',
    cell: shaded((c) => c.restorable, REACH_RGB),
    gradient: { title: 'liquidations that end partial', to: hex(REACH_RGB) },
    symbols: extras,
  });
  const counts = (['safe', 'bad-debt', 'static', 'invalid'] as const).map((v) => `${v} ${formatCount(r.cells.filter((c) => c?.verdict === v).length)}`).join(' · ');
  const rows = r.cells
    .filter((c): c is CellResult => c !== null)
    .map((c) => `<tr>${c.at.map((a) => `<td>${esc(a.value)}</td>`).join('')}<td style="color:${VERDICT_COLOURS[c.verdict]}">${c.verdict}</td><td>${esc(c.reason ?? '')}</td><td>${formatPercent(c.badDebtRate)}</td><td>${formatFixed(c.badDebtBp.p95, 2)}</td><td>${formatFixed(c.badDebtBp.p99, 2)}</td><td>${formatCount(c.partial)}</td><td>${formatCount(c.full)}</td><td>${formatCount(c.bankrupt)}</td><td>${formatPercent(c.restorable)}</td></tr>`)
    .join('\n');
  const axes = [r.x.name, ...(r.y ? [r.y.name] : [])];
  const body = `<h1>liqcheck sweep: ${esc(axes.join(' × '))}</h1>
<p class="meta">params ${esc(r.params.file)} (sha256 ${r.params.sha256.slice(0, 12)}…) · ${formatCount(r.scenarios)} stress accounts per cell, seed ${r.seed} · stress: adverse move ${esc(r.shock)} (${formatPercent(r.shock)}) over ${r.steps} step(s) unless swept · safe needs bad-debt incidence ≤ ${esc(r.maxBadDebt)} (${formatPercent(r.maxBadDebt)}) · ${counts}${r.interrupted ? ' · <b>interrupted: blank cells were not run</b>' : ''}</p>
<p class="meta">Hover a cell for its figures; the table below lists every cell at its exact grid values (figures rounded for reading; sweep.json and sweep.csv keep them exact).</p>
<figure>${verdictMap}</figure>
<h2>Bad debt</h2>
<figure>${rateMap}</figure>
<h2>Partial-close reach</h2>
<figure>${reachMap}</figure>
<h2>Cells</h2>
<details><summary>${formatCount(r.cells.length)} cells</summary><table><tr>${axes.map((a) => `<th>${esc(a)}</th>`).join('')}<th>verdict</th><th>reason</th><th>bad-debt rate</th><th>p95 bp</th><th>p99 bp</th><th>partial</th><th>full</th><th>bankrupt</th><th>ended partial</th></tr>
${rows}</table></details>`;
  return page(`liqcheck sweep ${axes.join(' × ')}`, body);
}
