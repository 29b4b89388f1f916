"""Voice of every body sentence: quoted, reported, author (and chrome).

Sentences are the parser's, cut at paragraph breaks (the parser runs a
sentence across a blank line into the next quote) and re-joined where it cut
too eagerly ("Lavrov:" before its quote; a piece starting in lower case).
Then, per sentence:

- ``quoted``: most of its letters lie inside quotation marks and what is left is
  at most a short frame ("MZ:", "According to the embassy,");
- ``reported``: it holds the cue or source of someone else's statement, or most
  of it is the content of one, or a speech act (accuse, deny, demand, …) by an
  actor other than the author;
- ``author``: everything else — the writer's own claims and commentary.  A
  short quoted phrase inside the writer's sentence (scare quotes, a quoted
  fragment with no cue) keeps it ``author``.

Statements that are not someone else's speech do not make a sentence reported:
those with no speaker, those of the author, those whose "source" is evidence
("No evidence indicates …"), and cues that are not acts of speech ("reject",
"aim").  Author sentences get persuasion markers
(:mod:`onrecord.resolve.persuasion`).  What is quoted is what the attribution stage
found (:func:`quote_ranges`), so voice, persuasion markers and attributions agree on it.
Linear in the text: statements and quotations are looked up by sorted offsets.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from spacy.tokens import Doc

from onrecord.attribute.quote_cues import doc_quotes
from onrecord.model import Record, Sentence
from onrecord.resolve.persuasion import find_markers
from onrecord.text import next_break, same_paragraph, slug

_QUOTES = "\"“”„«»"
_PSEUDO_SOURCE = re.compile(r"\b(?:evidence|facts?|history|reality|data|record|experience|"
                            r"events|results?|figures|numbers|statistics)\b", re.I)
_NOT_SPEECH = {"reject", "agree", "aim", "show", "indicate", "prove", "want", "seek",
               "try", "plan", "intend", "fail", "refuse"}
_SPEECH_EVENTS = {"accuse", "deny", "demand", "call_for", "propose", "pledge", "warn", "threaten"}


@dataclass
class VoicedSentence(Sentence):
    """A sentence with its voice, why, and (author voice) persuasion markers."""
    why: Optional[str] = None
    markers: list = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        if self.why:
            d["why"] = self.why
        if self.voice == "author":
            d["markers"] = [m.to_dict() for m in self.markers]
        return d


def quote_ranges(doc: Doc, offset: int) -> list[tuple[int, int]]:
    """The quotations the attribution stage found in the parsed text
    (:func:`onrecord.attribute.quote_cues.doc_quotes`: quotation marks of every convention,
    multi-paragraph quotations, Markdown blockquotes), as sorted, disjoint ``(start, end)``
    record offsets, the marks included."""
    out: list[tuple[int, int]] = []
    for q in doc_quotes(doc):
        s, e = q.start + offset, q.end + offset
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _units(record: Record, doc: Doc, offset: int) -> list[tuple[int, int]]:
    """Sentence spans (record offsets): parser sentences cut at line breaks, re-joined."""
    text = record.text
    pieces: list[tuple[int, int]] = []
    for s in doc.sents:
        a, b = s.start_char + offset, s.end_char + offset
        pos = a
        while pos < b:
            nl = next_break(text, pos, b)
            e = b if nl < 0 else nl
            seg = text[pos:e]
            if seg.strip():
                lead = len(seg) - len(seg.lstrip())
                trail = len(seg) - len(seg.rstrip())
                pieces.append((pos + lead, e - trail))
            pos = e + 1
    units: list[tuple[int, int]] = []
    for s, e in pieces:
        if units:
            ps, pe = units[-1]
            same_par = same_paragraph(text, pe, s)
            prev = text[ps:pe]
            if same_par and (
                    (prev.endswith(":") and len(prev.split()) <= 4)      # "Lavrov:" + its quote
                    or text[s:s + 1].islower()                            # a cut mid-sentence
                    or not any(ch.isalpha() for ch in text[s:e])):      # a stray mark
                units[-1] = (ps, e)
                continue
        units.append((s, e))
    return units


def _letters(text: str, s: int, e: int) -> int:
    return sum(1 for ch in text[s:e] if ch.isalnum())


def _quoted_letters(text: str, s: int, e: int, ranges: list[tuple[int, int]], starts: list[int]) -> int:
    n = 0
    i = bisect.bisect_right(starts, s) - 1
    i = max(i, 0)
    while i < len(ranges) and ranges[i][0] < e:
        qs, qe = ranges[i]
        lo, hi = max(s, qs), min(e, qe)
        if hi > lo:
            n += _letters(text, lo, hi)
        i += 1
    return n


def _overlapping(ranges: list[tuple[int, int]], starts: list[int], s: int, e: int) -> list[tuple[int, int]]:
    """The quotation ranges that overlap ``[s, e)``."""
    i = max(bisect.bisect_right(starts, s) - 1, 0)
    out = []
    while i < len(ranges) and ranges[i][0] < e:
        if ranges[i][1] > s:
            out.append(ranges[i])
        i += 1
    return out


def _counts_as_speech(a, author_id: Optional[str], doc: Doc, offset: int) -> bool:
    """Is this statement someone else's speech (not the author's, not evidence)?"""
    if a.speaker is None:
        return False
    if author_id and a.speaker.id == author_id:
        return False
    if a.source is not None:
        src = a.source.text or ""
        if _PSEUDO_SOURCE.search(src) or any(q in src for q in _QUOTES):
            return False
    if a.cue is not None and a.kind == "indirect":
        cue = doc.char_span(a.cue.start - offset, a.cue.end - offset, alignment_mode="expand")
        if cue is not None and len(cue) and cue.root.lemma_.lower() in _NOT_SPEECH:
            return False
    return True


def assign_voice(record: Record, doc: Doc, offset: int) -> None:
    text = record.text
    author_id = slug(record.document.author) if record.document.author else None
    ranges = quote_ranges(doc, offset)
    starts = [r[0] for r in ranges]
    speech = [a for a in record.attributions if _counts_as_speech(a, author_id, doc, offset)]
    # frames (cue and source spans) and contents of statements, by start
    frames = sorted(((sp.start, sp.end, a) for a in speech for sp in (a.cue, a.source) if sp is not None),
                    key=lambda f: (f[0], f[1]))
    frame_starts = [f[0] for f in frames]
    contents = sorted(((c.start, c.end, a) for a in speech for c in a.content), key=lambda c: (c[0], c[1]))
    content_starts = [c[0] for c in contents]
    max_content = max((e - s for s, e, _ in contents), default=0)
    acts = sorted(((ev.trigger.start, ev) for ev in record.events
                  if getattr(ev, "trigger", None) is not None and ev.type in _SPEECH_EVENTS
                  and getattr(ev, "trigger_kind", "verb") == "verb"
                  and not getattr(ev, "negated", False) and ev.actor and ev.actor != author_id),
                  key=lambda x: x[0])
    act_starts = [a[0] for a in acts]
    chrome = sorted((c.start, c.end) for c in record.document.chrome)
    chrome_starts = [c[0] for c in chrome]

    def in_chrome(s: int, e: int) -> bool:
        i = bisect.bisect_right(chrome_starts, s) - 1
        return i >= 0 and chrome[i][0] <= s and e <= chrome[i][1]

    sents: list[Sentence] = []
    for s, e in _units(record, doc, offset):
        if in_chrome(s, e):
            continue
        letters = _letters(text, s, e) or 1
        q = _quoted_letters(text, s, e, ranges, starts)
        frac_q = q / letters
        # frames of statements inside this sentence
        i = bisect.bisect_left(frame_starts, s)
        framed = []
        while i < len(frames) and frames[i][0] < e:
            if frames[i][1] <= e:
                framed.append(frames[i])
            i += 1
        frame_letters = sum(_letters(text, fs, fe) for fs, fe, _ in framed)
        rest = letters - q - frame_letters
        # how much of the sentence is the content of someone's statement
        j = bisect.bisect_left(content_starts, s - max_content)
        covered = 0
        cover_att = None
        floating_only = True
        while j < len(contents) and contents[j][0] < e:
            cs, ce, a = contents[j]
            ov = min(e, ce) - max(s, cs)
            if ov > 0:
                n = _letters(text, max(s, cs), min(e, ce))
                if n > covered:
                    covered, cover_att = n, a
                if a.how != "floating":
                    floating_only = False
            j += 1
        frac_c = covered / letters
        k = bisect.bisect_left(act_starts, s)
        act = acts[k][1] if k < len(acts) and acts[k][0] < e else None
        qi = bisect.bisect_right(starts, s) - 1
        opens_inside = qi >= 0 and ranges[qi][0] < s < ranges[qi][1]
        if frac_q >= 0.8 or (frac_q >= 0.5 and rest <= 25) or (opens_inside and frac_q >= 0.4):
            voice, why = "quoted", f"{frac_q:.0%} inside quotation marks"
        elif opens_inside:
            voice, why = "reported", "continues a quotation (with the writer's insertions)"
        elif framed:
            a = framed[0][2]
            voice, why = "reported", f"statement {a.id} of {a.speaker.name}"
        elif frac_c >= 0.5 and not (floating_only and frac_q < 0.5):
            a = cover_att
            voice, why = "reported", f"content of statement {a.id} of {a.speaker.name}"
        elif act is not None:
            voice, why = "reported", f"{act.type} by {act.actor_name or act.actor}"
        else:
            voice = "author"
            why = "the writer's own words" + (" (with a quoted phrase)" if q else "")
        vs = VoicedSentence(s, e, voice, why)
        if voice == "author":
            vs.markers = find_markers(text, s, e, _overlapping(ranges, starts, s, e))
        sents.append(vs)
    for c in record.document.chrome:
        sents.append(VoicedSentence(c.start, c.end, "chrome", f"page chrome: {c.kind}"))
    record.sentences = sorted(sents, key=lambda x: x.start)
