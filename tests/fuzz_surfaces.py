"""Hypothesis strategies and runners for the hostile surfaces: search queries (nested,
long, any characters), feeds whose links point at internal addresses, and analyses
sent in parallel to the HTTP API.  Shared by tests/test_fuzz.py and scripts/fuzz.py.

Each runner returns a result label or raises AssertionError (a crash or a hang).
"""
from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

from hypothesis import strategies as st

Q_PARTS = ["(", ")", "\"", "“", "-", "NOT ", " OR ", "|", "AND ", "*", "treaty", "Lavrov",
           "nucle*", " ", "'", "\\", "%", "_", "^", ":", "NEAR", "{", "}", "\x00", "é", "中"]
nested = st.integers(1, 2000).map(lambda n: "(" * n + "treaty" + ")" * n)
nested_not = st.integers(1, 800).map(lambda n: "a " + "-(" * n + "b" + ")" * n)
query_soup = st.lists(st.sampled_from(Q_PARTS), max_size=400).map("".join)
queries = st.one_of(nested, nested_not, query_soup, st.text(max_size=3000))
speaker_filters = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(
    ["US", "us", "Russia", "-", "?", " ", "%", "_", "Lavrov", "sergey-lavrov", "\\", "'"]),
    max_size=20).map("".join))

INTERNAL = ["http://127.0.0.1:{port}/secret", "http://localhost:{port}/secret",
            "http://[::1]:{port}/secret", "http://2130706433:{port}/secret",
            "http://0x7f000001:{port}/secret", "http://127.1:{port}/secret",
            "http://[::ffff:127.0.0.1]:{port}/secret", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1:{port}/", "http://192.168.1.1/", "file:///etc/passwd",
            "gopher://127.0.0.1:{port}/_x", "ftp://127.0.0.1/", "http://0.0.0.0:{port}/secret",
            "http://user@127.0.0.1:{port}/secret", "//127.0.0.1:{port}/secret",
            "http://127.0.0.1:{port}#@example.com/", "javascript:alert(1)", "data:text/html,x"]
feed_links = st.lists(st.sampled_from(INTERNAL), min_size=1, max_size=6)
feed_kind = st.sampled_from(["rss", "atom"])


class Canary:
    """A loopback server that must never be asked for anything."""

    def __init__(self):
        self.hits: list[str] = []
        hits = self.hits

        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"no")

            def log_message(self, *a):
                pass

        self.srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.port = self.srv.server_address[1]
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


def run_query(store, q: str, speaker: str | None = None) -> str:
    """A query and speaker filter give rows or a clear error, fast."""
    from onrecord.errors import OnrecordError

    t0 = time.monotonic()
    try:
        store.statements(q=q or None, speaker=speaker, limit=5)
        store.documents(q=q or None, limit=5)
        out = "ok"
    except OnrecordError as e:
        assert str(e) and "Traceback" not in str(e)
        out = "error"
    took = time.monotonic() - t0
    assert took < 5, f"took {took:.1f}s"
    return out


def run_feed(links: list[str], kind: str, canary: Canary, workdir: Path) -> str:
    """A feed whose entries link to internal addresses: nothing internal is fetched."""
    from onrecord.ingest.archives import iter_sources

    links = [u.format(port=canary.port) for u in links]
    if kind == "rss":
        items = "".join(f"<item><title>t</title><link>{_x(u)}</link><description>x"
                        "</description></item>" for u in links)
        xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'
    else:
        items = "".join(f'<entry><title>t</title><link href="{_x(u)}"/><summary>x</summary>'
                        "<id>x</id></entry>" for u in links)
        xml = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>{items}</feed>'
    path = workdir / f"feed-{time.monotonic_ns()}.xml"
    path.write_text(xml, encoding="utf-8")
    t0 = time.monotonic()
    got = list(iter_sources([str(path)], timeout=2))
    path.unlink()
    assert time.monotonic() - t0 < 30, "took too long"
    assert canary.hits == [], f"internal address fetched: {canary.hits}"
    assert all(i.data is None or b"no" != i.data for i in got)
    return "refused" if all(i.error is not None for i in got) else "ok"


def _x(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;")


def run_parallel_analyze(client, texts: list[str], read_limit: float = 1.0) -> str:
    """Analyses sent at once: each answers 200/422/503/504; a read meanwhile is fast."""
    results: list = [None] * len(texts)

    def post(i, t):
        try:
            results[i] = client.post("/api/analyze", json={"text": t}).status_code
        except Exception as e:  # noqa: BLE001 - reported as a crash below
            results[i] = repr(e)

    threads = [threading.Thread(target=post, args=(i, t)) for i, t in enumerate(texts)]
    for t in threads:
        t.start()
    t0 = time.monotonic()
    assert client.get("/api/documents").status_code == 200
    read = time.monotonic() - t0
    for t in threads:
        t.join(120)
        assert not t.is_alive(), "an analysis request hung"
    assert all(r in (200, 422, 503, 504) for r in results), results
    assert read < read_limit, f"took {read:.2f}s for a read during analyses"
    return "busy" if 503 in results else "ok"
