"""Persuasion markers in the author's own sentences (SemEval-2020 Task 11 spirit).

Each marker is explainable: the span that triggered it, its ``kind`` and the
``rule`` (lexicon entry or pattern) that matched.  Kinds:

- ``loaded_language``: words with strong emotional connotation ("blatant", "thugs")
- ``name_calling``: labels for a person, group or state ("Trump regime", "police state
  America", "imperial outlaw", "rogue state")
- ``exaggeration``: overstatement or absolutes ("all-out", "unmatched by anyone",
  "endless wars", "nothing")
- ``doubt``: questioning credibility ("so-called", "pretends", "claims … are false")
- ``appeal_to_fear``: alarm about harm to come ("the brink", "war zone", "terror weapon")
- ``flag_waving``: appeals to national or group pride ("our great nation", "patriots")

Only whole words match; patterns are anchored word sequences without nested
quantifiers, so matching stays linear in the sentence length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_CAP = (r"(?:(?!(?:The|A|An|This|That|Its|Their|His|Her|Our|If|By|As|In|On)\b)"
        r"[A-Z][\w’'.-]*(?:/[A-Z][\w’'.-]*)?)")

# (kind, rule name, pattern).  Patterns are case-insensitive unless they carry (?-i:…).
RULES: list[tuple[str, str, str]] = [
    # --- name calling / labelling
    ("name_calling", "X regime", r"(?-i:(?<![\w’'./-])" + _CAP + r"(?:\s" + _CAP + r")?)\s+regime\b(?![- ]change)"),
    ("name_calling", "regime (label for a government)", r"\b(?:the|a|this|that|its)\s+regime\b(?![- ]change)"),
    ("name_calling", "police state", r"\bpolice[- ]state(?:\s(?-i:[A-Z]\w+))?"),
    ("name_calling", "rogue state", r"\brogue\s+(?:state|nation|regime)s?\b"),
    ("name_calling", "imperial X", r"\bimperial\s+(?:outlaw|USA|America|Washington|power)\b"),
    ("loaded_language", "imperial aims", r"\bimperial\s+(?:aims?|project|wars?|ambitions?)\b"),
    ("name_calling", "outlaw", r"\b(?:imperial\s+)?outlaws?\b"),
    ("name_calling", "war party", r"\bwar\s+party\b"),
    ("name_calling", "thugs", r"\b(?:street\s+)?thugs\b"),
    ("name_calling", "dark forces", r"\bdark\s+forces\b"),
    ("name_calling", "hardliners", r"\bhard-?liners\b"),
    ("name_calling", "troublemakers", r"\btroublemakers\b"),
    ("name_calling", "warmongers", r"\bwar-?mongers?\b"),
    ("name_calling", "puppet", r"\bpuppets?\b"),
    ("name_calling", "extremists", r"\b(?:fascists?|commies|traitors?)\b"),
    ("loaded_language", "regime change", r"\bregime[- ]change\b"),
    # --- loaded language
    ("loaded_language", "blatant", r"\bblatant(?:ly)?\b"),
    ("loaded_language", "belligerent", r"\bbelligerent\b"),
    ("loaded_language", "war on humanity", r"\bwar\s+on\s+humanity\b"),
    ("loaded_language", "extrajudicial", r"\bextrajudicial(?:ly)?\b"),
    ("loaded_language", "unacceptably", r"\bunacceptabl[ey]\b"),
    ("loaded_language", "fleece", r"\bfleec(?:e|es|ed|ing)\b"),
    ("loaded_language", "terror weapons", r"\bterror\s+weapons?\b"),
    ("loaded_language", "hostile", r"\bhostile\b"),
    ("loaded_language", "complicit", r"\bcomplicit\b"),
    ("loaded_language", "topple", r"\btoppl(?:e|es|ed|ing)\b"),
    ("loaded_language", "plot", r"\bplots?\b"),
    ("loaded_language", "orchestrated", r"\borchestrat(?:e|ed|ing)\b"),
    ("loaded_language", "nonbelligerent, nonthreatening", r"\bnon-?(?:belligerent|threatening)\b"),
    ("loaded_language", "heavy lifting", r"\bheavy\s+lifting\b"),
    ("loaded_language", "candidly refreshing", r"\bcandidly\s+refreshing\b"),
    ("loaded_language", "world-class", r"\bworld-class\b"),
    ("loaded_language", "straight talk", r"\bstraight\s+talk\b"),
    ("loaded_language", "true nature", r"\btrue\s+nature\b"),
    ("loaded_language", "outrage", r"\boutrag(?:e|eous)\b"),
    ("loaded_language", "impunity", r"(?-i:\bimpunity\b)"),
    ("loaded_language", "harassment", r"\bharass(?:ment|ed|ing)?\b"),
    ("loaded_language", "burns flesh", r"\bflesh\s+to\s+the\s+bone\b"),
    ("loaded_language", "banned weapons", r"\bbanned\s+(?:\w+\s+)?(?:weapons|munitions)\b"),
    ("name_calling", "jihadists", r"\bjihadists?\b"),
    ("loaded_language", "rebuffed", r"\brebuff(?:ed|s)?\b"),
    ("loaded_language", "shameful/disgraceful", r"\b(?:shameful|disgraceful|despicable|vile|sinister|"
                                                r"nefarious|diabolical|barbaric|monstrous)\b"),
    ("loaded_language", "lawless", r"\blawless(?:ness)?\b"),
    # --- exaggeration / minimisation
    ("exaggeration", "all-out", r"\ball-out\b"),
    ("exaggeration", "unmatched by anyone", r"\bunmatched(?:\s+by\s+anyone)?\b"),
    ("exaggeration", "endless", r"\bendless\b"),
    ("exaggeration", "time and again", r"\btime\s+and\s+again\b"),
    ("exaggeration", "consistently", r"\bconsistently\b"),
    ("exaggeration", "only language", r"\bthe\s+only\s+language\b"),
    ("exaggeration", "accomplishes nothing", r"\baccomplish(?:es|ed)?\s+nothing\b"),
    ("exaggeration", "exclusively", r"\bexclusively\b"),
    ("exaggeration", "like always", r"\b(?:like|as)\s+always\b"),
    ("exaggeration", "completely/totally/utterly", r"\b(?:completely|totally|utterly|entirely)\b"),
    ("exaggeration", "long ago", r"\blong\s+ago\s+abandoned\b"),
    ("exaggeration", "virtually sure", r"\bvirtually\s+(?:sure|certain)\b"),
    ("exaggeration", "over a century", r"\bfor\s+over\s+a\s+century\b"),
    ("exaggeration", "throughout the period", r"\bthroughout\s+the\s+post-[\w\s]{1,12}period\b"),
    # --- doubt
    ("doubt", "so-called", r"\bso-called\b"),
    ("doubt", "pretends", r"\bpretend(?:s|ed|ing)?\b"),
    ("doubt", "claims are false", r"\bclaims?\b[^.]{0,60}\b(?:are|is)\s+false\b"),
    ("doubt", "False!", r"(?-i:\bFalse!)"),
    ("doubt", "no evidence", r"\bno\s+evidence\b"),
    ("doubt", "alleged", r"\b(?:alleged(?:ly)?|supposed(?:ly)?|purported(?:ly)?)\b"),
    ("doubt", "unexplained", r"\blargely\s+unexplained\b"),
    ("doubt", "stopped short", r"\bstopped\s+short\s+of\b"),
    ("doubt", "aren't ignorant", r"\baren[’']t\s+ignorant\b"),
    # --- appeal to fear
    ("appeal_to_fear", "brink", r"\b(?:the\s+)?brink\b"),
    ("appeal_to_fear", "war zone", r"\bwar\s+zone\b"),
    ("appeal_to_fear", "heightening tensions", r"\bheighten(?:ing|s|ed)?\s+tensions\b"),
    ("appeal_to_fear", "environmental destruction", r"\benvironmental\s+destruction\b"),
    ("appeal_to_fear", "catastrophe", r"\b(?:catastroph(?:e|ic)|apocalyp(?:se|tic)|annihilation)\b"),
    ("appeal_to_fear", "nuclear war", r"\bnuclear\s+(?:war|holocaust|annihilation)\b"),
    ("loaded_language", "hot wars", r"\bhot\s+wars?\b"),
    # --- flag waving
    ("flag_waving", "our great nation", r"\bour\s+(?:great\s+)?(?:nation|country|homeland|motherland|"
                                        r"fatherland)\b"),
    ("flag_waving", "patriots", r"\b(?:true\s+)?patriot(?:s|ic|ism)\b"),
    ("flag_waving", "un-American", r"\bun-American\b"),
    ("flag_waving", "national pride", r"\bnational\s+(?:pride|greatness|honou?r)\b"),
]

_COMPILED = [(kind, name, re.compile(pat, re.I)) for kind, name, pat in RULES]
# an outer rule that contains a narrower one of the same kind keeps only the outer
KINDS = ("loaded_language", "name_calling", "exaggeration", "doubt", "appeal_to_fear",
         "flag_waving")


@dataclass
class Marker:
    start: int
    end: int
    kind: str
    text: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "text": self.text,
                "rule": self.rule}


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Spans inside curly or straight double quotes (the author quoting someone)."""
    out: list[tuple[int, int]] = []
    opened = -1
    straight = False
    for i, ch in enumerate(text):
        if ch in "“«„" and opened < 0:
            opened, straight = i, False
        elif ch in "”»" and opened >= 0 and not straight:
            out.append((opened, i + 1))
            opened = -1
        elif ch == '"':
            if opened < 0:
                opened, straight = i, True
            elif straight:
                out.append((opened, i + 1))
                opened = -1
    return out


def find_markers(text: str, start: int, end: int) -> list[Marker]:
    """Markers in ``text[start:end]`` (one author-voice sentence), outside quotations."""
    sent = text[start:end]
    quoted = _quoted_ranges(sent)
    found: list[Marker] = []
    for kind, name, rx in _COMPILED:
        for m in rx.finditer(sent):
            s, e = m.start(), m.end()
            if any(qs <= s and e <= qe for qs, qe in quoted):
                continue   # words the author quotes are not the author's
            found.append(Marker(start + s, start + e, kind, m.group(0), name))
    # drop a marker inside a longer one of the same kind ("outlaw" in "imperial outlaw")
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Marker] = []
    for m in found:
        if any(k.kind == m.kind and k.start <= m.start and m.end <= k.end for k in kept):
            continue
        kept.append(m)
    return kept
