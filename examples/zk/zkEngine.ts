/**
 * The circom circuit as a liquidation engine: src/circuit/circuitEngine.ts (adversarial by
 * default: the first dishonest claim the circuit accepts, else the honest one) with the compiled
 * circuit's witness calculator as the acceptance oracle, so that the gate checks the circuit
 * itself — not the TypeScript relation — against the reference. Optionally every K-th answer is
 * also proved and verified end to end.
 */
import { circuitEngine } from '../../src/circuit/circuitEngine.ts';
import { PUBLIC_INPUTS, signalOf, type CircuitInputs } from '../../src/circuit/layout.ts';
import type { Outcome, Scenario } from '../../src/model/types.ts';
import { prove, verify } from './prove.ts';
import type { ZkVariant } from './variants.ts';
import { loadCircuit } from './witness.ts';

export interface ZkEngineOptions {
  /** the circuit variant (default `none`: the correct circuit; else a planted bug) */
  readonly variant?: ZkVariant;
  /**
   * Prove (Groth16, the committed test-only keys) and verify every K-th answer the circuit gave
   * about a position; 0 (default) never. Only the correct circuit has keys.
   */
  readonly proveEvery?: number;
}

/** A proof made by the engine: how many, and the time they took. */
export interface ZkEngineStats {
  proofs: number;
  proveMs: number;
  verifyMs: number;
}

/** The order of BN254's scalar field: circuit values are integers mod this prime. */
export const FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/**
 * Where the public input `name` (its first slot, for an array) is among a proof's public signals:
 * after the commitment, the public inputs in circuit order, arrays flattened.
 */
export function publicSignalIndex(name: string): number {
  const at = PUBLIC_INPUTS.indexOf(name);
  if (at < 0) throw new Error(`${name} is not a public input`);
  return 1 + PUBLIC_INPUTS.slice(0, at).reduce((n, p) => n + (signalOf(p)!.length ?? 1), 0);
}

/**
 * The public signals a proof of `inputs` carries after the commitment: the public inputs
 * flattened, in circuit order, as field elements (a negative value v is written p + v).
 */
export function publicInputValues(inputs: CircuitInputs): string[] {
  return PUBLIC_INPUTS.flatMap((n) => {
    const v = inputs[n];
    if (v === undefined) throw new Error(`no input ${n}`);
    return (typeof v === 'string' ? [v] : [...v]).map((x) => (((BigInt(x) % FIELD) + FIELD) % FIELD).toString());
  });
}

/**
 * The engine function, the circuit loaded (compiled on first use, then cached). A failed proof of
 * an answered claim rejects the request with an `internal:` error (the gate reports a failed request).
 *
 * @throws Error when `proveEvery` is set for a planted variant, or is not a whole number ≥ 0
 */
export async function zkEngine(o: ZkEngineOptions = {}): Promise<{ readonly liquidate: (s: Scenario) => Promise<Outcome>; readonly stats: ZkEngineStats }> {
  const variant = o.variant ?? 'none';
  const proveEvery = o.proveEvery ?? 0;
  if (!Number.isInteger(proveEvery) || proveEvery < 0) throw new Error(`proveEvery: expected a whole number ≥ 0, received ${proveEvery}`);
  if (proveEvery > 0 && variant !== 'none') throw new Error(`proving needs the correct circuit (only it has keys), not the variant ${variant}`);
  const circuit = await loadCircuit(variant);
  const stats: ZkEngineStats = { proofs: 0, proveMs: 0, verifyMs: 0 };
  let answered = 0;

  const proveAndVerify = async (inputs: CircuitInputs): Promise<void> => {
    const t0 = performance.now();
    const p = await prove(inputs);
    const t1 = performance.now();
    const ok = await verify(p);
    stats.proofs++;
    stats.proveMs += t1 - t0;
    stats.verifyMs += performance.now() - t1;
    const want = publicInputValues(inputs);
    const got = p.publicSignals.slice(1);
    if (got.length !== want.length || got.some((x, i) => x !== want[i])) {
      throw new Error(`internal: the proof's public signals ${JSON.stringify(got)} are not the answered claim's ${JSON.stringify(want)}`);
    }
    if (!ok) throw new Error('internal: the proof of the answered claim does not verify');
  };

  const liquidate = async (scenario: Scenario): Promise<Outcome> => {
    // The inputs of the last claim the circuit accepted: the one the engine answers with (null
    // when the scenario never reached the circuit: invalid, outside the profile, no position).
    // One engine per request, so that concurrent requests never share it.
    let accepted: CircuitInputs | null = null;
    const engine = circuitEngine({
      accepts: (inputs) => {
        const ok = circuit.check(inputs).ok;
        if (ok) accepted = inputs;
        return ok;
      },
    });
    const out = await engine(scenario);
    const inputs = accepted as CircuitInputs | null;
    if (out.ok && inputs !== null && proveEvery > 0 && ++answered % proveEvery === 0) await proveAndVerify(inputs);
    return out;
  };
  return { liquidate, stats };
}
