"""Store behaviour, run on SQLite and on a real PostgreSQL (see conftest_pg.py)."""
from __future__ import annotations

import json

import pytest
from conftest_pg import record_sanctions, record_treaty, record_undated

from onrecord.store import QuerySyntaxError, StoreError, open_store


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture
def filled(store):
    for r in (record_treaty(), record_sanctions(), record_undated()):
        store.put(r)
    return store


def test_backend_matches_url(store, store_url):
    assert store.backend == ("postgresql" if store_url.startswith("postgresql") else "sqlite")


def test_put_is_idempotent_and_replaces_changed_content(store):
    status, doc_id = store.put(record_treaty())
    assert status == "ingested"
    assert store.put(record_treaty()) == ("unchanged", doc_id)
    assert store.counts() == {"documents": 1, "statements": 4, "speakers": 2}
    # same path, new content: replaced in place, old statements gone
    changed = record_treaty(extra=" Zakharova declined to comment.")
    assert store.put(changed) == ("replaced", doc_id)
    assert store.counts()["documents"] == 1
    assert store.counts()["statements"] == 4
    assert store.is_unchanged("/archive/treaty.txt", changed.source.sha256)
    assert not store.is_unchanged("/archive/treaty.txt", record_treaty().source.sha256)
    # 'treaties' also finds 'treaty' (stemming); only the new statements come back
    rows = store.statements(q="treaties")
    assert len(rows) == 2 and all(r["doc_id"] == doc_id for r in rows)
    if store.backend == "sqlite":  # old full-text entries were removed with the old rows
        # the index holds exactly the words of a store that only ever had the new record
        # (re-dated: its statements get other ids, so an old entry left would show)
        changed.document.published = "2021-02-03"
        assert store.put(changed) == ("replaced", doc_id)
        fresh = open_store(":memory:")
        fresh.put(changed)
        for fts in ("statements_fts", "documents_fts"):
            words = []
            for st in (store, fresh):
                st.dialect.execute(f"CREATE VIRTUAL TABLE temp.v_{fts} USING fts5vocab(main, "
                                   f"{fts}, instance)")
                words.append(st.dialect.query(f"SELECT term, doc, col, offset FROM v_{fts} "
                                              "ORDER BY term, doc, col, offset"))
            assert words[0] == words[1] and len(words[0]) > 10
        fresh.close()


def test_full_record_json_round_trips(filled):
    doc = filled.document("/archive/treaty.txt")
    assert doc["record"] == json.loads(json.dumps(record_treaty().to_dict()))
    assert doc["title"] == "Arms control talks stall"
    assert doc["n_statements"] == 4
    assert filled.document(doc["id"])["key"] == "/archive/treaty.txt"
    assert filled.document("treaty.txt")["id"] == doc["id"]  # path suffix
    assert filled.document("nonexistent.txt") is None


def test_ambiguous_document_reference(filled):
    filled.put(record_treaty(path="/other/treaty.txt", extra=" More."))
    with pytest.raises(StoreError, match="several documents"):
        filled.document("treaty.txt")


def test_search_statements_with_stemming_and_speaker(filled):
    rows = filled.statements(q="treaty", speaker="Lavrov")
    # 'treaty' matches 'treaty' and 'treaties' (stemming), both Lavrov's
    assert sorted(r["content"] for r in rows) == [
        "We are ready to extend the treaties for five years",
        "the New START treaty must be extended without conditions"]
    assert {r["speaker_id"] for r in rows} == {"sergey-lavrov"}
    assert rows[0]["doc_title"] == "Arms control talks stall"
    assert filled.statements(q="treaty", speaker="Pompeo") == []
    # speaker by id, full name, alias, case-insensitively
    for name in ("sergey-lavrov", "sergey lavrov", "LAVROV"):
        assert len(filled.statements(speaker=name)) == 4


def test_search_syntax(filled):
    assert {r["content"] for r in filled.statements(q='"New START"')} == {
        "the New START treaty must be extended without conditions"}
    assert len(filled.statements(q="treaty OR sanctions")) == 4
    assert len(filled.statements(q="sanctions -illegal")) == 1
    assert len(filled.statements(q="sanction*")) == 2
    assert len(filled.statements(q="(nuclear OR terms) -washington")) == 1
    assert filled.statements(q="nonexistentword") == []


