import { describe, expect, it } from 'vitest';
import type { CascadeCell, CascadeSweepReport, ThresholdRow } from '../../wire/cascadeSweepReport.ts';
import { validator } from '../../wire/validate.ts';
import { CascadeSweepReport as Schema } from '../../wire/cascadeSweepReport.ts';
import { cascadeCsv, thresholdsCsv } from './cascadeCsv.ts';
import { cascadeHtml, STRESS_COLOURS } from './cascadeHtml.ts';
import { formatCascadeSweep } from './formatCascadeSweep.ts';

const shocks = ['-0.1', '-0.2', '-0.3'];
const depths = ['1000000', '100000000'];
// Stressed from −0.2 at the shallow depth, from −0.3 at the deep one.
const cell = (shock: string, depth: string): CascadeCell => {
  const stressed = depth === '1000000' ? shock !== '-0.1' : shock === '-0.3';
  return { at: [{ name: 'shock', value: shock }, { name: 'depth', value: depth }], openingNotional: '1000', badDebt: stressed ? '5' : '0', badDebtShare: stressed ? '0.005' : '0', socialized: '0', cascadeDepth: stressed ? 3 : 1, cascadeSteps: 1, liquidations: 4, liquidatedNotional: '400', adlVolume: '0', adlEvents: 0, violations: 0, stressed };
};
const row = (depth: string, threshold: string, last: string): ThresholdRow => ({ at: [{ name: 'depth', value: depth }], status: 'found', threshold, lastUnstressed: last, evaluations: [], monotone: true, contradictions: [] });
const report: CascadeSweepReport = {
  format: 'liqcheck-cascade-sweep/1',
  source: { profile: 'binance-usdm', params: null, sha256: 'a'.repeat(64) },
  config: { steps: 40 },
  x: { name: 'shock', values: shocks },
  y: { name: 'depth', values: depths },
  criterion: { maxBadDebt: '0', cascadeRounds: null },
  resolution: '0.005',
  cells: depths.flatMap((d) => shocks.map((s) => cell(s, d))),
  thresholds: [row('1000000', '-0.155', '-0.15'), row('100000000', '-0.245', '-0.24')],
  shard: { index: 1, count: 1 },
  interrupted: false,
  ms: 12,
};

describe('cascade sweep outputs', () => {
  it('is a valid report by its schema', () => {
    expect(validator(Schema)(report).ok).toBe(true);
  });

  it('is one offline page: three heatmaps and the threshold curve as inline SVG, no script, no external resource', async () => {
    const html = await cascadeHtml(report);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html.match(/<svg[\s>]/g)?.length).toBe(4);
    expect(html).toContain(`fill="${STRESS_COLOURS.stressed}"`);
    // Every cell of the three maps has its figures as a tooltip.
    const tips = [...html.matchAll(/<path [^>]*><title>([^<]*)<\/title><\/path>/g)].map((m) => m[1]!);
    expect(tips).toHaveLength(3 * report.cells.length);
    expect(tips[1]).toContain('shock = -0.2, depth = 1000000&#xA;stressed&#xA;bad debt 5 (0.500% of opening open interest 1000)');
    expect(html).toContain('<td>1000000</td><td>found</td><td>-0.155</td><td>-0.15</td>');
    const labels = [...html.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(labels).toContain('shock (fraction of price) →');
    expect(labels).toContain('depth (quote) →');
  }, 20_000);

  it('writes a CSV row per cell and per threshold row, exact', () => {
    const cells = cascadeCsv(report).trim().split('\n');
    expect(cells[0]).toBe('shock,depth,stressed,badDebtShare,badDebt,openingNotional,socialized,cascadeDepth,cascadeSteps,liquidations,liquidatedNotional,adlVolume,adlEvents,violations,refused');
    expect(cells[2]).toBe('-0.2,1000000,true,0.005,5,1000,0,3,1,4,400,0,0,0,');
    expect(thresholdsCsv(report)).toBe('depth,status,threshold,lastUnstressed,runs,monotone,contradictions\n1000000,found,-0.155,-0.15,0,true,\n100000000,found,-0.245,-0.24,0,true,\n');
  });

  it('prints the stress map with the deepest row on top, and each threshold', () => {
    const text = formatCascadeSweep(report);
    expect(text).toContain('100,000,000 | . . S\n  1,000,000 | . S S\n');
    expect(text).toContain('depth 1000000: stressed from shock -0.155 (not at -0.15), 0 runs');
    expect(text).toContain('judge: 0 system-invariant violation(s) in 6 judged run(s)');
  });
});
