/**
 * Wrong engines of the close-size part (issue 11): each the reference frame with its close rule
 * swapped for one that has a realistic bug in one place (support.ts `withPartSwap`).
 */
import { ceilDiv, ceilTo, floorDiv, floorTo, FONE, fmax, fmin, type Fixed } from '../../model/fixed.ts';
import { markOf, marketOf, meetsTarget, tierIndex, trialFill, type FFill, type FGroup } from '../../model/fixedCore.ts';
import type { CloseContext, CloseRule } from '../../policy/closeContext.ts';
import { full } from '../../policy/closeSize/full.ts';
import { portionSize } from '../../policy/closeSize/fixedPortion.ts';
import { requestedSize } from '../../policy/closeSize/requested.ts';
import type { Policy } from '../../wire/policy.ts';
import type { PolicyZooEntry } from './policyZooEntry.ts';
import { withPartSwap } from './support.ts';

export const FIXED_PORTION: Policy = { closeSize: { kind: 'fixed-portion', portion: '0.1', minimumNotional: '500' } };
export const STEP_DOWN: Policy = { closeSize: { kind: 'step-down' } };
export const FULL: Policy = { closeSize: { kind: 'full' } };
export const REQUESTED: Policy = { closeSize: { kind: 'requested', closeFactor: '0.5' } };

function portionOf(cx: CloseContext): { readonly portion: Fixed; readonly minimumNotional: Fixed } {
  const c = cx.policy.closeSize;
  if (c.kind !== 'fixed-portion') throw new Error(`a fixed-portion zoo engine under a ${c.kind} close size`);
  return c;
}

/** One fill of `size(position)` on the first position of the order. */
function onFirst(size: (cx: CloseContext, a: Fixed, mark: Fixed, lot: Fixed) => Fixed): CloseRule {
  return (cx, group) => {
    const market = cx.order[0]!;
    const a = group.positions.find((p) => p.market === market)!.size.abs();
    return { ok: true, ...cx.execute(cx, group, market, size(cx, a, markOf(cx.v, market), marketOf(cx.v, market).lot)) };
  };
}

// dYdX's own step rounding (down, then at least one step) applied to a rule that promises "at least the portion".
const portionRoundedDown = onFirst((cx, a, mark, lot) => {
  const { portion, minimumNotional } = portionOf(cx);
  const delta = fmin(a, fmax(fmax(lot, floorTo(portion.mul(a), lot)), ceilDiv(minimumNotional, lot.mul(mark)).mul(lot)));
  return a.sub(delta).mul(mark).lt(fmax(minimumNotional, cx.v.params.dustNotional)) ? a : delta;
});

// The minimum notional is not read at all: only the portion and the dust rule.
const portionWithoutMinimum = onFirst((cx, a, mark, lot) => {
  const delta = fmin(a, ceilTo(portionOf(cx).portion.mul(a), lot));
  return a.sub(delta).mul(mark).lt(cx.v.params.dustNotional) ? a : delta;
});

// The portion is applied to every position of the group, not only to the first.
const portionOfEvery: CloseRule = (cx, group) => {
  const { portion, minimumNotional } = portionOf(cx);
  let g: FGroup = group;
  const fills: FFill[] = [];
  for (const market of cx.order) {
    const a = g.positions.find((p) => p.market === market)!.size.abs();
    const closed = cx.execute(cx, g, market, portionSize(a, markOf(cx.v, market), marketOf(cx.v, market).lot, portion, minimumNotional, cx.v.params.dustNotional));
    g = closed.group;
    fills.push(...closed.fills);
  }
  return { ok: true, group: g, fills };
};

