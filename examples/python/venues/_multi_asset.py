"""What the two multi-asset (hybrid margin) venue modules share, mango_v4 and binance_multi_assets:
the assets of docs/spec.md section 13.1 (read and validated here: liqmodel.py knows one quote
balance only), the cross group's weighted equity and target of 13.2, the two close sizes their
profiles run (minimal close, 6.3, through liqmodel; step-down, 10.3), the collateral step of 13.4
after the positions are closed, and the outcome of 13.3.

Written from docs/spec.md section 13 on liqmodel.py's exact decimals (imported, never edited), not
from liqcheck's TypeScript. Every amount is a Decimal under liqmodel.EXACT, which traps Inexact; the
only roundings are the spec's, each explicit:

- a sale's proceeds R(s) = floor(s pi)_u, one exact integer quotient (pi = p (1 - delta), p / phi
  or p, kept as a fraction num / den so that p / phi is never rounded);
- a deficit sale s = min(a, ceil((-C) / pi)_unit), one exact integer quotient;
- a target sale: the exact closed form on the piece of G where the goal is met, rounded up to the
  asset's unit, then level by level of the floored proceeds R while the goal is missed.

The wrong variants are switched by name from `model.bugs`; each venue module lists the ones it
exposes in its own BUGS, in the venue's terms.
"""
from decimal import localcontext

from liqmodel import (
    EXACT,
    MAX_VERIFIED_CANDIDATES,
    NEG_ZERO_RE,
    ONE,
    ZERO,
    LimitExceeded,
    Model,
    ParamsSet,
    Reader,
    _MISSING,
    canon,
    ceil_div,
    code_unit_key,
    floor_div,
    key_path,
    margin_groups,
    parse_scenario,
    report,
)

from ._venue import ProfileVenue, read_policy

# the wrong behaviours (names as the venue modules expose them)
FEE_TWICE = "fee-factor-twice"
FEE_IGNORED = "fee-factor-ignored"
END_AT_MAINT = "liq-end-at-maint-weights"
TOKENS_FIRST = "tokens-before-perps"
HAIRCUT_INVERTED = "haircut-as-weight"
SELLS_AT_PRICE = "auto-exchange-at-index"
PRO_RATA = "sells-pro-rata"
PAST_ZERO = "sells-past-zero"


def _is_power_of_ten(x):
    """unit = 10^-k, 0 <= k <= 18 (spec 13.1)."""
    t = x.normalize(EXACT).as_tuple()
    return t.digits == (1,) and -18 <= t.exponent <= 0


