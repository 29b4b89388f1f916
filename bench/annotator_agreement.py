#!/usr/bin/env python3
"""How far two PolNeAR annotators agree, measured with the attribution scorer.

    python bench/annotator_agreement.py [POLNEAR_SPLIT_DIR]   (default ../shared/data/polnear/train)

For every article with two .ann files, the first annotator is the gold and the
second the "prediction"; the figures are the ones of ``onrecord eval polnear``,
so they say how high a system can be expected to score on this data.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.attribute.evaluate import add_document, charset, figures, new_totals, parse_ann, read_text  # noqa: E402


def main(argv: list[str]) -> None:
    split = Path(argv[0]) if argv else ROOT.parent / "shared" / "data" / "polnear" / "train"
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((split / "attributions").glob("*.ann")):
        by_article[re.sub(r"_[0-9a-f]{4}$", "", ann.stem)].append(ann)
    tot, n = new_totals(), 0
    for stem, anns in by_article.items():
        if len(anns) < 2:
            continue
        n += 1
        text = read_text(split / "text" / f"{stem}.txt")
        second = [(charset(a["content"]), charset(a["source"])) for a in parse_ann(anns[1]) if a["content"]]
        add_document(tot, text, parse_ann(anns[0]), second)
    print(json.dumps({"articles_with_two_annotators": n, **figures(tot)}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
