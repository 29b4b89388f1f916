"""The store's "to and about whom" on layout 2: rows written with the statements and taken
out on replace and delete, ``since``/``until`` on ``said_on`` (which may lie before or after
the publication day the statement id is sorted by), the filters with keyset pages, the
speaker page, and a store made before the whom tables (they are created on open)."""
from __future__ import annotations

import pytest

from conftest_pg import record_sanctions, record_treaty, record_undated
from onrecord.store import open_store


def _with_whom(rec, path=None, said_on=None, extra=""):
    """A treaty record (dict) whose Lavrov statement about Pompeo has whom fields."""
    d = (rec if isinstance(rec, dict) else rec.to_dict())
    for a in d["attributions"]:
        content = d["text"][a["content"]["spans"][0]["start"]:a["content"]["spans"][0]["end"]] \
            if "spans" in (a["content"] or {}) else d["text"][a["content"]["start"]:a["content"]["end"]]
        if "Pompeo is wrong" in content:
            a["targets"] = [{"id": "mike-pompeo", "name": "Mike Pompeo", "stance": "critical"},
                            {"id": "united-states", "name": "United States", "stance": "neutral"}]
            a["channel"] = {"type": "briefing", "name": None, "evidence": "told reporters"}
            a["addressee"] = {"id": "reporters", "name": "reporters"}
            a["addressee_basis"] = "tell X"
            if said_on:
                a["said_on"] = {"date": said_on, "basis": f"explicit:'{said_on}'"}
    return d


def _count(s, table):
    return int(s.dialect.query_one(f"SELECT COUNT(*) AS n FROM {table}")["n"])


def test_whom_rows_follow_put_replace_and_delete(store_url):
    s = open_store(store_url)
    status, doc = s.put(_with_whom(record_treaty(), said_on="2020-11-10"))
    assert status == "ingested"
    crit = s.statements(target="Pompeo", stance="critical")
    assert [r["content"] for r in crit] == ["Mike Pompeo is wrong about our nuclear forces"]
    r = crit[0]
    assert r["said_on"] == "2020-11-10" and r["channel"] == "briefing"
    assert r["addressee_name"] == "reporters" and r["addressee_basis"] == "tell X"
    assert [t["id"] for t in r["targets"]] == ["mike-pompeo", "united-states"]
    assert s.statements(stance="critical") == crit          # main target
    assert s.statements(stance="neutral") == []
    assert s.statements(target="United States", stance="neutral") == crit
    assert s.statements(channel="briefing") == crit
    assert s.statements(addressee="reporters") == crit
    assert s.statements(target="nobody at all") == []
    with pytest.raises(Exception):
        s.statements(stance="angry")
    others = [x for x in s.statements() if x["id"] != r["id"]]
    assert all(x["said_on"] == "2020-11-17" and x["targets"] == [] for x in others)
    # replaced by a version without the fields: no whom rows are left
    status, _ = s.put(record_treaty(extra=" More."))
    assert status == "replaced"
    assert _count(s, "statement_whom") == 0 and _count(s, "statement_about") == 0
    assert s.statements(target="Pompeo") == []
    s.put(_with_whom(record_treaty(), said_on="2020-11-10"))
    assert _count(s, "statement_about") == 2
    assert s.delete(s.statements()[0]["doc_id"])
    assert _count(s, "statement_whom") == 0 and _count(s, "statement_about") == 0
    s.close()


def test_since_and_until_use_said_on_not_the_publication_day(store_url):
    s = open_store(store_url)
    s.put(_with_whom(record_treaty(path="/a/before.txt"), said_on="2020-11-10"))  # 7 days before
    late = _with_whom(record_treaty(path="/a/after.txt"), said_on="2019-02-01")
    late["document"]["published"] = "2019-01-05"   # said (the text says) after publication
    s.put(late)
    undated = record_undated(path="/a/undated.txt").to_dict()
    undated["attributions"][0]["said_on"] = {"date": "2018-06-01", "basis": "explicit:'June 1'"}
    s.put(undated)
    s.put(record_sanctions())

    def contents(**kw):
        return sorted((r["said_on"], r["content"][:20]) for r in s.statements(limit=1000, **kw))

    got = contents(since="2020-11-08", until="2020-11-12")
    assert got == [("2020-11-10", "Mike Pompeo is wrong")]
    assert ("2020-11-10", "Mike Pompeo is wrong") not in contents(since="2020-11-17")
    assert len(contents(since="2020-11-17", until="2020-11-17")) == 3
    assert contents(since="2019-01-20", until="2019-02-10") == [("2019-02-01", "Mike Pompeo is wrong")]
    assert ("2019-02-01", "Mike Pompeo is wrong") not in contents(until="2019-01-31")
    assert contents(until="2018-12-31") == [("2018-06-01", "talks were \"going no")]
    # every listing holds what a check of each row's date says it should
    from onrecord.store.query import parse_date

    everything = s.statements(limit=1000)
    for since, until in (("2018", "2019"), ("2019-02", "2020-11-10"), ("2021", None),
                         (None, "2020-11-16")):
        lo, hi = parse_date(since), parse_date(until, end=True)
        want = [r["id"] for r in everything if r["said_on"] and (lo is None or r["said_on"] >= lo)
                and (hi is None or r["said_on"] <= hi)]
        got = [r["id"] for r in s.statements(since=since, until=until, limit=1000)]
        assert got == want, (since, until)
    s.close()


