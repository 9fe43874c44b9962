/**
 * The lending zoo (src/lending/zoo/): evidence that every invariant of the lending catalog
 * (src/lending/invariants/, spec §11) can fail.
 *
 * For each wrong engine and each id it claims, generated lending scenarios (the boundary-biased
 * `lendingScenario()` of src/lending/arbitraries/) are tried until the engine violates that id on a
 * scenario where the reference violates nothing, so a detection is always the engine's bug and
 * never a weakness of the check. The reference must come out clean on every shape, the zoo's
 * plumbing with nothing swapped (the reference's own steps, src/lending/lendingSteps.ts) must
 * answer exactly as the reference does (so a zoo engine differs from it by its one change only),
 * and every LND id must be claimed and demonstrated.
 *
 * Seed: `LIQCHECK_SEED` when set, else the fixed zoo seed (properties/profile.ts). Printed on
 * every failure with the one command that replays it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZOO_SEED } from './profile.ts';
import { lendingScenario } from '../src/lending/arbitraries/lendingScenario.ts';
import { LENDING_CATALOG, LENDING_WELL_FORMED } from '../src/lending/invariants/catalog.ts';
import { checkLendingCase } from '../src/lending/invariants/checkLendingCase.ts';
import type { LendingEngine } from '../src/lending/invariants/invariant.ts';
import { sortedJson } from '../src/lending/invariants/sameResult.ts';
import { liquidateLending } from '../src/lending/liquidateLending.ts';
import { LENDING_ZOO, type LendingZooEntry } from '../src/lending/zoo/index.ts';
import { lendingEngineWith, withAsset } from '../src/lending/zoo/support.ts';
import { MORPHO, USDC_LOAN, WETH, aaveScenario, compoundScenario } from '../src/lending/__support__/workedExamples.ts';
import { absorb } from '../src/lending/absorb.ts';
import { FONE } from '../src/model/fixed.ts';
import type { Violation } from '../src/invariants/invariant.ts';
import type { LendingScenario } from '../src/wire/lending.ts';

const SEED = ZOO_SEED;
const FILE = 'properties/lendingZoo.test.ts';
const replay = (name: string): string => `LIQCHECK_SEED=${SEED} npx vitest run ${FILE} -t ${JSON.stringify(name)}`;

/** Most scenarios tried before concluding that an engine does not violate an id. */
const MAX_SCENARIOS = 1500;
/** Scenarios per shape the reference must pass. */
const REFERENCE_SCENARIOS = 300;

const SHAPES = {
  /** every rule form, health factors drawn at the boundaries */
  any: lendingScenario(),
  /** the close-factor forms (Aave v3.0, v3.3, Morpho) */
  closeFactor: lendingScenario({ rules: ['aave-v3.0', 'aave-v3.3', 'morpho'] }),
  /** Compound v3's absorb */
  absorb: lendingScenario({ rules: ['absorb'] }),
  /**
   * the close-factor forms under a venue's rounding order (spec §11.5: `"aave"`, `"morpho"`), set
   * here because the generator leaves `rounding` absent (`"exact"`)
   */
  venueRounding: fc
    .tuple(lendingScenario({ rules: ['aave-v3.0', 'aave-v3.3', 'morpho'] }), fc.constantFrom('aave' as const, 'morpho' as const))
    .map(([sc, rounding]) => (sc.params.rules.kind === 'close-factor' ? { ...sc, params: { ...sc.params, rules: { ...sc.params.rules, rounding } } } : sc)),
  /** Aave v3.3 accounts of two debts or more: a deficit then writes off several borrows */
  multiDebt: lendingScenario({ rules: ['aave-v3.3'] }).filter((sc) => Object.keys(sc.account.borrows).length >= 2),
} satisfies Record<string, fc.Arbitrary<LendingScenario>>;
type Shape = keyof typeof SHAPES;

/** The shape each demonstration hunts on, `engine/id` → shape (default `any`). */
const DEMO: Readonly<Record<string, Shape>> = {
  'absorbNegativeSupply/LND-007': 'absorb',
  'bonusOfDebtAsset/LND-010': 'closeFactor',
  'deficitFirstBorrow/LND-012': 'multiDebt',
  'deficitFirstBorrow/LND-009': 'multiDebt',
};

