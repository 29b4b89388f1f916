"""Page chrome in plain-text pages (scraped blog posts, copy-pasted articles).

A scraped page is: a *head* (title, repeated title, previous/next post links
with their dates, byline), the *body*, and a *tail* (share/contact lines,
promos, author bio, comment form, site footer).  The detector works on lines
and uses general features, not the text of any particular page:

* head: repetition of the title (fuzzy), date-only lines and the short
  title-like lines paired with them (post navigation), a "by …" byline;
  the body starts at the first prose line after the last head feature;
* tail: the first line in the last part of the page that carries a CMS /
  contact / comment-form phrase, or a run of lines that are not prose,
  starts the tail; each tail line is classified (contact, promo, bio,
  comments, footer) and runs of one kind become one chrome span.

Everything returned is a character offset into the text given.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Optional, cast

from onrecord.clean.dates import parse_date_line
from onrecord.model import ChromeKind, ChromeSpan, Span


@dataclass
class Line:
    start: int
    end: int
    text: str      # stripped

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        stripped = body.strip()
        s = pos + lead
        out.append(Line(s, s + len(stripped), stripped.lstrip("\ufeff")))
        pos += len(raw)
    return out


_SENT_END = re.compile(r"""[.!?…:;]["'”’)\]]*$""")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def is_prose(line: str) -> bool:
    """A line that reads like article text: several words and sentence punctuation."""
    words = _WORD.findall(line)
    return len(words) >= 8 and bool(_SENT_END.search(line)) or len(words) >= 25


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def similar(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


_BYLINE = re.compile(r"^(?:by|posted by|written by|author:)\s+(?P<name>[^\W\d_][\w.'’\- ]{1,60}?)"
                     r"\s*(?:$|[(\[|,–—-]|\bon\b|\bfor\b)", re.IGNORECASE | re.UNICODE)

# Phrases of CMS templates, share/contact blocks, comment forms and site footers
# (WordPress, Blogger, news CMSs), each with where it comes from, in
# data/chrome_phrases.json.  Matched on whole lines of the tail only, so a sentence of
# the article that uses a word like "reply" is never affected.
def _tail_kinds() -> list[tuple[str, re.Pattern[str]]]:
    data = json.loads((Path(__file__).parent / "data" / "chrome_phrases.json").read_text(encoding="utf-8"))
    return [(kind, re.compile("|".join(p["pattern"] for p in data["phrases"] if p["kind"] == kind), re.I))
            for kind in data["kinds"]]


_TAIL_KIND = _tail_kinds()


def _tail_kind(line: str, author: Optional[str]) -> Optional[str]:
    for kind, rx in _TAIL_KIND:
        if rx.search(line):
            return kind
    if author and _norm(line) == _norm(author):
        return "bio"
    return None


# a picture's or video's credit or caption label opening its line: "Photo: Reuters",
# "Illustration: Em / Privacy Guides | Photo: …", "Image credit: …", "(Photo by …)"
_CREDIT = re.compile(r"^[(\[]?(?:(?:featured |header |cover |top |lead )?(?:photo(?:graph)?|image|picture|"
                     r"illustration|graphic|video|footage|cartoon|screenshot|screen grab|still image)s?"
                     r"(?: credits?| courtesy| source| from(?:\s+[\w.-]+){1,3})?\s*(?::|by\b)"
                     r"|(?:photo |image )?credits?\s*:|caption\s*:)", re.I)


_PRESS_HEADER = re.compile(r"^(?:for immediate release|(?:media |press )?contacts?\s*:|embargoed\b|"
                           r"(?:news|press|media) release\s*$)", re.I)


def is_credit_line(line: str) -> bool:
    """A line that is a picture's credit or caption label, not article text (at most 40
    words; a sentence that happens to begin "Photo: …" and runs on is kept)."""
    return bool(_CREDIT.match(line)) and len(_WORD.findall(line)) <= 40


_SECTION_HEADING = re.compile(
    r"(?:\d{1,3}\.?\s{0,3})?(?:introduction|summary|executive summary|overview|background|abstract|contents|"
    r"table of contents|conclusions?|key (?:points|findings|takeaways)|highlights|transcript|notes|"
    r"references|untitled(?: document)?|main content|home)[.:]?", re.IGNORECASE)


def section_heading(line: str) -> bool:
    """A generic section heading ("Introduction", "Background", "Key points"): no page's title
    (a page that has none of its own starts with one)."""
    return bool(_SECTION_HEADING.fullmatch(line.strip()))


def _is_quoted_title(line: str) -> bool:
    """A line that is only a quoted title (book promo), e.g. “How Wall Street …”."""
    return bool(re.fullmatch(r"[\"“”‘'][^\"“”]{3,200}[\"“”’']", line)) and not is_prose(line.strip("\"“”'‘’"))


# an op-ed's closing line about its writer: "Charlotte Meehan is playwright-in-residence at
# Wheaton College …", "Rudy Giuliani is the former mayor of New York City.", "Glenn Harlan
# Reynolds, a University of Tennessee law professor, is a member of …"
_CLOSING_BIO = re.compile(
    r"^(?P<name>(?!(?:The|A|An|This|That|Although|While|But|And|If)\b)[A-Z][\w'’-]+(?: [A-Z]\.)?"
    r"(?: [A-Z][\w'’-]+){1,2})(?:, (?:an?|the) [^,;:“”\"]{3,80},)?,? (?:is|was|has been)(?: an?| the)?"
    r"(?: [\w,-]+){0,5}? "
    r"(?:author|co-?author|writer|columnist|editor|contributor|professor|lecturer|fellow|director|"
    r"founder|co-?founder|president|chair(?:man|woman)?|co-?host|host|historian|economist|analyst|"
    r"executive|scholar|researcher|journalist|reporter|correspondent|mayor|governor|senator|"
    r"member|playwright|attorney|lawyer|consultant|strategist|teacher|student|ceo|partner|"
    r"advis[eo]r|pastor|veteran|novelist|poet|physician|doctor|activist|organizer|coordinator|"
    r"emerit(?:us|a))s?(?:-[\w-]+)?\b")


def closing_bio_author(line: str) -> Optional[str]:
    """The writer a closing bio line names (at most 60 words), or None."""
    m = _CLOSING_BIO.match(line)
    return m.group("name") if m and len(_WORD.findall(line)) <= 60 else None


def _bio_start(line: str, author: Optional[str]) -> bool:
    if not author:
        return False
    surname = author.split()[-1]
    return closing_bio_author(line) == author or bool(re.match(rf"(?:{re.escape(author)}|{re.escape(surname)})\s+"
                         r"(?:was born|is an?\b|is the\b|has been|writes|lives|holds)", line))


@dataclass
class PlainLayout:
    title: Optional[str]
    title_span: Optional[Span]
    author: Optional[str]
    body: Span
    chrome: list[ChromeSpan]
    nav_dates: list[str]          # ISO dates of previous/next post navigation
    nav_titles: list[str]
    head_date: Optional[str] = None   # the post's own date line in the head


def _merge(spans: list[ChromeSpan]) -> list[ChromeSpan]:
    out: list[ChromeSpan] = []
    for c in sorted(spans, key=lambda c: c.start):
        if out and out[-1].kind == c.kind:
            out[-1].end = max(out[-1].end, c.end)
        else:
            out.append(ChromeSpan(c.start, c.end, c.kind))
    return out


HEAD_WINDOW = 40          # lines at the top that may hold head chrome


def analyze_layout(text: str) -> PlainLayout:
    lines = split_lines(text)
    content = [i for i, ln in enumerate(lines) if not ln.blank]
    if not content:
        return PlainLayout(None, None, None, Span(0, len(text)), [], [], [])

    chrome: list[ChromeSpan] = []
    nav_dates: list[str] = []
    nav_titles: list[str] = []
    author: Optional[str] = None
    head_date: Optional[str] = None

    # ---- head ---------------------------------------------------------
    # a press release's header ("FOR IMMEDIATE RELEASE", "Contact: …") and a date line
    # above the headline are the head's, not the title
    k = 0
    while k < min(len(content) - 1, 4) and _PRESS_HEADER.match(lines[content[k]].text):
        chrome.append(ChromeSpan(lines[content[k]].start, lines[content[k]].end, "press-header"))
        k += 1
    press_date = parse_date_line(lines[content[k]].text) if k and k < len(content) - 1 else None
    if press_date:
        head_date = press_date
        chrome.append(ChromeSpan(lines[content[k]].start, lines[content[k]].end, "dateline"))
        k += 1
    content = content[k:]
    first = content[0]
    title_line = lines[first]
    title: Optional[str] = None
    title_span: Optional[Span] = None
    if not is_prose(title_line.text) or len(title_line.text) < 160:
        title = " ".join(title_line.text.rstrip(".").split()) or None
        title_span = Span(title_line.start, title_line.end)
    head_end_idx = first if title else first - 1   # index of last head line
    window = [i for i in content if i > first][:HEAD_WINDOW]
    for n, i in enumerate(window):
        ln = lines[i]
        if is_prose(ln.text) and not _BYLINE.match(ln.text):
            break
        if title and similar(ln.text, title) >= 0.85:
            chrome.append(ChromeSpan(ln.start, ln.end, "title-duplicate"))
            head_end_idx = i
            continue
        m = _BYLINE.match(ln.text)
        if m and len(ln.text) < 160:
            author = m.group("name").strip()
            chrome.append(ChromeSpan(ln.start, ln.end, "byline"))
            # "Posted by Jane Doe on March 3, 2021" / "By Jane Doe | 2021-03-03"
            rest = re.sub(r"^\s*(?:on\b|[|,–—-])\s*", "", ln.text[m.end("name"):])
            iso = parse_date_line(rest) if rest else None
            if iso and head_date is None:
                head_date = iso
            head_end_idx = i
            continue
        iso = parse_date_line(ln.text)
        if iso:
            # the title-like line just above a date line is a post link;
            # a date line right under the title or byline is the post's own date
            prev = [j for j in window[:n] if lines[j].start >= lines[head_end_idx].start]
            if prev and prev[-1] != head_end_idx and not is_prose(lines[prev[-1]].text):
                p = lines[prev[-1]]
                nav_dates.append(iso)
                nav_titles.append(p.text)
                chrome.append(ChromeSpan(p.start, p.end, "navigation"))
                chrome.append(ChromeSpan(ln.start, ln.end, "navigation"))
            elif head_date is None:
                head_date = iso
                chrome.append(ChromeSpan(ln.start, ln.end, "dateline"))
            head_end_idx = i
            continue
    head_chrome_end = lines[head_end_idx].end if head_end_idx >= first else 0
    body_first = next((i for i in content if lines[i].start >= head_chrome_end
                       and i > head_end_idx), None)
    if body_first is None:
        body_first = first
    # title-like line(s) left between the navigation and the byline are title repeats
    chrome = [c for c in chrome if c.end <= lines[body_first].start]
    if title_span is not None and title_span.end <= lines[body_first].start:
        chrome.insert(0, ChromeSpan(title_span.start, title_span.end, "title"))

    # ---- tail ---------------------------------------------------------
    body_lines = [i for i in content if i >= body_first]
    tail_start: Optional[int] = None
    # the tail lies in the last two thirds of the body's *text*: counting lines
    # instead would let a tail of many one-word lines ("Share this:", "Twitter",
    # "Facebook", …) push its own first lines into the protected first third
    span_start, span_end = lines[body_lines[0]].start, lines[body_lines[-1]].end
    min_pos = span_start + (span_end - span_start) // 3
    if author is None and len(body_lines) > 3:
        author = closing_bio_author(lines[body_lines[-1]].text)   # (an op-ed's closing bio)
    surname = author.split()[-1] if author else None

    def article_prose(j: int) -> bool:
        t = lines[j].text
        return is_prose(t) and not _tail_kind(t, author) and not _bio_start(t, author) \
            and not (surname and surname in t)

    for n, i in enumerate(body_lines):
        if (lines[i].start < min_pos or i == body_lines[0]) and i != body_lines[-1]:
            continue
        if not is_prose(lines[i].text) \
                and _tail_kind(lines[i].text, author) in ("comments", "footer", "contact", "promo"):
            # a short article sentence that happens to use a CMS word ("They are
            # also serving cookies.", "Sanders asked supporters to donate.") is not
            # the start of the tail when the article's prose goes on after it
            if sum(1 for j in body_lines[n + 1:] if article_prose(j)) >= 2:
                continue
            tail_start = i
            break
        if _bio_start(lines[i].text, author):
            tail_start = i
            break
    if tail_start is not None and tail_start == body_first:
        tail_start = None   # nothing but tail-like lines: keep them as the body
    if tail_start is not None:
        # short non-prose lines right above the first marker belong to the tail
        k = body_lines.index(tail_start)
        while k > 1 and not is_prose(lines[body_lines[k - 1]].text) \
                and (_tail_kind(lines[body_lines[k - 1]].text, author)
                     or _is_quoted_title(lines[body_lines[k - 1]].text)):
            k -= 1
        tail_start = body_lines[k]
        kind = "footer"
        for i in body_lines[k:]:
            t = lines[i].text
            kind = _tail_kind(t, author) or ("promo" if _is_quoted_title(t) else None) \
                or ("bio" if _bio_start(t, author) else None) or kind
            if author and _norm(t) == _norm(author):
                kind = "bio"
            elif kind == "footer" and not _tail_kind(t, author) and is_prose(t):
                kind = "bio" if author and author.split()[-1] in t else kind
            chrome.append(ChromeSpan(lines[i].start, lines[i].end, cast(ChromeKind, kind)))
        body_last = max((i for i in body_lines if i < tail_start), default=body_first)
    else:
        body_last = body_lines[-1]

    body = Span(lines[body_first].start, lines[body_last].end)
    captions = [ChromeSpan(ln.start, ln.end, "caption") for ln in lines[body_first:body_last + 1]
                if is_credit_line(ln.text)]   # (each its own span: _merge joins runs of a kind)
    chrome = sorted(_merge(chrome) + captions, key=lambda c: c.start)
    return PlainLayout(title, title_span, author, body, chrome, nav_dates, nav_titles,
                       head_date)