def test_whom_filters_page_with_after(store_url):
    s = open_store(store_url)
    for i, day in enumerate(["2020-11-17", "2020-11-17", "2021-01-02", None, "2019-05-05", "2020-11-17"]):
        rec = _with_whom(record_treaty(path=f"/p/{i}.txt"))
        rec["document"]["published"] = day
        s.put(rec)
    for kw in ({"target": "Pompeo"}, {"stance": "critical"}, {"channel": "briefing"},
               {"target": "united-states", "stance": "neutral", "speaker": "Lavrov"},
               {"addressee": "reporters", "q": "nuclear"}):
        whole = [r["id"] for r in s.statements(limit=1000, **kw)]
        assert len(whole) == 6, kw
        pages, after = [], None
        while True:
            page = s.statements(limit=4, after=after, **kw)
            if not page:
                break
            pages += [r["id"] for r in page]
            after = page[-1]["id"]
        assert pages == whole, kw
    s.close()


def test_api_whom_filters_with_after(tmp_path):
    from fastapi.testclient import TestClient

    from onrecord.serve.app import create_app

    db = str(tmp_path / "api.db")
    with open_store(db) as s:
        for i in range(5):
            s.put(_with_whom(record_treaty(path=f"/p/{i}.txt"), said_on="2020-11-10"))
    with TestClient(create_app(db)) as client:
        whole = client.get("/api/statements", params={"target": "Pompeo", "stance": "critical"}).json()
        assert len(whole) == 5 and all(r["said_on"] == "2020-11-10" for r in whole)
        assert all(r["targets"][0]["stance"] == "critical" for r in whole)
        first = client.get("/api/statements", params={"target": "Pompeo", "limit": 2}).json()
        rest = client.get("/api/statements", params={"target": "Pompeo", "limit": 10,
                                                     "after": first[-1]["id"]}).json()
        assert [r["id"] for r in first + rest] == [r["id"] for r in whole]
        sp = client.get("/api/speakers/sergey-lavrov").json()
        assert sp["addresses"] == [{"id": "reporters", "name": "reporters", "n": 5}]
        pompeo = next(t for t in sp["targets"] if t["id"] == "mike-pompeo")
        assert pompeo["critical"] == 5 and pompeo["n"] == 5


def test_a_store_made_before_the_whom_tables_opens_with_them(tmp_path):
    db = str(tmp_path / "old.db")
    with open_store(db) as s:
        s.put(_with_whom(record_treaty(path="/o/1.txt"), said_on="2020-11-10"))
        s.put(record_sanctions())
    import sqlite3

    con = sqlite3.connect(db)   # as a layout-2 store made before the whom tables had it
    for t in ("statement_whom", "statement_about"):
        con.execute(f"DROP TABLE {t}")
    con.commit()
    assert not con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'statement_%' "
                           "AND name IN ('statement_whom', 'statement_about')").fetchall()
    con.close()
    with open_store(db) as s:
        assert _count(s, "statement_whom") == 0
        assert len(s.statements()) == 6
        assert s.statements(target="Pompeo") == []      # no whom rows until ingested again
        assert all(r["said_on"] == r["published"] for r in s.statements())
        status, _ = s.put(_with_whom(record_treaty(path="/o/1.txt", extra=" Again."),
                                     said_on="2020-11-10"))
        assert status == "replaced"
        assert len(s.statements(target="Pompeo")) == 1
        assert s.speaker("sergey-lavrov")["targets"][0]["id"] == "mike-pompeo"


