"""Whom a statement was said to: the addressee phrase of its cue, from the dependency parse.

Decides, for one attribution's cue token, which noun phrase of the sentence names the
person, group or organisation the words were addressed to, and by which pattern:

- ``told X`` / ``asked X`` / ``urged X to …`` / ``warned X``: the object of a verb of telling,
  asking or urging (``dobj``/``dative``, or the subject of its infinitive when the parser
  hangs "X to …" as a clause);
- ``said to X`` / ``wrote to X`` / ``complained to X``: a ``to`` phrase of a verb of saying;
- ``letter to X`` / ``remarks to X`` / ``interview with X``: a ``to``/``with`` phrase of a
  channel noun in the cue's frame ("in a letter to Congress", "in an interview with CNN"), or
  of the channel noun the cue hangs off ("sent a letter to X asking …", "sent a letter on
  Thursday to X opposing …"); ``X interview``: the outlet that names an interview ("in an AP
  interview");
- ``speaking to X``: a participle of speaking in the cue's frame ("speaking to Reuters, …");
- ``called on X``: "call on/upon X", "appealed to X";
- ``we demand … from X``: a directive said in the first person inside the statement's own
  words ("We demand an explanation from the US State Department"), when the frame names
  no addressee;
- ``vocative`` / ``thank X``: a person's name the quoted words are spoken to, set off by a
  comma ("I would, Donald.", "@POTUS Biden, your message …", "Mr. President, …" — a title the
  caller gives to the page's speaker of that role), or the one thanked ("Thank you
  @realDonaldTrump for …", "Thank you so much, Gina and Jake");
- ``X was told`` (the subject of a passive of telling: "People are being urged to …"), ``demand
  that X`` ("demanding that the European Parliament invest …"), ``speak with X``, and a
  directive reported in the speaker's words ("(he said) he called on X …").

An outlet or body named beside its common noun gives the name ("the Financial Times
newspaper", "the editorial board of the Washington Post"); a text replied to ("replied to your
statement") is nobody.

Only tokens outside the statement's content count for the frame patterns (a "told" inside a
quotation is the quoted speaker's, not this statement's).  The caller resolves the token to
an entity (``onrecord.events.actors``).  Measured in ``bench/results/whom.md``.
"""
from __future__ import annotations

from typing import Callable, Optional

# verbs whose object is the person told, asked or urged
TELL = frozenset("""tell ask urge warn inform assure remind advise brief instruct order implore beg
    caution notify reassure convince persuade encourage press exhort promise email text petition
    lobby question beseech entreat plead challenge invite admonish counsel alert""".split())
# verbs of saying that take "to X" for their addressee
SAY_TO = frozenset("""say speak talk write send issue pen explain complain confess admit announce declare describe
    repeat report mention testify state reply respond insist suggest propose recommend apologize
    apologise appeal pledge vow swear boast brag confide lie whisper shout yell cry plead signal
    reveal disclose express convey address send deliver present submit relay outline read""".split())
# nouns of a channel that take "to X" / "with X" for their addressee
CHANNEL_NOUNS = frozenset("""letter email e-mail memo note message remarks remark speech address
    statement interview interviews conversation call phone telephone testimony appeal petition
    request plea tweet post briefing letters messages emails meeting meetings""".split())
SPEAK_VERBS = frozenset({"speak", "talk", "write", "testify"})
# verbs of talking that take "with X" for whom they talked to ("spoke with Stoltenberg")
TALK_WITH = frozenset({"speak", "talk", "chat", "confer", "meet"})
# verbs whose "that" clause in the base form names whom it asks ("demanding that the
# European Parliament invest …")
MANDATIVE = frozenset({"demand", "urge", "ask", "request", "implore", "beg"})
# common nouns of an outlet or a body that a name modifies ("the Financial Times newspaper")
# or that a name follows ("the editorial board of the Washington Post")
_OUTLET_NOUNS = frozenset("""newspaper paper magazine network channel agency broadcaster daily outlet
    station website site show program programme board staff editors""".split())
