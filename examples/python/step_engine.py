#!/usr/bin/env python3
"""liqcheck protocol 1.2 with the multi-account `step` request (docs/protocol.md, "Multi-account
steps"), for `liqcheck simulate --engine "python3 examples/python/step_engine.py"`.

    python3 examples/python/step_engine.py                              # the correct engine
    LIQENGINE_BUG=adl-rank-by-id python3 examples/python/step_engine.py # ADL ranked by id, not by score

A round arrives as one `step` message: the mark, the insurance fund, the accounts (those with a
position and the requested ones) and the liquidations the keepers ask for. Each requested account
is liquidated in order by the Python model (liqmodel.py, minimal-close), seeing the fund and the
accounts as the previous ones left them; a result that socializes a loss runs auto-deleveraging
(docs/simulation.md S9): the counterparties ranked by BitMEX's score, reduced at the bankruptcy
price. Every other message (`hello`, `params`, `liquidate`) is answered as engine.py answers it, so
this is also a complete single-account engine. Standard library only, written from the spec.
"""
import bisect
from decimal import Decimal, localcontext
from fractions import Fraction
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import engine  # noqa: E402
from liqmodel import BUGS, EXACT, ZERO, ParamsSet, canon, ceil_div, code_unit_key, floor_div, floor_to, liquidate  # noqa: E402

NAME = "liqcheck-python-step-example"
PROTOCOL = "1.2"
STEP = "step"

#: Deliberately wrong behaviours of the step part (model bugs of liqmodel.BUGS work too).
STEP_BUGS = {
    "adl-rank-by-id": "ADL reduces the counterparties in id order instead of by BitMEX's score (breaks SYS-004)",
}

#: digits of a reported score (truncated toward zero)
SCORE_DIGITS = 18


def parse_bugs(value):
    """The bug names of LIQENGINE_BUG, split into (model bugs, step bugs); unknown names are fatal."""
    names = [n for n in value.split(",") if n]
    unknown = [n for n in names if n not in BUGS and n not in STEP_BUGS]
    if unknown:
        sys.exit("step_engine.py: unknown bug %s; known: %s" % (", ".join(unknown), ", ".join(list(BUGS) + list(STEP_BUGS))))
    return frozenset(n for n in names if n in BUGS), frozenset(n for n in names if n in STEP_BUGS)


def spoken_version(gate_version):
    """Ours (1.2), or the gate's older minor; None for another major (docs/protocol.md#versioning)."""
    major, _, minor = gate_version.partition(".")
    if major != "1":
        return None
    if minor.isdigit() and int(minor) < 2:
        return "1.%d" % int(minor)
    return PROTOCOL


# --------------------------------------------------------------------------------------------
# ADL (docs/simulation.md S9)

def bitmex_score(size, entry, equity, mark):
    """PNL% = side·(m − e)/e, EffLev = |q|·m/E; PNL%·EffLev when PNL% > 0, else PNL%/EffLev, exact."""
    q, e, eq, m = Fraction(size), Fraction(entry), Fraction(equity), Fraction(mark)
    side = 1 if q > 0 else -1
    pnl = side * (m - e) / e
    lev = abs(q) * m / eq
    return pnl * lev if pnl > 0 else pnl / lev


def reported(score):
    """The score truncated toward zero to 18 fraction digits, as a Decimal."""
    return Decimal(int(score * 10 ** SCORE_DIGITS)).scaleb(-SCORE_DIGITS)


class Ranking:
    """S9's order of the counterparties of each side within one round, kept sorted as accounts
    change: an ADL reads a prefix of it, and a round's liquidations and reductions change only a
    few accounts, so re-ranking everything per ADL (a population of thousands) is wasted work.

    The key is (−score, id) (BitMEX's score, exact, ties by id), or the id alone under the
    adl-rank-by-id bug. Only accounts with a position and equity > 0 are ranked."""

    def __init__(self, mark, by_id):
        self.mark = mark
        self.by_id = by_id
        self.lists = None  # side (1 long, -1 short) -> sorted [(key, id)], built at the first ADL
        self.keys = {}  # id -> (side, key) of its entry

    def key_of(self, a):
        if a["size"] == 0:
            return None
        equity = equity_of(a, self.mark)
        if not equity > 0:
            return None
        if self.by_id:
            return (code_unit_key(a["id"]),)
        return (-bitmex_score(a["size"], a["entry"], equity, self.mark), code_unit_key(a["id"]))

    def _insert(self, a):
        key = self.key_of(a)
        if key is not None:
            side = 1 if a["size"] > 0 else -1
            bisect.insort(self.lists[side], (key, a["id"]))
            self.keys[a["id"]] = (side, key)

    def build(self, accounts):
        if self.lists is None:
            self.lists = {1: [], -1: []}
            for a in accounts.values():
                self._insert(a)

    def update(self, a):
        """Re-ranks `a` after its state changed (nothing before the first ADL of the round)."""
        if self.lists is None:
            return
        old = self.keys.pop(a["id"], None)
        if old is not None:
            side, key = old
            entries = self.lists[side]
            del entries[bisect.bisect_left(entries, (key, a["id"]))]
        self._insert(a)

    def counterparties(self, long, accounts):
        """The other side's ranked accounts, best first, each with its equity."""
        for _, aid in self.lists[-1 if long else 1]:
            a = accounts[aid]
            yield dict(a, equity=equity_of(a, self.mark))


