"""Train the exchange model (src/onrecord/resolve/data/exchange.json): whether an untagged
quotation is the last speaker going on or the other party answering.

    python scripts/train_exchange.py [--jobs 2] [--records DIR] [--polnear 300 | --polnear-pred DIR]

Analyses the web corpus's tune sites (corpus/split.json; never the report sites) with the
model switched off, and takes every gold quotation that stands in a paragraph of its own made of
nothing but quotation, where the two quotations before it have two different gold speakers (in
a news page, mostly the last speaker going on; in a dialogue, mostly an answer).  Label: 1 when the quotation's gold speaker is the earlier of the two (an
answer), 0 when it is the later one (going on); others are left out.  Features:
``onrecord.resolve.exchange.features`` (the statements before it and the speakers' names taken
from the gold, as the running text would give them when the earlier turns are right).
Logistic regression (scikit-learn, the ``train`` extra), cross-validated with sites held out;
prints the held-out accuracy against always going on, then refits on all of it.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["ONRECORD_NO_EXCHANGE"] = "1"   # the model off while its training data is made

from onrecord.evaluate import analyze_paths, load_corpus, map_quotes, pages_of  # noqa: E402
from onrecord.resolve import exchange  # noqa: E402


def _span(x) -> tuple[int, int] | None:
    if not x:
        return None
    if "spans" in x:
        return (x["spans"][0]["start"], x["spans"][-1]["end"]) if x["spans"] else None
    return (x["start"], x["end"])


def _inverted(rec: dict) -> float:
    """The page's inverted-tag share, from its record as the pipeline sees it."""
    return exchange.inverted_share([(_span(a["content"]), _span(a["cue"]), _span(a["source"]))
                                    for a in rec["attributions"] if a["kind"] != "indirect"
                                    and _span(a.get("cue")) and _span(a.get("source")) and _span(a["content"])])


def examples(root: Path, records: dict[str, dict], names: list[str]):
    """(site, features, label) for every gold quotation standing in a paragraph of its own that
    is nothing but quotation, after two statements of two different gold speakers."""
    gold, _ = load_corpus(root)
    for name in names:
        rec = records.get(name)
        if not rec:
            continue
        with open(root / "web" / "pages" / name, encoding="utf-8", newline="") as f:
            page = f.read()
        text = rec["text"]
        gq = [q for q in gold["documents"][name]["quotes"] if q["status"] == "required"]
        spans = map_quotes(page, text, gq)
        seq = sorted((sp, q["speaker"]) for sp, q in zip(spans, gq) if sp is not None)
        atts = [a for a in rec["attributions"] if a.get("content")]
        quoted = [sp for sp, _ in seq]

        def pred_of(span):
            best, hit = 0, None
            for a in atts:
                s = _span(a["content"])
                ov = min(s[1], span[1]) - max(s[0], span[0]) if s else 0
                if ov > best:
                    best, hit = ov, a
            return hit

        for k in range(1, len(seq)):
            sa, ga = seq[k]
            sb, gb = seq[k - 1]
            para = exchange._para(text, sa[0])
            if exchange._para(text, sb[0]) == para or exchange._quote_share(text, para, quoted) <= 0.9:
                continue   # (a quotation with words of its own beside it is tagged there)
            p = next(((sp, g) for sp, g in reversed(seq[:k - 1]) if g != gb), None)
            if p is None or ga not in (gb, p[1]):
                continue
            b = pred_of(sb) or {}
            f = exchange.features(text, sa, sb, _span(b.get("cue")), _span(b.get("source")), p[0], quoted,
                                  gold["speakers"][p[1]], gold["speakers"][gb], _inverted(rec))
            yield name.split("__")[0], f, int(ga == p[1])


