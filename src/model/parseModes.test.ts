/**
 * The two modes of parseScenario (see its header): a scenario the compiled wire schema accepts is
 * read by the semantic pass alone ("trusted"), one it rejects by the same pass with every reader
 * checking. The trusted mode is only a shortcut, so on any schema-valid input both must report the
 * same issues in the same order. An unknown root key forces the checking mode without touching
 * anything else: it is reported first (keys are read before fields), then the very same issues.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Scenario } from '../wire/scenario.ts';
import { validator } from '../wire/validate.ts';
import { parseScenario } from './parseScenario.ts';
import type { Issue } from './types.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = new URL('../..', import.meta.url).pathname;
const inputOf = (file: string): Json => (JSON.parse(readFileSync(`${root}fixtures/cases/${file}`, 'utf8')) as Json)['input'] as Json;
const bases = [
  inputOf('partial-80d36fa48345.json'),
  inputOf('invalid-collateral-negative-f706c55abab6.json'),
  inputOf('invalid-buffer-too-large-8b67df5a7c64.json'),
];
const schemaValid = validator(Scenario);

/** Paths of every string leaf that holds a decimal. */
function decimalPaths(v: unknown, at: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  if (typeof v === 'string') return /^-?[0-9]/.test(v) ? [at] : [];
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => decimalPaths(x, [...at, Array.isArray(v) ? Number(k) : k]));
}

function withLeaf(base: Json, path: readonly (string | number)[], value: string): Json {
  const c = structuredClone(base);
  let node: any = c; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const k of path.slice(0, -1)) node = node[k];
  node[path[path.length - 1]!] = value;
  return c;
}

const issuesOf = (v: unknown): readonly Issue[] => {
  const r = parseScenario(v);
  return r.ok ? [] : r.issues;
};

const UNKNOWN = { path: 'zzz', expected: 'no such field', received: 'number 1' };

describe('trusted and checking mode agree', () => {
  it('on the committed inputs', () => {
    for (const base of bases) {
      expect(schemaValid(base).ok).toBe(true);
      expect(issuesOf({ ...base, zzz: 1 })).toEqual([UNKNOWN, ...issuesOf(base)]);
    }
  });

  it('on schema-valid edits of decimal fields (lot and tick grids, domains, continuity, …)', () => {
    const decimal = fc
      .oneof(fc.stringMatching(/^-?(0|[1-9][0-9]{0,6})(\.[0-9]{1,8})?$/), fc.constantFrom('0', '1', '0.5', '0.999', '1000000', '-1', '0.00'))
      .filter((s) => !/^-0(\.0+)?$/.test(s));
    for (const base of bases) {
      const paths = decimalPaths(base);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), decimal), { minLength: 1, maxLength: 3 }), (edits) => {
          const v = edits.reduce((s, [path, x]) => withLeaf(s, path, x), base);
          fc.pre(schemaValid(v).ok);
          expect(issuesOf({ ...v, zzz: 1 })).toEqual([UNKNOWN, ...issuesOf(v)]);
        }),
        { numRuns: 200 },
      );
    }
  });
});