DIRECTIVES = {"demand": ("from", "of"), "call": ("on", "upon"), "appeal": ("to",),
              "urge": (), "ask": (), "tell": (), "implore": (), "beg": (), "warn": ()}
FIRST_PERSON = frozenset({"we", "i"})
_NOMINAL = ("NOUN", "PROPN", "PRON")
_NOT_ADDRESSEES = frozenset({"it", "this", "that", "what", "which", "something", "anything",
                             "everything", "nothing", "question", "questions", "one", "me", "us",
                             "you", "myself", "ourselves", "yourself", "story", "truth", "lie", "lies",
                             # an occasion is a channel, not whom it was said to
                             "briefing", "conference", "meeting", "hearing", "rally",
                             "interview", "tv", "television", "camera", "cameras"})
# what is replied or written to is a text, not a person ("replied to your statement", "responded
# to the criticism"); as common nouns only ("told the Kyiv Post")
_TEXTS = frozenset({"statement", "statements", "remarks", "comments", "comment", "criticism",
                             "allegations", "accusations", "claims", "charges", "report", "reports",
                             "letter", "request", "questions", "proposal", "article", "post", "tweet"})


def _child(tok, deps, words=None):
    for c in tok.children:
        if c.dep_ in deps and (words is None or c.lower_ in words):
            return c
    return None


def _pobj(tok, preps):
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            o = _child(c, ("pobj",))
            if o is not None:
                return o
    return None


_PEOPLE = frozenset("""people reporters journalists residents citizens voters americans members officials
    lawmakers leaders students parents employees workers staff public everyone audience crowd delegates
    supporters viewers listeners readers users customers patients investors donors diplomats""".split())


def _person_like(tok) -> bool:
    """Can the subject of "was told/urged/asked" be whom it was said to: a named person,
    body or country, a personal pronoun, or a noun of people ("People are being urged …")."""
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they")
    if tok.pos_ == "PROPN":
        return tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "")
    return tok.lemma_.lower() in _PEOPLE or tok.lower_ in _PEOPLE


def _ok(tok) -> bool:
    return tok is not None and tok.pos_ in _NOMINAL and tok.lower_ not in _NOT_ADDRESSEES \
        and not (tok.pos_ == "NOUN" and tok.lower_ in _TEXTS) \
        and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY")


def _named(tok):
    """"host Chris Cuomo", "the host, Sean Hannity": the name beside a role noun; "the Financial
    Times newspaper", "the editorial board of the Washington Post": the outlet's name."""
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return c
    if tok.pos_ == "NOUN" and tok.lower_ in _OUTLET_NOUNS:
        for c in tok.children:
            if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i:
                return c
            if c.dep_ == "prep" and c.lower_ == "of":
                o = _child(c, ("pobj",))
                if o is not None and o.pos_ == "PROPN" and o.ent_type_ in ("ORG", "GPE", "NORP", ""):
                    return o
    if tok.pos_ == "NOUN" and tok.i + 1 < len(tok.doc):
        nxt = tok.doc[tok.i + 1]
        if nxt.pos_ == "PROPN" and nxt.head.i == tok.i or (nxt.dep_ == "compound" and nxt.head.pos_ == "PROPN"):
            return nxt.head if nxt.head.pos_ == "PROPN" else nxt
    return tok


def _object(cue, inside: Callable[[int], bool]):
    """The object of a verb of telling: "told reporters", "urged NATO to …"."""
    for c in cue.children:
        if c.dep_ in ("dobj", "dative", "iobj") and _ok(c):
            # "asked the candidates to discuss …": the object may open the content
            if not inside(c.i) or any(x.dep_ in ("xcomp", "ccomp", "acl", "relcl")
                                      for x in list(cue.children) + list(c.children)):
                return _named(c)
    # "urged Republicans to join …" parsed as a clause: its subject
    for c in cue.children:
        if c.dep_ in ("ccomp", "xcomp") and c.i > cue.i:
            s = _child(c, ("nsubj",))
            if _ok(s) and s.lower_ not in ("he", "she", "they", "i", "we", "it") and \
                    any(t.lower_ == "to" and t.dep_ == "aux" for t in c.children):
                return s
    return None


