import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressFor, progressReporter, type ProgressOptions } from './progress.ts';

/** A reporter on a fake clock: `at(ms, done)` moves the clock and reports progress. */
function fake(total: number, o: Partial<ProgressOptions> = {}) {
  let t = 1_000_000; // any origin: only differences count
  const out: string[] = [];
  const p = progressReporter({ label: 'check', unit: 'scenarios', tty: false, write: (s) => void out.push(s), now: () => t, ...o });
  const origin = t;
  return {
    out,
    at(ms: number, done: number) {
      t = origin + ms;
      p.update(done, total);
    },
    finish(ms: number) {
      t = origin + ms;
      p.finish();
    },
  };
}

describe('progressReporter without a terminal (CI log)', () => {
  it('prints nothing at all for a run that ends within the quiet time (5 s)', () => {
    const r = fake(1000);
    for (let i = 1; i <= 1000; i++) r.at(i * 4.9, i); // 1000 scenarios in 4.9 s
    r.finish(4_900);
    expect(r.out).toEqual([]);
  });

  it('prints a line every 10 s on a slow run, with done/total, share, rate and ETA, and a last line', () => {
    const r = fake(1000);
    // 10 scenarios per second: 10 % takes 10 s, so the 10 % steps and the 10 s interval coincide.
    for (let s = 1; s <= 100; s++) r.at(s * 1000, s * 10);
    r.finish(100_000);
    expect(r.out[0]).toBe('check: 100/1,000 scenarios (10%), 10.0 scenarios/s, ETA 1 min 30 s\n');
    expect(r.out[1]).toBe('check: 200/1,000 scenarios (20%), 10.0 scenarios/s, ETA 1 min 20 s\n');
    expect(r.out).toHaveLength(10); // 9 lines at 10 %…90 %, none at 100 % (the last line says it), then the last line
    expect(r.out.at(-1)).toBe('check: done, 1,000/1,000 scenarios in 1 min 40 s (10.0 scenarios/s)\n');
  });

  it('prints at each 10 % step of a fast run, but never twice within 3 s', () => {
    const r = fake(100);
    // 1 % per 100 ms: 10 % per second, so 10 % steps come faster than the 3 s minimum gap.
    for (let i = 1; i <= 100; i++) r.at(i * 100, i);
    const lines = r.out.map((l) => Number(/: (\d+)\/100/.exec(l)![1]));
    // first line after the 5 s quiet time, at the 50th; then each at least 3 s (30 cases) later
    expect(lines).toEqual([50, 80]);
  });

  it('prints every 10 s on a run that never reaches the next 10 % step in time', () => {
    const r = fake(1_000_000);
    for (let s = 1; s <= 35; s++) r.at(s * 1000, s * 100); // 0.35 % in 35 s
    expect(r.out.map((l) => l.split(', ')[0])).toEqual([
      'check: 1,000/1,000,000 scenarios (<1%)', // at 10 s; a share that is not 0 is never printed 0 %
      'check: 2,000/1,000,000 scenarios (<1%)', // at 20 s
      'check: 3,000/1,000,000 scenarios (<1%)', // at 30 s
    ]);
    // 999,000 left at 100/s: 9,990 s = 2 h 46.5 min, rounded half up to the minute
    expect(r.out[0]).toBe('check: 1,000/1,000,000 scenarios (<1%), 100 scenarios/s, ETA 2 h 47 min\n');
  });

  it('says "stopped" when the run ends before its total (an interrupted run)', () => {
    const r = fake(100);
    r.at(11_000, 7);
    r.finish(12_000);
    // 7 in 11 s is 0.636/s, so the 93 left take 146 s; 7 in 12 s is 0.583/s
    expect(r.out).toEqual(['check: 7/100 scenarios (7%), 0.636 scenarios/s, ETA 2 min 26 s\n', 'check: stopped, 7/100 scenarios in 12.0 s (0.583 scenarios/s)\n']);
  });

  it('mode "every" prints each update at once (scripts that watch a run), "off" prints nothing', () => {
    const every = fake(101, { mode: 'every', unit: 'tasks', label: 'fuzz' });
    every.at(0, 0);
    every.at(500, 2);
    expect(every.out[1]).toMatch(/^fuzz: 2\/101 tasks \(2%\), /); // 1.98 %, rounded half up
    expect(every.out).toHaveLength(2);
    const off = fake(10, { mode: 'off' });
    for (let s = 1; s <= 10; s++) off.at(s * 10_000, s);
    off.finish(100_000);
    expect(off.out).toEqual([]);
  });
});

