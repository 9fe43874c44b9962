/** Runs a command line through `sh -c`, as a user pastes it: its exit code and output, never a throw for a non-zero exit. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export async function shell(line: string, cwd: string): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await promisify(execFile)('sh', ['-c', line], { cwd, timeout: 120_000, maxBuffer: 64 << 20 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof x.code !== 'number') throw e;
    return { code: x.code, out: x.stdout ?? '', err: x.stderr ?? '' };
  }
}
