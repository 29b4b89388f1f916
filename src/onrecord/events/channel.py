"""Where or how a statement was made: its channel, from the words of its frame.

Decides one channel type per statement, or none, from the tokens of the cue's frame (the
cue's sentence outside the statement's content, hanging off the cue within a few
dependency steps), from the cue word itself ("tweeted", "testified") and from the head noun
of its source ("the statement said", "the letter reads"):

=============  ================================================================
``interview``  "in an interview (with CNN)", "a USA TODAY interview"
``briefing``   a press briefing, a news or press conference
``statement``  "in a statement", a press release, a readout, a communiqué
``letter``     a letter, an email, a memo or note
``post``       a tweet or post on a named platform (Twitter, X, Facebook, Telegram …)
``speech``     a speech, remarks, an address, a rally, a town hall, a convention
``broadcast``  a TV or radio programme: "on CBS' Face the Nation", "appearing on MSNBC"
``filing``     a court filing, a lawsuit, a motion, court documents
``debate``     a debate
``hearing``    a hearing, testimony
=============  ================================================================

``name`` is the outlet, platform, programme or event the frame names, when it names one.
Saying something *to* an outlet ("told CNN") names an addressee, not a channel; telling a
programme's host ("told host Chris Cuomo") is a broadcast.  A platform's name is a channel
only as the medium ("on Telegram", "a Facebook post"), not as the company ("TikTok's vice
president"); a channel noun that modifies another noun ("the email scandal") is none; an
occasion phrase right after the content counts even when the parser hangs it inside ("… on
ethanol during a speech in Iowa").  :func:`setting` finds the channel an earlier sentence of
the paragraph sets for its subject ("In a statement issued Tuesday, Clinton was more
circumspect … she called …"); :func:`closing` a programme or platform closing the sentence
inside the reported words ("… on Wednesday's “Sean Hannity Show.”"); :func:`title_programme`
the programme of a page titled "President Trump on Fox & Friends: …" for the statements of the
person it names.  "Remarks about X" is what was said, not a speech; a press call's title is a
briefing.  Social media is a post's medium ("took to social media"); a phrase of occasion on the
cue, or "in"/"during" on its object, counts inside the content's span (:func:`at_cue`), as does
one right after the quotation's closing mark (:func:`after_quote`); a memo "from X, who argued"
is X's; "his time on MSNBC" or "remarking on CNN" is no broadcast, a figurative testimony no
hearing.  Measured in ``bench/results/whom.md`` and
``bench/results/whom-frame-2026-11-30.md``.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable, Optional

NOUNS: dict[str, str] = {
    **dict.fromkeys(["interview", "interviews", "podcast", "q&a"], "interview"),
    **dict.fromkeys(["briefing", "briefings", "presser", "availability"], "briefing"),
    **dict.fromkeys(["statement", "statements", "release", "communique", "communiqué", "readout",
                     "declaration"], "statement"),
    **dict.fromkeys(["letter", "letters", "email", "e-mail", "emails", "memo", "memorandum", "note"],
                    "letter"),
    **dict.fromkeys(["tweet", "tweets", "post", "posts", "twitter", "facebook", "telegram",
                     "instagram", "tiktok", "youtube", "blog", "weibo", "truth", "livestream"], "post"),
    **dict.fromkeys(["speech", "speeches", "remarks", "address", "rally", "rallies", "convention",
                     "fundraiser", "lecture", "sermon", "commencement", "town", "summit", "forum",
                     "gathering", "ceremony"], "speech"),
    **dict.fromkeys(["show", "program", "programme", "broadcast", "appearance", "newscast"],
                    "broadcast"),
    **dict.fromkeys(["filing", "filings", "lawsuit", "suit", "motion", "brief", "documents",
                     "papers", "affidavit", "indictment"], "filing"),
    **dict.fromkeys(["debate", "debates"], "debate"),
    **dict.fromkeys(["hearing", "hearings", "testimony"], "hearing"),
}
CUE_VERBS = {"tweet": "post", "retweet": "post", "post": "post", "blog": "post",
             "testify": "hearing"}
PLATFORMS = {"twitter": "Twitter", "x": "X", "facebook": "Facebook", "telegram": "Telegram",
             "instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "weibo": "Weibo",
             "truth": "Truth Social", "vk": "VK", "threads": "Threads", "linkedin": "LinkedIn"}
# broadcasters and programmes: "on CNN", "on Fox News Sunday", "on Meet the Press"
BROADCASTERS = re.compile(
    r"\b(?:cnn|fox|msnbc|nbc|abc|cbs|pbs|npr|bbc|cnbc|c-span|rt|sky|itv|al jazeera|"
    r"radio|tv|television|channel|network|show|hour|tonight|today|morning|"
    r"meet the press|face the nation|this week|state of the union|new day|hannity|"
    r"squawk box|good morning america|late show|sunday|live)\b", re.I)
# the words a channel phrase can hang on (a cheap filter before the parse is walked)
TRIGGERS = frozenset(NOUNS) | frozenset(PLATFORMS) | frozenset(
    ["on", "conference", "conferences", "Twitter".lower(), "media", "meeting"])
_LEGAL = {"documents", "papers", "brief", "motion", "suit", "complaint", "filing"}
_COURT_WORDS = {"court", "legal", "judge", "federal", "lawsuit"}


# clauses a channel phrase may reach the cue through: a verb of speaking or appearing
# ("*speaking* at a rally, she said", "*appearing* on CNN"); any other clause ("he hired a
# plane to *fly* above a Trump rally") holds an event of its own, not the saying's occasion
_OCCASION_VERBS = frozenset("""speak talk appear address testify write say tell interview answer respond
    reply ask post tweet deliver give hold attend visit join sit call""".split())
_CLAUSES = frozenset({"advcl", "xcomp", "ccomp", "acl", "relcl", "conj", "csubj", "parataxis"})


def _linked(tok, anchors: set[int], steps: int = 4) -> bool:
    t = tok
    while t.dep_ == "compound" and t.head.i != t.i:    # ("a *town* hall": the phrase's head)
        t = t.head
    for _ in range(steps):
        if t.i in anchors:
            return True
        if t.head.i == t.i:
            return False
        if t.dep_ in _CLAUSES and t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in _OCCASION_VERBS:
            return False
        if t.dep_ in _CLAUSES and t.i not in anchors and any(
                c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") for c in t.children):
            return False    # ("After President Trump *posted* a threat on social media, Reed condemned …")
        t = t.head
    return t.i in anchors


def _phrase(tok) -> str:
    """The name a token stands for: its entity, else its compounds and itself."""
    if tok.ent_iob_ != "O" and tok.ent_type_:
        doc, a, b = tok.doc, tok.i, tok.i + 1
        while a > 0 and doc[a].ent_iob_ == "I":
            a -= 1
        while b < len(doc) and doc[b].ent_iob_ == "I":
            b += 1
        return doc[a:b].text
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "poss") and c.i < tok.i:
            start = min(start, c.left_edge.i)
    return tok.doc[start:tok.i + 1].text


def _kind(tok) -> Optional[str]:
    """The channel a noun names in a frame, if any."""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    if low == "media" and _social(tok):
        return "post"       # "on social media", "took to social media to complain"
    if lemma == "meeting":  # "in a meeting with the editorial board of the Washington Post"
        return "interview" if tok.pos_ == "NOUN" and any(x.lower_ == "editorial" for x in tok.subtree) else None
    kind = NOUNS.get(low) or NOUNS.get(lemma)
    if kind is None or tok.pos_ not in ("NOUN", "PROPN"):   # ("they are hearing a candidate")
        return None
    if lemma == "conference":   # (handled with its modifier below)
        return None
    if lemma in _LEGAL and lemma != "filing":
        mods = {c.lower_ for c in tok.subtree} | {tok.head.lower_, tok.head.head.lower_}
        if not mods & _COURT_WORDS:
            return None
    if lemma == "town" and not any(c.lower_ == "hall" for c in [tok.head] + list(tok.children)):
        return None
    if lemma == "post" and (tok.pos_ != "NOUN" or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "as"):
        return None     # ("his post as secretary-general": a position)
    if low in ("truth",) and not any(c.lower_ == "social" for c in tok.doc[tok.i:tok.i + 2]):
        return None
    if lemma == "note" and tok.dep_ not in ("pobj", "dobj"):
        return None
    if lemma == "testimony" and not _formal(tok):
        return None     # ("Obama could offer a potent testimony about how a rival became an ally")
    if low in ("remarks", "remark") and any(c.dep_ == "prep" and c.lower_ == "about" for c in tok.children) \
            and not _occasion_remarks(tok):
        return None     # ("his divisive remarks about Mexicans": what was said, not an occasion)
    if low in PLATFORMS and not _platform_use(tok):
        return None     # ("TikTok's vice president", "Facebook shares"): the company, no post
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and kind != "debate" and \
            NOUNS.get(tok.head.lemma_.lower()) is None and tok.head.lower_ not in _SETTING:
        return None     # ("the email scandal", "speech transcripts"): a modifier of another thing
    return kind


def _social(tok) -> bool:
    """"social media" as the medium: "on/via/to social media", not "social media companies"."""
    return any(c.lower_ == "social" for c in tok.lefts) and (
        tok.dep_ == "pobj" and tok.head.lower_ in ("on", "in", "via", "through", "to", "across"))


_FORMAL = frozenset("""committee subcommittee congress congressional senate house court hearing panel
    lawmakers senators oath jury trial inquiry commission tribunal parliament judge prosecutors""".split())


def _formal(tok) -> bool:
    """Testimony before a committee, court or inquiry (the sentence says so), not a figure of
    speech ("a potent testimony about how a rival became an ally")."""
    sent = tok.sent
    return any(t.lower_ in _FORMAL or t.lemma_.lower() == "testify" for t in sent)


def _occasion_remarks(tok) -> bool:
    """"in remarks to the UN General Assembly", "delivered remarks", "his remarks at the rally":
    remarks as an occasion (a speech)."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "at", "after", "before"):
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("deliver", "give", "prepare"):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("at", "to", "before") for c in tok.children) or \
        any(c.lower_ == "prepared" for c in tok.lefts)


