"""BitMEX XBTUSD, the inverse perpetual on Bitcoin (profile `bitmex-xbtusd`,
docs/profiles/bitmex-xbtusd.md), in BitMEX's terms: a contract is worth 1 USD, margin and PNL are
in XBT; the "XBT Contract Value = Multiplier / XBTUSD Price", the position's value at the mark, picks
its risk limit and maintenance margin; a position that cannot fulfil its maintenance requirement is
"liquidated by the liquidation engine at the bankruptcy price", its "maintenance margin will be
lost", and what a fill fetches above bankruptcy is "added to the Insurance Fund".

Written from docs/spec.md sections 12 (inverse values), 10.2 (tiers at mark), 10.3 (`full`), 10.4
and 12.4 (`bankruptcy`) and 10.5 (`cap: "bankruptcy"`) and BitMEX's pages named on the profile
page, on liqmodel.py's exact decimals through venues/_inverse.py; not from liqcheck's TypeScript.

BitMEX's words, and where each one is in the code (venues/_inverse.py):
- "XBT Contract Value: Multiplier / XBTUSD Price", "PnL Calculation: # Contracts * Multiplier *
  (1/Entry Price - 1/Exit Price)" (https://www.bitmex.com/app/inversePerpetualsGuide): `value`
  (rounded up to the satoshi) and `pnl` (rounded down), at the mark for the risk limit (valuation
  "mark", `requirement`).
- "the position will be liquidated by the liquidation engine at the bankruptcy price" and "your
  maintenance margin will be lost" (https://www.bitmex.com/app/liquidation): `take_over` at
  `bankruptcy_price`, the whole position, the margin left to the trader 0 at that price.
- "If BitMEX is able to liquidate the position at better than the bankruptcy price, the additional
  funds will be added to the Insurance Fund" / "BitMEX will spend the Insurance Funds" otherwise
  (same page): spec 7.4, the fund pays a deficit before it is socialized (`settle`).
"""
from . import _inverse
from ._inverse import InverseModel, Venue

BUGS = {
    _inverse.PNL_AT_ENTRY: (
        "the PnL is the linear PnL of the position's USD value converted to XBT at the entry price, "
        "# Contracts * (Exit - Entry) / Entry^2, instead of # Contracts * (1/Entry - 1/Exit) "
        "(https://www.bitmex.com/app/inversePerpetualsGuide): a fixed XBT value per tick. Third-party tools "
        "made exactly this mistake on XBTUSD: 'Bitmex XBTUSD wrong PNL ... the tick value of the Bitmex XBT "
        "contract is no a fixed value' (https://www.sierrachart.com/SupportBoard.php?PostID=207635)"
    ),
    _inverse.VALUE_ROUNDED_DOWN: (
        "the position value Multiplier / Price per contract is rounded down to the satoshi instead of up "
        "(spec 12.2): the maintenance margin is understated by up to a satoshi times the rate, and groups are "
        "reported with a requirement below their true one; realistic, no venue report found"
    ),
    "risk-limit-at-entry": (
        "the risk limit and maintenance margin are read on the position value at the entry price instead of "
        "at the mark (BitMEX marks positions at the Fair Price for margin and liquidation, "
        "https://www.bitmex.com/app/liquidation; docs/profiles/bitmex-xbtusd.md): a short above its entry owes "
        "more and is liquidated while still healthy; realistic, no venue report found"
    ),
    _inverse.TOWARD_TRADER: (
        "the bankruptcy price is rounded to the 0.5 tick in the trader's favour (down for a long's sell, up for "
        "a short's buy) instead of against them (spec 12.4): the takeover leaves a loss below bankruptcy that "
        "the insurance fund pays; the same direction bug was fixed in dYdX v4's bankruptcy price, "
        "dydxprotocol/v4-chain#55"
    ),
}


class BitmexModel(InverseModel):
    """The inverse model with BitMEX's risk limit at the mark (a bug reads it at the entry)."""

    def risk_limit_valuation(self):
        return "entry" if "risk-limit-at-entry" in self.bugs else "mark"


#: the engine also runs the inverse markets of spec 12 (hello_ok.features)
FEATURES = ["inverse"]

VENUE = Venue("bitmex-xbtusd", "mark", BitmexModel)


def liquidate(scenario, bugs=frozenset(), params_set=None):
    """One scenario under the bitmex-xbtusd profile: ("result", result) or ("error", error)."""
    return VENUE.liquidate(scenario, bugs, params_set)
