"""Events: typed who→whom actions (CAMEO-like) from the one parse of the article.

A trigger is a verb (or an action noun with a named actor) whose lemma is in
:data:`VERBS` / :data:`NOUNS`.  Its actor is the subject (or the agent of a
passive, or a noun's possessor), its target the object or the preposition the
type asks for ("demand … from X", "call on X", "meet with X").  Actors and
targets resolve like speakers: the speaker of the attribution whose source is
the actor, else the speaker with that mention, else the gazetteer (countries,
capitals, demonyms → governments), else the article's :class:`Resolver`.  An
event whose trigger is an attribution's cue, or lies inside its content, is
linked to that attribution (and "we" inside a quote is its speaker).

Actors are resolved in :mod:`.actors`; the recipient is chosen among the parse's options by
:mod:`.recipient` (learned; the type's own slot above is one option); PLOVER types in
:mod:`.plover`; whether it happened in :mod:`.happening` (rules) and :mod:`.happening_model`
(learned); one event per happening in :mod:`.merge`.  Each event gets a date from the time
expression of its own clause or sentence (see :mod:`onrecord.events.timex`), or from the
sentence of the statement it belongs to, with the basis of that date.  One pass over the sentences; every
lookup is by token or by sorted offsets, so the work is linear in the text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from onrecord.events import happening_model as hm
from onrecord.events import recipient as rc
from onrecord.events import timex
from onrecord.events.actors import AGENT_NOUN, PRONOUNS, Who, actor_of, build_context, country, thing
from onrecord.events.happening import LIGHT_VERBS, line_reason, no_actor, not_happened
from onrecord.events.happening import negated as is_negated
from onrecord.events.merge import consolidate
from onrecord.events.plover import AID_OBJECTS, actor_type, plover_of, sense_of
from onrecord.events.timex import time_expressions
from onrecord.events.timex import time_for as _time_for
from onrecord.model import Attribution, Event, Record, Span
from onrecord.resolve.speakers import Resolver
from onrecord.text import break_pattern, original_text

# lemma → event type (verbs)
VERBS: dict[str, str] = {
    **dict.fromkeys(["accuse", "blame", "allege", "condemn", "denounce", "criticize", "criticise",
                     "slam", "lambaste", "lambast", "castigate", "fault", "decry", "sue"], "accuse"),
    **dict.fromkeys(["deny", "refute", "rebut"], "deny"),
    **dict.fromkeys(["demand", "insist"], "demand"),
    **dict.fromkeys(["urge", "call", "appeal", "exhort", "request"], "call_for"),
    **dict.fromkeys(["propose", "suggest", "offer", "recommend"], "propose"),
    **dict.fromkeys(["pledge", "promise", "vow", "guarantee"], "pledge"),
    **dict.fromkeys(["meet", "confer", "host"], "meet"),
    **dict.fromkeys(["agree", "sign", "accept"], "agree"),
    **dict.fromkeys(["warn", "caution"], "warn"),
    **dict.fromkeys(["threaten"], "threaten"),
    **dict.fromkeys(["attack", "strike", "bomb", "shell", "invade", "shoot", "assault", "raid",
                     "kill", "assassinate", "behead", "torture", "kidnap", "abduct", "hijack",
                     "ambush", "massacre"], "attack"),
    **dict.fromkeys(["detain", "arrest", "interrogate", "imprison", "jail"], "detain"),
    # the PLOVER types the project types above leave out
    **dict.fromkeys(["support", "back", "endorse", "praise", "welcome", "commend", "applaud",
                     "hail", "thank", "recognize", "recognise", "apologize", "apologise"], "support"),
    **dict.fromkeys(["cooperate", "collaborate"], "cooperate"),
    **dict.fromkeys(["donate", "aid"], "aid"),
    **dict.fromkeys(["withdraw", "retreat", "release", "free", "surrender"], "retreat"),
    **dict.fromkeys(["concede", "yield", "capitulate", "relent"], "concede"),
    **dict.fromkeys(["sanction", "expel", "embargo"], "sanction"),
    **dict.fromkeys(["deploy", "mobilize", "mobilise"], "mobilize"),
    **dict.fromkeys(["deport", "ban", "censor", "seize", "confiscate", "indict", "prosecute"], "coerce"),
    **dict.fromkeys(["visit", "phone", "telephone", "negotiate", "mediate"], "consult"),
    **dict.fromkeys(["investigate", "probe"], "investigate"),
    **dict.fromkeys(["reject", "dismiss"], "reject"),   # deny if the object is an accusation
    **dict.fromkeys(["protest", "demonstrate", "rally", "march"], "protest"),
}
# action nouns: need an actor of their own (possessor, "by X", a modifier)
NOUNS: dict[str, str] = {
    **dict.fromkeys(["accusation", "allegation"], "accuse"),
    **dict.fromkeys(["denial"], "deny"),
    **dict.fromkeys(["demand"], "demand"),
    **dict.fromkeys(["call", "appeal"], "call_for"),
    **dict.fromkeys(["proposal", "offer"], "propose"),
    **dict.fromkeys(["pledge", "promise"], "pledge"),
    **dict.fromkeys(["meeting", "talk", "summit"], "meet"),
    **dict.fromkeys(["warning"], "warn"),
    **dict.fromkeys(["threat"], "threaten"),
    **dict.fromkeys(["attack", "war", "strike", "invasion", "aggression", "bombing"], "attack"),
    **dict.fromkeys(["interrogation", "detention", "arrest"], "detain"),
    **dict.fromkeys(["protest", "demonstration", "rally"], "protest"),
    **dict.fromkeys(["airstrike", "raid", "assault", "offensive"], "attack"),
    **dict.fromkeys(["sanction", "embargo", "expulsion"], "sanction"),
    **dict.fromkeys(["ceasefire", "truce", "withdrawal", "release"], "retreat"),
    **dict.fromkeys(["aid", "assistance"], "aid"),
    **dict.fromkeys(["visit", "negotiation"], "meet"),
    **dict.fromkeys(["investigation", "probe", "inquiry"], "investigate"),
    **dict.fromkeys(["lawsuit", "condemnation", "criticism"], "accuse"),
    **dict.fromkeys(["request"], "call_for"),
    **dict.fromkeys(["deployment", "mobilization", "mobilisation"], "mobilize"),
    **dict.fromkeys(["ban", "crackdown"], "coerce"),
}
# giving verbs: with an object of aid ("sent weapons", "provided humanitarian assistance")
_MATERIAL = {"aid", "cooperate", "retreat", "concede", "sanction", "mobilize", "consult", "meet"}
_GIVING = {"provide", "send", "give", "supply", "deliver", "extend", "donate", "ship", "allocate",
           "grant", "pledge"}
SPEECH_TYPES = {"accuse", "deny", "demand", "call_for", "propose", "pledge", "warn", "threaten"}
_ACCUSATION_WORDS = {"accusation", "allegation", "charge", "claim", "report", "assertion",
                     "suggestion", "accusations", "allegations", "charges", "claims", "reports"}
# "will render/provide … assistance" said by someone: a pledge of that speaker
_COMMISSIVE = {"render", "provide", "give", "send", "supply", "deliver", "extend", "help",
               "assist", "support", "defend", "protect"}
_TRIGGER_LEMMAS = frozenset(VERBS) | frozenset(NOUNS) | _GIVING | _COMMISSIVE | {"turn", "take"}  # (+ protests)
# which prepositions carry the target, by type
_TARGET_PREPS: dict[str, tuple[str, ...]] = {
    "accuse": ("against",), "deny": (), "demand": ("from", "of"), "call_for": ("on", "upon", "to"),
    "propose": ("to",), "pledge": ("to",), "meet": ("with",), "agree": ("with",),
    "warn": ("against",), "threaten": (), "attack": ("on", "against"), "detain": (),
    "reject": (), "protest": ("against",), "support": (), "aid": ("to",), "cooperate": ("with",),
    "retreat": ("from",), "concede": ("to",), "sanction": (), "mobilize": ("to", "against"),
    "coerce": (), "consult": ("with",), "investigate": (),
}
_NOUN_TARGET_PREPS: dict[str, tuple[str, ...]] = {
    "accuse": ("against",), "deny": (), "demand": ("from", "on"), "call_for": ("to", "on"),
    "propose": ("to",), "pledge": ("to",), "meet": ("with",), "warn": ("to",),
    "threaten": ("to", "against"), "attack": ("on", "against"), "detain": ("of",),
    "protest": ("against",), "sanction": ("on", "against"), "retreat": ("from",), "aid": ("to", "for"),
    "investigate": ("into", "of"), "mobilize": ("to",), "coerce": ("on", "against"), "consult": ("with",),
}


@dataclass
class ActionEvent(Event):
    """An :class:`Event` with the evidence that explains it."""
    actor_name: Optional[str] = None
    target_name: Optional[str] = None
    trigger: Optional[Span] = None
    verb: Optional[str] = None
    object: Optional[str] = None
    location: Optional[str] = None
    negated: bool = False
    time: Optional[Span] = None
    trigger_kind: str = "verb"      # verb | noun
    # PLOVER (:mod:`.plover`): type, mode, context; actor and recipient kinds
    plover: Optional[str] = None
    mode: Optional[str] = None
    context: Optional[str] = None
    actor_type: Optional[str] = None
    target_type: Optional[str] = None
    country: Optional[str] = None
    reported_by: Optional[dict] = None      # {"id", "name"} of the speaker who tells it
    evidences: list = field(default_factory=list)   # every telling of the happening
    not_happened: Optional[str] = None      # why a candidate is no event (never in record.events)
    p_happened: Optional[float] = None      # the learned step's probability (happening_model)
    features: dict = field(default_factory=dict, repr=False, compare=False)   # never serialised
    recipients: list = field(default_factory=list, repr=False, compare=False)   # recipient.options

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.update({
            "actor_name": self.actor_name, "target_name": self.target_name,
            "trigger": self.trigger.to_dict() if self.trigger else None,
            "verb": self.verb, "object": self.object, "location": self.location,
            "negated": self.negated, "time": self.time.to_dict() if self.time else None,
            "trigger_kind": self.trigger_kind,
            "plover": self.plover, "mode": self.mode, "context": self.context,
            "actor_type": self.actor_type, "recipient": self.target,
            "recipient_name": self.target_name, "recipient_type": self.target_type,
            "country": self.country, "reported_by": self.reported_by, "p_happened": self.p_happened,
            "stated_by": "reported" if self.reported_by else "author",
            "evidences": [{"start": e.start, "end": e.end} for e in self.evidences or [self.evidence]],
        })
        return d


def _child(tok, *deps):
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(tok, preps: tuple[str, ...]):
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "prt") and c.lower_ in preps:   # "called on(prt) Sanders"
            o = _child(c, "pobj")
            if o is not None:
                return o
    return None


_RELATIVE = ("who", "that", "which")
_NOT_OWNERS = {"one", "everyone", "anyone", "someone", "today", "yesterday", "year", "week"}


def _antecedent(verb):
    """The noun a relative clause headed by ``verb`` is about, climbing an apposition to the
    name it describes ("Harlan Crow, a Texas developer, who had supported …": Crow)."""
    n = verb.head
    if n.dep_ == "appos" and n.pos_ == "NOUN" and n.head.pos_ == "PROPN" and n.head.i != n.i:
        n = n.head
    return n


def _subject(tok):
    """nsubj of ``tok``, climbing through xcomp/conj/advcl that share it; a relative pronoun
    ("who backed …") stands for the noun its clause is about."""
    t = tok
    for _ in range(4):
        s = _child(t, "nsubj")
        if s is not None:
            if s.lower_ in _RELATIVE and t.dep_ == "relcl" and t.head.i != t.i:
                return _antecedent(t)
            return s
        if t.dep_ in ("xcomp", "conj", "advcl") and t.head.i != t.i:
            t = t.head
            continue
        return None
    return None


def _owner(ctx, tok):
    """The actor a thing acted on belongs to: "praised the president's actions", "condemned
    North Korea's claim" act on the president and North Korea (``tok`` when it names an
    actor itself or has no possessor)."""
    if tok is None or tok.pos_ != "NOUN" or tok.i in ctx.ent_of or AGENT_NOUN.match(tok.lemma_):
        return tok
    poss = _child(tok, "poss")
    if poss is None or poss.lower_ in PRONOUNS or poss.pos_ not in ("PROPN", "NOUN") or poss.lower_ in _NOT_OWNERS:
        return tok
    return poss


def _text_of(tok) -> str:
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text


def _location(tok) -> Optional[str]:
    for c in list(tok.children) + [x for x in tok.children if x.dep_ == "pobj"]:
        if c.dep_ == "prep" and c.lower_ == "in":
            o = _child(c, "pobj")
            if o is not None and o.ent_type_ in ("GPE", "LOC", "FAC"):
                return o.text
    for c in tok.subtree:
        if c.dep_ == "prep" and c.lower_ == "in" and c.head.dep_ == "pobj":
            o = _child(c, "pobj")
            if o is not None and o.ent_type_ in ("GPE", "LOC", "FAC"):
                return o.text
    return None


def _evidence(tok, offset: int) -> tuple[int, int]:
    """The trigger's sentence, cut to its paragraph (the parser may run sentences across)."""
    sent = tok.sent
    text = sent.text
    rel = tok.idx - sent.start_char
    a, b = 0, len(text)
    for m in break_pattern(original_text(tok.doc)).finditer(text):
        if m.end() <= rel:
            a = m.end()
        else:
            b = m.start()
            break
    piece = text[a:b]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return sent.start_char + a + lead + offset, sent.start_char + b - trail + offset


