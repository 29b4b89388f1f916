"""Entities of one article and the name matching between their mentions.

An :class:`Entity` is one canonical speaker candidate of an article: its key and name, its
type (person, organization, media, government, place …), role, aliases and every mention
(record offsets; subject mentions apart, for pronoun antecedents).  A person's id joins the
first-name spelling variants (``name_key``: Sergey/Sergei, Yuriy/Yuri, María/Maria); ``within_edits``
tells a misspelling of a name from another name.  The word lists say which pronouns and
honorifics are which, and which organisation names are media or governments.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Optional

from onrecord.text import clean_name, slug

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"they", "them", "it", "its", "their"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}
# mentions that name nobody: second person, demonstratives, indefinites, quantifiers
NON_NAMES = {"you", "your", "yours", "this", "these", "those", "anyone", "anybody", "someone",
             "somebody", "everyone", "everybody", "nobody", "no one", "none", "one", "all", "some",
             "many", "most", "few", "several", "each", "both", "either", "neither", "others",
             "another", "what", "whoever", "something", "nothing", "anything", "everything",
             "a", "answer"}  # (the answerer's label of a Q&A transcript: named, if at all, in its intro)
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "president", "prime", "minister",
              "senator", "sen", "rep", "gov", "governor", "secretary", "general", "chancellor",
              "king", "queen", "prince", "pope", "judge", "mayor", "spokesman", "spokeswoman"}
MEDIA_WORDS = re.compile(
    r"\b(news|agency|press|times|post|journal|herald|tribune|gazette|daily|magazine|tv|"
    r"television|radio|channel|network|broadcast|reuters|tass|ria|interfax|sputnik|xinhua|"
    r"cnn|bbc|nbc|cbs|abc|fox|msnbc|npr|pbs|rt|ap|afp|bloomberg|politico|breitbart|axios|"
    r"guardian|telegraph|economist|wire|newspaper|outlet|tabloid)\b", re.I)
GOV_WORDS = re.compile(
    r"\b(ministry|embassy|consulate|department|government|administration|white house|kremlin|"
    r"state department|pentagon|parliament|congress|senate|cabinet|presidency|office of|"
    r"army|military|forces|police|regime)\b", re.I)
ALIAS_DEF = re.compile(r"\(\s*([A-Z][A-Za-z]{0,5})(?:\s+(?:below|hereafter|henceforth|for short))?\s*\)")
DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
CAMPAIGN_WORDS = {"campaign", "team", "camp"}
POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def name_key(word: str) -> str:
    """Spelling-variant key of a first name (Sergey/Sergei, Yuriy/Yuri, MARÍA/Maria)."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower().strip(".")) if not unicodedata.combining(c))
    w = re.sub(r"(?:iy|ii)$", "i", w)
    w = re.sub(r"ey$", "ei", w)
    return w.replace("ph", "f").replace("kh", "h")


def within_edits(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b ≤ limit (small strings only)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= limit


@dataclass
class Entity:
    key: str
    name: str
    type: str
    role: Optional[str] = None
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)   # record offsets
    subject_mentions: list[int] = field(default_factory=list)
    first: Optional[str] = None
    surname: Optional[str] = None
    speaker: bool = False
    female: Optional[bool] = None

    def __setattr__(self, key: str, value: Any) -> None:
        if key == "name" and isinstance(value, str):
            value = " ".join(value.split())   # a name wrapped over lines is one name
        object.__setattr__(self, key, value)

    @property
    def sid(self) -> str:
        if self.type == "person" and self.surname:
            first = name_key(self.first) if self.first else ""
            return slug(f"{first} {self.surname}")
        return slug(self.name)

    def add(self, start: int, end: int, surface: str, subject: bool = False) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))
        if subject:
            self.subject_mentions.append(start)
        s = clean_name(surface)
        if s and s != self.name:
            self.aliases.add(s)

    def last_before(self, pos: int, subjects_only: bool = False) -> int:
        pts = self.subject_mentions if subjects_only else [m[0] for m in self.mentions]
        before = [p for p in pts if p < pos]
        return max(before) if before else -1
