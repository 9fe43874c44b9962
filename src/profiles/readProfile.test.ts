/**
 * Reading profile files (src/profiles/readProfile.ts, profiles.ts): a valid file, a file with one
 * wrong field in each half, a file that is no JSON, a name that is not the file's, and every
 * shipped profile (the loop picks up each venue file as it lands in profiles/).
 */
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILES_DIR, readProfile, readProfileFolder, shippedProfiles } from './index.ts';

const FIXTURES = new URL('./__fixtures__/', import.meta.url).pathname;

describe('readProfile', () => {
  it('reads a valid profile: its policy parsed, its params as written', () => {
    const r = readProfile(join(FIXTURES, 'tiny-venue.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profile.wire.name).toBe('tiny-venue');
    expect(r.profile.policy.name).toBe('tiny-fixed-portion');
    expect(r.profile.policy.closeSize.kind).toBe('fixed-portion');
    expect(Object.keys(r.profile.params.markets)).toEqual(['TINY-PERP']);
  });

  it('reports a wrong field in each half as path / expected / received, paths from the file root', () => {
    // Hand-computed, not a published vector: tier 1 of bad-venue.json starts at 1000 with rates
    // 0.01 → 0.02, so continuity (spec §2.1) wants maintenanceAmount = 0 + 1000·(0.02 − 0.01) = 10;
    // the portion 1.5 is outside 0 < p ≤ 1 (spec §10.3).
    const r = readProfile(join(FIXTURES, 'bad-venue.json'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['policy.closeSize.portion', 'params.markets["TINY-PERP"].tiers[1].maintenanceAmount']);
    expect(r.issues[0]!.received).toBe('"1.5"');
    expect(r.issues[1]!.expected).toMatch(/maintenanceAmount = 10/);
    expect(r.issues[1]!.received).toBe('"3"');
  });

  it('reports a schema problem (a missing field, an unknown key) at its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-profile-'));
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ name: 'Not Kebab', venue: 'v', asOf: '2026-12-01', sources: [], policy: {}, params: {}, extra: 1 }));
    const r = readProfile(file);
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'sources', 'notModelled']));
    for (const i of r.ok ? [] : r.issues) expect(i.expected.length).toBeGreaterThan(0);
  });

  it('reports a file that is no JSON with its line and column, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-profile-'));
    const file = join(dir, 'p.json');
    writeFileSync(file, '{ "name": "x", }');
    const r = readProfile(file);
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.issues[0]).toEqual({ path: '(the file)', expected: 'JSON', received: expect.stringMatching(/line 1, column 16/) });
  });
});

describe('a profiles folder', () => {
  it("refuses a file whose name is not the profile's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-profiles-'));
    copyFileSync(join(FIXTURES, 'tiny-venue.json'), join(dir, 'tiny-venue.json'));
    copyFileSync(join(FIXTURES, 'tiny-venue.json'), join(dir, 'other.json'));
    const f = readProfileFolder(dir);
    expect([...f.profiles.keys()]).toEqual(['tiny-venue']);
    expect(f.problems.map((p) => p.issues[0])).toEqual([{ path: 'name', expected: '"other" (the file\'s name)', received: '"tiny-venue"' }]);
  });

  it('is empty when missing (a command that names no profile never fails on it)', () => {
    expect(readProfileFolder(join(tmpdir(), 'liqcheck-no-such-folder-m12')).profiles.size).toBe(0);
  });

  it('every file shipped in profiles/ is a valid profile named after its file', () => {
    const files = readdirSync(PROFILES_DIR).filter((f) => f.endsWith('.json'));
    const { profiles, problems } = shippedProfiles();
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    expect([...profiles.keys()].sort()).toEqual(files.map((f) => f.slice(0, -5)).sort());
    expect(files.length).toBeGreaterThan(0);
  });
});
