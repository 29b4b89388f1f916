"""Quote provenance on real text: alignment and fidelity classes against the 2016 debate
transcripts, transcript turns, the gold quotations, tracing through a store, the trace and
provenance commands and the HTTP API."""
from __future__ import annotations

import json
import re

import pytest
from provenance_data import GOLD, TRANSCRIPTS, debate_store

from onrecord.provenance.align import align, same_speaker

HOFSTRA = (TRANSCRIPTS / "general-2016-09-26-hofstra.txt").read_text()


def turn_of(text: str, words: str) -> str:
    """The transcript turn (label removed) holding ``words``."""
    k = text.index(words)
    start = text.rfind("\n", 0, k) + 1
    end = text.find("\n\n", k)
    return re.sub(r"^[A-Z]+: ", "", text[start:end if end > 0 else len(text)])


@pytest.mark.parametrize("quote, passage_words, wording", [
    # the Washington Post quoting Clinton's first-debate answer: a whole sentence, word for word
    ("He started his business with $14 million borrowed from his father, and he really believes "
     "that the more you help wealthy people, the better off we’ll be and that everything will work "
     "out from there.", "He started his business", "verbatim"),
    ("trumped-up trickle-down", "trumped-up trickle-down", "trimmed"),
    ("We invested in a solar company … That was a disaster.", "We invested in a solar company", "elided"),
    ("[Trump] started his business with $14 million, borrowed from his father", "He started his business",
     "elided"),
    ("We invested in a solar company. That was a total disaster.", "We invested in a solar company", "altered"),
    ("Our jobs are fleeing the country. They’re going to MEXICO!", "Our jobs are fleeing", "verbatim"),
])
def test_fidelity_classes_on_the_first_debate(quote, passage_words, wording):
    a = align(quote, turn_of(HOFSTRA, passage_words))
    assert a is not None and a.is_match
    assert a.wording == wording, [(o.op, o.quote, o.source) for o in a.ops]


def test_the_word_diff_names_the_changed_words():
    # a real misquotation in a Sept. 2016 article: "wasn't satisfied" for "was unsatisfied"
    passage = turn_of(HOFSTRA, "was unsatisfied with his work")
    a = align("Maybe he didn’t do a good job, and I wasn’t satisfied with his work.", passage)
    assert a.is_match and a.wording == "altered"
    changed = [(o.op, o.quote, o.source) for o in a.ops if o.op not in ("equal",)]
    assert changed == [("replace", "wasn’t satisfied", "was unsatisfied")]


def test_unrelated_words_are_no_match():
    a = align("I think that whoever gets the most delegates should win.", turn_of(HOFSTRA, "Our jobs are fleeing"))
    assert a is None or not a.is_match


def test_spelling_only_differences_are_no_change():
    a = align("we face a threat of homegrown violent extremism over 10 years",
              "and we face a threat of home grown violent extremism over ten years.")
    assert a.is_match and a.changes == 0


def test_same_speaker():
    assert same_speaker("TRUMP", "Donald J. Trump") is True
    assert same_speaker("Sen. Bernie Sanders", "SANDERS") is True
    assert same_speaker("Hillary Clinton", "Donald Trump") is False
    assert same_speaker(None, "Donald Trump") is None


def test_gold_quotations_align_with_their_passages():
    """Every gold quotation with a transcript passage aligns with it, in its gold class."""
    ok = total = 0
    for g in GOLD:
        if not g["match"] or g["fidelity"] == "misattributed":
            continue
        text = (TRANSCRIPTS / g["match"]["transcript"].split("/")[-1]).read_text()
        s, e = g["match"]["start"], g["match"]["end"]
        passage = text[max(0, s - 300):e + 300]
        a = align(g["quote"], passage)
        total += 1
        ok += bool(a and a.is_match and a.wording == g["fidelity"])
    assert total >= 150
    assert ok / total >= 0.9, (ok, total)


# ---------------------------------------------------------------- transcripts
@pytest.mark.parametrize("name", sorted(p.name for p in TRANSCRIPTS.glob("general-*.txt")) +
                         ["vp-2016-10-04-longwood.txt"])
