import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see the old or the new content, never a torn one: the content goes
 * to a temporary file beside it (a name no other process or thread can share), is flushed to disk,
 * then renamed over the target. On any failure — the write, the flush, the rename (the target is a
 * directory, the file system is full) — the temporary file is removed and the error rethrown, so
 * nothing is left behind. Missing parent directories are created.
 *
 * Synchronous on purpose: a SIGINT/SIGTERM handler cannot run between the write and the rename.
 */
export function writeFileAtomic(file: string, content: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${randomUUID()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
    const bytes = Buffer.from(content, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    // Flushed before the rename: otherwise a power loss can leave the new name on empty content.
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  syncDirectory(dir);
}

/** Makes the rename itself durable; best effort, as some file systems refuse to fsync a directory. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // a directory that cannot be opened or synced (EISDIR/EINVAL on some platforms) changes nothing written
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