def read_assets(r, raw_params):
    """Section 13.1: (params without `assets`/`quoteDebt`, assets {id: asset} or None when the params
    have none, quote debt (l, l') or None when invalid). Issues go to r at params.assets[id].<field>
    and params.quoteDebt.<field>; an asset with an issue is left out (the answer is an error then)."""
    if not isinstance(raw_params, dict) or "assets" not in raw_params:
        if isinstance(raw_params, dict) and "quoteDebt" in raw_params:
            r.fail("params.quoteDebt", "no such field (quoteDebt needs params.assets, spec 13.1)", raw_params["quoteDebt"])
            return {k: v for k, v in raw_params.items() if k != "quoteDebt"}, None, (ONE, ONE)
        return raw_params, None, (ONE, ONE)
    stripped = {k: v for k, v in raw_params.items() if k not in ("assets", "quoteDebt")}
    raw = raw_params["assets"]
    assets = {}
    if not isinstance(raw, dict) or not raw:
        r.fail("params.assets", "an object of assets by id, with at least one asset (spec 13.1)", raw)
    else:
        for aid, a in raw.items():
            path = key_path("params.assets", aid)
            if aid == "":
                r.fail(path, "a non-empty asset id", aid)
                continue
            f = r.obj(a, path, ["unit", "weight", "targetWeight", "discount", "feeFactor"])
            if f is None:
                continue
            unit = r.decimal(f.get("unit", _MISSING), path + ".unit", "positive")
            if unit is not None and not _is_power_of_ten(unit):
                unit = r.fail(path + ".unit", "a power of ten 10^-k, 0 ≤ k ≤ 18 (spec 13.1)", f["unit"])
            w = r.interval(f.get("weight", _MISSING), path + ".weight", False, False)
            w2 = w
            if "targetWeight" in f:
                w2 = r.interval(f["targetWeight"], path + ".targetWeight", False, False)
                if w2 is not None and w is not None and w2 > w:
                    w2 = r.fail(path + ".targetWeight", "a decimal in [0, %s] (targetWeight ≤ weight, spec 13.1)" % canon(w), f["targetWeight"])
            price = ("none",)
            if "discount" in f and "feeFactor" in f:
                r.fail(path + ".feeFactor", "absent: at most one of discount and feeFactor (spec 13.1)", f["feeFactor"])
                price = None
            elif "discount" in f:
                d = r.interval(f["discount"], path + ".discount", False, True)
                price = None if d is None else ("discount", d)
            elif "feeFactor" in f:
                phi = r.decimal(f["feeFactor"], path + ".feeFactor")
                if phi is not None and phi < 1:
                    phi = r.fail(path + ".feeFactor", "a decimal ≥ 1 (spec 13.1)", f["feeFactor"])
                price = None if phi is None else ("fee", phi)
            if None not in (unit, w, w2, price):
                assets[aid] = {"unit": unit, "w": w, "w2": w2, "price": price}
    debt = (ONE, ONE)
    if "quoteDebt" in raw_params:
        q = r.obj(raw_params["quoteDebt"], "params.quoteDebt", ["weight", "targetWeight"])
        if q is not None:
            l = r.decimal(q.get("weight", _MISSING), "params.quoteDebt.weight")
            l2 = r.decimal(q.get("targetWeight", _MISSING), "params.quoteDebt.targetWeight")
            if l is not None and l < 1:
                l = r.fail("params.quoteDebt.weight", "a decimal ≥ 1 (spec 13.1)", q["weight"])
            if l is not None and l2 is not None and l2 < l:
                l2 = r.fail("params.quoteDebt.targetWeight", "a decimal ≥ %s (weight ≤ targetWeight, spec 13.1)" % canon(l), q["targetWeight"])
            debt = (l, l2) if None not in (l, l2) else None
        else:
            debt = None
    return stripped, assets, debt


def read_account_assets(r, scenario, assets, quote_scale):
    """Section 13.1: the scenario without `assetPrices`, `account.assets` and a negative
    `account.collateral` (liqmodel reads C >= 0 only), plus (held {id: a}, prices {id: p}, C < 0 or
    None). Issues go to r."""
    if not isinstance(scenario, dict):
        return scenario, {}, {}, None
    sc = dict(scenario)
    raw_prices = sc.pop("assetPrices", _MISSING)
    account = sc.get("account")
    raw_held = _MISSING
    negative = None
    if isinstance(account, dict):
        account = dict(account)
        raw_held = account.pop("assets", _MISSING)
        c = account.get("collateral")
        if assets is not None and isinstance(c, str) and c.startswith("-"):
            if NEG_ZERO_RE.match(c):
                r.fail("account.collateral", "a decimal string, without a minus sign on zero", c)
                account["collateral"] = "0"
            else:
                x = r.decimal(c, "account.collateral", "any", quote_scale)
                account["collateral"] = "0"
                negative = x
        sc["account"] = account
    if assets is None:
        for path, v in (("assetPrices", raw_prices), ("account.assets", raw_held)):
            if v is not _MISSING:
                r.fail(path, "no such field (needs params.assets, spec 13.1)", v)
        return sc, {}, {}, None
    held = {}
    if raw_held is not _MISSING:
        if not isinstance(raw_held, dict):
            r.fail("account.assets", "an object of asset balances by id (spec 13.1)", raw_held)
        else:
            for aid, raw in raw_held.items():
                path = key_path("account.assets", aid)
                a = r.decimal(raw, path, "nonnegative")
                known = assets.get(aid)
                if aid not in assets:
                    r.fail(path, "an asset id defined in params.assets", aid)
                elif a is not None and known is not None and floor_div(a, known["unit"]) * known["unit"] != a:
                    r.fail(path, "a multiple of the asset's unit %s" % canon(known["unit"]), raw)
                elif a is not None:
                    held[aid] = a
    prices = {}
    if raw_prices is not _MISSING:
        if not isinstance(raw_prices, dict):
            r.fail("assetPrices", "an object of asset prices by id (spec 13.1)", raw_prices)
        else:
            for aid, raw in raw_prices.items():
                p = r.decimal(raw, key_path("assetPrices", aid), "positive")
                if p is not None:
                    prices[aid] = p
    for aid, a in held.items():
        if aid not in prices and (raw_prices is _MISSING or not isinstance(raw_prices, dict) or aid not in raw_prices):
            r.fail(key_path("assetPrices", aid), "a price > 0 for %s (held at account.assets)" % aid, _MISSING)
    return sc, held, prices, negative


