"""Page cleaning: body, chrome and metadata of plain-text and HTML pages; the Python API."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import HTML_ARTICLE, load_seeds_gold
from onrecord.clean import clean
from onrecord.errors import InputError, OnrecordError
from onrecord.ingest.decode import decode_bytes

CONTRACT_KEYS = {"schema", "source", "text", "document", "speakers", "attributions",
                 "sentences", "events"}
DOCUMENT_KEYS = {"title", "author", "published", "published_basis", "body", "chrome"}

def _gold() -> dict:
    """The seeds' gold annotations (bundled in tests/data)."""
    return load_seeds_gold()


@pytest.fixture
def seed_text(seeds_dir):
    def read(name: str) -> str:
        text, _ = decode_bytes((seeds_dir / name).read_bytes(), name)
        return text
    return read


def _body(record) -> str:
    b = record.document.body
    return record.text[b.start:b.end]


def _check_spans(record):
    """Every span is inside the text, chrome never overlaps the body."""
    d, n = record.document, len(record.text)
    assert 0 <= d.body.start < d.body.end <= n
    for c in d.chrome:
        assert 0 <= c.start < c.end <= n, c
        assert c.end <= d.body.start or c.start >= d.body.end, f"chrome {c} overlaps body {d.body}"
        assert record.text[c.start:c.end].strip(), f"empty chrome span {c}"
    assert record.text[d.body.start:d.body.end] == record.text[d.body.start:d.body.end].strip() \
        or record.text[d.body.start] == "\ufeff"


def _chrome_text(record, kind: str) -> str:
    return "\n".join(record.text[c.start:c.end] for c in record.document.chrome if c.kind == kind)


# ---- the seeds -------------------------------------------------------------

