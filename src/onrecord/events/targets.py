"""Whom a statement is about, and the speaker's stance toward each: candidates and features.

Decides nothing by itself: it lists the **candidates** — every person, organisation, country
or group a statement's content (or its cue's object: "accused *Washington* of …", "praised
*Germany* for …") mentions, resolved to an entity the way event actors are
(:class:`Mentions`: a mention of an entity the article's resolver knows is that entity, a
country, capital or demonym its government, "he"/"she"/"they" the latest person or
organisation before it, another name itself; the speaker and first-person pronouns are
never a target, "you" in a quotation is the addressee) — and describes each by features
from the parse and the cue lexicon classes; :mod:`.stance_model` scores them with weights
learned from ``corpus/whom`` (``scripts/train_whom.py``).

Target features: the grammatical role of the mention (object of the cue, subject or object of
the content's main verb, possessor, …), its order and count in the content, its entity label,
whether it is the addressee, the cue's class.  Stance features: the cue lemma and class, the
lemmas of the content (and of the clause holding the target), negation, question, the
target's role, the speaker's type, the pipeline's own tok2vec vectors of the cue and the
target's head, the valences of :mod:`.valence`, the own side and speech acts of
:mod:`.stance_cues`, and their signed sums (:func:`.stance_cues.pooled`).
"""
from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import numpy as np
from spacy.attrs import ENT_TYPE, IS_ALPHA, LOWER, ORTH, POS, PREFIX, TAG

from onrecord.attribute.cue_words import cue_class
from onrecord.events import stance_cues, valence
from onrecord.events.actors import FIRST_PERSON, Who, country
from onrecord.text import clean_name, own_text, slug

log = logging.getLogger(__name__)

_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
_PRONOUNS = {"he", "she", "him", "her", "they", "them", "his", "their", "its", "it"}
_SKIP_LEMMAS = {"people", "thing", "way", "time", "year", "day", "lot", "part", "percent",
                "country", "world", "issue", "question", "problem", "fact", "point", "case"}
_AGENTS = {"government", "administration", "regime", "party", "campaign", "committee", "court",
           "congress", "senate", "ministry", "department", "embassy", "military", "army", "police",
           "officials", "republicans", "democrats", "media", "press", "establishment", "leaders",
           "company", "companies", "board", "council", "union", "agency", "fbi", "justice"}
_NEG = {"not", "n't", "never", "no", "nothing", "nobody"}
# lexicon classes the stance model weighs (it learns how much each counts): verbs of judging
# by their polarity, and evaluative words of the content
CUE_POLARITY = {
    **dict.fromkeys("""accuse attack blame blast castigate chastise chide condemn criticize criticise
        decry denounce deride disparage excoriate fault lambaste lambast mock rebuke reject ridicule
        scold slam threaten warn assail berate belittle question challenge dismiss deplore oppose
        slam rip knock bash hammer pan skewer liken smear vilify impugn indict sue deny""".split(), "neg"),
    **dict.fromkeys("""praise applaud commend hail laud thank congratulate welcome endorse support back
        defend champion celebrate salute honor honour compliment admire embrace cheer tout
        credit""".split(), "pos"),
}
EVALUATIVE = {
    **dict.fromkeys("""fraud liar lie lies corrupt crooked dangerous disgusting failure failed fail
        disaster terrible horrible awful wrong illegal unacceptable outrageous shameful threat
        aggression aggressive belligerent blatant harassment intimidation pressure obstruction
        crime crimes criminal rogue hypocrisy propaganda scam incompetent weak unfit insane stupid
        destroy damage attack violate violation abuse bully petulant divisive racist sexist hate
        hateful catastrophic reckless irresponsible deplorable deplorables impunity undermine
        unstable chaos mess bad worse worst problem problems killing killed dead death
        provocation provocative illegitimate false fake""".split(), "neg"),
    **dict.fromkeys("""great good best better qualified strong strength leadership leader champion
        hero support supports proud honor honest trust trusted success successful win winning
        victory peace progress help helped protect hope thank thanks grateful gratitude
        congratulate pleased positive productive constructive important brilliant smart wise
        courageous unwavering commitment partner partnership ally friend friendly remarkable
        magic poignant powerful right""".split(), "pos"),
}
DENSE_DIM = 96
DENSE = "__dense__"   # the key of the tok2vec part (content mean, cue and target head mean)


