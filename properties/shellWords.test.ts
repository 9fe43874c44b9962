/**
 * properties/shellWords.ts splits a docs line into the words `sh` makes of it (the docs tests run
 * their commands in-process on the strength of that, properties/pasteInProcess.ts), and refuses a
 * line that needs a real shell rather than splitting it some other way.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellWords } from './shellWords.ts';

const ROOT = new URL('..', import.meta.url).pathname;

/** The words `sh` itself makes of `line`: `set -- LINE` in a real shell, each word printed back. */
function shWords(line: string): string[] {
  const r = spawnSync('sh', ['-c', `set -- ${line}\nfor w in "$@"; do printf '<%s>\\n' "$w"; done`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.slice(1, -1));
}

/** The command lines of a markdown file's sh blocks that run liqcheck, without their trailing comments. */
function docLines(file: string): string[] {
  const md = readFileSync(join(ROOT, file), 'utf8');
  return [...md.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
    .flatMap((m) => m[1]!.split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => /^(npx )?liqcheck /.test(l) && !l.includes('['));
}

describe('shellWords', () => {
  // hand-written: the quoting forms the docs use, each with the words sh gives
  it.each([
    ['npx liqcheck check --failures ""', ['npx', 'liqcheck', 'check', '--failures', '']],
    ["check --failures ''", ['check', '--failures', '']],
    ['check --impl "python3 engine.py --bug x"   --runs 30', ['check', '--impl', 'python3 engine.py --bug x', '--runs', '30']],
    ['a"b c"d \'e f\'g', ['ab cd', 'e fg']],
    ['--x maintenanceRate=0.002:0.02:20 --invariants LIQ-003,REF-001 --shock -30%', ['--x', 'maintenanceRate=0.002:0.02:20', '--invariants', 'LIQ-003,REF-001', '--shock', '-30%']],
  ])('%s', (line, words) => {
    expect(shellWords(line)).toEqual(words);
    expect(shWords(line)).toEqual(words);
  });

  it('agrees with sh on every liqcheck line of the README and docs/profiles/README.md', () => {
    const lines = [...docLines('README.md'), ...docLines('docs/profiles/README.md')];
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(shellWords(line), line).toEqual(shWords(line));
  });

  it.each(['check --seed $SEED', 'check --impl "node $HOME/e.mjs"', 'check | head', 'check; rm x', 'check > out', 'check --impl `which e`', 'check a\\ b', 'check *.json', 'check ~/x', 'check "open'])(
    'refuses %s (it needs a real shell)',
    (line) => {
      expect(() => shellWords(line)).toThrow(/shell|unterminated/);
    },
  );
});