def test_a_first_layout_store_with_whom_tables_is_migrated_from_its_records(tmp_path):
    """A layout-1 store made by the code that added the whom tables: its whom rows point at
    the old statement ids; the migration rebuilds them from the records."""
    import json
    import shutil
    import sqlite3
    from pathlib import Path

    db = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "store_v1.db", db)
    con = sqlite3.connect(str(db))
    con.execute("CREATE TABLE statement_whom (statement_id BIGINT PRIMARY KEY, said_on TEXT, "
                "said_on_basis TEXT, channel TEXT, channel_name TEXT, addressee_basis TEXT)")
    con.execute("CREATE TABLE statement_about (statement_id BIGINT NOT NULL, speaker_id TEXT "
                "NOT NULL, name TEXT NOT NULL, stance TEXT NOT NULL, rank INTEGER NOT NULL, "
                "PRIMARY KEY (statement_id, speaker_id))")
    con.execute("CREATE INDEX about_speaker ON statement_about(speaker_id, stance)")
    con.execute("INSERT INTO statement_whom SELECT s.id, d.published, NULL, NULL, NULL, NULL "
                "FROM statements s JOIN documents d ON d.id = s.doc_id")
    con.execute("INSERT INTO statement_about SELECT id, 'stale', 'Stale', 'neutral', 0 "
                "FROM statements")
    doc_id, record = con.execute("SELECT id, record FROM documents WHERE record LIKE "
                                 "'%Pompeo is wrong%' ORDER BY id LIMIT 1").fetchone()
    con.execute("UPDATE documents SET record = ? WHERE id = ?",
                (json.dumps(_with_whom(json.loads(record), said_on="2020-11-10")), doc_id))
    n_old = con.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    old_ids = dict(con.execute("SELECT key, id FROM documents").fetchall())
    con.commit()
    con.close()
    s = open_store(str(db), create=False)
    assert {d["key"]: d["id"] for d in s.documents(limit=100)} == old_ids
    assert len(s.statements(limit=1000)) == n_old
    assert not s.dialect.table_exists("v1_statement_whom")
    assert not s.dialect.table_exists("v1_statement_about")
    assert s.statements(target="Stale") == []
    crit = s.statements(target="Pompeo", stance="critical")
    assert [(r["doc_id"], r["said_on"]) for r in crit] == [(doc_id, "2020-11-10")]
    assert _count(s, "statement_whom") == 1 and _count(s, "statement_about") == 2
    s.close()


def _speaker_whom(s) -> dict:
    return {(r["speaker_id"], r["relation"], r["other_id"]): int(r["n"])
            for r in s.dialect.query("SELECT speaker_id, relation, other_id, n FROM speaker_whom")}


def _speaker_whom_from_rows(s) -> dict:
    from onrecord.store.whom import _COUNT_SQL

    return {(r["speaker_id"], r["relation"], r["other_id"]): int(r["n"])
            for sql in _COUNT_SQL for r in s.dialect.query(sql.format(cond="1 = 1"))}


def test_speaker_whom_counts_kept_at_write_time_equal_counts_from_the_rows(store_url):
    s = open_store(store_url)
    for i in range(3):
        s.put(_with_whom(record_treaty(path=f"/c/{i}.txt")))
    s.put(record_sanctions())   # Lavrov told Pompeo: an addressee without whom fields
    assert _speaker_whom(s) == _speaker_whom_from_rows(s)
    assert _speaker_whom(s)[("sergey-lavrov", "critical", "mike-pompeo")] == 3
    assert _speaker_whom(s)[("sergey-lavrov", "addressee", "mike-pompeo")] == 1
    s.put(record_treaty(path="/c/0.txt", extra=" More."))   # replaced without the fields
    s.delete(s.document("/c/1.txt")["id"])
    assert _speaker_whom(s) == _speaker_whom_from_rows(s)
    assert _speaker_whom(s)[("sergey-lavrov", "critical", "mike-pompeo")] == 1
    # a record naming Pompeo by surname alone: his statements and the targets join
    # the one full name the archive knows
    s.put(_surname_only(_with_whom(record_treaty(path="/c/surname.txt"))))
    counts = _speaker_whom(s)
    assert counts == _speaker_whom_from_rows(s)
    assert counts[("sergey-lavrov", "critical", "mike-pompeo")] == 2
    assert not any("pompeo" in (k[0], k[2]) for k in counts)
    s.close()


def _surname_only(rec: dict) -> dict:
    for sp in rec["speakers"]:
        if sp["id"] == "mike-pompeo":
            sp.update(id="pompeo", name="Pompeo", aliases=[])
    for a in rec["attributions"]:
        for k in ("speaker", "addressee"):
            if (a.get(k) or {}).get("id") == "mike-pompeo":
                a[k] = dict(a[k], id="pompeo", name="Pompeo")
        for t in a.get("targets") or []:
            if t["id"] == "mike-pompeo":
                t.update(id="pompeo", name="Pompeo")
    return rec


def test_a_surname_merge_moves_targets_and_recounts(store_url):
    s = open_store(store_url)
    s.put(_surname_only(_with_whom(record_treaty(path="/m/surname.txt"))))
    assert _speaker_whom(s)[("sergey-lavrov", "critical", "pompeo")] == 1
    s.put(_with_whom(record_treaty(path="/m/full.txt")))   # the full name arrives: merged
    counts = _speaker_whom(s)
    assert counts == _speaker_whom_from_rows(s)
    assert counts[("sergey-lavrov", "critical", "mike-pompeo")] == 2
    assert not any("pompeo" in (k[0], k[2]) for k in counts)
    assert len(s.statements(target="mike-pompeo", stance="critical")) == 2
    page = s.speaker("sergey-lavrov")
    assert page["targets"][0]["id"] == "mike-pompeo" and page["targets"][0]["critical"] == 2
    s.close()
