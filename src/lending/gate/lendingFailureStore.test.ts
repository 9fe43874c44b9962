/**
 * The lending failure database (lendingFailureStore.ts): saved as found, replaced by the shrunk form
 * (removing only what this run created), replayed only by the same profile's runs; other files —
 * perp fixtures, other profiles' failures, broken files — left alone byte for byte, and counted.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lendingScenario } from '../arbitraries/lendingScenario.ts';
import { lendingProfileNamed } from '../profiles/index.ts';
import { LENDING_FAILURE_FORMAT, lendingFailureFile, lendingFailureStore } from './lendingFailureStore.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const [a, b, c] = fc.sample(lendingScenario({ params: fc.constant(lendingProfileNamed('aave-v3')!.params) }), { seed: 5, numRuns: 3 });
const fresh = (): string => mkdtempSync(join(tmpdir(), 'liqcheck-lending-failures-'));
const snapshot = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('lendingFailureStore', () => {
  it('saves a counterexample as found, in the documented format, and replaces it by its shrunk form', () => {
    const dir = fresh();
    const s = lendingFailureStore(dir, 'aave-v3');
    const found = s.found('LND-001', a!, 'first');
    expect(found).toBe(lendingFailureFile(dir, a!));
    expect(JSON.parse(readFileSync(found, 'utf8'))).toEqual({ format: LENDING_FAILURE_FORMAT, profile: 'aave-v3', invariants: ['LND-001'], message: 'first', scenario: a });
    const shrunk = s.shrunk('LND-001', b!, 'smaller');
    expect(readdirSync(dir)).toEqual([shrunk.slice(dir.length + 1)]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('two ids on one scenario share its file; shrinking one keeps it for the other', () => {
    const dir = fresh();
    const s = lendingFailureStore(dir, 'aave-v3');
    const shared = s.found('LND-001', a!, 'one');
    s.found('LND-002', a!, 'two');
    expect(JSON.parse(readFileSync(shared, 'utf8')).invariants).toEqual(['LND-001', 'LND-002']);
    s.shrunk('LND-001', b!, 'smaller');
    expect(readdirSync(dir).sort()).toEqual([shared, lendingFailureFile(dir, b!)].map((f) => f.slice(dir.length + 1)).sort());
  });

  it('never removes a file that was there before the run, even when it holds a counterexample this run found again', () => {
    const dir = fresh();
    lendingFailureStore(dir, 'aave-v3').found('LND-004', a!, 'an earlier run');
    const s = lendingFailureStore(dir, 'aave-v3');
    expect(s.replay.map((r) => r.scenario)).toEqual([a]);
    s.found('LND-004', a!, 'found again');
    s.shrunk('LND-004', b!, 'smaller');
    expect(readdirSync(dir).sort()).toEqual([lendingFailureFile(dir, a!), lendingFailureFile(dir, b!)].map((f) => f.slice(dir.length + 1)).sort());
  });

  it('replays only its profile; a perp fixture, another profile\'s failure and a broken file are left alone and counted', () => {
    const dir = fresh();
    copyFileSync(join(ROOT, 'fixtures/cases', readdirSync(join(ROOT, 'fixtures/cases')).find((f) => f !== 'manifest.json' && f.endsWith('.json'))!), join(dir, 'perp.json'));
    lendingFailureStore(dir, 'morpho-blue').found('LND-003', c!, 'another profile');
    lendingFailureStore(dir, 'aave-v3').found('LND-003', a!, 'this profile');
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ format: LENDING_FAILURE_FORMAT, profile: 'aave-v3', invariants: ['LND-001'], message: 'x', scenario: { ...a!, account: 'nope' } }));
    const before = snapshot(dir);
    const s = lendingFailureStore(dir, 'aave-v3');
    expect(s.replay).toEqual([{ scenario: a, origin: lendingFailureFile(dir, a!) }]);
    expect(s).toMatchObject({ otherProfiles: 1, notLending: 1 });
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]!.file).toBe(join(dir, 'broken.json'));
    expect(s.problems[0]!.message).toMatch(/^\$\.scenario\.account: expected .*, received /);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a folder that does not exist holds nothing, and is created by the first save', () => {
    const dir = join(fresh(), 'not', 'yet');
    const s = lendingFailureStore(dir, 'aave-v3');
    expect(s).toMatchObject({ replay: [], otherProfiles: 0, notLending: 0, problems: [] });
    s.found('LND-001', a!, 'm');
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
