/**
 * What the venue profile tests share: the shipped profile file, the check that the file is a valid
 * profile, and the reference's result (or the test fails with the model's error).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { liquidate } from '../../src/model/liquidate.ts';
import { parseParams } from '../../src/model/parseScenario.ts';
import type { LiquidationResult, Scenario } from '../../src/model/types.ts';
import { parsePolicy } from '../../src/policy/parsePolicy.ts';
import { Profile } from '../../src/wire/profile.ts';
import { validator } from '../../src/wire/validate.ts';

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
