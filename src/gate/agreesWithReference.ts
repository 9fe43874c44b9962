import { liquidate } from '../model/liquidate.ts';
import type { OutputInvariant } from '../invariants/invariant.ts';
import { diffResults, EXACT, formatDiff, type Tolerance } from './diffResults.ts';

/**
 * REF-001 — an engine gives the answer of the reference configured with the policy it declares.
 *
 * @remarks Not part of the catalog (the reference agrees with itself by definition): the gate
 * adds it for every engine under test, and the runner judges it only when the declared policy is
 * one the reference can run (it presumes `runnable`, spec §10.7). The reference reads the policy
 * from the scenario, which the gate stamps with the declared one (src/gate/declarationOf.ts).
 */
export function agreesWithReference(tol: Tolerance = EXACT): OutputInvariant {
  const exact = tol.quote.isZero() && tol.lots.isZero();
  return {
    kind: 'output',
    id: 'REF-001',
    title: 'agrees with the reference model',
    statement: `Every field of the result equals the reference model's ${exact ? 'exactly' : `within ${tol.quote.toString()} quote units and ${tol.lots.toString()} lots`}.`,
    domain: 'Engines whose declared policy the reference can run (minimal-close, or any inline policy of spec §10), compared with the reference under that policy.',
    spec: '#8-result',
    presumes: ['runnable'],
    check: (c) => {
      // The case is parsed already: the reference computes on that (parse once).
      const ref = liquidate.runParsed(c.input).outcome;
      if (!ref.ok) return [`the reference rejects this scenario (${ref.error.code}); the engine computed a result`];
      const diffs = diffResults(c.scenario, ref.result, c.result, tol);
      return diffs.length === 0 ? [] : [`${diffs.length} field(s) differ from the reference:\n${formatDiff(diffs)}`];
    },
  };
}
