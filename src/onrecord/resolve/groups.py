"""Counted groups: a description that counts its members refers to that many people the article
has just named ("the two lawmakers", "Both candidates", "The two", "the couple", "the three
senators").

The members are the people last mentioned before the description, as many as it counts; the
speaker is their conjunction ("Bob Goodlatte and Trey Gowdy"), an entity of type ``group``.  A
description that counts nobody ("the candidates", "officials") or counts more people than the
article has named before it is left to the other resolvers.
"""
from __future__ import annotations

import re
from typing import Optional

from onrecord.resolve.coref_mentions import HEAD_CLASS
from onrecord.resolve.entities import Entity

COUNTS = {"two": 2, "both": 2, "pair": 2, "couple": 2, "duo": 2, "three": 3, "trio": 3, "four": 4}
# "the two", "Both candidates", "The two Democratic candidates", "the couple", "Neither side" is no
# statement of both
COUNTED = re.compile(r"^(?:the |these |those |all )?(?P<n>two|both|three|four|pair|couple|duo|trio)"
                     r"(?: of them| of the \w+)?(?P<rest>(?: [\w’'-]+){0,3})$", re.I)
PEOPLE_HEADS = {"side", "man", "men", "woman", "women", "people", "friend", "parent", "sibling",
                "brother", "sister", "leader", "member"}


def counted_members(res, s: int, e: int) -> Optional[Entity]:
    """The group entity a counting description at [s, e) refers to, or None."""
    text = " ".join((res.record.analysis_text or res.record.text)[s:e].split()).strip(" ,.")
    m = COUNTED.match(text)
    if m is None:
        return None
    n = COUNTS[m.group("n").lower()]
    rest = m.group("rest").split()
    if rest:
        head = rest[-1].lower().rstrip("s") if rest[-1].lower() not in ("themselves",) else ""
        if head and HEAD_CLASS.get(head) != "person" and head not in PEOPLE_HEADS \
                and HEAD_CLASS.get(rest[-1].lower()) != "person":
            return None   # "both campaigns", "the two reports": not people
    if m.group("n").lower() in ("pair", "couple", "duo", "trio") and rest:
        return None       # "a couple of weeks", "the pair of shoes"
    # the people last named as a subject first (the objects of a sentence are seldom the ones
    # it goes on about), the others 400 characters further back
    people = [(max(ent.last_before(s, subjects_only=True), ent.last_before(s) - 400), ent)
              for ent in res.entities
              if ent.type == "person" and ent.key != "author" and ent.last_before(s) >= 0]
    people.sort(key=lambda x: -x[0])
    if len(people) < n:
        return None
    members = sorted((ent for _, ent in people[:n]), key=lambda ent: min(ms for ms, _ in ent.mentions))
    names = [ent.name for ent in members]
    name = " and ".join(names) if n == 2 else ", ".join(names[:-1]) + " and " + names[-1]
    key = "group:" + "+".join(ent.key for ent in members)
    ent = res.by_key.get(key) or res._new(key, name, "group")
    ent.aliases.update(names)
    ent.add(s, e, text)
    return ent
