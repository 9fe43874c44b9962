/** LIQ-019 on hand-computed cases (hand-computed, not published vectors; spec §10.3 worked example). */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine } from '../model/types.ts';
import { exampleScenario } from '../policy/closeSize/closeSizeScenario.ts';
import { example } from '../policy/trigger/backstopScenario.ts';
import { CLOSE_SIZE_ZOO } from '../zoo/policy/closeSizeZoo.ts';
import { withPartSwap } from '../zoo/policy/support.ts';
import { checkCase } from './checkCase.ts';
import { portionSized } from './portionSized.ts';

const zoo = (name: string): Engine => CLOSE_SIZE_ZOO.find((z) => z.name === name)!.engine;
const TIERS = [['0', '0.05', '0']] as const;
const two = (portion: string, minimumNotional: string, btc = '10') =>
  exampleScenario({
    markets: { 'BTC-PERP': { lot: '0.01', mark: '100', tiers: TIERS }, 'ETH-PERP': { lot: '0.01', mark: '100', tiers: TIERS } },
    positions: [{ market: 'ETH-PERP', size: '5', entry: '100' }, { market: 'BTC-PERP', size: btc, entry: '100' }],
    collateral: '60',
    dust: '10',
    policy: { closeSize: { kind: 'fixed-portion', portion, minimumNotional } },
  });
const messages = (engine: Engine, sc: ReturnType<typeof two>): string[] => checkCase(engine, sc, { invariants: [portionSized] }).violations.map((v) => v.message);

describe('LIQ-019 portion-sized', () => {
  it('holds for the reference: one fill of 2.5 BTC (the minimum, 250 at 100)', () => {
    expect(messages(liquidate, two('0.1', '250'))).toEqual([]);
  });

  it('catches a portion rounded down: 0.1 · 10.05 = 1.005 must close 1.01, not 1', () => {
    const m = messages(zoo('portionRoundedDown'), two('0.1', '0', '10.05'));
    expect(m).toHaveLength(1);
    expect(m[0]).toContain('closes 1 BTC-PERP of 10.05, but the portion rule gives 1.01');
  });

  it('catches an ignored minimum: 1 BTC closed where the minimum of 250 needs 2.5', () => {
    expect(messages(zoo('portionWithoutMinimum'), two('0.1', '250'))[0]).toContain('closes 1 BTC-PERP of 10, but the portion rule gives 2.5');
  });

  it('catches a second position touched', () => {
    expect(messages(zoo('portionOfEvery'), two('0.1', '250'))).toEqual(['group cross: 2 fills, but a fixed-portion call makes exactly one']);
  });

  it('is out of domain under another close size', () => {
    const sc = { ...two('0.1', '250'), policy: { closeSize: { kind: 'full' } } } as ReturnType<typeof two>;
    expect(messages(liquidate, sc)).toEqual([]);
  });
});

describe('LIQ-019 under a 2/3 backstop (spec §10.8 worked example; hand-computed, not a published vector)', () => {
  const policy = { trigger: { kind: 'backstop', numerator: '2', denominator: '3' }, closeSize: { kind: 'fixed-portion', portion: '0.2', minimumNotional: '0' } } as const;
  const takesOverAll = withPartSwap({ backstopped: () => true });
  const only = (engine: Engine, sc: ReturnType<typeof example>): string[] => checkCase(engine, sc, { invariants: [portionSized] }).violations.map((v) => v.message);

  it('skips a group taken over: C = 350, 3 · 149.709 = 449.127 < 2 · 304.003 = 608.006, both positions closed at mark', () => {
    const sc = example('350', { policy });
    const o = liquidate(sc);
    if (!o.ok) throw new Error('unreachable');
    expect(o.result.fills.map((f) => `${f.size} ${f.market}`)).toEqual(['1 BTC-PERP', '0.3 ETH-PERP']);
    expect(only(liquidate, sc)).toEqual([]);
  });

  it('judges a group above the threshold: C = 500, 3 · 299.709 = 899.127 ≥ 608.006, one fill of ⌈0.2 · 1⌉_0.01 = 0.2 BTC', () => {
    const sc = example('500', { policy });
    const o = liquidate(sc);
    if (!o.ok) throw new Error('unreachable');
    expect(o.result.fills.map((f) => `${f.size} ${f.market}`)).toEqual(['0.2 BTC-PERP']);
    expect(only(liquidate, sc)).toEqual([]);
    // The skip reads the scenario's E and MM, not the engine's fills: a takeover above the threshold is flagged.
    expect(only(takesOverAll, sc)).toEqual(['group cross: 2 fills, but a fixed-portion call makes exactly one']);
  });
});
