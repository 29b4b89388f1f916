"""The HTTP API and server-rendered pages (FastAPI TestClient), on SQLite and PostgreSQL."""
from __future__ import annotations

import warnings

import pytest
from conftest_pg import record_sanctions, record_treaty, record_undated

from onrecord.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def client(store_url):
    from onrecord.serve.app import create_app

    s = open_store(store_url)
    for r in (record_treaty(), record_sanctions(), record_undated()):
        s.put(r)
    s.close()
    with TestClient(create_app(store_url, max_body=20_000)) as c:
        yield c


def test_documents_api(client):
    docs = client.get("/api/documents").json()
    assert [d["published"] for d in docs] == ["2021-03-01", "2020-11-17", None]
    d = client.get(f"/api/documents/{docs[1]['id']}").json()
    assert d["record"]["schema"] == "onrecord/1"
    assert d["record"]["text"] == record_treaty().text
    assert client.get("/api/documents/9999").status_code == 404
    assert [x["title"] for x in client.get("/api/documents", params={"q": "posturing"}).json()] \
        == ["Arms control talks stall"]


def test_statements_api_filters(client):
    rows = client.get("/api/statements", params={"q": "treaty", "speaker": "Lavrov"}).json()
    assert len(rows) == 2 and {r["speaker_name"] for r in rows} == {"Sergey Lavrov"}
    assert len(client.get("/api/statements", params={"kind": "direct"}).json()) == 2
    assert len(client.get("/api/statements", params={"since": "2021-01-01"}).json()) == 2
    r = client.get("/api/statements", params={"q": '"unclosed'})
    assert r.status_code == 400 and "never closed" in r.json()["detail"]
    r = client.get("/api/statements", params={"since": "yesterday"})
    assert r.status_code == 400 and "invalid date" in r.json()["detail"]


def test_speakers_api(client):
    sp = client.get("/api/speakers").json()
    assert sp[0] == {"id": "sergey-lavrov", "name": "Sergey Lavrov", "type": "person",
                     "role": "Russian Foreign Minister", "aliases": ["Lavrov"],
                     "n_statements": 4, "n_documents": 2}
    one = client.get("/api/speakers/sergey-lavrov").json()
    assert one["n_statements"] == 4 and len(one["statements"]) == 4
    assert one["talks_about"] == [{"id": "mike-pompeo", "name": "Mike Pompeo", "n": 2}]
    assert client.get("/api/speakers/nobody").status_code == 404


def test_openapi_describes_typed_responses(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/speakers",
                 "/api/speakers/{speaker_id}", "/api/statements", "/api/analyze"):
        assert path in spec["paths"]
    schemas = spec["components"]["schemas"]
    assert {"Statement", "SpeakerDetail", "DocumentDetail", "RecordOut"} <= set(schemas)
    assert "speaker_name" in schemas["Statement"]["properties"]


def test_security_headers_and_escaping(client):
    docs = client.get("/api/documents").json()
    sanctions = next(d for d in docs if d["published"] == "2021-03-01")
    r = client.get(f"/documents/{sanctions['id']}")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in r.text
    assert "&lt;b&gt;earlier rounds&lt;/b&gt;" in r.text


def test_pages_render(client):
    assert "Arms control talks stall" in client.get("/").text
    assert "Sergey Lavrov" in client.get("/speakers").text
    page = client.get("/speakers/sergey-lavrov").text
    assert "Russian Foreign Minister" in page and "Mike Pompeo" in page
    res = client.get("/search", params={"q": "treaty", "speaker": "lavrov"})
    assert res.status_code == 200 and "2 results" in res.text
    bad = client.get("/search", params={"q": "treaty OR"})
    assert bad.status_code == 400 and "OR must stand between two terms" in bad.text
    assert client.get("/documents/424242").status_code == 404
    assert client.get("/speakers/no-such-person").status_code == 404
    assert client.get("/static/style.css").status_code == 200


def test_analyze_body_limit(client):
    r = client.post("/api/analyze", json={"text": "x" * 30_000})
    assert r.status_code == 413 and "larger than the limit" in r.json()["detail"]
    assert client.post("/api/analyze", json={"text": ""}).status_code == 422


def test_analyze_returns_record(client):
    text = ('Foreign Minister Sergey Lavrov said on Monday that Moscow was ready to talk. '
            '"We are open to dialogue," Lavrov told reporters.')
    r = client.post("/api/analyze", json={"text": text})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["schema"] == "onrecord/1" and rec["text"] == text
    got = [(a["kind"], a["content"]["text"], a["cue"]["text"], a["source"]["text"],
            a["speaker"]["name"]) for a in rec["attributions"]]
    assert got == [
        ("indirect", "that Moscow was ready to talk", "said", "Foreign Minister Sergey Lavrov",
         "Sergey Lavrov"),
        ("direct", '"We are open to dialogue,"', "told", "Lavrov", "Sergey Lavrov")]
    for a in rec["attributions"]:
        for part in ("content", "cue", "source"):
            span = a[part]
            assert rec["text"][span["start"]:span["end"]] == span["text"], (part, span)
    # a path is analysed as text, never read from the server's disk
    r = client.post("/api/analyze", json={"text": "/etc/passwd"})
    assert "root:" not in r.text
