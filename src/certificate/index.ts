/**
 * Liquidation certificates (spec §14): `certify` writes the integer witnesses of a result,
 * `verifyCertificate` checks them with no model and no division.
 * @see docs/spec.md#14-liquidation-certificates
 */
export { certify, MAX_MISSES, type CertifyOutcome } from './certify.ts';
export { verifyCertificate, type CertificateFailure, type Claim, type Verdict } from './verifyCertificate.ts';
export { CERTIFICATE_SCHEMA_FILE, certificateSchemaText } from './schemaFile.ts';
export { CERTIFICATE_CHECK, certificateViolations, inCertificateDomain } from './checkCertificate.ts';
