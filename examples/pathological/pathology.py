"""Shared by hang.py, crash.py and garbage.py: each behaves as the correct Python example engine
except on the requests chosen by `--when`:

    --when always     every request
    --when after:N    the Nth liquidate request of this process (counting from 1) and every later one
    --when fund:X     requests whose scenario has insuranceFund == X (a marker a test sets)
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

import engine  # noqa: E402  (the Python example engine)


def option(argv, name, default):
    """Reads `name VALUE` from argv (removing it), or returns default."""
    if name in argv:
        i = argv.index(name)
        value = argv[i + 1]
        del argv[i : i + 2]
        return value
    return default


def parse_when(spec):
    if spec == "always":
        return lambda message, count: True
    kind, _, value = spec.partition(":")
    if kind == "after":
        n = int(value)
        return lambda message, count: count >= n
    if kind == "fund":
        return lambda message, count: (message.get("scenario") or {}).get("insuranceFund") == value
    sys.exit("unknown --when %r (always | after:N | fund:X)" % spec)


def serve(argv, default_when, misbehave):
    """Serves the protocol; misbehave(message, stdout) runs on the chosen requests and returns True
    when it has replaced the normal reply."""
    when = parse_when(option(argv, "--when", default_when))
    count = [0]

    def on_request(message, stdout):
        count[0] += 1
        return when(message, count[0]) and misbehave(message, stdout)

    engine.serve(sys.stdin, sys.stdout, frozenset(), on_request)
