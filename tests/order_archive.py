"""A small archive whose listings have ties and gaps: the same date in many documents,
undated documents, several speakers and kinds; and the queries whose rows and order the
store must keep (``tests/data/store_order_golden.json`` holds the answers the store gave
before statement ids became sort keys)."""
from __future__ import annotations

from conftest_pg import record_sanctions, record_treaty, record_undated

DATES = ["2020-11-17", "2021-03-01", None, "2020-11-17", "2019-01-05", "2021-03-01",
         "2020-11-17", None, "2021-03-01", "2020-11-17", "2019-01-05", None,
         "2020-11-17", "2021-03-01", "2022-06-30", "2020-11-17", None, "2019-01-05"]
ORDER = [5, 0, 11, 3, 17, 8, 1, 14, 9, 2, 16, 7, 12, 4, 10, 6, 15, 13]  # ingest order


def order_records():
    """The archive's records, in the order they are put."""
    out = []
    for i in ORDER:
        make = (record_treaty, record_sanctions, record_undated)[i % 3]
        rec = make(path=f"/archive/doc-{i:02d}.txt")
        rec.document.published = DATES[i]
        out.append(rec)
    return out


QUERIES = [
    {},
    {"q": "treaty"},
    {"q": "sanctions OR treaty"},
    {"q": "Moscow"},
    {"speaker": "Lavrov"},
    {"speaker": "Pompeo"},
    {"speaker": "Lavrov", "kind": "direct"},
    {"kind": "indirect"},
    {"kind": "mixed"},
    {"since": "2020-11-17"},
    {"until": "2020-12-31"},
    {"since": "2020", "until": "2021-03"},
    {"q": "treaty", "speaker": "Lavrov"},
    {"q": "sanctions", "since": "2021"},
    {"limit": 5, "offset": 3},
    {"limit": 7, "offset": 30},
    {"speaker": "Lavrov", "limit": 4, "offset": 2},
    {"speaker_id": "sergey-lavrov", "oldest_first": True},
    {"oldest_first": True, "limit": 20},
]

DOC_QUERIES = [{}, {"q": "sanctions"}, {"since": "2020-11-17"}, {"limit": 4, "offset": 5}]


WHOM_FIELDS = {"said_on", "said_on_basis", "channel", "channel_name", "addressee_basis",
               "addressee_name", "targets"}


def snapshot(store) -> dict:
    """Every query's answer, without statement ids (rows and order only) and without the
    fields the golden answers predate (said_on, channel, addressee, targets: the records
    here have none; tests/test_whom.py tests them)."""
    def strip(rows):
        return [{k: v for k, v in r.items() if k != "id" and k not in WHOM_FIELDS} for r in rows]

    out = {"statements": [strip(store.statements(**q)) for q in QUERIES],
           "documents": [[dict(r, ingested_at=None) for r in store.documents(**q)]
                         for q in DOC_QUERIES],
           "speakers": store.speakers(),
           "doc_statements": [strip(store.statements(doc_id=d["id"], limit=100000,
                                                     oldest_first=True))
                              for d in store.documents(limit=100)]}
    for sid in ("sergey-lavrov", "mike-pompeo", "maria-zakharova"):
        sp = store.speaker(sid)
        sp["statements"] = strip(sp["statements"])
        for k in ("addresses", "targets"):
            sp.pop(k)
        out["speaker:" + sid] = sp
    return out
