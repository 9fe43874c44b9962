/** LIQ-021 on a hand-written two-position case (hand-computed, not a published vector). */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, Scenario } from '../model/types.ts';
import { exampleScenario } from '../policy/closeSize/closeSizeScenario.ts';
import { CLOSE_SIZE_ZOO } from '../zoo/policy/closeSizeZoo.ts';
import { checkCase } from './checkCase.ts';
import { fullOnly } from './fullOnly.ts';

const TIERS = [['0', '0.05', '0']] as const;
// MM = 50 + 25 = 75 > E = 60: liquidatable; a full close takes BTC (1000) then ETH (500).
const sc: Scenario = exampleScenario({
  markets: { 'BTC-PERP': { lot: '0.01', mark: '100', tiers: TIERS }, 'ETH-PERP': { lot: '0.01', mark: '100', tiers: TIERS } },
  positions: [{ market: 'BTC-PERP', size: '10', entry: '100' }, { market: 'ETH-PERP', size: '5', entry: '100' }],
  collateral: '60',
  dust: '10',
  policy: { closeSize: { kind: 'full' } },
});
const messages = (engine: Engine): string[] => checkCase(engine, sc, { invariants: [fullOnly] }).violations.map((v) => v.message);

describe('LIQ-021 full-only', () => {
  it('holds for the reference', () => {
    expect(messages(liquidate)).toEqual([]);
  });

  it('catches the smallest position left open', () => {
    expect(messages(CLOSE_SIZE_ZOO.find((z) => z.name === 'fullButLast')!.engine)).toEqual(['group cross meets the trigger but keeps ETH-PERP open']);
  });
});
