/**
 * What the venue profile tests share: the shipped profile file, the check that the file is a valid
 * profile, scenarios under a profile, the reference's result (or the test fails with the model's
 * error), and the catalog run on generated scenarios under a profile.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { scenario, type ScenarioConstraints } from '../../src/arbitraries/index.ts';
import { scenariosUnder } from '../../src/arbitraries/policyScenario.ts';
import { checkCase, type CaseReport } from '../../src/invariants/checkCase.ts';
import { liquidate } from '../../src/model/liquidate.ts';
import { parseParams } from '../../src/model/parseScenario.ts';
import type { LiquidationResult, Scenario } from '../../src/model/types.ts';
import { parsePolicy } from '../../src/policy/parsePolicy.ts';
import type { Params } from '../../src/wire/params.ts';
import { Profile } from '../../src/wire/profile.ts';
import { validator } from '../../src/wire/validate.ts';

export type Position = Scenario['account']['positions'][number];

/** profiles/<name>.json as written (not validated: {@link expectValidProfile} does that). */
export function shippedProfile(name: string): Profile {
  return JSON.parse(readFileSync(new URL(`../../profiles/${name}.json`, import.meta.url), 'utf8')) as Profile;
}

/** The file fits the profile schema, its policy and params parse, and it is named after its file. */
export function expectValidProfile(profile: Profile, name: string): void {
  const v = validator(Profile)(profile);
  expect(v.ok ? [] : v.issues).toEqual([]);
  const p = parsePolicy(profile.policy);
  expect(p.ok ? [] : p.issues).toEqual([]);
  const q = parseParams(profile.params);
  expect(q.ok ? [] : q.issues).toEqual([]);
  expect(profile.name).toBe(name);
}

/** The reference's result for `sc`. */
export function referenceResult(sc: Scenario): LiquidationResult {
  const out = liquidate(sc);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result;
}

/**
 * `under(positions, collateral, marks, params?)`: the scenario of one account under `profile`'s
 * policy, with the profile's params unless others are given, and an empty insurance fund.
 */
export function underProfile(profile: Profile): (positions: readonly Position[], collateral: string, marks: Record<string, string>, params?: Params) => Scenario {
  return (positions, collateral, marks, params = profile.params) =>
    ({ params, marks, account: { collateral, positions: [...positions] }, insuranceFund: '0', policy: profile.policy }) as Scenario;
}

/** The report of the group `group` ("cross" or an isolated market id); the test fails without it. */
export function groupOf(r: LiquidationResult, group: string): LiquidationResult['groups'][number] {
  const g = r.groups.find((x) => x.group === group);
  if (g === undefined) throw new Error(`no group ${group} in ${JSON.stringify(r.groups)}`);
  return g;
}

/** One generated case of {@link catalogUnder}: the scenario and the catalog's report on the reference's answer. */
export interface CatalogCase {
  readonly scenario: Scenario;
  readonly report: CaseReport;
  /** the reference's result (undefined when it refused the scenario) */
  readonly result: LiquidationResult | undefined;
}

export interface CatalogRun {
  readonly cases: readonly CatalogCase[];
  /** every violation, `id: message` (its first 200 characters) */
  readonly violations: readonly string[];
  /** how many results had each status */
  readonly statuses: ReadonlyMap<string, number>;
  /** the invariants judged on at least one case */
  readonly judged: ReadonlySet<string>;
}

/**
 * checkCase(liquidate) on `runs` scenarios (default 200) drawn under `profile`'s policy and params
 * with the `shape` constraints, from `seed` (default 20261201): what the callers assert on — no
 * violation, the outcomes reached — is theirs.
 */
export function catalogUnder(profile: Profile, shape: Omit<ScenarioConstraints, 'params'> = {}, { runs = 200, seed = 20261201 } = {}): CatalogRun {
  const parsed = parsePolicy(profile.policy);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const draws = scenariosUnder(parsed.value, profile.policy, scenario({ ...shape, params: fc.constant(profile.params) }));
  const cases: CatalogCase[] = [];
  const violations: string[] = [];
  const statuses = new Map<string, number>();
  const judged = new Set<string>();
  for (const sc of fc.sample(draws, { numRuns: runs, seed })) {
    const report = checkCase(liquidate, sc);
    for (const id of report.checked) judged.add(id);
    for (const v of report.violations) violations.push(`${v.invariant}: ${v.message.slice(0, 200)}`);
    const result = report.outcome.ok ? report.outcome.result : undefined;
    if (result !== undefined) statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
    cases.push({ scenario: sc, report, result });
  }
  return { cases, violations, statuses, judged };
}

/** Each of `reached` is the status of some result of the run. */
export function expectStatuses(run: CatalogRun, reached: readonly string[]): void {
  for (const s of reached) expect(run.statuses.get(s) ?? 0, `${s} in ${JSON.stringify([...run.statuses])}`).toBeGreaterThan(0);
}
