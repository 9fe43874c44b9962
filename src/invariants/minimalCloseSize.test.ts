/**
 * LIQ-004 under a 2/3 backstop, on the worked example of spec §10.8 (hand-computed, not a
 * published vector): a group taken over is LIQ-027's, a group above the threshold is judged as
 * under the reference policy, and which is which is read off the scenario's E and MM.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, Scenario } from '../model/types.ts';
import { example } from '../policy/trigger/backstopScenario.ts';
import { withPartSwap } from '../zoo/policy/support.ts';
import { checkCase } from './checkCase.ts';
import { minimalCloseSize } from './minimalCloseSize.ts';

const only = (engine: Engine, sc: Scenario): string[] => checkCase(engine, sc, { invariants: [minimalCloseSize] }).violations.map((v) => v.message);
const takesOverAll = withPartSwap({ backstopped: () => true });

describe('LIQ-004 under a backstop', () => {
  it('skips a group taken over: C = 350 closes BTC and ETH in full, though the target is met after BTC', () => {
    // After BTC: C = 150, E = 150 − 0.291 = 149.709 ≥ MM = 6.003; a minimal close would stop there.
    expect(only(liquidate, example('350'))).toEqual([]);
    expect(only(liquidate, example('350', { policy: {} }))).toEqual([]);
    // The same fills where the scenario has no backstop are not minimal.
    expect(only((sc) => liquidate({ ...sc, policy: { trigger: { kind: 'backstop', numerator: '2', denominator: '3' } } }), example('350', { policy: {} }))[0]).toBe(
      'group cross: target already met after fill 0 (equity 149.709 ≥ target 6.003), yet the liquidation went on',
    );
  });

  it('judges a group above the threshold (C = 500: 3 · 299.709 ≥ 2 · 304.003) and flags a takeover there', () => {
    expect(only(liquidate, example('500'))).toEqual([]);
    // Taken over anyway: after BTC at penalty 0, C = 300 and E = 299.709 ≥ 6.003.
    expect(only(takesOverAll, example('500'))[0]).toBe('group cross: target already met after fill 0 (equity 299.709 ≥ target 6.003), yet the liquidation went on');
  });
});