_SETTING = frozenset({"hall", "call", "room", "stage", "floor", "appearance", "audience", "crowd"})
_POST_NOUNS = frozenset({"post", "posts", "video", "videos", "account", "page", "feed", "message",
                         "messages", "channel", "thread", "live", "livestream", "story", "tweet", "tweets",
                         "social", "stories", "reel", "reels", "short", "shorts"})


def _platform_use(tok) -> bool:
    """Is a platform's name used for the medium — "on/in/via Telegram", "a Facebook post" —
    rather than for the company ("TikTok's vice president", "Facebook said")?"""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "in", "via", "through", "to", "across"):
        return True
    return tok.dep_ in ("compound", "nmod", "poss") and tok.head.lower_ in _POST_NOUNS


_PRESS = frozenset({"reporters", "journalists", "press", "media", "newsmen", "correspondents"})


def _conference(tok) -> Optional[str]:
    if tok.lemma_.lower() != "conference":
        return None
    mods = {c.lower_ for c in tok.lefts}
    if tok.dep_ == "compound" and tok.head.lemma_.lower() == "call":
        # "a conference call with reporters": a briefing; with anyone else, no public occasion
        return "briefing" if any(t.lower_ in _PRESS for t in tok.head.subtree) else None
    return "briefing" if mods & {"news", "press"} else "speech"


