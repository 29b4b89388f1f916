"""Precision of persuasion markers on hand-labelled samples (tests/data/persuasion_labels.json).

    python bench/persuasion_precision.py [--shared ../shared]
    python bench/persuasion_precision.py --fit [--shared ../shared]
    python bench/persuasion_precision.py --heldout [--check] [--shared ../shared]

--heldout prints the precision on the held-out labelled set (corpus/persuasion/heldout.json,
labelled with docs/annotation.md) per sample, per kind and in all, with a 95% bootstrap
interval that resamples documents (markers of one page are not independent); it writes
bench/results/persuasion-heldout.md.  --check first analyses the held-out texts again and
lists markers the labels lack or labels no marker has (the labels must match the rules).

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


HELDOUT = ROOT / "corpus" / "persuasion" / "heldout.json"


def heldout_paths(data: dict, shared: Path) -> list[Path]:
    where = {"polnear-dev": shared / "data" / "polnear" / "dev" / "text",
             "polnear-train": shared / "data" / "polnear" / "train" / "text",
             "web": ROOT / "corpus" / "web" / "pages"}
    return [where[group] / name for group, names in data["files"].items() for name in names]


def bootstrap(labels: list[dict], n: int = 10000, seed: int = 0) -> tuple[float, float]:
    """95% interval of precision, resampling documents with their markers."""
    import random

    by_doc: dict = {}
    for lab in labels:
        by_doc.setdefault(lab["file"], []).append(lab["label"])
    docs = [(sum(v), len(v)) for v in by_doc.values()]
    rng = random.Random(seed)
    stats = []
    for _ in range(n):
        pick = [docs[rng.randrange(len(docs))] for _ in docs]
        stats.append(sum(c for c, _ in pick) / max(1, sum(t for _, t in pick)))
    stats.sort()
    return stats[int(0.025 * n)], stats[int(0.975 * n) - 1]


def heldout(shared: Path, check: bool) -> int:
    data = json.loads(HELDOUT.read_text(encoding="utf-8"))
    labels = data["labels"]
    if check:
        paths = heldout_paths(data, shared)
        missing = [p for p in paths if not p.exists()]
        if missing:
            print(f"--check needs every held-out text: {len(missing)} missing, e.g. {missing[0]}")
            return 2
        got = markers_of(paths)
        have = {(m_file, m.start, m.kind) for m_file, ms in got.items() for m in ms}
        known = {(lab["file"], lab["start"], lab["kind"]) for lab in labels}
        for key in sorted(have - known):
            print("marker without a label:", *key)
        for key in sorted(known - have):
            print("label without a marker:", *key)
        if have != known:
            return 1
        print(f"labels match the {len(have)} markers of the current rules")
    lines = ["| sample | documents | markers | correct | precision | 95% bootstrap interval |",
             "|---|---:|---:|---:|---:|---|"]

    def row(name: str, labs: list[dict], ndocs: int) -> None:
        ok = sum(lab["label"] for lab in labs)
        lo, hi = bootstrap(labs)
        lines.append(f"| {name} | {ndocs} | {len(labs)} | {ok} | {ok / len(labs):.3f} | {lo:.3f}–{hi:.3f} |")

    for group, names in data["files"].items():
        labs = [lab for lab in labels if lab["set"] == group]
        if labs:
            row(group, labs, len(names))
    row("all", labels, sum(len(v) for v in data["files"].values()))
    lines += ["", "| kind | markers | correct | precision |", "|---|---:|---:|---:|"]
    kinds = Counter(lab["kind"] for lab in labels)
    for kind, n in kinds.most_common():
        ok = sum(lab["label"] for lab in labels if lab["kind"] == kind)
        lines.append(f"| {kind} | {n} | {ok} | {ok / n:.3f} |")
    lines += ["", "| rule | markers | correct |", "|---|---:|---:|"]
    for rule, n in Counter(lab["rule"] for lab in labels).most_common():
        lines.append(f"| {rule} | {n} | {sum(lab['label'] for lab in labels if lab['rule'] == rule)} |")
    text = "\n".join(lines)
    print(text)
    out = ROOT / "bench" / "results" / "persuasion-heldout.md"
    out.write_text("# Persuasion markers on the held-out labelled set\n\n"
                   "`python bench/persuasion_precision.py --heldout` (labels: corpus/persuasion/heldout.json, "
                   "criteria: docs/annotation.md)\n\n" + text + "\n", encoding="utf-8")
    return 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--fit", action="store_true", help="per-rule matches: seed pages vs PolNeAR train")
    ap.add_argument("--heldout", action="store_true", help="precision on corpus/persuasion/heldout.json")
    ap.add_argument("--check", action="store_true", help="with --heldout: labels match the current markers")
    args = ap.parse_args()
    shared = Path(args.shared)
    if args.fit:
        fit(shared)
        return
    if args.heldout:
        raise SystemExit(heldout(shared, args.check))
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
