/**
 * Every invariant of the catalog holds on the reference model, over generated scenarios near the
 * liquidation boundary: single positions, multi-position cross accounts, isolated and mixed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../src/arbitraries/scenario.ts';
import { CATALOG, INVERSE_ONLY, MULTI_ASSET_ONLY } from '../src/invariants/catalog.ts';
import { REFERENCE_POLICY } from '../src/policy/policy.ts';
import { judgedBy, promisesOf } from '../src/policy/promises.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';
import { params } from './profile.ts';

const FILE = 'properties/catalog.test.ts';

const scenarios: fc.Arbitrary<Scenario> = fc.oneof(
  scenario({ positions: { min: 1, max: 1 }, margin: 'cross' }),
  scenario({ positions: { min: 2, max: 8 }, margin: 'cross' }),
  scenario({ positions: { min: 1, max: 4 }, margin: 'mixed' }),
);

describe('catalog on the reference model', () => {
  // The invariants only other policies promise enough for are shown under them: properties/policyZoo.test.ts.
  // Inverse-only ids (spec §12.8) have no linear case: properties/inverseZoo.test.ts shows them in their domain.
  // So have multi-asset-only ids (spec §13.6): properties/multiAssetZoo.test.ts.
  for (const inv of judgedBy(CATALOG, promisesOf(REFERENCE_POLICY)).judged.filter((i) => !INVERSE_ONLY.has(i.id) && !MULTI_ASSET_ONLY.has(i.id))) {
    const name = `${inv.id} ${inv.title}`;
    it(name, () => {
      let inDomain = 0;
      fc.assert(
        fc.property(scenarios, (s) => {
          const r = checkCase(liquidate, s, { invariants: [inv] });
          if (r.checked.includes(inv.id)) inDomain++;
          const mine = r.violations.filter((v) => v.invariant === inv.id || v.invariant === 'LIQ-000');
          if (mine.length > 0) throw new Error(mine.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
          if (r.engineFailure) throw new Error(`the reference gave no answer: ${r.engineFailure.error.message}`);
        }),
        params(FILE, name),
      );
      console.log(`${inv.id}: in domain for ${inDomain} generated cases (shrinking included)`);
      // A property that never reaches its domain proves nothing.
      expect(inDomain, `${inv.id} was never in its domain`).toBeGreaterThan(0);
    });
  }
});
