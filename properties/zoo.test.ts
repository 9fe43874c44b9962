/**
 * The zoo of deliberately wrong engines: evidence that every invariant of the catalog can fail.
 *
 * For each zoo engine and each id it claims to violate, the catalog is run on generated scenarios
 * until a violation of that id shows up on a scenario where the reference has none of that id
 * (so a detection is always the engine's bug, never a weakness of the check). The reference itself
 * must come out clean, and every catalog id must be demonstrated by some engine or bad params set.
 *
 * Seed: `LIQCHECK_SEED` when set (vitest.config.ts sets a random one per run unless given),
 * else 20261125. Printed on every failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZOO_SEED } from './profile.ts';
import { defaultParams, riskParams, scenario, singlePositionScenario } from '../src/arbitraries/index.ts';
import { defaultRunScenarios, RUN_MARKET_IDS } from '../src/arbitraries/defaultRun.ts';
import { CATALOG, INVERSE_ONLY, MULTI_ASSET_ONLY, PARAMS_CATALOG } from '../src/invariants/catalog.ts';
import { INVERSE_ZOO } from '../src/zoo/inverse/index.ts';
import { MULTI_ASSET_ZOO } from '../src/zoo/multiAsset/index.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import { checkParams } from '../src/invariants/checkParams.ts';
import type { Violation } from '../src/invariants/invariant.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';
import { REFERENCE_POLICY } from '../src/policy/policy.ts';
import { judgedBy, promisesOf } from '../src/policy/promises.ts';
import { BAD_PARAMS } from '../src/zoo/badParams.ts';
import { ZOO, type ZooEntry } from '../src/zoo/index.ts';

const SEED = ZOO_SEED;
const replay = (name: string): string => `LIQCHECK_SEED=${SEED} npx vitest run properties/zoo.test.ts -t ${JSON.stringify(name)}`;

/** Most scenarios tried before concluding that an engine does not violate an id. */
const MAX_SCENARIOS = 500;
/** Scenarios per shape the reference must pass. */
const REFERENCE_SCENARIOS = 300;

/** Scenario shapes; each zoo demonstration uses the one best suited to surface its bug. */
const SHAPES = {
  any: scenario(),
  single: singlePositionScenario(),
  crossMulti: scenario({ positions: { min: 2, max: 3 }, margin: 'cross' }),
  mixed: scenario({ positions: { min: 2, max: 3 }, margin: 'mixed' }),
  strict: scenario({ params: riskParams({ trigger: 'strict' }) }),
  inclusive: scenario({ params: riskParams({ trigger: 'inclusive' }) }),
  /** penalties below every maintenance rate: partial closes are possible */
  partial: scenario({ params: riskParams({ penalty: 'below' }) }),
  /** partial closes possible and a dust threshold, so a reduction can land below it */
  dust: scenario({ params: riskParams({ penalty: 'below' }).filter((p) => p.dustNotional !== '0') }),
  /** the domain of LIQ-015: one position, no price impact, amounts exact at a fine quote scale */
  shock: singlePositionScenario({ params: riskParams({ priceImpact: false, quoteScale: { min: 6, max: 8 } }) }),
  /** what `liqcheck check` generates by default */
  defaultRun: defaultRunScenarios(),
  /** cross accounts of three to eight positions over four to eight markets */
  large: scenario({ params: riskParams({ marketIds: RUN_MARKET_IDS, markets: { min: 4, max: 8 } }), positions: { min: 3, max: 8 }, margin: 'cross' }),
  /** cross accounts of two positions or more, with equal notionals drawn on purpose */
  ties: scenario({ params: riskParams({ marketIds: RUN_MARKET_IDS, markets: { min: 2, max: 8 } }), positions: { min: 2, max: 8 }, margin: 'cross', ties: true }),
} satisfies Record<string, fc.Arbitrary<Scenario>>;
type Shape = keyof typeof SHAPES;

/**
 * How each demonstration hunts, `engine/id` → the scenario shape (default `any`) and ids the same
 * scenario must NOT also violate, when a cleaner witness is wanted (e.g. tierOffByOne's LIQ-003
 * as a partial close that stops short, not as a group left untouched).
 */
const DEMO: Readonly<Record<string, { readonly shape: Shape; readonly without?: readonly string[] }>> = {
  'oneLotShort/LIQ-003': { shape: 'partial' },
  'roundedToNearest/LIQ-003': { shape: 'partial' },
  'oneLotMore/LIQ-004': { shape: 'partial' },
  'alwaysFull/LIQ-004': { shape: 'partial' },
  'triggerSwapped/LIQ-001': { shape: 'strict' },
  'triggerSwapped/LIQ-002': { shape: 'inclusive' },
  'tierOffByOne/LIQ-003': { shape: 'any', without: ['LIQ-002'] },
  'inputOrder/LIQ-014': { shape: 'crossMulti' },
  'inputOrder/LIQ-004': { shape: 'crossMulti' },
  'givesUpUnderwater/LIQ-015': { shape: 'shock' },
  'ignoresDust/LIQ-009': { shape: 'dust' },
  'strictOnly/LIQ-002': { shape: 'inclusive' },
  'largestThenInputOrder/LIQ-004': { shape: 'large' },
  'largestThenInputOrder/LIQ-014': { shape: 'large' },
  'tieByLocale/LIQ-004': { shape: 'ties' },
  'ratioTowardZero/LIQ-017': { shape: 'defaultRun' },
};

const referenceIds = (sc: Scenario): Set<string> => new Set(checkCase(liquidate, sc).violations.map((v) => v.invariant));

