#!/usr/bin/env python3
"""Learn the attribution lexicon from PolNeAR train.

    python scripts/train_attribution.py [--polnear ../shared/data/polnear] [--cache DIR]

Parses every train text with the bare spaCy model (the same one onrecord
uses), generates every frame candidate of :func:`onrecord.attribute.engine.propose`
and every quote-cue candidate, matches them against the first annotator's gold
attributions, and writes per-key precision and counts to
``src/onrecord/attribute/data/lexicon.json`` (no PolNeAR text is stored).
Deterministic: same data + same model -> same lexicon.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.attribute import engine  # noqa: E402
from onrecord.attribute.evaluate import charset, first_annotator, jaccard, parse_ann, read_text  # noqa: E402


def parse_all(polnear: Path, split: str, cache: Path | None):
    from spacy.tokens import DocBin
    from onrecord.parse import load_base

    nlp = load_base()
    anns = first_annotator(polnear / split)
    stems = sorted(anns)
    cfile = cache / f"{split}.spacy" if cache else None
    sfile = cache / f"{split}.stems" if cache else None
    if cfile and cfile.exists() and sfile.exists() and sfile.read_text().split("\n") == stems:
        docs = list(DocBin().from_disk(cfile).get_docs(nlp.vocab))
    else:
        texts = [read_text(polnear / split / "text" / f"{s}.txt") for s in stems]
        docs = list(nlp.pipe(texts, batch_size=16))
        if cfile:
            cache.mkdir(parents=True, exist_ok=True)
            db = DocBin(store_user_data=False)
            for d in docs:
                db.add(d)
            db.to_disk(cfile)
            sfile.write_text("\n".join(stems))
    return [(s, d, parse_ann(anns[s])) for s, d in zip(stems, docs)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--cache", type=Path, default=None, help="directory to cache parsed docs")
    ap.add_argument("--match", type=float, default=0.5, help="Jaccard for a candidate to count as correct")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--threshold", type=float, default=0.4,
                    help="minimum learned precision of a (lemma, frame) key used at inference")
    ap.add_argument("--quote-threshold", type=float, default=0.3)
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "onrecord" / "attribute" / "data" / "lexicon.json")
    args = ap.parse_args(argv)

    data = parse_all(args.polnear, "train", args.cache)
    tot, hit = Counter(), Counter()
    qtot, qhit = Counter(), Counter()
    for stem, doc, golds in data:
        gsets = [charset(g["content"]) for g in golds]
        gcues = [charset(g["cue"]) for g in golds]
        quotes = engine.doc_quotes(doc)
        in_quote = engine.quote_lookup(quotes)
        for f in engine.propose(doc):
            if in_quote(f.cue_span[0]):
                continue  # speech verbs inside a quotation are the quoted speaker's words
            engine.extend_to_quotes(f, quotes)
            c = charset(f.content)
            cue = set(range(*f.cue_span))
            ok = any(jaccard(c, g) >= args.match and (cue & gc) for g, gc in zip(gsets, gcues))
            for key in (f.key, f"{f.key}|{f.extra.get('subj', 'none')}"):
                tot[key] += 1
                hit[key] += ok
        for qc in engine.quote_cue_candidates(doc, quotes):
            c = charset(qc.content)
            cue = set(range(*qc.cue_span))
            ok = any(jaccard(c, g) >= 0.3 and (cue & gc) for g, gc in zip(gsets, gcues))
            qtot[qc.key] += 1
            qhit[qc.key] += ok
    frames = {k: [round(hit[k] / n, 4), n] for k, n in sorted(tot.items()) if n >= args.min_count and hit[k]}
    qcues = {k: [round(qhit[k] / n, 4), n] for k, n in sorted(qtot.items()) if n >= 1 and qhit[k]}
    lex = {"version": 1, "trained_on": "PolNeAR train (first annotator)", "match_jaccard": args.match,
           "threshold": args.threshold, "quote_threshold": args.quote_threshold,
           "frames": frames, "quote_cues": qcues}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(lex, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(frames)} frame keys, {len(qcues)} quote-cue keys -> {args.out}")
    for k in sorted(frames, key=lambda k: -frames[k][1] * frames[k][0])[:40]:
        print(k, frames[k])


if __name__ == "__main__":
    main()
