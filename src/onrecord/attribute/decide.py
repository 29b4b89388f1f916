"""The decision: which candidates are attributions, with which content, kind and source.

``extract(doc)``:

1. scores every frame candidate (:mod:`.candidates`) with the classifier (or the lexicon)
   and keeps, per cue token, the best frame above its threshold (a copula, existence or
   obligation is no cue: :func:`.cue_words.no_report`);
2. drops doubtful frames nested in, or holding, a more probable one, and a frame whose
   quotations a more probable frame claims;
3. marks each kept frame ``direct``, ``mixed`` or ``indirect`` by the quotations it holds;
4. gives every quotation not yet covered a cue (:mod:`.quote_cues`), or joins it to the
   statement it continues (“A,” he said. “B.”; a paraphrase going on in quotes), or emits it
   as a *floating* quote when it can stand alone — but first every quotation is classified
   (:mod:`.quote_kinds`): a title, name, term or slogan gets no cue, continues nothing, never
   floats and does not make a frame direct or mixed; a frame whose content is little more
   than such quotations is dropped;
5. gives a floating quote the source of the statement before it, or of a heading between
   them that names a person (:mod:`.headings`).
6. adds the tagged quotations nested in a quoted excerpt (“… ‘…,’ she said.”) as statements
   of their own (:mod:`.nested`); the excerpt keeps its source.

Everything works from the one parse; lookups are by sorted offsets, so the whole stays
linear (up to a log) in the tokens and quotations.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from spacy.tokens import Doc

from onrecord.text import original_text as doc_text
from onrecord.text import same_paragraph

from . import Candidate, classifier
from .blockquotes import blockquote_source
from .candidates import frame_candidates
from .classifier import FRAME_TH_SHIFT, DenseTerms, load_lexicon, load_model, model_prob, source_kind
from .cue_words import no_report
from .frames import Frame
from .headings import floating_sources, person_headings
from .nested import nested_statements
from .polarity import negated_report
from .quote_cues import QuoteCue, doc_quotes, quote_cue_candidates, starts_of
from .quote_kinds import can_float, classify_quotes
from .quotes import Quote
from .spans import overlap
from .turns import Turn, find_turns

SIGNATURE_PRIOR = 0.6
HOST_FRAGMENT_WORDS = 8  # a quoted fragment shorter than this continues the paraphrase before it
CONTAINER_TH = 0.8  # a frame holding a more probable frame whole needs this probability
NESTED_TH = 0.8  # a frame reported inside a more probable frame's content needs this probability
# a quoted title, name, term or slogan inside an indirect content is left out of it: the
# paraphrase is the speaker's, the quoted term nobody's statement (a scare quote the classifier
# calls a term, “fear” in "the move reeks of “fear” and desperation", goes too: on PolNeAR dev
# this costs 0.0024 of content F1, whose annotators keep such words in the content; on the web
# corpus it halves the quoted non-statements that records take)
CUT_NAMED = True
NAMED_SHARE = 0.6  # a frame whose content is this much quoted titles/names/terms is dropped


def _same_paragraph(text: str, c: Candidate, q: Quote) -> bool:
    """True when quotation q and the statement c lie in one paragraph."""
    lo = min(q.start, c.content[0][0])
    hi = max(q.end, c.content[-1][1])
    return hi - lo < 3000 and same_paragraph(text, lo, hi) and (q.start < c.content[0][0] or q.start > c.content[-1][1])


class _Coverage:
    """Which characters the statements found so far cover: one byte a character, marked as
    statements are made or grow, so that asking about a quotation costs its length (summing
    overlaps over every statement for every quotation was quadratic in a quote-mark flood)."""

    def __init__(self, n: int, cands: list[Candidate]):
        self.cov = bytearray(n)
        for c in cands:
            self.mark(c.content)

    def mark(self, ranges) -> None:
        for s, e in ranges:
            self.cov[s:e] = b"\x01" * (e - s)

    def mostly_covered(self, q: Quote) -> bool:
        """True when statements found so far cover most of a quotation."""
        n = q.inner_end - q.inner_start
        return self.cov.count(1, q.inner_start, q.inner_end) >= 0.6 * n


def _add_host(hosts, c: Candidate) -> None:
    """index a direct/mixed candidate by the end of its content (sorted)"""
    if c.kind == "indirect" or c.how == "floating":
        return
    end = c.content[-1][1]
    k = bisect.bisect_right(hosts[0], end)
    hosts[0].insert(k, end)
    hosts[1].insert(k, c)


def _paraphrase_before(text: str, ends: dict[int, Candidate], q: Quote) -> Optional[Candidate]:
    """"… would owe $212 billion in additional federal taxes, ''equal to the entire state
    budgets of …''": the indirect statement (``ends``: by the end of its content) that ends
    right before quotation q, only a comma or a dash between — the quotation goes on with
    the paraphrase."""
    for end in range(q.start, max(0, q.start - 4) - 1, -1):
        c = ends.get(end)
        if c is not None:
            return None if re.search(r"[\w.!?\n]", text[end:q.start]) else c
    return None


def _host_in_paragraph(text: str, hosts, q: Quote) -> Optional[Candidate]:
    """The direct/mixed candidate ending last before q in q's paragraph, with at most
    a cue clause between them (O(log n) lookup)."""
    k = bisect.bisect_right(hosts[0], q.start) - 1
    if k < 0:
        return None
    c = hosts[1][k]
    end = c.content[-1][1]
    if end <= q.start and q.start - end < 200 and same_paragraph(text, end, q.start):
        # only the host's own cue clause between them (“A,” he said. “B.”), or no words at all
        # or a fragment that continues a paraphrase ("there's a “long road ahead” … “blow away
        # people's expectations.”"); a whole quoted sentence after other words stands alone
        if c.cue is not None and end <= c.cue[0] < q.start or not re.search(r"\w", text[end:q.start]) \
                or len(text[q.inner_start:q.inner_end].split()) < HOST_FRAGMENT_WORDS:
            return c
    return None


def _drop_nested(chosen: list[tuple[float, "Frame"]]) -> list[tuple[float, "Frame"]]:
    """Drop a frame whose whole content lies inside the content of a more probable frame
    unless it is itself very probable: reported inside another report ("Mook told CBS that
    the campaign expects Holt to call Trump out for his lies") such frames are attributions
    in PolNeAR only a third of the time — inside an "according to" too ("According to the
    police, the officer said he …": measured, exempting those cost F1 on train and dev).
    Likewise a doubtful frame whose
    content holds a more probable frame whole gives way to it.  Both thresholds measured on
    PolNeAR train and dev."""
    starts = [f.content[0][0] for _, f in chosen]
    keep = []
    for p, f in chosen:
        s0, e0 = f.content[0][0], f.content[-1][1]
        inside = False
        w = _with_clause(f)
        if w is not None:
            # "The West condemned the tactics, with Le Drian saying the arrests were …": an
            # absolute clause is a statement of its own subject, not part of the other report
            for _, g in chosen:
                if g is not f and g.content[0][0] < w < g.content[-1][1]:
                    _cut_at(g, w)
        elif p < NESTED_TH:
            k = bisect.bisect_right(starts, s0)
            for q, g in chosen[max(0, k - 50):k]:
                if g is not f and q > p and g.content[0][0] <= s0 and e0 <= g.content[-1][1] \
                        and any(a <= f.cue_span[0] < b for a, b in g.content):
                    inside = True
                    break
        if not inside and p < CONTAINER_TH:
            # a doubtful frame whose content holds a more probable frame whole ("… a spot
            # in which Trump says …"): the inner statement is the attribution
            lo = bisect.bisect_left(starts, s0)
            for q, g in chosen[lo:bisect.bisect_right(starts, e0)]:
                if g is not f and q > p and g.content[-1][1] <= e0 \
                        and (g.content[0][0], g.content[-1][1]) != (s0, e0):
                    inside = True
                    break
        if not inside:
            keep.append((p, f))
    return keep


def _with_clause(f: "Frame") -> Optional[int]:
    """Offset of "with" when the frame's cue heads an absolute clause with its own subject
    ("…, with French Foreign Minister Le Drian saying …"), else None."""
    cue = f.cue
    if cue.tag_ != "VBG" or not any(c.dep_ == "nsubj" for c in cue.children):
        return None
    head = cue.head
    if cue.dep_ in ("pcomp", "advcl") and head.lower_ == "with":
        return head.idx
    return None


def _cut_at(g: "Frame", pos: int) -> None:
    """Cut frame g's content before offset pos (and the comma or space before it)."""
    text = doc_text(g.cue.doc)
    while pos > 0 and text[pos - 1] in " ,;\n":
        pos -= 1
    g.content = [(a, min(b, pos)) for a, b in g.content if a < pos] or g.content


def _without(text: str, content, holes):
    """The content ranges with the quoted titles/terms (``holes``, with their marks) cut out
    (no range left that is only blanks and punctuation)."""
    out = []
    for s, e in content:
        for hs, he in holes:
            if s < hs < e or s < he <= e:
                if hs - s > 1:
                    out.append((s, hs))
                s = max(s, he)
        if e - s > 1:
            out.append((s, e))
    return [(s, e) for s, e in out if re.search(r"\w", text[s:e])]


def _frame_holding(frames, q: Quote) -> Optional["Frame"]:
    """The most probable of a cue's frames whose content holds quotation q whole."""
    best = None
    for p, f in frames:
        if any(s <= q.start and q.end <= e for s, e in f.content) and (best is None or p > best[0]):
            best = (p, f)
    return best[1] if best is not None else None


_LOAD = object()


def extract(doc: Doc, threshold: float | None = None, *, model=_LOAD, lexicon=None, quote_model=None,
            rejected: Optional[list] = None) -> list[Candidate]:
    """The attributions of a parsed doc (see the module docstring).  ``model`` and ``lexicon``
    default to the shipped ones; training passes its own (``model=None``: the lexicon alone).
    ``quote_model``: the quote-kind classifier (the shipped one by default, ``False`` for none).
    ``rejected``, when given, receives ``(start, end, QuoteKind)`` of every quotation that is
    not a statement (inner span, without the marks)."""
    lex = load_lexicon() if lexicon is None else lexicon
    frames_p = lex.get("frames", {})
    qcue_p = lex.get("quote_cues", {})
    th = lex.get("threshold", 0.5) if threshold is None else threshold
    qth = lex.get("quote_threshold", 0.3)
    quotes = doc_quotes(doc)
    kinds = classify_quotes(doc, quotes, quote_model)
    other = [not k.is_statement for k in kinds]  # a title, name, term or slogan
    if rejected is not None:
        rejected.extend((q.inner_start, q.inner_end, k) for q, k in zip(quotes, kinds) if not k.is_statement)

    # 1. frame candidates scored by the classifier (or the lexicon); one per cue token (best frame)
    if model is _LOAD:
        model = load_model()
    if model is not None and threshold is None:
        th = model.get("threshold", 0.5)
    best: dict[int, tuple[float, Frame]] = {}
    scored_by_cue: dict[int, list[tuple[float, Frame]]] = {}  # every scored frame, kept or not
    dense = DenseTerms(model, doc) if model is not None and model.get("dense") else None
    src_shift = classifier.SOURCE_TH_SHIFT
    for f, feats in frame_candidates(doc, quotes):
        if f.extra.get("when") or no_report(f.cue):
            continue
        if model is not None:
            p = model_prob(model, feats, dense_z=dense.z(f.cue.i, f.extra.get("first")) if dense else None)
        else:
            p = frames_p.get(f"{f.key}|{f.extra.get('subj', 'none')}")
            if not p or p[1] < 5:
                p = frames_p.get(f.key)
            p = p[0] if p else 0.0
        scored_by_cue.setdefault(f.cue.i, []).append((p, f))
        if p < (th + FRAME_TH_SHIFT.get(f.frame, 0.0) + (src_shift.get(source_kind(doc, f), 0.0) if src_shift else 0.0)
                if model is not None else th):
            continue
        cur = best.get(f.cue.i)
        if cur is None or p > cur[0]:
            best[f.cue.i] = (p, f)
    chosen = sorted(best.values(), key=lambda x: x[1].content[0][0])
    chosen = _drop_nested(chosen)
    cands: list[Candidate] = []
    covered = [False] * len(quotes)
    qcues = quote_cue_candidates(doc, quotes)
    labelled = _line_labels(doc_text(doc), quotes, qcues)
    if quotes:
        # a quotation claimed by two frames goes to the more probable one; the other frame is
        # dropped when that quotation is most of its content
        starts = starts_of(quotes)
        owner: dict[int, float] = {}
        claims = []
        for p, f in chosen:
            qs = []
            q0 = max(0, bisect.bisect_right(starts, f.content[0][0]) - 1)
            for qi in range(q0, len(quotes)):
                q = quotes[qi]
                if q.start >= f.content[-1][1]:
                    break
                if overlap(f.content, (q.inner_start, q.inner_end)) >= 0.5 * (q.inner_end - q.inner_start):
                    qs.append(qi)
                    # "Organizations:\n\nADL: “We applaud …”" — a label opening the quotation's
                    # line speaks it, not a frame whose cue stands before that line
                    label = labelled.get(qi)
                    owner[qi] = 2.0 if label is not None and f.cue_span and f.cue_span[0] < label \
                        else max(owner.get(qi, 0.0), p)
            claims.append(qs)
        keep = []
        for (p, f), qs in zip(chosen, claims):
            lost = sum(quotes[qi].inner_end - quotes[qi].inner_start for qi in qs if owner[qi] > p)
            if lost < 0.5 * sum(e - s for s, e in f.content):
                keep.append((p, f))
        chosen = keep
    for p, f in chosen:
        kind = "indirect"
        clen = sum(e - s for s, e in f.content)
        named = 0  # characters of the content that are quoted titles, names, terms, slogans
        holes = []
        q0 = max(0, bisect.bisect_right(starts_of(quotes), f.content[0][0]) - 1)
        for qi in range(q0, len(quotes)):
            q = quotes[qi]
            if q.start >= f.content[-1][1]:
                break
            ov = overlap(f.content, (q.inner_start, q.inner_end))
            if ov >= 0.5 * (q.inner_end - q.inner_start):
                if covered[qi]:
                    continue
                covered[qi] = True
                if other[qi]:
                    named += q.end - q.start
                    holes.append((q.start, q.end))
                    continue  # a quoted title or term is no quotation of the speaker's words
                kind = "direct" if (q.end - q.start) >= 0.9 * clen else "mixed"
        if named >= NAMED_SHARE * clen and kind == "indirect":
            continue  # “can no longer be called a "gas station"”: the content is the term
        content = _without(doc_text(doc), f.content, holes) if CUT_NAMED and holes else list(f.content)
        if not content:
            continue
        how = {"acc": "according_to", "colon": "colon"}.get(f.frame, "cue")
        cands.append(Candidate(kind, content, f.cue_span, f.source, round(p, 3), how,
                               {"frame": f.frame, "key": f.key, "negated": negated_report(f.cue)}))

    # 2. every uncovered quotation: attach to a cue, or float
    by_quote: dict[int, list[QuoteCue]] = {}
    qpos = {id(q): i for i, q in enumerate(quotes)}
    for qc in qcues:
        if not covered[qpos[id(qc.quote)]]:
            by_quote.setdefault(qpos[id(qc.quote)], []).append(qc)
    hosts: tuple[list[int], list[Candidate]] = ([], [])
    by_cue: dict[tuple[int, int], Candidate] = {}
    for c in cands:
        _add_host(hosts, c)
        if c.cue is not None:
            by_cue[c.cue] = c
    para_ends = {c.content[-1][1]: c for c in cands if c.kind == "indirect"}
    coverage = _Coverage(len(doc_text(doc)), cands)
    for qi, q in enumerate(quotes):
        if covered[qi]:
            continue
        if other[qi]:
            continue  # a title, name, term or slogan: no cue, no host, no floating quote
        if coverage.mostly_covered(q):
            continue  # a quoted transcript whose turns ("WALLACE: …") are statements already
        opts = by_quote.get(qi, [])
        scored = []
        for qc in opts:
            # a signature ("“…” ― Name") is a convention of its own, scored even when PolNeAR train
            # never shows it
            p = qcue_p.get(qc.key) or ([SIGNATURE_PRIOR, 0] if qc.how == "signature" else None)
            if p and p[0] >= qth:
                scored.append((p[0], qc))
        para = _paraphrase_before(doc_text(doc), para_ends, q)
        if para is not None and all(para.content[0][0] <= qc.cue_span[0] < para.content[-1][1]
                                    for _, qc in scored):
            # "said she has the essential quality for the job: “Steadiness …”" — the only cues
            # the quotation could take are words of the paraphrase it continues
            scored = []
        if scored:
            p, qc = max(scored, key=lambda x: x[0])
            same = by_cue.get(qc.cue_span)
            if same is not None and _same_paragraph(doc_text(doc), same, q):
                # “A,” X said. “B.” — the cue already speaks B: A is part of the same statement
                same.content.append((q.start, q.end))
                same.content.sort()
                coverage.mark([(q.start, q.end)])
                continue
            c = Candidate("direct", list(qc.content), qc.cue_span, qc.source, round(p, 3), qc.how,
                          {"key": qc.key, "negated": qc.cue is not None and negated_report(qc.cue)})
            fr = _frame_holding(scored_by_cue.get(qc.cue.i if qc.cue is not None else -1, ()), q)
            if fr is not None:
                # the quotation confirms a frame of its cue the classifier doubted ("tweeted that
                # Machado was “disgusting” and “a con”"): the frame's content is the statement
                clen = sum(e - s for s, e in fr.content)
                c.content = list(fr.content)
                c.kind = "direct" if (q.end - q.start) >= 0.9 * clen else "mixed"
                c.source = fr.source or qc.source
            by_cue[c.cue] = c
            cands.append(c)
            coverage.mark(c.content)
            _add_host(hosts, c)
            continue
        # “A,” he said. “B.” — a further quote in the same paragraph continues the statement
        host = _host_in_paragraph(doc_text(doc), hosts, q)
        if host is None:
            host = para
        if host is not None:
            host.content.append((q.start, q.end))
            host.content.sort()
            coverage.mark([(q.start, q.end)])
            if host.kind == "indirect":
                host.kind = "mixed"
            continue
        if q.block:  # a blockquote: the person the prose before it introduces
            src = blockquote_source(doc, q, [b for b in quotes if b.block])
            cands.append(Candidate("direct", [(q.start, q.end)], None, src, 0.5, "blockquote", {}))
            coverage.mark([(q.start, q.end)])
            continue
        if not can_float(doc, q):
            continue
        cands.append(Candidate("direct", [(q.start, q.end)], None, None, 0.4, "floating", {}))
        coverage.mark([(q.start, q.end)])
    text = doc_text(doc)
    cands = [c for c in cands if not (c.kind == "indirect" and _topic_line(text, c.content[0][0]))]
    turns = find_turns(doc_text(doc), lambda s, e: _names_speaker(doc, s, e))
    if turns:
        cands = _with_turns(cands, turns)
    # the tagged quotations inside a quoted excerpt: statements of their own (the excerpt keeps
    # its source)
    cands.extend(nested_statements(text, quotes))
    cands.sort(key=lambda c: c.content[0][0])
    lost = any(c.how == "floating" and c.source is None for c in cands)
    floating_sources(cands, person_headings(doc) if lost else ())
    return cands


_TOPIC = re.compile(r"(?:On|About|Regarding|Re)\b[^\n.!?,;]{0,200}:[ \t\u00a0]*$"   # (no clause: no comma)
                    r"|\d{1,2}[.)][ \t\u00a0]+[^\n\u201c\u201d\"]{1,300}:[ \t\u00a0]*$")  # "4. Resilience demands …:"


def _topic_line(text: str, pos: int) -> bool:
    """True when pos lies on a line that heads a quoted excerpt by its topic ("On Senate
    Republicans resisting pressure to scrap the filibuster:", a numbered heading): nothing on it is said."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    line = text[ls:le if le >= 0 else len(text)].strip(" \t\u00a0*_#")
    return bool(_TOPIC.fullmatch(line))


def _line_labels(text: str, quotes: list[Quote], qcues: list[QuoteCue]) -> dict[int, int]:
    """Quotations introduced by a label that opens their line ("ADL: “…”", "**Dennis Ross,
    Counselor …:** “…”"): index of the quotation -> offset where the label's line starts."""
    index = {id(q): i for i, q in enumerate(quotes)}
    out: dict[int, int] = {}
    for qc in qcues:
        if qc.how != "colon" or qc.source is None:
            continue
        line = text.rfind("\n", 0, qc.source[0]) + 1
        if text[line:qc.source[0]].strip(" \t\u00a0*_#>-") == "":
            out[index[id(qc.quote)]] = line
    return out


def _names_speaker(doc: Doc, s: int, e: int) -> bool:
    """A transcript label names a speaker: written in capitals ("MR. PRICE", "Q"), "Me", or a
    proper name or role with no verb ("Vladimir Putin", "Question") — not "Important",
    "Screenshot" or "Stop Scanning Me"."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not (t.is_space or t.is_punct)]
    if not words:
        return False
    if all(t.text.isupper() for t in words) or words[0].lower_ in ("q", "question", "answer", "a") \
            or len(words) == 1 and words[0].lower_ == "me":   # (the interviewer's own write-up)
        return True
    return any(t.pos_ == "PROPN" for t in words) and not any(t.pos_ in ("VERB", "AUX") for t in words)


def _with_turns(cands: list[Candidate], turns: list[Turn]) -> list[Candidate]:
    """A transcript's turns are its speakers' statements: each turn one direct statement (its
    label the source); the "NAME: rest of line" frames of the labels and the quotations with
    no speaker inside a turn give way to it."""
    colons = {t.colon for t in turns}
    starts = [t.content[0] for t in turns]
    labels = sorted(t.label for t in turns)
    label_starts = [a for a, _ in labels]

    def in_label(pos: int) -> bool:
        # a turn's label is its speaker's name, never a cue ("GRAHAM: “…”" parsed as a verb)
        k = bisect.bisect_right(label_starts, pos) - 1
        return k >= 0 and pos < labels[k][1]

    def turn_of(pos: int) -> Optional[Turn]:
        k = bisect.bisect_right(starts, pos) - 1
        return turns[k] if k >= 0 and pos < turns[k].content[1] else None

    keep = []
    for c in cands:
        if c.how == "colon" and c.cue in colons:
            continue
        if c.cue is not None and in_label(c.cue[0]):
            continue
        t = turn_of(c.content[0][0])
        if t is not None and c.content[-1][1] <= t.content[1] and (c.how == "floating" or c.source is None):
            continue
        keep.append(c)
    for t in turns:
        keep.append(Candidate("direct", [t.content], t.colon, t.label, 0.9, "turn", {"frame": "turn"}))
    return keep
