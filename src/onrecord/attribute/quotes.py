"""Linear-time quotation finder with local repair of unbalanced marks.

``find_quotes(text)`` returns :class:`Quote` objects (outer span including the
marks, inner span without them).  The scan is a single pass over the quote
marks of each paragraph (:func:`onrecord.text.paragraphs`); a bad mark can only affect the paragraph it is in
(or, with the multi-paragraph convention, the run of paragraphs that open with
a mark), never the rest of the document.

Conventions handled:
- curly “…” and straight "…" double quotes; doubled apostrophes ''…'' (the New York
  Times archive convention) and ``…'' (Penn Treebank / LaTeX); curly ‘…’ single
  quotes at top level;
- multi-paragraph quotes: each new paragraph re-opens with a mark of the same
  style (straight, curly, doubled or ‘; a curly one may be typed the wrong way round) and
  only the last one closes;
- a stray closing mark after a closed quote in the same paragraph extends that
  quote ("“… containing” white phosphorus … Conventions.”");
- an opening mark while a quote is open closes the open one just before it, unless the open
  one opened the paragraph and either no closing mark follows in it or the quotation runs on
  into the next paragraph with the inner marks pairing up (then the inner mark is nested);
- a quote still open at the end of a paragraph (not continued) ends there;
- a closing mark with nothing open, at the start of a word, opens a quote; an opening mark
  at the end of a word, before a space, closes one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from onrecord.text import paragraphs

OPEN_D = "\u201c\u201e\u00ab"      # “ „ «
CLOSE_D = "\u201d\u00bb"           # ” »
STRAIGHT = '"'
OPEN_S = "\u2018"                  # ‘
CLOSE_S = "\u2019"                 # ’ (also the apostrophe)

DOUBLED = ("''", "``")            # two-character marks, as one mark
_MARK_RE = re.compile('\'\'|``|[\u201c\u201e\u00ab\u201d\u00bb"\u2018\u2019]')


@dataclass
class Quote:
    start: int          # offset of the opening mark (or of the text when the mark is missing)
    end: int            # offset just after the closing mark (or end of the text)
    inner_start: int
    inner_end: int
    closed: bool = True
    multi_para: bool = False   # continues the quotation of the paragraph before
    single: bool = False  # ‘…’
    block: bool = False   # a blockquote paragraph (quoted by layout, no marks)
    label: Optional[tuple[int, int]] = None   # a blockquote's source label ("> Aljazeera")

    @property
    def inner(self) -> tuple[int, int]:
        return (self.inner_start, self.inner_end)


def _straight_role(text: str, i: int, n: int = 1) -> str:
    """'open', 'close' or '?' for a straight double quote (``n`` characters long) at i."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + n] if i + n < len(text) else " "
    pspace = prev.isspace() or prev in "([{\u2014\u2013-/:;"
    nspace = nxt.isspace() or nxt in ".,;:!?)]}\u2014\u2013"
    if pspace and not nspace:
        return "open"
    if nspace and not pspace:
        return "close"
    return "?"


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_OPEN_OR_CLOSE_D = re.compile(f"[{OPEN_D}{CLOSE_D}]")


def _closers_before_next_open(text: str, i: int, pe: int) -> int:
    """number of curly closing marks in text[i:pe] before the next curly opening mark (at most 2)"""
    n = 0
    for m in _OPEN_OR_CLOSE_D.finditer(text, i, pe):
        if m.group() in OPEN_D:
            break
        n += 1
        if n >= 2:
            break
    return n


def _nests_in_open_paragraph(text: str, cur: Quote, first: int, i: int, pe: int) -> bool:
    """Is the curly opening mark at ``i`` a quotation nested in the paragraph's own quotation?
    ``cur`` opens the paragraph and either no closing mark follows in the paragraph (the
    quotation never closes there, so neither does a mark inside it: “Our administration is
    leaving … Their “Final Message’ as they call it, … — closing the outer one here would cut
    it in two at a term it quotes), or the next paragraph opens with a curly mark again (a
    quotation running over several paragraphs, each closing nowhere but the last) and the
    marks from ``i`` to the paragraph's end pair up (“But this doesn’t change anything. … His
    statements that “a whole civilization will die” and that he’ll take Iran “back to the
    stone ages” confirm …)."""
    if cur.start != first:
        return False
    if not any(c in CLOSE_D for c in text[i + 1:pe]):
        return True
    nxt = pe
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    if nxt >= len(text) or text[nxt] not in OPEN_D:
        return False
    depth = 0
    for m in _OPEN_OR_CLOSE_D.finditer(text, i, pe):
        depth += 1 if m.group() in OPEN_D else -1
        if depth not in (0, 1):
            return False
    return depth == 0


