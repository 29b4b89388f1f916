"""Speaker types: what kind of speaker an article's canonical speaker is.

Decides, for each speaker the resolver keeps, one of

- ``person``: a named individual ("Maria Zakharova", "Mr. Meagher", the page's author);
- ``organization``: a company, party, NGO, court, international body, campaign;
- ``media``: a news outlet, agency, network, programme;
- ``government``: a state or its government, a ministry, embassy, military, a city or
  capital speaking as an actor ("Baku denied", "the White House");
- ``group``: a role or group without a name ("a journalist", "officials", "Q",
  "critics", "a senior administration official");
- ``document``: a report, statement, email, video, readout, study, poll;
- ``unknown``: not something that can speak or hold a view (a disease, money, an abstract
  noun, a date, a markup token) — see :func:`can_speak`.

Many weak cues decide, none alone: the rule type the resolver gave the entity, the named-entity
label and part of speech of its mentions, the head noun's lemma in the word lists below, the
name's shape (title case, capitals, digits, a known first name, an honorific before it),
the role the article gives it (a title or apposition), the pronouns that stand for it in
attributions ("she said" vs "it said"), plural heads and determiners, the cue verbs of its
statements.  A multinomial logistic regression over these features (weights in
``data/speaker_types.json``, trained by ``scripts/train_speaker_types.py`` on the labelled
sample in ``corpus/``) picks the type; plain Python at inference, no learning library.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Optional

from onrecord.resolve.entities import GOV_WORDS, HONORIFICS, MEDIA_WORDS
from onrecord.resolve.gazetteer import country_of

DATA = Path(__file__).resolve().parent / "data"
MODEL_FILE = DATA / "speaker_types.json"
NAMES_FILE = DATA / "speaker_type_names.json"
CENSUS_FIRST_NAMES = DATA / "first_names.json"   # shared with coreference (female share by name)
FEATURES_VERSION = 4   # bump when the features change (the training cache keys on it)
TYPES = ("person", "organization", "media", "government", "group", "document", "none")

# head nouns (lemmas) by what they name
ROLE_WORDS = {
    "official", "spokesman", "spokeswoman", "spokesperson", "journalist", "reporter", "analyst",
    "expert", "source", "aide", "adviser", "advisor", "diplomat", "lawmaker", "legislator",
    "senator", "congressman", "congresswoman", "representative", "lawyer", "attorney",
    "prosecutor", "judge", "minister", "secretary", "director", "president", "chairman",
    "chairwoman", "chair", "leader", "member", "officer", "agent", "staffer", "staff", "worker",
    "resident", "voter", "supporter", "critic", "opponent", "protester", "activist", "witness",
    "victim", "student", "teacher", "doctor", "scientist", "researcher", "economist", "observer",
    "commentator", "editor", "author", "writer", "blogger", "host", "anchor", "moderator",
    "question", "q", "participant", "speaker", "person", "people", "man", "woman", "someone",
    "insider", "investigator", "inspector", "negotiator", "ambassador", "envoy", "candidate",
    "campaign", "democrat", "republican", "conservative", "liberal", "progressive", "american",
    "citizen", "parent", "family", "fan", "user", "customer", "employee", "executive", "ceo",
    "founder", "owner", "manager", "coordinator", "delegate", "commander",
    "soldier", "general", "colonel", "pollster", "strategist", "consultant", "operative",
    "administrator", "governor", "mayor", "counsel", "partner", "colleague",
    "friend", "neighbor", "neighbour", "authority", "military", "leadership",
    "advocate", "defender", "proponent", "skeptic", "sceptic", "detractor", "audience",
    "crowd", "panel", "jury", "public", "everyone", "teenager", "child", "kid", "mother",
    "father", "daughter", "son", "wife", "husband", "criminal", "gang", "abuser", "terrorist",
    "militant", "rebel", "regulator", "policymaker", "lobbyist", "specialist", "ally", "donor",
    "endorser", "elite", "immigrant", "community", "population", "delegation", "trust", "camp",
    "fighter", "veteran", "hawk", "dove", "politician",
    "nominee", "incumbent", "challenger", "sheriff", "cop", "troop", "police",
    "side", "heavyweight", "machinist", "union", "percent",
}
# quantifier heads: "a handful of Democrats", "some of them", "70 percent believe"
QUANT_WORDS = {"some", "many", "most", "few", "several", "all", "each", "none", "handful", "majority",
               "minority", "half", "percent", "number", "dozen", "hundred", "thousand", "million",
               "other", "others", "both", "any", "one", "two", "three", "eleven", "lot", "rest"}
ORG_WORDS = {
    "company", "corporation", "corp", "inc", "group", "party", "association", "union", "council",
    "committee", "foundation", "institute", "institution", "center", "centre", "university",
    "college", "school", "bank", "commission", "court", "organization", "organisation",
    "coalition", "alliance", "league", "federation", "society", "club", "firm", "agency",
    "board", "bureau", "authority", "nato", "un", "eu", "network", "project", "initiative",
    "movement", "fund", "trust", "team", "caucus", "pac", "lab", "laboratory", "hospital",
    "church", "chamber", "tribunal", "office", "service", "watchdog", "think", "tank", "ngo",
    "charity", "campaign", "consortium", "industry", "business", "manufacturer", "provider",
}
DOC_WORDS = {
    "report", "statement", "email", "e-mail", "letter", "video", "readout", "memo", "document",
    "study", "survey", "poll", "tweet", "post", "release", "bulletin", "ruling", "complaint",
    "lawsuit", "filing", "website", "site", "article", "book", "data", "record", "transcript",
    "footage", "analysis", "paper", "publication", "message", "note", "communique", "communiqué",
    "declaration", "resolution", "decision", "order", "law", "bill", "act", "text", "draft",
    "ad", "advertisement", "commercial", "recording", "tape", "clip", "blog", "column",
    "op-ed", "editorial", "story", "investigation", "review", "audit", "assessment", "estimate",
    "findings", "evidence", "figure", "statistic", "chart", "map", "sign", "shirt", "material",
    "banner", "poster", "leaflet", "brochure", "guidance", "guideline", "policy", "manual",
    "page", "headline", "caption", "verdict", "indictment", "motion", "petition", "proposal",
    "plan", "platform", "manifesto", "treaty", "agreement", "constitution", "account",
    "summary", "brief", "briefing", "testimony", "speech", "interview", "broadcast", "podcast",
    "newsletter", "memorandum", "cable", "dossier", "file", "warrant", "subpoena", "notice",
    "polling", "passage", "excerpt", "quote", "census", "forecast", "projection",
}
NONSPEAKER_WORDS = {
    "virus", "disease", "money", "deadline", "time", "year", "month", "week", "day", "today",
    "yesterday", "tomorrow", "date", "price", "cost", "rate", "number", "percent", "dollar",
    "economy", "market", "history", "fact", "truth", "reality", "situation", "problem", "issue",
    "idea", "thing", "way", "result", "effect", "impact", "change", "growth",
    "crisis", "war", "conflict", "attack", "pandemic", "epidemic", "outbreak", "cancer", "covid",
    "coronavirus", "weather", "climate", "image", "title", "tag", "tags", "description", "photo",
    "illustration", "screenshot", "credit", "caption", "relationship", "element", "word", "chance",
    "which", "who", "that", "what", "no", "none", "common", "ground", "principle", "action",
    "move", "step", "law", "rule", "policy", "system", "process", "program", "programme",
    "experience", "science", "logic", "sense", "reason", "nature", "life", "death", "world",
}
# head nouns of state bodies and media beyond the resolver's own word lists
GOV_HEADS = {"navy", "command", "chief", "chancellery", "administration", "ministry", "department",
             "embassy", "government", "cabinet", "congress", "senate", "parliament", "military", "army",
             "police", "pentagon", "kremlin", "agency", "bureau", "prosecutor", "regime", "authority",
             "legislature", "assembly", "mission", "consulate", "state", "republic", "kingdom", "force"}
MEDIA_HEADS = {"sentinel", "journalism", "newspaper", "paper", "magazine", "outlet", "broadcaster",
               "network", "channel", "site", "blog", "newsletter", "show", "program", "programme",
               "podcast", "pollster", "media", "press", "observer", "examiner", "chronicle", "courier",
               "inquirer", "independent", "mirror", "star", "sun", "globe", "bulletin", "review"}
PLURAL_TAGS = {"NNS", "NNPS"}
CUE_LEMMAS = ("say", "tell", "report", "show", "find", "state", "write", "add", "claim", "announce",
              "accuse", "note", "warn", "argue", "believe", "think", "suggest", "indicate", "reveal",
              "read", "tweet", "ask", "explain", "insist", "deny", "call")
FEMALE = {"she", "her", "hers", "herself"}
MALE = {"he", "him", "his", "himself"}
IT = {"it", "its", "itself"}
THEY = {"they", "them", "their", "themselves"}


@lru_cache(maxsize=1)
def _model() -> Optional[dict]:
    if not MODEL_FILE.is_file():
        return None
    m = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    m["index"] = {f: i for i, f in enumerate(m["features"])}
    return m


@lru_cache(maxsize=1)
def _name_lists() -> dict:
    if not NAMES_FILE.is_file():
        return {}
    return json.loads(NAMES_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names, title case: the US census first names of ``data/first_names.json`` and the
    first words of PERSON entities in PolNeAR train (``data/speaker_type_names.json``)."""
    census = []
    if CENSUS_FIRST_NAMES.is_file():
        census = json.loads(CENSUS_FIRST_NAMES.read_text(encoding="utf-8")).get("female_share", {})
    return frozenset({n.title() for n in census} | set(_name_lists().get("polnear_first_words", [])))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """The commonest US census surnames, title case (shipped list)."""
    return frozenset(_name_lists().get("surnames", []))


