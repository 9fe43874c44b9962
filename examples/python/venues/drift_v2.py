"""Drift protocol v2's `liquidate_perp`, as docs/profiles/drift-v2.md states it, for the drift-v2
profile (profiles/drift-v2.json): a liquidatable user's position is taken over by the liquidator,
at the oracle price less the liquidator fee, in the amount of base that covers the margin shortage.

In Drift's terms, for one perp position of base `|q|` at oracle `P` (the mark), with
`margin_ratio` (the market's maintenance ratio), `buffer` (liquidation_margin_buffer_ratio,
params.targetBuffer), `liquidator_fee` (params.priceImpact, paid as the discount of the transfer
price, rounded to the tick) and `if_liquidation_fee` (the step penalty's rate, to the insurance fund):

    margin_shortage = (maintenance requirement + buffer * base value) - total collateral
    base_to_cover   = margin_shortage / (P * (margin_ratio + buffer) - discount - P * if_liquidation_fee)

(programs/drift/src/math/liquidation.rs, calculate_base_asset_amount_to_cover_margin_shortage),
rounded up to the order step size (standardize_base_asset_amount_ceil). Drift's integers round on
their own grids; this engine instead checks the rounded candidate on the exact fill and, when the
quote rounding of the PnL and of the fee makes it fall short, takes the next step (spec section 6.3,
the verification of the candidate). A position left below dustNotional ($50) is taken whole; a
shortage the position cannot cover closes it whole; a user left with negative collateral and no
position is bankrupt (resolve_perp_bankruptcy: insurance fund, then socialized).

Built on liqmodel.py (validation, fills, the penalty cap, groups and the report), which is written
from docs/spec.md, not from liqcheck's code. Only the size of a partial close is Drift's own here.
Exact arithmetic only (liqmodel.EXACT traps Inexact); every quotient is an exact integer one.
"""
from decimal import Decimal, localcontext

from liqmodel import EXACT, MAX_VERIFIED_CANDIDATES, ZERO, LimitExceeded, Model, canon, ceil_div, describe, floor_div, parse_scenario, run_groups

from ._perp_drift_profile import policy_issues, profile_policy

PROFILE = "drift-v2"
POLICY = profile_policy(PROFILE)

#: Deliberately wrong variants of liquidate_perp, each one realistic mistake in one place.
BUGS = {
    "to-cover-ignores-if-fee": (
        "the base to cover the margin shortage leaves the IF fee out of the denominator "
        "(shortage / (P * (margin_ratio + buffer) - discount)), and that size is transferred as computed, "
        "so the user is left below the buffered requirement; raised in review when Drift added IF liquidation fees "
        "('liability_transfer_to_cover_margin_shortage should know about the if_fee?', on liquidate_borrow, "
        "https://github.com/velocity-exchange/protocol-v2/pull/91, a fork holding drift-labs/protocol-v2's history)"
    ),
    "base-floor": (
        "the base to cover is rounded down to the order step size (standardize_base_asset_amount instead of "
        "standardize_base_asset_amount_ceil) and transferred as computed: one step short of covering the shortage; "
        "Drift's math function itself floors to 10^-9 and only its controller rounds up "
        "(drift-labs/protocol-v2 programs/drift/src/math/liquidation/tests.rs one_percent_liquidation_fee, 1111111111); "
        "realistic, no venue report found"
    ),
    "if-fee-uncapped": (
        "the IF fee (base value * if_liquidation_fee) is charged in full even where the user's collateral "
        "left cannot pay it, taking it out of negative equity; Drift caps it (calculate_perp_if_fee, tightened by "
        "'program: add buffer to calculating max perp if fee', https://github.com/velocity-exchange/protocol-v2/pull/635)"
    ),
    "initial-ratio": (
        "the margin shortage and the base to cover are computed with margin_ratio_initial instead of "
        "margin_ratio_maintenance, so the liquidator takes more than the shortage needs; realistic, no venue report found"
    ),
}


