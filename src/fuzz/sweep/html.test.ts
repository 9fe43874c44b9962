import { describe, expect, it } from 'vitest';
import { syntheticReport } from '../../../properties/sweepSupport.ts';
import { sweepHtml, VERDICT_COLOURS } from './html.ts';
import { titlesFromLabels } from './renderSvg.ts';

describe('sweepHtml', () => {
  it('is one offline page: inline SVG charts, no script, no external resource', async () => {
    const html = await sweepHtml(syntheticReport(5, 4));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html.match(/<svg[\s>]/g)?.length).toBe(3);
  }, 20_000);

  it('gives every cell of every map a tooltip with its exact axis values and its figures', async () => {
    const r = syntheticReport(5, 4);
    const html = await sweepHtml(r);
    const tips = [...html.matchAll(/<path [^>]*><title>([^<]*)<\/title><\/path>/g)].map((m) => m[1]!);
    expect(tips).toHaveLength(3 * r.cells.length);
    // 0.002:0.02:5 has step 0.0045; 0:0.03:4 has step 0.01.
    expect(tips[0]).toContain('maintenanceRate = 0.002, penaltyRate = 0&#xA;');
    expect(tips.some((t) => t.startsWith('maintenanceRate = 0.0065, penaltyRate = 0.01&#xA;'))).toBe(true);
    // The first synthetic cell has 0 of 20 accounts with bad debt and 1/6 of its liquidations partial.
    expect(tips[0]).toContain('bad debt: 0/20 shocked accounts (0.0%)');
    expect(tips[0]).toContain('ended partial above zero equity: 16.7%');
  }, 20_000);

  it('labels the axes with round ticks, not the raw grid values, and titles them with units', async () => {
    const html = await sweepHtml(syntheticReport(20, 20));
    const labels = [...html.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(labels).not.toContain('0.002947368421052632');
    expect(labels.some((l) => /^0\.00[0-9]$/.test(l))).toBe(true);
    expect(labels).toContain('maintenanceRate (fraction of notional) →');
    expect(labels).toContain('penaltyRate (fraction of closed notional) →');
    expect(html).toContain(`fill="${VERDICT_COLOURS.static}"`);
  }, 20_000);
});

describe('titlesFromLabels', () => {
  it('turns the aria-label of each path of the named mark into a <title> child, leaving other marks alone', () => {
    const svg = '<g class="mark-rect role-mark cells" role="graphics-object"><path aria-label="a &amp; b" d="M0,0h1v1h-1Z" fill="#fff"/><path aria-label="c" role="graphics-symbol" d="M1,0h1v1h-1Z"/></g><g class="mark-rect role-mark other"><path aria-label="keep" d="M0,0Z"/></g>';
    expect(titlesFromLabels(svg, 'cells')).toBe(
      '<g class="mark-rect role-mark cells" role="graphics-object"><path d="M0,0h1v1h-1Z" fill="#fff"><title>a &amp; b</title></path><path role="graphics-symbol" d="M1,0h1v1h-1Z"><title>c</title></path></g><g class="mark-rect role-mark other"><path aria-label="keep" d="M0,0Z"/></g>',
    );
  });
});
