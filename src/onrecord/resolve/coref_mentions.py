"""What a source mention is and what it may refer to: the lexicon of speaker coreference.

A source mention that is not a name — a pronoun ("he", "it", "they"), a description ("the
newspaper", "the CNN host", "The Trump campaign") or a document ("the report", "the poll") —
becomes a :class:`Mention` with its kind, head noun and the class of that head (a person's
role, a media outlet, a government, an organisation, a document); entities get a gender from
honorifics, role words and the first-name table in ``data/first_names.json``.  The
:class:`Context` indexes one parsed article (sentences, paragraphs, the attributions' sources,
each entity mention's grammatical role) for the ranker of :mod:`.coref`, and :func:`applies`
decides which mentions that ranker resolves.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from onrecord.attribute.spans import para_breaks
from onrecord.resolve.entities import RELATIVE_PRONOUNS, Entity
from onrecord.text import clean_name

DATA = Path(__file__).parent / "data"

CLASS_OF = {"he": "pronoun", "she": "pronoun", "it": "pronoun", "they": "pronoun",
            "desc": "description", "doc": "document"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
FIRST = {"i", "me", "my", "we", "us", "our"}
DETERMINERS = ("the", "a", "an", "this", "that", "these", "those", "another", "some")

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
              "opponent official lawyer player coach owner executive magnate tycoon actress "
              "comedian filmmaker director producer musician artist athlete veteran soldier "
              "admiral colonel captain officer agent detective investigator inspector "
              "physician nurse teacher student worker employee staffer volunteer donor "
              "delegate envoy negotiator moderator interviewer host anchorwoman anchorman "
              "blogger podcaster historian biographer economist sociologist psychologist "
              "pastor priest bishop pope rabbi imam cleric preacher father widow girl boy "
              "entrepreneur investor banker developer contender challenger frontrunner "
              "front-runner incumbent hopeful rival contender victim survivor witness "
              "plaintiff defendant whistleblower insider friend ally partner colleague "
              "spokesperson representative deputy assistant advocate campaigner nephew niece "
              "cousin uncle aunt brother sister grandson granddaughter grandfather grandmother "
              "commissioner clerk servant maid butler landlord landlady stranger gentleman lady".split(),
    "media": "newspaper daily paper outlet network channel magazine station publication "
             "broadcaster tabloid site website newsroom journal".split(),
    "government": "state nation country government administration ministry department "
                  "embassy kremlin regime city county capital town village province "
                  "chancellery presidency cabinet kingdom republic".split(),
    "organization": "campaign team camp group union company bank firm organization "
                    "organisation committee party foundation association institute council "
                    "board court league coalition alliance network corporation bloc panel "
                    "commission caucus chamber legislature assembly body office agency "
                    "nonprofit non-profit charity watchdog outfit pac super-pac group "
                    "university school college center centre tank lobby movement "
                    "network firm company startup manufacturer maker retailer bureau".split(),
    "document": "report statement email e-mail video editorial document letter survey poll "
                "memo ad advertisement tweet post book study article story release filing "
                "complaint lawsuit indictment note message speech transcript analysis footage "
                "commercial spot data passage petition memoir column op-ed blog newsletter "
                "podcast documentary film interview questionnaire ruling verdict decision "
                "order motion brief testimony affidavit manifesto platform plank "
                "communique communiqué announcement notice warning guidance forecast "
                "estimate projection count tally audit review assessment investigation "
                "probe inquiry findings paper white-paper".split(),
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


def head_lemma(root) -> str:
    """The lemma of a description's head noun, a hyphenated role as one word ("front-runner")."""
    lemma = root.lemma_.lower()
    i = root.i
    if i >= 2 and root.doc[i - 1].text == "-" and f"{root.doc[i - 2].lower_}-{lemma}" in HEAD_CLASS:
        return f"{root.doc[i - 2].lower_}-{lemma}"
    return lemma


@lru_cache(maxsize=1)
def first_names() -> dict[str, float]:
    path = DATA / "first_names.json"
    return json.loads(path.read_text(encoding="utf-8"))["female_share"] if path.exists() else {}

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
    owner: Optional[Entity] = None   # who "his"/"her"/"whose" of "his campaign" is
    gender_matches: int = 0     # candidates of the pronoun's gender ("she": known women)


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
        said = name_gender(alias.split()[0], None) if alias.split() else None
        if said is not None:
            return said
    return name_gender(None, ent.first or (ent.name if " " not in ent.name else None))