@pytest.mark.parametrize("bad", ['"unclosed phrase', "treaty OR", "(treaty", "treaty)",
                                 "-treaty", "NOT", "   ", "*"])
def test_bad_queries_give_clear_errors(filled, bad):
    with pytest.raises(QuerySyntaxError) as e:
        filled.statements(q=bad)
    assert "invalid search query" in str(e.value)


def test_fts_operators_are_not_injected(filled):
    # characters that are syntax in FTS5 / tsquery are treated as text
    assert filled.statements(q="treaty: ^ & ! : {}") == filled.statements(q="treaty")
    assert filled.statements(q="NEAR(treaty)") == []


def test_kind_and_date_filters(filled):
    assert [r["kind"] for r in filled.statements(kind="mixed")] == ["mixed"]
    assert len(filled.statements(kind="direct")) == 2
    assert len(filled.statements(since="2021-01-01")) == 2
    assert len(filled.statements(until="2020-12")) == 4
    assert len(filled.statements(since="2020", until="2020")) == 4
    assert len(filled.statements(since="2020-11-18", until="2021-02-28")) == 0
    with pytest.raises(StoreError, match="invalid date"):
        filled.statements(since="last week")
    with pytest.raises(StoreError, match="invalid kind"):
        filled.statements(kind="quoted")


def test_documents_listing_and_search(filled):
    docs = filled.documents()
    assert [d["published"] for d in docs] == ["2021-03-01", "2020-11-17", None]
    assert [d["title"] for d in filled.documents(q="posturing")] == ["Arms control talks stall"]
    assert len(filled.documents(since="2021-01-01")) == 1


def test_speakers_and_speaker_profile(filled):
    sp = filled.speakers()
    # most statements first, then most documents (Pompeo: speaker in one, addressee in another)
    assert [(s["id"], s["n_statements"], s["n_documents"]) for s in sp] == [
        ("sergey-lavrov", 4, 2), ("mike-pompeo", 1, 2), ("maria-zakharova", 1, 1)]
    lav = next(s for s in sp if s["id"] == "sergey-lavrov")
    assert lav["n_statements"] == 4 and lav["n_documents"] == 2
    assert lav["role"] == "Russian Foreign Minister" and lav["aliases"] == ["Lavrov"]
    prof = filled.speaker("sergey-lavrov")
    assert [s["published"] for s in prof["statements"]] == ["2020-11-17"] * 3 + ["2021-03-01"]
    # talks about Pompeo: once as addressee, once by mentioning him
    assert prof["talks_about"] == [{"id": "mike-pompeo", "name": "Mike Pompeo", "n": 2}]
    assert {d["title"] for d in prof["documents"]} == {
        "Arms control talks stall", "Sanctions row deepens <script>alert('x')</script>"}
    zak = filled.speaker("maria-zakharova")
    assert zak["talks_about"] == [{"id": "sergey-lavrov", "name": "Sergey Lavrov", "n": 1}]
    assert filled.speaker("sergey-lavrov")["talked_about_by"] == [
        {"id": "maria-zakharova", "name": "Maria Zakharova", "n": 1}]
    assert filled.speaker("nobody-at-all") is None
    assert [s["id"] for s in filled.speakers(q="zakh")] == ["maria-zakharova"]


def test_replacing_drops_speakers_no_longer_present(store):
    store.put(record_sanctions())
    assert {s["id"] for s in store.speakers()} == {"maria-zakharova", "sergey-lavrov",
                                                  "mike-pompeo"}
    store.put(record_treaty(path="/archive/sanctions.txt"))  # same key, other content
    assert {s["id"] for s in store.speakers()} == {"sergey-lavrov", "mike-pompeo"}
    assert store.statements(q="illegal") == []


