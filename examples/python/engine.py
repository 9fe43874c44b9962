#!/usr/bin/env python3
"""liqcheck protocol 1.0 over stdin/stdout for the Python example engine (docs/protocol.md).

    python3 examples/python/engine.py                      # the correct engine
    python3 examples/python/engine.py --bug one-lot-short  # a deliberately wrong one
    LIQENGINE_BUG=round-nearest python3 examples/python/engine.py

One JSON object per line each way; stdout carries protocol messages only, logs go to stderr.
Standard library only.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from liqmodel import BUGS, liquidate  # noqa: E402

NAME = "liqcheck-python-example"
VERSION = "1.0.0"
PROTOCOL = "1.0"
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


def answer(message, bugs):
    """The reply to one gate message (a dict), or None when nothing is owed."""
    kind = message.get("type") if isinstance(message, dict) else None
    if kind == "hello":
        version = str(message.get("protocol", ""))
        if version.split(".")[0] != PROTOCOL.split(".")[0]:
            return {"type": "error", "id": None, "error": {"code": "unsupported-protocol", "message": "this engine speaks %s, not %s" % (PROTOCOL, version)}}
        name = NAME + ("+" + "+".join(sorted(bugs)) if bugs else "")
        return {"type": "hello_ok", "name": name, "version": VERSION, "protocol": PROTOCOL, "policy": "minimal-close", "features": FEATURES, "spec": "1.0.0"}
    if kind == "liquidate":
        rid = message.get("id")
        try:
            status, payload = liquidate(message.get("scenario"), bugs)
        except Exception as e:  # an engine bug: report it, keep serving
            print("engine.py: request %s: %r" % (rid, e), file=sys.stderr)
            return {"type": "error", "id": rid, "error": {"code": "internal", "message": "%s: %s" % (type(e).__name__, e)}}
        if status == "result":
            return {"type": "result", "id": rid, "result": payload}
        return {"type": "error", "id": rid, "error": payload}
    return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "unknown message type %r" % (kind,)}}


def serve(stdin, stdout, bugs, on_request=None):
    """Answers every line of stdin until EOF.

    on_request(message, stdout), called before each liquidate request is answered, lets the
    pathological engines misbehave; when it returns True the request is not answered normally.
    """
    for line in stdin:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except ValueError as e:
            reply = {"type": "error", "id": None, "error": {"code": "bad-request", "message": "not JSON: %s" % e}}
        else:
            if on_request is not None and isinstance(message, dict) and message.get("type") == "liquidate":
                if on_request(message, stdout):
                    continue
            reply = answer(message, bugs)
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
