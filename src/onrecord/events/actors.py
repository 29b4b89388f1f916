"""Actors of events: who a noun phrase of the article is, as a canonical actor.

``build_context`` indexes a record once (its attributions by offset, the tokens of every
source, cue and speaker mention, the named entities); ``actor_of`` resolves the noun phrase
headed by a token to a :class:`Who`: the speaker of the attribution whose source it is,
else the speaker with that mention, else the gazetteer (countries, capitals, demonyms ->
governments, "Turkish F-16s" -> Turkey), else the article's speaker :class:`Resolver`;
first-person pronouns inside a quotation are its speaker.  ``thing`` names a target that
is not an actor ("a maternity hospital").
"""
from __future__ import annotations

import bisect
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from onrecord.model import Attribution, Record
from onrecord.parse import tokens_by_lemma
from onrecord.resolve.gazetteer import country_of
from onrecord.resolve.speakers import Resolver
from onrecord.text import clean_name, own_text, slug

log = logging.getLogger(__name__)

FIRST_PERSON = {"we", "i", "us", "me", "our", "my"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"}
# demonym → country, each with where it comes from: data/demonyms.json
_DEMONYMS = {d["word"]: d["country"] for d in json.loads(
    (Path(__file__).parent / "data" / "demonyms.json").read_text(encoding="utf-8"))["demonyms"]}
NOT_ACTORS = {"this", "that", "these", "those", "which", "what", "who", "whom", "it", "there",
               "something", "nothing", "anything", "everything"}
# common nouns that can act: officials, bodies, forces, sides
AGENT_NOUN = re.compile(
    r"^(?:minister|official|leader|side|enemy|government|ministry|embassy|consulate|force|army|"
    r"troop|military|police|spokes(?:man|woman|person)|diplomat|president|representative|"
    r"delegation|authority|regime|administration|parliament|court|agency|service|protester|"
    r"demonstrator|people|militant|rebel|jihadist|terrorist|soldier|jet|f-\d+s?|plane|drone|"
    r"country|state|nation|ally|party|hardliner|lawmaker|senator|official|office|department|"
    r"council|committee|commission|ombudsman|defender|center|centre|group|coalition|alliance|"
    r"bloc|union|observer|peacekeeper|player|crowd|looter|thug|agent|intelligence|elite|"
    r"neighbo(?:u)?r|counterpart|critic|opponent|supporter|member|staff|team|ambassador|envoy|"
    r"journalist|reporter|media|press|prosecutor|judge|investigator|mp|king|queen|prince|"
    r"chancellor|premier|secretary|general|commander|chief|head|mayor|governor)s?$", re.I)
_FORCE_HEADS = re.compile(r"^(?:forces?|army|armies|troops?|military|jets?|f-\d+s?|planes?|"
                          r"drones?|navy|soldiers?|units?|officials?|authorities|government|"
                          r"leaders?|diplomats?|intelligence|services?|police|aircraft|warplanes?)$",
                          re.I)


@dataclass
class Who:
    id: str
    name: str
    how: str = ""     # how the name was found (a feature of the learned step): see actor_of


@dataclass
class Context:
    record: Record
    doc: Any
    offset: int
    resolver: Any
    att_starts: list[int] = field(default_factory=list)
    atts: list[tuple[int, int, Attribution]] = field(default_factory=list)
    sources: dict[int, Attribution] = field(default_factory=dict)     # token index → attribution
    cues: dict[int, Attribution] = field(default_factory=dict)
    speaker_at: dict[int, tuple[str, str]] = field(default_factory=dict)  # token index → (id, name)
    speaker_by_mention: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    speaker_names: dict[str, str] = field(default_factory=dict)
    ent_of: dict[int, Any] = field(default_factory=dict)                # token index → entity span

    def tokens(self, pos: tuple[str, ...], lemmas) -> list:
        """The doc's tokens of coarse POS ``pos`` whose lower-cased lemma is in ``lemmas``, in
        order (picked from the doc's arrays: no Token object for the other words)."""
        by = tokens_by_lemma(self.doc, pos)
        return [self.doc[i] for i in sorted(i for w in by.keys() & lemmas for i in by[w])]

    def token_span(self, start: int, end: int):
        return self.doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")

    def attribution_at(self, pos: int) -> Optional[Attribution]:
        """The attribution whose content holds record offset ``pos`` (innermost)."""
        i = bisect.bisect_right(self.att_starts, pos)
        best = None
        # attributions are few per sentence; look back over those starting before pos
        for j in range(i - 1, max(-1, i - 12), -1):
            s, e, a = self.atts[j]
            if s <= pos < e and (best is None or e - s < best[1] - best[0]):
                best = (s, e, a)
        return best[2] if best else None


def build_context(record: Record, doc, offset: int, resolver: Optional[Resolver] = None) -> Context:
    """Index ``record`` over its parse; ``resolver`` is the article's speaker resolver, as the
    speaker stage left it (built here only when a caller runs this stage alone)."""
    ctx = Context(record, doc, offset, resolver if resolver is not None else Resolver(record, doc, offset))
    for a in record.attributions:
        for c in a.content:
            ctx.atts.append((c.start, c.end, a))
        for span, table in ((a.source, ctx.sources), (a.cue, ctx.cues)):
            if span is None:
                continue
            ts = ctx.token_span(span.start, span.end)
            if ts is not None:
                for t in ts:
                    if table is ctx.cues or _names_source(t, ts):
                        table.setdefault(t.i, a)
    ctx.atts.sort(key=lambda x: x[0])
    ctx.att_starts = [s for s, _, _ in ctx.atts]
    for sp in record.speakers:
        ctx.speaker_names[sp.id] = sp.name
        for m in sp.mentions:
            ctx.speaker_by_mention[(m.start, m.end)] = (sp.id, sp.name)
            ts = ctx.token_span(m.start, m.end)
            if ts is not None:
                for t in ts:
                    ctx.speaker_at.setdefault(t.i, (sp.id, sp.name))
    for ent in doc.ents:
        for t in ent:
            ctx.ent_of[t.i] = ent
    return ctx


_CLAUSE_DEPS = {"relcl", "acl", "prep", "pobj", "advcl", "ccomp", "xcomp", "dobj", "conj"}


def _names_source(tok, span) -> bool:
    """Is ``tok`` part of the name of the source ``span`` (its head, a compound or apposition
    of it), not a word of a clause or phrase hung on it?  In "Marc Andreessen, who backed
    Mr. Romney in 2012," Romney is not the speaker."""
    root = span.root
    t = tok
    for _ in range(len(span) + 1):
        if t.i == root.i:
            return True
        if t.dep_ in _CLAUSE_DEPS or t.pos_ in ("VERB", "AUX") or not (span.start <= t.head.i < span.end):
            return False
        t = t.head
    return False


def _core(tok):
    """The name part of a noun phrase headed by ``tok``: its entity, else compounds + head."""
    doc = tok.doc
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.i < tok.i and c.pos_ not in ("VERB", "AUX"):
            start = min(start, c.left_edge.i if c.dep_ == "compound" else c.i)
    # keep a flat name "OSCE Minsk Group representatives" whole
    return doc[start:tok.i + 1]


def country(text: str) -> Optional[tuple[str, str]]:
    name = clean_name(text)
    if name.lower() in _DEMONYMS:
        c = _DEMONYMS[name.lower()]
        return slug(c), c
    hit = country_of(name)
    if hit is None and name.endswith("s") and name[:1].isupper():
        hit = country_of(name[:-1])          # "Russians", "Turks": plural demonyms
        if hit is not None and hit[1] != "demonym":
            hit = None
    if hit is None:
        return None
    return slug(hit[0].name), hit[0].name


def actor_of(ctx: Context, tok, att: Optional[Attribution]) -> Optional[Who]:
    """Resolve the noun phrase headed by ``tok`` to a canonical actor."""
    if tok is None:
        return None
    low = tok.lower_
    if low in NOT_ACTORS and low != "it":
        return None
    if tok.pos_ == "NOUN" and tok.i not in ctx.ent_of and not AGENT_NOUN.match(tok.lemma_):
        # "the director of the film, Michael Bay": the name in apposition
        named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            tok, low = named, named.lower_
    if low in FIRST_PERSON:
        if att is not None and att.speaker is not None:
            return Who(att.speaker.id, att.speaker.name, "first_person")
        return None
    skip = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT")
    ent = ctx.ent_of.get(tok.i)
    if ent is not None and (ent.label_ in skip or "—" in ent.text or "\n" in ent.text
                            or (ent.label_ == "PERSON" and tok.pos_ != "PROPN")):
        ent = None
    if ent is None and low not in PRONOUNS:
        # "OSCE Minsk Group representatives", "US intelligence services": the named modifier
        for c in tok.lefts:
            e2 = ctx.ent_of.get(c.i)
            if c.dep_ in ("compound", "amod", "nmod") and e2 is not None and e2.label_ not in skip \
                    and "—" not in e2.text:
                if e2.label_ == "NORP" and not _FORCE_HEADS.match(tok.text) and \
                        not AGENT_NOUN.match(tok.lemma_):
                    continue
                ent = e2
                break
    core = ent if ent is not None else _core(tok)
    # countries and capitals (and demonyms on a force/official head) → the government
    hit = country(core.text) if low not in PRONOUNS else None
    if hit is None and _FORCE_HEADS.match(tok.text):
        # "Turkish F-16s", "Azeri forces": the demonym names the government
        for c in list(tok.lefts) + [c for c in core if c.i < tok.i]:
            if c.dep_ in ("amod", "compound") or c.i < tok.i:
                hit = country(c.text)
                if hit:
                    break
    if hit is not None:
        sid, name = hit
        return Who(sid, ctx.speaker_names.get(sid, name), "country")
    # the source of a statement: its speaker
    a = ctx.sources.get(tok.i)
    if a is not None and a.speaker is not None and not (att is not None and a is att and low in PRONOUNS):
        return Who(a.speaker.id, a.speaker.name, "source")
    if tok.i in ctx.speaker_at and low not in PRONOUNS:
        sid, name = ctx.speaker_at[tok.i]
        return Who(sid, name, "speaker")
    if low in PRONOUNS or tok.pos_ == "PROPN" or ent is not None or \
            (tok.pos_ == "NOUN" and AGENT_NOUN.match(tok.lemma_)):
        if low in PRONOUNS:
            s, e = tok.idx + ctx.offset, tok.idx + len(tok.text) + ctx.offset
        else:
            s, e = core.start_char + ctx.offset, core.end_char + ctx.offset
        try:
            ent_, _conf = ctx.resolver.resolve_mention(s, e)
        except Exception:  # a resolver slip must not cost the event
            log.warning("speaker resolver failed on %r; the event keeps its text actor",
                        tok.text, exc_info=log.isEnabledFor(logging.DEBUG))
            ent_ = None
        if ent_ is not None:
            for ms, me in ent_.mentions:
                if (ms, me) in ctx.speaker_by_mention:
                    sid, name = ctx.speaker_by_mention[(ms, me)]
                    return Who(sid, name, "pronoun" if low in PRONOUNS else "coreference")
            return Who(ent_.sid, ent_.name, "pronoun" if low in PRONOUNS else "coreference")
        if low in PRONOUNS:
            return None
        name = clean_name(own_text(core))
        how = "entity" if ent is not None else "name" if tok.pos_ == "PROPN" else "agent_noun"
        return Who(slug(name), name, how) if name else None
    return None


def thing(tok) -> Optional[Who]:
    """A target that is not an actor ("a maternity hospital"): named by its words."""
    if tok is None or tok.lower_ in NOT_ACTORS or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    name = clean_name(own_text(_core(tok)))
    return Who(slug(name), name) if name else None
