import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';
import { ZOO } from '../../zoo/index.ts';
import { runCli } from '../__support__/runCli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-certify-'));
const FIXTURE = 'fixtures/cases/partial-80d36fa48345.json';
const scenario = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { input: Scenario }).input;

describe('liqcheck certify', () => {
  it('writes the verified certificate of the reference result, and verifies it back', async () => {
    const out = join(tmp, 'cert.json');
    const w = await runCli(['certify', FIXTURE, '--out', out]);
    expect(w.code).toBe(0);
    expect(w.out).toBe(`✓ certificate written to ${out} (verified)\n`);
    // The case closes 596 lots of 0.01 (its expected fill is 5.96 ETH) in its one cross group.
    const cert = JSON.parse(readFileSync(out, 'utf8')) as { format: string; groups: { group: string; fills: { lots: string }[] }[] };
    expect(cert.format).toBe('liqcheck-certificate-1');
    expect(cert.groups.map((g) => [g.group, g.fills.map((f) => f.lots)])).toEqual([['cross', ['596']]]);
    const v = await runCli(['certify', FIXTURE, '--certificate', out]);
    expect([v.code, v.out]).toEqual([0, "✓ the certificate verifies against the reference's result\n"]);
  });

  it('a tampered certificate and a wrong result exit 1, naming the claim and its path', async () => {
    const good = (await runCli(['certify', FIXTURE])).out;
    const tampered = JSON.parse(good) as { groups: { fills: { lots: string }[] }[] };
    tampered.groups[0]!.fills[0]!.lots = '595';
    writeFileSync(join(tmp, 'bad.json'), JSON.stringify(tampered));
    const t = await runCli(['certify', FIXTURE, '--certificate', join(tmp, 'bad.json')]);
    expect(t.code).toBe(1);
    expect(t.out).toMatch(/^✗ fill at result\.fills\[0\]\.size: expected .*received 5\.96\n/);
    // A zoo engine's result one lot short of the minimal close has no valid certificate.
    const short = ZOO.find((z) => z.name === 'oneLotShort')!.engine(scenario);
    if (!short.ok) throw new Error('oneLotShort refused the case');
    expect(short.result).not.toEqual((liquidate(scenario) as { result: unknown }).result);
    writeFileSync(join(tmp, 'short.json'), JSON.stringify(short.result));
    const s = await runCli(['certify', FIXTURE, '--result', join(tmp, 'short.json')]);
    expect(s.code).toBe(1);
    expect(s.out).toContain('no valid certificate exists for it');
  });

  it('bad input exits 2 with the file and what is wrong', async () => {
    expect(await runCli(['certify', join(tmp, 'none.json')])).toMatchObject({ code: 2, err: expect.stringContaining('none.json: no such file') });
    writeFileSync(join(tmp, 'policy.json'), JSON.stringify({ ...scenario, policy: { closeSize: { kind: 'full' } } }));
    const p = await runCli(['certify', join(tmp, 'policy.json')]);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/cannot be certified/);
    expect((await runCli(['certify'])).code).toBe(2);
  });
});
