"""clean: separate the article from the page around it, and read its metadata.

``clean(text, …)`` returns a :class:`~onrecord.model.Record` with ``text``,
``document`` (title, author, date, body and chrome spans) filled in.  Plain
text goes through :mod:`onrecord.clean.plaintext`; HTML through trafilatura
(:mod:`onrecord.clean.html`), whose extracted text becomes the record's text; Markdown
(:mod:`onrecord.clean.markdown`) keeps its text, front matter read as metadata and marked as
chrome, its syntax blanked in what the NLP stages read (``Record.analysis_text``).
"""
from __future__ import annotations

from typing import Optional

from onrecord.clean.html import extract_html, looks_like_html, tag_blockquotes
from onrecord.clean.language import english_warning
from onrecord.clean.markdown import Blockquote, blank_markup, blockquotes, front_matter, looks_like_markdown
from onrecord.clean.metadata import infer_published
from onrecord.clean.plaintext import analyze_layout, section_heading
from onrecord.model import ChromeSpan, DocumentInfo, Record, Source, Span


def clean(text: str, name: str = "input", content_type: Optional[str] = None,
          source: Optional[Source] = None, hints: Optional[dict] = None) -> Record:
    """Find body, chrome and metadata.  Raises InputError for HTML with no text.

    ``hints`` is what the item's publisher says about it outside the page (a feed
    entry's ``title``, ``author``, ``published``): it beats what the page yields, and
    a date from it has the basis ``explicit:feed``.  ``hints["author_years"]`` (an
    author profile: lower-cased author → year, given by the caller, the same on every
    run) is the year of a date without one.  Nothing else about the run enters the
    record: the same input and profile always give the same record.
    """
    source = source or Source()
    # the content decides, not the file name: a saved page named .txt is still HTML
    is_html = content_type == "html" or (content_type in (None, "text") and looks_like_html(text))
    explicit: dict[str, Optional[str]] = {}
    fm = None
    analysis_text = None
    html_blockquotes: list[tuple[int, int]] = []
    if is_html:
        ex = extract_html(text, name, url=source.url)
        text = ex.text
        html_blockquotes = ex.blockquotes
        explicit = {"title": ex.title, "author": ex.author, "published": ex.date}
        source.content_type = "html"
    elif content_type in (None, "text", "markdown") and looks_like_markdown(text):
        source.content_type = "markdown"
        fm = front_matter(text)
        analysis_text = blank_markup(text, fm)
        if fm is not None:
            explicit = {"title": fm.title, "author": fm.author, "published": fm.date}
    else:
        source.content_type = "text"

    layout = analyze_layout(analysis_text if analysis_text is not None else text)
    info = DocumentInfo(
        title=explicit.get("title") or layout.title,
        author=explicit.get("author") or layout.author,
        body=Span(layout.body.start, layout.body.end),
        chrome=layout.chrome,
    )
    assert info.body is not None
    if is_html:
        # trafilatura's text has no head chrome; keep its first line in the body
        # unless it repeats the title
        info.chrome = [c for c in layout.chrome if c.start >= layout.body.start
                       or c.kind in ("title-duplicate", "byline", "navigation")]
        if layout.title and info.title and layout.title_span is not None \
                and layout.title.strip().lower() != info.title.strip().lower():
            first = min(layout.title_span.start, layout.body.start)
            info.body = Span(first, layout.body.end)
            info.chrome = [c for c in info.chrome if c.end <= first or c.start >= layout.body.start]
    if fm is not None:
        info.chrome = [c for c in info.chrome if c.start >= fm.end]
        info.chrome.insert(0, ChromeSpan(0, fm.end, "front-matter"))
        if info.body.start < fm.end:
            info.body = Span(min(fm.end, info.body.end), info.body.end)
    hints = hints or {}
    if hints.get("title"):
        info.title = hints["title"]
    if hints.get("author"):
        info.author = hints["author"]
    if hints.get("published"):
        info.published, info.published_basis = hints["published"], "explicit:feed"
    elif explicit.get("published"):
        info.published = explicit["published"]
        info.published_basis = "explicit:front-matter" if fm is not None else "explicit"
    elif layout.head_date:
        info.published, info.published_basis = layout.head_date, "explicit"
    else:
        years = hints.get("author_years") or {}
        year = years.get((info.author or "").strip().lower())
        info.published, info.published_basis = infer_published(
            text[info.body.start:info.body.end], layout.nav_dates, year,
            f"the author profile of {info.author}")
    if info.title and section_heading(info.title):
        info.title = None   # a page with no title of its own starts with a section heading ("Introduction")
    info.analyzed = Span(info.body.start, info.body.end)
    head = [c for c in info.chrome if c.end <= info.body.start and c.kind != "front-matter"]
    if len(head) == 1 and head[0].kind == "title":
        # a headline directly above the body (no byline or navigation between) is
        # part of the article: statements in headlines are analysed too
        info.chrome.remove(head[0])
        info.analyzed = Span(head[0].start, info.body.end)
    rec = Record(text=text, source=source, document=info, analysis_text=analysis_text)
    if analysis_text is not None:
        rec.blockquotes = blockquotes(text, info.analyzed.start)
        # (HTML blockquote elements written into the Markdown: their tags are blanked)
        marked = [(b.start, b.end) for b in rec.blockquotes]
        rec.blockquotes += [Blockquote(s, e) for s, e in tag_blockquotes(text, info.analyzed.start)
                            if not any(s < e2 and s2 < e for s2, e2 in marked)]
        rec.blockquotes.sort(key=lambda b: b.start)
    elif is_html:
        rec.blockquotes = [Blockquote(s, e) for s, e in html_blockquotes if s >= info.analyzed.start]
    warning = english_warning(text[info.body.start:info.body.end])
    if warning:
        rec.warnings.append(warning)
    return rec
