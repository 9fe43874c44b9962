/**
 * LIQ-027 on the worked example of spec §10.8 (hand-computed, not a published vector): the
 * reference holds it, and each wrong engine of src/zoo/policy/triggerZoo.ts is caught with the
 * numbers worked out by hand below.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, Scenario } from '../model/types.ts';
import { example } from '../policy/trigger/backstopScenario.ts';
import { TRIGGER_ZOO } from '../zoo/policy/triggerZoo.ts';
import { backstopTakeover } from './backstopTakeover.ts';
import { checkCase } from './checkCase.ts';
import { executionAtMark } from './executionAtMark.ts';
import type { Invariant } from './invariant.ts';

const zoo = (name: string): Engine => TRIGGER_ZOO.find((z) => z.name === name)!.engine;
const messages = (engine: Engine, sc: Scenario, inv: Invariant = backstopTakeover): string[] =>
  checkCase(engine, sc, { invariants: [inv] }).violations.map((v) => v.message);

/** C = 500 with a target buffer 0.005: T = 304.003 + 0.005 · 30400.3 = 456.0045, so 2/3·MM ≤ E = 299.709 < 2/3·T. */
const buffered = (): Scenario => {
  const sc = example('500');
  return { ...sc, params: { ...sc.params, targetBuffer: '0.005' } };
};

/** One long BTC at E = 149 = MM/2 exactly, under a 1/2 backstop and the inclusive trigger: taken over. */
const atThreshold = (): Scenario => {
  const sc = example('349', { policy: { trigger: { kind: 'backstop', numerator: '1', denominator: '2' } }, trigger: 'inclusive' });
  return { ...sc, account: { ...sc.account, positions: [sc.account.positions[1]!] } };
};

describe('LIQ-027 backstop takeover', () => {
  it('holds for the reference below the threshold, above it, in deficit, at it, and with a price impact', () => {
    for (const sc of [example('350'), example('500'), example('150'), buffered(), atThreshold(), example('350', { priceImpact: '0.01' })]) {
      expect(messages(liquidate, sc)).toEqual([]);
    }
  });

  it('judges nothing without a backstop trigger', () => {
    expect(messages(zoo('backstopKeepsEquity'), example('350', { policy: {} }))).toEqual([]);
  });

  it('catches a takeover that leaves the trader its collateral: C + Σ R = 350 − 200 − 0.30 = 149.70 kept', () => {
    expect(messages(zoo('backstopKeepsEquity'), example('350'))).toEqual(['group cross is taken over with collateral 149.7 after its PnL, charged 0: it keeps 149.7, expected 0']);
  });

  it('catches a takeover at the impacted price: ⌊29800 · 0.99⌋_0.1 = 29502, ⌈2001 · 1.01⌉_0.1 = 2021.1', () => {
    const sc = example('350', { priceImpact: '0.01' });
    expect(messages(zoo('backstopWithImpact'), sc)).toEqual([
      'group cross fill 0 (BTC-PERP) is taken over at 29502, not at the mark 29800',
      'group cross fill 1 (ETH-PERP) is taken over at 2021.1, not at the mark 2001',
    ]);
    // LIQ-024 expects the mark itself for a group taken over, and §7.1's price otherwise.
    expect(messages(liquidate, sc, executionAtMark)).toEqual([]);
    expect(messages(zoo('backstopWithImpact'), sc, executionAtMark)[0]).toBe('fill 0 (BTC-PERP) executes at 29502, but a backstop takes over at the mark 29800');
  });

  it('catches a threshold read on the target: 3 · 299.709 = 899.127 < 2 · 456.0045, charged 299.70 on the ETH fill against ⌈0.002 · 600.3⌉_u = 1.21', () => {
    expect(messages(zoo('backstopOnTarget'), buffered())).toEqual([
      'group cross is above the backstop threshold, but fill 1 (ETH-PERP) is charged 299.7 > ⌈f·N_c⌉_u = 1.21 (rate 0.002)',
    ]);
  });

  it('catches the strict comparison under the inclusive trigger at E = MM/2 exactly', () => {
    expect(messages(zoo('backstopAtThreshold'), atThreshold())[0]).toBe('group cross is below the backstop threshold but keeps BTC-PERP open');
  });
});
