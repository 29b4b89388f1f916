"""Counted and named groups: a description that counts its members refers to that many people the article
has just named ("the two lawmakers", "Both candidates", "The two", "the couple", "the three
senators").

The members are the people last mentioned before the description, as many as it counts; the
speaker is their conjunction ("Bob Goodlatte and Trey Gowdy"), an entity of type ``group``.  A
description that counts nobody ("the candidates", "officials") or counts more people than the
article has named before it is left to the other resolvers, except a plural of lawmakers or
members ("the lawmakers wrote"): the people last named together in one phrase before it
("Senator Elizabeth Warren and Representative Patrick Ryan"), or one of them named with unnamed
colleagues ("Nehls … led the letter with several of his GOP colleagues": "Troy Nehls and
colleagues").
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


def group_of(res, s: int, e: int) -> Optional[tuple[Entity, str]]:
    """The group entity a description at [s, e) refers to and how it was found ("counted group",
    "named group"), or None."""
    ent = counted_members(res, s, e)
    if ent is not None:
        return ent, "counted group"
    ent = named_together(res, s, e)
    return (ent, "named group") if ent is not None else None


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


# "the lawmakers", "the senators", "these members": people named together before, not a party
PLURAL_PEOPLE = re.compile(r"^(?:the |these |those )(?:[\w-]+ ){0,2}(?:lawmakers|legislators|senators|"
                           r"representatives|congressmen|congresswomen|members|signatories|cosponsors|"
                           r"co-sponsors)$", re.I)
# what joins two named people in one phrase: "Warren (D-Mass.) and Representative Patrick Ryan"
_JOIN = re.compile(r"^(?:\s*\([^()\n]{1,30}\))?,?\s+and\s+(?:(?:U\.S\.\s+)?(?:Rep|Reps|Sen|Sens|Representative|"
                   r"Senator|Congressman|Congresswoman|Rep\.|Sen\.)\.?\s+)?$|^,\s+(?:(?:Rep|Sen)\.?\s+)?$")
# one named person and unnamed others: "Nehls and his colleagues", "led the letter with several of
# his GOP colleagues"
_AND_OTHERS = re.compile(r"(?<!\s)(?:,[^,\n]{1,30},)?\s+(?:and|led [\w\s]{1,30}? with)\s+(?:several of |other |\w+ )?"
                         r"(?:his|her|their) (?:[\w-]+ )?colleagues\b")
LOOKBACK = 3000   # characters: the named group is sought this far before the description


def named_together(res, s: int, e: int) -> Optional[Entity]:
    """The group a plural description of people ("the lawmakers") refers to: the people last
    named together in one phrase before it ("Senator Elizabeth Warren and Representative Patrick
    Ryan"), or one person named with unnamed colleagues ("Rep. Troy Nehls … led the letter with
    several of his GOP colleagues": that person and colleagues); None when the article names no
    such group."""
    text = res.record.analysis_text or res.record.text
    surface = " ".join(text[s:e].split()).strip(" ,.")
    if not PLURAL_PEOPLE.match(surface):
        return None
    for ent in res.entities:   # the same description already found its group ("the lawmakers" again)
        if ent.key.startswith("group:") and any(a < s and text[a:b].lower() == surface.lower()
                                                for a, b in ent.mentions):
            ent.add(s, e, text[s:e])
            return ent
    ms = sorted((a, b, ent) for ent in res.entities if ent.type == "person" and ent.key != "author"
                for a, b in ent.mentions if s - LOOKBACK <= a and b <= s)
    best: Optional[tuple[int, list[Entity]]] = None
    for k in range(len(ms)):
        run = [ms[k][2]]
        j = k
        while j + 1 < len(ms) and _JOIN.match(text[ms[j][1]:ms[j + 1][0]]) and ms[j + 1][2] not in run:
            j += 1
            run.append(ms[j][2])
        if len(run) >= 2 and (best is None or ms[k][0] >= best[0]):
            best = (ms[k][0], run)
        elif len(run) == 1 and _AND_OTHERS.match(text, ms[k][1]) and (best is None or ms[k][0] >= best[0]):
            best = (ms[k][0], run)
    if best is None:
        return None
    members = best[1]
    names = [ent.name for ent in members]
    if len(names) == 1:
        name = names[0] + " and colleagues"
    else:
        name = " and ".join(names) if len(names) == 2 else ", ".join(names[:-1]) + " and " + names[-1]
    key = "group:" + "+".join(ent.key for ent in members) + ("+others" if len(names) == 1 else "")
    ent = res.by_key.get(key) or res._new(key, name, "group")
    ent.aliases.update(names)
    ent.add(s, e, text[s:e])
    return ent
