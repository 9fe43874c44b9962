/** LIQ-020 on the §10.3 step-down worked example (hand-computed, not a published vector). */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, Scenario } from '../model/types.ts';
import { exampleScenario } from '../policy/closeSize/closeSizeScenario.ts';
import { CLOSE_SIZE_ZOO } from '../zoo/policy/closeSizeZoo.ts';
import { checkCase } from './checkCase.ts';
import { stepsDown } from './stepsDown.ts';

const zoo = (name: string): Engine => CLOSE_SIZE_ZOO.find((z) => z.name === name)!.engine;
const TIERS = [['0', '0.01', '0'], ['500', '0.02', '5'], ['2000', '0.05', '65']] as const;
const example = (collateral: string): Scenario =>
  exampleScenario({ markets: { 'BTC-PERP': { lot: '0.1', mark: '100', tiers: TIERS } }, positions: [{ market: 'BTC-PERP', size: '30', entry: '100' }], collateral, dust: '10', policy: { closeSize: { kind: 'step-down' } } });
const messages = (engine: Engine, sc: Scenario): string[] => checkCase(engine, sc, { invariants: [stepsDown] }).violations.map((v) => v.message);

describe('LIQ-020 steps-down', () => {
  it('holds for the reference on one, two and no steps (collateral 80, 40, 20)', () => {
    for (const c of ['80', '40', '20']) expect(messages(liquidate, example(c))).toEqual([]);
  });

  it('catches a step one bracket too far: with collateral 80 keeping 19.9 already meets the target', () => {
    const m = messages(zoo('stepDownOneTooFar'), example('80'));
    expect(m).toHaveLength(1);
    expect(m[0]).toContain('keeping 19.9 BTC-PERP (1 bracket(s) down from 2) already meets the target, yet the engine kept only 4.9');
  });

  it('catches a rest left on the floor: 5 lots·100 = 500 = L_1 is still bracket 1, not below it', () => {
    const m = messages(zoo('stepDownToFloor'), example('40'));
    expect(m).toHaveLength(1);
    expect(m[0]).toContain('BTC-PERP is left at 5 (notional 500, bracket 1): not the largest lot multiple below a floor; the steps down from bracket 2 keep [19.9, 4.9]');
  });
});
