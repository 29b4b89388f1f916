"""Provenance of a quotation: every passage of other documents that carries its words.

Decides, for each direct or mixed quotation of the store (or a text given by the user), its
answer: ``matched`` (with every matching passage, its document, speaker and date, and a
fidelity class for each), ``no-match`` (its words appear in no other document), or
``too-short`` (fewer than four words: too common to trace).  The fidelity class of a match
is its wording class from :mod:`onrecord.provenance.align` — ``verbatim``, ``trimmed``,
``elided``, ``altered`` — or ``misattributed`` when the words match (not ``altered``) but the
passage's speaker is another person.  The *primary source* is the earliest matching passage
in a document marked primary or recognised as a transcript (the quotation's own document when
it is one); the *earliest appearance* is the earliest dated of the quotation and its matches.
The quotation's *verdict* is the class of its primary match (the one of the same speaker
with most words aligned), else of its best match.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Iterator, Optional

from onrecord.provenance import index
from onrecord.provenance.align import MIN_WORDS, align, passage_tokens, quote_segments, same_speaker
from onrecord.store.listing import fill_content

QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|«([^«»]+)»|‘([^‘’]{12,})’")
JOIN = "\x1f"   # between the parts of a quotation split by its cue ("…," she said, "…")
GENERIC_LABELS = {"q", "a", "question", "answer", "audience", "candidates", "unidentified male",
                  "unidentified female", "unidentified"}
CLASSES = ("verbatim", "trimmed", "elided", "altered", "misattributed")


def quotation_parts(content: str, kind: str) -> list[str]:
    """The quoted words of a statement's content (joined by the store with " … "): the text
    inside quote marks; for a direct statement without marks (a transcript turn, a block
    quotation), the content itself."""
    parts = [next(g for g in m.groups() if g is not None) for m in QUOTED.finditer(content)]
    parts = [p for p in (p.strip() for p in parts) if p]
    if parts:
        return parts
    if kind == "direct":
        lone = re.match(r"^\s*[“\"«](.+)$", content, re.S)  # a paragraph opening a long quotation
        body = lone.group(1) if lone else content
        return [p for p in (p.strip() for p in body.split(" … ")) if p]
    return []


@dataclass
class Match:
    statement_id: int
    doc_id: int
    doc_title: Optional[str]
    doc_key: Optional[str]
    speaker_id: Optional[str]
    speaker_name: Optional[str]
    published: Optional[str]
    passage: str                  # the passage's words that align with the quotation
    passage_start: int            # offsets of those words in the statement's content
    passage_end: int
    content: str                  # the whole passage (the statement's content)
    fidelity: str                 # verbatim | trimmed | elided | altered | misattributed
    wording: str                  # the class of the words alone
    same_speaker: Optional[bool]
    primary: bool                 # the passage's document is primary or a transcript
    share: float                  # of the quotation's words aligned
    diff: list[dict] = field(default_factory=list)
    turn: bool = False            # the passage is a transcript turn (its speaker is the label's)


@dataclass
class Provenance:
    status: str                   # matched | no-match | too-short
    quotation: str
    statement_id: Optional[int] = None
    doc_id: Optional[int] = None
    doc_title: Optional[str] = None
    speaker_id: Optional[str] = None
    speaker_name: Optional[str] = None
    published: Optional[str] = None
    kind: Optional[str] = None
    verdict: Optional[str] = None          # the fidelity of the primary (else best) match
    primary: Optional[Match] = None
    primary_is_self: bool = False          # the quotation is itself in a primary source
    earliest: Optional[dict] = None        # {"doc_id", "statement_id", "published"}
    matches: list[Match] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def passage_speaker(row: dict) -> Optional[str]:
    """Who speaks a passage: its resolved speaker, except a transcript turn whose label names
    somebody else (the label is what the transcript says: "TODD:" resolved to "Chuck")."""
    name = row.get("speaker_name")
    label = row.get("source_text") or ""
    if row.get("cue_text") == ":" and row.get("is_transcript") and label.strip():
        if same_speaker(label, name) is not True and label.strip().lower() not in GENERIC_LABELS:
            return label
    return name


def _diff(ops) -> list[dict]:
    return [{"op": o.op, "quote": o.quote, "source": o.source} for o in ops]


def trace_text(store, parts: list[str], speaker_name: Optional[str] = None,
               exclude_doc: Optional[int] = None, limit: int = index.MAX_CANDIDATES) -> Provenance:
    """Provenance of quoted words (one or more parts of one quotation)."""
    text = JOIN.join(parts)
    parsed = quote_segments(text)
    segments = parsed[0]
    words = [t.norm for s in segments for t in s]
    shown = " … ".join(parts)
    if len(words) < MIN_WORDS:
        return Provenance("too-short", shown, speaker_name=speaker_name)
    grams: set[int] = set()
    for seg in segments:
        grams |= index.shingles([t.norm for t in seg])
    need = 1 if len(grams) <= 5 else 2
    matches: list[Match] = []
    for row in index.candidates(store, grams, exclude_doc=exclude_doc, min_shared=need, limit=limit):
        content = row["content"] or ""
        a = align(text, content, passage_tokens(content), prefilter=True, parsed=parsed)
        if a is None or not a.is_match:
            continue
        same = same_speaker(speaker_name, passage_speaker(row))
        wording = a.wording
        fidelity = "misattributed" if same is False and wording != "altered" else wording
        matches.append(Match(int(row["id"]), int(row["doc_id"]), row["doc_title"], row["doc_key"],
                             row["speaker_id"], row["speaker_name"], row["published"],
                             content[a.start:a.end], a.start, a.end, content, fidelity, wording,
                             same, bool(row["is_primary"] or row["is_transcript"]),
                             round(a.share, 3), _diff(a.ops),
                             bool(row["cue_text"] == ":" and row["is_transcript"])))
    matches.sort(key=lambda m: (m.published or "9999", m.doc_id, m.statement_id))
    prov = Provenance("matched" if matches else "no-match", shown, speaker_name=speaker_name,
                      matches=matches)
    prims = [m for m in matches if m.primary]
    if prims:
        best = max(prims, key=lambda m: (m.turn, m.same_speaker is not False, m.share,
                                         m.wording != "altered", -(int(m.published is None))))
        prov.primary = best
    if matches:
        pick = prov.primary or max(matches, key=lambda m: (m.same_speaker is not False, m.share))
        prov.verdict = pick.fidelity
    return prov


def trace_statement(store, stmt_id: int, limit: int = index.MAX_CANDIDATES) -> Optional[Provenance]:
    """Provenance of one stored statement (None when there is no such statement)."""
    row = store.dialect.query_one(
        "SELECT s.id, s.doc_id, s.kind, s.speaker_id, s.speaker_name, s.content, s.start_offset, "
        "s.end_offset, d.published, d.title AS doc_title FROM statements s "
        "JOIN documents d ON d.id = s.doc_id WHERE s.id = ?", (int(stmt_id),))
    if row is None:
        return None
    fill_content(store.dialect, [row])
    return _trace_row(store, row, limit)


def _trace_row(store, row: dict, limit: int = index.MAX_CANDIDATES) -> Provenance:
    parts = quotation_parts(row["content"] or "", row["kind"])
    if row["kind"] not in ("direct", "mixed") or not parts:
        prov = Provenance("too-short" if row["kind"] in ("direct", "mixed") else "not-a-quotation",
                          row["content"] or "")
    else:
        prov = trace_text(store, parts, row["speaker_name"], exclude_doc=int(row["doc_id"]), limit=limit)
    prov.statement_id, prov.doc_id = int(row["id"]), int(row["doc_id"])
    prov.doc_title, prov.kind = row.get("doc_title"), row["kind"]
    prov.speaker_id, prov.speaker_name, prov.published = (row["speaker_id"], row["speaker_name"],
                                                          row["published"])
    flags = index.document_flags(store, prov.doc_id)
    if flags["is_primary"] or flags["is_transcript"]:
        prov.primary_is_self = True
    dated = [(prov.published, prov.doc_id, prov.statement_id)] + [
        (m.published, m.doc_id, m.statement_id) for m in prov.matches]
    first = min(dated, key=lambda t: (t[0] or "9999", t[1], t[2]))
    prov.earliest = {"published": first[0], "doc_id": first[1], "statement_id": first[2]}
    return prov


def trace_all(store, limit: int = index.MAX_CANDIDATES, batch: int = 2000) -> Iterator[Provenance]:
    """Provenance of every direct and mixed quotation of the store, in statement order."""
    last = 0
    while True:
        rows = store.dialect.query(
            "SELECT s.id, s.doc_id, s.kind, s.speaker_id, s.speaker_name, s.content, s.start_offset, "
            "s.end_offset, d.published, d.title AS doc_title FROM statements s "
            "JOIN documents d ON d.id = s.doc_id "
            "WHERE s.id > ? AND s.kind IN ('direct', 'mixed') ORDER BY s.id LIMIT ?", (last, batch))
        if not rows:
            return
        fill_content(store.dialect, rows)
        for r in rows:
            yield _trace_row(store, r, limit)
        last = int(rows[-1]["id"])


def pair_rows(prov: Provenance) -> Iterator[dict]:
    """One flat row per quotation–match pair (one row with empty match fields when none)."""
    base = {"statement_id": prov.statement_id, "doc_id": prov.doc_id, "doc_title": prov.doc_title,
            "speaker": prov.speaker_name, "published": prov.published, "kind": prov.kind,
            "quotation": prov.quotation, "status": prov.status, "verdict": prov.verdict,
            "primary_is_self": prov.primary_is_self,
            "earliest_doc_id": (prov.earliest or {}).get("doc_id"),
            "earliest_published": (prov.earliest or {}).get("published")}
    if not prov.matches:
        yield dict(base, match_statement_id=None, match_doc_id=None, match_doc_title=None,
                   match_speaker=None, match_published=None, match_text=None, fidelity=None,
                   wording=None, is_primary_source=None, diff=None)
        return
    for m in prov.matches:
        changed = "; ".join(f"{d['op']}: {d['quote']!r} / {d['source']!r}" for d in m.diff
                            if d["op"] != "equal")
        yield dict(base, match_statement_id=m.statement_id, match_doc_id=m.doc_id,
                   match_doc_title=m.doc_title, match_speaker=m.speaker_name,
                   match_published=m.published, match_text=m.passage, fidelity=m.fidelity,
                   wording=m.wording, is_primary_source=m.primary, diff=changed)