@dataclass
class Candidate:
    who: Who
    first: int                       # token index of its first mention
    mention: tuple[int, int]         # character offsets (in the doc) of the best mention
    head: Any = None                 # best mention's token
    roles: set[str] = field(default_factory=set)
    count: int = 0
    label: str = "other"
    salience: int = 0                # mentions of it in the whole article
    features: dict[str, float] = field(default_factory=dict)


def _role(tok, root, cue, inside: Callable[[int], bool]) -> str:
    if not inside(tok.i) and cue is not None and (tok.head.i == cue.i or tok.head.head.i == cue.i):
        return "cue_obj" if tok.dep_ in ("dobj", "dative", "nsubjpass", "pobj") else "cue_other"
    if tok.dep_ in ("compound", "amod", "nmod", "poss"):
        # "slammed US intimidation", "Trump's tactics": a modifier of what the cue or the
        # content's main verb takes
        h = tok.head
        if cue is not None and (h.head.i == cue.i and h.dep_ in ("dobj", "pobj") or h.i == cue.i):
            return "cue_obj_mod"
        if root is not None and h.head.i == root.i and h.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return "main_arg_mod"
    if tok.dep_ == "poss":
        return "poss"
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return "subj_main" if root is not None and tok.head.i == root.i else "subj"
    if tok.dep_ in ("dobj", "attr", "oprd", "dative"):
        return "obj_main" if root is not None and tok.head.i == root.i else "obj"
    if tok.dep_ == "pobj":
        return "pobj"
    if tok.dep_ in ("conj", "appos"):
        return "conj"
    return "other"


# names the gazetteer reads otherwise ("American" is a demonym of several territories)
_US = {"american", "u.s", "u.s.", "us", "america", "usa", "united states", "the united states"}


def _country(text: str):
    if text.strip().lower() in _US:
        return "united-states", "United States"
    return country(text)


