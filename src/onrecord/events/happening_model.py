"""The learned step of "did it happen": the probability that a candidate event is a real
happening of its PLOVER type, from many weak cues the rules of :mod:`.happening` do not weigh.

A logistic model over sparse features of the candidate (the rules' own reason, the PLOVER and
project type, the trigger's lemma, part of speech and dependency, a modal or negation, whether
it is an attribution's cue or inside its content, the actor's kind and the shape of its name,
a recipient, the sentence's shape, link text, a list line; and, from version 2, the verb's
tense and particle, its object's lemma — "released its strategy" is no retreat, "released the
prisoners" is —, the word that governs its clause — "decided to endorse", "asking why …
condemned" —, a pronoun or relative subject, a quotation, a title-case line, a poll's
percentages, and the rules' reason for each PLOVER type; from version 3, how the actor was
named — a country, a statement's source, a coreference, or only a noun phrase's words —, a
subject that is a text or a quantity, the verb's clause, the type with the tense, a date; from
version 4, the trigger's sense as its complements tell it, each crossed with the PLOVER type —
the lemma of its object or prepositional complement ("requested anonymity", "called for a
vote"), of the noun it modifies ("pledged delegates") and of its subject ("the resolution
urges"), and the kind of each: an entity's label, a pronoun, an abstract or procedural noun
(by its suffix) or another noun); from version 5, what frames the trigger's clause — the word
that governs it and its relation ("criticism that Trump was urging"), a negation, modal,
condition or opinion verb among the words above it ("said it would continue to investigate"),
a conditional, hedge or irrealis auxiliary in the sentence, a simple present (a standing view:
"Democrats support …"), an infinitive, an every- or no-one subject or object, a habit adverb
or span ("repeatedly pledged", "for years"), a complement clause that states ("insisted they
are prepared": a statement, no demand) and a speech tag after a quotation ("… ?" demanded
Scrooge).  Its weights are in
``data/events.json``, written by ``scripts/train_events.py`` from the tune-site labels of
``corpus/events/gold.jsonl`` (cross-validated by site, figures in ``bench/results/``).  A
candidate counts when the model's probability reaches the file's ``threshold``; without the
file, the rules alone decide.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

DATA = Path(__file__).with_name("data") / "events.json"
FEATURE_VERSION = 5
_LINK = re.compile(r"\[[^\]]*$|<a\b[^>]*>[^<]*$", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


@lru_cache(maxsize=1)
def load(path: Optional[str] = None) -> Optional[dict]:
    p = Path(path) if path else DATA
    if not p.exists():
        return None
    model = json.loads(p.read_text(encoding="utf-8"))
    if model.get("feature_version") != FEATURE_VERSION:
        return None
    return model


def features(tok, head, kind: str, plover: Optional[str], reason: Optional[str], is_cue: bool,
             in_content: bool, actor_name: str, actor_type: Optional[str], has_target: bool,
             text: str, start: int, trigger_at: int, actor_how: str = "",
             dated: bool = False) -> dict[str, float]:
    """The sparse features of one candidate (``start`` its evidence's record offset,
    ``trigger_at`` its trigger's; ``actor_how`` how its actor was named, :func:`.actors.actor_of`;
    ``dated`` a time expression dates it)."""
    f: dict[str, float] = {"bias": 1.0}
    f["reason=" + (reason or "none")] = 1.0
    f["plover=" + (plover or "none")] = 1.0
    f[f"plover|reason={plover or 'none'}|{reason or 'none'}"] = 1.0   # version 2
    f["kind=" + kind] = 1.0
    f["lemma=" + tok.lemma_.lower()] = 1.0
    f["pos=" + tok.pos_] = 1.0
    f["dep=" + tok.dep_] = 1.0
    f["tag=" + head.tag_] = 1.0
    if head is not tok:
        f["light"] = 1.0
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "should", "may", "might", "must",
                                              "can", "’ll", "'ll") for c in head.children):
        f["modal"] = 1.0
    if any(c.dep_ == "neg" for c in head.children):
        f["neg"] = 1.0
    f["cue" if is_cue else ("in_content" if in_content else "author")] = 1.0
    f["actor_type=" + (actor_type or "none")] = 1.0
    words = actor_name.split()
    if actor_name[:1].islower():
        f["actor_lower"] = 1.0
    if len(words) > 4:
        f["actor_long"] = 1.0
    if has_target:
        f["target"] = 1.0
    sent = tok.sent
    n = len(sent)
    f["sent_len=" + ("short" if n < 10 else "mid" if n < 30 else "long")] = 1.0
    if any(t.lower_ in ("we", "i") and t.dep_ in ("nsubj", "nsubjpass") for t in sent):
        f["first_person"] = 1.0
    line_start = text.rfind("\n", 0, start) + 1
    if _BULLET.match(text[line_start:start + 4]):
        f["bullet"] = 1.0
    if _LINK.search(text[max(line_start, trigger_at - 200):trigger_at]):
        f["link_text"] = 1.0
    if any(c.dep_ in ("dobj", "dative") for c in head.children):
        f["has_object"] = 1.0
    _clause_features(f, tok, head, sent)
    _actor_features(f, tok, head, plover, actor_how, dated, is_cue, in_content,
                    text[start:start + 2000])
    _sense_features(f, tok, head, plover)
    _frame_features(f, tok, head, plover)
    return f


# suffixes of abstract nouns (states, acts, procedures): "anonymity", "resolution", "agreement"
_ABSTRACT = re.compile(r"(?:tion|sion|ity|ment|ance|ence|ness|ism|ship|cy|ure|age|ing|al)$")


def noun_kind(t) -> str:
    """The kind of a complement: an entity's label, a pronoun, an abstract noun (by its
    suffix: "anonymity", "vote" is none) or another noun."""
    if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        return "ent:" + t.ent_type_
    if t.ent_type_:
        return "ent:other"
    if t.pos_ == "PRON":
        return "pron"
    if t.pos_ == "PROPN":
        return "propn"
    if t.pos_ == "NOUN":
        return "abstract" if _ABSTRACT.search(t.lower_) and len(t.lower_) > 5 else "noun"
    return t.pos_.lower()


def complement(head):
    """The trigger's object (``dobj``, ``attr``, ``dative``) or, without one, the object of its
    first preposition (``(prep, token)``); ``("", None)`` when it has neither."""
    kids = list(head.children)
    for c in kids:
        if c.dep_ in ("dobj", "attr", "dative", "oprd"):
            return "obj", c
    for c in kids:
        if c.dep_ == "prep":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return "prep:" + c.lower_, pobj
    return "", None


def _sense_features(f: dict[str, float], tok, head, plover: Optional[str]) -> None:
    """Version 4: the trigger's sense as its complements tell it, crossed with the PLOVER
    type: its object's or prepositional object's lemma and kind ("requested anonymity",
    "called for a voice vote"), the noun it modifies ("pledged delegates"), its subject's lemma
    and kind ("the resolution urges"), and the trigger's lemma with the type."""
    p = plover or "none"
    lemma = tok.lemma_.lower()
    f[f"plover|lemma={p}|{lemma}"] = 1.0
    rel, obj = complement(head)
    if obj is not None and obj.i != tok.i:
        kind = noun_kind(obj)
        f[f"plover|comp_kind={p}|{rel}|{kind}"] = 1.0
        f[f"plover|comp={p}|{rel}|{obj.lemma_.lower()}"] = 1.0
        f[f"lemma|comp={lemma}|{rel}|{obj.lemma_.lower()}"] = 1.0
        f["comp_kind=" + kind] = 1.0
    else:
        f[f"plover|comp_kind={p}|none"] = 1.0
    if tok.dep_ in ("amod", "compound", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        f[f"plover|modifies={p}|{tok.head.lemma_.lower()}"] = 1.0   # "pledged delegates"
        f[f"plover|modifies_kind={p}|{noun_kind(tok.head)}"] = 1.0
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        f[f"plover|subj={p}|{subj.lemma_.lower()}"] = 1.0
        f[f"plover|subj_kind={p}|{noun_kind(subj)}"] = 1.0


_FRAME_MODALS = {"will", "would", "could", "should", "may", "might", "must", "can", "shall",
                 "’ll", "'ll", "’d", "'d", "wo", "ca"}
_OPINION = {"think", "believe", "feel", "fear", "guess", "suspect", "doubt", "wonder", "imagine",
            "assume", "argue", "hope", "worry", "predict", "speculate", "expect", "say"}
_HEDGES = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently", "rumored",
           "rumoured", "possibly", "perhaps", "maybe", "likely", "potentially"}
