"""Quotations and the cues they could hang on.

``doc_quotes`` finds the quotations of the page (:mod:`.quotes`; marks inside markup tags
are ignored); ``quote_cue_candidates`` lists, for each quotation, the cues around it:
a verb after it (“…,” said X / X said), a signature (“…” ― Name), a verb before it (X said:
“…”, adding: “…”), a name before a colon (Lavrov: “…”) and a verb before a colon that opens
a quoted paragraph.  ``extend_to_quotes`` moves a frame's content boundary that falls inside
a quotation out to its marks; ``quoted_frac`` is the quoted share of a content.  Which cue
wins is decided in :mod:`.decide`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token

from onrecord.text import BLOCKQUOTES_KEY
from onrecord.text import original_text as doc_text  # the page's own text, computed once

from .cue_words import cue_class
from .frames import Frame, noun_phrase_after, source_of
from .quotes import Quote, find_quotes, with_blockquotes
from .spans import QUOTE_MARKS, SENT_END, is_para_break, lemma_of, tok_range, word_after

# after a closing mark: a dash, then a capitalised name of up to 8 words, then the end of the
# line — or a comma and the speaker's title and organisation ("“…” - Mark Headd, Chief Data
# Officer, City of Philadelphia"), the credit line of a testimonial or pull quote.  Blanked
# markup may stand between the mark and the dash (“…”</em><b> - Name); a hyphen counts only
# with blanks on both sides, and only on the quotation's own line; a real dash may open the
# next line (“…”\n— Name).
_SIG_NAME = r"([A-Z][^\s,.;:!?\u201c\u201d\"]*(?:[ \u00a0]+[A-Z][^\s,;:!?\u201c\u201d\"]*){0,7})"
_SIGNATURE_RE = re.compile(r"[ \t\u00a0]{0,60}(?:\n[ \t\u00a0]*(?=[\u2015\u2014\u2013]))?"
                           r"(\u2015|\u2014|\u2013|--|(?<=[ \t\u00a0])-(?=[ \t\u00a0]))[ \t\u00a0]{0,12}"
                           + _SIG_NAME +
                           r"(?:[.,]?[ \t\u00a0]*(?:\n|$)|,[ \t\u00a0]+(?=[\w(])([^\n]{1,400})(?:\n|$))")
SIG_TITLE_WORDS = 30   # a credit line's title and organisation: at most this many words, no sentence
MIN_CLAUSE_WORDS = 4   # a blockquote's own tagged quotation: a clause, not a quoted term
TAG_REACH = 60         # characters between such a quotation and its tag's verb
_SENTENCE_END = re.compile(r"[.!?]\s")


def _credit_tail(doc: Doc, m: re.Match) -> bool:
    """The words after a signature's name ("Chief Data Officer, City of Philadelphia (2011 and
    2012 Fellowship City)", "former Group Executive of Planning") are a title, not a clause:
    short, no sentence end or quotation mark inside, no finite verb and no relative pronoun
    ("― Smith, who chairs the board", "— Jones, said the mayor")."""
    if m.group(3) is None:
        return True
    tail = m.group(3)
    if not 0 < len(tail.split()) <= SIG_TITLE_WORDS \
            or re.search(r"[a-z]{2}[.!?][ \t\u00a0]+[A-Z]|[\u201c\u201d\"]", tail):
        return False
    span = doc.char_span(m.start(3), m.end(3), alignment_mode="expand")
    return span is not None and not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.tag_ in ("WP", "WDT")
                                        for t in span)


# a tag on one line, or a tag whose attributes wrap onto the next line (`<a\nhref="…">`, as
# page sources and exports write long tags); not over a blank line
_TAG_RE = re.compile(r"<[^<>\n]{1,800}>"
                     r"|</?[A-Za-z][\w:-]*(?:[ \t]|\r?\n(?![ \t]*\r?\n))(?:[^<>\n]|\n(?![ \t]*\r?\n)){0,800}>")


def doc_quotes(doc: Doc) -> list[Quote]:
    """Quotations of the doc text (marks inside markup tags such as <tweet a="…"> are ignored)
    and its blockquote paragraphs (:func:`onrecord.attribute.quotes.with_blockquotes`)."""
    text = doc_text(doc)
    if "<" in text:
        masked = _TAG_RE.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group(0)), text)  # (line breaks kept)
    else:
        masked = text
    return with_blockquotes(masked, find_quotes(masked), doc.user_data.get(BLOCKQUOTES_KEY) or [],
                            lambda s, e, inside: _tags_own_quote(doc, s, e, inside))


def _tags_own_quote(doc: Doc, s: int, e: int, inside: list[Quote]) -> bool:
    """A blockquote paragraph [s, e) that tags a quotation of its own: a verb of saying with a
    subject, outside the marks, right after a quoted clause ("> “…,” Foreign Minister Sergei
    Lavrov said in a statement.") or right before one ("> Lavrov said: “…”").  A term quoted
    inside an excerpt's sentence ("told us … that Russia should be “punished”") is no such
    quotation: the excerpt stays one quotation."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    text = doc_text(doc)
    clauses = [q for q in inside if len(text[q.inner_start:q.inner_end].split()) >= MIN_CLAUSE_WORDS]
    if not clauses:
        return False
    quoted = quote_lookup(inside)
    for t in span:
        if t.pos_ != "VERB" or cue_class(lemma_of(t), "VERB") != "say" or quoted(t.idx):
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") and not quoted(c.idx) for c in t.children):
            continue
        for q in clauses:
            between = text[q.end:t.idx] if q.end <= t.idx else text[t.idx + len(t):q.start]
            if len(between) <= TAG_REACH and not _SENTENCE_END.search(between):
                return True
    return False


def quote_lookup(quotes: list[Quote]):
    """pos -> True when pos lies inside a quotation (between its marks)."""
    qstarts = [q.start for q in quotes]

    def in_quote(pos: int) -> bool:
        k = bisect.bisect_right(qstarts, pos) - 1
        return k >= 0 and quotes[k].inner_start <= pos < quotes[k].inner_end

    return in_quote


_STARTS_CACHE: dict[int, tuple[list, list[int]]] = {}


def starts_of(quotes: list[Quote]) -> list[int]:
    """sorted quote starts (cached per quote list, so repeated lookups stay O(log n))"""
    hit = _STARTS_CACHE.get(id(quotes))
    if hit is not None and hit[0] is quotes:
        return hit[1]
    starts = [q.start for q in quotes]
    _STARTS_CACHE.clear()
    _STARTS_CACHE[id(quotes)] = (quotes, starts)
    return starts


def extend_to_quotes(f: Frame, quotes: list[Quote]) -> None:
    """A content boundary that falls inside a quotation moves out to the quotation's marks."""
    if not quotes:
        return
    starts = starts_of(quotes)
    new = []
    for s, e in f.content:
        k = bisect.bisect_right(starts, s) - 1
        if k >= 0 and quotes[k].start < s < quotes[k].end:
            s = quotes[k].start
        k = bisect.bisect_right(starts, e - 1) - 1
        if k >= 0 and quotes[k].start < e < quotes[k].end:
            e = quotes[k].end
        elif k >= 0 and quotes[k].end == e + 1 or (k >= 0 and quotes[k].end - e <= 2
                                                   and quotes[k].end > e and quotes[k].start < e):
            e = quotes[k].end
        new.append((s, e))
    f.content = new


def quoted_frac(f: Frame, quotes: list[Quote]) -> float:
    """share of the content characters that lie inside quotations"""
    if not quotes:
        return 0.0
    starts = starts_of(quotes)
    tot = ins = 0
    for s, e in f.content:
        tot += e - s
        k = max(0, bisect.bisect_right(starts, s) - 1)
        while k < len(quotes) and quotes[k].start < e:
            q = quotes[k]
            ins += max(0, min(e, q.inner_end) - max(s, q.inner_start))
            k += 1
    return ins / tot if tot else 0.0


@dataclass
class QuoteCue:
    quote: Quote
    cue: Optional[Token]
    key: str
    content: list[tuple[int, int]]
    cue_span: Optional[tuple[int, int]]
    source: Optional[tuple[int, int]]
    how: str


def _verb_src(doc, v: Token):
    src = source_of(v)
    return tok_range(doc, *src) if src else None


def _after_src(doc: Doc, v: Token, q: Quote) -> Optional[tuple[int, int]]:
    """The source of a verb after a quotation (“…,” X said / “…,” said X). Never words of the
    quotation itself: where the parse makes them the subject (“Bah!” said Scrooge), the noun
    phrase after the verb — an inverted tag ("said Scrooge's nephew", "retorted the doctor")."""
    src = _verb_src(doc, v)
    said = doc_text(doc)[src[0]:src[1]] if src else ""
    if src is not None and (src[1] <= q.start or src[0] >= q.end) \
            and not any(m in said for m in "“”\"") and "\n\n" not in said:
        return src
    np = noun_phrase_after(v)
    return tok_range(doc, *np) if np else None


def _ends_sentence(doc: Doc, q: Quote, qe: int) -> bool:
    """True when the quotation closes with a full stop and a new sentence follows that does
    not open with its speaker ("“… kidding.” To which she said" — but "“… now.” He said")."""
    inner = doc_text(doc)[q.inner_start:q.inner_end].rstrip()
    if not inner.endswith(".") or inner.endswith("..."):
        return False
    t = word_after(doc, qe)
    return t is not None and t.text[:1].isupper() and t.pos_ not in ("PRON", "PROPN", "NOUN", "DET")


def _names_a_thing(doc: Doc, q: Quote, qe: int) -> bool:
    """True when the quotation is a name modifying the noun after it (his “Keepin' It Real”
    radio program): no closing punctuation inside, a common noun right after."""
    inner = doc_text(doc)[q.inner_start:q.inner_end].rstrip()
    if not inner or not inner[-1].isalnum():
        return False
    t = word_after(doc, qe)
    return t is not None and t.pos_ in ("NOUN", "ADJ") and t.head.i > t.i


def _topic(seg) -> bool:
    """A label that names a topic, not a speaker: "On voter registration:", "About the
    deal:", "Regarding Iran:" (it opens with a preposition)."""
    first = next((t for t in seg if not t.is_space), None)
    return first is not None and first.pos_ == "ADP" and first.lower_ not in ("according",)


def _trailing_name(seg: list[Token]) -> list[Token]:
    """The name that ends a long label ("IDF Chief of Staff Lt. Gen. Eyal Zamir" -> "Eyal
    Zamir"): the person or organisation entity that ends it, else its last run of two to
    four proper nouns; nothing when neither ends the label.  A closing parenthesis
    ("… Gen. Philip Breedlove (Ret.)") is set aside first."""
    marks = [x for x, t in enumerate(seg) if t.text in QUOTE_MARKS]
    if len(marks) == 2 and 0 < marks[1] - marks[0] <= 3:
        seg = seg[:marks[0]] + seg[marks[1] + 1:]   # a nickname: Dan “Razin” Caine
    if seg and seg[-1].text == ")":
        opening = next((x for x in range(len(seg) - 1, -1, -1) if seg[x].text == "("), None)
        seg = seg[:opening] if opening else seg
    if not seg:
        return []
    last = seg[-1]
    if last.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and last.ent_iob_ != "O":
        k = len(seg) - 1
        while k > 0 and seg[k].ent_iob_ == "I" and seg[k - 1].ent_type_ == last.ent_type_:
            k -= 1
        return seg[k:]
    k = len(seg)
    while k > 0 and seg[k - 1].pos_ == "PROPN" and len(seg) - k < 4:
        k -= 1
    return seg[k:] if len(seg) - k >= 2 else []


def quote_cue_candidates(doc: Doc, quotes: list[Quote]) -> list[QuoteCue]:
    """For every quotation, the possible cues around it (each a candidate with a key)."""
    out = []
    n = len(doc)
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        qs, qe = span.start, span.end
        content = [(q.start, q.end)]
        # after: “…,” said X. / “…,” X said.
        j = qe
        steps = 0
        if _ends_sentence(doc, q, qe) or _names_a_thing(doc, q, qe):
            steps = 10  # “… kidding.” To which she said, “…” — the next sentence's cue is not this one's
        while j < n and steps < 10:
            t = doc[j]
            if is_para_break(t) or t.text in QUOTE_MARKS or (t.text in SENT_END and steps > 0):
                break
            if t.pos_ in ("VERB", "AUX") and t.lemma_ not in ("be", "have") or t.dep_ == "ROOT" and t.pos_ == "VERB":
                out.append(QuoteCue(q, t, f"{lemma_of(t)}|qafter", content, (t.idx, t.idx + len(t)),
                                    _after_src(doc, t, q), "cue"))
                break
            j += 1
            steps += 1
        # “…” ― Name (a signature after the quote, ending its line)
        m = _SIGNATURE_RE.match(doc_text(doc), q.end)
        if m and _credit_tail(doc, m):
            s2, e2 = m.span(2)
            if m.group(2).endswith(".") and not re.search(r"(?:^|\s)[A-Z]\.$", m.group(2)):
                e2 -= 1  # the sentence's full stop, not an initial
            sig = doc.char_span(s2, e2, alignment_mode="expand")
            dash = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if sig is not None and dash is not None and 0 < len(sig) <= 8 \
                    and any(t.pos_ == "PROPN" for t in sig) and not any(t.pos_ == "VERB" for t in sig[1:]):
                out.append(QuoteCue(q, dash[0], "\u2015|qdash", content, (m.start(1), m.end(1)),
                                    (s2, e2), "signature"))
        # before: X said: “…” / X said, “…” / adding: “…”
        i = qs - 1
        steps = 0
        c = qs - 1  # the colon may stand apart: blanked markup ("**Name**:** “…”"), a wrapped line
        while c >= 0 and doc[c].is_space and not is_para_break(doc[c]):
            c -= 1
        colon = c >= 0 and doc[c].text == ":"
        while i >= 0 and steps < (30 if colon else 12):  # ("X contrasted … with his leadership: “…”")
            t = doc[i]
            if is_para_break(t) or t.text in QUOTE_MARKS or t.text in SENT_END:
                break
            if t.pos_ in ("VERB",) or (t.pos_ == "AUX" and t.dep_ == "ROOT"):
                out.append(QuoteCue(q, t, f"{lemma_of(t)}|{'qcolon' if colon else 'qbefore'}", content,
                                    (t.idx, t.idx + len(t)), _verb_src(doc, t), "cue"))
                break
            i -= 1
            steps += 1
        # Name: “…”
        if colon:
            k, words = c - 1, 0
            while k >= 0 and not is_para_break(doc[k]) and words < 24 and (
                    doc[k].text not in SENT_END or doc[k + 1].text == ")"):   # "(Ret.)" ends no sentence
                words += not doc[k].is_space
                k -= 1
            seg = [t for t in doc[k + 1:c] if not t.is_space]
            # a label that opens its line may be longer ("Secretary of State Marco Rubio:")
            opens_line = k < 0 or "\n" in doc[k].text_with_ws
            limit = 7 if opens_line else 5
            comma = next((x for x, t in enumerate(seg) if t.text == ","), None)
            if opens_line and comma and comma <= 4 and len(seg) <= 24 \
                    and all(t.pos_ == "PROPN" or t.text == "." for t in seg[:comma]):
                seg = seg[:comma]   # "Name, Title of Institution:" — the name is the speaker
            elif opens_line and limit < len(seg) <= 16 and not any(t.pos_ == "VERB" for t in seg):
                seg = _trailing_name(seg)  # "Former NATO Supreme Allied Commander Europe Gen. Philip Breedlove:"
            # (a label names; a clause before the colon — "Economic security is national
            # security:", a numbered heading over an excerpt — says nothing and names nobody)
            if 0 < len(seg) <= limit and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in seg) \
                    and not any(t.pos_ == "VERB" or t.pos_ == "AUX" and not t.text.isupper() for t in seg) \
                    and not _topic(seg):
                out.append(QuoteCue(q, doc[c], ":|qname", content, (doc[c].idx, doc[c].idx + 1),
                                    (seg[0].idx, seg[-1].idx + len(seg[-1])), "colon"))
        # paragraph after "… the following:" / "adding:"
        if qs > 0:
            i = qs - 1
            while i >= 0 and doc[i].is_space:
                i -= 1
            if i >= 0 and i < qs - 1 and doc[i].text == ":" and any(is_para_break(doc[x]) for x in range(i + 1, qs)):
                k = i - 1
                steps = 0
                while k >= 0 and steps < 15 and not is_para_break(doc[k]) and doc[k].text not in SENT_END:
                    t = doc[k]
                    if t.pos_ in ("VERB",):
                        out.append(QuoteCue(q, t, f"{lemma_of(t)}|qpara", content, (t.idx, t.idx + len(t)),
                                            _verb_src(doc, t), "cue"))
                        break
                    k -= 1
                    steps += 1
                else:
                    seg = doc[k + 1: i]
                    if 0 < len(seg) <= 5 and not any(t.pos_ == "VERB" or t.pos_ == "AUX" and not t.text.isupper()
                                                     for t in seg) and not _topic(seg):
                        out.append(QuoteCue(q, doc[i], ":|qname", content, (doc[i].idx, doc[i].idx + 1),
                                            (seg[0].idx, seg[-1].idx + len(seg[-1])), "colon"))
    return out