def reduction_change(size, entry, reduced, transfer, mark, unit):
    """(change, residue): the collateral moves by ⌊sgn(q)·a·(m − e) − transfer⌋_u; residue to the fund."""
    pnl = (mark - entry) * reduced
    exact = (-pnl if size < 0 else pnl) - transfer
    change = floor_to(exact, unit)
    return change, exact - change


def reducible_lots(c, need, lot_spread, spread, lot, mark, unit):
    """The lots c gives: at most need, its position and what its equity pays, and never so many
    that the collateral floor's residue leaves its equity below zero."""
    lots = min(need, floor_div(abs(c["size"]), lot), floor_div(c["equity"], lot_spread))
    while lots > 0:
        size = lots * lot
        left = c["equity"] - size * spread
        if left >= unit:
            break
        _, residue = reduction_change(c["size"], c["entry"], size, size * spread, mark, unit)
        if left - residue >= 0:
            break
        lots -= 1
    return lots


def deleverage(q, cash, owed, mark, lot, tick, unit, ranked):
    """The ADL event (without its bankrupt) of a liquidation that socialized `owed`; `ranked()`
    yields the other side's counterparties with a position and equity > 0, in ranking order."""
    long = q >= 0
    side = "long" if long else "short"

    def none(bp, spread):
        return {"side": side, "bankruptcyPrice": bp, "spread": spread, "owed": owed, "reductions": [], "toFund": ZERO, "unpaid": owed if owed > 0 else ZERO}

    if q == 0:
        return none(mark, ZERO)
    # P_b = −κ/q, rounded away from the mark to the tick
    bp = ceil_div(-cash, q * tick) * tick if long else floor_div(cash, -q * tick) * tick
    spread = abs(bp - mark)
    beyond = bp > mark if long else bp < mark
    if not owed > 0 or spread == 0 or not beyond:
        return none(bp, spread)
    lot_spread = lot * spread
    reductions, rest, residues = [], owed, ZERO
    for c in ranked():
        if not rest > 0:
            break
        lots = reducible_lots(c, ceil_div(rest, lot_spread), lot_spread, spread, lot, mark, unit)
        if lots == 0:
            continue
        size = lots * lot
        transfer = size * spread
        residues += reduction_change(c["size"], c["entry"], size, transfer, mark, unit)[1]
        score = reported(bitmex_score(c["size"], c["entry"], c["equity"], mark))
        reductions.append({"account": c["id"], "size": size, "transfer": transfer, "score": score})
        rest -= transfer
    return {"side": side, "bankruptcyPrice": bp, "spread": spread, "owed": owed, "reductions": reductions,
            "toFund": (-rest if rest < 0 else ZERO) + residues, "unpaid": rest if rest > 0 else ZERO}


# --------------------------------------------------------------------------------------------
# A round (docs/simulation.md S7–S9)

class StepInputError(Exception):
    """A step message that breaks the protocol's shape: its issues, with field paths."""

    def __init__(self, issues):
        super().__init__("invalid step request")
        self.issues = issues


def decimal_field(obj, key, path, issues):
    v = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(v, str):
        issues.append({"path": path, "expected": "a decimal string", "received": repr(v)})
        return ZERO
    try:
        return Decimal(v)
    except Exception:
        issues.append({"path": path, "expected": "a decimal string", "received": repr(v)})
        return ZERO


