"""Writing the archive: one record in, its rows and every count that depends on them.

:func:`put` stores a record (new, replaced or unchanged), :func:`remove_contents` takes a
document's rows out again.  Both keep, in the same transaction, what the read side
takes for granted instead of recomputing per request: each speaker's statement and
document counts, statements per month (``speaker_months``), role counts (``speaker_roles``), who-talks-about-whom counts
(``speaker_links``), each document-speaker's statement count, the speaker search terms
and the archive totals.  Statement ids are sort keys (:mod:`onrecord.store.codec`).

People named by surname alone are linked across documents here too
(:func:`link_people`): a surname-only speaker joins the one full name the archive knows
with that surname, never when there are several.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import json
from collections import Counter
from typing import Any, Iterator, Optional

from onrecord.errors import StoreError
from onrecord.model import Record
from onrecord.store import codec, events, whom
from onrecord.store.dialect import Dialect
from onrecord.text import slug


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
    try:
        Record.from_dict(rec)   # the rest of the shape: spans, speakers, kinds, voices
    except ValueError as e:
        raise StoreError(f"not a record: {e}") from None
    return rec


def _content_spans(att: dict[str, Any]) -> list[dict[str, Any]]:
    c = att.get("content") or {}
    return c["spans"] if isinstance(c, dict) and "spans" in c else [c]


def put(d: Dialect, rec: dict[str, Any], key: Optional[str] = None, doc_id: Optional[int] = None,
        ingested_at: Optional[str] = None) -> tuple[str, int]:
    """Store one record (the caller's transaction, or one of its own); see ``Store.put``."""
    rec = check_record(rec)
    key = document_key(rec, key)
    sha = (rec.get("source") or {}).get("sha256")
    if not sha:
        sha = hashlib.sha256(rec["text"].encode("utf-8")).hexdigest()
    with d.transaction():
        row = d.query_one("SELECT id, sha256, published FROM documents WHERE key = ?", (key,))
        doc = rec.get("document") or {}
        # the same input re-dated (its author profile changed) is no unchanged document
        if row and row["sha256"] == sha and row["published"] == doc.get("published"):
            return "unchanged", int(row["id"])
        src = rec.get("source") or {}
        now = ingested_at or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
        speakers = {s["id"]: s for s in rec.get("speakers") or [] if s.get("id")}
        atts = rec.get("attributions") or []
        for a in atts:  # speakers only named in attributions (or their targets)
            for ref in (a.get("speaker"), a.get("addressee"), a.get("relayed_by"),
                        *(a.get("targets") or [])):
                if ref and ref.get("id") and ref["id"] not in speakers:
                    speakers[ref["id"]] = {"id": ref["id"], "name": ref.get("name") or ref["id"],
                                           "type": "unknown", "role": None, "aliases": [],
                                           "mentions": []}
        merged: list[tuple[str, str]] = []
        remap = link_people(d, speakers, merged)
        if remap:
            speakers = {remap.get(k, k): dict(v, id=remap.get(k, k)) for k, v in speakers.items()}
            atts = [_remap_refs(a, remap) for a in atts]
        # a negated or refused report ("has not said …") is no statement of its source:
        # it stays in the document's record, never in search, export or a speaker's page
        stated = [a for a in atts if not a.get("negated")]
        published = doc.get("published")
        title = doc.get("title")
        values = (sha, src.get("path"), src.get("url"), title, doc.get("author"), published,
                  now, len(stated), len(speakers), d.pack_text(rec["text"]),
                  d.blob(codec.encode_record(rec)))
        if row:
            doc_id = int(row["id"])
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
                                values + (key,))
                doc_id = int(r["id"])
            else:
                d.execute("INSERT INTO documents (sha256, path, url, title, author, published, "
                          "ingested_at, n_statements, n_speakers, text, record, key, id) VALUES "
                          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values + (key, doc_id))
            status = "ingested"
            _add_totals(d, documents=1)
        if doc_id > codec.DOC_MAX:
            raise StoreError(f"document id {doc_id} is out of the store's range")
        d.index_document(doc_id, title or "", rec["text"])
        per_speaker = _put_statements(d, doc_id, rec, stated, speakers, published)
        events.put_rows(d, events.event_rows(doc_id, key, rec))
        _put_speakers(d, doc_id, speakers, per_speaker, published)
        if merged:  # counts of merged speakers, from their rows (merges are rare)
            for old_id, new_id in merged:
                recount_speaker(d, new_id, also=(old_id,))
            n = d.query_row("SELECT COUNT(*) AS n FROM speakers WHERE n_documents > 0")["n"]
            d.execute("UPDATE totals SET speakers = ? WHERE id = 1", (int(n),))
    return status, doc_id