def _span(doc, s: int, e: int, offset: int):
    # (the end of the text from its last token: doc.text would build the whole string per call)
    if doc is None or not len(doc) or s < offset or e - offset > doc[-1].idx + len(doc[-1].text_with_ws):
        return None
    sp = doc.char_span(s - offset, e - offset, alignment_mode="expand")
    return sp if sp is not None and len(sp) else None


def _ents_index(doc):
    """The parse's entities by last word and by whole text (lower-cased), built once per doc."""
    key = "onrecord_types_ents"
    if key not in doc.user_data:
        by_last: dict[str, list] = {}
        by_text: dict[str, list] = {}
        for i, e in enumerate(doc.ents):
            words = e.text.split()
            if words:
                by_last.setdefault(words[-1].strip(".,'’").lower(), []).append((i, e.label_))
            by_text.setdefault(e.text.lower(), []).append((i, e.label_))
        doc.user_data[key] = (by_last, by_text)
    return doc.user_data[key]


def _head_lemma(words: list[str]) -> str:
    w = words[-1].lower().strip(".,;:'’\"") if words else ""
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3 and w not in ("news", "times", "press"):
        return w[:-1]
    return w


AGENTIVE_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "eer")   # teenager, regulator, activist


def _agentive(lemma: str) -> bool:
    return lemma.isascii() and lemma.isalpha() and lemma.islower() and any(
        lemma.endswith(x) and len(lemma) - len(x) >= 3 for x in AGENTIVE_ENDINGS)


