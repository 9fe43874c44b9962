/**
 * Plumbing shared by the zoo: build a wrong engine from the reference by changing one thing.
 *
 * @internal
 */
import { floorTo, type Dec } from '../model/decimal.ts';
import type { CloseOutcome } from '../model/closeFill.ts';
import { liquidateParsed } from '../model/liquidate.ts';
import { REFERENCE_RULES, type Rules } from '../model/liquidateGroup.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { Engine, LiquidationResult, Outcome, ParsedScenario, Scenario } from '../model/types.ts';

function invalid(sc: Scenario | unknown): Outcome | ParsedScenario {
  const parsed = parseScenario(sc);
  return parsed.ok ? parsed.value : { ok: false, error: { code: 'invalid-input', issues: parsed.issues } };
}

function isOutcome(x: Outcome | ParsedScenario): x is Outcome {
  return 'ok' in x;
}

/** The reference with some of its pluggable steps swapped. */
export function withRules(swap: Partial<Rules>): Engine {
  const rules: Rules = { ...REFERENCE_RULES, ...swap };
  return (sc) => {
    const p = invalid(sc);
    return isOutcome(p) ? p : liquidateParsed(p, rules);
  };
}

/** The reference with steps swapped by rules built for each scenario (they may look at the whole input). */
export function withScenarioRules(make: (sc: ParsedScenario) => Partial<Rules>): Engine {
  return (sc) => {
    const p = invalid(sc);
    return isOutcome(p) ? p : liquidateParsed(p, { ...REFERENCE_RULES, ...make(p) });
  };
}

/** The reference run on a transformed view of the validated input (and optionally other rules). */
export function withInput(transform: (sc: ParsedScenario) => ParsedScenario, swap: Partial<Rules> = {}): Engine {
  const rules: Rules = { ...REFERENCE_RULES, ...swap };
  return (sc) => {
    const p = invalid(sc);
    return isOutcome(p) ? p : liquidateParsed(transform(p), rules);
  };
}

/** The reference's result, rewritten afterwards. */
export function withResult(rewrite: (r: LiquidationResult, sc: ParsedScenario) => LiquidationResult): Engine {
  return (sc) => {
    const p = invalid(sc);
    if (isOutcome(p)) return p;
    const o = liquidateParsed(p);
    return o.ok ? { ok: true, result: rewrite(o.result, p) } : o;
  };
}

/**
 * A fill charged `penalty` instead of what the reference charged: fees re-split as the spec does,
 * the group's collateral moved by the difference. `uncappedEquity` is left alone, so the minimal
 * close the reference verified (with the right penalty) is still what gets executed.
 */
export function recharge(out: CloseOutcome, penalty: Dec, unit: Dec, share: Dec): CloseOutcome {
  const liquidatorFee = floorTo(penalty.mul(share), unit);
  return {
    ...out,
    fill: { ...out.fill, penalty, liquidatorFee, insuranceFee: penalty.sub(liquidatorFee) },
    group: { ...out.group, collateral: out.group.collateral.add(out.fill.penalty).sub(penalty) },
  };
}
