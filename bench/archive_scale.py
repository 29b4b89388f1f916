#!/usr/bin/env python
"""The archive at scale: load rate, disk per document and query/page latency.

    nice .venv/bin/python bench/archive_scale.py --records DIR --sizes 10000 100000
    nice .venv/bin/python bench/archive_scale.py --records DIR --sizes 10000 --backend postgresql
    .venv/bin/python bench/archive_scale.py --records DIR --sizes 10000 --label before  # old code

``DIR`` holds analysed records (``onrecord analyze … --out DIR``; here the PolNeAR
train split).  A store of N documents is built by resampling them in order, each copy
with a unique URL and hash (text, speakers and dates as analysed), through
``Store.put_many`` (batches of 500; ``Store.put`` one by one where the store code has no
batches) — the path ``onrecord load`` takes.  Then, on the warm store, each query is run
``--repeat`` times and each HTTP page (FastAPI test client, templates rendered) too, and
p50/p95/p99/max are reported in milliseconds, wall clock and CPU time of the process (on
a machine shared with other work the wall clock includes the wait for a core), with the
insert rate and the store's size per document (per table and index on SQLite; with
``--compact`` also after ``Store.compact``, the queries then timed on the compacted
store).  PostgreSQL runs on a throw-away server (initdb in a temporary folder, loopback,
fsync off as in the tests); ``--pg-url`` uses a running one instead.

Results: ``bench/results/archive-scale[-LABEL].json`` and ``.md`` (appended per run).
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKERS = min(os.cpu_count() or 1, 4)  # as `onrecord load` (set by --workers)
RESULTS = HERE / "results"

QUERIES = {
    "statements(speaker='Trump')": lambda s: s.statements(speaker="Trump"),
    "statements() newest first": lambda s: s.statements(),
    "speaker('donald-trump')": lambda s: s.speaker("donald-trump"),
    "speaker('donald-trump', limit=100) (the page's)": lambda s: s.speaker("donald-trump",
                                                                         limit=100, links=50),
    "speakers(limit=100)": lambda s: s.speakers(limit=100),
    "statements(q='said')": lambda s: s.statements(q="said"),
    "statements(q='email', speaker='Clinton')": lambda s: s.statements(q="email",
                                                                       speaker="Clinton"),
    "documents() newest first": lambda s: s.documents(),
    "counts()": lambda s: s.counts(),
}
PAGES = {
    "home (articles list)": "/",
    "/api/documents": "/api/documents?limit=50",
    "search q=said": "/search?q=said",
    "search speaker=Trump": "/search?speaker=Trump",
    "search q=email speaker=Clinton": "/search?q=email&speaker=Clinton",
    "speaker page donald-trump": "/speakers/donald-trump",
    "speakers list": "/speakers",
    "timeline speaker=Trump": "/timeline?speaker=Trump",
}


def base_records(folder: Path) -> list[str]:
    files = sorted(folder.glob("*.json"))
    if not files:
        sys.exit(f"no record JSON in {folder}")
    return [f.read_text(encoding="utf-8") for f in files]


def resample(bases: list[str], start: int, n: int):
    """Records start..start+n-1: copies of the bases in turn, each a document of its own."""
    for i in range(start, start + n):
        rec = json.loads(bases[i % len(bases)])
        src = rec.setdefault("source", {})
        src["url"] = f"https://archive.example/{i}/{Path(src.get('path') or 'doc').stem}"
        src["path"] = None
        src["sha256"] = hashlib.sha256(f"{src.get('sha256')}:{i}".encode()).hexdigest()
        yield rec


_URL, _SHA = "\u0000url\u0000", "\u0000sha\u0000"


def resample_lines(bases: list[str], start: int, n: int):
    """The records of :func:`resample` as JSON lines (``onrecord load RECORDS.jsonl``'s
    input: parsed where they are prepared), each base parsed once."""
    from onrecord.store.bulk import RawLine

    templates = []
    for text in bases:
        rec = json.loads(text)
        src = rec.setdefault("source", {})
        stem, sha = Path(src.get("path") or "doc").stem, src.get("sha256")
        src["url"], src["path"], src["sha256"] = _URL, None, _SHA
        templates.append((json.dumps(rec, ensure_ascii=False), stem, sha))
    for i in range(start, start + n):
        line, stem, sha = templates[i % len(templates)]
        url = json.dumps(f"https://archive.example/{i}/{stem}", ensure_ascii=False)
        digest = hashlib.sha256(f"{sha}:{i}".encode()).hexdigest()
        yield RawLine(line.replace(json.dumps(_URL), url, 1)
                      .replace(json.dumps(_SHA), f'"{digest}"', 1), f"copy {i}")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
    return xs[k]


SERVER_PIDS: list[int] = []  # PostgreSQL on this machine: the postmaster's pid
LOAD_SERVER_CPU = [0.0]  # the server's CPU seconds during the last load


def server_cpu() -> float:
    """CPU seconds of the local PostgreSQL server's processes (postmaster and its children,
    the connections' backends among them) so far; 0 when the server is not local."""
    if not SERVER_PIDS:
        return 0.0
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            f = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(d.name) in SERVER_PIDS:  # with its ended children's (connections closed)
            total += int(f[11]) + int(f[12]) + int(f[13]) + int(f[14])
        elif int(f[1]) in SERVER_PIDS:
            total += int(f[11]) + int(f[12])
    return total / tick


