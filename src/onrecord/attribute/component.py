"""The ``onrecord_attribution`` spaCy component.

Sets ``doc._.attributions`` to a list of :class:`onrecord.attribute.Candidate`
(character offsets into ``doc.text``).  Needs a dependency parser earlier in
the pipeline (sentences and heads come from it); works in any English spaCy
pipeline that has tagger + parser (+ lemmatizer for best results).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .classifier import load_lexicon, load_model
from .decide import extract

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


class AttributionComponent:
    def __init__(self, nlp: Language, name: str, threshold: float | None = None):
        self.name = name
        self.threshold = threshold
        load_lexicon()
        load_model()  # (a model that does not match the code fails here, once)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0 or not doc.has_annotation("DEP"):
            doc._.attributions = []
            return doc
        doc._.attributions = extract(doc, self.threshold)
        return doc


@Language.factory("onrecord_attribution", default_config={"threshold": None})
def make_attribution_component(nlp: Language, name: str, threshold: float | None = None) -> AttributionComponent:
    return AttributionComponent(nlp, name, threshold)
