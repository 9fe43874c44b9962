"""GMX v2 "synthetics" liquidation, written from docs/profiles/gmx-v2.md in GMX's own terms.

A GMX position is (sizeInTokens, sizeInUsd, collateral). Its sizeInUsd is fixed when the position is
opened: here |size| * entryPrice. PositionUtils.isPositionLiquidatable (gmx-io/gmx-synthetics)
computes

    remainingCollateralUsd = collateralUsd + positionPnlUsd - (fees of a full close)
    liquidatable iff remainingCollateralUsd < applyFactor(sizeInUsd, minCollateralFactorForLiquidation)

and the profile writes "minimum collateral factor plus the close fee" as the tier table of each
market, read on sizeInUsd (docs/profiles/gmx-v2.md, "The rule in our terms"). A liquidatable
position is closed whole at the index price. Its costs are paid out of the collateral in GMX's
order (DecreasePositionCollateralUtils.processCollateral): first the negative PnL, then the fees,
each only as far as collateral remains (payForCost). A deficit left after that is paid by the pool
(the profile's insurance fund), then socialized.

Every position of a margin group is one GMX position against the group's collateral: an isolated
position is GMX's own case, and the cross group (no GMX counterpart) is liquidated by the same
rule on its pooled collateral.

Exact decimals only (liqmodel.EXACT traps Inexact); every rounding is an explicit floor_to/ceil_to.
"""
from decimal import Decimal, localcontext

import liqmodel
from liqmodel import EXACT, ZERO, Model, Reader, ceil_to, floor_to, parse_scenario, run_groups
from policy_model import same_policy

from ._venue import profile_policy

#: profiles/gmx-v2.json's policy: the only rules this engine runs (plus no policy at all, which
#: means the reference policy, minimal-close, answered by liqmodel unchanged).
POLICY = profile_policy("gmx-v2")

#: The close-fee part of the profile's requirement rate (positionFeeFactorForNegativeImpact,
#: config/markets.ts baseMarketConfig): minCollateralFactor = rate - CLOSE_FEE_FACTOR.
CLOSE_FEE_FACTOR = "0.0006"

BUGS = {
    "fees-before-pnl": (
        "the close and liquidation fees are taken from the collateral before the negative PnL, in full, so an "
        "insolvent position still pays them and its deficit grows by the fee; GMX pays PnL first and fees only "
        "from what is left (DecreasePositionCollateralUtils.processCollateral, payForCost). Realistic: no venue "
        "report of this exact slip found; GMX v1's Vault.validateLiquidation caps the fees at the remaining "
        "collateral for the same reason ('fees exceed collateral')"
    ),
    "pool-absorbs-silently": (
        "a deficit is written off the position without being reported: collateral set to 0, badDebt, payout and "
        "socialized loss all 0, as GMX itself books it (the pool just receives less: sherlock-audit/2023-02-gmx-judging#179 "
        "'Liquidation gives all funds to the pool'); a port that copies that loses the bad debt from its accounts"
    ),
    "check-ignores-close-fee": (
        "the liquidation check compares remaining collateral with sizeInUsd * minCollateralFactor without "
        "subtracting the close fee first (the requirement rate less CLOSE_FEE_FACTOR), so positions whose "
        "collateral covers the minimum but not the minimum plus the fee are left open; GMX's check includes "
        "the fees of a full close (PositionUtils.isPositionLiquidatable: 'this validation includes the position "
        "fee to be paid when closing the position'). Realistic: no venue report found"
    ),
}


def parse_policy_field(r, raw):
    """The scenario's policy must be the profile's (a `name` aside, decimals compared by value)."""
    if not same_policy(raw, POLICY):
        r.fail("policy", "the gmx-v2 profile's policy (this engine runs no other)", raw)


