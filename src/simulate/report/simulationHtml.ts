/**
 * A simulation as one self-contained HTML page (docs/simulation.md S12): inline CSS and SVG only
 * (no script, font or network request), so it opens anywhere, offline. Line charts of the series
 * (Vega, rendered to SVG when the report is written), the final-state summary, the largest ADL
 * events with their rankings, and the resolved configuration that reproduces the run.
 * @see docs/simulation.md#s12-outputs
 */
import { esc, page } from '../../fuzz/sweep/html.ts';
import { renderSvg } from '../../fuzz/sweep/renderSvg.ts';
import { formatCount, formatPercent } from '../../io/formatFigure.ts';
import { Dec } from '../../model/decimal.ts';
import type { AdlEventWire, SeriesRow, SimulationReport, SimulationSummary } from '../../wire/simulation.ts';
import { formatMove } from './formatMove.ts';
import { lineChartSpec, type LineChartInput } from './lineChartSpec.ts';

/** How many ADL events the page details (the largest by amount owed); simulation.json has them all. */
export const TOP_ADL_EVENTS = 10;

const COLOURS = { a: '#1565c0', b: '#c62828', c: '#ef6c00', d: '#2e7d32', e: '#6a1b9a' } as const;

/** The charts of the page, in order: each a set of series columns over the steps. */
function charts(series: readonly SeriesRow[]): readonly LineChartInput[] {
  const steps = series.map((r) => r.step);
  const col = (f: keyof SeriesRow) => series.map((r) => String(r[f]));
  return [
    { caption: 'Mark vs exogenous price', yTitle: 'price (quote)', steps, series: [{ name: 'mark', colour: COLOURS.a, values: col('mark') }, { name: 'exogenous', colour: COLOURS.c, values: col('exogenous') }] },
    { caption: 'Liquidations per step', yTitle: 'liquidations', steps, interpolate: 'step', integer: true, series: [{ name: 'liquidations', colour: COLOURS.b, values: col('liquidations') }, { name: 'flagged, not liquidated', colour: COLOURS.c, values: col('flagged') }] },
    { caption: 'Liquidated notional per step', yTitle: 'notional (quote)', steps, interpolate: 'step', series: [{ name: 'liquidated notional', colour: COLOURS.b, values: col('liquidatedNotional') }] },
    { caption: 'Insurance fund, bad debt and socialized loss', yTitle: 'quote', steps, series: [{ name: 'insurance fund', colour: COLOURS.d, values: col('insuranceFund') }, { name: 'bad debt (cumulative)', colour: COLOURS.b, values: col('badDebt') }, { name: 'socialized', colour: COLOURS.e, values: col('socialized') }] },
    { caption: 'ADL volume per step', yTitle: 'notional (quote)', steps, interpolate: 'step', series: [{ name: 'ADL volume', colour: COLOURS.e, values: col('adlVolume') }] },
    { caption: 'Open interest', yTitle: 'base (Σ long sizes)', steps, series: [{ name: 'open interest', colour: COLOURS.a, values: col('openInterest') }] },
    { caption: 'Liquidation rounds per step (cascade depth)', yTitle: 'rounds', steps, interpolate: 'step', integer: true, series: [{ name: 'rounds', colour: COLOURS.c, values: col('rounds') }] },
  ];
}

/** The summary's figures in reading order, with what each means. */
const SUMMARY_ROWS: readonly (readonly [keyof SimulationSummary, string])[] = [
  ['steps', 'steps run'],
  ['accounts', 'accounts'],
  ['redrawn', 'generated accounts redrawn (liquidatable at the opening price)'],
  ['liquidations', 'liquidations'],
  ['partial', '… partial'],
  ['full', '… full'],
  ['bankrupt', '… bankrupt'],
  ['liquidatedNotional', 'liquidated notional (quote)'],
  ['badDebt', 'bad debt (quote)'],
  ['insurancePayout', 'paid by the insurance fund (quote)'],
  ['socialized', 'socialized at the end (quote)'],
  ['insuranceFundStart', 'insurance fund at the start (quote)'],
  ['insuranceFund', 'insurance fund at the end (quote)'],
  ['adlEvents', 'ADL events'],
  ['adlVolume', 'ADL volume (quote)'],
  ['openInterestStart', 'open interest at the start (base)'],
  ['openInterest', 'open interest at the end (base)'],
  ['openInterestStartNotional', 'opening open interest (quote, at the opening price)'],
  ['startMark', 'mark at the start'],
  ['finalMark', 'mark at the end'],
  ['minMark', 'lowest mark'],
  ['maxMark', 'highest mark'],
  ['open', 'accounts open at the end'],
  ['flagged', 'liquidatable at the end, not liquidated'],
  ['keeperActs', 'keeper liquidations'],
  ['keeperCosts', 'keeper costs (quote, to the sink)'],
  ['kicks', 'auctions kicked'],
  ['takes', 'auction takes'],
  ['resets', 'auction resets'],
  ['liveAuctions', 'auctions live at the end'],
  ['writeoffs', 'fund write-offs after vault settlements (quote)'],
  ['vaultSize', 'vault position at the end (base)'],
  ['vaultValue', 'vault value at the final mark (quote)'],
];

