#!/usr/bin/python3
"""S3-like server for the signing tests: recomputes every request's AWS
Signature V4 with botocore's S3SigV4Auth and refuses mismatches, the way S3
does. (s3rver serves objects well but does not check signatures.)

    sigv4_test_server.py ROOT ACCESS_KEY SECRET REGION [SESSION_TOKEN]

GET /BUCKET/KEY serves ROOT/BUCKET/KEY when the request is signed with
ACCESS_KEY/SECRET for REGION (and carries SESSION_TOKEN when given).
Answers, as S3 would: 403 AccessDenied (unsigned), 403 InvalidAccessKeyId,
403 SignatureDoesNotMatch, 301 PermanentRedirect with x-amz-bucket-region
(signed for another region; for buckets named "endpoint-only-*" without the
header, naming the region only in <Endpoint>, as S3 sometimes does), 404 NoSuchKey. Prints "PORT <n>" once listening.
"""
import hashlib
import os
import re
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ROOT, ACCESS_KEY, SECRET, REGION = sys.argv[1:5]
TOKEN = sys.argv[5] if len(sys.argv) > 5 else None
AUTH_RE = re.compile(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/s3/aws4_request, "
                     r"SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, code, headers=None, extra=""):
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code>"
                "<Message>%s refused by the signing test server</Message>%s</Error>" % (code, code, extra)).encode()
        self.answer(status, body, headers)

    def expected_signature(self, region, signed_headers):
        request = AWSRequest(method="GET", url="http://%s%s" % (self.headers["Host"], self.path),
                             headers={name: self.headers.get(name, "") for name in signed_headers})
        request.context["timestamp"] = self.headers.get("x-amz-date", "")
        auth = S3SigV4Auth(Credentials(ACCESS_KEY, SECRET, TOKEN), "s3", region)
        canonical = auth.canonical_request(request)
        return auth.signature(auth.string_to_sign(request, canonical), request)

    def do_GET(self):
        m = AUTH_RE.match(self.headers.get("Authorization", ""))
        if not m:
            return self.error(403, "AccessDenied")
        key_id, _, region, signed, signature = m.groups()
        signed_headers = signed.split(";")
        if key_id != ACCESS_KEY:
            return self.error(403, "InvalidAccessKeyId")
        if region != REGION:
            bucket = self.path.split("/")[1]
            if bucket.startswith("endpoint-only-"):
                return self.error(301, "PermanentRedirect", {},
                                  "<Endpoint>%s.s3.%s.amazonaws.com</Endpoint>" % (bucket, REGION))
            return self.error(301, "PermanentRedirect", {"x-amz-bucket-region": REGION})
        if "x-amz-content-sha256" not in signed_headers or "host" not in signed_headers:
            return self.error(400, "InvalidRequest")
        if TOKEN is not None and ("x-amz-security-token" not in signed_headers or
                                  self.headers.get("x-amz-security-token") != TOKEN):
            return self.error(403, "InvalidToken")
        if self.expected_signature(region, signed_headers) != signature:
            return self.error(403, "SignatureDoesNotMatch")
        path = os.path.join(ROOT, urllib.parse.unquote(self.path.lstrip("/")))
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return self.error(404, "NoSuchKey")
        self.answer(200, data, {"ETag": '"%s"' % hashlib.md5(data).hexdigest()})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("PORT %d" % server.server_address[1], flush=True)
server.serve_forever()
