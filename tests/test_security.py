"""The web surface under hostile use: escaping + CSP, search errors, path traversal,
body limits and write endpoints on public addresses.

Each test would fail without its protection: autoescaping and the CSP header;
the query parser (FTS5 would raise ``OperationalError`` → 500); Starlette's
static-file containment and typed ids; the ``BodyLimit`` middleware; the write
guard of ``create_app(host=…, token=…)``.
"""
from __future__ import annotations

import asyncio
import json
import re
import warnings

import pytest
from conftest_pg import _rec, record_treaty
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "\"><svg onload=alert(3)>",
       "</title><script>alert(4)</script>", "javascript:alert(5)", "</script><script>alert(6)"]
RAW = ["<script>alert", "<img src=x", "<svg onload", "</script><script>"]
TOKEN = "correct-horse-battery-staple-42"


def record_hostile():
    text = ("Hostile page <script>alert(1)</script>\n\n"
            "Evil <img src=x onerror=alert(2)> Person said \"the </script><script>alert(6) is "
            "harmless\" to reporters. "
            "The author adds \"><svg onload=alert(3)> and </title><script>alert(4)</script> "
            "and a link javascript:alert(5).")
    evil = {"id": "evil-person", "name": "Evil <img src=x onerror=alert(2)> Person",
            "role": "<script>alert(1)</script>", "aliases": []}
    return _rec(text, path="/archive/hostile.html", title="</title><script>alert(4)</script>",
                published="2022-01-01", speakers=[evil],
                atts=[("direct", "the </script><script>alert(6) is harmless", "said",
                       "Evil <img src=x onerror=alert(2)> Person", "evil-person", None)],
                author_sentences=["The author adds \"><svg onload=alert(3)> and "
                                  "</title><script>alert(4)</script> and a link "
                                  "javascript:alert(5)."])


def _client(store_url, **kw):
    from onrecord.serve.app import create_app

    return TestClient(create_app(store_url, **kw), raise_server_exceptions=False)


@pytest.fixture
def sqlite_url(tmp_path):
    url = str(tmp_path / "sec.db")
    s = open_store(url)
    s.put(record_treaty())
    s.put(record_hostile())
    s.close()
    return url


@pytest.fixture
def client(sqlite_url):
    with _client(sqlite_url, max_body=20_000) as c:
        yield c


# ---------------------------------------------------------------- escaping + CSP

