"""Each attribution's speaker: the passes over an article's statements.

With the article's :class:`~.speakers.Resolver` (entity inventory and mention resolution), in
order: (1) a statement with a cue and a source of its own takes the entity its source mention
resolves to ("X quoted Y, saying: …" makes Y the speaker, relayed by X) — a transcript's
turn the person its label names, one per label (:mod:`.turn_labels`); (2) in text order, a
quotation inside another statement's quotation takes the quoting speaker, a floating quotation
under a heading that names a speaker takes that speaker, and any other floating quotation takes
the speaker of the statement before it (within 2,500 characters) — or, where the two statements
before it have two speakers and the exchange model (:mod:`.exchange`) reads it as an answer,
the other party; (3) a statement whose source
lies inside another statement's content is relayed by that statement's speaker.  Every speaker
gets ``speaker_basis`` (how it was found) and a ``speaker_confidence`` calibrated per basis
(:mod:`.calibration`), and ``needs_review`` below :data:`~.calibration.REVIEW_BELOW`.
A speaker that cannot speak (:func:`~.types.can_speak`: money, a strategy, "his conversation
with …") makes no attribution — its reported speech is dropped, its quotations keep no speaker —
and a speaker whose name is a clause or a long phrase is named by its head phrase.
"""
from __future__ import annotations

import bisect
import itertools
import os
import re
from typing import Optional

from onrecord.model import Attribution, Record, Speaker, SpeakerRef
from onrecord.resolve import coref, dialogue, exchange
from onrecord.resolve.calibration import calibrated, context, needs_review
from onrecord.resolve.entities import FIRST_PERSON, HONORIFICS, Entity
from onrecord.resolve.names import name_phrase
from onrecord.resolve.speakers import Resolver
from onrecord.resolve.turn_labels import TurnLabels
from onrecord.resolve.types import can_speak, speaker_type


def _quoted_at(text: str, start: int, end: int, pos: int) -> bool:
    """Is ``pos`` inside quotation marks within text[start:end]?"""
    opened = False
    for ch in text[start:pos]:
        if ch in "“\"«„":
            opened = True if ch != '"' else not opened
        elif ch in "”»":
            opened = False
    return opened or text[start:start + 1] in "“\"«„" and not any(
        ch in "”»" for ch in text[start + 1:pos])


_BULLET = re.compile(r"(?:[-*+•·▪–]|\d{1,3}[.)])[ \t\xa0]+\S")   # (after the line's indent)


def _list_item(text: str, start: int) -> bool:
    """Does the quotation at ``start`` open a bulleted or numbered list item?"""
    line = text[text.rfind("\n", 0, start) + 1:start + 1]
    return bool(_BULLET.match(line.lstrip(" \t")))


_OPENING = ("\u201c", "\"", "\u2018", "'", "\u00ab", "\u201e")
_CLOSING = ("\u201d", "\"", "\u2019", "'", "\u00bb", "\u201c")


def _continues(text: str, b: Attribution, a: Attribution) -> bool:
    """Is the quotation ``a`` the next paragraph of ``b``'s quotation — ``b``'s paragraph opens a
    quotation it never closes and ``a``'s paragraph opens with a mark (the convention for a
    quotation running over several paragraphs)?  Then it is the same speaker, no answer."""
    gap = text[b.end:a.start]
    if gap.strip() or "\n" not in gap or text[a.start:a.start + 1] not in _OPENING:
        return False
    last = text[b.start:b.end].rstrip()
    return bool(last) and last[-1] not in _CLOSING and text[b.start:b.start + 1] in _OPENING


