"""What limits the main target and the stance of "to and about whom", on the TRAIN half only.

    python scripts/whom_limits.py [--shared ../shared] [--cache DIR] [--list]

Analyses the train documents of ``corpus/whom/train.json`` as ``scripts/train_whom.py`` does
(``--cache``: the same parse cache) and prints, cross-validated by site with the shipped
model's settings (target rank C=0.3; stance C=0.3 without the tok2vec part):

- the target **ceiling** (the gold target among the stage's candidates, or no target) and why
  the gold target is missing where it is: the statement names it only by a pronoun or a
  description, only its context names it, it is named but no candidate is made of it (title
  case, a handle, a hyphenated word, a name nested in a longer one), a group named by a common
  noun, or it is the pipeline's speaker (a misattributed statement);
- where the gold target is a candidate: right, "none" chosen, a candidate chosen where the
  gold says none, another candidate chosen;
- the stance confusion (gold → predicted) where the gold target is a candidate.

Never reads the held-out half.  ``--list`` prints every statement of each group.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import train_whom as T  # noqa: E402

CFG = {"second": 0.5, "kind": "rank", "C_t": 0.3, "thr": None, "C_s": 0.3, "drop": ("dense",)}
_PRON = re.compile(r"\b(he|she|him|his|her|they|them|their)\b")
_DESC = re.compile(r"\b(the|her|his|their|our|my|this)\s+(\w+\s+)?(candidate|opponent|rival|secretary|judge|museum|"
                   r"businessman|network|brother|son|president|campaign|panel|agents|coalition|administration|"
                   r"director|nominee|party|city)\b")


def why_missing(e: dict, speaker) -> str:
    t, low = e["target"], e["content"].lower()
    if speaker and T.same(t, speaker):
        return "the pipeline's speaker (misattributed, or the same surname)"
    if any(w in low for w in re.findall(r"\w+", t.lower()) if len(w) >= 3 and w != "the"):
        return "a group named by a common noun" if t[:1].islower() else \
            "named, no candidate (title case, handle, hyphen, nested name, NER miss)"
    if _DESC.search(low):
        return "only a description"
    if _PRON.search(low):
        return "only a pronoun (or a description with one)"
    return "not in the statement: only its context names it"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--cache")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    gold = json.loads((ROOT / "corpus" / "whom" / "train.json").read_text(encoding="utf-8"))["statements"]
    analysed = T.analyse(gold, Path(args.shared), Path(args.cache) if args.cache else None)
    full = T.examples(gold, analysed)
    speaker = {id(x[0]): (x[1].speaker.name if x[1].speaker else None) for x in full}
    ex = [T._light(x) for x in full]
    groups: dict[str, list[str]] = collections.defaultdict(list)
    confusion: collections.Counter = collections.Counter()
    fold_of = T.folds_by_site(ex, 5)
    for k in range(5):
        model = T.model_from([x for x in ex if fold_of[x[0]["site"]] != k], CFG)
        for e, _a, sc, nf in (x for x in ex if fold_of[x[0]["site"]] == k):
            line = f"{e['target']!r} | {e['content'][:100]!r}"
            if e["target"] and not any(T.same(e["target"], c.who.name) for _, c, _ in sc):
                groups["missing: " + why_missing(e, speaker[id(e)])].append(line)
                continue
            main, stances = T.predict(model, sc, nf)
            if (main is None and not e["target"]) or (main is not None and T.same(e["target"], main)):
                groups["reachable: right"].append(line)
            else:
                what = "none chosen" if main is None else "a candidate chosen, gold none" if not e["target"] \
                    else "another candidate chosen"
                groups["reachable: " + what].append(f"{line} → {main!r}")
            hit = next((n for n in stances if e["target"] and T.same(e["target"], n)), None)
            if hit is not None and e["stance"]:
                confusion[(e["stance"], stances[hit])] += 1
    n = len(ex)
    print(f"train statements matched: {n} of {len(gold)}")
    for g, rows in sorted(groups.items(), key=lambda kv: (kv[0].split(":")[0], -len(kv[1]))):
        print(f"{len(rows):4d} ({len(rows) / n:.3f})  {g}")
        if args.list:
            print("\n".join("       - " + r for r in rows))
    right = sum(v for (g, p), v in confusion.items() if g == p)
    print(f"stance, gold target a candidate: {right}/{sum(confusion.values())} right; gold → predicted:")
    for (g, p), v in sorted(confusion.items()):
        print(f"  {g:10s} → {p:10s} {v}")


if __name__ == "__main__":
    main()
