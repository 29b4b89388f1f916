"""Negated and refused reports: the text says the source did not say it.

"The city has not said how much the review will cost", "Donald Trump isn't saying much about
…", "a spokesman declined to comment on …", "she refused to say whether …", "he never
claimed that …": the frame is kept (it names who was asked and about what) but flagged
``negated``, so that no view lists it as something the source said.  Decided on the cue
token of the parse: a negation among its own children or its auxiliaries' ("has not said",
"didn't say"; not one the quotation holds: '"Probably not," Ms. Moore said'), or a cue that
is the complement of a verb of refusing ("declined to say", "refused to comment", "would not
confirm", "refused to endorse"), or a subject that is nobody ("No evidence indicates …",
"None of the journalists said …").  Hedges ("may have said") are not negations.
"""
from __future__ import annotations

from spacy.tokens import Token

_NEG_WORDS = {"not", "n't", "never", "no", "nt"}
_REFUSE = {"decline", "refuse", "fail", "neglect", "avoid"}
_SPEECH = {"say", "comment", "confirm", "discuss", "answer", "elaborate", "disclose", "reveal",
           "specify", "identify", "respond", "speculate", "address", "explain", "name", "detail",
           # speech acts one refuses as pointedly: "refused to endorse Trump", "declined to condemn …"
           "endorse", "condemn", "apologize", "apologise", "acknowledge", "admit", "concede",
           "criticize", "criticise", "denounce", "retract"}
_QUOTE_MARKS = set('"“”„«»')


def _negated_here(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("aux", "auxpass", "advmod") and c.lower_ in _NEG_WORDS):
            if not _across_quote(c, tok):
                return True
    return False


def _across_quote(c: Token, tok: Token) -> bool:
    """Is a quotation mark between the negation and the verb?  Then the negation is the
    quotation's own ('"Are we where we need to be? Probably not," Ms. Moore said')."""
    lo, hi = sorted((c.i, tok.i))
    return any(t.text in _QUOTE_MARKS or (t.is_quote and t.text != "'") for t in tok.doc[lo + 1:hi])


_NOBODY = {"none", "nobody", "neither", "nothing"}


def _nobody(cue: Token) -> bool:
    """The cue's subject is nobody: "No evidence indicates that …", "None of the journalists
    said …", "No one has claimed …"."""
    for c in cue.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in _NOBODY or (c.lower_ == "one" and c.i > 0 and c.doc[c.i - 1].lower_ == "no"):
                return True
            if any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                return True
    return False


def negated_report(cue: Token) -> bool:
    """True when the report at ``cue`` is negated or refused (see the module docstring)."""
    if cue.pos_ not in ("VERB", "AUX"):
        return False
    if _negated_here(cue) or _nobody(cue):
        return True
    if cue.lemma_.lower() in _REFUSE and any(c.dep_ == "xcomp" and c.lemma_.lower() in _SPEECH for c in cue.children):
        return True   # "declined to comment on …", "refused to say whether …"
    h = cue.head
    if cue.dep_ == "xcomp" and h is not cue:
        if h.lemma_.lower() in _REFUSE and cue.lemma_.lower() in _SPEECH:
            return True
        # "would not be drawn to comment", "is not going to say"
        if h.lemma_.lower() in ("go", "want", "be", "agree") and _negated_here(h):
            return True
    return False
