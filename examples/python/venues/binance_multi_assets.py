"""Binance USDⓈ-M futures in Multi-Assets mode (profile `binance-multi-assets`,
docs/profiles/binance-multi-assets.md), in Binance's terms: BTC, ETH, BNB … count towards the
margin balance at their index value less the "haircut" (collateral value ratio w = 1 - h); the USDT
wallet balance may go "negative"; in liquidation the positions are reduced by the risk-limit
step-down of binance-usdm, and then "auto-exchange" converts collateral to cover the negative
balance: a deficit d sells collateral worth d / (1 - h) at index (the haircut is the discount).

Written from docs/spec.md sections 13 (multi-asset collateral, `collateral: sell, restore:
deficit`), 10.3 (step-down), 10.5 (steps capped by the equity) and Binance's FAQ pages as the
research note reads them (docs/research/multi-asset.md section 2), on liqmodel.py's exact decimals
through venues/_multi_asset.py; not from liqcheck's TypeScript (nor from examples/js: the step-down
is written again here from spec 10.3).

Binance's words, and where each one is in the code (venues/_multi_asset.py):
- the haircut ("1,000 USD of BNB counts as 950",
  https://www.binance.com/en-IN/support/faq/29b45c485d664028b9ca1cdf90b24f6f): `weights`, w = 1 - h in
  the margin balance (`MultiAssetModel.health`).
- a negative balance in a margin asset (FAQ on the Multi-Assets mode,
  https://binance.com/sl/support/faq/frequently-asked-questions-on-the-multi-assets-mode-f80415bea8124f6494566f23c0bf9c38):
  account.collateral < 0, counted at weight 1.
- auto-exchange in liquidation: "-5,000 USDC is covered by 5,128.20 USD of BTC" at a 2.5 % haircut (same
  FAQ), d / (1 - h) of value: `deficit_size`, s = ceil(d / (p (1 - h)))_unit, proceeds floor(s p (1 - h))_u.
"""
from . import _multi_asset as ma
from ._multi_asset import MultiAssetVenue
from ._venue import module_liquidate

BUGS = {
    ma.HAIRCUT_INVERTED: (
        "the collateral value ratio and the haircut are swapped: an asset counts at h instead of 1 - h "
        "('1,000 USD of BNB counts as 950', https://www.binance.com/en-IN/support/faq/29b45c485d664028b9ca1cdf90b24f6f), "
        "so a larger haircut makes the account healthier; realistic (the API's 'collateral rate' and the page's "
        "'haircut' are complements), no venue report found"
    ),
    ma.SELLS_AT_PRICE: (
        "auto-exchange sells collateral worth the deficit d at index instead of d / (1 - h) ('-5,000 USDC is covered "
        "by 5,128.20 USD of BTC', https://binance.com/sl/support/faq/frequently-asked-questions-on-the-multi-assets-mode-f80415bea8124f6494566f23c0bf9c38): "
        "the proceeds, at the haircut, leave the wallet balance negative with collateral left; realistic, no venue "
        "report found"
    ),
    ma.PRO_RATA: (
        "the deficit is split over every collateral asset 'according to the proportion of each asset' (the FAQ's "
        "wording, docs/research/multi-asset.md section 2.2) instead of the profile's documented order, largest "
        "a p w' first (spec 13.4): several assets are sold where the first one covers the deficit"
    ),
    ma.PAST_ZERO: (
        "auto-exchange sells ceil(d / (p (1 - h))) of the first asset without capping it by the balance held: the "
        "asset balance goes negative instead of the next asset being sold (spec 13.4: never below zero); "
        "realistic, no venue report found"
    ),
}

#: the engine runs spec 13's assets (hello_ok.features)
FEATURES = ["multi-asset"]

VENUE = MultiAssetVenue("binance-multi-assets", "step-down", "deficit")

#: liquidate(scenario, bugs, params_set): one scenario under the profile, ("result", result) or ("error", error)
liquidate = module_liquidate(VENUE)