def _name(kind: str, tok) -> Optional[str]:
    doc = tok.doc
    if kind == "post":
        if tok.lower_ in PLATFORMS:
            return PLATFORMS[tok.lower_]
        for c in list(tok.children) + [x for p in tok.children for x in p.children]:
            if c.lower_ in PLATFORMS:
                return PLATFORMS[c.lower_]
        return None
    preps = {"interview": ("with", "on", "for"), "speech": ("at", "to"), "broadcast": ("on",),
             "briefing": ("at",)}.get(kind, ())
    for c in tok.children:   # "interview with CNN", "speech at the Munich Security Conference"
        if c.dep_ == "prep" and c.lower_ in preps:
            o = next((x for x in c.children if x.dep_ == "pobj"), None)
            if o is not None and (o.pos_ == "PROPN" or o.ent_type_):
                if kind == "interview" and c.lower_ == "to":
                    continue
                return _phrase(o)
    for c in tok.lefts:      # "a CNN interview", "his Senate testimony" (not "a May 4 letter")
        if c.dep_ in ("compound", "poss", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "GPE")) \
                and c.ent_type_ not in ("DATE", "TIME"):
            return _phrase(c)
    if tok.ent_type_ and tok.pos_ == "PROPN":
        return _phrase(tok)
    del doc
    return None


