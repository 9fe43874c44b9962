"""Perpetual Protocol v2 ("Curie") liquidation, as docs/profiles/perp-v2.md states it, for the
perp-v2 profile (profiles/perp-v2.json): a keeper calls `liquidate(trader, baseToken, size)` on an
account whose value is below its maintenance requirement, and the part of the position it asked
for, cut to what `getLiquidatablePositionSize` allows, is closed at the mark price for a penalty.

In Perp's terms, for an account with account value `V` (collateral plus unrealized PnL at mark) and
positions of value `|q| * P`:

    liquidatable          V < sum |positionValue| * mmRatio          (ClearingHouse._isLiquidatable)
    maxLiquidatableSize   positionSize * 0.5, toward zero            (AccountBalance.getLiquidatablePositionSize,
                                                                      one market above MM/2: the profile's closeFactor)
    liquidated size       min(requested, |positionSize|, maxLiquidatableSize)
    notional              size * markPrice
    liquidationPenalty    notional * liquidationPenaltyRatio, half (down) to the liquidator, the rest
                          to the insurance fund                      (ClearingHouse._liquidate)

with the profile's deliberate differences (the page's "not modelled"): the close factor is the
constant `closeFactor` (at least one lot, spec 10.3), the penalty is rounded up to the quote unit
and never taken beyond the account value left (spec 7.3), and bad debt is paid by the insurance
fund then socialized (spec 7.4) instead of reverting. Every market the keeper names in the
scenario's `requests` is served in the order of spec 6.2 (largest position value first).

Built on liqmodel.py (validation, groups, report) and policy_model.py (the outcome of a group under
a close size other than minimal), which are written from docs/spec.md, not from liqcheck's code.
Exact arithmetic only (liqmodel.EXACT traps Inexact); every rounding is an explicit floor_to/ceil_to.
"""
from decimal import Decimal, localcontext

from liqmodel import EXACT, ZERO, Reader, ceil_div, ceil_to, describe, floor_to, is_multiple, key_path, parse_scenario, run_groups
from policy_model import PolicyModel

from ._perp_drift_profile import policy_issues, profile_policy

PROFILE = "perp-v2"
POLICY = profile_policy(PROFILE)
#: maxLiquidateRatio as the profile fixes it (a scenario under any other policy is refused)
CLOSE_FACTOR = Decimal(POLICY["closeSize"]["closeFactor"])

#: Deliberately wrong variants of Perp's liquidation, each one realistic mistake in one place.
BUGS = {
    "ignores-close-factor": (
        "the keeper's requested size is served up to the whole position: getLiquidatablePositionSize's "
        "cap (positionSize * maxLiquidateRatio, 0.5 on one market) is not applied; Perp closed positions whole "
        "before partial liquidation and still does at <= 100 USD or below MM/2 "
        "(https://github.com/perpetual-protocol/perp-curie-contract/pull/19, v2.1.1 'liquidation spec updated'), "
        "so a port that keeps the whole-position path for every account is realistic; no venue report of the bug found"
    ),
    "penalty-on-position": (
        "the liquidation penalty is charged on the whole position's notional (|positionSize| * markPrice) "
        "instead of the liquidated part's (liquidatedPositionNotional * liquidationPenaltyRatio); "
        "realistic, no venue report found"
    ),
    "penalty-into-bad-debt": (
        "the penalty is charged in full even past the account value left (Perp's own rule: the insurance fund "
        "then pays the bad debt, ClearingHouse._liquidate / Vault.settleBadDebt), which the profile deliberately "
        "caps by the equity left (spec 7.3): a port of Perp's code path, not of the profile"
    ),
}


def read_requests(value, positions, params):
    """The keeper's requests (spec 10.3): market -> positive lot multiple, for markets held only.
    Returns (requests, issues)."""
    r = Reader()
    if not isinstance(value, dict):
        r.fail("requests", "an object of requested sizes by market id", value)
        return None, r.issues
    held = [p["market"] for p in positions]
    out = {}
    for market, raw in value.items():
        path = key_path("requests", market)
        if market not in held:
            r.fail(path, "a market the account holds (%s)" % ", ".join('"%s"' % m for m in held), raw)
            continue
        size = r.decimal(raw, path, "positive")
        if size is None:
            continue
        if not is_multiple(size, params["markets"][market]["lot"]):
            r.fail(path, "a multiple of the lot size", raw)
            continue
        out[market] = size
    return out, r.issues