def find_server(store) -> None:
    """Remember the local PostgreSQL server's postmaster (the parent of this connection's
    backend), whose processes' CPU :func:`server_cpu` adds up."""
    if store.backend == "sqlite":
        return
    pid = store.dialect.query_row("SELECT pg_backend_pid() AS p")["p"]
    try:
        ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:  # a server elsewhere
        return
    SERVER_PIDS[:] = [ppid]


def timed(fn, repeat: int) -> dict:
    """Wall-clock and CPU milliseconds (p50/p95/p99/max).  On a machine shared with other
    work the wall clock includes waiting for a core; the process CPU time does not (nor,
    on PostgreSQL, the server's, given beside it when the server is local)."""
    wall, cpu, srv = [], [], []
    fn()  # warm
    for _ in range(repeat):
        v = server_cpu()  # (read outside the timed span: it reads /proc)
        t, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
        srv.append((server_cpu() - v) * 1000)
    out = {"p50": statistics.median(wall), "p95": pct(wall, 95), "p99": pct(wall, 99),
           "max": max(wall)}
    out.update({"cpu_p50": statistics.median(cpu), "cpu_p95": pct(cpu, 95),
                "cpu_p99": pct(cpu, 99)})
    if SERVER_PIDS:
        out.update({"server_cpu_p50": statistics.median(srv), "server_cpu_p95": pct(srv, 95)})
    return out