def read_round(message):
    """The round's fields, as Decimals; raises StepInputError naming every offending field."""
    issues = []
    market = message.get("market")
    if not isinstance(market, str) or not market:
        issues.append({"path": "market", "expected": "a non-empty string", "received": repr(market)})
    mark = decimal_field(message, "mark", "mark", issues)
    fund = decimal_field(message, "insuranceFund", "insuranceFund", issues)
    accounts = {}
    raw_accounts = message.get("accounts")
    if not isinstance(raw_accounts, list):
        issues.append({"path": "accounts", "expected": "an array of accounts", "received": repr(raw_accounts)})
        raw_accounts = []
    for i, a in enumerate(raw_accounts):
        path = "accounts[%d]" % i
        if not isinstance(a, dict) or not isinstance(a.get("id"), str) or not isinstance(a.get("isolated"), bool):
            issues.append({"path": path, "expected": "an account {id, collateral, size, entry, isolated}", "received": repr(a)})
            continue
        accounts[a["id"]] = {"id": a["id"], "collateral": decimal_field(a, "collateral", path + ".collateral", issues),
                             "size": decimal_field(a, "size", path + ".size", issues), "entry": decimal_field(a, "entry", path + ".entry", issues),
                             "isolated": a["isolated"]}
    requests = message.get("requests")
    if not isinstance(requests, list):
        issues.append({"path": "requests", "expected": "an array of liquidation requests", "received": repr(requests)})
        requests = []
    for i, r in enumerate(requests):
        if not isinstance(r, dict) or r.get("account") not in accounts:
            issues.append({"path": "requests[%d].account" % i, "expected": "the id of an account of accounts", "received": repr(r.get("account") if isinstance(r, dict) else r)})
    adl = message.get("adl")
    if not isinstance(adl, bool):
        issues.append({"path": "adl", "expected": "a boolean", "received": repr(adl)})
    if issues:
        raise StepInputError(issues)
    return market, mark, fund, accounts, [r["account"] for r in requests], adl


def scenario_of(params_raw, market, a, mark, fund):
    """The one-account scenario the reference is called on (docs/simulation.md S8)."""
    if a["size"] == 0:
        positions, collateral = [], a["collateral"]
    else:
        pos = {"market": market, "size": canon(a["size"]), "entryPrice": canon(a["entry"])}
        if a["isolated"]:
            pos["isolatedMargin"] = canon(a["collateral"])
        positions, collateral = [pos], (ZERO if a["isolated"] else a["collateral"])
    scenario = {"marks": {market: canon(mark)}, "account": {"collateral": canon(collateral), "positions": positions}, "insuranceFund": canon(fund)}
    if params_raw is not None:
        scenario["params"] = params_raw
    return scenario


def state_after(a, result):
    """The account after its result: the result's size and collateral (or isolated margin)."""
    positions = result["account"]["positions"]
    if not positions:
        return dict(a, collateral=Decimal(result["account"]["collateral"]), size=ZERO)
    pos = positions[0]
    collateral = Decimal(pos.get("isolatedMargin", "0")) if a["isolated"] else Decimal(result["account"]["collateral"])
    return dict(a, collateral=collateral, size=Decimal(pos["size"]))


def equity_of(a, mark):
    return a["collateral"] if a["size"] == 0 else a["collateral"] + a["size"] * (mark - a["entry"])


def run_round(params_set, market, mark, fund, accounts, requested, adl_on, model_bugs, step_bugs):
    """The round's liquidations in wire form, or ("error", error) when the model refused one."""
    out, issues = params_set.parse()
    parsed = out["value"]
    if issues or parsed is None:
        return "error", {"code": "invalid-input", "issues": list(issues)}
    mk = parsed["markets"].get(market)
    if mk is None:
        return "error", {"code": "invalid-input", "issues": [{"path": "market", "expected": "a market of params.markets", "received": repr(market)}]}
    lot, tick, unit = mk["lot"], mk["tick"], parsed["unit"]
    ranking = Ranking(mark, "adl-rank-by-id" in step_bugs)
    out = []
    for i, account in enumerate(requested):
        before = accounts[account]
        status, result = liquidate(scenario_of(None, market, before, mark, fund), model_bugs, params_set)
        if status != "result":
            listed = [dict(issue, path="requests[%d] → %s" % (i, issue.get("path", ""))) for issue in result.get("issues", [])]
            return "error", dict(result, issues=listed) if listed else result
        if result["status"] == "healthy":
            out.append({"account": account, "result": result})
            continue
        fund = Decimal(result["insuranceFund"])
        accounts[account] = state_after(before, result)
        ranking.update(accounts[account])
        owed = Decimal(result["socializedLoss"])
        liquidation = {"account": account, "result": result}
        if adl_on and owed > 0 and before["size"] != 0:
            cash = before["collateral"] - before["size"] * before["entry"]
            ranking.build(accounts)
            long = before["size"] >= 0
            event = deleverage(before["size"], cash, owed, mark, lot, tick, unit, lambda: ranking.counterparties(long, accounts))
            for r in event["reductions"]:
                c = accounts[r["account"]]
                change, _ = reduction_change(c["size"], c["entry"], r["size"], r["transfer"], mark, unit)
                size = c["size"] + r["size"] if c["size"] < 0 else c["size"] - r["size"]
                accounts[r["account"]] = dict(c, collateral=c["collateral"] + change, size=size)
                ranking.update(accounts[r["account"]])
            fund += event["toFund"]
            liquidation["adl"] = wire_adl(event)
        out.append(liquidation)
    return "result", out


