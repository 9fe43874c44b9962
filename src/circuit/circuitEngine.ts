/**
 * An in-process engine whose answers are the claims a circuit accepts (spec §15.8): the gate then
 * checks the circuit against the reference like any other engine.
 *
 * @remarks Why adversarial by default: an honest prover only ever shows that the right claim is
 * provable (completeness). Answering the first dishonest claim the circuit accepts instead turns a
 * soundness hole — a wrong claim provable — into a wrong answer the catalog and REF-001 see, and
 * a completeness hole — the right claim unprovable — into a wrong answer or a failed request.
 * The oracle `accepts` is the relation (relation.ts) or the compiled circuit's witness calculator
 * (examples/zk/).
 * @see docs/spec.md#15-circuit-friendly-profile
 */
import type { Outcome, Scenario } from '../model/types.ts';
import { alternatives } from './alternatives.ts';
import { circuitForm } from './circuitForm.ts';
import type { CircuitInputs } from './layout.ts';
import { emptyResult, resultOf } from './resultOf.ts';
import { honestWitness, inputsOf } from './witness.ts';

export interface CircuitEngineOptions {
  /** whether the circuit accepts these inputs (a witness exists that satisfies every constraint) */
  readonly accepts: (inputs: CircuitInputs) => boolean | Promise<boolean>;
  /**
   * `adversarial` (default): the first dishonest claim accepted, else the honest one; `honest`:
   * the honest claim only (a failed request when the circuit rejects it).
   */
  readonly mode?: 'adversarial' | 'honest';
  /** the commitment's blinding (default 0: the gate needs no hiding) */
  readonly salt?: bigint;
}

/** The engine: `liquidate(scenario)` answered through the circuit. */
export function circuitEngine(o: CircuitEngineOptions): (scenario: Scenario) => Promise<Outcome> {
  const mode = o.mode ?? 'adversarial';
  const salt = o.salt ?? 0n;
  return async function circuitLiquidate(scenario: Scenario): Promise<Outcome> {
    const read = circuitForm(scenario);
    if (!read.ok) return { ok: false, error: read.error };
    const { form } = read;
    // §4.3: a group without a position is never liquidatable; there is no position to prove about.
    if (form.position === null) return { ok: true, result: emptyResult(form) };
    const honest = honestWitness(form);
    if (mode === 'adversarial') {
      for (const alt of alternatives(form)) {
        if (await o.accepts(inputsOf(form, alt.witness, salt))) return { ok: true, result: resultOf(form, alt.witness.claim) };
      }
    }
    if (await o.accepts(inputsOf(form, honest, salt))) return { ok: true, result: resultOf(form, honest.claim) };
    // Not an answer but a failed request: the gate reports it with the scenario.
    throw new Error(mode === 'adversarial' ? 'internal: the circuit accepts no claim' : 'internal: the circuit rejects the honest claim');
  };
}
