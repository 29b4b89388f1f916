"""The store's author profile, and dating documents again when it changes.

A page that gives no year of its own ("On Saturday", "March 10") takes its year from
its author's profile (:mod:`onrecord.clean.authors`): the year the author's pages dated
by their own text are from.  ``onrecord ingest`` keeps that profile in the store (in
``meta``, key ``author_profile``) and decides here:

- every document of a run is analysed with the profile as it was stored before the run,
  whatever else is in the run (so the same input and profile give the same record);
- after the run, the profile learns the years of the run's documents dated by their own
  text (a store without a profile learns first from every stored document);
- every stored document of an author whose year changed, and whose date the profile
  gives (undated, or dated with the profile's year), is analysed again with the new
  profile and stored if its date changed.  Its input is the file it came from when that
  still holds the same bytes, else the stored text when that is the input itself (plain
  text and Markdown); a document of neither kind (an HTML page whose file is gone, a
  fetched URL) is counted as not re-dated.

The result: each stored record is the one its input gives with the store's current
profile, in whatever order and runs the files were ingested.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable, Optional

from onrecord.clean import authors
from onrecord.model import DocumentInfo
from onrecord.store import codec

KEY = "author_profile"
Profile = dict[str, Any]  # {"authors": {name: {"year", "documents"}}}


def load_profile(store: Any) -> Profile:
    """The stored profile; a store without one learns it from its documents first."""
    d = store.dialect
    row = d.query_one("SELECT value FROM meta WHERE key = ?", (KEY,))
    if row is not None:
        try:
            data = json.loads(row["value"])
            if isinstance(data, dict) and isinstance(data.get("authors"), dict):
                return data
        except ValueError:
            pass
    profile: Profile = {"authors": {}}
    authors.learn_documents(profile, _stored_documents(store))
    return profile


def save_profile(store: Any, profile: Profile) -> None:
    d = store.dialect
    with d.transaction():
        d.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                  "SET value = excluded.value",
                  (KEY, json.dumps(profile, sort_keys=True, ensure_ascii=False)))


def after_run(store: Any, before: Profile, documents: Iterable[DocumentInfo],
              max_chars: int = 1_000_000, doc_timeout: Optional[float] = 120.0) -> dict[str, int]:
    """Learn from a run's ``documents`` (analysed with the profile ``before``), store the
    profile and date again what its changes concern (counts of :func:`redate`)."""
    import copy

    profile = authors.learn_documents(copy.deepcopy(before), documents)
    # a store's first profile (learnt from its documents on opening) dates them all again
    kept = store.dialect.query_one("SELECT value FROM meta WHERE key = ?", (KEY,)) is not None
    save_profile(store, profile)
    return redate(store, changed_authors(before if kept else {"authors": {}}, profile),
                  authors.years(profile), max_chars, doc_timeout)


def changed_authors(before: Profile, after: Profile) -> set[str]:
    old, new = authors.years(before), authors.years(after)
    return {a for a in set(old) | set(new) if old.get(a) != new.get(a)}


def redate(store: Any, names: Iterable[str], years: dict[str, int],
           max_chars: int = 1_000_000, doc_timeout: Optional[float] = 120.0) -> dict[str, int]:
    """Analyse again, with ``years``, the stored documents of the authors ``names`` whose
    date the profile gives; store those whose date changed.  Returns counts:
    ``redated``, ``same`` (analysed, same date), ``not_redated`` (no input to analyse)."""
    from onrecord.pipeline import analyze_items

    names = set(names)
    out = {"redated": 0, "same": 0, "not_redated": 0}
    if not names:
        return out
    items, old = [], {}
    for key, rec in _documents_of(store, names):
        doc = rec.get("document") or {}
        if not authors.depends_on_profile(doc.get("published"), doc.get("published_basis")):
            continue
        item = _input_of(rec)
        if item is None:
            out["not_redated"] += 1
            continue
        old[id(item)] = (key, rec.get("source") or {})
        items.append(item)
    for outcome in analyze_items(items, max_chars=max_chars, doc_timeout=doc_timeout,
                                 author_years=years):
        key, source = old.pop(id(outcome.item))
        if outcome.record is None:
            out["not_redated"] += 1
            continue
        new = outcome.record.to_dict()
        new["source"] = dict(new.get("source") or {}, **{k: source.get(k) for k in
                                                          ("path", "url", "sha256", "encoding")})
        status, _ = store.put(new, key=key)
        out["redated" if status != "unchanged" else "same"] += 1
    return out


def _stored_documents(store: Any) -> Iterable[DocumentInfo]:
    for r in store.iter_rows("documents", with_record=True):
        doc = (r.get("record") or {}).get("document") or {}
        yield DocumentInfo(author=doc.get("author"), published=doc.get("published"),
                           published_basis=doc.get("published_basis"))


def _documents_of(store: Any, names: set[str]) -> Iterable[tuple[str, dict[str, Any]]]:
    d = store.dialect
    last = 0
    while True:  # the author column only; a record is read for its author's documents
        rows = d.query("SELECT id, key, author FROM documents WHERE id > ? AND author IS NOT "
                       "NULL ORDER BY id LIMIT 1000", (last,))
        if not rows:
            return
        for r in rows:
            if (r["author"] or "").strip().lower() in names:
                full = d.query_one("SELECT record, text FROM documents WHERE id = ?", (r["id"],))
                if full is not None:
                    yield r["key"], codec.decode_record(full["record"], full["text"])
        last = rows[-1]["id"]


def _input_of(rec: dict[str, Any]) -> Any:
    """The input a stored record was made from, or None."""
    from onrecord.ingest.sources import InputItem, read_file

    src = rec.get("source") or {}
    path = src.get("path")
    if path and not src.get("url"):
        p = Path(path)
        try:
            same = p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == src.get("sha256")
        except OSError:
            same = False
        if same:
            item = read_file(p)
            if item.error is None:
                return item
    if src.get("content_type") in ("text", "markdown") and isinstance(rec.get("text"), str):
        return InputItem(name=Path(path).name if path else "stored text", path=path,
                         url=src.get("url"), data=rec["text"].encode("utf-8"),
                         content_type=src.get("content_type"))
    return None
