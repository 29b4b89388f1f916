"""Speaker coreference: which of the article's entities a pronoun, description or document
source mention refers to — or none.

A mention-ranking model.  For a source mention ("he", "the newspaper", "the CNN host", "the
poll") every entity of the article's inventory (:class:`~.speakers.Resolver`) mentioned before
it, or within the next two sentences (cataphora), is a candidate.  Each (mention, candidate)
pair is described by features a reader uses — the mention's kind crossed with the candidate's
type, gender agreement (honorifics, role words, the first-name table in
``data/first_names.json``), distance in sentences and paragraphs, recency rank, subject
position, whether the candidate spoke before, whether the mention's head noun names the
candidate's role ("the spokeswoman"), whether the candidate modifies the mention ("the Trump
campaign", "a Bloomberg poll") or an earlier noun with the mention's head ("A Bloomberg poll …
the poll"), apposition — and scored by a logistic regression trained on the resolution gold
(``scripts/train_coref.py``; weights in ``data/coref.json``).  The best-scoring candidate wins;
its softmax share among the candidates, mapped through the Platt calibration fitted on
held-out folds, is the probability that the resolution is right.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Optional

from onrecord.resolve.coref_mentions import (  # noqa: F401
    CLASS_OF,
    COMPATIBLE,
    DATA,
    FEMALE_ROLE,
    HEAD_CLASS,
    MALE_ROLE,
    TITLE_NOUNS,
    Context,
    Mention,
    applies,
    first_names,
    gender,
    head_lemma,
    mention_of,
    name_gender,
    one_word_title,
    title_words,
)
from onrecord.resolve.entities import CAMPAIGN_WORDS, Entity

FEATURE_VERSION = 4
SPEAKING_TYPES = ("person", "organization", "media", "government", "campaign")


@lru_cache(maxsize=1)
def load_ranker() -> Optional[dict]:
    """The ranker shipped in ``data/coref.json`` (None when absent or of other features)."""
    path = DATA / "coref.json"
    if not path.exists():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    return model if model.get("feature_version") == FEATURE_VERSION else None


def _bucket(n: int, edges=(0, 1, 2, 3, 5, 10)) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def candidates(res, m: Mention, ctx: Context) -> list[Entity]:
    """Entities that can speak, mentioned before the mention or within the next two
    sentences."""
    k = m.sent + 3
    limit = ctx.sent_starts[k] if k < len(ctx.sent_starts) else math.inf
    out = [ent for ent in res.entities if ent.type in SPEAKING_TYPES
           and any(ms < m.start or ms < limit for ms, _ in ent.mentions)]
    if m.head in CAMPAIGN_WORDS:
        # "the campaign", "his team": the campaign of each person of the article is a candidate,
        # mentioned wherever the person is
        keys = {ent.key for ent in out}
        out += [Entity(key=f"campaign:{p.key}", name=f"{p.name} campaign", type="organization",
                       role=f"campaign of {p.name}", mentions=list(p.mentions),
                       subject_mentions=list(p.subject_mentions))
                for p in list(out) if p.type == "person" and f"campaign:{p.key}" not in keys]
        if m.owner is not None and m.owner.type == "person":   # "his campaign": that person's
            return [ent for ent in out if ent.key == f"campaign:{m.owner.key}"]
    # hard constraints: "he"/"she" is a person of no other gender; a role noun's type
    allowed = COMPATIBLE.get(m.kind if m.kind in ("he", "she") else m.head_class)
    if allowed:   # (or the article describes it with the head: "the Orlando Sentinel, the newspaper")
        out = [ent for ent in out if ent.type in allowed or (m.head and m.head in ctx.descriptors(ent))]
    if m.kind in ("he", "she"):   # a person of no other sex, and no place or institution
        out = [ent for ent in out if gender(ent) in (None, m.kind == "she") and not _inanimate(ctx, ent)]
    if m.kind == "desc" and m.head_class == "person":   # "the woman" is no man
        said = True if FEMALE_ROLE.fullmatch(m.head) else False if MALE_ROLE.fullmatch(m.head) else None
        if said is not None:
            out = [ent for ent in out if gender(ent) in (None, said)]
    if m.owner is not None and m.owner.type == "person" and m.head_class == "person":
        out = [ent for ent in out if ent is not m.owner]   # "Scrooge's nephew" is not Scrooge
    if m.plural and m.kind == "desc":
        out = [ent for ent in out if ent.type != "person"]   # "officials" is no one person
    if m.kind == "desc" and m.det in ("a", "an") and m.head_class == "person":
        # an indefinite description brings in someone new ("an anonymous U.S. intelligence
        # official told ABC News"): no one named before it, only a name after it (a lede's
        # "A New York judge … Frank Nervo")
        out = [ent for ent in out if not any(ms < m.start for ms, _ in ent.mentions)]
    # the speaker of a quotation is not someone named only inside it ("“We demand an
    # explanation from the State Department,” the embassy said")
    own = [(qs, qe) for qs, qe in ctx.quote_spans
           if 0 <= m.start - qe <= 6 or 0 <= qs - m.end <= 12]
    if own:
        out = [ent for ent in out if not all(any(qs <= ms and me <= qe for qs, qe in own)
                                             for ms, me in ent.mentions)]
    return out


def null_features(m: Mention) -> dict[str, float]:
    """Features of the mention's "no antecedent among the candidates" option."""
    k = m.kind
    f = {f"null|{k}": 1.0, f"null|{k}|det={m.det}": 1.0}
    if m.plural:
        f[f"null|{k}|plural"] = 1.0
    if m.head_class:
        f[f"null|hc={m.head_class}"] = 1.0
    if k in ("he", "she"):
        f["null|p3"] = 1.0
    return f


