"""Markdown pages: front matter as metadata, Markdown syntax kept out of the analysis.

Static-site sources (Hugo, Jekyll, Eleventy, MkDocs) and CMS exports are Markdown, often
with YAML (``---``) or TOML (``+++``) front matter.  Decided here, from the content (never
the file name):

- :func:`front_matter` — the front-matter block at the top (its end offset and its values,
  read with PyYAML or tomllib; or Pelican / MultiMarkdown ``Key: value`` lines); it is page chrome, never
  analysed, and gives the title,
  date and author (``published_basis`` ``explicit:front-matter``);
- :func:`looks_like_markdown` — front matter, or at least two kinds of Markdown syntax
  (headings, links, emphasis, shortcodes, blockquote or list markers);
- :func:`blockquotes` — the paragraphs of its blockquotes (``> …`` lines), which onrecord
  reads as quotations (words the page quotes at length);
- :func:`blank_markup` — the text with its Markdown syntax replaced by spaces: front matter,
  shortcodes (``{{< youtube … >}}``, Liquid ``{% include … %}``), HTML comments and tags, images, link targets (the link
  text stays), heading marks, emphasis marks, blockquote and list markers, table bars.  The
  result has the same length and the same line breaks, so every offset into it is an offset
  into the page; the NLP stages read it, the record keeps the page's own text.
"""
from __future__ import annotations

import datetime as dt
import html
import logging
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Optional

import yaml

from onrecord.text import BLANK_LINE

log = logging.getLogger(__name__)

_YAML_FM = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TOML_FM = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?)(?:\r?\n)\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class FrontMatter:
    end: int                                   # offset just after the closing fence line
    values: dict[str, Any] = field(default_factory=dict)

    def _first(self, *keys: str) -> Any:
        for k in keys:
            v = self.values.get(k)
            if v not in (None, "", [], {}):
                return v
        return None

    @property
    def title(self) -> Optional[str]:
        v = self._first("title", "headline", "name")
        return " ".join(str(v).split()) if isinstance(v, (str, int, float)) else None

    @property
    def author(self) -> Optional[str]:
        v = self._first("author", "authors", "byline", "creator")
        items = v[:20] if isinstance(v, list) else [v]
        names = [n for n in map(_name_of, items) if n]
        return ", ".join(names) or None

    @property
    def date(self) -> Optional[str]:
        """The publication date as YYYY-MM-DD, when the front matter gives one."""
        v = self._first("date", "published", "publishDate", "pubDate", "published_time", "created")
        if isinstance(v, dt.datetime):
            return v.date().isoformat()
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, str):
            m = re.match(r"\d{4}-\d{2}-\d{2}", v.strip())
            if m:
                try:
                    return dt.date.fromisoformat(m.group(0)).isoformat()
                except ValueError:
                    return None
        return None


def _name_of(x: Any) -> Optional[str]:
    """An author entry: a string, or a mapping with a string ``name``.  Anything else (a list,
    a number, a structure built from YAML aliases) is no name — and is never turned into text,
    which for an alias bomb would not end."""
    if isinstance(x, dict):
        x = x.get("name") or x.get("display_name")
    if isinstance(x, str):   # (inline markup kept in the value: "<strong>Katherine Fuchs</strong>")
        x = html.unescape(_INLINE_TAG.sub(" ", x))
    return " ".join(x.split()) or None if isinstance(x, str) else None


_INLINE_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")


_META_KEYS = frozenset("""title subtitle author authors date modified updated category categories tags
    keywords slug summary description lang language status template url save_as""".split())
_META_BLOCK = re.compile(r"\A\ufeff?((?:[A-Za-z_]{2,12}:[ \t]*[^\n]*\n){2,30})[ \t]*(?:\n|\Z)")


def _metadata_block(text: str) -> Optional[FrontMatter]:
    """Pelican / MultiMarkdown metadata: ``Title: …``, ``Author: …``, ``Date: …`` lines at
    the top, then a blank line; every key a known one and a title, date or author among
    them."""
    m = _META_BLOCK.match(text)
    if not m:
        return None
    values: dict[str, Any] = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        if key.lower() not in _META_KEYS:
            return None
        values[key.lower()] = value.strip()
    if not {"title", "date", "author", "authors"} & set(values):
        return None
    return FrontMatter(m.end(), values)


