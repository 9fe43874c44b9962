/**
 * CERT-001 through the gate: an engine that lists the protocol feature `certificate` is judged on
 * the certificates it sends (spec §14, docs/protocol.md#certificates-feature-certificate) — the
 * certifying reference passes, and an engine whose results are right but whose certificates are
 * wrong (or missing) is caught by CERT-001 alone.
 */
import { describe, expect, it } from 'vitest';
import { defaultRunScenarios } from '../src/arbitraries/defaultRun.ts';
import { attachCertificate } from '../src/certificate/replyCertificate.ts';
import { certify } from '../src/certificate/certify.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';
import { runCatalog } from '../src/runner/runCatalog.ts';
import type { Answer } from '../src/invariants/invariant.ts';

/** The reference, with each result's certificate passed through `tamper` and filed under it. */
function certifying(tamper: (c: unknown) => unknown): (s: Scenario) => Promise<Answer> {
  return async (s) => {
    const o = liquidate(s);
    if (!o.ok) return o;
    const result = JSON.parse(JSON.stringify(o.result)) as typeof o.result;
    const c = certify(s, result);
    if (c.kind === 'certificate') {
      const sent = tamper(c.certificate);
      if (sent !== undefined) attachCertificate(result, sent);
    }
    return { ok: true, result };
  };
}

async function run(tamper: (c: unknown) => unknown) {
  return runCatalog({
    engine: { name: 'certifying', policy: 'minimal-close', run: certifying(tamper), certificates: true },
    scenarios: defaultRunScenarios(),
    runs: 120,
    seed: 20261202,
    shrinkMs: 2_000,
  });
}

const tally = (r: Awaited<ReturnType<typeof run>>, id: string) => r.tallies.find((t) => t.id === id);

describe('CERT-001 in the gate', () => {
  it('the certifying reference passes, and CERT-001 judged every case in its domain', async () => {
    const r = await run((c) => c);
    expect(r.ok).toBe(true);
    // The default run's scenarios are all linear minimal-close ones without assets or books at
    // this seed (the domain of spec §14.1), so every case is judged.
    expect(tally(r, 'CERT-001')?.checked).toBe(120);
  });

  it('right results with a tampered certificate fail CERT-001 and nothing else', async () => {
    // Moves every group's penalty-step witness by one: the result is untouched.
    const r = await run((c) => {
      const cert = c as { groups: { step?: number }[] };
      return { ...cert, groups: cert.groups.map((g) => (g.step === undefined ? g : { ...g, step: g.step + 1 })) };
    });
    expect(r.ok).toBe(false);
    expect(tally(r, 'CERT-001')?.violations).toBeGreaterThan(0);
    expect(tally(r, 'CERT-001')?.counterexample?.message).toMatch(/^the certificate does not verify: /);
    expect(r.tallies.filter((t) => t.violations > 0).map((t) => t.id)).toEqual(['CERT-001']);
  });

  it('an engine that lists the feature and sends no certificate fails CERT-001', async () => {
    const r = await run(() => undefined);
    expect(tally(r, 'CERT-001')?.counterexample?.message).toBe('the engine lists the feature certificate but sent no certificate with this result');
  });
});
