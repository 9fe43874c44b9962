import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import { certify } from './certify.ts';
import { CERTIFICATE_SCHEMA_FILE, certificateSchemaText } from './schemaFile.ts';

const root = new URL('../../', import.meta.url).pathname;

describe('the shipped certificate schema', () => {
  it('is the one generated from src/wire/certificate.ts', () => {
    expect(readFileSync(root + CERTIFICATE_SCHEMA_FILE, 'utf8')).toBe(certificateSchemaText());
  });

  it('accepts a certificate the certifier writes and refuses one with an unknown field (ajv, draft 2020-12)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const check = ajv.compile(JSON.parse(readFileSync(root + CERTIFICATE_SCHEMA_FILE, 'utf8')) as object);
    const market = Object.keys(defaultParams.markets)[0]!;
    const mark = '30000';
    // a long far below maintenance: liquidated, so the certificate has a step and a fill
    const sc = { params: defaultParams, marks: { [market]: mark }, account: { collateral: '1', positions: [{ market, size: '1', entryPrice: '31000' }] }, insuranceFund: '0' };
    const o = liquidate(sc);
    if (!o.ok) throw new Error(JSON.stringify(o.error));
    const c = certify(sc, o.result);
    if (c.kind !== 'certificate') throw new Error(c.reason);
    expect(c.certificate.groups[0]!.fills.length).toBeGreaterThan(0);
    expect(check(c.certificate), JSON.stringify(check.errors)).toBe(true);
    expect(check({ ...c.certificate, groups: [{ ...c.certificate.groups[0]!, extra: 1 }] })).toBe(false);
  });
});