@dataclass
class EventContext:
    """What the events stage built for an article, for the stages after it (one resolver,
    one resolution of the time expressions)."""
    actors: Any
    whens: dict[int, list[tuple[Any, timex.When]]]


def extract_events(record: Record, doc, offset: int, resolver: Optional[Resolver] = None) -> EventContext:
    """Fill ``record.events`` from the parse ``doc`` of ``record.text[offset:…]``; ``resolver``
    is the one :func:`onrecord.resolve.resolve_speakers` built for this document."""
    ctx = build_context(record, doc, offset, resolver)
    published = record.document.published
    whens = time_expressions(doc, published)
    events: list[ActionEvent] = []
    seen: set[tuple] = set()
    chrome = sorted((c.start, c.end) for c in record.document.chrome)
    model, rmodel = hm.load(), rc.load()

    def when_of(tok, att: Optional[Attribution]):
        got = _time_for(tok, tok.sent, whens)
        if got is None and att is not None and att.cue is not None:
            cue = ctx.token_span(att.cue.start, att.cue.end)
            if cue is not None and len(cue) and cue.sent.start != tok.sent.start:
                got = _time_for(cue.root, cue.sent, whens)
                if got is not None:
                    ent, w = got
                    w = timex.When(w.date, w.basis + " (time of the statement)", w.text)
                    got = (ent, w)
        return got

    def add(type_: str, tok, actor: Optional[Who], target: Optional[Who], att: Optional[Attribution],
            obj: Optional[str] = None, negated: bool = False, light=None) -> None:
        if actor is None:
            return
        if target is not None and target.id == actor.id:
            target = None
        s, e = _evidence(tok, offset)
        key = (type_, actor.id, target.id if target else None, tok.sent.start)
        if key in seen:
            return
        seen.add(key)
        got = when_of(tok, att)
        if got is not None:
            ent, w = got
            date, basis = w.date, w.basis
            tspan = record.span(ent.start_char + offset, ent.end_char + offset)
        else:
            date, tspan = None, None
            basis = "none: no time expression in the clause"
            vague = next((c for c in tok.children if c.dep_ == "advmod" and c.lower_ in
                          ("earlier", "previously", "before", "recently", "later")), None)
            if vague is not None:
                basis = f"vague:'{vague.text}'"
            if published:
                basis += f"; reported on or before {published}"
        head = light if light is not None else tok
        lemma = tok.lemma_.lower()
        modal = any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "’ll", "'ll") for c in head.children)
        # "Moscow will render …", "we will provide …" said by the actor: an intent (AGREE)
        subj = _subject(head)
        pledge = (type_ == "pledge" and lemma not in VERBS) or (
            modal and type_ in _MATERIAL and att is not None and att.speaker is not None
            and actor.id == att.speaker.id and not light and subj is not None
            and subj.lower_ in ("we", "i"))
        clause = doc[head.left_edge.i:head.right_edge.i + 1].text if head.right_edge.i - head.left_edge.i < 80 \
            else tok.sent.text
        got_type = plover_of(type_, lemma, obj, clause, tok.sent.text, target is not None, pledge,
                             subj is not None and subj.lower_ in ("we", "i"))
        reason = "negated" if negated else (
            not_happened(tok, pledge)
            or line_reason(record.text, s, e, chrome) or no_actor(actor.name))
        in_content = att is not None and ctx.cues.get(head.i) is not att
        feats = hm.features(tok, head, type_, got_type[0] if got_type else None, reason,
                            ctx.cues.get(head.i) is not None, in_content, actor.name,
                            actor_type(actor.name, None, country(actor.name) is not None),
                            target is not None, record.text, s, tok.idx + offset, actor.how,
                            got is not None)
        opts = rc.options(tok, head, got_type[0] if got_type else None, lambda t: actor_of(ctx, t, att) or thing(t),
                          actor, target)
        if rmodel is not None:
            pick = rc.choose(rmodel, opts)
            target = Who(pick["id"], pick["name"]) if pick is not None else None
        events.append(ActionEvent(
            type=type_, actor=actor.id, target=target.id if target else None, date=date,
            date_basis=basis, evidence=Span(s, e), attribution=att.id if att else None,
            actor_name=actor.name, target_name=target.name if target else None,
            trigger=record.span(tok.idx + offset, tok.idx + len(tok.text) + offset),
            verb=lemma, object=obj, location=_location(head), negated=negated,
            time=tspan, trigger_kind="noun" if tok.pos_ == "NOUN" else "verb",
            plover=got_type[0] if got_type else None, mode=got_type[1] if got_type else None,
            context=got_type[2] if got_type else None, not_happened=reason,
            p_happened=hm.probability(model, feats), features=feats, recipients=opts))

    for tok in ctx.tokens(("VERB", "AUX", "NOUN"), _TRIGGER_LEMMAS):   # (no other word triggers an event)
        lemma = tok.lemma_.lower()
        att = ctx.cues.get(tok.i) or ctx.attribution_at(tok.idx + offset)
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and lemma in VERBS
                                           and tok.tag_.startswith("VB")):
            type_ = VERBS.get(lemma)
            if type_ is not None:
                type_ = sense_of(type_, tok)     # "struck a deal", "thank you", "it turns out" …
                if type_ is None:
                    continue
            if type_ == "protest" or (lemma == "turn" and any(c.dep_ == "prt" and c.lower_ == "out"
                                                               for c in tok.children)) or \
                    (lemma == "take" and any(c.lower_ == "to" and any(
                        g.lower_ in ("streets", "street") for g in c.children) for c in tok.children)):
                who = _subject(tok)
                actor = actor_of(ctx, who, att) if who is not None else None
                if actor is None and who is not None:
                    actor = Who("protesters", _text_of(who).strip(" “”\"") or "protesters", "crowd")
                tgt = _pobj(tok, ("against",))
                if sense_of("protest", tok) is None:
                    continue
                add("protest", tok, actor, actor_of(ctx, tgt, att) if tgt is not None else None, att, None,
                    is_negated(tok))
                continue
            if type_ is None and lemma in _GIVING:
                d = _child(tok, "dobj")
                if d is not None and AID_OBJECTS.search(" ".join(t.text for t in d.lefts) + " " + d.text):
                    type_ = "aid"     # "sent weapons", "provided humanitarian assistance"
            if type_ is None:
                # "Moscow will render Yerevan all necessary assistance": a pledge of the speaker
                if lemma in _COMMISSIVE and att is not None and att.speaker is not None and \
                        any(c.lower_ in ("will", "shall", "’ll", "'ll") for c in tok.children):
                    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
                    tgt_tok = next((c for c in objs if c.ent_type_ or c.pos_ == "PROPN"
                                    or country(c.text)), None) or _pobj(tok, ("to",))
                    what = next((c for c in objs if c is not tgt_tok), None)
                    if what is None or not AID_OBJECTS.search(_text_of(what)):
                        continue      # "will deliver the keynote address": no aid pledged
                    add("pledge", tok, Who(att.speaker.id, att.speaker.name, "cue"), actor_of(ctx, tgt_tok, att),
                        att, _text_of(what) if what is not None else None, is_negated(tok))
                continue
            if type_ == "call_for" and lemma == "call":
                if _child(tok, "oprd") is not None or not any(
                        c.i > tok.i and c.dep_ == "prep" and c.lower_ in ("on", "upon", "for")
                        for c in tok.children) and _child(tok, "xcomp") is None:
                    continue
            passive = _child(tok, "nsubjpass") is not None
            if passive:
                agent = _child(tok, "agent")
                actor_tok = _child(agent, "pobj") if agent is not None else None
                target_tok = _child(tok, "nsubjpass")
            else:
                actor_tok = _subject(tok)
                target_tok = None
            dobj = _child(tok, "dobj")
            if type_ in ("accuse", "attack", "detain", "warn", "threaten", "support", "sanction",
                         "coerce", "investigate", "consult") and not passive:
                target_tok = dobj
            if target_tok is None:
                target_tok = _pobj(tok, _TARGET_PREPS.get(type_, ()))
                if target_tok is None and dobj is not None:
                    target_tok = _pobj(dobj, _TARGET_PREPS.get(type_, ()))
            if target_tok is None and type_ in ("propose", "pledge", "call_for", "warn"):
                target_tok = _child(tok, "dative") or (dobj if type_ in ("call_for", "warn") else None)
            comp = _child(tok, "ccomp", "xcomp")   # "urged Sanders to join": who is asked
            if target_tok is None and type_ in ("call_for", "demand", "warn") and comp is not None:
                target_tok = _child(comp, "nsubj")
            obj = None
            if type_ == "accuse":
                of = _pobj(tok, ("of", "for", "with"))
                prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "with")), None)
                pc = _child(prep, "pcomp") if prep is not None else None
                obj = _text_of(pc) if pc is not None else (_text_of(of) if of is not None else None)
            elif dobj is not None and dobj is not target_tok:
                obj = _text_of(dobj)
            if type_ == "reject":
                if dobj is not None and (dobj.lemma_.lower() in _ACCUSATION_WORDS or dobj.lower_ in _ACCUSATION_WORDS):
                    type_ = "deny"
            if type_ == "deny" and dobj is not None and dobj.lower_ not in _ACCUSATION_WORDS \
                    and dobj.lemma_.lower() not in _ACCUSATION_WORDS and dobj.pos_ == "PROPN":
                target_tok = dobj
            actor = actor_of(ctx, actor_tok, att)
            # a statement's cue: the statement's speaker is the actor
            if actor is None and att is not None and ctx.cues.get(tok.i) is att and \
                    att.speaker is not None:
                actor = Who(att.speaker.id, att.speaker.name, "cue")
            if target_tok is None and dobj is not None and _owner(ctx, dobj) is not dobj:
                target_tok = dobj          # "dismissed Clinton's charges": Clinton
            target_tok = _owner(ctx, target_tok)
            target = actor_of(ctx, target_tok, att) if target_tok is not None else None
            if target is None and type_ in ("attack", "detain", "threaten", "warn", "accuse", "coerce",
                                            "sanction", "investigate"):
                target = thing(target_tok)
            # agree: "Armenia and Azerbaijan agreed" → each other
            if type_ in ("agree", "meet") and target is None and actor_tok is not None:
                conj = _child(actor_tok, "conj")
                if conj is not None:
                    target = actor_of(ctx, conj, att)
            if type_ == "deny" and target is None:
                # denying an accusation: the target is who accused the denier
                for ev in reversed(events):
                    if ev.type == "accuse" and actor is not None and ev.target == actor.id:
                        target = Who(ev.actor, ev.actor_name or ev.actor)
                        break
            if att is None and actor is not None:
                # "Baku denied the accusation, saying: …" — the statement of this sentence
                for c in tok.sent:
                    a2 = ctx.cues.get(c.i)
                    if a2 is not None and a2.speaker is not None and a2.speaker.id == actor.id:
                        att = a2
                        break
            add(type_, tok, actor, target, att, obj, is_negated(tok))
        elif tok.pos_ == "NOUN" and lemma in NOUNS:
            type_ = NOUNS[lemma]
            actor_tok = _child(tok, "poss")
            if actor_tok is None:
                # broken parses: "Russia ’s “ call" — the possessor just before the noun
                j = tok.i - 1
                while j > tok.sent.start and doc[j].is_punct and doc[j].lower_ not in ("’s", "'s"):
                    j -= 1
                if j > tok.sent.start and doc[j].lower_ in ("’s", "'s"):
                    actor_tok = doc[j - 1]
            if actor_tok is None:
                for c in tok.lefts:
                    if c.dep_ in ("amod", "compound") and (country(c.text) or c.ent_type_ in ("NORP", "GPE", "ORG")):
                        actor_tok = c
                        break
            if actor_tok is None:
                agent = _pobj(tok, ("by",))
                actor_tok = agent
            light = None
            if lemma == "call" and (tok.dep_ == "dobj" and tok.head.lemma_.lower() in (
                    "have", "make", "hold", "receive", "take") or any(c.lower_ in ("phone", "telephone")
                                                                     for c in tok.lefts)):
                type_ = "consult"      # "had over 60 calls", "a phone call": telephone calls
            if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in LIGHT_VERBS:
                # "launched an attack", "held talks", "imposed sanctions": the light verb's subject
                light = tok.head
                if actor_tok is None or actor_tok.dep_ not in ("poss",):
                    if tok.dep_ == "nsubjpass":
                        ag = _child(light, "agent")
                        actor_tok = _child(ag, "pobj") if ag is not None else actor_tok
                    else:
                        actor_tok = _subject(light) or actor_tok
            if actor_tok is None:
                continue
            if actor_tok.lower_ in PRONOUNS and actor_tok.lower_ not in ("its", "their", "his", "her"):
                continue
            if type_ == "meet" and lemma == "talk" and tok.tag_ != "NNS":
                continue
            target_tok = _pobj(tok, _NOUN_TARGET_PREPS.get(type_, ()))
            if target_tok is None and light is not None:
                target_tok = _pobj(light, _NOUN_TARGET_PREPS.get(type_, ()) + ("with", "to", "on", "against")) \
                    or _child(light, "dative")
            actor = actor_of(ctx, actor_tok, att)
            if actor is None and light is not None and att is not None and ctx.cues.get(light.i) is att \
                    and att.speaker is not None:
                actor = Who(att.speaker.id, att.speaker.name, "cue")
            target = actor_of(ctx, target_tok, att) if target_tok is not None else None
            add(type_, tok, actor, target, att, None, False, light)
    events.sort(key=lambda e: (e.evidence.start, e.trigger.start if e.trigger else 0))
    record.event_candidates = events
    record.events = consolidate(record, events, model)
    return EventContext(ctx, whens)
