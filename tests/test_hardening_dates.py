"""A record's date comes from the page or its publisher, never from a copyright notice
or from the other files of the run.

Each test fails on the old code: htmldate read "© 2024" as 2024-01-01 (basis
``explicit``); a fetched feed entry lost its pubDate and title; an undated page got
the year of another file by the same author analysed in the same run.
"""
from __future__ import annotations

import http.server
import threading

import pytest

from onrecord.ingest.archives import iter_sources
from onrecord.ingest.sources import InputItem
from onrecord.pipeline import analyze_items

BODY = ("<p>The city council voted on Tuesday to approve the new budget after a long debate "
        "that lasted well into the night and drew a large crowd to the chamber.</p>\n"
        "<p>\"This budget protects our parks,\" said councillor Ann Lee, who sponsored the "
        "measure. Opponents said the plan spent too much on outside consultants.</p>\n")


def page(footer: str, title: str = "Council votes | City Gazette") -> bytes:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
            f"<h1>Council votes on budget</h1>\n{BODY}</article><footer><p>{footer}</p>"
            "</footer></body></html>").encode()


def _record(item: InputItem):
    (out,) = list(analyze_items([item]))
    assert out.record is not None, out.error
    return out.record


@pytest.mark.parametrize("footer", ["© 2024 City Gazette. All rights reserved.",
                                    "Copyright 2019–2024 City Gazette",
                                    "&copy; 2024 City Gazette"])
def test_a_copyright_year_is_not_a_publication_date(nlp_loaded, footer):
    rec = _record(InputItem(name="p.html", data=page(footer), content_type="html"))
    assert rec.document.published is None, (rec.document.published, rec.document.published_basis)


def test_a_real_date_in_the_markup_is_kept(nlp_loaded):
    html = page("© 2024 City Gazette").replace(
        b"<head>", b'<head><meta property="article:published_time" content="2024-01-01">')
    rec = _record(InputItem(name="p.html", data=html, content_type="html"))
    assert rec.document.published == "2024-01-01"


@pytest.fixture
def site():
    pages = {"/story": page("© 2024 City Gazette", title="Home | City Gazette")}

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_a_feed_entry_keeps_its_own_date_and_title(nlp_loaded, site, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Council approves budget after long debate</title><link>{site}/story</link>
<pubDate>Tue, 12 Mar 2024 18:00:00 GMT</pubDate><description>Teaser.</description></item>
</channel></rss>""", encoding="utf-8")
    (item,) = list(iter_sources([str(feed)], allow_private=True))
    assert item.error is None
    rec = _record(item)
    assert rec.document.published == "2024-03-12"
    assert rec.document.published_basis == "explicit:feed"
    assert rec.document.title == "Council approves budget after long debate"


A_TXT = ("Harbor plan clears vote\n\nBy John Smith\nMarch 3, 2021\n\n"
         "The harbor commission voted 5-2 to approve the plan, officials said on Wednesday.\n")
B_TXT = ("Bridge repairs delayed\n\nBy John Smith\n\n"
         "The repairs that began on March 10 will take longer than planned, the city said. "
         "\"We need more steel,\" said engineer Ruth Alvarez.\n")


def test_a_record_does_not_depend_on_the_other_files_of_the_run(nlp_loaded):
    def b_item():
        return InputItem(name="b.txt", data=B_TXT.encode(), content_type="text")

    alone = _record(b_item()).to_dict()
    with_a = [o.record.to_dict() for o in analyze_items(
        [InputItem(name="a.txt", data=A_TXT.encode(), content_type="text"), b_item()])]
    assert with_a[1]["document"] == alone["document"]
    assert with_a[1] == alone


def test_an_author_profile_gives_the_year_the_same_way_on_every_run(nlp_loaded):
    profile = {"john smith": 2021}

    def b_item():
        return InputItem(name="b.txt", data=B_TXT.encode(), content_type="text")

    (alone,) = list(analyze_items([b_item()], author_years=profile))
    together = list(analyze_items([InputItem(name="a.txt", data=A_TXT.encode(),
                                             content_type="text"), b_item()],
                                  author_years=profile))
    d = alone.record.document
    assert d.published == "2021-03-10" and "author profile of John Smith" in d.published_basis
    assert together[1].record.to_dict() == alone.record.to_dict()


def test_a_year_in_the_article_text_is_not_a_publication_date(nlp_loaded):
    # a speech page of gov.uk with no date in its markup: htmldate's extensive search read the
    # year of the first paragraph as 2013-01-01 (basis "explicit")
    html = ("<div class=\"govspeak\"><h2 id=\"introduction\">Introduction</h2>\n<p>When the UK hosted "
            "the G8 in Lough Erne in 2013, we took what many had seen as a series of technical issues "
            "around tax, trade and transparency and we showed how political will could begin a "
            "concerted effort to get to grips with tax evasion, aggressive tax avoidance and corporate "
            "secrecy.</p>\n<p>\"We will not stop here,\" the Prime Minister said.</p></div>").encode()
    rec = _record(InputItem(name="p.html", data=html, content_type="html"))
    assert rec.document.published != "2013-01-01", rec.document.published_basis
    assert rec.document.published_basis is None or not rec.document.published_basis.startswith("explicit")


def test_a_section_heading_is_no_page_title(nlp_loaded):
    # the same gov.uk speech: no <title>, its first element a section heading
    html = ("<div class=\"govspeak\"><h2 id=\"introduction\">Introduction</h2>\n<p>When the UK hosted "
            "the G8 in Lough Erne in 2013, we took what many had seen as a series of technical issues "
            "around tax, trade and transparency and we showed how political will could begin a "
            "concerted effort to get to grips with tax evasion.</p></div>").encode()
    rec = _record(InputItem(name="p.html", data=html, content_type="html"))
    assert rec.document.title != "Introduction"
