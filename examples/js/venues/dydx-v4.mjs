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
import { Model, runGroups, Tally } from '../model.mjs';
import { profilePolicy, readVenueScenario } from './_venue.mjs';

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

/**
 * profiles/dydx-v4.json's policy, in dYdX's mainnet liquidations_config (genesis @84d4664b):
 * closeSize.portion is max_position_portion_liquidated_ppm 100000, closeSize.minimumNotional is
 * min_position_notional_liquidated 1e9 quantums (1,000 USDC).
 */
export const POLICY = profilePolicy('dydx-v4');

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

  /**
   * A maker fill's fee cap (model.mjs's closeFill makes the fill, §7.2, at the level's price):
   * {@link feeCap} on the subaccount before the fill and `after` its PnL. Under the fee-uncapped
   * variant model.mjs's own uncapped-penalty switch skips the cap (see {@link liquidate}).
   */
  penaltyCap(group, after) {
    const before = this.health(group.collateral, group.positions);
    return this.feeCap(before.equity, before.maintenance, after.equity, after.maintenance);
  }

  liquidateGroup(group, fund) {
    const before = this.health(group.collateral, group.positions);
    const base = { before, payout: ZERO, badDebt: ZERO };
    if (!this.liquidatable(before.equity, before.maintenance, group.positions.length > 0)) {
      return { ...base, status: 'healthy', group, fills: [], after: before, fund };
    }
    const rate = this.penaltyRate(before.equity, before.maintenance); // once, before any fill (§5.1)
    const [first] = this.closeOrder(group.positions);
    const pos = group.positions.find((p) => p.market === first);
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
    const t = new Tally(group, fund);
    for (const level of levels) {
      if (toFill.isZero()) break;
      const size = min(toFill, level.size);
      t.take(this.closeFill(t.group, pos.market, size, rate, level.price));
      toFill = toFill.sub(size);
    }
    const unfilled = delta.sub(t.fills.reduce((s, f) => s.add(f.size), ZERO));
    if (this.bugs.has('rest-at-last-level') && unfilled.isPos() && levels.length > 0) t.take(this.closeFill(t.group, pos.market, unfilled, rate, levels[levels.length - 1].price));
    // partial while the position is open (the rest waits for the next block), else full or bankrupt
    return this.outcome(t.group, t.fills, before, t.fund);
  }
}

/** `{ ok: true, result }` or `{ ok: false, error }` for one scenario under the dydx-v4 profile. */
export function liquidate(scenario, bugSet = new Set()) {
  const read = readVenueScenario(scenario, POLICY, 'dydx-v4', { readsBook: true });
  if (!read.ok) return read;
  const { sc, books } = read;
  // model.mjs's switch for the same mistake: the fee not capped at all
  const engineBugs = bugSet.has('fee-uncapped') ? new Set([...bugSet, 'uncapped-penalty']) : bugSet;
  return runGroups(sc, new Dydx(sc.params, sc.marks, engineBugs, books));
}
