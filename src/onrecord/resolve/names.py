"""How a source mention becomes a speaker's name.

Decided here, for :mod:`onrecord.resolve.speakers`:

- :func:`first_name_at` — where a person's name starts in a mention that a title opens
  ("Director of National Intelligence Tulsi Gabbard" -> "Tulsi Gabbard");
- :func:`person_named_as_org` — a person's whole name the parser tagged as an organisation
  ("Carly Fiorina" as ORG): a first name of one sex and a surname, no organisation word;
- :func:`demonym_country` — the country a government description's modifier names ("the
  Russian government" -> Russia);
- :func:`title_writer` — a column's writer named by its title ("Ann Coulter: And Then There
  Was the One");
- :func:`title_before_first_name` — how many words of a person's name are a title before
  the first name (a known first name, else a role word opening a long title);
- :func:`clause_like` / :func:`name_phrase` — a mention that holds more than a name (a comma,
  a relative clause, eight words) is named by its head phrase ("several legislators in North
  America, Europe" -> "several legislators"); ``CLAUSE_CUT`` ends an organisation's name
  before a comma, a parenthesis or a relative clause;
- :func:`written_as_name`, :func:`owner_start`, :func:`whole_name`, :func:`role_of` — whether a
  longer mention may rename an organisation, a government body's country, a person's name the
  model cut short, and the role a mention gives a person;
- :func:`person_words` — the words of a person's name without its titles, and the title or
  honorific before it;
- ``ADDRESS_TITLES`` — "Mr.", "Ms.", "Dr.": a label such as "MR. SULLIVAN" is the person of
  that surname.
"""
from __future__ import annotations

import re
from typing import Optional

from onrecord.resolve.coref_mentions import name_gender
from onrecord.resolve.entities import DETERMINER, GOV_WORDS, HONORIFICS, POSSESSIVE
from onrecord.resolve.gazetteer import country_of
from onrecord.resolve.types import ROLE_WORDS, first_names
from onrecord.text import clean_name, own_text


def first_name_at(span) -> Optional[int]:
    """Index in span of a first name that opens its last two or three words, all proper
    nouns ("… Intelligence Tulsi Gabbard" -> the index of "Tulsi"), or None."""
    for k in (len(span) - 2, len(span) - 3):
        tail = span[k:] if k > 0 else None
        if tail is not None and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail) \
                and tail[0].text in first_names():
            return k
    return None


_ORG_NAME_WORDS = re.compile(
    r"\b(inc|corp|co|llc|ltd|plc|group|party|society|foundation|fund|institute|center|centre|"
    r"university|college|school|company|bank|association|council|committee|club|network|news|"
    r"times|post|journal|press|media|house|hall|street|avenue|hotel|church|bros|brothers|sons|"
    r"partners|capital|holdings|airlines|motors|records|studios|pictures|games|project|act|law|"
    r"award|awards|prize|cup|show|report|day|department|ministry|agency|office|bureau|research|"
    r"music|energy|transition|movement|rising|action|alliance|coalition|campaign|pac)\b\.?", re.I)


def person_named_as_org(span) -> bool:
    """Is an ORG span a person's whole name: two or three capitalised proper nouns, the first a
    first name the census gives (nearly) only to one sex and no place, the last no word the
    article also writes in lower case, no organisation word ("Carly Fiorina" yes; "Morgan
    Stanley", "Charles Schwab Corp.", "John Birch Society", "Sandy Hook" no)?"""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper()
                                            and t.text[1:2].islower() for t in words):
        return False
    if _ORG_NAME_WORDS.search(span.text) or span.text.endswith(("'s", "’s")):
        return False
    if country_of(words[0].text) is not None or name_gender(None, words[0].text) is None:
        return False
    last = words[-1].text
    if any(t.text == last.lower() for t in span.doc):
        return False
    # (a name used as a modifier anywhere — "Sandy Hook families" — is a place's or a team's)
    return not any(e.text == span.text and e.root.dep_ == "compound" for e in span.doc.ents)


_TITLE_WRITER = re.compile(r"(?P<name>[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2}): +[A-Z‘“'\"]")


def title_writer(title: Optional[str]) -> Optional[str]:
    """The person a title opens with before a colon, a first name of one sex first ("Ann
    Coulter: And Then There Was the One" -> "Ann Coulter"); None otherwise."""
    m = _TITLE_WRITER.match(title or "")
    if m is None or name_gender(None, m.group("name").split()[0]) is None:
        return None
    return m.group("name")


