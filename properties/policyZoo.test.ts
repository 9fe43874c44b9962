/**
 * The policy zoo (src/zoo/policy/): deliberately wrong engines that declare a policy other than
 * minimal-close. For each engine and each id it claims, the invariants its declared policy
 * promises enough for (spec §10.7) are run on scenarios under that policy until a violation of the
 * id shows up on a scenario where the reference under the same policy has none. The reference must
 * come out clean under every policy of the zoo, and every catalog id that presumes a promise the
 * reference policy does not make must be demonstrated here.
 *
 * Seed: `LIQCHECK_SEED` when set, else 20261125. Printed on every failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZOO_SEED } from './profile.ts';
import { riskParams, scenario, singlePositionScenario } from '../src/arbitraries/index.ts';
import { scenariosUnder } from '../src/arbitraries/policyScenario.ts';
import { CATALOG } from '../src/invariants/catalog.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import type { Invariant } from '../src/invariants/invariant.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';
import { parsePolicy } from '../src/policy/parsePolicy.ts';
import { REFERENCE_POLICY } from '../src/policy/policy.ts';
import { judgedBy, promisesOf } from '../src/policy/promises.ts';
import type { Policy } from '../src/wire/policy.ts';
import { POLICY_ZOO } from '../src/zoo/policy/index.ts';
import type { PolicyZooShape } from '../src/zoo/policy/policyZooEntry.ts';

const SEED = ZOO_SEED;
const replay = (name: string): string => `LIQCHECK_SEED=${SEED} npx vitest run properties/policyZoo.test.ts -t ${JSON.stringify(name)}`;

const MAX_SCENARIOS = 500;
const REFERENCE_SCENARIOS = 300;

const SHAPES: Readonly<Record<PolicyZooShape, fc.Arbitrary<Scenario>>> = {
  any: scenario(),
  single: singlePositionScenario(),
  partial: scenario({ params: riskParams({ penalty: 'below' }) }),
  crossMulti: scenario({ positions: { min: 2, max: 3 }, margin: 'cross' }),
  mixed: scenario({ positions: { min: 2, max: 3 }, margin: 'mixed' }),
};

function under(policy: Policy, shape: PolicyZooShape): { readonly scenarios: fc.Arbitrary<Scenario>; readonly invariants: readonly Invariant[] } {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) throw new Error(`a zoo policy is invalid: ${JSON.stringify(parsed.issues)}`);
  return { scenarios: scenariosUnder(parsed.value, policy, SHAPES[shape]), invariants: judgedBy(CATALOG, promisesOf(parsed.value)).judged };
}

const demonstrated = new Set<string>();

describe(`policy zoo: every wrong engine is caught (LIQCHECK_SEED=${SEED})`, () => {
  for (const z of POLICY_ZOO) {
    for (const id of z.violates) {
      const name = `${z.name} violates ${id}`;
      it(name, () => {
        const { scenarios, invariants } = under(z.policy, z.shape ?? 'any');
        expect(invariants.map((i) => i.id), `${id} is not judged under ${JSON.stringify(z.policy)}`).toContain(id);
        let found: { message: string; tried: number } | null = null;
        let tried = 0;
        fc.check(
          fc.property(scenarios, (sc) => {
            tried++;
            const hit = checkCase(z.engine, sc, { invariants }).violations.find((v) => v.invariant === id);
            if (hit === undefined) return true;
            if (checkCase(liquidate, sc, { invariants }).violations.some((v) => v.invariant === id)) return true;
            found = { message: hit.message, tried };
            return false;
          }),
          { seed: SEED, numRuns: MAX_SCENARIOS, endOnFailure: true },
        );
        expect(found, `${z.name} (${z.bug}) showed no ${id} violation in ${MAX_SCENARIOS} scenarios.\nReplay: ${replay(name)}`).not.toBeNull();
        demonstrated.add(id);
        const f = found as unknown as { message: string; tried: number };
        console.log(`[policy zoo] ${z.name.padEnd(24)} ${id} after ${String(f.tried).padStart(3)} scenario(s): ${f.message.split('\n')[0]!.slice(0, 200)}`);
      });
    }
  }
});

describe(`policy zoo: the reference is clean under every zoo policy (LIQCHECK_SEED=${SEED})`, () => {
  const policies = new Map<string, Policy>();
  for (const z of POLICY_ZOO) policies.set(JSON.stringify(z.policy), z.policy);
  for (const [key, policy] of policies) {
    for (const shape of ['any', 'partial'] as const) {
      const name = `reference under ${key} on '${shape}' scenarios`;
      it(name, () => {
        const { scenarios, invariants } = under(policy, shape);
        const details = fc.check(
          fc.property(scenarios, (sc) => {
            const real = checkCase(liquidate, sc, { invariants }).violations;
            if (real.length > 0) throw new Error(real.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
          }),
          { seed: SEED, numRuns: REFERENCE_SCENARIOS, endOnFailure: true },
        );
        if (details.failed) {
          const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          throw new Error(`the reference violates the catalog under ${key}:\n${why}\nscenario: ${JSON.stringify(details.counterexample?.[0])}\nReplay: ${replay(name)}`);
        }
      });
    }
  }
});

describe('policy zoo: coverage', () => {
  it('every catalog id the reference policy does not judge is claimed by a policy zoo engine', () => {
    const notByReference = judgedBy(CATALOG, promisesOf(REFERENCE_POLICY)).notJudged.map((n) => n.id);
    const claimed = new Set(POLICY_ZOO.flatMap((z) => z.violates));
    expect(notByReference.filter((id) => !claimed.has(id)), 'ids only other policies judge, with no wrong engine').toEqual([]);
    if (demonstrated.size > 0) expect([...claimed].filter((id) => !demonstrated.has(id)), `claimed but not shown (replay: ${replay('policy zoo')})`).toEqual([]);
  });
});
