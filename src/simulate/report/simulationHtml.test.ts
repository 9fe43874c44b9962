import { describe, expect, it } from 'vitest';
import { syntheticReport } from './__support__/syntheticReport.ts';
import { formatMove } from './formatMove.ts';
import { simulationHtml, topAdlEvents } from './simulationHtml.ts';

/** Every URL the page names: only the SVG namespace may appear (a namespace, not a request). */
const urls = (html: string) => [...html.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg');

describe('simulationHtml', () => {
  it('is one offline page: seven inline SVG charts, no script, no external resource', async () => {
    const html = await simulationHtml(syntheticReport());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(link|img|iframe)\b/i);
    expect(urls(html)).toEqual([]);
    expect(html.match(/<svg[\s>]/g)?.length).toBe(7);
    for (const caption of ['Mark vs exogenous price', 'Liquidations per step', 'Liquidated notional per step', 'Insurance fund, bad debt and socialized loss', 'ADL volume per step', 'Open interest', 'Liquidation rounds per step (cascade depth)']) {
      expect(html, caption).toContain(`>${caption}</text>`);
    }
  }, 20_000);

  it('draws one line per series: mark and exogenous, liquidations and flagged, fund, bad debt and socialized', async () => {
    const html = await simulationHtml(syntheticReport());
    // 2 + 2 + 1 + 3 + 1 + 1 + 1 series, each a line path of the mark named "line"
    expect(html.match(/role-mark line"/g)?.length).toBe(11);
    for (const legend of ['mark', 'exogenous', 'flagged, not liquidated', 'insurance fund', 'bad debt (cumulative)', 'socialized']) expect(html).toContain(`>${legend}</text>`);
  }, 20_000);

  it('has the summary table, the ADL events largest first with their rankings, and the resolved configuration', async () => {
    const html = await simulationHtml(syntheticReport());
    expect(html).toContain('<th style="text-align:left">bad debt (quote)</th><td>312.5</td>');
    expect(html).toContain('<th style="text-align:left">liquidated notional (quote)</th><td>357,000.25</td>');
    // The event owing 300 comes before the one owing 12.5; its counterparties in ranking order.
    const big = html.indexOf('a000004 (long) bankrupt at 69,100');
    const small = html.indexOf('a000003 (long) bankrupt at 69,500');
    expect(big).toBeGreaterThan(0);
    expect(small).toBeGreaterThan(big);
    expect(html.slice(big, small)).toMatch(/<tr><td>1<\/td><td style="text-align:left">a000001<\/td><td>1.2<\/td><td>0.2<\/td><td>219.9<\/td><\/tr>\n<tr><td>2<\/td><td style="text-align:left">a000002<\/td><td>0.45<\/td><td>0.09<\/td><td>80.1<\/td><\/tr>/);
    expect(html).toContain('&quot;depth&quot;: &quot;10000000&quot;');
    expect(html).toContain('cascade depth 3 round(s)');
    expect(html).toContain('shock -30% at step 1 over 1 step(s), drift 0% per step');
    // 312.5 of an opening open interest of 1,250,000 is 0.025 %
    expect(html).toContain('bad debt 312.5 (<0.1% of the opening open interest)');
  }, 20_000);

  it('says when there was no ADL, and when the run was interrupted', async () => {
    const html = await simulationHtml({ ...syntheticReport(), adl: [], interrupted: true });
    expect(html).toContain('No auto-deleveraging');
    expect(html).toContain('interrupted: only the steps run are shown');
  }, 20_000);
});

describe('formatMove', () => {
  it.each([
    ['-0.3', '-30%'],
    ['0.05', '+5%'],
    ['0', '0%'],
    ['-0.000000000001', '-0.0000000001%'],
  ])('%s is %s', (fraction, shown) => expect(formatMove(fraction)).toBe(shown));
});

describe('topAdlEvents', () => {
  it('keeps the n events owing most, the earlier first on a tie', () => {
    const [a, b] = syntheticReport().adl;
    const c = { ...a!, round: 9 };
    expect(topAdlEvents([a!, b!, c], 2)).toEqual([b, a]);
  });
});
