"""Precision of persuasion markers on hand-labelled samples (tests/data/persuasion_labels.json).

    python bench/persuasion_precision.py [--shared ../shared]
    python bench/persuasion_precision.py --fit [--shared ../shared]

--fit prints, for every rule of the lexicon (src/onrecord/resolve/persuasion_rules.json),
how many seed pages and PolNeAR train articles it matches: a rule that matches the
seed pages and no train article was fitted to the seeds.

Analyses the seeds (and the PolNeAR dev sample, if present) with the current
rules, matches every marker to a label by (file, start, kind), and prints
precision per sample and per kind.  Markers with no label are listed: label
them in the JSON to keep the figure honest.  The 'polnear-first-pass' labels
record the first held-out run; the current rules' figure on that sample is
printed beside it.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def markers_of(paths):
    from onrecord.pipeline import analyze_many

    out = {}
    for o in analyze_many(paths):
        if o.record is None:
            continue
        name = Path(o.item.path or o.item.name).name
        out[name] = [m for s in o.record.sentences for m in getattr(s, "markers", [])]
    return out


def fit(shared: Path) -> None:
    import re

    from onrecord.resolve.persuasion import RULES

    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "seeds").glob("*.txt"))]
    train = [p.read_text(encoding="utf-8")
             for p in sorted((shared / "data" / "polnear" / "train" / "text").glob("*.txt"))]
    print(f"{'kind':16} {'rule':32} seeds/{len(seeds)} train/{len(train)}")
    only_seeds = 0
    for kind, name, pat in RULES:
        rx = re.compile(pat, re.I)
        s = sum(1 for t in seeds if rx.search(t))
        tr = sum(1 for t in train if rx.search(t))
        only_seeds += s > 0 and tr == 0
        print(f"{kind:16} {name:32} {s:8} {tr:9}")
    print(f"{len(RULES)} rules; {only_seeds} match a seed page and no train article")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--fit", action="store_true", help="per-rule matches: seed pages vs PolNeAR train")
    args = ap.parse_args()
    shared = Path(args.shared)
    if args.fit:
        fit(shared)
        return
    data = json.loads((ROOT / "tests" / "data" / "persuasion_labels.json").read_text(encoding="utf-8"))
    labels = data["labels"]
    seeds = sorted((ROOT / "examples" / "seeds").glob("*.txt"))
    pn_dir = shared / "data" / "polnear" / "dev" / "text"
    pn = [pn_dir / f for f in data.get("polnear_files", []) if (pn_dir / f).exists()]

    # seeds: every current marker against its label
    by_key = {(l["file"], l["start"], l["kind"]): l["label"] for l in labels if l["set"] == "seeds"}
    got = markers_of(seeds)
    tp = fp = 0
    per_kind: Counter = Counter()
    per_kind_tp: Counter = Counter()
    unlabelled = []
    for name, ms in got.items():
        for m in ms:
            lab = by_key.get((name, m.start, m.kind))
            if lab is None:
                unlabelled.append((name, m.start, m.kind, m.text))
                continue
            per_kind[m.kind] += 1
            per_kind_tp[m.kind] += lab
            tp += lab
            fp += not lab
    print(f"seeds (development texts): {tp}/{tp + fp} markers correct, precision {tp / max(1, tp + fp):.3f}")
    for k in sorted(per_kind):
        print(f"  {k:16} {per_kind_tp[k]}/{per_kind[k]}")
    # held-out first pass, as labelled
    first = [l for l in labels if l["set"] == "polnear-first-pass"]
    if first:
        ok = sum(l["label"] for l in first)
        print(f"PolNeAR dev sample, first pass ({len(data['polnear_files'])} articles, held out): "
              f"{ok}/{len(first)} correct, precision {ok / len(first):.3f}")
    held = [l for l in labels if l["set"] == "polnear-train-heldout"]
    if held:
        ok = sum(l["label"] for l in held)
        print(f"PolNeAR train, held out ({len(data['polnear_train_heldout_files'])} articles): "
              f"{ok}/{len(held)} markers correct, precision {ok / len(held):.3f}")
    if pn:
        now = markers_of(pn)
        n = sum(len(v) for v in now.values())
        print(f"PolNeAR dev sample, current rules: {n} markers")
        for name, ms in now.items():
            for m in ms:
                print(f"  {name}: {m.kind} {m.text!r} ({m.rule})")
    if unlabelled:
        print(f"{len(unlabelled)} seed markers have no label:")
        for u in unlabelled:
            print("  ", *u)


if __name__ == "__main__":
    main()