class GmxModel(Model):
    """liqmodel's Model with GMX's liquidation check (sizeInUsd valuation) and full close."""

    def size_in_usd(self, pos):
        return abs(pos["size"]) * pos["entry"]

    def min_collateral_usd_for_leverage(self, pos):
        """The tier table of the market read on sizeInUsd: minCollateralFactor plus the close fee."""
        tiers = self.market(pos["market"])["tiers"]
        required = self.mm(tiers, self.size_in_usd(pos))
        if "check-ignores-close-fee" in self.bugs:
            required -= self.size_in_usd(pos) * Decimal(CLOSE_FEE_FACTOR)
        return required

    def requirement(self, pos, size_at_index_price):
        """The minimum the remaining collateral (collateral + PnL at the index price, liqmodel's
        equity) must cover; the target is that minimum plus the buffer on the size at the index
        price (spec section 4.4)."""
        return self.min_collateral_usd_for_leverage(pos)

    def liquidate_group(self, group, fund):
        """Every position of a liquidatable group closed whole, largest size at the index price
        first; the deficit, if any, settled by `settle`."""
        return self.close_each(group, fund, self.close_whole)

    def close_whole(self, group, market, rate):
        """One decrease order of the whole position at the index price: PnL realized (rounded toward
        minus infinity to the quote unit, the residue to the pool), then the fees out of what is left."""
        unit = self.p["unit"]
        idx = next(i for i, p in enumerate(group["positions"]) if p["market"] == market)
        pos = group["positions"][idx]
        long = pos["size"] > 0
        price = self.exec_price(market, long)
        exact_pnl = pos["size"] * (price - pos["entry"])
        pnl = floor_to(exact_pnl, unit)
        positions = group["positions"][:idx] + group["positions"][idx + 1 :]
        size_at_price = abs(pos["size"]) * self.mark(market)
        fees = ceil_to(rate * size_at_price, unit)
        if "fees-before-pnl" in self.bugs:
            # the fee taken first, from the collateral alone, as if the loss came later
            paid = fees
        else:
            left = self.health(group["collateral"] + pnl, positions)["equity"]
            paid = min(fees, max(ZERO, floor_to(left, unit)))
        # the fee paid is split floor(paid * liquidatorShare) to the liquidator (the receiver), the rest to the pool
        fill = self.fill(market, long, abs(pos["size"]), price, size_at_price, rate, paid, pnl, exact_pnl - pnl)
        return fill, {"id": group["id"], "collateral": group["collateral"] + pnl - paid, "positions": positions}

    def settle(self, g, fills, before, fund):
        """Every position is closed: what is left goes back to the trader; a deficit is paid by the
        pool (the insurance fund, whole quote units) and the rest socialized (liqmodel's settle)."""
        if g["collateral"] < 0 and "pool-absorbs-silently" in self.bugs:
            g = dict(g, collateral=ZERO)
            after = self.health(g["collateral"], g["positions"])
            return {"status": "bankrupt", "group": g, "fills": fills, "before": before, "after": after, "fund": fund, "payout": ZERO, "bad_debt": ZERO}
        return super().settle(g, fills, before, fund)


def liquidate(scenario, bugs, params_set):
    """One scenario under the gmx-v2 profile: ("result", result) or ("error", error)."""
    if isinstance(scenario, dict) and "policy" not in scenario:
        return liqmodel.liquidate(scenario, bugs=frozenset(), params_set=params_set)
    with localcontext(EXACT):
        r = Reader()
        declared = dict(scenario) if isinstance(scenario, dict) else None
        if declared is not None:
            for extra in ("book", "requests"):
                if extra in declared:
                    r.fail(extra, "no such field (the gmx-v2 policy reads no %s, spec section 10.1)" % extra, declared.pop(extra))
            parse_policy_field(r, declared.pop("policy"))
        sc, issues = parse_scenario(declared if declared is not None else scenario, params_set)
        issues = r.issues + issues
        if sc is None or issues:
            return "error", {"code": "invalid-input", "issues": issues}
        return run_groups(sc, GmxModel(sc["params"], {k: v[1] for k, v in sc["marks"].items()}, bugs))
