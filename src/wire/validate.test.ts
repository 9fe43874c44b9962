/**
 * The compiled TypeBox validators (src/wire/validate.ts): issues in liqcheck's path syntax and
 * words, and agreement with an independent JSON Schema validator (ajv) on the shipped schemas.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { validateFixture } from '../fixtures/format.ts';
import { schemaFiles } from '../fixtures/schemaFiles.ts';
import { paramsSchemaText } from '../params/schema.ts';
import { InputDecimal, dictionary } from './common.ts';
import { Params } from './params.ts';
import { Scenario } from './scenario.ts';
import { expectedOf, validator } from './validate.ts';

const DEC = expectedOf(InputDecimal);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = new URL('../..', import.meta.url).pathname;
const sample = JSON.parse(readFileSync(`${root}fixtures/cases/partial-80d36fa48345.json`, 'utf8')) as Json;
const invalidSample = JSON.parse(readFileSync(`${root}fixtures/cases/invalid-collateral-negative-f706c55abab6.json`, 'utf8')) as Json;

/** Deep copy of `base` with one edit. */
function edited(edit: (c: Json) => void, base: Json = sample): Json {
  const c = structuredClone(base);
  edit(c);
  return c;
}

const scenario = validator(Scenario);
const params = validator(Params, 'params');
const issuesOf = (o: { ok: boolean; issues?: unknown }) => (o.ok ? [] : o.issues);

describe('issue paths and words', () => {
  const input = sample['input'] as Json;

  it('accepts a valid scenario, returning the same value', () => {
    expect(scenario(input)).toEqual({ ok: true, value: input });
  });

  it('names fields with dots, dictionary entries with quoted keys, items with indices', () => {
    const bad = edited((c) => {
      c['account']['positions'][0]['size'] = 5;
      c['params']['markets']['BTC-PERP']['tiers'][1]['maintenanceRate'] = '1e-3';
      c['marks']['BTC-PERP'] = null;
    }, input);
    expect(issuesOf(scenario(bad))).toEqual([
      { path: 'params.markets["BTC-PERP"].tiers[1].maintenanceRate', expected: DEC, received: '"1e-3"' },
      { path: 'marks["BTC-PERP"]', expected: DEC, received: 'null' },
      { path: 'account.positions[0].size', expected: DEC, received: 'number 5' },
    ]);
  });

  it('prefixes paths with the given root', () => {
    const bad = edited((c) => (c['trigger'] = 'sometimes'), input['params'] as Json);
    expect(issuesOf(params(bad))).toEqual([{ path: 'params.trigger', expected: 'one of "strict", "inclusive"', received: '"sometimes"' }]);
    expect(issuesOf(params(bad, 'input.params'))).toEqual([{ path: 'input.params.trigger', expected: 'one of "strict", "inclusive"', received: '"sometimes"' }]);
  });

  it('reports an unknown key as "no such field" and a missing one as missing', () => {
    const bad = edited((c) => {
      c['account']['positions'][0]['isolatedMagin'] = '5';
      delete c['insuranceFund'];
    }, input);
    expect(issuesOf(scenario(bad))).toEqual(
      expect.arrayContaining([
        { path: 'account.positions[0].isolatedMagin', expected: 'no such field', received: '"5"' },
        { path: 'insuranceFund', expected: 'a required field', received: 'nothing (missing)' },
      ]),
    );
  });

  it('treats an own __proto__ key as data: unknown in a closed object, an entry of a dictionary', () => {
    const closed = JSON.parse('{"collateral":"1","positions":[],"__proto__":{"x":1}}') as unknown;
    const bad = edited((c) => (c['account'] = closed), input);
    expect(issuesOf(scenario(bad))).toEqual([{ path: 'account.__proto__', expected: 'no such field', received: 'object {x}' }]);
    const marks = JSON.parse('{"__proto__":"x"}') as unknown;
    expect(issuesOf(scenario(edited((c) => (c['marks'] = marks), input)))).toEqual([
      { path: 'marks["__proto__"]', expected: DEC, received: '"x"' },
    ]);
  });

  it('checks dictionary keys containing a line break (a "^.*$" pattern would skip them)', () => {
    const marks = validator(dictionary(InputDecimal), 'marks');
    expect(issuesOf(marks({ 'a\nb': 5 }))).toEqual([{ path: 'marks["a\\nb"]', expected: DEC, received: 'number 5' }]);
  });

  it('gives one issue per offending place, a union in its own words', () => {
    const nullable = validator(Type.Object({ r: Type.Union([InputDecimal, Type.Null()], { expected: 'a decimal or null' }) }));
    expect(issuesOf(nullable({ r: 1 }))).toEqual([{ path: 'r', expected: 'a decimal or null', received: 'number 1' }]);
  });

  it('lists every issue, not the first eight', () => {
    const bad = edited((c) => {
      for (const t of c['params']['markets']['BTC-PERP']['tiers'] as Json[]) for (const k of Object.keys(t)) t[k] = 0;
    }, input);
    const tiers = (input['params']['markets']['BTC-PERP']['tiers'] as unknown[]).length;
    expect(issuesOf(scenario(bad))).toHaveLength(4 * tiers);
  });

  it('words a non-object root by its fields', () => {
    expect(issuesOf(scenario([]))).toEqual([{ path: '', expected: 'an object {params, marks, account, insuranceFund, policy, book, requests, assetPrices}', received: 'array of 0 items' }]);
  });
});

