/**
 * CERT-001, the gate's check of an engine that announces the protocol feature `certificate`: the
 * certificate it sent beside a result verifies against that very result (spec §14).
 *
 * @remarks Catalog-external: it judges what the engine *claims about* its result, not the result
 * (the catalog and REF-001 do that), so it runs only for engines that list the feature, and only
 * on scenarios in the certificate domain (spec §14.1) — outside it a certificate is not expected
 * and one sent is ignored.
 * @see docs/protocol.md#certificates-feature-certificate
 */
import { viewScenario } from './scenarioView.ts';
import { verifyCertificate } from './verifyCertificate.ts';

export const CERTIFICATE_CHECK = {
  id: 'CERT-001',
  title: 'certificate verifies',
  statement: 'an engine listing the protocol feature certificate sends, with every result of a scenario in the certificate domain, a certificate that the verifier accepts for that result',
  domain: 'engines listing certificate; linear scenarios under the reference policy without assets, book or requests (spec §14.1)',
  spec: 'docs/spec.md#14-liquidation-certificates',
} as const;

/** Whether CERT-001 judges a scenario: it is in the certificate domain (spec §14.1). */
export function inCertificateDomain(scenario: unknown): boolean {
  return viewScenario(scenario).ok;
}

/** Most failures one message lists (the verifier usually stops a group at its first). */
const SHOWN = 3;

/**
 * The CERT-001 violation messages for one answer: `[]` when the certificate verifies, `null` when
 * the scenario is outside the domain (not judged). `sent` is whether the reply carried the field.
 */
export function certificateViolations(scenario: unknown, result: unknown, sent: boolean, certificate: unknown): string[] | null {
  if (!inCertificateDomain(scenario)) return null;
  if (!sent) return ['the engine lists the feature certificate but sent no certificate with this result'];
  const v = verifyCertificate(scenario, result, certificate);
  if (v.ok) return [];
  const shown = v.failures.slice(0, SHOWN).map((f) => `${f.claim} at ${f.path}: expected ${f.expected}, received ${f.received}`);
  const more = v.failures.length > SHOWN ? ` (and ${v.failures.length - SHOWN} more)` : '';
  return [`the certificate does not verify: ${shown.join('; ')}${more}`];
}