# a title as written before a name → the noun a description uses for it ("New Jersey Gov.
# Chris Christie" … "the governor"; "Supreme Court Justice Frank Nervo" … "the judge")
TITLE_NOUNS = {"gov": "governor", "sen": "senator", "rep": "representative", "reps": "representative",
               "gen": "general", "lt": "lieutenant", "col": "colonel", "capt": "captain",
               "sec": "secretary", "secy": "secretary", "pres": "president", "atty": "attorney",
               "amb": "ambassador", "adm": "admiral", "cmdr": "commander", "supt": "superintendent",
               "prof": "professor", "dr": "doctor", "insp": "inspector", "sgt": "sergeant",
               "justice": "judge", "congressman": "representative", "congresswoman": "representative",
               "lawmaker": "legislator"}


def one_word_title(ent: Entity) -> list[str]:
    """A person's role when it is one title word written before the name ("Dr.", "Captain"):
    "retorted the doctor" after "Dr. Wade" is Wade."""
    role = (ent.role or "").strip()
    return [role] if ent.type == "person" and role and " " not in role else []


def title_words(*texts: str) -> set[str]:
    """The lower-case words of names and roles, each title also as the noun it abbreviates."""
    words = {w.lower().strip(".,'’()") for t in texts for w in t.split()}
    return words | {TITLE_NOUNS[w] for w in words if w in TITLE_NOUNS}


def name_gender(honorific: Optional[str], first: Optional[str]) -> Optional[bool]:
    """What a mention's own words say of the person's sex: "Mr."/"Mrs." or a first name the
    census gives (nearly) only to one sex; None when they do not tell."""
    h = (honorific or "").lower().strip(".")
    if h in ("mrs", "ms", "miss", "madam"):
        return True
    if h == "mr":
        return False
    share = first_names().get(first.lower().strip(".")) if first else None
    return None if share is None or 0.2 < share < 0.8 else share >= 0.8


