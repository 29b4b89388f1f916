"""Hostile input through ``onrecord ingest``: every input is stored or reported with a
clear reason, the command never crashes, the store stays whole.

The hypothesis strategies (random bytes and Unicode, quote storms, giant lines,
broken HTML, WARC-ish and feed-ish garbage, under every file suffix) live in
tests/fuzz_targets.py; ``scripts/fuzz.py --target ingest`` runs thousands.
"""
from __future__ import annotations

import gzip
import random

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_targets import _warc_record, check_sqlite_store, ingest_inputs, run_ingest
from onrecord.ingest.archives import iter_feed, iter_sources, iter_warc, iter_wxr

SETTINGS = dict(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                database=None)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, nlp_loaded):
    return tmp_path_factory.mktemp("ingest-fuzz")


def test_any_input_is_stored_or_reported_and_the_store_stays_whole(workdir):
    @settings(max_examples=70, **SETTINGS)
    @given(ingest_inputs)
    def check(case):
        data, suffix = case
        run_ingest(data, suffix, workdir)

    check()
    check_sqlite_store(workdir / "fuzz.db")


RSS = b"""<?xml version="1.0"?><rss version="2.0"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
<item><title>Talks stall</title><link>http://news.example/a</link>
<pubDate>Tue, 17 Nov 2020 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>""" + b"Sergey Lavrov said the treaty must be extended. " * 12 + \
    b"""</p>]]></content:encoded></item>
<item><title>Second</title><link>http://news.example/b</link>
<description>Mike Pompeo said Washington would not accept the terms.</description></item>
</channel></rss>"""
WXR = b"""<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><item><title>Post</title><link>http://blog.example/p</link><dc:creator>me</dc:creator>
<wp:post_date>2020-11-17 10:00:00</wp:post_date><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status><content:encoded><![CDATA[Lavrov said "we are ready," he told
reporters.

Second paragraph.]]></content:encoded></item></channel></rss>"""


def _mutations(src: bytes, n: int, seed: int):
    rnd = random.Random(seed)
    for _ in range(n):
        b = bytearray(src[: rnd.randint(1, len(src))])
        for _ in range(rnd.randint(0, 5)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        yield bytes(b)


def _check_items(items):
    for it in items:
        assert (it.data is None) != (it.error is None), it
        if it.error is not None:
            msg = str(it.error)
            assert msg and "Traceback" not in msg


def test_corrupt_warc_files_never_raise(capfd):
    # e.g. a response record whose WARC-Target-URI header is damaged made warcio raise
    # AttributeError, which ended the whole ingest with a traceback
    plain = b"".join(_warc_record(f"http://a.example/{i}", b"<p>He said hi.</p>" * 40)
                     for i in range(3))
    gz = b"".join(gzip.compress(_warc_record(f"http://a.example/{i}", b"<p>x</p>" * 30))
                  for i in range(3))
    damaged = plain.replace(b"WARC-Target-URI", b"WARC-Tar\x81et-URI", 1)
    items = list(iter_warc(damaged, "d.warc"))
    _check_items(items)
    assert any(it.error for it in items)
    for seed, src in enumerate((plain, gz)):
        for data in _mutations(src, 600, seed):
            _check_items(iter_warc(data, "x.warc"))
    capfd.readouterr()  # warcio's warnings about damaged records


def test_corrupt_feeds_and_exports_never_raise():
    for seed, src in enumerate((RSS, WXR)):
        for data in _mutations(src, 300, seed + 10):
            _check_items(iter_feed(data, "x.rss"))
            _check_items(iter_wxr(data, "x.xml"))


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    evil = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://'
            + str(secret).encode() + b'">]>' + WXR.split(b"?>", 1)[1]
            .replace(b"Second paragraph.", b"&xxe; Second paragraph.")
            .replace(b"<title>Post</title>", b"<title>&xxe;</title>"))
    for fn in (iter_wxr, iter_feed):
        for it in fn(evil, "evil.xml"):
            assert b"TOP-SECRET" not in (it.data or b"")
            assert "TOP-SECRET" not in str(it.error or "")


def test_local_feed_above_the_size_limit_is_refused(tmp_path):
    p = tmp_path / "big.rss"
    p.write_bytes(RSS + b"<!--" + b"x" * 5000 + b"-->")
    (item,) = list(iter_sources([str(p)], max_bytes=2000, fetch_links=False))
    assert item.error is not None and "above the limit" in str(item.error)
    assert len(list(iter_sources([str(p)], max_bytes=10**6, fetch_links=False))) == 2


def test_damaged_gzip_under_a_feed_or_warc_name_is_an_error_not_a_crash(tmp_path):
    # zlib.error (not an OSError) escaped sniff_kind and ended the ingest with a traceback
    from onrecord.ingest.archives import sniff_kind

    bad = b"\x1f\x8b\x08\x00Z\x0e\x04k\x02\xff\x0bw\x0c\xa0\x067\xd43\xe0\xe5j\xd1\xff\xce\x00\\"
    assert sniff_kind(bad, "x.xml") is None
    for suffix in (".xml", ".rss", ".warc.gz", ".txt"):
        p = tmp_path / f"bad{suffix}"
        p.write_bytes(bad)
        _check_items(iter_sources([str(p)], fetch_links=False))
    for i, data in enumerate(_mutations(gzip.compress(RSS), 300, 7)):
        sniff_kind(data, "x.rss")
        p = tmp_path / f"m{i % 3}.rss"
        p.write_bytes(data)
        _check_items(iter_sources([str(p)], fetch_links=False))
