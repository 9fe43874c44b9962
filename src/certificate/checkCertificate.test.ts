import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRunScenarios } from '../arbitraries/defaultRun.ts';
import { openEngine } from '../adapters/openEngine.ts';
import { replyAnswer } from '../adapters/protocol.ts';
import { hasReplyCertificate, replyCertificate } from './replyCertificate.ts';
import { sendsCertificates } from '../adapters/features.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import { certify } from './certify.ts';
import { certificateViolations } from './checkCertificate.ts';

const scenarios = fc.sample(defaultRunScenarios(), { seed: 15, numRuns: 40 }) as Scenario[];

describe('CERT-001 and the protocol feature certificate', () => {
  it('a result reply files its certificate under the result; a reply without one files none', () => {
    const sc = scenarios[0]!;
    const o = liquidate(sc);
    if (!o.ok) throw new Error('refused');
    const c = certify(sc, o.result);
    if (c.kind !== 'certificate') throw new Error(c.reason);
    const withIt = replyAnswer({ type: 'result', id: 1, result: JSON.parse(JSON.stringify(o.result)), certificate: c.certificate });
    expect(withIt.ok && withIt.answer.ok).toBe(true);
    if (!withIt.ok || !withIt.answer.ok) return;
    expect(replyCertificate(withIt.answer.result)).toEqual(c.certificate);
    expect(certificateViolations(sc, withIt.answer.result, true, replyCertificate(withIt.answer.result))).toEqual([]);
    const without = replyAnswer({ type: 'result', id: 2, result: JSON.parse(JSON.stringify(o.result)) });
    expect(without.ok && without.answer.ok && hasReplyCertificate(without.answer.result)).toBe(false);
  });

  it('a missing, wrong or malformed certificate is a violation naming the claim and path', () => {
    const sc = scenarios.find((s) => { const o = liquidate(s); return o.ok && o.result.fills.length > 0; })!;
    const o = liquidate(sc);
    if (!o.ok) throw new Error('refused');
    expect(certificateViolations(sc, o.result, false, undefined)).toEqual(['the engine lists the feature certificate but sent no certificate with this result']);
    const c = certify(sc, o.result);
    if (c.kind !== 'certificate') throw new Error(c.reason);
    const g = c.certificate.groups.findIndex((x) => x.fills.length > 0);
    const wrong = { ...c.certificate, groups: c.certificate.groups.map((x, i) => (i === g ? { ...x, step: x.step === 0 ? 1 : 0 } : x)) };
    expect(certificateViolations(sc, o.result, true, wrong)?.[0]).toMatch(/^the certificate does not verify: step at certificate\.groups\[\d+\]\.step: /);
    expect(certificateViolations(sc, o.result, true, 'no')?.[0]).toMatch(/^the certificate does not verify: shape at certificate: /);
    // outside the domain nothing is judged
    expect(certificateViolations({ ...sc, policy: { closeSize: { kind: 'full' } } }, o.result, false, undefined)).toBeNull();
  });

  it('the certifying reference, opened as a module engine, announces the feature and its certificates verify', async () => {
    const h = await openEngine(new URL('./certifyingReference.ts', import.meta.url).pathname, { timeoutMs: 5000 });
    try {
      expect(sendsCertificates(h)).toBe(true);
      for (const sc of scenarios) {
        const a = await h.run(sc);
        expect(a.ok).toBe(true);
        if (!a.ok) continue;
        expect(hasReplyCertificate(a.result)).toBe(true);
        expect(certificateViolations(sc, a.result, true, replyCertificate(a.result))).toEqual([]);
      }
    } finally {
      await h.close();
    }
  });
});

describe('the exchange of docs/protocol.md#certificates-feature-certificate', () => {
  it('its certificate verifies for its result, and its step 1 fails with the message shown', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Certificates (feature `certificate`)'), doc.indexOf('## The JSON Schema'));
    const lines = [...section.matchAll(/^[<>] (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    const request = lines.find((l) => l['type'] === 'liquidate')!;
    const reply = lines.find((l) => l['type'] === 'result')!;
    // the reply is the reference's own result, and its certificate is what the certifier writes
    const o = liquidate(request['scenario'] as Scenario);
    expect(o.ok && o.result).toEqual(reply['result']);
    expect(certify(request['scenario'], reply['result'])).toEqual({ kind: 'certificate', certificate: reply['certificate'] });
    expect(certificateViolations(request['scenario'], reply['result'], true, reply['certificate'])).toEqual([]);
    const c = reply['certificate'] as { groups: Record<string, unknown>[] };
    const stepOne = { ...c, groups: [{ ...c.groups[0]!, step: 1 }] };
    const message = /^(the certificate does not verify: .*)$/m.exec(section)![1];
    expect(certificateViolations(request['scenario'], reply['result'], true, stepOne)).toEqual([message]);
  });
});
