/**
 * LIQ-028 (spec §10.5, the bankruptcy cap) on the hand-computed scenarios of
 * src/policy/penalty/bankruptcyCapScenarios.ts (hand-computed, not published vectors; the dYdX
 * vectors there are cited in bankruptcyRoom.test.ts), and how often generated scenarios reach the
 * region where the cap binds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/index.ts';
import { scenariosUnder } from '../arbitraries/policyScenario.ts';
import { Dec } from '../model/decimal.ts';
import { ceilTo, Fixed, fromDec } from '../model/fixed.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, LiquidationResult, Scenario } from '../model/types.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import { dydxOneTenthBtc, dydxTwoPositions, FULL_BANKRUPTCY_CAP, ROUNDING_EXAMPLE, workedExample } from '../policy/penalty/bankruptcyCapScenarios.ts';
import { PENALTY_ZOO } from '../zoo/policy/penaltyZoo.ts';
import { checkCase } from './checkCase.ts';
import { feeBoundedByBankruptcy } from './feeBoundedByBankruptcy.ts';

const ONLY = { invariants: [feeBoundedByBankruptcy] };
const fx = (x: string): Fixed => fromDec(new Dec(x));
const messages = (engine: Engine, sc: Scenario): string[] => checkCase(engine, sc, ONLY).violations.map((v) => v.message);

function tampered(index: number, penalty: string): Engine {
  return (sc) => {
    const o = liquidate(sc);
    if (!o.ok) return o;
    const fills: LiquidationResult['fills'] = o.result.fills.map((f, i) => (i === index ? { ...f, penalty } : f));
    return { ok: true, result: { ...o.result, fills } };
  };
}

const zooEngine = (name: string): Engine => PENALTY_ZOO.find((z) => z.name === name)!.engine;

describe('LIQ-028 fee bounded by the fill’s value above bankruptcy', () => {
  it('holds for the reference on every hand-computed scenario, and is judged there', () => {
    const all = [workedExample(FULL_BANKRUPTCY_CAP), ROUNDING_EXAMPLE, dydxOneTenthBtc('long', '56100', '0.5'), dydxOneTenthBtc('short', '44100', '0.5'), dydxTwoPositions('long', '0.05'), dydxTwoPositions('short', '0.05')];
    for (const sc of all) {
      const r = checkCase(liquidate, sc, ONLY);
      expect(r.checked).toContain('LIQ-028');
      expect(r.violations).toEqual([]);
    }
  });

  it('catches §7.3’s whole-group cap on the worked example, naming the bad debt the fee could have covered', () => {
    // Fill A: penalty 15 but V = 15 − 45·20/80 = 3.75; the group ends with collateral −10.
    expect(messages(zooEngine('bankruptcyCapWholeGroup'), workedExample(FULL_BANKRUPTCY_CAP))).toEqual([
      expect.stringMatching(/fill 0 \(A\): penalty 15 exceeds .* = 15 − 45·20\/80 \(cap 3\.75\); the group ends with bad debt 10 the fee could have covered$/),
    ]);
  });

  it('allows exactly ⌊V⌋_u and catches one quote unit more (hand-computed: V = 9.7575 on the rounding example)', () => {
    expect(messages(tampered(0, '9.75'), ROUNDING_EXAMPLE)).toEqual([]);
    // 9.76 is ⌈V⌉_u. The reference's second fill (3.26, tampering changes only the first) then
    // exceeds what is left, 13.01 − 9.76 = 3.25: one sub-unit of bad debt, 0.01.
    expect(messages(tampered(0, '9.76'), ROUNDING_EXAMPLE)).toEqual([
      expect.stringMatching(/fill 0 \(A\): penalty 9\.76 exceeds .*\(cap 9\.75\); the group ends with bad debt 0\.01/),
      expect.stringMatching(/fill 1 \(B\): penalty 3\.26 exceeds .* = 3\.25 − 3\.25·0\/10 \(cap 3\.25\)/),
    ]);
    expect(messages(zooEngine('bankruptcyCapRoundedUp'), ROUNDING_EXAMPLE)).toEqual([expect.stringMatching(/penalty 9\.76 exceeds/)]);
  });

  it('catches the share taken over the requirement after the fill (hand-computed: E·ΔMM/MM′ = 13.01·30/10 caps at 39.03, so the full 15)', () => {
    expect(messages(zooEngine('bankruptcyShareAfter'), ROUNDING_EXAMPLE)).toEqual([expect.stringMatching(/fill 0 \(A\): penalty 15 exceeds .*\(cap 9\.75\); the group ends with bad debt 1\.99/)]);
  });

  it('reaches the region where the cap binds: a share below the fee and below §7.3’s cap, in generated scenarios', { timeout: 60_000 }, () => {
    const policy = { closeSize: { kind: 'full' as const }, penalty: { kind: 'steps' as const, cap: 'bankruptcy' as const } };
    const parsed = parsePolicy(policy);
    if (!parsed.ok) throw new Error('policy');
    const scenarios = fc.sample(scenariosUnder(parsed.value, policy, scenario({ positions: { min: 2, max: 3 }, margin: 'cross' })), { numRuns: 300, seed: 20261201 });
    let fills = 0;
    let binding = 0;
    let tighter = 0;
    for (const sc of scenarios) {
      const bankrupt = liquidate(sc);
      const equity = liquidate({ ...sc, policy: { closeSize: { kind: 'full' } } });
      if (!bankrupt.ok || !equity.ok) continue;
      const unit = new Fixed(1n, sc.params.quoteScale);
      bankrupt.result.fills.forEach((f, i) => {
        fills++;
        // The cap binds when the fee charged is below ⌈f·N_c⌉_u; it is tighter than §7.3's where the
        // same fill of the same scenario under §7.3's cap was charged more (one fill per position at mark).
        if (fx(f.penalty).lt(ceilTo(fx(f.penaltyRate).mul(fx(f.notional)), unit))) binding++;
        const other = equity.result.fills[i];
        if (other !== undefined && fx(f.penalty).lt(fx(other.penalty))) tighter++;
      });
    }
    console.log(`[LIQ-028] ${scenarios.length} scenarios, ${fills} fills: cap binds on ${binding}, tighter than §7.3's on ${tighter}`);
    expect(binding).toBeGreaterThan(fills / 50);
    expect(tighter).toBeGreaterThan(scenarios.length / 50);
  });
});
