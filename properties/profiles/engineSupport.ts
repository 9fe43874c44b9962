/**
 * What the venue example engines' tests share (issue 12, item 4): a correct engine of a venue,
 * declaring the profile by name in its handshake, passes the catalog and REF-001 under that
 * profile's policy and params through the gate; each of its `--bug` variants is caught by the
 * invariant named for it and by the differential, on a shrunk counterexample the reference gets
 * right.
 *
 * The engines (examples/python/profile_engine.py, examples/js/profileEngine.mjs and their venue
 * modules) are written from the venues' rules on docs/profiles/, not from liqcheck's code; agreeing
 * with the reference on generated scenarios is the evidence, so no expected value here is copied
 * from either side. The full proof — 5,000 scenarios on 3 seeds per profile — is the command
 * docs/profiles/README.md shows; `npm test` runs {@link RUNS} per engine.
 *
 * Seed: `LIQCHECK_SEED` when set, else 20261201.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine, type EngineHandle } from '../../src/adapters/openEngine.ts';
import { scenario } from '../../src/arbitraries/index.ts';
import { checkEngine, formatViolations } from '../../src/gate/checkEngine.ts';
import { CATALOG } from '../../src/invariants/catalog.ts';
import { checkCase } from '../../src/invariants/checkCase.ts';
import { liquidate } from '../../src/model/liquidate.ts';
import type { Scenario } from '../../src/model/types.ts';
import { profileNamed } from '../../src/profiles/profiles.ts';
import { CWD, Opened } from '../adaptersSupport.ts';

export const RUNS = 150;
const HUNT = 300;
const SEED = process.env['LIQCHECK_SEED'] !== undefined ? Number(process.env['LIQCHECK_SEED']) : 20261201;

/** The scenario shapes a bug is hunted on, all under the profile's own params. */
export type Shape = 'any' | 'single' | 'crossMulti' | 'mixed';

export interface VenueBug {
  /** the engine's `--bug` name */
  readonly bug: string;
  /** the catalog id that catches it (REF-001 always does too) */
  readonly violates: string;
  readonly shape?: Shape;
}

export interface VenueEngine {
  readonly profile: string;
  /** the engine's command line, without `--bug` */
  readonly command: string;
  readonly bugs: readonly VenueBug[];
}

function shaped(profile: string, shape: Shape): fc.Arbitrary<Scenario> {
  const params = fc.constant(profileNamed(profile)!.params);
  switch (shape) {
    case 'any':
      return scenario({ params });
    case 'single':
      return scenario({ params, positions: { min: 1, max: 1 } });
    case 'crossMulti':
      return scenario({ params, positions: { min: 2, max: 3 }, margin: 'cross' });
    case 'mixed':
      return scenario({ params, positions: { min: 2, max: 3 }, margin: 'mixed' });
  }
}

const replay = (file: string, name: string): string => `LIQCHECK_SEED=${SEED} npx vitest run ${file} -t ${JSON.stringify(name)}`;

/** The tests of one venue engine: it passes under its profile, and each of its bugs is caught. */
export function describeVenueEngine(file: string, e: VenueEngine): void {
  const opened = new Opened();
  afterAll(() => opened.closeAll());
  const open = async (command: string): Promise<EngineHandle> => opened.track(await openEngine(command, { timeoutMs: 20_000, ...CWD }));

  describe(`${e.profile}: ${e.command} under its profile, through the gate (LIQCHECK_SEED=${SEED})`, () => {
    it('declares the profile in its handshake', async () => {
      expect(profileNamed(e.profile), `profiles/${e.profile}.json`).toBeDefined();
      const h = await open(e.command);
      expect(h.policy).toBe(e.profile);
    }, 30_000);

    const passes = `passes the catalog and REF-001 on ${RUNS} scenarios under ${e.profile}`;
    it(passes, async () => {
      const h = await open(e.command);
      const report = await checkEngine(h.run, { policy: e.profile, runs: RUNS, seed: SEED, name: h.name });
      expect(report.tallies.find((t) => t.id === 'REF-001')?.checked, 'REF-001 judged on every case').toBe(RUNS);
      expect(report.ok, `${formatViolations(report)}\nReplay: ${replay(file, passes)}`).toBe(true);
    }, 120_000);

    for (const b of e.bugs) {
      const name = `--bug ${b.bug} is caught by ${b.violates} and REF-001`;
      it(name, async () => {
        const h = await open(`${e.command} --bug ${b.bug}`);
        expect(h.name).toContain(b.bug);
        const only = CATALOG.filter((i) => i.id === b.violates);
        expect(only, `${b.violates} is a catalog id`).toHaveLength(1);
        const report = await checkEngine(h.run, { policy: e.profile, runs: HUNT, seed: SEED, scenarios: shaped(e.profile, b.shape ?? 'any'), invariants: only });
        const t = report.tallies.find((x) => x.id === b.violates);
        expect(t?.checked, `${b.violates} is judged under ${e.profile}`).toBeGreaterThan(0);
        expect(t?.violations, `${b.bug}: ${b.violates} not violated in ${HUNT} '${b.shape ?? 'any'}' scenarios.\nReplay: ${replay(file, name)}`).toBeGreaterThan(0);
        expect(report.tallies.find((x) => x.id === 'REF-001')?.violations, `${b.bug}: REF-001`).toBeGreaterThan(0);
        // the shrunk counterexample is one the reference gets right
        const reference = checkCase(liquidate, t!.counterexample!.scenario as Scenario).violations.map((v) => v.invariant);
        expect(reference).not.toContain(b.violates);
      }, 120_000);
    }
  });
}

