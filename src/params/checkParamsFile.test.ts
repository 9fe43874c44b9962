import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import { runCli } from '../cli/__support__/runCli.ts';
import type { RiskParams } from '../model/types.ts';
import { BAD_PARAMS } from '../zoo/badParams.ts';
import { checkParamsFile } from './checkParamsFile.ts';
import { locate } from './locate.ts';
import { PARAMS_SCHEMA_FILE, paramsSchemaText } from './schema.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-params-'));
const write = (name: string, value: unknown): string => {
  const file = join(tmp, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
};
const bad = (name: string): RiskParams => BAD_PARAMS.find((b) => b.name === name)!.params;

describe('checkParamsFile', () => {
  it('passes the built-in profile: no error (advisories only)', () => {
    expect(checkParamsFile(defaultParams).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('flags penalty ≥ maintenance rate (PAR-002) at the offending tier, with the reason', () => {
    const f = checkParamsFile(bad('penaltyAboveMaintenance')).filter((x) => x.id === 'PAR-002');
    expect(f[0]).toEqual({
      id: 'PAR-002',
      severity: 'error',
      where: 'params.markets["BTC-PERP"].tiers[0]',
      reason: 'BTC-PERP tier 0: penalty 0.007 + impact 0 ≥ maintenance rate 0.004 + buffer 0.002; a partial close cannot restore safety there',
    });
  });

  it('flags discontinuous tiers (PAR-001) at the tier whose amount jumps, with the amount continuity needs', () => {
    const f = checkParamsFile(bad('discontinuousTiers'));
    expect(f[0]).toMatchObject({ id: 'PAR-001', severity: 'error', where: 'params.markets["BTC-PERP"].tiers[1]' });
    expect(f[0]!.reason).toContain('continuity needs 50');
    // The parser's own issue for the same field is covered by the PAR finding, not repeated.
    expect(f.some((x) => x.id === 'SPEC')).toBe(false);
  });

  it.each(BAD_PARAMS.map((b) => [b.name, b] as const))('flags the zoo set %s with its PAR id', (_, b) => {
    const ids = new Set(checkParamsFile(b.params).filter((f) => f.severity === 'error').map((f) => f.id));
    expect([...ids].sort()).toEqual([b.violates, ...(b.alsoViolates ?? [])].sort());
  });

  it('reports a domain rule no PAR id covers as SPEC, at its field', () => {
    const f = checkParamsFile({ ...defaultParams, priceImpact: '1.5' });
    expect(f).toContainEqual(expect.objectContaining({ id: 'SPEC', where: 'params.priceImpact', reason: expect.stringContaining('received "1.5"') }));
  });

  it('warns about the advisories with the offending tier or step', () => {
    const eth = defaultParams.markets['ETH-PERP']!;
    const p: RiskParams = {
      ...defaultParams,
      penalty: { ...defaultParams.penalty, liquidatorShare: '1' },
      markets: { ...defaultParams.markets, 'ETH-PERP': { ...eth, tiers: eth.tiers.map((t, n) => (n === 0 ? { ...t, initialRate: '0.006' } : t)) } },
    };
    const f = checkParamsFile(p);
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f).toContainEqual(expect.objectContaining({ id: 'RSK-001', where: 'params.penalty.liquidatorShare' }));
    expect(f).toContainEqual(expect.objectContaining({ id: 'RSK-002', where: 'params.markets["ETH-PERP"].tiers[0]', reason: expect.stringContaining('after an adverse move of only 0.1%') }));
    expect(f).toContainEqual(expect.objectContaining({ id: 'RSK-003', where: 'params.penalty.steps[2]' }));
  });

  it('locates every PAR message shape', () => {
    expect(locate('ETH-PERP tier 3: x')).toBe('params.markets["ETH-PERP"].tiers[3]');
    expect(locate('step 2: rate')).toBe('params.penalty.steps[2]');
    expect(locate('liquidator share 2 is outside [0, 1]')).toBe('params.penalty.liquidatorShare');
    expect(locate('target buffer -1 must be')).toBe('params.targetBuffer');
    expect(locate('BTC: no tiers')).toBe('params.markets["BTC"].tiers');
    expect(locate('something else')).toBe('params');
  });
});

describe('liqcheck params check', () => {
  it('exits 0 on the built-in profile', async () => {
    const r = await runCli(['params', 'check', 'fixtures/params/default.json']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 error(s)');
  });

  it('exits 1 on an unsafe set, naming the rule, the tier and the reason; --json writes the findings', async () => {
    const json = join(tmp, 'findings.json');
    const r = await runCli(['params', 'check', write('unsafe.json', bad('penaltyAboveMaintenance')), '--json', json]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ PAR-002 params\.markets\["BTC-PERP"\]\.tiers\[0\]\n {4}BTC-PERP tier 0: penalty 0\.007/);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ ok: false, errors: 3 });
  });

  it('exits 1 on warnings only with --strict', async () => {
    const file = write('default.json', defaultParams);
    expect((await runCli(['params', 'check', file, '--strict'])).code).toBe(1);
  });

  it.each([
    ['not JSON', '{"quoteScale": ', /expected JSON, received a syntax error/],
    ['a wrong type', { ...defaultParams, quoteScale: '6' }, /params\.quoteScale: expected an integer from 0 to 18, received "6"/],
    ['exponent notation', { ...defaultParams, targetBuffer: '2e-3' }, /params\.targetBuffer: expected a decimal string .*received "2e-3"/],
    ['a misspelt field', { ...defaultParams, dustNotonal: '1' }, /params\.dustNotonal: expected no such field/],
    ['a missing field', { ...defaultParams, priceImpact: undefined }, /params\.priceImpact: expected a required field, received nothing \(missing\)/],
  ])('exits 2 on %s, with the field path, expected and received', async (name, value, message) => {
    const r = await runCli(['params', 'check', write(`${name}.json`, value)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('exits 2 on an unreadable file and on a missing FILE', async () => {
    expect((await runCli(['params', 'check', join(tmp, 'none.json')])).err).toMatch(/expected a readable file, received an error \(ENOENT: no such file\)/);
    expect((await runCli(['params', 'check'])).code).toBe(2);
  });
});

describe('the params JSON Schema', () => {
  it('is the shipped file, generated from the fixture format\'s params shape (liqcheck params schema)', async () => {
    expect(readFileSync(PARAMS_SCHEMA_FILE, 'utf8')).toBe(paramsSchemaText());
    expect((await runCli(['params', 'schema'])).out).toBe(paramsSchemaText());
  });

  it('accepts the built-in profile and rejects a malformed set', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(paramsSchemaText()) as object);
    expect(validate(JSON.parse(readFileSync('fixtures/params/default.json', 'utf8')))).toBe(true);
    expect(validate({ ...defaultParams, trigger: 'sometimes' })).toBe(false);
    expect(validate({ ...defaultParams, targetBuffer: '1e-3' })).toBe(false);
  });
});