def find(cue, content_inside: Callable[[int], bool], direct: bool) -> Optional[tuple[object, str]]:
    """(addressee token, pattern) for the statement whose cue token is ``cue``, or None.

    ``content_inside(i)`` says whether token ``i`` lies in the statement's content;
    ``direct`` is whether the statement quotes the speaker (its content may hold a
    first-person directive).
    """
    if cue is None:
        return None
    lemma = cue.lemma_.lower()
    if cue.pos_ in ("VERB", "AUX", "NOUN"):
        if lemma in TELL:
            o = _object(cue, content_inside)
            if o is not None:
                return o, f"{lemma} X"
            # "People are being urged to …", "reporters were told": the subject of the passive
            s = _child(cue, ("nsubjpass",))
            if _ok(s) and _person_like(s) and any(c.dep_ == "auxpass" for c in cue.children):
                return _named(s), f"X was {cue.lower_}"
        if lemma in MANDATIVE:
            # "demanding that the European Parliament invest …": whom the demand is put to
            for c in cue.children:
                if c.dep_ == "ccomp" and c.tag_ == "VB" and any(m.dep_ == "mark" and m.lower_ == "that"
                                                                 for m in c.children):
                    s = _child(c, ("nsubj",))
                    if _ok(s) and s.pos_ == "PROPN":
                        return s, f"{lemma} that X"
        if lemma in TALK_WITH:
            o = _pobj(cue, ("with",))
            if _ok(o) and not content_inside(o.head.i):
                return _named(o), f"{lemma} with X"
        if lemma in ("call",) or lemma in ("appeal",):
            o = _pobj(cue, ("on", "upon", "to"))
            if _ok(o):
                return o, f"{lemma} on X" if lemma == "call" else "appeal to X"
        if lemma in SAY_TO or lemma in TELL:
            o = _pobj(cue, ("to",))
            if _ok(o) and not content_inside(o.i):
                return _named(o), f"{lemma} to X"
            # "wrote a letter to X", "sent a message to X", "delivered remarks to X"
            for d in cue.children:
                if d.dep_ == "dobj" and d.lemma_.lower() in CHANNEL_NOUNS:
                    o = _pobj(d, ("to",))
                    if _ok(o):
                        return o, f"{d.lemma_.lower()} to X"
    h = cue.head
    if cue.dep_ == "acl" and h.dep_ == "pobj" and h.head.lower_ == "to" and _ok(h) and \
            not content_inside(h.i) and h.head.head.lemma_.lower() in SAY_TO and any(
                d.dep_ == "dobj" and d.lemma_.lower() in CHANNEL_NOUNS for d in h.head.head.children):
        # "sent a letter on Thursday to Senate leaders *opposing* …": whom the letter went to
        return _named(h), f"{next(d.lemma_.lower() for d in h.head.head.children if d.dep_ == 'dobj')} to X"
    # the cue's frame: a channel noun or a participle of speaking hanging off the cue
    # (or off the verb the cue hangs off: "…, she said, speaking to reporters")
    heads = [cue] + ([cue.head] if cue.dep_ in ("advcl", "xcomp", "conj", "ccomp", "acl") else [])
    if cue.dep_ == "acl" and cue.head.dep_ == "dobj" and cue.head.lemma_.lower() in CHANNEL_NOUNS:
        heads.append(cue.head.head)     # "sent a letter to X asking why …"
    for h in heads:
        # a channel noun the cue hangs off, or one its verb takes: "sent a letter to X asking …",
        # "wrote a letter on Thursday to X opposing …"
        nouns = [h] if h.pos_ == "NOUN" and h.lemma_.lower() in CHANNEL_NOUNS else \
            [d for d in h.children if d.dep_ == "dobj" and d.lemma_.lower() in CHANNEL_NOUNS]
        for n in nouns:
            o = _pobj(n, ("to",))
            if o is None and n.dep_ == "dobj":
                o = _pobj(n.head, ("to",))
            if _ok(o) and not content_inside(o.i):
                return _named(o), f"{n.lemma_.lower()} to X"
        for prep in h.children:
            if prep.dep_ != "prep" or content_inside(prep.i):
                continue
            noun = _child(prep, ("pobj",))
            if noun is not None and noun.lemma_.lower() in CHANNEL_NOUNS:
                o = _pobj(noun, ("to", "with"))
                if _ok(o):
                    return _named(o), f"{noun.lemma_.lower()} {o.head.lower_} X"
                if noun.lemma_.lower() == "interview":
                    # "in an AP interview", "in a CNN interview": the outlet that asked
                    o = next((c for c in noun.lefts if c.dep_ in ("compound", "poss", "nmod")
                              and (c.ent_type_ in ("ORG", "PERSON") or c.pos_ == "PROPN")), None)
                    if _ok(o) and not content_inside(o.i):
                        return o, "X interview"
        for c in h.children:
            if c.dep_ in ("advcl", "xcomp", "conj", "acl") and c.lemma_.lower() in SPEAK_VERBS \
                    and not content_inside(c.i):
                o = _pobj(c, ("to", "with"))
                if _ok(o):
                    return o, f"{c.lemma_.lower()}ing to X"
    if cue.dep_ in ("advcl", "xcomp") and cue.head.lemma_.lower() in SPEAK_VERBS:
        o = _pobj(cue.head, ("to", "with"))
        if _ok(o):
            return o, f"{cue.head.lemma_.lower()}ing to X"
    return None