# US broadcast call signs ("WTMJ's “Midday with Charlie Sykes”", "KCBS", "WNYC"), case-sensitive
_CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:TV|FM|AM))?$")
# nouns an "on X" programme may hang on: an appearance, not a tenure ("his time on MSNBC")
_ON_HOSTS = frozenset({"segment", "segments", "episode", "edition", "appearance", "appearances",
                       "comments", "remarks", "interview", "interviews", "spot", "ad", "ads", "debate"})


def _broadcast(o) -> Optional[str]:
    """"on CNN", "on CBS' Face the Nation", "on Wednesday's 'Sean Hannity Show'", "on WTMJ's
    'Midday with Charlie Sykes'": a programme."""
    name = _phrase(o)
    if any(c.dep_ == "poss" and _CALL_SIGN.match(c.text) for c in o.children) or _CALL_SIGN.match(o.text):
        return name     # (the programme's name is often tagged a time: "Midday")
    quoted = any(o.doc[k].is_quote for k in range(max(o.left_edge.i - 1, 0), o.i))
    if o.lower_ in PLATFORMS or o.ent_type_ in ("DATE", "TIME") and not quoted:
        return None     # ("on Sunday": a day, not "Fox News Sunday"; but "on ''This Week''")
    on = o.head
    if on.lower_ == "on" and on.head.pos_ == "NOUN" and on.head.lower_ not in _ON_HOSTS and \
            on.head.ent_type_ not in ("DATE", "TIME") and NOUNS.get(on.head.lemma_.lower()) is None:
        return None     # ("during his time on MSNBC", "a career on Fox"): no occasion of saying
    if BROADCASTERS.search(name) or any(BROADCASTERS.search(c.text) for c in o.subtree) or \
            (o.ent_type_ in ("ORG", "WORK_OF_ART") and any(
                c.dep_ == "poss" and BROADCASTERS.search(c.text) for c in o.children)):
        return name
    return None


_TITLE = re.compile(r"\b(?:(press|news) (?:briefing|conference|call)|briefing|gaggle|interview|remarks|"
                    r"speech|address|hearing|testimony|debate|town hall)\b", re.I)
_TITLE_KIND = {"press": "briefing", "news": "briefing", "briefing": "briefing", "gaggle": "briefing",
               "interview": "interview", "remarks": "speech", "speech": "speech", "address": "speech",
               "hearing": "hearing", "testimony": "hearing", "debate": "debate", "town hall": "speech"}


def from_title(title: Optional[str]) -> Optional[str]:
    """The channel a transcript's title names ("Press Briefing by …", "Interview with …"): the
    channel of its turns, which have no cue of their own."""
    m = _TITLE.search(title or "")
    if not m:
        return None
    word = (m.group(1) or m.group(0)).lower()
    return _TITLE_KIND.get(word, _TITLE_KIND.get(m.group(0).lower().split()[-1]))


_HEADING = re.compile(r"^\s*(?:#{1,6}\s*|\*\*)(.{3,120}?)\**\s*$")
_PROGRAMME_WORD = r"(?:[A-Z0-9][\w'’.-]*|&)"
_ON_PROGRAMME = re.compile(r"\bon\s+(" + _PROGRAMME_WORD + r"(?:\s+" + _PROGRAMME_WORD + r")*)")  # (one way to split)


def from_heading(text: str, pos: int, title: Optional[str], reach: int = 3000) -> Optional[tuple[str, str]]:
    """("broadcast", programme) when the heading a quotation stands under (a Markdown heading or
    a bold line, else the page title) says where it was said: "Secretary Rubio on Meet the
    Press", "President Trump on Fox & Friends: …"."""
    lo = max(0, pos - reach)
    for line in reversed(text[lo:pos].split("\n")):
        m = _HEADING.match(line)
        if m:
            hit = _ON_PROGRAMME.search(m.group(1).replace("*", ""))
            if hit and BROADCASTERS.search(hit.group(1)):
                return "broadcast", hit.group(1).strip(" :.")
            break
    hit = _ON_PROGRAMME.search(title or "")
    if hit and BROADCASTERS.search(hit.group(1)):
        return "broadcast", hit.group(1).strip(" :.")
    return None


