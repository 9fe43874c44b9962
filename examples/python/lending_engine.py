#!/usr/bin/env python3
"""liqcheck protocol 1.1 over stdin/stdout for the Python lending example engine (docs/spec.md §11).

    python3 examples/python/lending_engine.py --profile aave-v3
    python3 examples/python/lending_engine.py --profile morpho-blue --bug seize-round-up
    python3 examples/python/lending_engine.py --list-bugs

The handshake declares the profile as its `policy` and the protocol feature `lending`; each
`{"type": "liquidate", "id": N, "scenario": <LendingScenario>}` is answered with
`{"type": "result", "id": N, "result": <LendingResult>}`, or an `invalid-input` error naming every
offending field (path, expected, received). The profile names the rules the engine claims to
follow; any valid lending scenario is answered by the rules its own params state (§11), so a
scenario of another market is answered, not refused.

--bug NAME (repeatable or comma-separated) runs a deliberately wrong variant of the named
profile (lending_model.BUGS: each with the venue rule or source it imitates); --list-bugs prints
them. Standard library only; stdout carries protocol messages only, logs go to stderr.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import encode, lines_of, spoken_version  # noqa: E402
from lending_model import BUGS, liquidate_lending  # noqa: E402

NAME = "liqcheck-python-lending-example"
VERSION = "1.0.0"
PROFILES = ("aave-v3", "morpho-blue", "compound-v3")
FEATURES = ["lending"]
USAGE = "usage: lending_engine.py --profile %s [--bug NAME] [--list-bugs]" % "|".join(PROFILES)


def parse_args(argv):
    """(profile, bugs); exits with a message on an unknown argument, profile or bug, or a bug of
    another profile."""
    profile, names, args, list_bugs = None, [], list(argv), False
    while args:
        a = args.pop(0)
        if a == "--list-bugs":
            list_bugs = True
        elif a == "--profile" and args:
            profile = args.pop(0)
        elif a.startswith("--profile="):
            profile = a[len("--profile="):]
        elif a == "--bug" and args:
            names += [n for n in args.pop(0).split(",") if n]
        elif a.startswith("--bug="):
            names += [n for n in a[len("--bug="):].split(",") if n]
        else:
            sys.exit("lending_engine.py: unknown argument %r (%s)" % (a, USAGE))
    if list_bugs:
        # as the venue engines list theirs (profile_engine.py --list-bugs): JSON, name -> what and source;
        # every profile's when no --profile is given
        listed = {n: "%s (%s)" % (what, source) for n, (prof, what, source) in BUGS.items() if profile is None or prof == profile}
        print(json.dumps(listed, indent=2, sort_keys=True))
        sys.exit(0)
    if profile not in PROFILES:
        sys.exit("lending_engine.py: --profile must be one of %s, received %r (%s)" % (", ".join(PROFILES), profile, USAGE))
    for n in names:
        if n not in BUGS:
            sys.exit("lending_engine.py: unknown bug %r; known: %s" % (n, ", ".join(BUGS)))
        if BUGS[n][0] != profile:
            sys.exit("lending_engine.py: bug %r is a variant of %s, not of %s" % (n, BUGS[n][0], profile))
    return profile, frozenset(names)


def answer(message, profile, bugs):
    """The reply to one gate message (a parsed JSON value)."""
    kind = message.get("type") if isinstance(message, dict) else None
    if kind == "hello":
        version = str(message.get("protocol", ""))
        spoken = spoken_version(version)
        if spoken is None:
            return {"type": "error", "id": None, "error": {"code": "unsupported-protocol", "message": "this engine speaks 1.1, not %s" % version}}
        name = NAME + "+" + profile + "".join("+" + b for b in sorted(bugs))
        return {"type": "hello_ok", "name": name, "version": VERSION, "protocol": spoken, "policy": profile, "features": FEATURES, "spec": "1.0.0"}
    if kind == "liquidate":
        rid = message.get("id")
        try:
            status, payload = liquidate_lending(message.get("scenario"), bugs)
        except Exception as e:  # an engine bug, not the gate's: report it and keep serving
            print("lending_engine.py: request %s: %r" % (rid, e), file=sys.stderr)
            return {"type": "error", "id": rid, "error": {"code": "internal", "message": "%s: %s" % (type(e).__name__, e)}}
        if status == "result":
            return {"type": "result", "id": rid, "result": payload}
        return {"type": "error", "id": rid, "error": payload}
    return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "unknown message type %r" % (kind,)}}


def main():
    profile, bugs = parse_args(sys.argv[1:])
    if bugs:
        print("lending_engine.py: %s with bug(s) %s" % (profile, ", ".join(sorted(bugs))), file=sys.stderr)
    held = []
    for line, more in lines_of(sys.stdin):
        if line.strip():
            try:
                message = json.loads(line.decode("utf-8") if isinstance(line, bytes) else line)
            except ValueError as e:
                reply = {"type": "error", "id": None, "error": {"code": "bad-request", "message": "not JSON: %s" % e}}
            else:
                reply = answer(message, profile, bugs)
            held.append(encode(reply))
        # replies to a burst leave together (docs/protocol.md#pipelining), never held while idle
        if held and (not more or len(held) >= 16):
            sys.stdout.write("\n".join(held) + "\n")
            sys.stdout.flush()
            del held[:]
    if held:
        sys.stdout.write("\n".join(held) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