def _assert_escaped(r):
    assert r.status_code == 200, r.status_code
    for raw in RAW:
        assert raw not in r.text, f"unescaped {raw!r} in {r.url}"
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_hostile_text_is_escaped_on_every_page(client):
    doc = next(d for d in client.get("/api/documents").json() if d["published"] == "2022-01-01")
    page = client.get(f"/documents/{doc['id']}")
    _assert_escaped(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&lt;img src=x onerror=alert(2)&gt;" in page.text
    # the embedded attribution JSON cannot close its <script> element
    m = re.search(r'<script type="application/json" id="attributions">(.*?)</script>',
                  page.text, re.S)
    assert m and "<" not in m.group(1)
    data = json.loads(m.group(1))
    assert any("<img src=x" in (a["speaker"] or "") for a in data.values())
    for url in ("/", "/speakers", "/speakers/evil-person", "/search?q=harmless",
                "/search?q=hostile&what=documents", "/search?speaker=evil"):
        _assert_escaped(client.get(url))
    # the query itself is echoed into the search form escaped
    r = client.get("/search", params={"q": '"><script>alert(7)</script>'})
    assert "<script>alert(7)" not in r.text


def test_api_returns_json_never_html(client):
    r = client.get("/api/speakers/evil-person")
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["name"] == "Evil <img src=x onerror=alert(2)> Person"  # data kept verbatim


# ---------------------------------------------------------------- search input

BAD_QUERIES = ["treaty OR", "OR treaty", '"unclosed phrase', "(treaty", "treaty)", "-treaty",
               "NOT treaty", "()", "*", "treaty OR OR nuclear"]
SQL_LIKE = ["'; DROP TABLE documents; --", "\" OR 1=1 --", "treaty' OR '1'='1",
            "1; DELETE FROM statements", "NEAR(treaty nuclear)", "content:treaty", "{treaty}",
            "^treaty", "treaty:*", "\x00treaty", "treaty\\", "%' OR 1=1 --", "_%", "a\"b\"c\"",
            "' UNION SELECT record FROM documents --", "treaty -", "treaty NEAR/2 nuclear"]


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_query_syntax_errors_give_400_with_a_message(client, q):
    for path in ("/api/statements", "/api/documents"):
        r = client.get(path, params={"q": q})
        assert r.status_code == 400, (path, q, r.status_code, r.text)
        assert "invalid search query" in r.json()["detail"]
    r = client.get("/search", params={"q": q})
    assert r.status_code == 400 and "invalid search query" in r.text
    r = client.get("/search", params={"q": q, "what": "documents"})
    assert r.status_code == 400 and "invalid search query" in r.text


def test_sql_like_input_is_data_not_sql(store_url):
    """On SQLite and PostgreSQL: 200 or a clear 400, never 500; the tables are untouched."""
    s = open_store(store_url)
    s.put(record_treaty())
    s.put(record_hostile())
    before = s.counts()
    s.close()
    with _client(store_url) as c:
        for q in SQL_LIKE + BAD_QUERIES:
            for path, params in (("/api/statements", {"q": q}), ("/api/documents", {"q": q}),
                                 ("/api/statements", {"speaker": q}), ("/api/speakers", {"q": q}),
                                 ("/search", {"q": q}), ("/search", {"q": q, "what": "documents"}),
                                 ("/search", {"speaker": q}), ("/speakers", {"q": q})):
                r = c.get(path, params=params)
                assert r.status_code in (200, 400), (path, params, r.status_code, r.text[:300])
                if r.status_code == 400 and path.startswith("/api"):
                    assert r.json()["detail"]
        for params in ({"since": "2020-13-45"}, {"until": "'; --"}, {"kind": "x' OR 1=1"}):
            assert c.get("/api/statements", params=params).status_code == 400
            assert c.get("/search", params=params).status_code == 400
        assert c.get("/api/stats").json() == before
        assert c.get("/api/statements", params={"q": "treaty"}).json()


FTS_CHARS = st.sampled_from(list("\"'()*-^:{}[]\\%_;.,+~|&!?<>= \t\n\x00") +
                            ["OR", "AND", "NOT", "NEAR", " OR ", "treaty", "a", "é", "\u201c"])


@pytest.fixture(scope="module")
def shared_client(tmp_path_factory):
    url = str(tmp_path_factory.mktemp("sec") / "fuzz.db")
    s = open_store(url)
    s.put(record_treaty())
    s.put(record_hostile())
    s.close()
    with _client(url) as c:
        yield c


def test_any_search_text_gives_200_or_400(shared_client):
    c = shared_client

    @settings(max_examples=120, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.lists(FTS_CHARS, max_size=20).map("".join), st.text(max_size=40)))
    def check(q):
        for path in ("/api/statements", "/api/documents"):
            r = c.get(path, params={"q": q})
            assert r.status_code in (200, 400), (q, r.status_code, r.text[:300])
        r = c.get("/search", params={"q": q})
        assert r.status_code in (200, 400), (q, r.status_code)

    check()


# ---------------------------------------------------------------- path traversal

