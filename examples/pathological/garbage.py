#!/usr/bin/env python3
"""A pathological engine that breaks the protocol on stdout, --mode:

    non-json      a line that is not JSON instead of the reply (default)
    log-stdout    a log line on stdout before the reply (the classic mistake)
    partial       half of the reply, no newline, then exits
    unknown-id    the reply with an id that was never sent
    duplicate-id  the reply twice
    flood         a million junk lines
    huge-line     64 MiB without a newline
    bad-result    a reply whose "result" is not an object (the stream stays well-formed)
    bad-code      an error reply with an unknown code
    bad-hello     junk instead of hello_ok

on the requests chosen by --when (default: every one); the others are answered correctly.

    python3 examples/pathological/garbage.py [--mode M] [--when always|after:N|fund:X]
"""
import json
import os
import sys

import pathology


def garbage(mode):
    def misbehave(message, stdout):
        rid = message.get("id")
        reply = json.dumps(pathology.engine.answer(message, frozenset()), separators=(",", ":"))
        if mode == "non-json":
            stdout.write("this is not json\n")
        elif mode == "log-stdout":
            stdout.write("computing request %s\n%s\n" % (rid, reply))
        elif mode == "partial":
            stdout.write(reply[: len(reply) // 2])
            stdout.flush()
            os._exit(0)
        elif mode == "unknown-id":
            stdout.write(reply.replace('"id":%s,' % rid, '"id":%s,' % (rid + 1000000), 1) + "\n")
        elif mode == "duplicate-id":
            stdout.write(reply + "\n" + reply + "\n")
        elif mode == "flood":
            junk = "junk " * 20 + "\n"
            for _ in range(1000000):
                stdout.write(junk)
        elif mode == "huge-line":
            block = "x" * (1 << 20)
            for _ in range(64):
                stdout.write(block)
        elif mode == "bad-result":
            stdout.write(json.dumps({"type": "result", "id": rid, "result": "nope"}) + "\n")
        elif mode == "bad-code":
            stdout.write(json.dumps({"type": "error", "id": rid, "error": {"code": "oops", "message": "?"}}) + "\n")
        stdout.flush()
        return True

    return misbehave


MODES = ["non-json", "log-stdout", "partial", "unknown-id", "duplicate-id", "flood", "huge-line", "bad-result", "bad-code", "bad-hello"]

if __name__ == "__main__":
    argv = sys.argv[1:]
    mode = pathology.option(argv, "--mode", "non-json")
    if mode not in MODES:
        sys.exit("garbage.py: unknown --mode %r; known: %s" % (mode, ", ".join(MODES)))
    if mode == "bad-hello":
        sys.stdin.readline()
        sys.stdout.write("Starting engine v1.2 ...\n")
        sys.stdout.flush()
        sys.stdin.read()
    else:
        pathology.serve(argv, "always", garbage(mode))
