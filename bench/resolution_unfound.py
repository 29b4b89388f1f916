"""Why a labelled source of the resolution gold is never found (not part of the tests).

    python bench/resolution_unfound.py GOLD_JSON POLNEAR_SPLIT_DIR PRED_DIR [--shared ../shared] [--examples]

``score.py resolution`` counts a labelled source mention as found when some predicted
attribution's source overlaps it.  For each one that is not, this reads the PolNeAR attribution
whose source holds it and sorts the miss into: the attribution is missed (no predicted content
overlaps the gold content by a Jaccard of 0.1 or more), found with no source, or found with
another source (the predicted attribution whose content overlaps most).  Counts per mention
class; ``--examples`` lists each miss (use it on train gold only: dev is for reporting).
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def breakdown(S, gold_json: Path, split: Path, pred: Path, examples: bool) -> collections.Counter:
    gold = json.loads(gold_json.read_text(encoding="utf-8"))["articles"]
    counts: collections.Counter = collections.Counter()
    for stem, items in sorted(gold.items()):
        text = S.read_text(split / "text" / f"{stem}.txt")
        anns = sorted((split / "attributions").glob(f"{stem}_*.ann"))
        golds = S.parse_ann(anns[0]) if anns else []
        path = pred / f"{stem}.json"
        atts = json.loads(path.read_text(encoding="utf-8")).get("attributions", []) if path.exists() else []
        for g in items:
            if not g.get("canonical"):
                continue
            gs = set(range(g["start"], g["end"]))
            if any(gs & set(range(s, e)) for a in atts for s, e in S.spans_of(a.get("source"))):
                continue
            cls = S.mention_class(g["text"])
            mine = [ga for ga in golds if any(gs & set(range(s, e)) for s, e in ga["source"])]
            if not mine:
                counts[(cls, "no PolNeAR attribution")] += 1
                continue
            gc = S.charset(mine[0]["content"])
            best, bj = None, 0.0
            for a in atts:
                j = S.jaccard(gc, S.charset(S.spans_of(a.get("content"))))
                if j > bj:
                    best, bj = a, j
            why = ("attribution missed" if best is None or bj < 0.1 else
                   "found, no source" if not best.get("source") else "found, other source")
            counts[(cls, why)] += 1
            if examples:
                src = best.get("source") if best else None
                print(f"{why}: {stem} [{cls}] {g['text']!r} cue={[text[s:e] for s, e in mine[0]['cue']]}"
                      + (f" -> source {text[src['start']:src['end']]!r}" if src else ""))
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("split", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--examples", action="store_true")
    args = ap.parse_args()
    counts = breakdown(scorer(args.shared), args.gold, args.split, args.pred, args.examples)
    whys = collections.Counter()
    for (cls, why), n in sorted(counts.items()):
        print(f"{cls:12} {why:24} {n}")
        whys[why] += n
    print(json.dumps(dict(whys)))


if __name__ == "__main__":
    main()