def find_quotes(text: str) -> list[Quote]:
    out: list[Quote] = []
    carry: Quote | None = None   # a multi-paragraph quote waiting for its continuation
    carry_s: Quote | None = None  # the same for a ‘…’ quote (‘ opening its paragraph, never closed)
    for ps, pe in paragraphs(text):
        if ps >= pe:
            continue
        # continuation of a quote left open in the previous paragraph
        first = ps
        while first < pe and text[first].isspace():
            first += 1
        if carry_s is not None:
            if text.startswith(OPEN_S, first):
                out.append(carry_s)   # ‘… / ‘… ’: it went on in this paragraph, re-opened by ‘
            carry_s = None
        cur: Quote | None = None
        if carry is not None:
            m = _MARK_RE.match(text, first, pe)
            mark = m.group() if m else ""
            # the same style of mark re-opens it (a straight quote is not continued by a curly one)
            opener = text[carry.start:carry.inner_start]
            same_style = (mark == STRAIGHT) == (opener == STRAIGHT) and (mark in DOUBLED) == (opener in DOUBLED)
            # (a closing mark before the paragraph's first word re-opens too: typed the wrong
            # way round, ”The events of …)
            reopens = mark in OPEN_D or mark == STRAIGHT or mark in DOUBLED \
                or (mark in CLOSE_D and _straight_role(text, first) == "open")
            if mark and reopens and same_style:
                # each paragraph is a quotation of its own, marked as continuing the last
                out.append(carry)
                cur = Quote(first, first + len(mark), first + len(mark), first + len(mark),
                            closed=False, multi_para=True)
                carry = None
                start_scan = first + len(mark)
            else:
                # not continued: the quote ended with its paragraph
                out.append(carry)
                carry = None
                start_scan = ps
        else:
            start_scan = ps
        last_closed: Quote | None = None  # last quote closed in this paragraph
        single: Quote | None = None
        nested = 0  # inner quotes open inside cur
        for m in _MARK_RE.finditer(text, start_scan, pe):
            i = m.start()
            ch = m.group()
            n = len(ch)
            if ch in (OPEN_S, CLOSE_S):
                if cur is not None:
                    continue  # nested single quotes are part of the double quote
                if ch == OPEN_S:
                    nxt = text[i + 1] if i + 1 < pe else " "
                    if single is None and not nxt.isspace() and not nxt.isdigit():
                        single = Quote(i, i + 1, i + 1, i + 1, closed=False, single=True)
                    continue
                # ’: a closing single quote only when not inside a word
                if single is not None:
                    nxt = text[i + 1] if i + 1 < len(text) else " "
                    if not nxt.isalnum():
                        single.end = i + 1
                        single.inner_end = i
                        single.closed = True
                        out.append(single)
                        last_closed = single
                        single = None
                continue
            if ch in OPEN_D and _straight_role(text, i) == "close":
                # an opening mark glued to the end of a word, with a space or punctuation after
                # it, closes (the German „…“; a mark typed the wrong way round: “… of Iran“ and
                # called …): opening there would run a quotation to the end of the paragraph
                role = "close"
            elif ch in OPEN_D or ch == "``":
                role = "open"
            elif ch in CLOSE_D:
                # a closing mark where nothing is open, before a word, opens (typeset the wrong
                # way round: ”Mr. Trump embodies …”)
                role = "open" if cur is None and _straight_role(text, i) == "open" else "close"
            else:
                role = _straight_role(text, i, n)
                if role == "?":
                    role = "close" if cur is not None else "open"
            if role == "open":
                if cur is not None and ch in OPEN_D and text[cur.start] in OPEN_D \
                        and (_closers_before_next_open(text, i + n, pe) >= 2
                             or _nests_in_open_paragraph(text, cur, first, i, pe)):
                    # “… what he calls “hell” than live …”: a quote nested in a quote of the
                    # same marks (two closing marks follow before any opening one), or in the
                    # paragraph's own quotation (:func:`_nests_in_open_paragraph`)
                    nested += 1
                    continue
                if cur is not None:
                    # unbalanced: close the open quote just before this mark
                    s, e = _strip_span(text, cur.inner_start, i)
                    cur.inner_end = max(e, cur.inner_start)
                    cur.end = cur.inner_end
                    cur.closed = False
                    out.append(cur)
                    last_closed = cur
                single = None
                cur = Quote(i, i + n, i + n, i + n, closed=False)
            else:  # close
                if nested and cur is not None and ch in CLOSE_D:
                    nested -= 1
                    continue
                if cur is not None:
                    cur.inner_end = i
                    cur.end = i + n
                    cur.closed = True
                    out.append(cur)
                    last_closed = cur
                    cur = None
                elif (last_closed is not None and not last_closed.single and last_closed.closed
                      and (ch == STRAIGHT) == (text[last_closed.start] == STRAIGHT)):
                    # stray close after a closed quote of the same style: extend that quote
                    last_closed.inner_end = i
                    last_closed.end = i + n
                # else: a stray close with nothing to attach to is ignored
        if cur is not None:
            # open at the end of the paragraph: maybe continued in the next one
            s, e = _strip_span(text, cur.inner_start, pe)
            cur.inner_end = max(e, cur.inner_start)
            cur.end = cur.inner_end
            cur.closed = False
            carry = cur
        if single is not None and cur is None and carry is None and single.start == first:
            # a ‘ opening the paragraph, never closed: a quotation when the next paragraph
            # opens with ‘ again (the multi-paragraph convention); else no quote
            s, e = _strip_span(text, single.inner_start, pe)
            single.inner_end = single.end = max(e, single.inner_start)
            single.closed = False
            carry_s = single
    if carry is not None:
        out.append(carry)
    out.sort(key=lambda q: q.start)
    # drop empty quotes
    return [q for q in out if q.inner_end > q.inner_start and text[q.inner_start:q.inner_end].strip()]


