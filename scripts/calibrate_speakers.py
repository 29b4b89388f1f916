"""Fit the speaker-confidence model (src/onrecord/resolve/data/speaker_calibration.json).

    python scripts/calibrate_speakers.py [--shared ../shared] [--jobs 2]
        [--web-pred DIR] [--train-pred DIR] [--save-web DIR] [--save-train DIR]

Analyses (with the uncalibrated confidences, ``ONRECORD_RAW_SPEAKER_CONFIDENCE=1``) the tune
sites of the web corpus (corpus/split.json; the tune works of its dialogue pages among them)
and the PolNeAR train articles of the resolution gold (corpus/resolution/train.json), and for
every speaker found (a found required quotation of the web gold; a gold source mention with a
named referent) notes what :func:`onrecord.resolve.calibration.features` reads and whether the
speaker is right.  A logistic model (L2; its strength, and whether the features of the
statements around each speaker are used, chosen on the log-loss of 5-fold cross-validation
grouped by site — a PolNeAR article's outlet, a web page's site) is fitted to them; the out-of-site figures are printed and stored with the weights.
On pages of narrative dialogue the probability is then Platt-scaled (``"dialogue"``: a, b)
to the model's probabilities for each tune work from a model fitted without that work: one
novel's speakers are not as easy as another's, and a work nobody tuned to should be trusted as
an unseen tune work is — where the scaling, fitted without a work, lowers that work's
calibration error (``"check"``); otherwise none is stored.  ``--web-pred``/``--train-pred`` read records analysed
before (``--save-web``/``--save-train`` write them).  Held-out figures (report sites, PolNeAR
dev): bench/calibration.py.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.evaluate import (analyze_paths, load_corpus, outcomes_resolution, outcomes_web,  # noqa: E402
                               pages_of, reliability)
from onrecord.resolve.calibration import context, features, items_of, probability  # noqa: E402
from onrecord.resolve.dialogue import is_dialogue  # noqa: E402

STRENGTHS = (0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 1.0)
# the features of the statements around a speaker (:func:`onrecord.resolve.calibration.context`)
CONTEXT = ("speakers=", "rate=", "tag=", "gap=", "near=", "alternating", "same as before", "how=", "share=",
           "length=")


def without_context(rows: list[tuple[dict, bool, str]]) -> list[tuple[dict, bool, str]]:
    return [({k: v for k, v in f.items() if not k.startswith(CONTEXT)}, ok, p) for f, ok, p in rows]


def review_split(preds: list[tuple[float, bool]], below: float) -> dict:
    """How many out-of-site speakers a ``needs_review`` threshold flags, and how often each
    side is right."""
    low = [ok for p, ok in preds if p < below]
    high = [ok for p, ok in preds if p >= below]
    return {"flagged": len(low), "flagged_right": round(sum(low) / max(1, len(low)), 3),
            "unflagged": len(high), "unflagged_right": round(sum(high) / max(1, len(high)), 3)}


def _records(paths: list[Path], pred: Path | None, save: Path | None, jobs: int) -> dict[str, dict]:
    if pred is not None:
        return {p.stem: json.loads((pred / (p.stem + ".json")).read_text(encoding="utf-8"))
                for p in paths if (pred / (p.stem + ".json")).is_file()}
    recs = analyze_paths(paths, jobs)
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        for stem, r in recs.items():
            (save / (stem + ".json")).write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
    return recs


def rows_of(details: list, outcomes: list, records: dict[str, dict]) -> list[tuple[dict, bool, str]]:
    """(features, right, page) of each outcome (``records``: the record of each page)."""
    narrative: dict[int, bool] = {}
    around: dict[str, dict[str, dict]] = {}
    out = []
    for (att, text, page), (_, _, ok) in zip(details, outcomes):
        if id(text) not in narrative:
            narrative[id(text)] = is_dialogue(text)
        if page not in around:
            atts = (records.get(page) or {}).get("attributions", [])
            around[page] = {a.get("id"): f for a, f in zip(atts, context(text, items_of(atts)))}
        src = att.get("source")
        words = text[src["start"]:src["end"]] if src else None
        raw = att.get("speaker_confidence") or 0.0
        out.append((features(att.get("speaker_basis"), raw, words, att.get("how"), narrative[id(text)],
                             around[page].get(att.get("id"))), bool(ok), page))
    return out


def collect(root: Path, shared: Path, part: str, split: str, jobs: int, web_pred=None, train_pred=None,
            save_web=None, save_train=None) -> list[tuple[dict, bool, str]]:
    os.environ["ONRECORD_RAW_SPEAKER_CONFIDENCE"] = "1"
    gold, sp = load_corpus(root)
    names = pages_of(gold, sp, part)
    web = _records([root / "web" / "pages" / n for n in names], web_pred, save_web, jobs)
    dw: list = []
    web_recs = {n: web[n.rsplit(".", 1)[0]] for n in names if n.rsplit(".", 1)[0] in web}
    ow = outcomes_web(root, web_recs, names, dw)
    res_gold = json.loads((root / "resolution" / f"{split}.json").read_text(encoding="utf-8"))
    text_dir = shared / "data" / "polnear" / split / "text"
    recs = _records([text_dir / f"{s}.txt" for s in res_gold["articles"]], train_pred, save_train, jobs)
    dr: list = []
    orr = outcomes_resolution(res_gold, recs, dr)
    return rows_of(dw, ow, web_recs) + rows_of(dr, orr, recs)


def fit(rows: list[tuple[dict, bool, str]], strength: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _, _ in rows])
    y = [int(ok) for _, ok, _ in rows]
    lr = LogisticRegression(C=strength, fit_intercept=False, max_iter=5000).fit(x, y)
    return {k: round(float(w), 5) for k, w in zip(vec.get_feature_names_out(), lr.coef_[0]) if abs(w) > 1e-6}


def site_of(page: str) -> str:
    """The site a web page is of, the outlet a PolNeAR article is of: the folds' groups."""
    return page.split("__")[0] if "__" in page else page.split("_")[0]


