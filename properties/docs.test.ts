/** The README's catalog table and the spec's sections agree with the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withCatalog } from '../src/invariants/catalogTable.ts';
import { CATALOG, PARAMS_CATALOG } from '../src/invariants/catalog.ts';

const read = (f: string) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8');

function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{2,4} (.+)$/gm)) {
    out.add(`#${m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-')}`);
  }
  return out;
}

describe('documentation', () => {
  it('README catalog table is the one generated from the code (run `npm run catalog`)', () => {
    const readme = read('README.md');
    expect(readme).toBe(withCatalog(readme));
  });
  it('every invariant cites a spec section that exists', () => {
    const known = anchors(read('docs/spec.md'));
    for (const inv of [...CATALOG, ...PARAMS_CATALOG]) expect(known, `${inv.id} cites ${inv.spec}`).toContain(inv.spec);
  });
  it('invariant ids are unique', () => {
    const ids = [...CATALOG, ...PARAMS_CATALOG].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
