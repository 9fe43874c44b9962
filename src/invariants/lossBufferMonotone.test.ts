/**
 * LIQ-026 on a hand-built case (numbers hand-computed, not a published vector): a long 2 @ 30000
 * at mark 31000 (a gain U = +2000, so the loss buffer adds nothing), tiers 0.004 / 0.005 above
 * 50000 with cum 50: MM = 62000 · 0.005 − 50 = 260 at every β. An engine that credits gains
 * (β·(−U) without max(0, ·)) reports 260 − 0.05 · 2000 = 160, and 260 − 0.1 · 2000 = 60 with the
 * buffer doubled: its maintenance falls, which LIQ-026 names.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import type { Policy } from '../wire/policy.ts';
import { REQUIREMENT_ZOO } from '../zoo/policy/requirementZoo.ts';
import { checkCase } from './checkCase.ts';
import { lossBufferMonotone } from './lossBufferMonotone.ts';

function scenario(policy: Policy | undefined): Scenario {
  return {
    params: {
      quoteScale: 6,
      trigger: 'strict',
      targetBuffer: '0.002',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0.002' }], liquidatorShare: '0.5' },
      dustNotional: '10',
      priceImpact: '0',
      markets: {
        'BTC-PERP': {
          lotSize: '0.001',
          tickSize: '0.1',
          tiers: [
            { notionalFloor: '0', maintenanceRate: '0.004', maintenanceAmount: '0', initialRate: '0.008' },
            { notionalFloor: '50000', maintenanceRate: '0.005', maintenanceAmount: '50', initialRate: '0.01' },
          ],
        },
      },
    },
    marks: { 'BTC-PERP': '31000' },
    account: { collateral: '1000', positions: [{ market: 'BTC-PERP', size: '2', entryPrice: '30000' }] },
    insuranceFund: '0',
    ...(policy === undefined ? {} : { policy }),
  } as Scenario;
}

const BUFFERED: Policy = { requirement: { kind: 'tiers', lossBuffer: '0.05' } };
const credits = REQUIREMENT_ZOO.find((z) => z.name === 'loss-buffer-credits-gains')!.engine;
const only = { invariants: [lossBufferMonotone] };

describe('LIQ-026 requirement non-decreasing in the loss buffer', () => {
  it('holds for the reference (260 at β = 0.05 and at 0.1)', () => {
    expect(checkCase(liquidate, scenario(BUFFERED), only).violations).toEqual([]);
  });

  it('names the fall 160 → 60 of an engine that credits gains', () => {
    const v = checkCase(credits, scenario(BUFFERED), only).violations;
    expect(v.map((x) => x.invariant)).toEqual(['LIQ-026']);
    expect(v[0]!.message).toContain('maintenance falls from 160 to 60 when the loss buffer doubles from 0.05');
  });

  it('names a group the engine liquidates under β and leaves healthy under 2β (hand-computed, see below)', () => {
    // BTC long 2 @ 30000 at 31000: U = +2000, MM 260; ETH short 10 @ 2015 at 2200: U = −1850,
    // N = 22000, MM 88; C = 0, E = 150. The engine's MM = 348 + β·(1850 − 2000): 198 > 150 at
    // β = 1 (liquidated), 48 ≤ 150 at β = 2 (healthy). The rule's MM is 348 + β·1850 at both.
    const base = scenario({ requirement: { kind: 'tiers', lossBuffer: '1' } });
    const btc = base.params.markets['BTC-PERP']!;
    const sc: Scenario = {
      ...base,
      params: { ...base.params, markets: { ...base.params.markets, 'ETH-PERP': { ...btc, lotSize: '0.01', tickSize: '0.01' } } },
      marks: { 'BTC-PERP': '31000', 'ETH-PERP': '2200' },
      account: { collateral: '0', positions: [...base.account.positions, { market: 'ETH-PERP', size: '-10', entryPrice: '2015' }] },
    };
    expect(checkCase(liquidate, sc, only).violations).toEqual([]);
    const messages = checkCase(credits, sc, only).violations.map((x) => x.message);
    expect(messages).toContain('group cross: maintenance falls from 198 to 48 when the loss buffer doubles from 1');
    expect(messages.some((m) => m.startsWith('group cross is liquidated') && m.endsWith('but left healthy with twice that'))).toBe(true);
  });

  it('derives nothing without a loss buffer (the same engine is then not judged by it)', () => {
    expect(checkCase(credits, scenario({ requirement: { kind: 'tiers' } }), only).violations).toEqual([]);
    expect(checkCase(credits, scenario(undefined), only).violations).toEqual([]);
  });
});
