#!/usr/bin/env python3
"""A liqcheck engine (protocol 1.1, docs/protocol.md) for a venue profile (docs/profiles/): the
handshake names the profile (hello_ok.policy = its name), and the gate sends the profile's policy and
params in every scenario.

    python3 examples/python/profile_engine.py --profile drift-v2
    python3 examples/python/profile_engine.py --profile drift-v2 --bug NAME    # a wrong variant
    python3 examples/python/profile_engine.py --profile drift-v2 --list-bugs   # its wrong variants, as JSON

Each venue is its own module, venues/<profile with _ for ->.py, written from the venue's rules (its
docs/profiles page) on liqmodel.py's exact decimals, not from liqcheck's code. A venue module has
BUGS (bug name -> what is wrong and where the venue saw it) and liquidate(scenario, bugs, params_set)
-> ("result", payload) | ("error", error). Standard library only.
"""
import importlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import FEATURES, PARAMS_REF, encode, lines_of, spoken_version  # noqa: E402
from liqmodel import ParamsSet  # noqa: E402

VERSION = "1.0.0"
USAGE = "usage: profile_engine.py --profile NAME [--bug NAME] | --profile NAME --list-bugs"


def venues():
    """The profile names this engine has a venue module for."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "venues")
    return sorted(f[:-3].replace("_", "-") for f in os.listdir(here) if f.endswith(".py") and not f.startswith("_"))


def parse_args(argv):
    """Returns (profile, venue module, bugs). Unknown arguments, profiles and bug names are fatal;
    --list-bugs prints the venue's BUGS as JSON and exits."""
    profile, list_bugs = None, False
    bugs = [n for n in os.environ.get("LIQENGINE_BUG", "").split(",") if n]
    args = list(argv)
    while args:
        a = args.pop(0)
        if a in ("--profile", "--bug") and not args:
            sys.exit("profile_engine.py: %s needs a value (%s)" % (a, USAGE))
        if a == "--profile":
            profile = args.pop(0)
        elif a == "--bug":
            bugs += [n for n in args.pop(0).split(",") if n]
        elif a == "--list-bugs":
            list_bugs = True
        else:
            sys.exit("profile_engine.py: unknown argument %r (%s)" % (a, USAGE))
    known = venues()
    if profile not in known:
        sys.exit("profile_engine.py: --profile must be one of %s, received %r (%s)" % (", ".join(known), profile, USAGE))
    venue = importlib.import_module("venues." + re.sub("-", "_", profile))
    if list_bugs:
        print(json.dumps(venue.BUGS, indent=2, sort_keys=True))
        sys.exit(0)
    unknown = [n for n in bugs if n not in venue.BUGS]
    if unknown:
        sys.exit("profile_engine.py: unknown bug %s for %s; known: %s" % (", ".join(unknown), profile, ", ".join(sorted(venue.BUGS))))
    return profile, venue, frozenset(bugs)


def answer(message, venue, profile, bugs, session):
    """The reply to one gate message, or None when nothing is owed (a params message)."""
    kind = message.get("type") if isinstance(message, dict) else None
    if kind == "hello":
        spoken = spoken_version(str(message.get("protocol", "")))
        if spoken is None:
            return {"type": "error", "id": None, "error": {"code": "unsupported-protocol", "message": "this engine speaks 1.1"}}
        name = "liqcheck-python-%s" % profile + ("+" + "+".join(sorted(bugs)) if bugs else "")
        features = FEATURES + [PARAMS_REF] if spoken != "1.0" else FEATURES
        return {"type": "hello_ok", "name": name, "version": VERSION, "protocol": spoken, "policy": profile, "features": features, "spec": "1.0.0"}
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
            status, payload = venue.liquidate(message.get("scenario"), bugs, params_set)
        except Exception as e:  # an engine bug: report it, keep serving
            print("profile_engine.py: request %s: %r" % (rid, e), file=sys.stderr)
            return {"type": "error", "id": rid, "error": {"code": "internal", "message": "%s: %s" % (type(e).__name__, e)}}
        return {"type": "result", "id": rid, "result": payload} if status == "result" else {"type": "error", "id": rid, "error": payload}
    return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "unknown message type %r" % (kind,)}}


def main():
    profile, venue, bugs = parse_args(sys.argv[1:])
    if bugs:
        print("profile_engine.py: running with bug(s) %s" % ", ".join(sorted(bugs)), file=sys.stderr)
    session, held = {}, []
    for line, more in lines_of(sys.stdin):
        reply = None
        if line.strip():
            try:
                message = json.loads(line.decode("utf-8") if isinstance(line, bytes) else line)
            except ValueError as e:
                reply = {"type": "error", "id": None, "error": {"code": "bad-request", "message": "not JSON: %s" % e}}
            else:
                reply = answer(message, venue, profile, bugs, session)
        if reply is not None:
            held.append(encode(reply))
        # replies to a burst of requests leave together (docs/protocol.md#pipelining)
        if held and (not more or len(held) >= 16):
            sys.stdout.write("\n".join(held) + "\n")
            sys.stdout.flush()
            del held[:]


if __name__ == "__main__":
    main()