class Context:
    """Sentence and paragraph indexes of one parsed article, and the attributions' sources."""

    def __init__(self, res) -> None:
        doc, off = res.doc, res.offset
        self.res = res
        self.sent_starts = [s.start_char + off for s in doc.sents]
        self.para_starts = [0] + [doc[i].idx + off for i in para_breaks(doc)]
        self.sources = sorted((a.source.start, a.source.end) for a in res.record.attributions
                              if a.source is not None)
        self._heads: dict[tuple, object] = {}   # per-article caches
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

    def role(self, s: int, e: int) -> str:
        """The grammatical role of an entity mention: subj, obj, poss, mod (a compound or an
        apposition) or other, computed once per mention."""
        if (s, e, "role") not in self._heads:
            res = self.res
            span = res.doc.char_span(s - res.offset, e - res.offset, alignment_mode="expand")
            dep = span.root.dep_ if span is not None and len(span) else ""
            self._heads[(s, e, "role")] = (
                "subj" if dep in ("nsubj", "nsubjpass") else
                "obj" if dep in ("dobj", "pobj", "dative", "attr", "oprd") else
                "poss" if dep == "poss" else "mod" if dep in ("compound", "appos", "nmod") else "other")
        return self._heads[(s, e, "role")]

    def main_subject(self, pos: int) -> bool:
        """Is the entity mention at ``pos`` the subject of its sentence's main verb (not of a
        relative or subordinate clause: "Sperling, who hired Ms. Brainard under Bill
        Clinton, …")?"""
        key = ("main", pos)
        if key not in self._heads:
            res = self.res
            span = res.doc.char_span(pos - res.offset, pos - res.offset + 1, alignment_mode="expand")
            tok = span.root if span is not None and len(span) else None
            while tok is not None and tok.dep_ in ("compound", "flat", "amod") and tok.head is not tok:
                tok = tok.head   # (the name's head word)
            self._heads[key] = bool(tok is not None and tok.dep_ in ("nsubj", "nsubjpass")
                                    and tok.head.dep_ == "ROOT")
        return bool(self._heads[key])

    def ner(self, ent: Entity) -> str:
        """The parser's entity label of the entity's first mention ("GPE" for a state taken for
        an organisation, "PERSON" …)."""
        key = ("ner", ent.key)
        if key not in self._heads:
            res, label = self.res, "none"
            if ent.mentions:
                s, e = min(ent.mentions)
                span = res.doc.char_span(s - res.offset, e - res.offset, alignment_mode="expand")
                label = (span.root.ent_type_ or "none") if span is not None and len(span) else "none"
            self._heads[key] = label
        return self._heads[key]

    def salience(self, ent: Entity) -> int:
        """The entity's rank among the article's entities by number of mentions (1: the most
        mentioned)."""
        key = ("counts", len(self.res.entities), sum(len(e.mentions) for e in self.res.entities))
        if key not in self._heads:   # (recounted when the inventory grows)
            self._heads[key] = sorted({len(e.mentions) for e in self.res.entities}, reverse=True)
        n = len(ent.mentions)
        return 1 + sum(1 for c in self._heads[key] if c > n)

    def descriptors(self, ent: Entity) -> frozenset[str]:
        """The lower-case lemmas the article uses to describe the entity, once per entity: the
        title or possessor before a mention ("French President Francois Hollande", "CNN's Jake
        Tapper"), an apposition ("Peter Westmacott, the British ambassador"; "the newspaper, The
        Orlando Sentinel") and a predicate nominative ("Weaver is Sanders's campaign manager")."""
        key = ("desc", ent.key, len(ent.mentions))
        if key not in self._heads:
            res, words, heads = self.res, set(), set()

            def take(tok, apposed: bool = True) -> None:
                words.update(t.lemma_.lower() for t in tok.subtree if t.is_alpha and not t.is_stop)
                if apposed:
                    heads.add(tok.lemma_.lower())

            for ms, me in ent.mentions:
                span = res.doc.char_span(ms - res.offset, me - res.offset, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                root = span.root
                for c in root.children:
                    if c.i < span.start and c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
                        take(c, False)
                    elif c.dep_ == "appos" and c.i >= span.end:
                        take(c)
                head = root.head
                if root.dep_ == "appos" and head.i < span.start:
                    words.add(head.lemma_.lower())
                    heads.add(head.lemma_.lower())
                    words.update(t.lemma_.lower() for t in head.lefts if t.is_alpha and not t.is_stop)
                if root.dep_ == "nsubj" and head.lemma_ == "be":
                    for c in head.children:
                        if c.dep_ == "attr":
                            take(c)
                if root.dep_ == "attr" and head.lemma_ == "be":
                    for c in head.children:
                        if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN"):
                            take(c)
            self._heads[key] = frozenset(words)
            self._heads[("apposed",) + key[1:]] = frozenset(heads - {"be"})
        return self._heads[key]

    def apposed(self, ent: Entity) -> frozenset[str]:
        """The head nouns of the entity's appositions and predicate nominatives ("the Orlando
        Sentinel, the newspaper that …": newspaper), once per entity."""
        self.descriptors(ent)
        return self._heads[("apposed", ent.key, len(ent.mentions))]

    def issuers(self) -> list[tuple[int, str, int]]:
        """Who issued each document noun of the article, once per article: (position, head
        lemma, position of the issuer's head word) for "a Bloomberg poll", "Rubio's press
        release", "a report by the National Academies", "a letter from X", "X released a
        report", "the memo was written by X"."""
        key = ("issuers",)
        if key not in self._heads:
            res, out = self.res, []
            for t in res.doc:
                if t.pos_ != "NOUN" or HEAD_CLASS.get(t.lemma_.lower()) != "document":
                    continue
                who = [c for c in t.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"]
                who += [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
                        for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
                verb = t.head
                if t.dep_ == "dobj" and verb.pos_ == "VERB":
                    who += [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")]
                elif t.dep_ == "nsubjpass":
                    who += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                for w in who:
                    out.append((t.idx + res.offset, t.lemma_.lower(), w.idx + res.offset))
            self._heads[key] = out
        return self._heads[key]

    def sent(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def para(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def spoke_before(self, ent: Entity, pos: int) -> tuple[bool, bool]:
        """(the entity names the source of an earlier attribution,
        of the latest attribution before ``pos``)."""
        key = ("before", pos)
        if key not in self._heads:   # (the sources ended by ``pos``: the same for every candidate)
            self._heads[key] = [i for i, (_, e) in enumerate(self.sources) if e <= pos]
        before = self._heads[key]
        if not before:
            return False, False
        key = ("named", ent.key, len(ent.mentions))
        if key not in self._heads:   # (the sources that name the entity, once per entity)
            self._heads[key] = {i for i, (s, e) in enumerate(self.sources)
                                if any(s <= ms and me <= e for ms, me in ent.mentions)}
        named = self._heads[key]
        return not named.isdisjoint(before), before[-1] in named


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
        head = head_lemma(root)
        hc = HEAD_CLASS.get(head, "")
        kind = "doc" if hc == "document" else "desc"
        plural = root.tag_ in ("NNS", "NNPS")
        dets = [c for c in root.children if c.dep_ in ("det", "poss")]
        det = dets[0].lower_ if dets else ""
        det = det if det in DETERMINERS else ("poss" if dets and dets[0].dep_ == "poss" else "")
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
    if (root.pos_ == "PROPN" and not root.text.islower()) or root.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    if m.text.isupper():
        return False   # "SENIOR ADMINISTRATION OFFICIAL", "MODERATOR": a transcript's label
    if any(c.dep_ == "poss" and c.lower_ in ("my", "our", "your") for c in root.children):
        return False   # "your country", "our organisation": the speaker's or the reader's
    if m.plural and m.det not in ("the", "these", "those", "poss"):
        return False   # "some companies", "over 200 organizations": a group no name stands for
    pos = root.idx + res.offset
    return not any(ms <= pos < me for ent in res.entities for ms, me in ent.mentions
                   if not ent.key.startswith("campaign:"))
