import { describe, expect, it } from 'vitest';
import { syntheticReport } from './__support__/syntheticReport.ts';
import { seriesCsv } from './seriesCsv.ts';

describe('seriesCsv', () => {
  it('writes a header of the S12 series fields and one row per step, values exactly as in the report', () => {
    const csv = seriesCsv(syntheticReport());
    // Written out by hand from docs/simulation.md S12 and the synthetic report's rows.
    expect(csv).toBe(
      'step,exogenous,mark,rounds,liquidations,liquidatedNotional,insuranceFund,badDebt,socialized,adlVolume,openInterest,flagged\n' +
        '0,100000,100000,0,0,0,1000,0,0,0,12.5,0\n' +
        '1,70000,68000.5,3,5,350000.25,0,312.5,12.5,6800.05,8.1,1\n' +
        '2,70000,69000,1,1,7000,10,312.5,0,0,8,0\n',
    );
  });

  it('has only the header for a run stopped before its first step', () => {
    expect(seriesCsv({ ...syntheticReport(), series: [], interrupted: true }).split('\n')).toEqual(['step,exogenous,mark,rounds,liquidations,liquidatedNotional,insuranceFund,badDebt,socialized,adlVolume,openInterest,flagged', '']);
  });
});
