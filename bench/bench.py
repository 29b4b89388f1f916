#!/usr/bin/env python3
"""Throughput and cost-growth benchmark for onrecord (not part of the test suite).

    /work/venv/bin/python bench/bench.py                      # throughput on PolNeAR train texts
    /work/venv/bin/python bench/bench.py --texts ../shared/data/polnear/train/text --limit 200
    /work/venv/bin/python bench/bench.py --growth 1000,10000 --jobs 2   # cost growth

Throughput mode measures, on the same texts, articles/s and MB/s (input bytes) of

* ``bare``    – a bare spaCy parse with onrecord's model: ``onrecord.parse.load_base(guard=False)`` + ``nlp.pipe``
* ``full``    – the full onrecord analysis: ``analyze_items`` (decode, clean, parse, attribution,
  speakers, voice) plus the record serialised to JSON
* ``textacy`` – the peer: the same bare parse + ``textacy.extract.triples.direct_quotations``
  (skipped if textacy is not installed)
* ``ingest``  – the full analysis stored into a fresh SQLite store (``onrecord.store``), as
  ``onrecord ingest`` does (skipped if the store package is absent)

and reports the full analysis as a ratio to the bare parse.  Every measurement runs in a
fresh child process; its peak RSS (process and its children, sampled, and ``ru_maxrss``)
includes the loaded model.  Model loading and one warm-up batch are excluded from times.

Growth mode analyses N documents (PolNeAR texts repeated, streamed, never all in memory)
for each N and records time and peak RSS, with RSS checkpoints every 10 % of the run, to
show that time grows linearly and memory stays flat.  The peak RSS is the largest sampled
sum over the run's process and its workers (every 50 ms); the figures per process (this
process first, then workers; a process's kernel high-water mark VmHWM beside its sampled
peak) show where the memory is.  With ``--jobs 2`` the target is a summed peak ≤ 1 GiB:

    /work/venv/bin/python bench/bench.py --growth 1000,10000 --growth-mode ingest --jobs 2

Results go to ``bench/results/<name>.json`` and ``.md`` and are printed.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
RESULTS = ROOT / "bench" / "results"


# --------------------------------------------------------------------------- memory
class PeakRSS:
    """Samples the RSS of this process plus all its descendants (worker processes).

    ``peak`` is the largest sampled sum; ``per_process`` keeps, for every process seen, its
    largest sampled RSS and its kernel high-water mark (VmHWM, exact even between samples).
    """

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0
        self.per_process: dict[int, dict] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _tree() -> list[int]:
        try:
            import psutil
        except ImportError:
            return [os.getpid()]
        me = psutil.Process()
        try:
            return [me.pid] + [p.pid for p in me.children(recursive=True)]
        except Exception:
            return [me.pid]

    @staticmethod
    def _status(pid: int) -> tuple[int, int] | None:
        """(VmRSS, VmHWM) in bytes, from /proc."""
        try:
            with open(f"/proc/{pid}/status") as f:
                vals = {k: int(v.split()[0]) * 1024 for k, v in
                        (line.split(":", 1) for line in f if line.startswith(("VmRSS", "VmHWM")))}
            return vals["VmRSS"], vals["VmHWM"]
        except (OSError, KeyError, ValueError):
            return None

    def sample(self) -> int:
        if not os.path.exists("/proc/self/status"):   # no /proc: this process only
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        total = 0
        for pid in self._tree():
            st = self._status(pid)
            if st is None:
                continue
            rss, hwm = st
            total += rss
            rec = self.per_process.setdefault(pid, {"rss": 0, "hwm": 0})
            rec["rss"] = max(rec["rss"], rss)
            rec["hwm"] = max(rec["hwm"], hwm)
        return total

    def report(self) -> dict:
        """Peak figures in MB: the summed peak, and per process (this one first)."""
        me = os.getpid()
        procs = sorted(self.per_process.items(), key=lambda kv: (kv[0] != me, kv[0]))
        mb = lambda b: round(b / 2**20, 1)  # noqa: E731
        return {"peak_rss_mb": mb(self.peak),
                "peak_rss_per_process_mb": [mb(r["rss"]) for _, r in procs],
                "hwm_per_process_mb": [mb(r["hwm"]) for _, r in procs],
                "hwm_sum_mb": mb(sum(r["hwm"] for _, r in procs))}

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(self.interval)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self.sample())


def maxrss_mb() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"ru_maxrss_self_mb": round(own, 1), "ru_maxrss_children_mb": round(kids, 1)}


_CPU0 = [0.0]


def _cpu_now() -> float:
    """User+system CPU seconds of this process and its reaped children (workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _start() -> float:
    """Start of a timed section: wall clock, and CPU time (robust on shared cores)."""
    _CPU0[0] = _cpu_now()
    return time.perf_counter()


# --------------------------------------------------------------------------- inputs
def load_files(texts_dir: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in texts_dir.iterdir() if p.is_file())
    return files[:limit] if limit else files


def iter_items(files: list[Path], n: int | None = None, novel: bool = False):
    """InputItems for the files (cycled to ``n`` documents when given), streamed."""
    from onrecord.ingest.sources import read_file, InputItem

    if n is None:
        for p in files:
            yield read_file(p)
        return
    raw = [(p, p.read_bytes()) for p in files]
    for i, (p, data) in enumerate(itertools.islice(itertools.cycle(raw), n)):
        if novel:  # words never seen before in every document, as in a real archive
            data = data + f"\n\nFiled under Zq{i:06d}x and Kv{i * 7919:08d}w.\n".encode()
        # distinct names/paths: every document is new to the store
        yield InputItem(name=f"{i:06d}-{p.name}", data=data, path=f"{p.parent}/{i:06d}-{p.name}",
                        content_type="text")


# --------------------------------------------------------------------------- child runs
def run_bare(files, jobs, batch_size):
    from onrecord.parse import load_base

    nlp = load_base(guard=False)  # onrecord's sentence guard counts as analysis
    texts = [p.read_bytes().decode("utf-8", "replace") for p in files]
    list(nlp.pipe(texts[:4]))
    t0 = _start()
    ntok = sum(len(d) for d in nlp.pipe(texts, batch_size=batch_size,
                                         n_process=jobs if jobs > 1 else 1))
    return time.perf_counter() - t0, {"tokens": ntok}


def run_textacy(files, jobs, batch_size):
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as e:
        return None, {"skipped": f"textacy not installed ({e})"}
    from onrecord.parse import load_base

    nlp = load_base(guard=False)
    texts = [p.read_bytes().decode("utf-8", "replace") for p in files]
    list(nlp.pipe(texts[:4]))
    t0 = _start()
    nq = 0
    errors = 0
    for d in nlp.pipe(texts, batch_size=batch_size, n_process=jobs if jobs > 1 else 1):
        try:
            nq += sum(1 for _ in direct_quotations(d))
        except Exception:  # textacy's extractor raises on some documents
            errors += 1
    return time.perf_counter() - t0, {"quotations": nq, "docs_with_errors": errors}


def _warm(jobs: int = 1):
    """Load the model in this process (only when it analyses; workers load their own)."""
    if jobs > 1:
        return
    from onrecord.pipeline import get_nlp
    from onrecord.pipeline import analyze

    get_nlp()
    analyze('Warm-up. "We will win," the minister said on Monday, according to officials.\n')


def _checkpoint(checkpoints: list, i: int, t0: float) -> None:
    c = {"docs": i, "seconds": round(time.perf_counter() - t0, 2),
         "rss_mb": round(checkpoints_sampler.sample() / 2**20, 1)}
    checkpoints.append(c)
    RESULTS.mkdir(parents=True, exist_ok=True)
    with open(RESULTS / "progress.jsonl", "a") as f:   # survives an interrupted run
        f.write(json.dumps(c) + "\n")


def run_full(files, jobs, batch_size, n=None, checkpoints=None, novel=False):
    from onrecord.pipeline import analyze_items

    _warm(jobs)
    t0 = _start()
    ok = fail = out_bytes = atts = 0
    marks = []
    step = max(1, n // 10) if n else None
    for i, o in enumerate(analyze_items(iter_items(files, n, novel), jobs=jobs, batch_size=batch_size), 1):
        if o.record is None:
            fail += 1
        else:
            ok += 1
            d = o.record.to_dict()
            atts += len(d["attributions"])
            out_bytes += len(json.dumps(d, ensure_ascii=False))
        if checkpoints is not None and step and i % step == 0:
            _checkpoint(checkpoints, i, t0)
    return time.perf_counter() - t0, {"ok": ok, "failed": fail, "attributions": atts,
                                      "json_bytes": out_bytes}


def run_ingest(files, jobs, batch_size, n=None, checkpoints=None, novel=False):
    try:
        from onrecord.store import open_store
    except ImportError as e:
        return None, {"skipped": f"store package absent ({e})"}
    from onrecord.pipeline import analyze_items

    _warm(jobs)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        t0 = _start()
        put_s = 0.0
        counts: dict[str, int] = {}
        step = max(1, n // 10) if n else None
        for i, o in enumerate(analyze_items(iter_items(files, n, novel), jobs=jobs,
                                            batch_size=batch_size), 1):
            if o.record is None:
                counts["failed"] = counts.get("failed", 0) + 1
            else:
                t1 = time.perf_counter()
                status, _ = store.put(o.record)
                put_s += time.perf_counter() - t1
                counts[status] = counts.get(status, 0) + 1
            if checkpoints is not None and step and i % step == 0:
                _checkpoint(checkpoints, i, t0)
        elapsed = time.perf_counter() - t0
        store.close()
        db_mb = (Path(tmp) / "bench.db").stat().st_size / 2**20
    return elapsed, {"store_put_seconds": round(put_s, 2), "db_mb": round(db_mb, 1), **counts}


checkpoints_sampler = PeakRSS()


def child(args) -> dict:
    files = load_files(Path(args.texts), args.limit)
    n = args.n
    nbytes = sum(p.stat().st_size for p in files)
    if n:
        per = [p.stat().st_size for p in files]
        nbytes = sum(per[i % len(per)] for i in range(n))
    fn = {"bare": run_bare, "textacy": run_textacy, "full": run_full, "ingest": run_ingest}[args.child]
    checkpoints: list = [] if n else None
    with PeakRSS() as mem:
        if args.child in ("full", "ingest"):
            secs, extra = fn(files, args.jobs, args.batch_size, n, checkpoints, args.novel)
        else:
            secs, extra = fn(files, args.jobs, args.batch_size)
    cpu = _cpu_now() - _CPU0[0]
    docs = n or len(files)
    res = {"mode": args.child, "docs": docs, "mb": round(nbytes / 1e6, 3), "jobs": args.jobs,
           **mem.report(), **maxrss_mb(), **extra}
    if secs is not None:
        res.update(seconds=round(secs, 2), cpu_seconds=round(cpu, 2), articles_per_s=round(docs / secs, 2),
                   mb_per_s=round(nbytes / 1e6 / secs, 3))
    if checkpoints:
        res["checkpoints"] = checkpoints
    return res


def spawn(mode: str, args, n: int | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--texts", str(args.texts),
           "--jobs", str(args.jobs), "--batch-size", str(args.batch_size)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    if args.novel:
        cmd += ["--novel"]
    if n:
        cmd += ["--n", str(n)]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    print(f"  running {mode}{f' n={n}' if n else ''} …", file=sys.stderr, flush=True)
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        return {"mode": mode, "error": p.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def machine() -> dict:
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
            "loadavg_at_start": load,
            "note": "2 shared cores (other work was running): compare ratios, not seconds"}


# --------------------------------------------------------------------------- reports
def throughput(args) -> dict:
    runs = {}
    for mode in args.modes.split(","):
        runs[mode] = spawn(mode, args)
    # a second bare/full pair, interleaved, to damp noise from shared cores
    if not args.once:
        for mode in ("bare", "full"):
            if mode in runs and "seconds" in runs[mode]:
                again = spawn(mode, args)
                if "seconds" in again and again["seconds"] < runs[mode]["seconds"]:
                    again["peak_rss_mb"] = max(again["peak_rss_mb"], runs[mode]["peak_rss_mb"])
                    runs[mode] = again
    out = {"kind": "throughput", "texts": str(args.texts), "machine": machine(), "runs": runs}
    b, f = runs.get("bare", {}), runs.get("full", {})
    if "seconds" in b and "seconds" in f:
        out["ratio_full_to_bare"] = round(f["seconds"] / b["seconds"], 3)
        out["ratio_full_to_bare_cpu"] = round(f["cpu_seconds"] / b["cpu_seconds"], 3)
    return out


def growth(args) -> dict:
    sizes = [int(x) for x in args.growth.split(",")]
    runs = [spawn(args.growth_mode, args, n) for n in sizes]
    out = {"kind": "growth", "mode": args.growth_mode, "texts": str(args.texts), "machine": machine(),
           "runs": runs}
    ok = [r for r in runs if "seconds" in r]
    if len(ok) >= 2:
        a, z = ok[0], ok[-1]
        out["time_ratio"] = round(z["seconds"] / a["seconds"], 2)
        out["docs_ratio"] = round(z["docs"] / a["docs"], 2)
        out["per_doc_ms"] = [round(1000 * r["seconds"] / r["docs"], 1) for r in ok]
        out["rss_ratio"] = round(z["peak_rss_mb"] / a["peak_rss_mb"], 2)
    return out


def markdown(res: dict) -> str:
    lines = []
    m = res["machine"]
    lines.append(f"Machine: {m['cpus']} CPUs, Python {m['python']}, load at start {m['loadavg_at_start']} "
                 f"— {m['note']}.")
    lines.append("")
    if res["kind"] == "throughput":
        lines.append(f"Texts: `{res['texts']}`")
        lines.append("")
        lines.append("| run | docs | MB | jobs | seconds | CPU s | articles/s | MB/s | peak RSS (MB) | notes |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for mode, r in res["runs"].items():
            if "seconds" not in r:
                lines.append(f"| {mode} | | | | | | | | | {r.get('skipped') or r.get('error')} |")
                continue
            notes = ", ".join(f"{k}={v}" for k, v in r.items()
                              if k in ("tokens", "quotations", "docs_with_errors", "attributions",
                                       "failed", "store_put_seconds", "db_mb", "ingested"))
            lines.append(f"| {mode} | {r['docs']} | {r['mb']} | {r['jobs']} | {r['seconds']} | {r['cpu_seconds']} | "
                         f"{r['articles_per_s']} | {r['mb_per_s']} | {r['peak_rss_mb']} | {notes} |")
        if "ratio_full_to_bare" in res:
            lines.append("")
            lines.append(f"Full analysis / bare spaCy parse: **{res['ratio_full_to_bare']}×** wall time, "
                         f"**{res['ratio_full_to_bare_cpu']}×** CPU time (target ≤ 1.3)")
    else:
        lines.append(f"Growth ({res['mode']}), texts repeated from `{res['texts']}`")
        lines.append("")
        lines.append("| docs | MB | jobs | seconds | CPU s | ms/doc | articles/s | peak RSS (MB) "
                     "| per process: peak (VmHWM) (MB) | RSS at 10 %…100 % (MB) |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
        for r in res["runs"]:
            if "seconds" not in r:
                lines.append(f"| | | | | | | | | {r.get('error')} |")
                continue
            cps = " ".join(str(int(c["rss_mb"])) for c in r.get("checkpoints", []))
            per = " + ".join(f"{int(a)} ({int(b)})" for a, b in
                             zip(r.get("peak_rss_per_process_mb", []), r.get("hwm_per_process_mb", [])))
            lines.append(f"| {r['docs']} | {r['mb']} | {r['jobs']} | {r['seconds']} | {r['cpu_seconds']} | "
                         f"{1000 * r['seconds'] / r['docs']:.1f} | {r['articles_per_s']} | "
                         f"{r['peak_rss_mb']} | {per} | {cps} |")
        if "time_ratio" in res:
            lines.append("")
            lines.append(f"{res['docs_ratio']}× the documents took {res['time_ratio']}× the time; "
                         f"peak RSS grew {res['rss_ratio']}×.")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of PolNeAR-style .txt files")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N files")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (nlp.pipe n_process for bare)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--modes", default="bare,full,textacy,ingest")
    ap.add_argument("--once", action="store_true", help="one run per mode (no repeat of bare/full)")
    ap.add_argument("--growth", default=None, help="comma-separated document counts, e.g. 1000,10000")
    ap.add_argument("--growth-mode", default="full", choices=["full", "ingest"])
    ap.add_argument("--novel", action="store_true",
                    help="growth: add never-seen words to every repeated document")
    ap.add_argument("--name", default=None, help="results file name (default: throughput / growth)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        sys.path.insert(0, str(ROOT / "src"))
        print(json.dumps(child(args)))
        return 0
    args.texts = args.texts.resolve()
    res = growth(args) if args.growth else throughput(args)
    name = args.name or (f"growth-{args.growth_mode}" if args.growth else "throughput")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(res, indent=1) + "\n")
    md = markdown(res)
    (RESULTS / f"{name}.md").write_text(md)
    print(json.dumps(res, indent=1))
    print()
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
