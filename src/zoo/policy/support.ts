/**
 * Plumbing for the policy zoo: a wrong engine under a policy is the reference frame of spec §10.1
 * with one part's rule swapped (src/policy/liquidateGroupUnder.ts `PartSwap`).
 * @internal
 */
import { liquidateOnFixed } from '../../model/liquidate.ts';
import { parseScenario } from '../../model/parseScenario.ts';
import type { Engine } from '../../model/types.ts';

/** The reference under the scenario's policy with `swap` in place of its own part rules. */
export function withPartSwap(swap: NonNullable<Parameters<typeof liquidateOnFixed>[1]>): Engine {
  return (sc) => {
    const p = parseScenario(sc);
    if (!p.ok) return { ok: false, error: { code: 'invalid-input', issues: p.issues } };
    return liquidateOnFixed(p.value, swap);
  };
}
