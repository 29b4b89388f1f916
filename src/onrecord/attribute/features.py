"""Features of a frame candidate for the classifier.

``frame_features`` gives sparse binary features (cue lemma, frame, tag, dependency, cue-word
class, source type/entity/pronoun, negation, auxiliaries, head, content length and first
token, quotation share, what separates fronted content from its cue, position in the
sentence); ``frame_dense`` the pipeline's own tok2vec vectors of the cue and of the first
content token.  ``FEATURE_VERSION`` and ``DENSE_SLOTS`` are written into the model file by
``scripts/train_attribution.py`` and checked when it is loaded (:mod:`.classifier`): change
either when a feature changes, and retrain.
"""
from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

from onrecord.parse import per_doc

from .cue_words import cue_class
from .frames import Frame
from .spans import QUOTE_MARKS, lemma_of, sent_of

FEATURE_VERSION = 1  # bump when frame_features / frame_dense change what they emit

def _bucket(n: int, edges=(1, 2, 3, 5, 8, 13, 21, 34, 55)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "big"


_NEG = {"not", "n't", "never", "no"}


_CUE_KEY = ("onrecord", "cue_features")   # user_data: the cue token's own parts, by token index


def _cue_parts(doc: Doc, tok) -> tuple:
    """What the features read of the cue token alone (its lemma, tag, dependency, POS and word
    class; its negation and auxiliaries; its head; its place in the sentence), once per cue:
    a cue proposes several frames."""
    cache: dict = per_doc(doc, _CUE_KEY, lambda d: {})
    got = cache.get(tok.i)
    if got is None:
        lem, tag, dep, pos = lemma_of(tok), tok.tag_, tok.dep_, tok.pos_
        clause = []
        for c in tok.children:
            if c.dep_ == "neg" or c.lower_ in _NEG:
                clause.append("neg")
            elif c.dep_ == "aux":
                clause.append("aux=" + c.lower_)
            elif c.dep_ == "auxpass":
                clause.append("pass")
        # the head's lemma; a root is its own head, so a root cue names its own lemma here
        # ("hl=reaffirm" for the main verb).  Kept on purpose: dropping it measured neutral on
        # PolNeAR (CV F30 +0.0001) and cost a seed quotation its speaker.
        h = tok.head
        head = ["hl=" + lemma_of(h) if h.pos_ in ("VERB", "AUX", "NOUN", "ADJ") else "hp=" + h.pos_,
                f"dh={dep}|{h.pos_}"]
        sent = sent_of(tok)
        at = "pos=" + ("first" if tok.i - sent.start < 3 else "early" if tok.i - sent.start < 8 else "late")
        question = any(t.text == "?" for t in doc[sent.end - 1:sent.end])
        got = cache[tok.i] = (lem, tag, dep, pos, cue_class(lem, pos), clause, head, at, question)
    return got


def frame_features(doc: Doc, f: "Frame", n_frames: int = 1, quoted: float = 0.0) -> list[str]:
    """Sparse binary features of a frame candidate (cue token, frame, source, clause, content)."""
    tok = f.cue
    lem, tag, dep, pos, cw, clause, head, at, question = _cue_parts(doc, tok)
    fr = f.frame
    key = f.key
    subj = f.extra.get("subj", "none")
    feats = ["b", "k=" + key, "f=" + fr, "l=" + lem, f"ks={key}|{subj}", "s=" + subj,
             f"fs={fr}|{subj}", "t=" + tag, f"ft={fr}|{tag}", f"lt={lem}|{tag}",
             "d=" + dep, f"fd={fr}|{dep}", f"ld={lem}|{dep}"]
    # the class of the cue word (saying, judging, feeling, thinking, intending; see cue_words)
    feats += ["cw=" + cw, f"fcw={fr}|{cw}", f"tcw={pos}|{cw}"]
    first = f.extra.get("first")
    if fr == "acomp" and first is not None and doc[first].pos_ == "ADJ":
        # "is critical of …", "was confident that …": the adjective carries the attitude
        ac = cue_class(lemma_of(doc[first]), "ADJ")
        feats += ["acw=" + ac, "al=" + lemma_of(doc[first])]
    # the source
    st = "none"
    if f.source is not None and f.extra.get("src_tok") is not None:
        s0, s1 = f.extra["src_tok"]
        root = doc[s0:s1].root
        st = root.pos_
        if root.ent_type_:
            st += ":" + root.ent_type_
        if root.pos_ == "PRON":
            st += ":" + root.lower_
        feats.append("sl=" + _bucket(s1 - s0))
    feats += ["st=" + st, f"fst={fr}|{st}", f"lst={lem}|{st.split(':')[0]}"]
    # clause: negation, modals, head
    feats += clause
    feats += head
    # content
    n = sum(e - s for s, e in f.content)
    feats += ["cl=" + _bucket(n // 6), f"fcl={fr}|{_bucket(n // 6)}", "nsp=" + str(min(len(f.content), 3))]
    first = f.extra.get("first")
    if first is not None:
        ft = doc[first]
        feats += ["c0=" + (ft.lower_ if ft.is_stop or ft.is_punct else ft.pos_), f"fc0={fr}|{ft.pos_}"]
    feats.append("q=" + ("all" if quoted > 0.9 else "some" if quoted > 0.1 else "none"))
    feats.append(f"fq={fr}|{'q' if quoted > 0.1 else 'n'}")
    feats.append("nf=" + str(min(n_frames, 4)))
    if f.content[-1][1] <= f.cue_span[0]:
        # content before the cue: what separates it from the cue clause ("…,” he said" vs "… — what X rejected")
        k = min(tok.i, f.extra["src_tok"][0]) if f.extra.get("src_tok") else tok.i
        prev = doc[k - 1] if k > 0 else None
        pc = "none" if prev is None else "comma" if prev.text == "," else "quote" if prev.text in QUOTE_MARKS \
            else "dash" if prev.text in ("—", "–", "-", "--") else "punct" if prev.is_punct else "word"
        feats += ["pre=" + pc, f"fpre={fr}|{pc}"]
    feats.append(at)
    if question:
        feats.append("question")
    return feats


DENSE_SLOTS = ("cue", "first")  # tokens whose tok2vec vectors feed the classifier


def frame_dense(doc: Doc, f: "Frame", dim: int):
    """The pipeline's own context vectors (``doc.tensor``, the tok2vec output the tagger and
    parser share) of the cue token and of the first content token, concatenated.  They carry
    what the sparse lemma features cannot: that an unseen verb ("despise", "lambaste") is used
    like the attribution verbs of the training data.  Zeros when the doc has no tensor."""
    out = np.zeros(dim * len(DENSE_SLOTS), dtype="float32")
    ten = doc.tensor
    if getattr(ten, "ndim", 0) != 2 or ten.shape[0] != len(doc) or ten.shape[1] != dim:
        return out
    idx = (f.cue.i, f.extra.get("first"))
    for k, i in enumerate(idx):
        if i is not None and 0 <= i < len(doc):
            out[k * dim:(k + 1) * dim] = ten[i]
    return out
