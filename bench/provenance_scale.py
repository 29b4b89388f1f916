"""Quote provenance at scale: index and trace time and memory for N stored quotations.

    nice python bench/provenance_scale.py --real STORE.db --n 10000 [--sample 2000] [--full]

The archive is made by resampling the real quotations of STORE.db (the provenance test set):
each stored quotation is a real one with a third of its words replaced by words drawn from
the real quotations' vocabulary (so it is new text of the same length and word frequencies),
ten quotations a document, dated over 2015-16; one in ten is instead a copy of an earlier one
(verbatim, trimmed, elided or with a word changed) in another document, so that tracing finds
matches as it would in an archive.  Rows go straight into the store's tables (documents and
statements, no full-text index).  Measured: building the passage index, tracing a fixed-size
sample of quotations (the time per quotation must not grow with N), with ``--full`` tracing
every quotation, and the process's peak memory.  One JSON line is appended to
bench/results/provenance-scale.jsonl.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.provenance import index  # noqa: E402
from onrecord.provenance.trace import _trace_row, trace_all  # noqa: E402
from onrecord.store import open_store  # noqa: E402

OUT = ROOT / "bench" / "results" / "provenance-scale.jsonl"


def real_quotes(path: str) -> list[str]:
    st = open_store(path, create=False)
    rows = st.dialect.query("SELECT content FROM statements WHERE kind IN ('direct', 'mixed')")
    st.close()
    return [r["content"] for r in rows if len(r["content"].split()) >= 6]


def make(n: int, quotes: list[str], rnd: random.Random):
    vocab = [w for q in quotes for w in q.split()]
    made: list[str] = []
    for i in range(n):
        if made and rnd.random() < 0.1:
            src = rnd.choice(made[-5000:])
            words = src.split()
            how = rnd.choice(["verbatim", "trimmed", "elided", "changed"])
            if how == "trimmed" and len(words) > 8:
                words = words[2:-2]
            elif how == "elided" and len(words) > 10:
                words = words[:4] + ["…"] + words[6:]
            elif how == "changed":
                words[len(words) // 2] = rnd.choice(vocab)
            made.append(" ".join(words))
        else:
            words = rnd.choice(quotes).split()
            made.append(" ".join(rnd.choice(vocab) if rnd.random() < 0.33 else w for w in words))
    return made


def fill(store, made: list[str], rnd: random.Random) -> None:
    d = store.dialect
    per = 10
    with d.transaction():
        for k in range(0, len(made), per):
            day = f"201{5 + rnd.randint(0, 1)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            text = "\n\n".join(f"“{q}” said Speaker {j}." for j, q in enumerate(made[k:k + per]))
            r = d.query_one("INSERT INTO documents (key, sha256, title, published, ingested_at, text, record) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            (f"bench:{k}", f"{k:064d}", f"doc {k}", day, day, text, "{}"))
            rows = [(r["id"], f"a{j}", "direct", f"speaker-{rnd.randint(0, 500)}", f"Speaker {rnd.randint(0, 500)}",
                     f"“{q}”", 0, len(q), day) for j, q in enumerate(made[k:k + per])]
            index._executemany(d, "INSERT INTO statements (doc_id, attr_id, kind, speaker_id, speaker_name, "
                                  "content, start_offset, end_offset, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--real", required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--dir", default=None)
    args = ap.parse_args()
    rnd = random.Random(args.n)
    quotes = real_quotes(args.real)
    tmp = Path(args.dir or tempfile.mkdtemp(prefix="prov-scale-"))
    db = tmp / f"scale-{args.n}.db"
    if db.exists():
        db.unlink()
    store = open_store(str(db))
    t0 = time.perf_counter()
    fill(store, make(args.n, quotes, rnd), rnd)
    t_fill = time.perf_counter() - t0
    print(f"n={args.n} filled in {t_fill:.1f} s", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    index.update(store, batch=20000)
    t_index = time.perf_counter() - t0
    print(f"n={args.n} indexed in {t_index:.1f} s", file=sys.stderr, flush=True)
    ids = [int(r["id"]) for r in store.dialect.query("SELECT id FROM statements")]
    sample = rnd.sample(ids, min(args.sample, len(ids)))
    t0 = time.perf_counter()
    matched = 0
    for sid in sample:
        row = store.dialect.query_one("SELECT s.id, s.doc_id, s.kind, s.speaker_id, s.speaker_name, s.content, "
                                      "s.published, d.title AS doc_title FROM statements s JOIN documents d "
                                      "ON d.id = s.doc_id WHERE s.id = ?", (sid,))
        matched += _trace_row(store, row).status == "matched"
    t_sample = time.perf_counter() - t0
    res = {"n": args.n, "fill_s": round(t_fill, 1), "index_s": round(t_index, 1),
           "index_per_1k_s": round(1000 * t_index / args.n, 3),
           "sample": len(sample), "sample_matched": matched,
           "trace_ms_per_quotation": round(1000 * t_sample / len(sample), 2),
           "db_mb": round(sum(p.stat().st_size for p in tmp.glob(f"scale-{args.n}.db*")) / 2 ** 20, 1)}
    if args.full:
        t0 = time.perf_counter()
        n = sum(1 for _ in trace_all(store))
        res["full_trace_s"] = round(time.perf_counter() - t0, 1)
        res["full_traced"] = n
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    store.close()
    with OUT.open("a") as f:
        f.write(json.dumps(res) + "\n")
    print(json.dumps(res))
    for p in tmp.glob(f"scale-{args.n}.db*"):
        p.unlink()


if __name__ == "__main__":
    main()
