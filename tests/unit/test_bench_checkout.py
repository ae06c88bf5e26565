"""The checkout bench's timed submit sends what a browser would: the form, urlencoded, with the session's
cookies, and reports the status without following the redirect."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from bench.checkout import _PreparedPost


@pytest.fixture
def server():
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append({"path": self.path, "headers": dict(self.headers), "body": body})
            self.send_response(303)
            self.send_header("Location", "/s/shop/order/1/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd, seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_prepared_post_sends_the_form_and_the_cookies(server):
    httpd, seen = server
    port = httpd.server_address[1]
    url = f"http://127.0.0.1:{port}/s/shop/checkout/?step=2"
    form = {"csrfmiddlewaretoken": "abc", "customer_name": "Asha Rao", "delivery_address": "12 MG Road, #4 & 5"}
    post = _PreparedPost(url, {"sessionid": "s1", "csrftoken": "abc"}, form)

    assert post.send() == 303

    [request] = seen
    assert request["path"] == "/s/shop/checkout/?step=2"
    assert request["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert request["headers"]["Cookie"] == "sessionid=s1; csrftoken=abc"
    assert {k: v[0] for k, v in parse_qs(request["body"].decode()).items()} == form


def test_prepared_post_raises_a_connection_error_when_nothing_listens():
    with socket.socket() as probe:  # a port that was free a moment ago, with nothing listening on it now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(OSError):
        _PreparedPost(f"http://127.0.0.1:{port}/checkout/", {}, {"a": "1"}).send(timeout=2)
