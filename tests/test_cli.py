"""`onrecord analyze`: formats, outputs, and every kind of bad input (never a traceback)."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HTML_ARTICLE, PLAIN_ARTICLE, SEED_002
from onrecord.cli import app

runner = CliRunner()
ONRECORD = Path(sys.executable).with_name("onrecord")
SEED = SEED_002


@pytest.fixture(autouse=True)
def _model(nlp_loaded):
    """Every CLI test that makes a record uses the one session-wide model."""


def run(*args, input=None):
    result = runner.invoke(app, ["analyze", *map(str, args)], input=input)
    assert "Traceback" not in result.output
    assert "Traceback" not in (result.stderr or "")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}")
    return result


def _errors(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]


def _check_offsets(rec: dict) -> int:
    text = rec["text"]
    n = 0
    d = rec["document"]
    assert 0 <= d["body"]["start"] < d["body"]["end"] <= len(text)
    for a in rec["attributions"]:
        for part in ("content", "cue", "source"):
            span = a.get(part)
            if not span:
                continue
            for sp in span.get("spans", [span]):
                if "text" in sp:
                    assert text[sp["start"]:sp["end"]] == sp["text"]
                    n += 1
    for s in rec["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text)
    return n


@pytest.fixture
def good(tmp_path) -> Path:
    f = tmp_path / "in" / "harbor.txt"
    f.parent.mkdir(exist_ok=True)
    f.write_text(PLAIN_ARTICLE, encoding="utf-8")
    return f


# ---- formats -------------------------------------------------------------------

def test_json_record(good):
    r = run(good, "--format", "json")
    assert r.exit_code == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["schema"] == "onrecord/1"
    assert rec["text"] == PLAIN_ARTICLE
    assert rec["source"]["path"] == str(good)
    assert rec["document"]["title"] == "Harbor Plan Clears Final Vote"
    assert rec["document"]["author"] == "Jane Doe"
    assert rec["document"]["published"] == "2021-03-03"
    _check_offsets(rec)


def test_json_record_of_a_seed_has_quotes_with_matching_offsets(seeds_dir):
    r = run(SEED)
    assert r.exit_code == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["text"] == SEED.read_bytes().decode("utf-8")
    assert _check_offsets(rec) > 0, "expected quotes with text spans on a seed page"


def test_jsonl_one_line_per_input(good, tmp_path):
    second = tmp_path / "in" / "second.txt"
    second.write_text(PLAIN_ARTICLE.replace("Harbor", "Airport"), encoding="utf-8")
    r = run(good, second, "--format", "jsonl")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    recs = [json.loads(ln) for ln in lines]
    assert [x["document"]["title"] for x in recs] == ["Harbor Plan Clears Final Vote",
                                                      "Airport Plan Clears Final Vote"]


def test_text_format(good):
    r = run(good, "--format", "text")
    assert r.exit_code == 0, r.stderr
    assert "Harbor Plan Clears Final Vote" in r.stdout
    assert "Jane Doe" in r.stdout and "2021-03-03" in r.stdout
    assert not r.stdout.lstrip().startswith("{")


def test_unknown_format(good):
    r = run(good, "--format", "xml")
    assert r.exit_code == 2
    assert "xml" in r.stderr


# ---- outputs and input kinds -------------------------------------------------------

def test_out_dir_writes_one_file_per_input_recursively(tmp_path):
    src = tmp_path / "src"
    (src / "sub" / "deeper").mkdir(parents=True)
    (src / "a.txt").write_text(PLAIN_ARTICLE, encoding="utf-8")
    (src / "sub" / "b.html").write_text(HTML_ARTICLE, encoding="utf-8")
    (src / "sub" / "deeper" / "c.txt").write_text(PLAIN_ARTICLE.replace("Harbor", "Rail"),
                                                  encoding="utf-8")
    (src / "sub" / "ignored.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "out"
    r = run(src, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == [".onrecord-authors.json", "a.json", "b.json", "c.json"]
    b = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert b["document"]["title"] == "Senator Rejects Budget Deal"
    assert b["document"]["published"] == "2021-05-04"
    c = json.loads((out / "c.json").read_text(encoding="utf-8"))
    assert c["document"]["title"] == "Rail Plan Clears Final Vote"
    for p in out.glob("[!.]*.json"):
        _check_offsets(json.loads(p.read_text(encoding="utf-8")))
    assert r.stdout == ""                                     # records went to files


def test_stdin(good):
    r = run("-", input=PLAIN_ARTICLE)
    assert r.exit_code == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["text"] == PLAIN_ARTICLE
    assert rec["document"]["author"] == "Jane Doe"


def test_stdin_html_is_sniffed():
    r = run("-", input=HTML_ARTICLE)
    assert r.exit_code == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["document"]["title"] == "Senator Rejects Budget Deal"
    assert "<p>" not in rec["text"]


def test_urls_good_and_bad_in_one_run(http_site, tmp_path):
    out = tmp_path / "out"
    missing = http_site + "/no-such-page.html"
    slow = http_site + "/slow.txt"
    r = run(http_site + "/article.html", missing, slow, http_site + "/note.txt",
            "--out", out, "--timeout", "1", "--allow-private")
    assert r.exit_code == 1
    errors = _errors(r)
    assert len(errors) == 2, r.stderr
    assert any(missing in e and "404" in e for e in errors)
    assert any(slow in e and "timed out" in e for e in errors)
    assert sorted(p.name for p in out.iterdir()) == [".onrecord-authors.json", "article.json", "note.json"]
    art = json.loads((out / "article.json").read_text(encoding="utf-8"))
    assert art["source"]["url"] == http_site + "/article.html"
    assert art["document"]["author"] == "Jane Doe"
    note = json.loads((out / "note.json").read_text(encoding="utf-8"))
    assert note["text"] == PLAIN_ARTICLE


# ---- bad input ---------------------------------------------------------------------

def test_binary_and_good_file(good, tmp_path):
    png = tmp_path / "in" / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    gz = tmp_path / "in" / "archive.txt"
    gz.write_bytes(gzip.compress(PLAIN_ARTICLE.encode()))
    r = run(png, good, gz, "--format", "jsonl")
    assert r.exit_code == 1
    errors = _errors(r)
    assert len(errors) == 2
    assert "photo.txt" in errors[0] and "binary" in errors[0]
    assert "archive.txt" in errors[1]
    recs = [json.loads(ln) for ln in r.stdout.splitlines()]
    assert len(recs) == 1 and recs[0]["source"]["path"] == str(good)


@pytest.mark.parametrize("content,what", [(b"", "empty"), (b"  \n\t\n   \n", "empty"),
                                          (b"\xef\xbb\xbf\n\n", "empty")])
def test_empty_and_whitespace_files(good, tmp_path, content, what):
    bad = tmp_path / "in" / "blank.txt"
    bad.write_bytes(content)
    r = run(bad, good, "--format", "jsonl")
    assert r.exit_code == 1
    (e,) = _errors(r)
    assert "blank.txt" in e and what in e
    assert len(r.stdout.splitlines()) == 1


def test_invalid_utf8_gives_a_result_or_a_clear_error(tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_bytes(PLAIN_ARTICLE.encode("utf-8") + b"\nThe mayor said \x93no\x94 \xff\xfe.\n")
    r = run(f)
    if r.exit_code == 0:
        rec = json.loads(r.stdout)
        assert rec["text"].startswith(PLAIN_ARTICLE)
        assert "“no”" in rec["text"]
    else:
        (e,) = _errors(r)
        assert "mixed.txt" in e


def test_directory_with_unreadable_entries(good, tmp_path):
    d = good.parent
    (d / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (d / "folder.txt").mkdir()                                  # a directory named like a file
    locked = d / "locked.txt"
    locked.write_text(PLAIN_ARTICLE, encoding="utf-8")
    locked.chmod(0)
    out = tmp_path / "out"
    try:
        r = run(d, "--out", out)
    finally:
        locked.chmod(0o644)
    errors = _errors(r)
    assert any("dangling.txt" in e for e in errors), r.stderr
    if os.geteuid() != 0:                                      # root reads anything
        assert any("locked.txt" in e and "permission" in e.lower() for e in errors)
    assert r.exit_code == 1
    assert (out / "harbor.json").is_file()


def test_directory_named_like_a_file(tmp_path, good):
    d = tmp_path / "x.txt"
    d.mkdir()
    r = run(d, good, "--format", "jsonl")
    assert r.exit_code == 1
    (e,) = _errors(r)
    assert "x.txt" in e
    assert len(r.stdout.splitlines()) == 1


def test_missing_file(tmp_path, good):
    r = run(tmp_path / "not-there.txt", good, "--format", "jsonl")
    assert r.exit_code == 1
    (e,) = _errors(r)
    assert "not-there.txt" in e and "no such file" in e


def test_file_over_the_default_size_limit(tmp_path, good):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:                 # 50 MB, sparse: instant to make
        f.truncate(50 * 1024 * 1024)
    r = run(big, good, "--format", "jsonl")
    assert r.exit_code == 1
    (e,) = _errors(r)
    assert "huge.txt" in e and "limit" in e and "--max-bytes" in e
    assert len(r.stdout.splitlines()) == 1


def test_max_bytes_option(good):
    size = good.stat().st_size
    r = run(good, "--max-bytes", str(size - 1))
    assert r.exit_code == 1
    (e,) = _errors(r)
    assert "harbor.txt" in e and "limit" in e
    r = run(good, "--max-bytes", str(size))
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["text"] == PLAIN_ARTICLE


def test_html_without_text(tmp_path, good):
    f = tmp_path / "gallery.html"
    f.write_text("<!DOCTYPE html><html><head><title>Photos</title></head><body><div>"
                 "<img src='1.jpg'><img src='2.jpg'></div><script>track()</script></body></html>",
                 encoding="utf-8")
    r = run(f, good, "--format", "jsonl")
    assert r.exit_code == 1
    (e,) = _errors(r)
    assert "gallery.html" in e and "no article text" in e


def test_broken_html_gives_a_record(tmp_path):
    f = tmp_path / "broken.html"
    f.write_text("<html><head><title>Mayor Quits Amid Probe</title><body><div><p>The mayor "
                 "resigned on Friday, hours after investigators searched city hall, officials "
                 "said.<p>\u201cI have done nothing wrong,\u201d she said in a statement.<div><p>"
                 "The council will pick an interim mayor next week, the city clerk said."
                 "<b>unclosed <i>tags <table><tr><td>everywhere", encoding="utf-8")
    r = run(f)
    assert r.exit_code == 0, r.stderr
    rec = json.loads(r.stdout)
    assert "The mayor resigned on Friday" in rec["text"]
    _check_offsets(rec)


@pytest.mark.parametrize("fname", ["notes[draft].txt", "[red]alert.txt", "x[link=y].txt"])
def test_file_names_with_brackets_are_reported_verbatim(tmp_path, good, fname):
    """Error lines must show the real file name (no Rich markup interpretation, no crash)."""
    bad = tmp_path / fname
    bad.write_bytes(b"")
    r = run(bad, good, "--format", "jsonl")
    assert r.exit_code == 1
    (e,) = _errors(r)
    assert fname in e
    assert len(r.stdout.splitlines()) == 1


def test_url_with_markup_like_brackets_is_reported_verbatim(http_site, good):
    """A closing-tag look-alike in an error line must not crash the run (Rich MarkupError)."""
    url = http_site + "/archive/post[/b].html"
    r = run(url, good, "--format", "jsonl", "--allow-private")
    assert r.exit_code == 1
    (e,) = _errors(r)
    assert url in e and "404" in e
    assert len(r.stdout.splitlines()) == 1


# ---- the real command, as a user runs it --------------------------------------------

@pytest.mark.skipif(not ONRECORD.exists(), reason="onrecord script not installed beside python")
def test_subprocess_bad_inputs_never_show_a_traceback(tmp_path, good):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "gallery.html").write_text("<html><body><img src=x></body></html>",
                                           encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [str(ONRECORD), "analyze", str(tmp_path / "empty.txt"), str(tmp_path / "image.txt"),
         str(tmp_path / "gallery.html"), str(tmp_path / "missing.txt"), str(good),
         "--out", str(out)],
        capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert proc.returncode == 1
    errs = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert len(errs) == 4
    for name in ("empty.txt", "image.txt", "gallery.html", "missing.txt"):
        assert sum(name in e for e in errs) == 1
    assert sorted(p.name for p in out.iterdir()) == [".onrecord-authors.json", "harbor.json"]


def _brat_folder(root: Path) -> str:
    """A brat-annotated folder in PolNeAR's layout, annotated here by hand: the fixture
    article harbor.txt with its two quotations by Ruth Alvarez and the opponents' argument."""
    text = PLAIN_ARTICLE
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "harbor.txt").write_text(text, encoding="utf-8")

    def at(s: str) -> tuple[int, int]:
        i = text.index(s)
        return i, i + len(s)

    spans = [  # (label, text) in PolNeAR's way: a quotation's content with its marks
        ("Content", '"This is the most important vote this commission has taken in a decade,"'),
        ("Cue", "said"), ("Source", "commissioner\nRuth Alvarez"),
        ("Content", '"The port cannot grow without it."'),
        ("Content", "the work would harm the oyster beds\nthat have supported the town's "
                    "economy for generations"),
        ("Cue", "argued"), ("Source", "Opponents"),
    ]
    lines = []
    for i, (label, t) in enumerate(spans, 1):
        s, e = at(t)
        lines.append(f"T{i}\t{label} {s} {e}\t{t}")
    lines += ["E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3",
              "E2\tAttribution:T2 Content:T4 Source:T3",
              "E3\tAttribution:T6 Content:T5 Cue:T6 Source:T7"]
    # a second annotator of the same article (PolNeAR's _xxxx suffix): only the first counts
    (root / "attributions" / "harbor_0a1b.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "attributions" / "harbor_ffff.ann").write_text(lines[0] + "\nE1\tContent:T1\n",
                                                           encoding="utf-8")
    return text