class MultiAssetModel(Model):
    """liqmodel's Model whose cross group also holds assets (13.2) and sells them (13.4).
    `close` is "minimal" (6.3, liqmodel's walk) or "step-down" (10.3); `restore` is "deficit" or
    "target"."""

    def __init__(self, params, marks, bugs, assets, prices, debt, close, restore):
        super().__init__(params, marks, bugs)
        self.assets = assets or {}
        self.prices = prices
        self.debt = debt
        self.close = close
        self.restore = restore
        self.held = None  # the cross group's asset balances while it is liquidated, else None

    # section 13.1: the price a sale gets, as a fraction (num, den) of exact decimals
    def sale_price(self, aid):
        p = self.prices[aid]
        kind = self.assets[aid]["price"]
        if kind[0] == "discount":
            return (p * (ONE - kind[1]), ONE)
        if kind[0] == "fee":
            if FEE_IGNORED in self.bugs:
                return (p, ONE)
            if FEE_TWICE in self.bugs:
                return (p, kind[1] * kind[1])
            return (p, kind[1])
        return (p, ONE)

    def proceeds(self, aid, s):
        """R(s) = floor(s pi)_u, one exact quotient."""
        num, den = self.sale_price(aid)
        unit = self.p["unit"]
        return floor_div(s * num, den * unit) * unit

    def weights(self, aid):
        """(w, w'): a venue's bug may read them otherwise."""
        a = self.assets[aid]
        if HAIRCUT_INVERTED in self.bugs:
            return (ONE - a["w"], ONE - a["w"])
        return (a["w"], a["w2"])

    def debt_weights(self):
        return self.debt

    def target_debt_weight(self):
        return self.debt[0] if END_AT_MAINT in self.bugs else self.debt[1]

    def target_weight(self, aid):
        return self.weights(aid)[0] if END_AT_MAINT in self.bugs else self.weights(aid)[1]

    # section 13.2
    def health(self, collateral, positions):
        h = super().health(collateral, positions)
        if self.held is None:
            return h
        equity, target = h["equity"], h["target"]
        for aid, a in self.held.items():
            w, w2 = self.weights(aid)
            v = a * self.prices[aid]
            equity += v * w
            target += v * (w - w2)
        if collateral < 0:
            l, l2 = self.debt_weights()
            equity += (l - 1) * collateral
            target += (l - l2) * collateral
        return {"equity": equity, "maintenance": h["maintenance"], "target": target}

    # section 13.4
    def goal_gap(self, g):
        """E - T at the goal's weights: C^' + sum a p w' + sum U - MM - b sum N (13.4, target)."""
        h = super().health(g["collateral"], g["positions"])
        c = g["collateral"]
        gap = h["equity"] - h["target"]
        if c < 0:
            gap += (self.target_debt_weight() - 1) * c
        for aid, a in self.held.items():
            gap += a * self.prices[aid] * self.target_weight(aid)
        return gap

    def goal_met(self, g):
        if self.restore == "deficit":
            return g["collateral"] >= 0
        gap = self.goal_gap(g)
        return gap >= 0 if self.p["trigger"] == "strict" else gap > 0

    def sale_order(self):
        """Largest a p w' first, ties by id in code-unit order (13.4)."""
        def key(aid):
            return (-(self.held[aid] * self.prices[aid] * self.weights(aid)[1]), code_unit_key(aid))

        return sorted((aid for aid, a in self.held.items() if a > 0), key=key)

    def deficit_size(self, aid, c):
        """s = ceil((-C) / pi)_unit: the smallest amount whose proceeds cover -C."""
        unit = self.assets[aid]["unit"]
        if SELLS_AT_PRICE in self.bugs:
            # the deficit converted at the index price: d, not d / (1 - h), of value sold
            return ceil_div(-c, self.prices[aid] * unit) * unit
        num, den = self.sale_price(aid)
        return ceil_div(-c * den, num * unit) * unit

    def target_size(self, g, aid):
        """The smallest s on the unit grid meeting E >= T (13.4, target), or the cap where it cannot:
        None when the asset cannot help (the slope of G at the current C is <= 0)."""
        unit = self.assets[aid]["unit"]
        a = self.held[aid]
        p = self.prices[aid]
        w2 = self.target_weight(aid)
        l2 = self.target_debt_weight()
        num, den = self.sale_price(aid)
        c = g["collateral"]
        need = -self.goal_gap(g)  # G(s) must reach need (exceed it under inclusive)
        # slopes of G times den: (pi l' - p w') den on C + R < 0, (pi - p w') den after
        k1 = num * (l2 if c < 0 else ONE) - p * w2 * den
        k2 = num - p * w2 * den
        if k1 <= 0:
            return None
        # a second piece that does not rise caps the sale where C reaches 0 (the best G there)
        cap = ceil_div(-c * den, num * unit) * unit if c < 0 and k2 <= 0 else None
        if c >= 0 or need * num <= -c * k1:
            # the goal is met on the first piece: G(x) = x k1 / den = need (C + x pi <= 0 when C < 0)
            x_num, x_den = need * den, k1
        elif k2 > 0:
            # on the second piece: G(x) = (-C)(l' - 1) + x k2 / den = need
            x_num, x_den = (need - (-c) * (l2 - ONE)) * den, k2
        else:
            return min(a, cap)
        s = max(unit, ceil_div(x_num, x_den * unit) * unit)
        # Level by level of the proceeds (13.4): between two amounts with the same proceeds
        # floor(s pi)_u, G only falls (by p w' a unit), so the next candidate is the least amount
        # reaching the next level, ceil((R + u) / pi) on the unit grid. Levels are counted.
        levels = 0
        end = a if cap is None else min(a, cap)
        u = self.p["unit"]
        while s < end and not self.sale_meets(g, aid, s):
            level = self.proceeds(aid, s) + u  # the next proceeds, reached at ceil(level / pi)_unit
            s = min(end, max(s + unit, ceil_div(level * den, num * unit) * unit))
            levels += 1
            if levels > MAX_VERIFIED_CANDIDATES:
                raise LimitExceeded("%s: more than %d proceeds levels to meet the target" % (aid, MAX_VERIFIED_CANDIDATES))
        return min(s, end)

    def sale_meets(self, g, aid, s):
        """Whether selling s of aid (its proceeds floored) meets the goal."""
        saved = self.held
        self.held = dict(saved, **{aid: saved[aid] - s})
        try:
            return self.goal_met(dict(g, collateral=g["collateral"] + self.proceeds(aid, s)))
        finally:
            self.held = saved

    def collateral_step(self, g):
        """Section 13.4: sells assets in order while the goal is not met; returns (g, sales)."""
        sales = []
        if PRO_RATA in self.bugs and self.restore == "deficit":
            return self.pro_rata(g)
        for aid in self.sale_order():
            if self.goal_met(g):
                break
            a = self.held[aid]
            if self.restore == "deficit":
                s = self.deficit_size(aid, g["collateral"])
                s = s if PAST_ZERO in self.bugs else min(a, s)
            else:
                s = self.target_size(g, aid)
            if s is None or s <= 0:
                continue
            r = self.proceeds(aid, s)
            self.held = dict(self.held, **{aid: a - s})
            g = dict(g, collateral=g["collateral"] + r)
            sales.append({"asset": aid, "amount": s, "proceeds": r})
        return g, sales

    def pro_rata(self, g):
        """A wrong auto-exchange: the deficit split over the assets in proportion to their weighted
        value, each part sold at its own price."""
        order = self.sale_order()
        if self.goal_met(g) or not order:
            return g, []
        total = sum(self.held[aid] * self.prices[aid] * self.weights(aid)[0] for aid in order)
        deficit = -g["collateral"]
        sales = []
        for aid in order:
            share = self.held[aid] * self.prices[aid] * self.weights(aid)[0]
            if total <= 0 or share <= 0:
                continue
            part = ceil_div(deficit * share, total * self.p["unit"]) * self.p["unit"]
            s = min(self.held[aid], self.deficit_size(aid, -part))
            if s <= 0:
                continue
            r = self.proceeds(aid, s)
            self.held = dict(self.held, **{aid: self.held[aid] - s})
            g = dict(g, collateral=g["collateral"] + r)
            sales.append({"asset": aid, "amount": s, "proceeds": r})
        return g, sales

    # section 10.3, step-down
    def step_down_size(self, g, market, rate):
        """The smallest k >= 1 whose reduction to r_k (the largest lot multiple with r_k P below the
        floor L_{n-k+1}) meets the target, as a size to close; None when none does or n = 0."""
        m = self.market(market)
        lot, tiers = m["lot"], m["tiers"]
        mark = self.mark(market)
        abs_q = abs(next(p for p in g["positions"] if p["market"] == market)["size"])
        n = self.tier_index(tiers, abs_q * mark)
        for k in range(1, n + 1):
            rest = (ceil_div(tiers[n - k + 1]["floor"], lot * mark) - 1) * lot
            if rest * mark < self.p["dust"]:
                rest = ZERO  # 6.4: no dust left
            size = abs_q - rest
            _, _, uncapped_equity, target = self.close_fill(g, market, size, rate)
            if self.meets_target(uncapped_equity, target):
                return size
        return None

    def close_positions(self, group, rate, fund):
        """Section 10.1 step 3 under the profile's close size: (group, fills, fund)."""
        g, fills = group, []
        for market in self.close_order(group["positions"]):
            abs_q = abs(next(p for p in g["positions"] if p["market"] == market)["size"])
            size = self.minimal_close(g, market, rate) if self.close == "minimal" else self.step_down_size(g, market, rate)
            fill, g, _, _ = self.close_fill(g, market, abs_q if size is None else size, rate)
            fills.append(fill)
            fund = fund + fill["ins_fee"] + fill["residue"]
            if self.close == "step-down" and size is not None:
                break  # reduced to a lower tier meeting the target: the call ends
            h = self.health(g["collateral"], g["positions"])
            if g["positions"] and self.meets_target(h["equity"], h["target"]):
                break
        return g, fills, fund

    def liquidate_group(self, group, fund):
        """Section 13.3 for one group: the cross group with its assets, the others as before."""
        cross = group["id"] == "cross" and self.assets
        self.held = dict(group.get("assets", {})) if cross else None
        try:
            before = self.health(group["collateral"], group["positions"])
            # 13.3: a cross group with no position is judged too when it holds an asset or borrows
            # quote (Mango's token-only accounts), by 4.3's comparison with MM = 0
            judged = len(group["positions"]) > 0 or (cross and (group["collateral"] < 0 or any(a > 0 for a in self.held.values())))
            if not self.liquidatable(before["equity"], before["maintenance"], judged):
                o = self.healthy(group, before, fund)
            else:
                rate = self.penalty_rate(before["equity"], before["maintenance"])
                sales = []
                if cross and TOKENS_FIRST in self.bugs:
                    group, sales = self.collateral_step(group)  # the tokens first, then the perps
                g, fills, fund = self.close_positions(group, rate, fund)
                if cross and TOKENS_FIRST not in self.bugs:
                    g, sales = self.collateral_step(g)
                o = self.settle_assets(g, fills, before, fund)
                o["sales"] = sales
            if cross:
                o["assets"] = dict(self.held)
            return o
        finally:
            self.held = None

    def settle_assets(self, g, fills, before, fund):
        """Section 13.3 step 3: partial with a position open; with none, C < 0 is bankrupt only when no
        asset is left (else full, C borrowed); otherwise full."""
        if g["positions"]:
            return self.outcome(g, fills, before, fund)
        if g["collateral"] < 0 and self.held and any(a > 0 for a in self.held.values()):
            after = self.health(g["collateral"], g["positions"])
            return {"status": "full", "group": g, "fills": fills, "before": before, "after": after, "fund": fund, "payout": ZERO, "bad_debt": ZERO}
        return self.settle(g, fills, before, fund)


