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

Experimental: on held-out news the markers are right far less often than the 0.8 a
feature needs to be relied on (``docs/benchmarks.md``), so every marker says so in the
record (``"experimental": true``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from onrecord.attribute.quotes import find_quotes

_CAP = (r"(?:(?!(?:The|A|An|This|That|Its|Their|His|Her|Our|If|By|As|In|On)\b)"
        r"[A-Z][\w’'.-]*(?:/[A-Z][\w’'.-]*)?)")

# (kind, rule name, pattern).  Patterns are case-insensitive unless they carry (?-i:…).
# The lexicon, with where each rule comes from, is persuasion_rules.json beside this file.
RULES: list[tuple[str, str, str]] = [
    (r["kind"], r["rule"], r["pattern"].replace("{CAP}", _CAP))
    for r in json.loads((Path(__file__).with_name("persuasion_rules.json"))
                        .read_text(encoding="utf-8"))["rules"]]

# held-out precision is below 0.8 (docs/benchmarks.md): markers are marked experimental
EXPERIMENTAL = True

_COMPILED = [(kind, name, re.compile(pat, re.I)) for kind, name, pat in RULES]
# every rule in one alternation: a sentence it does not match has no marker at all (most
# author sentences), found with one search instead of one per rule.  Every rule starts a
# word (``\b`` or a capital not preceded by a word character), so the word boundary is
# tested once before the alternatives rather than by each of them at every position.
if not all(pat.startswith((r"\b", r"(?-i:(?<![\w")) for _, _, pat in RULES):
    raise ValueError("persuasion_rules.json: every pattern must start a word (\\b …)")
_ANY = re.compile(r"\b(?:" + "|".join(f"(?:{pat})" for _, _, pat in RULES) + ")", re.I)
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
                "rule": self.rule, "experimental": EXPERIMENTAL}


def find_markers(text: str, start: int, end: int,
                 quoted: Optional[list[tuple[int, int]]] = None) -> list[Marker]:
    """Markers in ``text[start:end]`` (one author-voice sentence), outside quotations:
    ``quoted`` are the quotations' ``(start, end)`` offsets in ``text`` (the attribution
    stage's, :func:`onrecord.resolve.voice.quote_ranges`); without them, the quotations
    :func:`onrecord.attribute.quotes.find_quotes` finds in the sentence."""
    sent = text[start:end]
    if not _ANY.search(sent):
        return []
    if quoted is None:
        quoted = [(q.start, q.end) for q in find_quotes(sent)]
    else:
        quoted = [(qs - start, qe - start) for qs, qe in quoted]
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
