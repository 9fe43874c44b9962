/**
 * dYdX v4's liquidation (profile `dydx-v4`, docs/profiles/dydx-v4.md), written from that page and
 * docs/spec.md §10.3–§10.5 on model.mjs's BigInt fixed point — not from liqcheck's code.
 *
 * In dYdX's terms (`dydxprotocol/v4-chain` @84d4664b, `protocol/x/clob/keeper/liquidations.go`),
 * for each liquidatable subaccount (one margin group, TNC < MMR, spec §4.3):
 *
 * 1. one perpetual, the largest notional at the oracle price (ours: §6.2; dYdX starts at a
 *    pseudo-random index, not modelled);
 * 2. its size delta (`GetMaxAndMinPositionNotionalLiquidatable`, `GetLiquidatablePositionSizeDelta`):
 *    the notional `max(min(min_position_notional_liquidated, |N|), |N| · max_position_portion_liquidated)`
 *    in base units rounded up to the step (§10.3 rounds up where dYdX rounds down), the whole
 *    position when the rest would be under the minimum;
 * 3. a protocol IOC order matched against the book, one fill per maker level at the level's price,
 *    what the book does not fill left open for the next block (§10.4, remainder `left`; the
 *    scenario's book stands for the levels within the fillable price);
 * 4. per fill, the insurance fund delta `min(d, ⌈maxLiquidationFee · N_c⌉)` with `d` the fill's
 *    value above its bankruptcy quote — `d = q_c·(x − P) − ρ + TNC·(MMR − MMR′)/MMR`, rounded
 *    down (`GetBankruptcyPriceInQuoteQuantums`, `GetLiquidationInsuranceFundDelta`; §10.5's
 *    bankruptcy cap) — and never out of negative TNC (§7.3).
 *
 * A subaccount left with negative TNC and no position is a deficit the insurance fund pays, then
 * socialized (§7.4; dYdX deleverages instead, not modelled).
 */
import { ceilDiv, ceilTo, floorDiv, floorTo, Fx, max, min, ZERO } from '../fixed.mjs';
import { byId, Model, runGroups } from '../model.mjs';
import { readVenueScenario } from './_venue.mjs';

export const bugs = {
  'fee-capped-by-tnc':
    "the liquidation fee is capped by the whole subaccount's TNC after the fill (§7.3) instead of the fill's value above its bankruptcy quote, so a partial close takes equity that backs the positions left open; the rule it breaks is dYdX's min(d, fee) of GetLiquidationInsuranceFundDelta (dydxprotocol/v4-chain protocol/x/clob/keeper/liquidations.go; the insurance-fund accounting reworked in dydxprotocol/v4-chain#171); realistic, no venue report of this exact bug found",
  'fee-uncapped':
    'the liquidation fee is charged in full (max_liquidation_fee_ppm of the fill) even on a fill below its bankruptcy price, so the insurance fund pays the fee back as bad debt — the fee not capped by d of GetLiquidationInsuranceFundDelta (dydxprotocol/v4-chain protocol/x/clob/keeper/liquidations.go; fee raised to 1.5 % in dydxprotocol/v4-chain#32); realistic, no venue report of this exact bug found',
  'rest-at-last-level':
    "the IOC liquidation order keeps matching past the book: what the levels cannot fill is filled at the last level's price instead of staying open for the next block (dYdX leaves it to the next block or to deleveraging; zero-fill liquidation matches were disallowed in dydxprotocol/v4-chain#83); realistic, no venue report of this exact bug found",
  'no-min-notional':
    'min_position_notional_liquidated not applied: every position, however small, is closed in 10 % portions (the whole of it only when the rest would be dust), as under the configuration before dydxprotocol/v4-chain#645 (cherry-picked in #654) set the minimum to 1,000 USDC; caught by REF-001 only (no catalog invariant judges the portion under a book price)',
};

/** profiles/dydx-v4.json's policy, in dYdX's mainnet liquidations_config (genesis @84d4664b). */
export const POLICY = {
  name: 'dydx-v4',
  requirement: { kind: 'tiers', valuation: 'mark' },
  // max_position_portion_liquidated_ppm 100000, min_position_notional_liquidated 1e9 quantums
  closeSize: { kind: 'fixed-portion', portion: '0.1', minimumNotional: '1000' },
  price: { kind: 'book', remainder: 'left' },
  penalty: { kind: 'steps', cap: 'bankruptcy' },
  loss: { kind: 'insurance-then-socialized' },
  trigger: { kind: 'params' },
};

const PORTION = Fx.parse(POLICY.closeSize.portion);
const MIN_NOTIONAL = Fx.parse(POLICY.closeSize.minimumNotional);

class Dydx extends Model {
  constructor(params, marks, bugSet, books) {
    super(params, marks, bugSet);
    this.books = books;
  }

  /**
   * The position size delta (§10.3 fixed-portion): the notional to liquidate is
   * max(min(minNotional, |N|), |N|·portion); in base units each term is rounded up to the step
   * (`⌈min(minNotional/P, a)⌉_ℓ = min(⌈minNotional/(ℓP)⌉·ℓ, a)`, `a` being a step multiple). The
   * whole position when what it leaves is under max(minNotional, dust).
   */
  sizeDelta(pos) {
    const { lot } = this.market(pos.market);
    const oracle = this.marks.get(pos.market);
    const a = pos.size.abs();
    const minimum = this.bugs.has('no-min-notional') ? ZERO : MIN_NOTIONAL;
    const byMinimum = min(a, ceilDiv(minimum, lot.mul(oracle)).mul(lot));
    const byPortion = ceilTo(a.mul(PORTION), lot);
    const delta = max(byMinimum, byPortion);
    return a.sub(delta).mul(oracle).lt(max(minimum, this.p.dust)) ? a : delta;
  }