SEED_NAMES = ["000_da6073b65d0faf15.txt", "002_075d34a81711b9ee.txt"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_metadata_and_body(name, seed_text):
    gold = _gold()[name]["document"]
    text = seed_text(name)
    rec = clean(text, name)
    d = rec.document
    _check_spans(rec)
    assert d.title == gold["title"]
    assert d.author == gold["author"]
    assert d.body.start == gold["body"][0]
    # the body reaches at least to the gold end and keeps every required quote
    assert d.body.end >= gold["body"][1]
    for q in _gold()[name]["quotes"]:
        if q["status"] == "required":
            assert d.body.start <= q["start"] and q["end"] <= d.body.end, q["text"]
        if q["status"] == "not_a_quote":      # book titles in the promo block
            assert q["start"] >= d.body.end, q["text"]


def test_seed_000_chrome(seed_text):
    rec = clean(seed_text(SEED_NAMES[0]), SEED_NAMES[0])
    kinds = {c.kind for c in rec.document.chrome}
    assert {"byline", "promo", "comments"} <= kinds
    assert "Stephen Lendman" in _chrome_text(rec, "byline")
    assert "Leave a Reply" in _chrome_text(rec, "comments")
    assert "You are commenting using" in _chrome_text(rec, "comments")
    assert "Wall Street books" in _chrome_text(rec, "promo")
    tail = rec.text[rec.document.body.end:]
    for phrase in ("VISIT MY WEBSITE", "bloggers like this", "Up ↑", "Create a free website"):
        assert phrase in tail
    assert "VISIT MY WEBSITE" not in _body(rec)
    assert _body(rec).rstrip().endswith("at home and abroad.")


def test_seed_002_chrome_and_inferred_date(seed_text):
    rec = clean(seed_text(SEED_NAMES[1]), SEED_NAMES[1])
    d = rec.document
    kinds = {c.kind for c in d.chrome}
    assert {"byline", "navigation", "promo", "bio"} <= kinds
    nav = _chrome_text(rec, "navigation")
    assert "November 17, 2020" in nav and "November 18, 2020" in nav
    assert "was born in 1934" in _chrome_text(rec, "bio")
    # the page has no date of its own: the earliest date the post navigation allows
    assert d.published == "2020-11-17"
    assert d.published_basis == ("inferred:between previous post (2020-11-17) "
                                 "and next post (2020-11-18)")
    assert "Lendman was born" not in _body(rec)


def test_seed_002_date_in_gold_range(seed_text):
    gold = _gold()[SEED_NAMES[1]]["document"]
    d = clean(seed_text(SEED_NAMES[1]), SEED_NAMES[1]).document
    assert gold["date_range"][0] <= d.published <= gold["date_range"][1]


def test_seed_dates_do_not_depend_on_the_run(nlp_loaded, seeds_dir):
    """002 is dated from its own text; 000 has no year anywhere and stays undated, alone
    or analysed with 002 (a record never borrows from the other files of a run)."""
    import onrecord

    gold = _gold()
    outs = list(onrecord.analyze_many([seeds_dir / n for n in SEED_NAMES]))
    assert [o.error for o in outs] == [None, None]
    alone = [next(iter(onrecord.analyze_many([seeds_dir / n]))) for n in SEED_NAMES]
    for name, out, single in zip(SEED_NAMES, outs, alone):
        assert out.record.to_dict()["document"] == single.record.to_dict()["document"], name
    d = outs[1].record.document
    lo, hi = gold[SEED_NAMES[1]]["document"]["date_range"]
    assert d.published is not None and lo <= d.published <= hi
    assert d.published_basis.startswith("inferred:")
    assert outs[0].record.document.published is None


# ---- other plain-text page shapes -----------------------------------------

BODY = """The city council voted 7-2 on Tuesday to expand the network of protected bike lanes across the downtown core, a plan that has divided residents for more than a year.

"This is about safety, plain and simple," said council member Ruth Alvarez, who sponsored the measure. "Every month we wait, someone else gets hurt."

Opponents, including several business owners on Main Street, argued that removing parking would hurt shops that are still recovering from the pandemic.

The plan calls for twelve miles of new lanes over three years, paid for largely with a state transportation grant.

Mayor Paul Kim said he would sign it.
"""
FIRST = "The city council voted 7-2"
LAST = "Mayor Paul Kim said he would sign it."
WP_TAIL = """
Share this:
Twitter
Facebook

Like this:
Like Loading...

Related

Posted in Politics

Leave a comment

Powered by WordPress
"""
HEADS = {
    "by-then-date": "Council Backs Downtown Bike Lanes\n\nBy Jane Doe\nMarch 3, 2021\n\n",
    "date-then-by": "Council Backs Downtown Bike Lanes\n\nMarch 3, 2021\nBy Jane Doe\n\n",
    "posted-by-on": "Council Backs Downtown Bike Lanes\n\nPosted by Jane Doe on March 3, 2021\n\n",
    "published-iso": "Council Backs Downtown Bike Lanes\nPublished: 2021-03-03\nby Jane Doe\n\n",
    "repeated-title": ("Council Backs Downtown Bike Lanes\n\nCouncil Backs Downtown Bike Lanes\n"
                       "By Jane Doe\n3 March 2021\n\n"),
}


def _layout_checks(text: str):
    rec = clean(text, "page.txt")
    _check_spans(rec)
    body = _body(rec)
    assert body.startswith(FIRST)
    assert body.endswith(LAST)
    return rec


@pytest.mark.parametrize("head", sorted(HEADS))
@pytest.mark.parametrize("tail", ["wordpress", "none"])
def test_blog_page_shapes(head, tail):
    text = HEADS[head] + BODY + (WP_TAIL if tail == "wordpress" else "")
    rec = _layout_checks(text)
    d = rec.document
    assert d.title == "Council Backs Downtown Bike Lanes"
    assert d.author == "Jane Doe"
    assert d.published == "2021-03-03"
    assert d.published_basis == "explicit"
    assert "byline" in {c.kind for c in d.chrome}
    if tail == "wordpress":
        after = rec.text[d.body.end:]
        for phrase in ("Share this:", "Like this:", "Related", "Posted in Politics",
                       "Leave a comment", "Powered by WordPress"):
            assert phrase in after
        covered = "".join(rec.text[c.start:c.end] for c in d.chrome if c.start >= d.body.end)
        for phrase in ("Share this:", "Leave a comment", "Powered by WordPress"):
            assert phrase in covered
        assert "comments" in {c.kind for c in d.chrome}


def test_crlf_page():
    text = (HEADS["by-then-date"] + BODY + WP_TAIL).replace("\n", "\r\n")
    rec = _layout_checks(text)
    assert rec.text == text                       # newlines untouched
    assert rec.document.published == "2021-03-03"


def test_navigation_dates_are_inferred():
    head = ("Council Backs Downtown Bike Lanes\n\n"
            "School Board Delays Budget Vote\nFebruary 26, 2021\n"
            "Parks Levy Heads to the Ballot\nMarch 8, 2021\n\n"
            "Council Backs Downtown Bike Lanes\n\nby Jane Doe\n\n")
    rec = _layout_checks(head + BODY)
    d = rec.document
    assert "navigation" in {c.kind for c in d.chrome}
    assert "School Board Delays Budget Vote" in _chrome_text(rec, "navigation")
    assert "2021-02-26" <= d.published <= "2021-03-08"
    assert d.published_basis.startswith("inferred:")
    assert "2021-02-26" in d.published_basis and "2021-03-08" in d.published_basis


def test_article_sentence_with_a_cms_word_does_not_end_the_body():
    """Short article lines that happen to use footer words stay in the body."""
    body = BODY.replace(
        "Opponents, including",
        "They are also serving cookies.\n\nSupporters were urged to donate.\n\nOpponents, including")
    rec = _layout_checks("Council Backs Downtown Bike Lanes\n\nBy Jane Doe\n\n" + body + WP_TAIL)
    assert "serving cookies" in _body(rec)
    assert "Powered by WordPress" not in _body(rec)


def test_short_article_with_a_long_share_block():
    """Many one-word footer lines must not push the tail's first lines into the body."""
    short = "\n\n".join(BODY.strip().split("\n\n")[:2] + [LAST]) + "\n"
    text = HEADS["by-then-date"] + short + WP_TAIL
    rec = clean(text, "short.txt")
    _check_spans(rec)
    body = _body(rec)
    assert body.startswith(FIRST) and body.endswith(LAST)
    for word in ("Share this:", "Twitter", "Facebook"):
        assert word not in body


def test_late_article_line_with_a_footer_word_does_not_cut_the_body():
    paras = BODY.strip().split("\n\n")
    extra = [f"Paragraph {n} of the report says the lanes will be built in phases, starting "
             f"with the streets around the central library and the main bus station." for n in range(6)]
    body = "\n\n".join(paras[:-1] + extra[:4] + ["Volunteers handed out cookies."]
                       + extra[4:] + [paras[-1]])
    rec = _layout_checks("Council Backs Downtown Bike Lanes\n\nBy Jane Doe\n\n" + body + "\n"
                         + WP_TAIL)
    assert "handed out cookies" in _body(rec)


def test_page_without_chrome_keeps_everything_after_the_title():
    """A PolNeAR-style text: a title line, then paragraphs, nothing else."""
    title = "Clinton Plan for Taxes Is Expansive"
    paras = [
        "Hillary Clinton on Thursday outlined a tax plan that would raise rates on the wealthiest "
        "Americans, her campaign said.",
        "\u201cWe are going to make sure the wealthy pay their fair share,\u201d she told a crowd "
        "in Ohio.",
        "Republicans dismissed the plan.",
        "The campaign did not say how much the proposal would raise over ten years.",
        "Analysts were divided.",
    ]
    text = title + "\n\n" + "\n\n".join(paras) + "\n"
    rec = clean(text, "polnear.txt")
    d = rec.document
    _check_spans(rec)
    assert d.title == title
    assert d.body.start == text.index(paras[0])
    assert d.body.end == text.index(paras[-1]) + len(paras[-1])
    assert d.author is None
    assert all(c.end <= d.body.start for c in d.chrome)


def test_single_paragraph_text():
    text = ("Officials said on Monday that the bridge would reopen next week after repairs, "
            "according to a statement from the state transportation department.")
    rec = clean(text, "one.txt")
    _check_spans(rec)
    assert text[rec.document.body.start:rec.document.body.end].endswith("department.")


def test_utf8_bom_page_offsets():
    text = "\ufeff" + HEADS["by-then-date"] + BODY
    rec = clean(text, "bom.txt")
    assert rec.text == text
    assert rec.document.title == "Council Backs Downtown Bike Lanes"
    assert _body(rec).startswith(FIRST)


# ---- HTML --------------------------------------------------------------------

def test_html_article():
    rec = clean(HTML_ARTICLE, "article.html")
    d = rec.document
    assert d.title == "Senator Rejects Budget Deal"
    assert d.author == "Jane Doe"
    assert d.published == "2021-05-04"
    assert d.published_basis == "explicit"
    assert "<p>" not in rec.text and "<nav" not in rec.text
    assert "Privacy Policy" not in rec.text           # trafilatura dropped the page furniture
    _check_spans(rec)
    body = _body(rec)
    assert body.startswith("Senator Maria Lopez on Monday rejected")
    assert body.rstrip().endswith("released by the committee.")
    assert "We were promised a fair deal" in body
    assert rec.source.content_type == "html"


def test_html_detected_without_content_type():
    rec = clean(HTML_ARTICLE, "stdin")
    assert rec.document.author == "Jane Doe"
    assert "<article>" not in rec.text


def test_html_with_no_text_is_an_input_error():
    html = ("<!DOCTYPE html><html><head><title>Gallery</title></head><body>"
            "<div><img src='a.png'><img src='b.png'></div><script>var x = 1;</script>"
            "</body></html>")
    with pytest.raises(InputError) as ei:
        clean(html, "gallery.html", content_type="html")
    assert "gallery.html" in str(ei.value)
    assert "no article text" in str(ei.value)


def test_broken_html_still_gives_a_record():
    html = ("<html><head><title>Mayor Quits Amid Probe</title><body><div><p>The mayor resigned on "
            "Friday, hours after investigators searched city hall, officials said. <p>\u201cI have "
            "done nothing wrong,\u201d she said in a statement. <div><p>The council will pick an "
            "interim mayor next week, according to the city clerk, who declined to say more."
            "<b>unclosed <i>tags everywhere")
    rec = clean(html, "broken.html", content_type="html")
    _check_spans(rec)
    assert "The mayor resigned on Friday" in _body(rec)
    assert "<p>" not in rec.text


# ---- the Python API --------------------------------------------------------------

def _check_record_dict(rec_dict: dict):
    assert CONTRACT_KEYS <= set(rec_dict)
    assert rec_dict["schema"] == "onrecord/1"
    assert DOCUMENT_KEYS <= set(rec_dict["document"])
    text = rec_dict["text"]
    d = rec_dict["document"]
    assert 0 <= d["body"]["start"] < d["body"]["end"] <= len(text)
    for c in d["chrome"]:
        assert 0 <= c["start"] < c["end"] <= len(text)
    for s in rec_dict["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text)
    n_checked = 0
    for a in rec_dict["attributions"]:
        for part in ("content", "cue", "source"):
            span = a.get(part)
            if not span:
                continue
            spans = span.get("spans", [span])
            for sp in spans:
                assert 0 <= sp["start"] <= sp["end"] <= len(text)
                assert text[sp["start"]:sp["end"]] == sp["text"], (part, sp)
                n_checked += 1
    for sp in rec_dict["speakers"]:
        for m in sp.get("mentions", []):
            assert text[m["start"]:m["end"]] == m["text"]
    json.dumps(rec_dict)                              # JSON-serialisable
    return n_checked


def test_api_exports():
    import onrecord

    assert callable(onrecord.analyze) and callable(onrecord.analyze_many)


def test_analyze_text(nlp_loaded):
    import onrecord

    text = HEADS["by-then-date"] + BODY
    rec = onrecord.analyze(text)
    d = rec.to_dict()
    # content, cue and source of BODY's five statements (the council's vote, Alvarez's quotation
    # in two parts, the opponents, the plan, the mayor)
    assert _check_record_dict(d) == 5 * 3 + 1
    assert [(a["speaker"]["name"], a["kind"]) for a in d["attributions"]
            if a["speaker"]["name"] in ("Ruth Alvarez", "Paul Kim")] == [
        ("Ruth Alvarez", "direct"), ("Paul Kim", "indirect")]
    assert [s["text"] for s in d["attributions"][1]["content"]["spans"]] == [
        '"This is about safety, plain and simple,"',
        '"Every month we wait, someone else gets hurt."']
    assert d["text"] == text
    assert d["document"]["author"] == "Jane Doe"
    assert d["sentences"], "sentence segmentation of the body"
    body = d["document"]["body"]
    assert all(body["start"] <= s["start"] and s["end"] <= body["end"] for s in d["sentences"]
               if s.get("voice") != "chrome")


def test_analyze_path_and_bad_text(tmp_path, nlp_loaded):
    import onrecord

    f = tmp_path / "story.txt"
    f.write_text(HEADS["posted-by-on"] + BODY, encoding="utf-8")
    rec = onrecord.analyze(f)
    assert rec.source.path == str(f)
    assert rec.to_dict()["source"]["sha256"]
    with pytest.raises(OnrecordError):
        onrecord.analyze(tmp_path / "missing.txt")
    with pytest.raises(OnrecordError):
        onrecord.analyze("   \n  \n")


def test_analyze_many_streams_and_survives_bad_inputs(tmp_path, nlp_loaded):
    import onrecord

    good = tmp_path / "good.txt"
    good.write_text(HEADS["by-then-date"] + BODY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    png = tmp_path / "pic.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    outs = list(onrecord.analyze_many([empty, good, str(png)]))
    assert [o.ok for o in outs] == [False, True, False]
    assert "empty.txt" in outs[0].error
    assert "pic.txt" in outs[2].error and "binary" in outs[2].error
    assert _check_record_dict(outs[1].record.to_dict()) == 5 * 3 + 1   # as in test_analyze_text


def test_plain_news_pages_have_valid_offsets_and_the_gold_body(nlp_loaded):
    """Bundled plain-text web pages (not the narrative dialogue passages) whose article runs to
    the end of the file (gold body end = the last non-space character), as PolNeAR's news files do: every span's offsets, the text kept
    byte for byte, and the body exactly the gold's.  The same check over every PolNeAR dev
    file is ``bench/polnear_offsets.py`` (the corpus is not in the repo)."""
    import onrecord

    web = Path(__file__).resolve().parents[1] / "corpus" / "web"
    gold = json.loads((web / "gold.json").read_text(encoding="utf-8"))["documents"]
    shapes = json.loads((web.parent / "split.json").read_text(encoding="utf-8"))["shapes"]
    raw = {n: (web / "pages" / n).read_bytes().decode("utf-8") for n, g in gold.items()
           if g["document"]["format"] == "text" and shapes.get(n.split("__")[0], "web") == "web"}
    names = sorted(n for n in raw if gold[n]["document"]["body"][1] == len(raw[n].rstrip()))
    assert names == ["bacon-house-gov__block-putin-act-2026.txt",
                     "boebert-house-gov__un-racism-invitation-letter-2021.txt",
                     "castro-house-gov__foreign-aid-oversight-bill-2022.txt",
                     "castro-house-gov__january-6-anniversary-2022.txt",
                     "castro-house-gov__state-department-policy-letter-2021.txt",
                     "cotton-senate-gov__tiktok-foreign-employees-2022.txt",
                     "malliotakis-house-gov__covid-origins-addendum-2021.txt",
                     "murphy-senate-gov__substack-war-crimes-2026.txt",
                     "pocan-house-gov__gaza-humanitarian-access-2021.txt",
                     "reed-senate-gov__trump-chaos-tax-tariffs-2026.txt",
                     "reed-senate-gov__trump-iran-threat-2026.txt",
                     "sarajacobs-house-gov__afghanistan-hearing-2021.txt",
                     "thune-senate-gov__fox-news-filibuster-2022.txt",
                     "wilson-house-gov__trump-intelligence-russia-2022.txt"]
    for name, out in zip(names, onrecord.analyze_many([web / "pages" / n for n in names])):
        assert out.error is None, out.error
        d = out.record.to_dict()
        # every attribution has its content and a cue or a source: at least two spans each
        assert _check_record_dict(d) >= 2 * len(d["attributions"]) > 0
        assert d["text"] == raw[name]                 # the file decoded, newlines untouched
        body = d["document"]["body"]
        assert [body["start"], body["end"]] == gold[name]["document"]["body"], name


@pytest.mark.xfail(strict=True, reason="'The plan calls for twelve miles of new lanes' is taken "
                   "as a statement by 'The plan' (attribute/)")
def test_a_plan_that_calls_for_something_is_not_speech(nlp_loaded):
    import onrecord

    rec = onrecord.analyze(HEADS["by-then-date"] + BODY)
    assert [rec.text[a.source.start:a.source.end] for a in rec.attributions
            if a.source is not None and rec.text[a.source.start:a.source.end] == "The plan"] == []
