"""Train the speaker-coreference ranker (src/onrecord/resolve/data/coref.json).

    python scripts/train_coref.py [--shared ../shared] [--folds 5] [--l2 8.0]

Gold: corpus/resolution/train.json (two random samples of PolNeAR train, 118 articles,
annotated with the resolution guide).  Every gold source mention with a named referent whose
candidates (see ``onrecord.resolve.coref``) include the referent is one ranking example; the
model is a conditional logit (softmax over the candidates of a mention) with L2
regularisation, fitted by gradient descent in numpy.  Article-grouped cross-validation on
train gives held-out top-candidate shares (mentions with no right candidate counted wrong), to
which a logistic map of the share's logit is fitted (Platt scaling): the calibration.  Prints the
cross-validated accuracy, then refits on all of train.  The dev gold
(corpus/resolution/dev.json) is never used here: score it with onrecord analyze +
score.py resolution.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.attribute.convert import attach_attributions  # noqa: E402
from onrecord.evaluate import speaker_ok  # noqa: E402  (the resolution scorer's name test)
from onrecord.ingest.sources import iter_inputs  # noqa: E402
from onrecord.pipeline import get_nlp, prepare  # noqa: E402
from onrecord.resolve import coref  # noqa: E402
from onrecord.resolve.speakers import Resolver  # noqa: E402


def parsed(gold_path: Path, text_dir: Path):
    """(stem, gold items, record, doc, offset) of every gold article, attributions attached."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    nlp = get_nlp()
    out = []
    for stem, items in sorted(gold.items()):
        item = next(iter(iter_inputs([str(text_dir / f"{stem}.txt")])))
        rec = prepare(item)
        off = rec.document.analyzed.start
        doc = nlp((rec.analysis_text or rec.text)[off:rec.document.analyzed.end])
        attach_attributions(rec, doc, off)
        out.append((stem, items, rec, doc, off))
    return out


def examples(articles):
    """One (article, features of each candidate, labels, mention class) group per gold mention
    the ranker handles; also the count of mentions with no right candidate."""
    groups, unreachable = [], 0
    for stem, items, rec, doc, off in articles:
        res = Resolver(rec, doc, off)
        ctx = coref.Context(res)
        for g in items:
            m = coref.mention_of(res, ctx, g["start"], g["end"])
            if m is None or not coref.applies(res, m):
                continue
            ranked = coref.rank(res, ctx, m, {"weights": {}})
            if not g.get("canonical"):   # refers to no entity the article names: the null option
                labels = [ent is None for ent, _, _ in ranked]
            else:
                labels = [ent is not None and speaker_ok(ent.name, [g["canonical"]] + g.get("aliases", []))
                          for ent, _, _ in ranked]
            if not any(labels):
                unreachable += 1   # kept for the calibration (the top candidate is wrong), not fitted
            groups.append((stem, [f for _, _, f in ranked], labels, coref.CLASS_OF[m.kind]))
    return groups, unreachable


def fit(groups, vocab: dict[str, int], l2: float, steps: int = 400, lr: float = 0.3) -> np.ndarray:
    mats = []
    for _, feats, labels, _ in groups:
        x = np.zeros((len(feats), len(vocab)))
        for i, f in enumerate(feats):
            for name, v in f.items():
                j = vocab.get(name)
                if j is not None:
                    x[i, j] = v
        mats.append((x, np.array(labels, dtype=float)))
    w = np.zeros(len(vocab))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        grad = l2 * w
        for x, y in mats:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * y
            q /= q.sum()
            grad += x.T @ (p - q)
        grad /= len(mats)
        m = 0.9 * m + 0.1 * grad          # Adam
        v = 0.999 * v + 0.001 * grad ** 2
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def predict(groups, vocab, w):
    """(share of the chosen candidate, whether it is right, mention class, has a named referent)
    per mention, choosing as :func:`onrecord.resolve.coref.resolve` does (the best candidate
    other than the null option, whose score stays in the softmax).  A pronoun with no named
    referent is left out; a description or document with none is kept (its pick is wrong), so
    that the calibration learns how often a weak pick is no one the article names."""
    out = []
    for _, feats, labels, kind in groups:
        scores = np.array([sum(w[vocab[n]] * val for n, val in f.items() if n in vocab) for f in feats])
        p = np.exp(scores - scores.max())
        p /= p.sum()
        null = [i for i in range(len(feats)) if any(k.startswith("null|") for k in feats[i])]
        named = not (null and labels[null[0]])
        if not named and kind == "pronoun":
            continue
        if len(feats) == len(null):
            if named:
                out.append((0.0, False, kind, named))
            continue
        best = max((i for i in range(len(feats)) if i not in null), key=lambda i: scores[i])
        out.append((float(p[best]), bool(labels[best]), kind, named))
    return out


