#!/usr/bin/env python3
"""A pathological engine that leaves helpers behind: before answering the handshake it starts two
helper processes that sleep for 60 s, both outside its process group, so that killing the engine's
group does not reach them:

    setsid       a child that calls setsid() (a session and process group of its own)
    double-fork  a grandchild in a new session, re-parented (to init or a subreaper) at once,
                 because the child between them exits: it is no longer the engine's descendant

Then it answers like the correct Python example, or crashes (exits with code 1) on the requests
chosen by --when.

    python3 examples/pathological/setsid_helper.py [--pids FILE] [--clean-env] [--when after:N|fund:X|always]

--pids FILE   appends one line per helper, "ENGINE_PID KIND HELPER_PID", for a test to check
--clean-env   the setsid helper execs sleep with an empty environment, so that only its parent
              link (while the engine runs) identifies it
"""
import os
import shutil
import sys
import time

import pathology

HELPER_SECONDS = 60


def detach_stdio():
    """Points stdin, stdout and stderr at /dev/null, as a daemon does (the gate's pipes stay free)."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)


def record(pids_file, kind, pid):
    if pids_file is not None:
        with open(pids_file, "a") as f:
            f.write("%d %s %d\n" % (os.getpid() if kind == "setsid" else os.getppid(), kind, pid))


def start_setsid_helper(pids_file, clean_env):
    pid = os.fork()
    if pid == 0:
        os.setsid()
        detach_stdio()
        if clean_env:
            os.execve(shutil.which("sleep") or "/bin/sleep", ["sleep", str(HELPER_SECONDS)], {})
        time.sleep(HELPER_SECONDS)
        os._exit(0)
    record(pids_file, "setsid", pid)


def start_double_fork_helper(pids_file):
    child = os.fork()
    if child == 0:
        os.setsid()
        grandchild = os.fork()
        if grandchild == 0:
            detach_stdio()
            time.sleep(HELPER_SECONDS)
            os._exit(0)
        record(pids_file, "double-fork", grandchild)
        os._exit(0)
    os.waitpid(child, 0)


def crash(message, stdout):
    print("setsid_helper.py: crashing on request %s, leaving the helpers behind" % message.get("id"), file=sys.stderr, flush=True)
    os._exit(1)


if __name__ == "__main__":
    argv = sys.argv[1:]
    pids_file = pathology.option(argv, "--pids", None)
    clean_env = "--clean-env" in argv
    if clean_env:
        argv.remove("--clean-env")
    sys.stdout.flush()
    start_setsid_helper(pids_file, clean_env)
    start_double_fork_helper(pids_file)
    if "--when" in argv:
        pathology.serve(argv, "always", crash)
    else:
        pathology.serve(argv, "always", lambda message, stdout: False)
