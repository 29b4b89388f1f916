"""Hypothesis strategies and invariants shared by the test suite and ``scripts/fuzz.py``.

Every generated input must give either a record whose spans are all valid, or
a one-line error naming the input — never an exception, never a hang.
"""
from __future__ import annotations

import time

from hypothesis import strategies as st

from onrecord.ingest import InputItem
from onrecord.model import Record

QUOTES = ["\"", "“", "”", "‘", "’", "'", "«", "»", "„"]
ODD = ["\u200b", "\u200e", "\u200f", "\u202e", "\ufeff", "\u00a0", "\r\n", "\r", "\t", "\x0c",
       "\u2028", "\U0001F600", "é", "ß", "ж", "中", "\ud7ff", "…", "—"]
WORDS = ["said", "told", "according to", "Lavrov", "MZ", "the minister", "he", "Baku", "denied",
         ":", ",", ".", "\n\n", "(y)oung", "so-called", "by John Smith", "Leave a Reply",
         "November 17, 2020", "On Saturday", "VISIT MY WEBSITE", "<p>", "</p>", "<b>", "&amp;"]

words_text = st.lists(st.sampled_from(WORDS + QUOTES + ODD), min_size=0, max_size=300).map(" ".join)
quote_storm = st.integers(min_value=1, max_value=5000).map(
    lambda n: " ".join(("“" if i % 3 else "\"") + "x" for i in range(n)))
giant_line = st.integers(min_value=1000, max_value=200_000).map(lambda n: "word " * (n // 5))
nested_html = st.integers(min_value=1, max_value=3000).map(
    lambda n: "<html><body>" + "<div><p>" * n + "He said “yes”." + "</p>" * (n // 2))
broken_html = st.lists(st.sampled_from(["<p>", "<div", "</div>", "<script>", "x", "“", ">",
                                        "<!--", "<html>", "<body>", "said", " "]),
                       max_size=200).map("".join)
unicode_text = st.text(max_size=2000)
texts = st.one_of(words_text, quote_storm, giant_line, nested_html, broken_html, unicode_text)


def encodings(text: str) -> st.SearchStrategy[bytes]:
    def enc(e):
        try:
            return text.encode(e, errors="replace")
        except Exception:
            return text.encode("utf-8", errors="surrogatepass")
    return st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig", "latin-1"]).map(enc)


inputs = st.one_of(
    st.binary(max_size=4000),
    texts.flatmap(encodings),
    st.tuples(texts, st.binary(max_size=50)).map(lambda t: t[0].encode("utf-8", "surrogatepass") + t[1]),
)


def check_record(rec: Record) -> None:
    n = len(rec.text)
    d = rec.document
    assert d.body is not None and 0 <= d.body.start <= d.body.end <= n
    for c in d.chrome:
        assert 0 <= c.start <= c.end <= n
        assert c.end <= d.body.start or c.start >= d.body.end, "chrome overlaps body"
    for a in rec.attributions:
        for sp in [*a.content, a.cue, a.source]:
            if sp is None:
                continue
            assert 0 <= sp.start < sp.end <= n
            assert sp.text is None or rec.text[sp.start:sp.end] == sp.text
    for s in rec.sentences:
        assert 0 <= s.start <= s.end <= n
    rec.to_dict()


def run_one(data: bytes, content_type=None, limit_s: float = 20.0) -> str:
    """Analyse one input through the whole pipeline; return 'ok' or 'error'."""
    from onrecord.pipeline import analyze_items

    item = InputItem(name="fuzz-input", data=data, content_type=content_type)
    t0 = time.monotonic()
    (out,) = list(analyze_items([item], doc_timeout=limit_s))
    took = time.monotonic() - t0
    assert took < limit_s + 5, f"took {took:.1f}s"
    if out.record is None:
        assert out.error and out.error.startswith("fuzz-input:"), out.error
        assert "Traceback" not in out.error
        assert "internal error" not in out.error, out.error
        return "error"
    check_record(out.record)
    return "ok"
