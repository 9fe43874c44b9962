/**
 * The certificate an engine sent beside a result (protocol feature `certificate`, spec §14),
 * kept beside the result object it came with.
 *
 * @remarks Why a side table and not a field of the answer: an answer is the model's `Outcome`,
 * shared by every engine, invariant and report; a certificate concerns one check only (CERT-001),
 * so the adapter files it under the very result object it accompanied, and the gate asks for it.
 * A `WeakMap` keeps nothing alive once the result is dropped.
 * @see docs/protocol.md#certificates-feature-certificate
 */
const CERTIFICATES = new WeakMap<object, unknown>();

/** Files `certificate` (any JSON value: the verifier judges its shape) under `result`. */
export function attachCertificate(result: object, certificate: unknown): void {
  CERTIFICATES.set(result, certificate);
}

/** The certificate that came with `result`, or `undefined` when none did. */
export function replyCertificate(result: unknown): unknown {
  return typeof result === 'object' && result !== null ? CERTIFICATES.get(result) : undefined;
}

/** Whether a certificate came with `result` (a `null` one included: the engine sent the field). */
export function hasReplyCertificate(result: unknown): boolean {
  return typeof result === 'object' && result !== null && CERTIFICATES.has(result);
}
