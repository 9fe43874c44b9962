"""The lending health-factor model of docs/spec.md §11 in exact rational arithmetic (standard library).

Written from the spec, not ported from the reference (src/lending/): every amount is a
fractions.Fraction read from its decimal string, every rounding is an explicit floor or ceiling
to a stated unit, in the direction §11.10 lists. ``liquidate_lending(scenario, bugs)`` returns
("result", LendingResult) or ("error", {"code": "invalid-input", "issues": [...]}).

BUGS are deliberately wrong variants, each a rule a real venue version had or could have had
(see BUGS for the source of each); the correct model runs with ``bugs`` empty.
@see docs/spec.md#11-lending-health-factor
"""
import os
import re
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from liqmodel import Reader, code_unit_key, field_path, key_path  # noqa: E402

ZERO = Fraction(0)
#: the health factor's grid (§11.3)
HF_UNIT = Fraction(1, 10 ** 18)
UNIT_RE = re.compile(r"^(1|0\.0*1)$")

#: wrong variants by profile: name → (profile, what it does, where the rule comes from)
BUGS = {
    "half-up-rounding": (
        "aave-v3",
        "the rounding of Aave before v3.7: the seizure (percentMul), the bonus's base (percentDiv) and the protocol fee (percentMul) half-up to the token unit, where §11.5–§11.6 floor the first two and ceil the fee",
        "aave-dao/aave-v3-origin docs/3.7/liquidation-rounding.md (the three half-up sites of _calculateAvailableCollateralToLiquidate, replaced by percentMulFloor, percentDivFloor, percentMulCeil: a liquidator choosing debtToCover could land each rounding in its favour)",
    ),
    "reserve-close-factor": (
        "aave-v3",
        "takes the close factor of the debt reserve, half-up (CF·q_d, percentMul), where the rules say \"total\" (⌊CF·D/p_d⌋ capped at q_d): with several debts it repays less than allowed",
        "Aave ≤ v3.2: aave/aave-v3-core contracts/protocol/libraries/logic/LiquidationLogic.sol (maxLiquidatableDebt = reserve debt .percentMul(close factor)); v3.3 takes the total debt: aave-dao/aave-v3-origin docs/3.3/Aave-v3.3-features.md",
    ),
    "no-dust-rule": (
        "aave-v3",
        "does not enforce minLeftoverBase: a call leaving debt or collateral worth less than λ goes through",
        "Aave ≤ v3.2 had no MIN_LEFTOVER_BASE check (added in v3.3, MustNotLeaveDust: aave-dao/aave-v3-origin docs/3.3/Aave-v3.3-features.md); as an engine bug, realistic, no report found",
    ),
    "dust-as-first-released": (
        "aave-v3",
        "the dust rule of Aave v3.3 as first released: both leftovers truncated, the protocol fee counted as still on the collateral balance",
        "aave-dao/aave-v3-origin LiquidationLogic.executeLiquidationCall at commit 027aaed7 (spec §11.7); the current form values the debt left with mulDivCeil and nets the fee",
    ),
    "seize-round-up": (
        "morpho-blue",
        "rounds the collateral seized for a repaid amount up at each step (repaid·LIF wMulUp, then mulDivUp to collateral), in the liquidator's favour, where §11.5 rounds both down",
        "Morpho Blue liquidate rounds seized assets down when the repaid amount is given (src/Morpho.sol; test/integration/LiquidateIntegrationTest.sol#testSeizedAssetsRoundUp pins the direction); realistic, no report found",
    ),
    "no-bad-debt": (
        "morpho-blue",
        "does not realise bad debt: when no collateral is left the remaining borrow stays on the account",
        "Morpho Blue liquidate writes off the remaining borrow shares when position.collateral == 0 (src/Morpho.sol; testLiquidateBadDebtRealized); Aave ≤ v3.2 kept such debt (no _burnBadDebt); as a Morpho bug, realistic, no report found",
    ),
    "absorb-no-clamp": (
        "compound-v3",
        "reports Comet's signed base balance after absorb unclamped: a credit short of the debt leaves a negative supply instead of a deficit borne by the reserves",
        "compound-finance/comet contracts/Comet.sol absorbInternal clamps it (`if (newBalance < 0) newBalance = 0`); a port that maps the signed principal to a supply without the clamp: realistic, no report found",
    ),
    "comet-trigger-rounding": (
        "compound-v3",
        "values as Comet's isLiquidatable does: each collateral's ⌊C·LCF⌋ to the base unit and the debt rounded toward zero, where §11.2–§11.3 keep W exact and ceil the debt",
        "compound-finance/comet contracts/Comet.sol isLiquidatable (mulPrice/mulFactor truncate); the difference is the profile's notModelled note (profiles/lending/compound-v3.json)",
    ),
    "absorb-reserves-uncharged": (
        "compound-v3",
        "absorb does not charge the reserves: reserves after = reserves before",
        "compound-finance/comet contracts/Comet.sol absorbInternal (totalSupplyBase/totalBorrowBase updates move getReserves); realistic, no report found",
    ),
}