def out_of_fold(rows: list[tuple[dict, bool, str]], strength: float, folds: int = 5) -> list[tuple[float, bool]]:
    """Each speaker's probability from a model fitted without its site (folds grouped by site)."""
    sites = sorted({site_of(p) for _, _, p in rows})
    fold_of = {s: k % folds for k, s in enumerate(sites)}
    preds: list[tuple[float, bool]] = []
    for k in range(folds):
        w = fit([r for r in rows if fold_of[site_of(r[2])] != k], strength)
        preds += [(probability(f, w), ok) for f, ok, p in rows if fold_of[site_of(p)] == k]
    return preds


def by_work(rows: list[tuple[dict, bool, str]], strength: float) -> list[tuple[float, bool, str]]:
    """Each narrative-dialogue speaker's probability from a model fitted without its work (all
    other rows kept): how the model does on a work it has not seen."""
    works = sorted({site_of(p) for f, _, p in rows if f.get("page=dialogue")})
    preds: list[tuple[float, bool, str]] = []
    for w in works:
        wt = fit([r for r in rows if site_of(r[2]) != w], strength)
        preds += [(probability(f, wt), ok, w) for f, ok, p in rows if site_of(p) == w and f.get("page=dialogue")]
    return preds


def platt(preds: list[tuple[float, bool, str]]) -> dict[str, float]:
    """Platt scaling of the probabilities (a, b of sigmoid(a * logit(p) + b))."""
    from sklearn.linear_model import LogisticRegression

    x = [[math.log(min(0.999, max(0.001, p)) / (1 - min(0.999, max(0.001, p))))] for p, _, _ in preds]
    lr = LogisticRegression(C=1.0).fit(x, [int(ok) for _, ok, _ in preds])
    return {"a": round(float(lr.coef_[0][0]), 5), "b": round(float(lr.intercept_[0]), 5)}


def scaled(p: float, ab: dict[str, float]) -> float:
    p = min(0.999, max(0.001, p))
    return 1.0 / (1.0 + math.exp(-(ab["a"] * math.log(p / (1 - p)) + ab["b"])))


def shape_check(preds: list[tuple[float, bool, str]]) -> dict:
    """ECE of the unseen-work probabilities, as they are and Platt-scaled with a scaling fitted
    without the work scored (nested: each work's speakers scaled by the other works')."""
    works = sorted({w for _, _, w in preds})
    nested = [(scaled(p, platt([x for x in preds if x[2] != w])), ok) for w in works for p, ok, ww in preds if ww == w]
    return {"works": works, "n": len(preds),
            "ece_unscaled": reliability([(p, None, ok) for p, ok, _ in preds])["ece"],
            "ece_scaled_nested": reliability([(p, None, ok) for p, ok in nested])["ece"]}


def log_loss(preds: list[tuple[float, bool]]) -> float:
    return round(-sum(math.log(p if ok else 1 - p) for p, ok in preds) / len(preds), 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    for opt in ("--web-pred", "--train-pred", "--save-web", "--save-train"):
        ap.add_argument(opt, type=Path)
    args = ap.parse_args()
    rows = collect(ROOT / "corpus", Path(args.shared), "tune", "train", args.jobs, args.web_pred,
                   args.train_pred, args.save_web, args.save_train)
    sets = {True: rows, False: without_context(rows)}
    oof = {(ctx, c): out_of_fold(sets[ctx], c) for ctx in sets for c in STRENGTHS}
    cv = {}
    for (ctx, c), preds in oof.items():
        label = f"{'with' if ctx else 'without'} context, C={c}"
        cv[label] = {"log_loss": log_loss(preds), "ece": reliability([(p, None, ok) for p, ok in preds])["ece"]}
        print(f"{label}: out-of-site {cv[label]}")
    best = min(oof, key=lambda k: log_loss(oof[k]))
    ctx, c = best
    print(f"context {ctx}, C={c}")
    weights = fit(sets[ctx], c)
    # narrative dialogue: one work's accuracy is not another's, so its speakers' probabilities
    # are rescaled (Platt) to how the model does on a work it has not seen
    unseen = by_work(sets[ctx], c)
    dialogue = None
    if len({w for _, _, w in unseen}) >= 2:   # (kept only where it helps a work held out of it too)
        check = shape_check(unseen)
        dialogue = dict(platt(unseen), check=check) if check["ece_scaled_nested"] < check["ece_unscaled"] \
            else {"check": check}
    print("dialogue works:", dialogue)
    out = ROOT / "src/onrecord/resolve/data/speaker_calibration.json"
    out.write_text(json.dumps({
        "fitted_on": "corpus web tune sites + corpus/resolution/train.json (uncalibrated confidences)",
        "examples": len(rows), "right": sum(ok for _, ok, _ in rows), "C": c, "context": ctx,
        "out_of_site": {"log_loss": log_loss(oof[best]),
                        "ece": reliability([(p, None, ok) for p, ok in oof[best]])["ece"],
                        "needs_review": {str(t): review_split(oof[best], t) for t in (0.6, 0.7, 0.75, 0.8, 0.9)},
                        "folds": "5, grouped by site", "candidates": cv},
        "dialogue": dialogue,
        "weights": dict(sorted(weights.items()))}, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} speakers; context {ctx}, C={c}; wrote {out}")


if __name__ == "__main__":
    main()
