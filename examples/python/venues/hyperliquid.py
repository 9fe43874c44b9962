"""Hyperliquid perpetuals (profile `hyperliquid`, docs/profiles/hyperliquid.md), in Hyperliquid's
terms: an account (cross) or isolated position below its maintenance margin is liquidated at the
mark, 20 % of a position above 100k USDC of notional per call and the whole of a smaller one; below
2/3 of the maintenance margin the liquidator vault takes the whole group over instead, positions and
margin, and "the maintenance margin is not returned to the user".

Written from docs/spec.md sections 10.3 (`fixed-portion`) and 10.8 (`backstop`) and the
Hyperliquid documentation named on the profile page, on liqmodel.py's exact decimals and
policy_model.py's fixed-portion close (both imported, never edited); not from liqcheck's TypeScript.

Hyperliquid's words, and where each one is in the code:
- "For liquidatable positions larger than 100k USDC ... only 20% of the position will be sent as a
  market liquidation order" (announcement post 307): policy_model's fixed-portion close with
  portion 0.2 and minimum notional 100,000 (the closest fit the page explains).
- "If the account equity drops below 2/3 of the maintenance margin ... a backstop liquidation
  happens through the liquidator vault" (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations):
  `below_backstop`, compared as 3 E < 2 MM, no fraction formed.
- "the trader's cross positions and cross margin are all transferred to the liquidator", "the
  maintenance margin is not returned to the user" (same page): `backstop`, every position at its
  mark, the margin left charged on the last fill.
"""
from decimal import Decimal

from liqmodel import ZERO, floor_to
from policy_model import PolicyModel

from ._venue import liquidate_under, profile_policy

#: The profile's policy (profiles/hyperliquid.json); a scenario under any other is refused.
POLICY = profile_policy("hyperliquid")

#: 20 % above 100k USDC of notional
CHUNK = {"kind": "fixed-portion", "portion": Decimal("0.2"), "minimum": Decimal("100000")}
#: the backstop threshold 2/3 of the maintenance margin, as numerator and denominator
THRESHOLD = (Decimal(2), Decimal(3))

BUGS = {
    "backstop-keeps-equity": (
        "the backstop takes the positions over at the mark but leaves the trader the margin that is left, "
        "where Hyperliquid's docs say the trader ends up with zero account equity and the maintenance margin "
        "is not returned (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations); realistic, "
        "no venue report found"
    ),
    "backstop-at-maintenance": (
        "every liquidatable group is taken over by the liquidator vault, not only those below 2/3 of the "
        "maintenance margin: the vault inherits whole positions the 20 % book liquidation would have reduced. "
        "Mirrors the March 2025 episodes in which whole positions went to HLP's liquidator vault: the ETH 50x "
        "long of 2025-03-12 (about 160,000 ETH taken over at 1,915, HLP lost about 4M USDC; "
        "https://cryptonews.trade/4-million-loss-hyperliquid-hit-by-whales-risky-trading) and the JELLY short "
        "of 2025-03-26 ('HLP backstop liquidating the 4M position', Hyperliquid's announcement, "
        "https://tglist.com/ru/channel/vIeNxn; analysis "
        "https://thogiti.github.io/2025/03/27/Anatomy-DEX-Exploit-Hyperliquid-Perp-JELLY.html)"
    ),
    "chunks-below-threshold": (
        "the 20 % chunk is applied to every position, also at or below 100k USDC of notional, where "
        "Hyperliquid sends an order for the entire position (announcement post 307, "
        "https://tginsight.xyz/channel/hyperliquid_announcements/post/307); realistic, no venue report found"
    ),
}


class HyperliquidModel(PolicyModel):
    """policy_model's fixed-portion engine at the mark, with Hyperliquid's backstop in front of it."""

    def __init__(self, params, marks, bugs):
        chunk = dict(CHUNK, minimum=ZERO) if "chunks-below-threshold" in bugs else CHUNK
        super().__init__(params, marks, bugs, chunk)

    def below_backstop(self, equity, maintenance):
        """Spec 10.8 Decide: taken over iff d E < n MM (strict), d E <= n MM (inclusive)."""
        if "backstop-at-maintenance" in self.bugs:
            return True
        n, d = THRESHOLD
        return d * equity < n * maintenance if self.p["trigger"] == "strict" else d * equity <= n * maintenance

    def backstop(self, group, fund, before):
        """Spec 10.8 Takeover: every position closed in full at its mark (no impact), in the order of 6.2;
        no fill but the last pays anything, the last pays max(0, C') with C' = C + sum of realized PnL,
        split by liquidatorShare. The group is left flat with min(0, C'), a deficit settled by 7.4."""
        unit, share = self.p["unit"], self.p["share"]
        rate = self.penalty_rate(before["equity"], before["maintenance"])
        collateral, fills = group["collateral"], []
        for market in self.close_order(group["positions"]):
            pos = next(p for p in group["positions"] if p["market"] == market)
            mark = self.mark(market)
            exact_pnl = pos["size"] * (mark - pos["entry"])
            realized = floor_to(exact_pnl, unit)
            collateral += realized
            fills.append(self.fill(market, pos["size"] > 0, abs(pos["size"]), mark, abs(pos["size"]) * mark, rate, ZERO, realized, exact_pnl - realized))
        charge = ZERO if "backstop-keeps-equity" in self.bugs else max(ZERO, collateral)
        liq_fee = floor_to(charge * share, unit)
        fills[-1] = dict(fills[-1], penalty=charge, liq_fee=liq_fee, ins_fee=charge - liq_fee)
        for f in fills:
            fund = fund + f["ins_fee"] + f["residue"]
        return self.outcome({"id": group["id"], "collateral": collateral - charge, "positions": []}, fills, before, fund)

    def liquidate_group(self, group, fund):
        before = self.health(group["collateral"], group["positions"])
        if self.liquidatable(before["equity"], before["maintenance"], len(group["positions"]) > 0) and self.below_backstop(before["equity"], before["maintenance"]):
            return self.backstop(group, fund, before)
        return super().liquidate_group(group, fund)


def liquidate(scenario, bugs=frozenset(), params_set=None):
    """One scenario under the hyperliquid profile: ("result", result) or ("error", error)."""
    return liquidate_under(scenario, params_set, "hyperliquid", POLICY, lambda params, marks: HyperliquidModel(params, marks, bugs))
