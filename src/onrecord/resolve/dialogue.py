"""Speakers of a narrative exchange: whose turn each paragraph of quoted dialogue is.

Fiction, memoir and long-form features write conversations as a run of paragraphs, one turn
each; a turn with no tag of its own ("“None.”", "“Stolen.”") is spoken by the party whose turn
it is, and the two parties alternate.  The news rule — an untagged quotation continues the last
speaker — gives a whole exchange to one side; this pass corrects it on pages written that way.

**Which pages.**  A page is read as narrative dialogue when at least :data:`MIN_SHARE` of its
paragraphs are short *bare turns* — a paragraph that is one quotation and nothing else
(:func:`bare_turns`), of at most :data:`SHORT_TURN` characters — and at least
:data:`MIN_PAIRS` times two of them follow each other, once at least a question and its
answer (a news page's untagged paragraphs of quotation are a speech going on); or when it has
at least :data:`MIN_INVERTED` inverted tags with a pronoun or a description (“…,” said he /
cried the squire), a storyteller's habit.  News puts a tag in nearly every quoted paragraph and names its speakers:
of the 924 PolNeAR train and dev articles, the seeds and the web corpus's 106 other pages,
none passes; the web corpus's twelve dialogue pages all do.

**Turns.**  The turns are the paragraphs that open with a quotation mark (nested quotations
are their quoting speaker's already, and are left alone); a run is turns in consecutive
paragraphs (a paragraph of narration ends it).  In each run:

- a turn with a tag that names its speaker (a name or a description, not a pronoun) keeps it;
  the untagged parts of that paragraph are the same speaker's (a turn broken by its tag:
  "“Or would you know,” pursued the Ghost, “the weight …”");
- an untagged turn (a paragraph that is only quotation) is counted from the nearest turn of
  the run whose tag names its speaker: an even number of turns away, that speaker; an odd
  number, the other party (whom that turn addresses by name, else the nearest other named
  speaker of the run, else whom that speaker addresses elsewhere on the page);
- a turn tagged by the narrator ("said I", "I asked", "was my reply") is the person the turns
  next to the narrator's address by name, at least twice and more than anyone else ("“Well,
  now, Jim, …”"); where the page names nobody so, it keeps no speaker;
- a paragraph opening with a short action sentence before its words is a turn too, of the
  person named at its start ("Lord St. Simon glanced over it. “Yes, …”"; :mod:`.dialogue_parties`);
  a tag in the next paragraph is not the turn's ("“Three years!” I cried. “Were you
  shipwrecked?”" / "“Nay, mate,” said he");
- a turn tagged by a third-person pronoun keeps the pronoun's resolution where it can be right
  (giving every one to the party whose turn it is did worse on the tune works); an unresolved
  one, or one that cannot be (below), goes by sex and the run's parties; either way the
  untagged turns after it are counted from it (a new tag resets the count);
- a generic description ("replied the young man") where the count from the named turns around
  it gives a named party of its sex is that party;
- a turn that addresses a party by name ("“Good-day, Lord St. Simon,” said Holmes") hands the
  next untagged turn to that party, and a turn is never given to the party it addresses;
- a description tag whose noun the page writes as one person's title ("said the captain",
  "Captain Smollett") is that person; one that the ranker gave to a person nothing of whose
  name, aliases or role holds its noun ("said the gentleman" -> Scrooge) is a party of its
  own; a description ("the man", not "said Ann") the exchange puts where a named party speaks,
  between two tagged turns ("continued our strange visitor" … "returned the King"), is that
  party.

The result's basis is ``alternating turn`` (``turn of the tag`` for the parts of a tagged turn,
``addressed before``, ``title``, ``description``, ``narrator``).
"""
from __future__ import annotations

import bisect
import re
from typing import Callable, Optional, Sequence

from onrecord.model import Attribution
from onrecord.resolve.coref_mentions import TITLE_NOUNS, gender
from onrecord.resolve.dialogue_parties import (
    beat,
    beat_subject,
    described,
    generic,
    his,
    named_inside,
    other_named,
    sex,
    thing,
)
from onrecord.resolve.entities import Entity
from onrecord.text import paragraphs

