/**
 * The circuit-friendly profile (spec §15): the integer form of the single-position rules, the
 * relation a zero-knowledge circuit enforces (`checkRelation`, executable and normative), the
 * honest prover, the dishonest claims, and an engine answering with whatever claim an oracle (the
 * relation, or a compiled circuit: examples/zk/) accepts.
 * @see docs/spec.md#15-circuit-friendly-profile
 */
export { circuitForm, formOfParsed, DOMAIN, type CircuitForm, type FormOutcome } from './circuitForm.ts';
export { SIGNALS, PUBLIC_INPUTS, PRIVATE_INPUTS, INPUTS, W, K, S, type CircuitInputs, type SignalSpec } from './layout.ts';
export { checkRelation, type RelationResult } from './relation.ts';
export { alternatives, ALTERNATIVE_KINDS, type Alternative, type AlternativeKind } from './alternatives.ts';
export { circuitEngine, type CircuitEngineOptions } from './circuitEngine.ts';
export { honestWitness, inputsOf, type Claim, type Witness } from './witness.ts';
export { resultOf } from './resultOf.ts';