def _other_party(record: Record, atts: list[Attribution], done: list[tuple[int, int]], k: int,
                 resolved: dict[str, Entity], a: Attribution, b: Attribution,
                 quoted: list[tuple[int, int]], inverted: float) -> Optional[Entity]:
    """The earlier party of a two-speaker exchange when the exchange model says the untagged
    quotation ``a`` answers the statement ``b`` before it (:mod:`.exchange`); else None.
    ``quoted``: the page's quotation spans; ``inverted``: its inverted-tag share."""
    if a.kind == "indirect" or b.kind == "indirect":
        return None
    last = resolved[b.id]
    for j in range(k - 1, max(-1, k - 6), -1):
        p = atts[-done[j][1]]
        if resolved[p.id] is last or p.kind == "indirect":
            continue
        if b.start - p.end > 3000:
            return None
        f = exchange.features(
            record.text, (a.start, a.end), (b.start, b.end),
            (b.cue.start, b.cue.end) if b.cue else None, (b.source.start, b.source.end) if b.source else None,
            (p.start, p.end), quoted, [resolved[p.id].name, *resolved[p.id].aliases],
            [last.name, *last.aliases], inverted)
        return resolved[p.id] if exchange.is_answer(f) else None
    return None


_GOING_ON = re.compile(r"(?:continu|add)\w*|went on|goes on|go on", re.I)
_GOING_ON_PRONOUNS = {"he": False, "she": True}


def _going_on(text: str, a: Attribution, atts: list[Attribution],
              resolved: dict[str, Entity]) -> Optional[Entity]:
    """The speaker a pronoun goes on from: in ``He continued: “…”`` / ``“…,” she added`` the
    pronoun is the speaker of the quotation just before — nothing but spaces and marks between
    the two, so no sentence of narration brings in someone else — when that speaker is a person
    of the pronoun's sex or of none known, and not the narrator (``said I``): not a name said
    inside that quotation ("… if we listen to Hillary Clinton.” He continued: …")."""
    if a.source is None or a.cue is None:
        return None
    female = _GOING_ON_PRONOUNS.get(text[a.source.start:a.source.end].strip().lower())
    if female is None or not _GOING_ON.fullmatch(text[a.cue.start:a.cue.end].strip()):
        return None
    near = min(a.start, a.source.start, a.cue.start)
    before = [b for b in atts if b is not a and b.id in resolved and b.end <= near
              and near - b.end <= 200 and b.kind in ("direct", "mixed")]
    if not before:
        return None
    b = max(before, key=lambda b: b.end)
    # (its own tag may stand between: “…,” said Holmes. “…,” he added)
    own = [(x.start, x.end) for x in (b.source, b.cue) if x is not None]
    between = "".join(" " if any(s <= i < e for s, e in own) else text[i] for i in range(b.end, near))
    if re.search(r"\w", between) or b.source is not None and \
            text[b.source.start:b.source.end].strip().lower() in FIRST_PERSON:
        return None
    ent = resolved[b.id]
    if ent.type != "person" or coref.gender(ent) not in (None, female):
        return None
    return ent


def _ref(ent: Entity) -> SpeakerRef:
    return SpeakerRef(ent.sid, ent.name)