MIN_PAIRS = 3       # pairs of short bare turns in a row on the page, at least
MIN_SHARE = 0.1     # of its non-empty paragraphs
SHORT_TURN = 100    # characters: a bare turn that counts is as short as a reply
MIN_INVERTED = 3    # or inverted tags with a pronoun or a description, at least

_OPEN = "“\"‘«"
_CLOSE = "”\"’»"


def _paras(text: str) -> list[tuple[int, int]]:
    out = []
    for s, e in paragraphs(text):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def bare_turns(text: str, paras: Sequence[tuple[int, int]]) -> list[bool]:
    """For each paragraph: is it one quotation and nothing else?  (It opens with a mark, closes
    with a mark, and holds no further opening mark of the same kind.)"""
    out = []
    for s, e in paras:
        p = text[s:e].rstrip(" .\t")
        ok = len(p) >= 3 and p[0] in _OPEN and p[-1] in _CLOSE
        if ok:
            inner = p[1:-1]
            ok = p[0] not in inner if p[0] != "‘" else "’ " not in inner and "’\n" not in inner
        out.append(ok)
    return out


# a storyteller's inverted tag with a pronoun or a description: “…,” said he / cried the squire
_INVERTED = re.compile(r"[,!?—-][\"”’]\s+(?:said|says|cried|asked|replied|answered|returned|continued|exclaimed|"
                       r"observed|remarked)\s+(?:he|she|I|the\s+[A-Za-z]+)\b")


def is_dialogue(text: str, paras: Optional[Sequence[tuple[int, int]]] = None) -> bool:
    """Is the page written as narrative dialogue (module docstring)?"""
    paras = _paras(text) if paras is None else paras
    short = [b and e - s <= SHORT_TURN for (s, e), b in zip(paras, bare_turns(text, paras))]
    pairs = [k for k in range(len(short) - 1) if short[k] and short[k + 1]]
    asked = any(text[paras[k][0]:paras[k][1]].rstrip(" .”\"’").endswith("?") for k in pairs)
    if len(pairs) >= MIN_PAIRS and asked and sum(short) >= MIN_SHARE * len(paras):
        return True
    return sum(1 for _ in zip(range(MIN_INVERTED), _INVERTED.finditer(text))) >= MIN_INVERTED


def _addressed(words: str, ent: Optional[Entity]) -> bool:
    """Is ``ent`` named in ``words`` as the one spoken to: the name at the start or after a
    comma, before a comma or the end of a sentence ("“You see, Mr. Holmes, …”", "“Uncle!”")."""
    if ent is None:
        return False
    for n in {ent.name, *ent.aliases}:
        n = n.strip()
        if len(n) < 3 or not n[:1].isupper():
            continue
        # (a title and a name before it: "Lord St. Simon" for Simon, "Mr. Holmes")
        pat = r"(?:^|[,;—-]\s*|[“\"‘]\s*)(?:[A-Z][\w.’']*\s+){0,2}" + re.escape(n) + r"\s*(?:[,!?.;—]|$)"
        if re.search(pat, words.strip(" “”\"‘’")):
            return True
    return False


