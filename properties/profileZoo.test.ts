/**
 * The zoo's matrix per venue profile (issue 12, item 4): under every shipped profile
 * (profiles/*.json, read through profileList(), so a new profile is covered — or fails the
 * coverage test — without editing this file), every invariant its policy is judged by (spec
 * §10.7) is violated by some deliberately wrong engine that follows the profile's policy apart
 * from its one bug, on a scenario under the profile (its params, its policy stamped in by
 * scenariosUnder, books and requests drawn as its parts need) where the reference is clean.
 *
 * The claims are data, src/zoo/profile/matrix.ts (profile → id → engine, or the reason the
 * profile's params leave the id's domain empty); the engines come from the base zoo (src/zoo/),
 * the policy zoo (src/zoo/policy/) and the profile zoo (src/zoo/profile/). Each hunt runs only the
 * invariant it hunts, so the file stays cheap.
 *
 * The matrix (src/zoo/profile/matrix.ts `renderMatrix`; the coverage test checks that this block
 * still is its rendering). `[shape]` is the scenario shape hunted on when not 'any'; `(empty: …)`
 * an id whose domain the profile's params leave empty, checked on the params. Engines by zoo —
 * base (src/zoo/): tierOffByOne, negativeCollateral, insuranceIgnored, insuranceOverdrawn,
 * ratioTowardZero, impactSignFlipped, ignoresDust, quoteScaleFixed (input and result rewrites,
 * any policy) and, under drift-v2 only, triggerSwapped, givesUpUnderwater, oneLotShort, oneLotMore, shortBias,
 * positionFlipped, uncappedPenalty (decimal rule swaps); policy (src/zoo/policy/):
 * entry-valued-at-mark, bankruptcyRoundedForTrader, bookWalksWrongSide, portionRoundedDown,
 * backstopKeepsEquity, stepDownOneTooFar, requestWithoutCloseFactor (part swaps of a part the
 * profile uses); multi-asset (src/zoo/multiAsset/): haircutIgnored, overSell, sellsPastZero (spec
 * §13.6, under the multi-asset profiles); every other name is the profile zoo's (src/zoo/profile/).
 *
 * matrix:begin
 * binance-multi-assets (22 ids)
 *   LIQ-001 triggerFlipped · LIQ-002 tierOffByOne · LIQ-003 oneLotLeft
 *   LIQ-005 negativeCollateral · LIQ-006 rateFromMarginLeft · LIQ-007 residueDropped
 *   LIQ-008 sideOfPosition · LIQ-009 pnlUnrounded · LIQ-010 releasedMarginFee
 *   LIQ-011 insuranceIgnored · LIQ-012 staleMarkCache · LIQ-013 shortsValuedAtEntry
 *   LIQ-014 inputOrderUnder [crossMulti] · LIQ-016 rateFromMarginLeft · LIQ-017 tierOffByOne
 *   LIQ-018 negativeFundClamped · LIQ-020 stepDownOneTooFar · LIQ-024 bankruptcyFilledUnderMark
 *   LIQ-030 (empty: linear) · LIQ-031 haircutIgnored · LIQ-032 overSell · LIQ-033 sellsPastZero
 * binance-usdm (22 ids)
 *   LIQ-001 triggerFlipped · LIQ-002 tierOffByOne · LIQ-003 oneLotLeft
 *   LIQ-005 negativeCollateral · LIQ-006 rateFromMarginLeft · LIQ-007 residueDropped
 *   LIQ-008 sideOfPosition · LIQ-009 pnlUnrounded · LIQ-010 releasedMarginFee
 *   LIQ-011 insuranceIgnored · LIQ-012 staleMarkCache · LIQ-013 shortsValuedAtEntry
 *   LIQ-014 inputOrderUnder [crossMulti] · LIQ-016 rateFromMarginLeft · LIQ-017 tierOffByOne
 *   LIQ-018 negativeFundClamped · LIQ-020 stepDownOneTooFar · LIQ-024 bankruptcyFilledUnderMark
 *   LIQ-030 (empty: linear) · LIQ-031 (empty: single-asset) · LIQ-032 (empty: single-asset)
 *   LIQ-033 (empty: single-asset)
 * bitmex-xbtusd (23 ids)
 *   LIQ-001 triggerFlipped · LIQ-002 wholeCloseSkipped · LIQ-003 oneLotLeft
 *   LIQ-005 lossAtMarkSocialized · LIQ-006 rateFromMarginLeft · LIQ-007 quoteScaleFixed
 *   LIQ-008 sideOfPosition · LIQ-009 coinPnlUnfloored · LIQ-010 releasedMarginFee
 *   LIQ-011 lossAtMarkSocialized · LIQ-012 staleMarkCache · LIQ-013 (empty: inverse)
 *   LIQ-014 (empty: one-market) · LIQ-016 rateFromMarginLeft · LIQ-017 ratioTowardZero
 *   LIQ-018 negativeFundClamped · LIQ-021 oneLotLeft · LIQ-028 releasedMarginFee
 *   LIQ-029 bankruptcyRoundedForTrader · LIQ-030 reciprocalRounded · LIQ-031 (empty: single-asset)
 *   LIQ-032 (empty: single-asset) · LIQ-033 (empty: single-asset)
 * bybit-inverse (22 ids)
 *   LIQ-001 entry-valued-at-mark · LIQ-002 triggerFlipped · LIQ-003 oneLotLeft
 *   LIQ-005 lossAtMarkSocialized · LIQ-006 rateFromMarginLeft · LIQ-007 quoteScaleFixed
 *   LIQ-008 sideOfPosition · LIQ-009 coinPnlUnfloored · LIQ-010 releasedMarginFee
 *   LIQ-011 lossAtMarkSocialized · LIQ-012 staleMarkCache · LIQ-014 (empty: one-market)
 *   LIQ-016 rateFromMarginLeft · LIQ-017 ratioTowardZero · LIQ-018 negativeFundClamped
 *   LIQ-021 oneLotLeft · LIQ-028 releasedMarginFee · LIQ-029 bankruptcyRoundedForTrader
 *   LIQ-030 reciprocalRounded · LIQ-031 (empty: single-asset) · LIQ-032 (empty: single-asset)
 *   LIQ-033 (empty: single-asset)
 * bybit-linear (22 ids)
 *   LIQ-001 entry-valued-at-mark · LIQ-002 triggerFlipped · LIQ-003 oneLotLeft
 *   LIQ-005 lossAtMarkSocialized · LIQ-006 rateFromMarginLeft · LIQ-007 residueDropped
 *   LIQ-008 sideOfPosition · LIQ-009 pnlUnrounded · LIQ-010 releasedMarginFee
 *   LIQ-011 lossAtMarkSocialized · LIQ-012 staleMarkCache · LIQ-014 (empty: one-market)
 *   LIQ-016 rateFromMarginLeft · LIQ-017 entry-valued-at-mark · LIQ-018 negativeFundClamped
 *   LIQ-021 oneLotLeft · LIQ-028 releasedMarginFee · LIQ-029 bankruptcyRoundedForTrader
 *   LIQ-030 (empty: linear) · LIQ-031 (empty: single-asset) · LIQ-032 (empty: single-asset)
 *   LIQ-033 (empty: single-asset)
 * drift-v2 (23 ids)
 *   LIQ-001 triggerSwapped · LIQ-002 givesUpUnderwater · LIQ-003 oneLotShort · LIQ-004 oneLotMore
 *   LIQ-005 negativeCollateral · LIQ-006 shortBias · LIQ-007 residueDropped
 *   LIQ-008 positionFlipped · LIQ-009 ignoresDust · LIQ-010 uncappedPenalty
 *   LIQ-011 insuranceOverdrawn · LIQ-012 staleMarkCache · LIQ-013 shortBias
 *   LIQ-014 (empty: one-market) · LIQ-015 (empty: price-impact) · LIQ-016 rateFromMarginLeft
 *   LIQ-017 ratioTowardZero [inexact] · LIQ-018 negativeFundClamped · LIQ-024 impactSignFlipped
 *   LIQ-030 (empty: linear) · LIQ-031 (empty: single-asset) · LIQ-032 (empty: single-asset)
 *   LIQ-033 (empty: single-asset)
 * dydx-v4 (20 ids)
 *   LIQ-001 triggerFlipped · LIQ-005 lossAtMarkSocialized · LIQ-006 rateFromMarginLeft
 *   LIQ-007 residueDropped · LIQ-008 sideOfPosition · LIQ-009 pnlUnrounded
 *   LIQ-010 releasedMarginFee · LIQ-011 lossAtMarkSocialized · LIQ-012 staleMarkCache
 *   LIQ-013 shortsValuedAtEntry · LIQ-014 inputOrderUnder [crossMulti]
 *   LIQ-016 rateFromMarginLeft · LIQ-017 ratioTowardZero [inexact] · LIQ-018 negativeFundClamped
 *   LIQ-023 bookWalksWrongSide · LIQ-028 releasedMarginFee · LIQ-030 (empty: linear)
 *   LIQ-031 (empty: single-asset) · LIQ-032 (empty: single-asset) · LIQ-033 (empty: single-asset)
 * gmx-v2 (22 ids)
 *   LIQ-001 entry-valued-at-mark · LIQ-002 givesUpUnderwaterUnder · LIQ-003 oneLotLeft
 *   LIQ-005 negativeCollateral · LIQ-006 rateFromMarginLeft · LIQ-007 residueDropped
 *   LIQ-008 sideOfPosition · LIQ-009 pnlUnrounded · LIQ-010 releasedMarginFee
 *   LIQ-011 insuranceIgnored · LIQ-012 staleMarkCache · LIQ-014 inputOrderUnder [crossMulti]
 *   LIQ-015 givesUpUnderwaterUnder [single] · LIQ-016 rateFromMarginLeft
 *   LIQ-017 entry-valued-at-mark · LIQ-018 negativeFundClamped · LIQ-021 oneLotLeft
 *   LIQ-024 bankruptcyFilledUnderMark · LIQ-030 (empty: linear) · LIQ-031 (empty: single-asset)
 *   LIQ-032 (empty: single-asset) · LIQ-033 (empty: single-asset)
 * hyperliquid (22 ids)
 *   LIQ-001 triggerFlipped · LIQ-002 wholeCloseSkipped · LIQ-005 negativeCollateral
 *   LIQ-006 rateFromMarginLeft · LIQ-007 residueDropped · LIQ-008 sideOfPosition
 *   LIQ-009 pnlUnrounded · LIQ-010 releasedMarginFee · LIQ-011 insuranceIgnored
 *   LIQ-012 staleMarkCache · LIQ-013 shortsValuedAtEntry · LIQ-014 inputOrderUnder [crossMulti]
 *   LIQ-016 rateFromMarginLeft · LIQ-017 tierOffByOne · LIQ-018 negativeFundClamped
 *   LIQ-019 portionRoundedDown · LIQ-024 bankruptcyFilledUnderMark · LIQ-027 backstopKeepsEquity
 *   LIQ-030 (empty: linear) · LIQ-031 (empty: single-asset) · LIQ-032 (empty: single-asset)
 *   LIQ-033 (empty: single-asset)
 * mango-v4 (23 ids)
 *   LIQ-001 triggerFlipped · LIQ-002 wholeCloseSkipped · LIQ-003 oneLotLeft · LIQ-004 fullButLast
 *   LIQ-005 negativeCollateral · LIQ-006 rateFromMarginLeft · LIQ-007 residueDropped
 *   LIQ-008 sideOfPosition · LIQ-009 pnlUnrounded · LIQ-010 releasedMarginFee
 *   LIQ-011 insuranceIgnored · LIQ-012 staleMarkCache · LIQ-013 shortsValuedAtEntry
 *   LIQ-014 (empty: one-market) · LIQ-015 (empty: price-impact) · LIQ-016 rateFromMarginLeft
 *   LIQ-017 ratioTowardZero [inexact] · LIQ-018 negativeFundClamped · LIQ-024 impactSignFlipped
 *   LIQ-030 (empty: linear) · LIQ-031 haircutIgnored · LIQ-032 overSell · LIQ-033 sellsPastZero
 * okx-swap (22 ids)
 *   LIQ-001 initialAsMaintenance · LIQ-002 triggerFlipped · LIQ-003 tierOffByOne
 *   LIQ-005 negativeCollateral · LIQ-006 rateFromMarginLeft · LIQ-007 residueDropped
 *   LIQ-008 sideOfPosition · LIQ-009 pnlUnrounded · LIQ-010 releasedMarginFee
 *   LIQ-011 insuranceIgnored · LIQ-012 staleMarkCache · LIQ-013 shortsValuedAtEntry
 *   LIQ-014 inputOrderUnder [crossMulti] · LIQ-016 rateFromMarginLeft · LIQ-017 tierOffByOne
 *   LIQ-018 negativeFundClamped · LIQ-020 stepDownOneTooFar · LIQ-024 bankruptcyFilledUnderMark
 *   LIQ-030 (empty: linear) · LIQ-031 (empty: single-asset) · LIQ-032 (empty: single-asset)
 *   LIQ-033 (empty: single-asset)
 * perp-v2 (20 ids)
 *   LIQ-001 triggerFlipped · LIQ-005 lossAtMarkSocialized · LIQ-006 rateFromMarginLeft
 *   LIQ-007 residueDropped · LIQ-008 sideOfPosition · LIQ-009 pnlUnrounded
 *   LIQ-010 releasedMarginFee · LIQ-011 lossAtMarkSocialized · LIQ-012 staleMarkCache
 *   LIQ-013 shortsValuedAtEntry · LIQ-014 inputOrderUnder [crossMulti]
 *   LIQ-016 rateFromMarginLeft · LIQ-017 ratioTowardZero [inexact] · LIQ-018 negativeFundClamped
 *   LIQ-022 requestWithoutCloseFactor · LIQ-024 bankruptcyFilledUnderMark
 *   LIQ-030 (empty: linear) · LIQ-031 (empty: single-asset) · LIQ-032 (empty: single-asset)
 *   LIQ-033 (empty: single-asset)
 * matrix:end
 *
 * Under a multi-asset profile (params with `assets`, spec §13) every scenario drawn is a multi-asset
 * account (src/arbitraries/multiAssetAccount.ts); a test per such profile prints and bounds how many
 * hold an asset, borrow quote and have collateral sold, so its claims are shown on that region.
 *
 * Seed: `LIQCHECK_SEED` when set, else 20261125. Printed on every failure with a replay command.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZOO_SEED } from './profile.ts';
import { scenario, singlePositionScenario } from '../src/arbitraries/index.ts';
import { scenariosUnder } from '../src/arbitraries/policyScenario.ts';
import { CATALOG } from '../src/invariants/catalog.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import type { Invariant } from '../src/invariants/invariant.ts';
import { liquidate, liquidateOnDec, liquidateOnFixed } from '../src/model/liquidate.ts';
import { parseScenario } from '../src/model/parseScenario.ts';
import type { Engine, RiskParams, Scenario } from '../src/model/types.ts';
import { isReferenceParts } from '../src/policy/policy.ts';
import { judgedBy, promisesOf } from '../src/policy/promises.ts';
import { profileList } from '../src/profiles/profiles.ts';
import type { LoadedProfile } from '../src/profiles/readProfile.ts';
import { ZOO } from '../src/zoo/index.ts';
import { POLICY_ZOO } from '../src/zoo/policy/index.ts';
import { MULTI_ASSET_ZOO } from '../src/zoo/multiAsset/index.ts';
import { PROFILE_ZOO } from '../src/zoo/profile/index.ts';
import { PROFILE_MATRIX, renderMatrix, VACUOUS_IDS, type ProfileShape, type Vacuity } from '../src/zoo/profile/matrix.ts';

const SEED = ZOO_SEED;
const FILE = 'properties/profileZoo.test.ts';
const replay = (name: string): string => `LIQCHECK_SEED=${SEED} npx vitest run ${FILE} -t ${JSON.stringify(name)}`;

/** Most scenarios tried before concluding that an engine does not violate an id under a profile. */
const MAX_SCENARIOS = 500;
/** Scenarios per profile the reference must pass (the profile tests run it on many more). */
const REFERENCE_SCENARIOS = 60;
/** Scenarios per reference-parts profile on which the decimal path must equal the integer core. */
const SAME_RULES_SCENARIOS = 100;

