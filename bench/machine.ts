/**
 * What every benchmark report records about the run's machine, so that figures from different
 * days and loads can be told apart (the load is read at the start: a busy machine slows a run).
 */
import os from 'node:os';

export interface Machine {
  readonly generatedAt: string;
  readonly node: string;
  readonly cpu: string;
  readonly logicalCpus: number;
  readonly platform: string;
  readonly loadAverageAtStart: number;
}

/** The machine facts, the one-minute load average read now. */
export function machine(): Machine {
  return {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    logicalCpus: os.cpus().length,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg()[0] ?? 0,
  };
}