def _lists(prefix: str, lemma: str, f: dict[str, float], weight: float = 1.0) -> None:
    for name, words in (("role", ROLE_WORDS), ("org", ORG_WORDS), ("doc", DOC_WORDS),
                        ("non", NONSPEAKER_WORDS), ("quant", QUANT_WORDS), ("gov", GOV_HEADS),
                        ("media", MEDIA_HEADS)):
        if lemma in words:
            f[f"{prefix}_{name}"] = max(f.get(f"{prefix}_{name}", 0.0), weight)
    if _agentive(lemma) and lemma not in DOC_WORDS and lemma not in NONSPEAKER_WORDS:
        f[f"{prefix}_agentive"] = weight


def entity_features(ent, doc, offset: int, record=None) -> dict[str, float]:
    """Sparse features (name → value in [0, 1]) of one resolved entity."""
    f: dict[str, float] = {"bias": 1.0, f"rule={ent.type}": 1.0,
                           f"key={ent.key.split(':', 1)[0] if ':' in ent.key else ent.key}": 1.0}
    name = ent.name or ""
    words = [w for w in re.split(r"\s+", name) if w]
    alpha = [w for w in words if any(c.isalpha() for c in w)]
    if alpha and all(w[0].isupper() for w in alpha if w.lower() not in ("of", "the", "and", "for", "de")):
        f["name_title"] = 1.0
    if alpha and name.isupper() and len(name) > 1:
        f["name_upper"] = 1.0
    if name[:1].islower():
        f["name_lower"] = 1.0
    if any(c.isdigit() for c in name):
        f["name_digit"] = 1.0
    if not alpha:
        f["name_noalpha"] = 1.0
    f[f"nwords={min(len(words), 4)}"] = 1.0
    if words and words[0].strip(".").title() in first_names():
        f["first_name"] = 1.0
    if len(alpha) >= 2 and alpha[-2].strip(".").title() in first_names():
        f["first_last"] = 1.0   # "Secretary of Defense Pete Hegseth"
    if alpha and alpha[-1].strip(".,'’s").title() in surnames():
        f["surname"] = 1.0
    if getattr(ent, "first", None):
        f["has_first"] = 1.0
    if words and words[0].lower().strip(".") in HONORIFICS:
        f["name_honorific"] = 1.0
    if MEDIA_WORDS.search(name):
        f["name_media"] = 1.0
    if GOV_WORDS.search(name):
        f["name_gov"] = 1.0
    hit = country_of(name)
    if hit:
        f[f"country_{hit[1]}"] = 1.0
    elif len(alpha) > 1 and any(country_of(w.strip(".,'’s")) for w in alpha[:-1]):
        f["name_has_country"] = 1.0   # "American Navy", "German government", "U.S. officials"
    if re.match(r"(?i)^(?:a|an|one|another|some|two|three|several|many)\b", name):
        f["name_indef"] = 1.0
    # the head of "National Academies of Sciences" is "Academies"
    head_words = re.split(r"\s+of\s+", name, maxsplit=1)[0].split() if " of " in name else words
    _lists("head", _head_lemma(head_words), f)
    role = getattr(ent, "role", None) or ""
    if role:
        f["has_role"] = 1.0
        if role.lower().startswith("government of") or role == "author":
            f["role_" + role.split()[0].lower()] = 1.0
        _lists("rolehead", _head_lemma(role.split()), f)
        if re.search(r"(?i)\b(spokes\w+|minister|secretary|president|senator|mr|ms|mrs|dr)\b", role):
            f["role_title"] = 1.0
        if MEDIA_WORDS.search(role):   # "Xinhua, the official Chinese news agency"
            f["role_media"] = 1.0
        if GOV_WORDS.search(role):
            f["role_gov"] = 1.0
    # the mentions as the parse sees them
    ms = sorted(getattr(ent, "mentions", []) or [])
    n = 0
    for s, e in ms[:20]:
        sp = _span(doc, s, e, offset)
        if sp is None:
            continue
        n += 1
        root = sp.root
        f.setdefault("_ner", {}).setdefault(root.ent_type_ or "O", 0)
        f["_ner"][root.ent_type_ or "O"] += 1
        f.setdefault("_pos", {}).setdefault(root.pos_, 0)
        f["_pos"][root.pos_] += 1
        if root.tag_ in PLURAL_TAGS:
            f["_plural"] = f.get("_plural", 0) + 1
        _lists("mhead", root.lemma_.lower(), f, 1.0)
        for c in root.children:   # "a handful of Democrats", "victims of CSAM"
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:
                    if o.dep_ == "pobj":
                        _lists("ofhead", o.lemma_.lower(), f, 1.0)
                        if o.ent_type_:
                            f[f"ofner={o.ent_type_}"] = 1.0
                        if o.pos_ == "PRON":
                            f["ofpron"] = 1.0
            elif c.dep_ == "relcl":
                f["m_relcl"] = 1.0
            elif c.dep_ in ("det", "predet") and c.lower_ in ("all", "some", "many", "any", "no", "which", "every"):
                f["m_quantdet"] = 1.0
        first = sp[0].lower_
        if first in ("a", "an", "one", "another"):
            f["m_indef"] = 1.0
        elif first in ("the", "this", "that"):
            f["m_def"] = 1.0
        if sp.start > 0 and sp.doc[sp.start - 1].lower_.strip(".") in HONORIFICS:
            f["m_honorific"] = 1.0
        if any(t.lower_.strip(".") in HONORIFICS for t in sp[:-1]):
            f["m_honorific"] = 1.0
        # what stands just left of the mention: "[Director of National Intelligence Tulsi] Gabbard"
        left = [t for t in sp.doc[max(sp.sent.start, sp.start - 5):sp.start] if not t.is_punct]
        if left and left[-1].text.title() in first_names():
            f["left_first_name"] = 1.0
        if any(t.lower_.strip(".") in HONORIFICS or t.lemma_.lower() in ROLE_WORDS for t in left[-4:]):
            f["left_title"] = 1.0
        if root.dep_ in ("nsubj", "nsubjpass"):
            f["m_subject"] = 1.0
    # what the parse calls the name elsewhere in the article ("Tulsi Gabbard" PERSON)
    last = alpha[-1].strip(".,'’").lower() if alpha else ""
    if doc is not None and last:
        by_last, by_text = _ents_index(doc)
        labels = Counter()
        for _i, label in by_last.get(last, ()):
            labels[label] += 1
        if len(alpha) > 1:
            for i, label in by_text.get(name.lower(), ()):
                if i not in {j for j, _ in by_last.get(last, ())}:
                    labels[label] += 1
        tot = sum(labels.values())
        for label, c in labels.items():
            if label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "DATE", "CARDINAL", "MONEY",
                         "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"):
                f[f"doc_ner={label}"] = c / tot
    for key, sub in (("ner", f.pop("_ner", {})), ("pos", f.pop("_pos", {}))):
        for label, c in sub.items():
            f[f"{key}={label}"] = c / n
    if n:
        f["plural"] = f.pop("_plural", 0) / n
        f["mentions_many"] = 1.0 if n >= 3 else 0.0
    else:
        f.pop("_plural", None)
        f["no_mentions"] = 1.0
    if record is not None:
        _attribution_features(ent, record, f)
    return f


