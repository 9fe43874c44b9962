#!/usr/bin/env python3
"""A pathological engine that hangs: it answers the handshake, then never answers the requests
chosen by --when (default: every one). --phase handshake hangs before the handshake instead.

    python3 examples/pathological/hang.py [--when always|after:N|fund:X] [--phase request|handshake]
"""
import sys
import time

from trigger import option, parse_when

import engine  # the Python example engine (examples/python)


def hang():
    print("hang.py: hanging now", file=sys.stderr, flush=True)
    while True:
        time.sleep(3600)


def main():
    argv = sys.argv[1:]
    phase = option(argv, "--phase", "request")
    when = parse_when(argv, "always")
    if phase == "handshake":
        sys.stdin.readline()
        hang()
    count = [0]

    def on_request(message, stdout):
        count[0] += 1
        if when(message, count[0]):
            hang()
        return False

    engine.serve(sys.stdin, sys.stdout, frozenset(), on_request)


if __name__ == "__main__":
    main()