def test_eval_polnear_scores_hand_made_predictions(tmp_path):
    """`onrecord eval polnear GOLD PRED` gives score.py's figures of predictions made by hand."""
    import json as _json

    from typer.testing import CliRunner

    from onrecord.cli import app

    text = _brat_folder(tmp_path / "gold")

    def span(s: str, end: str | None = None) -> dict:
        i = text.index(s)
        j = text.index(end, i) + len(end) if end else i + len(s)
        return {"start": i, "end": j, "text": text[i:j]}

    pred = tmp_path / "pred"
    pred.mkdir()
    attributions = [
        # the first quotation without its marks: Jaccard 70/72 with the gold, source right
        {"content": span("This is the most important", "in a decade,"),
         "source": span("Ruth Alvarez"), "cue": span("said")},
        # the oyster sentence cut to its first half: Jaccard 35/90, over 0.3 and under 0.8;
        # its source is wrong (not the opponents)
        {"content": span("the work would harm the oyster beds"), "source": span("fishing families")},
        # a statement nobody made
        {"content": span("The harbor commission voted 5-2"), "source": span("The harbor commission")},
    ]
    (pred / "harbor.json").write_text(_json.dumps({"text": text, "attributions": attributions}),
                                      encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "polnear", str(tmp_path / "gold"), str(pred)])
    assert res.exit_code == 0, res.output
    assert _json.loads(res.stdout) == {
        "documents": 1, "gold_attributions": 3, "predicted_attributions": 3,
        "content_overlap30": {"p": 0.6667, "r": 0.6667, "f1": 0.6667},
        "content_overlap80": {"p": 0.3333, "r": 0.3333, "f1": 0.3333},
        "source_accuracy_on_matched": 0.5,
        "end_to_end": {"p": 0.3333, "r": 0.3333, "f1": 0.3333},
        # one of the two gold quotations matched, with its source
        "quoted_recall30": 0.5, "quoted_end_to_end_recall": 0.5,
        "missing_predictions": 0, "unreadable_predictions": 0, "invalid_offsets": 0,
        "text_offset_mismatch": 0}