def test_every_label_of_a_general_election_debate_is_a_turn(name):
    from onrecord.attribute.turns import find_turns

    text = (TRANSCRIPTS / name).read_text()
    labels = [m.start(1) for m in re.finditer(r"^([A-Z]+): ", text, re.M)]
    turns = find_turns(text, lambda s, e: text[s:e].isupper())  # the pipeline vetoes "Transcript:" so
    assert [t.label[0] for t in turns] == labels
    for t in turns:  # a turn runs to the next label: it never holds one at a line start
        assert not re.search(r"\n[A-Z]+: ", text[t.content[0]:t.content[1]])


def test_a_label_run_into_the_line_before_opens_a_turn():
    from onrecord.attribute.turns import find_turns

    text = (TRANSCRIPTS / "republican-2016-01-28-des-moines.txt").read_text()
    turns = find_turns(text)
    k = text.index("This is the lie that Ted's campaign is built on")
    t = next(t for t in turns if t.content[0] <= k < t.content[1])
    assert text[t.label[0]:t.label[1]] == "RUBIO"


# ---------------------------------------------------------------- store
@pytest.fixture()
def store(tmp_path):
    s = debate_store(str(tmp_path / "prov.db"))
    yield s
    s.close()


def _stmt(store, words):
    return next(r for r in store.statements(limit=1000) if words in r["content"] and r["kind"] == "direct"
                and "Transcript" not in (r["doc_title"] or ""))


def test_trace_finds_the_primary_source_and_classes(store):
    from onrecord.provenance import index
    from onrecord.provenance.trace import trace_statement

    index.update(store)
    p = trace_statement(store, _stmt(store, "He started his business")["id"])
    assert p.status == "matched" and p.verdict == "verbatim"
    assert p.primary is not None and p.primary.turn and p.primary.speaker_name == "Hillary Clinton"
    assert p.earliest["published"] == "2016-09-26"
    p = trace_statement(store, _stmt(store, "total disaster")["id"])
    assert p.verdict == "altered"
    assert {(d["op"], d["quote"]) for d in p.primary.diff} >= {("insert", "total")}
    p = trace_statement(store, _stmt(store, "whoever gets the most delegates")["id"])
    assert p.status == "no-match" and not p.matches
    # the same words twice in other documents: the transcript and the other article
    p = trace_statement(store, _stmt(store, "They're going to Mexico")["id"])
    assert len({m.doc_id for m in p.matches}) == 2 and p.primary.published == "2016-09-26"


def test_a_swapped_speaker_is_misattributed(store):
    from onrecord.provenance import index
    from onrecord.provenance.trace import trace_text

    index.update(store)
    p = trace_text(store, ["Donald thinks that climate change is a hoax perpetrated by the Chinese."],
                   "Donald Trump")
    assert p.verdict == "misattributed"
    p = trace_text(store, ["Donald thinks that climate change is a hoax perpetrated by the Chinese."],
                   "Hillary Clinton")
    assert p.verdict == "verbatim"


def test_the_index_follows_the_store(store):
    from onrecord.provenance import index
    from provenance_data import article_record

    assert index.update(store) > 0
    assert index.update(store) == 0
    store.put(article_record([("Hillary Clinton", "I want us to invest in you. I want us to invest in your future.")],
                             "https://example.org/article-three"))
    assert index.update(store) == 1


# ---------------------------------------------------------------- command line
@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "cli.db")
    debate_store(path).close()
    return path


def _run(*args):
    from typer.testing import CliRunner

    from onrecord.cli import app

    return CliRunner().invoke(app, [*map(str, args)])


