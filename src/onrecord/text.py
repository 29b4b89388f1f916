"""text: what every stage means by the page's text, a paragraph and a name.

The helpers here sit below all stages (nothing in onrecord is imported from this module):

- **The page's own text.** The tokenizer (:mod:`onrecord.parse`) straightens curly apostrophes
  inside words before parsing; the Doc keeps the page's own text (same length, so every
  offset holds) in ``user_data[TEXT_KEY]``. :func:`original_text` and :func:`own_text` read it.
- **Paragraphs.** One notion for the whole package. A paragraph break is a line break —
  except on a *hard-wrapped* page (e-mail, plain-text archives, Markdown written at 72
  columns: most lines inside a block stop mid-sentence at a similar width), where only a
  blank line is one. :func:`paragraphs`, :func:`same_paragraph`, :func:`next_break` and
  :func:`is_para_break` (for tokens) all follow it.
- **Names.** :func:`clean_name` (a source mention's surface form without article,
  possessive and stray punctuation) and :func:`slug` (the id made from a name).
- **Spreadsheet cells.** :func:`spreadsheet_safe`: a value written to CSV that a
  spreadsheet would run as a formula gets a leading ``'`` (OWASP, CSV injection).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

TEXT_KEY = "onrecord_text"
# user_data key of the text the tokenizer was given (``doc.text``: apostrophes straightened,
# wrapping line breaks as spaces), kept because spaCy rebuilds ``doc.text`` on every access
PARSED_TEXT_KEY = "onrecord_parsed_text"
# user_data key of a Doc's blockquote paragraphs ((start, end) of their words): quotations
# the page marks by layout, not by quotation marks
BLOCKQUOTES_KEY = "onrecord_blockquotes"


def original_text(doc) -> str:
    """The text a Doc was made from: ``doc.text`` unless the tokenizer straightened a curly
    apostrophe (same length: offsets agree).  Computed once per doc and kept in its
    user_data (spaCy rebuilds ``doc.text`` from the tokens on every access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def parsed_text(doc) -> str:
    """``doc.text``, computed at most once per doc (the tokenizer keeps it in user_data)."""
    text = doc.user_data.get(PARSED_TEXT_KEY)
    if text is None:
        text = doc.user_data[PARSED_TEXT_KEY] = doc.text
    return text


def own_text(x) -> str:
    """The page's own text of a token or span (``.text`` may have a straightened apostrophe)."""
    text = original_text(x.doc)
    if hasattr(x, "start_char"):
        return text[x.start_char:x.end_char]
    return text[x.idx:x.idx + len(x)]


# ----------------------------------------------------------------- paragraphs

BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_LINE_BREAK = re.compile(r"\n")
_SENTENCE_END = (".", "!", "?", ":", "\u201d", '"', "\u2019", "'", ")", "]", "\u2026")
# a line that opens a list item, a quotation, a heading or a label ("MR. LAVROV:", "Q:")
_OPENS_ITEM = re.compile(r"(?:[-*+\u2022>#|]|\d{1,3}[.)]|[A-Z][A-Z.' -]{0,40}:)(?:\s|$)")
_WRAP_CACHE: dict[int, tuple[str, bool]] = {}


def hard_wrapped(text: str) -> bool:
    """True when the page wraps its lines by hand: at least 6 lines that another line follows
    in the same block, most (60%) of them stopping mid-sentence, at a width of 40 to 100
    characters.  Pages with one paragraph per line end nearly all their lines with a full
    stop or a closing mark; headline lists and bylines are too few or too short to count."""
    hit = _WRAP_CACHE.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    lines = text.split("\n")
    inner = [ln.rstrip() for ln, nxt in zip(lines, lines[1:]) if ln.strip() and nxt.strip()]
    wrapped = False
    if len(inner) >= 6:
        widths = sorted(len(ln) for ln in inner)
        median = widths[len(widths) // 2]
        mid = sum(1 for ln in inner if not ln.endswith(_SENTENCE_END))
        wrapped = 40 <= median <= 100 and mid >= 0.6 * len(inner)
    if len(_WRAP_CACHE) > 64:
        _WRAP_CACHE.clear()
    _WRAP_CACHE[id(text)] = (text, wrapped)
    return wrapped


def soft_wraps(text: str) -> list[int]:
    """Offsets of the line breaks of a hard-wrapped page (:func:`hard_wrapped`) that only wrap
    a line of prose: between two lines of a block, where the next line's first word would not
    have fitted on the line (greedy wrapping at the page's width) and the next line opens no
    list item, quotation or label.  The parser reads them as spaces, so a name or a clause
    broken over two lines ("Tulsi\\nGabbard") is read whole; any other page gives none."""
    if "\n" not in text or not hard_wrapped(text):
        return []
    lines = text.split("\n")
    # the page's wrapping width: most lines inside a block reach it (a long link is no width)
    inner = sorted(len(ln.rstrip()) for ln, nxt in zip(lines, lines[1:]) if ln.strip() and nxt.strip())
    width = inner[int(0.9 * (len(inner) - 1))]
    if width < 40:
        return []
    out: list[int] = []
    pos = 0
    for line, nxt in zip(lines, lines[1:]):
        pos += len(line)            # the offset of the line break after ``line``
        nxt = nxt.lstrip()
        if line.strip() and nxt and len(line.rstrip()) + 1 + len(_first_word(nxt)) > width \
                and not _OPENS_ITEM.match(nxt):
            out.append(pos)
        pos += 1
    return out


def _first_word(line: str) -> str:
    """The first word of a line, with what blanked markup left of it ("Roule" and the spaces
    of a link target after it: the writer's wrapping saw the markup), i.e. runs of two or
    more spaces between words count as part of the word."""
    i, n = 0, len(line)
    while i < n and not line[i].isspace():
        i += 1
    while i < n and line[i] == " ":
        j = i
        while j < n and line[j] == " ":
            j += 1
        if j - i < 2 or j >= n or line[j].isspace():
            break
        i = j
        while i < n and not line[i].isspace():
            i += 1
    return line[:i]


def break_pattern(text: str) -> "re.Pattern[str]":
    """The pattern of a paragraph break on this page (a blank line on hard-wrapped pages,
    else any line break)."""
    return BLANK_LINE if hard_wrapped(text) else _LINE_BREAK


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph of text, in order (a paragraph may be empty or blank)."""
    pos = 0
    for m in break_pattern(text).finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def next_break(text: str, pos: int, end: int) -> int:
    """Offset of the first paragraph break in text[pos:end], or -1."""
    m = break_pattern(text).search(text, pos, end)
    return m.start() if m else -1


def same_paragraph(text: str, a: int, b: int) -> bool:
    """True when no paragraph break lies in text[a:b]."""
    return next_break(text, a, b) < 0


def is_para_break(tok, wrapped: bool) -> bool:
    """True when whitespace token ``tok`` is a paragraph break (``wrapped``: the page is
    hard-wrapped, see :func:`hard_wrapped`; then only a blank line counts)."""
    if not tok.is_space:
        return False
    return BLANK_LINE.search(tok.text) is not None if wrapped else "\n" in tok.text


# ----------------------------------------------------------------- names

_DET = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
_POSS = re.compile(r"(?:'s|’s|')$")
# a speaker's name keeps no scare quotes and no "so-called" before them
_QUOTE_MARK = re.compile(r"[\"“”‘]")
_SO_CALLED = re.compile(r"^(?:the\s+)?so[- ]called\s+", re.I)


def slug(name: str, empty: str = "unknown") -> str:
    """The id made from a name: lower case, runs of other characters as one hyphen
    (``empty`` when no letter or digit is left)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or empty


# markup a mention can carry in from the page: a task-list box ("[x] "), a separator of a
# credit line ("Em / Privacy"), a list bullet
_LEAD_MARKUP = re.compile(r"^(?:\[[ xX]?\]\s*|[/|\\*#>•·\u2013\u2014-]+\s*)+")
_HANDLE = re.compile(r"(?:^|\s)@\w+(?=\s|$)")


def clean_name(text: str) -> str:
    """A mention's surface form without leading article, trailing possessive, stray
    punctuation and markup ("the Kremlin's" -> "Kremlin"; "@POTUS Biden" -> "Biden": a
    social-media handle beside a name is not part of it)."""
    text = _LEAD_MARKUP.sub("", " ".join(text.split()))
    unhandled = _HANDLE.sub("", text).strip()
    if unhandled and unhandled != text and any(w[:1].isalpha() for w in unhandled.split()):
        text = unhandled
    text = _DET.sub("", text)
    text = _SO_CALLED.sub("", _QUOTE_MARK.sub("", text))   # ("So-called “outside players")
    return _POSS.sub("", text).strip(" ,;:.\"“”'")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` for a CSV cell: a string starting with ``= + - @``, tab or carriage
    return (what Excel, LibreOffice and Google Sheets run as a formula, e.g.
    ``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0``) gets a leading ``'`` so it shows as
    text; anything else is returned unchanged (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


# markup a reader should not see inside a quoted or reported text: a whole tag (also one whose
# attributes wrap a line), the rest of a tag cut by the span's start (`…">Apple`) or end
# (`<a href="…`), an HTML comment, Markdown link targets
_WHOLE_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w:-]*(?:\s[^<>]{0,800}?)?/?>", re.S)
_CUT_TAG_START = re.compile(r"^[\w:-]*+(?:=[\"'])?[^\s<>\"']*[\"'](?:\s+[\w:-]+=(?:\"[^\"]*\"|'[^']*'))*/?>")
_CUT_TAG_END = re.compile(r"</?[A-Za-z][^<>]{0,800}$")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\([^)\s]*(?:\s\"[^\"]*\")?\)")


def readable(text: str) -> str:
    """A stretch of page text as a reader sees it: markup tags and link targets taken out,
    white space collapsed.  For showing a statement; offsets stay into the page's own text."""
    if "<" in text or ">" in text:
        text = _WHOLE_TAG.sub(" ", text)
        if ">" in text and (m := _CUT_TAG_START.match(text)):
            text = text[m.end():]
        text = _CUT_TAG_END.sub(" ", text)
        text = re.sub(r"(?<=\S) +(?=[,.;:!?)\]])", "", text)   # (a tag taken out before "," left a space)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    return " ".join(text.split())
