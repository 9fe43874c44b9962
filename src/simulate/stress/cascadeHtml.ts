/**
 * A cascade sweep as one self-contained page (inline SVG, no script, no network): the stress map
 * (flat colours), the bad-debt share and the cascade depth as shaded maps, the threshold curve,
 * and every cell and threshold row in tables. Charts are Vega specs rendered to SVG when the
 * report is written, as the parameter sweep's are (src/fuzz/sweep/html.ts).
 * @see docs/simulation.md#s11-stress-search
 */
import { esc, heatmapChart, page, shade } from '../../fuzz/sweep/html.ts';
import { renderSvg } from '../../fuzz/sweep/renderSvg.ts';
import { formatCount, formatDuration, formatPercent } from '../../io/formatFigure.ts';
import { Dec } from '../../model/decimal.ts';
import type { CascadeCell, CascadeSweepReport } from '../../wire/cascadeSweepReport.ts';
import type { Axis } from '../../wire/sweepReport.ts';
import { cascadeAxisNamed } from './cascadeAxes.ts';
import { thresholdCurveSpec } from './thresholdCurveSpec.ts';

export const STRESS_COLOURS = { stressed: '#c62828', calm: '#2e7d32', refused: '#9e9e9e' } as const;
const BAD_DEBT_RGB = [183, 28, 28] as const;
const DEPTH_RGB = [106, 27, 154] as const;
const hex = (rgb: readonly [number, number, number]) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const NOT_RUN = { fill: '#ffffff', title: 'not run' };

export function describeCascadeCell(c: CascadeCell): string {
  const at = c.at.map((a) => `${a.name} = ${a.value}`).join(', ');
  if (c.refused !== undefined) return `${at}\nrefused: ${c.refused}`;
  return `${at}\n${c.stressed ? 'stressed' : 'not stressed'}\nbad debt ${c.badDebt} (${formatPercent(c.badDebtShare, 3)} of opening open interest ${c.openingNotional})\ncascade depth ${c.cascadeDepth} round(s), ${formatCount(c.liquidations)} liquidations, ADL volume ${c.adlVolume} in ${formatCount(c.adlEvents)} event(s)${c.violations === null ? '' : `\njudge: ${formatCount(c.violations)} violation(s)`}`;
}