  /**
   * The insurance fund's cut of one fill (§10.5, bankruptcy cap): with TNC, MMR before the fill,
   * TNC⁻ after its PnL and MMR′ after it, d = TNC⁻ − TNC·MMR′/MMR, floored to the quantum
   * (⌊(TNC⁻·MMR − TNC·MMR′)/(MMR·u)⌋·u); never out of negative TNC (then §7.3's ⌊TNC⁻⌋).
   */
  feeCap(tnc, mmr, tncAfter, mmrAfter) {
    const { unit } = this.p;
    const equityCap = max(ZERO, floorTo(tncAfter, unit));
    if (this.bugs.has('fee-capped-by-tnc') || tnc.isNeg() || mmr.isZero()) return equityCap;
    return max(ZERO, floorDiv(tncAfter.mul(mmr).sub(tnc.mul(mmrAfter)), mmr.mul(unit)).mul(unit));
  }

  /** One maker fill of `size` at `price` (§7.2), its fee capped as {@link feeCap} says. */
  fill(group, id, size, price, rate) {
    const { unit } = this.p;
    const before = this.health(group.collateral, group.positions);
    const idx = group.positions.findIndex((p) => p.market === id);
    const pos = group.positions[idx];
    const long = pos.size.isPos();
    const signed = long ? size : size.neg();
    const exactPnl = signed.mul(price.sub(pos.entry));
    const realized = floorTo(exactPnl, unit);
    const left = pos.size.sub(signed);
    const positions = left.isZero() ? group.positions.filter((_, i) => i !== idx) : group.positions.map((p, i) => (i === idx ? { ...p, size: left } : p));
    const collateral = group.collateral.add(realized);
    const after = this.health(collateral, positions);
    const notional = size.mul(this.marks.get(id));
    const maxFee = ceilTo(rate.mul(notional), unit);
    const penalty = this.bugs.has('fee-uncapped') ? maxFee : min(maxFee, this.feeCap(before.equity, before.maintenance, after.equity, after.maintenance));
    const liquidatorFee = floorTo(penalty.mul(this.p.share), unit);
    const f = { market: id, long, size, price, notional, rate, penalty, liquidatorFee, insuranceFee: penalty.sub(liquidatorFee), realized, residue: exactPnl.sub(realized) };
    return { fill: f, group: { id: group.id, collateral: collateral.sub(penalty), positions } };
  }

  liquidateGroup(group, fund) {
    const before = this.health(group.collateral, group.positions);
    const base = { before, payout: ZERO, badDebt: ZERO };
    if (!this.liquidatable(before.equity, before.maintenance, group.positions.length > 0)) {
      return { ...base, status: 'healthy', group, fills: [], after: before, fund };
    }
    const rate = this.penaltyRate(before.equity, before.maintenance); // once, before any fill (§5.1)
    const notional = (p) => p.size.abs().mul(this.marks.get(p.market));
    const [pos] = [...group.positions].sort((a, b) => notional(b).cmp(notional(a)) || byId(a.market, b.market));
    const delta = this.sizeDelta(pos);
    const { lot } = this.market(pos.market);
    const oracle = this.marks.get(pos.market);
    const long = pos.size.isPos();
    const book = this.books.get(pos.market);
    const levels = book === undefined ? [] : long ? book.bids : book.asks;
    const a = pos.size.abs();
    // what the book can fill, cut back so that an order stopped by depth never leaves dust (§6.4)
    let toFill = min(delta, levels.reduce((s, l) => s.add(l.size), ZERO));
    if (toFill.lt(a) && a.sub(toFill).mul(oracle).lt(this.p.dust)) toFill = max(ZERO, a.sub(ceilDiv(this.p.dust, lot.mul(oracle)).mul(lot)));
    let g = group;
    const fills = [];
    const take = (closed) => {
      g = closed.group;
      fills.push(closed.fill);
      fund = fund.add(closed.fill.insuranceFee).add(closed.fill.residue);
    };
    for (const level of levels) {
      if (toFill.isZero()) break;
      const size = min(toFill, level.size);
      take(this.fill(g, pos.market, size, level.price, rate));
      toFill = toFill.sub(size);
    }
    const unfilled = delta.sub(fills.reduce((s, f) => s.add(f.size), ZERO));
    if (this.bugs.has('rest-at-last-level') && unfilled.isPos() && levels.length > 0) take(this.fill(g, pos.market, unfilled, levels[levels.length - 1].price, rate));
    if (g.positions.length > 0) return { ...base, status: 'partial', group: g, fills, after: this.health(g.collateral, g.positions), fund };
    if (g.collateral.isNeg()) {
      const badDebt = g.collateral.neg();
      const payout = min(badDebt, floorTo(fund, this.p.unit));
      const flat = { ...g, collateral: ZERO };
      return { before, status: 'bankrupt', group: flat, fills, after: this.health(ZERO, []), fund: fund.sub(payout), payout, badDebt };
    }
    return { ...base, status: 'full', group: g, fills, after: this.health(g.collateral, g.positions), fund };
  }
}

/** `{ ok: true, result }` or `{ ok: false, error }` for one scenario under the dydx-v4 profile. */
export function liquidate(scenario, bugSet = new Set()) {
  const read = readVenueScenario(scenario, POLICY, 'dydx-v4', { readsBook: true });
  if (!read.ok) return read;
  const { sc, books } = read;
  return runGroups(sc, new Dydx(sc.params, sc.marks, bugSet, books));
}
