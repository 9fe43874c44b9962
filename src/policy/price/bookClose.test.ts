/**
 * The book walk of spec §10.4 on hand-computed vectors (hand-computed, not published vectors:
 * the arithmetic is written out beside each expectation and in the worked example of §10.4).
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';
import type { Book } from '../../wire/book.ts';
import { Dec } from '../../model/decimal.ts';
import { FZERO, fromDec, toCanonical as fixedCanonical, type Fixed } from '../../model/fixed.ts';
import { closeFill, executionPrice, fixedMarks, fixedParams, fixedPositions, marginGroups } from '../../model/fixedCore.ts';
import { parseScenario } from '../../model/parseScenario.ts';
import type { CloseContext } from '../closeContext.ts';
import { bookClose } from './bookClose.ts';
import { fillAt } from './fillAt.ts';
import { checkCase } from '../../invariants/checkCase.ts';
import { valueConservation } from '../../invariants/valueConservation.ts';
import { tenthLotParams } from '../../model/__support__/bookExample.ts';

const fx = (s: string): Fixed => fromDec(new Dec(s));

// §10.4's worked example's parameters (src/model/__support__/bookExample.ts).
const PARAMS = tenthLotParams();

function scenario(o: { size: string; margin: string; remainder: 'left' | 'bankruptcy'; book: Book; closeSize?: 'full' | 'minimal' }): Scenario {
  return {
    params: PARAMS,
    marks: { BTC: '90' },
    account: { collateral: '0', positions: [{ market: 'BTC', size: o.size, entryPrice: '100', isolatedMargin: o.margin }] },
    insuranceFund: '0',
    policy: { closeSize: { kind: o.closeSize ?? 'full' }, price: { kind: 'book', remainder: o.remainder } },
    book: { BTC: o.book },
  } as unknown as Scenario;
}

function run(sc: Scenario) {
  const out = liquidate(sc);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result;
}

const fillsOf = (r: ReturnType<typeof run>) => r.fills.map((f) => ({ side: f.side, size: f.size, price: f.price, realizedPnl: f.realizedPnl, penalty: f.penalty }));

// The worked example of spec §10.4: long 2 @ 100, margin 15.1, mark 90, E = 15.1 − 20 = −4.9.
const THIN_BIDS: Book = { bids: [{ price: '89.5', size: '0.5' }, { price: '89', size: '1' }], asks: [{ price: '90.5', size: '5' }] };

describe('bookClose (spec §10.4)', () => {
  it('walks the bids best first, one fill per level, and leaves the rest open under "left"', { timeout: 20_000 }, () => {
    const r = run(scenario({ size: '2', margin: '15.1', remainder: 'left', book: THIN_BIDS }));
    // level 1: R = 0.5·(89.5 − 100) = −5.25; E⁻ = 9.85 − 1.5·10 = −5.15 → penalty capped to 0
    // level 2: R = 1·(89 − 100) = −11; collateral −1.15; E⁻ = −1.15 − 0.5·10 = −6.15 → 0
    expect(fillsOf(r)).toEqual([
      { side: 'sell', size: '0.5', price: '89.5', realizedPnl: '-5.25', penalty: '0' },
      { side: 'sell', size: '1', price: '89', realizedPnl: '-11', penalty: '0' },
    ]);
    expect(r.status).toBe('partial');
    expect(r.account.positions).toEqual([{ market: 'BTC', size: '0.5', entryPrice: '100', isolatedMargin: '-1.15' }]);
  });

  it('closes the rest at the bankruptcy price, rounded up to the tick for a sell, under "bankruptcy"', { timeout: 20_000 }, () => {
    const r = run(scenario({ size: '2', margin: '15.1', remainder: 'bankruptcy', book: THIN_BIDS }));
    // B = −1.15, K = 1.15, x_b = 0.5·⌈(50 + 1.15)/0.25⌉ = 0.5·205 = 102.5; R = 0.5·2.5 = 1.25;
    // E⁻ = 0.10, penalty min(⌈0.01·0.5·90⌉ = 0.45, 0.10) = 0.10, split 0.05 / 0.05; collateral 0.
    expect(fillsOf(r)[2]).toEqual({ side: 'sell', size: '0.5', price: '102.5', realizedPnl: '1.25', penalty: '0.1' });
    expect(r.fills[2]?.liquidatorFee).toBe('0.05');
    expect(r.fills[2]?.notional).toBe('45');
    expect(r.status).toBe('full');
    expect(r.account.positions).toEqual([]);
    expect(r.account.collateral).toBe('0'); // the isolated margin left (0) returns to the cross pool (0)
    expect(r.badDebt).toBe('0');
  });

  it('buys a short from the asks, and rounds its bankruptcy price down to the tick', { timeout: 20_000 }, () => {
    // Short 1 @ 100, margin 3, mark 90 → E = 3 + 10 = 13 < MM? MM = 0.05·90 = 4.5: not liquidatable.
    // Instead mark 103: U = −3, E = 0 < MM = 5.15. Asks [{103.5, 0.3}]; rest 0.7.
    const sc = scenario({ size: '-1', margin: '3', remainder: 'bankruptcy', book: { bids: [], asks: [{ price: '103.5', size: '0.3' }] } });
    const r = run({ ...sc, marks: { BTC: '103' } });
    // ask fill: R = ⌊−0.3·(103.5 − 100)⌋ = −1.05; collateral 1.95; E⁻ = 1.95 − 0.7·3 = −0.15 → penalty 0.
    // rest r = 0.7: B = −0.15 − (−0.7)·(103 − 100) = 1.95 (the collateral); K = ⌈−1.95⌉ = −1.95;
    // x_b = 0.5·⌊(70 + 1.95)/0.35⌋ = 0.5·⌊205.571…⌋ = 0.5·205 = 102.5; R = −0.7·2.5 = −1.75;
    // E⁻ = 1.95 − 1.75 = 0.20; penalty min(⌈0.01·0.7·103⌉ = ⌈0.721⌉ = 0.73, 0.20) = 0.20.
    // At 103 (one tick higher) R = −2.1 and E⁻ = −0.15 < 0.
    expect(fillsOf(r)).toEqual([
      { side: 'buy', size: '0.3', price: '103.5', realizedPnl: '-1.05', penalty: '0' },
      { side: 'buy', size: '0.7', price: '102.5', realizedPnl: '-1.75', penalty: '0.2' },
    ]);
    expect(r.account.collateral).toBe('0');
    expect(r.status).toBe('full');
  });

  it('an empty side under "left" fills nothing and leaves the position as it was', { timeout: 20_000 }, () => {
    const r = run(scenario({ size: '2', margin: '15.1', remainder: 'left', book: { bids: [], asks: [{ price: '95', size: '9' }] } }));
    expect(r.fills).toEqual([]);
    expect(r.status).toBe('partial');
    expect(r.account.positions[0]?.size).toBe('2');
  });

  it('stops a walk cut short by depth where the position left is not dust', { timeout: 20_000 }, () => {
    // Depth 1.9 of 2 would leave 0.1 (notional 9 < dust 10); m = ⌈10/(0.1·90)⌉·0.1 = 2·0.1 = 0.2,
    // so the walk fills 2 − 0.2 = 1.8: the first level (1.5) in full and 0.3 of the second.
    const r = run(scenario({ size: '2', margin: '15.1', remainder: 'left', book: { bids: [{ price: '89.5', size: '1.5' }, { price: '89', size: '0.4' }], asks: [] } }));
    expect(r.fills.map((f) => [f.size, f.price])).toEqual([['1.5', '89.5'], ['0.3', '89']]);
    expect(r.account.positions[0]?.size).toBe('0.2');
  });

  it('a deep book fills the whole close at the levels it needs and no more', { timeout: 20_000 }, () => {
    const r = run(scenario({ size: '2', margin: '15.1', remainder: 'bankruptcy', book: { bids: [{ price: '90', size: '1.2' }, { price: '89.5', size: '3' }, { price: '80', size: '9' }], asks: [] } }));
    // 1.2 at 90, then 0.8 at 89.5; no remainder, so no bankruptcy fill.
    expect(r.fills.map((f) => [f.size, f.price])).toEqual([['1.2', '90'], ['0.8', '89.5']]);
    expect(r.account.positions).toEqual([]);
  });
});

describe('bookClose called twice on one market in one call (a step-down close)', () => {
  const parsed = parseScenario(scenario({ size: '2', margin: '15.1', remainder: 'left', book: { bids: [{ price: '89.5', size: '0.5' }, { price: '89', size: '1' }], asks: [] } }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const p = parsed.value;
  const v = { params: fixedParams(p.params), marks: fixedMarks(p.marks) };
  const [, g] = marginGroups(v, FZERO, fixedPositions(p));
  const cx: CloseContext = { v, policy: p.policy!, book: p.book!, requests: new Map(), rate: fx('0.01'), order: ['BTC'], initial: g!, execute: bookClose };

  it('walks on from where the first close stopped: consumed depth is not reused', () => {
    const first = bookClose(cx, g!, 'BTC', fx('0.3'));
    const second = bookClose(cx, first.group, 'BTC', fx('0.5'));
    // hand-computed: 0.3 of level 1 (0.5), then the 0.2 left there and 0.3 of level 2.
    const show = (c: typeof first) => c.fills.map((f) => [fixedCanonical(f.size), fixedCanonical(f.price)]);
    expect(show(first)).toEqual([['0.3', '89.5']]);
    expect(show(second)).toEqual([['0.2', '89.5'], ['0.3', '89']]);
  });

  it('a group rebuilt by hand between the closes keeps what was consumed: it is read from the position, not the object', () => {
    const first = bookClose(cx, g!, 'BTC', fx('0.3'));
    const rebuilt = { ...first.group, positions: first.group.positions.map((p) => ({ ...p })) };
    // hand-computed as above: 0.2 left at 89.5, then 89.
    expect(bookClose(cx, rebuilt, 'BTC', fx('0.5')).fills.map((f) => [fixedCanonical(f.size), fixedCanonical(f.price)])).toEqual([['0.2', '89.5'], ['0.3', '89']]);
  });

  it('a close that is tried and discarded consumes nothing', () => {
    bookClose(cx, g!, 'BTC', fx('0.5'));
    const again = bookClose(cx, g!, 'BTC', fx('0.5'));
    expect(again.fills.map((f) => fixedCanonical(f.price))).toEqual(['89.5']);
  });
});

describe('fillAt', () => {
  it('at the price of §7.1 is exactly closeFill', () => {
    const parsed = parseScenario({ ...scenario({ size: '-1.3', margin: '2.37', remainder: 'left', book: { bids: [], asks: [] } }), marks: { BTC: '101.5' } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const p = parsed.value;
    const v = { params: { ...fixedParams(p.params), priceImpact: fx('0.013') }, marks: fixedMarks(p.marks) };
    const [, g] = marginGroups(v, FZERO, fixedPositions(p));
    const price = executionPrice(fx('101.5'), false, fx('0.013'), fx('0.5'));
    for (const size of ['0.1', '0.7', '1.3']) {
      const a = fillAt(v, g!, 'BTC', fx(size), price, fx('0.01'));
      const b = closeFill(v, g!, 'BTC', fx(size), fx('0.01'));
      expect(a.fill).toEqual(b.fill);
      expect(a.group).toEqual(b.group);
    }
  });
});

describe('value conservation (LIQ-007) with book fills', () => {
  it('holds for the depth fills and for the bankruptcy remainder of the worked example', { timeout: 20_000 }, () => {
    for (const remainder of ['left', 'bankruptcy'] as const) {
      const sc = scenario({ size: '2', margin: '15.1', remainder, book: THIN_BIDS });
      expect(checkCase(liquidate, sc, { invariants: [valueConservation] }).violations, remainder).toEqual([]);
    }
  });
});
