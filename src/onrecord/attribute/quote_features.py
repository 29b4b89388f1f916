"""What a reader looks at to tell a quoted statement from a quoted title, name, term or slogan.

``quote_features(doc, q)`` gives the sparse binary features of one quotation for the
quote-kind classifier (:mod:`.quote_kinds`):

- **the words before it**: the one or two words before the opening mark ("titled", "called",
  "so-called", "dubbed", "the", "his"), and whether a word naming a work ("book", "film",
  "report", "column", "show"), a term ("phrase", "term", "word", "label"), a slogan ("chant",
  "slogan", "hashtag", "sign") or a name ("group", "party", "nickname") stands just before it;
- **the word after it**: a noun it modifies (the "Keep the Promise" PAC, a "big tent" party),
  "Act", a comma or a full stop;
- **its shape**: length in words, title case, capitals inside, all capitals, a hashtag, digits,
  sentence punctuation at its end, an exclamation, repeated words ("USA! USA!"), first- and
  second-person pronouns;
- **its grammar**: a finite verb inside (a clause), the dependency role of its root and the
  head it hangs on (object of "call", compound or modifier of a noun, attribute, object of a
  preposition), the cue-word class of that head (:mod:`.cue_words`: a verb of saying governs
  statements), the entity label of its words (WORK_OF_ART, LAW, ORG);
- **its place**: a whole paragraph, after a colon, at the start of its sentence, inside the
  author's sentence, a speech verb elsewhere in its sentence.
- **the words around the marks, as a reader parses them** (:func:`_frame_features`): the part
  of speech of the word just before the opening mark and just after the closing one (a
  determiner or possessive before and a noun after: its “validation” services, the SPIEGEL
  “investigation”; a preposition before; a verb of saying right after: a speech tag), the
  entity whose possessive stands before it (ABC's “This Week”), "known as", "described as",
  "referred to as", "what … calls" before it, a verb of saying within a few words before or
  after, a figure or "percent" earlier in its sentence (a poll's answer option);
- **how it reads inside**: a verb or none, its first word capitalised in mid-sentence (a
  name or title does that, a fragment of speech does not), the share of capitalised words,
  the same words quoted elsewhere on the page (a term is repeated, a statement rarely), and
  conjunctions of these with its length (a short verbless lower-case fragment after a
  determiner is a term far more often than a statement);
- **what governs it** (:func:`_govern_features`): the first verb above it in the parse and that
  verb's cue class, reached directly or through a noun (`said “…”` against `the “…” programme`),
  a naming verb ("called", "dubbed", "known as") and the quotation's role under it, any verb of
  saying above it, and whether the quoted words are a verbless noun phrase, with its length;
- **how the page quotes** (:func:`_page_say`): the share of the page's short quotations with a
  verb of saying near them (a report quotes speakers; an advocacy or opinion page holds words
  at a distance), alone and with the quotation's length.

``QK_FEATURE_VERSION`` is written into the model file by ``scripts/train_quote_kinds.py`` and
checked when it is loaded: change it when a feature changes, and retrain.
"""
from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX
from spacy.tokens import Doc

from onrecord.parse import tokens_with_pos
from onrecord.text import original_text as doc_text

from .cue_words import cue_class
from .quotes import Quote
from .spans import lemma_of, sent_of

QK_FEATURE_VERSION = 4

WORK_WORDS = frozenset("""book books novel film films movie documentary show program programme series
    episode podcast column op-ed editorial article essay headline headlined report reports study paper
    album song songs single poem play musical album bill act law initiative referendum measure
    amendment resolution treaty doctrine plan strategy operation memo letter speech video ad advert
    tune titled entitled magazine newspaper broadcast interview segment""".split())
TERM_WORDS = frozenset("""term terms word words phrase phrases expression label labels notion concept
    so-called so called coined dubbed nicknamed known branded euphemism buzzword jargon""".split())
SLOGAN_WORDS = frozenset("""slogan slogans chant chants chanting chanted hashtag motto mantra sign signs
    banner banners placard placards poster posters shirt t-shirt cry rallying read reads reading
    sticker stickers cap caps hat hats""".split())
NAME_WORDS = frozenset("""group party organisation organization company firm campaign pac committee
    movement network nickname name named called website site club foundation coalition caucus""".split())