/** `s` with the wire policy `policy` (none when undefined: the reference policy, spec §10.1) and the fields of `extra`. */
export function under(s: Scenario, policy: unknown, extra: object = {}): Scenario {
  const { policy: _own, ...rest } = s;
  return (policy === undefined ? { ...rest, ...extra } : { ...rest, policy, ...extra }) as unknown as Scenario;
}

/** One long of `size` at entry and mark `price` with `collateral` under the shipped profile's params (no policy). */
export function oneLong(profile: string, market: string, size: string, price: string, collateral: string): Scenario {
  return {
    params: profileNamed(profile)!.params,
    marks: { [market]: price },
    account: { collateral, positions: [{ market, size, entryPrice: price }] },
    insuranceFund: '0',
  } as Scenario;
}

/** A scenario a venue engine must refuse, and the field its invalid-input answer must name. */
export interface Refusal {
  readonly what: string;
  readonly scenario: Scenario;
  /** the top-level field an issue's path names (that field or one of its keys); `policy` unless told */
  readonly at?: string;
}

export interface PolicyCases {
  readonly profile: string;
  /** the engine's command line */
  readonly command: string;
  /** a scenario the engine answers under its profile's policy (whatever `policy` it carries is replaced) */
  readonly scenario: Scenario;
  /** another shipped profile, whose policy the engine must refuse */
  readonly another: string;
  /** the profile's policy with one part changed, which the engine must refuse: [what, part, the part] */
  readonly changed: readonly (readonly [string, string, unknown])[];
  /**
   * the profile's rules written otherwise (a default omitted, another name), which it must answer;
   * undefined for no policy at all, when the profile's rules are the reference policy's (spec §10.1)
   */
  readonly alike?: readonly unknown[];
  /** further refusals: a field only another policy reads, a request it cannot serve, … */
  readonly refused?: readonly Refusal[];
}

/**
 * A venue engine runs its profile's policy only: a scenario under none (the reference policy,
 * spec §10.1), under another profile's, under its own with one part changed, or with a field only
 * another policy reads, is answered invalid-input at that field, never liquidated by the wrong
 * rules. The same scenario under the profile's own policy, however written, is answered, so the
 * refusals are about the policy, not the scenario.
 */