class Mentions:
    """Token → entity for the candidate mentions of one article, built once from the events
    stage's resolver (its entities and their mentions) and the gazetteer.  Cheaper than the
    coreference ranker the speakers need: a target is rarely a pronoun far from its name."""

    def __init__(self, ctx, triggers: frozenset = frozenset()):
        self.ctx = ctx
        self.res = ctx.resolver
        self.at: dict[int, object] = {}
        doc, off = ctx.doc, ctx.offset
        for ent in self.res.entities:
            for ms, me in ent.mentions:
                span = doc.char_span(ms - off, me - off, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    self.at.setdefault(t.i, ent)
        self.cache: dict[int, Optional[Who]] = {}
        self.forms: dict[str, int] = {}
        if len(doc):   # (counted over the LOWER array of the alphabetic tokens: no Token objects)
            la = doc.to_array([LOWER, IS_ALPHA]).astype(np.uint64)
            vals, counts = np.unique(la[la[:, 1] == 1, 0], return_counts=True)
            self.forms = {doc.vocab.strings[int(v)]: int(c) for v, c in zip(vals, counts)}
        # the tokens that can be a candidate mention, found in one pass over the article
        self.heads: list[int] = []
        self.triggers: list[int] = []     # tokens whose lower-case text is in ``triggers``
        if not len(doc):
            return
        # (one pass over the article's attribute arrays for both; only a token that can be
        # a mention at all — see _is_mention — is asked whether it is one)
        sid = doc.vocab.strings

        def ids(names) -> np.ndarray:   # (uint64, as the arrays: no float comparison)
            return np.array([sid[x] for x in names], dtype=np.uint64)

        arr = doc.to_array([POS, TAG, ENT_TYPE, ORTH, LOWER, PREFIX]).astype(np.uint64)
        maybe = np.isin(arr[:, 0], ids(("PRON", "PROPN", "NOUN"))) | np.isin(arr[:, 1], ids(("PRP$",))) \
            | np.isin(arr[:, 2], ids(_LABELS)) | np.isin(arr[:, 3], ids(_ABBREVIATIONS)) \
            | (arr[:, 5] == np.uint64(sid["@"]))     # a handle, whatever its tag
        self.heads = [i for i in np.flatnonzero(maybe).tolist() if _is_mention(doc[i])]
        self.triggers = np.flatnonzero(np.isin(arr[:, 4], ids(triggers))).tolist()

    def within(self, ranges) -> list:
        """The candidate mention tokens inside the token ranges ``[(start, end), …]``."""
        doc = self.ctx.doc
        return [doc[i] for a, b in ranges
                for i in self.heads[bisect.bisect_left(self.heads, a):bisect.bisect_left(self.heads, b)]]

    def salience(self, tok) -> int:
        """How often the article names the entity of a mention: its resolver entity's mentions,
        else the mention's own word."""
        ent = self.at.get(tok.i)
        return max(len(ent.mentions) if ent is not None else 0, self.forms.get(tok.lower_, 0))

    def _ref(self, ent) -> Who:
        for ms, me in ent.mentions:
            hit = self.ctx.speaker_by_mention.get((ms, me))
            if hit is not None:
                return Who(*hit)
        return Who(ent.sid, ent.name)

    def who(self, tok) -> Optional[Who]:
        if tok.i not in self.cache:
            self.cache[tok.i] = self._who(tok)
        return self.cache[tok.i]

    def who_or_none(self, tok, what: str) -> Optional[Who]:
        """``who(tok)``, or None when the resolver fails on it (logged: a resolver slip must
        not cost the statement its ``what``, e.g. "target" or "addressee")."""
        try:
            return self.who(tok)
        except Exception:
            log.warning("speaker resolver failed on %r; no %s from it", tok.text, what,
                        exc_info=log.isEnabledFor(logging.DEBUG))
            return None

    def _handle(self, handle: str) -> Who:
        """"@realDonaldTrump", "@HillaryClinton": the page's speaker or entity whose full name
        the handle spells (every word of it, in order), else the handle itself."""
        low = handle.lower()
        names = [(sid, name) for sid, name in self.ctx.speaker_names.items()] + \
            [(e.sid, e.name) for e in self.res.entities]
        best = None
        for sid, name in names:
            words = [w for w in name.lower().replace(".", " ").split() if w.isalpha()]
            if len(words) >= 2 and "".join(words) in low or len(words) == 1 and len(words[0]) >= 4 and low == words[0]:
                if best is None or len(name) > len(best[1]):
                    best = (sid, name)
        return Who(*best) if best is not None else Who(slug(handle), "@" + handle)

    def _who(self, tok) -> Optional[Who]:
        low = tok.lower_
        off = self.ctx.offset
        if low in _PRONOUNS:
            if low == "it":
                return None
            person = low in ("he", "him", "his", "she", "her")
            fem = low in ("she", "her") if person else None
            types = ("person",) if person else ("organization", "government", "media")
            ent = self.res._antecedent(tok.idx + off, types, fem)
            return self._ref(ent) if ent is not None else None
        if tok.i in self.ctx.speaker_at:
            return Who(*self.ctx.speaker_at[tok.i])
        if tok.text.startswith("@") and len(tok.text) > 2:
            return self._handle(tok.text[1:])
        ent_span = self.ctx.ent_of.get(tok.i)
        core = ent_span if ent_span is not None and ent_span.label_ in _LABELS else None
        if core is None:
            start = tok.i
            for c in tok.lefts:
                if c.dep_ in ("compound", "amod") and c.i < tok.i:
                    start = min(start, c.i)
            core = tok.doc[start:tok.i + 1]
        full = _BY_ABBREVIATION.get(core.text.replace(".", ""))
        if full is not None:     # "the EU": the European Union, as the page's other mentions name it
            return Who(slug(full), self.ctx.speaker_names.get(slug(full), full))
        hit = _country(core.text)
        if hit is None and tok.pos_ == "NOUN":
            for c in tok.lefts:   # "the Russian government", "Chinese authorities"
                if c.dep_ in ("amod", "compound"):
                    hit = _country(c.text)
                    if hit:
                        break
        if hit is not None:
            return Who(hit[0], self.ctx.speaker_names.get(hit[0], hit[1]))
        ent = self.at.get(tok.i)
        if ent is not None:
            return self._ref(ent)
        name = clean_name(own_text(core))
        return Who(slug(name), name) if name else None


def _content_root(doc, ranges, inside):
    """The highest token of the content (its main verb, usually): climbing from the first
    token of each content span to a token whose head lies outside; of those, the widest."""
    best, size = None, -1
    for a, _ in ranges:
        t, steps = doc[a], 0
        while inside(t.head.i) and t.head.i != t.i and steps < 50:
            t, steps = t.head, steps + 1
        n = t.right_edge.i - t.left_edge.i
        if n > size:
            best, size = t, n
    return best


_ABBREVIATIONS = ("US", "U.S.", "U.S", "USA", "UK", "EU", "UN")
_BY_ABBREVIATION = {"EU": "European Union", "UN": "United Nations"}
_NOT_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW",
                 "WORK_OF_ART", "EVENT", "LANGUAGE", "PRODUCT"}


