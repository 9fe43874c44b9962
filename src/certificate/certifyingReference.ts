/**
 * The reference as an in-process engine that announces the protocol feature `certificate`: each
 * result carries its certificate (spec §14). `liqcheck check --impl src/certificate/certifyingReference.ts`
 * runs the gate's CERT-001 on it.
 * @see docs/protocol.md#certificates-feature-certificate
 */
import { FEATURES } from '../adapters/features.ts';
import { liquidate as reference } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import { certify } from './certify.ts';

export const name = 'reference-with-certificates';
export const version = '1.0.0';
export const policy = 'minimal-close';
export const features: readonly string[] = [...FEATURES, 'certificate'];

/** The reference's outcome, with `certificate` beside a result in the certificate domain. */
export function liquidate(scenario: Scenario): unknown {
  const o = reference(scenario);
  if (!o.ok) return o;
  const c = certify(scenario, o.result);
  return c.kind === 'certificate' ? { ...o, certificate: c.certificate } : o;
}
