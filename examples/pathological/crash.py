#!/usr/bin/env python3
"""A pathological engine that crashes mid-run: it answers correctly until a request chosen by
--when (default after:3, the third request of each process), then dies --how:

    exit    writes a traceback to stderr and exits with code 1 (default)
    signal  kills itself with SIGSEGV
    stdout  closes its stdout and keeps running

    python3 examples/pathological/crash.py [--when after:N|fund:X|always] [--how exit|signal|stdout]
"""
import os
import signal
import sys
import time

from trigger import option, parse_when

import engine  # the Python example engine (examples/python)


def main():
    argv = sys.argv[1:]
    how = option(argv, "--how", "exit")
    when = parse_when(argv, "after:3")
    count = [0]

    def on_request(message, stdout):
        count[0] += 1
        if not when(message, count[0]):
            return False
        print("Traceback (most recent call last):", file=sys.stderr)
        print('  File "crash.py", line 1, in on_request', file=sys.stderr)
        print("ZeroDivisionError: request %s made the engine crash" % message.get("id"), file=sys.stderr, flush=True)
        if how == "signal":
            os.kill(os.getpid(), signal.SIGSEGV)
        if how == "stdout":
            stdout.flush()
            try:
                os.close(1)
            except OSError:
                pass
            while True:
                time.sleep(3600)
        os._exit(1)

    engine.serve(sys.stdin, sys.stdout, frozenset(), on_request)


if __name__ == "__main__":
    main()