def features(res, m: Mention, ent: Entity, ctx: Context, rank: int) -> dict[str, float]:
    k = m.kind
    etype = ent.type   # (what an apposition says it is: "the Orlando Sentinel, the newspaper")
    if m.head_class in COMPATIBLE and k in ("desc", "doc") and m.head in ctx.apposed(ent):
        etype = COMPATIBLE[m.head_class][0]
    f: dict[str, float] = {f"{k}|t={etype}": 1.0,
                           f"{k}|all={_bucket(len(ent.mentions), (1, 2, 4, 8))}": 1.0}
    before = [ms for ms, me in ent.mentions if me <= m.start]
    inside = [(ms, me) for ms, me in ent.mentions if m.start <= ms and me <= m.end]
    after = [ms for ms, me in ent.mentions if ms >= m.end]
    if before:
        last = max(before)
        ds, dp = m.sent - ctx.sent(last), m.para - ctx.para(last)
        f[f"{k}|ds={_bucket(ds)}"] = 1.0
        f[f"{k}|dp={_bucket(dp, (0, 1, 2, 4))}"] = 1.0
        f[f"{k}|rank={min(rank, 4)}"] = 1.0
        f[f"{k}|n={_bucket(len(before), (1, 2, 4, 8))}"] = 1.0
        if last in ent.subject_mentions:
            f[f"{k}|last_subject"] = 1.0
        if any(ctx.sent(p) >= m.sent - 1 for p in ent.subject_mentions if p < m.start):
            f[f"{k}|subject_near"] = 1.0
        last_end = max(me for ms, me in ent.mentions if ms == last)
        f[f"{k}|last_role={ctx.role(last, last_end)}"] = 1.0
        # the subject of a main clause in this sentence or the one before ("Sperling … hired
        # Ms. Brainard under Bill Clinton. He said": Sperling)
        if k in ("he", "she", "it", "they") and any(
                ctx.sent(p) >= m.sent - 1 and ctx.main_subject(p) for p in ent.subject_mentions if p < m.start):
            f[f"{k}|main_subject_near"] = 1.0
        subj_sents = {ctx.sent(p) for p in ent.subject_mentions if p < m.start}
        if m.sent in subj_sents:
            f[f"{k}|subject_same_sent"] = 1.0
        elif m.sent - 1 in subj_sents:
            f[f"{k}|subject_prev_sent"] = 1.0
        # the subject of the paragraph's first sentence (what the paragraph is about)
        p0 = ctx.para_starts[m.para] if m.para >= 0 else 0
        if any(ctx.sent(p) == ctx.sent(p0) and p0 <= p < m.start for p in ent.subject_mentions):
            f[f"{k}|paragraph_topic"] = 1.0
        if any(qs <= last < qe for qs, qe in ctx.quote_spans):
            f[f"{k}|last_quoted"] = 1.0
    elif not inside:
        f[f"{k}|only_after"] = 1.0
        if after and ctx.sent(min(after)) <= m.sent + 1:
            f[f"{k}|after_near"] = 1.0
    if inside:
        root = m.span.root if m.span is not None and len(m.span) else None
        holds_head = root is not None and any(ms <= root.idx + res.offset < me for ms, me in inside)
        f[f"{k}|inside_head" if holds_head else f"{k}|inside_mod"] = 1.0
        if not holds_head:
            f[f"inside_mod|hc={m.head_class}|t={ent.type}"] = 1.0
    f[f"{k}|ner={ctx.ner(ent)}"] = 1.0
    f[f"{k}|salience={min(ctx.salience(ent), 3)}"] = 1.0
    if any(ctx.para(ms) <= 1 for ms, _ in ent.mentions):
        f[f"{k}|lead"] = 1.0
    spoke, spoke_last = ctx.spoke_before(ent, m.start)
    if spoke:
        f[f"{k}|spoke"] = 1.0
    if spoke_last:
        f[f"{k}|spoke_last"] = 1.0
    if k in ("he", "she"):
        g = gender(ent)
        if spoke_last:   # the last speaker, of the pronoun's sex or of none known
            f[f"{k}|spoke_last|gender={'none' if g is None else 'match' if g == (k == 'she') else 'clash'}"] = 1.0
        f[f"{k}|gender={'none' if g is None else 'match' if g == (k == 'she') else 'clash'}"] = 1.0
        if g is None and m.gender_matches:
            f[f"{k}|gender=none_beside_match"] = 1.0   # another candidate is known to match
        elif g is not None and m.gender_matches == 1:
            f[f"{k}|gender=only_match"] = 1.0
    if m.quoted:
        f[f"{k}|quoted|t={ent.type}"] = 1.0
    if m.head:
        head = TITLE_NOUNS.get(m.head, m.head)
        if head in title_words(ent.name, ent.role or "", *ent.aliases):
            f[f"{k}|head_in_name"] = 1.0
        if ent.role and head in title_words(ent.role):
            f[f"{k}|head_in_role"] = 1.0
        if m.head_class:
            f[f"hc={m.head_class}|t={etype}"] = 1.0
        if _modified_same_head(ctx, ent, m):
            f[f"{k}|modifies_same_head"] = 1.0
        if m.span is not None and m.head_class == "person":
            g = gender(ent)
            if g is not None and ((FEMALE_ROLE.search(m.text) and not g) or (MALE_ROLE.search(m.text) and g)):
                f[f"{k}|role_gender_clash"] = 1.0
    if m.head and k in ("desc", "doc"):
        bag = ctx.descriptors(ent)
        if TITLE_NOUNS.get(m.head, m.head) in bag or m.head in bag:
            f[f"{k}|defined_head"] = 1.0   # "Peter Westmacott, the British diplomat" … "the diplomat"
        if m.head in ctx.apposed(ent):
            f[f"{k}|apposed_head"] = 1.0
        mods = _modifiers(m)
        if mods:
            hit = mod_hits(ctx, ent, mods)
            f[f"{k}|mods={min(hit, 2)}/{min(len(mods), 2)}"] = 1.0   # "the French president"
    if k == "doc":
        mine = [(p, h) for p, h, w in ctx.issuers() if any(ms <= w < me for ms, me in ent.mentions)]
        if any(h == m.head for _, h in mine):
            f["doc|issued_same_head"] = 1.0   # "X released a report on …" … "the report"
        elif mine:
            f["doc|issued_other"] = 1.0
    if _adjacent(res, ent, m):
        f[f"{k}|adjacent"] = 1.0
    if ent.key.startswith("campaign:"):
        f[f"{k}|campaign"] = 1.0
    if m.owner is not None:
        if ent is m.owner:
            f[f"{k}|owner|hc={m.head_class}"] = 1.0
        elif ent.key == f"campaign:{m.owner.key}":
            f[f"{k}|owner_campaign"] = 1.0
    return _shared(k, f)