/** A decimal string grouped for reading, every digit kept: 1234567.25 → 1,234,567.25. */
function grouped(x: string): string {
  const [int, frac] = x.split('.') as [string, string | undefined];
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac === undefined ? '' : `.${frac}`}`;
}

const cell = (v: string | number) => `<td>${esc(typeof v === 'number' ? formatCount(v) : grouped(v))}</td>`;

/** The ADL events the page details: the largest `owed` first (ties: the earlier event), at most `n`. */
export function topAdlEvents(events: readonly AdlEventWire[], n = TOP_ADL_EVENTS): readonly AdlEventWire[] {
  return events
    .map((e, i) => ({ e, i, owed: new Dec(e.owed) }))
    .sort((a, b) => b.owed.comparedTo(a.owed) || a.i - b.i)
    .slice(0, n)
    .map((x) => x.e);
}

function adlSection(events: readonly AdlEventWire[]): string {
  if (events.length === 0) return '<p class="meta">No auto-deleveraging: the insurance fund covered every deficit (or ADL was off).</p>';
  const top = topAdlEvents(events);
  const detail = top
    .map((e) => {
      const rows = e.reductions.map((r, k) => `<tr><td>${k + 1}</td><td style="text-align:left">${esc(r.account)}</td>${cell(r.score)}${cell(r.size)}${cell(r.transfer)}</tr>`).join('\n');
      return `<h3>step ${e.step}, round ${e.round}: ${esc(e.bankrupt)} (${e.side}) bankrupt at ${esc(grouped(e.bankruptcyPrice))}, mark ${esc(grouped(e.mark))}</h3>
<p class="meta">owed ${esc(grouped(e.owed))} · spread ${esc(grouped(e.spread))} per unit · to the fund ${esc(grouped(e.toFund))} · unpaid (left socialized) ${esc(grouped(e.unpaid))} · ${formatCount(e.reductions.length)} counterpart${e.reductions.length === 1 ? 'y' : 'ies'} reduced</p>
<table><tr><th>rank</th><th>account</th><th>score</th><th>size reduced</th><th>transfer</th></tr>
${rows}</table>`;
    })
    .join('\n');
  return `<p class="meta">${formatCount(events.length)} ADL event(s); the ${formatCount(top.length)} largest by amount owed, each with the counterparties reduced in ranking order (BitMEX score, highest first).</p>\n${detail}`;
}

/** The simulation report as a page; async because the charts are rendered by vega, loaded on first use. */
export async function simulationHtml(r: SimulationReport): Promise<string> {
  const svgs: string[] = [];
  for (const c of charts(r.series)) svgs.push(await renderSvg(lineChartSpec(c)));
  const s = r.summary;
  const cfg = r.config;
  const oiShare = new Dec(s.openInterestStartNotional).isZero() ? '' : ` (${formatPercent(new Dec(s.badDebt).div(s.openInterestStartNotional))} of the opening open interest)`;
  const shock = cfg.path.kind === 'recorded' ? 'recorded price path' : `shock ${formatMove(cfg.path.shock)} at step ${cfg.path.shockAt} over ${cfg.path.shockSteps} step(s), drift ${formatMove(cfg.path.drift)} per step`;
  const summaryRows = SUMMARY_ROWS.map(([k, label]) => `<tr><th style="text-align:left">${esc(label)}</th>${cell(s[k])}</tr>`).join('\n');
  const body = `<h1>liqcheck simulate: ${esc(r.profile ?? 'built-in params')}, ${esc(cfg.market)}</h1>
<p class="meta">engine ${esc(r.engine)} · policy ${esc(r.policy)} · seed ${r.seed} · ${formatCount(s.accounts)} accounts · ${formatCount(cfg.steps)} steps · ${shock} · ${cfg.liquidation.mode} mode · ADL ${cfg.adl ? 'on' : 'off'} · ${cfg.liquidity.kind} impact, depth ${esc(grouped(cfg.liquidity.depth))}${r.interrupted ? ' · <b>interrupted: only the steps run are shown</b>' : ''}</p>
<p class="meta">cascade depth ${r.cascadeDepth} round(s) · ${formatCount(r.cascadeSteps)} step(s) with liquidations after the path last moved · ${formatCount(s.liquidations)} liquidations · bad debt ${esc(grouped(s.badDebt))}${oiShare} · ADL ${formatCount(s.adlEvents)} event(s) · insurance fund ${esc(grouped(s.insuranceFundStart))} → ${esc(grouped(s.insuranceFund))}</p>
<p class="meta">Figures are exact; simulation.json and series.csv hold every value. The charts place them as pixels.</p>
${svgs.map((svg) => `<figure>${svg}</figure>`).join('\n')}
<h2>Final state</h2>
<table>${summaryRows}</table>
<h2>Auto-deleveraging</h2>
${adlSection(r.adl)}
<h2>Resolved configuration</h2>
<p class="meta">Every default filled in: this configuration and seed give the same run byte for byte.</p>
<pre>${esc(JSON.stringify(cfg, null, 2))}</pre>`;
  return page(`liqcheck simulate ${r.profile ?? 'built-in params'}`, body);
}
