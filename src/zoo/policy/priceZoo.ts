/**
 * Wrong engines of the bankruptcy price part and of the book's backstop remainder (issue 11,
 * spec §10.4): each the reference frame with its execution swapped for one with a realistic bug in
 * one place.
 */
import { FZERO, ceilDiv, ceilTo, floorDiv, fmax, type Fixed } from '../../model/fixed.ts';
import { executionPrice, groupHealth, markOf, marketOf, type FGroup, type FValuation } from '../../model/fixedCore.ts';
import type { CloseContext, Closed } from '../../policy/closeContext.ts';
import { penaltyRoomOf } from '../../policy/penalty/bankruptcyRoom.ts';
import { bookClose } from '../../policy/price/bookClose.ts';
import { fillAt } from '../../policy/price/fillAt.ts';
import type { Policy } from '../../wire/policy.ts';
import type { PolicyZooEntry } from './policyZooEntry.ts';
import { withPartSwap } from './support.ts';

const FULL_AT_BANKRUPTCY: Policy = { closeSize: { kind: 'full' }, price: { kind: 'bankruptcy' }, penalty: { kind: 'steps', cap: 'bankruptcy' } };
const MINIMAL_AT_BANKRUPTCY: Policy = { price: { kind: 'bankruptcy' } };
const PORTION_AT_BANKRUPTCY: Policy = { closeSize: { kind: 'fixed-portion', portion: '0.2', minimumNotional: '100' }, price: { kind: 'bankruptcy' } };
const BOOK_BACKSTOP: Policy = { closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'backstop' } };

/** One fill at `x` with the policy's rate and cap. */
function fillAtPrice(cx: CloseContext, g: FGroup, market: string, size: Fixed, x: Fixed): Closed {
  const f = fillAt(cx.v, g, market, size, x, cx.rate, penaltyRoomOf(cx.policy.penalty));
  return { group: f.group, fills: [f.fill] };
}

/**
 * The pieces of §10.4's bankruptcy price, each with its own bug switch: `wholeGroup` keeps
 * `E⁻ ≥ 0` (the book remainder's rule) instead of `V ≥ 0`; `wrongWay` floors a sell's ticks and
 * ceils a buy's.
 */
function priceOf(v: FValuation, g: FGroup, market: string, size: Fixed, bug: { wholeGroup?: boolean; wrongWay?: boolean }): Fixed {
  const pos = g.positions.find((p) => p.market === market)!;
  const long = pos.size.sign() > 0;
  const qc = long ? size : size.neg();
  const { unit } = v.params;
  const { equity: e, maintenance: mm } = g.health;
  const mmAfter = groupHealth(v, { collateral: g.collateral, positions: g.positions.map((p) => (p.market === market ? { ...p, size: p.size.sub(qc) } : p)).filter((p) => !p.size.isZero()) }).maintenance;
  const b = e.sub(qc.mul(markOf(v, market).sub(pos.entry)));
  const k = bug.wholeGroup || mm.sign() <= 0 ? ceilTo(b.neg(), unit) : ceilDiv(e.mul(mmAfter).sub(b.mul(mm)), mm.mul(unit)).mul(unit);
  const { tick } = marketOf(v, market);
  const step = size.mul(tick);
  const num = long ? size.mul(pos.entry).add(k) : size.mul(pos.entry).sub(k);
  const ticks = long !== (bug.wrongWay ?? false) ? ceilDiv(num, step) : floorDiv(num, step);
  return fmax(tick, ticks.mul(tick));
}

/** The bankruptcy price rounded toward the trader (down for a sell, up for a buy): the fund pays for the rounding. */
const bankruptcyRoundedForTrader = withPartSwap({ execute: (cx, g, market, size) => fillAtPrice(cx, g, market, size, priceOf(cx.v, g, market, size, { wrongWay: true })) });

/** The bankruptcy price of a partial close computed from the whole group's equity (E⁻ ≥ 0), not the closed part's share. */
const bankruptcyOfWholeGroup = withPartSwap({ execute: (cx, g, market, size) => fillAtPrice(cx, g, market, size, priceOf(cx.v, g, market, size, { wholeGroup: true })) });

/** Declares the bankruptcy price but fills at §7.1's conceded mark, as the default part does. */
const bankruptcyAtMark = withPartSwap({
  execute: (cx, g, market, size) => {
    const long = g.positions.find((p) => p.market === market)!.size.sign() > 0;
    return fillAtPrice(cx, g, market, size, executionPrice(markOf(cx.v, market), long, cx.v.params.priceImpact, marketOf(cx.v, market).tick));
  },
});

/** The backstop takes the book's remainder over at the mark conceded by the price impact, not at the mark itself. */
const backstopWithImpact = withPartSwap({
  execute: (cx, g, market, size) => {
    // The walk alone: remainder "left" with no dust stop fills min(Δ, depth) level by level.
    const walkOnly: CloseContext = { ...cx, v: { ...cx.v, params: { ...cx.v.params, dustNotional: FZERO } }, policy: { ...cx.policy, price: { kind: 'book', remainder: 'left' } } };
    const walked = bookClose(walkOnly, g, market, size);
    const rest = size.sub(walked.fills.reduce((a, f) => a.add(f.size), FZERO));
    if (rest.sign() <= 0) return walked;
    const long = g.positions.find((p) => p.market === market)!.size.sign() > 0;
    const x = executionPrice(markOf(cx.v, market), long, cx.v.params.priceImpact, marketOf(cx.v, market).tick);
    const taken = fillAtPrice(cx, walked.group, market, rest, x);
    return { group: taken.group, fills: [...walked.fills, ...taken.fills] };
  },
});

export const PRICE_ZOO: readonly PolicyZooEntry[] = [
  { name: 'bankruptcyRoundedForTrader', policy: FULL_AT_BANKRUPTCY, engine: bankruptcyRoundedForTrader, bug: 'the bankruptcy price rounded toward the trader (a sell down, a buy up) instead of so that the insurance fund never pays for rounding', violates: ['LIQ-029'] },
  { name: 'bankruptcyOfWholeGroup', policy: MINIMAL_AT_BANKRUPTCY, engine: bankruptcyOfWholeGroup, bug: 'the bankruptcy price of a partial close from the whole group’s equity (E⁻ ≥ 0) instead of the closed part’s share E·ΔMM/MM', violates: ['LIQ-029'], shape: 'crossMulti' },
  { name: 'bankruptcyAtMark', policy: PORTION_AT_BANKRUPTCY, engine: bankruptcyAtMark, bug: 'declares the bankruptcy price but fills at the mark conceded by the price impact', violates: ['LIQ-029'] },
  { name: 'backstopRemainderWithImpact', policy: BOOK_BACKSTOP, engine: backstopWithImpact, bug: 'the backstop takes the book’s remainder over at the mark conceded by the price impact instead of at the mark', violates: ['LIQ-023'] },
];
