import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './writeFileAtomic.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-atomic-'));

describe('writeFileAtomic', () => {
  it('writes the content, creating missing directories', () => {
    const file = join(tmp, 'a/b/report.json');
    writeFileAtomic(file, '{"ok":true}\n');
    writeFileAtomic(file, '{"ok":false}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"ok":false}\n');
    expect(readdirSync(join(tmp, 'a/b'))).toEqual(['report.json']);
  });

  it('removes its temporary file when the rename fails (the target is a directory)', () => {
    const dir = join(tmp, 'rename-fails');
    mkdirSync(join(dir, 'report.json'), { recursive: true });
    expect(() => writeFileAtomic(join(dir, 'report.json'), 'x')).toThrow(/EISDIR|ENOTEMPTY|EEXIST|directory/i);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('never shares a temporary file between threads of one process writing the same file', async () => {
    // Threads share the pid, and their clocks tick together: a name made of both collides.
    const dir = join(tmp, 'threads');
    mkdirSync(dir);
    const file = join(dir, 'failure.json');
    const url = new URL('./writeFileAtomic.ts', import.meta.url).href;
    const body = `
      const { workerData, parentPort } = require('node:worker_threads');
      import('tsx/esm/api').then(({ register }) => (register(), import(workerData.url))).then(({ writeFileAtomic }) => {
        let errors = 0;
        for (let i = 0; i < 400; i++) {
          try { writeFileAtomic(workerData.file, workerData.text.repeat(2000)); } catch { errors++; }
        }
        parentPort.postMessage(errors);
      });`;
    const run = (text: string) =>
      new Promise<number>((resolve, reject) => {
        const w = new Worker(body, { eval: true, workerData: { url, file, text } });
        w.once('message', resolve);
        w.once('error', reject);
      });
    const errors = await Promise.all([run('a'), run('b'), run('c')]);
    expect(errors).toEqual([0, 0, 0]);
    expect(readFileSync(file, 'utf8')).toMatch(/^(a{2000}|b{2000}|c{2000})$/);
    expect(readdirSync(dir)).toEqual(['failure.json']);
  }, 60_000);
});