class MultiAssetVenue(ProfileVenue):
    """One multi-asset venue: its profile, close size and collateral rule, and its model class."""

    def __init__(self, profile, close, restore, model=MultiAssetModel):
        super().__init__(profile, model)
        self.close = close
        self.restore = restore

    def liquidate(self, scenario, bugs=frozenset(), params_set=None, policy=None):
        """One scenario under the profile (or `policy`, for tests before the profile file exists):
        ("result", result) or ("error", invalid-input with every issue)."""
        with localcontext(EXACT):
            r = Reader()
            declared = dict(scenario) if isinstance(scenario, dict) else scenario
            if isinstance(declared, dict):
                read_policy(r, declared, self.profile, self.policy if policy is None else policy)
            # the params: those of the params set (read once per set: its requests share it), or the scenario's
            if params_set is not None:
                view = getattr(params_set, "asset_view", None)
                if view is None:
                    pr = Reader()
                    stripped, assets, debt = read_assets(pr, params_set.raw)
                    view = params_set.asset_view = (ParamsSet(stripped), assets, debt, tuple(pr.issues))
                inner_set, assets, debt, param_issues = view[0], view[1], view[2], list(view[3])
                raw_params = params_set.raw
            else:
                inner_set, assets, debt, param_issues, raw_params = None, None, (ONE, ONE), [], None
                if isinstance(declared, dict) and "params" in declared:
                    pr = Reader()
                    raw_params = declared["params"]
                    stripped, assets, debt = read_assets(pr, raw_params)
                    param_issues = pr.issues
                    declared = dict(declared, params=stripped)
            raw_qs = raw_params.get("quoteScale") if isinstance(raw_params, dict) else None
            qs = raw_qs if isinstance(raw_qs, int) and not isinstance(raw_qs, bool) and 0 <= raw_qs <= 18 else None
            ar = Reader()
            declared, held, prices, negative = read_account_assets(ar, declared, assets, qs)
            sc, issues = parse_scenario(declared, inner_set)
            issues = r.issues + param_issues + issues + ar.issues
            if sc is not None and debt is not None and debt != (ONE, ONE):
                for i, p in enumerate(sc["positions"]):
                    if p["margin"] is None:
                        issues.append({
                            "path": "account.positions[%d]" % i,
                            "expected": "no cross position: params.quoteDebt weights other than 1 (spec 13.1)",
                            "received": "a cross position of %s" % p["market"],
                        })
            if sc is None or issues:
                return "error", {"code": "invalid-input", "issues": issues}
            if negative is not None:
                sc = dict(sc, collateral=negative)
            marks = {k: v[1] for k, v in sc["marks"].items()}
            model = self.model(sc["params"], marks, bugs, assets, prices, debt, self.close, self.restore)
            return run_asset_groups(sc, model, held, assets is not None)


def run_asset_groups(sc, model, held, with_assets):
    """liqmodel's run_groups with the cross group's assets (13.3) and the result fields of 13.4."""
    fund = sc["fund"]
    outcomes = []
    sales, after_assets = [], dict(held)
    try:
        for group in margin_groups(sc["collateral"], sc["positions"]):
            if group["id"] == "cross":
                group = dict(group, assets=held)
            o = model.liquidate_group(group, fund)
            fund = o["fund"]
            if group["id"] == "cross":
                sales = o.get("sales", [])
                after_assets = o.get("assets", after_assets)
            outcomes.append((group["id"], o))
    except LimitExceeded as e:
        return "error", {"code": "limit-exceeded", "message": str(e)}
    out = report(sc, outcomes, fund)
    if with_assets:
        out["account"]["assets"] = {aid: canon(a) for aid, a in sorted(after_assets.items(), key=lambda kv: code_unit_key(kv[0])) if a != 0}
        out["sales"] = [{"asset": s["asset"], "amount": canon(s["amount"]), "proceeds": canon(s["proceeds"])} for s in sales]
    return "result", out
