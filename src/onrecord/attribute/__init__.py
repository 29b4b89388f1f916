"""attribute: find every attribution (direct, mixed and reported statements).

The work is done by the spaCy component ``onrecord_attribution``
(:mod:`onrecord.attribute.component`), which sets ``doc._.attributions`` to a
list of :class:`Candidate` with character offsets relative to ``doc.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

Offsets = tuple[int, int]


@dataclass
class Candidate:
    kind: str                          # "direct" | "mixed" | "indirect"
    content: list[Offsets]             # one or more (start, end) char ranges in doc.text
    cue: Optional[Offsets] = None
    source: Optional[Offsets] = None
    confidence: float = 0.5
    # how the source was found: "cue" (syntactic), "colon" ("Lavrov: “…”"),
    # "according_to", "floating" (no cue: the resolver takes the previous speaker) ...
    how: str = "cue"
    extra: dict = field(default_factory=dict)
