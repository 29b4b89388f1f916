"""Which earlier indefinite noun phrase a definite description takes up.

"… no Kremlin critic asked, but a journalist from the pro-government internet portal Life.ru.
The journalist asked …": the journalist is the one the indefinite phrase brought in, not a
person named earlier whose role a ranker might match.  A definite description of a person ("the
journalist", "the official") whose head noun last appeared, within the three sentences before
it, in an indefinite noun phrase ("a journalist from …") that stands for no name — no
apposition and no name inside it ("a spokesman, Brian Fallon," is Fallon) — speaks as that
phrase: the description keeps the fuller wording, as one unnamed speaker of both mentions.
"""
from __future__ import annotations

from typing import Optional

from onrecord.resolve import coref
from onrecord.resolve.entities import Entity

WINDOW = 3   # sentences before the description where the indefinite phrase may stand


def introduced(res, span, head: str, start: int, end: int) -> Optional[Entity]:
    """The unnamed speaker an indefinite phrase brought in that the definite ``span`` (the
    mention at ``start``–``end``, head noun ``head``) takes up; None when there is none."""
    if len(span) > 3 or span[0].lower_ != "the" or span.root.pos_ != "NOUN" \
            or coref.HEAD_CLASS.get(head) != "person" or span.root.tag_ in ("NNS", "NNPS"):
        return None
    sent = span.root.sent
    first_sent = sent.start
    for _ in range(WINDOW):
        if first_sent == 0:
            break
        first_sent = res.doc[first_sent - 1].sent.start
    tok = None
    for i in res.nouns.get(span.root.lemma_.lower(), ()):
        t = res.doc[i]
        if t.i >= span.start:
            break
        if t.i >= first_sent:
            tok = t   # the latest one before the description
    if tok is None or tok.tag_ in ("NNS", "NNPS") or tok.dep_ == "appos" \
            or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) \
            or any(c.dep_ == "appos" for c in tok.children):
        return None
    right = max([tok.i] + [c.right_edge.i for c in tok.rights if c.dep_ == "prep" and c.i == tok.i + 1])
    left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in ("amod", "compound")])
    phrase = res.doc[left:right + 1]
    if any(t.is_space and "\n" in t.text for t in phrase):
        return None
    ps, pe = phrase.start_char + res.offset, phrase.end_char + res.offset
    if any(ps <= ms < pe and ms <= tok.idx + res.offset < me for ent in res.entities for ms, me in ent.mentions):
        return None   # (the head is part of a name)
    words = (res.record.analysis_text or res.record.text)[ps:pe]
    key = "nominal:" + words.lower()
    ent = res.by_key.get(key) or res._new(key, words, "unknown")
    ent.add(ps, pe, words)
    ent.add(start, end, (res.record.analysis_text or res.record.text)[start:end])
    return ent
