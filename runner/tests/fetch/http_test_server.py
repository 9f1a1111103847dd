#!/usr/bin/python3
"""HTTP server for the fetch and alert tests: serves the files of a directory
with the behaviours a download cache must cope with, records the POSTs that
webhook alerts send, and counts what it sent.

    http_test_server.py ROOT       prints "PORT <n>" once listening on 127.0.0.1

Paths (the last component is a file name under ROOT):
    /files/NAME                    ETag, Last-Modified, Range, If-Range, If-None-Match,
                                   If-Modified-Since (304)
    /drop-at-N-times-K/NAME        the first K answers stop after N body bytes and close
    /stall-at-N-times-K/NAME       the first K answers stop sending after N body bytes (30 s)
    /wrong-etag/NAME               like /files/ but the ETag is the MD5 of other bytes
    /truncated-P-times-K/NAME      the first K answers (K = 0: all) send only the first P% of the
                                   body, with a Content-Length that matches and the whole file's ETag
    /status-S-times-K/NAME         the first K answers are HTTP S with an S3-style XML
                                   error body (K = 0: always)
    /_stats/PATH                   what was served for /PATH: "requests", "body_bytes",
                                   "ranges" and "statuses" lines

POST (webhooks; the body is recorded, the answer is 200 "ok" unless):
    /status-S-times-K/...          the first K answers are HTTP S (K = 0: always)
    /no-answer/...                 never answers (the connection stays open 30 s)
    /_posts/PATH                   (GET) the POSTs received at /PATH, as a JSON list of
                                   {"headers": {name: value}, "body": text}
"""
import email.utils
import hashlib
import json
import os
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = sys.argv[1]
STATS = {}
POSTS = {}
LOCK = threading.Lock()
S3_CODES = {403: "AccessDenied", 404: "NoSuchKey", 429: "SlowDown", 500: "InternalError", 503: "SlowDown"}


def stats_for(path):
    return STATS.setdefault(path, {"requests": 0, "body_bytes": 0, "ranges": [], "statuses": []})


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def record(self, status, body_bytes=0):
        with LOCK:
            s = stats_for(self.path)
            s["statuses"].append(str(status))
            s["body_bytes"] += body_bytes

    def send_body(self, status, headers, body):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.record(status, len(body))  # before the answer: the client may ask for /_stats right after it
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with LOCK:
            s = stats_for(self.path)
            s["requests"] += 1
            count = s["requests"]
            POSTS.setdefault(self.path, []).append(
                {"headers": dict(self.headers.items()), "body": body.decode("utf-8", "replace")})
        directive = self.path.split("/")[1]
        if directive == "no-answer":
            time.sleep(30)
            self.close_connection = True
            return
        m = re.fullmatch(r"status-(\d+)-times-(\d+)", directive)
        if m and (int(m.group(2)) == 0 or count <= int(m.group(2))):
            self.send_body(int(m.group(1)), {"Content-Type": "text/plain"}, b"test server says no")
            return
        self.send_body(200, {"Content-Type": "text/plain"}, b"ok")

    def do_GET(self):
        if self.path.startswith("/_posts/"):
            with LOCK:
                text = json.dumps(POSTS.get(self.path[len("/_posts"):], []))
            self.send_body(200, {"Content-Type": "application/json"}, text.encode())
            return
        if self.path.startswith("/_stats/"):
            with LOCK:
                s = stats_for(self.path[len("/_stats"):])
                text = "requests %d\nbody_bytes %d\nranges %s\nstatuses %s\n" % (
                    s["requests"], s["body_bytes"], ",".join(s["ranges"]) or "-", ",".join(s["statuses"]) or "-")
            self.send_body(200, {"Content-Type": "text/plain"}, text.encode())
            return
        with LOCK:
            s = stats_for(self.path)
            s["requests"] += 1
            count = s["requests"]
            s["ranges"].append(self.headers.get("Range", "none"))
        parts = self.path.split("/")
        name = parts[-1]
        directive = parts[1] if len(parts) > 2 else ""
        m = re.fullmatch(r"status-(\d+)-times-(\d+)", directive)
        if m and (int(m.group(2)) == 0 or count <= int(m.group(2))):
            status = int(m.group(1))
            code = S3_CODES.get(status, "Error%d" % status)
            body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code>"
                    "<Message>test server says %d</Message></Error>" % (code, status)).encode()
            self.send_body(status, {"Content-Type": "application/xml"}, body)
            return
        drop_at = None
        m = re.fullmatch(r"(drop|stall)-at-(\d+)-times-(\d+)", directive)
        if m and count <= int(m.group(3)):
            drop_at = int(m.group(2))
        path = os.path.join(ROOT, name)
        try:
            with open(path, "rb") as f:
                data = f.read()
            mtime = os.stat(path).st_mtime
        except OSError:
            self.send_body(404, {}, b"<Error><Code>NoSuchKey</Code></Error>")
            return
        etag = '"%s"' % hashlib.md5(b"other" if directive == "wrong-etag" else data).hexdigest()
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": last_modified, "Accept-Ranges": "bytes"}
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (inm is not None and inm == etag) or (inm is None and ims is not None and
                                                 email.utils.parsedate_to_datetime(ims).timestamp() >= int(mtime)):
            self.send_response(304)
            for k, v in headers.items():
                self.send_header(k, v)
            self.record(304)
            self.end_headers()
            return
        status, start = 200, 0
        rng = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if rng and (if_range is None or if_range in (etag, last_modified)):
            start = int(re.fullmatch(r"bytes=(\d+)-", rng).group(1))
            if start >= len(data):
                self.send_body(416, {"Content-Range": "bytes */%d" % len(data)}, b"")
                return
            status = 206
            headers["Content-Range"] = "bytes %d-%d/%d" % (start, len(data) - 1, len(data))
        body = data[start:]
        m = re.fullmatch(r"truncated-(\d+)-times-(\d+)", directive)
        if m and (int(m.group(2)) == 0 or count <= int(m.group(2))):
            body = body[:len(body) * int(m.group(1)) // 100]
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.record(status, len(body) if drop_at is None else min(drop_at, len(body)))
        self.end_headers()
        if drop_at is not None:
            self.wfile.write(body[:drop_at])
            self.wfile.flush()
            if directive.startswith("stall"):
                time.sleep(30)
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        self.wfile.write(body)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("PORT %d" % server.server_address[1], flush=True)
server.serve_forever()