def _attribution_features(ent, record, f: dict[str, float]) -> None:
    """Cues from the statements given to the entity: pronoun sources, cue verbs, turns."""
    sid, names = ent.sid, {ent.name, *getattr(ent, "aliases", ())}
    for a in getattr(record, "attributions", []):
        if a.speaker is None or (a.speaker.id != sid and a.speaker.name not in names):
            continue
        if a.how == "turn":
            f["turn"] = 1.0
        if a.source is not None:
            src = (a.source.text or "").strip().lower()
            for label, words in (("she", FEMALE), ("he", MALE), ("it", IT), ("they", THEY)):
                if src in words:
                    f[f"pron_{label}"] = 1.0
        if a.cue is not None and a.cue.text:
            w = a.cue.text.strip().lower().split()[-1:] or [""]
            lem = _verb_lemma(w[0])
            if lem in CUE_LEMMAS:
                f[f"cue={lem}"] = 1.0


def _verb_lemma(w: str) -> str:
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ed", ""), ("es", ""), ("s", ""), ("ing", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: len(w) - len(suf)] + rep
            for cand in (stem, stem + "e"):
                if cand in CUE_LEMMAS:
                    return cand
    irregular = {"said": "say", "told": "tell", "wrote": "write", "thought": "think", "found": "find",
                 "read": "read", "says": "say", "tells": "tell"}
    return irregular.get(w, w)


