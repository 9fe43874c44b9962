/**
 * `liqcheck fixtures generate|verify` and `liqcheck replay` as a user meets them: integrity
 * failures named, schema violations with their JSON path, readable diffs, usage errors without
 * stack traces.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { canonicalFile } from '../src/fixtures/canonicalJson.ts';
import { contentHash } from '../src/fixtures/fixture.ts';

const root = new URL('..', import.meta.url).pathname;
const SUITE = join(root, 'fixtures/cases');
const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-fixtures-'));

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), isTTY: false });
  return { code, out, err };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test surgery on parsed JSON

/** A copy of the committed suite in a fresh directory. */
function copySuite(name: string): string {
  const dir = join(tmp, name);
  cpSync(SUITE, dir, { recursive: true });
  return dir;
}

const readJson = (dir: string, f: string): Json => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json;
const committed = readdirSync(SUITE).sort();
/** The first committed case whose name starts with `prefix` and that satisfies `ok`. */
function pick(prefix: string, ok: (c: Json) => boolean = () => true): string {
  const f = committed.find((n) => n.startsWith(prefix) && ok(readJson(SUITE, n)));
  if (f === undefined) throw new Error(`no committed case ${prefix}…`);
  return f;
}
/** A partial with exactly one fill, so its diffs are predictable. */
const PARTIAL = pick('partial-', (c) => c['expected']['fills'].length === 1);
const HEALTHY = pick('healthy-');
const BANKRUPT = pick('bankrupt-');
const INVALID = pick('invalid-two-problems-');
const fill = readJson(SUITE, PARTIAL)['expected']['fills'][0] as Record<string, string>;
const bump = (x: string): string => `${x}1`.replace(/^(\d+)1$/, '$1.1');

/** Rewrites a case and re-seals its content hash, as a careful hand-edit would. */
function resealed(c: Json): string {
  const unsealed = { ...c, provenance: { ...c['provenance'], hash: '' } };
  return canonicalFile({ ...c, provenance: { ...c['provenance'], hash: contentHash(unsealed) } });
}

