"""The author profile: the year an author writes in, for pages that give no year of their own.

A blog post often dates itself only as "On Saturday" or "October 30".  Its author's other
posts, dated by their own text, tell the year.  The profile is a JSON file mapping the
lower-cased author name to that year (``{"authors": {"stephen lendman": {"year": 2020,
"documents": 3}}}``); :func:`learn` adds the years of documents dated by their own text
(explicit, front-matter or the page's own navigation; never a year the profile gave), :func:`years` gives what
:func:`onrecord.pipeline.analyze_items` applies.  A record depends on the stored profile, not on
which other files are in the run: ``onrecord analyze --out DIR`` learns from every input first,
stores the profile as ``DIR/.onrecord-authors.json`` and then analyses, so a page analysed alone later
with the same profile gets the same date.  An author seen with several years keeps the most
documented one.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Optional

from onrecord.model import DocumentInfo, Record


def load(path: Path) -> dict:
    """The profile stored at ``path`` (empty when there is none or it does not parse)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"authors": {}}
    authors = data.get("authors") if isinstance(data, dict) else None
    return {"authors": authors if isinstance(authors, dict) else {}}


def learn(profile: dict, records: Iterable[Record]) -> dict:
    """Add the years of the records dated by their own text; return the profile."""
    return learn_documents(profile, (rec.document for rec in records))


def learn_documents(profile: dict, documents: Iterable[DocumentInfo]) -> dict:
    """:func:`learn` from the records' ``document`` parts."""
    counts: dict[str, dict[int, int]] = {}
    for d in documents:
        if not (d.author and d.published) or "author profile" in (d.published_basis or ""):
            continue   # (a year the profile itself gave teaches it nothing)
        try:
            year = int(d.published[:4])
        except ValueError:
            continue
        by = counts.setdefault(d.author.strip().lower(), {})
        by[year] = by.get(year, 0) + 1
    authors = profile.setdefault("authors", {})
    for name, by in counts.items():
        old = authors.get(name) or {}
        if old.get("year") in by:
            by[old["year"]] += old.get("documents", 0)
        elif old.get("year"):
            by[old["year"]] = old.get("documents", 0)
        year = max(by, key=lambda y: (by[y], y))
        authors[name] = {"year": year, "documents": by[year]}
    return profile


def depends_on_profile(published: Optional[str], basis: Optional[str]) -> bool:
    """Whether a document's date is the profile's to give: it has none, or the profile
    gave its year (the documents to date again when their author's year changes)."""
    return not published or "author profile" in (basis or "")


def years(profile: Optional[dict]) -> dict[str, int]:
    """Author name (lower-cased) → year, as the pipeline applies it."""
    out = {}
    for name, entry in ((profile or {}).get("authors") or {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("year"), int):
            out[name] = entry["year"]
    return out


def save(profile: dict, path: Path) -> None:
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(profile, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