def demonym_country(span) -> Optional[str]:
    """The country a modifier of the span's head names ("the Russian government", "the Iran
    regime"), or None."""
    for c in span.root.children:
        hit = country_of(c.text) if c.dep_ in ("amod", "compound") else None
        if hit is not None:
            return hit[0].name
    return None


_TITLE_JOINERS = frozenset({"of", "for", "the", "and", "on", "to"})


def title_before_first_name(words: list[str]) -> int:
    """How many words of a person's name are a title before the first name: the words
    before the first known first name when none of them is one ("National Intelligence
    Tulsi Gabbard" -> 2), else 0."""
    names = first_names()

    def first(w: str) -> bool:   # (a particle is no first name: "Le" of "Jean-Yves Le Drian")
        return w.lower() not in _NAME_PARTICLES and w.split("-")[0] in names

    for k, w in enumerate(words[:-1]):
        if first(w):
            return k if all((x[:1].isupper() or x in _TITLE_JOINERS) and not first(x) for x in words[:k]) else 0
    # no known first name: a title opened by a role word keeps the last two words (three
    # with a particle: "… Ursula von der Leyen")
    if len(words) >= 4 and words[0].lower() in ROLE_WORDS \
            and all(x[:1].isupper() or x in _TITLE_JOINERS for x in words):
        keep = 2
        while keep < len(words) - 1 and words[-keep].lower() in _NAME_PARTICLES:
            keep += 1
        return len(words) - keep
    return 0


_NAME_PARTICLES = frozenset({"von", "van", "der", "de", "da", "di", "del", "la", "le", "al", "bin", "ibn", "ben"})


ADDRESS_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "madam", "mme", "m"})
CLAUSE_CUT = re.compile(r",|\s\((?![A-Z]{2,8}\))|\s(?:who|which|that|whose|whom)\s")


def person_words(span) -> tuple[list[str], Optional[str]]:
    """The words of a person's name as written, without titles, and the title or honorific
    before them ("Mr." is often outside the model's span: the word before it counts)."""
    # (a hyphenated name stays one word: "JEAN-PIERRE"; a nickname in quotes is no part of the
    # name: Dan “Razin” Caine; "@POTUS Biden": a handle)
    raw = [w for w in own_text(span).split() if not (w[:1] in "\"“‘" and w[-1:] in "\"”’")] \
        or own_text(span).split()
    words = [w for w in (re.sub(r"(?:'s|’s)$", "", w).strip(",;:()\"“”") for w in raw)
             if w and any(ch.isalnum() for ch in w)]
    words = [w for w in words if not w.startswith("@")] or words
    said = words
    while len(words) > 1 and (words[0].lower().strip(".") in HONORIFICS
                              or words[0].lower() in ROLE_WORDS and words[0][:1].isupper()):
        words = words[1:]   # "Ambassador Tai", "SECRETARY RAIMONDO"
    words = words[title_before_first_name(words):]   # "National Intelligence Tulsi Gabbard"
    before = span.doc[span.start - 1].text if getattr(span, "start", 0) > 0 else None
    return words, said[0] if len(said) > len(words) else before


def clause_like(span) -> bool:
    """A mention that holds more than a name: a comma, a relative pronoun or eight words."""
    return len(span) >= 8 or any(t.text == "," or t.tag_ in ("WDT", "WP", "WP$") for t in span)


_NAME_LEFT = ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "predet")


def name_phrase(span) -> Optional[str]:
    """The head phrase of a source mention, without what follows its head (a prepositional
    phrase, a relative clause, an apposition): a proper name's run of proper nouns ("civil
    and human rights association European Digital Rights (EDRi)" -> "European Digital
    Rights"), else the head noun with its determiners and modifiers ("several legislators in
    North America, Europe" -> "several legislators")."""
    root = span.root
    if root.pos_ == "PROPN":
        k = root.i
        while k - 1 >= span.start and span.doc[k - 1].pos_ == "PROPN":
            k -= 1
        phrase = span.doc[k:root.i + 1]
    else:
        lefts = [c for c in root.lefts if c.dep_ in _NAME_LEFT and c.i >= span.start]
        k = min([root.i] + [c.left_edge.i for c in lefts])
        phrase = span.doc[max(k, span.start):root.i + 1]
    name = clean_name(own_text(phrase))
    return name or None


def capitals_name(words: list[str]) -> bool:
    """A name in capitals, as a transcript's label writes it ("MARTIN O'MALLEY", "SECRETARY
    RAIMONDO"): two to four words of capitals, the last no role word ("SENIOR ADMINISTRATION
    OFFICIAL" is a role)."""
    letters = ["".join(ch for ch in w if ch.isalpha()) for w in words]
    return all(len(x) >= 2 and x.isupper() for x in letters) \
        and letters[-1].lower() not in ROLE_WORDS and letters[-1].lower() not in _ROLE_LABELS


