/**
 * SYS-008 on two runs (docs/simulation.md S10): the same configuration and seed must give the
 * same trace and report byte for byte. The report's `ms` (wall-clock time) is the one field
 * allowed to differ and is dropped before comparing.
 * @see docs/simulation.md#s10-system-invariants
 */
import type { Violation } from './systemInvariant.ts';

/** One run's bytes: its trace (JSON Lines) and, optionally, its report (simulation.json). */
export interface RunBytes {
  readonly trace: string;
  readonly report?: string;
}

/** The report's text without its timing, one line per field (pretty-printed). */
function reportLines(report: string): string[] {
  const value = JSON.parse(report) as Record<string, unknown>;
  delete value.ms;
  return JSON.stringify(value, null, 2).split('\n');
}

function firstDiff(a: readonly string[], b: readonly string[]): { readonly line: number; readonly a: string; readonly b: string } | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return { line: i + 1, a: a[i] ?? '(end)', b: b[i] ?? '(end)' };
  return undefined;
}

const clip = (s: string): string => (s.length > 160 ? `${s.slice(0, 160)}…` : s);

/** The SYS-008 violations of two runs: the first differing line of the trace and of the report. */
export function judgeRuns(a: RunBytes, b: RunBytes): { readonly violations: readonly Violation[]; readonly checked: Readonly<Record<string, number>> } {
  const violations: Violation[] = [];
  const stepOf = (line: string): number => {
    const m = /"step":(\d+)/.exec(line);
    return m === null ? 0 : Number(m[1]);
  };
  const t = firstDiff(a.trace.split('\n'), b.trace.split('\n'));
  if (t !== undefined) violations.push({ id: 'SYS-008', step: stepOf(t.a), message: `traces differ at line ${t.line}: ${clip(t.a)} vs ${clip(t.b)}` });
  if (a.report !== undefined && b.report !== undefined) {
    const r = firstDiff(reportLines(a.report), reportLines(b.report));
    if (r !== undefined) violations.push({ id: 'SYS-008', step: 0, message: `reports differ at line ${r.line} (without ms): ${clip(r.a.trim())} vs ${clip(r.b.trim())}` });
  }
  return { violations, checked: { 'SYS-008': 1 } };
}
