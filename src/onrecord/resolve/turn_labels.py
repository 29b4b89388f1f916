"""Transcript labels: who speaks the turns of one label ("TODD:", "SALINAS (through translator):").

A transcript names each speaker by one label, and every turn of that label is the same person.
Decided here, for :mod:`.assign`:

- :func:`surname_of` — a label of one name, after any title ("TODD", "MR. SULLIVAN", "GOVERNOR
  KASICH"), names a surname; a note after it ("(through translator)") is no part of it, and a
  generic label ("QUESTION", "MODERATOR", "ANNOUNCER") names nobody's surname;
- a surname label is the person of the transcript whose full name ends with that surname
  ("I'm Chuck Todd", "Megyn Kelly"): never a person the transcript names by a first name alone
  ("Chuck"), never a person of another surname (a name a letter or two away — KELLY is not
  Kerry); of two people of the surname (Jeb and George W. Bush), the one whose first name the
  transcript uses most — and when two are used as often, neither: the label alone;
- a label used once or twice, one edit away (a letter changed, added, dropped, or two letters
  swapped) from a label of the same transcript used at least three times as often, where the
  transcript names nobody of the slip's own surname, is that other label: the transcript's
  typing slip (WALLLACE for WALLACE, KAISCH for KASICH, TRUMO for TRUMP) — BUSH beside BASH is
  a speaker of its own;
- a label of two to four capitals that is no surname of the page ("MZ", "M.K.") is the one person
  the page names in full with those initials (of every name word, or of the first and last);
- a surname the transcript introduces nobody with is a new person named by the label as written.

Labels of more than one name ("MARÍA ELENA SALINAS", "Vladimir Putin") and generic labels are
mentions like any other (:meth:`.speakers.Resolver.resolve_mention`), in text order; a surname
label is decided at its first turn, so that "SALINAS" after the opening is the "MARÍA ELENA
SALINAS" of the opening.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Optional

from onrecord.model import Attribution
from onrecord.resolve.entities import FIRST_PERSON, HONORIFICS, Entity
from onrecord.resolve.gazetteer import country_of
from onrecord.resolve.names import ADDRESS_TITLES
from onrecord.resolve.speakers import Resolver
from onrecord.resolve.types import NONSPEAKER_WORDS, ROLE_WORDS, first_names

# labels of a transcript that name a part, not a person
GENERIC_LABELS = frozenset({
    "q", "a", "question", "questions", "answer", "answers", "announcer", "audience", "unidentified",
    "unknown", "crowd", "candidates", "narrator", "interpreter", "translator", "operator",
    "crosstalk", "male", "female", "voice", "voices", "panelist", "panelists", "all", "both",
    "moderators", "audio", "video", "caller", "interviewer", "interviewee", "off-camera"})
SLIP_MIN = 4   # shorter labels are too close to each other to call one a slip for another
SLIP_USES = 2  # a slip is a turn or two; a label used more is a speaker of its own (BUSH by BASH)
NAME_CONF, LABEL_CONF = 0.9, 0.85
INITIALS_MAX = 4   # a label of up to this many capitals may be a person's initials ("MZ:")


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").strip(".,'")


def label_words(label: str) -> list[str]:
    """The words of a label's name, without notes in brackets and without titles before it."""
    words = [w for w in re.sub(r"\([^()]*\)", " ", label).split() if _norm(w)]
    while len(words) > 1 and (_norm(words[0]) in HONORIFICS or _norm(words[0]) in ADDRESS_TITLES
                              or _norm(words[0]) in ROLE_WORDS):
        words = words[1:]
    return words


def surname_of(label: str) -> Optional[str]:
    """The surname a transcript label names ("TODD" -> "todd", "MR. SULLIVAN" -> "sullivan"),
    or None: a label of a full name, a generic label ("QUESTION"), no name at all."""
    words = label_words(label)
    if len(words) != 1:
        return None
    word = words[0]
    low = _norm(word)
    if len(low) < 2 or not word[:1].isupper() or not low[0].isalpha() \
            or low in GENERIC_LABELS or low in ROLE_WORDS or low in NONSPEAKER_WORDS or low in HONORIFICS \
            or low in FIRST_PERSON \
            or country_of(word.title()) is not None:   # ("CUBA:" names a country, not a surname)
        return None
    return low


def _initials(name: str) -> set[str]:
    """The initials a person's full name may be shortened to: of every word, and of the first
    and last ("Vladimir Vladimirovich Putin": VVP, VP); titles left out."""
    words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isalpha() and w[:1].isupper()
             and _norm(w) not in HONORIFICS and _norm(w) not in ADDRESS_TITLES]
    if len(words) < 2:
        return set()
    return {"".join(w[0] for w in words).upper(), (words[0][0] + words[-1][0]).upper()}