_HABIT = {"repeatedly", "regularly", "ever", "overwhelmingly", "long", "always", "often",
          "routinely", "consistently", "generally", "usually", "typically", "frequently",
          "constantly", "traditionally", "historically"}
_GENERIC_DETS = {"every", "any", "each", "all", "no", "whoever", "anyone", "anybody", "everyone"}


def _frame_features(f: dict[str, float], tok, head, plover: Optional[str]) -> None:
    """Version 5: what frames the trigger's clause from above and around it — the words that
    govern it up to its sentence's root (their lemmas, a negation, a modal or an opinion verb
    among them: "said it would attack", "did not say that they met", "I think he supports"),
    a conditional or hedge anywhere in the sentence ("if", "reportedly"), a simple present
    with no auxiliary (a habit or a standing view: "Democrats support …"), a subject or object
    that is every- or no-one ("any country that attacks", "offered no support"), an
    infinitive, and a date-free present progressive."""
    p = plover or "none"
    t, depth = head, 0
    while t.head.i != t.i and depth < 4:
        gov, rel = t.head, t.dep_
        depth += 1
        glem = gov.lemma_.lower()
        if depth == 1:
            f[f"anc1={rel}|{glem}"] = 1.0    # "criticism that Trump was urging"
        kids = list(gov.children)
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in kids):
            f["anc_neg"] = 1.0
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FRAME_MODALS for c in kids):
            f[f"plover|anc_modal={p}"] = 1.0
            f["anc_modal"] = 1.0
        if glem in _OPINION and rel == "ccomp":
            f["anc_opinion=" + glem] = 1.0
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
            f["anc_conditional"] = 1.0
        t = gov
    sent = tok.sent
    for w in sent:
        lw = w.lower_
        if lw in ("if", "unless") and w.dep_ == "mark":
            f["sent_if"] = 1.0
        elif lw in _HEDGES:
            f["hedge"] = 1.0
        elif lw in ("would", "could", "might", "should") and w.dep_ == "aux":
            f["sent_irrealis"] = 1.0
    kids = list(head.children)
    aux = [c for c in kids if c.dep_ in ("aux", "auxpass")]
    if head.tag_ in ("VBZ", "VBP") and not aux:
        f[f"plover|simple_present={p}"] = 1.0
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        f[f"plover|infinitive={p}"] = 1.0
    for c in kids:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if c.lower_ in _GENERIC_DETS or any(d.dep_ == "det" and d.lower_ in _GENERIC_DETS
                                                 for d in c.children):
                f[f"generic_{c.dep_}"] = 1.0
    if tok.dep_ == "pcomp" and tok.head.lower_ in ("without", "before", "instead"):
        f["prep_" + tok.head.lower_] = 1.0   # "without consulting", "before meeting"
    for c in kids:
        if c.dep_ in ("advmod", "npadvmod") and c.lower_ in _HABIT:
            f["habit_adverb"] = 1.0          # "repeatedly pledged", "overwhelmingly support"
        elif c.dep_ == "prep" and c.lower_ in ("for", "over") and any(
                g.lemma_.lower() in ("year", "decade", "month") for g in c.children):
            f["habit_span"] = 1.0            # "supported … cuts for years"
        elif c.dep_ == "ccomp" and c.tag_ in ("VBD", "VBZ", "VBP") and not any(
                g.dep_ == "aux" and g.lower_ in _FRAME_MODALS | {"to"} for g in c.children):
            f[f"plover|says_that={p}"] = 1.0   # "insisted they are prepared": a statement
    i = tok.i
    if i > sent.start and sent.doc[i - 1].is_punct and sent.doc[i - 1].text in ("”", '"', "''", "’", "'"):
        f["after_quote"] = 1.0               # "… ?” demanded Scrooge": a speech tag


