/**
 * Zoo engine "nondeterministic": a module-level call counter flips the rounding of the
 * liquidator's fee — every other call it is rounded UP (`⌈pen·s⌉_u`) instead of down.
 *
 * Bug class: hidden mutable state in a pure-looking function (a cached flag, a global counter,
 * iteration over a hash map with per-process seeds, `Math.random` tie-breaking) so that replaying
 * the same input gives a different answer — fatal for consensus, audits and dispute resolution.
 *
 * Violates LIQ-012 (determinism); on the odd calls also LIQ-006 (fee split).
 */
import { ceilTo } from '../model/decimal.ts';
import { closeFill } from '../model/closeFill.ts';
import { liquidateParsed } from '../model/liquidate.ts';
import { REFERENCE_RULES, type Rules } from '../model/liquidateGroup.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { Engine } from '../model/types.ts';

let calls = 0;

const roundingUp: Rules = {
  ...REFERENCE_RULES,
  closeFill: (v, g, market, size, rate) => {
    const out = closeFill(v, g, market, size, rate);
    const liquidatorFee = ceilTo(out.fill.penalty.mul(v.params.liquidatorShare), v.params.unit);
    return { ...out, fill: { ...out.fill, liquidatorFee, insuranceFee: out.fill.penalty.sub(liquidatorFee) } };
  },
};

export const nondeterministic: Engine = (sc) => {
  const parsed = parseScenario(sc);
  if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', issues: parsed.issues } };
  return liquidateParsed(parsed.value, ++calls % 2 === 0 ? roundingUp : REFERENCE_RULES);
};
