"""Bybit USDT perpetuals (profile `bybit-linear`, docs/profiles/bybit-linear.md), in Bybit's terms:
the risk limit (maintenance tier) is read on the position value at entry, a liquidated position is
taken over in full by the liquidation engine at its bankruptcy price, and whatever the fill leaves
above bankruptcy is the most a fee may take.

Written from docs/spec.md sections 10.2 (tiers at entry), 10.3 (`full`), 10.4 (`bankruptcy`) and
10.5 (`cap: "bankruptcy"`) and Bybit's help-center articles named on the profile page, on
liqmodel.py's exact decimals (imported, never edited); not from liqcheck's TypeScript.

Bybit's words, and where each one is in the code:
- "position value = Contract quantity x Average Entry Price", "MM = position value x MMR -
  deduction" (Maintenance Margin, USDT contract): `requirement`.
- "the position will be taken over by the liquidation engine at the bankruptcy price" (Liquidation
  Process, USDT contract): `bankruptcy_price`, one fill per position, in full.
- the bankruptcy price is rounded "up" for a long and "down" for a short, so that closing there
  needs no insurance-fund money (What is Bankruptcy Price, help.bybit.com 360011431853): the
  ceiling / floor quotients of `bankruptcy_price`.
"""
from liqmodel import ZERO, Model, ceil_div, ceil_to, floor_div, floor_to

from ._venue import liquidate_under, profile_policy

#: The profile's policy (profiles/bybit-linear.json); a scenario under any other is refused.
POLICY = profile_policy("bybit-linear")

BUGS = {
    "bankruptcy-toward-trader": (
        "the bankruptcy price is rounded to the tick in the trader's favour (down for a long's sell, up for a "
        "short's buy) instead of up for a long / down for a short as Bybit states "
        "(https://help.bybit.com/hc/en-us/articles/360011431853-What-is-Bankruptcy-Price-), so the takeover "
        "leaves a loss below bankruptcy; the same direction bug was fixed in dYdX v4's bankruptcy price, "
        "dydxprotocol/v4-chain#55 ('fix the rounding issue in bankruptcy price calculation')"
    ),
    "risk-limit-at-mark": (
        "the risk-limit tier and its rate are read on the position value at mark instead of at entry "
        "('Contract quantity x Average Entry Price', "
        "https://testnet.bybit.com/en/help-center/article/Maintenance-Margin-USDT-ContractUSDT_Perpetual_UTA); "
        "some of Bybit's own articles value it at mark (docs/profiles/bybit-linear.md); realistic, no venue "
        "report of an engine doing so found"
    ),
    "takeover-at-liquidation-price": (
        "the position is taken over at its liquidation price (where its margin equals the maintenance margin, "
        "LP = entry - (IM - MM)/size in Bybit's 'Liquidation Price (USDT Contract)') instead of its bankruptcy "
        "price (entry - IM/size): the trader keeps the maintenance margin, which Bybit's engine does not return "
        "(the margin left at a better fill goes to the insurance fund, 'Bankruptcy Price (USDT Contract)'); "
        "realistic, no venue report found"
    ),
}


class BybitModel(Model):
    """liqmodel's Model with Bybit's requirement (at entry) and its takeover at the bankruptcy price."""

    def requirement(self, pos, notional_at_mark):
        """Spec 10.2, tiers at entry: MM(|q| e), the bracket chosen by the position value at entry
        (liqmodel's health uses it; the target's buffer stays on the notional at mark)."""
        if "risk-limit-at-mark" in self.bugs:
            return self.mm(self.market(pos["market"])["tiers"], notional_at_mark)
        return self.mm(self.market(pos["market"])["tiers"], abs(pos["size"]) * pos["entry"])

    def bankruptcy_price(self, pos, size, equity, mm, mm_after):
        """Spec 10.4, bankruptcy: the tick price least favourable to the trader at which the closed part's
        value above bankruptcy V = E- - E MM'/MM is >= 0. With B = E - q_c (P - e) and
        K = ceil((E MM' - B MM) / (MM u)) u, a long sells at tick ceil((size e + K) / (size tick)), a short
        buys at tick floor((size e - K) / (size tick)), never below one tick."""
        unit = self.p["unit"]
        tick = self.market(pos["market"])["tick"]
        long = pos["size"] > 0
        signed = size if long else -size
        b = equity - signed * (self.mark(pos["market"]) - pos["entry"])
        k = ceil_div(equity * mm_after - b * mm, mm * unit) * unit
        if "takeover-at-liquidation-price" in self.bugs:
            k += ceil_to(mm - mm_after, unit)  # the closed part's maintenance margin left to the trader
        toward_trader = "bankruptcy-toward-trader" in self.bugs
        if long:
            steps = (floor_div if toward_trader else ceil_div)(size * pos["entry"] + k, size * tick)
        else:
            steps = (ceil_div if toward_trader else floor_div)(size * pos["entry"] - k, size * tick)
        return max(tick, tick * steps)

    def take_over(self, group, market, rate):
        """One position closed in full at its bankruptcy price (spec 7.2 at x_b), charged
        min(ceil(f N_c), max(0, floor(V))) when E >= 0, else the cap of 7.3 (spec 10.5, cap bankruptcy)."""
        unit = self.p["unit"]
        now = self.health(group["collateral"], group["positions"])
        idx = next(i for i, p in enumerate(group["positions"]) if p["market"] == market)
        pos = group["positions"][idx]
        rest = group["positions"][:idx] + group["positions"][idx + 1:]
        mm_after = self.health(group["collateral"], rest)["maintenance"]
        size = abs(pos["size"])
        long = pos["size"] > 0
        price = self.bankruptcy_price(pos, size, now["equity"], now["maintenance"], mm_after)
        exact_pnl = pos["size"] * (price - pos["entry"])
        realized = floor_to(exact_pnl, unit)
        collateral = group["collateral"] + realized
        # E- : the group's equity after the fill's PnL, before its penalty
        left = self.health(collateral, rest)["equity"]
        mm = now["maintenance"]
        if now["equity"] >= 0 and mm > 0:
            cap = floor_div(left * mm - now["equity"] * mm_after, mm * unit) * unit
        else:
            cap = floor_to(left, unit)
        notional = size * self.mark(market)
        penalty = min(ceil_to(rate * notional, unit), max(ZERO, cap))
        fill = self.fill(market, long, size, price, notional, rate, penalty, realized, exact_pnl - realized)
        return fill, {"id": group["id"], "collateral": collateral - penalty, "positions": rest}

    def liquidate_group(self, group, fund):
        """Spec 10.1 under this profile: decide on the entry-valued requirement, fix the rate, take every
        position over in the order of 6.2, then settle a deficit by 7.4."""
        return self.close_each(group, fund, self.take_over)


def liquidate(scenario, bugs=frozenset(), params_set=None):
    """One scenario under the bybit-linear profile: ("result", result) or ("error", error)."""
    return liquidate_under(scenario, params_set, "bybit-linear", POLICY, lambda params, marks: BybitModel(params, marks, bugs))