const referenceViolations = (sc: LendingScenario): readonly Violation[] => checkLendingCase(liquidateLending, sc).violations;

/** ids demonstrated by the tests that ran, for the coverage matrix */
const demonstrated = new Set<string>();

interface Detection {
  readonly scenarios: number;
  readonly violation: Violation;
}

/** First generated scenario on which `z` violates `id` while the reference is clean. */
function hunt(z: LendingZooEntry, id: string, shape: Shape): Detection | null {
  let found: Violation | null = null;
  let tried = 0;
  fc.check(
    fc.property(SHAPES[shape], (sc) => {
      tried++;
      const hit = checkLendingCase(z.engine, sc).violations.find((v) => v.invariant === id);
      if (hit === undefined || referenceViolations(sc).length > 0) return true;
      found = hit;
      return false;
    }),
    { seed: SEED, numRuns: MAX_SCENARIOS, endOnFailure: true },
  );
  return found === null ? null : { scenarios: tried, violation: found };
}

describe(`lending zoo: every wrong engine is caught (LIQCHECK_SEED=${SEED})`, () => {
  for (const z of LENDING_ZOO) {
    for (const id of z.violates) {
      const shape = DEMO[`${z.name}/${id}`] ?? 'any';
      const name = `${z.name} violates ${id}`;
      it(name, () => {
        const d = hunt(z, id, shape);
        expect(d, `${z.name} (${z.bug}) showed no ${id} violation in ${MAX_SCENARIOS} '${shape}' scenarios.\nReplay: ${replay(name)}`).not.toBeNull();
        demonstrated.add(id);
        console.log(`[lending zoo] ${z.name.padEnd(26)} ${id} after ${String(d!.scenarios).padStart(4)} '${shape}' scenario(s): ${d!.violation.message.slice(0, 200)}`);
      });
    }
  }
});

describe(`lending zoo: the reference is clean (LIQCHECK_SEED=${SEED})`, () => {
  for (const shape of Object.keys(SHAPES) as Shape[]) {
    const name = `reference on '${shape}' scenarios`;
    it(name, () => {
      const statuses = new Map<string, number>();
      const details = fc.check(
        fc.property(SHAPES[shape], (sc) => {
          const report = checkLendingCase(liquidateLending, sc);
          if (report.engineFailure !== undefined) throw new Error(`the reference threw: ${report.engineFailure}`);
          if (report.violations.length > 0) throw new Error(report.violations.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
          const status = report.outcome.ok ? report.outcome.result.status : 'error';
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }),
        { seed: SEED, numRuns: REFERENCE_SCENARIOS, endOnFailure: true },
      );
      if (details.failed) {
        const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`the reference violates the lending catalog:\n${why}\nscenario: ${JSON.stringify(details.counterexample?.[0])}\nReplay: ${replay(name)}`);
      }
      console.log(`[lending zoo] reference on '${shape}': ${[...statuses].map(([k, n]) => `${k} ${n}`).join(', ')}`);
      // A shape that never liquidates would make the hunts on it vacuous.
      expect(statuses.get('liquidated') ?? 0, `'${shape}' scenarios never reach a liquidation`).toBeGreaterThan(0);
    });
  }
});

describe('lending zoo: nothing swapped is the reference', () => {
  it('lendingEngineWith({}) answers every generated scenario exactly as liquidateLending', () => {
    const same = lendingEngineWith({});
    fc.assert(
      fc.property(fc.oneof(SHAPES.any, SHAPES.venueRounding), (sc) => {
        expect(sortedJson(same(sc))).toBe(sortedJson(liquidateLending(sc)));
      }),
      { seed: SEED, numRuns: REFERENCE_SCENARIOS },
    );
  });
});

