#!/usr/bin/env python3
"""Time of nlp.pipe with the onrecord attribution component vs. a bare spaCy parse.

    python bench/bench_attribution.py [TEXT_DIR]   (default ../shared/data/polnear/dev/text)

Both runs parse the same texts with the same model; the ratio is
(parse + attribution) / parse.  Target: <= 1.3.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main(argv):
    from onrecord.parse import load_base
    import onrecord.attribute.component  # noqa: F401
    from onrecord.attribute.classifier import load_lexicon

    text_dir = Path(argv[0]) if argv else ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
    texts = [p.read_text(encoding="utf-8") for p in sorted(text_dir.glob("*.txt"))]
    nchars = sum(map(len, texts))
    bare = load_base(guard=False)  # a bare spaCy parse: onrecord's sentence guard counts as analysis
    full = load_base()
    full.add_pipe("onrecord_attribution", last=True)
    load_lexicon()
    for nlp in (bare, full):  # warm up
        list(nlp.pipe(texts[:3]))
    res = {}
    for name, nlp in (("bare", bare), ("full", full), ("bare2", bare), ("full2", full)):
        t0 = time.perf_counter()
        n = sum(len(d) for d in nlp.pipe(texts, batch_size=16))
        res[name] = time.perf_counter() - t0
    tb = min(res["bare"], res["bare2"])
    tf = min(res["full"], res["full2"])
    # attribution alone, on already parsed docs
    docs = list(bare.pipe(texts, batch_size=16))
    comp = full.get_pipe("onrecord_attribution")
    t0 = time.perf_counter()
    for d in docs:
        comp(d)
    ta = time.perf_counter() - t0
    print(f"{len(texts)} texts, {nchars} chars, {n} tokens")
    print(f"bare spaCy parse:        {tb:7.2f} s")
    print(f"parse + attribution:     {tf:7.2f} s")
    print(f"attribution alone:       {ta:7.2f} s")
    print(f"ratio (full / bare):     {tf / tb:7.3f}  (target <= 1.3)")


if __name__ == "__main__":
    main(sys.argv[1:])
