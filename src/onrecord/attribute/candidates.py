"""The frame candidates the classifier scores: outside quotations, content shaped.

``frame_candidates`` keeps the frames whose cue is not inside a quotation (a transcript turn
excepted), moves content boundaries out to quotation marks, cuts what was not said — a
trailing non-restrictive clause (", which …", ", although he …", ", according to …") and a
second report verb the parser hung inside the first one's content ("… and warned …") — and
gives each frame its features.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from onrecord.text import original_text as doc_text

from .features import frame_features
from .frames import REPORT_VERBS, Frame, propose
from .quote_cues import extend_to_quotes, quote_lookup, quoted_frac
from .quotes import Quote
from .spans import lemma_of

_TAIL_SUBORD = {"although", "though", "while", "whereas"}  # concessive afterthoughts with a subject of their own
_TAIL_WORDS = {"which", "who", "according"}  # (measured: other afterthoughts are split about evenly in PolNeAR)
_TAIL_ANY = _TAIL_WORDS | _TAIL_SUBORD


def _end_before(doc: Doc, f: "Frame", span: Span, cut: int, min_tokens: int) -> None:
    """End the frame's last content range (token span ``span``) just before token ``cut``
    (and the spaces before it), unless fewer than ``min_tokens`` tokens would remain."""
    while cut > span.start and doc[cut - 1].is_space:
        cut -= 1
    if cut - span.start >= min_tokens:
        f.content[-1] = (f.content[-1][0], doc[cut - 1].idx + len(doc[cut - 1]))


def _cut_coordinated_report(doc: Doc, f: "Frame", in_quote) -> None:
    """"X said it was opposed to the test and warned North Korea to …": the parser hangs the
    second report verb (no subject of its own) inside the first one's content; it is a report
    of its own, so the content stops before its "and" — unless that "and" is inside the
    quotation ("… to go to India and others and say to them: …")."""
    if f.frame not in ("ccomp", "tail", "para") or f.extra.get("first") is None:
        return
    s, e = f.content[-1]
    span = doc.char_span(s, e, alignment_mode="contract")
    if span is None:
        return
    for t in span[1:]:
        if t.dep_ == "conj" and t.pos_ == "VERB" and lemma_of(t) in REPORT_VERBS \
                and t.head.i >= span.start and t.head.dep_ != "conj" \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) \
                and doc[t.i - 1].lower_ == "and" and t.head.i < t.i and not in_quote(doc[t.i - 1].idx):
            cut = t.i - 1
            while cut > span.start and (doc[cut - 1].is_space or doc[cut - 1].text == ","):
                cut -= 1
            _end_before(doc, f, span, cut, min_tokens=2)
            return


def _cut_tail(doc: Doc, f: "Frame", in_quote) -> None:
    """Drop a trailing clause that is not part of what was said: a non-restrictive relative
    clause (", which …", ", who is 70"), an "according to" of its own, or a concessive clause with its own
    subject (", although he again refused …").  The clause must run to the end of the
    content (an aside in the middle stays) and lie outside quotation marks."""
    s, e = f.content[-1]
    text = doc_text(doc)
    if not any(text.find(", " + w, s, e) >= 0 for w in _TAIL_ANY):
        return
    span = doc.char_span(s, e, alignment_mode="contract")
    if span is None or len(span) < 4:
        return
    last = span.end - 1
    while last > span.start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    for t in span[2:]:
        if t.i >= last - 1:
            break
        if t.text != "," or in_quote(t.idx):
            continue
        n = doc[t.i + 1]
        if n.lower_ not in _TAIL_ANY:
            continue
        # the clause that starts at n
        a = n
        while a.head.i != a.i and a.head.left_edge.i >= n.i:
            a = a.head
        if a.right_edge.i < last - 1 or a.i < n.i:
            continue
        if n.lower_ in _TAIL_SUBORD and not any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children):
            continue  # ", although he again refused …" — but ", although unlikely" stays
        _end_before(doc, f, span, t.i, min_tokens=3)
        return


def frame_candidates(doc: Doc, quotes: list[Quote]) -> list[tuple[Frame, list[str]]]:
    """Frame candidates whose cue is outside quotations, content extended to quote marks,
    with their classifier features."""
    in_quote = quote_lookup(quotes) if quotes else (lambda pos: False)
    frames = [f for f in propose(doc) if not in_quote(f.cue_span[0]) or f.extra.get("turn")]
    per_cue: dict[int, int] = {}
    for f in frames:
        per_cue[f.cue.i] = per_cue.get(f.cue.i, 0) + 1
    out = []
    for f in frames:
        if not f.extra.get("turn"):  # a transcript turn is its own line, not the whole quotation
            extend_to_quotes(f, quotes)
            _cut_tail(doc, f, in_quote)
            _cut_coordinated_report(doc, f, in_quote)
        out.append((f, frame_features(doc, f, per_cue[f.cue.i], quoted_frac(f, quotes))))
    return out
