/**
 * The `x-` extension namespace of spec §2.5 in the shipped JSON Schemas and the compiled
 * validators: an `x-` key is accepted at every depth of a fixture, any other unknown key rejected,
 * and ajv (strict, on the emitted files) agrees with TypeBox's check.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { canonicalFile } from '../fixtures/canonicalJson.ts';
import { contentHash } from '../fixtures/fixture.ts';
import { validateFixture } from '../fixtures/format.ts';
import { schemaFiles } from '../fixtures/schemaFiles.ts';
import { verifyDir } from '../fixtures/verify.ts';
import { liquidate } from '../model/liquidate.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test surgery on plain JSON

const SUITE = new URL('../../fixtures/cases/', import.meta.url);
const name = readdirSync(SUITE).find((n) => n.startsWith('multi-position-'))!;
const committed = (): Json => JSON.parse(readFileSync(new URL(name, SUITE), 'utf8')) as Json;
const fixtureSchema = JSON.parse(schemaFiles().find((f) => f.name.startsWith('fixture-'))!.text) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true }).compile(fixtureSchema);

/** A committed case with `key` added to the file, its input, params, a tier, a position, the result, a fill and the provenance. */
function annotated(key: string): Json {
  const c = committed();
  for (const o of [c, c['input'], c['input']['params'], Object.values(c['input']['params']['markets'] as Json)[0]['tiers'][0], c['input']['account']['positions'][0], c['expected'], c['expected']['fills'][0] ?? c['expected'], c['provenance']]) {
    (o as Json)[key] = 'note';
  }
  return c;
}

describe('x- keys in the wire schemas (spec §2.5)', () => {
  it('a fixture with x- keys at every depth is valid, for TypeBox and for ajv on the shipped schema; other unknown keys are not', () => {
    expect(validateFixture(committed())).toEqual([]); // the base case is valid as committed
    const c = annotated('x-note');
    expect(validateFixture(c)).toEqual([]);
    expect(ajv(c)).toBe(true);

    // The same keys without the prefix: each one "no such field", for both.
    const plain = annotated('note');
    const issues = validateFixture(plain);
    expect(issues.length).toBe(8);
    expect(issues.every((i) => i.expected === 'no such field' && i.path.endsWith('.note'))).toBe(true);
    expect(issues.map((i) => i.path)).toContain('$.input.account.positions[0].note');
    expect(ajv(plain)).toBe(false);

    // Dictionary keys stay market ids: an x- market must be a market.
    const market = annotated('x-note');
    market['input']['params']['markets']['x-perp'] = 'not a market';
    expect(validateFixture(market)).toEqual([expect.objectContaining({ path: '$.input.params.markets["x-perp"]' })]);
    expect(ajv(market)).toBe(false);
  });

  it('fixtures verify passes a resealed case annotated with x- keys in its input and its expectation', async () => {
    const c = annotated('x-note');
    const sealed = canonicalFile({ ...c, provenance: { ...c['provenance'], hash: contentHash({ ...c, provenance: { ...c['provenance'], hash: '' } }) } });
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-x-keys-'));
    try {
      writeFileSync(join(dir, name), sealed);
      const report = await verifyDir(dir, { engine: async (s) => liquidate(s), match: 'exact' });
      expect({ problems: report.problems, failures: report.failures, passed: report.passed }).toEqual({ problems: [], failures: [], passed: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
