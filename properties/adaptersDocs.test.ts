/**
 * docs/protocol.md agrees with the code: the worked exchange is the real bytes of the example
 * engines (and the reference's answers), the features table is the adapters' list, and every
 * `docs/protocol.md#…` the adapters cite exists.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../src/adapters/features.ts';
import { canonicalCompact as canonicalJson } from '../src/fixtures/canonicalJson.ts';
import { liquidate } from '../src/model/liquidate.ts';
import { ROOT } from './adaptersSupport.ts';

const doc = readFileSync(resolve(ROOT, 'docs/protocol.md'), 'utf8');

function exchange(): { sent: string[]; received: string[] } {
  const section = doc.slice(doc.indexOf('## A complete exchange'));
  const block = /```text\n([\s\S]*?)```/.exec(section)![1]!;
  const lines = block.trimEnd().split('\n');
  return {
    sent: lines.filter((l) => l.startsWith('> ')).map((l) => l.slice(2)),
    received: lines.filter((l) => l.startsWith('< ')).map((l) => l.slice(2)),
  };
}

describe('docs/protocol.md', () => {
  const { sent, received } = exchange();

  it.each([
    ['python3', ['examples/python/engine.py'], 'liqcheck-python-example'],
    [process.execPath, ['examples/js/engine.mjs'], 'liqcheck-js-example'],
  ])('the worked exchange is what %s %s writes, byte for byte', (cmd, args, name) => {
    const r = spawnSync(cmd, args, { cwd: ROOT, input: `${sent.join('\n')}\n`, encoding: 'utf8', timeout: 10_000 });
    expect(r.status, r.stderr).toBe(0);
    const want = received.map((l) => l.replace('"liqcheck-python-example"', JSON.stringify(name)));
    expect(r.stdout.trimEnd().split('\n')).toEqual(want);
  }, 20_000);

  it('the worked exchange carries the reference answers', () => {
    expect(sent).toHaveLength(3);
    for (const [i, line] of sent.slice(1).entries()) {
      const request = JSON.parse(line) as { id: number; scenario: unknown };
      const reply = JSON.parse(received[i + 1]!) as { id: number; type: string; result?: unknown; error?: unknown };
      expect(reply.id).toBe(request.id);
      const answer = reply.type === 'result' ? { ok: true, result: reply.result } : { ok: false, error: reply.error };
      expect(canonicalJson(answer)).toBe(canonicalJson(liquidate(request.scenario)));
    }
  });

  it('the features table lists exactly the features of the code', () => {
    const table = doc.slice(doc.indexOf('## Features'), doc.indexOf('## Versioning'));
    const names = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(names).toEqual([...FEATURES]);
  });

  it('every section the adapters cite exists', () => {
    const anchors = new Set([...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => `#${m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-')}`));
    const dir = resolve(ROOT, 'src/adapters');
    const cited = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(resolve(dir, f), 'utf8').matchAll(/docs\/protocol\.md(#[a-z0-9-]+)/g)].map((m) => [f, m[1]!] as const));
    expect(cited.length).toBeGreaterThan(3);
    for (const [file, anchor] of cited) expect(anchors, `${file} cites ${anchor}`).toContain(anchor);
  });
});
