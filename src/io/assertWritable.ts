/**
 * Whether an output path can be written, found before a run rather than after it: a report that
 * cannot be written should cost the user a second, not the whole run and its results.
 * @see docs/fixtures.md#generating
 */
import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';

/** What will be written at the path. */
export interface OutputTarget {
  /**
   * `file` (default): a file replaced atomically by a rename, whose directory must exist.
   * `directory`: a directory files are written into; created if missing (its parent must exist).
   * `swapped-directory`: a directory replaced as a whole by renames in its parent, which must
   * exist and take new entries.
   */
  readonly kind?: 'file' | 'directory' | 'swapped-directory';
  /** Missing ancestors are created too (the failure database's `.liqcheck/failures`). */
  readonly createsParents?: boolean;
}

export type WritePathReason =
  | 'empty-path'
  | 'missing-parent'
  | 'parent-not-directory'
  | 'is-directory'
  | 'not-regular-file'
  | 'not-directory'
  | 'cannot-create'
  | 'inaccessible';

/** Why an output path cannot be written. */
export interface WritePathProblem {
  readonly path: string;
  readonly reason: WritePathReason;
  /** the reason in words, e.g. `the directory /x does not exist` */
  readonly why: string;
  /** `<path>: cannot be written: <why>`, for the user */
  readonly message: string;
}

const problem = (path: string, reason: WritePathReason, why: string): WritePathProblem => ({ path, reason, why, message: `${path}: cannot be written: ${why}` });

type Stat = ReturnType<typeof statSync>;
/** `stat`, with ENOENT as `undefined` and ENOTDIR (an ancestor is a file) as `'under-a-file'`. */
function stat(path: string): Stat | undefined | 'under-a-file' {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return 'under-a-file';
    throw e;
  }
}

/** The nearest ancestor of `path` that exists (`/` at worst). */
function nearestExisting(path: string): string {
  let dir = path;
  while (stat(dir) === undefined && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The first ancestor of `path` that is not a directory (when a stat said ENOTDIR). */
function fileAncestor(path: string): string {
  let dir = dirname(path);
  while (dirname(dir) !== dir) {
    const s = stat(dir);
    if (s !== undefined && s !== 'under-a-file' && !s.isDirectory()) return dir;
    dir = dirname(dir);
  }
  return dirname(path);
}

const ERRNO: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'the file system does not allow new files there',
};

/** Creates and removes a uniquely named empty file in `dir`: the one test that write permission, read-only mounts and pseudo file systems all answer truthfully (root ignores modes). */
function probe(path: string, dir: string): WritePathProblem | null {
  const file = join(dir, `.liqcheck-probe-${randomUUID()}.tmp`);
  try {
    closeSync(openSync(file, 'wx'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return problem(path, 'cannot-create', `cannot create a file in ${dir} (${ERRNO[code] ?? code}, ${code})`);
  }
  unlinkSync(file);
  return null;
}

/** The directory in which `path` will be created must exist (or be creatable) and take new files. */
function parentProblem(path: string, parent: string, createsParents: boolean): WritePathProblem | null {
  const s = stat(parent);
  if (s === 'under-a-file') return problem(path, 'parent-not-directory', `${fileAncestor(parent)} is not a directory`);
  if (s === undefined) {
    if (!createsParents) return problem(path, 'missing-parent', `the directory ${parent} does not exist`);
    const base = nearestExisting(parent);
    return statSync(base).isDirectory() ? probe(path, base) : problem(path, 'parent-not-directory', `${base} is not a directory`);
  }
  if (!s.isDirectory()) return problem(path, 'parent-not-directory', `${parent} is not a directory`);
  return probe(path, parent);
}

/**
 * Why `path` cannot be written as `target` says, or `null` when it can. Creates nothing and
 * truncates nothing: the target itself is never opened; only a probe file beside it (or in it, for
 * an existing directory) is created and removed again.
 */
export function assertWritable(path: string, target: OutputTarget = {}): WritePathProblem | null {
  if (path === '') return problem('""', 'empty-path', 'the path is empty');
  try {
    return judge(path, target);
  } catch (e) {
    // ELOOP, ENAMETOOLONG, EACCES on a directory on the way: the path cannot even be looked at.
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return problem(path, 'inaccessible', `it cannot be examined (${ERRNO[code] ?? code}, ${code})`);
  }
}

function judge(path: string, target: OutputTarget): WritePathProblem | null {
  const absolute = resolve(path);
  const s = stat(absolute);
  if (target.kind === 'directory' || target.kind === 'swapped-directory') {
    if (s === undefined || s === 'under-a-file') return parentProblem(path, dirname(absolute), target.createsParents ?? false);
    if (!s.isDirectory()) return problem(path, 'not-directory', 'it is not a directory');
    return target.kind === 'directory' ? probe(path, absolute) : parentProblem(path, dirname(absolute), false);
  }
  if (s !== undefined && s !== 'under-a-file') {
    if (s.isDirectory()) return problem(path, 'is-directory', 'it is a directory');
    // The write replaces the path by a rename: on /dev/null that would replace the device itself.
    if (!s.isFile()) return problem(path, 'not-regular-file', 'it is not a regular file (a device, FIFO or socket would be replaced by the rename)');
  }
  return parentProblem(path, dirname(absolute), target.createsParents ?? false);
}

/** One output of a command: the option that names it and where it goes. */
export interface NamedOutput extends OutputTarget {
  readonly option: string;
  readonly path: string | undefined;
}

/**
 * The first output that cannot be written, as `--option <path>: cannot be written: <why>`, or
 * `null`. Outputs without a path are skipped: the option was not given, or given as `""`, which
 * every command reads as "do not write this".
 */
export function unwritableOutput(outputs: readonly NamedOutput[]): string | null {
  for (const o of outputs) {
    if (o.path === undefined || o.path === '') continue;
    const p = assertWritable(o.path, o);
    if (p !== null) return `${o.option} ${p.message}`;
  }
  return null;
}