def one_edit(a: str, b: str) -> bool:
    """Are a and b one edit apart: a letter changed, added or dropped, or two neighbours swapped?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


_SELF_INTRO = re.compile(r"(?:\bI['’]m|\bI am|\bmy name is|\bthis is)[ \t]+$", re.I)


def _introduced(ent: Entity, text: str, own: list[tuple[int, int]]) -> bool:
    """Does the transcript name the person in full — first name and surname on one line ("Chuck
    Todd", "MARÍA ELENA SALINAS"), the first name a name (not a stage direction the model took
    for one: "(APPLAUSE) SALINAS")?  Inside the label's own turns only as a self-introduction
    ("I'm Chuck Todd"): a speaker naming a person of their own surname names somebody else
    ("So Katie O'Malley will do whatever …")."""
    first = ent.first or ""
    if not first or not first[:1].isalpha():
        return False
    if first.isupper():
        plain = "".join(c for c in unicodedata.normalize("NFKD", first) if not unicodedata.combining(c))
        if plain.title() not in first_names():
            return False   # (a word in capitals before a label: a stage direction)
    elif not first[:1].isupper():
        return False
    for s, e in ent.mentions:
        surface = text[s:e]
        if first not in surface or "\n" in surface.strip():
            continue
        if not any(a <= s < b for a, b in own) or _SELF_INTRO.search(text[max(0, s - 20):s]):
            return True
    return False


def _first_name_uses(ent: Entity, text: str) -> int:
    """How often the transcript uses the person's first name (alone or in full: "Jeb, …",
    "Jeb Bush"), as written."""
    first = ent.first or ""
    return len(re.findall(rf"(?<!\w){re.escape(first)}(?!\w)", text)) if first else 0


def _the_one(cands: list[Entity], text: str) -> Optional[Entity]:
    """Of the people of one surname, the one whose first name the transcript uses most (a
    candidate is addressed by it: "Jeb", not "George W."); None when two are used as often."""
    uses = sorted(((_first_name_uses(e, text), k) for k, e in enumerate(cands)), reverse=True)
    if len(uses) > 1 and uses[0][0] == uses[1][0]:
        return None
    return cands[uses[0][1]]


class TurnLabels:
    """The speakers of a transcript's surname labels, each decided when its first turn is
    resolved (in text order, after the statements before it: a full-name label such as
    "MARÍA ELENA SALINAS" of the opening is then a person of the inventory) and kept for all."""

    def __init__(self, res: Resolver, turns: list[Attribution]):
        self.res = res
        self.text = res.record.analysis_text or res.record.text
        self.surname: dict[str, str] = {}
        self.written: dict[str, Counter] = {}
        self.own: dict[str, list[tuple[int, int]]] = {}
        for a in turns:
            if a.source is None:
                continue
            label = self.text[a.source.start:a.source.end]
            sn = surname_of(label)
            if sn is not None:
                self.surname[a.id] = sn
                self.written.setdefault(sn, Counter())[label_words(label)[0]] += 1
                self.own.setdefault(sn, []).extend((c.start, c.end) for c in a.content)
        self.uses = Counter(self.surname.values())
        self.decided: dict[str, tuple[Entity, float, str]] = {}

    def _named(self, sn: str, spoken_by: list[str]) -> list[Entity]:
        own = [span for k in spoken_by for span in self.own.get(k, [])]
        return [e for e in self.res.entities if e.type == "person" and _norm(e.surname or "") == sn
                and _introduced(e, self.text, own)]

    def _canon(self, sn: str) -> str:
        """The label a slip stands for (itself when it is none)."""
        slips_for = [o for o in self.uses if self.uses[sn] <= SLIP_USES and self.uses[o] >= 3 * self.uses[sn]
                     and len(sn) >= SLIP_MIN and one_edit(o, sn)]
        return max(slips_for, key=lambda o: self.uses[o]) if slips_for and not self._named(sn, [sn]) else sn

    def _decide(self, sn: str) -> tuple[Entity, float, str]:
        by = [k for k in self.uses if k == sn or self._canon(k) == sn]
        best = _the_one(cands, self.text) if (cands := self._named(sn, by)) else None
        if best is not None:
            return best, NAME_CONF, "name"
        same = [e for e in self.res.entities if e.type == "person" and _norm(e.surname or "") == sn and not e.first]
        if same:
            return same[0], LABEL_CONF, "name"
        by_initials = self._by_initials(sn)
        if by_initials is not None:
            return by_initials, LABEL_CONF, "initials"
        ent = self.res._new(f"person:{sn}::label", self.written[sn].most_common(1)[0][0], "person")
        ent.surname = sn
        return ent, LABEL_CONF, "new name"

    def _by_initials(self, sn: str) -> Optional[Entity]:
        """The one person the page names in full whose initials the label is ("MZ" for Maria
        Zakharova, "VVP" or "VP" for Vladimir Vladimirovich Putin): a label of two to four
        capitals as written; None when no person or more than one has those initials."""
        written = self.written[sn].most_common(1)[0][0]
        letters = re.sub(r"[.\u00a0 ]", "", written)
        if not (2 <= len(letters) <= INITIALS_MAX and letters.isalpha() and letters.isupper()):
            return None
        hits = [e for e in self.res.entities if e.type == "person" and e.first and letters in _initials(e.name)]
        return hits[0] if len(hits) == 1 else None

    def speaker(self, a: Attribution) -> Optional[tuple[Entity, float, str]]:
        """(entity, confidence, basis) of a turn whose label is a surname; None for another
        label (a full name, "QUESTION"), which is resolved as any mention."""
        sn = self.surname.get(a.id)
        if sn is None or a.source is None:
            return None
        key = self._canon(sn)
        if key not in self.decided:
            self.decided[key] = self._decide(key)
        ent, conf, basis = self.decided[key]
        ent.add(a.source.start, a.source.end, self.text[a.source.start:a.source.end], True)
        return ent, conf, basis