def title_programme(title: Optional[str]) -> Optional[tuple[str, str, frozenset]]:
    """("broadcast", programme, the words before it) of a page titled "President Trump on Fox &
    Friends: …": the programme where the person the title names said what the page quotes."""
    hit = _ON_PROGRAMME.search(title or "")
    if not hit or not BROADCASTERS.search(hit.group(1)):
        return None
    before = frozenset(w.lower() for w in re.findall(r"[\w'’-]+", title[:hit.start()]) if len(w) > 2)
    return "broadcast", hit.group(1).strip(" :."), before


TELL_VERBS = frozenset({"tell", "ask", "say"})
# verbs whose object is the channel the words went out in ("wrote a letter", "issued a statement")
_PRODUCE = frozenset("""write issue send post publish release put sign deliver pen draft fire
    tweet share circulate give make read quote say""".split())
_ANSWER_VERBS = frozenset({"reply", "respond", "react", "answer", "object", "refer", "point"})
_HOSTS = frozenset({"host", "hosts", "anchor", "anchors", "co-host", "cohost", "presenter", "moderator"})
_OCCASION_PREPS = frozenset({"during", "at", "in", "on"})
# verbs whose "on" names a topic, not a medium ("remarking on CNN's sister network")
_TOPIC_VERBS = frozenset("comment remark report focus reflect dwell elaborate expand touch weigh".split())


def _after_content(tok, inside: Callable[[int], bool]) -> bool:
    """"… that Cruz has got to come a long way on ethanol *during a speech in Iowa*": a phrase
    of occasion right after the content, which the parser often hangs inside it — the saying's
    occasion all the same."""
    p = tok.head
    if tok.dep_ != "pobj" or p.lower_ not in _OCCASION_PREPS or inside(p.i) or p.i == 0:
        return False
    doc = tok.doc
    j = p.i - 1
    while j > 0 and doc[j].is_punct and not inside(j):
        j -= 1
    return inside(j) and all(not inside(k) for k in range(p.i, tok.i + 1))


def at_cue(tok, cue) -> bool:
    """Does a trigger word stand in a phrase of occasion hung on the cue itself — "mentions her
    granddaughter *in speeches*", "embrace a $15 minimum wage *at this month's debate*" — which
    the content's span often swallows? (``tok``: the noun, or the "on" of "on CNN".)"""
    if cue is None:
        return False
    p = tok if tok.lower_ == "on" else tok.head if tok.dep_ == "pobj" else None
    if p is None or p.dep_ != "prep" or p.lower_ not in _OCCASION_PREPS:
        return False
    o = next((c for c in tok.children if c.dep_ == "pobj"), None) if tok.lower_ == "on" else tok
    if o is None or o.lemma_.lower() in ("program", "programme", "show") and not any(
            BROADCASTERS.search(x.text) for x in o.subtree if x.i != o.i):
        return False    # ("agreed to a deal on its nuclear program": what was agreed, no programme)
    # on the cue, or "in"/"during" on its object ("mentions her granddaughter *in speeches*"),
    # any on a question it answers ("answering a question *at a town hall*")
    return p.head.i == cue.i or p.head.dep_ == "dobj" and p.head.head.i == cue.i and (
        p.lower_ in ("in", "during") or p.head.lemma_.lower() == "question")