def _is_mention(tok) -> bool:
    low = tok.lower_
    if tok.ent_type_ in _NOT_ENTITIES:
        return False
    if tok.text in _ABBREVIATIONS:
        return True     # (not the pronoun "us"; a modifier too: "US intimidation")
    if tok.text.startswith("@") and len(tok.text) > 2 and tok.text[1:].replace("_", "").isalnum():
        return True     # a platform handle: "@realDonaldTrump"
    if low in _PRONOUNS and tok.pos_ == "PRON" or tok.tag_ == "PRP$" and low in _PRONOUNS:
        return True
    if tok.dep_ in ("compound", "flat") and tok.head.pos_ == "PROPN":
        return False
    if tok.pos_ == "PROPN" or (tok.ent_type_ in _LABELS and tok.dep_ != "compound"):
        return not (tok.ent_iob_ == "I" and tok.head.ent_iob_ != "O" and tok.head.i > tok.i)
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in _AGENTS


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def candidates(mentions: Mentions, att, ranges, cue, inside: Callable[[int], bool],
               addressee: Optional[Who], own_names: frozenset = frozenset(),
               speakers: frozenset = frozenset()) -> list[Candidate]:
    """The entities the statement mentions, with their features (not yet scored)."""
    speaker = att.speaker.id if att.speaker else None
    own = {n.lower() for n in own_names}
    root = _content_root(mentions.ctx.doc, ranges, inside)
    extra = []
    if cue is not None:
        for c in cue.children:
            if c.dep_ in ("dobj", "dative") and not inside(c.i):
                extra.append(c)
            if c.dep_ == "prep" and c.lower_ in ("about", "of", "on", "against", "for", "at", "over") \
                    and not inside(c.i):
                extra += [o for o in c.children if o.dep_ == "pobj"]
    found: dict[str, Candidate] = {}
    order = 0
    for tok in extra + mentions.within(ranges):
        if not _is_mention(tok) or (tok.lower_ in FIRST_PERSON and tok.text != "US"):
            continue
        if tok.lemma_.lower() in _SKIP_LEMMAS:
            continue
        who = mentions.who_or_none(tok, "target")
        if tok.lower_ in ("you", "your") and addressee is not None:
            who = addressee
        if who is None or who.id == speaker or not who.id or who.name.lower() in own or \
                tok.text.lower() in own:
            continue
        cand = found.get(who.id)
        role = _role(tok, root, cue, inside)
        if cand is None:
            cand = Candidate(who, order, (tok.idx, tok.idx + len(tok.text)), tok)
            cand.label = "PRON" if tok.pos_ == "PRON" or tok.tag_ == "PRP$" else (tok.ent_type_ or tok.pos_)
            found[who.id] = cand
            order += 1
        cand.roles.add(role)
        cand.count += 1
        if tok.pos_ != "PRON":
            cand.salience = max(cand.salience, mentions.salience(tok))
    cands = list(found.values())
    cc = cue_class(cue.lemma_.lower(), cue.pos_) if cue is not None else "none"
    for c in cands:
        f = c.features
        f["bias"] = 1.0
        for r in c.roles:
            f[f"role={r}"] = 1.0
            f[f"role={r}|cue={cc}"] = 1.0
        f[f"rank={min(c.first, 3)}"] = 1.0
        f[f"count={min(c.count, 3)}"] = 1.0
        f[f"label={c.label}"] = 1.0
        f[f"n_cands={min(len(cands), 4)}"] = 1.0
        if len(cands) == 1:
            f["sole"] = 1.0
        if _country(c.who.name) is not None:
            f["country"] = 1.0
            for r in c.roles:
                f[f"country|role={r}"] = 1.0
        if addressee is not None and c.who.id == addressee.id:
            f["is_addressee"] = 1.0
        if c.head is not None and root is not None:
            depth, h = 0, c.head
            while h.i != root.i and h.head.i != h.i and depth < 6:
                h, depth = h.head, depth + 1
            f[f"depth={min(depth, 3)}"] = 1.0
        f[f"kind={att.kind}"] = 1.0
        f[f"salience={_bucket(c.salience)}"] = 1.0
        if c.who.id in speakers:
            f["speaks_too"] = 1.0
        best = max((c2.salience for c2 in cands), default=0)
        if c.salience and c.salience == best:
            f["most_salient"] = 1.0
        if c.first == 0:
            for r in c.roles:
                f[f"first|role={r}"] = 1.0
        if c.head is not None:
            _parse_features(f, c.head, root, cue, inside)
    return cands


