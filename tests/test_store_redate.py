"""The store keeps an author profile and dates documents again when it changes.

B gives no year ("March 10"); A and C, by the same author, are dated by their own
text.  On the old code B, ingested before A, stayed undated for good (``ingest`` used no
profile and re-ingesting B skipped it as unchanged), so what the store held for B
depended on the order of the runs.
"""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.store import open_store

A_TXT = ("Harbor plan clears vote\n\nBy John Smith\nMarch 3, 2021\n\n"
         "The harbor commission voted 5-2 to approve the plan, officials said on Wednesday.\n")
B_TXT = ("Bridge repairs delayed\n\nBy John Smith\n\n"
         "The repairs that began on March 10 will take longer than planned, the city said. "
         "\"We need more steel,\" said engineer Ruth Alvarez.\n")
C_TXT = ("School budget passes\n\nBy John Smith\nJanuary 12, 2022\n\n"
         "The school board approved the budget, its chair said on Tuesday.\n")


def ingest(db, *files):
    r = CliRunner().invoke(app, ["ingest", *map(str, files), "--db", str(db), "--quiet"],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.output


def document(db, name):
    with open_store(str(db), create=False) as s:
        (row,) = [r for r in s.iter_rows("documents", with_record=True)
                  if r["key"].endswith(name)]
        return row["record"]


@pytest.fixture
def files(tmp_path):
    out = {}
    for name, text in (("a.txt", A_TXT), ("b.txt", B_TXT), ("c.txt", C_TXT)):
        out[name] = tmp_path / name
        out[name].write_text(text, encoding="utf-8")
    return out


def test_an_undated_document_is_dated_when_its_author_gets_a_year(nlp_loaded, tmp_path, files):
    db = tmp_path / "s.db"
    ingest(db, files["b.txt"])
    assert document(db, "b.txt")["document"]["published"] is None
    out = ingest(db, files["a.txt"])
    assert "1 stored documents dated again" in out
    b = document(db, "b.txt")["document"]
    assert b["published"] == "2021-03-10"
    assert "author profile of John Smith" in b["published_basis"]
    # a second run changes nothing
    assert "dated again" not in ingest(db, files["a.txt"], files["b.txt"])
    assert document(db, "b.txt")["document"]["published"] == "2021-03-10"


def test_the_stored_record_does_not_depend_on_the_runs(nlp_loaded, tmp_path, files):
    one, two, three = tmp_path / "1.db", tmp_path / "2.db", tmp_path / "3.db"
    ingest(one, files["b.txt"])
    ingest(one, files["a.txt"])
    ingest(two, files["a.txt"])
    ingest(two, files["b.txt"])
    ingest(three, files["b.txt"], files["a.txt"])
    got = [json.dumps(document(db, "b.txt"), sort_keys=True) for db in (one, two, three)]
    assert got[0] == got[1] == got[2]
    assert json.loads(got[0])["document"]["published"] == "2021-03-10"


def test_a_changed_year_dates_the_document_again(nlp_loaded, tmp_path, files):
    db = tmp_path / "s.db"
    ingest(db, files["a.txt"], files["b.txt"])
    assert document(db, "b.txt")["document"]["published"] == "2021-03-10"
    # two documents of 2022 now outweigh the one of 2021
    c2 = tmp_path / "c2.txt"
    c2.write_text(C_TXT.replace("January 12", "February 2"), encoding="utf-8")
    ingest(db, files["c.txt"], c2)
    assert document(db, "b.txt")["document"]["published"] == "2022-03-10"


def test_a_document_whose_input_is_gone_is_dated_from_its_stored_text(nlp_loaded, tmp_path,
                                                                      files):
    db = tmp_path / "s.db"
    ingest(db, files["b.txt"])
    files["b.txt"].unlink()
    ingest(db, files["a.txt"])
    b = document(db, "b.txt")
    assert b["document"]["published"] == "2021-03-10"
    assert b["text"] == B_TXT and b["source"]["path"] == str(files["b.txt"].resolve())
