"""Whom a statement is about, and the speaker's stance toward each: candidates and features.

Decides nothing by itself: it lists the **candidates** — every person, organisation, country
or group a statement's content (or its cue's object: "accused *Washington* of …", "praised
*Germany* for …") mentions, resolved to an entity the way event actors are
(:func:`onrecord.events.actors.actor_of`; the speaker itself and first-person pronouns are
never a target, "you" in a quotation is the addressee) — and describes each by features
from the parse and the cue lexicon classes; :mod:`.stance_model` scores them with weights
learned from ``corpus/whom`` (``scripts/train_whom.py``).

Target features: the grammatical role of the mention (object of the cue, subject or object of
the content's main verb, possessor, …), its order and count in the content, its entity label,
whether it is the addressee, the cue's class.  Stance features: the cue lemma and class, the
lemmas of the content (and of the clause holding the target), negation, question, the
target's role, and the pipeline's own tok2vec vectors of the cue and the target's head.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from onrecord.attribute.cue_words import cue_class
from onrecord.events.actors import FIRST_PERSON, Who, actor_of

_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
_PRONOUNS = {"he", "she", "him", "her", "they", "them", "his", "their", "its", "it"}
_SKIP_LEMMAS = {"people", "thing", "way", "time", "year", "day", "lot", "part", "percent",
                "country", "world", "issue", "question", "problem", "fact", "point", "case"}
_AGENTS = {"government", "administration", "regime", "party", "campaign", "committee", "court",
           "congress", "senate", "ministry", "department", "embassy", "military", "army", "police",
           "officials", "republicans", "democrats", "media", "press", "establishment", "leaders",
           "company", "companies", "board", "council", "union", "agency", "fbi", "justice"}
_NEG = {"not", "n't", "never", "no", "nothing", "nobody"}
DENSE_DIM = 96


@dataclass
class Candidate:
    who: Who
    first: int                       # token index of its first mention
    mention: tuple[int, int]         # character offsets (in the doc) of the best mention
    head: Any = None                 # best mention's token
    roles: set[str] = field(default_factory=set)
    count: int = 0
    label: str = "other"
    features: dict[str, float] = field(default_factory=dict)


def _role(tok, root, cue, inside: Callable[[int], bool]) -> str:
    if not inside(tok.i) and cue is not None and (tok.head.i == cue.i or tok.head.head.i == cue.i):
        return "cue_obj" if tok.dep_ in ("dobj", "dative", "nsubjpass", "pobj") else "cue_other"
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


def _content_root(tokens, inside):
    """The highest token of the content (its main verb, usually): of the tokens whose head
    lies outside the content, the one with the most content tokens below it."""
    best, size = None, -1
    for t in tokens:
        if inside(t.i) and (t.head.i == t.i or not inside(t.head.i)):
            n = sum(1 for x in t.subtree if inside(x.i))
            if n > size:
                best, size = t, n
    return best


_NOT_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW",
                 "WORK_OF_ART", "EVENT", "LANGUAGE", "PRODUCT"}


def _is_mention(tok) -> bool:
    low = tok.lower_
    if tok.ent_type_ in _NOT_ENTITIES:
        return False
    if low in _PRONOUNS and tok.pos_ == "PRON" or tok.tag_ == "PRP$" and low in _PRONOUNS:
        return True
    if tok.dep_ in ("compound", "flat") and tok.head.pos_ == "PROPN":
        return False
    if tok.pos_ == "PROPN" or (tok.ent_type_ in _LABELS and tok.dep_ != "compound"):
        return not (tok.ent_iob_ == "I" and tok.head.ent_iob_ != "O" and tok.head.i > tok.i)
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in _AGENTS


def candidates(ctx, att, tokens, cue, inside: Callable[[int], bool], addressee: Optional[Who],
               cache: dict, own_names: frozenset = frozenset()) -> list[Candidate]:
    """The entities the statement mentions, with their features (not yet scored)."""
    speaker = att.speaker.id if att.speaker else None
    own = {n.lower() for n in own_names}
    root = _content_root(tokens, inside)
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
    for tok in extra + [t for t in tokens if inside(t.i)]:
        if not _is_mention(tok) or tok.lower_ in FIRST_PERSON:
            continue
        if tok.lemma_.lower() in _SKIP_LEMMAS:
            continue
        key = (tok.i,)
        if key not in cache:
            try:
                cache[key] = actor_of(ctx, tok, att)
            except Exception:   # a resolver slip must not cost the statement
                cache[key] = None
        who = cache[key]
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
        if addressee is not None and c.who.id == addressee.id:
            f["is_addressee"] = 1.0
        if c.head is not None and root is not None:
            depth, h = 0, c.head
            while h.i != root.i and h.head.i != h.i and depth < 6:
                h, depth = h.head, depth + 1
            f[f"depth={min(depth, 3)}"] = 1.0
        f[f"kind={att.kind}"] = 1.0
    return cands


def stance_features(doc, att, cand: Candidate, cue, tokens, inside: Callable[[int], bool]) -> dict[str, float]:
    """Features of the speaker's stance toward one candidate."""
    f: dict[str, float] = {"bias": 1.0}
    if cue is not None:
        lemma = cue.lemma_.lower()
        f[f"cue={lemma}"] = 1.0
        f[f"cue_class={cue_class(lemma, cue.pos_)}"] = 1.0
        if any(c.dep_ == "neg" for c in cue.children):
            f["cue_neg"] = 1.0
    for r in cand.roles:
        f[f"role={r}"] = 1.0
    words = [t for t in tokens if inside(t.i) and t.is_alpha and not t.is_stop]
    for t in words:
        f[f"w={t.lemma_.lower()}"] = f.get(f"w={t.lemma_.lower()}", 0.0) + 1.0 / (1 + len(words)) ** 0.5
    # the clause that holds the target: its verb, the words around it
    h = cand.head
    if h is not None:
        clause = h
        while clause.head.i != clause.i and clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT":
            clause = clause.head
        f[f"gov={clause.lemma_.lower()}"] = 1.0
        for t in clause.subtree:
            if t.is_alpha and not t.is_stop and t.i != h.i:
                f[f"cw={t.lemma_.lower()}"] = 1.0
            if t.lower_ in _NEG and t.head.i == clause.i:
                f["clause_neg"] = 1.0
    if any(t.text == "?" for t in tokens if inside(t.i)):
        f["question"] = 1.0
    if any(t.text in ("!",) for t in tokens if inside(t.i)):
        f["exclaim"] = 1.0
    ten = getattr(doc, "tensor", None)
    if getattr(ten, "ndim", 0) == 2 and ten.shape[0] == len(doc) and ten.shape[1] == DENSE_DIM:
        idx = [i for i in (cue.i if cue is not None else None, h.i if h is not None else None) if i is not None]
        content_idx = [t.i for t in words]
        for name, ids in (("vc", content_idx), ("vt", idx)):
            if ids:
                v = ten[ids].mean(axis=0)
                for k in range(DENSE_DIM):
                    f[f"{name}{k}"] = float(v[k])
    return f