describe('fixture files', () => {
  it.each([
    ['a missing id', edited((c) => delete c['id']), '$.id'],
    ['an unknown top-level field', edited((c) => (c['extra'] = 1)), '$.extra'],
    ['both expectations', edited((c) => (c['expectedError'] = { code: 'invalid-input', issues: [] })), '$'],
    ['an exponent in a result', edited((c) => (c['expected']['fills'][0]['size'] = '5e3')), '$.expected.fills[0].size'],
    ['a non-canonical result decimal', edited((c) => (c['expected']['badDebt'] = '0.0')), '$.expected.badDebt'],
    ['a JSON number as an input amount', edited((c) => (c['input']['account']['collateral'] = 0)), '$.input.account.collateral'],
    ['a bad hash', edited((c) => (c['provenance']['hash'] = 'md5:00')), '$.provenance.hash'],
    ['a format 2 file', edited((c) => (c['format'] = '2.0.0')), '$.format'],
    ['an unknown status', edited((c) => (c['expected']['status'] = 'liquidated')), '$.expected.status'],
    ['quoteScale 19', edited((c) => (c['input']['params']['quoteScale'] = 19)), '$.input.params.quoteScale'],
    ['a mark with an odd key', edited((c) => (c['input']['marks']['odd key'] = 'x')), '$.input.marks["odd key"]'],
    ['duplicate flags', edited((c) => (c['flags'] = ['partial', 'partial'])), '$.flags'],
    ['an unknown error code', edited((c) => (c['expectedError']['code'] = 'oops'), invalidSample), '$.expectedError'],
    ['a bad issue of an invalid-input error', edited((c) => (c['expectedError']['issues'][0]['path'] = 7), invalidSample), '$.expectedError.issues[0].path'],
  ])('%s', (_name, value, path) => {
    expect(validateFixture(value).map((i) => i.path)[0]).toBe(path);
  });

  it('accepts both kinds of committed case', () => {
    expect(validateFixture(sample)).toEqual([]);
    expect(validateFixture(invalidSample)).toEqual([]);
  });

  it('names the expectation and what it received', () => {
    expect(validateFixture(edited((c) => (c['expected']['fills'][0]['size'] = '5e3')))).toEqual([
      { path: '$.expected.fills[0].size', expected: expect.stringMatching(/^a canonical decimal string \(spec §1\.1/) as string, received: '"5e3"' },
    ]);
  });
});

/** Every path into a JSON value, the root included. */
function pathsOf(v: unknown, at: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => pathsOf(x, [...at, i]))];
  if (typeof v === 'object' && v !== null) return [at, ...Object.entries(v).flatMap(([k, x]) => pathsOf(x, [...at, k]))];
  return [at];
}

const DELETE = Symbol('delete');
const ADD_KEY = Symbol('add a key');

function mutate(base: Json, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement === DELETE || replacement === ADD_KEY ? { ...base, zzz: 1 } : replacement;
  const c = structuredClone(base);
  let parent: any = c; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const k of path.slice(0, -1)) parent = parent[k];
  const last = path[path.length - 1]!;
  if (replacement === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (replacement === ADD_KEY) {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) target['zzz'] = 1;
    else parent[last] = { zzz: 1 };
  } else parent[last] = replacement;
  return c;
}

describe('the compiled validators agree with ajv on the shipped JSON Schemas', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const [fixtureFile, manifestFile] = schemaFiles();
  const fixtureAjv = ajv.compile(JSON.parse(fixtureFile!.text) as object);
  const paramsAjv = new Ajv2020({ strict: true }).compile(JSON.parse(paramsSchemaText()) as object);
  const replacement = fc.oneof(
    fc.constantFrom<unknown>(DELETE, ADD_KEY, null, 0, 1.5, -1, 19, true, '', 'x', '5e3', '1.50', '-0', '0.0', '01', [], {}, 'strict', 'partial', 'sha256:00'),
    fc.stringMatching(/^-?[0-9]{1,4}(\.[0-9]{1,3})?$/),
  );

  it('strictly compiles every shipped schema (draft 2020-12)', () => {
    expect(() => new Ajv2020({ strict: true }).compile(JSON.parse(manifestFile!.text) as object)).not.toThrow();
    expect(fixtureAjv(sample)).toBe(true);
    expect(fixtureAjv(invalidSample)).toBe(true);
  });

  it('on mutated valid and invalid cases', () => {
    for (const base of [sample, invalidSample]) {
      const paths = pathsOf(base);
      fc.assert(
        fc.property(fc.constantFrom(...paths), replacement, (path, r) => {
          const v = mutate(base, path, r);
          expect(validateFixture(v).length === 0).toBe(fixtureAjv(v));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('on mutated params', () => {
    const base = sample['input']['params'] as Json;
    fc.assert(
      fc.property(fc.constantFrom(...pathsOf(base)), replacement, (path, r) => {
        const v = mutate(base, path, r);
        expect(params(v).ok).toBe(paramsAjv(v));
      }),
      { numRuns: 300 },
    );
  });
});
