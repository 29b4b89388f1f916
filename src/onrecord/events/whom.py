"""To and about whom, where and when: the addressee, channel, targets and date of every statement.

A pipeline stage after :func:`~onrecord.events.extract_events`, on the same parse, with the
events stage's actor context (one speaker resolver) and its resolved time expressions.  For
each attribution it decides, in one pass over the statements in text order:

- ``addressee`` (and ``addressee_basis``): :mod:`.addressee` finds the phrase of its frame
  the words were said to ("told reporters", "in a letter to Congress", "We demand … from
  X"), resolved to an entity like an event actor (a pronoun through the coreference step);
- ``channel``: :mod:`.channel` — of the cue's frame, else of the statement it continues (the
  same speaker, the same paragraph), else set by an earlier sentence of the paragraph whose
  subject is the speaker (:func:`.channel.setting`);
- ``targets``: the candidates of :mod:`.targets`, scored by :mod:`.stance_model` — the main
  target first, each with its stance;
- ``said_on``: :mod:`.said_on`.

``collect`` (used by ``scripts/train_whom.py``) receives, per attribution, its candidates, the
stance features of each and the features of "about no one", so that training sees exactly
what the stage sees.
"""
from __future__ import annotations

import bisect
import logging
import re
from typing import Optional

from onrecord.attribute.spans import sent_of
from onrecord.events import addressee as addressee_mod
from onrecord.events import channel as channel_mod
from onrecord.events import said_on as said_on_mod
from onrecord.events import stance_cues, stance_model, stance_signals
from onrecord.events.actors import Who, thing
from onrecord.events.targets import Mentions, candidates, none_features, stance_features
from onrecord.model import Channel, Record, SaidOn, SpeakerRef, Target
from onrecord.text import break_pattern, original_text, slug

log = logging.getLogger(__name__)

MAX_TARGETS = 3
_NO_CUE = {":", "—", "–", "-", "―", "Q", "A"}


def _root(span):
    if span is None or len(span) == 0:
        return None
    return span.root


_CAMEL = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])")


def _handle_name(name: str) -> str:
    """"@realDonaldTrump" → "Donald Trump", "@JDVance" → "JD Vance": a handle that spells a
    name in capitalised words (a lower-case prefix such as "real" dropped), else the handle."""
    words = _CAMEL.findall(name[1:].lstrip("_"))
    if len(words) >= 2 and "".join(words) == name[1:].lstrip("_")[-len("".join(words)):] and \
            all(len(w) >= 2 for w in words):
        return " ".join(words)
    return name


def _by_role(record: Record, tok, att) -> Optional[Who]:
    """"Mr. President, …": the page's one speaker whose role is that title."""
    title = tok.lower_
    hits = [sp for sp in record.speakers if sp.role and sp.role.strip().lower() in (title, "the " + title)
            and (att.speaker is None or sp.id != att.speaker.id)]
    return Who(hits[0].id, hits[0].name) if len(hits) == 1 else None


def _antecedent(doc, tok, ent_of, att, inside) -> Optional[Who]:
    """The person a pronoun addressee ("asking her") stands for when coreference gives none: the
    nearest person named before it in its sentence or the one before, outside the statement's
    words and not the speaker."""
    person = tok.lower_ in ("him", "her")
    lo = max(0, sent_of(tok).start - 1)
    lo = sent_of(doc[lo]).start if lo < tok.i else lo
    for i in range(tok.i - 1, lo - 1, -1):
        ent = ent_of.get(i)
        if ent is None or inside(i) or ent.root.tag_ == "NNPS":
            continue    # ("where the Trumps lived": a family, not whom "her" stands for)
        if ent.label_ not in (("PERSON",) if person else ("PERSON", "ORG", "GPE", "NORP")):
            continue
        name = ent.text
        if att.speaker is not None and (name == att.speaker.name or name.split()[-1] in att.speaker.name.split()):
            continue
        return Who(slug(name), name)
    return None


def _resolve(mentions: Mentions, tok, att, record: Record, inside) -> Optional[Who]:
    if tok.lower_ in ("we", "us") and att.speaker is not None:
        return None     # (said to themselves: no addressee)
    if addressee_mod.title_vocative(tok):
        return _by_role(record, tok, att)
    who = mentions.who_or_none(tok, "addressee")
    if who is not None and att.speaker is not None and who.id == att.speaker.id:
        who = None      # (coreference took the speaker: no one tells themselves)
    if who is None and tok.lower_ in ("him", "her", "them"):
        who = _antecedent(tok.doc, tok, mentions.ctx.ent_of, att, inside)
    if who is None and tok.lower_ not in ("you", "him", "her", "them", "it"):
        who = thing(tok)
    if who is not None and who.name.startswith("@"):
        name = _handle_name(who.name)
        if name != who.name:
            who = Who(slug(name), name)
    return who


