// The folder reader both profile kinds share, on a reader of its own: expected values written by
// hand from the contract (name order, *.json only, a document named after its file).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNamedJsonFolder, type NamedJsonRead } from './readNamedJsonFolder.ts';
import { readJsonFile } from './readJsonFile.ts';

/** A document is any JSON object with a string `name`; anything else is one issue at `$`. */
function readDoc(file: string): NamedJsonRead<{ readonly name: unknown }> {
  const r = readJsonFile(file);
  if (!r.ok) return { ok: false, issues: [{ path: r.problem.path, expected: r.problem.expected, received: r.problem.received }] };
  const v = r.value as { name?: unknown } | null;
  return typeof v === 'object' && v !== null && 'name' in v ? { ok: true, profile: { name: v.name } } : { ok: false, issues: [{ path: '$', expected: 'an object with a name', received: JSON.stringify(v) }] };
}

describe('readNamedJsonFolder', () => {
  it('reads *.json in name order, keys by file name, and lists every refused file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-named-folder-'));
    writeFileSync(join(dir, 'b.json'), '{"name":"b"}');
    writeFileSync(join(dir, 'a.json'), '{"name":"a"}');
    writeFileSync(join(dir, 'c.json'), '{"name":7}');
    writeFileSync(join(dir, 'd.json'), '[1]');
    writeFileSync(join(dir, 'notes.txt'), 'not read');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'e.json'), '{"name":"e"}');
    const f = readNamedJsonFolder(dir, readDoc, (d) => d.name);
    expect([...f.profiles.keys()]).toEqual(['a', 'b']);
    expect(f.problems).toEqual([
      { file: join(dir, 'c.json'), issues: [{ path: 'name', expected: '"c" (the file\'s name)', received: '7' }] },
      { file: join(dir, 'd.json'), issues: [{ path: '$', expected: 'an object with a name', received: '[1]' }] },
    ]);
  });

  it('is empty, with no problem, for a folder that does not exist', () => {
    const f = readNamedJsonFolder(join(tmpdir(), 'liqcheck-no-such-named-folder'), readDoc, (d) => d.name);
    expect([f.profiles.size, f.problems.length]).toEqual([0, 0]);
  });
});
