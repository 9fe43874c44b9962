#!/usr/bin/env python3
"""liqcheck protocol 1.1 over stdin/stdout for the Python example engine (docs/protocol.md).

    python3 examples/python/engine.py                      # the correct engine
    python3 examples/python/engine.py --bug one-lot-short  # a deliberately wrong one
    LIQENGINE_BUG=round-nearest python3 examples/python/engine.py
    python3 examples/python/engine.py --no-params-ref      # params inline in every request (as 1.0)

One JSON object per line each way; stdout carries protocol messages only, logs go to stderr.
Standard library only. With a 1.1 gate it announces params-ref: params sets arrive once per
session in `params` messages and are validated once, on first use (docs/protocol.md#params-sets).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from liqmodel import BUGS, ParamsSet, liquidate  # noqa: E402

NAME = "liqcheck-python-example"
VERSION = "1.0.0"
PROTOCOL = "1.1"
#: protocol features (not scenario features): only with a gate speaking 1.1 or newer
PARAMS_REF = "params-ref"
FEATURES = ["cross", "cross-multi", "isolated", "multi-group", "tiers", "price-impact", "dust", "penalty-steps", "inclusive-trigger"]


def parse_args(argv):
    """--bug NAME (repeatable, or comma-separated) and LIQENGINE_BUG; --no-params-ref. Returns
    (bugs, params_ref); unknown arguments and bug names are fatal."""
    names = [n for n in os.environ.get("LIQENGINE_BUG", "").split(",") if n]
    params_ref = True
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--bug" and args:
            names += [n for n in args.pop(0).split(",") if n]
        elif a.startswith("--bug="):
            names += [n for n in a[len("--bug="):].split(",") if n]
        elif a == "--no-params-ref":
            params_ref = False  # to measure what params-ref saves: params then come inline
        else:
            sys.exit("engine.py: unknown argument %r (usage: engine.py [--bug NAME] [--no-params-ref])" % a)
    unknown = [n for n in names if n not in BUGS]
    if unknown:
        sys.exit("engine.py: unknown bug %s; known: %s" % (", ".join(unknown), ", ".join(BUGS)))
    return frozenset(names), params_ref


def parse_bugs(argv):
    """The bugs named by argv and LIQENGINE_BUG (see parse_args)."""
    return parse_args(argv)[0]


def spoken_version(gate_version):
    """The version to answer a gate speaking gate_version: ours, or the gate's older minor; None
    for another major (docs/protocol.md#versioning)."""
    major, _, minor = gate_version.partition(".")
    ours_major, _, ours_minor = PROTOCOL.partition(".")
    if major != ours_major:
        return None
    if minor.isdigit() and int(minor) < int(ours_minor):
        return "%s.%s" % (major, int(minor))
    return PROTOCOL


def answer(message, bugs, session=None):
    """The reply to one gate message (a dict), or None when nothing is owed.

    session: this connection's params sets, {paramsId: ParamsSet}, or None for a stateless
    transport (HTTP), which then does not announce params-ref."""
    kind = message.get("type") if isinstance(message, dict) else None
    if kind == "hello":
        version = str(message.get("protocol", ""))
        spoken = spoken_version(version)
        if spoken is None:
            return {"type": "error", "id": None, "error": {"code": "unsupported-protocol", "message": "this engine speaks %s, not %s" % (PROTOCOL, version)}}
        name = NAME + ("+" + "+".join(sorted(bugs)) if bugs else "")
        features = FEATURES + [PARAMS_REF] if session is not None and spoken != "1.0" else FEATURES
        return {"type": "hello_ok", "name": name, "version": VERSION, "protocol": spoken, "policy": "minimal-close", "features": features, "spec": "1.0.0"}
    if kind == "params" and session is not None:
        pid = message.get("paramsId")
        if not (isinstance(pid, int) and not isinstance(pid, bool) and pid > 0):
            return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "params: paramsId must be a positive integer, received %r" % (pid,)}}
        session[pid] = ParamsSet(message.get("params"))  # replaces an older set of that id
        return None  # a params message is not answered
    if kind == "liquidate":
        rid = message.get("id")
        params_set = None
        if "paramsRef" in message:
            ref = message["paramsRef"]
            known = session is not None and isinstance(ref, int) and not isinstance(ref, bool)
            params_set = session.get(ref) if known else None
            if params_set is None:
                return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "unknown paramsRef %s: no params message defined it in this session" % json.dumps(ref)}}
            if isinstance(message.get("scenario"), dict) and "params" in message["scenario"]:
                return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "a request with paramsRef must not carry params"}}
        try:
            status, payload = liquidate(message.get("scenario"), bugs, params_set)
        except Exception as e:  # an engine bug: report it, keep serving
            print("engine.py: request %s: %r" % (rid, e), file=sys.stderr)
            return {"type": "error", "id": rid, "error": {"code": "internal", "message": "%s: %s" % (type(e).__name__, e)}}
        if status == "result":
            return {"type": "result", "id": rid, "result": payload}
        return {"type": "error", "id": rid, "error": payload}
    return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "unknown message type %r" % (kind,)}}


def inline(message, session):
    """A paramsRef request as the 1.0 request it stands for (params inline), for the hooks of the
    pathological engines; any other message unchanged."""
    ref = message.get("paramsRef")
    scenario = message.get("scenario")
    if session is None or not isinstance(ref, int) or isinstance(ref, bool) or ref not in session or not isinstance(scenario, dict):
        return message
    full = {k: v for k, v in message.items() if k != "paramsRef"}
    full["scenario"] = dict({"params": session[ref].raw}, **scenario)
    return full


#: most replies held back before they are written: while the engine computes the next ones, the
#: gate can already judge these
FLUSH_EVERY = 16