def _actor_features(f: dict[str, float], tok, head, plover: Optional[str], how: str, dated: bool,
                    is_cue: bool, in_content: bool, sentence: str) -> None:
    """Version 3: how the actor was named (a country, a statement's source, a speaker, a
    coreference, a pronoun, or only the words of a noun phrase: "our goal", "two-day event"),
    its entity label, a subject that is a text or tool ("the resolution urges") or a quantity
    ("28 percent of caucusgoers"), the noun a gerund hangs from ("has a history of criticizing"), a bare
    plural subject ("people who backed …"), the clause the verb heads
    (a relative clause describes, a main clause tells), the PLOVER type with the tense ("the
    OTF supports brave ideas": a habit) and with how the actor was named, a date, "we" of the
    author outside any quotation, a negation anywhere in the sentence, and emphasis or link
    markup.  (A page without a publication date is no feature: it marked the novels of the
    training pages, and would weigh against any pasted text.)"""
    p = plover or "none"
    f["actor_how=" + (how or "other")] = 1.0
    f[f"plover|how={p}|{how or 'other'}"] = 1.0
    f[f"plover|tense={p}|{tok.tag_}"] = 1.0
    f["head_dep=" + head.dep_] = 1.0
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        f["subj_ent=" + (subj.ent_type_ or subj.pos_)] = 1.0
        if subj.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in subj.children):
            f["subj_bare_plural"] = 1.0
        if _DOCUMENT.match(subj.lemma_):
            f["subj_document"] = 1.0       # "the resolution urges …": a text's standing content
        if any(c.dep_ == "nummod" or c.lower_ in ("percent", "%") for c in subj.subtree):
            f["subj_quantity"] = 1.0       # "28 percent of caucusgoers supported …": a poll
        if subj.lower_ in ("we", "i") and not is_cue and not in_content:
            f["author_first_person"] = 1.0
    if tok.dep_ == "pcomp" and tok.head.head.i != tok.head.i:
        f["gov_noun=" + tok.head.head.lemma_.lower()] = 1.0   # "a history of criticizing"
    if dated:
        f["dated"] = 1.0
    if any(t.dep_ == "neg" for t in tok.sent):
        f["sent_neg"] = 1.0
    if "**" in sentence[:len(tok.sent.text) + 40] or "](" in sentence[:len(tok.sent.text) + 40]:
        f["markup"] = 1.0


