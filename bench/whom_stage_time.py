#!/usr/bin/env python3
"""CPU time of the to/about-whom stage alone (``onrecord.events.whom.attach_whom``), per document.

    python bench/whom_stage_time.py --cache /tmp/whom-cache [--shared ../shared] [--repeat 3]

On the documents of ``corpus/whom/`` (train and held-out), parsed through the parse cache of
``scripts/train_whom.py --cache`` (made there when absent); attributions, speakers and events
are computed first and not timed.  Run it from two checkouts on the same cache to compare the
stage's cost before and after a change (its share of a bare parse is in
``bench/results/throughput-*.md``).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    import train_whom as T

    from onrecord.attribute.convert import attach_attributions
    from onrecord.events import extract_events
    from onrecord.events.whom import attach_whom
    from onrecord.ingest import InputItem
    from onrecord.pipeline import get_nlp
    from onrecord.resolve import resolve_speakers

    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    gold = [e for k in ("train", "heldout")
            for e in json.loads((ROOT / "corpus" / "whom" / f"{k}.json").read_text(encoding="utf-8"))["statements"]]
    nlp = get_nlp()
    docs = collections.OrderedDict((e["doc"], e) for e in gold)
    total = 0.0
    for e in docs.values():
        path = T.source_path(e, Path(args.shared))
        item = InputItem(name=str(path), data=path.read_bytes(), path=str(path),
                         meta={"published": e["published"]} if e["published"] else None)
        rec, doc = T._parsed(item, nlp, Path(args.cache))
        off = rec.document.analyzed.start
        attach_attributions(rec, doc, off)
        ev = extract_events(rec, doc, off, resolve_speakers(rec, doc, off))
        t0 = time.process_time()
        for _ in range(args.repeat):
            attach_whom(rec, doc, off, ev)
        total += (time.process_time() - t0) / args.repeat
    print(f"to/about-whom stage: {total:.2f} s CPU over {len(docs)} documents "
          f"({1000 * total / max(len(docs), 1):.1f} ms/document)")


if __name__ == "__main__":
    main()
