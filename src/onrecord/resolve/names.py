"""How a source mention becomes a speaker's name.

Decided here, for :mod:`onrecord.resolve.speakers`:

- :func:`first_name_at` — where a person's name starts in a mention that a title opens
  ("Director of National Intelligence Tulsi Gabbard" -> "Tulsi Gabbard");
- :func:`title_before_first_name` — how many words of a person's name are a title before
  the first name (a known first name, else a role word opening a long title);
- :func:`clause_like` / :func:`name_phrase` — a mention that holds more than a name (a comma,
  a relative clause, eight words) is named by its head phrase ("several legislators in North
  America, Europe" -> "several legislators"); ``CLAUSE_CUT`` ends an organisation's name
  before a comma, a parenthesis or a relative clause;
- ``ADDRESS_TITLES`` — "Mr.", "Ms.", "Dr.": a label such as "MR. SULLIVAN" is the person of
  that surname.
"""
from __future__ import annotations

import re
from typing import Optional

from onrecord.resolve.types import ROLE_WORDS, first_names
from onrecord.text import clean_name, own_text


def first_name_at(span) -> Optional[int]:
    """Index in span of a first name that opens its last two or three words, all proper
    nouns ("… Intelligence Tulsi Gabbard" -> the index of "Tulsi"), or None."""
    for k in (len(span) - 2, len(span) - 3):
        tail = span[k:] if k > 0 else None
        if tail is not None and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail) \
                and tail[0].text in first_names():
            return k
    return None


_TITLE_JOINERS = frozenset({"of", "for", "the", "and", "on", "to"})


def title_before_first_name(words: list[str]) -> int:
    """How many words of a person's name are a title before the first name: the words
    before the first known first name when none of them is one ("National Intelligence
    Tulsi Gabbard" -> 2), else 0."""
    names = first_names()

    def first(w: str) -> bool:   # (a particle is no first name: "Le" of "Jean-Yves Le Drian")
        return w.lower() not in _NAME_PARTICLES and w.split("-")[0] in names

    for k, w in enumerate(words[:-1]):
        if first(w):
            return k if all((x[:1].isupper() or x in _TITLE_JOINERS) and not first(x) for x in words[:k]) else 0
    # no known first name: a title opened by a role word keeps the last two words (three
    # with a particle: "… Ursula von der Leyen")
    if len(words) >= 4 and words[0].lower() in ROLE_WORDS \
            and all(x[:1].isupper() or x in _TITLE_JOINERS for x in words):
        keep = 2
        while keep < len(words) - 1 and words[-keep].lower() in _NAME_PARTICLES:
            keep += 1
        return len(words) - keep
    return 0


_NAME_PARTICLES = frozenset({"von", "van", "der", "de", "da", "di", "del", "la", "le", "al", "bin", "ibn", "ben"})


ADDRESS_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "madam", "mme", "m"})
CLAUSE_CUT = re.compile(r",|\s\((?![A-Z]{2,8}\))|\s(?:who|which|that|whose|whom)\s")


def clause_like(span) -> bool:
    """A mention that holds more than a name: a comma, a relative pronoun or eight words."""
    return len(span) >= 8 or any(t.text == "," or t.tag_ in ("WDT", "WP", "WP$") for t in span)


_NAME_LEFT = ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "predet")


def name_phrase(span) -> Optional[str]:
    """The head phrase of a source mention, without what follows its head (a prepositional
    phrase, a relative clause, an apposition): a proper name's run of proper nouns ("civil
    and human rights association European Digital Rights (EDRi)" -> "European Digital
    Rights"), else the head noun with its determiners and modifiers ("several legislators in
    North America, Europe" -> "several legislators")."""
    root = span.root
    if root.pos_ == "PROPN":
        k = root.i
        while k - 1 >= span.start and span.doc[k - 1].pos_ == "PROPN":
            k -= 1
        phrase = span.doc[k:root.i + 1]
    else:
        lefts = [c for c in root.lefts if c.dep_ in _NAME_LEFT and c.i >= span.start]
        k = min([root.i] + [c.left_edge.i for c in lefts])
        phrase = span.doc[max(k, span.start):root.i + 1]
    name = clean_name(own_text(phrase))
    return name or None


def capitals_name(words: list[str]) -> bool:
    """A name in capitals, as a transcript's label writes it ("MARTIN O'MALLEY", "SECRETARY
    RAIMONDO"): two to four words of capitals, the last no role word ("SENIOR ADMINISTRATION
    OFFICIAL" is a role)."""
    letters = ["".join(ch for ch in w if ch.isalpha()) for w in words]
    return all(len(x) >= 2 and x.isupper() for x in letters) \
        and letters[-1].lower() not in ROLE_WORDS and letters[-1].lower() not in _ROLE_LABELS


_ROLE_LABELS = frozenset({"moderator", "audience", "participant", "question", "questioner", "interviewer",
                          "announcer", "narrator", "crowd", "unidentified", "male", "female", "voice",
                          "operator", "panelist", "panel", "chairman", "chair", "clerk", "reporter"})
