/**
 * Groth16 proving and verification of the liquidation circuit with the committed test-only keys
 * (examples/zk/artifacts/, made by setup.ts — NOT a trusted ceremony). Only the correct circuit
 * has keys: the planted bugs are judged by their witness computation, never proved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import * as snarkjs from 'snarkjs';
import { ROOT } from './compile.ts';
import { loadCircuit, type ZkInputs } from './witness.ts';

/** The committed artifacts of the correct circuit. */
export const ARTIFACTS_DIR = join(ROOT, 'examples', 'zk', 'artifacts');
export const ZKEY_PATH = join(ARTIFACTS_DIR, 'liquidation.zkey');
export const VKEY_PATH = join(ARTIFACTS_DIR, 'verification_key.json');
export const MANIFEST_PATH = join(ARTIFACTS_DIR, 'manifest.json');

export type { Groth16Proof, VerificationKey } from 'snarkjs';

/** A proof with the public signals it proves (public outputs first, then public inputs, as circom orders them). */
export interface ZkProof {
  readonly proof: snarkjs.Groth16Proof;
  readonly publicSignals: readonly string[];
}

let vkey: snarkjs.VerificationKey | undefined;

/** The committed verification key (read once). */
export function verificationKey(): snarkjs.VerificationKey {
  return (vkey ??= JSON.parse(readFileSync(VKEY_PATH, 'utf8')) as snarkjs.VerificationKey);
}

/**
 * Proves that the correct circuit accepts `inputs`: the witness from the generated calculator, the
 * proof from the committed zkey. Throws when the circuit rejects the inputs (nothing to prove).
 */
export async function prove(inputs: ZkInputs): Promise<ZkProof> {
  await curveReady();
  const circuit = await loadCircuit('none');
  const data = await circuit.witnessFile(inputs);
  const { proof, publicSignals } = await snarkjs.groth16.prove(ZKEY_PATH, { type: 'mem', data });
  return { proof, publicSignals };
}

/** Whether `proof` proves `publicSignals` under the committed verification key. */
export async function verify(p: ZkProof): Promise<boolean> {
  await curveReady();
  return snarkjs.groth16.verify(verificationKey(), p.publicSignals, p.proof);
}

type CurveGlobal = { curve_bn128?: { terminate(): Promise<void> } | null };

/**
 * snarkjs runs the curve's arithmetic in worker threads it starts itself, which it cannot do from
 * inside a worker thread (where the gate runs an in-process engine). There the curve is made
 * single-threaded and left where snarkjs looks for its shared curve, so prove and verify use it.
 */
async function curveReady(): Promise<void> {
  const g = globalThis as CurveGlobal;
  if (isMainThread || g.curve_bn128) return;
  g.curve_bn128 = await snarkjs.curves.getCurveFromName('bn128', { singleThread: true });
}

/**
 * The proof's size: as snarkjs's JSON (what a web verifier receives), and as the raw points a
 * contract receives (A and C in G1, B in G2: 8 field elements of 32 bytes, uncompressed).
 */
export function proofSize(p: ZkProof): { readonly jsonBytes: number; readonly rawBytes: number } {
  const raw = (p.proof.pi_a.length - 1 + (p.proof.pi_b.length - 1) * 2 + p.proof.pi_c.length - 1) * 32;
  return { jsonBytes: Buffer.byteLength(JSON.stringify(p.proof)), rawBytes: raw };
}

/**
 * Stops snarkjs's curve worker threads (kept alive between proofs), so a script or a test file can
 * end. The next proof starts them again.
 */
export async function releaseProver(): Promise<void> {
  const g = globalThis as CurveGlobal;
  const curve = g.curve_bn128;
  if (curve) {
    g.curve_bn128 = null;
    await curve.terminate();
  }
}
