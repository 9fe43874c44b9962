/**
 * A sweep as one self-contained HTML page: inline CSS and SVG only (no script, font or network
 * request), so it opens anywhere, offline, and renders the same in a headless browser. The first
 * figure is the safe-region heatmap in four flat colours; then the bad-debt incidence and the
 * partial-close reach as shaded maps; then every cell's figures in a table.
 * @see docs/params.md#sweep-outputs
 */
import { Dec } from '../../model/decimal.ts';
import type { CellResult, Verdict } from './cell.ts';
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

export interface HeatCell {
  readonly fill: string;
  readonly title: string;
}

/**
 * An SVG heatmap: x values left to right, y values bottom to top; `cell(i, j)` gives each cell's
 * fill and tooltip. Cells are whole pixels with 1 px white gaps.
 */
export function heatmapSvg(xName: string, xs: readonly string[], yName: string | null, ys: readonly string[], cell: (i: number, j: number) => HeatCell, caption: string, frame?: string): string {
  const cw = Math.max(14, Math.min(48, Math.floor(720 / xs.length)));
  const ch = Math.max(14, Math.min(40, Math.floor(480 / ys.length)));
  const left = 96;
  const top = 28;
  const width = left + cw * xs.length + 16;
  const height = top + ch * ys.length + 64;
  const every = (n: number, size: number) => Math.max(1, Math.ceil(n / Math.floor((n * size) / 48)));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(caption)}">`);
  parts.push(`<text x="${left}" y="16" class="cap">${esc(caption)}</text>`);
  // A frame (3 px, also showing through the 1 px gaps) marks the grid's extent for pixel checks.
  if (frame !== undefined) parts.push(`<rect x="${left - 3}" y="${top - 3}" width="${cw * xs.length + 5}" height="${ch * ys.length + 5}" fill="${frame}"/>`);
  for (let j = 0; j < ys.length; j++) {
    const y = top + ch * (ys.length - 1 - j);
    for (let i = 0; i < xs.length; i++) {
      const c = cell(i, j);
      parts.push(`<rect x="${left + cw * i}" y="${y}" width="${cw - 1}" height="${ch - 1}" fill="${c.fill}"><title>${esc(c.title)}</title></rect>`);
    }
    if (yName !== null && j % every(ys.length, ch) === 0) parts.push(`<text x="${left - 6}" y="${y + ch / 2 + 4}" text-anchor="end" class="tick">${esc(ys[j]!)}</text>`);
  }
  const base = top + ch * ys.length;
  for (let i = 0; i < xs.length; i += every(xs.length, cw)) {
    parts.push(`<text x="${left + cw * i + cw / 2}" y="${base + 14}" text-anchor="middle" class="tick">${esc(xs[i]!)}</text>`);
  }
  parts.push(`<text x="${left + (cw * xs.length) / 2}" y="${base + 36}" text-anchor="middle" class="axis">${esc(xName)} →</text>`);
  if (yName !== null) parts.push(`<text x="14" y="${top + (ch * ys.length) / 2}" transform="rotate(-90 14 ${top + (ch * ys.length) / 2})" text-anchor="middle" class="axis">${esc(yName)} →</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

/** White → `rgb` by `t ∈ [0, 1]`. */
export function shade(t: number, rgb: readonly [number, number, number]): string {
  const u = Math.max(0, Math.min(1, t));
  const c = rgb.map((v) => Math.round(255 + (v - 255) * u).toString(16).padStart(2, '0'));
  return `#${c.join('')}`;
}

export function describeCell(c: CellResult): string {
  const at = c.at.map((a) => `${a.name} = ${a.value}`).join(', ');
  return `${at}\n${c.verdict}${c.reason ? ` (${c.reason})` : ''}\nbad debt: ${c.withBadDebt}/${c.accounts} accounts, p99 ${c.badDebtBp.p99} bp\nliquidations: ${c.liquidations} (partial ${c.partial}, full ${c.full}, bankrupt ${c.bankrupt})\nrestorable above zero equity: ${c.restorable}`;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 6px}h2{font-size:16px;margin:18px 0 4px}