def _parse_features(f: dict[str, float], head, root, cue, inside: Callable[[int], bool]) -> None:
    """Target features from the parse around the best mention: the dependency path up to the
    content's root (or the cue), and how charged the word that governs it is (VADER valence
    read through the parse: "*attack* on Washington", "Trump *failed*", "Russia's *aggression*")."""
    path, t = [], head
    for _ in range(3):
        if t.head.i == t.i or (root is not None and t.i == root.i) or (cue is not None and t.i == cue.i):
            break
        path.append(t.dep_)
        t = t.head
    end = "root" if root is not None and t.i == root.i else "cue" if cue is not None and t.i == cue.i else "far"
    f[f"path={'/'.join(path[:2])}>{end}"] = 1.0
    gov = head.head
    if head.dep_ == "pobj" and gov.dep_ in ("prep", "agent"):
        f[f"prep={gov.lower_}"] = 1.0
        gov = gov.head
    if gov.i != head.i:
        v = abs(valence.signed(gov))
        if v:
            f["charged_gov"] = min(v, 3.0) / 2
    if head.dep_ in ("nsubj", "nsubjpass"):
        v = sum(abs(valence.signed(x)) for x in head.head.children
                if x.dep_ in ("acomp", "attr", "dobj", "oprd") and inside(x.i))
        if v:
            f["charged_pred"] = min(v, 3.0) / 2
    if head.dep_ in ("poss", "compound", "amod", "nmod"):
        v = abs(valence.signed(head.head))
        if v:
            f["charged_modified"] = min(v, 3.0) / 2


def none_features(att, cands: list[Candidate], cue, tokens, inside: Callable[[int], bool]) -> dict[str, float]:
    """Features of "the statement is about no one in particular" (the conditional logit's
    option beside the candidates): the statement's kind, cue class, its candidates' count and
    best roles, a first-person subject of its content."""
    cc = cue_class(cue.lemma_.lower(), cue.pos_) if cue is not None else "none"
    f = {"none|bias": 1.0, f"none|cue={cc}": 1.0, f"none|kind={att.kind}": 1.0,
         f"none|n_cands={min(len(cands), 4)}": 1.0}
    roles = {r for c in cands for r in c.roles}
    for r in ("cue_obj", "subj_main", "obj_main", "poss", "cue_obj_mod", "main_arg_mod"):
        if r in roles:
            f[f"none|has={r}"] = 1.0
    words = [t for t in tokens if inside(t.i)]
    if any(t.lower_ in ("i", "we") and t.dep_ in ("nsubj", "nsubjpass") for t in words):
        f["none|first_person_subj"] = 1.0
    f[f"none|len={_bucket(len(words) // 5)}"] = 1.0
    return f


