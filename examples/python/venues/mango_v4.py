"""Mango v4 (profile `mango-v4`, docs/profiles/mango-v4.md), in Mango's terms: an account is
liquidatable when its maint health is negative; the liquidator first reduces the perp positions
(the minimal close of spec 6.3, at mark), then runs `token_liq_with_token` on the collateral tokens
until the "liquidation end" health — the init weights, w' for an asset and l' for a borrowed quote —
is back to zero; the liquidatee pays the fee factor ffTotal = (1 + f_l + g_l)(1 + f_a + g_a) times
the liability's value in asset.

Written from docs/spec.md sections 13 (multi-asset collateral, `collateral: sell, restore: target`),
6.3 (minimal close, liqmodel.py's walk), 10.5 (steps capped by the equity) and Mango's code as the
research note reads it (docs/research/multi-asset.md section 1, blockworks-foundation/mango-v4 @
1303a4a16228eb1e8e8d4f0eef724eaf63310c86), on liqmodel.py's exact decimals through
venues/_multi_asset.py; not from liqcheck's TypeScript.

Mango's words, and where each one is in the code (venues/_multi_asset.py):
- health "Maint" (maint_asset_weight / maint_liab_weight; check_liquidatable: maint < 0):
  `MultiAssetModel.health` (E with w and l) and liqmodel's trigger.
- health "LiquidationEnd" (init_asset_weight, init_liab_weight, unscaled; the liquidation ends when it
  is back above zero, state/mango_account.rs maybe_recover_from_being_liquidated): `goal_gap`, the
  target goal of spec 13.4 on w' and l'.
- token_liq_with_token's "needed = -H / (p_l ilw - lopa iaw)" with lopa = p_l ffTotal
  (instructions/token_liq_with_token.rs, liquidation_action): `target_size`'s closed form, slope
  pi l' - p w' with pi = p / ffTotal (spec 13.1 feeFactor), in asset units instead of liability units.
- the asset given, "base . ffTotal" (the liquidatee pays the fee factor): `sale_price`, pi = p / phi.
"""
from . import _multi_asset as ma
from ._multi_asset import MultiAssetVenue
from ._venue import module_liquidate

BUGS = {
    ma.FEE_TWICE: (
        "the fee factor is applied twice: the asset is sold at p / ffTotal^2 instead of p / ffTotal "
        "(token_liq_with_token's lopa = p_l * ffTotal already holds the fees; applying them again to the asset "
        "given, blockworks-foundation/mango-v4 programs/mango-v4/src/instructions/token_liq_with_token.rs @1303a4a1): "
        "the liquidatee pays a fee on the fee and more collateral is seized than the goal needs; realistic, no "
        "venue report found"
    ),
    ma.FEE_IGNORED: (
        "the fee factor is ignored: the asset is sold at its oracle price (ffTotal taken as 1), so the "
        "liquidator gets no bonus and the platform no fee (token_liq_with_token.rs's ffLiqor / ffTotal, "
        "@1303a4a1); the proceeds exceed floor(s p / phi); realistic, no venue report found"
    ),
    ma.END_AT_MAINT: (
        "the liquidation end health is read at the maint weights (maint_asset_weight, maint_liab_weight) instead "
        "of the init weights of HealthType::LiquidationEnd (programs/mango-v4/src/health/cache.rs @1303a4a1): the "
        "token liquidation stops as soon as maint health is back to zero, selling too little, and the account is "
        "liquidatable again at once; realistic (the two health types differ only in their weights), no venue "
        "report found"
    ),
    ma.TOKENS_FIRST: (
        "token_liq_with_token runs before the perp positions are reduced: the collateral tokens are sold to restore "
        "the liquidation end health while the perp's loss and requirement are still open, instead of after the "
        "positions are closed (spec 13.3's order; Mango lets the liquidator pick the instruction, "
        "HealthCache::require_after_phase2_liquidation, programs/mango-v4/src/health/cache.rs @1303a4a1, so the "
        "order is the profile's contract): tokens are sold that the close would have made unnecessary, or too few; "
        "realistic, no venue report found"
    ),
}

#: the engine runs spec 13's assets (hello_ok.features)
FEATURES = ["multi-asset"]

VENUE = MultiAssetVenue("mango-v4", "minimal", "target")

#: liquidate(scenario, bugs, params_set): one scenario under the profile, ("result", result) or ("error", error)
liquidate = module_liquidate(VENUE)
