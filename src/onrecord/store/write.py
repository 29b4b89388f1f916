"""Writing the archive: one record in, its rows and every count that depends on them.

:func:`put` stores a record (new, replaced or unchanged), :func:`remove_contents` takes a
document's rows out again.  Both keep, in the same transaction, what the read side
takes for granted instead of recomputing per request: each speaker's statement and
document counts, statements per month (``speaker_months``), role counts (``speaker_roles``), who-talks-about-whom counts
(``speaker_links``), each document-speaker's statement count, the speaker search terms
and the archive totals.  Statement ids are sort keys (:mod:`onrecord.store.codec`).

A record is written in two steps: :func:`prepare` checks it and computes its rows
without reading the archive (so a bulk load runs it in other processes,
:mod:`onrecord.store.bulk`), :func:`apply` writes them in.  People named by surname alone
are linked across documents when written (:mod:`onrecord.store.people`).
"""
from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from onrecord.errors import StoreError
from onrecord.model import Record
from onrecord.store import codec, events, whom
from onrecord.store.check import well_formed
from onrecord.store.dialect import Dialect
from onrecord.store.merge import Merge
from onrecord.store.people import link_people, recount_speaker, remap_refs


def document_key(rec: dict[str, Any], key: Optional[str] = None) -> str:
    """What identifies a document across runs: URL, else absolute path, else hash."""
    from pathlib import Path

    if key:
        return key
    src = rec.get("source") or {}
    if src.get("url"):
        return str(src["url"])
    if src.get("path"):
        return str(Path(src["path"]).expanduser().resolve())
    if src.get("sha256"):
        return "sha256:" + str(src["sha256"])
    raise StoreError("a record without source url, path or sha256 needs an explicit key")


def check_record(rec: Any) -> dict[str, Any]:
    """The record as a dict, or a :class:`StoreError` saying what is wrong with it."""
    if not isinstance(rec, dict):
        raise StoreError(f"a record must be a JSON object, not {type(rec).__name__}")
    if not isinstance(rec.get("text"), str):
        raise StoreError("a record needs its text (a string in \"text\")")
    for field in ("source", "document"):
        if rec.get(field) is not None and not isinstance(rec[field], dict):
            raise StoreError(f"the record's {field!r} must be an object")
    for field in ("speakers", "attributions", "events"):
        v = rec.get(field)
        if v is not None and not (isinstance(v, list) and all(isinstance(x, dict) for x in v)):
            raise StoreError(f"the record's {field!r} must be a list of objects")
    n = len(rec["text"])
    for a in rec.get("attributions") or []:
        spans = _content_spans(a)
        if not spans or not all(isinstance(s, dict) and isinstance(s.get("start"), int)
                                and isinstance(s.get("end"), int) and 0 <= s["start"] <= s["end"] <= n
                                for s in spans):
            raise StoreError(f"attribution {a.get('id')!r} has no content span inside the text")
    if well_formed(rec):  # (a record onrecord wrote: not built again to be checked)
        return rec
    try:
        Record.from_dict(rec)   # the rest of the shape: spans, speakers, kinds, voices
    except ValueError as e:
        raise StoreError(f"not a record: {e}") from None
    return rec


def _content_spans(att: dict[str, Any]) -> list[dict[str, Any]]:
    c = att.get("content") or {}
    return c["spans"] if isinstance(c, dict) and "spans" in c else [c]


@dataclass
class Prepared:
    """A record made ready for the store without reading it: everything but what depends on
    the archive (its document id, speakers already known, surname links).  Made by
    :func:`prepare`, in another process when loading in bulk; written by :func:`apply`."""
    key: str
    sha: str
    doc: tuple[Any, ...]   # path, url, title, author, published
    text: str
    packed_text: Any
    blob: bytes
    speakers: dict[str, dict[str, Any]]  # id, name, type, role, aliases, n_mentions
    n_stated: int
    rows: "StatementRows"
    events: list[tuple[Any, ...]]  # document id 0: set when written
    rec: Optional[dict[str, Any]] = None  # kept when made here (else decoded from blob on need)


