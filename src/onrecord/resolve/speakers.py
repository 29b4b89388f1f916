"""Speaker resolution: the article's entity inventory, and a source mention → its entity.

No coreference package works offline with spaCy 3.8, so this is a rule resolver over the
one parse (named entities, dependency relations) of the article body.  In order:

1. an inventory of the article's entities: people (grouped by surname, kept apart when their
   first names differ), organisations and media (grouped by name without a leading possessor),
   governments (countries and, as metonyms, their capitals, from :mod:`.gazetteer`), aliases
   the article defines itself ("Maria Zakharova (MZ below)"), and roles from titles and
   appositions ("Russian Foreign Ministry spokeswoman Maria Zakharova");
2. each source mention resolves to: a defined alias; the entity named by it (an institution
   of a named one — "Russia's embassy in Washington" — is a new organisation); a pronoun,
   description or document through the learned ranker of :mod:`.coref` (a description whose
   head noun an entity's name holds — "the embassy" — takes the latest such entity first); a
   misspelling of one of the article's own names (edit distance); else a new speaker named
   by the mention.  ``basis`` records which way was taken.  The passes over an article's
   statements are in :mod:`.assign`.
"""
from __future__ import annotations

import re
from typing import Optional

from onrecord.model import Attribution, Record
from onrecord.parse import tokens_by_lemma, tokens_with_lemma
from onrecord.resolve import coref, introduced
from onrecord.resolve.entities import (
    ALIAS_DEF,
    CAMPAIGN_WORDS,
    DETERMINER,
    FIRST_PERSON,
    GOV_WORDS,
    GROUP_PRONOUNS,
    HONORIFICS,
    MEDIA_WORDS,
    NON_NAMES,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    Entity,
    name_key,
    within_edits,
)
from onrecord.resolve.gazetteer import country_of
from onrecord.resolve.groups import group_of
from onrecord.resolve.names import (
    ADDRESS_TITLES,
    CLAUSE_CUT,
    capitals_name,
    clause_like,
    demonym_country,
    first_name_at,
    name_phrase,
    org_key,
    owner_start,
    person_named_as_org,
    person_words,
    relative_head,
    role_of,
    title_writer,
    whole_name,
    written_as_name,
)
from onrecord.resolve.types import ROLE_WORDS
from onrecord.text import BLANK_LINE, clean_name, original_text, own_text

GOVERNMENT_HEADS = {"government", "state", "nation", "country", "regime", "kremlin", "city", "county"}
RANKED_NOMINAL_MIN = 0.3   # below it a description keeps its own reading (chosen on the train gold)