def test_trace_command_by_id_and_by_text(db):
    from onrecord.store import open_store

    with open_store(db) as s:
        sid = _stmt(s, "total disaster")["id"]
    r = _run("trace", sid, "--db", db)
    assert r.exit_code == 0, r.output
    assert "altered" in r.output and "total" in r.output and "primary source" in r.output
    r = _run("trace", "--text", "That makes me smart. Our jobs are fleeing the country.", "--db", db,
             "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["status"] in ("matched", "no-match")


@pytest.mark.parametrize("args, message", [
    (["trace", "abc"], "must be a number"),
    (["trace", "99999"], "no statement 99999"),
    (["trace"], "give a statement id or --text"),
    (["trace", "1", "--format", "xml"], "unknown format"),
    (["provenance", "--out", "x.xlsx"], "unknown format"),
    (["provenance", "--out", "/no/such/folder/x.jsonl"], "does not exist"),
])
def test_bad_input_gets_a_clear_error(db, args, message):
    r = _run(*args, "--db", db)
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_trace_on_a_missing_store_is_an_error(tmp_path):
    r = _run("trace", "1", "--db", str(tmp_path / "none.db"))
    assert r.exit_code == 2 and "no store" in r.output


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_provenance_command_writes_one_row_per_pair(db, tmp_path, suffix):
    out = tmp_path / f"pairs.{suffix}"
    r = _run("provenance", "--db", db, "--out", out, "-q")
    assert r.exit_code == 0, r.output
    if suffix == "jsonl":
        rows = [json.loads(line) for line in out.open()]
    elif suffix == "csv":
        import csv
        rows = list(csv.DictReader(out.open()))
    else:
        import pyarrow.parquet as pq
        rows = pq.read_table(out).to_pylist()
    mexico = [r for r in rows if "Mexico" in (r["quotation"] or "") and "Transcript" not in (r["doc_title"] or "")
              and "Transcript" in (r["match_doc_title"] or "")]
    assert {r["fidelity"] for r in mexico} == {"verbatim"} and len(mexico) == 2
    assert any(r["status"] == "no-match" for r in rows)


# ---------------------------------------------------------------- HTTP
def test_api_and_page(db):
    from fastapi.testclient import TestClient

    from onrecord.serve.app import create_app
    from onrecord.store import open_store

    with open_store(db) as s:
        sid = _stmt(s, "total disaster")["id"]
        doc = _stmt(s, "total disaster")["doc_id"]
    with TestClient(create_app(db)) as c:
        r = c.get(f"/api/statements/{sid}/provenance")
        assert r.status_code == 200
        body = r.json()
        assert body["verdict"] == "altered" and body["primary"]["turn"] is True
        assert c.get("/api/statements/999999/provenance").status_code == 404
        assert c.get("/api/statements/abc/provenance").status_code == 422
        page = c.get(f"/statements/{sid}/provenance").text
        assert 'class="chg"' in page and "total" in page
        assert f'href="/statements/{sid}/provenance"' in c.get(f"/documents/{doc}").text
        assert c.get("/statements/999999/provenance").status_code == 404


def test_ingest_primary_marks_the_documents(tmp_path):
    from onrecord.provenance.index import document_flags
    from onrecord.store import open_store
    from provenance_data import TRANSCRIPTS

    page = tmp_path / "briefing.txt"
    page.write_text("\n".join((TRANSCRIPTS / "vp-2016-10-04-longwood.txt").read_text().splitlines()[:22]))
    other = tmp_path / "other.txt"
    other.write_text("Mike Pence said on Tuesday that the campaign would go on. \"We will win,\" he said.\n")
    db = str(tmp_path / "p.db")
    r = _run("ingest", "--db", db, "-q", "--primary", page)
    assert r.exit_code == 0, r.output
    r = _run("ingest", "--db", db, "-q", other)
    assert r.exit_code == 0, r.output
    with open_store(db) as s:
        ids = {row["key"].split("/")[-1]: row["id"] for row in s.documents()}
        assert document_flags(s, ids["briefing.txt"])["is_primary"]
        assert not document_flags(s, ids["other.txt"])["is_primary"]
        turns = [r for r in s.statements(doc_id=ids["briefing.txt"], limit=100) if r["cue_text"] == ":"]
        assert {r["speaker_name"] for r in turns} >= {"Elaine Quijano", "Tim Kaine", "Mike Pence"}


def test_every_quotation_of_the_seeds_gets_an_answer(tmp_path, seeds_dir):
    from onrecord.provenance import index
    from onrecord.provenance.trace import trace_all
    from onrecord.store import open_store

    db = str(tmp_path / "seeds.db")
    r = _run("ingest", "--db", db, "-q", seeds_dir)
    assert r.exit_code == 0, r.output
    with open_store(db) as s:
        index.update(s)
        n_quotes = sum(1 for row in s.statements(limit=10000) if row["kind"] in ("direct", "mixed"))
        answers = list(trace_all(s))
    assert n_quotes > 20 and len(answers) == n_quotes
    statuses = {a.status for a in answers}
    assert statuses <= {"matched", "no-match", "too-short"}
    # two pages on different subjects: no quotation of one is in the other
    assert sum(a.status == "no-match" for a in answers) >= 0.9 * n_quotes
