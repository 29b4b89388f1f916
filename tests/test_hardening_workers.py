"""Worker processes of ``onrecord analyze --jobs 2`` end with their parent.

Without ``die_with_parent`` (PR_SET_PDEATHSIG + a parent watch) both workers of a run
killed with SIGKILL kept running; without the SIGTERM handler and ``stop_pool`` a run
sent SIGTERM left them behind too.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("The harbor commission voted on Wednesday to approve the plan. \"This is the most "
           "important vote this commission has taken in a decade,\" said commissioner Ruth "
           "Alvarez, who sponsored the measure. Opponents said the work would harm the oyster "
           "beds. ") * 60

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _start(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(80):
        (docs / f"d{i:03d}.txt").write_text(f"Story {i}\n\n" + ARTICLE, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-c", "from onrecord.cli import main; main()",
                             "analyze", str(docs), "--jobs", "2", "--format", "jsonl"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            start_new_session=True)
    deadline = time.monotonic() + 90
    workers: list[int] = []
    while time.monotonic() < deadline:
        workers = [p for p in _children(proc.pid) if _alive(p)]
        if len(workers) >= 2:
            break
        time.sleep(0.2)
    if len(workers) < 2:
        proc.kill()
        pytest.fail("the run did not start two workers")
    time.sleep(3)  # workers busy loading the model / analysing
    return proc, workers


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [p for p in pids if _alive(p)]
        if not left:
            return []
        time.sleep(0.2)
    return [p for p in pids if _alive(p)]


def _cleanup(pids):
    for p in pids:
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass


def test_workers_end_when_the_parent_is_killed(tmp_path):
    proc, workers = _start(tmp_path)
    proc.kill()
    proc.wait(10)
    left = _wait_gone(workers, 10)
    _cleanup(left)
    assert left == [], "workers outlived their killed parent"


def test_sigterm_stops_the_run_and_its_workers(tmp_path):
    proc, workers = _start(tmp_path)
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        _cleanup(workers)
        pytest.fail("the run did not end within 20 s of SIGTERM")
    left = _wait_gone(workers, 10)
    _cleanup(left)
    assert left == []
    assert code == 130
