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

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from onrecord.resolve.entities import RELATIVE_PRONOUNS, Entity
from onrecord.text import clean_name, hard_wrapped, is_para_break, original_text

DATA = Path(__file__).parent / "data"
FEATURE_VERSION = 1
SPEAKING_TYPES = ("person", "organization", "media", "government", "campaign")

CLASS_OF = {"he": "pronoun", "she": "pronoun", "it": "pronoun", "they": "pronoun",
            "desc": "description", "doc": "document"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
FIRST = {"i", "me", "my", "we", "us", "our"}

# head nouns by what they can refer to (a role of a person, an outlet, a government …)
ROLE_CLASSES = {
    "person": "host anchor columnist reporter journalist correspondent writer author editor "
              "candidate nominee senator president governor mayor spokesman spokeswoman "
              "spokesperson minister secretary chairman chairwoman chair director official "
              "leader lawmaker congressman congresswoman representative judge lawyer attorney "
              "aide adviser advisor strategist manager chief founder ceo economist analyst "
              "professor doctor businessman billionaire mogul star actor rapper singer "
              "commentator pundit pollster narrator daughter son wife husband mother father "
              "man woman ambassador diplomat general commander king queen prince premier "
              "chancellor nominee democrat republican sheriff officer prosecutor researcher "
              "scientist expert activist organizer voter resident supporter critic "
              "opponent official lawyer player coach owner executive".split(),
    "media": "newspaper daily paper outlet network channel magazine station publication "
             "broadcaster tabloid site website newsroom agency".split(),
    "government": "state nation country government administration ministry department "
                  "embassy kremlin regime city county capital".split(),
    "organization": "campaign team camp group union company bank firm organization "
                    "organisation committee party foundation association institute council "
                    "board court league coalition alliance network corporation bloc panel "
                    "commission caucus chamber legislature assembly body office".split(),
    "document": "report statement email e-mail video editorial document letter survey poll "
                "memo ad advertisement tweet post book study article story release filing "
                "complaint lawsuit indictment note message speech transcript analysis footage "
                "commercial spot data".split(),
}
# which entity types a pronoun or a head noun of a class can refer to
COMPATIBLE = {"he": ("person",), "she": ("person",), "person": ("person",),
              "media": ("media", "organization"), "government": ("government", "organization"),
              "organization": ("organization", "media", "government")}
HEAD_CLASS = {w: c for c, ws in ROLE_CLASSES.items() for w in ws}
FEMALE_ROLE = re.compile(r"\b(woman|spokeswoman|chairwoman|congresswoman|businesswoman|mrs|ms|"
                         r"madam|mother|wife|daughter|queen|sister|actress|first lady)\b", re.I)
MALE_ROLE = re.compile(r"\b(man|spokesman|chairman|congressman|businessman|mr|father|husband|"
                       r"son|king|brother|actor)\b", re.I)


@lru_cache(maxsize=1)
def first_names() -> dict[str, float]:
    path = DATA / "first_names.json"
    return json.loads(path.read_text(encoding="utf-8"))["female_share"] if path.exists() else {}


@lru_cache(maxsize=1)
def load_ranker() -> Optional[dict]:
    """The ranker shipped in ``data/coref.json`` (None when absent or of other features)."""
    path = DATA / "coref.json"
    if not path.exists():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    return model if model.get("feature_version") == FEATURE_VERSION else None


@dataclass
class Mention:
    start: int                  # record offsets
    end: int
    text: str
    kind: str                   # he | she | it | they | first | desc | doc
    head: str                   # the head noun's lemma ("" for pronouns)
    head_class: str             # ROLE_CLASSES key of the head, or ""
    sent: int
    para: int
    span: object                # the spaCy span, or None
    quoted: bool = False        # inside quotation marks
    plural: bool = False        # "they", "officials", "the senators"
    det: str = ""               # the description's determiner: "the", "a", "" …


def gender(ent: Entity) -> Optional[bool]:
    """True for a woman, False for a man, None when the article and the name do not tell."""
    if ent.type != "person":
        return None
    if ent.female is not None:
        return ent.female
    if ent.role:
        if FEMALE_ROLE.search(ent.role):
            return True
        if MALE_ROLE.search(ent.role):
            return False
    for alias in [ent.name, *ent.aliases]:
        w = alias.split()[0].lower().strip(".") if alias.split() else ""
        if w in ("mrs", "ms", "miss", "madam"):
            return True
        if w == "mr":
            return False
    first = ent.first or (ent.name if " " not in ent.name else None)
    if first:
        share = first_names().get(first.lower().strip("."))
        if share is not None and (share >= 0.9 or share <= 0.1):
            return share >= 0.9
    return None


class Context:
    """Sentence and paragraph indexes of one parsed article, and the attributions' sources."""

    def __init__(self, res) -> None:
        doc, off = res.doc, res.offset
        self.res = res
        self.sent_starts = [s.start_char + off for s in doc.sents]
        wrapped = hard_wrapped(original_text(doc))
        self.para_starts = [0] + [t.idx + off for t in doc if t.is_space and is_para_break(t, wrapped)]
        self.sources = sorted((a.source.start, a.source.end) for a in res.record.attributions
                              if a.source is not None)
        self._heads: dict[tuple[int, int], Optional[str]] = {}
        self.quote_spans = sorted((c.start, c.end) for a in res.record.attributions
                                  if a.kind in ("direct", "mixed") for c in a.content)

    def modified_head(self, s: int, e: int) -> Optional[str]:
        """The lemma of the noun a mention modifies ("Bloomberg" in "a Bloomberg poll" → "poll"),
        computed once per mention."""
        if (s, e) not in self._heads:
            res = self.res
            span = res.doc.char_span(s - res.offset, e - res.offset, alignment_mode="expand")
            r = span.root if span is not None and len(span) else None
            self._heads[(s, e)] = (r.head.lemma_.lower() if r is not None
                                   and r.dep_ in ("compound", "poss", "nmod", "amod") else None)
        return self._heads[(s, e)]

    def sent(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def para(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def spoke_before(self, ent: Entity, pos: int) -> tuple[bool, bool]:
        """(the entity names the source of an earlier attribution,
        of the latest attribution before ``pos``)."""
        before = [s for s in self.sources if s[1] <= pos]
        if not before:
            return False, False
        def names(src):
            return any(src[0] <= ms and me <= src[1] for ms, me in ent.mentions)
        return any(names(s) for s in before), names(before[-1])


def mention_of(res, ctx: Context, s: int, e: int) -> Optional[Mention]:
    text = (res.record.analysis_text or res.record.text)[s:e]
    low = clean_name(text).lower()
    span = res.doc.char_span(s - res.offset, e - res.offset, alignment_mode="expand")
    kind = ("he" if low in MALE else "she" if low in FEMALE else "it" if low in NEUTER
            else "they" if low in PLURAL else "first" if low in FIRST
            else "rel" if low in RELATIVE_PRONOUNS else "")
    head = hc = det = ""
    plural = kind == "they"
    if not kind:
        if span is None or not len(span):
            return None
        root = span.root
        head = root.lemma_.lower()
        hc = HEAD_CLASS.get(head, "")
        kind = "doc" if hc == "document" else "desc"
        plural = root.tag_ in ("NNS", "NNPS")
        det = next((c.lower_ for c in root.children if c.dep_ in ("det", "poss")), "")
        det = det if det in ("the", "a", "an", "this", "that", "another", "some") else ("poss" if det else "")
    quoted = any(qs <= s < qe for qs, qe in ctx.quote_spans)
    return Mention(s, e, text, kind, head, hc, ctx.sent(s), ctx.para(s), span, quoted, plural, det)


def applies(res, m: Mention) -> bool:
    """The ranker decides pronouns ("he", "it", "they") and descriptions or documents whose
    head is no entity's name ("the newspaper", "the Trump campaign", "the poll")."""
    if m.kind in ("he", "she", "it", "they"):
        return True
    if m.kind not in ("desc", "doc") or m.span is None or not len(m.span):
        return False
    if not m.head_class:
        return False   # "the plan", "the deal": no noun that names a speaker
    root = m.span.root
    if root.pos_ == "PROPN" or root.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    pos = root.idx + res.offset
    return not any(ms <= pos < me for ent in res.entities for ms, me in ent.mentions
                   if not ent.key.startswith("campaign:"))


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
    # hard constraints: "he"/"she" is a person of no other gender; a role noun's type
    allowed = COMPATIBLE.get(m.kind if m.kind in ("he", "she") else m.head_class)
    if allowed:
        out = [ent for ent in out if ent.type in allowed]
    if m.kind in ("he", "she"):
        out = [ent for ent in out if gender(ent) in (None, m.kind == "she")]
    if m.plural and m.kind == "desc":
        out = [ent for ent in out if ent.type != "person"]   # "officials" is no one person
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
    return f


def features(res, m: Mention, ent: Entity, ctx: Context, rank: int) -> dict[str, float]:
    k = m.kind
    f: dict[str, float] = {f"{k}|t={ent.type}": 1.0,
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
    spoke, spoke_last = ctx.spoke_before(ent, m.start)
    if spoke:
        f[f"{k}|spoke"] = 1.0
    if spoke_last:
        f[f"{k}|spoke_last"] = 1.0
    if k in ("he", "she"):
        g = gender(ent)
        f[f"{k}|gender={'none' if g is None else 'match' if g == (k == 'she') else 'clash'}"] = 1.0
    if m.quoted:
        f[f"{k}|quoted|t={ent.type}"] = 1.0
    if m.head:
        words = {w.lower().strip(".,'’") for a in [ent.name, ent.role or "", *ent.aliases] for w in a.split()}
        if m.head in words:
            f[f"{k}|head_in_name"] = 1.0
        if ent.role and re.search(rf"\b{re.escape(m.head)}\b", ent.role, re.I):
            f[f"{k}|head_in_role"] = 1.0
        if m.head_class:
            f[f"hc={m.head_class}|t={ent.type}"] = 1.0
        if _modified_same_head(ctx, ent, m):
            f[f"{k}|modifies_same_head"] = 1.0
        if m.span is not None and m.head_class == "person":
            g = gender(ent)
            if g is not None and ((FEMALE_ROLE.search(m.text) and not g) or (MALE_ROLE.search(m.text) and g)):
                f[f"{k}|role_gender_clash"] = 1.0
    if _adjacent(res, ent, m):
        f[f"{k}|adjacent"] = 1.0
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
    cands = candidates(res, m, ctx)
    order = sorted(cands, key=lambda e: -max([ms for ms, me in e.mentions if me <= m.start] or [-1]))
    ranks = {id(e): i + 1 for i, e in enumerate(order)}
    out = []
    for ent in cands:
        feats = features(res, m, ent, ctx, ranks[id(ent)])
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
    return best[0], calibrate(model, share)