class DriftModel(Model):
    """liqmodel's Model with the size of a partial close computed as liquidate_perp does."""

    def __init__(self, params, marks, bugs, initial):
        super().__init__(params, marks, bugs)
        self.initial = initial  # market -> margin_ratio_initial (read by the initial-ratio variant only)

    def base_to_cover(self, group, market, rate):
        """The smallest number of order steps covering the margin shortage by Drift's formula, and the
        position's base; None when the denominator is not positive (no partial close covers it)."""
        m = self.market(market)
        pos = next(p for p in group["positions"] if p["market"] == market)
        base, oracle, step = abs(pos["size"]), self.mark(market), m["lot"]
        tier = m["tiers"][0]
        margin_ratio = self.initial[market] if "initial-ratio" in self.bugs else tier["rate"]
        h = self.health(group["collateral"], group["positions"])
        requirement = h["target"]
        if "initial-ratio" in self.bugs:
            # the same requirement, with the position's maintenance ratio replaced by the initial one
            requirement += base * oracle * (self.initial[market] - tier["rate"])
        shortage = requirement - h["equity"]
        # the liquidator fee as the transfer's discount per unit of base, on the tick (spec 7.1)
        discount = abs(oracle - self.exec_price(market, pos["size"] > 0))
        if_fee = ZERO if "to-cover-ignores-if-fee" in self.bugs else rate * oracle
        denominator = oracle * (margin_ratio + self.p["buffer"]) - discount - if_fee
        if denominator <= 0:
            return None, base
        steps = floor_div(shortage, step * denominator) if "base-floor" in self.bugs else ceil_div(shortage, step * denominator)
        return max(steps, 1) * step, base

    def minimal_close(self, group, market, rate):
        m = self.market(market)
        if len(m["tiers"]) != 1:
            # Drift has one maintenance ratio per market; a tiered market (pinned params) is the
            # walk of spec 6.3 over the brackets, which is Drift's formula bracket by bracket.
            return super().minimal_close(group, market, rate)
        to_cover, base = self.base_to_cover(group, market, rate)
        if to_cover is None:
            return None
        if self.bugs & {"to-cover-ignores-if-fee", "base-floor"}:
            # the variant transfers what its formula says, unchecked (the $50 rule still applies)
            left = base - to_cover
            return to_cover if left > 0 and left * self.mark(market) >= self.p["dust"] else None
        oracle, step = self.mark(market), m["lot"]
        failed = 0
        while to_cover < base:
            if (base - to_cover) * oracle < self.p["dust"]:
                return None  # the $50 rule: the rest would be dust, so the position goes whole
            _, _, equity, target = self.close_fill(group, market, to_cover, rate)
            if self.meets_target(equity, target):
                return to_cover
            failed += 1
            if failed >= MAX_VERIFIED_CANDIDATES:
                raise LimitExceeded("%s: more than %d order steps to verify (step %s)" % (market, MAX_VERIFIED_CANDIDATES, canon(step)))
            to_cover += step
        return None


def initial_ratios(raw_params):
    """margin_ratio_initial of each market: the first tier's initialRate (valid params only)."""
    return {mid: Decimal(m["tiers"][0]["initialRate"]) for mid, m in raw_params["markets"].items()}


def liquidate(scenario, bugs=frozenset(), params_set=None):
    """Validates a scenario under the drift-v2 policy and liquidates it: ("result", ...) or ("error", ...)."""
    with localcontext(EXACT):
        issues = []
        declared = scenario
        if isinstance(scenario, dict):
            issues += policy_issues(scenario, PROFILE, POLICY)
            for extra in ("book", "requests"):
                if extra in scenario:
                    issues.append({"path": extra, "expected": "no %s: liquidate_perp reads none (spec 10.1)" % extra, "received": describe(scenario[extra])})
            declared = {k: v for k, v in scenario.items() if k not in ("policy", "book", "requests")}
        sc, more = parse_scenario(declared, params_set)
        issues += more
        if sc is None or issues:
            return "error", {"code": "invalid-input", "issues": issues}
        engine_bugs = set(bugs)
        if "if-fee-uncapped" in bugs:
            engine_bugs.add("uncapped-penalty")  # liqmodel's switch for the same mistake
        initial = initial_ratios(params_set.raw if params_set is not None else declared["params"])
        return run_groups(sc, DriftModel(sc["params"], {k: v[1] for k, v in sc["marks"].items()}, frozenset(engine_bugs), initial))


__all__ = ["BUGS", "liquidate"]