_RELATIVE = {"who", "which", "that", "whose"}
# nouns for texts, plans and tools, which "urge", "support" or "offer" only as what they say
_DOCUMENT = re.compile(r"^(?:bill|act|law|resolution|report|plan|proposal|letter|study|data|poll|"
                       r"survey|document|order|rule|regulation|amendment|legislation|policy|"
                       r"program|programme|initiative|tool|app|software|website|site|page|quiz|"
                       r"platform|feature|guide|goal|work|project|fund|funding|budget|strategy)$", re.I)
_PRONOUN_SUBJ = {"he", "she", "they", "it", "we", "i", "you"}


def _clause_features(f: dict[str, float], tok, head, sent) -> None:
    """Version 2: the verb's tense and particle, its object, what governs its clause, its
    subject's kind, quotation, title case and percentages in the sentence."""
    f["tense=" + tok.tag_] = 1.0
    for c in head.children:
        if c.dep_ == "prt":
            f["prt=" + c.lower_] = 1.0
        elif c.dep_ in ("dobj", "nsubjpass") and c.i != tok.i:
            f["obj=" + c.lemma_.lower()] = 1.0
        elif c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in _RELATIVE:
                f["subj_relative"] = 1.0
            elif c.lower_ in _PRONOUN_SUBJ:
                f["subj_pronoun"] = 1.0
        elif c.dep_ == "aux" and c.lemma_.lower() == "have":
            f["perfect"] = 1.0
        elif c.dep_ == "aux" and c.lemma_.lower() == "be" and tok.tag_ == "VBG":
            f["progressive"] = 1.0
    if head.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp") and head.head.i != head.i:
        f["governor=" + head.head.lemma_.lower()] = 1.0
    before = sent.doc[sent.start:tok.i].text
    if (before.count("“") > before.count("”")) or before.count('"') % 2 == 1:
        f["quoted"] = 1.0
    words = [t for t in sent if t.is_alpha and len(t.text) > 3]
    if len(words) >= 4 and sum(t.text[:1].isupper() for t in words) / len(words) > 0.6:
        f["title_case"] = 1.0
    if any(t.lower_ in ("percent", "%") for t in sent):
        f["percent"] = 1.0


def probability(model: Optional[dict], feats: dict[str, float]) -> Optional[float]:
    if not model:
        return None
    w = model["weights"]
    z = sum(w.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