def front_matter(text: str) -> Optional[FrontMatter]:
    """The YAML or TOML front matter at the top of text, or a block of Pelican /
    MultiMarkdown metadata lines (None when there is none, or when the block does not parse
    as a mapping)."""
    if text[:1] not in ("-", "+", "\ufeff"):
        return _metadata_block(text)
    for rx, load in ((_YAML_FM, yaml.safe_load), (_TOML_FM, tomllib.loads)):
        m = rx.match(text)
        if not m:
            continue
        try:
            values = load(m.group(1))
        except Exception:  # (yaml.YAMLError, tomllib.TOMLDecodeError, odd values): not front matter
            log.debug("front matter not read", exc_info=True)
            values = None
        if isinstance(values, dict):
            return FrontMatter(m.end(), values)
        if values is None and not m.group(1).strip():
            return FrontMatter(m.end(), {})
    return None


_SIGNALS = {
    "heading": re.compile(r"^#{1,6}[ \t]+\S", re.M),
    "link": re.compile(r"\[[^\]\n]{1,300}\]\((?:https?://|/|\.|#)[^)\s]*\)"),
    "emphasis": re.compile(r"(?<![\w*])\*\*[^*\n]{1,200}\*\*(?!\w)|(?<!\w)__[^_\n]{1,200}__(?!\w)"),
    "shortcode": re.compile(r"\{\{[<%].*?[>%]\}\}|\{%[^\n]{0,800}?%\}", re.S),
    "quote": re.compile(r"^>[ \t]", re.M),
    "list": re.compile(r"^[ \t]{0,3}[-*+][ \t]+\S", re.M),
}


def looks_like_markdown(text: str) -> bool:
    """Front matter, or Markdown syntax of at least two kinds."""
    if front_matter(text) is not None:
        return True
    kinds = sum(1 for rx in _SIGNALS.values() if rx.search(text))
    return kinds >= 2


def _blank(buf: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if buf[i] not in "\r\n":
            buf[i] = " "


_WHOLE = [  # spans blanked whole
    re.compile(r"\{\{[<%].*?[>%]\}\}", re.S),                     # Hugo shortcodes
    re.compile(r"\{%[^\n]{0,800}?%\}|\{\{[^{}\n]{0,300}\}\}"),         # Liquid tags and output (Jekyll)
    re.compile(r"<!--.*?-->", re.S),                               # HTML comments
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),                       # images
    re.compile(r"</?[A-Za-z][^<>\n]{0,500}>"),                     # inline HTML tags
    # a tag whose attributes wrap onto the next line (`<a\nhref="…">`): the same, across lines
    # (not a blank line), so no mark of an attribute is read as a quotation mark
    re.compile(r"</?[A-Za-z][\w:-]*(?:[ \t]|\r?\n(?![ \t]*\r?\n))(?:[^<>\n]|\n(?![ \t]*\r?\n)){0,500}>"),
    re.compile(r"^[ \t]*(?:```|~~~).*$", re.M),                     # code fences
    re.compile(r"^(?=[ \t|:-]*-{3})[ \t|:-]+$", re.M),                  # table rules
    re.compile(r"^(?=[ \t]*[*_-][ \t]*[*_-][ \t]*[*_-])[ \t*_-]+$", re.M),  # horizontal rules
    re.compile(r"\{:[^}\n]*\}"),                                   # kramdown attribute lists
    re.compile(r"^[ \t]*(?:[-*+][ \t]+)?\[[ xX]\](?=[ \t])", re.M),      # task-list boxes
]
_LINK = re.compile(r"\[([^\[\]]{0,500})\](\([^)\n]*\)|\[[^\]\n]*\])")  # (text may wrap a line, not a paragraph)
_LINE_MARKS = re.compile(r"^([ \t]*(?:>[ \t]?)+)?([ \t]*(?:#{1,6}|[-*+]|\d{1,3}[.)])[ \t]+)?", re.M)
_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}|(?<![\w])_(?=\S)|(?<=\S)_(?![\w])")
_TABLE_BAR = re.compile(r"(?<=\S)[ \t]*\|[ \t]*(?=\S)|^[ \t]*\||\|[ \t]*$", re.M)