def alternate(text: str, atts: Sequence[Attribution], resolved: dict[str, Entity],
              basis: dict[str, Optional[str]],
              party: Optional[Callable[[str, int, int], Entity]] = None,
              everyone: Sequence[Entity] = ()) -> dict[str, tuple[Entity, str]]:
    """The statements whose speaker the exchange gives otherwise: {id: (entity, basis)}.
    ``atts`` sorted by start; ``resolved``/``basis`` as the earlier passes left them; ``party(name,
    start, end)`` gives the entity of a description (the page's inventory); ``everyone``: the
    page's entities, speakers or not."""
    paras = _paras(text)
    if not paras:
        return {}
    if not is_dialogue(text, paras):
        return {}
    starts = [s for s, _ in paras]

    def para_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    # the statements of each paragraph that opens with a quotation (nested ones left alone)
    by_para: dict[int, list[Attribution]] = {}
    for a in atts:
        if a.kind not in ("direct", "mixed") or basis.get(a.id) == "quoting statement":
            continue
        if a.id in resolved or _first_person(text, a) or _first_person(text, a, _THIRD):
            by_para.setdefault(para_of(a.start), []).append(a)
    out: dict[str, tuple[Entity, str]] = {}
    same: dict[int, Entity] = {}    # a description's entity -> the named party it is
    people = list({id(e): e for e in resolved.values()}.values())
    turns = [k for k, (ps, pe) in enumerate(paras) if text[ps] in _OPEN or k in by_para and beat(text, ps, pe)]
    partner = _partners(text, paras, turns, by_para, resolved, people)
    runs: list[list[int]] = []
    for k in turns:   # runs of turns in consecutive paragraphs
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    titled = _title_links(text, people)
    narrator = _narrator(text, paras, by_para, people)
    for run in runs:
        info = [_turn(text, by_para.get(k, []), resolved, narrator, paras[k]) for k in run]
        for k, t in zip(run, info):
            if text[paras[k][0]] not in _OPEN:
                t.beat = beat_subject(text, paras[k][0], everyone or people)
                if t.named is None and not t.tagged and t.beat is not None:
                    t.named, t.by_beat = t.beat, True
        for t in info:
            if t.named is not None and t.tagged:
                src = t.tagged[0].source
                assert src is not None
                said = " ".join(text[src.start:src.end].split())
                m = _DESCRIPTION.fullmatch(said)
                ent = titled.get(m.group(1).lower()) if m else None
                if ent is None and m and party is not None and basis.get(t.tagged[0].id) == "ranked description" \
                        and not _bears(t.named, m.group(1).lower()):
                    # a description the ranker gave to a named person with nothing of it ("said
                    # the gentleman" -> Scrooge): the description's own party
                    ent = party(said, src.start, src.end)
                if ent is not None and ent is not t.named:
                    t.named = ent
                    for a in t.group:
                        out[a.id] = (ent, "title" if ent is titled.get(m.group(1).lower()) else "description")
        # the party each turn addresses by name: the next turn, untagged, is theirs
        spoken_to = [next((e for e in people if e is not t.named and _addressed(t.words, e)), None) for t in info]
        for i in range(len(info) - 1):
            nxt = info[i + 1]
            if spoken_to[i] is not None and nxt.named is None and nxt.bare and not _addressed(nxt.words, spoken_to[i]):
                nxt.named, nxt.by_address = spoken_to[i], True
        # (a run with no named turn still has its pronoun tags checked: "“Now, Jim, …?” he asked.")
        anchors = [i for i, t in enumerate(info) if t.named is not None]
        # a generic description ("replied the young man", "said the girl") where the turns counted
        # from the named turns around it give a named party of its sex: that party
        for i in anchors:
            t = info[i]
            noun = generic(text, t)
            if noun is None or t.named is None or not described(t.named):
                continue
            sides = [(abs(i - j), j, info[j].named if (i - j) % 2 == 0 else other_named(j, info, anchors, spoken_to))
                     for j in anchors if j != i and info[j].named is not t.named]
            sides = [x for x in sides if x[2] is not None]
            if not sides:
                continue
            ent = min(sides, key=lambda x: x[0])[2]
            if ent is not None and not described(ent) and ent.type == "person" and gender(ent) in (None, noun) \
                    and not _addressed(t.words, ent):
                t.named = ent
                for a in t.group:
                    out[a.id] = (ent, "description")

        def other_of(i: int) -> Optional[Entity]:
            """The other party of anchor ``i``: whom its turn or the turn after it addresses, else
            the nearest anchor of another speaker in the run."""
            me = info[i].named
            if spoken_to[i] is not None:
                return spoken_to[i]
            near = sorted((j for j in anchors if info[j].named is not me), key=lambda j: abs(j - i))
            return info[near[0]].named if near else partner.get(id(me))

        # the turns tagged "he"/"she" (unresolved too: "“Thank heaven,” said she."), in order; each
        # is then a turn of its speaker that the untagged turns after it are counted from
        for i, t in enumerate(info):
            if t.named is not None or t.pronoun not in ("he", "she") or not t.tagged:
                continue
            # ("The Count shrugged his broad shoulders. “Then I must begin,” said he": the
            # action's subject, where the pronoun fits it)
            subject = t.beat if t.beat is not None and gender(t.beat) in (None, t.pronoun == "she") \
                and not _addressed(t.words, t.beat) else None
            was = resolved.get(t.tagged[0].id)
            fix = subject or _pronoun_turn(i, t, info, was, narrator, other_of, list(everyone) or people)
            for a in t.group if fix is not None else []:
                if resolved.get(a.id) is not fix:
                    out[a.id] = (fix, "pronoun turn")
            if fix or was:
                t.named, t.by_pronoun = fix or was, True
                anchors = sorted({*anchors, i})

        for i, t in enumerate(info):
            if t.by_pronoun:
                continue
            if t.named is not None:
                ent = t.named
                for a in t.group:
                    if (a not in t.tagged or a.id not in resolved or his(text, a, ent)) \
                            and resolved.get(a.id) is not ent:
                        out[a.id] = (ent, "addressed before" if t.by_address else "action" if t.by_beat
                                     else "narrator" if a.id not in resolved else "turn of the tag")
                continue
            if not t.group or not t.bare or any(basis.get(a.id) == "name" for a in t.group):
                continue   # (a pronoun tag keeps its resolution: counting turns did worse on it)
            prev_a = max((j for j in anchors if j < i), default=None)
            next_a = min((j for j in anchors if j > i), default=None)
            guesses = []
            for j in (prev_a, next_a):
                if j is None:
                    continue
                me, other = info[j].named, other_of(j)
                guess = me if (i - j) % 2 == 0 else other
                if guess is not None:
                    guesses.append((abs(i - j), j > i, guess))
            if not guesses:
                continue
            ent = min(guesses, key=lambda g: (g[0], g[1]))[2]
            if _addressed(t.words, ent):
                continue   # (the turn speaks to that party: the exchange is not as counted)
            for a in t.group:
                if resolved.get(a.id) is not ent:
                    out[a.id] = (ent, "alternating turn")
        # a description the exchange puts where a named party speaks is that party
        for i in anchors:
            me = info[i].named
            mid = info[i - 1].named if i >= 1 else None
            if i >= 2 and info[i - 2].group and mid is not None and mid is not me:
                first = info[i - 2].group[0].id
                was = out[first][0] if first in out else resolved.get(first)
                if was is not None and was is not me and was is not mid and described(was) \
                        and not described(me) and _same_gender(was, me):
                    same[id(was)] = me
    if same:
        for a in atts:
            ent, how = out.get(a.id, (resolved.get(a.id), basis.get(a.id) or ""))
            if ent is not None and id(ent) in same:
                out[a.id] = (same[id(ent)], how)
    return out