interface Named {
  readonly engine: Engine;
  readonly bug: string;
  readonly violates: readonly string[];
  readonly zoo: 'base' | 'policy' | 'profile' | 'multi-asset';
}

/** Every zoo engine by name; a name used twice would make a claim ambiguous. */
const ENGINES: ReadonlyMap<string, Named> = (() => {
  const m = new Map<string, Named>();
  const add = (name: string, n: Named): void => {
    if (m.has(name)) throw new Error(`zoo engine name ${name} is used twice: a matrix claim would be ambiguous`);
    m.set(name, n);
  };
  for (const z of ZOO) add(z.name, { ...z, zoo: 'base' });
  for (const z of POLICY_ZOO) add(z.name, { ...z, zoo: 'policy' });
  for (const z of PROFILE_ZOO) add(z.name, { ...z, zoo: 'profile' });
  for (const z of MULTI_ASSET_ZOO) add(z.name, { ...z, zoo: 'multi-asset' });
  return m;
})();

function shapesOf(profile: LoadedProfile): Readonly<Record<ProfileShape, fc.Arbitrary<Scenario>>> {
  const params = fc.constant(profile.params);
  const under = (a: fc.Arbitrary<Scenario>) => scenariosUnder(profile.policy, profile.wire.policy, a);
  return {
    any: under(scenario({ params })),
    single: under(singlePositionScenario({ params })),
    crossMulti: under(scenario({ params, positions: { min: 2, max: 3 }, margin: 'cross' })),
    // negative margin ratios that do not terminate, where rounding toward zero differs from down (LIQ-017)
    inexact: under(scenario({ params, inexactRatios: true })),
  };
}