class Resolver:
    def __init__(self, record: Record, doc, offset: int):
        self.record, self.doc, self.offset = record, doc, offset
        self.entities: list[Entity] = []
        self.by_key: dict[str, Entity] = {}
        self.alias_defs: dict[str, Entity] = {}
        self._ctx: Optional[coref.Context] = None
        self.basis: Optional[str] = None   # how the last mention was resolved
        self.nouns = tokens_by_lemma(doc, ("NOUN", "PROPN"))   # (indices by lemma: no scan per phrase)
        self._build()

    # ------------------------------------------------------------ inventory
    def _new(self, key: str, name: str, type_: str) -> Entity:
        ent = Entity(key=key, name=name, type=type_)
        self.entities.append(ent)
        self.by_key[key] = ent
        return ent

    def _person(self, span, start: int, end: int, subject: bool) -> Entity:
        words, hon = person_words(span)
        surname = words[-1].lower() if words else own_text(span).lower()
        first = words[0] if len(words) > 1 else None
        # one surname, two people of different sex: "Mr. Obama" is not "Michelle Obama"
        sex = coref.name_gender(hon, first)
        cands = [e for e in self.entities if e.type == "person" and e.surname == surname
                 and (sex is None or coref.gender(e) in (None, sex))]
        ent = None
        if first:
            compatible = [e for e in cands if e.first is None or name_key(e.first) == name_key(first)
                          or e.first.rstrip(".").lower() == first.rstrip(".").lower()[:1]]
            ent = max(compatible, key=lambda e: e.last_before(start), default=None)
        elif cands:
            ent = max(cands, key=lambda e: e.last_before(start))
        elif coref.name_gender(hon, None) is None:
            # a first name alone, where one person of the article has it ("Urmas" of "Urmas Paet")
            by_first = [e for e in self.entities if e.type == "person" and e.first
                        and e.first.lower().rstrip(".") == surname and e.surname != surname]
            if len(by_first) == 1:
                ent = by_first[0]
                ent.add(start, end, own_text(span), subject)
                return ent
        name = " ".join(words)
        if ent is None:
            ent = self._new(f"person:{surname}:{name_key(first) if first else ''}:{len(self.entities)}",
                            name, "person")
            ent.surname, ent.first = surname, first
        elif first and (ent.first is None or len(name) > len(ent.name)):
            if ent.first is None:
                ent.aliases.add(ent.name)
            ent.first, ent.name = first, name
        ent.add(start, end, own_text(span), subject)
        if ent.female is None and coref.name_gender(hon, None) is not None:
            ent.female = coref.name_gender(hon, None)
        role = role_of(span)
        if role and not ent.role:
            ent.role = role
        if ent.role and re.search(r"\b(woman|spokeswoman|chairwoman|mrs|ms|madam)\b", ent.role, re.I):
            ent.female = True
        return ent

    def _titled_person(self, span, k: int, end: int, subject: bool) -> Entity:
        """The person whose name starts at span[k], the words before it their role."""
        ent = self._person(span[k:], span[k].idx + self.offset, end, subject)
        ent.role = ent.role or DETERMINER.sub("", own_text(span[:k])).strip(" ,") or None
        return ent

    def _group(self, text: str, label: str, start: int, end: int, subject: bool) -> Optional[Entity]:
        # a name ends before a comma or a relative clause ("several legislators in North
        # America, Europe, and Australia", "the agreement with the EU which maintains …")
        name = clean_name(CLAUSE_CUT.split(" ".join(text.split()), 1)[0])
        if not name:
            return None
        hit = country_of(name)
        if label in ("GPE", "NORP") or (hit and hit[1] in ("country", "capital")):
            if hit is None or (label == "NORP" and hit[1] != "demonym"):
                if label == "NORP":
                    return None
            if hit is not None:
                country, how = hit
                if how == "demonym":
                    return None  # "Russian" alone names no speaker
                ent = self.by_key.get(f"gov:{country.name}") or self._new(
                    f"gov:{country.name}", country.name, "government")
                ent.role = ent.role or f"government of {country.name}"
                ent.add(start, end, text, subject)
                return ent
        key = "org:" + org_key(name)
        ent = self.by_key.get(key)
        if ent is None:
            type_ = "media" if MEDIA_WORDS.search(name) else \
                "government" if GOV_WORDS.search(name) else "organization"
            ent = self._new(key, name, type_)
        elif len(name) > len(ent.name) and ent.name.lower() in name.lower() and written_as_name(name):
            ent.aliases.add(ent.name)
            ent.name = name
        ent.add(start, end, text, subject)
        return ent

    def _build(self) -> None:
        doc, off = self.doc, self.offset

        def subject(ent) -> bool:
            return ent.root.dep_ in ("nsubj", "nsubjpass") or (
                ent.root.dep_ == "pobj" and ent.root.head.lower_ == "to"
                and ent.root.head.head.lower_ == "according")

        # (an honorific alone is no person: "MR" of "MR. SULLIVAN:" tagged apart)
        def honorific(ent) -> bool:
            return clean_name(own_text(ent)).lower().rstrip(".") in HONORIFICS

        people = [whole_name(e) for e in doc.ents if e.label_ == "PERSON" and not honorific(e)]
        for ent in people:
            self._person(ent, ent.start_char + off, ent.end_char + off, subject(ent))
        surnames = {e.surname for e in self.entities if e.type == "person"}
        in_people = {i for p in people for i in range(p.start, p.end)}   # ("Leyen" of "Ursula von der Leyen")
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "GPE", "NORP") or honorific(ent) or ent.start in in_people \
                    or BLANK_LINE.search(own_text(ent)) or "?" in ent.text:
                continue   # (an entity across a paragraph break or a question is the model's slip)
            s, e = ent.start_char + off, ent.end_char + off
            k = first_name_at(ent) if ent.label_ == "ORG" else None
            if clean_name(own_text(ent)).lower() in surnames:   # "Lavrov" mis-tagged as ORG
                self._person(ent, s, e, subject(ent))
            elif ent.label_ == "ORG" and person_named_as_org(ent):   # "Carly Fiorina" as ORG
                surnames.add(self._person(ent, s, e, subject(ent)).surname or "")
            elif k:   # "Director of National Intelligence Tulsi Gabbard" tagged as ORG
                self._titled_person(ent, k, e, subject(ent))
            else:
                s2 = owner_start(doc, ent, off)
                self._group(original_text(doc)[s2 - off:e - off], ent.label_, s2, e, subject(ent))
        self._campaigns()
        # aliases the article defines: "Maria Zakharova (MZ below)"
        text = original_text(doc)
        for m in ALIAS_DEF.finditer(text):
            abbr = m.group(1)
            before = m.start() - 1
            while before >= 0 and text[before] == " ":
                before -= 1
            owner = None
            for ent in doc.ents:
                if ent.end_char == before + 1:
                    owner = self._entity_at(ent.start_char + off, ent.end_char + off)
                    if owner is None and ent.label_ in ("GPE", "LOC", "FAC", "EVENT", "NORP"):
                        owner = self.by_key.get(f"place:{own_text(ent)}") or self._new(
                            f"place:{own_text(ent)}", own_text(ent), "place")
                    break
            if owner is not None:
                self.alias_defs[abbr] = owner
                owner.aliases.add(abbr)

    def _campaigns(self) -> None:
        """A candidate's campaign is an organisation of its own ("the Trump campaign",
        "Clinton's team" → "Hillary Clinton campaign"), not the candidate."""
        doc, off = self.doc, self.offset
        for tok in (doc[i] for i in sorted(i for w in CAMPAIGN_WORDS for i in self.nouns.get(w, ()))):
            if tok.pos_ != "NOUN":
                continue
            owner = None
            for c in tok.children:
                if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN":
                    owner = self._entity_at_char(c.idx + off, c.left_edge.idx + off,
                                                 c.idx + len(c) + off)
            if owner is None or owner.type != "person":
                continue
            ent = self.campaign_of(owner)
            lo = tok.left_edge.idx + off
            ent.add(lo, tok.idx + len(tok) + off, own_text(doc[tok.left_edge.i:tok.i + 1]),
                    tok.dep_ in ("nsubj", "nsubjpass"))

    def campaign_of(self, owner: Entity) -> Entity:
        """The campaign organisation of a person ("Hillary Clinton campaign")."""
        key = f"campaign:{owner.key}"
        ent = self.by_key.get(key) or self._new(key, f"{owner.name} campaign", "organization")
        ent.role = ent.role or f"campaign of {owner.name}"
        return ent

    def _entity_at_char(self, pos: int, s: int, e: int) -> Optional[Entity]:
        """The entity with a mention inside [s, e) that covers character ``pos``."""
        for ent in self.entities:
            for ms, me in ent.mentions:
                if s <= ms <= pos < me <= e:
                    return ent
        return None

    def _fuller_phrase(self, head: str, before: int) -> Optional[tuple[int, int, str]]:
        """The latest noun phrase before ``before`` headed by ``head`` with modifiers."""
        best = None
        for tok in (self.doc[i] for i in self.nouns.get(head, ())):
            if tok.idx + self.offset >= before:
                break
            left = tok.left_edge.i
            right = max([tok.i] + [c.right_edge.i for c in tok.rights
                                   if c.dep_ == "prep" and c.i == tok.i + 1])
            phrase = self.doc[left:right + 1]
            words = [t for t in phrase if t.dep_ != "det"]
            if any(t.is_space and "\n" in t.text or t.text in ("?", "!", ":") for t in phrase):
                continue   # (the parser's phrase across a line break or a question is none)
            if len(words) >= 2 and any(t.pos_ == "PROPN" or t.ent_type_ for t in words):
                start = words[0].idx + self.offset
                best = (start, phrase.end_char + self.offset,
                        (self.record.analysis_text or self.record.text)[start:phrase.end_char + self.offset])
        return best

    def _entity_at(self, s: int, e: int) -> Optional[Entity]:
        best = None
        for ent in self.entities:
            for ms, me in ent.mentions:
                if ms >= s and me <= e and (best is None or me - ms > best[0]):
                    best = (me - ms, ent)
        return best[1] if best else None

    # ------------------------------------------------------------ resolution
    def _antecedent(self, pos: int, types: tuple[str, ...], female: Optional[bool] = None
                    ) -> Optional[Entity]:
        best, best_pos = None, -1
        for ent in self.entities:
            if ent.type not in types:
                continue
            if female is not None and ent.female is not None and ent.female != female:
                continue
            p = ent.last_before(pos, subjects_only=True)
            if p < 0:
                p = ent.last_before(pos) - 400   # non-subject mentions rank lower
            if p > best_pos:
                best, best_pos = ent, p
        return best

    def resolve_mention(self, s: int, e: int) -> tuple[Optional[Entity], float]:
        text = (self.record.analysis_text or self.record.text)[s:e]  # (page syntax blanked)
        name = clean_name(text)
        low = name.lower()
        self.basis = None
        if not name:
            return None, 0.0
        if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
            ranked = self._ranked(s, e)
            if ranked is not None:
                return ranked
        if low in PERSON_PRONOUNS:
            fem = True if low in ("she", "her", "hers", "herself") else False
            ent = self._antecedent(s, ("person",), fem)
            return self._basis("pronoun", ent, 0.75 if ent else 0.0)
        if low in GROUP_PRONOUNS:
            ent = self._antecedent(s, ("organization", "government", "media"))
            return self._basis("pronoun", ent, 0.6 if ent else 0.0)
        if low in FIRST_PERSON:
            # the writer: the page's author, or a column's title "Ann Coulter: …"
            author = self.record.document.author or title_writer(self.record.document.title)
            if author:
                ent = self.by_key.get("author") or self._new("author", author, "person")
                ent.role = ent.role or "author"
                return self._basis("author", ent, 0.6)
            return None, 0.0
        if low in RELATIVE_PRONOUNS:
            # "Smith, who said …": the noun the relative clause hangs on
            tok = self.doc.char_span(s - self.offset, e - self.offset, alignment_mode="expand")
            verb = tok.root.head if tok is not None and len(tok) else None
            if verb is not None and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                h = relative_head(verb)
                lo = min([h.i] + [c.left_edge.i for c in h.lefts if c.dep_ in ("compound", "amod", "poss", "det")])
                return self.resolve_mention(self.doc[lo].idx + self.offset, h.idx + len(h) + self.offset)
            return None, 0.0
        if low in NON_NAMES:
            return None, 0.0   # "you", "this", "anyone": nobody the record can name
        if name in self.alias_defs:
            return self._basis("alias", self.alias_defs[name], 0.95)
        group = group_of(self, s, e)   # "the two lawmakers", "the lawmakers": people just named
        if group is not None:
            return self._basis(group[1], group[0], 0.6)
        # a slip on an alias the article defined for a speaker ("MK" for "MZ")
        if len(name) <= 5 and name.isupper():
            close = [a for a, ent in self.alias_defs.items() if ent.type != "place"
                     and len(a) == len(name) and within_edits(a, name, 1)]
            if len(close) > 1:   # prefer an alias that has already named a speaker
                close = [a for a in close if self.alias_defs[a].speaker] or close
            if len(close) == 1:
                return self._basis("alias slip", self.alias_defs[close[0]], 0.6)
        span = self.doc.char_span(s - self.offset, e - self.offset, alignment_mode="expand")
        words = name.split()
        if span is not None and 2 <= len(words) <= 4 and (
                words[0].lower().rstrip(".") in ADDRESS_TITLES and all(w[:1].isupper() for w in words[1:])
                or capitals_name(words)):
            # "MR. SULLIVAN" (a transcript's label), "Ms. Zakharova", "MARTIN O'MALLEY": the
            # person of that surname
            return self._basis("name", self._person(span, s, e, True), 0.85)
        inside = None
        if span is not None and len(span):
            # the entity that holds the head of the mention ("… spokeswoman Maria Zakharova")
            r = span.root
            inside = self._entity_at_char(r.idx + self.offset, s, e)
            # the name heading the mention though tagged apart ("Schiff, 56, who …"), or apposed to a head
            # the parse chose wrongly ("the election, Minyon Moore, …"), not to a name ("— Emily, Stafford")
            for t in [r] + [c for c in r.children if c.dep_ == "appos" and r.pos_ != "PROPN"] if inside is None else []:
                if t.pos_ == "PROPN":
                    inside = self._entity_at_char(t.idx + self.offset, s, e) or next(
                        (x for x in self.entities if x.type == "person" and x.surname == t.lower_), None)
                    if inside is not None:
                        break
        inside = inside or self._entity_at(s, e)
        if inside is not None:
            if inside.type in ("organization", "media", "government") and inside.key.startswith("org:") \
                    and len(name) > len(inside.name) and name.lower().endswith(inside.name.lower()) \
                    and "(" not in name and len(name.split()) <= 8 and written_as_name(name):
                inside.aliases.add(inside.name)   # "Armenia's United Information Center"
                inside.name = name
            if not self._modifier_only(inside, span, s, e):
                return self._basis("name", inside, 0.9)
            head = coref.head_lemma(span.root)
            if coref.HEAD_CLASS.get(head) == "document":
                # a document names its issuer: "a Stanford study", "a Bloomberg poll"
                return self._basis("issuer", inside, 0.85)
            nxt = span.root.i + 1 < len(self.doc) and self.doc[span.root.i + 1]
            if nxt and any(ms == nxt.idx + self.offset and me <= e for ms, me in inside.mentions):
                # the head describes the name that follows it: "the civil and human rights
                # association European Digital Rights (EDRi)"
                return self._basis("name", inside, 0.9)
            if coref.HEAD_CLASS.get(head) in ("organization", "government") \
                    and head not in GOVERNMENT_HEADS and head not in CAMPAIGN_WORDS:
                # an institution of the named one: "Russia's embassy in Washington"
                return self._basis("name", self._group(text, "ORG", s, e, True), 0.85)
            ranked = self._ranked(s, e)   # "the Trump campaign", "the CNN host", "a Bloomberg poll"
            if ranked is not None and ranked[0] is not None and ranked[1] >= RANKED_NOMINAL_MIN:
                return ranked
            if coref.HEAD_CLASS.get(head) != "person":
                return self._basis("modifier", inside, 0.6)
            # someone's nephew, wife or lawyer is another person, "the GOP front-runner" no party:
            # the description's own reading
        # a capital or country named without NER ("Baku denied")
        hit = country_of(name)
        if hit and hit[1] in ("country", "capital"):
            return self._basis("name", self._group(text, "GPE", s, e, True), 0.85)
        # a title or nominal: "the spokeswoman", "Russia's top diplomat", "the embassy"
        if span is not None and len(span):
            head = coref.head_lemma(span.root)
            country = demonym_country(span) if head in GOVERNMENT_HEADS else None   # "the Russian government"
            if country is not None:
                return self._basis("name", self._group(country, "GPE", s, e, True), 0.85)
            head = coref.TITLE_NOUNS.get(head, head)
            before = [ent for ent in self.entities if ent.type not in ("place", "unknown") and ent.last_before(s) >= 0]
            named = coref.described(self, [ent for ent in before if head in coref.title_words(
                ent.name, *ent.aliases, *coref.one_word_title(ent))], span, head, before)
            if named and span.root.pos_ == "NOUN" and span[0].lower_ not in ("a", "an") \
                    and head not in CAMPAIGN_WORDS:
                # "the embassy" after "Russia's embassy in …" (an indefinite one is new; whose
                # campaign "his campaign" is, the ranker decides)
                return self._basis("head noun", max(named, key=lambda ent: ent.last_before(s)), 0.8)
            if not named and (took := introduced.introduced(self, span, head, s, e)) is not None:
                return self._basis("introduced", took, 0.7)   # "a journalist from …" … "the journalist"
            ranked = self._ranked(s, e)
            if ranked is not None and ranked[0] is not None and ranked[1] >= RANKED_NOMINAL_MIN:
                return ranked
            best = max((ent for ent in coref.described(self, [x for x in self.entities if x.type != "unknown"], span)
                        if head in coref.title_words(ent.name, ent.role or "") and ent.last_before(s) >= 0),
                       key=lambda ent: ent.last_before(s), default=None)
            if best is not None:
                return self._basis("role", best, 0.7)
            # a lede naming the role before the person ("… said the Vice President" above
            # "Vice President Kamala Harris made …"): the first holder of the whole title after it
            later = [ent for ent in self.entities if head in ROLE_WORDS and ent.type == "person" and ent.mentions
                     and re.search(rf"\b{re.escape(low)}\b", f"{ent.name} {ent.role or ''}".lower())
                     and min(m[0] for m in ent.mentions) > e]
            if later:
                return self._basis("role", min(later, key=lambda ent: min(m[0] for m in ent.mentions)), 0.65)
            # an earlier, fuller noun phrase with the same head ("Russia's embassy in
            # Washington" … "the embassy")
            if span.root.pos_ == "NOUN" and len(span) <= 3:
                full = self._fuller_phrase(span.root.lemma_.lower(), s)
                if full is not None:
                    fs, fe, ftext = full
                    ent = self._group(ftext, "ORG", fs, fe, False)
                    if ent is not None:
                        ent.add(s, e, text)
                        return self._basis("role", ent, 0.65)
        if len(low) >= 5 and " " not in low:
            close = [ent for ent in self.entities if ent.type == "person" and ent.surname
                     and len(ent.surname) >= 5 and within_edits(ent.surname, low, 2)]
            if len(close) == 1:
                return self._basis("misspelling", close[0], 0.55)
        # a new speaker named by the mention itself
        if span is not None and span.root.pos_ == "PROPN":
            type_ = "person" if span.root.ent_type_ == "PERSON" else (
                "media" if MEDIA_WORDS.search(name) else
                "government" if GOV_WORDS.search(name) else "organization")
            k = first_name_at(span) if type_ == "organization" else None
            if k:   # "Director of National Intelligence Tulsi Gabbard": the person, titled
                return self._basis("new name", self._titled_person(span, k, e, True), 0.6)
            if type_ == "person":
                return self._basis("new name", self._person(span, s, e, True), 0.6)
            if clause_like(span):
                text = name_phrase(span) or text   # "… association European Digital Rights (EDRi)"
            return self._basis("new name", self._group(text, "ORG", s, e, True), 0.6)
        if span is not None and len(span) and span[0].tag_ in ("WDT", "WP"):
            return None, 0.0   # "Which crime gang …?": a question names nobody
        if span is not None and len(span) and clause_like(span):
            name = name_phrase(span) or name   # "several legislators in North America, Europe"
            low = name.lower()
            if low in NON_NAMES or low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
                return None, 0.0   # "No one who is well-informed …"
        key = "nominal:" + low
        ent = self.by_key.get(key) or self._new(key, name, "unknown")
        ent.add(s, e, text)
        return self._basis("description", ent, 0.4)

    def _modifier_only(self, inside: Entity, span, s: int, e: int) -> bool:
        """Is the entity found inside the mention only a modifier of its head noun ("the
        CNN host", "a Bloomberg poll"), not the name the mention is headed by?"""
        if span is None or not len(span):
            return False
        root = span.root
        if root.pos_ != "NOUN" and not (root.text.islower() and coref.head_lemma(root) in coref.HEAD_CLASS):
            return False   # (a role word the tagger took for a name, "front-runner", is still a noun)
        pos = root.idx + self.offset
        if any(c.dep_ == "appos" and any(ms <= c.idx + self.offset < me for ms, me in inside.mentions)
               for c in root.children):
            return False   # "Right Sektor leader, Dmitry Yarosh,": the name in apposition
        return not any(ms <= pos < me for ms, me in inside.mentions)

    def _basis(self, basis: str, ent: Optional[Entity], conf: float) -> tuple[Optional[Entity], float]:
        """Note how the last mention was resolved (``Attribution.speaker_basis``)."""
        self.basis = basis if ent is not None else None
        return ent, conf

    def _ranked(self, s: int, e: int) -> Optional[tuple[Optional[Entity], float]]:
        """The learned ranker's answer (:mod:`.coref`), or None where it does not apply."""
        if self._ctx is None:
            self._ctx = coref.Context(self)
        m = coref.mention_of(self, self._ctx, s, e)
        if m is None or not coref.applies(self, m):
            return None
        out = coref.resolve(self, self._ctx, m)
        if out is not None:
            self.basis = f"ranked {coref.CLASS_OF[m.kind]}" if out[0] is not None else None
        return out

    def _quoted_person(self, a: Attribution) -> Optional[Entity]:
        """In "X quoted Y, saying: …", the statement is Y's (relayed by X)."""
        near = tokens_with_lemma(self.doc, ("quote", "cite"))
        tok = None if a.cue is None or not near else self.doc.char_span(
            a.cue.start - self.offset, a.cue.end - self.offset, alignment_mode="expand")
        if tok is None or not len(tok):
            return None
        sent = tok.sent
        lo, hi = sent.start, min(sent.end, tok.root.i + 1)
        for t in (self.doc[i] for i in near if lo <= i < hi):
            for c in t.children:
                if c.dep_ == "dobj" and c.ent_type_ == "PERSON":
                    ent_span = next((e for e in self.doc.ents if e.start <= c.i < e.end), None)
                    if ent_span is not None:
                        return self._entity_at(ent_span.start_char + self.offset,
                                               ent_span.end_char + self.offset)
        return None
