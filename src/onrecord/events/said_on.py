"""When a statement was made: the date its text gives, resolved against the publication date.

Decides each statement's ``said_on`` (a date and its basis), in order:

1. **its frame**: a time expression of the cue's sentence, outside the statement's content,
   that governs the cue ("*On Saturday*, Armenia accused …", "said *on Tuesday*", "told a
   reporter *Monday evening*", "*in a 2019 interview*"), else one in the phrase the cue
   introduces ("according to a survey *released on Thursday*"), else one standing before the
   content in that sentence — resolved by :mod:`.timex` (absolute, relative to the publication date,
   anaphoric "the same day" to the previous date of the text, or vague);
2. **its paragraph**: the date of the statement before it in the same paragraph by the same
   speaker ("On Saturday, X said … . X added …"), else the day an earlier sentence of the
   paragraph opens with when its subject is the speaker ("On Sunday, Mr. Trump was
   magnanimous in a round of interviews. … Mr. Trump even offered …"), basis ``paragraph:…``;
3. **the publication date**, marked as the fallback (``published:…``), or no date when the
   page has none.

A date inside the content ("will be effective July 1") dates what is said, not the saying,
and is never used.  A vague expression ("this fall", "last month") gives no date; its basis
says so.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from onrecord.attribute.spans import sent_of
from onrecord.events import timex
from onrecord.model import SaidOn


def _governs(ent, cue) -> bool:
    """Does the time expression hang off the cue (or the clause the cue hangs off)?"""
    anc = {cue.i}
    t = cue
    while t.head.i != t.i and t.dep_ not in ("relcl", "acl", "appos", "parataxis", "ccomp"):
        t = t.head
        anc.add(t.i)
    h = ent.root.head
    return ent.root.i in anc or h.i in anc or h.head.i in anc


def _below(tok, cue, steps: int = 5) -> bool:
    """Does the token hang (within a few steps) below the cue: in its source or frame phrase?"""
    t = tok
    for _ in range(steps):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.i == cue.i:
            return True
    return False


def from_frame(cue, whens: dict[int, list[tuple[Any, timex.When]]],
               inside: Callable[[int], bool], content_start_tok: Optional[int]) -> Optional[timex.When]:
    """The time expression of the statement's own frame, resolved (see the module docstring)."""
    if cue is None:
        return None
    cands = [(e, w) for e, w in whens.get(sent_of(cue).start, [])
             if not any(inside(i) for i in range(e.start, e.end))]
    if not cands:
        return None
    own = [(e, w) for e, w in cands if _governs(e, cue)]
    if own:
        return own[0][1]
    # the date of the source the cue introduces: "according to a survey *released on Thursday*",
    # "in a statement issued Tuesday"
    under = [(e, w) for e, w in cands if _below(e.root, cue)]
    if under:
        return under[0][1]
    before = [(e, w) for e, w in cands if content_start_tok is not None and e.end <= content_start_tok
              and e.end <= cue.i + 1]
    return before[-1][1] if before else None


def openers(doc, whens: dict[int, list[tuple[Any, timex.When]]]) -> dict[int, tuple[Any, timex.When, str]]:
    """Sentence start → (time expression, its date, the subject's last word) for every
    sentence that *opens* with a day ("On Sunday, Mr. Trump was magnanimous in a round of
    interviews."): the day of what its subject goes on to say in the paragraph."""
    out = {}
    for start, items in whens.items():
        for e, w in items:
            if not w.date or e.start > start + 1 or (e.start == start + 1 and doc[start].lower_ != "on"):
                continue
            root = e.root
            while root.head.i != root.i:
                root = root.head
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ == "PROPN":
                out[start] = (e, w, subj.lower_)
            break
    return out


def from_opener(opener: Optional[tuple[Any, timex.When, str]], speaker_words: frozenset) -> Optional[timex.When]:
    """The opening day of an earlier sentence of the paragraph whose subject is the speaker."""
    if opener is None or opener[2] not in speaker_words:
        return None
    w = opener[1]
    return timex.When(w.date, f"paragraph: {w.basis}", w.text)


def decide(when: Optional[timex.When], inherited: Optional[SaidOn], published: Optional[str],
           opener: Optional[timex.When] = None) -> SaidOn:
    """The statement's date from its own expression, the paragraph's, or the page's."""
    if when is not None:
        if when.date:
            return SaidOn(when.date, when.basis)
        basis = when.basis + (f"; reported on or before {published}" if published else "")
        return SaidOn(None, basis)
    if inherited is not None and inherited.date and not inherited.basis.startswith("published"):
        basis = inherited.basis if inherited.basis.startswith("paragraph:") else f"paragraph: {inherited.basis}"
        return SaidOn(inherited.date, basis)
    if opener is not None and opener.date:
        return SaidOn(opener.date, opener.basis)
    if published:
        return SaidOn(published, f"published: no date in the text; the publication date {published}")
    return SaidOn(None, "none: no date in the text and the publication date is unknown")