def store_bytes(store, path: str | None) -> int:
    if store.backend == "sqlite":
        return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    return int(store.dialect.query_one("SELECT SUM(pg_total_relation_size(c.oid)) AS n FROM "
                                       "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                       " WHERE c.relkind = 'r' AND n.nspname = current_schema()")
               ["n"] or 0)


def table_bytes(store, size: int) -> dict:
    """SQLite: bytes per document of each table and index, and the share of their pages'
    bytes left unused (``dbstat``)."""
    if store.backend != "sqlite":
        return {}
    try:
        rows = store.dialect.query("SELECT name, SUM(pgsize) AS b, SUM(unused) AS u FROM dbstat "
                                   "GROUP BY name ORDER BY b DESC")
    except Exception:  # noqa: BLE001  (an SQLite built without dbstat)
        return {}
    return {r["name"]: {"bytes_per_document": r["b"] / size, "unused": r["u"] / r["b"]}
            for r in rows if r["b"] / size >= 50}


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def grow(store, bases: list[str], have: int, want: int) -> tuple[float, float, float]:
    """Load documents have..want-1; returns the wall seconds, the CPU seconds of this process
    and of the other processes (those preparing records; a local PostgreSQL server's)."""
    t, c, k, v = time.perf_counter(), time.process_time(), children_cpu(), server_cpu()
    try:
        recs = resample_lines(bases, have, want - have)
    except ImportError:  # (older store code: record dicts)
        recs = resample(bases, have, want - have)
    params = inspect.signature(store.put_many).parameters
    if "workers" in params:  # records prepared by other processes, as `onrecord load` does
        store.put_many(recs, batch=500, workers=WORKERS)
    elif "batch" in params:
        store.put_many(recs, batch=500)
    else:
        for r in recs:
            store.put(r)
    LOAD_SERVER_CPU[0] = server_cpu() - v
    return time.perf_counter() - t, time.process_time() - c, children_cpu() - k + LOAD_SERVER_CPU[0]


def settle(store) -> None:
    """What a maintained archive has: planner statistics, WAL folded in."""
    d = store.dialect
    if store.backend == "sqlite":
        d.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        d.execute("ANALYZE")
    else:
        d.execute("ANALYZE")


def measure(store, url: str, repeat: int, pages: bool, timeline: bool) -> dict:
    res = {"queries": {}, "pages": {}}
    for name, fn in QUERIES.items():
        try:
            res["queries"][name] = timed(lambda: fn(store), repeat)
        except Exception as e:  # noqa: BLE001  (old code lacks some calls)
            res["queries"][name] = {"error": f"{type(e).__name__}: {e}"}
        print(f"  {name}: {res['queries'][name]}", flush=True)
    if pages:
        from fastapi.testclient import TestClient

        from onrecord.serve.app import create_app

        client = TestClient(create_app(url, create_store=False))
        for name, path in PAGES.items():
            if "timeline" in path and not timeline:
                continue
            r = client.get(path)
            if r.status_code != 200:
                res["pages"][name] = {"error": f"HTTP {r.status_code}"}
                continue
            res["pages"][name] = timed(lambda: client.get(path), max(3, repeat // 3)
                                       if "timeline" in path else repeat)
            print(f"  {name}: {res['pages'][name]}", flush=True)
        client.close()
    return res


def start_pg():
    sys.path.insert(0, str(HERE.parent / "tests"))
    from conftest_pg import PgServer, _pg_bin

    import pwd
    server = PgServer(_pg_bin(), "postgres" if os.geteuid() == 0 else
                      pwd.getpwuid(os.geteuid()).pw_name)
    server.start()
    return server


def main() -> None:
    global WORKERS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=Path, required=True)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--pg-url")
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--no-pages", action="store_true")
    ap.add_argument("--timeline-max", type=int, default=3000,
                    help="Time the timeline page only up to this many documents.")
    ap.add_argument("--compact", action="store_true",
                    help="After loading, also measure the store compacted (Store.compact), and "
                         "time the queries on it.")
    ap.add_argument("--store", help="SQLite: grow (and keep) this store instead of a new one; "
                                    "sizes below its document count are skipped.")
    ap.add_argument("--workers", type=int, default=WORKERS,
                    help="Processes preparing records while one writes (as onrecord load -j).")
    ap.add_argument("--label", default="")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    WORKERS = args.workers

    from onrecord.store import open_store

    bases = base_records(args.records)
    server = None
    tmp = Path(tempfile.mkdtemp(prefix="archive-scale-", dir=args.workdir))
    if args.backend == "postgresql":
        url = args.pg_url
        if not url:
            server = start_pg()
            url = server.url
        path = None
    else:
        path = args.store or str(tmp / "archive.db")
        url = path
    runs = []
    try:
        store = open_store(url)
        find_server(store)
        have, load_s = store.counts()["documents"], 0.0
        for size in sorted(n for n in args.sizes if n >= have):
            print(f"{args.backend}: loading to {size:,} documents …", flush=True)
            # (a size the store already holds: measured as it is, load figures of none)
            secs, cpu, kids = grow(store, bases, have, size) if size > have else (1, 0, 0)
            load_s += secs
            rate = (size - have) / secs
            cpu_rate = (size - have) / cpu if cpu else 0.0
            all_rate = (size - have) / (cpu + kids) if cpu + kids else 0.0
            have = size
            settle(store)
            nbytes = store_bytes(store, path)
            tables = table_bytes(store, size)
            compact_s, compacted = 0.0, None
            if args.compact and hasattr(store, "compact"):
                t0 = time.perf_counter()
                store.compact()
                compact_s, compacted = time.perf_counter() - t0, store_bytes(store, path)
            c = store.counts()
            print(f"  {rate:,.0f} docs/s ({cpu_rate:,.0f} per CPU-s of this process), "
                  f"{nbytes / size / 1000:.1f} kB/doc, {c}, load {os.getloadavg()}", flush=True)
            run = {"backend": args.backend, "documents": size, "statements": c["statements"],
                   "speakers": c["speakers"], "load_docs_per_s": rate,
                   "load_docs_per_cpu_s": cpu_rate, "load_docs_per_total_cpu_s": all_rate,
                   "load_server_cpu_s": LOAD_SERVER_CPU[0], "load_seconds": secs,
                   "workers": WORKERS, "loadavg": os.getloadavg(),
                   "load_seconds_total": load_s, "bytes": nbytes,
                   "bytes_per_document": nbytes / size, "tables": tables,
                   "compacted_bytes_per_document": compacted / size if compacted else None,
                   "compact_seconds": compact_s}
            run.update(measure(store, url, args.repeat, not args.no_pages,
                               size <= args.timeline_max))
            runs.append(run)
            write(runs, args)
        store.close()
    finally:
        if server is not None:
            server.stop()
        for p in tmp.glob("*"):
            p.unlink()  # (not a --store: that is elsewhere)
        tmp.rmdir()


def write(runs: list[dict], args) -> None:
    RESULTS.mkdir(exist_ok=True)
    name = "archive-scale" + (f"-{args.label}" if args.label else "") + f"-{args.backend}"
    meta = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "records": str(args.records), "repeat": args.repeat, "cpus": os.cpu_count(),
            "runs": runs}
    out = RESULTS / f"{name}.json"
    if args.store and out.exists():  # a grown store: the runs of its earlier sizes are kept
        before = json.loads(out.read_text())
        meta["runs"] = [r for r in before["runs"] if r["documents"] < runs[0]["documents"]] + runs
        meta["note"] = before.get("note", "")
        runs = meta["runs"]
    out.write_text(json.dumps(meta, indent=1) + "\n")
    lines = [f"# {name} ({meta['date']}, {meta['cpus']} cores, {args.repeat} runs per query)",
             "", *([meta["note"], ""] if meta.get("note") else []), "| | " + " | ".join(f"{r['documents']:,} docs" for r in runs) + " |",
             "|---|" + "---|" * len(runs)]
    lines.append("| statements | " + " | ".join(f"{r['statements']:,}" for r in runs) + " |")
    lines.append("| load (docs/s wall; per CPU-s of the loading process) | " + " | ".join(
        f"{r['load_docs_per_s']:,.0f}; {r['load_docs_per_cpu_s']:,.0f}"
        if r.get("load_docs_per_cpu_s") else f"{r['load_docs_per_s']:,.0f}" for r in runs) + " |")
    if any(r.get("load_docs_per_total_cpu_s") for r in runs):
        lines.append("| load (docs per CPU-s of all processes, a local server's included; preparing processes) | " + " | ".join(
            f"{r['load_docs_per_total_cpu_s']:,.0f}; {r.get('workers', 1)}"
            if r.get("load_docs_per_total_cpu_s") else "—" for r in runs) + " |")
    if any(r.get("load_server_cpu_s") for r in runs):
        lines.append("| load: wall seconds; CPU seconds of the server | " + " | ".join(
            f"{r.get('load_seconds', 0):,.0f}; {r.get('load_server_cpu_s', 0):,.0f}"
            for r in runs) + " |")
    lines.append("| load average after loading | " + " | ".join(
        f"{r['loadavg'][0]:.1f}" if r.get("loadavg") else "5-7" for r in runs) + " |")
    lines.append("| disk per document | " + " | ".join(
        f"{r['bytes_per_document'] / 1000:.1f} kB" for r in runs) + " |")
    if any(r.get("compacted_bytes_per_document") for r in runs):
        lines.append("| disk per document, compacted (`Store.compact`; seconds it took) | " + " | ".join(
            f"{r['compacted_bytes_per_document'] / 1000:.1f} kB"
            + (f" ({r['compact_seconds']:.0f} s)" if r.get("compact_seconds") else "")
            if r.get("compacted_bytes_per_document") else "—" for r in runs) + " |")
    lines.append("| store size | " + " | ".join(f"{r['bytes'] / 1e9:.2f} GB" for r in runs) + " |")
    tables = list(dict.fromkeys(t for r in runs for t in r.get("tables") or {}))
    for t in tables:
        lines.append(f"| disk: `{t}` (kB/doc, unused) | " + " | ".join(
            f"{r['tables'][t]['bytes_per_document'] / 1000:.2f}; {r['tables'][t]['unused']:.0%}"
            if t in (r.get("tables") or {}) else "—" for r in runs) + " |")
    for kind in ("queries", "pages"):
        names = list(dict.fromkeys(n for r in runs for n in r[kind]))
        for n in names:
            cells = []
            for r in runs:
                v = r[kind].get(n)
                if v is None:
                    cells.append("—")
                elif "error" in v:
                    cells.append(v["error"][:40])
                else:
                    cells.append(f"{v['p50']:.1f} / {v['p95']:.1f} / {v['p99']:.1f} ms" + (
                        f" (CPU {v['cpu_p50']:.1f} / {v['cpu_p95']:.1f} / {v['cpu_p99']:.1f})"
                        if "cpu_p50" in v else "") + (
                        f" (server CPU {v['server_cpu_p50']:.0f} / {v['server_cpu_p95']:.0f})"
                        if "server_cpu_p50" in v else ""))
            lines.append(f"| {'page ' if kind == 'pages' else ''}`{n}` p50/p95/p99 | "
                         + " | ".join(cells) + " |")
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
