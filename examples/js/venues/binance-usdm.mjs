/**
 * Binance USDⓈ-M's liquidation (profile `binance-usdm`, docs/profiles/binance-usdm.md), written
 * from that page and docs/spec.md §3, §10.3 on model.mjs's BigInt fixed point — not from
 * liqcheck's code. The step-down itself is policyModel.mjs's (§10.3, one bracket further at a time
 * as far as the target needs); this module gives it Binance's brackets and fee.
 *
 * In Binance's terms:
 *
 * - Maintenance Margin = Notional Position Value × maintMarginRatio − cum, the bracket the notional
 *   at mark is in (trading rules, .../portfolio-margin/notional-limit); `cum` is the recursion
 *   `floor_n × (MMR_n − MMR_{n−1}) + cum_{n−1}` (liquidation-price FAQ), so MM is continuous;
 * - liquidation when Collateral (wallet balance + unrealized PnL) < Maintenance Margin, at mark
 *   (Liquidation FAQ, https://www.binance.com/en/support/faq/360033525271);
 * - the IOC order reduces the position to just below the floor of a lower bracket (our reading of
 *   "reduce the user's margin limit … without fully liquidating", §10.3 step-down), a position in
 *   bracket 1 (our tier 0) closed in full; filled at mark (the book is not modelled);
 * - the liquidation (clearance) fee "on the amount liquidated only (not the notional value of the
 *   position)", ⌈rate · amount liquidated⌉, all to the insurance fund, never out of negative
 *   collateral (§7.3).
 */
import { ZERO } from '../fixed.mjs';
import { runGroups, tierIndex } from '../model.mjs';
import { BUGS as STEP_DOWN_BUGS, PolicyModel } from '../policyModel.mjs';
import { profilePolicy, readVenueScenario } from './_venue.mjs';

export const bugs = {
  'stops-at-floor': `${STEP_DOWN_BUGS['stops-at-floor']} — Binance's brackets are [notionalFloor, notionalCap): a position reduced to exactly the floor is still in the upper bracket; realistic, no venue report found`,
  'one-step': `${STEP_DOWN_BUGS['one-step']} — one IOC order and no check that the account is margin-compliant afterwards (the FAQ's "if the user is then margin-compliant … stop; otherwise …"); realistic, no venue report found`,
  'fee-on-position-notional':
    'the liquidation fee is charged on the notional value of the whole position, not on the amount liquidated, which the Liquidation FAQ rules out in so many words ("on the amount liquidated only (not the notional value of the position)", https://www.binance.com/en/support/faq/360033525271); realistic, no incident report found',
  'no-maintenance-amount':
    "Maintenance Margin computed as Notional × maintMarginRatio without subtracting the bracket's maintenance amount (cum): discontinuous at every bracket floor and overstated above bracket 1, so solvent accounts are liquidated (the cum recursion of the liquidation-price FAQ, https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93); realistic, no incident report found",
};

/** profiles/binance-usdm.json's policy. */
export const POLICY = profilePolicy('binance-usdm');

class BinanceUsdm extends PolicyModel {
  /** §4.2 with Binance's bracket formula, MM = N · maintMarginRatio − cum per position. */
  health(collateral, positions) {
    let equity = collateral; // wallet balance + unrealized PnL
    let mm = ZERO;
    let notional = ZERO;
    for (const pos of positions) {
      const mark = this.marks.get(pos.market);
      const n = pos.size.abs().mul(mark);
      const { tiers } = this.market(pos.market);
      const bracket = tiers[tierIndex(tiers, n)];
      equity = equity.add(pos.size.mul(mark.sub(pos.entry)));
      mm = mm.add(this.bugs.has('no-maintenance-amount') ? n.mul(bracket.rate) : n.mul(bracket.rate).sub(bracket.amount));
      notional = notional.add(n);
    }
    return { equity, maintenance: mm, target: mm.add(this.p.buffer.mul(notional)) };
  }

  /**
   * The liquidation (clearance) fee is charged "on the amount liquidated only (not the notional
   * value of the position)": model.mjs's closeFill (§7.2, §7.3 at mark, ⌈rate · amount⌉_u capped
   * by the collateral left) as it is, but for the variant that charges the whole position.
   */
  chargedNotional(pos, amountLiquidated) {
    return this.bugs.has('fee-on-position-notional') ? pos.size.abs().mul(this.marks.get(pos.market)) : amountLiquidated;
  }
}

/** `{ ok: true, result }` or `{ ok: false, error }` for one scenario under the binance-usdm profile. */
export function liquidate(scenario, bugSet = new Set()) {
  const read = readVenueScenario(scenario, POLICY, 'binance-usdm', { readsBook: false });
  if (!read.ok) return read;
  const { sc } = read;
  return runGroups(sc, new BinanceUsdm(sc.params, sc.marks, bugSet, 'step-down'));
}