def resolve_speakers(record: Record, doc, offset: int) -> Resolver:
    """Fill ``speaker``/``relayed_by`` of every attribution and ``record.speakers``; return the
    article's :class:`Resolver` for the later stages (built once per document)."""
    res = Resolver(record, doc, offset)
    resolved: dict[str, Entity] = {}
    relayed: dict[str, Entity] = {}
    basis: dict[str, Optional[str]] = {}
    atts = sorted(record.attributions, key=lambda a: a.start)

    # the content spans of quoting statements, by start, with the running maximum of their ends:
    # a source is looked up among the spans that start before it (a scan of every statement for
    # every source was quadratic in a quote-mark flood)
    qspans = sorted((c.start, c.end, k) for k, b in enumerate(atts) if b.kind in ("direct", "mixed")
                    for c in b.content)
    qstarts = [x[0] for x in qspans]
    qmax_end = list(itertools.accumulate((x[1] for x in qspans), max))

    def inside_quote(a: Attribution) -> Optional[Attribution]:
        """The statement whose quotation holds ``a``'s source ("we" inside a quote); of several,
        the first in text order.  A quotation nested in a quoted excerpt with a tag of its own
        (``how == "nested"``: “… ‘…,’ she said.”) is reported by the excerpt, not said by its
        author: its tag names its speaker."""
        if a.source is None or a.how == "nested":
            return None
        s, e = a.source.start, a.source.end
        first_person = record.text[s:e].strip().lower() in FIRST_PERSON
        best = None
        k = bisect.bisect_right(qstarts, s) - 1
        while k >= 0 and qmax_end[k] >= e:
            c0, c1, bi = qspans[k]
            # (a transcript turn or a blockquote quotes by layout: its "I" and "we" are its speaker)
            if e <= c1 and (best is None or bi < best) and (
                    atts[bi].how in ("turn", "blockquote") and first_person
                    or _quoted_at(record.text, c0, c1, s)):
                best = bi
            k -= 1
        return atts[best] if best is not None else None

    # the turns of a transcript: one speaker per label (:mod:`.turn_labels`)
    labels = TurnLabels(res, [a for a in atts if a.how == "turn"])
    # pass 1: statements with a cue and a source of their own
    deferred: list[Attribution] = []
    for a in atts:
        floating = a.cue is None or a.how == "floating" or a.source is None
        enclosing = inside_quote(a)
        if floating or enclosing is not None:
            deferred.append(a)
            continue
        labelled = labels.speaker(a) if a.how == "turn" else None
        if labelled is not None:
            ent, conf, basis[a.id] = labelled
        elif (going_on := _going_on(record.text, a, atts, resolved)) is not None:
            ent, conf, basis[a.id] = going_on, 0.8, "continuing speaker"
        else:
            ent, conf = res.resolve_mention(a.source.start, a.source.end)
            basis[a.id] = res.basis
        quoted = res._quoted_person(a)
        if quoted is not None and ent is not None and quoted is not ent:
            ent.speaker = True
            relayed[a.id] = ent
            a.relayed_by = _ref(ent)
            ent, conf = quoted, 0.8
            basis[a.id] = "quoted by"
        if ent is not None:
            ent.speaker = True
            a.speaker, a.speaker_confidence = _ref(ent), conf
            resolved[a.id] = ent
    cue_sources = {(a.source.start, a.source.end) for a in atts if a.source is not None and a.how != "floating"}
    # pass 2, in text order: quotes inside quotes take the quoting speaker;
    # floating statements take the speaker of the statement before them (the resolved
    # statements kept sorted by (start, -position): the one before a statement is found by
    # bisection, not by listing every earlier one — a quote-mark flood was quadratic)
    index = {id(b): k for k, b in enumerate(atts)}
    # what the exchange model reads of the whole page, once (None: the model is off)
    page = None if os.environ.get("ONRECORD_NO_EXCHANGE") or exchange.load_model() is None else (
        [(x[0], x[1]) for x in qspans],
        exchange.inverted_share([((x.start, x.end), (x.cue.start, x.cue.end), (x.source.start, x.source.end))
                                 for x in atts if x.kind != "indirect" and x.cue and x.source]))
    # (a quotation nested in a quoted excerpt is no statement the excerpt's next paragraph goes on)
    done = sorted((b.start, -index[id(b)]) for b in atts if b.id in resolved and b.how != "nested")
    for a in deferred:
        enclosing = inside_quote(a)
        if enclosing is not None and enclosing is not a and enclosing.id in resolved:
            ent, conf = resolved[enclosing.id], 0.8
            basis[a.id] = "quoting statement"
        elif a.kind == "indirect":
            continue   # reported speech with no source of its own: the text leaves it unknown
        elif a.how == "blockquote" and a.source is not None \
                and (ent := res.resolve_mention(a.source.start, a.source.end)[0]) is not None:
            # a blockquote: the person the prose before it introduces
            conf = 0.7
            basis[a.id] = "blockquote introduction"
        elif a.how == "floating" and a.source is not None \
                and (a.source.start, a.source.end) not in cue_sources \
                and (ent := res.resolve_mention(a.source.start, a.source.end)[0]) is not None:
            # a quotation under a heading that names its speaker ("Marco Rubio on Meet the Press")
            conf = 0.7
            basis[a.id] = "heading"
        else:
            k = bisect.bisect_left(done, (a.start, -len(atts))) - 1
            if k < 0:
                continue
            b = atts[-done[k][1]]
            gap = a.start - b.end
            if gap > 2500:
                continue
            ent, conf = resolved[b.id], (0.7 if gap < 800 else 0.5)
            basis[a.id] = ("previous statement, list item" if _list_item(record.text, a.start)
                           else "previous statement" if gap < 800 else "previous statement, far")
            other = None if page is None or _continues(record.text, b, a) else \
                _other_party(record, atts, done, k, resolved, a, b, *page)
            if other is not None:   # an exchange: the other party answers
                ent, conf = other, 0.7
                basis[a.id] = "exchange"
            elif b.id in relayed:
                relayed[a.id] = relayed[b.id]
                a.relayed_by = b.relayed_by
        ent.speaker = True
        a.speaker, a.speaker_confidence = _ref(ent), conf
        if a.id not in resolved:
            bisect.insort(done, (a.start, -index[id(a)]))
        resolved[a.id] = ent
    # a page of narrative dialogue: the parties of an exchange take turns (:mod:`.dialogue`)
    def party(name: str, start: int, end: int) -> Entity:
        key = "nominal:" + name.lower()
        ent = res.by_key.get(key) or res._new(key, name, "unknown")
        ent.add(start, end, name)
        return ent

    turned = dialogue.alternate(record.text, atts, resolved, basis, party, res.entities)
    for a in atts:
        if a.id in turned:
            ent, basis[a.id] = turned[a.id]
            ent.speaker, resolved[a.id], a.speaker_confidence = True, ent, 0.6
            relayed.pop(a.id, None)
            a.relayed_by = None
    dialogue.name_by_owner(record.text, [e for e in res.entities if e.speaker])
    # statements inside another statement's content are relayed by its speaker
    for a in atts:
        if a.relayed_by or a.source is None or a.id not in resolved:
            continue
        for b in atts:
            if b is a or b.id not in resolved or resolved[b.id] is resolved[a.id]:
                continue
            if any(c.start <= a.source.start and a.source.end <= c.end for c in b.content):
                relayed[a.id] = resolved[b.id]
                a.relayed_by = _ref(resolved[b.id])
                break
    title = record.document.title or ""
    for ent in res.entities:
        if ent.type == "person" and ent.first is None and ent.surname and title:
            # (the first name capitalised: "… his boots, and Margaret looked up" names no "and")
            m = re.search(r"\b((?-i:[A-Z][a-z]+))\s+" + re.escape(ent.surname) + r"\b", title, re.I)
            if m and m.group(1).lower() not in HONORIFICS:
                ent.aliases.add(ent.name)
                ent.first, ent.name = m.group(1), f"{m.group(1)} {ent.name}"
    _drop_non_speakers(record, atts, resolved, relayed, res, doc, offset)
    kept = {id(a) for a in record.attributions}     # identity: dataclass equality is slow and quadratic here
    atts = [a for a in atts if id(a) in kept]
    for ent in res.entities:
        if ent.speaker and _clause_like(ent.name or ""):
            _head_phrase_name(ent, doc, offset)
    speakers = []
    seen: set[str] = set()
    for ent in res.entities:
        if not ent.speaker or ent.sid in seen:
            continue
        seen.add(ent.sid)
        speakers.append(Speaker(
            id=ent.sid, name=ent.name, type=speaker_type(ent, doc, offset, record), role=ent.role,
            aliases=sorted(a for a in ent.aliases if a != ent.name),
            mentions=[record.span(s, e) for s, e in sorted(ent.mentions)]))
    narrative = dialogue.is_dialogue(record.text)
    around = context(record.text, [
        (a.start, a.end, a.source.start if a.source else None, a.source.end if a.source else None,
         a.cue.start if a.cue else None, resolved[a.id].sid if a.id in resolved else None, a.how) for a in atts])
    # refs from the entities' final names and ids (a name may have grown after a
    # statement took it: "Lavrov" → "Sergey Lavrov")
    for a, near in zip(atts, around):
        if a.id in resolved:
            a.speaker = _ref(resolved[a.id])
            a.speaker_basis = basis.get(a.id)
            a.speaker_confidence = calibrated(a.speaker_basis, a.speaker_confidence or 0.0,
                                              record.text[a.source.start:a.source.end] if a.source else None,
                                              a.how, narrative, near)
            a.needs_review = needs_review(a.speaker_confidence)
        if a.id in relayed:
            a.relayed_by = _ref(relayed[a.id])
    record.speakers = speakers
    return res