def examples_polnear(pred_dir: Path, gold_dir: Path):
    """(outlet, features, label) for the news side: every quotation of PolNeAR train articles
    (records made with the model off) whose speaker came from the statement before it, after
    two statements of two different speakers.  Label from the PolNeAR gold: the quotation's
    gold source is a mention of the earlier speaker (1) or of the later one (0); a mention's
    speaker is the record's speaker of a statement whose source overlaps it."""
    from onrecord.attribute.evaluate import first_annotator, parse_ann

    def ov(x, y):
        return x is not None and y is not None and min(x[1], y[1]) > max(x[0], y[0])

    anns = first_annotator(gold_dir)
    for path in sorted(pred_dir.glob("*.json")):
        if path.stem not in anns:
            continue
        rec = json.loads(path.read_text(encoding="utf-8"))
        text = rec["text"]
        gold = [(g["content"][0][0], g["content"][-1][1], g["source"]) for g in parse_ann(anns[path.stem])
                if g["content"] and g["source"]]
        atts = sorted((a for a in rec["attributions"] if a.get("speaker") and a.get("content")),
                      key=lambda a: _span(a["content"])[0])
        quoted = [_span(a["content"]) for a in atts if a["kind"] in ("direct", "mixed")]

        def who_said(src_spans):
            for a in rec["attributions"]:
                if a.get("speaker") and any(ov(_span(a.get("source")), s) for s in src_spans):
                    return a["speaker"]["id"]
            return None

        for k, a in enumerate(atts):
            if not (a.get("speaker_basis") or "").startswith("previous statement") or k < 2 \
                    or a["kind"] == "indirect":
                continue
            sa = _span(a["content"])
            b = atts[k - 1]
            p = next((x for x in reversed(atts[:k - 1]) if x["speaker"]["id"] != b["speaker"]["id"]
                      and x["kind"] != "indirect"), None)
            if p is None or b["kind"] == "indirect":
                continue
            g = max(gold, key=lambda g: min(g[1], sa[1]) - max(g[0], sa[0]))
            if min(g[1], sa[1]) - max(g[0], sa[0]) <= 0:
                continue
            who = who_said(g[2])
            if who not in (b["speaker"]["id"], p["speaker"]["id"]):
                continue
            names = {s["id"]: [s["name"], *s.get("aliases", [])] for s in rec.get("speakers", [])}
            f = exchange.features(text, sa, _span(b["content"]), _span(b.get("cue")), _span(b.get("source")),
                                  _span(p["content"]), quoted, names.get(p["speaker"]["id"], []),
                                  names.get(b["speaker"]["id"], []), _inverted(rec))
            yield "polnear-" + path.stem.split("_")[0], f, int(who == p["speaker"]["id"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--records", type=Path, help="records of the tune pages already made (model off)")
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--polnear-pred", type=Path,
                    help="records of PolNeAR train articles made with the model off (the news side)")
    ap.add_argument("--polnear", type=int, default=300,
                    help="analyse this many PolNeAR train articles (random, seed 7) for the news side")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    root = ROOT / "corpus"
    gold, split = load_corpus(root)
    names = pages_of(gold, split, "tune")
    if args.records:
        records = {n: json.loads((args.records / (n.rsplit(".", 1)[0] + ".json")).read_text(encoding="utf-8"))
                   for n in names if (args.records / (n.rsplit(".", 1)[0] + ".json")).is_file()}
    else:
        records = analyze_paths([root / "web" / "pages" / n for n in names], jobs=args.jobs)
        records = {n: records[n.rsplit(".", 1)[0]] for n in names if n.rsplit(".", 1)[0] in records}
    rows = list(examples(root, records, names))
    polnear = Path(args.shared) / "data/polnear/train"
    pred = args.polnear_pred
    if pred is None and args.polnear:
        import random
        import tempfile
        texts = sorted((polnear / "text").glob("*.txt"))
        random.Random(7).shuffle(texts)
        pred = Path(tempfile.mkdtemp(prefix="exchange-polnear-"))
        for stem, rec in analyze_paths(texts[:args.polnear], jobs=args.jobs).items():
            (pred / f"{stem}.json").write_text(json.dumps(rec), encoding="utf-8")
    if pred is not None:
        rows += list(examples_polnear(pred, polnear))
    keys = sorted({k for _, f, _ in rows for k in f if k != "bias"})
    X = np.array([[f.get(k, 0.0) for k in keys] for _, f, _ in rows])
    y = np.array([lab for _, _, lab in rows])
    sites = np.array([s for s, _, _ in rows])
    print(f"{len(rows)} examples from {len(set(sites))} sites, {int(y.sum())} answers")
    right = base = 0
    for s in sorted(set(sites)):
        tr, te = sites != s, sites == s
        if len(set(y[tr])) < 2:
            pred = np.zeros(te.sum(), dtype=int)
        else:
            pred = LogisticRegression(C=args.C, max_iter=2000).fit(X[tr], y[tr]).predict(X[te])
        r, b = int((pred == y[te]).sum()), int((y[te] == 0).sum())
        right, base = right + r, base + b
        print(f"  held out {s}: {r}/{te.sum()} right (always going on: {b})")
    print(f"cross-validated by site: {right / len(y):.3f} (always going on: {base / len(y):.3f})")
    clf = LogisticRegression(C=args.C, max_iter=2000).fit(X, y)
    weights = {k: round(float(w), 4) for k, w in zip(keys, clf.coef_[0])}
    weights["bias"] = round(float(clf.intercept_[0]), 4)
    # the decision threshold: a news quotation switched to the wrong party costs more than a
    # missed answer, so the lowest probability at which no news example is switched wrongly
    news = np.array([not s.startswith("gutenberg-") for s in sites])
    p = clf.predict_proba(X)[:, 1]
    threshold = next((t for t in np.arange(0.5, 0.96, 0.05) if not ((p > t) & news & (y == 0)).any()), 0.95)
    print(f"threshold {threshold:.2f}: answers taken {int(((p > threshold) & (y == 1)).sum())} of {int(y.sum())}")
    out = {"trained_on": "corpus/web tune sites + PolNeAR train records", "examples": len(rows), "C": args.C,
           "threshold": round(float(threshold), 2),
           "cv_accuracy": round(right / len(y), 4), "cv_baseline": round(base / len(y), 4),
           "weights": weights}
    (ROOT / "src/onrecord/resolve/data/exchange.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(weights, indent=1))


if __name__ == "__main__":
    main()
