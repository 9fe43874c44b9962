/**
 * Replacing a directory as a whole so that its path always holds the old tree or the complete new
 * one: the new tree is built in a sibling temporary directory, then the old tree is renamed to a
 * sibling backup, the new one renamed into place, and the backup discarded. Between the two
 * renames — two system calls — the path is missing; a process that dies exactly there leaves the
 * old tree in the backup, and {@link recoverSwap} (run first by the next swap) puts it back.
 * @see docs/fixtures.md#generating
 */
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Sibling names: `.<name>.new-<pid>-<random>` (being built) and `.<name>.old-<pid>-<random>` (backup). */
const SIBLING = /^\.(.+)\.(new|old)-(\d+)-([A-Za-z0-9]+)$/;

/** What a swap left beside `dir` when its process died. */
export interface SwapLeftovers {
  /** old trees moved aside by a process that no longer runs and never discarded */
  readonly backups: readonly string[];
  /** new trees being built by a process that no longer runs */
  readonly abandoned: readonly string[];
}

/** Whether a process with this id still runs (a live one may be swapping right now). */
function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The backups and abandoned temporary trees that earlier swaps of `dir` left beside it. */
export function swapLeftovers(dir: string): SwapLeftovers {
  const parent = dirname(resolve(dir));
  const name = basename(resolve(dir));
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return { backups: [], abandoned: [] };
  }
  const backups: string[] = [];
  const abandoned: string[] = [];
  for (const e of entries.sort()) {
    const m = SIBLING.exec(e);
    if (m === null || m[1] !== name) continue;
    // A live process may be between its renames right now: its leftovers are not leftovers yet.
    if (running(Number(m[3]))) continue;
    (m[2] === 'old' ? backups : abandoned).push(join(parent, e));
  }
  return { backups, abandoned };
}

/** What {@link recoverSwap} did, one line each, for the user. */
export type RecoveryOutcome =
  | { readonly ok: true; readonly notes: readonly string[] }
  | { readonly ok: false; readonly message: string };

/**
 * Repairs what a swap of `dir` that died left behind, before anything else touches `dir`:
 * - `dir` missing and one backup: the swap died between its renames; the backup is moved back.
 * - `dir` missing and several backups: not decidable; nothing is changed (`ok: false`).
 * - `dir` present and a backup: the swap died before discarding it; `discard` removes it if it is
 *   recognisably ours (it returns why not otherwise, and the backup is kept and named).
 * - an abandoned temporary tree (its process is gone): removed; only the swap ever writes in it.
 */
export function recoverSwap(dir: string, discard: (backup: string) => string | null): RecoveryOutcome {
  const { backups, abandoned } = swapLeftovers(dir);
  const notes: string[] = [];
  let left = [...backups];
  const missing = readdirOrMissing(dir);
  if (missing && left.length > 1) {
    return { ok: false, message: `${dir} is missing and several backups of it exist (${left.join(', ')}): interrupted runs of fixtures generate; move the one you want back to ${dir}` };
  }
  if (missing && left.length === 1) {
    renameSync(left[0]!, dir);
    notes.push(`restored ${dir} from ${left[0]!} (a previous run was interrupted between its two renames)`);
    left = [];
  }
  for (const b of left) {
    const why = discard(b);
    notes.push(why === null ? `removed ${b}, the backup an interrupted run left` : `kept ${b}, the backup an interrupted run left: ${why}`);
  }
  for (const t of abandoned) {
    rmSync(t, { recursive: true, force: true });
    notes.push(`removed ${t}, the unfinished tree of an interrupted run`);
  }
  return { ok: true, notes };
}

function readdirOrMissing(dir: string): boolean {
  try {
    readdirSync(dir);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Replaces `dir` (absent, or a tree `discard` can remove) by the tree `fill` writes into a fresh
 * directory. `fill` failing leaves `dir` as it was and removes the temporary tree; a failing second
 * rename moves the old tree back. `discard(backup)` removes the old tree after the swap, or
 * returns why it will not (the backup is then kept, and named in the returned notes).
 *
 * Synchronous on purpose: a signal handler cannot run between the renames.
 */
export function swapDirectory(dir: string, fill: (fresh: string) => void, discard: (backup: string) => string | null): readonly string[] {
  const absolute = resolve(dir);
  const parent = dirname(absolute);
  const name = basename(absolute);
  const fresh = mkdtempSync(join(parent, `.${name}.new-${process.pid}-`));
  const backup = join(parent, `.${name}.old-${process.pid}-${fresh.slice(fresh.lastIndexOf('-') + 1)}`);
  try {
    fill(fresh);
    try {
      renameSync(absolute, backup);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      renameSync(fresh, absolute);
      return [];
    }
    try {
      renameSync(fresh, absolute);
    } catch (e) {
      renameSync(backup, absolute);
      throw e;
    }
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw e;
  }
  const why = discard(backup);
  return why === null ? [] : [`kept ${backup}, the previous tree: ${why}`];
}
