"""Word-level alignment of a quotation against a passage, and the fidelity class it earns.

Decides, for one quotation and one passage: whether the passage carries the quotation's words
(a *match*), where, and how faithfully:

``verbatim``
    every word of the quotation is the passage's, in order, and the quotation starts and
    ends where a sentence of the passage does;
``trimmed``
    the words are the passage's, but the quotation starts or ends inside a sentence of it;
``elided``
    the words are the passage's except where the quotation itself marks a change: an
    ellipsis (``…``, ``...``, ``. . .``, ``[…]``) leaves passage words out, a bracketed
    insertion (``[the]``, ``(y)oung``) stands for a few of them;
``altered``
    any other word is different, added or missing (the word diff says which).

Case, punctuation, quote marks, curly or straight apostrophes, hyphens and stage directions
of a transcript (``(APPLAUSE)``, ``(CROSSTALK)``) make no difference.  A passage matches when
at least four of the quotation's words and 60% of them are aligned to it.  Speakers are
compared by :func:`same_speaker` (the caller turns a match with another speaker into
``misattributed``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

MIN_WORDS = 4          # a quotation of fewer words is too short to trace
MIN_SHARE = 0.6        # of the quotation's words aligned to the passage
BRACKET_SLACK = 4      # passage words a bracketed insertion may stand for

_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*[a-z]*|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.")
_BRACKET = re.compile(r"\[[^\[\]]{0,80}\]|(?<![\w])\([^()]{1,40}\)(?=\w)|(?<=\w)\([^()]{1,40}\)|"
                      r"(?<=\w)\[[^\[\]]{1,40}\]|\[[^\[\]]{1,40}\](?=\w)")
_STAGE = re.compile(r"\((?:[A-Z][A-Z ,.'’-]{2,40}|inaudible|crosstalk|laughter|applause)\)", re.I)


@dataclass
class Token:
    norm: str          # lower-case word, apostrophes straight
    start: int         # character offsets in the text it came from
    end: int
    bracket: bool = False   # inside a bracketed insertion of the quotation


_NUMBERS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}


@lru_cache(maxsize=200_000)
def normalize(word: str) -> str:
    """A word as compared: lower case, straight apostrophe, no thousands separator or zero
    cents ("$15.00" is 15), number words as digits, "ISIS's" as "ISIS'"."""
    w = word.lower().replace("’", "'").replace(",", "")
    if w[:1].isdigit():
        w = re.sub(r"\.0+$", "", w)
    if w.endswith("s's"):
        w = w[:-2]
    return _NUMBERS.get(w, w)


def passage_tokens(text: str) -> list[Token]:
    """The words of a passage, stage directions blanked, with offsets into ``text``."""
    clean = _STAGE.sub(lambda m: " " * len(m.group()), text)
    return [Token(normalize(m.group()), m.start(), m.end()) for m in _WORD.finditer(clean)]


def passage_words(text: str) -> list[str]:
    """The compared words of a passage (those of :func:`passage_tokens`, without offsets)."""
    return [normalize(w) for w in _WORD.findall(_STAGE.sub(" ", text))]


def quote_segments(text: str) -> tuple[list[list[Token]], list[Optional[int]], bool, bool]:
    """The quotation as segments between its own marks of change.

    Returns (segments, gaps, has_ellipsis, has_bracket): ``gaps[i]`` is the greatest number of
    passage words that may lie between segment i and i+1 (``None``: any, an ellipsis)."""
    marks: list[tuple[int, int, str]] = []
    for m in _ELLIPSIS.finditer(text):
        marks.append((m.start(), m.end(), "gap"))
    for m in re.finditer("\x1f", text):  # parts of one quotation split by its cue
        marks.append((m.start(), m.end(), "join"))
    for m in _BRACKET.finditer(text):
        if any(s <= m.start() < e for s, e, _ in marks):
            continue
        marks.append((m.start(), m.end(), "bracket"))
    marks.sort()
    segments: list[list[Token]] = [[]]
    gaps: list[Optional[int]] = []
    pos = 0
    has_gap = has_bracket = False
    for s, e, kind in marks:
        segments[-1] += [Token(normalize(m.group()), pos + m.start(), pos + m.end())
                         for m in _WORD.finditer(text[pos:s])]
        inner = text[s:e]
        if kind in ("gap", "join"):
            has_gap |= kind == "gap"
            gaps.append(None)
            segments.append([])
        else:
            has_bracket = True
            words = _WORD.findall(inner)
            glued = (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e:e + 1].isalnum())
            if glued:  # "(y)oung": the letters are the quotation's own, marked as supplied
                segments[-1].append(Token("\u0000glue", s, e, bracket=True))
            else:
                gaps.append(len(words) + BRACKET_SLACK)
                segments.append([])
        pos = e
    segments[-1] += [Token(normalize(m.group()), pos + m.start(), pos + m.end())
                     for m in _WORD.finditer(text[pos:])]
    segments, gaps = _glue(text, segments, gaps)
    return segments, gaps, has_gap, has_bracket


def _glue(text: str, segments, gaps):
    """Join the letters around a word-internal bracket back into one word ("(y)oung" → young)."""
    out = []
    for seg in segments:
        toks: list[Token] = []
        i = 0
        while i < len(seg):
            t = seg[i]
            if t.norm == "\u0000glue":
                s, e = t.start, t.end
                word = re.sub(r"[\[\]()]", "", text[s:e])
                if toks and toks[-1].end == s:
                    prev = toks.pop()
                    s, word = prev.start, text[prev.start:prev.end] + word
                if i + 1 < len(seg) and seg[i + 1].start == e:
                    e = seg[i + 1].end
                    word += text[seg[i + 1].start:e]
                    i += 1
                toks.append(Token(normalize(word), s, e, bracket=True))
            else:
                toks.append(t)
            i += 1
        out.append(toks)
    keep = [i for i, s in enumerate(out) if s]
    if len(keep) == len(out):
        return out, gaps
    segs2, gaps2 = [], []
    for k, i in enumerate(keep):
        segs2.append(out[i])
        if k + 1 < len(keep):
            between = gaps[i:keep[k + 1]]
            gaps2.append(None if any(g is None for g in between) else sum(between))
    return segs2 or [[]], gaps2


@dataclass
class Op:
    op: str  # equal | replace | insert (quotation only) | delete (passage only) | elided (at a mark)
    quote: str = ""
    source: str = ""


@dataclass
class Alignment:
    matched: int                  # quotation words equal to passage words
    n_words: int                  # quotation words
    changes: int                  # words replaced, added or left out without a mark
    start: int                    # character span of the aligned words in the passage
    end: int
    elided: bool                  # the quotation's own marks were used
    trimmed: bool                 # starts or ends inside a passage sentence
    ops: list[Op] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.matched / self.n_words if self.n_words else 0.0

    @property
    def is_match(self) -> bool:
        """Four words or more aligned, and under one word in five changed (a long quotation:
        60% of its words and eight or more)."""
        if self.matched < MIN_WORDS:
            return False
        return self.changes * 5 < self.n_words or (self.share >= MIN_SHARE and self.matched >= 8)

    @property
    def wording(self) -> str:
        if self.changes:
            return "altered"
        if self.elided:
            return "elided"
        return "trimmed" if self.trimmed else "verbatim"


def _find(seq: list[str], sub: list[str], lo: int, hi: int) -> int:
    """First i in [lo, hi] with seq[i:i+len(sub)] == sub, else -1."""
    n = len(sub)
    first = sub[0]
    i = lo
    while i <= hi and i + n <= len(seq):
        try:
            i = seq.index(first, i, min(hi, len(seq) - n) + 1)
        except ValueError:
            return -1
        if seq[i:i + n] == sub:
            return i
        i += 1
    return -1


def _local(q: list[str], p: list[str], lo: int, hi_start: int) -> tuple[int, int, int, list[tuple]]:
    """Best alignment of all of ``q`` to a stretch of ``p`` starting in [lo, hi_start]:
    (cost, start, end, ops); edit distance with a free start and end in the passage."""
    m = len(q)
    p = p[lo:]
    n = len(p)
    big = 10 ** 9
    prev = [0 if j <= hi_start - lo else big for j in range(n + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        cur = [big] * (n + 1)
        cur[0] = prev[0] + 1
        back[i][0] = 1
        qi = q[i - 1]
        for j in range(1, n + 1):
            d = prev[j - 1] + (0 if qi == p[j - 1] else 1)
            ins = prev[j] + 1   # the quotation has a word the passage lacks
            dele = cur[j - 1] + 1  # the passage has a word the quotation lacks
            if d <= ins and d <= dele:
                cur[j], back[i][j] = d, 0
            elif ins <= dele:
                cur[j], back[i][j] = ins, 1
            else:
                cur[j], back[i][j] = dele, 2
        prev = cur
    end = min(range(n + 1), key=lambda j: (prev[j], j))
    cost = prev[end]
    ops: list[tuple] = []
    i, j = m, end
    while i > 0:
        b = back[i][j]
        if b == 0:
            ops.append(("equal" if q[i - 1] == p[j - 1] else "replace", i - 1, lo + j - 1))
            i, j = i - 1, j - 1
        elif b == 1:
            ops.append(("insert", i - 1, None))
            i -= 1
        else:
            ops.append(("delete", None, lo + j - 1))
            j -= 1
    ops.reverse()
    start = lo + j
    return cost, start, lo + end, ops


def _letters(s: str) -> str:
    return re.sub(r"[^\w]|_", "", s.lower())


def _respell(ops: list[Op]) -> tuple[list[Op], int]:
    """Runs of changes that only split or join words ("newscasts" / "news casts") are no
    change; returns the ops and how many words the remaining changes touch."""
    out: list[Op] = []
    run: list[Op] = []

    def flush():
        if not run:
            return
        q = " ".join(o.quote for o in run if o.quote)
        p = " ".join(o.source for o in run if o.source)
        if q and p and _letters(q) == _letters(p):
            out.append(Op("equal", q, p))
        else:
            out.extend(run)
        run.clear()

    for o in ops:
        if o.op in ("replace", "insert", "delete"):
            run.append(o)
        else:
            flush()
            out.append(o)
    flush()
    changes = sum(max(len(o.quote.split()), len(o.source.split())) for o in out
                  if o.op in ("replace", "insert", "delete"))
    return out, changes


def _sentence_start(text: str, toks: list[Token], k: int) -> bool:
    return k == 0 or bool(re.search(r"[.?!:]", text[toks[k - 1].end:toks[k].start]))


def _sentence_end(text: str, toks: list[Token], k: int) -> bool:
    nxt = toks[k + 1].start if k + 1 < len(toks) else len(text)
    return k + 1 >= len(toks) or bool(re.search(r"[.?!]", text[toks[k].end:nxt]))


def could_match(qwords: list[str], pwords: list[str]) -> bool:
    """A cheap bound before aligning: enough of the quotation's words occur in the passage."""
    if len(qwords) < MIN_WORDS:
        return False
    have = Counter(pwords)
    common = sum(min(n, have[w]) for w, n in Counter(qwords).items())
    return common >= MIN_WORDS and common >= MIN_SHARE * len(qwords)