export function describeRefusals(c: PolicyCases): void {
  const opened = new Opened();
  afterAll(() => opened.closeAll());
  const open = async (): Promise<EngineHandle> => opened.track(await openEngine(c.command, { timeoutMs: 20_000, ...CWD }));
  const own = profileNamed(c.profile)!.wire.policy;
  const refused: readonly Refusal[] = [
    ...(c.alike?.includes(undefined) ? [] : [{ what: 'no policy (minimal-close)', scenario: under(c.scenario, undefined) }]),
    { what: `the ${c.another} profile`, scenario: under(c.scenario, profileNamed(c.another)!.wire.policy) },
    ...c.changed.map(([what, part, value]) => ({ what: `its own with ${what}`, scenario: under(c.scenario, { ...own, [part]: value }) })),
    ...(c.refused ?? []),
  ];

  describe(`${c.profile} engine: the policy it accepts`, () => {
    const alike = c.alike ?? [];
    it(`answers a scenario under its own profile policy${alike.length > 0 ? ' (and its rules written otherwise)' : ''}`, async () => {
      const h = await open();
      for (const policy of [own, ...alike]) {
        const answer = await h.run(under(c.scenario, policy));
        expect(answer.ok, JSON.stringify(answer)).toBe(true);
      }
    }, 30_000);

    for (const r of refused) {
      const at = r.at ?? 'policy';
      it(`refuses ${r.what} with invalid-input at ${at}`, async () => {
        const answer = await (await open()).run(r.scenario);
        expect(answer.ok, JSON.stringify(answer)).toBe(false);
        if (answer.ok) return;
        expect(answer.error.code).toBe('invalid-input');
        const paths = 'issues' in answer.error ? answer.error.issues.map((i) => i.path) : [];
        expect(paths.some((p) => p === at || p.startsWith(`${at}[`)), `an issue at ${at} among ${JSON.stringify(paths)}`).toBe(true);
      }, 30_000);
    }
  });
}

/** A worked example: what it shows, the scenario, and the result the engine must answer (hand-computed, never taken from the engine or the reference). */
export type WorkedExample = readonly [what: string, scenario: Scenario, expected: object];

export interface WorkedExamples {
  readonly profile: string;
  /** the engine's command line */
  readonly command: string;
  /** the feature the profile is about and its spec section, e.g. ['inverse', '§12'] */
  readonly feature: readonly [feature: string, section: string];
  /** another feature its handshake lists */
  readonly also: string;
  readonly examples: readonly WorkedExample[];
}

/** A venue engine's handshake lists its features, and it answers each hand-made scenario with the result computed by hand. */
export function describeWorkedExamples(c: WorkedExamples): void {
  describe(`${c.profile} engine: its handshake and worked examples`, () => {
    const opened = new Opened();
    afterAll(() => opened.closeAll());
    const open = async (): Promise<EngineHandle> => opened.track(await openEngine(c.command, { timeoutMs: 20_000, ...CWD }));
    const [feature, section] = c.feature;

    it(`lists the feature ${feature} (spec ${section}) with the others`, async () => {
      const h = await open();
      expect(h.features).toContain(feature);
      expect(h.features).toContain(c.also);
    }, 30_000);

    for (const [what, scenario, expected] of c.examples) {
      it(what, async () => {
        const answer = await (await open()).run(scenario);
        expect(answer).toMatchObject({ ok: true, result: expected });
      }, 30_000);
    }
  });
}

/** The shipped profile's params with `patch` applied to a copy. */
export function patchedParams(profile: string, patch: (p: Record<string, unknown>) => void = () => {}): unknown {
  const p = structuredClone(profileNamed(profile)!.params) as unknown as Record<string, unknown>;
  patch(p);
  return p;
}

/** `positions` on the profile's first market under its policy and `params`, marked at `mark`, with a fund of 0. */
export function onePerpScenario(profile: string, params: unknown, mark: string, collateral: string, positions: readonly object[]): Scenario {
  const market = Object.keys(profileNamed(profile)!.params.markets)[0]!;
  return { params, policy: profileNamed(profile)!.wire.policy, marks: { [market]: mark }, account: { collateral, positions }, insuranceFund: '0' } as unknown as Scenario;
}

/** A multi-asset scenario under the profile's policy and `params`, with a fund of 0. */
export function multiAssetScenario(profile: string, params: unknown, marks: Record<string, string>, account: object, assetPrices: Record<string, string>): Scenario {
  return { params, policy: profileNamed(profile)!.wire.policy, marks, assetPrices, account, insuranceFund: '0' } as unknown as Scenario;
}

/** `s` under the profile's policy with a linear copy of its inverse market `market` beside it: mixed kinds, invalid input (spec §12.1). */
export function mixedKinds(profile: string, market: string, s: Scenario): Scenario {
  const params = structuredClone(profileNamed(profile)!.params) as unknown as { markets: Record<string, Record<string, unknown>> };
  const { contract: _inverse, ...linear } = params.markets[market]!;
  params.markets['LINEAR'] = linear;
  return { ...s, params, policy: profileNamed(profile)!.wire.policy } as unknown as Scenario;
}