def _introduced(text: str, start: int, blocks: list[tuple]) -> bool:
    """The prose line above the run of blockquote paragraphs holding ``start`` ends with a
    colon (it introduces the excerpt: "According to the Washington Post:")."""
    pos = text.rfind("\n", 0, start)
    while pos > 0:
        ls = text.rfind("\n", 0, pos) + 1
        line = text[ls:pos].strip()
        if line and not any(bs < pos and be > ls for bs, be, _ in blocks):
            return line.endswith(":")
        pos = ls - 1
    return False


def with_blockquotes(text: str, quotes: list[Quote], blocks: list[tuple],
                     tagged: Optional[Callable[[int, int, list[Quote]], bool]] = None) -> list[Quote]:
    """quotes with each blockquote paragraph (start, end of its words, the span of its
    source label or None) as a quotation of its own, unless marks already quote most of it
    ("> “I can say …”"), or (``tagged``) the paragraph reports its own quotation with a tag
    ("> “We have never refused negotiations,” Foreign Minister Sergei Lavrov said."): then
    its marks' quotations stay as they are, to be tagged like any other — unless a line
    ending with a colon introduces the excerpt ("According to the Washington Post:"), whose
    source the excerpt stays.  Otherwise the marks' quotations inside or across a
    blockquote paragraph give way to it."""
    if not blocks:
        return quotes
    out = list(quotes)
    for s, e, label in blocks:
        s, e = _strip_span(text, s, e)
        if e <= s:
            continue
        inside = [q for q in out if q.start < e and q.end > s]
        if label is None and tagged is not None and inside and all(s <= q.start and q.end <= e for q in inside) \
                and not _introduced(text, s, blocks) and tagged(s, e, inside):
            continue
        marked = [q for q in inside if min(q.inner_end, e) - max(q.inner_start, s) >= 0.8 * (e - s)]
        if marked:
            for q in marked:   # quoted by its marks too: still a blockquote, with its label
                q.block, q.label = True, q.label or label
            continue
        out = [q for q in out if not (q.start < e and q.end > s)]
        out.append(Quote(s, e, s, e, closed=True, block=True, label=label))
    out.sort(key=lambda q: q.start)
    return out
