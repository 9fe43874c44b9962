/**
 * Scaffolding shared by the lending profile tests (properties/lending/*.test.ts): a shipped
 * profile file as the tests read it, the reference's result, and the checks every lending profile
 * file passes whatever its venue.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { liquidateLending } from '../../src/lending/liquidateLending.ts';
import { LendingParams, type LendingResult, type LendingScenario } from '../../src/wire/lending.ts';
import { validator } from '../../src/wire/validate.ts';

/** A lending profile file (profiles/lending/NAME.json) as written, read without the package's loader. */
export interface LendingProfileFile {
  readonly name: string;
  readonly venue: string;
  readonly asOf: string;
  readonly sources: readonly { readonly what: string; readonly where: string }[];
  readonly params: LendingParams;
  readonly notModelled: readonly string[];
}

/** profiles/lending/`name`.json, parsed. */
export function lendingProfileFile(name: string): LendingProfileFile {
  return JSON.parse(readFileSync(new URL(`../../profiles/lending/${name}.json`, import.meta.url), 'utf8')) as LendingProfileFile;
}

/** The reference's result, or the test fails with the reference's issues. */
export function run(sc: LendingScenario): LendingResult {
  const out = liquidateLending(sc);
  if (!out.ok) throw new Error(`reference refused the scenario: ${JSON.stringify(out.error.issues)}`);
  return out.result;
}

/** Its fields, a params object the schema accepts, named after its file, its sources and gaps stated. */
export function expectLendingProfileFile(profile: LendingProfileFile, name: string): void {
  expect(Object.keys(profile).sort()).toEqual(['asOf', 'name', 'notModelled', 'params', 'sources', 'venue']);
  expect(profile.name).toBe(name);
  expect(profile.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(profile.sources.length).toBeGreaterThan(0);
  for (const s of profile.sources) expect(s.what.length * s.where.length).toBeGreaterThan(0);
  expect(profile.notModelled.length).toBeGreaterThan(0);
  const v = validator(LendingParams)(profile.params);
  expect(v.ok ? [] : v.issues).toEqual([]);
}
