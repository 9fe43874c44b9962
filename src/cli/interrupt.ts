/**
 * A clean stop on SIGINT and SIGTERM for the long-running commands (`check`, `fuzz`): the first
 * signal aborts the work, which then finishes what is in flight, prints its summary and writes its
 * reports marked interrupted; a second signal does what it did before (the binary's handler stops
 * the engines and exits at once). The exit code is the shell's 128 + signal number.
 */
import type { Io } from './commands/check.ts';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The conventional exit code of a process stopped by `signal`: 130 for SIGINT, 143 for SIGTERM. */
export const SIGNAL_EXIT: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/**
 * Runs `body` with an AbortSignal that the first SIGINT or SIGTERM aborts (its `reason` is the
 * signal's name). The previous listeners are set aside meanwhile and put back afterwards.
 */
export async function withInterrupt<T>(io: Io, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const previous = new Map(SIGNALS.map((s) => [s, process.listeners(s)] as const));
  const handlers = new Map<StopSignal, () => void>();
  for (const s of SIGNALS) {
    const handler = (): void => {
      if (controller.signal.aborted) {
        for (const l of previous.get(s) ?? []) (l as (sig: StopSignal) => void)(s);
        return;
      }
      controller.abort(s);
      io.err(`\nliqcheck: ${s} — stopping after the work in flight (again to stop at once); what was found so far will be reported and saved\n`);
    };
    process.removeAllListeners(s);
    process.on(s, handler);
    handlers.set(s, handler);
  }
  try {
    return await body(controller.signal);
  } finally {
    for (const s of SIGNALS) {
      process.removeListener(s, handlers.get(s)!);
      for (const l of previous.get(s) ?? []) process.on(s, l as () => void);
    }
  }
}

/** The signal that aborted `signal`, if any. */
export function stopSignal(signal: AbortSignal): StopSignal | undefined {
  if (!signal.aborted) return undefined;
  return signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
}