def _pronoun_turn(i: int, t: "_Turn", info: Sequence["_Turn"], was: Optional[Entity], narrator: Optional[Entity],
                  other_of: Callable[[int], Optional[Entity]], people: Sequence[Entity]) -> Optional[Entity]:
    """The speaker of a turn tagged "he" or "she" where its resolution cannot be: the speaker of
    the turn just before or after it (a new paragraph of dialogue is a new speaker), the
    narrator ("I"), the party the turn speaks to by name, a person of the other sex, a thing
    (:func:`thing`), or a person the turn's own words name ("“If you was sent by Long John,” he
    said").  Then
    the other party of the next-door turn, else the person of the page named last before the
    turn — of the pronoun's sex, not spoken to; else None."""
    she = t.pronoun == "she"
    near = [j for j in (i - 1, i + 1) if 0 <= j < len(info) and info[j].named is not None]
    if was is not None and not (was is narrator or _addressed(t.words, was) or gender(was) not in (None, she)
                                or any(info[j].named is was for j in near) or thing(was)
                                or named_inside(t, was)):
        return None
    def fits(cand: Optional[Entity]) -> bool:
        return cand is not None and cand is not was and cand is not narrator and sex(cand) in (None, she) \
            and (cand.type == "person" or sex(cand) is not None) and not _addressed(t.words, cand)

    for j in near:
        if fits(other_of(j)):
            return other_of(j)
    at = t.group[0].start
    before = [e for e in people if fits(e) and e.name[:1].isupper() and e.last_before(at) >= 0]
    return max(before, key=lambda e: e.last_before(at)) if before else None


