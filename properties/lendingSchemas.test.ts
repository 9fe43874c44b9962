/**
 * The shipped JSON Schemas of the lending model (fixtures/schema/lending-*-1.schema.json, generated
 * from src/wire/ by `npm run fixtures:sync`) accept what liqcheck itself writes and reads — every
 * committed lending profile and fixture, generated scenarios and the reference's results — and
 * refuse a broken copy, checked by ajv (an independent validator) in strict mode.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lendingScenario } from '../src/lending/arbitraries/index.ts';
import { liquidateLending } from '../src/lending/liquidateLending.ts';
import { lendingProfileList } from '../src/lending/profiles/index.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const compile = (name: string) => new Ajv2020({ strict: true, allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'fixtures/schema', name), 'utf8')) as object);
const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('the shipped lending schemas', () => {
  it('lending-profile-1: every file of profiles/lending/ validates; one without a venue does not', () => {
    const validate = compile('lending-profile-1.schema.json');
    const files = readdirSync(join(ROOT, 'profiles/lending')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(validate(json(join(ROOT, 'profiles/lending', f))), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    const { venue: _venue, ...broken } = json(join(ROOT, 'profiles/lending', files[0]!));
    expect(validate(broken)).toBe(false);
  });

  it('lending-fixture-1: every committed lending case validates; one with a number for an amount does not', () => {
    const validate = compile('lending-fixture-1.schema.json');
    let n = 0;
    for (const profile of readdirSync(join(ROOT, 'fixtures/lending'))) {
      for (const f of readdirSync(join(ROOT, 'fixtures/lending', profile)).filter((x) => x.endsWith('.json') && x !== 'manifest.json')) {
        expect(validate(json(join(ROOT, 'fixtures/lending', profile, f))), `${profile}/${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(180);
  });

  it('lending-scenario-1 and lending-result-1: generated scenarios and the reference\'s results validate under every shipped profile', () => {
    const scenarioOk = compile('lending-scenario-1.schema.json');
    const resultOk = compile('lending-result-1.schema.json');
    for (const p of lendingProfileList()) {
      for (const s of fc.sample(lendingScenario({ params: fc.constant(p.params) }), { seed: 5, numRuns: 100 })) {
        expect(scenarioOk(s), `${p.wire.name}: ${JSON.stringify(scenarioOk.errors)}`).toBe(true);
        const o = liquidateLending(s);
        expect(o.ok).toBe(true);
        if (o.ok) expect(resultOk(o.result), `${p.wire.name}: ${JSON.stringify(resultOk.errors)}`).toBe(true);
      }
    }
    expect(scenarioOk({ model: 'lending' })).toBe(false);
  });
});
