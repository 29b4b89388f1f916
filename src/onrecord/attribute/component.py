"""The ``onrecord_attribution`` spaCy component.

Sets ``doc._.attributions`` to a list of :class:`onrecord.attribute.Candidate`
(character offsets into ``doc.text``) and ``doc._.rejected_quotations`` to the quotations
that are not statements: ``(start, end, QuoteKind)`` (:mod:`.quote_kinds`).  Needs a dependency parser earlier in
the pipeline (sentences and heads come from it); works in any English spaCy
pipeline that has tagger + parser (+ lemmatizer for best results).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .classifier import load_lexicon, load_model
from .decide import extract
from .quote_kinds import load_model as load_quote_model

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)
if not Doc.has_extension("rejected_quotations"):
    Doc.set_extension("rejected_quotations", default=None)


class AttributionComponent:
    def __init__(self, nlp: Language, name: str, threshold: float | None = None):
        self.name = name
        self.threshold = threshold
        load_lexicon()
        load_model()  # (a model that does not match the code fails here, once)
        load_quote_model()

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0 or not doc.has_annotation("DEP"):
            doc._.attributions = []
            doc._.rejected_quotations = []
            return doc
        rejected: list = []
        doc._.attributions = extract(doc, self.threshold, rejected=rejected)
        doc._.rejected_quotations = rejected
        return doc


@Language.factory("onrecord_attribution", default_config={"threshold": None})
def make_attribution_component(nlp: Language, name: str, threshold: float | None = None) -> AttributionComponent:
    return AttributionComponent(nlp, name, threshold)
