#!/usr/bin/env python3
"""Draw PolNeAR train articles for the speaker-resolution gold: a fixed number per outlet, at random.

    python scripts/resolution_sample.py [--seed 17] [--per-outlet 9] > corpus/resolution/train_sample2.json

The pool is every article of ``corpus/resolution/train_mentions.json`` (train articles with at
least one source mention that is not a name) not already in ``train_sample.json``; the outlet is
the article name's prefix (``nyt``, ``wash-post``, ...).  Outlets are visited in sorted order and
``random.Random(seed).sample`` draws from each outlet's sorted articles, so the draw is
reproducible.  Never reads dev or test.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

RES = Path(__file__).resolve().parents[1] / "corpus" / "resolution"


def draw(seed: int, per_outlet: int) -> list[str]:
    mentions = json.loads((RES / "train_mentions.json").read_text(encoding="utf-8"))["articles"]
    taken = set(json.loads((RES / "train_sample.json").read_text(encoding="utf-8")))
    by_outlet: dict[str, list[str]] = {}
    for stem in sorted(mentions):
        if stem not in taken:
            by_outlet.setdefault(stem.split("_")[0], []).append(stem)
    rng = random.Random(seed)
    chosen: list[str] = []
    for outlet in sorted(by_outlet):
        chosen += rng.sample(by_outlet[outlet], per_outlet)
    return sorted(chosen)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--per-outlet", type=int, default=9)
    args = ap.parse_args()
    json.dump(draw(args.seed, args.per_outlet), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
