import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  descendantsOf,
  ENGINE_TOKEN_VAR,
  environHasToken,
  isRunning,
  killEngineTree,
  newEngineToken,
  parseStat,
  pidsWithToken,
  type ProcessEntry,
} from './descendants.ts';

const entry = (pid: number, ppid: number, state = 'S'): ProcessEntry => ({ pid, ppid, state, startTime: String(1000 + pid) });

describe('parseStat', () => {
  it('should read pid, state, ppid and start time, whatever the command name holds', () => {
    const rest = Array.from({ length: 30 }, (_, i) => String(i + 5)).join(' ');
    // comm "a) (b c" is legal: only the last ')' ends it.
    expect(parseStat(`4242 (a) (b c) S 17 ${rest}`)).toEqual({ pid: 4242, ppid: 17, state: 'S', startTime: '22' });
    expect(parseStat('garbage')).toBeNull();
    expect(parseStat('12 (x) S')).toBeNull();
  });
});

describe('descendantsOf', () => {
  it('should return every process below the root, and nothing else', () => {
    const table = [entry(1, 0), entry(10, 1), entry(11, 10), entry(12, 11), entry(13, 10, 'Z'), entry(20, 1), entry(21, 20)];
    expect(descendantsOf(10, table).map((e) => e.pid)).toEqual([11, 13, 12]);
    expect(descendantsOf(12, table)).toEqual([]);
  });
});

describe('environHasToken', () => {
  it('should match the whole NAME=value entry only', () => {
    const env = (s: string): Buffer => Buffer.from(s, 'latin1');
    expect(environHasToken(env(`HOME=/root\0${ENGINE_TOKEN_VAR}=abc\0PATH=/bin\0`), 'abc')).toBe(true);
    expect(environHasToken(env(`${ENGINE_TOKEN_VAR}=abc`), 'abc')).toBe(true);
    expect(environHasToken(env(`${ENGINE_TOKEN_VAR}=abcd\0`), 'abc')).toBe(false);
    expect(environHasToken(env(`X${ENGINE_TOKEN_VAR}=abc\0`), 'abc')).toBe(false);
  });
});

describe('killEngineTree (Linux /proc)', () => {
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const c of started.splice(0)) if (c.pid !== undefined) killEngineTree({ pid: c.pid, token: 'none', alive: c.exitCode === null });
  });

  /** A shell "engine" in its own group that prints the pids of its helpers, then "ready". */
  function engine(script: string, token: string): Promise<{ pid: number; helpers: number[] }> {
    const child = spawn('sh', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, [ENGINE_TOKEN_VAR]: token } });
    started.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no "ready" within 5 s: ${out}`)), 5000);
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (!out.includes('ready\n')) return;
        clearTimeout(timer);
        resolve({ pid: child.pid!, helpers: out.split('\n').filter((l) => /^\d+$/.test(l)).map(Number) });
      });
    });
  }

  /**
   * Waits until each pid runs `sleep`: a helper caught between fork and exec has an unreadable
   * environment for a moment, and a busy machine can stretch that moment (a flake seen under load).
   */
  async function execed(pids: readonly number[]): Promise<void> {
    const comm = (pid: number): string => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        return '';
      }
    };
    for (let i = 0; i < 200 && !pids.every((p) => comm(p) === 'sleep'); i++) await new Promise((r) => setTimeout(r, 10));
  }

  async function settle(pids: readonly number[]): Promise<boolean[]> {
    for (let i = 0; i < 100 && pids.some(isRunning); i++) await new Promise((r) => setTimeout(r, 30));
    return pids.map(isRunning);
  }

  it('should stop helpers outside the group: one with a clean environment, one re-parented; and nothing else', async () => {
    const token = newEngineToken();
    // 1: own session, no environment (found through the parent tree); 2: own session, its parent
    // (a subshell) gone at once (found through the marker).
    const e = await engine('setsid env -i sleep 30 & echo $!; (setsid sleep 30 & echo $!); echo ready; exec sleep 30', token);
    const bystander = await engine('echo ready; exec sleep 30', newEngineToken());
    expect(e.helpers).toHaveLength(2);
    await execed(e.helpers);
    expect([e.pid, ...e.helpers].map(isRunning)).toEqual([true, true, true]);
    expect(pidsWithToken(token)).toContain(e.helpers[1]);
    expect(pidsWithToken(token)).not.toContain(e.helpers[0]);

    killEngineTree({ pid: e.pid, token, alive: true });

    expect(await settle([e.pid, ...e.helpers])).toEqual([false, false, false]);
    expect(isRunning(bystander.pid)).toBe(true);
  });

  it('should not read the parent tree of an engine that has exited, but still find its marked orphans', async () => {
    const token = newEngineToken();
    const e = await engine('setsid sleep 30 & echo $!; echo ready', token);
    expect(await settle([e.pid])).toEqual([false]);
    await execed(e.helpers);
    expect(isRunning(e.helpers[0]!)).toBe(true);

    killEngineTree({ pid: e.pid, token, alive: false });

    expect(await settle(e.helpers)).toEqual([false]);
  });
});