def align(quote: str, passage: str, ptoks: Optional[list[Token]] = None,
          prefilter: bool = False, parsed: Optional[tuple] = None) -> Optional[Alignment]:
    """The quotation aligned to the passage (None when the quotation has no words, or, with
    ``prefilter``, when it cannot be a match).  ``parsed``: ``quote_segments(quote)``, when
    the caller aligns one quotation with many passages."""
    segments, gaps, has_gap, has_bracket = parsed if parsed is not None else quote_segments(quote)
    qwords = [t for s in segments for t in s]
    if not qwords:
        return None
    ptoks = ptoks if ptoks is not None else passage_tokens(passage)
    pn = [t.norm for t in ptoks]
    if prefilter and not could_match([t.norm for t in qwords if not t.bracket], pn):
        return None
    if not pn:
        return Alignment(0, len(qwords), len(qwords), 0, 0, False, False)
    ops: list[Op] = []
    matched = changes = 0
    lo, hi = 0, len(pn)
    first: Optional[int] = None
    last: Optional[int] = None
    used_marks = any(t.bracket for t in qwords)
    for k, seg in enumerate(segments):
        sn = [t.norm for t in seg]
        at = _find(pn, sn, lo, hi)
        if at >= 0:
            seg_ops = [("equal", i, at + i) for i in range(len(sn))]
            s0, e0 = at, at + len(sn)
        else:
            window_end = len(pn) if k == 0 or gaps[k - 1] is None else min(len(pn), hi + len(sn) * 2)
            _, s0, e0, seg_ops = _local(sn, pn[:window_end], lo, hi)
        if k and s0 > lo:
            used_marks = True  # passage words left out where the quotation marks a change
            ops.append(Op("elided", "", passage[ptoks[lo].start:ptoks[s0 - 1].end]))
        for kind, qi, pj in seg_ops:
            qt = seg[qi] if qi is not None else None
            if kind == "equal" or (kind == "replace" and qt is not None and qt.bracket):
                matched += kind == "equal"
                used_marks |= kind == "replace"
                if ops and ops[-1].op == "equal":
                    ops[-1].quote += " " + quote[qt.start:qt.end]
                    ops[-1].source += " " + passage[ptoks[pj].start:ptoks[pj].end]
                else:
                    ops.append(Op("equal", quote[qt.start:qt.end], passage[ptoks[pj].start:ptoks[pj].end]))
                continue
            if kind == "insert" and qt is not None and qt.bracket:
                used_marks = True
                continue
            changes += 1
            q_txt = quote[qt.start:qt.end] if qt is not None else ""
            p_txt = passage[ptoks[pj].start:ptoks[pj].end] if pj is not None else ""
            if ops and ops[-1].op == kind:
                ops[-1].quote = (ops[-1].quote + " " + q_txt).strip()
                ops[-1].source = (ops[-1].source + " " + p_txt).strip()
            else:
                ops.append(Op(kind, q_txt, p_txt))
        if e0 > s0:
            first = s0 if first is None else first
            last = e0 - 1
        lo = max(lo, e0)
        gap = gaps[k] if k < len(gaps) else None
        hi = len(pn) if gap is None else min(len(pn), lo + gap)
    if first is None or last is None:
        return Alignment(0, len(qwords), len(qwords), 0, 0, False, False, ops)
    ops, changes = _respell(ops)
    trimmed = not (_sentence_start(passage, ptoks, first) and _sentence_end(passage, ptoks, last))
    return Alignment(matched, len(qwords), changes, ptoks[first].start, ptoks[last].end,
                     bool(used_marks or (has_gap and len(segments) > 1) or has_bracket),
                     trimmed, ops)


_HONORIFIC = {"mr", "mrs", "ms", "dr", "sen", "senator", "gov", "governor", "secretary",
              "president", "vice", "former", "rep", "the", "mayor"}


def speaker_words(name: Optional[str]) -> list[str]:
    words = [w.lower() for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", name or "")]
    return [w for w in words if w not in _HONORIFIC]


def same_speaker(a: Optional[str], b: Optional[str]) -> Optional[bool]:
    """Whether two speaker names name the same person: the same surname (last word), or one
    name's words within the other's.  None when either is unknown."""
    wa, wb = speaker_words(a), speaker_words(b)
    if not wa or not wb:
        return None
    if wa[-1] == wb[-1]:
        return True
    return set(wa) <= set(wb) or set(wb) <= set(wa)
