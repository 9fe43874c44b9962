/**
 * The circom circuit as an engine for the gate (an in-process module):
 *
 *   liqcheck check --impl ./examples/zk/engine.ts --params fixtures/circuit/params.json
 *
 * The engine is zkEngine.ts: the circuit engine of src/circuit/ (adversarial) answering through
 * the compiled circuit's witness calculator. Environment:
 * - `LIQCHECK_ZK_BUG=trigger-strict-lt|penalty-truncated|missing-range-check`: a planted bug's
 *   variant of the circuit instead of the correct one (variants.ts); `constraints-only` is the
 *   correct circuit without its assert mirrors (slower; what the constraints alone accept);
 * - `LIQCHECK_ZK_PROVE_EVERY=K`: every K-th answer about a position is also proved (Groth16, the
 *   committed test-only keys) and verified end to end, its public signals compared with the
 *   answered claim; a proof that fails is an internal error of that request.
 */
import type { Outcome, Scenario } from '../../src/model/types.ts';
import { variantFromEnv } from './variants.ts';
import { zkEngine } from './zkEngine.ts';

const variant = variantFromEnv(process.env['LIQCHECK_ZK_BUG']);
if (variant instanceof Error) throw variant;
const every = process.env['LIQCHECK_ZK_PROVE_EVERY'] ?? '0';
if (!/^\d+$/.test(every)) throw new Error(`LIQCHECK_ZK_PROVE_EVERY=${every}: expected a whole number ≥ 0`);

const engine = await zkEngine({ variant, proveEvery: Number(every) });

export const name = `liqcheck-zk-circom${variant === 'none' ? '' : `+${variant}`}`;
export const version = '1.0.0';
export const policy = 'minimal-close';
/** The circuit-friendly profile's scenarios (spec §15.1): one position, cross or isolated. */
export const features = ['cross', 'isolated', 'tiers', 'dust', 'penalty-steps', 'inclusive-trigger'];

export default function liquidate(scenario: Scenario): Promise<Outcome> {
  return engine.liquidate(scenario);
}