def find(cue, frame_tokens, source_head, inside: Callable[[int], bool]) -> Optional[tuple[str, Optional[str], object]]:
    """(type, name, evidence token) of the statement's channel, or None.

    ``frame_tokens``: the tokens of the cue's sentence outside the content that can carry a
    channel (their lower-case text in :data:`TRIGGERS`); ``source_head``:
    the head token of the statement's source (or None).
    """
    if cue is not None:
        k = CUE_VERBS.get(cue.lemma_.lower()) if cue.pos_ in ("VERB", "AUX") else None
        if k is not None:
            name = None
            for t in frame_tokens:
                if t.lower_ in PLATFORMS and t.head.lower_ in ("on", "in") and not inside(t.i):
                    name = PLATFORMS[t.lower_]
            return k, name or ("Twitter" if cue.lemma_.lower() in ("tweet", "retweet") else None), cue
        if cue.pos_ in ("NOUN", "PROPN") and _kind(cue):
            k = _kind(cue)
            return k, _name(k, cue), cue
        for d in cue.children:   # "wrote a letter to …", "issued a statement": the cue's object
            if d.dep_ == "dobj" and _kind(d) in ("letter", "statement", "post") and \
                    (cue.lemma_.lower() in _PRODUCE or cue.pos_ not in ("VERB", "AUX")):
                return _kind(d), _name(_kind(d), d), d      # (not "discussing a controversial tweet")
        h = cue.head
        if cue.dep_ in ("relcl", "acl") and h.dep_ == "pobj" and h.head.lower_ == "from" and \
                (k := _kind(h.head.head)) in ("letter", "statement", "post", "filing"):
            return k, _name(k, h.head.head), h.head.head    # "a memo from X's campaign manager, who argued …"
    anchors: set[int] = set()
    if cue is not None:
        if cue.pos_ in ("VERB", "AUX") and cue.lemma_.lower() in TELL_VERBS:
            for d in cue.children:   # "told host Chris Cuomo", "told Fox News anchor Bret Baier"
                if d.dep_ in ("dobj", "dative") and not inside(d.i) and \
                        any(x.lower_ in _HOSTS for x in d.subtree if x.i <= d.i):
                    return "broadcast", None, d
        anchors.add(cue.i)
        own = any(c.dep_ == "nsubj" for c in cue.children) and all(c.lower_ != "when" for c in cue.children)
        if cue.dep_ in ("advcl", "xcomp", "conj", "ccomp", "relcl") and cue.head.i != cue.i and not (
                own and any(c.dep_ == "nsubj" for c in cue.head.children)):   # (a head with its own subject)
            anchors.add(cue.head.i)
        h = cue.head
        if cue.dep_ == "acl" and h.dep_ == "pobj" and h.head.lower_ == "to" and h.head.head.pos_ == "VERB":
            # "sent a letter to Senate leaders *opposing* …": the verb that sends it to them
            anchors.add(h.head.head.i)
    best = None
    for t in frame_tokens:
        if t.lower_ == "on":    # "on CNN", "on Twitter": its object
            if t.head.lemma_.lower() in _TOPIC_VERBS:
                continue        # ("remarking on CNN's sister network": what is spoken of)
            t = next((o for o in t.children if o.dep_ == "pobj"), None)
            if t is None:
                continue
        if inside(t.i) and not at_cue(t, cue) or not anchors:
            continue
        if not _linked(t, anchors) and not _after_content(t, inside):
            continue
        if cue is not None and t.head.i == cue.i and t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in PLATFORMS:
            continue    # "TikTok claims …": the company speaks, no post of it
        if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lemma_.lower() in _ANSWER_VERBS:
            continue    # "replied to your statement": what is answered, not the channel
        kind = _kind(t) or _conference(t)
        name = None
        if kind is None and t.dep_ == "pobj" and t.head.lower_ == "on":
            if t.lower_ in PLATFORMS and (t.pos_ == "PROPN" or t.lower_ != "x"):
                kind, name = "post", PLATFORMS[t.lower_]
            else:
                name = _broadcast(t)
                kind = "broadcast" if name else None
        if kind is None:
            continue
        if name is None:
            name = _name(kind, t)
        dist = abs(t.i - cue.i) if cue is not None else 0
        if best is None or dist < best[0]:
            best = (dist, kind, name, t)
    if best is not None:
        return best[1], best[2], best[3]
    if source_head is not None and source_head.lower_ not in PLATFORMS:   # ("TikTok claims": the company)
        k = _kind(source_head)
        if k in ("statement", "letter", "post", "filing", "interview", "speech"):
            return k, _name(k, source_head), source_head
    return None


