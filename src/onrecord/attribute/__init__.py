"""attribute: find every attribution (direct, mixed and reported statements).

The work is done by the spaCy component ``onrecord_attribution``
(:mod:`onrecord.attribute.component`), which sets ``doc._.attributions`` to a
list of :class:`Candidate` with character offsets relative to ``doc.text``;
:func:`extract` does the same for one parsed Doc.

A parsed Doc passes through the modules in this order (each module's docstring says
what it decides):

1. :mod:`.spans` — token/character span helpers, sentences and paragraphs of the parse;
2. :mod:`.frames` — every candidate frame: cue, content, source (``propose``);
3. :mod:`.quotes` + :mod:`.quote_cues` — the quotations, and the cues each could hang on;
4. :mod:`.candidates` — frames outside quotations, content shaped, with the features of
   :mod:`.features` (cue-word classes from :mod:`.cue_words`);
5. :mod:`.classifier` — the trained model and lexicon that score them;
6. :mod:`.quote_kinds` (features in :mod:`.quote_features`) — what each quotation is:
   statement, title, name, term or slogan (a trained classifier);
   :mod:`.decide` — which frames and quotations become attributions (``extract``);
   :mod:`.nested` — the tagged quotations nested inside a quoted excerpt;
7. :mod:`.convert` — the candidates as the record's attributions.
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


def __getattr__(name: str):
    # (lazy: the engine imports spaCy; this package's CLI and evaluation need neither)
    if name == "extract":
        from .decide import extract
        return extract
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