NON_SPEAKER_TH = 0.7   # can_speak()'s threshold (0.5 lost a right speaker on the tune sites)


def _drop_non_speakers(record: Record, atts: list[Attribution], resolved: dict[str, Entity],
                       relayed: dict[str, Entity], res: Resolver, doc, offset: int) -> None:
    """A speaker that cannot speak or hold a view (money, a strategy, "his conversation with
    …": :func:`~.types.can_speak`) makes no attribution: its reported speech is dropped, and a
    quotation it was given keeps no speaker."""
    verdict: dict[int, bool] = {}
    for ent in {id(e): e for e in resolved.values()}.values():
        if ent.key == "author" or ent.key.startswith("person:"):
            verdict[id(ent)] = True
        else:
            verdict[id(ent)] = can_speak(ent, doc, offset, record, NON_SPEAKER_TH)
    gone = set()
    for a in atts:
        ent = resolved.get(a.id)
        if ent is None or verdict[id(ent)]:
            continue
        if a.kind == "indirect":
            gone.add(a.id)
        del resolved[a.id]
        a.speaker = None
        a.speaker_confidence = None
        relayed.pop(a.id, None)
        a.relayed_by = None
    if gone:
        record.attributions = [a for a in record.attributions if a.id not in gone]
    still = {id(e) for e in resolved.values()} | {id(e) for e in relayed.values()}
    for ent in res.entities:
        if ent.speaker and id(ent) in verdict and not verdict[id(ent)]:
            ent.speaker = id(ent) in still


