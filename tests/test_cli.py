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

from conftest import HTML_ARTICLE, PLAIN_ARTICLE, SEED_002, require_shared
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


def test_json_record_of_a_seed_has_quotes_with_matching_offsets():
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


def test_eval_polnear_scores_brat_annotations(tmp_path):
    """`onrecord eval polnear` analyses a brat-annotated folder and scores it like score.py."""
    import json as _json
    import shutil

    from typer.testing import CliRunner

    from onrecord.cli import app

    dev = require_shared("data/polnear/dev")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    stems = sorted(p.stem for p in (dev / "text").glob("*.txt"))[:2]
    for stem in stems:
        shutil.copy(dev / "text" / f"{stem}.txt", tmp_path / "text")
        for ann in (dev / "attributions").glob(f"{stem}_*.ann"):
            shutil.copy(ann, tmp_path / "attributions")
    res = CliRunner().invoke(app, ["eval", "polnear", str(tmp_path)])
    assert res.exit_code == 0, res.output
    got = _json.loads(res.stdout)
    assert got["documents"] == 2
    assert got["gold_attributions"] > 0 and got["predicted_attributions"] > 0
    assert got["content_overlap30"]["f1"] > 0.3
    assert got["invalid_offsets"] == 0