def prepare(rec: dict[str, Any], key: Optional[str] = None, slices_content: bool = False,
            pack_text: bool = False, keep: bool = True) -> Prepared:
    """Check a record and compute its rows (see :class:`Prepared`); ``slices_content`` and
    ``pack_text`` are the dialect's (SQLite: True)."""
    rec = check_record(rec)
    key = document_key(rec, key)
    src = rec.get("source") or {}
    sha = src.get("sha256") or hashlib.sha256(rec["text"].encode("utf-8")).hexdigest()
    speakers = _speakers_of(rec)
    stated = _stated(rec)
    doc = rec.get("document") or {}
    published = doc.get("published")
    text = rec["text"]
    return Prepared(
        key, sha, (src.get("path"), src.get("url"), doc.get("title"), doc.get("author"), published),
        text, codec.pack_text(text) if pack_text else text, codec.encode_record(rec),
        {k: {"id": k, "name": v.get("name"), "type": v.get("type"), "role": v.get("role"),
             "aliases": v.get("aliases"), "n_mentions": len(v.get("mentions") or [])}
         for k, v in speakers.items()},
        len(stated), statement_rows(rec, stated, speakers, published, slices_content),
        events.event_rows(0, key, rec), rec if keep else None)


def _stated(rec: dict[str, Any]) -> list[dict[str, Any]]:
    # a negated or refused report ("has not said …") is no statement of its source:
    # it stays in the document's record, never in search, export or a speaker's page
    return [a for a in rec.get("attributions") or [] if not a.get("negated")]


