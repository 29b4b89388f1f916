#!/usr/bin/env python3
"""List every candidate event onrecord finds on the corpus pages, for annotation and scoring.

    python scripts/event_candidates.py [--split tune|report|all|polnear-train] [--out FILE.jsonl]

``--split polnear-train`` lists the candidates of PolNeAR train articles drawn at random
(``--per-outlet`` of each of its seven outlets, ``--seed``; never a dev or test article).

One JSON line per candidate (counted or not): the page, its site and split, the trigger's
offsets and words, its sentence, the project type, the PLOVER type and mode, actor and
recipient, date and basis, whether onrecord counts it (``counted``) and, if not, why
(``not_happened``), and the counted event it was merged into (``merged_into``: trigger start).
The annotation of these lines is ``corpus/events/gold.jsonl`` (docs/annotation.md).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


POLNEAR_TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def polnear_train_sample(per_outlet: int, seed: int) -> list[Path]:
    """``per_outlet`` PolNeAR train articles of each outlet, drawn with ``seed``."""
    import random

    by_outlet: dict[str, list[Path]] = {}
    for p in sorted(POLNEAR_TRAIN.glob("*.txt")):
        by_outlet.setdefault(p.name.split("_")[0], []).append(p)
    rng = random.Random(seed)
    return sorted(p for o in sorted(by_outlet) for p in rng.sample(by_outlet[o], per_outlet))


def candidates(split: str, per_outlet: int = 9, seed: int = 24):
    from onrecord.ingest import iter_inputs
    from onrecord.pipeline import analyze_items

    from onrecord.evaluate import load_corpus, pages_of

    web_gold, sp = load_corpus(ROOT / "corpus")
    if split == "polnear-train":
        pages = polnear_train_sample(per_outlet, seed)
    else:   # the pages `onrecord eval web` reads (.txt, .md, .html), not only *.txt
        pages = [ROOT / "corpus" / "web" / "pages" / n for n in pages_of(web_gold, sp, split)]
    for o in analyze_items(iter_inputs([str(p) for p in pages]), jobs=2):
        r = o.record
        if r is None:
            continue
        name = Path(o.item.name).name
        site = name.split("__")[0] if split != "polnear-train" else name.split("_")[0]
        counted = {}
        for ev in r.events:
            for e in ev.evidences or [ev.evidence]:
                counted.setdefault((e.start, e.end, ev.plover, ev.actor), ev.trigger.start)
        for ev in r.event_candidates:
            key = (ev.evidence.start, ev.evidence.end, ev.plover, ev.actor)
            yield {"doc": name, "site": site, "split": ("polnear-train" if split == "polnear-train"
                                                      else "tune" if site in sp["tune"] else "report"),
                   "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
                   "trigger": ev.trigger.text, "sentence": r.text[ev.evidence.start:ev.evidence.end],
                   "type": ev.type, "plover": ev.plover, "mode": ev.mode, "context": ev.context,
                   "actor": ev.actor_name, "recipient": ev.target_name, "date": ev.date,
                   "date_basis": ev.date_basis, "published": r.document.published,
                   "counted": any(e is ev for e in r.events),
                   "merged_into": counted.get(key) if not any(e is ev for e in r.events) else None,
                   "not_happened": ev.not_happened,
                   "actor_type": ev.actor_type, "reported_by": (ev.reported_by or {}).get("name")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="all", choices=["tune", "report", "all", "polnear-train"])
    ap.add_argument("--per-outlet", type=int, default=9)
    ap.add_argument("--seed", type=int, default=24)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    out = open(a.out, "w", encoding="utf-8") if a.out else sys.stdout
    for c in candidates(a.split, a.per_outlet, a.seed):
        out.write(json.dumps(c, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
