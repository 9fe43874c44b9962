/** The shipped JSON Schemas as src/wire/jsonSchema.ts emits them from the TypeBox shapes. */
import { describe, expect, it } from 'vitest';
import { INPUT_DIGITS } from '../model/parseDecimal.ts';
import { decimalPattern } from './common.ts';
import { Fixture } from './fixture.ts';
import { toJsonSchema } from './jsonSchema.ts';
import { Params } from './params.ts';

describe('decimal patterns (spec §1.1)', () => {
  const input = new RegExp(decimalPattern('input', INPUT_DIGITS), 'u');
  const canonical = new RegExp(decimalPattern('canonical', { integer: 60, fraction: 36 }), 'u');
  it.each(['0', '1', '-1.5', '1.50', '100.0', '0.000000000000000001', '9'.repeat(30)])('input accepts %s', (x) => expect(input.test(x)).toBe(true));
  it.each(['-0', '-0.00', '01', '1e3', '+1', '1.', '.5', '', ' 1', '1.0000000000000000000', '1'.repeat(31)])('input rejects %j', (x) => expect(input.test(x)).toBe(false));
  it.each(['0', '-1.5', '125.850000001'])('canonical accepts %s', (x) => expect(canonical.test(x)).toBe(true));
  it.each(['1.50', '100.0', '-0', '0.0'])('canonical rejects %s', (x) => expect(canonical.test(x)).toBe(false));
});

describe('toJsonSchema', () => {
  const fixture = toJsonSchema(Fixture);
  const text = JSON.stringify(fixture);

  it('puts the document head first: draft 2020-12, the root $id, title and description', () => {
    expect(fixture).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'urn:liqcheck:fixture:1', title: expect.any(String) as string, description: expect.any(String) as string });
  });

  it('emits each named shape once under $defs and references it', () => {
    expect(Object.keys(fixture['$defs'] as object)).toEqual(expect.arrayContaining(['scenario', 'params', 'market', 'tier', 'position', 'result', 'fill', 'snapshot', 'group', 'error', 'provenance', 'validCase', 'invalidCase']));
    expect(text).toContain('"$ref":"#/$defs/tier"');
    expect(text).not.toContain('"$id":"urn:liqcheck:tier:1"');
  });

  it('closes every object with fixed fields and leaves out liqcheck\'s `expected` words', () => {
    expect(text).not.toContain('"additionalProperties":true');
    const objects: Record<string, unknown>[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object' && v !== null) {
        const o = v as Record<string, unknown>;
        if (o['properties'] !== undefined) objects.push(o);
        expect(typeof o['expected'] === 'string' && o['type'] !== undefined).toBe(false);
        Object.values(o).forEach(walk);
      }
    };
    walk(fixture);
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) expect(o['additionalProperties']).toBe(false);
  });

  it('keeps a field named `expected` (a name is data, not the annotation)', () => {
    const valid = (fixture['$defs'] as Record<string, { properties: Record<string, unknown> }>)['validCase']!;
    expect(valid.properties['expected']).toEqual({ $ref: '#/$defs/result' });
  });

  it('states dictionaries with additionalProperties, so no key escapes a pattern', () => {
    const params = toJsonSchema(Params) as { properties: Record<string, Record<string, unknown>> };
    expect(params.properties['markets']).toEqual({ type: 'object', additionalProperties: { $ref: '#/$defs/market' } });
  });
});
