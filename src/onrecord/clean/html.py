"""HTML pages: main text and metadata with trafilatura.

The record's ``text`` for an HTML input is the text trafilatura extracts, so
every offset is into that text.  Chrome that survives extraction (share or
comment lines at the end) is found by the plain-text tail detector.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from onrecord.errors import InputError

log = logging.getLogger(__name__)

_HTML_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<p[\s>]|<div[\s>]|<article[\s>]",
                         re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip("\ufeff \t\r\n")
    return head.startswith("<") and bool(_HTML_SNIFF.search(text[:5000]))


@dataclass
class HtmlExtract:
    text: str
    title: Optional[str]
    author: Optional[str]
    date: Optional[str]
    url: Optional[str]
    blockquotes: list[tuple[int, int]] = field(default_factory=list)   # (start, end) in text


def extract_html(html: str, name: str, url: Optional[str] = None) -> HtmlExtract:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          include_comments=False, include_tables=True,
                                          favor_recall=True)
    except Exception as e:  # lxml/trafilatura errors on pathological markup
        raise InputError(name, f"cannot parse HTML: {type(e).__name__}: {e}") from e
    # (a Document; a dict only when asked for one with as_dict=True)
    text = (getattr(doc, "text", None) if doc is not None else "") or ""
    if not text.strip():
        raise InputError(name, "HTML page has no article text")
    date = getattr(doc, "date", None)
    if date and date[:10].endswith("-01-01"):
        # htmldate's extensive search turns a bare year anywhere in the page ("© 2024", "the G8
        # in 2013") into 1 January of it: such a date stands only if the markup or URL gives it
        date = _markup_date(html, url)
    author = getattr(doc, "author", None) or None
    title = without_site_name(getattr(doc, "title", None) or None, getattr(doc, "sitename", None), author, url)
    return HtmlExtract(text=text, title=title,
                       author=author,
                       date=date[:10] if date else None, url=getattr(doc, "url", None) or url,
                       blockquotes=extracted_blockquotes(getattr(doc, "body", None), text))


_TITLE_SEP = re.compile(r"(?<!\s)\s+(?:[|\u2022\u00b7\u2013\u2014:\u00bb]|--?|::)\s+")  # (one start per run)


def without_site_name(title: Optional[str], site: Optional[str], author: Optional[str],
                      url: Optional[str] = None) -> Optional[str]:
    """The page's title without the site's name that HTML titles append or prepend
    ("Tower Politics • Rob Dyke", "Blog | FSFE - Article"): a part after (or before) a
    separator that is the site's name, its author's name, or its domain's words."""
    if not title:
        return title
    parts = _TITLE_SEP.split(title.strip())
    if len(parts) < 2:
        return title
    names = {_norm(x) for x in (site, author) if x}
    if url:
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url).split("/")[0]
        names.add(_norm(host.rsplit(".", 1)[0]))
    names.discard("")

    def is_site(part: str) -> bool:
        p = _norm(part)
        return bool(p) and any(p == n or (len(p) >= 4 and (p in n or n in p)) for n in names)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    lead = {_norm(site)} if site else set()
    while len(parts) > 1 and _norm(parts[0]) in lead:   # ("FSFE | News | …": the site's own name only)
        parts.pop(0)
    if len(parts) == len(_TITLE_SEP.split(title.strip())):
        return title
    # keep the words between the remaining parts as the page wrote them
    first, last = parts[0], parts[-1]
    t = title.strip()
    return t[t.index(first):t.rindex(last) + len(last)].strip()


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", s.lower())


def _markup_date(html: str, url: Optional[str]) -> Optional[str]:
    """The page's date from its markup and URL only (no year guessed from the text), or None."""
    try:
        from htmldate import find_date

        got = find_date(html, url=url, extensive_search=False, original_date=True)
    except Exception:  # htmldate on pathological markup: no date rather than a failure
        log.debug("htmldate failed", exc_info=True)
        return None
    return got[:10] if got else None


# ------------------------------------------------------------------ blockquotes

QUOTE_MIN_WORDS = 3      # a blockquote paragraph shorter than this is no quotation
QUOTE_HEADING_WORDS = 12  # nor is a paragraph this short with no closing punctuation (a heading)
_BLOCKQUOTE_TAG = re.compile(r"<blockquote\b[^>]*>(.*?)</blockquote\s*>", re.I | re.S)
_P_TAG = re.compile(r"<p\b[^>]*>(.*?)</p\s*>", re.I | re.S)
_ANY_TAG = re.compile(r"<[^<>]{1,800}>")


_MARKS = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")


def _quotable(words: str) -> bool:
    """A blockquote paragraph that is a quotation of its own: three words or more, no heading,
    and no quotation marks but at its two ends — a paragraph holding marked quotations (an
    excerpted news item, "“…,” Melissa Dalton said. “…”", or lines of a dialogue "Urmas Paet:
    “…”") is left to those quotations and their tags."""
    n = len(words.split())
    marks = [m.start() for m in _MARKS.finditer(words)]
    if marks and not (len(marks) == 2 and marks[0] == 0 and marks[1] >= len(words.rstrip(" .,")) - 1):
        return False
    return n >= QUOTE_MIN_WORDS and not (
        n <= QUOTE_HEADING_WORDS and not words.rstrip().endswith((".", "!", "?", '"', "\u201d", ":", "\u2026")))


def tag_blockquotes(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of the words of each paragraph of the ``<blockquote>`` elements written into
    a page that is not parsed as HTML (Markdown with HTML inside: the tags are blanked for the
    analysis, so offsets into the page are offsets into what is analysed): each ``<p>`` of the
    element, else the element's text, tags left out at either end; those starting at ``start``
    or after."""
    out: list[tuple[int, int]] = []
    for m in _BLOCKQUOTE_TAG.finditer(text):
        inner = [(p.start(1), p.end(1)) for p in _P_TAG.finditer(text, m.start(1), m.end(1))] \
            or [(m.start(1), m.end(1))]
        for s, e in inner:
            body = text[s:e]
            words = _ANY_TAG.sub(lambda t: " " * len(t.group(0)), body)
            lo = len(words) - len(words.lstrip())
            if s + lo < start or not _quotable(" ".join(words.split())):
                continue
            hi = len(words.rstrip())
            out.append((s + lo, s + hi))
    return out


def extracted_blockquotes(body: Any, text: str) -> list[tuple[int, int]]:
    """(start, end) in trafilatura's text of each paragraph of the page's ``<blockquote>``
    elements (trafilatura's ``<quote>``), found in order, whitespace-insensitively."""
    out: list[tuple[int, int]] = []
    if body is None:
        return out
    pos = 0
    for q in body.iter("quote"):
        paras = list(q.iter("p")) or [q]
        for p in paras:
            words = "".join(p.itertext()).split()
            if not words or not _quotable(" ".join(words)):
                continue
            m = re.compile(r"\s+".join(re.escape(w) for w in words)).search(text, pos)
            if m is None:
                continue
            out.append((m.start(), m.end()))
            pos = m.end()
    return out