_TITLES = frozenset({"president", "minister", "senator", "governor", "secretary", "ambassador",
                     "chairman", "chairwoman", "speaker", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
                     "madam", "sir", "prime", "general", "judge", "mayor", "commissioner"})
_EDGE = frozenset({",", ".", "!", "?", ";", ":", "—", "–", "\u201c", "\u201d", '"'})


def _vocative(tok, content_inside: Callable[[int], bool]):
    """"I would, Donald.", "Mr Lavrov, what …": a person's name the words are spoken to, set
    off by a comma at the edge of a clause of the statement's own words."""
    if tok.dep_ not in ("npadvmod", "dep", "intj", "vocative") or not content_inside(tok.i):
        return None
    phrase = list(tok.subtree)
    if not any(t.ent_type_ == "PERSON" for t in phrase):
        return None     # (a title alone, "Mr President, …", names no one the record knows)
    a, b = phrase[0].i, phrase[-1].i
    if any(t.pos_ not in ("PROPN", "NOUN", "PUNCT") and t.lower_ not in _TITLES for t in phrase):
        return None
    doc = tok.doc
    before = doc[a - 1] if a > 0 else None
    after = doc[b + 1] if b + 1 < len(doc) else None
    opens = before is None or not content_inside(before.i) or before.text in _EDGE
    closes = after is None or after.text in _EDGE
    if opens and closes and (after is not None and after.text == "," or before is not None and before.text == ","):
        return tok
    return None


_FILLER = frozenset({",", "so", "very", "much", "again", "too", "both", "dear", "my", "our", "-", "—"})
_OPEN = frozenset({"\u201c", '"', "\u2018", "'", "\u2014", "\u2013", "-", "\n"})


def _name_after(doc, i: int, content_inside: Callable[[int], bool]):
    """The name (a handle, a person's name, else a title alone) that starts at token ``i`` or
    after fillers and titles: "so much, Gina and Jake" → Gina; "Vice President @JDVance" →
    @JDVance; "@POTUS Biden" → Biden; "Mr. President" → President."""
    title = None
    while i < len(doc) and content_inside(i) and i < len(doc):
        t = doc[i]
        if t.lower_ in _FILLER or t.is_space:
            i += 1
            continue
        if t.lower_ in _TITLES or t.lower_ in ("vice", "deputy", "foreign", "defence", "defense"):
            title = t
            i += 1
            continue
        if t.text.startswith("@") and len(t.text) > 2:
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ == "PERSON" and content_inside(nxt.i):
                return nxt      # "@POTUS Biden"
            return t
        if t.pos_ == "PROPN" and t.ent_type_ == "PERSON":
            while t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].ent_type_ == t.ent_type_ \
                    and content_inside(t.i + 1):
                t = doc[t.i + 1]    # ("Gina Raimondo": the last word of the name)
            return t
        break
    return title if title is not None and title.lower_ not in ("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir",
                                                               "madam", "vice", "deputy") else None