describe('progressReporter figures', () => {
  it('prints a share just short of the total as >99 %, never 100 %, and counts with thousands separators', () => {
    const r = fake(100_000, { mode: 'every' });
    r.at(10_000, 99_990); // 99.99 % in 10 s: 9,999/s
    expect(r.out).toEqual(['check: 99,990/100,000 scenarios (>99%), 9,999 scenarios/s, ETA 1.0 ms\n']);
  });
});

describe('progressReporter on a terminal', () => {
  it('redraws one live line in place after 2 s, at most every 100 ms, and clears it at the end', () => {
    const r = fake(1000, { tty: true });
    for (let i = 1; i <= 1000; i++) r.at(i * 5, i); // 1000 in 5 s, an update every 5 ms
    r.finish(5_000);
    expect(r.out.slice(0, 1)).toEqual(['\rcheck: 400/1,000 scenarios (40%), 200 scenarios/s, ETA 3.0 s\x1b[K']);
    // from 2 s to 5 s, one redraw per 100 ms: 2.0, 2.1, …, 5.0 s
    expect(r.out.filter((s) => s.startsWith('\rcheck')).length).toBe(31);
    expect(r.out.at(-1)).toBe('\r\x1b[K');
    expect(r.out.join('')).not.toContain('\n');
  });

  it('writes nothing, not even the clearing sequence, for a short run', () => {
    const r = fake(10, { tty: true });
    r.at(1_000, 10);
    r.finish(1_000);
    expect(r.out).toEqual([]);
  });
});

describe('progressFor', () => {
  const io = (tty: boolean) => {
    const out: string[] = [];
    return { out, io: { err: (s: string) => void out.push(s), isTTY: tty } };
  };

  it('LIQCHECK_PROGRESS=1 prints a plain line on every update, LIQCHECK_PROGRESS=0 nothing, even on a terminal', () => {
    const on = io(true);
    const p = progressFor(on.io, 'sweep', 'cells', { LIQCHECK_PROGRESS: '1' });
    p.update(1, 4);
    expect(on.out).toHaveLength(1);
    expect(on.out[0]).toMatch(/^sweep: 1\/4 cells \(25%\), .* cells\/s, ETA .*\n$/);
    const off = io(true);
    const q = progressFor(off.io, 'sweep', 'cells', { LIQCHECK_PROGRESS: '0', LIQCHECK_PROGRESS_MS: '1' });
    q.update(1, 4);
    q.finish();
    expect(off.out).toEqual([]);
  });

  it('rejects a malformed LIQCHECK_PROGRESS_MS and keeps the default timing (a fresh run prints nothing)', () => {
    const x = io(false);
    const p = progressFor(x.io, 'check', 'scenarios', { LIQCHECK_PROGRESS_MS: '-5' });
    p.update(1, 2);
    expect(x.out).toEqual([]);
  });
});

describe('progress of a real command without a terminal (as in CI)', () => {
  const root = new URL('../..', import.meta.url).pathname;
  const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-progress-'));

  // A 300 ms interval instead of 10 s (quiet for 150 ms, lines at least 90 ms apart), so a run of a
  // second or two shows what a long run shows in a CI log.
  it.each([
    ['check', ['check', '--runs', '300', '--seed', '3', '--failures', ''], /^check: \d+\/300 scenarios \([<>]?\d+%\), [\d.,]+ scenarios\/s, ETA (\d+ min \d+ s|[\d.]+ m?s)$/m, 'check: done, 300/300 scenarios in '],
    ['fixtures generate', ['fixtures', 'generate', '--count', '120', '--seed', '2', '--out', join(tmp, 'suite')], /^fixtures generate: \d+\/120 cases \([<>]?\d+%\), [\d.,]+ cases\/s, ETA (\d+ min \d+ s|[\d.]+ m?s)$/m, 'fixtures generate: done, 120/120 cases in '],
  ])('%s prints plain progress lines on stderr, then a last line, and leaves stdout alone', (_name, argv, line, last) => {
    const r = spawnSync(process.execPath, ['bin/liqcheck.mjs', ...argv], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LIQCHECK_PROGRESS: '', LIQCHECK_PROGRESS_MS: '300' },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toMatch(line);
    expect(r.stderr).toContain(last);
    expect(r.stderr).not.toContain('\r');
    expect(r.stdout).not.toMatch(/ETA/);
  }, 60_000);
});