def blank_markup(text: str, fm: Optional[FrontMatter] = None) -> str:
    """text with Markdown syntax (and front matter) replaced by spaces: same length, same
    line breaks, the words in place."""
    buf = list(text)
    if fm is None:
        fm = front_matter(text)
    if fm is not None:
        _blank(buf, 0, fm.end)
    for rx in _WHOLE:
        for m in rx.finditer(text):
            _blank(buf, m.start(), m.end())
    for m in _LINK.finditer(text):
        if BLANK_LINE.search(m.group(1)):
            continue
        _blank(buf, m.start(), m.start() + 1)                       # [
        _blank(buf, m.end(1), m.end())                              # ](target)
    for m in _LINE_MARKS.finditer(text):
        if m.end() > m.start():
            _blank(buf, m.start(), m.end())
    out = "".join(buf)
    buf = list(out)
    for m in _EMPHASIS.finditer(out):
        _blank(buf, m.start(), m.end())
    for m in _TABLE_BAR.finditer(out):
        _blank(buf, m.start(), m.end())
    for m in re.finditer(r"\\([\\`*_{}\[\]()#+\-.!])", out):         # backslash escapes
        _blank(buf, m.start(), m.start() + 1)
    for m in re.finditer(r"(?<![ \t])[ \t]{2,}$", out, re.M):       # hard line breaks
        _blank(buf, m.start(), m.end())
    return "".join(buf)


_QUOTE_LINE = re.compile(r"^[ \t]{0,3}>[ \t]?(.*)$")
_TURN_LABEL = re.compile(r"^[A-Z][A-Z.'\- ]{1,30}:\s")      # "MATTHEWS: …" (a transcript turn)
_LINK_ONLY = re.compile(r"^\[([^\]]+)\]\([^)]*\)$")          # "[The Sun Herald](…)"
LABEL_WORDS = 5       # a blockquote's first paragraph this short, with no full stop, names its source
HEADING_WORDS = 12    # a paragraph this short with no full stop is a headline, no quotation


@dataclass
class Blockquote:
    start: int                                  # the words of one quoted paragraph
    end: int
    label: Optional[tuple[int, int]] = None     # the line above it that names the excerpt's source


def _short_line(body: str, words: int) -> bool:
    return len(body.split()) <= words and not body.rstrip().endswith((".", "!", "?", '"', "\u201d", ":"))


def blockquotes(text: str, start: int = 0) -> list[Blockquote]:
    """Each quoted paragraph of the blockquotes after ``start``: runs of ``>`` lines, split
    into paragraphs at quoted blank lines.  An excerpt's first paragraph when it is a short
    label ("> Aljazeera", "> [The Sun Herald](…)") is no quotation but the source of the
    excerpt's paragraphs; headlines, quoted headings, transcript turns ("> MATTHEWS: …", the
    turn finder's) and paragraphs of fewer than three words are left out."""
    out: list[Blockquote] = []
    para: Optional[list[int]] = None
    label: Optional[tuple[int, int]] = None
    first = True     # the next paragraph opens its blockquote

    def close():
        nonlocal para, label, first
        if para is not None:
            body = text[para[0]:para[1]]
            link = _LINK_ONLY.match(body.strip())
            if first and _short_line(link.group(1) if link else body, LABEL_WORDS):
                label = (para[0] + (link.start(1) if link else 0), para[0] + (link.end(1) if link else len(body)))
            elif len(body.split()) >= 3 and not _short_line(body, HEADING_WORDS) and not link \
                    and not _TURN_LABEL.match(body):
                out.append(Blockquote(para[0], para[1], label))
            first = False
        para = None

    pos = 0
    for line in text.split("\n"):
        ls, pos = pos, pos + len(line) + 1
        if pos <= start:
            continue
        m = _QUOTE_LINE.match(line)
        body = m.group(1).rstrip() if m else ""
        if not m:
            close()
            first, label = True, None
            continue
        if not body.strip() or body.lstrip().startswith(("#", ">")):
            close()
            continue
        s = ls + m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        e = ls + m.start(1) + len(body)
        if para is None:
            para = [s, e]
        else:
            para[1] = e
    close()
    return out
