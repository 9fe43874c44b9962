import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverSwap, swapDirectory, swapLeftovers } from './swapDirectory.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-swap-'));
let n = 0;
const fresh = (): string => mkdtempSync(join(tmp, `p${n++}-`));
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;
const remove = (dir: string): null => (rmSync(dir, { recursive: true }), null);
const tree = (dir: string, files: Record<string, string>): string => {
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
};

describe('swapDirectory', () => {
  it('replaces the tree and leaves nothing beside it', () => {
    const parent = fresh();
    const dir = tree(join(parent, 'suite'), { 'old.json': 'old' });
    expect(swapDirectory(dir, (t) => void writeFileSync(join(t, 'new.json'), 'new'), remove)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['new.json']);
    expect(readdirSync(parent)).toEqual(['suite']);
  });

  it('creates a missing directory', () => {
    const parent = fresh();
    swapDirectory(join(parent, 'suite'), (t) => void writeFileSync(join(t, 'a'), 'a'), remove);
    expect(readdirSync(join(parent, 'suite'))).toEqual(['a']);
  });

  it('a failing fill leaves the old tree as it was and removes the temporary one', () => {
    const parent = fresh();
    const dir = tree(join(parent, 'suite'), { 'old.json': 'old' });
    expect(() =>
      swapDirectory(dir, (t) => {
        writeFileSync(join(t, 'half.json'), 'half');
        throw new Error('disk full');
      }, remove),
    ).toThrow('disk full');
    expect(readdirSync(parent)).toEqual(['suite']);
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toBe('old');
  });

  it('keeps, and names, a backup that discard refuses', () => {
    const parent = fresh();
    const dir = tree(join(parent, 'suite'), { 'old.json': 'old' });
    const notes = swapDirectory(dir, (t) => void writeFileSync(join(t, 'a'), 'a'), () => 'holds a file we did not write');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^kept .*\/\.suite\.old-\d+-\w+, the previous tree: holds a file we did not write$/);
    expect(readdirSync(parent)).toHaveLength(2);
  });
});

describe('recoverSwap', () => {
  it('moves the backup back when the process died between the two renames, and removes its unfinished tree', () => {
    const parent = fresh();
    const pid = deadPid();
    tree(join(parent, `.suite.old-${pid}-aaaaaa`), { 'old.json': 'old' });
    tree(join(parent, `.suite.new-${pid}-aaaaaa`), { 'new.json': 'new' });
    const dir = join(parent, 'suite');
    const r = recoverSwap(dir, remove);
    expect(r.ok).toBe(true);
    expect(r.ok && r.notes).toEqual([
      `restored ${dir} from ${join(parent, `.suite.old-${pid}-aaaaaa`)} (a previous run was interrupted between its two renames)`,
      `removed ${join(parent, `.suite.new-${pid}-aaaaaa`)}, the unfinished tree of an interrupted run`,
    ]);
    expect(readdirSync(parent)).toEqual(['suite']);
    expect(readdirSync(dir)).toEqual(['old.json']);
  });

  it('discards a backup left after the second rename, but keeps what discard refuses', () => {
    const parent = fresh();
    const dir = tree(join(parent, 'suite'), { 'new.json': 'new' });
    const backup = tree(join(parent, `.suite.old-${deadPid()}-bbbbbb`), { 'old.json': 'old' });
    const kept = recoverSwap(dir, () => 'not ours');
    expect(kept.ok && kept.notes).toEqual([`kept ${backup}, the backup an interrupted run left: not ours`]);
    expect(existsSync(backup)).toBe(true);
    const removed = recoverSwap(dir, remove);
    expect(removed.ok && removed.notes).toEqual([`removed ${backup}, the backup an interrupted run left`]);
    expect(readdirSync(parent)).toEqual(['suite']);
  });

  it('changes nothing when several backups compete, or when their process still runs', () => {
    const parent = fresh();
    const dead = deadPid();
    tree(join(parent, `.suite.old-${dead}-cccccc`), { a: 'a' });
    tree(join(parent, `.suite.old-${dead}-dddddd`), { b: 'b' });
    const r = recoverSwap(join(parent, 'suite'), remove);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/is missing and several backups of it exist/);
    expect(readdirSync(parent)).toHaveLength(2);

    const live = fresh();
    tree(join(live, `.suite.old-${process.pid}-eeeeee`), { a: 'a' });
    expect(swapLeftovers(join(live, 'suite'))).toEqual({ backups: [], abandoned: [] });
    renameSync(join(live, `.suite.old-${process.pid}-eeeeee`), join(live, `.other.old-${dead}-eeeeee`));
    expect(swapLeftovers(join(live, 'suite'))).toEqual({ backups: [], abandoned: [] });
  });
});