_ROLE_LABELS = frozenset({"moderator", "audience", "participant", "question", "questioner", "interviewer",
                          "announcer", "narrator", "crowd", "unidentified", "male", "female", "voice",
                          "operator", "panelist", "panel", "chairman", "chair", "clerk", "reporter"})


def written_as_name(name: str) -> bool:
    """A name written as one (each word capitalised but joiners: "Ministry of Foreign
    Affairs"), not a description holding one ("association European Digital Rights")."""
    return all(w[:1].isupper() or not w[:1].isalpha() or w in ("of", "for", "and", "the", "on", "de", "du")
               for w in name.split())


def owner_start(doc, ent, offset: int) -> int:
    """Where a government body's name starts with the country owning it, which the model
    leaves out of the entity ("Russia's Foreign Ministry", "the Chinese Embassy"); else where
    the entity starts (page offsets: ``offset`` added)."""
    start = ent.start_char + offset
    if ent.label_ != "ORG" or not GOV_WORDS.search(ent.text) or ent.start == 0:
        return start
    k = ent.start - 1
    if doc[k].text in ("'s", "’s", "'") and k > 0:
        k -= 1
    prev = doc[k]
    if prev.ent_type_ in ("GPE", "NORP") and not prev.is_space and country_of(prev.text) is not None:
        return prev.idx + offset
    return start


# lower-case particles inside a surname ("Ursula von der Leyen", "Recep bin Salman")
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le",
                            "bin", "ibn", "al", "el", "ter", "zu", "dos", "das"})


def whole_name(ent):
    """A person entity the model cut short, read whole: "Jean-Yves Le" of "Jean-Yves Le Drian"
    (the proper nouns it is a compound of); "Ursula von der" of "Ursula von der Leyen" (a
    name that ends in a lower-case particle goes on to the capitalised word after it, whatever
    the model tagged that word)."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_type_ == "" \
            and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end:
        end += 1
    k = end
    while k < len(doc) and k - ent.start < 6 and doc[k].text in NAME_PARTICLES:
        k += 1    # ("Ursula von" + "der Leyen")
    if k < len(doc) and k - ent.start >= 2 and doc[k - 1].text in NAME_PARTICLES \
            and doc[k].text[:1].isupper() and doc[k].is_alpha:
        end = k + 1
    return doc[ent.start:end] if end > ent.end else ent


def role_of(ent_span) -> Optional[str]:
    """The role a person's mention gives them: the words before the name ("Russian Foreign
    Minister Sergey Lavrov"), an apposition after it, or the noun it is in apposition to."""
    root = ent_span.root
    left = [c for c in root.lefts if c.i < ent_span.start
            and c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod")]
    if left:
        start = min(c.left_edge.i for c in left)
        role = own_text(ent_span.doc[start:ent_span.start])
        role = DETERMINER.sub("", role).strip(" ,")
        if role and any(ch.isalpha() for ch in role) and len(role) < 120:
            return role
    for c in root.rights:
        if c.dep_ == "appos" and c.i > ent_span.end - 1 and c.ent_type_ != "PERSON":
            role = own_text(ent_span.doc[c.left_edge.i:c.right_edge.i + 1]).strip(" ,")
            if role and len(role) < 120:
                return DETERMINER.sub("", role)
    head = root.head   # (not a first name the parser took for a head: "— Nate, Prince William")
    if root.dep_ == "appos" and head.i < ent_span.start and head.ent_type_ != "PERSON" \
            and not (head.pos_ == "PROPN" and head.text in first_names()):
        role = own_text(ent_span.doc[head.left_edge.i:head.i + 1])
        if role and len(role) < 120:
            return DETERMINER.sub("", role)
    return None


def org_key(name: str) -> str:
    """The key an organisation is known by: its name without a leading possessor or demonym
    ("Russia's Foreign Ministry", "Russian Foreign Ministry" -> "foreign ministry")."""
    words = name.split()
    if len(words) > 1:
        first = POSSESSIVE.sub("", words[0])
        if country_of(first) is not None or words[0].endswith(("'s", "’s")):
            words = words[1:]
    return " ".join(w.lower() for w in words)


def relative_head(verb):
    """The noun a relative clause hangs on; the name when that noun is apposed to one ("Harlan
    Crow, a Texas real estate developer who …": Crow)."""
    h = verb.head
    return h.head if h.dep_ == "appos" and h.head.pos_ == "PROPN" and h.head.i < h.i else h