_PERSONAL = frozenset("i me my mine we us our ours you your yours".split())
_FINITE = frozenset({"VBD", "VBP", "VBZ", "MD"})
_SMALL = frozenset("a an the of and or in on to for with at by from vs".split())
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")


def _bucket(n: int) -> str:
    for e in (1, 2, 3, 4, 6, 9, 14, 25):
        if n <= e:
            return str(e)
    return "big"


def _word_class(w: str) -> str:
    if w in WORK_WORDS:
        return "work"
    if w in TERM_WORDS:
        return "term"
    if w in SLOGAN_WORDS:
        return "slogan"
    if w in NAME_WORDS:
        return "name"
    return ""


def _span_root(doc: Doc, s: int, e: int):
    """The tokens of the quoted words and the one whose head lies outside them."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None
    toks = [t for t in span if not (t.is_space or t.is_punct)]
    if not toks:
        return span, None
    lo, hi = span.start, span.end
    for t in toks:
        if not (lo <= t.head.i < hi) or t.head.i == t.i:
            return span, t
    return span, toks[0]


_SAY_KEY = ("onrecord", "say_tokens")


def _say_tokens(doc: Doc) -> list[int]:
    """Indices of the verbs and nouns of saying (sorted; listed once per doc, so that a flood of
    quotation marks in one long sentence stays linear)."""
    say = doc.user_data.get(_SAY_KEY)
    if say is None:
        say = doc.user_data[_SAY_KEY] = [i for i in tokens_with_pos(doc, ("VERB", "NOUN"))
                                         if cue_class(lemma_of(doc[i]), doc[i].pos_) == "say"]
    return say


def quote_features(doc: Doc, q: Quote) -> list[str]:
    """Sparse binary features of quotation ``q`` (see the module docstring)."""
    text = doc_text(doc)
    inner = text[q.inner_start:q.inner_end].strip()
    words = _WORD_RE.findall(inner)
    n = len(inner.split())
    f = ["b", "n=" + _bucket(n)]
    # --- shape
    stripped = inner.rstrip("\u201d\"’' ")
    end = stripped[-1:] if stripped else ""
    f.append("end=" + ("stop" if end in ".!?…" else "comma" if end in ",;:" else "word"))
    if end == "!" or "!" in inner:
        f.append("excl")
    if end == "?":
        f.append("question")
    if inner[:1].isupper():
        f.append("cap0")
    if words:
        caps = sum(1 for w in words if w[0].isupper())
        title = all(w[0].isupper() or w.lower() in _SMALL for w in words) and caps >= 1
        if title and len(words) >= 2:
            f.append("titlecase")
        elif title:
            f.append("titlecase1")
        if caps > (1 if inner[:1].isupper() else 0):
            f.append("capinside")
        if all(w.isupper() for w in words) and len(inner) > 2:
            f.append("allcaps")
        low = [w.lower() for w in words]
        if len(set(low)) < len(low):
            f.append("repeat")
        if any(w in _PERSONAL for w in low):
            f.append("personal")
    if inner.startswith("#") or inner.startswith("@"):
        f.append("hashtag")
    if re.search(r"\d", inner):
        f.append("digit")
    if re.search(r"https?://|\.(com|org|us|net)\b", inner):
        f.append("url")
    f.append(f"nx={_bucket(n)}|{'stop' if end in '.!?…' else 'other'}")
    # --- the words around it
    before = text[max(0, q.start - 60):q.start]
    before = before[before.rfind("\n") + 1:]  # the words of its own paragraph only
    bw = re.findall(r"[\w'’-]+|[,:;.!?(\u2014\u2013]", before.lower())
    p1 = bw[-1] if bw else "^"
    p2 = bw[-2] if len(bw) > 1 else "^"
    f += ["p1=" + p1, f"p12={p2}|{p1}"]
    for w in bw[-4:]:
        c = _word_class(w)
        if c:
            f.append("pcls=" + c)
    c1 = _word_class(p1)
    if c1:
        f.append("p1cls=" + c1)
    if p1 in ("the", "a", "an", "this", "that", "these", "those"):
        f.append("pdet")
    elif p1 in ("his", "her", "their", "its", "our", "my", "your", "'s", "’s") or p1.endswith(("'s", "’s")):
        f.append("pposs")
    after = text[q.end:q.end + 40]
    aw = re.findall(r"[\w'’-]+|[,:;.!?)(\u2014\u2013]", after.lower())
    a1 = aw[0] if aw else "$"
    f.append("a1=" + a1)
    ca = _word_class(a1)
    if ca:
        f.append("a1cls=" + ca)
    # --- place in the paragraph and sentence
    ps = text.rfind("\n", 0, q.start) + 1
    pe = text.find("\n", q.end)
    pe = len(text) if pe < 0 else pe
    head_para = not text[ps:q.start].strip(" \t\u00a0>*-")
    tail_para = not text[q.end:pe].strip(" \t\u00a0.")
    f.append("para=" + ("whole" if head_para and tail_para else "head" if head_para else "tail" if tail_para else "in"))
    if before.rstrip().endswith(":"):
        f.append("colon")
    # --- grammar
    span, root = _span_root(doc, q.inner_start, q.inner_end)
    if span is not None:
        toks = [t for t in span if not (t.is_space or t.is_punct)]
        if any(t.tag_ in _FINITE for t in toks):
            f.append("finite")
        if any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.tag_ in _FINITE for t in toks):
            f.append("clause")
        if toks:
            f += ["t0=" + toks[0].pos_, "tl=" + toks[-1].pos_]
        ents = {t.ent_type_ for t in toks if t.ent_type_}
        for e in ents & {"WORK_OF_ART", "LAW", "ORG", "PERSON", "GPE", "NORP", "EVENT", "FAC", "PRODUCT"}:
            f.append("ent=" + e)
        if root is not None:
            h = root.head
            inside = span.start <= h.i < span.end
            dep = root.dep_ if not inside else "root"
            f += ["dep=" + dep, f"rp={root.pos_}"]
            if not inside:
                hl = lemma_of(h)
                f += ["hp=" + h.pos_, f"dhp={dep}|{h.pos_}", "hl=" + hl, f"dhl={dep}|{hl}"]
                cw = cue_class(hl, h.pos_)
                f += ["hcw=" + cw, f"dhcw={dep}|{cw}"]
                hc = _word_class(h.lower_)
                if hc:
                    f.append("hcls=" + hc)
                if h.i > root.i and h.pos_ in ("NOUN", "PROPN"):
                    f.append("modnoun")
            # a verb of saying elsewhere in the sentence
            sent = sent_of(root)
            say = _say_tokens(doc)
            lo = bisect.bisect_left(say, sent.start)
            hi = bisect.bisect_left(say, sent.end)
            outside = lo < hi and (say[lo] < span.start or say[hi - 1] >= span.end)
            f.append("sentsay" if outside else "nosay")
            if sent.start >= span.start and sent.end <= span.end + 2:
                f.append("wholesent")
            elif span.start - sent.start <= 1:
                f.append("sentstart")
        f += _frame_features(doc, text, q, span, toks, n, bw)
        if root is not None:
            f += _govern_features(span, root, toks, n)
        page = _page_say(doc, text)
        f += ["pagesay=" + page, f"pagesay={page}|{'short' if n <= 3 else 'mid' if n <= 8 else 'long'}"]
    return f


_PAGE_KEY = ("onrecord", "page_say")


def _page_say(doc: Doc, text: str) -> str:
    """How the page quotes: the share of its short quotations (at most eight words) with a
    verb of saying within a few words of the marks, bucketed.  A news report quotes speakers; an
    advocacy or opinion page puts its own words at a distance."""
    got = doc.user_data.get(_PAGE_KEY)
    if got is None:
        say = _say_tokens(doc)
        n = near = 0
        for m in re.finditer(r"[\"\u201c\u2018]([^\"\u201c\u201d\u2018\u2019\n]{1,80})[\"\u201d\u2019]", text):
            if len(m.group(1).split()) > 8:
                continue
            a = _tok_at(doc, m.start(), before=True)
            b = _tok_at(doc, m.end(), before=False)
            lo = a.i - _SAY_NEAR if a is not None else 0
            hi = b.i + _SAY_NEAR if b is not None else len(doc)
            k = bisect.bisect_left(say, lo)
            n += 1
            near += k < len(say) and say[k] <= hi
        # (fewer than three short quotations say nothing about the page: a sentence alone)
        got = "few" if n < 3 else "low" if near / n < 0.3 else "mid" if near / n < 0.6 else "high"
        doc.user_data[_PAGE_KEY] = got
    return got


# verbs that name what they govern ("called it “a cartel”" is speech; "a programme called
# “Unplugged”", "what he dubs “…”", "known as “…”" name something)
_NAMING = frozenset("call dub name label term brand title entitle nickname describe refer know bill style "
                    "christen".split())
_GOV_REACH = 8  # steps up the tree


def _govern_features(span, root, toks, n: int) -> list[str]:
    """What governs the quotation and what it is, read off the parse: the first verb above
    its root (its cue class, reached directly or through a noun: `said “…”` against `the
    “…” programme was cut`), a naming verb (“called”, “dubbed”, “known as”) and the role the
    quotation plays for it, any verb of saying above it, and whether the quoted words are a
    noun phrase without a verb (with its length): a term or title is one, a statement rarely."""
    short = "short" if n <= 3 else "mid" if n <= 8 else "long"
    f = []
    node, via_noun, say_above, gv = root, False, False, None
    for _ in range(_GOV_REACH):
        if node.head.i == node.i:
            break
        node = node.head
        if span.start <= node.i < span.end:
            continue
        if node.pos_ in ("NOUN", "PROPN") and gv is None:
            via_noun = True
        if node.pos_ in ("VERB", "AUX") and gv is None:
            gv = node
        if node.pos_ in ("VERB", "NOUN") and cue_class(lemma_of(node), node.pos_) == "say":
            say_above = True
    cw = cue_class(lemma_of(gv), "VERB") if gv is not None else "none"
    f += [f"gv={cw}|{'noun' if via_noun else 'direct'}", f"gv={cw}|{short}",
          f"sayabove={'y' if say_above else 'n'}|{short}"]
    if gv is not None and lemma_of(gv) in _NAMING:
        f += ["gv_naming", f"gv_naming|{'noun' if via_noun else root.dep_}"]
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in toks)
    if verbless and root.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        f += [f"np={root.pos_}|{short}", f"np|{'say' if say_above else 'nosay'}|{short}"]
    return f


_AS_WORDS = frozenset("known described referred labeled labelled branded billed dubbed characterized "
                      "characterised portrayed derided touted styled".split())
_SAY_NEAR = 5  # tokens
_POLL_REACH = 30  # tokens


def _tok_at(doc: Doc, pos: int, before: bool):
    """The first word token ending at or before ``pos`` (``before``) or starting at or after it,
    skipping punctuation and spaces; None at the edge of the doc."""
    starts = doc.user_data.get(_IDX_KEY)
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data[_IDX_KEY] = doc.to_array(IDX).tolist() if len(doc) else []
    if before:
        i = bisect.bisect_left(starts, pos) - 1
        while i >= 0 and (doc[i].is_punct or doc[i].is_space or doc[i].idx + len(doc[i]) > pos):
            i -= 1
        return doc[i] if i >= 0 else None
    i = bisect.bisect_left(starts, pos)
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return doc[i] if i < len(doc) else None


_IDX_KEY = ("onrecord", "token_starts")


def _quoted_texts(doc: Doc, text: str) -> dict:
    """How often each quoted string (lower case, words only) occurs on the page (counted once
    per doc, from its quotation marks)."""
    key = ("onrecord", "quoted_texts")
    got = doc.user_data.get(key)
    if got is None:
        got = {}
        for m in re.finditer(r"[\"\u201c\u2018]([^\"\u201c\u201d\u2018\u2019\n]{1,120})[\"\u201d\u2019]", text):
            k = " ".join(_WORD_RE.findall(m.group(1).lower()))
            if k:
                got[k] = got.get(k, 0) + 1
        doc.user_data[key] = got
    return got


def _frame_features(doc: Doc, text: str, q: Quote, span, toks, n: int, bw: list[str]) -> list[str]:
    """The words around the marks as a reader parses them, and how the inside reads (see the
    module docstring)."""
    f = []
    prev = _tok_at(doc, q.start, before=True)
    nxt = _tok_at(doc, q.end, before=False)
    short = "short" if n <= 3 else "mid" if n <= 8 else "long"
    ptag, atag = "^", "$"
    if prev is not None and q.start - (prev.idx + len(prev)) <= 2:
        ptag = "POSS" if prev.tag_ in ("PRP$", "POS") or prev.lower_ in ("'s", "’s") else prev.pos_
        if ptag == "POSS" and prev.tag_ == "POS" and prev.i > 0:
            owner = doc[prev.i - 1]
            f.append("powner=" + (owner.ent_type_ or owner.pos_))
    if nxt is not None and nxt.idx - q.end <= 2:
        cw = cue_class(lemma_of(nxt), nxt.pos_) if nxt.pos_ in ("VERB", "NOUN") else ""
        atag = "SAY" if cw == "say" else nxt.pos_
    f += ["ppos=" + ptag, f"ppos={ptag}|{short}", "apos=" + atag, f"apos={atag}|{short}",
          f"pa={ptag}|{atag}"]
    if atag in ("NOUN", "PROPN") and ptag in ("DET", "POSS", "ADJ", "NUM", "NOUN", "PROPN"):
        # inside a noun phrase, modifying the noun after it (a "Jeb Can Fix It" bus tour)
        f.append("between_det_noun" if ptag in ("DET", "POSS", "ADJ", "NUM") else "in_noun_phrase")
    # a naming phrase just before: "known as", "described as", "what X calls"
    core = bw[:-1] if bw and bw[-1] in ("a", "an", "the") else bw
    if len(core) >= 2 and core[-1] == "as" and (core[-2] in _AS_WORDS or core[-3:-1] == ["referred", "to"]):
        f.append("named_as")
    tail = bw[-6:]
    if "what" in tail and any(w.startswith("call") or w in ("dubs", "dubbed", "terms", "termed")
                              for w in tail[tail.index("what"):]):
        f.append("what_calls")
    # a verb of saying within a few words of the marks (a speech tag, or the frame's own verb)
    if toks:
        say = _say_tokens(doc)
        lo = bisect.bisect_left(say, span.start - _SAY_NEAR)
        near_b = any(span.start - _SAY_NEAR <= i < span.start for i in say[lo:lo + _SAY_NEAR + 1])
        hi = bisect.bisect_left(say, span.end)
        near_a = hi < len(say) and say[hi] < span.end + _SAY_NEAR
        if near_b:
            f.append("say_before")
        if near_a:
            f.append("say_after")
        if not near_a and not near_b:
            f.append(f"no_say_near|{short}")
            f.append(f"no_say_near|{ptag}|{atag}")
        # a figure or "percent" earlier in its sentence (an answer option of a poll); the last
        # _POLL_REACH words only, so that a flood of marks in one sentence stays linear
        pre = doc[max(sent_of(toks[0]).start, span.start - _POLL_REACH):span.start]
        if any(t.lower_ in ("percent", "%", "per") or t.like_num for t in pre) and n <= 4:
            f.append("poll_sent")
    # how it reads inside
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX")]
    f += [f"verb={'y' if verbs else 'n'}|{short}", f"verb={'y' if verbs else 'n'}|{ptag}|{atag}"]
    words = _WORD_RE.findall(text[q.inner_start:q.inner_end])
    if words:
        caps = sum(1 for w in words if w[0].isupper())
        share = caps / len(words)
        f.append("capshare=" + ("0" if share == 0 else "all" if share == 1 else "most" if share >= 0.5 else "some"))
        # in mid-sentence: words of its own sentence before the mark, and no colon right before
        mid = bool(toks) and toks[0].i - sent_of(toks[0]).start > 1 \
            and not re.search(r"[.!?:]\s*$", text[max(0, q.start - 3):q.start])
        if mid and words[0][0].isupper() and words[0].lower() not in _PERSONAL:
            f.append(f"cap_mid|{short}")
        if mid and words[0][0].islower():
            f.append(f"low_mid|{short}")
        key = " ".join(w.lower() for w in words)
        if _quoted_texts(doc, text).get(key, 0) >= 2:
            f.append(f"quoted_again|{short}")
    return f
