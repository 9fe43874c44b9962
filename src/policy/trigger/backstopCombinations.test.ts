/**
 * The reference under a backstop trigger combined with each other part's options (spec §10.8,
 * §10.7): every invariant the combined policy promises enough for holds. This is what keeps the
 * promises a backstop withdraws (and those it keeps) honest beyond the zoo's two policies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../../arbitraries/index.ts';
import { scenariosUnder } from '../../arbitraries/policyScenario.ts';
import { CATALOG } from '../../invariants/catalog.ts';
import { checkCase } from '../../invariants/checkCase.ts';
import { liquidate } from '../../model/liquidate.ts';
import type { Policy } from '../../wire/policy.ts';
import { parsePolicy } from '../parsePolicy.ts';
import { judgedBy, promisesOf } from '../promises.ts';

const T = { kind: 'backstop', numerator: '2', denominator: '3' } as const;
const COMBINATIONS: readonly Policy[] = [
  { trigger: T, closeSize: { kind: 'full' } },
  { trigger: T, closeSize: { kind: 'fixed-portion', portion: '0.2', minimumNotional: '0' } },
  { trigger: T, closeSize: { kind: 'step-down' } },
  { trigger: T, closeSize: { kind: 'requested', closeFactor: '0.5' } },
  { trigger: T, price: { kind: 'book', remainder: 'bankruptcy' } },
  { trigger: T, price: { kind: 'book', remainder: 'left' }, closeSize: { kind: 'full' } },
  { trigger: T, penalty: { kind: 'linear', points: [{ marginRatio: '1', rate: '0' }, { marginRatio: '0.8', rate: '0.05' }] } },
  { trigger: T, requirement: { kind: 'tiers', valuation: 'entry', lossBuffer: '0.01' } },
  { trigger: T, requirement: { kind: 'size-scaled', baseRate: '0.01', sizeRate: '0.0001', minimum: '1' }, closeSize: { kind: 'full' } },
];

describe('the reference under a backstop and every other part (spec §10.8)', () => {
  for (const wire of COMBINATIONS) {
    it(JSON.stringify(wire), () => {
      const parsed = parsePolicy(wire);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const invariants = judgedBy(CATALOG, promisesOf(parsed.value)).judged;
      expect(invariants.map((i) => i.id)).toContain('LIQ-027');
      const violations: string[] = [];
      for (const sc of fc.sample(scenariosUnder(parsed.value, wire, scenario()), { numRuns: 80, seed: 20261201 })) {
        for (const v of checkCase(liquidate, sc, { invariants }).violations) violations.push(`${v.invariant}: ${v.message.slice(0, 200)}`);
      }
      expect(violations.slice(0, 5)).toEqual([]);
    }, 60_000);
  }
});
