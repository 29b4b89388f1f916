"""The frame classifier and the lexicon: loading, checking and scoring.

``data/model.json`` is a logistic regression over the sparse and dense features of
:mod:`.features` (trained by ``scripts/train_attribution.py`` on PolNeAR train; it declares
the feature version and dense slots it was trained with, and a model that does not match
the code is refused with :class:`ModelMismatch` rather than scoring garbage).
``data/lexicon.json`` holds per-(lemma, frame) precisions: the scores of quotation cues, and
of frames when a caller (training) asks for no model.  Both files ship with the package; a
missing one is an error (:class:`ModelMissing`), never a quiet fall-back.  ``FRAME_TH_SHIFT`` moves the
classifier's threshold
per frame type.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from onrecord.errors import OnrecordError

from .features import DENSE_SLOTS, FEATURE_VERSION

DATA = Path(__file__).parent / "data"


class ModelMismatch(OnrecordError):
    """The model file was trained with other features than this code computes."""


class ModelMissing(OnrecordError):
    """A data file the classifier needs is not installed."""


def _read(name: str) -> dict:
    path = DATA / name
    if not path.is_file():
        raise ModelMissing(f"{path} is missing: reinstall onrecord, or train it "
                           "(python scripts/train_attribution.py)")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_lexicon() -> dict:
    """The lexicon shipped in ``data/lexicon.json``."""
    return _read("lexicon.json")


def check_model(model: dict, where: str = "model") -> dict:
    """Raise :class:`ModelMismatch` unless ``model`` declares the feature version and dense
    slots of this code (:mod:`.features`); return it."""
    fv = model.get("feature_version")
    if fv != FEATURE_VERSION:
        raise ModelMismatch(f"{where}: trained with feature version {fv}, this code computes version "
                            f"{FEATURE_VERSION}; retrain it (python scripts/train_attribution.py)")
    dm = model.get("dense")
    if dm is not None:
        slots = tuple(dm.get("slots", ()))
        if slots != DENSE_SLOTS:
            raise ModelMismatch(f"{where}: trained with dense slots {list(slots)}, this code feeds "
                                f"{list(DENSE_SLOTS)}; retrain it (python scripts/train_attribution.py)")
        n = dm.get("dim", 0) * len(DENSE_SLOTS)
        if any(len(dm.get(k, ())) != n for k in ("mu", "sd", "w")):
            raise ModelMismatch(f"{where}: dense weights do not have {n} entries (dim x slots)")
    return model


@lru_cache(maxsize=1)
def load_model() -> dict:
    """The frame classifier shipped in ``data/model.json`` (checked by :func:`check_model`)."""
    return check_model(_read("model.json"), str(DATA / "model.json"))


def _dense_arrays(dm: dict) -> tuple:
    arr = dm.get("_arr")
    if arr is None:  # converted once per loaded model
        arr = dm["_arr"] = tuple(np.asarray(dm[k], dtype="float32") for k in ("mu", "sd", "w"))
    return arr


def model_prob(model: dict, feats: list[str], dense=None, dense_z: float | None = None) -> float:
    """Probability that a frame candidate is an attribution: logistic regression over the sparse
    features plus, when the model has them, standardised dense features (:func:`frame_dense`),
    or their term ``dense_z`` already computed (:class:`DenseTerms`)."""
    w = model["w"]
    z = model.get("bias", 0.0) + sum(map(w.get, feats, repeat(0.0)))   # (in order, as before)
    dm = model.get("dense")
    if dense_z is not None:
        z += dense_z
    elif dm is not None and dense is not None:
        mu, sd, wd = _dense_arrays(dm)
        z += float(((dense - mu) / sd) @ wd)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class DenseTerms:
    """The dense part of the classifier's score for every frame of one doc, from one product
    per slot over the whole ``doc.tensor``: the term of token i in slot k is
    ``((tensor[i] - mu_k) / sd_k) @ w_k`` — the same sum :func:`model_prob` takes over
    :func:`frame_dense`'s concatenation (a slot without a token contributes its zero vector's
    term), without building a vector per frame."""

    def __init__(self, model: dict, doc) -> None:
        dm = model["dense"]
        dim = dm["dim"]
        mu, sd, wd = _dense_arrays(dm)
        k = len(DENSE_SLOTS)
        self.zero = [float(((0.0 - mu[j * dim:(j + 1) * dim]) / sd[j * dim:(j + 1) * dim])
                           @ wd[j * dim:(j + 1) * dim]) for j in range(k)]
        ten = doc.tensor
        self.per_token: list | None = None
        if getattr(ten, "ndim", 0) == 2 and ten.shape[0] == len(doc) and ten.shape[1] == dim:
            t = np.asarray(ten, dtype="float32")
            self.per_token = [(((t - mu[j * dim:(j + 1) * dim]) / sd[j * dim:(j + 1) * dim])
                               @ wd[j * dim:(j + 1) * dim]).tolist() for j in range(k)]
        self.n = len(doc)

    def z(self, *tokens) -> float:
        """The dense term of a frame whose slot tokens (:data:`DENSE_SLOTS`) are ``tokens``
        (indices, or None for an empty slot)."""
        out = 0.0
        for j, i in enumerate(tokens):
            if self.per_token is not None and i is not None and 0 <= i < self.n:
                out += self.per_token[j][i]
            else:
                out += self.zero[j]
        return out


# per-frame shifts of the classifier's threshold (the model's 0.3, or the one a caller sets):
# chosen by 5-fold cross-validation on PolNeAR train (each frame type swept alone, then
# together: CV F30 0.7645 -> 0.7677, F80 0.6148 -> 0.6164); "that"-clauses and objects are
# kept down to a lower probability, adjective complements ("is critical of …") need more
FRAME_TH_SHIFT: dict[str, float] = {"ccomp": -0.1, "dobj": -0.05, "prep:about": -0.1, "prep:for": -0.05,
                                    "prep:of": -0.1, "subjpass": -0.05, "acomp": 0.05}

# shifts of the threshold by what the frame's source is ("PRON:3p": a third-person pronoun, "he",
# "it", "they", "his", "who"; otherwise the part of speech of the source's head).  A frame
# whose source is a third-person pronoun is kept down to 0.1 lower (chosen on the resolution
# train articles: 0.021 more of their mentions found as sources).  On PolNeAR dev, with the
# paragraph-bound sentences: resolution 0.609 -> 0.627, content F1@0.3 0.7981 -> 0.7959,
# source accuracy 0.9178 -> 0.9173; see docs/benchmarks.md.  Sweep it with
# scripts/train_attribution.py --cv 5 --source-sweep
SOURCE_TH_SHIFT: dict[str, float] = {"PRON:3p": -0.1}
THIRD_PERSON = frozenset("he she it they him her them his its their hers theirs who whom whose".split())


def source_kind(doc, f) -> str:
    """What a frame's source is: the part of speech of its head ("none" without one), and for
    a third-person pronoun "PRON:3p"."""
    st = f.extra.get("src_tok")
    if f.source is None or st is None:
        return "none"
    root = doc[st[0]:st[1]].root
    return "PRON:3p" if root.pos_ == "PRON" and root.lower_ in THIRD_PERSON else root.pos_
