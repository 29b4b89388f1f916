"""The archive's provenance as a table: one row per quotation–match pair.

Decides the columns and the file formats (JSONL, CSV, Parquet) of ``onrecord provenance``:
both texts, both documents, both speakers, both dates, the fidelity class and the word diff;
a quotation with no match is one row with empty match columns.  Rows are streamed (Parquet in
row groups), so memory stays flat on a large archive.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from onrecord.provenance.trace import pair_rows, trace_all
from onrecord.text import spreadsheet_safe

COLUMNS = ["statement_id", "doc_id", "doc_title", "speaker", "published", "kind", "quotation",
           "status", "verdict", "primary_is_self", "earliest_doc_id", "earliest_published",
           "match_statement_id", "match_doc_id", "match_doc_title", "match_speaker",
           "match_published", "match_text", "fidelity", "wording", "is_primary_source", "diff"]


def write_pairs(store, out: Path, fmt: str, progress=None) -> dict:
    stats = {"quotations": 0, "matched": 0, "no-match": 0, "too-short": 0, "rows": 0}

    def rows():
        for prov in trace_all(store):
            stats["quotations"] += 1
            stats[prov.status] = stats.get(prov.status, 0) + 1
            if progress is not None and stats["quotations"] % 1000 == 0:
                progress.print(f"{stats['quotations']} quotations traced", highlight=False)
            for r in pair_rows(prov):
                stats["rows"] += 1
                yield r

    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as f:
            for r in rows():
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        with out.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=COLUMNS)
            w.writeheader()
            for r in rows():
                w.writerow({k: spreadsheet_safe(v) if isinstance(v, str) else v for k, v in r.items()})
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.int64() if c.endswith("_id") else
                             pa.bool_() if c in ("primary_is_self", "is_primary_source") else
                             pa.string()) for c in COLUMNS])
        with pq.ParquetWriter(str(out), schema) as w:
            buf: list[dict] = []
            for r in rows():
                buf.append(r)
                if len(buf) >= 5000:
                    w.write_table(pa.Table.from_pylist(buf, schema=schema))
                    buf = []
            if buf or not stats["rows"]:
                w.write_table(pa.Table.from_pylist(buf, schema=schema))
    return stats
