"""An independent Python port of the liqcheck reference model (docs/spec.md, spec version 1.0.0).

Standard library only. Every amount is a `decimal.Decimal` computed under one explicit context,
`EXACT`, whose precision is far above anything an input can need and which *traps* `Inexact`: an
operation that would have to round raises instead of silently losing a digit. Every rounding the
spec allows (spec section 1.3) is done explicitly, on an integer quotient, by `floor_to`/`ceil_to`.

The public entry point is `liquidate(scenario, bugs=frozenset())`, which takes the scenario as
parsed JSON (dicts, lists, strings) and returns either `("result", {...})` or
`("error", {"code": ..., ...})`. `bugs` switches on deliberately wrong behaviour (see BUGS); an
empty set is the correct engine.

This file does not call liqcheck's TypeScript code: it is written from the spec, section by
section, so that agreeing with the reference on generated scenarios means something.
"""
from decimal import (
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    ROUND_HALF_EVEN,
    localcontext,
)
import json
import re

# --------------------------------------------------------------------------------------------
# Numbers (spec section 1)

#: The one arithmetic context. 400 digits: inputs have at most 48 significant digits and no
#: formula multiplies more than four of them; the integer quotients of section 6.3 and the
#: margin ratio stay well inside too. Inexact is trapped, so nothing is ever rounded implicitly.
EXACT = Context(
    prec=400,
    rounding=ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact],
)

ZERO = Decimal(0)
ONE = Decimal(1)
E18 = Decimal("1e18")

#: Deliberately wrong behaviours, for showing that the gate catches them.
BUGS = {
    "one-lot-short": "a partial close is one lot short of the minimal close (leaves the group below target)",
    "round-nearest": "the penalty is rounded to the nearest quote unit instead of up",
    "uncapped-penalty": "the penalty is not capped by the equity left after the fill",
    "ignores-dust": "a reduction may leave a position below the dust notional",
}


def div_int(a, b):
    """Integer part of a / b, truncated toward zero (exact)."""
    return EXACT.divide_int(a, b)


def floor_to(x, step):
    """Rounds x down (toward -inf) to a multiple of step > 0."""
    down = div_int(x, step) * step
    return down - step if x < down else down


def ceil_to(x, step):
    """Rounds x up (toward +inf) to a multiple of step > 0."""
    down = div_int(x, step) * step
    return down + step if x > down else down


def nearest_to(x, step):
    """Rounds x to the nearest multiple of step, ties away from zero (used by a bug only)."""
    down = floor_to(x, step)
    return down + step if (x - down) * 2 >= step else down


def floor_div(a, b):
    q = div_int(a, b)
    return q - 1 if a < q * b else q


def ceil_div(a, b):
    q = div_int(a, b)
    return q + 1 if a > q * b else q


def is_multiple(x, step):
    return div_int(x, step) * step == x