def probabilities(feats: dict[str, float]) -> Optional[dict[str, float]]:
    """P(type | features) under the shipped model; None when no model is shipped."""
    m = _model()
    if m is None:
        return None
    idx = m["index"]
    scores = list(m["intercept"])
    for name, v in feats.items():
        j = idx.get(name)
        if j is None or not v:
            continue
        for k, row in enumerate(m["coef"]):
            scores[k] += row[j] * v
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    z = sum(exp)
    return {c: e / z for c, e in zip(m["classes"], exp)}


def _record_type(label: str) -> str:
    return "unknown" if label == "none" else label


def speaker_type(ent, doc, offset: int, record=None) -> str:
    """The record type of a resolved speaker entity (see the module docstring)."""
    if getattr(ent, "key", "") == "author" or getattr(ent, "role", None) == "author":
        return "person"
    p = probabilities(entity_features(ent, doc, offset, record))
    if p is None:
        return {"place": "government"}.get(ent.type, ent.type)
    return _record_type(max(p, key=p.get))


def can_speak(ent, doc, offset: int, record=None, threshold: float = 0.7) -> bool:
    """False when the entity is clearly nothing that can speak or hold a view (a disease,
    money, an abstract noun, a date, a markup token): the typer's ``none`` class has at least
    ``threshold`` of the probability.  The signal is not clear enough to act on: cross-validated
    on the labelled sample (scripts/train_speaker_types.py), 0.7 flags 25 speakers, 19 of them
    among the 70 labelled non-speakers (0.76 right, 0.27 found); 0.5 flags 46 (0.72 right, 0.47
    found).  :mod:`.assign` acts at 0.7: such a source's reported speech is dropped and its
    quotations keep no speaker (measured on the web corpus and PolNeAR dev: docs/benchmarks.md)."""
    p = probabilities(entity_features(ent, doc, offset, record))
    if p is None:
        return True
    return p.get("none", 0.0) < threshold