def _speakers_of(rec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    speakers = {s["id"]: s for s in rec.get("speakers") or [] if s.get("id")}
    for a in rec.get("attributions") or []:  # speakers only named in attributions (or targets)
        for ref in (a.get("speaker"), a.get("addressee"), a.get("relayed_by"),
                    *(a.get("targets") or [])):
            if ref and ref.get("id") and ref["id"] not in speakers:
                speakers[ref["id"]] = {"id": ref["id"], "name": ref.get("name") or ref["id"],
                                       "type": "unknown", "role": None, "aliases": [],
                                       "mentions": []}
    return speakers


def put(d: Dialect, rec: dict[str, Any], key: Optional[str] = None, doc_id: Optional[int] = None,
        ingested_at: Optional[str] = None) -> tuple[str, int]:
    """Store one record (the caller's transaction, or one of its own); see ``Store.put``."""
    return apply(d, prepare(rec, key, d.slices_content, d.name == "sqlite"), doc_id, ingested_at)


_LOOKUP: Any = object()
DOC_COLUMNS = ("sha256", "path", "url", "title", "author", "published", "ingested_at",
               "n_statements", "n_speakers", "text", "record", "key", "id")


def apply(d: Dialect, p: Prepared, doc_id: Optional[int] = None,
          ingested_at: Optional[str] = None, known: Any = _LOOKUP) -> tuple[str, int]:
    """Write a prepared record: new, replaced, or unchanged (same hash and date).
    ``known``: the document's row (id, sha256, published) or None, as a bulk load read it
    for its whole batch; a new document then takes ``doc_id`` and its row is put off with
    the rest of its rows (:meth:`Dialect.insert_rows`)."""
    published = p.doc[4]
    with d.transaction():
        row = d.query_one("SELECT id, sha256, published FROM documents WHERE key = ?",
                          (p.key,)) if known is _LOOKUP else known
        # the same input re-dated (its author profile changed) is no unchanged document
        if row and row["sha256"] == p.sha and row["published"] == published:
            return "unchanged", int(row["id"])
        now = ingested_at or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
        speakers, n_stated, rows = p.speakers, p.n_stated, p.rows
        merged: list[tuple[str, str]] = []
        remap = link_people(d, speakers, merged)
        if remap:  # rows made again with the archive's ids (rare: a surname-only speaker)
            rec = p.rec if p.rec is not None else codec.decode_record(p.blob, p.packed_text)
            speakers = {remap.get(k, k): dict(v, id=remap.get(k, k))
                        for k, v in _speakers_of(rec).items()}
            stated = [remap_refs(a, remap) for a in _stated(rec)]
            rows = statement_rows(rec, stated, speakers, published, d.slices_content)
        title = p.doc[2]
        values = (p.sha,) + p.doc + (now, n_stated, len(speakers), p.packed_text,
                                     d.blob(p.blob))
        if row:
            doc_id = int(row["id"])
            if d.indexes_off:  # (a bulk load that left them: its rows are read by them)
                from onrecord.store.bulk import build_indexes
                d.flush()
                build_indexes(d)
            remove_contents(d, doc_id)
            d.execute("UPDATE documents SET sha256 = ?, path = ?, url = ?, title = ?, "
                      "author = ?, published = ?, ingested_at = ?, n_statements = ?, "
                      "n_speakers = ?, text = ?, record = ? WHERE id = ?", values + (doc_id,))
            status = "replaced"
        else:
            if doc_id is None:
                r = d.query_row("INSERT INTO documents (sha256, path, url, title, author, "
                                "published, ingested_at, n_statements, n_speakers, text, record, "
                                "key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                values + (p.key,))
                doc_id = int(r["id"])
            else:
                d.insert_rows("documents", DOC_COLUMNS, [values + (p.key, doc_id)])
            status = "ingested"
            _add_totals(d, documents=1)
        if doc_id > codec.DOC_MAX:
            raise StoreError(f"document id {doc_id} is out of the store's range")
        d.index_document(doc_id, title or "", p.text)
        per_speaker = _put_statements(d, doc_id, rows, published)
        events.put_rows(d, [(doc_id,) + r[1:] for r in p.events])
        _put_speakers(d, doc_id, speakers, per_speaker, published)
        if merged:  # counts of merged speakers, from their rows (merges are rare)
            d.flush()
            for old_id, new_id in merged:
                recount_speaker(d, new_id, also=(old_id,))
            n = d.query_row("SELECT COUNT(*) AS n FROM speakers WHERE n_documents > 0")["n"]
            d.execute("UPDATE totals SET speakers = ? WHERE id = 1", (int(n),))
    return status, doc_id


def _add_totals(d: Dialect, documents: int = 0, statements: int = 0, speakers: int = 0) -> None:
    if d.deferred is not None:  # a bulk load: added up, written by d.flush()
        t = d.deferred_totals
        t[0], t[1], t[2] = t[0] + documents, t[1] + statements, t[2] + speakers
    elif documents or statements or speakers:
        d.execute("UPDATE totals SET documents = documents + ?, statements = statements + ?, "
                  "speakers = speakers + ? WHERE id = 1", (documents, statements, speakers))


# rows of one key to a counter, put off in a bulk load, are written as one (Dialect.add_rows)
_BY_ID = Merge(1, sums=(6, 7))  # speakers: n_statements, n_documents added; the rest the last's
_PAIR = Merge(2)  # speaker_terms: a pair once
_PAIR_COUNT = Merge(2, sums=(2,))  # speaker_months, speaker_roles, speaker_links: n added


def _chunks(seq: list[Any], n: int = 500) -> Iterator[list[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _put_speakers(d: Dialect, doc_id: int, speakers: dict[str, dict[str, Any]],
                  per_speaker: Counter[Any], published: Optional[str]) -> None:
    if not speakers:
        return
    d.add_rows(
        "INSERT INTO doc_speakers (doc_id, speaker_id, role, n_mentions, n_statements, "
        "published) VALUES (?, ?, ?, ?, ?, ?)",
        [(doc_id, sid, s.get("role"), s.get("n_mentions", len(s.get("mentions") or [])),
          per_speaker.get(sid, 0), published)
         for sid, s in speakers.items()])
    # what the archive knows of them: read, or kept from earlier writes of this load
    cache = d.speaker_cache if d.speaker_cache is not None else {}
    old: dict[str, dict[str, Any]] = {sid: cache[sid] for sid in speakers if sid in cache}
    missing = [sid for sid in speakers if sid not in old]
    for chunk in _chunks(missing):
        for r in d.query("SELECT id, name, type, role, aliases, n_documents FROM speakers "
                         f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
            old[r["id"]] = dict(r, aliases=json.loads(r["aliases"] or "[]"))
    upserts, terms, roles = [], [], []
    new_speakers = 0
    for sid, s in speakers.items():
        name = s.get("name") or sid
        stype = s.get("type") or "unknown"
        role = s.get("role")
        aliases = list(s.get("aliases") or [])
        o = old.get(sid)
        if o:
            if stype == "unknown" and o["type"]:
                stype = o["type"]
            role = role or o["role"]
            for a in o["aliases"]:
                if a not in aliases:
                    aliases.append(a)
            if o["name"] != name and o["name"] not in aliases:
                aliases.append(o["name"])
        aliases = [a for a in aliases if a != name]
        if not o or not o["n_documents"]:
            new_speakers += 1
        if not o or o["name"] != name or o["aliases"] != aliases:
            terms += [(t, sid) for t in sorted(codec.speaker_terms(sid, name, aliases))]
        upserts.append((sid, name, stype, role,
                        json.dumps(aliases, ensure_ascii=False) if aliases else "[]",
                        sid[::-1], per_speaker.get(sid, 0), 1))
        if d.persons is not None:
            d.persons.add(sid) if stype == "person" else d.persons.discard(sid)
        if d.speaker_cache is not None:
            d.speaker_cache[sid] = {"name": name, "type": stype, "role": role,
                                    "aliases": aliases,
                                    "n_documents": (o["n_documents"] if o else 0) + 1}
        if s.get("role"):
            roles.append((sid, s["role"], 1))
    d.add_rows(
        "INSERT INTO speakers (id, name, type, role, aliases, id_rev, n_statements, n_documents) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
        "type = excluded.type, role = excluded.role, aliases = excluded.aliases, "
        "n_statements = speakers.n_statements + excluded.n_statements, "
        "n_documents = speakers.n_documents + excluded.n_documents", upserts, _BY_ID)
    if terms:
        d.add_rows("INSERT INTO speaker_terms (term, speaker_id) VALUES (?, ?) "
                   "ON CONFLICT DO NOTHING", terms, _PAIR)
    if roles:
        d.add_rows("INSERT INTO speaker_roles (speaker_id, role, n) VALUES (?, ?, ?) "
                   "ON CONFLICT (speaker_id, role) DO UPDATE SET n = speaker_roles.n + excluded.n",
                   roles, _PAIR_COUNT)
    months = [(sid, month_of(published), n) for sid, n in sorted(per_speaker.items()) if n]
    if months:
        d.add_rows("INSERT INTO speaker_months (speaker_id, month, n) VALUES (?, ?, ?) "
                      "ON CONFLICT (speaker_id, month) DO UPDATE SET n = speaker_months.n + "
                   "excluded.n", months, _PAIR_COUNT)
    _add_totals(d, speakers=new_speakers)


def month_of(published: Optional[str]) -> str:
    """The ``speaker_months`` month of a publication date (``YYYY-MM``; '' undated)."""
    return (published or "")[:7]


@dataclass
class StatementRows:
    """A document's statement rows and what they add to the counts, made with document id
    ``DOC_MAX`` (:func:`statement_rows`); :meth:`at` sets them for the real id.  Rows are
    lists, set in place: a new tuple per row cost a bulk load's writing process a tenth
    of its time."""
    rows: list[list[Any]]
    fts: list[list[Any]]
    targets: list[list[Any]]
    whom: list[list[Any]]
    about: list[list[Any]]
    per_speaker: Counter[Any]
    links: Counter[Any]
    doc_id: int = codec.DOC_MAX  # the document id the rows are made for

    def at(self, doc_id: int) -> "StatementRows":
        codec.statement_key(0, doc_id, 0)  # (the range check)
        off = (self.doc_id - doc_id) << codec.IDX_BITS  # a statement id's document field
        if off:
            for r in self.rows:
                r[0] += off
                r[1] = doc_id
            for table in (self.fts, self.targets, self.whom, self.about):
                for r in table:
                    r[0] += off
            self.doc_id = doc_id
        return self


def _put_statements(d: Dialect, doc_id: int, prepared: StatementRows,
                    published: Optional[str]) -> Counter[Any]:
    """Insert the statements, their index entries and targets; the statements per speaker."""
    r = prepared.at(doc_id)
    rows = r.rows
    if rows:
        # in ascending id (the table's order; a document's ids fall with its positions): the
        # B-tree then fills its pages instead of splitting them half-empty (half the size)
        d.insert_rows("statements", ("id", "doc_id", "attr_id", "kind", "speaker_id",
                                     "speaker_name", "source_text", "cue_text", "content",
                                     "start_offset", "end_offset", "addressee_id",
                                     "relayed_by_id", "confidence"), rows[::-1])
        d.index_statements(r.fts[::-1])
    if r.targets:
        d.insert_rows("statement_targets", ("statement_id", "speaker_id", "relation"),
                      sorted(r.targets))
    whom.put_rows(d, r.whom, r.about, published, rows)
    if r.links:
        d.add_rows("INSERT INTO speaker_links (speaker_id, target_id, n) VALUES (?, ?, ?) "
                      "ON CONFLICT (speaker_id, target_id) DO UPDATE SET "
                      "n = speaker_links.n + excluded.n",
                   [(s, t, n) for (s, t), n in sorted(r.links.items())], _PAIR_COUNT)
    _add_totals(d, statements=len(rows))
    return r.per_speaker


def statement_rows(rec: dict[str, Any], atts: list[dict[str, Any]],
                   speakers: dict[str, dict[str, Any]], published: Optional[str],
                   slices_content: bool) -> StatementRows:
    """The statement rows of a record's stated attributions (see :class:`StatementRows`)."""
    doc_id = codec.DOC_MAX
    text = rec["text"]
    day = codec.day_of(published)
    events_by_att: dict[str, list[dict[str, Any]]] = {}
    for ev in rec.get("events") or []:
        if ev.get("attribution"):
            events_by_att.setdefault(ev["attribution"], []).append(ev)
    mentions = sorted((m["start"], m["end"], other_id) for other_id, other in speakers.items()
                      for m in other.get("mentions") or []
                      if isinstance(m.get("start"), int) and isinstance(m.get("end"), int))
    starts = [m[0] for m in mentions]
    prepared = []
    for n, a in enumerate(atts):
        spans = _content_spans(a)
        prepared.append((min(s["start"] for s in spans), n, a, spans))
    prepared.sort(key=lambda x: (x[0], x[1]))
    rows: list[list[Any]] = []
    fts: list[list[Any]] = []
    targets_rows: list[list[Any]] = []
    whom_rows: list[list[Any]] = []
    about_rows: list[list[Any]] = []
    per_speaker: Counter[Any] = Counter()
    links: Counter[Any] = Counter()
    for position, (start, _, a, spans) in enumerate(prepared):
        content = " … ".join(text[s["start"]:s["end"]] for s in spans)
        end = max(s["end"] for s in spans)
        spk = a.get("speaker") or {}
        sid = codec.statement_key(day, doc_id, position)
        # on SQLite a one-span content is not stored: it is the text's slice start:end
        stored = None if slices_content and len(spans) == 1 else content
        rows.append([sid, doc_id, a.get("id") or "", a.get("kind") or "indirect", spk.get("id"),
                     spk.get("name"), (a.get("source") or {}).get("text"),
                     (a.get("cue") or {}).get("text"), stored, start, end,
                     (a.get("addressee") or {}).get("id"), (a.get("relayed_by") or {}).get("id"),
                     a.get("confidence")])
        fts.append([sid, content])
        w_row, about = whom.whom_rows(sid, a)
        if w_row:
            whom_rows.append(list(w_row))
        about_rows += [list(x) for x in about]
        if spk.get("id"):
            per_speaker[spk["id"]] += 1
        targets: set[tuple[str, str]] = set()
        if a.get("addressee") and a["addressee"].get("id"):
            targets.add((a["addressee"]["id"], "addressee"))
        for sp in spans:  # speakers mentioned inside the content
            i = bisect.bisect_left(starts, sp["start"])
            while i < len(mentions) and mentions[i][0] < sp["end"]:
                m_end, other_id = mentions[i][1], mentions[i][2]
                if m_end <= sp["end"] and other_id != spk.get("id"):
                    targets.add((other_id, "mentions"))
                i += 1
        for ev in events_by_att.get(a.get("id") or "", []):
            tgt = ev.get("target")
            if tgt and tgt != spk.get("id"):
                targets.add((tgt, "target"))
        targets_rows += [[sid, tid, rel] for tid, rel in sorted(targets)]
        if spk.get("id"):
            for tid in {t for t, _ in targets}:
                links[(spk["id"], tid)] += 1
    return StatementRows(rows, fts, targets_rows, whom_rows, about_rows, per_speaker, links)


def remove_contents(d: Dialect, doc_id: int) -> None:
    """Take a document's statements, speakers and index entries out, and their counts."""
    d.forget_speakers()
    stmts = d.query("SELECT id, speaker_id, content, start_offset, end_offset FROM statements "
                    "WHERE doc_id = ?", (doc_id,))
    links = d.query(
        "SELECT s.speaker_id, t.speaker_id AS target_id, COUNT(DISTINCT s.id) AS n "
        "FROM statements s JOIN statement_targets t ON t.statement_id = s.id "
        "WHERE s.doc_id = ? AND s.speaker_id IS NOT NULL GROUP BY s.speaker_id, t.speaker_id",
        (doc_id,))
    ds = d.query("SELECT speaker_id, role FROM doc_speakers WHERE doc_id = ?", (doc_id,))
    doc = d.query_one("SELECT title, text, published FROM documents WHERE id = ?", (doc_id,))
    text = codec.unpack_text(doc["text"]) if doc is not None else ""
    if doc is not None:
        d.unindex_document(doc_id, doc["title"] or "", text)
    d.unindex_statements([(int(r["id"]), r["content"] if r["content"] is not None
                           else text[r["start_offset"]:r["end_offset"]]) for r in stmts])
    d.execute("DELETE FROM statement_targets WHERE statement_id IN "
              "(SELECT id FROM statements WHERE doc_id = ?)", (doc_id,))
    whom.remove_rows(d, doc_id)
    events.remove_rows(d, doc_id)
    d.execute("DELETE FROM statements WHERE doc_id = ?", (doc_id,))
    d.execute("DELETE FROM doc_speakers WHERE doc_id = ?", (doc_id,))
    per = Counter(r["speaker_id"] for r in stmts if r["speaker_id"])
    speaker_ids = [r["speaker_id"] for r in ds]
    if speaker_ids:
        d.executemany("UPDATE speakers SET n_statements = n_statements - ?, "
                      "n_documents = n_documents - 1 WHERE id = ?",
                      [(per.get(s, 0), s) for s in speaker_ids])
        gone = 0
        for chunk in _chunks(speaker_ids):
            gone += int(d.query_row("SELECT COUNT(*) AS n FROM speakers WHERE n_documents <= 0 "
                                    f"AND id IN ({', '.join('?' * len(chunk))})", chunk)["n"])
        _add_totals(d, speakers=-gone)
        month = month_of(doc["published"] if doc is not None else None)
        d.executemany("UPDATE speaker_months SET n = n - ? WHERE speaker_id = ? AND month = ?",
                      [(n, s, month) for s, n in per.items()])
        d.executemany("DELETE FROM speaker_months WHERE speaker_id = ? AND month = ? AND n <= 0",
                      [(s, month) for s in per])
    roles = [(r["speaker_id"], r["role"]) for r in ds if r["role"]]
    if roles:
        d.executemany("UPDATE speaker_roles SET n = n - 1 WHERE speaker_id = ? AND role = ?", roles)
        d.executemany("DELETE FROM speaker_roles WHERE speaker_id = ? AND role = ? AND n <= 0",
                      roles)
    if links:
        pairs = [(int(r["n"]), r["speaker_id"], r["target_id"]) for r in links]
        d.executemany("UPDATE speaker_links SET n = n - ? WHERE speaker_id = ? AND target_id = ?",
                      pairs)
        d.executemany("DELETE FROM speaker_links WHERE speaker_id = ? AND target_id = ? AND n <= 0",
                      [p[1:] for p in pairs])
    _add_totals(d, statements=-len(stmts))


def delete(d: Dialect, doc_id: int) -> bool:
    with d.transaction():
        if d.query_one("SELECT id FROM documents WHERE id = ?", (doc_id,)) is None:
            return False
        remove_contents(d, doc_id)
        d.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        _add_totals(d, documents=-1)
        return True