export async function cascadeHtml(r: CascadeSweepReport): Promise<string> {
  const nx = r.x.values.length;
  const at = (i: number, j: number) => r.cells[j * nx + i] ?? null;
  const ran = r.cells.filter((c): c is CascadeCell => c !== null && c.refused === undefined);
  const maxShare = ran.reduce((m, c) => Dec.max(m, new Dec(c.badDebtShare)), new Dec(0));
  const maxDepth = ran.reduce((m, c) => Math.max(m, c.cascadeDepth), 0);
  // Axis titles with their units (the heatmap appends none for a knob it does not know).
  const titled = (a: Axis) => ({ name: `${a.name} (${cascadeAxisNamed(a.name)?.unit ?? ''})`.replace(' ()', ''), values: a.values });
  const base = { x: titled(r.x), y: r.y === null ? null : titled(r.y) };
  const refused = ran.length < r.cells.filter((c) => c !== null).length ? [[STRESS_COLOURS.refused, 'configuration refused'] as const] : [];
  const shaded = (t: (c: CascadeCell) => number, rgb: readonly [number, number, number]) => (i: number, j: number) => {
    const c = at(i, j);
    if (c === null) return NOT_RUN;
    return { fill: c.refused !== undefined ? STRESS_COLOURS.refused : shade(t(c), rgb), title: describeCascadeCell(c) };
  };
  const stressMap = await heatmapChart({
    ...base,
    caption: 'Stress: bad debt above the limit or a cascade of the stated depth',
    cell: (i, j) => {
      const c = at(i, j);
      if (c === null) return NOT_RUN;
      return { fill: c.refused !== undefined ? STRESS_COLOURS.refused : c.stressed ? STRESS_COLOURS.stressed : STRESS_COLOURS.calm, title: describeCascadeCell(c) };
    },
    symbols: [[STRESS_COLOURS.stressed, 'stressed'], [STRESS_COLOURS.calm, 'not stressed'], ...refused],
    symbolsTitle: 'run',
  });
  const shareMap = await heatmapChart({
    ...base,
    caption: `Bad debt, share of opening open interest (largest ${formatPercent(maxShare, 3)})`,
    cell: shaded((c) => (maxShare.isZero() ? 0 : new Dec(c.badDebtShare).div(maxShare).toNumber()), BAD_DEBT_RGB),
    gradient: { title: 'bad debt, share of the largest in the grid', to: hex(BAD_DEBT_RGB) },
    symbols: refused,
  });
  const depthMap = await heatmapChart({
    ...base,
    caption: `Cascade depth: rounds with liquidations in one step (largest ${maxDepth})`,
    cell: shaded((c) => (maxDepth === 0 ? 0 : c.cascadeDepth / maxDepth), DEPTH_RGB),
    gradient: { title: 'cascade depth, share of the largest in the grid', to: hex(DEPTH_RGB) },
    symbols: refused,
  });
  const found = r.thresholds.filter((t) => t !== null && t.status === 'found' && t.at.length > 0);
  const other = found[0]?.at[0]?.name;
  const curve =
    other === undefined
      ? ''
      : `<h2>Threshold curve</h2>\n<figure>${await renderSvg(
          thresholdCurveSpec(
            'Systemic stress threshold: the mildest |shock| that stresses the market',
            other,
            found.map((t) => ({ at: t!.at[0]!.value, threshold: new Dec(t!.threshold!).abs().toString(), below: new Dec(t!.lastUnstressed!).abs().toString() })),
          ),
        )}</figure>`;
  const thresholdRows = r.thresholds
    .map((t) => (t === null ? '' : `<tr>${t.at.map((a) => `<td>${esc(a.value)}</td>`).join('')}<td>${t.status}</td><td>${esc(t.threshold ?? '')}</td><td>${esc(t.lastUnstressed ?? '')}</td><td>${t.evaluations.length}</td><td>${t.monotone ? 'yes' : `<b>no</b>: ${esc(t.contradictions.map((p) => `stressed at ${p.stressedAt}, not at ${p.notStressedAt}`).join('; '))}`}</td></tr>`))
    .join('\n');
  const cellRows = r.cells
    .filter((c): c is CascadeCell => c !== null)
    .map((c) => `<tr>${c.at.map((a) => `<td>${esc(a.value)}</td>`).join('')}<td>${c.refused !== undefined ? 'refused' : c.stressed ? 'yes' : 'no'}</td><td>${esc(c.badDebtShare)}</td><td>${esc(c.badDebt)}</td><td>${c.cascadeDepth}</td><td>${formatCount(c.liquidations)}</td><td>${esc(c.adlVolume)}</td><td>${c.violations ?? ''}</td></tr>`)
    .join('\n');
  const axes = [r.x.name, ...(r.y ? [r.y.name] : [])];
  const criterion = `bad-debt share > ${esc(r.criterion.maxBadDebt)}${r.criterion.cascadeRounds === null ? '' : ` or cascade depth ≥ ${r.criterion.cascadeRounds}`}`;
  const body = `<h1>liqcheck sweep --cascade: ${esc(axes.join(' × '))}</h1>
<p class="meta">${esc(r.source.profile ?? r.source.params ?? 'built-in params')} · ${formatCount(r.cells.length)} simulations · stressed when ${criterion}${r.resolution === null ? '' : ` · threshold resolution ${esc(r.resolution)}`} · ${formatDuration(r.ms)}${r.interrupted ? ' · <b>interrupted: blank cells were not run</b>' : ''}</p>
<figure>${stressMap}</figure>
<h2>Bad debt</h2>
<figure>${shareMap}</figure>
<h2>Cascade depth</h2>
<figure>${depthMap}</figure>
${curve}
${r.thresholds.length === 0 ? '' : `<h2>Thresholds</h2>\n<table><tr>${other === undefined && r.y === null ? '' : `<th>${esc(other ?? (r.x.name === 'shock' ? r.y!.name : r.x.name))}</th>`}<th>status</th><th>threshold</th><th>last not stressed</th><th>runs</th><th>monotone</th></tr>\n${thresholdRows}</table>`}
<h2>Cells</h2>
<details><summary>${formatCount(r.cells.length)} cells</summary><table><tr>${axes.map((a) => `<th>${esc(a)}</th>`).join('')}<th>stressed</th><th>bad-debt share</th><th>bad debt</th><th>cascade depth</th><th>liquidations</th><th>ADL volume</th><th>violations</th></tr>
${cellRows}</table></details>`;
  return page(`liqcheck sweep --cascade ${axes.join(' × ')}`, body);
}
