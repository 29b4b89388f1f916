"""How rows are encoded: the stored record, statement sort keys, speaker search terms.

Record
    ``documents.record`` holds the record JSON without its text and without the texts
    of its spans that are slices of the text, compressed (deflate with a preset dictionary of
    what records share: 14% smaller on held-out records; zlib streams of older stores are
    read too); the text is
    ``documents.text`` (compressed too on SQLite, whose full-text tables hold no copy;
    plain on PostgreSQL, whose ``tsvector`` is computed from it).  :func:`decode_record`
    gives back the record exactly as it was put (same keys, same order, same values),
    except that a ``content`` put in an older shape is read in today's one shape.

Statement ids are sort keys
    A statement's id orders the archive the way listings do: publication date newest
    first, then document id, then position in the document (undated statements last)::

        id = day << 43 | (DOC_MAX - doc_id) << 13 | (IDX_MAX - position)

    ``day`` is the publication date's proleptic ordinal (0 when undated), so a date range
    is an id range; ``position`` ranks the document's statements by start offset.  Reading
    any index of statements backwards by id gives newest first, exactly, and stops after
    one page; oldest first is exact between days and fixed within the last day read.
    A document id must be below 2**30 and a document may hold up to 8,192 statements.

Speaker terms
    The case-folded words of a speaker's name and aliases and the parts of its id; a
    speaker filter looks up its longest word among them (:func:`filter_terms`) and then
    applies the whole-word test of :func:`onrecord.store.query.speaker_matcher`.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import re
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from onrecord.errors import StoreError
from onrecord.model import content_shape
from onrecord.text import slug

DAY_SHIFT = 43
DOC_BITS = 30
IDX_BITS = 13
DOC_MAX = (1 << DOC_BITS) - 1
IDX_MAX = (1 << IDX_BITS) - 1
LOW_MASK = (1 << DAY_SHIFT) - 1
DAY_MAX = (1 << (63 - DAY_SHIFT)) - 1  # 2870-12-31
DATED_MIN = 1 << DAY_SHIFT  # the first id of a dated statement

_WORD = re.compile(r"\w+", re.UNICODE)


# --------------------------------------------------------------------- record

_SLICE = -1  # stands for a span's "text" that is the record text's own slice


def _spans(rec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The span objects of a record whose ``text`` may repeat the record text: content,
    cue and source of attributions, speaker mentions, rejected quotations."""
    for a in rec.get("attributions") or ():
        if not isinstance(a, dict):
            continue
        for k in ("content", "cue", "source"):
            v = a.get(k)
            if isinstance(v, dict):
                yield v
                for sp in v.get("spans") or ():
                    yield sp
    for s in rec.get("speakers") or ():
        if isinstance(s, dict):
            yield from s.get("mentions") or ()
    yield from rec.get("rejected_quotations") or ()


def _strip_spans(rec: dict[str, Any], text: str) -> list[tuple[dict[str, Any], str]]:
    """Set the span texts of ``rec`` that are slices of ``text`` to ``_SLICE`` (in place);
    returns what to put back."""
    undo = []
    for sp in _spans(rec):
        if isinstance(sp, dict):
            t = sp.get("text")
            if isinstance(t, str):
                st, en = sp.get("start"), sp.get("end")
                if isinstance(st, int) and isinstance(en, int) and t == text[st:en]:
                    sp["text"] = _SLICE
                    undo.append((sp, t))
    return undo


def _restore_spans(rec: dict[str, Any], text: str) -> dict[str, Any]:
    for sp in _spans(rec):
        if isinstance(sp, dict) and sp.get("text") == _SLICE and isinstance(sp.get("start"), int):
            sp["text"] = text[sp["start"]:sp["end"]]
    return rec


def encode_record(rec: dict[str, Any]) -> bytes:
    """The record without its text and without the span texts that are slices of it,
    as compressed JSON (the text is stored on its own: :func:`pack_text`)."""
    text = rec["text"] if isinstance(rec.get("text"), str) else ""
    undo = _strip_spans(rec, text)
    try:
        body = json.dumps(dict(rec, text=""), ensure_ascii=False, separators=(",", ":"))
    finally:
        for sp, t in undo:
            sp["text"] = t
    return _pack(body.encode("utf-8"), _RECORD)


# Compressed with a preset dictionary (``data/zdict.json``, made by
# scripts/build_store_zdict.py): a mark byte, then raw deflate.  A zlib stream (what stores
# written before hold) starts with 0x78, never with a mark.
_RECORD, _TEXT = 1, 2


@functools.lru_cache(maxsize=1)
def _zdicts() -> dict[int, bytes]:
    data = json.loads((Path(__file__).parent / "data" / "zdict.json").read_text(encoding="utf-8"))
    return {_RECORD: data["record"].encode("utf-8"), _TEXT: data["text"].encode("utf-8")}


@functools.lru_cache(maxsize=2)
def _primed(mark: int) -> "zlib._Compress":
    """A compressor with the preset dictionary loaded; each use copies it (loading the
    dictionary costs as much as compressing a record; the output is the same)."""
    return zlib.compressobj(6, zlib.DEFLATED, -15, 9, zdict=_zdicts()[mark])


def _pack(data: bytes, mark: int) -> bytes:
    c = _primed(mark).copy()
    return bytes((mark,)) + c.compress(data) + c.flush()


