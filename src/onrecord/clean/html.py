"""HTML pages: main text and metadata with trafilatura.

The record's ``text`` for an HTML input is the text trafilatura extracts, so
every offset is into that text.  Chrome that survives extraction (share or
comment lines at the end) is found by the plain-text tail detector.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from onrecord.errors import InputError

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
        raise InputError(name, f"cannot parse HTML: {type(e).__name__}: {e}")
    text = (doc.text if doc is not None else "") or ""
    if not text.strip():
        raise InputError(name, "HTML page has no article text")
    date = getattr(doc, "date", None)
    return HtmlExtract(text=text, title=getattr(doc, "title", None) or None,
                       author=getattr(doc, "author", None) or None,
                       date=date[:10] if date else None, url=getattr(doc, "url", None) or url)
