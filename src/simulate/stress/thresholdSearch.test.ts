import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { contradictions, isStressed, searchThreshold, type StressMeasure } from './thresholdSearch.ts';

/** A measure stressed from |shock| ≥ edge on (bad debt 1 %), with a cascade depth of 10·|shock| rounds. */
const step = (edge: string) => async (shock: string): Promise<StressMeasure> => {
  const m = new Dec(shock).abs();
  return { badDebtShare: m.gte(edge) ? '0.01' : '0', cascadeDepth: m.mul(10).floor().toNumber() };
};
const badDebtOnly = { maxBadDebt: new Dec(0), cascadeRounds: null };

describe('searchThreshold', () => {
  it('finds the mildest multiple of the resolution that is stressed, simulating both ends of the answer', async () => {
    const r = await searchThreshold('-0.05', '-0.5', new Dec('0.005'), badDebtOnly, step('0.2137'));
    // By hand: the multiples of 0.005 at or above 0.2137 start at 0.215; the probes are the ends
    // 0.05 and 0.5, then the multiple at or below each bracket's midpoint: 0.275 (in (0.05, 0.5)),
    // 0.16, 0.215, 0.185, 0.2, 0.205, 0.21; then no multiple is left strictly inside (0.21, 0.215).
    expect(r.status).toBe('found');
    expect(r.threshold).toBe('-0.215');
    expect(r.lastUnstressed).toBe('-0.21');
    expect(r.evaluations.map((e) => e.shock)).toEqual(['-0.05', '-0.5', '-0.275', '-0.16', '-0.215', '-0.185', '-0.2', '-0.205', '-0.21']);
    expect(r.evaluations.filter((e) => e.stressed).map((e) => e.shock)).toEqual(['-0.5', '-0.275', '-0.215']);
  });

  it('reads the cascade-depth criterion too', async () => {
    // Never bad debt; depth ⌊10·|s|⌋ ≥ 3 from |s| = 0.3: with resolution 0.01 the answer is 0.3 / 0.29.
    const r = await searchThreshold('0.05', '0.5', new Dec('0.01'), { maxBadDebt: new Dec(0), cascadeRounds: 3 }, step('2'));
    expect([r.status, r.threshold, r.lastUnstressed]).toEqual(['found', '0.3', '0.29']);
  });

  it('says when the range does not bracket the threshold', async () => {
    const below = await searchThreshold('-0.05', '-0.5', new Dec('0.005'), badDebtOnly, step('0.01'));
    expect([below.status, below.threshold, below.lastUnstressed, below.evaluations.length]).toEqual(['below-range', '-0.05', null, 1]);
    const above = await searchThreshold('-0.05', '-0.5', new Dec('0.005'), badDebtOnly, step('0.9'));
    expect([above.status, above.threshold, above.lastUnstressed, above.evaluations.length]).toEqual(['above-range', null, '-0.5', 2]);
  });

  it('ends within the resolution from ends off the lattice', async () => {
    const r = await searchThreshold('0.013', '0.4', new Dec('0.05'), badDebtOnly, step('0.33'));
    // Multiples of 0.05 inside (0.013, 0.4): 0.05 … 0.35; stressed from 0.35 (≥ 0.33), not at 0.3.
    expect([r.threshold, r.lastUnstressed]).toEqual(['0.35', '0.3']);
  });

  it('refuses a range across 0', async () => {
    await expect(searchThreshold('-0.1', '0.1', new Dec('0.01'), badDebtOnly, step('0.05'))).rejects.toThrow(/one sign/);
  });
});

describe('isStressed', () => {
  it('is bad debt strictly above the limit, or a deep enough cascade', () => {
    const c = { maxBadDebt: new Dec('0.001'), cascadeRounds: 4 };
    expect(isStressed({ badDebtShare: '0.001', cascadeDepth: 3 }, c)).toBe(false);
    expect(isStressed({ badDebtShare: '0.0010001', cascadeDepth: 0 }, c)).toBe(true);
    expect(isStressed({ badDebtShare: '0', cascadeDepth: 4 }, c)).toBe(true);
  });
});

describe('contradictions', () => {
  it('pairs each unstressed run above a stressed one with the most severe stressed run below it', () => {
    const runs = [
      { shock: '-0.1', stressed: false },
      { shock: '-0.2', stressed: true },
      { shock: '-0.3', stressed: false },
      { shock: '-0.35', stressed: true },
      { shock: '-0.4', stressed: false },
      { shock: '-0.2', stressed: true },
    ];
    expect(contradictions(runs)).toEqual([
      { stressedAt: '-0.2', notStressedAt: '-0.3' },
      { stressedAt: '-0.35', notStressedAt: '-0.4' },
    ]);
    expect(contradictions(runs.filter((r) => r.shock !== '-0.3' && r.shock !== '-0.4'))).toEqual([]);
  });
});
