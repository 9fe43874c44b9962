import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { parseParams } from '../model/parseScenario.ts';
import { defaultParams } from './defaultParams.ts';

describe('defaultParams', () => {
  it('is valid', () => {
    const r = parseParams(defaultParams);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('is what fixtures/params/default.json holds, byte for byte', () => {
    const text = readFileSync(new URL('../../fixtures/params/default.json', import.meta.url), 'utf8');
    expect(text).toBe(`${JSON.stringify(defaultParams, null, 2)}\n`);
  });

  it('has initial margin twice maintenance in every bracket', () => {
    for (const m of Object.values(defaultParams.markets)) {
      for (const t of m.tiers) expect(new Dec(t.initialRate).eq(new Dec(t.maintenanceRate).mul(2))).toBe(true);
    }
  });
});
