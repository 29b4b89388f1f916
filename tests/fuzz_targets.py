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


# --- ingest: the same inputs, plus archive-shaped garbage, through `onrecord ingest` ------

def _warc_record(uri: str, body: bytes, ctype: str = "text/html", status: str = "200 OK") -> bytes:
    http = (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{abs(hash(uri)) % 10**12:012d}>\r\n"
            f"WARC-Date: 2020-11-17T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _gzip(b: bytes) -> bytes:
    import gzip
    return gzip.compress(b)


def _mutate(data: bytes, cut: int, flips: list) -> bytes:
    b = bytearray(data[: max(1, len(data) * cut // 100)])
    for pos, val in flips:
        if b:
            b[pos % len(b)] = val
    return bytes(b)


_doc = texts.map(lambda t: t.encode("utf-8", "surrogatepass"))
warc_like = st.one_of(
    st.lists(st.tuples(st.sampled_from(["http://a.example/x", "http://b.example/<script>", ""]),
                       _doc, st.sampled_from(["text/html", "text/plain", "image/png", "", "html"]),
                       st.sampled_from(["200 OK", "404 Not Found", "abc", ""])),
             min_size=1, max_size=4).map(lambda rs: b"".join(_warc_record(*r) for r in rs)),
    st.binary(max_size=2000).map(lambda b: b"WARC/1.0\r\n" + b),
    st.binary(max_size=500).map(lambda b: b"WARC/1.0\r\nContent-Length: 99999999\r\n\r\n" + b),
    st.binary(max_size=500).map(lambda b: b"\x1f\x8b" + b),
)
warc_like = st.one_of(
    warc_like,
    warc_like.map(_gzip),
    st.tuples(warc_like, st.integers(1, 100),
              st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=5))
      .map(lambda t: _mutate(*t)),
    st.tuples(warc_like.map(_gzip), st.integers(1, 100),
              st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3))
      .map(lambda t: _mutate(*t)),
)
_xml_piece = st.sampled_from(["<item>", "</item>", "<title>", "</title>", "<link>http://x.example/a</link>",
                              "<description>", "</description>", "<content:encoded><![CDATA[",
                              "]]></content:encoded>", "<wp:post_type>post</wp:post_type>",
                              "<wp:status>publish</wp:status>", "<entry>", "</entry>",
                              "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;",
                              "<!ENTITY a \"aaaaaaaaaa\">", "&a;&a;&a;", "said “yes”", "<", "&", "x"])
feed_like = st.tuples(
    st.sampled_from(['<?xml version="1.0"?><rss version="2.0"><channel>',
                     '<feed xmlns="http://www.w3.org/2005/Atom">',
                     '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                     'xmlns:wp="http://wordpress.org/export/1.2/"><channel>', "<rdf:RDF>", ""]),
    st.lists(st.one_of(_xml_piece, words_text), max_size=60).map("".join),
    st.sampled_from(["</channel></rss>", "</feed>", "", "</rdf:RDF>"]),
).map(lambda t: "".join(t).encode("utf-8", "surrogatepass"))

SUFFIXES = [".txt", ".html", ".htm", ".md", ".warc", ".warc.gz", ".arc", ".xml", ".rss", ".atom",
            ".wxr", ".dat", ""]
ingest_inputs = st.tuples(
    st.one_of(inputs, warc_like, feed_like),
    st.sampled_from(SUFFIXES),
)


def fts_indexed(con, fts: str) -> set[int]:
    """Row ids a contentless FTS5 table indexes (it keeps no per-row sizes), after checking that
    no row was indexed twice."""
    con.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_{fts} USING fts5vocab(main, {fts}, instance)")
    rows = [tuple(r) for r in con.execute(f"SELECT doc, term, col, offset FROM temp.v_{fts}")]
    assert len(rows) == len(set(rows)), f"a row of {fts} is indexed twice"
    return {r[0] for r in rows}


def check_sqlite_store(db) -> int:
    """The store is whole: record JSON parses, statements and index agree, keys unique."""
    import json
    import sqlite3

    con = sqlite3.connect(str(db), timeout=30)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        keys = [k for (k,) in con.execute("SELECT key FROM documents")]
        assert len(keys) == len(set(keys)), "duplicate document"
        from onrecord.store.codec import decode_record

        for i, n_st, record, text in con.execute("SELECT id, n_statements, record, text "
                                                 "FROM documents"):
            rec = decode_record(record, text)
            assert len(rec.get("attributions") or []) == n_st
            got = con.execute("SELECT COUNT(*) FROM statements WHERE doc_id = ?", (i,)).fetchone()[0]
            assert got == n_st, (i, got, n_st)
        assert fts_indexed(con, "statements_fts") == {i for (i,) in con.execute("SELECT id FROM statements")}
        assert fts_indexed(con, "documents_fts") == {i for (i,) in con.execute("SELECT id FROM documents")}
        return len(keys)
    finally:
        con.close()


def run_ingest(data: bytes, suffix: str, workdir, limit_s: float = 20.0) -> str:
    """``onrecord ingest`` one file into a SQLite store in ``workdir``; 'ok' or 'error'.

    Every input is stored or reported as failed with a one-line reason naming it; the
    command never crashes; the store stays whole.
    """
    import re
    import uuid
    from pathlib import Path

    from typer.testing import CliRunner

    from onrecord.cli import app

    workdir = Path(workdir)
    db = workdir / "fuzz.db"
    path = workdir / f"in-{uuid.uuid4().hex[:10]}{suffix}"
    path.write_bytes(data)
    before = check_sqlite_store(db) if db.exists() else 0
    t0 = time.monotonic()
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db), "--quiet",
                                   "--no-fetch-links", "--timeout", "2",
                                   "--doc-timeout", str(limit_s)])
    took = time.monotonic() - t0
    path.unlink()
    assert took < limit_s * 3 + 10, f"took {took:.1f}s"
    out = res.output
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        import traceback
        raise AssertionError("ingest crashed: " + "".join(
            traceback.format_exception(res.exception))[-3000:])
    assert res.exit_code in (0, 1), (res.exit_code, out[-2000:])
    assert "Traceback" not in out and "internal error" not in out, out[-2000:]
    m = re.search(r"(\d+) documents in [\d.]+ s: (\d+) ingested, (\d+) replaced, "
                  r"(\d+) unchanged, (\d+) failed", out)
    assert m, out[-2000:]
    total, new, replaced, unchanged, failed = map(int, m.groups())
    assert total >= 1 and total == new + replaced + unchanged + failed, out[-2000:]
    assert (failed > 0) == (res.exit_code == 1), out[-2000:]
    fails = [ln for ln in out.splitlines() if ln.strip().startswith("failed:")]
    assert len(fails) == min(failed, 50) or "more failures" in out, out[-2000:]
    for ln in fails:  # a reason that names the input or the archive entry
        assert ": " in ln.strip()[len("failed: "):], ln
    after = check_sqlite_store(db)
    assert after == before + new, (before, new, after)
    return "error" if failed and not (new or replaced or unchanged) else "ok"
