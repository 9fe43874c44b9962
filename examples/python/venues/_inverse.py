"""What the two inverse (coin-margined) venue modules share, bitmex_xbtusd and bybit_inverse: a
market's contract (spec section 12.1), the coin values of section 12.2, and the one liquidation rule
both profiles run — every position taken over in full at its bankruptcy price (12.4, 10.4), the fee
capped by what the fill leaves above bankruptcy (10.5), a deficit paid by the insurance fund and
then socialized (7.4).

Written from docs/spec.md section 12 on liqmodel.py's exact decimals (imported, never edited), not
from liqcheck's TypeScript. Every coin value is one exact integer quotient of exact decimal products
(liqmodel's ceil_div / floor_div under the EXACT context, which traps Inexact), rounded to the
coin's unit u = 10^-quoteScale explicitly:

- position value N(q, x) = ceil(|q| v / x)_u, up (a larger value is a larger requirement);
- PnL U(q, e, x) = floor(q v (x - e) / (e x))_u, down; a fill's residue is 0 (section 12.3).

A linear market (no `contract`, or {"kind": "linear"}) keeps the linear values of sections 3 to 10,
so the engine answers every valid scenario under its profile's policy; a params set mixing the two
kinds is invalid input at the market's `contract` (section 12.1).
"""
from liqmodel import (
    ZERO,
    Model,
    ParamsSet,
    Reader,
    _MISSING,
    ceil_div,
    ceil_to,
    code_unit_key,
    floor_div,
    floor_to,
    key_path,
)

from ._venue import ProfileVenue, liquidate_under

#: shared wrong behaviours; each venue module exposes the ones it lists in its own BUGS
PNL_ROUNDED_UP = "pnl-rounded-up"
PNL_AT_ENTRY = "pnl-at-entry-price"
VALUE_ROUNDED_DOWN = "position-value-rounded-down"
TOWARD_TRADER = "bankruptcy-toward-trader"
LINEAR_BANKRUPTCY = "linear-bankruptcy-long"


def read_contracts(r, raw_params):
    """Section 12.1: each market's contract, {market id: v} (v the Decimal contract value, None for a
    linear market), and a copy of raw_params without the `contract` fields, for liqmodel's reader,
    which knows only linear markets. Issues go to r at params.markets[id].contract."""
    if not isinstance(raw_params, dict) or not isinstance(raw_params.get("markets"), dict):
        return raw_params, {}
    markets, contracts = {}, {}
    for mid, m in raw_params["markets"].items():
        if not isinstance(m, dict) or "contract" not in m:
            markets[mid] = m
            contracts[mid] = None
            continue
        path = key_path("params.markets", mid) + ".contract"
        c = m["contract"]
        markets[mid] = {k: x for k, x in m.items() if k != "contract"}
        kind = c.get("kind", _MISSING) if isinstance(c, dict) else _MISSING
        if kind == "linear":
            if r.obj(c, path, ["kind"]) is not None:
                contracts[mid] = None
        elif kind == "inverse":
            f = r.obj(c, path, ["kind", "value"])
            value = r.decimal(f.get("value", _MISSING), path + ".value", "positive") if f is not None else None
            if value is not None:
                contracts[mid] = value
        else:
            r.fail(path, '{"kind": "linear"} or {"kind": "inverse", "value": a decimal > 0}', c)
    # one kind per params set: a margin group adds its positions' values into one collateral
    kinds = {mid: v is not None for mid, v in contracts.items()}
    if len(set(kinds.values())) > 1:
        first = next(iter(kinds))
        for mid, inverse in kinds.items():
            if inverse != kinds[first]:
                r.fail(
                    key_path("params.markets", mid) + ".contract",
                    "the contract kind of %s (%s): every market of one params set is of one kind (spec 12.1)"
                    % (key_path("params.markets", first), "inverse" if kinds[first] else "linear"),
                    raw_params["markets"][mid].get("contract", _MISSING) if isinstance(raw_params["markets"][mid], dict) else _MISSING,
                )
    return dict(raw_params, markets=markets), contracts


def split_params(scenario, params_set):
    """(scenario, params_set, contracts, issues) with every `contract` field read off: the scenario's
    own params, or those of the params set (read once per set: the set is shared by its requests)."""
    if params_set is not None:
        view = getattr(params_set, "inverse_view", None)
        if view is None:
            r = Reader()
            stripped, contracts = read_contracts(r, params_set.raw)
            view = params_set.inverse_view = (ParamsSet(stripped), contracts, tuple(r.issues))
        return scenario, view[0], view[1], list(view[2])
    r = Reader()
    if isinstance(scenario, dict) and "params" in scenario:
        stripped, contracts = read_contracts(r, scenario["params"])
        scenario = dict(scenario, params=stripped)
    else:
        contracts = {}
    return scenario, None, contracts, r.issues


