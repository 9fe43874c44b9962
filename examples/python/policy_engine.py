#!/usr/bin/env python3
"""A liqcheck engine (protocol 1.1, docs/protocol.md) for two policies other than minimal-close
(docs/spec.md section 10.3), each declared inline in hello_ok.policy:

    python3 examples/python/policy_engine.py --policy full
    python3 examples/python/policy_engine.py --policy fixed-portion --portion 0.1 --minimum-notional 50
    python3 examples/python/policy_engine.py --policy full --bug skips-smallest   # a wrong variant

Standard library only; the arithmetic is policy_model.py on liqmodel.py (exact decimals).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import FEATURES, PARAMS_REF, encode, lines_of, spoken_version  # noqa: E402
from liqmodel import ParamsSet  # noqa: E402
from policy_model import BUGS, liquidate  # noqa: E402

VERSION = "1.0.0"
USAGE = "usage: policy_engine.py --policy full|fixed-portion [--portion P] [--minimum-notional N] [--bug NAME]"


def parse_args(argv):
    """Returns (policy, bugs): the wire policy this engine declares and runs, and the bugs named by
    --bug (repeatable) or LIQENGINE_BUG. Unknown arguments and bug names are fatal."""
    kind, portion, minimum = None, "0.1", "50"
    bugs = [n for n in os.environ.get("LIQENGINE_BUG", "").split(",") if n]
    args = list(argv)
    while args:
        a = args.pop(0)
        if a in ("--policy", "--portion", "--minimum-notional", "--bug") and not args:
            sys.exit("policy_engine.py: %s needs a value (%s)" % (a, USAGE))
        if a == "--policy":
            kind = args.pop(0)
        elif a == "--portion":
            portion = args.pop(0)
        elif a == "--minimum-notional":
            minimum = args.pop(0)
        elif a == "--bug":
            bugs += [n for n in args.pop(0).split(",") if n]
        else:
            sys.exit("policy_engine.py: unknown argument %r (%s)" % (a, USAGE))
    if kind == "full":
        policy = {"name": "example-full", "closeSize": {"kind": "full"}}
    elif kind == "fixed-portion":
        policy = {"name": "example-fixed-portion", "closeSize": {"kind": "fixed-portion", "portion": portion, "minimumNotional": minimum}}
    else:
        sys.exit("policy_engine.py: --policy must be full or fixed-portion, received %r (%s)" % (kind, USAGE))
    unknown = [n for n in bugs if n not in BUGS]
    if unknown:
        sys.exit("policy_engine.py: unknown bug %s; known: %s" % (", ".join(unknown), ", ".join(BUGS)))
    return policy, frozenset(bugs)


def answer(message, policy, bugs, session):
    """The reply to one gate message, or None when nothing is owed (a params message)."""
    kind = message.get("type") if isinstance(message, dict) else None
    if kind == "hello":
        spoken = spoken_version(str(message.get("protocol", "")))
        if spoken is None:
            return {"type": "error", "id": None, "error": {"code": "unsupported-protocol", "message": "this engine speaks 1.1"}}
        name = "liqcheck-python-%s" % policy["name"] + ("+" + "+".join(sorted(bugs)) if bugs else "")
        features = FEATURES + [PARAMS_REF] if spoken != "1.0" else FEATURES
        return {"type": "hello_ok", "name": name, "version": VERSION, "protocol": spoken, "policy": policy, "features": features, "spec": "1.0.0"}
    if kind == "params":
        pid = message.get("paramsId")
        if not (isinstance(pid, int) and not isinstance(pid, bool) and pid > 0):
            return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "params: paramsId must be a positive integer, received %r" % (pid,)}}
        session[pid] = ParamsSet(message.get("params"))
        return None
    if kind == "liquidate":
        rid = message.get("id")
        params_set = None
        if "paramsRef" in message:
            ref = message["paramsRef"]
            params_set = session.get(ref) if isinstance(ref, int) and not isinstance(ref, bool) else None
            if params_set is None:
                return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "unknown paramsRef %s" % json.dumps(ref)}}
            if isinstance(message.get("scenario"), dict) and "params" in message["scenario"]:
                return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "a request with paramsRef must not carry params"}}
        try:
            status, payload = liquidate(message.get("scenario"), policy, bugs, params_set)
        except Exception as e:  # an engine bug: report it, keep serving
            print("policy_engine.py: request %s: %r" % (rid, e), file=sys.stderr)
            return {"type": "error", "id": rid, "error": {"code": "internal", "message": "%s: %s" % (type(e).__name__, e)}}
        return {"type": "result", "id": rid, "result": payload} if status == "result" else {"type": "error", "id": rid, "error": payload}
    return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "unknown message type %r" % (kind,)}}


def main():
    policy, bugs = parse_args(sys.argv[1:])
    if bugs:
        print("policy_engine.py: running with bug(s) %s" % ", ".join(sorted(bugs)), file=sys.stderr)
    session, held = {}, []
    for line, more in lines_of(sys.stdin):
        reply = None
        if line.strip():
            try:
                message = json.loads(line.decode("utf-8") if isinstance(line, bytes) else line)
            except ValueError as e:
                reply = {"type": "error", "id": None, "error": {"code": "bad-request", "message": "not JSON: %s" % e}}
            else:
                reply = answer(message, policy, bugs, session)
        if reply is not None:
            held.append(encode(reply))
        # replies to a burst of requests leave together (docs/protocol.md#pipelining)
        if held and (not more or len(held) >= 16):
            sys.stdout.write("\n".join(held) + "\n")
            sys.stdout.flush()
            del held[:]


if __name__ == "__main__":
    main()