def _raw_get(app, raw_path: bytes):
    """Send a request with exactly this path, as uvicorn would pass it (no client-side
    normalisation of ``..`` or percent-escapes)."""
    from urllib.parse import unquote

    path_part, _, query = raw_path.partition(b"?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": unquote(path_part.decode("latin-1")),
             "raw_path": path_part, "query_string": query, "root_path": "",
             "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 8000)}
    out = {"status": None, "body": b""}

    async def run():
        done = asyncio.Event()
        requested = []

        async def receive():
            if requested:  # the client stays connected until the response is complete
                await done.wait()
                return {"type": "http.disconnect"}
            requested.append(1)
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(msg):
            if msg["type"] == "http.response.start":
                out["status"] = msg["status"]
            elif msg["type"] == "http.response.body":
                out["body"] += msg.get("body", b"")
                if not msg.get("more_body"):
                    done.set()

        await app(scope, receive, send)

    asyncio.run(run())
    return out["status"], out["body"]


TRAVERSAL = [
    b"/static/../app.py", b"/static/../../store/core.py", b"/static/%2e%2e/app.py",
    b"/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", b"/static/..%2fapp.py",
    b"/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", b"/static/%2fetc%2fpasswd",
    b"/static//etc/passwd", b"/static/..%5capp.py", b"/static/....//app.py",
    b"/static/%252e%252e/app.py", b"/static/%c0%ae%c0%ae/app.py", b"/static/templates/../app.py",
    b"/documents/..%2f..%2f..%2fetc%2fpasswd", b"/documents/../../etc/passwd",
    b"/api/documents/..%2F..%2Fetc%2Fpasswd", b"/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    b"/speakers/..%2f..%2f..%2fetc%2fpasswd", b"/api/speakers/../../etc/passwd",
    b"/api/speakers/%2e%2e%2f%2e%2e%2fetc%2fpasswd", b"/../../etc/passwd",
    b"/%2e%2e/%2e%2e/etc/passwd", b"/search/../../etc/passwd", b"/documents/1/../../../etc/passwd",
]


def test_no_path_traversal_through_any_route(sqlite_url):
    from onrecord.serve.app import create_app

    app = create_app(sqlite_url)
    status, body = _raw_get(app, b"/static/style.css")
    assert status == 200 and body  # the static route itself works
    for raw in TRAVERSAL:
        status, body = _raw_get(app, raw)
        assert status in (400, 404, 405, 422), (raw, status, body[:200])
        assert b"root:" not in body and b"create_app" not in body and b"import " not in body, raw
    # a document id that is a path is looked up among stored documents, never read from disk
    s = open_store(sqlite_url)
    assert s.find_document("../../../../etc/passwd") is None
    assert s.find_document("/etc/passwd") is None
    s.close()
    app.state.store.close()


# ---------------------------------------------------------------- body size

def test_request_body_limit_declared_and_streamed(sqlite_url):
    with _client(sqlite_url, max_body=10_000) as c:
        big = json.dumps({"text": "x" * 20_000}).encode()
        r = c.post("/api/analyze", content=big, headers={"content-type": "application/json"})
        assert r.status_code == 413 and "larger than the limit" in r.json()["detail"]

        def chunks():  # no Content-Length: the limit is enforced while reading
            yield b'{"text": "'
            for _ in range(40):
                yield b"y" * 1000
            yield b'"}'
        r = c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        # a lying Content-Length does not get a bigger body through either
        r = c.post("/api/analyze", content=chunks(),
                   headers={"content-type": "application/json", "content-length": "20"})
        assert r.status_code in (400, 413, 422)
        assert c.post("/api/analyze", json={"text": ""}).status_code == 422  # small bodies pass


# ---------------------------------------------------------------- write endpoints

def test_loopback_detection():
    from onrecord.serve.app import is_loopback

    for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST", None):
        assert is_loopback(h), h
    for h in ("0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "", "8.8.8.8"):
        assert not is_loopback(h), h


def test_writes_are_off_on_a_public_address_without_token(sqlite_url):
    with _client(sqlite_url, host="0.0.0.0") as c:
        assert c.app.state.writes_enabled is False
        r = c.post("/api/analyze", json={"text": "He said hello."})
        assert r.status_code == 403 and "--token" in r.json()["detail"]
        assert c.get("/api/stats").status_code == 200  # reading stays open
        assert c.get("/").status_code == 200
    for host in ("::", "192.168.1.10", "example.org"):
        with _client(sqlite_url, host=host) as c:
            assert c.post("/api/analyze", json={"text": "x"}).status_code == 403


def test_a_token_guards_writes(sqlite_url, nlp_loaded):
    text = "Sergey Lavrov said Moscow was ready to talk."
    for host in ("0.0.0.0", "127.0.0.1"):  # a token applies on any address
        with _client(sqlite_url, host=host, token=TOKEN) as c:
            assert c.post("/api/analyze", json={"text": text}).status_code == 401
            for bad in ("Bearer wrong", "Bearer ", TOKEN, "Basic " + TOKEN,
                        "Bearer " + TOKEN[:-1]):
                r = c.post("/api/analyze", json={"text": text}, headers={"authorization": bad})
                assert r.status_code == 401, bad
            r = c.post("/api/analyze", json={"text": text},
                       headers={"authorization": "Bearer " + TOKEN})
            assert r.status_code == 200 and r.json()["text"] == text
            r = c.post("/api/analyze", json={"text": text}, headers={"x-onrecord-token": TOKEN})
            assert r.status_code == 200
            assert c.get("/api/stats").status_code == 200  # reads need no token
    with _client(sqlite_url, host="127.0.0.1") as c:  # the local default stays open
        assert c.post("/api/analyze", json={"text": text}).status_code == 200


def test_serve_command_configures_the_guard(sqlite_url, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from onrecord.cli import app as cli

    apps = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: apps.append((application, kw)))
    monkeypatch.delenv("ONRECORD_TOKEN", raising=False)
    runner = CliRunner()
    r = runner.invoke(cli, ["serve", "--db", sqlite_url, "--host", "0.0.0.0"])
    assert r.exit_code == 0, r.output
    assert "disabled" in r.output
    a, kw = apps[-1]
    assert kw["host"] == "0.0.0.0" and a.state.writes_enabled is False
    r = runner.invoke(cli, ["serve", "--db", sqlite_url, "--host", "0.0.0.0"],
                      env={"ONRECORD_TOKEN": TOKEN})
    assert r.exit_code == 0, r.output
    a, _ = apps[-1]
    assert a.state.writes_enabled and a.state.token_required
    r = runner.invoke(cli, ["serve", "--db", sqlite_url, "--host", "0.0.0.0", "--token", "short"])
    assert r.exit_code == 2 and "at least 16" in r.output
    r = runner.invoke(cli, ["serve", "--db", sqlite_url])
    a, kw = apps[-1]
    assert kw["host"] == "127.0.0.1" and a.state.writes_enabled and not a.state.token_required
    for application, _ in apps:
        application.state.store.close()