# --------------------------------------------------------------------------------------------
# Exact rounding (§1.3, §11 notation: ⌊x⌋_u, ⌈x⌉_u)


def floor_to(x, u):
    return (x // u) * u


def ceil_to(x, u):
    return -((-x) // u) * u


def half_up_to(x, u):
    """Nearest multiple of u, ties away from zero (x ≥ 0 here): Solidity's (a·b + HALF) / SCALE."""
    return floor_to(x + u / 2, u)


def canon(x):
    """A Fraction whose denominator divides a power of ten, as a canonical decimal (§1.1)."""
    if x == 0:
        return "0"
    sign, x = ("-" if x < 0 else ""), abs(x)
    k = 0
    while x.denominator != 1:  # terminates: every amount here is a multiple of some 10^−k
        x *= 10
        k += 1
    digits = str(x.numerator)
    if k == 0:
        return sign + digits
    digits = digits.rjust(k + 1, "0")
    frac = digits[-k:].rstrip("0")
    return sign + digits[:-k] + ("." + frac if frac else "")


def amounts(m):
    """Non-zero entries, canonical, keys in code-unit order (§11.10)."""
    return {k: canon(m[k]) for k in sorted(m, key=code_unit_key) if m[k] != 0}


# --------------------------------------------------------------------------------------------
# Validation (§11.1): one issue per offending field, path / expected / received


class _R(Reader):
    def frac(self, value, path, sign="any"):
        x = self.decimal(value, path, sign)
        return None if x is None else Fraction(x)

    def boolean(self, value, path):
        if not isinstance(value, bool):
            return self.fail(path, "a boolean", value)
        return value


ASSET_FIELDS = ("unit", "liquidationThreshold", "liquidationBonus", "protocolFee", "liquidationFactor", "collateral")
CF_FIELDS = ("kind", "closeFactor", "fullBelowHealth", "closeFactorOf", "fullBelowBase", "minLeftoverBase", "deficit", "rounding")
_MISSING = object()


def missing(r, path):
    r.issues.append({"path": path, "expected": "a required field", "received": "undefined"})


def _req(r, fields, name, path):
    if name not in fields:
        missing(r, field_path(path, name))
        return _MISSING
    return fields[name]


def parse_lending(sc):
    """(parsed, None) or (None, issues): the checks of §11.1, structural ones first."""
    r = _R()
    top = r.obj(sc, "", ("model", "params", "prices", "account", "request", "reserves"))
    if top is None:
        return None, r.issues
    model = _req(r, top, "model", "")
    if model is not _MISSING and model != "lending":
        r.fail("model", '"lending"', model)
    params = _req(r, top, "params", "")
    assets, rules, base = {}, None, None
    if params is not _MISSING:
        pf = r.obj(params, "params", ("baseScale", "assets", "rules"))
        if pf is not None:
            bs = _req(r, pf, "baseScale", "params")
            if bs is not _MISSING:
                if isinstance(bs, int) and not isinstance(bs, bool) and 0 <= bs <= 18:
                    base = Fraction(1, 10 ** bs)
                else:
                    r.fail("params.baseScale", "an integer 0…18", bs)
            av = _req(r, pf, "assets", "params")
            if av is not _MISSING:
                if not isinstance(av, dict):
                    r.fail("params.assets", "an object of assets by id", av)
                else:
                    for k, a in av.items():
                        assets[k] = parse_asset(r, a, key_path("params.assets", k))
            rv = _req(r, pf, "rules", "params")
            if rv is not _MISSING:
                rules = parse_rules(r, rv)
    prices = parse_map(r, top.get("prices", _MISSING), "prices", "positive")
    acc = _req(r, top, "account", "")
    supplies, borrows = {}, {}
    if acc is not _MISSING:
        af = r.obj(acc, "account", ("supplies", "borrows"))
        if af is not None:
            supplies = parse_map(r, af.get("supplies", _MISSING), "account.supplies", "nonnegative")
            borrows = parse_map(r, af.get("borrows", _MISSING), "account.borrows", "nonnegative")
    request = None
    if "request" in top:
        rq = r.obj(top["request"], "request", ("debtAsset", "collateralAsset", "debtToCover"))
        if rq is not None:
            request = {}
            for name in ("debtAsset", "collateralAsset"):
                v = _req(r, rq, name, "request")
                if v is not _MISSING:
                    if isinstance(v, str) and v:
                        request[name] = v
                    else:
                        r.fail("request." + name, "a non-empty string (an asset id)", v)
            v = _req(r, rq, "debtToCover", "request")
            if v is not _MISSING:
                request["debtToCover"] = "max" if v == "max" else r.frac(v, "request.debtToCover")
    reserves = r.frac(top["reserves"], "reserves") if "reserves" in top else None
    if r.issues:
        return None, r.issues
    if any(a is None for a in assets.values()) or rules is None:
        return None, r.issues
    semantic(r, assets, rules, prices, supplies, borrows, request, "reserves" in top)
    if r.issues:
        return None, r.issues
    return {
        "base": base, "assets": assets, "rules": rules, "prices": prices,
        "supplies": supplies, "borrows": borrows, "request": request, "reserves": reserves,
    }, None


def parse_map(r, value, path, sign):
    if value is _MISSING:
        missing(r, path)
        return {}
    if not isinstance(value, dict):
        r.fail(path, "an object of decimal strings by asset id", value)
        return {}
    out = {}
    for k, v in value.items():
        x = r.frac(v, key_path(path, k), sign)
        if x is not None:
            out[k] = x
    return out


def parse_asset(r, value, path):
    f = r.obj(value, path, ASSET_FIELDS)
    if f is None:
        return None
    a = {}
    before = len(r.issues)
    u = _req(r, f, "unit", path)
    if u is not _MISSING:
        if isinstance(u, str) and UNIT_RE.match(u):
            a["unit"] = Fraction(u) if u == "1" else Fraction(1, 10 ** (len(u) - 2))
        else:
            r.fail(path + ".unit", 'a power of ten ≤ 1 ("1", "0.1", …, "0.000000000000000001")', u)
    for name, check in (("liquidationThreshold", lambda x: 0 <= x < 1), ("liquidationBonus", lambda x: x >= 1), ("protocolFee", lambda x: 0 <= x <= 1)):
        v = _req(r, f, name, path)
        if v is _MISSING:
            continue
        x = r.frac(v, path + "." + name)
        if x is None:
            continue
        if not check(x):
            r.fail(path + "." + name, {"liquidationThreshold": "a decimal in [0, 1)", "liquidationBonus": "a decimal ≥ 1", "protocolFee": "a decimal in [0, 1]"}[name], v)
            continue
        a[name] = x
    if "liquidationFactor" in f:
        x = r.frac(f["liquidationFactor"], path + ".liquidationFactor")
        if x is not None:
            if 0 < x <= 1:
                a["liquidationFactor"] = x
            else:
                r.fail(path + ".liquidationFactor", "a decimal in (0, 1]", f["liquidationFactor"])
    c = _req(r, f, "collateral", path)
    if c is not _MISSING:
        if r.boolean(c, path + ".collateral") is not None:
            a["collateral"] = c
    if len(r.issues) > before:
        return None
    if a["collateral"] and a["liquidationThreshold"] == 0:
        r.fail(path + ".liquidationThreshold", "a decimal in (0, 1) for a collateral asset", f["liquidationThreshold"])
        return None
    return a


def parse_rules(r, value):
    if not isinstance(value, dict) or value.get("kind") not in ("close-factor", "absorb"):
        r.fail("params.rules", 'lending rules (kind "close-factor" or "absorb", spec §11)', value)
        return None
    if value["kind"] == "absorb":
        r.obj(value, "params.rules", ("kind",))
        return {"kind": "absorb"}
    f = r.obj(value, "params.rules", CF_FIELDS)
    p = "params.rules"
    out = {"kind": "close-factor"}
    specs = (
        ("closeFactor", lambda x: 0 < x <= 1, "a decimal in (0, 1]"),
        ("fullBelowHealth", lambda x: x >= 0, "a decimal ≥ 0"),
        ("fullBelowBase", lambda x: x >= 0, "a decimal ≥ 0"),
        ("minLeftoverBase", lambda x: x >= 0, "a decimal ≥ 0"),
    )
    for name, check, expected in specs:
        v = _req(r, f, name, p)
        if v is _MISSING:
            continue
        x = r.frac(v, p + "." + name)
        if x is not None:
            if check(x):
                out[name] = x
            else:
                r.fail(p + "." + name, expected, v)
    v = _req(r, f, "closeFactorOf", p)
    if v is not _MISSING:
        if v in ("reserve", "total"):
            out["closeFactorOf"] = v
        else:
            r.fail(p + ".closeFactorOf", 'one of "reserve", "total"', v)
    v = _req(r, f, "deficit", p)
    if v is not _MISSING and r.boolean(v, p + ".deficit") is not None:
        out["deficit"] = v
    v = f.get("rounding", "exact")
    if v in ("exact", "aave", "morpho"):
        out["rounding"] = v
    else:
        r.fail(p + ".rounding", 'one of "exact", "aave", "morpho"', v)
    return out


def semantic(r, assets, rules, prices, supplies, borrows, request, has_reserves):
    """The rules of §11.1 that read several fields at once, on a structurally valid scenario."""
    absorb = rules["kind"] == "absorb"
    for path, m in (("prices", prices), ("account.supplies", supplies), ("account.borrows", borrows)):
        for k in m:
            if k not in assets:
                r.fail(key_path(path, k), "an asset of params.assets", k)
    for path, m in (("account.supplies", supplies), ("account.borrows", borrows)):
        for k, x in m.items():
            if k in assets and (x / assets[k]["unit"]).denominator != 1:
                r.fail(key_path(path, k), "a multiple of the asset unit %s" % canon(assets[k]["unit"]), canon(x))
            if k in assets and x > 0 and k not in prices:
                r.issues.append({"path": key_path("prices", k), "expected": "a price > 0 for an asset the account holds", "received": "undefined"})
    if absorb:
        for k, a in assets.items():
            if a["collateral"] and "liquidationFactor" not in a:
                r.issues.append({"path": key_path("params.assets", k) + ".liquidationFactor", "expected": "a decimal in (0, 1] for a collateral asset under absorb rules", "received": "undefined"})
        debts = [k for k, x in borrows.items() if x > 0]
        if len(debts) > 1:
            r.fail("account.borrows", "at most one borrowed asset under absorb rules", ", ".join(sorted(debts, key=code_unit_key)))
        for k in debts:
            if supplies.get(k, ZERO) > 0:
                r.fail(key_path("account.supplies", k), "no supply of the borrowed asset under absorb rules", canon(supplies[k]))
        if request is not None:
            r.fail("request", "no request under absorb rules", {})
        return
    if has_reserves:
        r.fail("reserves", "no reserves under close-factor rules (absorb only)", "present")
    if request is None:
        missing(r, "request")
        return
    d, c = request.get("debtAsset"), request.get("collateralAsset")
    if d not in assets:
        r.fail("request.debtAsset", "an asset of params.assets", d)
    elif borrows.get(d, ZERO) <= 0:
        r.fail("request.debtAsset", "an asset the account borrows (q_d > 0)", d)
    if c not in assets:
        r.fail("request.collateralAsset", "an asset of params.assets", c)
    elif not assets[c]["collateral"] or supplies.get(c, ZERO) <= 0:
        r.fail("request.collateralAsset", "a collateral asset the account supplies (a_c > 0)", c)
    dtc = request.get("debtToCover")
    if d in assets and dtc != "max" and (dtc <= 0 or (dtc / assets[d]["unit"]).denominator != 1):
        expected = 'a decimal > 0, a multiple of the debt asset unit %s, or "max"' % canon(assets[d]["unit"])
        r.fail("request.debtToCover", expected, canon(dtc))


# --------------------------------------------------------------------------------------------
# The rules (§11.2–§11.9)


def values(m, supplies, borrows, bugs=frozenset()):
    """(W, D, Σ C_i) of §11.2: collateral floored, debt ceiled, to the base unit; W exact."""
    b, assets, prices = m["base"], m["assets"], m["prices"]
    comet = "comet-trigger-rounding" in bugs
    w = c_sum = ZERO
    for k, a in supplies.items():
        if a > 0 and assets[k]["collateral"]:
            ck = floor_to(a * prices[k], b)
            c_sum += ck
            weighted = ck * assets[k]["liquidationThreshold"]
            w += floor_to(weighted, b) if comet else weighted
    debt_value = floor_to if comet else ceil_to
    d = sum((debt_value(q * prices[k], b) for k, q in borrows.items() if q > 0), ZERO)
    return w, d, c_sum


def health(w, d):
    """§11.3: ⌊W/D⌋ to 10^−18, None without debt."""
    return None if d == 0 else canon(floor_to(w / d, HF_UNIT))


def result(status, supplies, borrows, hb, ha, reason=None, reserves=None, **moves):
    """The LendingResult of §11.10: movements and balances non-zero only, canonical."""
    out = {"status": status}
    if reason is not None:
        out["reason"] = reason
    for name in ("repaid", "seized", "protocolFee", "liquidatorReceives", "deficit"):
        out[name] = amounts(moves.get(name, {}))
    out["account"] = {"supplies": amounts(supplies), "borrows": amounts(borrows)}
    out["healthBefore"] = hb
    out["healthAfter"] = ha
    if reserves is not None:
        out["reserves"] = canon(reserves)
    return out


def liquidate_lending(scenario, bugs=frozenset()):
    m, issues = parse_lending(scenario)
    if m is None:
        return "error", {"code": "invalid-input", "message": "invalid lending scenario (spec §11.1)", "issues": issues}
    supplies, borrows = dict(m["supplies"]), dict(m["borrows"])
    w, d, _ = values(m, supplies, borrows, bugs)
    hb = health(w, d)
    if not (d > 0 and w < d):  # §11.3: liquidatable iff W < D, compared exactly
        return "result", result("healthy", supplies, borrows, hb, hb, reserves=m["reserves"])
    if m["rules"]["kind"] == "absorb":
        return "result", absorb(m, supplies, borrows, hb, bugs)
    return "result", close_factor_call(m, supplies, borrows, w, d, hb, bugs)


def max_repayable(m, borrows, w, dtot, bugs):
    """§11.4: M, rounded down (a limit on the liquidator)."""
    rules, req, assets, prices, b = m["rules"], m["request"], m["assets"], m["prices"], m["base"]
    dd, cc = req["debtAsset"], req["collateralAsset"]
    qd, ud, pd = borrows[dd], assets[dd]["unit"], prices[dd]
    beta = rules["fullBelowBase"]
    c_c = floor_to(m["supplies"][cc] * prices[cc], b)
    d_d = ceil_to(qd * pd, b)
    if w <= rules["fullBelowHealth"] * dtot or (beta > 0 and (c_c < beta or d_d < beta)):
        return qd
    cf = rules["closeFactor"]
    if "reserve-close-factor" in bugs:  # Aave ≤ v3.2: userReserveDebt.percentMul(closeFactor), half-up
        return half_up_to(cf * qd, ud)
    if rules["closeFactorOf"] == "reserve":
        return floor_to(cf * qd, ud)
    return min(qd, floor_to(cf * dtot / pd, ud))


def seizure(m, r, bugs):
    """§11.5: (s, r) — the seizure rounded down, the capped debt rounded up, in the rules' order."""
    req, assets, prices = m["request"], m["assets"], m["prices"]
    dd, cc = req["debtAsset"], req["collateralAsset"]
    ud, uc, pd, pc = assets[dd]["unit"], assets[cc]["unit"], prices[dd], prices[cc]
    lb = assets[cc]["liquidationBonus"]
    ac = m["supplies"][cc]
    order = m["rules"]["rounding"]
    if "half-up-rounding" in bugs:
        s0 = half_up_to(floor_to(r * pd / pc, uc) * lb, uc) if order == "aave" else half_up_to(r * pd * lb / pc, uc)
    elif "seize-round-up" in bugs:  # wMulUp and mulDivUp where Morpho has wMulDown and mulDivDown
        s0 = ceil_to(ceil_to(r * lb, ud) * pd / pc, uc) if order == "morpho" else ceil_to(r * pd * lb / pc, uc)
    elif order == "aave":
        s0 = floor_to(floor_to(r * pd / pc, uc) * lb, uc)
    elif order == "morpho":
        s0 = floor_to(floor_to(r * lb, ud) * pd / pc, uc)
    else:
        s0 = floor_to(r * pd * lb / pc, uc)
    if s0 <= ac:
        return s0, r
    if order == "aave":
        capped = ceil_to(floor_to(ac * pc / pd, ud) / lb, ud)
    elif order == "morpho":
        capped = ceil_to(ceil_to(ac * pc / pd, ud) / lb, ud)
    else:
        capped = ceil_to(ac * pc / (pd * lb), ud)
    return ac, capped


def fee(m, s, bugs):
    """§11.6: φ, rounded up (the liquidator absorbs the rounding)."""
    cc = m["request"]["collateralAsset"]
    a = m["assets"][cc]
    uc, lb, f = a["unit"], a["liquidationBonus"], a["protocolFee"]
    if "half-up-rounding" in bugs:  # v3.6: s − s.percentDiv(LB), then .percentMul(fee), both half-up
        return half_up_to((s - half_up_to(s / lb, uc)) * f, uc)
    if m["rules"]["rounding"] == "aave":
        bonus = s - floor_to(s / lb, uc)
    else:
        bonus = s * (1 - 1 / lb)
    return ceil_to(bonus * f, uc)


def close_factor_call(m, supplies, borrows, w, dtot, hb, bugs):
    rules, req, prices, b = m["rules"], m["request"], m["prices"], m["base"]
    dd, cc = req["debtAsset"], req["collateralAsset"]
    qd, ac = borrows[dd], supplies[cc]
    limit = max_repayable(m, borrows, w, dtot, bugs)
    r = limit if req["debtToCover"] == "max" else min(req["debtToCover"], limit)
    s, r = seizure(m, r, bugs)
    phi = fee(m, s, bugs)
    lam = rules["minLeftoverBase"]
    if lam > 0 and r < qd and s < ac and "no-dust-rule" not in bugs:  # §11.7
        if "dust-as-first-released" in bugs:
            debt_left = floor_to((qd - r) * prices[dd], b)
            coll_left = floor_to((ac - s + phi) * prices[cc], b)
        else:
            debt_left = ceil_to((qd - r) * prices[dd], b)
            coll_left = floor_to((ac - s) * prices[cc], b)
        if debt_left < lam or coll_left < lam:
            return result("reverted", supplies, borrows, hb, hb, reason="must-not-leave-dust")
    supplies[cc] = ac - s
    borrows[dd] = qd - r
    deficit = {}
    w2, d2, c_sum = values(m, supplies, borrows)
    if rules["deficit"] and c_sum == 0 and d2 > 0 and "no-bad-debt" not in bugs:  # §11.8
        deficit = {k: q for k, q in borrows.items() if q > 0}
        borrows = {}
        w2, d2 = ZERO, ZERO
    moves = {"repaid": {dd: r}, "seized": {cc: s}, "protocolFee": {cc: phi}, "liquidatorReceives": {cc: s - phi}, "deficit": deficit}
    return result("liquidated", supplies, borrows, hb, health(w2, d2), **moves)


def absorb(m, supplies, borrows, hb, bugs):
    """§11.9: every collateral seized, credited ⌊C·LF⌋_b each, then ⌊V/p_d⌋_{u_d} of the debt asset."""
    assets, prices, b = m["assets"], m["prices"], m["base"]
    dd = next(k for k, q in borrows.items() if q > 0)
    qd, ud, pd = borrows[dd], assets[dd]["unit"], prices[dd]
    seized, v = {}, ZERO
    for k, a in list(supplies.items()):
        if a > 0 and assets[k]["collateral"]:
            seized[k] = a
            v += floor_to(floor_to(a * prices[k], b) * assets[k]["liquidationFactor"], b)
            supplies[k] = ZERO
    delta = floor_to(v / pd, ud)
    n = delta - qd
    repaid, deficit = {dd: qd}, {}
    borrows = {k: q for k, q in borrows.items() if k != dd}
    if n >= 0 or "absorb-no-clamp" in bugs:
        supplies[dd] = n
    else:
        deficit = {dd: -n}
    reserves = m["reserves"]
    if reserves is not None and "absorb-reserves-uncharged" not in bugs:
        reserves = reserves - qd - max(ZERO, n)
    w2, d2, _ = values(m, supplies, borrows)
    return result("liquidated", supplies, borrows, hb, health(w2, d2), reserves=reserves,
                  repaid=repaid, seized=seized, deficit=deficit)
