/**
 * Plumbing for the profile zoo: wrong engines that run under whatever policy the scenario carries
 * (a venue profile's, stamped by the gate) and change one thing in it. They are built on the
 * integer core's policy frame (src/policy/liquidateGroupUnder.ts `PartSwap`), so every part the bug
 * does not touch is the profile's own.
 * @internal
 */
import { ceilTo, floorTo, FZERO, type Fixed } from '../../model/fixed.ts';
import { groupHealth, type FFill, type FGroup } from '../../model/fixedCore.ts';
import { liquidateOnFixed } from '../../model/liquidate.ts';
import { parseScenario } from '../../model/parseScenario.ts';
import type { Engine, ParsedScenario, Scenario } from '../../model/types.ts';
import type { CloseContext, Closed, Execute } from '../../policy/closeContext.ts';
import { executeClose } from '../../policy/price/executeClose.ts';

type Swap = NonNullable<Parameters<typeof liquidateOnFixed>[1]>;

/** The reference under the scenario's policy with `swap` built for each scenario. */
export function underPolicy(swap: (sc: ParsedScenario) => Swap): Engine {
  return (wire) => {
    const p = parseScenario(wire);
    if (!p.ok) return { ok: false, error: { code: 'invalid-input', issues: p.issues } };
    return liquidateOnFixed(p.value, swap(p.value));
  };
}

/** The reference under the scenario's policy, every close executed by the policy's price part and then rewritten by `rewrite`. */
export function withExecution(rewrite: (cx: CloseContext, before: FGroup, closed: Closed, market: string) => Closed): Engine {
  const execute: Execute = (cx, g, market, size) => rewrite(cx, g, executeClose(cx, g, market, size), market);
  return underPolicy(() => ({ execute }));
}

/** The reference under the scenario's policy, run on a rewritten wire scenario (a lenient reader, stale state). */
export function withWire(rewrite: (sc: Scenario) => Scenario): Engine {
  return (wire) => {
    const p = parseScenario(typeof wire === 'object' && wire !== null ? rewrite(wire as Scenario) : wire);
    if (!p.ok) return { ok: false, error: { code: 'invalid-input', issues: p.issues } };
    return liquidateOnFixed(p.value);
  };
}

/**
 * `closed` with each fill's penalty replaced by `penalty(fill)`, uncapped: the fees re-split as
 * §7.3 splits them (liquidator's share floored, the rest to the fund) and the group's collateral
 * and health moved by the difference.
 */
export function recharged(cx: CloseContext, closed: Closed, penalty: (f: FFill) => Fixed): Closed {
  const { unit, liquidatorShare } = cx.v.params;
  let delta = FZERO;
  const fills = closed.fills.map((f) => {
    const p = ceilTo(penalty(f), unit);
    delta = delta.add(p.sub(f.penalty));
    const liquidatorFee = floorTo(p.mul(liquidatorShare), unit);
    return { ...f, penalty: p, liquidatorFee, insuranceFee: p.sub(liquidatorFee) };
  });
  return { fills, group: regrouped(cx, closed.group, closed.group.collateral.sub(delta)) };
}

/** `g` with collateral `collateral` and its health summed again. */
export function regrouped(cx: CloseContext, g: FGroup, collateral: Fixed): FGroup {
  return { ...g, collateral, health: groupHealth(cx.v, { collateral, positions: g.positions }) };
}
