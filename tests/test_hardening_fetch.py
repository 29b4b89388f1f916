"""Fetching under hostile feeds and servers: no request reaches loopback, private or
link-local addresses, or a non-http(s) scheme, unless ``allow_private`` is given.

Without the guard (a plain ``httpx.Client``) each test's internal server is hit.
"""
from __future__ import annotations

import http.server
import threading

import pytest

from onrecord.ingest import netguard
from onrecord.ingest.archives import iter_sources
from onrecord.ingest.sources import fetch_url

LONG = "The minister said the plan would go ahead. " * 20


class _Server:
    """A loopback server that records every path it is asked for."""

    def __init__(self, host: str = "127.0.0.1", routes=None):
        self.hits: list[str] = []
        routes = routes or {}
        hits = self.hits

        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                status, headers, body = routes.get(self.path, (200, {}, b"<p>secret</p>"))
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.srv = http.server.ThreadingHTTPServer((host, 0), H)
        self.base = f"http://{host}:{self.srv.server_address[1]}"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


@pytest.fixture
def internal():
    s = _Server()
    yield s
    s.close()


def _feed(links: list[str]) -> bytes:
    items = "".join(f"<item><title>t{i}</title><link>{u}</link><description>teaser</description>"
                    "</item>" for i, u in enumerate(links))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}'
            "</channel></rss>").encode()


@pytest.mark.parametrize("addr", ["127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4",
                                  "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1",
                                  "fc00::1", "::ffff:127.0.0.1", "224.0.0.1", "240.0.0.1"])
def test_non_public_addresses_are_refused(addr):
    assert not netguard.address_is_public(addr)


def test_public_addresses_pass():
    assert netguard.address_is_public("93.184.216.34")
    assert netguard.address_is_public("2606:2800:220:1:248:1893:25c8:1946")


def test_feed_links_to_internal_addresses_are_not_fetched(internal, tmp_path):
    feed = tmp_path / "feed.xml"
    host_port = internal.base.split("//")[1]
    port = host_port.split(":")[1]
    links = [f"{internal.base}/api/documents", f"http://localhost:{port}/admin",
             f"http://2130706433:{port}/int", f"http://[::ffff:127.0.0.1]:{port}/mapped",
             "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
             "gopher://127.0.0.1:70/x"]
    feed.write_bytes(_feed(links))
    items = list(iter_sources([str(feed)]))
    assert len(items) == len(links)
    assert internal.hits == []
    for it in items:
        assert it.data is None and it.error is not None
        msg = str(it.error)
        assert "refused" in msg or "only http" in msg or "cannot fetch" in msg, msg
    assert "--allow-private" in str(items[0].error)
    # the same feed, for a local archive, with the guard lifted
    items = list(iter_sources([str(feed)], allow_private=True))
    assert "/api/documents" in internal.hits and items[0].error is None


def test_a_redirect_to_an_internal_address_is_refused(internal, monkeypatch):
    try:
        inner = _Server("127.0.0.2")
    except OSError:
        pytest.skip("127.0.0.2 cannot be bound here")
    try:
        outer = _Server(routes={"/r": (302, {"Location": inner.base + "/secret"}, b"")})
        try:
            # the outer server plays a public site: only 127.0.0.1 counts as public
            monkeypatch.setattr(netguard, "address_is_public", lambda ip: ip == "127.0.0.1")
            item = fetch_url(outer.base + "/r", timeout=5)
            assert outer.hits == ["/r"] and inner.hits == []
            assert item.data is None and "refused" in str(item.error)
            # a redirect to another scheme is refused whatever the policy
            outer2 = _Server(routes={"/f": (302, {"Location": "file:///etc/passwd"}, b"")})
            try:
                item = fetch_url(outer2.base + "/f", allow_private=True)
                assert item.data is None and item.error is not None
            finally:
                outer2.close()
        finally:
            outer.close()
    finally:
        inner.close()


def test_the_address_is_checked_again_when_the_connection_opens(internal, monkeypatch):
    """A name that resolves first to a public and then to an internal address (DNS
    rebinding) is checked at connection time too, and the socket connects to the
    address that passed that check."""
    port = int(internal.base.rsplit(":", 1)[1])
    answers = iter(["127.0.0.1", "10.9.9.9"])
    monkeypatch.setattr(netguard, "resolve", lambda host, p: [next(answers)])
    monkeypatch.setattr(netguard, "address_is_public", lambda ip: ip == "127.0.0.1")
    item = fetch_url(f"http://rebind.test:{port}/page", timeout=5)
    # request check took 127.0.0.1; the connection check asked again and got 10.9.9.9
    assert internal.hits == [] and "refused" in str(item.error)
