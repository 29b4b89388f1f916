"""The ``onrecord_attribution`` spaCy component (placeholder until the engine lands)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


class AttributionComponent:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.attributions = []
        return doc


@Language.factory("onrecord_attribution")
def make_attribution_component(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent(nlp, name)
