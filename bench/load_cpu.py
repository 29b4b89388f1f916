#!/usr/bin/env python
"""CPU per document of a bulk load in one process (every CPU second counted), split into
preparing the records and writing them.

    PYTHONPATH=SRC nice .venv/bin/python bench/load_cpu.py --records DIR -n 1000 --tag main

Resampled records (as ``bench/archive_scale.py``), fed as JSON lines to ``Store.put_many``
with one process into an empty SQLite store in a temporary folder; prints one JSON line
(ms of CPU per document, docs per CPU-s, wall seconds, load average), with the CPU of
preparing (``bulk.prepare_item``: parsing, checking, encoding, statement rows; what
``onrecord load -j N`` leaves to N other processes) and of the rest, the writing (what the
one writing process does whatever ``-j``).  Run it alternately on two source trees
(``PYTHONPATH``) to compare them on a shared machine.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    import archive_scale as scale

    import onrecord.events.export  # noqa: F401  (imported before timing, as a load does before forking)
    from onrecord.store import bulk, open_store

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=Path, required=True)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    lines = list(scale.resample_lines(scale.base_records(args.records), 0, args.n))
    spent = [0.0]
    prepare = bulk.prepare_item

    def timed_prepare(*a, **k):
        c = time.process_time()
        try:
            return prepare(*a, **k)
        finally:
            spent[0] += time.process_time() - c

    bulk.prepare_item = timed_prepare  # (one process: called from put_many's module)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "load.db"))
        c, t = time.process_time(), time.perf_counter()
        store.put_many(lines, batch=500, workers=1)
        cpu = time.process_time() - c
        wall = time.perf_counter() - t
        print(json.dumps({"tag": args.tag, "n": args.n, "cpu_ms_per_doc": cpu / args.n * 1000,
                          "docs_per_cpu_s": args.n / cpu,
                          "prepare_ms_per_doc": spent[0] / args.n * 1000,
                          "write_ms_per_doc": (cpu - spent[0]) / args.n * 1000,
                          "write_docs_per_cpu_s": args.n / (cpu - spent[0]),
                          "wall": wall, "docs_per_s": args.n / wall,
                          "load": os.getloadavg()[0]}), flush=True)
        store.close()


if __name__ == "__main__":
    main()