def closing(sent_end: int, ons, inside: Callable[[int], bool]) -> Optional[tuple[str, Optional[str], object]]:
    """"Cruz argued that … on Wednesday's “Sean Hannity Show.”", "… on Friday's broadcast of
    HBO's “Real Time.”": a programme or platform phrase closing the sentence, which the parser
    (and the content's span) hangs inside the reported words — the saying's channel.  ``ons``:
    the "on" tokens of the sentence inside the content; ``sent_end``: the sentence's end."""
    for on in ons:
        o = next((c for c in on.children if c.dep_ == "pobj"), None)
        if o is None:
            continue    # (the span often stops before the programme's quoted name)
        doc = o.doc     # (the phrase may run on: "on Friday's broadcast *of HBO's “Real Time.”*")
        if any(not (doc[j].is_punct or doc[j].is_space) for j in range(o.right_edge.i + 1, sent_end)):
            continue
        if o.lower_ in PLATFORMS and o.pos_ == "PROPN":
            return "post", PLATFORMS[o.lower_], o
        if _kind(o) == "broadcast" and (o.right_edge.i == o.i or any(   # (not "… on its nuclear program
                BROADCASTERS.search(x.text) or x.ent_type_ in ("ORG", "WORK_OF_ART")   # with Britain")
                for x in o.subtree if x.i != o.i)):
            return "broadcast", _phrase(o) if o.pos_ == "PROPN" else None, o
        name = _broadcast(o)
        if name is not None and (o.ent_type_ in ("ORG", "WORK_OF_ART") or
                                 any(c.dep_ == "poss" for c in o.children)):
            return "broadcast", name, o
    return None


def after_quote(frame_inside, inside: Callable[[int], bool]) -> Optional[tuple[str, Optional[str], object]]:
    """"… saying his campaign doesn't want “that crap,” *in an interview with CNN* on Sunday": a
    phrase of occasion right after the quotation's closing mark, which the content's span (and
    the parser) swallow — the saying's occasion.  ``frame_inside``: the trigger words of the
    sentence inside the content."""
    for t in frame_inside:
        p = t.head
        if t.dep_ != "pobj" or p.lower_ not in _OCCASION_PREPS or p.i < 2:
            continue
        doc = t.doc
        j = p.i - 1
        while j > 0 and doc[j].is_punct and not doc[j].is_quote:
            j -= 1      # (", " between the closing mark and the phrase)
        start = doc[j].sent.start
        if not doc[j].is_quote or sum(1 for k in range(start, j + 1) if doc[k].is_quote) % 2:
            continue    # (a closing mark: the quotation's marks before it come in pairs)
        if not (doc[j - 1].is_punct or any(doc[k].text == "," for k in range(j + 1, p.i))):
            continue    # (the quotation ends its clause — “that crap,” — not a quoted word: did “great” in …)
        kind = _kind(t)
        if kind in ("interview", "statement", "speech", "briefing", "broadcast", "debate", "hearing"):
            return kind, _name(kind, t), t
    return None


def setting(sent, triggers: list[int]) -> Optional[tuple[str, tuple[str, Optional[str], object]]]:
    """(the subject's last word, channel) of a sentence whose main clause has a proper-name
    subject and names a channel: "In a statement issued Tuesday, Clinton was more circumspect …"
    sets the channel of what Clinton says next in the paragraph."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "PROPN":
        return None
    doc = sent.doc
    frame = [doc[i] for i in triggers[bisect.bisect_left(triggers, sent.start):bisect.bisect_left(triggers, sent.end)]]
    got = find(root, frame, None, lambda i: False)
    if got is None:
        return None
    ev = got[2]
    # only a phrase of occasion of the main clause ("*In a statement …*, Clinton was …"), not
    # an object ("Trump made a statement …") or a phrase deeper in the sentence
    p = ev.head if ev.dep_ == "pobj" else ev.head.head if ev.head.dep_ == "pobj" else None
    if p is not None and p.lower_ == "of" and p.head.dep_ == "pobj":
        p = p.head.head     # "in a round of television interviews"
    if p is None or p.lower_ not in _OCCASION_PREPS or not (
            p.head.i == root.i or p.head.dep_ == "advmod" and p.head.head.i == root.i):
        return None     # (on the main verb, or on its adverb: "*Later on ''This Week''*, Sanders …")
    return subj.lower_, got
