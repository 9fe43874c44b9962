/**
 * splitScenarioCached: the same split as splitScenario, byte for byte, whether the params text was
 * cached (a deeply frozen params object) or written anew (any other object, which may change).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../properties/adaptersSupport.ts';
import { riskParams } from '../arbitraries/riskParams.ts';
import { scenario } from '../arbitraries/scenario.ts';
import { splitScenario } from './protocol.ts';
import { splitScenarioCached } from './splitScenarioCached.ts';

// Two params sets, three scenarios each: scenarios that share one params object.
const SCENARIOS = fc.sample(riskParams(), { seed: SEED, numRuns: 2 }).flatMap((p, k) => fc.sample(scenario({ params: fc.constant(p) }), { seed: SEED + k, numRuns: 3 }));

describe('splitScenarioCached', () => {
  it('should split exactly as splitScenario, again and again, also scenarios derived from one params object', () => {
    for (const s of SCENARIOS) {
      expect(Object.isFrozen(s.params)).toBe(true); // generated params are deeply frozen: the cached path
      const derived = { ...s, insuranceFund: '0' };
      for (const x of [s, s, derived, derived]) expect(splitScenarioCached(x)).toEqual(splitScenario(x));
    }
  });

  it('should write a params object that is not frozen anew every time, so a mutation is sent', () => {
    const s = structuredClone(SCENARIOS[0]!) as { params: { quoteScale: number } };
    const before = splitScenarioCached(s)!.paramsJson;
    s.params.quoteScale += 1;
    const after = splitScenarioCached(s)!.paramsJson;
    expect(after).not.toBe(before);
    expect(JSON.parse(after)).toEqual(s.params);
  });

  it('should still send inline what splitScenario sends inline, around a params object already cached', () => {
    const s = SCENARIOS[1]!;
    splitScenarioCached(s);
    const odd = [{ ...s, toJSON: () => 'x' }, Object.assign(Object.create({ inherited: 1 }) as object, s)];
    for (const x of odd) expect(splitScenarioCached(x)).toEqual(splitScenario(x));
    expect(splitScenarioCached(odd[0])).toBeNull();
  });
});
