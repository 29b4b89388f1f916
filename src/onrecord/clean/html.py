"""HTML pages: main text and metadata with trafilatura.

The record's ``text`` for an HTML input is the text trafilatura extracts, so
every offset is into that text.  Chrome that survives extraction (share or
comment lines at the end) is found by the plain-text tail detector.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional

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
    if date and _from_copyright(html, date[:10]):
        date = _date_without_copyright(html, url)
    author = getattr(doc, "author", None) or None
    title = without_site_name(getattr(doc, "title", None) or None, getattr(doc, "sitename", None), author, url)
    return HtmlExtract(text=text, title=title,
                       author=author,
                       date=date[:10] if date else None, url=getattr(doc, "url", None) or url)


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


_COPYRIGHT = re.compile(r"(?:©|&copy;|&#169;|\(c\)|copyright)\s*(?:((?:19|20)\d{2})\s*(?:[-–—]|&ndash;)\s*)?"
                        r"((?:19|20)\d{2})", re.IGNORECASE)


def _from_copyright(html: str, date: str) -> bool:
    """Whether ``date`` (YYYY-01-01) is only the year of the page's copyright notice:
    htmldate's extensive search takes "© 2024" for 2024-01-01."""
    if not date.endswith("-01-01"):
        return False
    return any(date[:4] in m.groups() for m in _COPYRIGHT.finditer(html))


def _date_without_copyright(html: str, url: Optional[str]) -> Optional[str]:
    """The page's date from its markup and URL only (no copyright-year guess), or None."""
    try:
        from htmldate import find_date

        got = find_date(html, url=url, extensive_search=False, original_date=True)
    except Exception:  # htmldate on pathological markup: no date rather than a failure
        log.debug("htmldate failed", exc_info=True)
        return None
    return got[:10] if got else None
