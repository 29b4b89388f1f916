"""Candidates of the spaCy component → :class:`~onrecord.model.Attribution` in record offsets;
its quotations that are not statements → :class:`~onrecord.model.RejectedQuotation`.

A direct quotation interrupted by its tag ('"…," said X. "…"') is one statement with two
spans, unless one part outweighs the other several times over (:func:`_pieces`): a short
lead-in before a long passage is then a statement of its own, by the same speaker with the
same cue, so that it is not lost inside the passage (a quotation is matched by a statement
at most three times its length and 200 characters more: ``score.py seeds``)."""
from __future__ import annotations

from spacy.tokens import Doc

from onrecord.model import Attribution, Record, RejectedQuotation

UNEVEN = 3       # a part this many times the other's length (and UNEVEN_CHARS more) stands alone
UNEVEN_CHARS = 200
_OPENING = "\"“‘«„'"


def _pieces(kind: str, content: list) -> list[list]:
    """The statements a candidate's content spans make: one, or one per span of a direct
    quotation whose parts are very uneven (see the module docstring)."""
    if kind != "direct" or len(content) < 2 or not all(sp.text and sp.text[0] in _OPENING for sp in content):
        return [content]   # (only parts that are quotations of their own: "He was asked to “…”" stays whole)
    lens = [sp.end - sp.start for sp in content]
    if sum(lens) > UNEVEN * min(lens) + UNEVEN_CHARS:
        return [[sp] for sp in content]
    return [content]


def attach_attributions(record: Record, doc: Doc, offset: int) -> None:
    """Shift the component's candidates by ``offset`` (where the parsed body starts)."""
    n = len(record.text)
    chrome = [(c.start, c.end) for c in record.document.chrome]

    def span(rng):
        if rng is None:
            return None
        s, e = rng[0] + offset, rng[1] + offset
        if not (0 <= s < e <= n):
            return None
        return record.span(s, e)

    out = []
    for cand in doc._.attributions or []:
        content = [sp for sp in (span(r) for r in cand.content) if sp is not None]
        if not content:
            continue
        if any(cs <= sp.start and sp.end <= ce for sp in content for cs, ce in chrome):
            continue  # chrome is never article content
        for piece in _pieces(cand.kind, content):
            out.append(Attribution(id=f"a{len(out) + 1}", kind=cand.kind, content=piece,
                                   cue=span(cand.cue), source=span(cand.source),
                                   confidence=float(cand.confidence), how=cand.how,
                                   negated=bool(cand.extra.get("negated"))))
    out.sort(key=lambda a: a.start)
    for i, a in enumerate(out, 1):
        a.id = f"a{i}"
    record.attributions = out
    rejected = []
    for s, e, k in doc._.rejected_quotations or []:
        sp = span((s, e))
        if sp is None or any(cs <= sp.start and sp.end <= ce for cs, ce in chrome):
            continue
        rejected.append(RejectedQuotation(sp.start, sp.end, sp.text or "", k.kind, k.probability, k.p_statement))
    record.rejected_quotations = rejected
