"""Shared pytest fixtures."""
from conftest_pg import pg_server, pg_url, store_url  # noqa: F401  (PostgreSQL + store fixtures)


# ---- foundation fixtures (ingest / clean / cli tests) ---------------------
import os as _os
import threading as _threading
import time as _time
from http.server import BaseHTTPRequestHandler as _Handler, ThreadingHTTPServer as _Server
from pathlib import Path as _Path

import pytest as _pytest

ROOT = _Path(__file__).resolve().parents[1]
# The two seed pages ship with the repo, byte-identical to ../shared/corpus/seeds.
SEEDS = ROOT / "examples" / "seeds"
SEED_000 = SEEDS / "000_da6073b65d0faf15.txt"
SEED_002 = SEEDS / "002_075d34a81711b9ee.txt"
# The seeds' gold annotations (onrecord's own, 13 kB) ship with the tests, byte-identical to
# ../shared/data/seeds_gold.json (checked where ../shared, or ONRECORD_SHARED, is present).
# PolNeAR is not in the repo (copyrighted news, for research only) and no test needs it: the
# checks over it are benchmarks (bench/).
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds_gold.json"
SHARED = _Path(_os.environ.get("ONRECORD_SHARED") or ROOT.parent / "shared")

HTML_ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Senator Rejects Budget Deal | The Daily Ledger</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-05-04T09:30:00Z">
<meta property="og:title" content="Senator Rejects Budget Deal">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sports">Sports</a></li></ul></nav>
<header><h1>Senator Rejects Budget Deal</h1><p class="byline">By Jane Doe</p></header>
<article>
<p>Senator Maria Lopez on Monday rejected the budget agreement reached by negotiators late last
week, calling it "a gift to special interests that working families cannot afford."</p>
<p>"We were promised a fair deal, and this is not it," Lopez told reporters outside the Capitol.
She said she would vote against the measure and urged her colleagues to do the same.</p>
<p>The White House defended the agreement. Press secretary Tom Reed said the deal "protects the
programs Americans rely on" and predicted it would pass with support from both parties.</p>
<p>Negotiators spent three weeks on the package, which includes new funding for roads, bridges
and rural broadband, according to a summary released by the committee.</p>
</article>
<footer><p>© 2021 The Daily Ledger. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>
"""

PLAIN_ARTICLE = """Harbor Plan Clears Final Vote

By Jane Doe
March 3, 2021

The harbor commission voted 5-2 on Wednesday to approve a long-debated plan to dredge the
north channel, ending a fight that has divided the waterfront for more than two years.

"This is the most important vote this commission has taken in a decade," said commissioner
Ruth Alvarez, who sponsored the measure. "The port cannot grow without it."

Opponents, including several fishing families, argued that the work would harm the oyster beds
that have supported the town's economy for generations.

The plan now goes to the state for a permit, which officials expect by the end of the year.
"""


@_pytest.fixture(scope="session")
def seeds_dir() -> _Path:
    """The two seed pages bundled with the repo (examples/seeds).

    Where ../shared is present, the bundled pages must be byte-identical to its copies."""
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == [SEED_000.name, SEED_002.name]
    for page in (SEED_000, SEED_002):
        theirs = SHARED / "corpus" / "seeds" / page.name
        if theirs.exists():
            assert page.read_bytes() == theirs.read_bytes(), f"{page} differs from {theirs}"
    return SEEDS


def load_seeds_gold() -> dict:
    """The seeds' gold annotations (tests/data/seeds_gold.json): file name -> document gold.

    Where ../shared is present, the bundled copy must be byte-identical to its gold."""
    import json

    theirs = SHARED / "data" / "seeds_gold.json"
    if theirs.exists():
        assert SEEDS_GOLD.read_bytes() == theirs.read_bytes(), f"{SEEDS_GOLD} differs from {theirs}"
    return json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))["documents"]


@_pytest.fixture(scope="session")
def seeds_gold(seeds_dir) -> dict:
    """The seeds' gold: {"000_….txt": {"quotes": [...], "title": …, …}, "002_….txt": …}."""
    return load_seeds_gold()


class _SiteHandler(_Handler):
    routes: dict = {}

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path.startswith("/slow"):
            _time.sleep(3)
        route = self.routes.get(path)
        if route is None:
            body = b"<html><body><h1>Not Found</h1></body></html>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        status, ctype, body = route
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # client gave up (timeout test)
            pass


@_pytest.fixture(scope="session")
def http_site():
    """A local web server on 127.0.0.1: returns its base URL (no trailing slash).

    /article.html  an HTML news article       /note.txt   a plain-text article
    /empty.html    HTML with no text          /slow.txt   answers after 3 s
    anything else  404
    """
    routes = {
        "/article.html": (200, "text/html; charset=utf-8", HTML_ARTICLE.encode("utf-8")),
        "/note.txt": (200, "text/plain; charset=utf-8", PLAIN_ARTICLE.encode("utf-8")),
        "/empty.html": (200, "text/html", b"<html><head><title>x</title></head><body>"
                                          b"<div><img src='a.png'></div></body></html>"),
        "/slow.txt": (200, "text/plain", PLAIN_ARTICLE.encode("utf-8")),
    }
    handler = type("SiteHandler", (_SiteHandler,), {"routes": routes})
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = _threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@_pytest.fixture(scope="session")
def nlp_loaded():
    """Load the spaCy pipeline once per session (records need it)."""
    from onrecord.pipeline import get_nlp

    return get_nlp()


@_pytest.fixture(scope="module")
def web_page_records():
    """The record of a page of the web corpus (corpus/web/pages/NAME), analysed once per module."""
    import onrecord
    pages = _Path(__file__).resolve().parents[1] / "corpus" / "web" / "pages"
    cache: dict = {}

    def run(name):
        if name not in cache:
            cache[name] = onrecord.analyze(str(pages / name))
        return cache[name]
    return run