#: one encoder for every reply (json.dumps with options builds a new encoder on every call)
encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def lines_of(stdin):
    """Yields (line, more): each input line (bytes, or str from a stream without a binary buffer)
    and whether another complete line has been read already, so that the replies to a burst of
    requests can be written together (one system call, one wake-up of the gate) rather than one by
    one. Never waits for more input while a complete line is at hand."""
    read1 = getattr(getattr(stdin, "buffer", None), "read1", None)
    if read1 is None:
        for line in stdin:
            yield line, False
        return
    parts = []  # the incomplete line so far: joined once its newline arrives (no quadratic copy)
    while True:
        chunk = read1(1 << 16)
        if not chunk:
            break
        nl = chunk.rfind(b"\n")
        if nl < 0:
            parts.append(chunk)
            continue
        lines = (b"".join(parts) + chunk[:nl] if parts else chunk[:nl]).split(b"\n")
        parts = [chunk[nl + 1:]] if nl + 1 < len(chunk) else []
        last = len(lines) - 1
        for i, line in enumerate(lines):
            yield line, i < last
    if parts:
        yield b"".join(parts), False


def serve_replies(stdin, stdout, respond):
    """Answers every line of stdin until EOF: respond(message, flush) gives the reply to one parsed
    message (None: nothing owed); flush() writes the replies held so far, for a responder that
    writes to stdout itself. Replies to a burst of requests leave together
    (docs/protocol.md#pipelining)."""
    held = []  # replies not written yet

    def flush():
        if held:
            stdout.write("\n".join(held) + "\n")
            stdout.flush()
            del held[:]

    for line, more in lines_of(stdin):
        reply = None
        if line.strip():
            try:
                message = json.loads(line.decode("utf-8") if isinstance(line, bytes) else line)
            except ValueError as e:  # UnicodeDecodeError included
                reply = {"type": "error", "id": None, "error": {"code": "bad-request", "message": "not JSON: %s" % e}}
            else:
                reply = respond(message, flush)
        if reply is not None:
            held.append(encode(reply))
        if not more or len(held) >= FLUSH_EVERY:
            flush()
    flush()


def serve(stdin, stdout, bugs, on_request=None, params_ref=True):
    """Answers every line of stdin until EOF.

    on_request(message, stdout), called before each liquidate request is answered, lets the
    pathological engines misbehave; when it returns True the request is not answered normally.
    params_ref=False does not announce params-ref (every request then carries its params).
    """
    # params sets of this session (params-ref): forgotten when the process ends
    session = {} if params_ref else None

    def respond(message, flush):
        if on_request is not None and isinstance(message, dict) and message.get("type") == "liquidate":
            flush()  # the hook may write to stdout itself, stall, or end the process
            if on_request(inline(message, session), stdout):
                return None
        return answer(message, bugs, session)

    serve_replies(stdin, stdout, respond)


def answer_declaring(message, session, name, policy, liquidate, who):
    """The reply to one gate message for an engine that declares `policy` (a profile name or a wire
    policy) in its handshake and answers a scenario with liquidate(scenario, params_set) ->
    ("result", payload) | ("error", error); None when nothing is owed (a params message). `who`
    names the engine in its log lines."""
    kind = message.get("type") if isinstance(message, dict) else None
    if kind == "hello":
        spoken = spoken_version(str(message.get("protocol", "")))
        if spoken is None:
            return {"type": "error", "id": None, "error": {"code": "unsupported-protocol", "message": "this engine speaks 1.1"}}
        features = FEATURES + [PARAMS_REF] if spoken != "1.0" else FEATURES
        return {"type": "hello_ok", "name": name, "version": VERSION, "protocol": spoken, "policy": policy, "features": features, "spec": "1.0.0"}
    if kind == "params":
        pid = message.get("paramsId")
        if not (isinstance(pid, int) and not isinstance(pid, bool) and pid > 0):
            return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "params: paramsId must be a positive integer, received %r" % (pid,)}}
        session[pid] = ParamsSet(message.get("params"))
        return None
    if kind == "liquidate":
        rid = message.get("id")
        params_set = None
        if "paramsRef" in message:
            ref = message["paramsRef"]
            params_set = session.get(ref) if isinstance(ref, int) and not isinstance(ref, bool) else None
            if params_set is None:
                return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "unknown paramsRef %s" % json.dumps(ref)}}
            if isinstance(message.get("scenario"), dict) and "params" in message["scenario"]:
                return {"type": "error", "id": rid, "error": {"code": "bad-request", "message": "a request with paramsRef must not carry params"}}
        try:
            status, payload = liquidate(message.get("scenario"), params_set)
        except Exception as e:  # an engine bug: report it, keep serving
            print("%s: request %s: %r" % (who, rid, e), file=sys.stderr)
            return {"type": "error", "id": rid, "error": {"code": "internal", "message": "%s: %s" % (type(e).__name__, e)}}
        return {"type": "result", "id": rid, "result": payload} if status == "result" else {"type": "error", "id": rid, "error": payload}
    return {"type": "error", "id": None, "error": {"code": "bad-request", "message": "unknown message type %r" % (kind,)}}


def serve_declaring(name, policy, liquidate, who):
    """Serves stdin/stdout with answer_declaring; the params sets live as long as the process."""
    session = {}
    serve_replies(sys.stdin, sys.stdout, lambda message, _flush: answer_declaring(message, session, name, policy, liquidate, who))


def main():
    bugs, params_ref = parse_args(sys.argv[1:])
    if bugs:
        print("engine.py: running with bug(s) %s" % ", ".join(sorted(bugs)), file=sys.stderr)
    serve(sys.stdin, sys.stdout, bugs, params_ref=params_ref)


if __name__ == "__main__":
    main()
