"""Bybit inverse perpetuals (profile `bybit-inverse`, docs/profiles/bybit-inverse.md), in Bybit's
terms: a position of contracts of 1 USD is margined and settled in the coin; its risk limit reads the
"Position Value = Contract Quantity / Average Entry Price" (in BTC), "MM = Position Value x MMR -
deduction"; a liquidated position is taken over in full by the liquidation engine at its bankruptcy
price, and whatever the fill leaves above bankruptcy is the most a fee may take.

Written from docs/spec.md sections 12 (inverse values), 10.2 (tiers at entry), 10.3 (`full`), 10.4
and 12.4 (`bankruptcy`) and 10.5 (`cap: "bankruptcy"`) and Bybit's help-center articles named on
the profile page, on liqmodel.py's exact decimals through venues/_inverse.py; not from liqcheck's
TypeScript.

Bybit's words, and where each one is in the code (venues/_inverse.py):
- "Position Value = Contract Quantity / Average Entry Price" (Maintenance Margin (Inverse Contract);
  Liquidation Price Calculation under Isolated Mode (Unified Trading Account)): `value` at the entry,
  rounded up to the satoshi, read by `requirement` (valuation "entry").
- P&L "= Contract Quantity x (1/Average Entry Price - 1/Exit Price)" for a long (P&L calculations
  (Inverse Contracts)): `pnl`, rounded down to the satoshi.
- the bankruptcy price of an isolated long "Entry Price x Leverage / (Leverage + 1)", of a short
  "Entry Price x Leverage / (Leverage - 1)" (How to calculate Bankruptcy Price,
  https://help.bybit.com/hc/en-us/articles/360037757474-How-to-calculate-Bankruptcy-Price-), which
  is spec 12.4's price with K the margin lost: `bankruptcy_price`.
- "For long position, the bankruptcy price will be rounded up to the nearest 0.5 ... for short
  position ... rounded down" (What is Bankruptcy Price?,
  https://help.bybit.com/hc/en-us/articles/360011431853-What-is-Bankruptcy-Price-): the ceiling /
  floor quotients of `bankruptcy_price`.
"""
from . import _inverse
from ._inverse import InverseModel, Venue

BUGS = {
    _inverse.LINEAR_BANKRUPTCY: (
        "an inverse long is taken over at the linear (USDT-contract) bankruptcy price Entry x (1 - 1/Leverage) "
        "('Bankruptcy Price (USDT Contract)', https://help.bybit.com/hc/en-us/articles/360011431853-What-is-Bankruptcy-Price-) "
        "instead of the inverse one Entry x Leverage / (Leverage + 1) "
        "(https://help.bybit.com/hc/en-us/articles/360037757474-How-to-calculate-Bankruptcy-Price-): the coin "
        "loss taken as linear in the price, so the long sells below bankruptcy and the fund pays the gap; "
        "realistic (one engine serving both contract kinds), no venue report found"
    ),
    _inverse.PNL_ROUNDED_UP: (
        "the realized P&L of the takeover, Contract Quantity x (1/Entry - 1/Exit) in BTC, is rounded up to the "
        "satoshi (in the trader's favour) instead of down (spec 12.2): each fill creates up to one satoshi out of "
        "nothing; realistic, no venue report found"
    ),
    "risk-limit-at-mark": (
        "the risk-limit tier and its rate are read on the position value at mark, Contract Quantity / Mark Price, "
        "instead of at the average entry price ('Position Value = Contract Quantity / Average Entry Price', "
        "Maintenance Margin (Inverse Contract), docs/profiles/bybit-inverse.md): a long below its entry owes more "
        "and is liquidated while still healthy; realistic, no venue report found"
    ),
    _inverse.TOWARD_TRADER: (
        "the bankruptcy price is rounded to the tick in the trader's favour (down for a long's sell, up for a "
        "short's buy) instead of 'rounded up to the nearest 0.5' for a long and down for a short "
        "(https://help.bybit.com/hc/en-us/articles/360011431853-What-is-Bankruptcy-Price-): the takeover leaves a "
        "loss below bankruptcy; the same direction bug was fixed in dYdX v4's bankruptcy price, "
        "dydxprotocol/v4-chain#55"
    ),
}


class BybitInverseModel(InverseModel):
    """The inverse model with Bybit's risk limit at the entry (a bug reads it at the mark)."""

    def risk_limit_valuation(self):
        return "mark" if "risk-limit-at-mark" in self.bugs else "entry"


#: the engine also runs the inverse markets of spec 12 (hello_ok.features)
FEATURES = ["inverse"]

VENUE = Venue("bybit-inverse", "entry", BybitInverseModel)


def liquidate(scenario, bugs=frozenset(), params_set=None):
    """One scenario under the bybit-inverse profile: ("result", result) or ("error", error)."""
    return VENUE.liquidate(scenario, bugs, params_set)