# a name shown as a speaker holds no clause: no comma before lower-case words, no relative
# pronoun ("editors, who have also disrupted …", "his keen, incisive reasoning")
CLAUSE_NAME = re.compile(r",\s*(?![A-Z][a-z]*\.?$)|\b(?:who|which|that|whose|whom)\b", re.I)


def _clause_like(name: str) -> bool:
    """A name that is a clause or longer than seven words: no name to show for a speaker."""
    return bool(CLAUSE_NAME.search(name)) or len(name.split()) > 7


def _head_phrase_name(ent: Entity, doc, offset: int) -> None:
    """Name a speaker whose name is a clause or a long phrase by the head phrase of one of its
    mentions (:func:`~.names.name_phrase`), else by the words before the clause; the old name
    stays an alias."""
    best = None
    for s, e in sorted(ent.mentions):
        span = doc.char_span(s - offset, e - offset, alignment_mode="expand")
        if span is None or not len(span):
            continue
        cand = name_phrase(span)
        if cand and not _clause_like(cand):
            best = cand
            break
    if best is None:
        cut = CLAUSE_NAME.split(ent.name, maxsplit=1)[0].strip(" ,;:-")
        words = cut.split()
        best = " ".join(words[:7]) if words else None
    if best and best != ent.name:
        ent.aliases.add(ent.name)
        ent.name = best