def title_vocative(tok) -> bool:
    """Is the addressee token a title alone ("Mr. President, …")? Its holder is the page's
    speaker whose role is that title (the caller decides)."""
    return tok.lower_ in _TITLES and tok.pos_ in ("PROPN", "NOUN")


def in_content(tokens, content_inside: Callable[[int], bool], direct: bool = True,
               opening: bool = False) -> Optional[tuple[object, str]]:
    """A directive inside the statement's words: "We demand … from X", "We call on X …",
    "I urge X to …" (in reported words, "he called on X" with the speaker as its subject), or
    a name the words are spoken to ("I would, Donald.", "Mr. President, …", "Thank you so much,
    Gina") — its addressee token and pattern; ``opening``: the content is the speaker's own
    words from their start (a quotation or a turn), so a name opening them may be a vocative."""
    if opening and tokens:
        doc = tokens[0].doc
        first = tokens[0].i
        while first < len(doc) and (doc[first].text in _OPEN or doc[first].is_space) and content_inside(first):
            first += 1
        # "Mr. President, …", "@POTUS Biden, your message …": a name opening the words, then a comma
        k = first
        while k < len(doc) and k < first + 5 and content_inside(k) and doc[k].text != ",":
            k += 1
        if k < len(doc) and doc[k].text == "," and k > first and content_inside(k) and \
                all(doc[j].pos_ == "PROPN" or doc[j].lower_ in _TITLES or doc[j].text.startswith("@")
                    or doc[j].is_space for j in range(first, k)):
            got = _name_after(doc, first, lambda j: j < k)
            # (not the subject the sentence goes on with: "Mr Zelensky, the president-elect, replied";
            # an apposition in the second person addresses the name: "@POTUS Biden, your message …")
            if got is not None and got.dep_ not in ("nsubj", "nsubjpass") and \
                    not any(c.dep_ == "appos" and c.doc[c.left_edge.i].lower_ not in ("your", "you")
                            for c in got.children):
                return got, "vocative"
    for tok in tokens:
        if not direct:
            break
        if tok.pos_ in ("PROPN", "NOUN") and _vocative(tok, content_inside) is not None:
            return tok, "vocative"
        low = tok.lower_
        if low in ("thanks", "thank") and content_inside(tok.i):
            # "Thank you @realDonaldTrump for …", "Thank you so much, Gina and Jake", "thanks, Jake"
            doc = tok.doc
            j = tok.i + 1
            if low == "thank":
                while j < len(doc) and doc[j].is_space:
                    j += 1
                if j >= len(doc) or doc[j].lower_ != "you":
                    continue
                j += 1
            got = _name_after(doc, j, content_inside)
            if got is not None:
                return got, "thank X"
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if lemma not in DIRECTIVES or tok.pos_ not in ("VERB",) or not content_inside(tok.i):
            continue
        subj = _child(tok, ("nsubj",))
        if subj is None:
            continue
        # the speaker's own words "We call on X …", or reported ones "(she said) she called on
        # X …": a directive that is the content's own main verb, its subject the speaker's pronoun
        own = direct and subj.lower_ in FIRST_PERSON
        reported = subj.lower_ in ("he", "she", "they") and not (content_inside(tok.head.i) and tok.head.i != tok.i)
        if not (own or reported):
            continue
        preps = DIRECTIVES[lemma]
        o = _pobj(tok, preps) if preps else None
        if o is None and preps:
            d = _child(tok, ("dobj",))
            o = _pobj(d, preps) if d is not None else None
        if o is None and not preps:
            o = _object(tok, lambda i: False)
        if _ok(o) and o.lower_ not in ("you", "yourself"):
            return o, f"we {lemma} … X"
    return None