class _Turn:
    """What a turn paragraph says of its speaker."""

    def __init__(self, text: str, group: list[Attribution], resolved: dict[str, Entity],
                 narrator: Optional[Entity] = None, para: Optional[tuple[int, int]] = None):
        self.group = group
        # (a tag of the next paragraph is another turn's: "“Three years!” I cried. “Were you
        # shipwrecked?”" / "“Nay, mate,” said he" — the second quotation is still the narrator's)
        self.tagged = [a for a in group if a.cue is not None and a.source is not None and a.how != "floating"
                       and not _inside_quote(a, group)
                       and (para is None or para[0] <= a.source.start < para[1])]
        srcs = [text[a.source.start:a.source.end].strip(" .,;:!?").lower() for a in self.tagged if a.source is not None]
        named = [a for a, w in zip(self.tagged, srcs) if w not in _PRONOUN_WORDS]
        self.named: Optional[Entity] = resolved.get(named[0].id) if named else None
        if self.named is None and srcs and srcs[0] in _FIRST and narrator is not None:
            self.named = narrator   # "said I", "I asked": the narrator
        self.by_address = False
        self.by_beat = False
        self.by_pronoun = False   # named by the resolution of its "he"/"she" tag
        self.beat: Optional[Entity] = None   # the subject of an action sentence before the words
        self.pronoun = srcs[0] if srcs and not named else None
        self.words = " ".join(text[c.start:c.end] for a in group for c in a.content)
        self.bare = bool(group) and not self.tagged and all(
            a.how == "floating" or para is not None and a.source is not None
            and not para[0] <= a.source.start < para[1] for a in group)


_DESCRIPTION = re.compile(r"(?:one of )?(?:the|our|my|your|his|her|their)\s+(?:[a-z]+\s+)?([a-z]+)")


def _bears(ent: Entity, noun: str) -> bool:
    """Does anything the page calls the entity hold the noun (its name, an alias, its role)?"""
    words = " ".join([ent.name, *ent.aliases, ent.role or ""]).lower()
    return noun.rstrip("s") in words or noun.replace("men", "man") in words


def _title_links(text: str, people: Sequence[Entity]) -> dict[str, Entity]:
    """The title nouns the page writes before one person's name ("Captain Smollett", "Dr.
    Livesey"), each with that person: "the captain", "the doctor" are that person.  A title
    written before the names of two people links neither."""
    found: dict[str, set[int]] = {}
    by_id = {id(e): e for e in people}
    for m in re.finditer(r"\b([A-Z][a-z]+)\.?\s+([A-Z][a-z]+)", text):
        title = m.group(1).lower()
        title = TITLE_NOUNS.get(title, title)
        for e in people:
            names = {e.name, *e.aliases}
            if e.type == "person" and any(m.group(2) in n.split() for n in names if n[:1].isupper()):
                found.setdefault(title, set()).add(id(e))
    return {t: by_id[next(iter(ids))] for t, ids in found.items() if len(ids) == 1}


def _partners(text, paras, turns, by_para, resolved, people) -> dict[int, Entity]:
    """Who speaks to whom on the page: the speaker of a named turn and the party it addresses
    by name, each the other's partner."""
    out: dict[int, Entity] = {}
    for k in turns:
        t = _Turn(text, by_para.get(k, []), resolved, None, paras[k])
        if t.named is None:
            continue
        to = next((e for e in people if e is not t.named and _addressed(t.words, e)), None)
        if to is not None:
            out.setdefault(id(t.named), to)
            out.setdefault(id(to), t.named)
    return out


