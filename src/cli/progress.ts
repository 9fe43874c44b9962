/**
 * Progress of a long command on stderr. On a terminal: one live line, redrawn in place (`\r`). In a
 * log (CI, no terminal): a plain line every 10 % or every 10 s, whichever comes first, never two
 * within 3 s, with done/total, rate and ETA — so a CI log is never silent for minutes, yet a run
 * that ends within a few seconds prints nothing at all. Driven by the command's own progress
 * callback (no timer), so it also works inside synchronous loops such as fixture generation.
 * Figures are printed by src/io/formatFigure.ts, like every other figure people read.
 */
import { formatCount, formatDuration, formatRate, formatShare } from '../io/formatFigure.ts';

/** How often a plain (non-terminal) line may be printed; every figure in milliseconds. */
export interface ProgressTiming {
  /** a line at least this often while updates arrive (default 10 s) */
  readonly intervalMs: number;
  /** … or sooner, at each 10 % step, but never within this gap of the previous line (default 3 s) */
  readonly minGapMs: number;
  /** nothing before this much time has passed: short runs stay silent (default 5 s in a log, 2 s on a terminal) */
  readonly quietMs: number;
}

export interface ProgressOptions {
  /** the command, first on the line: `check`, `fuzz`, `fixtures generate` … */
  readonly label: string;
  /** what is counted, plural: `scenarios`, `tasks`, `cells`, `cases`, `files` */
  readonly unit: string;
  readonly write: (s: string) => void;
  /** a live line (`\r`) instead of plain lines */
  readonly tty: boolean;
  /** 'every': a plain line on every update (LIQCHECK_PROGRESS=1, for scripts that watch a run); 'off': nothing */
  readonly mode?: 'auto' | 'every' | 'off';
  readonly timing?: Partial<ProgressTiming>;
  /** milliseconds on a monotonic clock; injectable so tests need no sleeping */
  readonly now?: () => number;
}

export interface Progress {
  /** `done` of `total` units are finished */
  readonly update: (done: number, total: number) => void;
  /** the run is over (or stopped): clears the live line; in a log, a last line if any was printed */
  readonly finish: () => void;
}

const LOG_TIMING: ProgressTiming = { intervalMs: 10_000, minGapMs: 3_000, quietMs: 5_000 };
/** a terminal line is redrawn at most this often: enough to look live, cheap on a fast loop */
const TTY_REDRAW_MS = 100;
const TTY_QUIET_MS = 2_000;

/** A progress reporter; see the file comment for when it prints. */
export function progressReporter(o: ProgressOptions): Progress {
  const now = o.now ?? (() => performance.now());
  const mode = o.mode ?? 'auto';
  const timing: ProgressTiming = { ...LOG_TIMING, ...(o.tty ? { quietMs: TTY_QUIET_MS } : {}), ...o.timing };
  const start = now();
  let last: { done: number; total: number } | null = null;
  let printedAt: number | null = null;
  let printedStep = 0;
  let drawn = false;

  const line = (t: number, done: number, total: number): string => {
    const elapsed = t - start;
    const rate = elapsed > 0 ? (1000 * done) / elapsed : 0;
    const share = total > 0 ? ` (${formatShare(done, total, 0)})` : '';
    const eta = rate > 0 ? formatDuration((1000 * Math.max(0, total - done)) / rate) : 'unknown';
    return `${o.label}: ${formatCount(done)}/${formatCount(total)} ${o.unit}${share}, ${formatRate(rate, o.unit)}, ETA ${eta}`;
  };

  const update = (done: number, total: number): void => {
    last = { done, total };
    if (mode === 'off') return;
    const t = now();
    if (mode === 'every') return o.write(`${line(t, done, total)}\n`);
    if (t - start < timing.quietMs) return;
    if (o.tty) {
      if (printedAt !== null && t - printedAt < TTY_REDRAW_MS) return;
      o.write(`\r${line(t, done, total)}\x1b[K`);
      drawn = true;
      printedAt = t;
      return;
    }
    if (done >= total) return; // the last line, from finish(), says it
    const since = t - (printedAt ?? start);
    const step = total > 0 ? Math.floor((10 * done) / total) : 0;
    if (since < timing.minGapMs || (step <= printedStep && since < timing.intervalMs)) return;
    o.write(`${line(t, done, total)}\n`);
    printedAt = t;
    printedStep = step;
  };

  const finish = (): void => {
    if (drawn) o.write('\r\x1b[K');
    if (o.tty || mode !== 'auto' || printedAt === null || last === null) return;
    const ms = now() - start;
    const { done, total } = last;
    const how = done >= total ? 'done' : 'stopped';
    o.write(`${o.label}: ${how}, ${formatCount(done)}/${formatCount(total)} ${o.unit} in ${formatDuration(ms)} (${formatRate(ms > 0 ? (1000 * done) / ms : 0, o.unit)})\n`);
    printedAt = null;
  };

  return { update, finish };
}

/**
 * The reporter for a command, with the environment's overrides: LIQCHECK_PROGRESS=0 turns it off,
 * LIQCHECK_PROGRESS=1 prints a plain line on every update, LIQCHECK_PROGRESS_MS=N sets the log
 * interval to N ms (the quiet time and the minimum gap scale with it).
 */
export function progressFor(io: { readonly err: (s: string) => void; readonly isTTY: boolean }, label: string, unit: string, env: NodeJS.ProcessEnv = process.env): Progress {
  const flag = env['LIQCHECK_PROGRESS'];
  const mode = flag === '0' ? 'off' : flag === '1' ? 'every' : 'auto';
  const raw = env['LIQCHECK_PROGRESS_MS'];
  const ms = raw !== undefined && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
  const timing = ms === null ? {} : { intervalMs: ms, minGapMs: 0.3 * ms, quietMs: 0.5 * ms };
  return progressReporter({ label, unit, write: io.err, tty: io.isTTY, mode, timing });
}

