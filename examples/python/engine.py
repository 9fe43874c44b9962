#!/usr/bin/env python3
"""liqcheck protocol 1.1 over stdin/stdout for the Python example engine (docs/protocol.md).

    python3 examples/python/engine.py                      # the correct engine
    python3 examples/python/engine.py --bug one-lot-short  # a deliberately wrong one
    LIQENGINE_BUG=round-nearest python3 examples/python/engine.py

One JSON object per line each way; stdout carries protocol messages only, logs go to stderr.
Standard library only. With a 1.1 gate it announces params-ref: params sets arrive once per
session in `params` messages and are validated once, on first use (docs/protocol.md#params-sets).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from liqmodel import BUGS, ParamsSet, liquidate  # noqa: E402

NAME = "liqcheck-python-example"
VERSION = "1.0.0"
PROTOCOL = "1.1"
#: protocol features (not scenario features): only with a gate speaking 1.1 or newer
PARAMS_REF = "params-ref"
FEATURES = ["cross", "cross-multi", "isolated", "multi-group", "tiers", "price-impact", "dust", "penalty-steps", "inclusive-trigger"]


def parse_bugs(argv):
    """--bug NAME (repeatable, or comma-separated) and LIQENGINE_BUG; unknown names are fatal."""
    names = [n for n in os.environ.get("LIQENGINE_BUG", "").split(",") if n]
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--bug" and args:
            names += [n for n in args.pop(0).split(",") if n]
        elif a.startswith("--bug="):
            names += [n for n in a[len("--bug="):].split(",") if n]
        else:
            sys.exit("engine.py: unknown argument %r (usage: engine.py [--bug NAME])" % a)
    unknown = [n for n in names if n not in BUGS]
    if unknown:
        sys.exit("engine.py: unknown bug %s; known: %s" % (", ".join(unknown), ", ".join(BUGS)))
    return frozenset(names)


def spoken_version(gate_version):
    """The version to answer a gate speaking gate_version: ours, or the gate's older minor; None
    for another major (docs/protocol.md#versioning)."""
    major, _, minor = gate_version.partition(".")
    ours_major, _, ours_minor = PROTOCOL.partition(".")
    if major != ours_major:
        return None
    if minor.isdigit() and int(minor) < int(ours_minor):
        return "%s.%s" % (major, int(minor))
    return PROTOCOL


def answer(message, bugs, session=None):
    """The reply to one gate message (a dict), or None when nothing is owed.

    session: this connection's params sets, {paramsId: ParamsSet}, or None for a stateless
    transport (HTTP), which then does not announce params-ref."""
    kind = message.get("type") if isinstance(message, dict) else None
    if kind == "hello":
        version = str(message.get("protocol", ""))
        spoken = spoken_version(version)
        if spoken is None:
            return {"type": "error", "id": None, "error": {"code": "unsupported-protocol", "message": "this engine speaks %s, not %s" % (PROTOCOL, version)}}
        name = NAME + ("+" + "+".join(sorted(bugs)) if bugs else "")
        features = FEATURES + [PARAMS_REF] if session is not None and spoken != "1.0" else FEATURES
        return {"type": "hello_ok", "name": name, "version": VERSION, "protocol": spoken, "policy": "minimal-close", "features": features, "spec": "1.0.0"}
    if kind == "params" and session is not None:
        pid = message.get("paramsId")
        if not (isinstance(pid, int) and not isinstance(pid, bool) and pid > 0):
            return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "params: paramsId must be a positive integer, received %r" % (pid,)}}
        session[pid] = ParamsSet(message.get("params"))  # replaces an older set of that id
        return None  # a params message is not answered
    if kind == "liquidate":
        rid = message.get("id")
        params_set = None
        if "paramsRef" in message:
            ref = message["paramsRef"]
            known = session is not None and isinstance(ref, int) and not isinstance(ref, bool)
            params_set = session.get(ref) if known else None
            if params_set is None:
                return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "unknown paramsRef %s: no params message defined it in this session" % json.dumps(ref)}}
            if isinstance(message.get("scenario"), dict) and "params" in message["scenario"]:
                return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "a request with paramsRef must not carry params"}}
        try:
            status, payload = liquidate(message.get("scenario"), bugs, params_set)
        except Exception as e:  # an engine bug: report it, keep serving
            print("engine.py: request %s: %r" % (rid, e), file=sys.stderr)
            return {"type": "error", "id": rid, "error": {"code": "internal", "message": "%s: %s" % (type(e).__name__, e)}}
        if status == "result":
            return {"type": "result", "id": rid, "result": payload}
        return {"type": "error", "id": rid, "error": payload}
    return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "unknown message type %r" % (kind,)}}


def inline(message, session):
    """A paramsRef request as the 1.0 request it stands for (params inline), for the hooks of the
    pathological engines; any other message unchanged."""
    ref = message.get("paramsRef")
    scenario = message.get("scenario")
    if not isinstance(ref, int) or isinstance(ref, bool) or ref not in session or not isinstance(scenario, dict):
        return message
    full = {k: v for k, v in message.items() if k != "paramsRef"}
    full["scenario"] = dict({"params": session[ref].raw}, **scenario)
    return full


def serve(stdin, stdout, bugs, on_request=None):
    """Answers every line of stdin until EOF.

    on_request(message, stdout), called before each liquidate request is answered, lets the
    pathological engines misbehave; when it returns True the request is not answered normally.
    """
    session = {}  # params sets of this session (params-ref): forgotten when the process ends
    for line in stdin:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except ValueError as e:
            reply = {"type": "error", "id": None, "error": {"code": "bad-request", "message": "not JSON: %s" % e}}
        else:
            if on_request is not None and isinstance(message, dict) and message.get("type") == "liquidate":
                if on_request(inline(message, session), stdout):
                    continue
            reply = answer(message, bugs, session)
        if reply is not None:
            stdout.write(json.dumps(reply, ensure_ascii=False, separators=(",", ":")) + "\n")
            stdout.flush()


def main():
    bugs = parse_bugs(sys.argv[1:])
    if bugs:
        print("engine.py: running with bug(s) %s" % ", ".join(sorted(bugs)), file=sys.stderr)
    serve(sys.stdin, sys.stdout, bugs)


if __name__ == "__main__":
    main()