def canon(x):
    """Canonical decimal string (spec 1.1): plain notation, no trailing fraction zeros, '0' for 0."""
    if x.is_zero():
        return "0"
    s = format(x, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def code_unit_key(s):
    """Sort key for JavaScript's code-unit order of strings (UTF-16), which the spec uses."""
    return s.encode("utf-16-be")


# --------------------------------------------------------------------------------------------
# Validation (spec sections 1.1, 2 and 3): every offending field, with its path


DECIMAL_RE = re.compile(r"^-?(0|[1-9][0-9]*)(?:\.([0-9]+))?$")
IDENT_RE = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
NEG_ZERO_RE = re.compile(r"^-0(?:\.0+)?$")
SYNTAX = "a decimal string (no exponent, ≤30 integer and ≤18 fraction digits)"


#: json.dumps with an option builds a new encoder on every call: one, built once
_JS_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def js_string(s):
    """JSON.stringify of a string, as JavaScript writes it (non-ASCII kept as is)."""
    return _JS_ENCODE(s)


def describe(v):
    """A short rendering of a rejected value, in the style of the reference's issues."""
    if v is _MISSING:
        return "undefined"
    if isinstance(v, bool):
        return "boolean " + ("true" if v else "false")
    if isinstance(v, str):
        return js_string(v) if len(v) <= 40 else "%s (%d chars)" % (js_string(v[:40] + "…"), len(v))
    if isinstance(v, (int, float)):
        return "number %s" % (int(v) if isinstance(v, float) and v.is_integer() else v)
    if v is None:
        return "null"
    if isinstance(v, list):
        return "array of %d item%s" % (len(v), "" if len(v) == 1 else "s")
    if isinstance(v, dict):
        keys = ", ".join(v.keys())
        return "object {%s}" % (keys if len(keys) <= 40 else keys[:40] + "…")
    return type(v).__name__


_MISSING = object()


def field_path(path, name):
    if not IDENT_RE.match(name):
        return "%s[%s]" % (path, js_string(name))
    return name if path == "" else path + "." + name


#: (path, key) → its path: every request names each of its marks and markets, success or not
_KEY_PATHS = {}


def key_path(path, key):
    cached = _KEY_PATHS.get((path, key))
    if cached is None:
        if len(_KEY_PATHS) >= 10000:
            _KEY_PATHS.clear()  # bounded: a long session's memory stays flat
        cached = _KEY_PATHS[(path, key)] = "%s[%s]" % (path, js_string(key))
    return cached


#: (string, sign rule, max scale) → its Decimal, for strings accepted before (Decimals are immutable)
_ACCEPTED = {}


class Reader:
    """Collects issues; each reader returns None after recording one."""

    def __init__(self):
        self.issues = []

    def fail(self, path, expected, value):
        self.issues.append({"path": path, "expected": expected, "received": describe(value)})
        return None

    def obj(self, value, path, known):
        if not isinstance(value, dict):
            return self.fail(path, "an object {%s}" % ", ".join(known), value)
        fields = {}
        for k, v in value.items():
            if k in known:
                fields[k] = v
            elif not k.startswith("x-"):  # spec 2.5: x- keys are extensions, ignored
                self.fail(field_path(path, k), "no such field", v)
        return fields

    def decimal(self, value, path, sign="any", max_scale=None):
        # The same strings recur in every request (grids, rates, "0"): a string once accepted under
        # a rule is accepted again, so the syntax check and the conversion are done once per rule.
        key = (value, sign, max_scale) if type(value) is str else None
        if key is not None:
            known = _ACCEPTED.get(key)
            if known is not None:
                return known
        x = self._decimal(value, path, sign, max_scale)
        if key is not None and x is not None:
            if len(_ACCEPTED) >= 100000:
                _ACCEPTED.clear()  # bounded: a long session's memory stays flat
            _ACCEPTED[key] = x
        return x

    def _decimal(self, value, path, sign, max_scale):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.fail(path, SYNTAX + "; JSON numbers are not allowed for amounts", value)
        if not isinstance(value, str):
            return self.fail(path, SYNTAX, value)
        m = DECIMAL_RE.match(value)
        if m is None or len(m.group(1)) > 30 or len(m.group(2) or "") > 18:
            return self.fail(path, SYNTAX, value)
        if NEG_ZERO_RE.match(value):
            return self.fail(path, SYNTAX + ", without a minus sign on zero", value)
        x = Decimal(value)
        if sign == "positive" and not x > 0:
            return self.fail(path, "a decimal > 0", value)
        if sign == "nonnegative" and x < 0:
            return self.fail(path, "a decimal ≥ 0", value)
        if max_scale is not None and len((m.group(2) or "").rstrip("0")) > max_scale:
            unit = canon(Decimal(1).scaleb(-max_scale))
            return self.fail(path, "a multiple of %s (at most %d fraction digits)" % (unit, max_scale), value)
        return x

    def interval(self, value, path, lo_open, hi_open):
        x = self.decimal(value, path)
        if x is None:
            return None
        ok_lo = x > 0 if lo_open else x >= 0
        ok_hi = x < 1 if hi_open else x <= 1
        if ok_lo and ok_hi:
            return x
        name = "%s0, 1%s" % ("(" if lo_open else "[", ")" if hi_open else "]")
        return self.fail(path, "a decimal in " + name, value)


class ParamsSet:
    """A params set sent once per session (protocol 1.1, params-ref): the raw JSON value, validated
    on first use only. Its parsed form and its issues are read-only afterwards, so every request
    that refers to it shares them."""

    def __init__(self, raw):
        self.raw = raw
        self.parsed = None

    def parse(self):
        if self.parsed is None:
            r = Reader()
            out = parse_params(r, self.raw)
            self.parsed = (out, tuple(r.issues))
        return self.parsed


def parse_scenario(sc, params_set=None):
    """Validates a scenario; returns (parsed, issues). parsed is None when there is any issue.

    With params_set (a ParamsSet), sc has no "params" field and stands for the scenario whose params
    are params_set.raw: the answer is the same, issues in the same order, only faster."""
    r = Reader()
    f = r.obj(sc, "", ["params", "marks", "account", "insuranceFund"])
    if f is None:
        return None, r.issues
    if params_set is None:
        params = parse_params(r, f.get("params", _MISSING))
    else:
        params, params_issues = params_set.parse()
        r.issues.extend(params_issues)
    marks = parse_marks(r, f.get("marks", _MISSING))
    collateral, positions = parse_account(r, f.get("account", _MISSING), params)
    if marks is not None and positions is not None:
        check_held_marks(r, positions, marks, params)
    fund = r.decimal(f.get("insuranceFund", _MISSING), "insuranceFund", "nonnegative")
    if r.issues:
        return None, r.issues
    return {
        "params": params["value"],
        "marks": {k: v for k, v in marks.items()},
        "collateral": collateral,
        "positions": [p["value"] for p in positions],
        "fund": fund,
    }, []


def parse_params(r, value):
    out = {"value": None, "quote_scale": None, "markets": None}
    f = r.obj(value, "params", ["quoteScale", "trigger", "targetBuffer", "penalty", "dustNotional", "priceImpact", "markets"])
    if f is None:
        return out
    qs = f.get("quoteScale", _MISSING)
    if isinstance(qs, (int, float)) and not isinstance(qs, bool) and float(qs).is_integer() and 0 <= qs <= 18:
        qs = int(qs)
    else:
        qs = r.fail("params.quoteScale", "an integer 0…18 (a JSON number)", qs)
    out["quote_scale"] = qs
    trigger = f.get("trigger", _MISSING)
    if trigger not in ("strict", "inclusive"):
        trigger = r.fail("params.trigger", 'one of "strict", "inclusive"', trigger)
    buffer = r.decimal(f.get("targetBuffer", _MISSING), "params.targetBuffer", "nonnegative")
    penalty = parse_penalty(r, f.get("penalty", _MISSING))
    dust = r.decimal(f.get("dustNotional", _MISSING), "params.dustNotional", "nonnegative")
    impact = r.interval(f.get("priceImpact", _MISSING), "params.priceImpact", False, True)
    markets = parse_markets(r, f.get("markets", _MISSING), buffer)
    out["markets"] = markets
    complete = markets is not None and markets and all(m["value"] is not None for m in markets.values())
    if None in (qs, trigger, buffer, penalty, dust, impact) or not complete:
        return out
    out["value"] = {
        "quote_scale": qs,
        "unit": Decimal(1).scaleb(-qs),
        "trigger": trigger,
        "buffer": buffer,
        "steps": penalty[0],
        "share": penalty[1],
        "dust": dust,
        "impact": impact,
        "markets": {k: m["value"] for k, m in markets.items()},
    }
    return out


def parse_penalty(r, value):
    f = r.obj(value, "params.penalty", ["steps", "liquidatorShare"])
    if f is None:
        return None
    path = "params.penalty.steps"
    items = f.get("steps", _MISSING)
    steps = None
    if not isinstance(items, list) or not items:
        r.fail(path, "a non-empty array of {maxMarginRatio, rate}", items)
    else:
        before = len(r.issues)
        steps = []
        prev = None
        for n, item in enumerate(items):
            sp = "%s[%d]" % (path, n)
            sf = r.obj(item, sp, ["maxMarginRatio", "rate"])
            if sf is None:
                steps.append((None, None))
                prev = (None, None)
                continue
            raw_ratio, raw_rate = sf.get("maxMarginRatio", _MISSING), sf.get("rate", _MISSING)
            ratio = r.decimal(raw_ratio, sp + ".maxMarginRatio")
            rate = r.interval(raw_rate, sp + ".rate", False, True)
            if ratio is not None and prev is None and ratio < 1:
                r.fail(sp + ".maxMarginRatio", "a decimal ≥ 1 (the first step must cover every liquidatable group)", raw_ratio)
            if ratio is not None and prev is not None and prev[0] is not None and not ratio < prev[0]:
                r.fail(sp + ".maxMarginRatio", "a decimal < %s (maxMarginRatio strictly decreasing)" % canon(prev[0]), raw_ratio)
            if rate is not None and prev is not None and prev[1] is not None and rate < prev[1]:
                r.fail(sp + ".rate", "a decimal in [%s, 1) (rates non-decreasing)" % canon(prev[1]), raw_rate)
            prev = (ratio, rate)
            steps.append(prev)
        if len(r.issues) > before:
            steps = None
    share = r.interval(f.get("liquidatorShare", _MISSING), "params.penalty.liquidatorShare", False, False)
    if steps is None or share is None:
        return None
    return steps, share


def parse_markets(r, value, buffer):
    path = "params.markets"
    expected = "an object of markets by id, with at least one market"
    if not isinstance(value, dict):
        return r.fail(path, expected, value)
    if not value:
        r.fail(path, expected, value)
    markets = {}
    for mid, m in value.items():
        mp = key_path(path, mid)
        if mid == "":
            r.fail(mp, "a non-empty market id", mid)
            continue
        markets[mid] = parse_market(r, m, mp, buffer)
    return markets


def parse_market(r, value, path, buffer):
    f = r.obj(value, path, ["lotSize", "tickSize", "tiers"])
    if f is None:
        return {"lot": None, "tick": None, "value": None}
    lot = r.decimal(f.get("lotSize", _MISSING), path + ".lotSize", "positive")
    tick = r.decimal(f.get("tickSize", _MISSING), path + ".tickSize", "positive")
    tiers = parse_tiers(r, f.get("tiers", _MISSING), path + ".tiers", buffer)
    value = {"lot": lot, "tick": tick, "tiers": tiers} if None not in (lot, tick, tiers) else None
    return {"lot": lot, "tick": tick, "value": value}


def parse_tiers(r, items, path, buffer):
    if not isinstance(items, list) or not items:
        return r.fail(path, "a non-empty array of tiers", items)
    before = len(r.issues)
    read = []
    for n, item in enumerate(items):
        tp = "%s[%d]" % (path, n)
        f = r.obj(item, tp, ["notionalFloor", "maintenanceRate", "maintenanceAmount", "initialRate"])
        if f is None:
            read.append(({}, (None, None, None, None)))
            continue
        tier = (
            r.decimal(f.get("notionalFloor", _MISSING), tp + ".notionalFloor", "nonnegative"),
            r.interval(f.get("maintenanceRate", _MISSING), tp + ".maintenanceRate", True, True),
            r.decimal(f.get("maintenanceAmount", _MISSING), tp + ".maintenanceAmount"),
            r.interval(f.get("initialRate", _MISSING), tp + ".initialRate", True, False),
        )
        read.append((f, tier))
    required = ZERO
    for n, (raw, (floor, rate, amount, initial)) in enumerate(read):
        tp = "%s[%d]" % (path, n)
        prev = read[n - 1][1] if n > 0 else None
        if floor is not None:
            if n == 0 and not floor.is_zero():
                r.fail(tp + ".notionalFloor", "0 (the first tier starts at notional 0)", raw.get("notionalFloor"))
            if prev is not None and prev[0] is not None and not floor > prev[0]:
                r.fail(tp + ".notionalFloor", "a decimal > %s (floors strictly increasing)" % canon(prev[0]), raw.get("notionalFloor"))
        if rate is not None:
            if prev is not None and prev[1] is not None and rate < prev[1]:
                r.fail(tp + ".maintenanceRate", "a decimal in [%s, 1) (maintenance rates non-decreasing)" % canon(prev[1]), raw.get("maintenanceRate"))
            if buffer is not None and not rate + buffer < 1:
                r.fail(
                    tp + ".maintenanceRate",
                    "a decimal < %s (maintenanceRate + targetBuffer < 1, targetBuffer = %s)" % (canon(ONE - buffer), canon(buffer)),
                    raw.get("maintenanceRate"),
                )
            if initial is not None and initial < rate:
                r.fail(tp + ".initialRate", "a decimal in [%s, 1] (maintenanceRate ≤ initialRate ≤ 1)" % canon(rate), raw.get("initialRate"))
        if n > 0:
            if required is None or prev[1] is None or floor is None or rate is None:
                required = None
            else:
                required = required + floor * (rate - prev[1])
        if amount is not None and required is not None and amount != required:
            why = "the first tier has no offset" if n == 0 else "continuous with tier %d" % (n - 1)
            r.fail(tp + ".maintenanceAmount", "maintenanceAmount = %s (%s)" % (canon(required), why), raw.get("maintenanceAmount"))
    if len(r.issues) > before or any(None in t for _, t in read):
        return None
    return [{"floor": t[0], "rate": t[1], "amount": t[2]} for _, t in read]


def parse_marks(r, value):
    if not isinstance(value, dict):
        return r.fail("marks", "an object of mark prices by market id", value)
    marks = {}
    for mid, raw in value.items():
        mp = key_path("marks", mid)
        if mid == "":
            r.fail(mp, "a non-empty market id", mid)
            continue
        marks[mid] = (raw, r.decimal(raw, mp, "positive"))
    return marks


def parse_account(r, value, params):
    f = r.obj(value, "account", ["collateral", "positions"])
    if f is None:
        return None, None
    qs = params["quote_scale"]
    collateral = r.decimal(f.get("collateral", _MISSING), "account.collateral", "nonnegative", qs)
    items = f.get("positions", _MISSING)
    if not isinstance(items, list):
        r.fail("account.positions", "an array of positions", items)
        return collateral, None
    positions = [parse_position(r, item, "account.positions[%d]" % i, params) for i, item in enumerate(items)]
    holders = {}
    for p in positions:
        if p["market"] is None:
            continue
        if p["market"] in holders:
            r.fail(
                p["path"] + ".market",
                "a market not already held (%s holds it; one position per market)" % holders[p["market"]],
                p["market"],
            )
        else:
            holders[p["market"]] = p["path"]
    return collateral, positions


def parse_position(r, value, path, params):
    f = r.obj(value, path, ["market", "size", "entryPrice", "isolatedMargin"])
    if f is None:
        return {"path": path, "market": None, "value": None}
    market = f.get("market", _MISSING)
    if not isinstance(market, str) or market == "":
        market = r.fail(path + ".market", "a non-empty string", market)
    markets = params["markets"]
    known = markets.get(market) if (market is not None and markets is not None) else None
    if market is not None and markets is not None and known is None:
        ids = ", ".join(js_string(k) for k in markets.keys())
        r.fail(path + ".market", "a market id defined in params.markets (%s)" % ids, market)
    raw_size = f.get("size", _MISSING)
    size = r.decimal(raw_size, path + ".size")
    if size is not None and size.is_zero():
        size = r.fail(path + ".size", "a non-zero decimal (long > 0, short < 0)", raw_size)
    lot = known["lot"] if known is not None else None
    if size is not None and lot is not None and not is_multiple(size, lot):
        size = r.fail(path + ".size", "a multiple of the lot size %s" % canon(lot), raw_size)
    entry = r.decimal(f.get("entryPrice", _MISSING), path + ".entryPrice", "positive")
    isolated = _MISSING
    if "isolatedMargin" in f:
        isolated = r.decimal(f["isolatedMargin"], path + ".isolatedMargin", "nonnegative", params["quote_scale"])
    if None in (market, size, entry, isolated):
        return {"path": path, "market": market, "value": None}
    margin = None if isolated is _MISSING else isolated
    return {"path": path, "market": market, "value": {"market": market, "size": size, "entry": entry, "margin": margin}}


def check_held_marks(r, positions, marks, params):
    seen = set()
    for p in positions:
        mid = p["market"]
        if mid is None or mid in seen:
            continue
        seen.add(mid)
        mp = key_path("marks", mid)
        if mid not in marks:
            r.fail(mp, "a mark price for %s (held at %s)" % (js_string(mid), p["path"]), _MISSING)
            continue
        raw, price = marks[mid]
        market = (params["markets"] or {}).get(mid)
        tick = market["tick"] if market is not None else None
        if price is not None and tick is not None and not is_multiple(price, tick):
            r.fail(mp, "a multiple of the tick size %s" % canon(tick), raw)


# --------------------------------------------------------------------------------------------
# The model (spec sections 3 to 9)

MAX_VERIFIED_CANDIDATES = 2 ** 20
SEVERITY = {"healthy": 0, "partial": 1, "full": 2, "bankrupt": 3}


class LimitExceeded(Exception):
    pass


class Model:
    """One validated scenario's parameters and marks, plus the bugs switched on."""

    def __init__(self, params, marks, bugs):
        self.p = params
        self.marks = marks
        self.bugs = bugs

    # section 3
    @staticmethod
    def tier_index(tiers, n):
        k = 0
        for i in range(1, len(tiers)):
            if tiers[i]["floor"] <= n:
                k = i
            else:
                break
        return k

    def mm(self, tiers, n):
        t = tiers[self.tier_index(tiers, n)]
        return n * t["rate"] - t["amount"]

    def mark(self, market):
        return self.marks[market]

    def market(self, market):
        return self.p["markets"][market]

    # section 4
    def health(self, collateral, positions):
        equity, maintenance, notional = collateral, ZERO, ZERO
        for pos in positions:
            mark = self.mark(pos["market"])
            n = abs(pos["size"]) * mark
            equity += pos["size"] * (mark - pos["entry"])
            maintenance += self.requirement(pos, n)
            notional += n
        return {"equity": equity, "maintenance": maintenance, "target": maintenance + self.p["buffer"] * notional}

    # section 3 (10.2: a policy may value the tiers otherwise)
    def requirement(self, pos, notional):
        """The position's maintenance requirement, its tier read on `notional`, its notional at mark."""
        return self.mm(self.market(pos["market"])["tiers"], notional)

    def liquidatable(self, equity, maintenance, has_positions):
        if not has_positions:
            return False
        return equity < maintenance if self.p["trigger"] == "strict" else equity <= maintenance

    def meets_target(self, equity, target):
        return equity >= target if self.p["trigger"] == "strict" else equity > target

    # section 5
    def penalty_rate(self, equity, maintenance):
        rate = None
        for ratio, r in self.p["steps"]:
            if equity <= ratio * maintenance:
                rate = r
            else:
                break
        return rate

    # section 7.1
    def exec_price(self, market, long):
        mark, impact = self.mark(market), self.p["impact"]
        if impact.is_zero():
            return mark
        tick = self.market(market)["tick"]
        return floor_to(mark * (ONE - impact), tick) if long else ceil_to(mark * (ONE + impact), tick)

    # sections 7.2, 7.3
    def close_fill(self, group, market, size, rate):
        unit = self.p["unit"]
        idx = next(i for i, p in enumerate(group["positions"]) if p["market"] == market)
        pos = group["positions"][idx]
        long = pos["size"] > 0
        mark = self.mark(market)
        price = self.exec_price(market, long)
        signed = size if long else -size
        exact_pnl = signed * (price - pos["entry"])
        realized = floor_to(exact_pnl, unit)
        residue = exact_pnl - realized
        left = pos["size"] - signed
        positions = list(group["positions"])
        if left.is_zero():
            del positions[idx]
        else:
            positions[idx] = dict(pos, size=left)
        collateral = group["collateral"] + realized
        notional = size * mark
        if "round-nearest" in self.bugs:
            uncapped = nearest_to(rate * notional, unit)
        else:
            uncapped = ceil_to(rate * notional, unit)
        h = self.health(collateral, positions)
        if "uncapped-penalty" in self.bugs:
            penalty = uncapped
        else:
            penalty = min(uncapped, max(ZERO, floor_to(h["equity"], unit)))
        fill = self.fill(market, long, size, price, notional, rate, penalty, realized, residue)
        after = {"id": group["id"], "collateral": collateral - penalty, "positions": positions}
        return fill, after, h["equity"] - uncapped, h["target"]

    def fill(self, market, long, size, price, notional, rate, penalty, realized, residue):
        """Section 7.3: one fill, its penalty split floor(penalty * liquidatorShare) to the
        liquidator and the rest to the insurance fund."""
        liq_fee = floor_to(penalty * self.p["share"], self.p["unit"])
        return {
            "market": market,
            "long": long,
            "size": size,
            "price": price,
            "notional": notional,
            "rate": rate,
            "penalty": penalty,
            "liq_fee": liq_fee,
            "ins_fee": penalty - liq_fee,
            "pnl": realized,
            "residue": residue,
        }

    # section 6.3
    def slack(self, group, market, rate):
        pos = next(p for p in group["positions"] if p["market"] == market)
        tiers = self.market(market)["tiers"]
        mark = self.mark(market)
        abs_q = abs(pos["size"])
        concession = abs(mark - self.exec_price(market, pos["size"] > 0))
        equity = self.health(group["collateral"], group["positions"])["equity"]
        rest_target = self.health(group["collateral"], [p for p in group["positions"] if p is not pos])["target"]
        per_unit = concession + rate * mark
        buffer = self.p["buffer"]

        def at(d):
            n = (abs_q - d) * mark
            return equity - per_unit * d - rest_target - self.mm(tiers, n) - buffer * n

        def slope(k):
            return mark * (tiers[k]["rate"] + buffer - rate) - concession

        def bracket(d):
            return self.tier_index(tiers, (abs_q - d) * mark)

        return abs_q, mark, at, slope, bracket

    def first_lot(self, abs_q, mark, at, slope, bracket, tiers, lot):
        lots = div_int(abs_q, lot)
        lot_notional = lot * mark
        j = ONE
        while True:
            if j >= lots:
                return None
            d = j * lot
            s = at(d)
            if s >= 0:
                return j
            k = bracket(d)
            a = slope(k) * lot
            if a <= 0:
                return None
            nxt = j + ceil_div(-s, a)
            end = lots if k == 0 else lots - ceil_div(tiers[k]["floor"], lot_notional)
            if nxt <= end:
                return nxt if nxt < lots else None
            j = end + 1

    def minimal_close(self, group, market, rate):
        m = self.market(market)
        lot, tiers = m["lot"], m["tiers"]
        abs_q, mark, at, slope, bracket = self.slack(group, market, rate)
        first = self.first_lot(abs_q, mark, at, slope, bracket, tiers, lot)
        if first is None:
            return None
        dust = ZERO if "ignores-dust" in self.bugs else self.p["dust"]
        examined = 0
        d = first * lot
        while d < abs_q:
            if (abs_q - d) * mark < dust:
                return None
            _, _, uncapped_equity, target = self.close_fill(group, market, d, rate)
            if self.meets_target(uncapped_equity, target):
                return d
            if not self.meets_target(at(d), ZERO) and slope(bracket(d)) <= 0:
                return None
            examined += 1
            if examined >= MAX_VERIFIED_CANDIDATES:
                raise LimitExceeded(
                    "%s: more than %d lot candidates to verify (lot %s moves the slack by about a millionth of a quote unit)"
                    % (market, MAX_VERIFIED_CANDIDATES, canon(lot))
                )
            d += lot
        return None

    # section 6.2
    def close_order(self, positions):
        """The markets of `positions` by descending notional at mark, ties by market id (code-unit order)."""
        return [p["market"] for p in sorted(positions, key=lambda p: (-(abs(p["size"]) * self.mark(p["market"])), code_unit_key(p["market"])))]

    def healthy(self, group, before, fund):
        """The outcome of a group that is not liquidatable: untouched."""
        return {"status": "healthy", "group": group, "fills": [], "before": before, "after": before, "fund": fund, "payout": ZERO, "bad_debt": ZERO}

    # section 7.4
    def settle(self, g, fills, before, fund):
        """The outcome of a group once its closes are done: full, or bankrupt with the deficit
        paid by the insurance fund (whole quote units) and the rest socialized."""
        if g["collateral"] < 0:
            bad_debt = -g["collateral"]
            payout = min(bad_debt, floor_to(fund, self.p["unit"]))
            g = dict(g, collateral=ZERO)
            after = self.health(g["collateral"], g["positions"])
            return {"status": "bankrupt", "group": g, "fills": fills, "before": before, "after": after, "fund": fund - payout, "payout": payout, "bad_debt": bad_debt}
        after = self.health(g["collateral"], g["positions"])
        return {"status": "full", "group": g, "fills": fills, "before": before, "after": after, "fund": fund, "payout": ZERO, "bad_debt": ZERO}

    def outcome(self, g, fills, before, fund):
        """Section 10.1 step 4: partial while a position is open (whether or not the target is met),
        else full, or bankrupt with the deficit settled by section 7.4."""
        if not g["positions"]:
            return self.settle(g, fills, before, fund)
        after = self.health(g["collateral"], g["positions"])
        return {"status": "partial", "group": g, "fills": fills, "before": before, "after": after, "fund": fund, "payout": ZERO, "bad_debt": ZERO}

    def close_each(self, group, fund, close):
        """Section 10.1 for a rule that closes each position at most once: a group that is not
        liquidatable is untouched; else, at the rate fixed by the distress before any fill (5.1),
        close(g, market, rate) -> (fill, g), or None to leave that position, runs on each position in
        the order of 6.2, the fund credited with each fill's insurance share and PnL residue."""
        before = self.health(group["collateral"], group["positions"])
        if not self.liquidatable(before["equity"], before["maintenance"], len(group["positions"]) > 0):
            return self.healthy(group, before, fund)
        rate = self.penalty_rate(before["equity"], before["maintenance"])
        g, fills = group, []
        for market in self.close_order(group["positions"]):
            closed = close(g, market, rate)
            if closed is None:
                continue
            fill, g = closed
            fills.append(fill)
            fund = fund + fill["ins_fee"] + fill["residue"]
        return self.outcome(g, fills, before, fund)

    # section 6, 7.4
    def liquidate_group(self, group, fund):
        before = self.health(group["collateral"], group["positions"])
        if not self.liquidatable(before["equity"], before["maintenance"], len(group["positions"]) > 0):
            return self.healthy(group, before, fund)
        rate = self.penalty_rate(before["equity"], before["maintenance"])
        g = group
        fills = []
        for market in self.close_order(group["positions"]):
            size = self.minimal_close(g, market, rate)
            if size is not None and "one-lot-short" in self.bugs and size > self.market(market)["lot"]:
                size -= self.market(market)["lot"]
            if size is None:
                size = abs(next(p for p in g["positions"] if p["market"] == market)["size"])
            fill, g, _, _ = self.close_fill(g, market, size, rate)
            fills.append(fill)
            fund = fund + fill["ins_fee"] + fill["residue"]
            h = self.health(g["collateral"], g["positions"])
            if g["positions"] and self.meets_target(h["equity"], h["target"]):
                return {"status": "partial", "group": g, "fills": fills, "before": before, "after": h, "fund": fund, "payout": ZERO, "bad_debt": ZERO}
        return self.settle(g, fills, before, fund)


def margin_groups(collateral, positions):
    """Section 4.1: the cross group first, then isolated groups by market id."""
    cross = [p for p in positions if p["margin"] is None]
    isolated = sorted((p for p in positions if p["margin"] is not None), key=lambda p: code_unit_key(p["market"]))
    groups = [{"id": "cross", "collateral": collateral, "positions": cross}]
    groups += [{"id": p["market"], "collateral": p["margin"], "positions": [p]} for p in isolated]
    return groups


def snapshot(h):
    mm = h["maintenance"]
    ratio = None if mm.is_zero() else canon(floor_div(h["equity"] * E18, mm).scaleb(-18))
    return {"equity": canon(h["equity"]), "maintenance": canon(mm), "target": canon(h["target"]), "marginRatio": ratio}


def report(sc, outcomes, fund):
    status = "healthy"
    payout = bad_debt = collateral = ZERO
    after = {}
    for gid, o in outcomes:
        if SEVERITY[o["status"]] > SEVERITY[status]:
            status = o["status"]
        payout += o["payout"]
        bad_debt += o["bad_debt"]
        g = o["group"]
        if gid == "cross" or not g["positions"]:
            collateral += g["collateral"]
        for p in g["positions"]:
            after[p["market"]] = (p["size"], None if gid == "cross" else g["collateral"])
    positions = []
    for p in sc["positions"]:
        if p["market"] not in after:
            continue
        size, margin = after[p["market"]]
        out = {"market": p["market"], "size": canon(size), "entryPrice": canon(p["entry"])}
        if margin is not None:
            out["isolatedMargin"] = canon(margin)
        positions.append(out)
    fills = [
        {
            "market": f["market"],
            "side": "sell" if f["long"] else "buy",
            "size": canon(f["size"]),
            "price": canon(f["price"]),
            "notional": canon(f["notional"]),
            "penaltyRate": canon(f["rate"]),
            "penalty": canon(f["penalty"]),
            "liquidatorFee": canon(f["liq_fee"]),
            "insuranceFee": canon(f["ins_fee"]),
            "realizedPnl": canon(f["pnl"]),
        }
        for _, o in outcomes
        for f in o["fills"]
    ]
    return {
        "status": status,
        "fills": fills,
        "account": {"collateral": canon(collateral), "positions": positions},
        "insuranceFund": canon(fund),
        "insurancePayout": canon(payout),
        "badDebt": canon(bad_debt),
        "socializedLoss": canon(bad_debt - payout),
        "groups": [
            {"group": gid, "status": o["status"], "before": snapshot(o["before"]), "after": snapshot(o["after"])}
            for gid, o in outcomes
        ],
    }


def liquidate(scenario, bugs=frozenset(), params_set=None):
    """Validates and liquidates one scenario: ("result", result) or ("error", error).

    params_set: a ParamsSet standing for scenario["params"] (scenario then has no "params" field)."""
    with localcontext(EXACT):
        sc, issues = parse_scenario(scenario, params_set)
        if sc is None:
            return "error", {"code": "invalid-input", "issues": issues}
        return run_groups(sc, Model(sc["params"], {k: v[1] for k, v in sc["marks"].items()}, bugs))


def run_groups(sc, model):
    """Every margin group of a parsed scenario through model, the insurance fund threaded
    (section 4.1), reported (section 8). Call inside localcontext(EXACT)."""
    fund = sc["fund"]
    outcomes = []
    try:
        for group in margin_groups(sc["collateral"], sc["positions"]):
            o = model.liquidate_group(group, fund)
            fund = o["fund"]
            outcomes.append((group["id"], o))
    except LimitExceeded as e:
        return "error", {"code": "limit-exceeded", "message": str(e)}
    return "result", report(sc, outcomes, fund)