def _first_person(text: str, a: Attribution, words: Optional[set[str]] = None) -> bool:
    """Is the statement tagged by the narrator ("said I", "I asked", "was my reply")?  (With
    ``words``: by one of those pronouns.)"""
    return a.source is not None and a.cue is not None and a.how != "floating" \
        and text[a.source.start:a.source.end].strip(" .,;:!?").lower() in (words or _FIRST)


_FIRST = {"i", "my", "me"}
_THIRD = {"he", "she"}


def _narrator(text: str, paras: Sequence[tuple[int, int]], by_para: dict[int, list[Attribution]],
              people: Sequence[Entity]) -> Optional[Entity]:
    """The first-person narrator, where the page names him: the person the turns next to the
    narrator's own ("“Jim,” I told him.") address by name at least twice, more than anyone else."""
    mine = {k for k, g in by_para.items() if any(_first_person(text, a) for a in g)}
    votes: dict[int, int] = {}
    by_id = {id(e): e for e in people}
    for k in {j for m in mine for j in (m - 1, m + 1)} - mine:
        if 0 <= k < len(paras) and text[paras[k][0]] in _OPEN:
            words = text[paras[k][0]:paras[k][1]]
            for e in people:
                if _addressed(words, e):
                    votes[id(e)] = votes.get(id(e), 0) + 1
    best = sorted(votes.items(), key=lambda kv: -kv[1])
    if not best or best[0][1] < 2 or len(best) > 1 and best[1][1] == best[0][1]:
        return None
    return by_id[best[0][0]]


def _turn(text: str, group: list[Attribution], resolved: dict[str, Entity],
          narrator: Optional[Entity] = None, para: Optional[tuple[int, int]] = None) -> _Turn:
    return _Turn(text, group, resolved, narrator, para)




def _same_gender(a: Entity, b: Entity) -> bool:
    ga, gb = gender(a), gender(b)
    return ga is None or gb is None or ga == gb


_PRONOUN_WORDS = {"he", "she", "him", "her", "i", "we", "they", "it", "you"}


def _inside_quote(a: Attribution, group: Sequence[Attribution]) -> bool:
    """Is ``a``'s source inside one of the paragraph's quotations (a name quoted, not a tag)?"""
    assert a.source is not None
    return any(c.start <= a.source.start and a.source.end <= c.end for b in group for c in b.content)


def name_by_owner(text: str, people: Sequence[Entity]) -> None:
    """On a page of narrative dialogue, a party known by a bare noun ("the nephew", "the
    Ghost") whom the page also calls by one person's possessive ("Scrooge's nephew", "Marley's
    Ghost") is named so: the noun alone names nobody.  Where two possessors are written with
    the noun ("Jo's sister", "Amy's sister"), the noun keeps its name."""
    if not is_dialogue(text):
        return
    for ent in people:
        words = re.sub(r"^(?:the|a|an)\s+", "", ent.name, flags=re.I).split()
        if len(words) != 1 or not words[0].isalpha() or ent.first:
            continue
        noun = words[0]
        if not re.search(r"\b(?:the|a)\s+" + re.escape(noun) + r"\b", text, re.I):
            continue
        owners = {m.group(1) for m in re.finditer(
            r"\b([A-Z][a-z]+)['’]s\s+(?i:" + re.escape(noun) + r")\b", text)}
        owners = {o for o in owners if o.lower() not in _PRONOUN_WORDS and o.lower() != noun.lower()}
        if len(owners) == 1:
            owner = owners.pop()
            m = re.search(r"\b" + re.escape(owner) + r"['’]s\s+(?i:" + re.escape(noun) + r")\b", text)
            assert m is not None
            ent.aliases.add(ent.name)
            ent.name = " ".join(m.group(0).split())
