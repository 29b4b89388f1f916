"""Timeline, contradictions, network and duplicates on a SQLite store: functions, CLI, web."""
from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def records():
    if not SEEDS.is_dir():
        pytest.skip("seeds not found")
    from onrecord.pipeline import analyze_many

    # seed 000 gives no year: the author profile does (the same on every run)
    return [o.record for o in analyze_many(sorted(SEEDS.glob("*.txt")),
                                           author_years={"stephen lendman": 2020})]


@pytest.fixture(scope="module")
def db(records, tmp_path_factory):
    from onrecord.store import open_store

    path = str(tmp_path_factory.mktemp("store") / "t.db")
    with open_store(path) as store:
        for r in records:
            store.put(r)
        # a syndicated copy of seed 002 (another site, a line changed)
        syn = copy.deepcopy(records[1].to_dict())
        syn["source"] = {"url": "https://mirror.example/lavrov", "path": None, "sha256": "x" * 64}
        syn["text"] = syn["text"].replace("Things look more negative than positive.",
                                          "Things look rather negative.")
        store.put(syn)
    return path


def _store_records(db):
    from onrecord.events.cross import iter_store_records
    from onrecord.store import open_store

    store = open_store(db)
    try:
        return list(iter_store_records(store))
    finally:
        store.close()


def test_timeline_from_store(db):
    from onrecord.events.cross import timeline

    rows = timeline(_store_records(db), actor="Azerbaijan")
    types = [(r["type"], r["actor"], r["target"], r["date"]) for r in rows]
    assert ("accuse", "armenia", "azerbaijan", "2020-10-31") in types
    assert ("deny", "azerbaijan", "armenia", "2020-10-31") in types
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated)
    assert all(r["doc_id"] for r in rows)
    lav = timeline(_store_records(db), speaker="Lavrov")
    assert lav and all("lavrov" in (r["actor"] or "") or r["attribution"] for r in lav)


def test_contradictions_from_store(db):
    from onrecord.events.cross import contradictions

    pairs = contradictions(_store_records(db))
    p = next(p for p in pairs if p["accuser"] == "armenia" and p["accused"] == "azerbaijan")
    assert "white phosphorous" in p["accusation"]["evidence"]
    assert "Baku denied" in p["denial"]["evidence"]
    assert p["same_document"] and p["days_apart"] == 0


def test_network_csv_and_graphml(records):
    import networkx as nx

    from onrecord.events.cross import network_csv, network_graphml

    rows = list(csv.DictReader(io.StringIO(network_csv(records))))
    edges = {(r["source"], r["target"]): r for r in rows}
    assert "accuse" in edges[("armenia", "azerbaijan")]["event_types"]
    assert int(edges[("maria-zakharova", "united-states")]["statements"]) >= 1
    g = nx.parse_graphml(network_graphml(records))
    assert g.has_edge("armenia", "azerbaijan") and g.nodes["armenia"]["name"] == "Armenia"


def test_duplicates_find_the_syndicated_copy(db):
    from onrecord.events.cross import duplicates

    pairs = duplicates(_store_records(db))
    assert len(pairs) == 1
    p = pairs[0]
    assert p["similarity"] > 0.9
    assert {p["a"]["title"], p["b"]["title"]} == {"More Straight Talk from Sergey Lavrov"}


def test_cli_commands(db, tmp_path):
    from onrecord.cli import app

    r = runner.invoke(app, ["timeline", "--db", db, "--actor", "armenia", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert any(x["type"] == "accuse" for x in rows)
    r = runner.invoke(app, ["timeline", "--db", db, "--speaker", "Lavrov"])
    assert r.exit_code == 0 and "call_for" in r.stdout
    r = runner.invoke(app, ["contradictions", "--db", db])
    assert r.exit_code == 0 and "Armenia accuses Azerbaijan" in r.stdout
    out = tmp_path / "net.graphml"
    r = runner.invoke(app, ["network", "--db", db, "--format", "graphml", "--out", str(out)])
    assert r.exit_code == 0 and out.read_text().startswith("<graphml")
    r = runner.invoke(app, ["network", "--db", db, "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.startswith("source,source_name,target")
    r = runner.invoke(app, ["duplicates", "--db", db, "--format", "json"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 1
    r = runner.invoke(app, ["network", "--db", db, "--format", "dot"])
    assert r.exit_code == 2


def test_cli_reads_analyze_output(records, tmp_path):
    from onrecord.cli import app

    for i, rec in enumerate(records):
        (tmp_path / f"{i}.json").write_text(json.dumps(rec.to_dict()), encoding="utf-8")
    r = runner.invoke(app, ["contradictions", "--records", str(tmp_path), "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)


def test_web_timeline(db):
    from fastapi.testclient import TestClient

    from onrecord.serve.app import create_app
    from onrecord.serve.timeline import router

    app = create_app(db)
    if not any(getattr(rt, "path", None) == "/timeline" for rt in app.routes):
        app.include_router(router)
    with TestClient(app) as c:
        r = c.get("/timeline", params={"actor": "Azerbaijan"})
        assert r.status_code == 200
        assert "Baku denied the accusation" in r.text and "Contradictions" in r.text
        assert "relative:&#39;On Saturday&#39;" in r.text or "relative:'On Saturday'" in r.text
        j = c.get("/api/timeline", params={"speaker": "Lavrov"}).json()
        assert j and all("date_basis" in x for x in j)
        assert c.get("/api/contradictions").json()[0]["accuser"] == "armenia"