/** Step-down with the kept size of step `k` computed by `keepOf`, and the chosen step shifted by `skip`. */
function stepDownWith(keepOf: (floor: Fixed, mark: Fixed, lot: Fixed) => Fixed, skip: number): CloseRule {
  return (cx, group) => {
    const { trigger, dustNotional } = cx.v.params;
    let g: FGroup = group;
    const fills: FFill[] = [];
    for (const market of cx.order) {
      const pos = g.positions.find((p) => p.market === market)!;
      const a = pos.size.abs();
      const mark = markOf(cx.v, market);
      const { lot, tiers } = marketOf(cx.v, market);
      const n = tierIndex(tiers, a.mul(mark));
      const keeps: Fixed[] = [];
      for (let k = 1; k <= n; k++) keeps.push(keepOf(tiers[n - k + 1]!.floor, mark, lot));
      let close = a;
      for (let k = 0; k < keeps.length; k++) {
        const keep = keeps[k]!;
        if (keep.isZero() || keep.mul(mark).lt(dustNotional)) break;
        const t = trialFill(cx.v, g, pos, a.sub(keep), cx.rate);
        if (meetsTarget(trigger, t.realizedHealth.equity.sub(t.uncapped), t.realizedHealth.target)) {
          const chosen = keeps[k + skip];
          close = chosen === undefined || chosen.isZero() || chosen.mul(mark).lt(dustNotional) ? a : a.sub(chosen);
          break;
        }
      }
      const closed = cx.execute(cx, g, market, close);
      g = closed.group;
      fills.push(...closed.fills);
      if (g.positions.length > 0 && meetsTarget(trigger, g.health.equity, g.health.target)) break;
    }
    return { ok: true, group: g, fills };
  };
}

// `⌊L / (ℓ·P)⌋·ℓ` where `⌈L / (ℓ·P)⌉·ℓ − ℓ` was meant: on a floor that is a whole number of lots, the rest sits on the floor, in the upper bracket.
const stepDownToFloor = stepDownWith((floor, mark, lot) => floorDiv(floor, lot.mul(mark)).mul(lot), 0);
// The tier index is one too far: the step below the one that meets the target.
const stepDownOneTooFar = stepDownWith((floor, mark, lot) => ceilDiv(floor, lot.mul(mark)).sub(FONE).mul(lot), 1);

// The cap reads the maximum size only: the close factor is never applied.
const requestWithoutCloseFactor: CloseRule = (cx, group) => {
  let g: FGroup = group;
  const fills: FFill[] = [];
  for (const market of cx.order) {
    const request = cx.requests.get(market);
    if (request === undefined) continue;
    const a = g.positions.find((p) => p.market === market)!.size.abs();
    const delta = requestedSize(a, markOf(cx.v, market), marketOf(cx.v, market).lot, request, a, cx.v.params.dustNotional);
    if (delta.isZero()) continue;
    const closed = cx.execute(cx, g, market, delta);
    g = closed.group;
    fills.push(...closed.fills);
  }
  return { ok: true, group: g, fills };
};

// An off-by-one loop bound: the last (smallest) position of the order is never closed.
const fullButLast: CloseRule = (cx, group) => full({ ...cx, order: cx.order.length > 1 ? cx.order.slice(0, -1) : cx.order }, group);

export const CLOSE_SIZE_ZOO: readonly PolicyZooEntry[] = [
  { name: 'portionRoundedDown', policy: FIXED_PORTION, engine: withPartSwap({ close: portionRoundedDown }), bug: 'fixed-portion rounds portion·|q| down to the lot (dYdX style) instead of up', violates: ['LIQ-019'] },
  { name: 'portionWithoutMinimum', policy: FIXED_PORTION, engine: withPartSwap({ close: portionWithoutMinimum }), bug: 'fixed-portion ignores the minimum notional', violates: ['LIQ-019'] },
  { name: 'portionOfEvery', policy: FIXED_PORTION, engine: withPartSwap({ close: portionOfEvery }), bug: 'fixed-portion closes its portion of every position, not only of the first', violates: ['LIQ-019'], shape: 'crossMulti' },
  { name: 'stepDownToFloor', policy: STEP_DOWN, engine: withPartSwap({ close: stepDownToFloor }), bug: 'step-down keeps ⌊L/(ℓP)⌋ lots, which on a whole number of lots leaves the position on the floor (still in the upper bracket)', violates: ['LIQ-020'] },
  { name: 'stepDownOneTooFar', policy: STEP_DOWN, engine: withPartSwap({ close: stepDownOneTooFar }), bug: 'step-down goes one bracket further than the first step that meets the target', violates: ['LIQ-020'] },
  { name: 'fullButLast', policy: FULL, engine: withPartSwap({ close: fullButLast }), bug: 'full close loop stops one position early: the smallest position is left open', violates: ['LIQ-021'], shape: 'crossMulti' },
  { name: 'requestWithoutCloseFactor', policy: REQUESTED, engine: withPartSwap({ close: requestWithoutCloseFactor }), bug: 'requested close ignores the close factor: a request is served up to the whole position', violates: ['LIQ-022'] },
];
