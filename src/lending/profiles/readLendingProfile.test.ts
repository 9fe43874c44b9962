/**
 * Reading lending profile files (src/lending/profiles/): a file with three wrong parameters, a
 * schema problem, a file that is no JSON, a name that is not the file's, which `--profile`
 * arguments are lending ones, and every shipped lending profile (the loop picks up each file of
 * profiles/lending/ as it lands).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LENDING_PROFILES_DIR, lendingProfileFor, lendingProfileSummary, readLendingProfile, readLendingProfileFolder, shippedLendingProfiles } from './index.ts';

const FIXTURES = new URL('../__fixtures__/', import.meta.url).pathname;
const BAD = join(FIXTURES, 'bad-lending.json');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'liqcheck-lending-profile-'));

describe('readLendingProfile', () => {
  it('reports each wrong parameter as path / expected / received, paths from the file root', () => {
    // bad-lending.json: a bonus 0.9 < 1, a unit 0.000003 that is no power of ten, a close factor 1.5 > 1 (spec §11.1).
    const r = readLendingProfile(BAD);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['params.assets["USDC"].unit', 'params.assets["WETH"].liquidationBonus', 'params.rules.closeFactor']);
    expect(r.issues.find((i) => i.path === 'params.rules.closeFactor')!.received).toBe('"1.5"');
  });

  it('reports a schema problem (a missing field, an unknown key) at its path; an x- key is ignored', () => {
    const dir = tmp();
    const good = JSON.parse(readFileSync(join(LENDING_PROFILES_DIR, 'morpho-blue.json'), 'utf8')) as Record<string, unknown>;
    const { notModelled: _dropped, ...rest } = good;
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ ...rest, name: 'Not Kebab', extra: 1 }));
    const r = readLendingProfile(join(dir, 'p.json'));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['name', 'notModelled', 'extra']));
    writeFileSync(join(dir, 'q.json'), JSON.stringify({ ...good, 'x-note': 'ours' }));
    expect(readLendingProfile(join(dir, 'q.json')).ok).toBe(true);
  });

  it('reports a file that is no JSON with its line and column, never a stack trace', () => {
    const file = join(tmp(), 'p.json');
    writeFileSync(file, '{ "name": "x", }');
    const r = readLendingProfile(file);
    expect(r.ok ? null : r.issues[0]).toEqual({ path: '(the file)', expected: 'JSON', received: expect.stringMatching(/line 1, column 16/) });
  });
});

describe('a lending profiles folder', () => {
  it("refuses a file whose name is not the profile's", () => {
    const dir = tmp();
    copyFileSync(join(LENDING_PROFILES_DIR, 'morpho-blue.json'), join(dir, 'morpho-blue.json'));
    copyFileSync(join(LENDING_PROFILES_DIR, 'morpho-blue.json'), join(dir, 'other.json'));
    const f = readLendingProfileFolder(dir);
    expect([...f.profiles.keys()]).toEqual(['morpho-blue']);
    expect(f.problems.map((p) => p.issues[0])).toEqual([{ path: 'name', expected: '"other" (the file\'s name)', received: '"morpho-blue"' }]);
  });

  it('every file shipped in profiles/lending/ is a valid lending profile named after its file', () => {
    const files = readdirSync(LENDING_PROFILES_DIR).filter((f) => f.endsWith('.json'));
    const { profiles, problems } = shippedLendingProfiles();
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    expect([...profiles.keys()].sort()).toEqual(files.map((f) => f.slice(0, -5)).sort());
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it('summarises a profile by its rules kind and assets', () => {
    const s = lendingProfileSummary(shippedLendingProfiles().profiles.get('compound-v3')!);
    expect(s.rules).toBe('absorb');
    expect(s.assets).toContain('USDC');
  });
});

describe('lendingProfileFor (which --profile arguments are lending ones)', () => {
  it('a shipped lending name, or a file without a policy, is lending; a perp name or file, an unknown name, is not', () => {
    expect(lendingProfileFor('aave-v3')?.ok).toBe(true);
    expect(lendingProfileFor(BAD)?.ok).toBe(false);
    expect(lendingProfileFor(undefined)).toBeUndefined();
    expect(lendingProfileFor('dydx-v4')).toBeUndefined();
    expect(lendingProfileFor('no-such-venue')).toBeUndefined();
    expect(lendingProfileFor(new URL('../../profiles/__fixtures__/tiny-venue.json', import.meta.url).pathname)).toBeUndefined();
    expect(lendingProfileFor(join(tmpdir(), 'liqcheck-no-such-file-m13.json'))).toBeUndefined();
  });
});