/** ids demonstrated by the tests that ran, for the coverage matrix */
const demonstrated = new Set<string>();

interface Detection {
  readonly scenarios: number;
  readonly violation: Violation;
  readonly scenario: Scenario;
}

/** First generated scenario on which `engine` violates `id` and the reference does not. */
function hunt(z: ZooEntry, id: string, shape: Shape, without: readonly string[]): Detection | null {
  let found: Detection | null = null;
  let tried = 0;
  fc.check(
    fc.property(SHAPES[shape], (sc) => {
      tried++;
      const vs = checkCase(z.engine, sc).violations;
      const hit = vs.find((v) => v.invariant === id);
      if (hit === undefined || vs.some((v) => without.includes(v.invariant)) || referenceIds(sc).has(id)) return true;
      found = { scenarios: 0, violation: hit, scenario: sc };
      return false;
    }),
    { seed: SEED, numRuns: MAX_SCENARIOS, endOnFailure: true },
  );
  return found === null ? null : { ...(found as Detection), scenarios: tried };
}

describe(`zoo: every wrong engine is caught (LIQCHECK_SEED=${SEED})`, () => {
  for (const z of ZOO) {
    for (const id of z.violates) {
      const { shape, without = [] } = DEMO[`${z.name}/${id}`] ?? { shape: 'any' };
      const name = `${z.name} violates ${id}`;
      it(name, () => {
        const d = hunt(z, id, shape, without);
        expect(
          d,
          `${z.name} (${z.bug}) showed no ${id} violation in ${MAX_SCENARIOS} '${shape}' scenarios.\nReplay: ${replay(name)}`,
        ).not.toBeNull();
        demonstrated.add(id);
        const first = d!.violation.message.split('\n')[0]!;
        console.log(`[zoo] ${z.name.padEnd(18)} ${id} after ${String(d!.scenarios).padStart(3)} '${shape}' scenario(s): ${first.slice(0, 220)}`);
      });
    }
  }
});

describe(`zoo: the reference is clean (LIQCHECK_SEED=${SEED})`, () => {
  for (const shape of Object.keys(SHAPES) as Shape[]) {
    const name = `reference on '${shape}' scenarios`;
    it(name, () => {
      const details = fc.check(
        fc.property(SHAPES[shape], (sc) => {
          const real = checkCase(liquidate, sc).violations;
          if (real.length > 0) throw new Error(real.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
        }),
        { seed: SEED, numRuns: REFERENCE_SCENARIOS, endOnFailure: true },
      );
      if (details.failed) {
        const sc = JSON.stringify(details.counterexample?.[0]);
        throw new Error(`the reference violates the catalog:\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\nscenario: ${sc}\nReplay: ${replay(name)}`);
      }
    });
  }
});

describe('zoo: coverage matrix', () => {
  it('every catalog id is claimed by some zoo engine, every params id by some bad params set', () => {
    // Inverse-only ids (spec §12.8) are claimed by the inverse zoo and shown in properties/inverseZoo.test.ts.
    // Multi-asset-only ids (spec §13.6) likewise by the multi-asset zoo (properties/multiAssetZoo.test.ts).
    const claimed = new Set([...ZOO.flatMap((z) => z.violates), ...INVERSE_ZOO.flatMap((z) => z.violates).filter((id) => INVERSE_ONLY.has(id)), ...MULTI_ASSET_ZOO.flatMap((z) => z.violates).filter((id) => MULTI_ASSET_ONLY.has(id))]);
    // Ids the reference policy does not judge are claimed by the policy zoo (properties/policyZoo.test.ts).
    const missing = judgedBy(CATALOG, promisesOf(REFERENCE_POLICY)).judged.map((i) => i.id).filter((id) => !claimed.has(id));
    expect(missing, 'catalog ids no zoo engine violates').toEqual([]);
    const paramsClaimed = new Set(BAD_PARAMS.map((b) => b.violates));
    expect(PARAMS_CATALOG.map((i) => i.id).filter((id) => !paramsClaimed.has(id)), 'params ids no bad set violates').toEqual([]);
    // Claims are only claims: the demonstrations above must have shown each of them.
    // (Skipped when a -t filter ran none of them.)
    if (demonstrated.size > 0) {
      expect(judgedBy(CATALOG, promisesOf(REFERENCE_POLICY)).judged.map((i) => i.id).filter((id) => !demonstrated.has(id) && !INVERSE_ONLY.has(id) && !MULTI_ASSET_ONLY.has(id)), `catalog ids not demonstrated (replay: ${replay('zoo')})`).toEqual([]);
    }
    const rows = CATALOG.map((i) => `${i.id} ← ${ZOO.filter((z) => z.violates.includes(i.id)).map((z) => z.name).join(', ')}`);
    console.log(`[zoo] coverage:\n  ${rows.join('\n  ')}`);
  });
});

describe('zoo: bad risk parameters', () => {
  for (const b of BAD_PARAMS) {
    it(`${b.name} is flagged ${b.violates}`, () => {
      const found = checkParams(b.params);
      expect(found.map((v) => v.invariant), b.bug).toContain(b.violates);
      // Nothing else than what the one change is documented to break.
      expect(new Set(found.map((v) => v.invariant))).toEqual(new Set([b.violates, ...(b.alsoViolates ?? [])]));
      console.log(`[zoo] ${b.name} → ${b.violates}: ${found.find((v) => v.invariant === b.violates)!.message}`);
    });
  }
  it('defaultParams (the base of every bad set) passes every params invariant', () => {
    expect(checkParams(defaultParams)).toEqual([]);
  });
});
