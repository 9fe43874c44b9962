import { liquidate } from '../model/liquidate.ts';
import type { OutputInvariant } from '../invariants/invariant.ts';
import { diffResults, EXACT, formatDiff, type Tolerance } from './diffResults.ts';

/**
 * REF-001 — an engine that claims the reference policy gives the reference's answer.
 *
 * @remarks Not part of the catalog (the reference agrees with itself by definition): the gate
 * adds it for engines whose handshake claims `minimal-close`.
 */
export function agreesWithReference(tol: Tolerance = EXACT): OutputInvariant {
  const exact = tol.quote.isZero() && tol.lots.isZero();
  return {
    kind: 'output',
    id: 'REF-001',
    title: 'agrees with the reference model',
    statement: `Every field of the result equals the reference model's ${exact ? 'exactly' : `within ${tol.quote.toString()} quote units and ${tol.lots.toString()} lots`}.`,
    domain: 'Engines claiming the minimal-close policy.',
    spec: '#8-result',
    policy: 'minimal-close',
    check: (c) => {
      // The case is parsed already: the reference computes on that (parse once).
      const ref = liquidate.runParsed(c.input).outcome;
      if (!ref.ok) return [`the reference rejects this scenario (${ref.error.code}); the engine computed a result`];
      const diffs = diffResults(c.scenario, ref.result, c.result, tol);
      return diffs.length === 0 ? [] : [`${diffs.length} field(s) differ from the reference:\n${formatDiff(diffs)}`];
    },
  };
}
