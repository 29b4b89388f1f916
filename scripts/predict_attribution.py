#!/usr/bin/env python3
"""Write attribution predictions for evaluation (a stand-in for `onrecord analyze --out`).

    python scripts/predict_attribution.py polnear GOLD_DIR PRED_DIR
    python scripts/predict_attribution.py seeds SEED_DIR PRED_DIR   # body text only, offsets shifted

Each output is PRED_DIR/<stem>.json = {"attributions": [{kind, content, cue, source, how, confidence}]}.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.attribute.evaluate import read_text  # noqa: E402

# body spans of the two seed pages (the pipeline's chrome cutting does this in the product)
SEED_BODY = {"000_da6073b65d0faf15": (241, 6880), "002_075d34a81711b9ee": (272, 7273)}


def span(text, rng, shift=0):
    if rng is None:
        return None
    s, e = rng[0] + shift, rng[1] + shift
    return {"start": s, "end": e, "text": text[s:e]}


def to_json(cands, text, shift=0):
    out = []
    for i, c in enumerate(cands):
        if len(c.content) == 1:
            content = span(text, c.content[0], shift)
        else:
            content = {"spans": [span(text, r, shift) for r in c.content]}
        out.append({"id": f"a{i + 1}", "kind": c.kind, "content": content, "cue": span(text, c.cue, shift),
                    "source": span(text, c.source, shift), "how": c.how, "confidence": c.confidence})
    return {"attributions": out}


def main(argv):
    mode, src, dst = argv[0], Path(argv[1]), Path(argv[2])
    from onrecord.pipeline import get_nlp
    nlp = get_nlp()
    dst.mkdir(parents=True, exist_ok=True)
    if mode == "polnear":
        files = sorted((src / "text").glob("*.txt"))
        texts = [read_text(f) for f in files]
        for f, text, doc in zip(files, texts, nlp.pipe(texts, batch_size=16)):
            (dst / f"{f.stem}.json").write_text(json.dumps(to_json(doc._.attributions, text)), encoding="utf-8")
    else:
        for f in sorted(src.glob("*.txt")):
            text = read_text(f)
            s, e = SEED_BODY.get(f.stem, (0, len(text)))
            doc = nlp(text[s:e])
            (dst / f"{f.stem}.json").write_text(json.dumps(to_json(doc._.attributions, text, s), indent=1,
                                                           ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