def platt(points, steps: int = 3000) -> tuple[float, float]:
    """Platt scaling: P(right) = sigmoid(a * logit(share) + b), fitted by gradient descent."""
    x = np.array([coref.logit(p) for p, _, _, _ in points])
    y = np.array([float(ok) for _, ok, _, _ in points])
    a, b = 1.0, 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(a * x + b)))
        a -= 0.05 * float(np.mean((p - y) * x))
        b -= 0.05 * float(np.mean(p - y))
    return a, b


def cross_validate(groups, folds: int, l2: float):
    """Held-out (share, right, class) per mention, folds grouped by article."""
    vocab = {}
    for _, feats, _, _ in groups:
        for f in feats:
            for name in f:
                vocab.setdefault(name, len(vocab))
    stems = sorted({g[0] for g in groups})
    random.Random(0).shuffle(stems)
    fold_of = {s: i % folds for i, s in enumerate(stems)}
    held = []
    fitted = [g for g in groups if any(g[2])]   # (a named referent among the candidates, or none)
    for k in range(folds):
        w = fit([g for g in fitted if fold_of[g[0]] != k], vocab, l2)
        held += predict([g for g in groups if fold_of[g[0]] == k and g[1]], vocab, w)
    return vocab, fitted, held


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    # 5-fold CV on the 118-article train gold (FEATURE_VERSION 4: descriptors, apposed heads,
    # document issuers): 8 0.773 (version 3, same folds: 8 0.750)
    # (version 3: 4 0.745, 8 0.747, 16 0.744)
    # (version 2: 1 0.723, 2 0.734, 4 0.734, 8 0.741, 16 0.734, 32 0.731, 64 0.736)
    ap.add_argument("--l2", type=float, default=8.0)
    args = ap.parse_args()
    text_dir = Path(args.shared) / "data/polnear/train/text"
    train(parsed(ROOT / "corpus/resolution/train.json", text_dir), args.folds, args.l2)


def train(articles, folds: int, l2: float) -> None:
    """Cross-validate, calibrate, fit on all of train and write the model."""
    groups, unreachable = examples(articles)
    vocab, fitted, held = cross_validate(groups, folds, l2)
    print(f"{len(groups)} ranking examples ({unreachable} mentions with no right candidate), "
          f"{len(vocab)} features")
    named = [h for h in held if h[3]]
    acc = sum(ok for _, ok, _, _ in named) / len(named)
    by_class = {c: [ok for _, ok, k, _ in named if k == c] for c in sorted({h[2] for h in named})}
    print(f"{folds}-fold cross-validated top-candidate accuracy (grouped by article, "
          f"mentions with no right candidate counted wrong): {acc:.3f} ("
          + ", ".join(f"{c} {sum(v) / len(v):.3f} of {len(v)}" for c, v in by_class.items()) + ")")
    a, b = platt(held)
    print(f"calibration: P(right) = 1 / (1 + exp(-({a:.3f} * logit(share) + {b:.3f})))")
    w = fit(fitted, vocab, l2)
    model = {"feature_version": coref.FEATURE_VERSION, "trained_on": "corpus/resolution/train.json",
             "examples": len(groups), "cv_accuracy": round(acc, 4), "l2": l2,
             "bias": 0.0, "weights": {n: round(float(w[j]), 5) for n, j in vocab.items() if abs(w[j]) > 1e-4},
             "platt": [round(a, 4), round(b, 4)]}
    out = ROOT / "src/onrecord/resolve/data/coref.json"
    out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    for n, wt in sorted(model["weights"].items(), key=lambda x: -abs(x[1]))[:25]:
        print(f"  {wt:+.2f} {n}")


if __name__ == "__main__":
    main()
