"""Who a turn of narrative dialogue names as its speaker, beside its tag (for :mod:`.dialogue`).

- an **action sentence** opening the paragraph before its words ("Lord St. Simon glanced over
  it. “Yes, …”"): a turn of that sentence's subject (:func:`beat`, :func:`beat_subject`);
- a **generic description** ("replied the young man", "said the girl"): only a sex
  (:func:`generic`);
- a "he"/"she" tag in a paragraph whose named speaker is of that sex is that speaker
  (:func:`his`); a "he"/"she" resolved to a thing ("tarry gaskin", :func:`thing`) or to a person
  the turn's own words name (:func:`named_inside`) cannot be right;
- the sex of a speaker the parser typed otherwise ("Agnes" as an organisation) is what the
  first name tells (:func:`sex`).
"""
from __future__ import annotations

import re
from typing import Any, Optional, Sequence

from onrecord.model import Attribution
from onrecord.resolve.coref_mentions import gender, name_gender
from onrecord.resolve.entities import Entity

_OPEN = "“\"‘«"
_THIRD = {"he", "she"}


BEAT = 200   # characters of narration at most before a turn's words: one short action sentence


def beat(text: str, start: int, end: int) -> bool:
    """Does the paragraph open with a short action sentence before its first quotation ("Lord St.
    Simon glanced over it. “Yes, it is correct …”")?  Such a paragraph is a turn of its own."""
    q = next((i for i in range(start, min(end, start + BEAT + 1)) if text[i] in _OPEN), None)
    return q is not None and q > start and re.search(r"[.!?]\s*$", text[start:q]) is not None


def beat_subject(text: str, start: int, people: Sequence[Entity]) -> Optional[Entity]:
    """The person named at the very start of an action paragraph: its subject, the speaker of the
    words after it ("Lord St. Simon shrugged his shoulders … “We have …”", "The Count shrugged
    …"; not a description: "The nobleman swung …")."""
    hits = [e for e in people if e.type in ("person", "role", "unknown")
            and any(start <= s <= start + 4 and capitalised(text[s:end]) for s, end in e.mentions)]
    if not hits:   # (a mention the parser did not link: "Lord St. Simon" of "Robert St. Simon")
        head = text[start:start + 60]
        hits = [e for e in people if e.type == "person" and any(
            re.match(r"(?:[A-Z][a-z]+\.?\s+)?" + re.escape(n) + r"\s+[a-z]", head) for n in _forms(e))]
    return hits[0] if len(hits) == 1 else None


def _forms(ent: Entity) -> set[str]:
    """The names a person goes by, and the full name without its first word ("St. Simon")."""
    names = {n for n in (ent.name, *ent.aliases) if n[:1].isupper()}
    return names | {n.split(None, 1)[1] for n in names if len(n.split()) > 1 and n.split(None, 1)[1][:1].isupper()}


def capitalised(words: str) -> bool:
    """Is the phrase a name, its determiner aside ("The Count", not "The nobleman")?"""
    return re.sub(r"^(?:the|a|an|our|my)\s+", "", words.strip(), flags=re.I)[:1].isupper()


# nouns of a person known by sex and age only (True: a woman)
GENERIC = {"man": False, "gentleman": False, "boy": False, "lad": False, "fellow": False, "youth": False,
           "woman": True, "lady": True, "girl": True, "maid": True, "lass": True}


def generic(text: str, t: Any) -> Optional[bool]:
    """The sex of a turn tagged by a generic description ("the young man": False), else None."""
    if not t.tagged or t.tagged[0].source is None:
        return None
    src = t.tagged[0].source
    m = re.fullmatch(r"(?:the|a|an)\s+(?:[a-z]+\s+)?([a-z]+)", " ".join(text[src.start:src.end].split()))
    return GENERIC.get(m.group(1)) if m else None


def other_named(j: int, info: Sequence[Any], anchors: Sequence[int],
                 spoken_to: Sequence[Optional[Entity]]) -> Optional[Entity]:
    """The other party of anchor ``j``: whom it addresses, else the nearest anchor of another
    speaker."""
    if spoken_to[j] is not None:
        return spoken_to[j]
    me = info[j].named
    near = sorted((k for k in anchors if info[k].named is not me), key=lambda k: abs(k - j))
    return info[near[0]].named if near else None


def his(text: str, a: Attribution, ent: Entity) -> bool:
    """Is ``a`` tagged "he"/"she" in a paragraph whose named speaker is ``ent``, of that sex ("The
    Count shrugged his broad shoulders. “Then I must begin,” said he")?  One paragraph, one speaker."""
    assert a.source is not None
    pron = text[a.source.start:a.source.end].strip(" .,;:!?").lower()
    return pron in _THIRD and sex(ent) in (None, pron == "she")


def sex(ent: Entity) -> Optional[bool]:
    """The person's sex (:func:`gender`); for a speaker the parser typed otherwise ("Agnes" as an
    organisation), what the first name tells."""
    if ent.type == "person":
        return gender(ent)
    words = ent.name.split()
    return name_gender(None, words[0]) if ent.speaker and len(words) <= 2 and words[0][:1].isupper() else None


def named_inside(t: Any, ent: Entity) -> bool:
    """Do the turn's own quoted words name the entity (a speaker does not name himself)?"""
    return any(c.start <= s and e <= c.end for a in t.group for c in a.content for s, e in ent.mentions)


def thing(ent: Entity) -> bool:
    """Is the entity a lower-case noun phrase that is neither a name nor a description of a
    person ("tarry gaskin"): no referent for "he" or "she"?"""
    return not ent.name[:1].isupper() and not described(ent) and not ent.role


def described(ent: Entity) -> bool:
    """Is the entity known only by a description ("our strange visitor", "the gentleman")?"""
    return bool(re.match(r"(?:the|a|an|our|my|your|his|her|their|one|some)\s", ent.name))