describe('liqcheck fixtures verify', () => {
  it('passes the committed suite against the reference (exit 0)', async () => {
    const r = await run(['fixtures', 'verify', SUITE]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/(\d+) files: \1 passed, 0 failed, 0 problem\(s\), 0 skipped; manifest checked — all passed/);
  });

  it('names a corrupted, a truncated and a hand-edited file, a schema violation and a stray file, and goes on (exit 1)', async () => {
    const dir = copySuite('damaged');
    // corrupted: one byte flipped inside a decimal
    const corrupt = readFileSync(join(dir, PARTIAL), 'utf8').replace(`"size": "${fill['size']}"`, `"size": "${bump(fill['size']!)}"`);
    expect(corrupt).not.toBe(readFileSync(join(dir, PARTIAL), 'utf8'));
    writeFileSync(join(dir, PARTIAL), corrupt);
    // truncated
    const text = readFileSync(join(dir, HEALTHY), 'utf8');
    writeFileSync(join(dir, HEALTHY), text.slice(0, text.length / 2));
    // hand-edited with the content hash recomputed: only the manifest can tell
    const edited = readJson(dir, BANKRUPT);
    edited['comment'] = 'edited by hand';
    writeFileSync(join(dir, BANKRUPT), resealed(edited));
    // schema violation: a number where a string belongs
    const bad = readJson(dir, INVALID);
    bad['expectedError']['issues'][0]['path'] = 7;
    writeFileSync(join(dir, INVALID), canonicalFile(bad));
    // a file nobody generated
    writeFileSync(join(dir, 'stray.json'), '{}\n');

    const r = await run(['fixtures', 'verify', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).not.toMatch(/\n\s+at /);
    expect(r.out).toContain(`${join(dir, PARTIAL)} at $: bytes differ from the manifest`);
    expect(r.out).toContain(`${join(dir, PARTIAL)} at $.provenance.hash: content hash mismatch`);
    expect(r.out).toMatch(new RegExp(`${join(dir, HEALTHY)} at \\$: expected JSON, received a syntax error .*; the file looks truncated`));
    expect(r.out).toContain(`${join(dir, BANKRUPT)} at $: bytes differ from the manifest`);
    expect(r.out).toContain(`${join(dir, INVALID)} at $.expectedError.issues[0].path: expected a string, received number 7`);
    expect(r.out).toContain(`${join(dir, 'stray.json')} at $: not listed in the manifest`);
    expect(r.out).toContain(`${join(dir, 'stray.json')} at $: expected exactly one of the fields expected, expectedError`);
    expect(r.out).toMatch(/5 file\(s\) failed/);
  });

  it('reports a result that drifted from the reference field by field', async () => {
    const dir = copySuite('drifted');
    const c = readJson(dir, PARTIAL);
    c['expected']['fills'][0]['size'] = bump(fill['size']!);
    c['expected']['status'] = 'bankrupt';
    writeFileSync(join(dir, PARTIAL), resealed(c));
    const r = await run(['fixtures', 'verify', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`✗ ${join(dir, PARTIAL)}: 2 fields differ`);
    expect(r.out).toMatch(/result\.status\s+expected "bankrupt"\n\s+actual {3}"partial"/);
    expect(r.out).toContain(`expected "${bump(fill['size']!)}"`);
  });

  it('accepts a directory without a manifest, saying so', async () => {
    const dir = join(tmp, 'no-manifest');
    mkdirSync(dir);
    cpSync(join(SUITE, PARTIAL), join(dir, PARTIAL));
    const r = await run(['fixtures', 'verify', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('no manifest.json');
  });

  it.each([
    [['fixtures', 'verify'], /fixtures verify needs a directory/],
    [['fixtures', 'verify', '/nonexistent/dir'], /\/nonexistent\/dir: no such directory/],
    [['fixtures', 'verify', '.', '--timeout', 'soon'], /--timeout: expected an integer/],
    [['fixtures', 'frobnicate'], /unknown fixtures subcommand "frobnicate"/],
    [['fixtures', 'generate', '--count', '5'], /--out DIR is required/],
    [['fixtures', 'generate', '--out', 'fixtures'], /holds other things than fixture files/],
    [['fixtures', 'generate', '--out', join(tmp, 'x'), '--count', '0'], /--count: expected an integer from 1/],
    [['fixtures', 'generate', '--out', join(tmp, 'x'), '--params', '/nonexistent.json'], /--params \/nonexistent.json: 1 problem\(s\)\n  params: expected a readable file, received an error \(ENOENT/],
    [['replay'], /replay needs a fixture file/],
    [['replay', '/nonexistent.json'], /no such file/],
  ])('%j is a usage error (exit 2, no stack trace)', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('liqcheck fixtures generate', () => {
  it('writes a suite that verifies, reports counts per flag, and rewrites it identically', async () => {
    const out = join(tmp, 'generated');
    const r = await run(['fixtures', 'generate', '--count', '40', '--seed', '3', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}at-trigger-boundary +\d+$/m);
    expect(r.out).toContain(`Regenerate: liqcheck fixtures generate --count 40 --seed 3 --out ${out}`);
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
    expect((await run(['fixtures', 'verify', out])).code).toBe(0);
    expect((await run(['fixtures', 'generate', '--count', '40', '--seed', '3', '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifest);
  });
});

describe('liqcheck replay', () => {
  it('passes a committed case and an invalid-input case', async () => {
    const r = await run(['replay', join(SUITE, PARTIAL)]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${PARTIAL.replace('.json', '')}\n  A group is restored`);
    expect(r.out).toContain('✓ result identical to the expected result');
    const i = await run(['replay', join(SUITE, INVALID)]);
    expect(i.code).toBe(0);
    expect(i.out).toContain('✓ rejected as expected (invalid-input)');
  });

  it('prints a readable field-by-field diff of expected vs actual (exit 1)', async () => {
    const dir = copySuite('replay');
    const c = readJson(dir, PARTIAL);
    const fund = c['expected']['insuranceFund'] as string;
    c['expected']['fills'][0]['penalty'] = '1234.5';
    c['expected']['insuranceFund'] = '0';
    writeFileSync(join(dir, PARTIAL), resealed(c));
    const r = await run(['replay', join(dir, PARTIAL)]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ 2 fields differ');
    const pad = ' '.repeat(4 + 'result.fills[0].penalty'.length + 2);
    expect(r.out).toContain(
      [
        `    result.fills[0].penalty  expected "1234.5"`,
        `${pad}actual   "${fill['penalty']}"`,
        `    result.insuranceFund     expected "0"`,
        `${pad}actual   "${fund}"`,
      ].join('\n'),
    );
  });

  it('lists every problem of a file that is not a valid fixture (exit 1)', async () => {
    const file = join(tmp, 'broken.json');
    writeFileSync(file, '{"format": "1.0.0", "flags": []}\n');
    const r = await run(['replay', file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${file} at $: expected exactly one of the fields expected, expectedError`);
    const r2 = (writeFileSync(file, '{"format": "1.0.0", "expected": {}}\n'), await run(['replay', file]));
    expect(r2.out).toContain(`${file} at $.id: expected a required field, received nothing (missing)`);
    expect(r2.out).toContain(`${file} at $.expected.status: expected a required field`);
  });
});