def test_eval_polnear_analyses_the_folder_when_no_predictions_are_given(tmp_path):
    """Without PRED, the texts are analysed first; the figures are those of the records."""
    import json as _json

    from typer.testing import CliRunner

    import onrecord
    from onrecord.attribute.evaluate import score_polnear
    from onrecord.cli import app

    text = _brat_folder(tmp_path / "gold")
    res = CliRunner().invoke(app, ["eval", "polnear", str(tmp_path / "gold")])
    assert res.exit_code == 0, res.output
    got = _json.loads(res.stdout)
    rec = onrecord.analyze_text(text)
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "harbor.json").write_text(_json.dumps(rec.to_dict()), encoding="utf-8")
    assert got == score_polnear(tmp_path / "gold", pred)
    assert (got["documents"], got["gold_attributions"]) == (1, 3)
    assert got["predicted_attributions"] == len(rec.attributions)
    # both quotations of Ruth Alvarez are found (the fixture test checks their spans)
    assert got["quoted_recall30"] == 1.0
    assert (got["invalid_offsets"], got["text_offset_mismatch"]) == (0, 0)
    # a folder without attributions/ is refused
    res = CliRunner().invoke(app, ["eval", "polnear", str(tmp_path / "pred")])
    assert res.exit_code == 2
    assert " ".join(res.output.split()).endswith("pred needs text/ and attributions/ folders")


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    """`python -m onrecord analyze` writes the same record as the `onrecord` script's code path."""
    page = tmp_path / "page.txt"
    page.write_text(PLAIN_ARTICLE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "onrecord", "analyze", str(page), "--format", "jsonl"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rec = json.loads(done.stdout.splitlines()[0])
    speakers = {a["speaker"]["name"] for a in rec["attributions"] if a.get("speaker")}
    assert "Ruth Alvarez" in speakers
