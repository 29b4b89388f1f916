#!/usr/bin/env python3
"""Train the attribution frame classifier (and quote-cue lexicon) on PolNeAR train.

    python scripts/train_attribution.py [--polnear ../shared/data/polnear] [--cache DIR] [--cv 5]

Parses every train text with the bare spaCy model (the same one onrecord
uses), generates every frame candidate of
:func:`onrecord.attribute.candidates.frame_candidates` (with its sparse features)
and every quote-cue candidate, labels each against the first annotator's gold
attributions, and writes

- ``src/onrecord/attribute/data/model.json``: a logistic regression over the
  frame features (weights of the features seen at least twice; no text);
- ``src/onrecord/attribute/data/lexicon.json``: per-key precision of the
  quote-cue candidates (and of (lemma, frame) keys, the fallback).

``--cv K`` first reports K-fold cross-validated figures on train (fit on K-1
folds, score the held-out fold with the full extraction), the way every change
to the engine is measured.  Deterministic: same data + same model -> same files.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.attribute.candidates import frame_candidates  # noqa: E402
from onrecord.attribute.decide import extract  # noqa: E402
from onrecord.attribute.features import DENSE_SLOTS, FEATURE_VERSION, frame_dense  # noqa: E402
from onrecord.attribute.quote_cues import doc_quotes, quote_cue_candidates  # noqa: E402
from onrecord.attribute.evaluate import (add_document, charset, figures, first_annotator, jaccard,  # noqa: E402
                                         new_totals, parse_ann, read_text)

DATA = ROOT / "src" / "onrecord" / "attribute" / "data"
DENSE_DIM = 96  # width of the tok2vec output of en_core_web_sm


def parse_all(polnear: Path, split: str, cache: Path | None):
    import numpy as np
    from spacy.tokens import DocBin
    from onrecord.parse import load_base

    nlp = load_base()
    anns = first_annotator(polnear / split)
    stems = sorted(anns)
    cfile = cache / f"{split}.spacy" if cache else None
    sfile = cache / f"{split}.stems" if cache else None
    tfile = cache / f"{split}.tensors.npz" if cache else None
    if cfile and cfile.exists() and sfile.exists() and tfile.exists() and sfile.read_text().split("\n") == stems:
        docs = list(DocBin().from_disk(cfile).get_docs(nlp.vocab))
        with np.load(tfile) as z:  # DocBin does not keep doc.tensor
            for i, d in enumerate(docs):
                d.tensor = z[f"d{i}"].astype("float32")
    else:
        texts = [read_text(polnear / split / "text" / f"{s}.txt") for s in stems]
        docs = list(nlp.pipe(texts, batch_size=16))
        if cfile:
            cache.mkdir(parents=True, exist_ok=True)
            db = DocBin(store_user_data=False)
            for d in docs:
                db.add(d)
            db.to_disk(cfile)
            np.savez(tfile, **{f"d{i}": d.tensor for i, d in enumerate(docs)})
            sfile.write_text("\n".join(stems))
    return [(s, d, parse_ann(anns[s])) for s, d in zip(stems, docs)]


def examples(doc, golds, match: float):
    """(frame examples [(feats, label)], quote-cue counts (total, hit), frame key counts (total, hit))"""
    gsets = [charset(g["content"]) for g in golds]
    gcues = [charset(g["cue"]) for g in golds]
    quotes = doc_quotes(doc)
    fx = []
    ftot, fhit = Counter(), Counter()
    cands = frame_candidates(doc, quotes)
    js = []
    for f, feats in cands:
        c = charset(f.content)
        cue = set(range(*f.cue_span))
        js.append(max([jaccard(c, g) for g, gc in zip(gsets, gcues) if cue & gc] or [0.0]))
    best: dict[int, float] = {}
    for (f, _), j in zip(cands, js):
        best[f.cue.i] = max(best.get(f.cue.i, 0.0), j)
    for (f, feats), j in zip(cands, js):
        ok = j >= match
        # the label: the frame whose content fits the gold best among its cue's frames
        fx.append((feats, int(ok and j >= best[f.cue.i] - 1e-9), frame_dense(doc, f, DENSE_DIM)))
        for key in (f.key, f"{f.key}|{f.extra.get('subj', 'none')}"):
            ftot[key] += 1
            fhit[key] += ok
    qtot, qhit = Counter(), Counter()
    for qc in quote_cue_candidates(doc, quotes):
        c = charset(qc.content)
        cue = set(range(*qc.cue_span))
        ok = any((cue & gc) and jaccard(c, g) >= 0.3 for g, gc in zip(gsets, gcues))
        qtot[qc.key] += 1
        qhit[qc.key] += ok
    return fx, (qtot, qhit), (ftot, fhit)


def fit(exs, args) -> tuple[dict, dict]:
    """exs: per-doc results of :func:`examples` -> (model, lexicon)"""
    from sklearn.linear_model import LogisticRegression
    from scipy.sparse import csr_matrix, hstack
    import numpy as np

    df = Counter()
    for fx, _, _ in exs:
        for feats, _, _ in fx:
            df.update(set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= args.min_feat))}
    rows, cols, y, dense = [], [], [], []
    r = 0
    for fx, _, _ in exs:
        for feats, lab, dv in fx:
            for f in set(feats):
                k = vocab.get(f)
                if k is not None:
                    rows.append(r)
                    cols.append(k)
            y.append(lab)
            dense.append(dv)
            r += 1
    X = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, len(vocab)))
    D = np.vstack(dense).astype("float64")
    mu, sd = D.mean(0), D.std(0) + 1e-6
    # standardised dense columns, scaled down so the L2 penalty weighs them like the sparse ones
    X = hstack([X, csr_matrix((D - mu) / sd * args.dense_scale)]).tocsr()
    clf = LogisticRegression(C=args.C, solver="liblinear", max_iter=1000, random_state=0)
    clf.fit(X, np.array(y))
    inv = sorted(vocab, key=vocab.get)
    coef = clf.coef_[0]
    w = {f: round(float(x), 4) for f, x in zip(inv, coef[:len(vocab)]) if abs(x) >= 1e-3}
    model = {"version": 3, "trained_on": "PolNeAR train (first annotator)", "threshold": args.threshold,
             "bias": round(float(clf.intercept_[0]), 4), "w": w,
             "feature_version": FEATURE_VERSION,
             "dense": {"dim": DENSE_DIM, "slots": list(DENSE_SLOTS),
                       "mu": [round(float(x), 5) for x in mu], "sd": [round(float(x), 5) for x in sd],
                       "w": [round(float(x) * args.dense_scale, 5) for x in coef[len(vocab):]]}}
    qtot, qhit, ftot, fhit = Counter(), Counter(), Counter(), Counter()
    for _, (qt, qh), (ft, fh) in exs:
        qtot.update(qt); qhit.update(qh); ftot.update(ft); fhit.update(fh)
    frames = {k: [round(fhit[k] / n, 4), n] for k, n in sorted(ftot.items()) if n >= 2 and fhit[k]}
    qcues = {k: [round(qhit[k] / n, 4), n] for k, n in sorted(qtot.items()) if n >= 1 and qhit[k]}
    lex = {"version": 1, "trained_on": "PolNeAR train (first annotator)", "match_jaccard": args.match,
           "threshold": 0.4, "quote_threshold": args.quote_threshold, "frames": frames, "quote_cues": qcues}
    return model, lex


def source_found(mentions: list, cands) -> int:
    """How many of a doc's labelled source mentions (``corpus/resolution`` gold: pronouns,
    descriptions, documents with a name to resolve to) some candidate's source overlaps — what
    ``score.py resolution`` counts as found."""
    spans = [c.source for c in cands if c.source]
    return sum(1 for m in mentions if any(s < m["end"] and m["start"] < e for s, e in spans))


def score(items, resolution: dict | None = None) -> dict:
    """items: [(stem, doc text, golds, candidates)] -> the score.py PolNeAR figures (and, given
    the resolution gold of some train docs, the share of its mentions found as a source)"""
    tot = new_totals()
    n_found = n_ment = 0
    for stem, text, golds, cands in items:
        add_document(tot, text, golds, [(charset(c.content), charset([c.source] if c.source else []))
                                         for c in cands])
        if resolution and stem in resolution:
            ms = [m for m in resolution[stem] if m.get("canonical")]
            n_ment += len(ms)
            n_found += source_found(ms, cands)
    f = figures(tot)
    out = {"f30": f["content_overlap30"], "f80": f["content_overlap80"], "e2e": f["end_to_end"],
           "quoted_recall30": f["quoted_recall30"], "source": f["source_accuracy_on_matched"]}
    if n_ment:
        out["resolution_found"] = round(n_found / n_ment, 4)
    return out


def cross_validate(data, exs, args, threshold=None, source_shifts=(None,)) -> dict:
    """K-fold figures per (threshold, shift of the threshold for a third-person pronoun
    source: :data:`onrecord.attribute.classifier.SOURCE_TH_SHIFT`; None keeps the shipped one)."""
    from onrecord.attribute import classifier
    k = args.cv
    ths = threshold if isinstance(threshold, list) else [threshold]
    keys = [(t, sh) for t in ths for sh in source_shifts]
    items: dict = {key: [] for key in keys}
    shipped = dict(classifier.SOURCE_TH_SHIFT)
    for fold in range(k):
        train = [e for i, e in enumerate(exs) if i % k != fold]
        model, lex = fit(train, args)
        for i, (stem, doc, golds) in enumerate(data):
            if i % k == fold:
                for t, sh in keys:
                    classifier.SOURCE_TH_SHIFT = shipped if sh is None else {"PRON:3p": sh}
                    items[(t, sh)].append((stem, doc.text, golds,
                                           extract(doc, t, model=None if args.lexicon_only else model, lexicon=lex)))
    classifier.SOURCE_TH_SHIFT = shipped
    resolution = json.loads(args.resolution.read_text(encoding="utf-8"))["articles"] \
        if args.resolution and args.resolution.exists() else None
    return {t: score(v, resolution) for t, v in items.items()}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--cache", type=Path, default=None, help="directory to cache parsed docs")
    ap.add_argument("--match", type=float, default=0.3, help="Jaccard for a candidate to count as correct")
    ap.add_argument("--min-feat", type=int, default=2, help="minimum number of candidates with a feature")
    ap.add_argument("--C", type=float, default=0.3, help="inverse L2 regularisation of the classifier")
    ap.add_argument("--dense-scale", type=float, default=0.3, help="weight of the tok2vec features")
    ap.add_argument("--threshold", type=float, default=0.3, help="classifier probability to keep a frame")
    ap.add_argument("--quote-threshold", type=float, default=0.3)
    ap.add_argument("--cv", type=int, default=0, help="report K-fold cross-validated figures on train first")
    ap.add_argument("--lexicon-only", action="store_true", help="(--cv) score the per-key lexicon, not the classifier")
    ap.add_argument("--sweep", default="", help="(--cv) comma-separated thresholds to score")
    ap.add_argument("--resolution", type=Path, default=ROOT / "corpus" / "resolution" / "train.json",
                    help="(--cv) resolution gold of train docs: report the share of its mentions found as a source")
    ap.add_argument("--source-sweep", default="", help="(--cv) comma-separated shifts of the threshold for a "
                    "third-person pronoun source to score")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args(argv)

    data = parse_all(args.polnear, "train", args.cache)
    exs = [examples(doc, golds, args.match) for _, doc, golds in data]
    if args.cv:
        ths = [float(x) for x in args.sweep.split(",")] if args.sweep else None
        shifts = [float(x) for x in args.source_sweep.split(",")] if args.source_sweep else [None]
        for (t, sh), res in cross_validate(data, exs, args, ths, shifts).items():
            print("cv", t, "" if sh is None else f"source_shift={sh}", json.dumps(res), flush=True)
    if args.no_write:
        return
    model, lex = fit(exs, args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "model.json").write_text(json.dumps(model, sort_keys=True), encoding="utf-8")
    (args.out / "lexicon.json").write_text(json.dumps(lex, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(model['w'])} features, {len(lex['quote_cues'])} quote-cue keys -> {args.out}")


if __name__ == "__main__":
    main()
