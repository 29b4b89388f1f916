"""Candidates of the spaCy component → :class:`~onrecord.model.Attribution` in record offsets;
its quotations that are not statements → :class:`~onrecord.model.RejectedQuotation`."""
from __future__ import annotations

from spacy.tokens import Doc

from onrecord.model import Attribution, Record, RejectedQuotation


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
        out.append(Attribution(id=f"a{len(out) + 1}", kind=cand.kind, content=content,
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
