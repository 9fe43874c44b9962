/** LIQ-022 on the §10.3 requested worked example (hand-computed, not a published vector). */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, Scenario } from '../model/types.ts';
import { exampleScenario } from '../policy/closeSize/closeSizeScenario.ts';
import { CLOSE_SIZE_ZOO } from '../zoo/policy/closeSizeZoo.ts';
import { checkCase } from './checkCase.ts';
import { requestBounded } from './requestBounded.ts';

const TIERS = [['0', '0.05', '0']] as const;
const sc: Scenario = exampleScenario({
  markets: { 'BTC-PERP': { lot: '0.1', mark: '100', tiers: TIERS }, 'ETH-PERP': { lot: '0.1', mark: '100', tiers: TIERS } },
  positions: [{ market: 'BTC-PERP', size: '10', entry: '100' }, { market: 'ETH-PERP', size: '-4', entry: '100' }],
  collateral: '30',
  dust: '50',
  policy: { closeSize: { kind: 'requested', closeFactor: '0.5', maximumSize: '3' } },
  requests: { 'BTC-PERP': '7' },
});
const messages = (engine: Engine): string[] => checkCase(engine, sc, { invariants: [requestBounded] }).violations.map((v) => v.message);

describe('LIQ-022 request-bounded', () => {
  it('holds for the reference: 3 BTC = min(7, cap min(⌊5⌋, 3))', () => {
    expect(messages(liquidate)).toEqual([]);
  });

  it('catches an ignored close factor: 7 BTC closed', () => {
    expect(messages(CLOSE_SIZE_ZOO.find((z) => z.name === 'requestWithoutCloseFactor')!.engine)).toEqual([
      'group cross: 7 BTC-PERP closed of 10, more than min(request 7, cap 3) (close factor 0.5, maximum size 3)',
    ]);
  });

  it('catches a fill in a market without a request', () => {
    // An engine that serves a one-lot request of its own in every held market.
    const eager: Engine = (s) => liquidate({ ...(s as Scenario), requests: { 'ETH-PERP': '0.1', ...(s as Scenario).requests } });
    expect(messages(eager)).toEqual(['group cross: 0.1 ETH-PERP closed, but the liquidator requested nothing in ETH-PERP']);
  });
});
