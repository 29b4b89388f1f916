"""Timeline, contradictions, network and duplicates on a SQLite store: functions, CLI, web."""
from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

runner = CliRunner()


@pytest.fixture(scope="module")
def records(seeds_dir):
    from onrecord.pipeline import analyze_many

    # seed 000 gives no year: the author profile does (the same on every run)
    return [o.record for o in analyze_many(sorted(seeds_dir.glob("*.txt")),
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
        # a line changed, same length, so the copy's offsets still hold
        old = "Things look more negative than positive."
        syn["text"] = syn["text"].replace(old, "Things look rather negative.".ljust(len(old)))
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
    # dated first, in order; every row has Azerbaijan on one side
    assert types[:2] == [("accuse", "armenia", "azerbaijan", "2020-10-31"),
                         ("deny", "azerbaijan", "armenia", "2020-10-31")]
    assert all("azerbaijan" in (r["actor"], r["target"]) for r in rows)
    assert [r["evidence"][:34] for r in rows[:2]] == ["On Saturday, Armenia accused Azerb",
                                                      "On the same day, Baku denied the a"]
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated)
    assert all(r["doc_id"] for r in rows)

    store_recs = _store_records(db)
    lav = timeline(store_recs, speaker="Lavrov")
    # every event Lavrov did or that comes from one of his statements, and nothing else
    want = []
    for row, rec in store_recs:
        speaker_of = {a["id"]: (a["speaker"] or {}).get("id") for a in rec["attributions"]}
        want += [(row["key"], e["type"], e["attribution"])
                 for e in rec["events"]
                 if e["actor"] == "sergei-lavrov" or speaker_of.get(e["attribution"]) == "sergei-lavrov"]
    got = [(r["doc_key"], r["type"], r["attribution"]) for r in lav]
    assert sorted(got) == sorted(want)
    by_doc = {}
    for key, type_, att in got:
        by_doc.setdefault(key.rsplit("/", 1)[-1], []).append((type_, att))
    # seed 000: Lavrov's call relayed by Zakharova; seed 002 and its copy: the same events
    assert by_doc["000_da6073b65d0faf15.txt"] == [("call_for", "a16")]
    assert sorted(by_doc["002_075d34a81711b9ee.txt"]) == sorted(by_doc["lavrov"])
    assert ("propose", "a12") in by_doc["lavrov"]
    assert next(r for r in lav if r["type"] == "call_for")["target"] == "outside-players"


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
    from onrecord.events import cross

    recs = _store_records(db)
    r = runner.invoke(app, ["timeline", "--db", db, "--actor", "armenia", "--format", "json"])
    assert r.exit_code == 0, r.output
    want = cross.timeline(recs, actor="armenia")
    assert json.loads(r.stdout) == json.loads(json.dumps(want))
    assert [(x["type"], x["actor"], x["target"], x["date"]) for x in want[:1]] == [
        ("accuse", "armenia", "azerbaijan", "2020-10-31")]
    r = runner.invoke(app, ["timeline", "--db", db, "--actor", "armenia", "--format", "json",
                            "--limit", "1"])
    assert [x["type"] for x in json.loads(r.stdout)] == ["accuse"]
    # the table: one row per event, its date and type
    r = runner.invoke(app, ["timeline", "--db", db, "--speaker", "Lavrov"])
    assert r.exit_code == 0
    lav = cross.timeline(recs, speaker="Lavrov")
    assert lav and all(x["type"] in r.stdout for x in lav)
    r = runner.invoke(app, ["timeline", "--db", db, "--speaker", "nobody-at-all"])
    assert r.exit_code == 0 and r.stdout == "" and "no events" in r.output

    r = runner.invoke(app, ["contradictions", "--db", db])
    assert r.exit_code == 0
    [pair] = cross.contradictions(recs)
    flat = " ".join(r.stdout.split())            # the console wraps at its width
    assert flat.startswith("Armenia accuses Azerbaijan; Azerbaijan denies accuse 2020-10-31: "
                           "On Saturday, Armenia accused Azerb")
    assert "deny 2020-10-31: On the same day, Baku denied the a" in flat
    assert pair["same_document"] and flat.endswith(f"({' '.join(pair['accusation']['title'].split())})")
    r = runner.invoke(app, ["contradictions", "--db", db, "--format", "json"])
    assert json.loads(r.stdout) == json.loads(json.dumps([pair]))

    out = tmp_path / "net.graphml"
    r = runner.invoke(app, ["network", "--db", db, "--format", "graphml", "--out", str(out)])
    assert r.exit_code == 0 and out.read_text(encoding="utf-8") == cross.network_graphml(recs)
    r = runner.invoke(app, ["network", "--db", db, "--format", "csv"])
    assert r.exit_code == 0 and r.stdout == cross.network_csv(recs)
    assert r.stdout.startswith("source,source_name,target")
    r = runner.invoke(app, ["network", "--db", db, "--format", "csv", "--out",
                            str(tmp_path / "no" / "such" / "dir.csv")])
    assert r.exit_code == 2 and "cannot write" in r.output

    r = runner.invoke(app, ["duplicates", "--db", db, "--format", "json"])
    assert r.exit_code == 0
    [dup] = json.loads(r.stdout)
    assert dup == json.loads(json.dumps(cross.duplicates(recs)[0]))
    r = runner.invoke(app, ["duplicates", "--db", db])
    assert " ".join(r.stdout.split()) == (f"{dup['similarity']:.2f} {dup['kind']}: More Straight "
                                          "Talk from Sergey Lavrov ~ More Straight Talk from "
                                          "Sergey Lavrov")          # (the console wraps)
    r = runner.invoke(app, ["duplicates", "--db", db, "--threshold", "1.0"])
    assert r.exit_code == 0 and r.stdout == "" and "no near-duplicates" in r.output

    r = runner.invoke(app, ["network", "--db", db, "--format", "dot"])
    assert r.exit_code == 2 and "unknown format 'dot'" in r.output
    r = runner.invoke(app, ["timeline", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 2 and "does not exist" in r.output
    r = runner.invoke(app, ["timeline", "--records", str(tmp_path / "nothing-here")])
    assert r.exit_code == 2 and "is not a folder of records" in r.output


def test_cli_reads_analyze_output(records, tmp_path):
    from onrecord.cli import app
    from onrecord.events import cross

    for i, rec in enumerate(records):
        (tmp_path / f"{i}.json").write_text(json.dumps(rec.to_dict()), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    r = runner.invoke(app, ["contradictions", "--records", str(tmp_path), "--format", "json"])
    assert r.exit_code == 0
    pairs = [({"id": None, "key": str(tmp_path / f"{i}.json")}, rec.to_dict())
             for i, rec in enumerate(records)]
    assert json.loads(r.stdout) == json.loads(json.dumps(cross.contradictions(pairs)))
    assert [(p["accuser"], p["accused"]) for p in json.loads(r.stdout)] == [("armenia", "azerbaijan")]
    assert "skipped" in r.output and "broken.json" in r.output


def test_web_timeline(db):
    from fastapi.testclient import TestClient

    from onrecord.events.cross import timeline
    from onrecord.serve.app import create_app

    app = create_app(db)
    # the app serves the timeline itself (nothing mounted here)
    assert {"/api/timeline", "/api/contradictions"} <= set(app.openapi()["paths"])
    with TestClient(app) as c:
        r = c.get("/timeline", params={"actor": "Azerbaijan"})
        assert r.status_code == 200
        assert "Baku denied the accusation" in r.text and "Contradictions" in r.text
        assert "relative:&#39;On Saturday&#39;" in r.text      # the date's basis, escaped
        j = c.get("/api/timeline", params={"speaker": "Lavrov"}).json()
        assert sorted((x["type"], x["attribution"]) for x in j) == sorted(
            (x["type"], x["attribution"]) for x in timeline(_store_records(db), speaker="Lavrov"))
        assert all(x["date_basis"] for x in j)
        [c0] = c.get("/api/contradictions").json()
        assert (c0["accuser"], c0["accused"], c0["days_apart"]) == ("armenia", "azerbaijan", 0)
        # stored under their file paths: the server's paths are never shown, only file names
        keys = {x["doc_key"] for x in c.get("/api/timeline").json()} | {c0["accusation"]["doc_key"]}
        assert keys and all(k.startswith("https://") or not ("/" in k or "\\" in k) for k in keys), keys


def test_a_timeline_reads_only_the_documents_it_needs(db):
    """The timeline page and API read the records of the documents whose events can match the
    filter (the store's ``doc_events``), never every record of the archive; their timeline is
    the archive's."""
    from onrecord.events.cross import timeline
    from onrecord.store import open_store

    everything = _store_records(db)
    with open_store(db) as store:
        for flt in ({"actor": "Azerbaijan"}, {"speaker": "Lavrov"}, {"actor": "nobody-at-all"}, {}):
            picked = list(store.event_records(**flt))
            assert timeline(picked, **flt) == timeline(everything, **flt), flt
            if flt.get("actor") == "Azerbaijan":
                # the seed about Lavrov's talks has no event with Azerbaijan on either side
                assert len(picked) < len(everything)
            if flt.get("actor") == "nobody-at-all":
                assert picked == []
        newest = list(store.event_records(limit=1))
        assert len(newest) == 1
        with_events = [row["published"] for row, rec in everything if rec["events"] and row["published"]]
        assert newest[0][0]["published"] == max(with_events)
