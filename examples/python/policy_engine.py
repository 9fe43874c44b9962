#!/usr/bin/env python3
"""A liqcheck engine (protocol 1.1, docs/protocol.md) for two policies other than minimal-close
(docs/spec.md section 10.3), each declared inline in hello_ok.policy:

    python3 examples/python/policy_engine.py --policy full
    python3 examples/python/policy_engine.py --policy fixed-portion --portion 0.1 --minimum-notional 50
    python3 examples/python/policy_engine.py --policy full --bug skips-smallest   # a wrong variant

Standard library only; the arithmetic is policy_model.py on liqmodel.py (exact decimals).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import serve_declaring  # noqa: E402
from policy_model import BUGS, liquidate  # noqa: E402

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


def main():
    policy, bugs = parse_args(sys.argv[1:])
    if bugs:
        print("policy_engine.py: running with bug(s) %s" % ", ".join(sorted(bugs)), file=sys.stderr)
    name = "liqcheck-python-%s" % policy["name"] + ("+" + "+".join(sorted(bugs)) if bugs else "")
    serve_declaring(name, policy, lambda scenario, params_set: liquidate(scenario, policy, bugs, params_set), "policy_engine.py")


if __name__ == "__main__":
    main()
