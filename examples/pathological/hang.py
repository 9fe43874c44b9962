#!/usr/bin/env python3
"""A pathological engine that hangs: it answers the handshake, then never answers the requests
chosen by --when (default: every one). --phase handshake hangs before the handshake instead.

    python3 examples/pathological/hang.py [--when always|after:N|fund:X] [--phase request|handshake]
"""
import sys
import time

import pathology


def hang(*_):
    print("hang.py: hanging now", file=sys.stderr, flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    argv = sys.argv[1:]
    if pathology.option(argv, "--phase", "request") == "handshake":
        sys.stdin.readline()
        hang()
    pathology.serve(argv, "always", hang)
