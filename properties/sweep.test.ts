/**
 * `liqcheck sweep`: the grid finds the penalty = maintenance-rate boundary within one grid step
 * (statically through PAR-002, and dynamically: partial closes stop at that line), writes its
 * outputs, compares a proposal, and rejects bad grids with the field and the reason.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/__support__/runCli.ts';
import { parseAxis } from '../src/fuzz/sweep/grid.ts';
import { runSweep, type SweepReport } from '../src/fuzz/sweep/runSweep.ts';
import { Dec } from '../src/model/decimal.ts';
import { FLAT } from './sweepSupport.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-sweep-'));


describe('the safe region of maintenance rate × penalty rate', () => {
  it('ends at penalty = maintenance rate, within one grid step, statically and dynamically', async () => {
    const x = parseAxis('--x', 'maintenanceRate=0.01:0.05:5');
    const y = parseAxis('--y', 'penaltyRate=0:0.06:13');
    const step = new Dec('0.005');
    const r = await runSweep({ params: FLAT, paramsFile: 'flat', paramsText: '', x, y, scenarios: 160, seed: 7, shock: '0.001', steps: 1, maxBadDebt: '0', workers: 1 });
    const cell = (i: number, j: number) => r.cells[j * x.values.length + i]!;
    x.values.forEach((xv, i) => {
      const r0 = new Dec(xv);
      // The first penalty (bottom up) whose cell leaves the safe region …
      const j = y.values.findIndex((_, k) => cell(i, k).verdict !== 'safe');
      const boundary = new Dec(y.values[j]!);
      expect(boundary.gte(r0) && boundary.lt(r0.add(step)), `maintenance ${xv}: first unsafe penalty ${boundary}`).toBe(true);
      expect(cell(i, j).findings).toEqual(['PAR-002']);
      // … and is where partial closes stop: none at or past the line, some one step below it.
      y.values.forEach((yv, k) => {
        const reach = new Dec(cell(i, k).restorable);
        if (new Dec(yv).gte(r0)) expect(reach.isZero(), `maintenance ${xv}, penalty ${yv}: restorable ${reach}`).toBe(true);
      });
      expect(new Dec(cell(i, j - 1).restorable).gt(0), `maintenance ${xv}, penalty one step below the line`).toBe(true);
    });
  });
});

describe('liqcheck sweep', () => {
  const paramsFile = join(tmp, 'flat.json');
  writeFileSync(paramsFile, JSON.stringify(FLAT));
  const run = (out: string, extra: string[] = []) => runCli(['sweep', '--params', paramsFile, '--x', 'maintenanceRate=0.01:0.03:3', '--y', 'penaltyRate=0:0.03:4', '--scenarios', '40', '--shock', '0.001', '--out', out, ...extra]);

  it('writes JSON, CSV and a self-contained HTML report, and prints the map', async () => {
    const out = join(tmp, 'a');
    const r = await run(out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('penaltyRate   safe region');
    expect(r.out).toMatch(/0\.02 \| P P \.\n {7}0\.01 \| P \. \.\n {10}0 \| \. \. \./);
    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as SweepReport;
    expect(json.cells).toHaveLength(12);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('maintenanceRate,penaltyRate,verdict,reason,accounts,withBadDebt,badDebtRate,badDebtMeanBp,badDebtP95Bp,badDebtP99Bp,badDebtMaxBp,liquidations,partial,full,bankrupt,restorable');
    expect(csv).toHaveLength(13);
    const html = readFileSync(join(out, 'sweep.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|src=|url\((?!#)|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('--compare shows the cells a proposal moves out of the safe region', async () => {
    const proposal = join(tmp, 'proposal.json');
    // A price impact of 1.5%: penalty + impact now reaches the maintenance rate in more cells (PAR-002).
    writeFileSync(proposal, JSON.stringify({ ...FLAT, priceImpact: '0.015' }));
    const a = join(tmp, 'cur');
    const b = join(tmp, 'prop');
    await run(a);
    await runCli(['sweep', '--params', proposal, '--x', 'maintenanceRate=0.01:0.03:3', '--y', 'penaltyRate=0:0.03:4', '--scenarios', '40', '--shock', '0.001', '--out', b]);
    const r = await runCli(['sweep', '--compare', join(a, 'sweep.json'), join(b, 'sweep.json'), '--out', join(tmp, 'cmp')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Leave the safe region \(\d+\):\n {2}maintenanceRate=0\.01 penaltyRate=0: safe → static/);
    expect(readFileSync(join(tmp, 'cmp', 'compare.html'), 'utf8')).toContain('<svg');
    const other = await runCli(['sweep', '--compare', join(a, 'sweep.json'), paramsFile]);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/format: expected "liqcheck-sweep\/1"/);
  });

  it.each([
    [['--x', 'maintnanceRate=0.01:0.02:3'], /--x maintnanceRate: unknown parameter; known: maintenanceRate, initialRate, penaltyRate/],
    [['--x', 'penaltyRate=0.02:0.01:3'], /--x penaltyRate: inverted range, FROM 0\.02 > TO 0\.01; write penaltyRate=0\.01:0\.02:3/],
    [['--x', 'penaltyRate=0.01:0.02:0'], /--x penaltyRate: STEPS 0 makes an empty grid/],
    [['--x', 'penaltyRate=0.01:0.01:5'], /--x penaltyRate: empty range, FROM = TO = 0\.01 with 5 points/],
    [['--x', 'penaltyRate=0.01:1.5:5'], /--x penaltyRate: TO 1\.5 is outside the domain \[0, 1\)/],
    [['--x', 'penaltyRate=a:0.02:5'], /--x penaltyRate: FROM expected a decimal string/],
    [['--x', 'penaltyRate=0.01-0.02'], /--x: expected NAME=FROM:TO:STEPS/],
    [['--x', 'shock=0.01:0.02:2', '--y', 'shock=0.01:0.05:3'], /--y shock: the same parameter as --x/],
    [['--x', 'penaltyRate=0:0.01:200', '--y', 'targetBuffer=0:0.01:200'], /40000 cells exceed 10000/],
    [['--y', 'penaltyRate=0:0.01:2'], /--x: required/],
  ])('%j exits 2 with the field and the reason', async (argv, message) => {
    const r = await runCli(['sweep', ...argv, '--out', join(tmp, 'never')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
