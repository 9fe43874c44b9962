#!/usr/bin/env python3
"""The Python example engine as an HTTP service (docs/protocol.md#http), standard library only.

    python3 examples/python/http_engine.py [--port 8080] [--host 127.0.0.1] [--bug NAME]

Every protocol message is POSTed as JSON to /liquidate; the reply is the response body. Batches of
up to 64 requests are accepted. With --port 0 the system picks a free port; the URL is printed on
stdout once the server listens, so a test can start it and read where it is.
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import engine  # noqa: E402  (the protocol answers of the stdio engine)

PATH = "/liquidate"
BATCH = 64
MAX_BODY = 64 * 1024 * 1024


def make_handler(bugs):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive

        def send(self, status, body):
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("content-length") or 0)
            if self.path != PATH or length > MAX_BODY:
                self.send(404 if self.path != PATH else 413, {"type": "error", "id": None, "error": {"code": "bad-request", "message": "POST messages to " + PATH}})
                return
            try:
                message = json.loads(self.rfile.read(length))
            except ValueError as e:
                self.send(400, {"type": "error", "id": None, "error": {"code": "bad-request", "message": "not JSON: %s" % e}})
                return
            if isinstance(message, dict) and message.get("type") == "batch" and isinstance(message.get("requests"), list):
                self.send(200, {"type": "batch_result", "replies": [engine.answer(r, bugs) for r in message["requests"]]})
                return
            reply = engine.answer(message, bugs)
            if reply.get("type") == "hello_ok":
                reply = dict(reply, batch=BATCH)
            self.send(200, reply)

        def log_message(self, fmt, *args):  # requests are not worth a log line each
            pass

    return Handler


def main():
    argv = sys.argv[1:]
    port, host = 8080, "127.0.0.1"
    rest = []
    while argv:
        a = argv.pop(0)
        if a == "--port" and argv:
            port = int(argv.pop(0))
        elif a == "--host" and argv:
            host = argv.pop(0)
        else:
            rest.append(a)
    bugs = engine.parse_bugs(rest)
    server = ThreadingHTTPServer((host, port), make_handler(bugs))
    url = "http://%s:%d%s" % (host, server.server_address[1], PATH)
    print("http_engine.py: listening on " + url, file=sys.stderr, flush=True)
    print(url, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