class PerpModel(PolicyModel):
    """Perp's liquidate() for every requested market of a liquidatable group, in one call."""

    def __init__(self, params, marks, bugs, close_factor, requests):
        super().__init__(params, marks, bugs, {"kind": "requested"})
        self.close_factor = close_factor
        self.requests = requests

    def liquidatable_size(self, base, market):
        """getLiquidatablePositionSize at the profile's constant ratio: positionSize * ratio toward
        zero (floor to the lot, since |q| > 0), but at least one lot (spec 10.3)."""
        if "ignores-close-factor" in self.bugs:
            return base
        lot = self.market(market)["lot"]
        return max(lot, floor_to(self.close_factor * base, lot))

    def liquidated_size(self, base, market, requested):
        """min(requested, |positionSize|, max liquidatable); a rest below dustNotional is not left,
        the size is cut instead to leave at least dustNotional (spec 10.3; Perp's own dust is 10 wei)."""
        size = min(requested, base, self.liquidatable_size(base, market))
        mark, lot, dust = self.mark(market), self.market(market)["lot"], self.p["dust"]
        rest = base - size
        if rest > 0 and rest * mark < dust:
            size = base - ceil_div(dust, lot * mark) * lot
        return size if size > 0 else ZERO

    def liquidate_position(self, group, market, size, rate):
        """One liquidation of `size` of a position at the mark (price impact from params, 0 in the
        profile): realized PnL floored to the quote unit, its residue to the insurance fund, the
        penalty on the liquidated notional, rounded up, capped by the account value left."""
        unit = self.p["unit"]
        idx = next(i for i, p in enumerate(group["positions"]) if p["market"] == market)
        pos = group["positions"][idx]
        long = pos["size"] > 0
        price = self.exec_price(market, long)
        signed = size if long else -size
        pnl = signed * (price - pos["entry"])
        realized = floor_to(pnl, unit)
        positions = list(group["positions"])
        if pos["size"] == signed:
            del positions[idx]
        else:
            positions[idx] = dict(pos, size=pos["size"] - signed)
        collateral = group["collateral"] + realized
        notional = size * self.mark(market)
        charged_on = abs(pos["size"]) * self.mark(market) if "penalty-on-position" in self.bugs else notional
        penalty = ceil_to(rate * charged_on, unit)
        if "penalty-into-bad-debt" not in self.bugs:
            account_value = self.health(collateral, positions)["equity"]
            penalty = min(penalty, max(ZERO, floor_to(account_value, unit)))
        # the penalty is split floor(penalty * liquidatorShare) to the liquidator, the rest to the insurance fund
        fill = self.fill(market, long, size, price, notional, rate, penalty, realized, pnl - realized)
        return fill, {"id": group["id"], "collateral": collateral - penalty, "positions": positions}

    def liquidate_requested(self, group, market, rate):
        """The keeper's liquidate() on one market: (fill, group), or None when the keeper did not
        name the market or nothing of it may be liquidated."""
        if market not in self.requests:
            return None
        base = abs(next(p for p in group["positions"] if p["market"] == market)["size"])
        size = self.liquidated_size(base, market, self.requests[market])
        if size.is_zero():
            return None
        return self.liquidate_position(group, market, size, rate)

    def liquidate_group(self, group, fund):
        """Every requested market of a liquidatable group, largest position value first, at the
        penalty ratio read once before the first liquidation (spec 5.1)."""
        return self.close_each(group, fund, self.liquidate_requested)


def liquidate(scenario, bugs=frozenset(), params_set=None):
    """Validates a scenario under the perp-v2 policy and liquidates it: ("result", ...) or ("error", ...)."""
    with localcontext(EXACT):
        issues = []
        declared, raw_requests = scenario, {}
        if isinstance(scenario, dict):
            issues += policy_issues(scenario, PROFILE, POLICY)
            if "book" in scenario:
                issues.append({"path": "book", "expected": "no book: Perp v2 fills at the mark price (spec 10.1)", "received": describe(scenario["book"])})
            raw_requests = scenario.get("requests", {})
            declared = {k: v for k, v in scenario.items() if k not in ("policy", "book", "requests")}
        sc, more = parse_scenario(declared, params_set)
        issues += more
        requests = None
        if sc is not None:
            requests, request_issues = read_requests(raw_requests, sc["positions"], sc["params"])
            issues += request_issues
        if sc is None or issues:
            return "error", {"code": "invalid-input", "issues": issues}
        model = PerpModel(sc["params"], {k: v[1] for k, v in sc["marks"].items()}, bugs, CLOSE_FACTOR, requests)
        return run_groups(sc, model)


__all__ = ["BUGS", "liquidate"]