.meta{color:#555;margin:0 0 8px}.legend span{display:inline-block;margin-right:14px}
.legend i{display:inline-block;width:14px;height:14px;vertical-align:-2px;margin-right:4px}
svg .cap{font-size:13px;font-weight:600}svg .tick{font-size:10px;fill:#444}svg .axis{font-size:12px;fill:#222}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}`;

export function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head>\n<body>\n${body}\n</body></html>\n`;
}

export function legend(entries: readonly [string, string][]): string {
  return `<p class="legend">${entries.map(([colour, label]) => `<span><i style="background:${colour}"></i>${esc(label)}</span>`).join('')}</p>`;
}

export function sweepHtml(r: SweepReport): string {
  const xs = r.x.values;
  const ys = r.y?.values ?? ['—'];
  const at = (i: number, j: number) => r.cells[j * xs.length + i] ?? null;
  const missing: HeatCell = { fill: '#ffffff', title: 'not run (interrupted)' };
  const verdictMap = heatmapSvg(r.x.name, xs, r.y?.name ?? null, ys, (i, j) => {
    const c = at(i, j);
    return c === null ? missing : { fill: VERDICT_COLOURS[c.verdict], title: describeCell(c) };
  }, 'Safe region', FRAME_COLOUR);
  const rateMap = heatmapSvg(r.x.name, xs, r.y?.name ?? null, ys, (i, j) => {
    const c = at(i, j);
    return c === null ? missing : { fill: c.verdict === 'invalid' ? VERDICT_COLOURS.invalid : shade(new Dec(c.badDebtRate).toNumber(), [183, 28, 28]), title: describeCell(c) };
  }, 'Bad-debt incidence under the stress (white 0 → dark red 100%)');
  const reachMap = heatmapSvg(r.x.name, xs, r.y?.name ?? null, ys, (i, j) => {
    const c = at(i, j);
    return c === null ? missing : { fill: c.verdict === 'invalid' ? VERDICT_COLOURS.invalid : shade(new Dec(c.restorable).toNumber(), [21, 101, 192]), title: describeCell(c) };
  }, 'Partial-close reach: boundary liquidations above zero equity that end partial (white 0 → blue 100%)');
  const counts = (['safe', 'bad-debt', 'static', 'invalid'] as const).map((v) => `${v} ${r.cells.filter((c) => c?.verdict === v).length}`).join(' · ');
  const rows = r.cells
    .filter((c): c is CellResult => c !== null)
    .map((c) => `<tr>${c.at.map((a) => `<td>${esc(a.value)}</td>`).join('')}<td style="color:${VERDICT_COLOURS[c.verdict]}">${c.verdict}</td><td>${esc(c.reason ?? '')}</td><td>${c.badDebtRate}</td><td>${c.badDebtBp.p95}</td><td>${c.badDebtBp.p99}</td><td>${c.partial}</td><td>${c.full}</td><td>${c.bankrupt}</td><td>${c.restorable}</td></tr>`)
    .join('\n');
  const axes = [r.x.name, ...(r.y ? [r.y.name] : [])];
  const body = `<h1>liqcheck sweep: ${esc(axes.join(' × '))}</h1>
<p class="meta">params ${esc(r.params.file)} (sha256 ${r.params.sha256.slice(0, 12)}…) · ${r.scenarios} stress accounts per cell, seed ${r.seed} · stress: adverse move ${esc(r.shock)} over ${r.steps} step(s) unless swept · safe needs bad-debt incidence ≤ ${esc(r.maxBadDebt)} · ${counts}${r.interrupted ? ' · <b>interrupted: blank cells were not run</b>' : ''}</p>
${legend((['safe', 'bad-debt', 'static', 'invalid'] as const).map((v) => [VERDICT_COLOURS[v], VERDICT_LABELS[v]]))}
${verdictMap}
<h2>Bad debt</h2>
${rateMap}
<h2>Partial-close reach</h2>
${reachMap}
<h2>Cells</h2>
<details><summary>${r.cells.length} cells</summary><table><tr>${axes.map((a) => `<th>${esc(a)}</th>`).join('')}<th>verdict</th><th>reason</th><th>bad-debt rate</th><th>p95 bp</th><th>p99 bp</th><th>partial</th><th>full</th><th>bankrupt</th><th>restorable</th></tr>
${rows}</table></details>`;
  return page(`liqcheck sweep ${axes.join(' × ')}`, body);
}
