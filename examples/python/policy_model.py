"""Close sizes other than minimal-close, on top of the Python port (liqmodel.py): `full` and
`fixed-portion` (docs/spec.md section 10.3), with the mark price, tier requirement, step penalty and
insurance-then-socialized loss of sections 3 to 7.

Written from docs/spec.md section 10 (the frame of 10.1 and the rules of 10.3), not from liqcheck's
TypeScript. Exact arithmetic only: every amount is a decimal.Decimal under liqmodel.EXACT, which
traps Inexact; every rounding is an explicit floor_to / ceil_to / ceil_div.

`liquidate(scenario, policy, bugs, params_set)` answers a scenario under `policy` (the engine's own,
as declared in its handshake): ("result", ...) or ("error", ...). A scenario must carry that policy
(its `policy` field, `name` aside, equal to the engine's) or no policy at all, which means the
reference policy, minimal-close, answered by liqmodel unchanged.
"""
from decimal import Decimal, localcontext

import liqmodel
from liqmodel import (
    EXACT,
    Model,
    Reader,
    _MISSING,
    ceil_div,
    ceil_to,
    floor_to,
    parse_scenario,
    run_groups,
)

#: Deliberately wrong behaviours, each one realistic bug in one place.
BUGS = {
    "portion-floor": "fixed-portion: the portion is rounded down to the lot, not up (closes one lot too little)",
    "every-position": "fixed-portion: the portion is taken from every position of the group, not from the first one only",
    "skips-smallest": "full: the last position of the close order (the smallest notional) is left open",
}

#: The close sizes this engine implements (section 10.3); any other part must be the default.
KINDS = ("full", "fixed-portion")


def parse_policy(r, value, path="policy"):
    """Section 10.1: the scenario's policy, restricted to what this engine runs. Returns the close
    size as a dict ({"kind": ...} plus Decimal parameters) or None after recording issues. A valid
    policy with a part this engine does not implement is reported at that part."""
    f = r.obj(value, path, ["name", "requirement", "closeSize", "price", "penalty", "loss"])
    if f is None:
        return None
    before = len(r.issues)
    name = f.get("name", _MISSING)
    if name is not _MISSING and not (isinstance(name, str) and name):
        r.fail(path + ".name", "a non-empty string", name)
    defaults = {
        "requirement": ({"kind": "tiers"}, {"kind": "tiers", "valuation": "mark"}),
        "price": ({"kind": "mark"},),
        "penalty": ({"kind": "steps"},),
        "loss": ({"kind": "insurance-then-socialized"},),
    }
    for part, allowed in defaults.items():
        v = f.get(part, _MISSING)
        if v is not _MISSING and v not in allowed:
            r.fail(path + "." + part, "the default part %s (this engine implements no other)" % liqmodel.js_string(str(allowed[0]["kind"])), v)
    close = f.get("closeSize", _MISSING)
    cpath = path + ".closeSize"
    if close is _MISSING or (isinstance(close, dict) and close.get("kind") == "minimal" and len(close) == 1):
        parsed = {"kind": "minimal"}
    elif not isinstance(close, dict) or close.get("kind") not in KINDS:
        parsed = r.fail(cpath, 'a close size this engine implements (kind "minimal", "full" or "fixed-portion")', close)
    elif close["kind"] == "full":
        parsed = {"kind": "full"} if r.obj(close, cpath, ["kind"]) is not None else None
    else:
        c = r.obj(close, cpath, ["kind", "portion", "minimumNotional"])
        portion = r.interval(c.get("portion", _MISSING), cpath + ".portion", True, False)
        minimum = r.decimal(c.get("minimumNotional", _MISSING), cpath + ".minimumNotional", "nonnegative")
        parsed = {"kind": "fixed-portion", "portion": portion, "minimum": minimum}
    return parsed if len(r.issues) == before else None