def unpack_bytes(blob: bytes) -> bytes:
    """Stored bytes (packed with a dictionary, or a zlib stream of an older store), unpacked."""
    if blob[:1] in (b"\x01", b"\x02"):
        d = zlib.decompressobj(-15, zdict=_zdicts()[blob[0]])
        return d.decompress(blob[1:]) + d.flush()
    return zlib.decompress(blob)


def decode_record(blob: Any, text: Any) -> dict[str, Any]:
    """The record stored as ``blob`` with its ``text`` (as stored) put back; a content
    stored in an older shape is read in the one shape of today (:func:`content_of`)."""
    if isinstance(blob, memoryview):
        blob = blob.tobytes()
    if isinstance(blob, str):  # a layout-1 row: plain JSON with its text
        rec: dict[str, Any] = json.loads(blob)
        return _one_content_shape(rec)
    text = unpack_text(text)
    rec = json.loads(unpack_bytes(blob).decode("utf-8"))
    if "text" in rec:
        rec["text"] = text
    return _one_content_shape(_restore_spans(rec, text))


def _one_content_shape(rec: dict[str, Any]) -> dict[str, Any]:
    text = rec.get("text") if isinstance(rec.get("text"), str) else None
    for a in rec.get("attributions") or ():
        if isinstance(a, dict) and isinstance(a.get("content"), dict) \
                and not {"start", "end", "spans"} <= a["content"].keys():
            a["content"] = content_of(a["content"], text)
    return rec


def content_of(c: Any, text: Optional[str] = None) -> Any:
    """A stored or older record's ``content`` (``{start, end, text}`` or ``{spans}``) in
    the one shape; anything that is no content object is returned as it is."""
    if not isinstance(c, dict):
        return c
    spans = c.get("spans") if "spans" in c else [c]
    if not (isinstance(spans, list) and spans and all(
            isinstance(s, dict) and isinstance(s.get("start"), int)
            and isinstance(s.get("end"), int) for s in spans)):
        return c
    parts = [{k: s[k] for k in ("start", "end", "text") if k in s} for s in spans]
    if text is not None:
        for p in parts:
            if 0 <= p["start"] <= p["end"] <= len(text):
                p["text"] = text[p["start"]:p["end"]]
    return content_shape(parts, text if text is not None and
                         max(p["end"] for p in parts) <= len(text) else None)


def pack_text(text: str) -> bytes:
    """The article text, compressed (SQLite; the full-text index holds no copy of it)."""
    return _pack(text.encode("utf-8"), _TEXT)


def unpack_text(value: Any) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return unpack_bytes(value).decode("utf-8")
    return str(value)


# ------------------------------------------------------------------ sort keys

def day_of(published: Optional[str]) -> int:
    """The day number of a publication date (0: undated).  ``YYYY-MM-DD`` (anything after
    it is ignored), ``YYYY-MM`` and ``YYYY`` count from the first day of the period; a
    value that is no date counts as undated."""
    if not published:
        return 0
    p = published.strip()
    for n, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        try:
            d = _dt.datetime.strptime(p[:n], fmt).date()
        except ValueError:
            continue
        return min(d.toordinal(), DAY_MAX)
    return 0


def day_range(since: Optional[str], until: Optional[str]) -> tuple[Optional[int], Optional[int]]:
    """The id range ``[lo, hi]`` of statements published in ``[since, until]`` (ISO days)."""
    lo = hi = None
    if since:
        lo = day_of(since) << DAY_SHIFT
    if until:
        hi = ((day_of(until) + 1) << DAY_SHIFT) - 1
    return lo, hi


def statement_key(day: int, doc_id: int, position: int) -> int:
    if not 0 < doc_id <= DOC_MAX:
        raise StoreError(f"document id {doc_id} is out of the store's range (1 to {DOC_MAX:,})")
    if not 0 <= position <= IDX_MAX:
        raise StoreError(f"a document holds more than {IDX_MAX + 1:,} statements; the store "
                         "cannot keep them all")
    return (day << DAY_SHIFT) | ((DOC_MAX - doc_id) << IDX_BITS) | (IDX_MAX - position)


def day_bounds(key: int) -> tuple[int, int]:
    """The first and last id of the day ``key`` falls on."""
    day = key >> DAY_SHIFT
    return day << DAY_SHIFT, ((day + 1) << DAY_SHIFT) - 1


def oldest_first_order(key: int) -> tuple[int, int]:
    """A Python sort key giving oldest first: day ascending, then document and position."""
    return (key >> DAY_SHIFT, LOW_MASK - (key & LOW_MASK))


# ---------------------------------------------------------------- speaker terms

def speaker_terms(sid: str, name: Optional[str], aliases: Iterable[str]) -> set[str]:
    terms = set(sid.split("-")) | {sid}
    for n in [name or ""] + list(aliases or []):
        terms.update(_WORD.findall(n.casefold()))
    terms.discard("")
    return terms


def filter_terms(name: str) -> list[str]:
    """Terms one of which every speaker the filter ``name`` matches has (see module doc)."""
    out = [name]
    words = _WORD.findall(" ".join((name or "").casefold().split()))
    if words:
        out.append(max(words, key=len))
    parts = [p for p in slug(name, empty="").split("-") if p]
    if parts:
        out.append(max(parts, key=len))
    return out
