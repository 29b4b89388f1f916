"""Voice of every body sentence: quoted, reported, author (and chrome)."""
from __future__ import annotations

from spacy.tokens import Doc

from onrecord.model import Record, Sentence

_QUOTES = "\"“”„«»"


def assign_voice(record: Record, doc: Doc, offset: int) -> None:
    spans = []
    for a in record.attributions:
        for c in a.content:
            spans.append((c.start, c.end, a.kind))
    sents = []
    for s in doc.sents:
        text = s.text
        lead = len(text) - len(text.lstrip())
        start = s.start_char + offset + lead
        end = s.end_char + offset - (len(text) - len(text.rstrip()))
        if end <= start:
            continue
        length = end - start
        best, voice = 0.0, "author"
        for cs, ce, kind in spans:
            ov = min(end, ce) - max(start, cs)
            if ov <= 0:
                continue
            frac = ov / length
            v = "quoted" if kind == "direct" and frac >= 0.6 else "reported"
            if frac > best:
                best, voice = frac, v
        if voice == "author" and best == 0.0 and text.lstrip().startswith(tuple(_QUOTES)):
            voice = "quoted"
        sents.append(Sentence(start, end, voice))
    for c in record.document.chrome:
        sents.append(Sentence(c.start, c.end, "chrome"))
    record.sentences = sorted(sents, key=lambda s: s.start)
