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
-> ("result", payload) | ("error", error), and may list FEATURES it adds to the handshake's (the
inverse venues list "inverse"). Standard library only.
"""
import importlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import answer_declaring, serve_replies  # noqa: E402

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


def main():
    profile, venue, bugs = parse_args(sys.argv[1:])
    if bugs:
        print("profile_engine.py: running with bug(s) %s" % ", ".join(sorted(bugs)), file=sys.stderr)
    name = "liqcheck-python-%s" % profile + ("+" + "+".join(sorted(bugs)) if bugs else "")
    run = lambda scenario, params_set: venue.liquidate(scenario, bugs, params_set)  # noqa: E731
    # a venue module's FEATURES (e.g. "inverse", spec 12) are listed after engine.py's own
    extra = getattr(venue, "FEATURES", [])
    session = {}

    def respond(message, _flush):
        reply = answer_declaring(message, session, name, profile, run, "profile_engine.py")
        if reply is not None and reply.get("type") == "hello_ok":
            reply = dict(reply, features=reply["features"] + [f for f in extra if f not in reply["features"]])
        return reply

    serve_replies(sys.stdin, sys.stdout, respond)


if __name__ == "__main__":
    main()