def same_policy(a, b):
    """Two wire policies mean the same rules: `name` is a label only (section 10.1), and a decimal
    parameter is compared by value ("0.10" is "0.1")."""

    def norm(v):
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items() if k != "name"}
        if isinstance(v, str):
            try:
                return ("decimal", Decimal(v))
            except ArithmeticError:
                return v
        return v

    with localcontext(EXACT):
        return norm(a) == norm(b)


class PolicyModel(Model):
    """liqmodel's Model (sections 3 to 7 at mark) with the close-size part of section 10.3."""

    def __init__(self, params, marks, bugs, close):
        super().__init__(params, marks, bugs)
        self.close = close

    def size_of(self, group, market):
        return abs(next(p for p in group["positions"] if p["market"] == market)["size"])

    def fixed_portion_size(self, group, market):
        """Section 10.3, fixed-portion: Delta = min(|q|, max(ceil_lot(portion |q|), ceil(minimum / (lot P)) lot)),
        then the whole position when the remainder's notional would be below max(minimum, dust)."""
        abs_q = self.size_of(group, market)
        lot = self.market(market)["lot"]
        mark = self.mark(market)
        minimum = self.close["minimum"]
        if "portion-floor" in self.bugs:
            portion = floor_to(self.close["portion"] * abs_q, lot)
        else:
            portion = ceil_to(self.close["portion"] * abs_q, lot)
        # the smallest lot multiple whose notional at mark reaches the minimum: an exact integer ceiling
        by_minimum = ceil_div(minimum, lot * mark) * lot
        size = min(abs_q, max(portion, by_minimum))
        if (abs_q - size) * mark < max(minimum, self.p["dust"]):
            size = abs_q
        return size

    def liquidate_group(self, group, fund):
        if self.close["kind"] == "minimal":
            return super().liquidate_group(group, fund)
        before = self.health(group["collateral"], group["positions"])
        if not self.liquidatable(before["equity"], before["maintenance"], len(group["positions"]) > 0):
            return self.healthy(group, before, fund)
        # section 5.1: the rate is fixed by the distress before any fill
        rate = self.penalty_rate(before["equity"], before["maintenance"])
        order = self.close_order(group["positions"])
        if self.close["kind"] == "full":
            closes = [(m, None) for m in order]
            if "skips-smallest" in self.bugs and len(closes) > 1:
                closes = closes[:-1]
        else:  # fixed-portion: one fill per call, on the first position of the order only
            closes = [(m, "portion") for m in (order if "every-position" in self.bugs else order[:1])]
        g, fills = group, []
        for market, size in closes:
            if size is None:
                size = self.size_of(g, market)
            elif size == "portion":
                size = self.fixed_portion_size(g, market)
            fill, g, _, _ = self.close_fill(g, market, size, rate)
            fills.append(fill)
            fund = fund + fill["ins_fee"] + fill["residue"]
        return self.outcome(g, fills, before, fund)


def liquidate(scenario, policy, bugs=frozenset(), params_set=None):
    """Validates and liquidates one scenario under `policy` (the engine's wire policy)."""
    with localcontext(EXACT):
        r = Reader()
        declared = dict(scenario) if isinstance(scenario, dict) else None
        close = {"kind": "minimal"}
        if declared is not None:
            for extra in ("book", "requests"):
                if extra in declared:
                    r.fail(extra, "no such field (the policy reads no %s, section 10.1)" % extra, declared.pop(extra))
            if "policy" in declared:
                raw = declared.pop("policy")
                parsed = parse_policy(r, raw)
                if parsed is not None and not same_policy(raw, policy):
                    r.fail("policy", "the policy this engine runs (its handshake's), or none", raw)
                elif parsed is not None:
                    close = parsed
        sc, issues = parse_scenario(declared if declared is not None else scenario, params_set)
        issues = r.issues + issues
        if sc is None or issues:
            return "error", {"code": "invalid-input", "issues": issues}
        return run_groups(sc, PolicyModel(sc["params"], {k: v[1] for k, v in sc["marks"].items()}, bugs, close))


__all__ = ["BUGS", "KINDS", "liquidate", "parse_policy", "same_policy"]