def stance_features(doc, att, cand: Candidate, cue, tokens, inside: Callable[[int], bool],
                    side: tuple[frozenset, frozenset] = (frozenset(), frozenset()),
                    speaker_type: str = "unknown", cues: bool = True,
                    need: Callable[[str], bool] = lambda prefix: True) -> dict[str, float]:
    """Features of the speaker's stance toward one candidate (``side``: the words and countries
    of the speaker's name and role, :func:`.stance_cues.side_of`; ``speaker_type``: person,
    organization, government, media or unknown; ``cues``: also the features of
    :mod:`.stance_cues` and VADER's scores; ``need(prefix)``: whether the content's words
    (``w=``, ``eval=``), the clause's (``gov=``, ``cw=``, ``clause_``) and the dense vector
    (:data:`DENSE`) are wanted — all of them unless a model says it weighs none)."""
    f: dict[str, float] = {"bias": 1.0, f"speaker_type={speaker_type}": 1.0}
    if cue is not None:
        lemma = cue.lemma_.lower()
        f[f"cue={lemma}"] = 1.0
        f[f"cue_class={cue_class(lemma, cue.pos_)}"] = 1.0
        if lemma in CUE_POLARITY:
            f[f"cue_polarity={CUE_POLARITY[lemma]}"] = 1.0
        if any(c.dep_ == "neg" for c in cue.children):
            f["cue_neg"] = 1.0
    for r in cand.roles:
        f[f"role={r}"] = 1.0
        if cue is not None and cue.lemma_.lower() in CUE_POLARITY:
            # "accused *Washington* of …" vs "accused X of attacking *Washington*"
            f[f"cue_polarity={CUE_POLARITY[cue.lemma_.lower()]}|role={r}"] = 1.0
    dense = need(DENSE)
    words = [t for t in tokens if inside(t.i) and t.is_alpha and not t.is_stop] \
        if dense or need("w=") or need("eval=") else []
    for t in words:
        f[f"w={t.lemma_.lower()}"] = f.get(f"w={t.lemma_.lower()}", 0.0) + 1.0 / (1 + len(words)) ** 0.5
        pol = EVALUATIVE.get(t.lower_) or EVALUATIVE.get(t.lemma_.lower())
        if pol:
            f[f"eval={pol}"] = f.get(f"eval={pol}", 0.0) + 1.0
    # the clause that holds the target: its verb, the words around it
    h = cand.head
    if h is not None and (need("gov=") or need("cw=") or need("clause_")):
        clause = h
        while clause.head.i != clause.i and clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT":
            clause = clause.head
        f[f"gov={clause.lemma_.lower()}"] = 1.0
        for t in clause.subtree:
            if t.is_alpha and not t.is_stop and t.i != h.i:
                f[f"cw={t.lemma_.lower()}"] = 1.0
            if t.lower_ in _NEG and t.head.i == clause.i:
                f["clause_neg"] = 1.0
            pol = EVALUATIVE.get(t.lower_) or EVALUATIVE.get(t.lemma_.lower())
            if pol:
                f[f"clause_eval={pol}"] = 1.0
    if any(t.text == "?" for t in tokens if inside(t.i)):
        f["question"] = 1.0
    if any(t.text in ("!",) for t in tokens if inside(t.i)):
        f["exclaim"] = 1.0
    val = valence.features(tokens, inside, h, cue, cues)
    f.update(val)
    if cues:
        f.update(stance_cues.features(tokens, inside, h, cue, side, cand.who.id, cand.who.name))
    if cand.features.get("sole"):
        # the statement's only candidate: what the whole content says is said of it
        f["sole|val_content_pos"] = val.get("val_content_pos", 0.0)
        f["sole|val_content_neg"] = val.get("val_content_neg", 0.0)
        f["sole|vader_content_pos"] = val.get("vader_content_pos", 0.0)
        f["sole|vader_content_neg"] = val.get("vader_content_neg", 0.0)
    if cues:
        f.update(stance_cues.pooled(f))
    ten = getattr(doc, "tensor", None) if dense else None
    if getattr(ten, "ndim", 0) == 2 and ten.shape[0] == len(doc) and ten.shape[1] == DENSE_DIM:
        tgt = [i for i in (cue.i if cue is not None else None, h.i if h is not None else None) if i is not None]
        content_idx = [t.i for t in words]
        f[DENSE] = np.concatenate([ten[ids].mean(axis=0) if ids else np.zeros(DENSE_DIM, dtype="float32")
                                   for ids in (content_idx, tgt)])
    return f