class InverseModel(Model):
    """liqmodel's Model with per-market contract values (section 12.2) and the takeover at the
    bankruptcy price. `valuation` is where the risk limit (the tier) reads a position's value: "mark"
    (BitMEX) or "entry" (Bybit), spec 10.2."""

    def __init__(self, params, marks, bugs, contracts, valuation):
        super().__init__(params, marks, bugs)
        self.contracts = contracts
        self.valuation = valuation

    # section 12.2: the two value functions, per market
    def value(self, market, abs_size, price):
        """N: the position value of |q| at price, ceil(|q| v / x)_u (inverse) or |q| x (linear)."""
        v = self.contracts.get(market)
        if v is None:
            return abs_size * price
        unit = self.p["unit"]
        if VALUE_ROUNDED_DOWN in self.bugs:
            return floor_div(abs_size * v, price * unit) * unit
        return ceil_div(abs_size * v, price * unit) * unit

    def pnl(self, market, size, entry, price):
        """(U, residue): the PnL of a signed size from entry to price, floor(q v (x - e) / (e x))_u
        with residue 0 (inverse, 12.3), or q (x - e) exactly, realized as floor(.)_u with the residue
        to the insurance fund (linear, 7.2). Unrealized PnL is the first of the pair too: an inverse
        group's equity is its collateral plus the rounded terms (12.2)."""
        v = self.contracts.get(market)
        unit = self.p["unit"]
        if v is None:
            exact = size * (price - entry)
            return exact, ZERO
        if PNL_AT_ENTRY in self.bugs:
            # the linear PnL q v (x - e) / e of the position's USD value, converted to coin at the entry
            return floor_div(size * v * (price - entry), entry * entry * unit) * unit, ZERO
        return floor_div(size * v * (price - entry), entry * price * unit) * unit, ZERO

    def realized(self, market, size, entry, price):
        """A fill's realized PnL and its residue (to the insurance fund): 12.3 for inverse, 7.2 for linear."""
        v = self.contracts.get(market)
        unit = self.p["unit"]
        if v is None:
            exact = size * (price - entry)
            realized = ceil_to(exact, unit) if PNL_ROUNDED_UP in self.bugs else floor_to(exact, unit)
            return realized, exact - realized
        if PNL_ROUNDED_UP in self.bugs:
            return ceil_div(size * v * (price - entry), entry * price * unit) * unit, ZERO
        return self.pnl(market, size, entry, price)

    # sections 4.2 and 10.2, on the values of 12.2
    def health(self, collateral, positions):
        equity, maintenance, notional = collateral, ZERO, ZERO
        for pos in positions:
            mark = self.mark(pos["market"])
            n = self.value(pos["market"], abs(pos["size"]), mark)
            equity += self.pnl(pos["market"], pos["size"], pos["entry"], mark)[0]
            maintenance += self.requirement(pos, n)
            notional += n
        return {"equity": equity, "maintenance": maintenance, "target": maintenance + self.p["buffer"] * notional}

    def risk_limit_valuation(self):
        """Where the tier reads a position's value: the profile's valuation (a bug may swap it)."""
        return self.valuation

    def requirement(self, pos, notional_at_mark):
        """Spec 10.2, tiers: MM(N) with N the position value at mark or at entry (12.2)."""
        tiers = self.market(pos["market"])["tiers"]
        if self.risk_limit_valuation() == "entry":
            return self.mm(tiers, self.value(pos["market"], abs(pos["size"]), pos["entry"]))
        return self.mm(tiers, notional_at_mark)

    def close_order(self, positions):
        """Section 6.2 on 12.2's values: descending position value at mark, ties by market id."""
        return [
            p["market"]
            for p in sorted(positions, key=lambda p: (-self.value(p["market"], abs(p["size"]), self.mark(p["market"])), code_unit_key(p["market"])))
        ]

    # sections 10.4 and 12.4
    def bankruptcy_price(self, pos, size, equity, mm, mm_after, kept):
        """The tick price least favourable to the trader at which the fill's realized PnL reaches
        K = ceil((E MM' - B MM) / (MM u))_u, B = `kept` the equity of what the group keeps, the closed
        part removed and its PnL not yet realized (12.4: read off what is left, not E - U(q_c, e, P),
        so that V >= 0 holds exactly at the price).
        Inverse, r = size: a long sells at ceil(r v e / (D tick)) tick with D = r v - K e > 0, a short
        buys at max(tick, floor(r v e / (D' tick)) tick) with D' = r v + K e > 0; when D <= 0 (D' <= 0)
        no price (every price) reaches K and the fill is at the mark. Linear: 10.4's quotients."""
        unit = self.p["unit"]
        market = pos["market"]
        tick = self.market(market)["tick"]
        long = pos["size"] > 0
        entry = pos["entry"]
        b = kept
        k = ceil_div(equity * mm_after - b * mm, mm * unit) * unit if mm > 0 else ceil_to(-b, unit)
        up, down = (floor_div, ceil_div) if TOWARD_TRADER in self.bugs else (ceil_div, floor_div)
        v = self.contracts.get(market)
        if v is None:
            if long:
                return max(tick, tick * up(size * entry + k, size * tick))
            return max(tick, tick * down(size * entry - k, size * tick))
        rv = size * v
        if long:
            if LINEAR_BANKRUPTCY in self.bugs:
                # the linear rule e + K / (coin size at entry): the coin loss K taken as linear in the price
                return max(tick, tick * up(entry * rv + k * entry * entry, rv * tick))
            d = rv - k * entry
            return max(tick, tick * up(rv * entry, d * tick)) if d > 0 else self.mark(market)
        d = rv + k * entry
        return max(tick, tick * down(rv * entry, d * tick)) if d > 0 else self.mark(market)

    def take_over(self, group, market, rate):
        """One position closed in full at its bankruptcy price, charged min(ceil(f N_c)_u, max(0, cap)),
        cap = floor(V)_u = floor((E- MM - E MM') / (MM u))_u when E >= 0, else floor(E-)_u (10.5)."""
        unit = self.p["unit"]
        now = self.health(group["collateral"], group["positions"])
        idx = next(i for i, p in enumerate(group["positions"]) if p["market"] == market)
        pos = group["positions"][idx]
        rest = group["positions"][:idx] + group["positions"][idx + 1:]
        without = self.health(group["collateral"], rest)
        size = abs(pos["size"])
        long = pos["size"] > 0
        mm, mm_after = now["maintenance"], without["maintenance"]
        price = self.bankruptcy_price(pos, size, now["equity"], mm, mm_after, without["equity"])
        realized, residue = self.realized(market, pos["size"], pos["entry"], price)
        collateral = group["collateral"] + realized
        left = without["equity"] + realized  # E-: the group's equity after the fill's PnL, before its penalty
        if now["equity"] >= 0 and mm > 0:
            cap = floor_div(left * mm - now["equity"] * mm_after, mm * unit) * unit
        else:
            cap = floor_to(left, unit)
        notional = self.value(market, size, self.mark(market))
        penalty = min(ceil_to(rate * notional, unit), max(ZERO, cap))
        fill = self.fill(market, long, size, price, notional, rate, penalty, realized, residue)
        return fill, {"id": group["id"], "collateral": collateral - penalty, "positions": rest}

    def liquidate_group(self, group, fund):
        """Spec 10.1 under the profile: decide on the valued requirement, fix the rate (5.1), take every
        position over in the order of 6.2, then settle a deficit by 7.4."""
        return self.close_each(group, fund, self.take_over)


class Venue(ProfileVenue):
    """One inverse venue: its profile name, where its risk limit reads a position's value, and the
    model class (a venue may swap a rule for a bug). The profile's policy is read from its file on
    first use."""

    def __init__(self, profile, valuation, model=InverseModel):
        super().__init__(profile, model)
        self.valuation = valuation

    def liquidate(self, scenario, bugs=frozenset(), params_set=None):
        """One scenario under the profile: ("result", result) or ("error", invalid-input with every issue)."""
        scenario, params_set, contracts, issues = split_params(scenario, params_set)
        kind, payload = liquidate_under(
            scenario,
            params_set,
            self.profile,
            self.policy,
            lambda params, marks: self.model(params, marks, bugs, contracts, self.valuation),
        )
        if issues:
            found = payload["issues"] if kind == "error" and "issues" in payload else []
            return "error", {"code": "invalid-input", "issues": issues + found}
        return kind, payload
