import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertWritable, unwritableOutput, type WritePathReason } from './assertWritable.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-writable-'));
let n = 0;
const fresh = (): string => mkdtempSync(join(tmp, `d${n++}-`));
const aFile = (): string => {
  const f = join(fresh(), 'plain');
  writeFileSync(f, 'mine\n');
  return f;
};

const aFifo = (): string => {
  const f = join(fresh(), 'pipe');
  if (spawnSync('mkfifo', [f]).status !== 0) throw new Error('mkfifo failed');
  return f;
};

describe('assertWritable (a file)', () => {
  it('accepts a new file in an existing directory without creating it, and leaves no probe behind', () => {
    const dir = fresh();
    expect(assertWritable(join(dir, 'report.json'))).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts an existing file without truncating it', () => {
    const f = aFile();
    expect(assertWritable(f)).toBeNull();
    expect(readFileSync(f, 'utf8')).toBe('mine\n');
  });

  const cases: [string, () => string, WritePathReason, RegExp][] = [
    ['a missing parent', () => join(fresh(), 'no/report.json'), 'missing-parent', /the directory .*\/no does not exist$/],
    ['a parent that is a file', () => join(aFile(), 'report.json'), 'parent-not-directory', /plain is not a directory$/],
    ['a file several levels under a file', () => join(aFile(), 'a/b/report.json'), 'parent-not-directory', /plain is not a directory$/],
    ['a directory', () => fresh(), 'is-directory', /it is a directory$/],
    ['a FIFO (as /dev/null would be: a rename would replace it)', aFifo, 'not-regular-file', /not a regular file/],
    ['a pseudo file system (root cannot create files in /proc either)', () => '/proc/liqcheck.json', 'cannot-create', /cannot create a file in \/proc \(.*ENOENT\)$/],
    ['an empty path', () => '', 'empty-path', /the path is empty/],
  ];
  it.each(cases)('names %s', (_, path, reason, why) => {
    const p = assertWritable(path());
    expect(p?.reason).toBe(reason);
    expect(p?.why).toMatch(why);
    expect(p?.message).toContain(': cannot be written: ');
  });
});

describe('assertWritable (a directory)', () => {
  it('accepts a missing directory whose parent exists, without creating it', () => {
    const parent = fresh();
    expect(assertWritable(join(parent, 'out'), { kind: 'directory' })).toBeNull();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('needs the parent unless parents are created, and then the nearest existing ancestor must be a directory', () => {
    const deep = join(fresh(), '.liqcheck/failures');
    expect(assertWritable(deep, { kind: 'directory' })?.reason).toBe('missing-parent');
    expect(assertWritable(deep, { kind: 'directory', createsParents: true })).toBeNull();
    expect(assertWritable(join(aFile(), 'x/failures'), { kind: 'directory', createsParents: true })?.reason).toBe('parent-not-directory');
  });

  it('refuses a file where a directory is wanted, and probes the parent of a swapped directory', () => {
    expect(assertWritable(aFile(), { kind: 'directory' })?.reason).toBe('not-directory');
    const existing = fresh();
    mkdirSync(join(existing, 'suite'));
    expect(assertWritable(join(existing, 'suite'), { kind: 'swapped-directory' })).toBeNull();
    expect(assertWritable('/proc/self', { kind: 'swapped-directory' })?.why).toMatch(/cannot create a file in \/proc/);
  });
});

describe('unwritableOutput', () => {
  it('skips options not given or given as "", and names the option of the first bad path', () => {
    const dir = fresh();
    expect(unwritableOutput([{ option: '--json', path: undefined }, { option: '--junit', path: '' }, { option: '--json', path: join(dir, 'r.json') }])).toBeNull();
    expect(unwritableOutput([{ option: '--json', path: join(dir, 'r.json') }, { option: '--junit', path: dir }])).toBe(`--junit ${dir}: cannot be written: it is a directory`);
  });
});

describe('assertWritable (a path that cannot be looked at)', () => {
  it('is a problem, not a thrown error', () => {
    const p = assertWritable(join(fresh(), `${'x'.repeat(300)}.json`));
    expect(p?.reason).toBe('inaccessible');
    expect(p?.why).toMatch(/ENAMETOOLONG/);
  });
});
