/**
 * The circuit engine with the TypeScript relation as its oracle, as a module engine:
 *
 *   liqcheck check --impl ./src/circuit/relationEngine.ts --params fixtures/circuit/params.json
 *
 * @remarks Why: it runs the statement the circuit proves (relation.ts) through the gate without
 * compiling anything, so the relation itself is checked against the reference; the circom circuit
 * is then checked against the relation (examples/zk/).
 * @see docs/circuit.md
 */
import type { Scenario } from '../model/types.ts';
import { circuitEngine } from './circuitEngine.ts';
import { checkRelation } from './relation.ts';

export const name = 'liqcheck-circuit-relation';
export const version = '1.0.0';
export const policy = 'minimal-close';
/** The profile's scenarios (spec §15.1): one position, cross or isolated, tiers, dust, steps, either trigger. */
export const features = ['cross', 'isolated', 'tiers', 'dust', 'penalty-steps', 'inclusive-trigger'];

const engine = circuitEngine({ accepts: (inputs) => checkRelation(inputs).ok });

export default function liquidate(s: Scenario) {
  return engine(s);
}
