"""Who is who across documents: people named by surname alone, merged speakers, counts
made again from the rows.

:func:`link_people` links a surname-only speaker (``lavrov``) to the one full name the
archive knows with that surname, never when there are several; :func:`merge_speaker`
moves a speaker's rows to another; :func:`recount_speaker` recomputes a speaker's kept
counts from its rows (after a merge; merges are rare).
"""
from __future__ import annotations

import functools
from typing import Any

from onrecord.store import whom
from onrecord.store.dialect import Dialect
from onrecord.text import slug

# the same from the rows (a store of an earlier version, a merged speaker)
MONTHS_SQL = ("INSERT INTO speaker_months (speaker_id, month, n) SELECT speaker_id, "
              "COALESCE(substr(published, 1, 7), ''), SUM(n_statements) FROM doc_speakers "
              "WHERE n_statements > 0{where} GROUP BY speaker_id, COALESCE(substr(published, 1, 7), '')")


# the id of a surname, asked once per person per document during a load (the same few
# thousand surnames): kept
_surname_slug = functools.lru_cache(maxsize=1 << 16)(slug)


def fill_speaker_months(d: Dialect) -> None:
    d.execute(MONTHS_SQL.format(where=""))


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
        surname_id = _surname_slug(words[-1])
        if not surname_id:
            continue
        if d.persons is not None:  # a bulk load: the same answers from memory
            full = d.persons.ending(surname_id)
        else:
            suffix = ("-" + surname_id)[::-1]
            upper = suffix[:-1] + chr(ord(suffix[-1]) + 1)
            full = [r["id"] for r in d.query(
                "SELECT id FROM speakers WHERE id_rev >= ? AND id_rev < ? AND type = 'person' "
                "AND id != ?", (suffix, upper, surname_id))]
        if len(words) == 1:
            if len(full) == 1:
                remap[sid] = full[0]
        elif full in ([], [sid]) and sid != surname_id:
            if (surname_id in d.persons.ids) if d.persons is not None else d.query_one(
                    "SELECT id FROM speakers WHERE id = ? AND type = 'person'", (surname_id,)):
                merge_speaker(d, surname_id, sid)
                merged.append((surname_id, sid))
    return remap


SCAN_MAX = 200_000  # statements: a merge reads them without their indexes up to this many


def merge_speaker(d: Dialect, old: str, new: str) -> None:
    """Every row of speaker ``old`` becomes ``new``'s (the caller recounts ``new``)."""
    d.forget_speakers()
    if d.indexes_off:  # a bulk load left them: scanning is cheaper in a small store only
        n = d.query_row("SELECT statements FROM totals WHERE id = 1")["statements"]
        if n > SCAN_MAX:
            from onrecord.store.bulk import build_indexes
            build_indexes(d)
    if d.persons is not None:
        d.persons.discard(old)
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


def remap_refs(att: dict[str, Any], remap: dict[str, str]) -> dict[str, Any]:
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
