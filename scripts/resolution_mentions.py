#!/usr/bin/env python3
"""List the source mentions of PolNeAR gold attributions that are not names, for annotation.

    python scripts/resolution_mentions.py ../shared/data/polnear/dev > corpus/resolution/dev_mentions.json

A mention is kept when its head word (its last word) is not capitalised: pronouns ("he",
"it"), descriptions ("the newspaper", "the CNN host", "The Trump campaign") and documents
("the report").  Names ("The New York Post", "Clinton") are left out.  Each article's list
is what an annotator completes with ``canonical`` and ``aliases`` following
``../shared/data/RESOLUTION_GUIDE.md`` (the gold format of ``score.py resolution``).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.attribute.evaluate import first_annotator, parse_ann, read_text  # noqa: E402


def main(argv: list[str]) -> None:
    split = Path(argv[0])
    out: dict[str, list[dict]] = {}
    for stem, ann in sorted(first_annotator(split).items()):
        text = read_text(split / "text" / f"{stem}.txt")
        seen = set()
        for g in parse_ann(ann):
            for s, e in g["source"]:
                words = text[s:e].replace("’s", "").replace("'s", "").split()
                if not words or (s, e) in seen:
                    continue
                head = words[-1].strip(".,;:\"“”'")
                if head[:1].isupper() and head.lower() not in ("he", "she", "it", "they", "i", "we"):
                    continue
                seen.add((s, e))
                out.setdefault(stem, []).append({"start": s, "end": e, "text": text[s:e]})
    json.dump({"articles": out}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
