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

import pathology


def crash(how):
    def misbehave(message, stdout):
        print("Traceback (most recent call last):", file=sys.stderr)
        print('  File "crash.py", line 1, in misbehave', file=sys.stderr)
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

    return misbehave


if __name__ == "__main__":
    argv = sys.argv[1:]
    how = pathology.option(argv, "--how", "exit")
    pathology.serve(argv, "after:3", crash(how))