/** Whether `params` really leave the domain empty for the reason given. */
function holds(v: Vacuity, params: RiskParams): boolean {
  switch (v) {
    case 'one-market':
      return Object.keys(params.markets).length < 2;
    case 'price-impact':
      return params.priceImpact !== '0';
    case 'linear':
      return Object.values(params.markets).every((m) => m.contract === undefined || m.contract.kind === 'linear');
    case 'inverse':
      return Object.values(params.markets).every((m) => m.contract !== undefined && m.contract.kind === 'inverse');
    case 'single-asset':
      return (params as { readonly assets?: unknown }).assets === undefined;
  }
}

const judgedUnder = (p: LoadedProfile): Invariant[] => judgedBy(CATALOG, promisesOf(p.policy)).judged;

/** `profile/id` pairs demonstrated by the hunts that ran, for the coverage report. */
const demonstrated = new Set<string>();

for (const profile of profileList()) {
  const name = profile.wire.name;
  const claims = PROFILE_MATRIX[name] ?? {};
  const shapes = shapesOf(profile);
  describe(`profile zoo under ${name} (LIQCHECK_SEED=${SEED})`, () => {
    for (const inv of judgedUnder(profile)) {
      const claim = claims[inv.id];
      if (claim === undefined) continue; // the coverage test below names it
      if ('vacuous' in claim) {
        it(`${inv.id} has an empty domain under ${name} (${claim.vacuous})`, () => {
          expect(VACUOUS_IDS[claim.vacuous], `${claim.vacuous} does not excuse ${inv.id}`).toContain(inv.id);
          expect(holds(claim.vacuous, profile.params), `${name}'s params do not make ${inv.id} vacuous (${claim.vacuous})`).toBe(true);
          demonstrated.add(`${name}/${inv.id}`);
        });
        continue;
      }
      const shape = claim.shape ?? 'any';
      const title = `${claim.engine} violates ${inv.id} under ${name}`;
      it(title, () => {
        const z = ENGINES.get(claim.engine);
        expect(z, `matrix.ts names ${claim.engine}, which no zoo has`).toBeDefined();
        const only = { invariants: [inv] };
        let found: { message: string; tried: number } | null = null;
        let tried = 0;
        fc.check(
          fc.property(shapes[shape], (sc) => {
            tried++;
            const hit = checkCase(z!.engine, sc, only).violations.find((v) => v.invariant === inv.id);
            if (hit === undefined) return true;
            if (checkCase(liquidate, sc, only).violations.some((v) => v.invariant === inv.id)) return true;
            found = { message: hit.message, tried };
            return false;
          }),
          { seed: SEED, numRuns: MAX_SCENARIOS, endOnFailure: true },
        );
        expect(found, `${claim.engine} (${z!.bug}) showed no ${inv.id} violation in ${MAX_SCENARIOS} '${shape}' scenarios under ${name}.\nReplay: ${replay(title)}`).not.toBeNull();
        demonstrated.add(`${name}/${inv.id}`);
        const f = found as unknown as { message: string; tried: number };
        console.log(`[profile zoo] ${name.padEnd(13)} ${inv.id} ${claim.engine.padEnd(26)} after ${String(f.tried).padStart(3)} '${shape}' scenario(s): ${f.message.split('\n')[0]!.slice(0, 160)}`);
      });
    }

    it(`the reference is clean under ${name}`, () => {
      const invariants = judgedUnder(profile);
      const details = fc.check(
        fc.property(shapes.any, (sc) => {
          const real = checkCase(liquidate, sc, { invariants }).violations;
          if (real.length > 0) throw new Error(real.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
        }),
        { seed: SEED, numRuns: REFERENCE_SCENARIOS, endOnFailure: true },
      );
      if (details.failed) {
        const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`the reference violates the catalog under ${name}:\n${why}\nscenario: ${JSON.stringify(details.counterexample?.[0])}\nReplay: ${replay(`the reference is clean under ${name}`)}`);
      }
    });

    // Under a multi-asset profile (spec §13) the claims above are demonstrated on accounts whose
    // cross group holds assets, often borrows quote, and is sold from by the collateral step.
    if ((profile.params as { readonly assets?: unknown }).assets !== undefined) {
      it(`the scenarios hunted under ${name} are multi-asset accounts (distribution)`, () => {
        const xs = fc.sample(shapes.any, { seed: SEED, numRuns: REFERENCE_SCENARIOS });
        const n = { holding: 0, borrowing: 0, sold: 0, liquidated: 0 };
        for (const sc of xs) {
          const held = Object.values((sc.account as { readonly assets?: Readonly<Record<string, string>> }).assets ?? {}).some((a) => !/^-|^0(\.0*)?$/.test(a)); // a positive balance
          if (held) n.holding++;
          if (sc.account.collateral.startsWith('-')) n.borrowing++;
          const o = liquidate(sc);
          if (!o.ok) continue;
          if (o.result.groups.some((g) => g.status !== 'healthy')) n.liquidated++;
          if (((o.result as { readonly sales?: readonly unknown[] }).sales ?? []).length > 0) n.sold++;
        }
        console.log(`[profile zoo] ${name} draws (${xs.length}): holding an asset ${n.holding}, borrowing quote ${n.borrowing}, liquidated ${n.liquidated}, collateral sold ${n.sold}`);
        expect(n.holding, 'draws holding an asset').toBeGreaterThan(xs.length / 2);
        expect(n.borrowing, 'draws with a borrowed quote balance').toBeGreaterThan(0);
        expect(n.sold, 'draws where the collateral step sells').toBeGreaterThan(0);
      });
    }

    // The base zoo's decimal rule swaps run under a profile only when its parts are the
    // reference's (liquidateParsed): there the decimal path must be the very same rules.
    if (isReferenceParts(profile.policy)) {
      it(`the decimal path is the integer core under ${name} (its parts are the reference's)`, () => {
        fc.assert(
          fc.property(shapes.any, (sc) => {
            const p = parseScenario(sc);
            if (!p.ok) throw new Error(`a generated scenario is invalid: ${JSON.stringify(p.issues)}`);
            expect(liquidateOnDec(p.value)).toEqual(liquidateOnFixed(p.value));
          }),
          { seed: SEED, numRuns: SAME_RULES_SCENARIOS },
        );
      });
    }
  });
}

