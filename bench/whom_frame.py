"""Addressee, channel and said_on figures of the to/about-whom gold, without training anything.

    python bench/whom_frame.py [--cache DIR] [--misses] [--shared ../shared]

Runs the pipeline on every document of ``corpus/whom/{train,heldout}.json`` (as
``scripts/train_whom.py`` does, with the same parse cache) and prints addressee and channel
F1 (precision, recall, gold and predicted counts) and the said_on accuracy of both halves.
``--misses`` lists the train half's misses only (the held-out half is reported, never read).
The shipped target/stance weights are left untouched.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import train_whom as tw  # noqa: E402


def _fmt(fr: dict) -> str:
    a, c = fr["addressee"], fr["channel"]
    return (f"addressee F1 {a['f1']:.3f} (P {a['p']:.3f} / R {a['r']:.3f}; gold {a['gold']}, predicted {a['pred']}); "
            f"channel F1 {c['f1']:.3f} (P {c['p']:.3f} / R {c['r']:.3f}; gold {c['gold']}, predicted {c['pred']}); "
            f"said_on {fr['said_on']:.3f} ({fr['said_on_n']})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--cache", help="parse cache folder (shared with scripts/train_whom.py --cache)")
    ap.add_argument("--misses", action="store_true", help="list the train half's addressee and channel misses")
    args = ap.parse_args()
    gold = {k: json.loads((ROOT / "corpus" / "whom" / f"{k}.json").read_text(encoding="utf-8"))["statements"]
            for k in ("train", "heldout")}
    analysed = tw.analyse(gold["train"] + gold["heldout"], Path(args.shared), Path(args.cache) if args.cache else None)
    halves = {k: [tw._light(x) for x in tw.examples(gold[k], analysed)] for k in ("train", "heldout")}
    for k, ex in halves.items():
        print(f"{k} ({len(ex)}/{len(gold[k])} statements matched): {_fmt(tw.frame_figures(ex))}")
    if args.misses:
        for e, a, _, _ in halves["train"]:
            pa = a.addressee.name if a.addressee else None
            pc = a.channel.type if a.channel else None
            bad = []
            if bool(e["addressee"]) != bool(pa) or (pa and not tw.same(e["addressee"], pa)):
                bad.append(f"addressee {e['addressee']!r} got {pa!r}")
            if e["channel"] != pc:
                bad.append(f"channel {e['channel']!r} got {pc!r}")
            if bad:
                print(f"- {e['doc'][:45]} @{e['attr_start']} {e['content'][:60]!r}: " + "; ".join(bad))


if __name__ == "__main__":
    main()