def _add_totals(d: Dialect, documents: int = 0, statements: int = 0, speakers: int = 0) -> None:
    if documents or statements or speakers:
        d.execute("UPDATE totals SET documents = documents + ?, statements = statements + ?, "
                  "speakers = speakers + ? WHERE id = 1", (documents, statements, speakers))


def _chunks(seq: list[Any], n: int = 500) -> Iterator[list[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _put_speakers(d: Dialect, doc_id: int, speakers: dict[str, dict[str, Any]],
                  per_speaker: Counter[Any], published: Optional[str]) -> None:
    if not speakers:
        return
    d.executemany(
        "INSERT INTO doc_speakers (doc_id, speaker_id, role, n_mentions, n_statements, "
        "published) VALUES (?, ?, ?, ?, ?, ?)",
        [(doc_id, sid, s.get("role"), len(s.get("mentions") or []), per_speaker.get(sid, 0),
          published)
         for sid, s in speakers.items()])
    ids = list(speakers)
    old: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        for r in d.query("SELECT id, name, type, role, aliases, n_documents FROM speakers "
                         f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
            old[r["id"]] = r
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
            old_aliases = json.loads(o["aliases"] or "[]")
            for a in old_aliases:
                if a not in aliases:
                    aliases.append(a)
            if o["name"] != name and o["name"] not in aliases:
                aliases.append(o["name"])
        aliases = [a for a in aliases if a != name]
        if not o or not o["n_documents"]:
            new_speakers += 1
        if not o or o["name"] != name or json.loads(o["aliases"] or "[]") != aliases:
            terms += [(t, sid) for t in sorted(codec.speaker_terms(sid, name, aliases))]
        upserts.append((sid, name, stype, role, json.dumps(aliases, ensure_ascii=False),
                        sid[::-1], per_speaker.get(sid, 0)))
        if s.get("role"):
            roles.append((sid, s["role"]))
    d.executemany(
        "INSERT INTO speakers (id, name, type, role, aliases, id_rev, n_statements, n_documents) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
        "type = excluded.type, role = excluded.role, aliases = excluded.aliases, "
        "n_statements = speakers.n_statements + excluded.n_statements, "
        "n_documents = speakers.n_documents + 1", upserts)
    if terms:
        d.executemany("INSERT INTO speaker_terms (term, speaker_id) VALUES (?, ?) "
                      "ON CONFLICT DO NOTHING", terms)
    if roles:
        d.executemany("INSERT INTO speaker_roles (speaker_id, role, n) VALUES (?, ?, 1) "
                      "ON CONFLICT (speaker_id, role) DO UPDATE SET n = speaker_roles.n + 1",
                      roles)
    months = [(sid, month_of(published), n) for sid, n in sorted(per_speaker.items()) if n]
    if months:
        d.executemany("INSERT INTO speaker_months (speaker_id, month, n) VALUES (?, ?, ?) "
                      "ON CONFLICT (speaker_id, month) DO UPDATE SET n = speaker_months.n + "
                      "excluded.n", months)
    _add_totals(d, speakers=new_speakers)


def month_of(published: Optional[str]) -> str:
    """The ``speaker_months`` month of a publication date (``YYYY-MM``; '' undated)."""
    return (published or "")[:7]


# the same from the rows (a store of an earlier version, a merged speaker)
MONTHS_SQL = ("INSERT INTO speaker_months (speaker_id, month, n) SELECT speaker_id, "
              "COALESCE(substr(published, 1, 7), ''), SUM(n_statements) FROM doc_speakers "
              "WHERE n_statements > 0{where} GROUP BY speaker_id, COALESCE(substr(published, 1, 7), '')")


def fill_speaker_months(d: Dialect) -> None:
    d.execute(MONTHS_SQL.format(where=""))


def _put_statements(d: Dialect, doc_id: int, rec: dict[str, Any], atts: list[dict[str, Any]],
                    speakers: dict[str, dict[str, Any]], published: Optional[str]) -> Counter[Any]:
    """Insert the statements, their index entries and targets; the statements per speaker."""
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
    rows, fts, targets_rows, whom_rows, about_rows = [], [], [], [], []
    per_speaker: Counter[Any] = Counter()
    links: Counter[Any] = Counter()
    for position, (start, _, a, spans) in enumerate(prepared):
        content = " … ".join(text[s["start"]:s["end"]] for s in spans)
        end = max(s["end"] for s in spans)
        spk = a.get("speaker") or {}
        sid = codec.statement_key(day, doc_id, position)
        # on SQLite a one-span content is not stored: it is the text's slice start:end
        stored = None if d.slices_content and len(spans) == 1 else content
        rows.append((sid, doc_id, a.get("id") or "", a.get("kind") or "indirect", spk.get("id"),
                     spk.get("name"), (a.get("source") or {}).get("text"),
                     (a.get("cue") or {}).get("text"), stored, start, end,
                     (a.get("addressee") or {}).get("id"), (a.get("relayed_by") or {}).get("id"),
                     a.get("confidence")))
        fts.append((sid, content))
        w_row, about = whom.whom_rows(sid, a)
        whom_rows += [w_row] if w_row else []
        about_rows += about
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
        targets_rows += [(sid, tid, rel) for tid, rel in sorted(targets)]
        if spk.get("id"):
            for tid in {t for t, _ in targets}:
                links[(spk["id"], tid)] += 1
    if rows:
        # in ascending id (the table's order; a document's ids fall with its positions): the
        # B-tree then fills its pages instead of splitting them half-empty (half the size)
        d.insert_rows("statements", ("id", "doc_id", "attr_id", "kind", "speaker_id",
                                     "speaker_name", "source_text", "cue_text", "content",
                                     "start_offset", "end_offset", "addressee_id",
                                     "relayed_by_id", "confidence"), rows[::-1])
        d.index_statements(fts[::-1])
    if targets_rows:
        d.insert_rows("statement_targets", ("statement_id", "speaker_id", "relation"),
                      sorted(targets_rows))
    whom.put_rows(d, whom_rows, about_rows, published, rows)
    if links:
        d.executemany("INSERT INTO speaker_links (speaker_id, target_id, n) VALUES (?, ?, ?) "
                      "ON CONFLICT (speaker_id, target_id) DO UPDATE SET "
                      "n = speaker_links.n + excluded.n",
                      [(s, t, n) for (s, t), n in sorted(links.items())])
    _add_totals(d, statements=len(rows))
    return per_speaker


def remove_contents(d: Dialect, doc_id: int) -> None:
    """Take a document's statements, speakers and index entries out, and their counts."""
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


# ------------------------------------------------------------------ people

def link_people(d: Dialect, speakers: dict[str, dict[str, Any]],
                merged: list[tuple[str, str]]) -> dict[str, str]:
    """Cross-document identity of people named by surname alone.

    A record names a person "Lavrov" (id ``lavrov``) when the article never gives a
    first name.  If the archive knows exactly one person with that surname and a first
    name, the statement is theirs; if a full name arrives and the archive only knew the
    surname, the surname-only speaker is merged into it.  Two people who share a surname
    are never merged: with more than one candidate nothing is linked.  Merges done are
    appended to ``merged`` as ``(old, new)``: their counts are recounted once the
    document is in.
    """
    remap: dict[str, str] = {}
    for sid, sp in speakers.items():
        words = (sp.get("name") or "").split()
        if sp.get("type") != "person" or not words:
            continue
        surname_id = slug(words[-1])
        if not surname_id:
            continue
        suffix = ("-" + surname_id)[::-1]
        upper = suffix[:-1] + chr(ord(suffix[-1]) + 1)
        full = [r["id"] for r in d.query(
            "SELECT id FROM speakers WHERE id_rev >= ? AND id_rev < ? AND type = 'person' "
            "AND id != ?", (suffix, upper, surname_id))]
        if len(words) == 1:
            if len(full) == 1:
                remap[sid] = full[0]
        elif full in ([], [sid]) and sid != surname_id:
            if d.query_one("SELECT id FROM speakers WHERE id = ? AND type = 'person'",
                           (surname_id,)):
                merge_speaker(d, surname_id, sid)
                merged.append((surname_id, sid))
    return remap


def merge_speaker(d: Dialect, old: str, new: str) -> None:
    """Every row of speaker ``old`` becomes ``new``'s (the caller recounts ``new``)."""
    for col in ("speaker_id", "relayed_by_id", "addressee_id"):
        d.execute(f"UPDATE statements SET {col} = ? WHERE {col} = ?", (new, old))
    for table, key in (("doc_speakers", "doc_id"), ("statement_targets", "statement_id"),
                       ("statement_about", "statement_id")):
        d.execute(f"UPDATE {table} SET speaker_id = ? WHERE speaker_id = ? AND NOT EXISTS "
                  f"(SELECT 1 FROM {table} t2 WHERE t2.{key} = {table}.{key} "
                  f"AND t2.speaker_id = ?)", (new, old, new))
        d.execute(f"DELETE FROM {table} WHERE speaker_id = ?", (old,))
    d.execute("UPDATE doc_speakers SET n_statements = (SELECT COUNT(*) FROM statements s WHERE "
              "s.doc_id = doc_speakers.doc_id AND s.speaker_id = doc_speakers.speaker_id) "
              "WHERE speaker_id = ?", (new,))
    d.execute("DELETE FROM speakers WHERE id = ?", (old,))
    d.execute("DELETE FROM speaker_terms WHERE speaker_id = ?", (old,))


def recount_speaker(d: Dialect, sid: str, also: tuple[Any, ...] = ()) -> None:
    """Recompute the counts of ``sid`` (and drop those of the ids in ``also``) from the rows."""
    d.execute("UPDATE speakers SET n_statements = (SELECT COUNT(*) FROM statements s WHERE "
              "s.speaker_id = ?), n_documents = (SELECT COUNT(*) FROM doc_speakers ds WHERE "
              "ds.speaker_id = ?) WHERE id = ?", (sid, sid, sid))
    ids = (sid,) + tuple(also)
    whom.recount(d, sid, ids)
    marks = ", ".join("?" * len(ids))
    d.execute(f"DELETE FROM speaker_months WHERE speaker_id IN ({marks})", ids)
    d.execute(MONTHS_SQL.format(where=" AND speaker_id = ?"), (sid,))
    d.execute(f"DELETE FROM speaker_roles WHERE speaker_id IN ({marks})", ids)
    d.execute("INSERT INTO speaker_roles (speaker_id, role, n) SELECT speaker_id, role, COUNT(*) "
              "FROM doc_speakers WHERE speaker_id = ? AND role IS NOT NULL "
              "GROUP BY speaker_id, role", (sid,))
    d.execute(f"DELETE FROM speaker_links WHERE speaker_id IN ({marks}) OR target_id IN ({marks})",
              ids + ids)
    d.execute("INSERT INTO speaker_links (speaker_id, target_id, n) "
              "SELECT s.speaker_id, t.speaker_id, COUNT(DISTINCT s.id) FROM statement_targets t "
              "JOIN statements s ON s.id = t.statement_id WHERE s.speaker_id = ? "
              "GROUP BY s.speaker_id, t.speaker_id", (sid,))
    d.execute("INSERT INTO speaker_links (speaker_id, target_id, n) "
              "SELECT s.speaker_id, t.speaker_id, COUNT(DISTINCT s.id) FROM statement_targets t "
              "JOIN statements s ON s.id = t.statement_id WHERE t.speaker_id = ? "
              "AND s.speaker_id IS NOT NULL AND s.speaker_id != ? "
              "GROUP BY s.speaker_id, t.speaker_id", (sid, sid))


def _remap_refs(att: dict[str, Any], remap: dict[str, str]) -> dict[str, Any]:
    """A copy of an attribution whose speaker references follow ``remap``."""
    out = dict(att)
    for key in ("speaker", "relayed_by", "addressee"):
        ref = att.get(key)
        if ref and ref.get("id") in remap:
            out[key] = dict(ref, id=remap[ref["id"]])
    if any(t.get("id") in remap for t in att.get("targets") or []):
        out["targets"] = [dict(t, id=remap[t["id"]]) if t.get("id") in remap else t
                          for t in att["targets"]]
    return out