describe('profile zoo: coverage matrix', () => {
  it('every id judged under every shipped profile is claimed, and every claim is live', () => {
    const problems: string[] = [];
    const shipped = new Set(profileList().map((p) => p.wire.name));
    for (const p of profileList()) {
      const name = p.wire.name;
      const claims = PROFILE_MATRIX[name] ?? {};
      const judged = judgedUnder(p).map((i) => i.id);
      const missing = judged.filter((id) => claims[id] === undefined);
      if (missing.length > 0) problems.push(`${name}: no wrong engine claimed for ${missing.join(', ')} (add them to src/zoo/profile/matrix.ts)`);
      const stale = Object.keys(claims).filter((id) => !judged.includes(id));
      if (stale.length > 0) problems.push(`${name}: claims for ids its policy does not judge: ${stale.join(', ')}`);
      for (const [id, c] of Object.entries(claims)) {
        if ('vacuous' in c) continue;
        const z = ENGINES.get(c.engine);
        if (z === undefined) problems.push(`${name}/${id}: no zoo engine is named ${c.engine}`);
        else if ((z.zoo === 'profile' || z.zoo === 'multi-asset') && !z.violates.includes(id)) problems.push(`${name}/${id}: ${c.engine} does not state ${id} among the ids it violates`);
        else if (c.engine === 'floatEngine') problems.push(`${name}/${id}: floatEngine ignores the scenario's policy`);
      }
    }
    for (const name of Object.keys(PROFILE_MATRIX)) if (!shipped.has(name)) problems.push(`matrix.ts has claims for ${name}, which is not a shipped profile`);
    // Every id a profile-zoo engine states is shown somewhere, so its header does not overclaim.
    const claimed = new Set(Object.values(PROFILE_MATRIX).flatMap((cs) => Object.entries(cs).flatMap(([id, c]) => ('engine' in c ? [`${c.engine}/${id}`] : []))));
    for (const z of PROFILE_ZOO) for (const id of z.violates) if (!claimed.has(`${z.name}/${id}`)) problems.push(`${z.name} states ${id} but no profile claims it`);
    expect(problems, 'the profile zoo matrix').toEqual([]);
    // Claims are only claims: the hunts above must have shown each of them (skipped when a -t filter ran none).
    if (demonstrated.size > 0) {
      const all = profileList().flatMap((p) => judgedUnder(p).map((i) => `${p.wire.name}/${i.id}`));
      expect(all.filter((k) => !demonstrated.has(k)), `pairs not demonstrated (replay: ${replay('profile zoo')})`).toEqual([]);
    }
    // The header's block is the matrix's rendering (regenerate it from renderMatrix() when this fails).
    const header = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const shown = header.slice(header.indexOf(' * matrix:begin\n') + ' * matrix:begin\n'.length, header.indexOf(' * matrix:end'));
    expect(shown, `the header of ${FILE} no longer shows src/zoo/profile/matrix.ts`).toBe(renderMatrix().map((l) => ` * ${l}`.trimEnd() + '\n').join(''));
    const rows = profileList().map((p) => {
      const cs = PROFILE_MATRIX[p.wire.name] ?? {};
      return `${p.wire.name}: ${judgedUnder(p).map((i) => { const c = cs[i.id]; return `${i.id}←${c === undefined ? '?' : 'vacuous' in c ? `(${c.vacuous})` : c.engine}`; }).join(' ')}`;
    });
    console.log(`[profile zoo] coverage (${profileList().reduce((n, p) => n + judgedUnder(p).length, 0)} pairs):\n  ${rows.join('\n  ')}`);
  });
});
