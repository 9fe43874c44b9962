/**
 * Stopping an engine and everything it started, including processes that left its process group
 * (`setsid`) and processes re-parented after a double fork, which a kill of the group misses.
 *
 * On Linux, two things identify an engine's descendants, read from `/proc`:
 *
 * - a marker in the environment: every engine is spawned with {@link ENGINE_TOKEN_VAR} set to a
 *   value unique to that process ({@link newEngineToken}), which its descendants inherit wherever
 *   they move in the process tree;
 * - the parent tree below the engine's pid, read while the engine still runs (afterwards its
 *   orphans belong to init or a subreaper), for descendants that cleared their environment.
 *
 * Everything here is synchronous, so that it can run in a process `exit` handler.
 *
 * @remarks Limits: a descendant that clears its environment *and* is re-parented before the gate
 * looks is not found; nor is one running as another user (it cannot be killed anyway). Without
 * `/proc` (macOS, the BSDs, Windows) only the process group is killed.
 * @see docs/protocol.md#what-the-gate-does-when-an-engine-fails
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

/** The environment variable that marks an engine and its descendants. */
export const ENGINE_TOKEN_VAR = 'LIQCHECK_ENGINE_TOKEN';

/** One process, as `/proc/PID/stat` describes it. */
export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  /** R, S, D, Z (zombie), T, X (dead), … */
  readonly state: string;
  /** clock ticks since boot: with the pid, names one process even after the pid is reused */
  readonly startTime: string;
}

/** Whether this platform has a Linux-style `/proc` (without one, only process groups are killed). */
export const PROC_AVAILABLE: boolean = existsSync('/proc/self/stat');

/** A fresh marker value for one engine process. */
export function newEngineToken(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Parses the content of `/proc/PID/stat`: `pid (comm) state ppid … starttime …`.
 *
 * @returns null when the text is not in that form
 */
export function parseStat(text: string): ProcessEntry | null {
  // comm may hold spaces and parentheses: the fields after it start after the last ')'.
  const close = text.lastIndexOf(')');
  const pid = Number.parseInt(text, 10);
  if (close < 0 || !Number.isSafeInteger(pid)) return null;
  const fields = text.slice(close + 2).trim().split(' ');
  // fields[0] is stat's field 3 (state), so field N is fields[N - 3]; starttime is field 22.
  const state = fields[0];
  const ppid = Number.parseInt(fields[1] ?? '', 10);
  const startTime = fields[19];
  if (state === undefined || !Number.isSafeInteger(ppid) || startTime === undefined) return null;
  return { pid, ppid, state, startTime };
}

/** The processes below `root` in the parent tree (not `root` itself), parents before children. */
export function descendantsOf(root: number, table: readonly ProcessEntry[]): ProcessEntry[] {
  const children = new Map<number, ProcessEntry[]>();
  for (const e of table) {
    const siblings = children.get(e.ppid);
    if (siblings === undefined) children.set(e.ppid, [e]);
    else siblings.push(e);
  }
  const found: ProcessEntry[] = [];
  const seen = new Set<number>([root]);
  const todo = [root];
  while (todo.length > 0) {
    for (const child of children.get(todo.shift()!) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      found.push(child);
      todo.push(child.pid);
    }
  }
  return found;
}

/** Whether a `/proc/PID/environ` blob (NUL-separated `NAME=value`) holds the marker `token`. */
export function environHasToken(environ: Buffer, token: string): boolean {
  return environ.toString('latin1').split('\0').includes(`${ENGINE_TOKEN_VAR}=${token}`);
}

function readEntry(pid: number): ProcessEntry | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return null; // gone meanwhile
  }
}

function pids(): number[] {
  try {
    return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => pid !== process.pid);
  } catch {
    return [];
  }
}

/** Every process but this one, as far as `/proc` can be read; [] without `/proc`. */
export function processTable(): ProcessEntry[] {
  if (!PROC_AVAILABLE) return [];
  return pids().flatMap((pid) => readEntry(pid) ?? []);
}

/** The running descendants of `pid` now (read them before killing it: its orphans move away). */
export function snapshotDescendants(pid: number): ProcessEntry[] {
  return descendantsOf(pid, processTable()).filter(running);
}

/** This user's processes that carry the marker `token`, zombies excluded (their environment is gone). */
export function pidsWithToken(token: string): number[] {
  if (!PROC_AVAILABLE) return [];
  const uid = process.getuid?.();
  return pids().filter((pid) => {
    try {
      if (uid !== undefined && statSync(`/proc/${pid}`).uid !== uid) return false;
      return environHasToken(readFileSync(`/proc/${pid}/environ`), token);
    } catch {
      return false; // gone meanwhile, or not readable
    }
  });
}

function running(e: ProcessEntry): boolean {
  return e.state !== 'Z' && e.state !== 'X';
}

/**
 * Whether `pid` runs. A zombie does not: it is dead and only waits to be reaped (some containers'
 * init never reaps orphans).
 */
export function isRunning(pid: number): boolean {
  if (PROC_AVAILABLE) {
    const e = readEntry(pid);
    return e !== null && running(e);
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sigkill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // ESRCH: already gone; EPERM: not ours
  }
}

/** What {@link killEngineTree} stops. */
export interface EngineTree {
  /** the engine's pid, also the id of its process group */
  readonly pid: number;
  /** the marker value it was spawned with */
  readonly token: string;
  /** false once it has exited: its pid may then name another process, so its tree is not read */
  readonly alive: boolean;
  /** descendants read earlier, while it ran ({@link snapshotDescendants}); killed if still the same processes */
  readonly tracked?: readonly ProcessEntry[];
}

/** Rounds of the marker scan: a process can fork between a scan and its kill. */
const TOKEN_ROUNDS = 4;

/**
 * SIGKILLs an engine's process group and, where `/proc` exists, its descendants: those below it in
 * the parent tree (read before the kill) and those carrying its marker. Synchronous.
 */
export function killEngineTree(t: EngineTree): void {
  const below = t.alive && PROC_AVAILABLE ? snapshotDescendants(t.pid) : [];
  try {
    process.kill(-t.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone
  }
  if (t.alive) sigkill(t.pid); // in case it left its own group
  if (!PROC_AVAILABLE) return;
  for (const e of [...below, ...(t.tracked ?? [])]) {
    const now = readEntry(e.pid);
    if (now !== null && now.startTime === e.startTime && running(now)) sigkill(e.pid);
  }
  for (let round = 0; round < TOKEN_ROUNDS; round++) {
    const marked = pidsWithToken(t.token).filter(isRunning);
    if (marked.length === 0) break;
    marked.forEach(sigkill);
  }
}