def _setting(doc, triggers: list[int], lo: int, breaks: list[int], para: int, att, names, cache: dict):
    """The channel an earlier sentence of the statement's paragraph sets for its speaker: a
    sentence whose subject names the speaker and whose main clause names a channel ("On
    Sunday, Mr. Trump was magnanimous in a round of television interviews. … Mr. Trump even
    offered …")."""
    words = frozenset(w.lower() for n in names.get(att.speaker.id, ()) for w in n.split())
    k = lo - 1
    while k >= 0 and bisect.bisect_right(breaks, doc[triggers[k]].idx) == para:
        bounds = sent_of(doc[triggers[k]])
        if bounds.start not in cache:
            cache[bounds.start] = channel_mod.setting(doc[bounds.start:bounds.end], triggers)
        got = cache[bounds.start]
        if got is not None and got[0] in words:
            return got[1]
        k = bisect.bisect_left(triggers, bounds.start) - 1
    return None


def attach_whom(record: Record, doc, offset: int, ev_ctx, collect: Optional[list] = None) -> None:
    """Fill addressee, channel, targets and said_on of every attribution of ``record``."""
    ctx = ev_ctx.actors
    whens = ev_ctx.whens
    published = record.document.published
    model = stance_model.load()

    def weighs(prefix: str) -> bool:   # (a feature the model does not weigh is not computed)
        return stance_model.weighs(model, prefix)
    compact = stance_model.compact(model)   # (the signals of .stance_signals only)
    mentions = Mentions(ctx, channel_mod.TRIGGERS)
    triggers = mentions.triggers
    text = original_text(doc)
    breaks = [m.start() for m in break_pattern(text).finditer(text)]
    last_by_para: dict[tuple[int, Optional[str]], SaidOn] = {}
    last_by_speaker: dict[Optional[str], SaidOn] = {}
    last_channel: dict[tuple[int, Optional[str]], Channel] = {}
    previous: Optional[tuple[Optional[str], Optional[Channel]]] = None
    settings: dict[int, Optional[tuple]] = {}
    title_channel = channel_mod.from_title(record.document.title)
    programme = channel_mod.title_programme(record.document.title)
    # a transcript's turns: what the turn's speaker says inside one takes its channel too ("I've
    # got to tell you that …" in a press call; not "the President asked …" reported in it)
    turns = sorted((a.start, a.end, a.speaker.id if a.speaker else None) for a in record.attributions
                   if a.how == "turn") if title_channel else []
    turn_starts = [a for a, _, _ in turns]
    names = {sp.id: frozenset([sp.name, *sp.aliases]) for sp in record.speakers}
    by_id = {sp.id: sp for sp in record.speakers}
    sides: dict[Optional[str], tuple[frozenset, frozenset]] = {None: (frozenset(), frozenset())}

    def side(sid: Optional[str]) -> tuple[frozenset, frozenset]:   # (made once per speaker, when needed)
        if sid not in sides:
            sp = by_id.get(sid)
            sides[sid] = stance_cues.side_of(sp.name, sp.aliases, sp.role, sp.type) if sp else sides[None]
        return sides[sid]

    def type_of(sid: Optional[str]) -> str:
        sp = by_id.get(sid)
        return sp.type if sp is not None else "unknown"

    opening = said_on_mod.openers(doc, whens)
    opening_starts = sorted(opening)
    speaker_ids = frozenset(names)
    for att in sorted(record.attributions, key=lambda a: a.start):
        spans = [ctx.token_span(c.start, c.end) for c in att.content]
        spans = [s for s in spans if s is not None and len(s)]
        if not spans:
            continue
        ranges = [(s.start, s.end) for s in spans]
        inside = frozenset(i for a, b in ranges for i in range(a, b)).__contains__

        cue_span = ctx.token_span(att.cue.start, att.cue.end) if att.cue is not None else None
        cue = _root(cue_span)
        if cue is not None and (cue.text in _NO_CUE or cue.is_punct):
            cue = None
        first = spans[0].start
        bounds = sent_of(cue if cue is not None else doc[first])   # (Token.sent rescans the doc)
        sent = doc[bounds.start:bounds.end]
        content_tokens: list = []

        def tokens() -> list:   # (made only when needed: most statements never need them)
            if not content_tokens:
                content_tokens.extend(doc[i] for a, b in ranges for i in range(a, b))
            return content_tokens

        # addressee
        got = addressee_mod.find(cue, inside, att.kind != "indirect")
        if got is None:
            got = addressee_mod.in_content(tokens(), inside, att.kind in ("direct", "mixed"), att.kind == "direct")
        to_whom = None
        if got is not None:
            tok, pattern = got
            to_whom = _resolve(mentions, tok, att, record, inside)
            if to_whom is not None and (att.speaker is None or to_whom.id != att.speaker.id):
                att.addressee = SpeakerRef(to_whom.id, to_whom.name)
                att.addressee_basis = pattern
            else:
                to_whom = None

        # channel
        lo, hi = bisect.bisect_left(triggers, sent.start), bisect.bisect_left(triggers, sent.end)
        frame = [doc[i] for i in triggers[lo:hi] if not inside(i) or channel_mod.at_cue(doc[i], cue)]
        src = _root(ctx.token_span(att.source.start, att.source.end)) if att.source is not None else None
        ch = channel_mod.find(cue, frame, src, inside)
        who = att.speaker.id if att.speaker else None
        para = bisect.bisect_right(breaks, (cue.idx if cue is not None else doc[first].idx))
        if ch is not None:
            kind, name, ev = ch
            s0 = ev.idx + offset
            att.channel = Channel(kind, name, record.span(s0, s0 + len(ev.text)))
        elif att.how == "turn" and title_channel:
            att.channel = Channel(title_channel, None, None)
        elif cue is None and (hd := channel_mod.from_heading(record.text, att.start,
                                                              record.document.title)):
            att.channel = Channel(hd[0], hd[1], None)   # a quotation under "X on Meet the Press"
        elif cue is None and previous is not None and previous[0] == who and who is not None:
            att.channel = previous[1]         # a quotation continuing the statement before it
        elif att.kind != "direct" and cue is not None and not inside(cue.i) and (cl := channel_mod.closing(
                sent.end, [doc[i] for i in triggers[lo:hi] if inside(i) and doc[i].lower_ == "on"], inside)):
            kind, name, ev = cl     # "… on Wednesday's “Sean Hannity Show.”"
            s0 = ev.idx + offset
            att.channel = Channel(kind, name, record.span(s0, s0 + len(ev.text)))
        elif att.kind != "direct" and (aq := channel_mod.after_quote(
                [doc[i] for i in triggers[lo:hi] if inside(i)], inside)):
            kind, name, ev = aq     # "… doesn't want “that crap,” in an interview with CNN"
            s0 = ev.idx + offset
            att.channel = Channel(kind, name, record.span(s0, s0 + len(ev.text)))
        elif turns and (k := bisect.bisect_right(turn_starts, att.start) - 1) >= 0 and att.end <= turns[k][1] \
                and who is not None and turns[k][2] == who:
            att.channel = Channel(title_channel, None, None)
        elif (para, who) in last_channel and who is not None:
            att.channel = last_channel[(para, who)]   # the same speaker, the same paragraph
        elif who is not None and (st := _setting(doc, triggers, lo, breaks, para, att, names, settings)):
            kind, name, ev = st     # "In a statement issued Tuesday, Clinton was more circumspect …"
            s0 = ev.idx + offset
            att.channel = Channel(kind, name, record.span(s0, s0 + len(ev.text)))
        elif programme is not None and who is not None and names.get(who) and any(
                w.lower() in programme[2] for n in names[who] for w in n.split() if len(w) > 2):
            att.channel = Channel(programme[0], programme[1], None)   # "President Trump on Fox & Friends"
        if att.channel is not None:
            last_channel[(para, who)] = att.channel
        previous = (who, att.channel)

        # targets and stance
        own = names.get(att.speaker.id, frozenset()) if att.speaker else frozenset()
        cands = candidates(mentions, att, ranges, cue, inside, to_whom, own, speaker_ids)
        none_f = none_features(att, cands, cue, tokens(), inside) if cands else {}
        probs_t, main = stance_model.choose(model, [c.features for c in cands], none_f)
        speaker_side, speaker_type = side(who), type_of(who)
        scored = [(p, c, None if collect is None else
                   {**stance_features(doc, att, c, cue, tokens(), inside, speaker_side, speaker_type),
                    **stance_signals.for_candidate(c, cue, tokens(), inside, speaker_side, speaker_type)})
                  for p, c in zip(probs_t, cands)]
        if collect is not None:
            collect.append((att, scored, none_f))
        second = model["target"]["secondary"] if model else 1.1
        order = [] if main is None else [scored[main]] + sorted(
            (x for k, x in enumerate(scored) if k != main and x[0] >= second), key=lambda x: (-x[0], x[1].first))
        out = []
        for p, c, sf in order[:MAX_TARGETS]:
            if sf is None and compact:
                sf = stance_signals.for_candidate(c, cue, tokens(), inside, speaker_side, speaker_type)
            elif sf is None:
                sf = stance_features(doc, att, c, cue, tokens(), inside, speaker_side, speaker_type,
                                     stance_model.uses_cues(model), weighs)
            probs = stance_model.stance_probabilities(model, sf)
            stance = max(probs, key=probs.get)
            m0, m1 = c.mention
            out.append(Target(c.who.id, c.who.name, stance, probs[stance], p,
                              record.span(m0 + offset, m1 + offset)))
        att.targets = out

        # said on
        when = said_on_mod.from_frame(cue, whens, inside, first)
        # a quotation with no tag of its own continues the statement before it: its date too
        inherited = last_by_para.get((para, who)) or (last_by_speaker.get(who) if cue is None else None)
        opener = None
        if when is None and inherited is None and att.speaker is not None and opening_starts:
            k = bisect.bisect_left(opening_starts, bounds.start) - 1   # the nearest opener before
            if k >= 0 and bisect.bisect_right(breaks, doc[opening_starts[k]].idx) == para:
                words = frozenset(w.lower() for n in own for w in n.split())
                opener = said_on_mod.from_opener(opening[opening_starts[k]], words)
        att.said_on = said_on_mod.decide(when, inherited, published, opener)
        if att.said_on.date and not att.said_on.basis.startswith("published"):
            last_by_para[(para, who)] = last_by_speaker[who] = att.said_on