def owner(res, ctx: Context, m: Mention, model: Optional[dict]) -> Optional[Entity]:
    """Whose a description is: a person named in it ("Bush's team", "the Sanders campaign"),
    or the referent of its possessive — "his" / "her" (ranked by ``model`` as a pronoun; the
    rules' antecedent when no model is given), "its" / "their" (the rules' antecedent), "whose"
    (the noun its clause hangs on)."""
    if m.span is None or not len(m.span) or m.kind not in ("desc", "doc"):
        return None
    root = m.span.root
    for c in root.children:   # "Bush's team", "the Sanders campaign": a person named inside
        if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" and c.i >= m.span.start:
            ent = res._entity_at_char(c.idx + res.offset, m.start, m.end)
            if ent is not None and ent.type == "person":
                return ent
    poss = next((c for c in root.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    pos = poss.idx + res.offset
    low = poss.lower_
    if low in ("his", "her") and model is not None and model.get("weights"):
        pm = mention_of(res, ctx, pos, pos + len(poss))
        if pm is not None:
            return next((ent for ent, _, _ in rank(res, ctx, pm, model) if ent is not None), None)
    if low in ("his", "her"):
        return res._antecedent(pos, ("person",), low == "her")
    if low in ("its", "their"):
        return res._antecedent(pos, ("organization", "government", "media", "person")
                               if low == "their" else ("organization", "government", "media"))
    if low == "whose":
        verb = m.span.root.head
        while verb.dep_ not in ("relcl", "ROOT") and verb.head is not verb:
            verb = verb.head
        if verb.dep_ == "relcl":
            h = verb.head
            return res._entity_at_char(h.idx + res.offset, h.left_edge.idx + res.offset,
                                       h.idx + len(h) + res.offset)
    return None


def _shared(k: str, f: dict[str, float]) -> dict[str, float]:
    """"he" and "she" also share each feature (under "p3"): the two learn from each other's
    examples wherever the gender does not matter."""
    if k in ("he", "she"):
        f.update({"p3" + name[len(k):]: v for name, v in list(f.items()) if name.startswith(k + "|")})
    return f


def _adjacent(res, ent: Entity, m: Mention) -> bool:
    """A mention of the entity right before or after the mention, set off by a comma or
    parenthesis (an apposition: "David Feder, the club's general manager")."""
    text = res.record.analysis_text or res.record.text
    for ms, me in ent.mentions:
        if 0 <= m.start - me <= 3 and text[me:m.start].strip() in (",", "(", ""):
            return True
        if 0 <= ms - m.end <= 3 and text[m.end:ms].strip() in (",", "("):
            return True
    return False


INSTITUTION_WORD = re.compile(r"\b(party|committee|department|ministry|agency|association|council|"
                              r"union|university|institute|foundation|corporation|inc|corp|news)\b", re.I)


def _inanimate(ctx: Context, ent: Entity) -> bool:
    """A "person" of the inventory that cannot be "he" or "she": first tagged as a place
    ("Clarkston"), or named like an institution ("Carolina Democratic Party").  A name the
    model tagged a person in part is a person ("Ursula von" PERSON, "der Leyen" a place)."""
    if ctx.ner(ent) in ("GPE", "LOC", "FAC"):
        res = ctx.res
        s, e = min(ent.mentions)
        span = res.doc.char_span(s - res.offset, e - res.offset, alignment_mode="expand")
        return span is None or not any(t.ent_type_ == "PERSON" for t in span)
    return bool(INSTITUTION_WORD.search(ent.name))


def mod_hits(ctx: Context, ent: Entity, mods: list[str]) -> int:
    """How many of a description's modifiers the article uses for the entity."""
    bag = ctx.descriptors(ent)
    return sum(1 for w in mods if w in bag or w in title_words(ent.name, *ent.aliases))


def _modifiers(m: Mention) -> list[str]:
    return modifiers(m.span)


def modifiers(span, named: bool = False) -> list[str]:
    """The content words of a description besides its head ("the French president": french);
    with ``named``, only those that are names or of a named thing (a nationality, a party, a
    title: not "former", "top")."""
    if span is None or not len(span):
        return []
    root = span.root
    return [t.lemma_.lower() for t in span if t.i != root.i and t.is_alpha and not t.is_stop
            and t.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and t.head.i == root.i
            and (not named or t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG", "WORK_OF_ART"))]


def described(res, ents: list[Entity], span, head: str = "", pool: Optional[list[Entity]] = None) -> list[Entity]:
    """The entities of ``ents``, or of ``pool`` whose role holds ``head`` ("French President
    Francois Hollande"), that a description's named modifiers fit, where some do: "the French
    president" is the president the article calls French, not the president last named
    (``ents`` when none fits or no modifier is a name or of one)."""
    mods = modifiers(span, named=True)
    if not mods:
        return ents
    if res._ctx is None:
        res._ctx = Context(res)
    titled = [ent for ent in pool or [] if head and head in title_words(ent.role or "")
              and all(ent is not x for x in ents)]
    return [ent for ent in ents + titled if mod_hits(res._ctx, ent, mods)] or ents


def _modified_same_head(ctx: Context, ent: Entity, m: Mention) -> bool:
    """Does an earlier mention of the entity modify a noun with the mention's head ("A
    Bloomberg poll" … "the poll"; "Clinton's campaign" … "the campaign")?"""
    for ms, me in ent.mentions:
        if me <= m.start and ctx.modified_head(ms, me) == m.head:
            return True
    return False


def score(model: dict, feats: dict[str, float]) -> float:
    w = model["weights"]
    return model.get("bias", 0.0) + sum(w.get(name, 0.0) * v for name, v in feats.items())


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def calibrate(model: dict, p: float) -> float:
    """The held-out Platt map from a softmax share to the probability of being right."""
    a, b = model.get("platt") or (1.0, 0.0)
    return 1.0 / (1.0 + math.exp(-(a * logit(p) + b)))


def rank(res, ctx: Context, m: Mention, model: dict) -> list[tuple[Optional[Entity], float, dict]]:
    """Candidates with their raw scores and features, best first; ``None`` is the option
    that the mention refers to none of them (an unnamed group, a new speaker)."""
    m.owner = owner(res, ctx, m, model)
    cands = candidates(res, m, ctx)
    if m.kind in ("he", "she"):
        m.gender_matches = sum(1 for ent in cands if gender(ent) is not None)   # (clashes are out)
    order = sorted(cands, key=lambda e: -max([ms for ms, me in e.mentions if me <= m.start] or [-1]))
    ranks = {id(e): i + 1 for i, e in enumerate(order)}
    mods = _modifiers(m) if m.kind in ("desc", "doc") else []
    hits = {id(ent): mod_hits(ctx, ent, mods) for ent in cands} if mods else {}
    top = max(hits.values(), default=0)
    out = []
    for ent in cands:
        feats = features(res, m, ent, ctx, ranks[id(ent)])
        if top and hits[id(ent)] == top and sum(1 for h in hits.values() if h == top) == 1:
            feats[f"{m.kind}|mods_best"] = 1.0   # the one candidate the modifiers describe
        out.append((ent, score(model, feats), feats))
    nf = null_features(m)
    out.append((None, score(model, nf), nf))
    out.sort(key=lambda x: -x[1])
    return out


def resolve(res, ctx: Context, m: Mention) -> Optional[tuple[Optional[Entity], float]]:
    """The entity mention ``m`` (one the ranker :func:`applies` to) refers to and the calibrated
    probability that it is right; None when no model is shipped."""
    model = load_ranker()
    if model is None:
        return None
    ranked = rank(res, ctx, m, model)
    top = ranked[0][1]
    z = sum(math.exp(sc - top) for _, sc, _ in ranked)
    # the best candidate, with the share the null option leaves it (the caller keeps a
    # description's own reading when that is low)
    best = next((r for r in ranked if r[0] is not None), ranked[0])
    share = math.exp(best[1] - top) / z
    ent = best[0]
    if ent is not None and ent.key.startswith("campaign:") and ent.key not in res.by_key:
        ent = res.campaign_of(res.by_key[ent.key[len("campaign:"):]])   # (a candidate until now)
    return ent, calibrate(model, share)
