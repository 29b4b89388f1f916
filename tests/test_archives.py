"""RSS/Atom feeds, WordPress exports and WARC files as ingest sources."""
from __future__ import annotations

import gzip
import http.server
import io
import threading
from pathlib import Path

import pytest

from onrecord.ingest.archives import iter_feed, iter_sources, iter_warc, iter_wxr, sniff_kind

LONG = ("Sergey Lavrov said the treaty must be extended. " * 12).strip()

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Test feed</title><link>http://example.test/</link>
<item><title>Full entry</title><link>http://example.test/full</link>
  <dc:creator>Jane Writer</dc:creator><pubDate>Tue, 17 Nov 2020 10:00:00 GMT</pubDate>
  <description>short</description>
  <content:encoded><![CDATA[<p>{LONG}</p>]]></content:encoded></item>
<item><title>Summary only</title><link>{{base}}/article.html</link>
  <pubDate>Wed, 18 Nov 2020 10:00:00 GMT</pubDate><description>Just a teaser.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:x</id>
<updated>2021-01-02T00:00:00Z</updated>
<entry><title>Atom entry</title><id>urn:e1</id><link href="http://example.test/atom1"/>
<updated>2021-01-02T00:00:00Z</updated><author><name>A. Author</name></author>
<content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content></entry>
</feed>"""

WXR = f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Blog</title><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Published post</title><link>https://blog.test/2020/11/post</link>
 <dc:creator><![CDATA[blogger]]></dc:creator>
 <content:encoded><![CDATA[First paragraph: {LONG}

Second paragraph with <em>markup</em>.]]></content:encoded>
 <wp:post_id>7</wp:post_id><wp:post_date><![CDATA[2020-11-17 09:30:00]]></wp:post_date>
 <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>
<item><title>Draft</title><link>https://blog.test/?p=8</link>
 <content:encoded><![CDATA[not yet]]></content:encoded><wp:post_id>8</wp:post_id>
 <wp:status><![CDATA[draft]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>
<item><title>logo</title><link>https://blog.test/logo</link><content:encoded><![CDATA[]]></content:encoded>
 <wp:post_id>9</wp:post_id><wp:status><![CDATA[inherit]]></wp:status>
 <wp:post_type><![CDATA[attachment]]></wp:post_type></item>
</channel></rss>"""


def make_warc(path: Path, compress: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=compress)

        def response(uri: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                http_headers=headers))

        response("http://news.test/a", "200 OK", "text/html; charset=utf-8",
                 f"<html><head><title>A</title></head><body><p>{LONG}</p></body></html>".encode())
        response("http://news.test/missing", "404 Not Found", "text/html", b"<html>gone</html>")
        response("http://news.test/logo.png", "200 OK", "image/png", b"\x89PNG....")
        response("http://news.test/b.txt", "200 OK", "text/plain", LONG.encode())
        w.write_record(w.create_warc_record("http://news.test/", "request",
                                            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


@pytest.fixture(scope="module")
def web():
    """A loopback HTTP server serving the feed and a linked article."""
    pages: dict[str, tuple[str, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path not in pages:
                self.send_response(404)
                self.end_headers()
                return
            ctype, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    pages["/feed.xml"] = ("application/rss+xml", RSS.replace("{base}", base).encode())
    pages["/article.html"] = ("text/html", f"<html><body><p>{LONG}</p></body></html>".encode())
    pages["/page.html"] = ("text/html", b"<!DOCTYPE html><html><body><p>plain page</p></body></html>")
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield base
    srv.shutdown()


def test_sniff_kind(tmp_path):
    assert sniff_kind(RSS.encode()) == "feed"
    assert sniff_kind(ATOM.encode()) == "feed"
    assert sniff_kind(WXR.encode()) == "wxr"
    assert sniff_kind(b"<!DOCTYPE html><html><body>x</body></html>") is None
    assert sniff_kind(b"plain text") is None
    make_warc(tmp_path / "x.warc.gz")
    assert sniff_kind((tmp_path / "x.warc.gz").read_bytes()) == "warc"
    assert sniff_kind(gzip.compress(b"not a warc")) is None


def test_feed_uses_full_content_and_metadata():
    items = list(iter_feed(ATOM.encode(), "atom.xml"))
    assert len(items) == 1
    it = items[0]
    assert it.error is None and it.url == "http://example.test/atom1" and it.content_type == "html"
    html = it.data.decode()
    assert "<title>Atom entry</title>" in html and 'content="A. Author"' in html
    assert 'content="2021-01-02"' in html and LONG in html


def test_feed_url_fetches_summary_only_entries(web):
    items = list(iter_sources([f"{web}/feed.xml"], allow_private=True))
    assert [i.url for i in items] == ["http://example.test/full", f"{web}/article.html"]
    assert all(i.error is None for i in items)
    assert b"Jane Writer" in items[0].data and b"2020-11-17" in items[0].data
    assert items[1].data.startswith(b"<html><body>")  # the linked page itself
    # without fetching, the teaser is used
    items = list(iter_sources([f"{web}/feed.xml"], fetch_links=False, allow_private=True))
    assert b"Just a teaser." in items[1].data
    # an ordinary page URL is one document, fetched once
    [page] = list(iter_sources([f"{web}/page.html"], allow_private=True))
    assert page.error is None and b"plain page" in page.data
    [missing] = list(iter_sources([f"{web}/nope"], allow_private=True))
    assert missing.error is not None and "404" in str(missing.error)


def test_wxr_yields_published_posts_only(tmp_path):
    p = tmp_path / "blog.xml"
    p.write_text(WXR, encoding="utf-8")
    items = list(iter_sources([str(p)]))
    assert len(items) == 1
    it = items[0]
    assert it.url == "https://blog.test/2020/11/post" and it.error is None
    html = it.data.decode()
    assert "<title>Published post</title>" in html and 'content="blogger"' in html
    assert 'content="2020-11-17"' in html
    # paragraphs restored from WordPress's blank-line convention
    assert html.count("<p>") == 2 and "<em>markup</em>" in html


def test_wxr_broken_file_is_an_item_error():
    items = list(iter_wxr(b"<rss><channel><item><title>x", "broken.xml"))
    assert items and items[-1].error is not None


def test_warc_yields_html_and_text_responses(tmp_path):
    for compress in (True, False):
        p = tmp_path / f"crawl{'.gz' if compress else ''}.warc"
        p = p.with_name("crawl.warc.gz" if compress else "crawl.warc")
        make_warc(p, compress)
        items = list(iter_sources([str(p)]))
        assert [(i.url, i.content_type) for i in items] == [
            ("http://news.test/a", "html"), ("http://news.test/b.txt", "text")]
        assert LONG.encode() in items[0].data


def test_corrupt_warc_is_an_item_error(tmp_path):
    p = tmp_path / "bad.warc"
    p.write_bytes(b"this is not a warc file at all\r\n\r\n")
    items = list(iter_warc(str(p), str(p)))
    assert items and all(i.error is not None for i in items)
    assert "WARC" in str(items[0].error)


def test_plain_files_and_dirs_pass_through(tmp_path):
    (tmp_path / "a.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>", encoding="utf-8")
    items = list(iter_sources([str(tmp_path)]))
    assert sorted(Path(i.path).name for i in items) == ["a.txt", "b.html"]
    [missing] = list(iter_sources([str(tmp_path / "nope.txt")]))
    assert missing.error is not None