def test_failed_transaction_leaves_no_partial_document(store, monkeypatch):
    from onrecord.store import write

    store.put(record_treaty())
    calls = {"n": 0}
    orig = write._put_statements

    def boom(*a, **k):
        calls["n"] += 1
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(write, "_put_statements", boom)
    with pytest.raises(RuntimeError):
        store.put(record_sanctions())
    monkeypatch.setattr(write, "_put_statements", orig)
    assert calls["n"] == 1
    assert store.counts() == {"documents": 1, "statements": 4, "speakers": 2}
    assert store.document("/archive/sanctions.txt") is None
    assert store.put(record_sanctions())[0] == "ingested"


def test_reopen_keeps_data(store_url):
    s = open_store(store_url)
    s.put(record_treaty())
    s.close()
    s2 = open_store(store_url)
    assert s2.counts()["documents"] == 1
    assert s2.put(record_treaty())[0] == "unchanged"
    s2.close()


def test_export_rows(filled):
    docs = list(filled.iter_rows("documents", with_record=True))
    assert len(docs) == 3 and docs[0]["record"]["schema"] == "onrecord/1"
    stmts = list(filled.iter_rows("statements"))
    assert len(stmts) == 7
    assert {"speaker_name", "content", "kind", "doc_key", "published"} <= set(stmts[0])
    sps = list(filled.iter_rows("speakers"))
    assert {s["id"] for s in sps} == {"sergey-lavrov", "mike-pompeo", "maria-zakharova"}
    with pytest.raises(StoreError):
        list(filled.iter_rows("things"))


def test_sqlite_uses_wal(tmp_path):
    s = open_store(str(tmp_path / "w.db"))
    assert s.dialect.query_one("PRAGMA journal_mode")["journal_mode"] == "wal"
    s.close()


def test_unopenable_paths_give_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "x.db"))
    bad = tmp_path / "notadb.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot"):
        open_store(str(bad))
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def _person_record(text: str, name: str, sid: str, path: str) -> dict:
    import hashlib

    start = text.index(name.split()[-1]) if len(name.split()) == 1 else text.index(name)
    return {"schema": "onrecord/1", "text": text,
            "source": {"path": path, "url": None, "sha256": hashlib.sha256(text.encode()).hexdigest()},
            "document": {"title": path, "author": None, "published": "2020-11-17",
                         "body": {"start": 0, "end": len(text)}, "chrome": []},
            "speakers": [{"id": sid, "name": name, "type": "person", "role": None, "aliases": [],
                          "mentions": [{"start": start, "end": start + len(name), "text": name}]}],
            "attributions": [{"id": "a1", "kind": "indirect",
                              "content": {"start": len(text) - 10, "end": len(text)},
                              "speaker": {"id": sid, "name": name}}],
            "sentences": [], "events": []}


def test_surname_only_speakers_join_the_one_full_name_across_documents(tmp_path):
    from onrecord.store import open_store

    st = open_store(str(tmp_path / "x.db"))
    # surname first, full name later: the surname-only speaker is merged into the full name
    st.put(_person_record("Lavrov said the talks had stalled badly.", "Lavrov", "lavrov", "a.txt"))
    st.put(_person_record("Sergey Lavrov said the treaty must be extended.", "Sergey Lavrov",
                          "sergei-lavrov", "b.txt"))
    # and a later surname-only mention joins it directly
    st.put(_person_record("Lavrov said Washington would not answer soon.", "Lavrov", "lavrov", "c.txt"))
    ids = {s["id"] for s in st.speakers()}
    assert ids == {"sergei-lavrov"}
    assert len(st.statements(speaker_id="sergei-lavrov")) == 3


def test_people_sharing_a_surname_are_not_merged(tmp_path):
    from onrecord.store import open_store

    st = open_store(str(tmp_path / "x.db"))
    st.put(_person_record("Hillary Clinton said the economy needs investment.", "Hillary Clinton",
                          "hillary-clinton", "a.txt"))
    st.put(_person_record("Bill Clinton said the campaign would visit Ohio.", "Bill Clinton",
                          "bill-clinton", "b.txt"))
    st.put(_person_record("Clinton said the debate went well last night.", "Clinton", "clinton", "c.txt"))
    ids = {s["id"] for s in st.speakers()}
    assert ids == {"hillary-clinton", "bill-clinton", "clinton"}