describe('lending zoo: coverage matrix', () => {
  it('every LND id is claimed by some zoo engine, and every claim that ran was demonstrated', () => {
    const claimed = new Set(LENDING_ZOO.flatMap((z) => z.violates));
    const ids = LENDING_CATALOG.map((i) => i.id);
    expect(ids.filter((id) => !claimed.has(id)), 'LND ids no lending zoo engine violates').toEqual([]);
    expect([...claimed].filter((id) => !ids.includes(id)), 'claims of ids the catalog does not have').toEqual([]);
    // Skipped when a -t filter ran none of the demonstrations.
    if (demonstrated.size > 0) expect(ids.filter((id) => !demonstrated.has(id)), `LND ids not demonstrated (replay: ${replay('lending zoo')})`).toEqual([]);
    console.log(`[lending zoo] coverage:\n  ${LENDING_CATALOG.map((i) => `${i.id} ← ${LENDING_ZOO.filter((z) => z.violates.includes(i.id)).map((z) => z.name).join(', ')}`).join('\n  ')}`);
  });

  it('catalog ids are LND-001… in order, unique, and each names a §11 anchor of docs/spec.md', () => {
    const ids = LENDING_CATALOG.map((i) => i.id);
    expect(ids).toEqual(ids.map((_, k) => `LND-${String(k + 1).padStart(3, '0')}`));
    const spec = readFileSync(join(import.meta.dirname, '..', 'docs', 'spec.md'), 'utf8');
    const anchors = new Set([...spec.matchAll(/^#{2,4} (.+)$/gm)].map((m) => `#${m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-')}`));
    for (const inv of [...LENDING_CATALOG, LENDING_WELL_FORMED]) {
      expect(anchors.has(inv.spec), `${inv.id}: ${inv.spec} is not a heading of docs/spec.md`).toBe(true);
      expect(inv.spec.startsWith('#11'), `${inv.id}: ${inv.spec} is not in §11`).toBe(true);
    }
  });
});

describe('lending catalog: an engine that gives no result', () => {
  // A Morpho-style account, hand-written: 1 WETH at 2000 (LLTV 0.86) against 1800 USDC, HF 0.955 < 1.
  const scenario: LendingScenario = aaveScenario({
    assets: { WETH: { ...WETH, liquidationThreshold: '0.86', liquidationBonus: '1.0438', protocolFee: '0' }, USDC: USDC_LOAN },
    rules: MORPHO,
    supplies: { WETH: '1' },
    borrows: { USDC: '1800' },
    debtToCover: '100',
  });

  it('the hand-written scenario is valid and the reference is clean on it', () => {
    const report = checkLendingCase(liquidateLending, scenario);
    expect(report.outcome.ok).toBe(true);
    expect(report.violations).toEqual([]);
  });

  it('an error answer to a valid scenario is LND-000, and nothing else is judged', () => {
    const refuses: LendingEngine = () => ({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'request', expected: 'something else', received: 'this' }] } });
    const report = checkLendingCase(refuses, scenario);
    expect(report.violations.map((v) => v.invariant)).toEqual(['LND-000']);
    expect(report.violations[0]!.message).toContain('request: something else');
  });

  it('a result with an amount that is not a decimal string is LND-000', () => {
    const garbles: LendingEngine = (sc) => {
      const o = liquidateLending(sc);
      return o.ok ? { ok: true, result: { ...o.result, seized: { WETH: '1e-3' } } } : o;
    };
    const report = checkLendingCase(garbles, scenario);
    expect(report.violations.map((v) => v.invariant)).toEqual(['LND-000']);
    expect(report.violations[0]!.message).toContain('seized["WETH"]');
  });

  // LND-000 promises the documented shape (spec §11.10: canonical decimals, non-zero entries,
  // `reason` iff reverted), as LIQ-000 does for perps: without --impl no LREF-001 would catch these.
  const reshaped = (change: (r: Record<string, unknown>) => Record<string, unknown>): LendingEngine => (sc) => {
    const o = liquidateLending(sc);
    return o.ok ? { ok: true, result: change({ ...o.result }) as never } : o;
  };
  it.each([
    ['an extra key', (r: Record<string, unknown>) => ({ ...r, bonus: '1' }), 'bonus'],
    ['a non-canonical decimal', (r: Record<string, unknown>) => ({ ...r, repaid: { USDC: '100.0' } }), 'repaid["USDC"]'],
    ['a zero entry', (r: Record<string, unknown>) => ({ ...r, deficit: { USDC: '0' } }), 'deficit["USDC"]'],
    ['no healthBefore', (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'healthBefore')), 'healthBefore'],
    ['a reason on a liquidated result', (r: Record<string, unknown>) => ({ ...r, reason: 'must-not-leave-dust' }), 'reason'],
  ])('a result with %s is LND-000', (_what, change, path) => {
    expect(liquidateLending(scenario).ok && liquidateLending(scenario)).toMatchObject({ result: { status: 'liquidated' } });
    const report = checkLendingCase(reshaped(change), scenario);
    expect(report.violations.map((v) => v.invariant)).toEqual(['LND-000']);
    expect(report.violations[0]!.message).toContain(path);
  });

  it('a dust revert of a call that leaves no dust is LND-008', () => {
    // Hand-computed, not a published vector: §11.2's account under Aave v3.3 (λ = 1000), 5,000 USDC
    // offered: HF 0.97 > 0.95 and both reserves ≥ 2000, so M = 8500 and r = 5000; s* = 5000 · 1.05 /
    // 2000 = 2.625 < 10 WETH; left: 12,000 USDC and 7.375 WETH = 14,750, both ≥ 1000 — no dust.
    const noDust = aaveScenario({ debtToCover: '5000' });
    const revertsAlways = lendingEngineWith({ leavesDust: () => true });
    expect(checkLendingCase(liquidateLending, noDust).violations).toEqual([]);
    const report = checkLendingCase(revertsAlways, noDust);
    expect(report.violations.map((v) => v.invariant)).toEqual(['LND-008']);
    expect(report.violations[0]!.message).toContain('leaves no dust');
    // §11.7's own revert (WETH 1900, 16,500 USDC: 500 USDC left < 1000) stays unflagged.
    const dust = aaveScenario({ wethPrice: '1900', debtToCover: '16500' });
    expect(liquidateLending(dust)).toMatchObject({ ok: true, result: { status: 'reverted' } });
    expect(checkLendingCase(liquidateLending, dust).violations).toEqual([]);
  });

  it('an absorb that leaves collateral on the account is LND-004', () => {
    // Hand-computed (§11.9's example): 1 WETH at 2000 (LT 0.9) against 1,850 USDC, W = 1800 < 1850,
    // absorbed; Comet seizes the 1 WETH. This engine credits as absorb does but keeps the WETH.
    const sc = compoundScenario('2000');
    const keepsCollateral = lendingEngineWith({
      absorb: (market, account, reserves) => {
        const a = absorb(market, account, reserves);
        return { ...a, seized: new Map(), account: { ...a.account, supplies: new Map([...account.supplies, ...a.account.supplies]) } };
      },
    });
    expect(checkLendingCase(liquidateLending, sc).violations).toEqual([]);
    const report = checkLendingCase(keepsCollateral, sc);
    expect(report.violations.map((v) => v.invariant)).toEqual(['LND-004']);
    expect(report.violations[0]!.message).toContain('the whole collateral supply 1');
  });

  it('an absorb that credits the full value, not value × liquidationFactor, is LND-006', () => {
    // Hand-computed (§11.9's example): the credit is ⌊2000 · 0.95⌋ = 1900 USDC, 50 above the
    // 1,850 debt. Crediting at LF = 1 gives 2000 (a supply of 150), which the reserves pay
    // consistently, so only the credit itself is wrong.
    const sc = compoundScenario('2000');
    const fullCredit = lendingEngineWith({ absorb: (market, account, reserves) => absorb(withAsset(market, 'WETH', { liquidationFactor: FONE }), account, reserves) });
    expect(checkLendingCase(liquidateLending, sc).violations).toEqual([]);
    const report = checkLendingCase(fullCredit, sc);
    expect(report.violations.map((v) => v.invariant)).toEqual(['LND-006']);
    expect(report.violations[0]!.message).toContain('absorb credit of USDC');
  });

  it('an engine that throws is an engine failure, not a violation', () => {
    const report = checkLendingCase(() => {
      throw new Error('boom');
    }, scenario);
    expect(report.engineFailure).toBe('boom');
    expect(report.violations).toEqual([]);
  });
});
