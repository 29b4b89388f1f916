"""Smaller traps for a careless user: --version, full speaker ids, a mistyped --db, a
path-looking string given to onrecord.analyze, non-English input, the API docs' CDN
scripts and the Host header.  Each test fails on the old code."""
from __future__ import annotations

import warnings

import pytest
from conftest_pg import _rec, record_treaty
from typer.testing import CliRunner

import onrecord
from onrecord.cli import app
from onrecord.errors import InputError
from onrecord.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

RUSSIAN = ("Путин заявил, что переговоры с Украиной зашли в тупик. Министр иностранных дел "
           "Сергей Лавров сказал журналистам, что Москва готова к диалогу, но только на своих "
           "условиях. Представитель Кремля отказался комментировать сообщения о санкциях.\n")
FRENCH = ("Le président a déclaré mardi que le gouvernement allait présenter une nouvelle loi "
          "sur les retraites. Selon le ministre, cette réforme est nécessaire pour garantir "
          "l'avenir du système. Les syndicats ont annoncé une grève générale.\n")


def test_version():
    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == f"onrecord {onrecord.__version__}"


def test_speakers_lists_whole_ids(tmp_path):
    db = str(tmp_path / "s.db")
    long_id = "the-permanent-representative-of-the-russian-federation-to-the-united-nations"
    sp = {"id": long_id, "name": "The Permanent Representative of the Russian Federation to "
                                 "the United Nations", "role": "a very long role " * 4}
    text = "The envoy said the vote was a mistake."
    s = open_store(db)
    s.put(_rec(text, path="/a/envoy.txt", title="t", published="2021-01-01", speakers=[sp],
               atts=[("indirect", "the vote was a mistake", "said", "The envoy", long_id,
                      None)]))
    s.close()
    r = CliRunner().invoke(app, ["speakers", "--db", db])
    assert r.exit_code == 0, r.output
    assert long_id in r.output


@pytest.mark.parametrize("cmd", [["search", "treaty"], ["show", "1"], ["speakers"],
                                 ["export", "--format", "jsonl"], ["timeline"]])
def test_a_mistyped_db_is_an_error_not_a_new_store(tmp_path, cmd):
    missing = tmp_path / "typo.db"
    r = CliRunner().invoke(app, cmd + ["--db", str(missing)])
    assert r.exit_code != 0
    assert not missing.exists()
    assert "Traceback" not in r.output


def test_serve_refuses_a_missing_store(tmp_path, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)  # never listen in a test
    missing = tmp_path / "typo.db"
    r = CliRunner().invoke(app, ["serve", "--db", str(missing), "--port", "18999"])
    assert r.exit_code == 2 and "no store" in r.output and not missing.exists()


def test_analyze_refuses_a_missing_path_and_analyze_text_takes_text(nlp_loaded, tmp_path):
    for s in ("examples/seeds/nonexistent.txt", str(tmp_path / "nope.html"), "notes/page",
              "report.md"):
        with pytest.raises(InputError, match="no such file"):
            onrecord.analyze(s)
    rec = onrecord.analyze_text("examples/seeds/nonexistent.txt")
    assert rec.text == "examples/seeds/nonexistent.txt"
    assert onrecord.analyze("Lavrov said the talks failed.").attributions  # text still works


def test_non_english_text_gets_a_warning(nlp_loaded, tmp_path):
    for text in (RUSSIAN, FRENCH):
        rec = onrecord.analyze_text(text)
        assert any("English" in w for w in rec.warnings), rec.warnings
        assert rec.to_dict()["warnings"] == rec.warnings
    assert onrecord.analyze_text(record_treaty().text).warnings == []
    f = tmp_path / "ru.txt"
    f.write_text(RUSSIAN, encoding="utf-8")
    r = CliRunner().invoke(app, ["analyze", str(f)])
    assert r.exit_code == 0 and "warning" in r.output and "English" in r.output


@pytest.fixture
def db(tmp_path):
    url = str(tmp_path / "w.db")
    s = open_store(url)
    s.put(record_treaty())
    s.close()
    return url


def test_api_docs_are_off_by_default(db):
    from onrecord.serve.app import create_app

    with TestClient(create_app(db)) as c:
        for path in ("/docs", "/redoc"):
            r = c.get(path)
            assert r.status_code == 404 and "cdn" not in r.text.lower()
        assert c.get("/openapi.json").status_code == 200
    with TestClient(create_app(db, api_docs=True)) as c:
        assert c.get("/docs").status_code == 200


def test_host_header_is_checked(db):
    from onrecord.serve.app import create_app, default_allowed_hosts

    hosts = default_allowed_hosts("127.0.0.1", 8000)
    with TestClient(create_app(db, allowed_hosts=hosts), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/documents").status_code == 200
        assert c.get("/api/documents", headers={"host": "localhost:8000"}).status_code == 200
        r = c.get("/api/documents", headers={"host": "attacker.example"})
        assert r.status_code == 400
    assert default_allowed_hosts("0.0.0.0", 8000) == ["*"]
    with TestClient(create_app(db, allowed_hosts=["archive.example.org"]),
                    base_url="http://archive.example.org") as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/healthz", headers={"host": "127.0.0.1"}).status_code == 400


def test_no_server_paths_in_responses(tmp_path):
    from onrecord.serve.app import create_app

    secret = "/home/alice/private-archive/2021"
    url = str(tmp_path / "p.db")
    s = open_store(url)
    doc_id = s.put(record_treaty(path=f"{secret}/treaty.txt"))[1]
    s.close()
    with TestClient(create_app(url)) as c:
        bodies = [c.get(p).text for p in (
            "/api/documents", f"/api/documents/{doc_id}", "/api/statements?q=treaty",
            "/api/speakers/sergey-lavrov", "/api/timeline", f"/documents/{doc_id}",
            "/search?q=treaty", "/speakers/sergey-lavrov", "/")]
        for b in bodies:
            assert "private-archive" not in b and "/home/alice" not in b
        d = c.get(f"/api/documents/{doc_id}").json()
        assert d["key"] == "treaty.txt" and d["record"]["source"]["path"] == "treaty.txt"