def wire_adl(e):
    return {"side": e["side"], "bankruptcyPrice": canon(e["bankruptcyPrice"]), "spread": canon(e["spread"]), "owed": canon(e["owed"]),
            "reductions": [{"account": r["account"], "size": canon(r["size"]), "transfer": canon(r["transfer"]), "score": canon(r["score"])} for r in e["reductions"]],
            "toFund": canon(e["toFund"]), "unpaid": canon(e["unpaid"])}


# --------------------------------------------------------------------------------------------
# The protocol

def answer(message, model_bugs, step_bugs, session, inline_sets):
    """The reply to one gate message, or None when nothing is owed."""
    kind = message.get("type") if isinstance(message, dict) else None
    if kind == "hello":
        version = str(message.get("protocol", ""))
        spoken = spoken_version(version)
        if spoken is None:
            return {"type": "error", "id": None, "error": {"code": "unsupported-protocol", "message": "this engine speaks %s, not %s" % (PROTOCOL, version)}}
        bugs = sorted(model_bugs | step_bugs)
        features = list(engine.FEATURES) + ([engine.PARAMS_REF] if spoken != "1.0" else []) + ([STEP] if spoken == PROTOCOL else [])
        return {"type": "hello_ok", "name": NAME + ("+" + "+".join(bugs) if bugs else ""), "version": engine.VERSION, "protocol": spoken,
                "policy": "minimal-close", "features": features, "spec": "1.0.0"}
    if kind != "step":
        return engine.answer(message, model_bugs, session)
    rid = message.get("id")
    if "paramsRef" in message:
        ref = message["paramsRef"]
        params_set = session.get(ref) if isinstance(ref, int) and not isinstance(ref, bool) else None
        if params_set is None:
            return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "unknown paramsRef %s: no params message defined it in this session" % ref}}
        if "params" in message:
            return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "a request with paramsRef must not carry params"}}
    else:
        # Inline params (HTTP, or a gate without params-ref): validated once per distinct set.
        key = engine.encode(message.get("params"))
        params_set = inline_sets.get(key)
        if params_set is None:
            params_set = inline_sets[key] = ParamsSet(message.get("params"))
    if message.get("policy") is not None:
        return {"type": "error", "id": rid, "error": {"code": "invalid-input", "issues": [
            {"path": "policy", "expected": "no policy: this engine implements minimal-close only", "received": engine.encode(message["policy"])}]}}
    try:
        with localcontext(EXACT):
            market, mark, fund, accounts, requested, adl_on = read_round(message)
            status, payload = run_round(params_set, market, mark, fund, accounts, requested, adl_on, model_bugs, step_bugs)
    except StepInputError as e:
        return {"type": "error", "id": rid, "error": {"code": "invalid-input", "issues": e.issues}}
    except Exception as e:  # an engine bug: report it, keep serving
        print("step_engine.py: request %s: %r" % (rid, e), file=sys.stderr)
        return {"type": "error", "id": rid, "error": {"code": "internal", "message": "%s: %s" % (type(e).__name__, e)}}
    if status != "result":
        return {"type": "error", "id": rid, "error": payload}
    return {"type": "step_result", "id": rid, "liquidations": payload}


def main():
    if len(sys.argv) > 1:
        sys.exit("step_engine.py: no arguments (bugs come from LIQENGINE_BUG: %s)" % ", ".join(list(BUGS) + list(STEP_BUGS)))
    model_bugs, step_bugs = parse_bugs(os.environ.get("LIQENGINE_BUG", ""))
    if model_bugs or step_bugs:
        print("step_engine.py: running with bug(s) %s" % ", ".join(sorted(model_bugs | step_bugs)), file=sys.stderr)
    session, inline_sets = {}, {}
    engine.serve_replies(sys.stdin, sys.stdout, lambda message, _flush: answer(message, model_bugs, step_bugs, session, inline_sets))


if __name__ == "__main__":
    main()
