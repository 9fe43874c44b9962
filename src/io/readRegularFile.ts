/**
 * Reading the bytes of an input file that must be a regular file of bounded size, so that a FIFO,
 * a character device such as /dev/zero, a directory or a runaway file is refused with a message
 * instead of hanging the gate or filling its memory.
 * @see docs/params.md#reading-input-files
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** One thing wrong with one input file; `path` is a JSON path inside it (`$` for the whole file). */
export interface FileProblem {
  readonly file: string;
  readonly path: string;
  readonly expected: string;
  readonly received: string;
}

/**
 * The size cap of every JSON input file (params, reports, fixtures, manifests): 16 MiB. The largest
 * file liqcheck itself writes (a 20×20 sweep report) is well under 1 MiB.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export type RegularFileRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly problem: FileProblem };

// O_NONBLOCK: opening a FIFO for reading would otherwise block until a writer appears, before
// fstat could refuse it. It has no effect on regular files. (Absent on Windows, hence `?? 0`.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

const CODES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many symbolic links',
  ENOTDIR: 'a path component is not a directory',
  ENAMETOOLONG: 'name too long',
  EISDIR: 'a directory',
};

/** `an error (ENOENT: no such file)`, for any file-system error of an input file. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return `an error (${e instanceof Error ? e.message : String(e)})`;
  return `an error (${code}${Object.hasOwn(CODES, code) ? `: ${CODES[code]}` : ''})`;
}

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}

/**
 * Reads the whole of `file`, which must be a regular file of at most `maxBytes` bytes. The kind
 * is checked with fstat on the opened descriptor (no window between the check and the read), and
 * the read stops one byte past the cap in case the file grows meanwhile. Never throws.
 */
export function readRegularFile(file: string, maxBytes: number = MAX_INPUT_BYTES): RegularFileRead {
  const fail = (expected: string, received: string): RegularFileRead => ({ ok: false, problem: { file, path: '$', expected, received } });
  const tooLarge = (received: string) => fail(`a file of at most ${mib(maxBytes)} (the input size limit)`, received);
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    return fail('a readable file', describeFsError(e));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return fail('a regular file', kindOf(st));
    if (st.size > maxBytes) return tooLarge(`${st.size} bytes`);
    // Read to end of file rather than trusting st.size (the file may grow meanwhile), but never
    // more than one byte past the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(st.size - total + 1, maxBytes + 1 - total, 1 << 20)));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return { ok: true, bytes: Buffer.concat(chunks, total) };
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return tooLarge(`more than ${maxBytes} bytes (the file grew while it was read)`);
    }
  } catch (e) {
    return fail('a readable file', describeFsError(e));
  } finally {
    closeSync(fd);
  }
}
