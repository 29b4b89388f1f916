#!/usr/bin/env python3
"""Train the quote-kind classifier: statement, title, name, term or slogan.

    python scripts/train_quote_kinds.py [--polnear ../shared/data/polnear] [--no-write]

Training data (never a report site of corpus/split.json, never PolNeAR dev):

- ``corpus/quote_kinds/polnear_train.json``: quoted strings of PolNeAR train articles with
  their class (docs/annotation.md);
- ``corpus/web/gold.json``: every quotation with quote marks on the pages of the *tune*
  sites of ``corpus/split.json``.

Each text is read and parsed as onrecord reads it (web pages through the clean stage, the
bare spaCy model), its quotations found by :func:`onrecord.attribute.quote_cues.doc_quotes`
and each labelled quotation featurised by :mod:`onrecord.attribute.quote_features`.

It prints grouped cross-validation (folds by outlet for PolNeAR and by site for the web
pages, so that no outlet or site is scored by a model that saw it: a classifier that learned
one site's habits must not be credited for them): per-class precision and recall,
and for a sweep of thresholds on P(statement) the statements refused and non-statements
caught; the threshold kept maximises caught - 2 x refused (a refused statement loses an
attribution; a title taken gives words to nobody), counted on the quotations drawn as news
text has them — every sample but PolNeAR's ``cued``, ``cued2``, ``cued3`` and ``figures`` ones,
which were drawn by a cue (to hold many non-statements; every quoted figure) and would tilt the
balance.  Then it fits on everything and writes
``src/onrecord/attribute/data/quote_kinds.json`` (weights of features seen at least twice)
and ``bench/results/quote-kinds-cv.md``.  Deterministic.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.attribute.evaluate import read_text  # noqa: E402
from onrecord.attribute.quote_cues import doc_quotes  # noqa: E402
from onrecord.attribute.quote_features import QK_FEATURE_VERSION, quote_features  # noqa: E402
from onrecord.attribute.quote_kinds import KINDS  # noqa: E402

DATA = ROOT / "src" / "onrecord" / "attribute" / "data"
# samples drawn to hold many non-statements: left out when the threshold is chosen
ENRICHED = ("cued", "cued2", "cued3", "figures")
CORPUS = ROOT / "corpus"


def _match(quotes, s: int, e: int):
    """The found quotation whose inner span is (mostly) the labelled one."""
    best = None
    for q in quotes:
        ov = min(e, q.inner_end) - max(s, q.inner_start)
        if ov <= 0:
            continue
        score = ov / max(e - s, q.inner_end - q.inner_start)
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, q)
    return best[1] if best else None


def polnear_examples(nlp, polnear: Path):
    """[(group, label, doc, quotation)] from the labelled PolNeAR train quotations."""
    data = json.loads((CORPUS / "quote_kinds" / "polnear_train.json").read_text(encoding="utf-8"))
    by_art = defaultdict(list)
    for q in data["quotations"]:
        by_art[q["article"]].append(q)
    arts = sorted(by_art)
    texts = [read_text(polnear / "train" / "text" / f"{a}.txt") for a in arts]
    out, lost = [], 0
    for a, text, doc in zip(arts, texts, nlp.pipe(texts, batch_size=16)):
        quotes = doc_quotes(doc)
        for lab in by_art[a]:
            assert text[lab["start"]:lab["end"]] == lab["text"], (a, lab)
            q = _match(quotes, lab["start"], lab["end"])
            if q is None:
                lost += 1
                continue
            out.append(("polnear:" + a, lab["class"], doc, q))  # grouped by outlet: see group_of
    print(f"PolNeAR train: {len(out)} labelled quotations ({lost} not found as quotations)", file=sys.stderr)
    return out


def web_examples(nlp, sites: list[str]):
    """[(group, label, doc, quotation)] from the gold quotations with marks on pages of ``sites``."""
    from onrecord.evaluate import map_quotes
    from onrecord.ingest.sources import read_file
    from onrecord.pipeline import prepare

    gold = json.loads((CORPUS / "web" / "gold.json").read_text(encoding="utf-8"))["documents"]
    names = sorted(n for n in gold if n.split("__")[0] in sites)
    recs, texts = [], []
    for n in names:
        rec = prepare(read_file(CORPUS / "web" / "pages" / n))
        a = rec.document.analyzed
        recs.append(rec)
        texts.append((rec.analysis_text or rec.text)[a.start:a.end])
    out, lost = [], 0
    for n, rec, doc in zip(names, recs, nlp.pipe(texts, batch_size=8)):
        off = rec.document.analyzed.start
        page = read_text(CORPUS / "web" / "pages" / n)
        quotes = doc_quotes(doc)
        gq = gold[n]["quotes"]
        for lab, span in zip(gq, map_quotes(page, rec.text, gq)):
            if span is None or not lab.get("class"):
                continue
            q = _match(quotes, span[0] - off, span[1] - off)
            if q is None:
                lost += 1  # a blockquote or transcript turn without marks
                continue
            out.append(("site:" + n.split("__")[0], lab["class"], doc, q))
    print(f"web tune sites: {len(out)} quotations with marks ({lost} without)", file=sys.stderr)
    return out


def samples_of(items) -> list[str]:
    """The sample each item was drawn in: PolNeAR's ``sample`` field (the label whose span the
    quotation matches), ``web`` for the tune sites."""
    data = json.loads((CORPUS / "quote_kinds" / "polnear_train.json").read_text(encoding="utf-8"))
    by_art = defaultdict(list)
    for lab in data["quotations"]:
        by_art["polnear:" + lab["article"]].append(lab)
    out = []
    for g, _, _, q in items:
        if not g.startswith("polnear:"):
            out.append("web")
            continue
        best = max(by_art[g], key=lambda lab: min(lab["end"], q.inner_end) - max(lab["start"], q.inner_start))
        out.append(best["sample"])
    return out


def load_items(nlp, polnear: Path, sites: list[str], cache: Path | None):
    """Every labelled quotation with its parsed doc: parsed once, or read from ``cache``."""
    from spacy.tokens import DocBin
    from onrecord.attribute.quotes import Quote

    if cache and (cache / "qk.spacy").exists():
        docs = list(DocBin(store_user_data=True).from_disk(cache / "qk.spacy").get_docs(nlp.vocab))
        meta = json.loads((cache / "qk.json").read_text())
        return [(g, lab, docs[d], Quote(**q)) for g, lab, d, q in meta]
    items = polnear_examples(nlp, polnear) + web_examples(nlp, sites)
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        db, index, meta = DocBin(store_user_data=True), {}, []
        for g, lab, doc, q in items:
            if id(doc) not in index:
                index[id(doc)] = len(index)
                db.add(doc)
            meta.append((g, lab, index[id(doc)], q.__dict__))
        db.to_disk(cache / "qk.spacy")
        (cache / "qk.json").write_text(json.dumps(meta))
    return items


def _matrix(exs, vocab):
    import numpy as np
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for r, (_, _, feats) in enumerate(exs):
        for f in set(feats):
            k = vocab.get(f)
            if k is not None:
                rows.append(r)
                cols.append(k)
    X = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(exs), len(vocab)))
    y = np.array([KINDS.index(lab) for _, lab, _ in exs])
    return X, y


def fit(exs, C: float, min_feat: int):
    from sklearn.linear_model import LogisticRegression

    df = Counter()
    for _, _, feats in exs:
        df.update(set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= min_feat))}
    X, y = _matrix(exs, vocab)
    clf = LogisticRegression(C=C, max_iter=5000, random_state=0)
    clf.fit(X, y)
    return clf, vocab


def _probs(clf, vocab, exs):
    import numpy as np
    X, _ = _matrix(exs, vocab)
    p = np.zeros((len(exs), len(KINDS)))
    p[:, clf.classes_] = clf.predict_proba(X)
    return p


def group_of(g: str) -> str:
    """The fold group of an example: a PolNeAR article's outlet (the prefix of its name,
    ``politico_2016-…``), a web page's site."""
    if g.startswith("polnear:"):
        return "polnear:" + g[len("polnear:"):].split("_")[0]
    return g


def cross_validate(exs, C: float, min_feat: int, k: int = 5):
    """Out-of-fold probabilities, folds by group (PolNeAR outlet or web site)."""
    import numpy as np
    groups = sorted({group_of(g) for g, _, _ in exs})
    fold_of = {g: i % k for i, g in enumerate(sorted(groups, key=lambda g: (hash_str(g), g)))}
    probs = np.zeros((len(exs), len(KINDS)))
    for fold in range(k):
        tr = [e for e in exs if fold_of[group_of(e[0])] != fold]
        te = [i for i, e in enumerate(exs) if fold_of[group_of(e[0])] == fold]
        clf, vocab = fit(tr, C, min_feat)
        probs[te] = _probs(clf, vocab, [exs[i] for i in te])
    return probs


def hash_str(s: str) -> int:
    """A stable hash (Python's is salted per process)."""
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % 1_000_003
    return h


def report(exs, probs, threshold: float) -> dict:
    """Figures of out-of-fold probabilities at a threshold on P(statement)."""
    y = [lab for _, lab, _ in exs]
    pred = []
    for p in probs:
        if p[0] >= threshold:
            pred.append("statement")
        else:
            pred.append(KINDS[max(range(1, len(KINDS)), key=lambda i: p[i])])
    per = {}
    for c in KINDS:
        tp = sum(1 for a, b in zip(y, pred) if a == b == c)
        np_ = sum(1 for b in pred if b == c)
        ng = sum(1 for a in y if a == c)
        per[c] = {"gold": ng, "precision": round(tp / np_, 3) if np_ else None,
                  "recall": round(tp / ng, 3) if ng else None}
    ns = [i for i, a in enumerate(y) if a != "statement"]
    st = [i for i, a in enumerate(y) if a == "statement"]
    caught = sum(1 for i in ns if pred[i] != "statement")
    refused = sum(1 for i in st if pred[i] != "statement")
    return {"threshold": threshold, "non_statements": len(ns), "caught": caught,
            "statements": len(st), "refused": refused, "per_class": per,
            "accuracy": round(sum(1 for a, b in zip(y, pred) if a == b) / len(y), 3)}


def _write_errors(path: Path, items, probs, threshold: float, samples) -> None:
    from onrecord.text import original_text
    out = []
    for (g, lab, doc, q), p, smp in zip(items, probs, samples):
        pred = "statement" if p[0] >= threshold else KINDS[max(range(1, len(KINDS)), key=lambda i: p[i])]
        if pred == lab:
            continue
        t = original_text(doc)
        ctx = (t[max(0, q.start - 90):q.start] + "[[" + t[q.inner_start:q.inner_end] + "]]"
               + t[q.inner_end:q.inner_end + 50]).replace("\n", " / ")
        out.append(f"{lab} -> {pred} (p_statement {p[0]:.2f}, {smp}) {g}: {ctx}")
    path.write_text("\n".join(sorted(out)) + "\n", encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--C", type=float, default=0.1, help="inverse L2 regularisation")
    ap.add_argument("--min-feat", type=int, default=2)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=None,
                    help="keep this threshold on P(statement) instead of the one the news-text objective picks")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--cache", type=Path, default=None, help="directory to keep the parsed texts in")
    ap.add_argument("--errors", type=Path, default=None,
                    help="write every quotation the cross-validated model gets wrong (with its context) here")
    args = ap.parse_args(argv)

    from onrecord.parse import load_base
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    items = load_items(load_base(), args.polnear, split["tune"], args.cache)
    exs = [(g, lab, quote_features(doc, q)) for g, lab, doc, q in items]
    samples = samples_of(items)
    print("examples:", dict(Counter(lab for _, lab, _ in exs)), file=sys.stderr)

    probs = cross_validate(exs, args.C, args.min_feat, args.folds)
    natural = [i for i, s in enumerate(samples) if s not in ENRICHED]
    nat_exs = [exs[i] for i in natural]
    thresholds = [round(0.2 + 0.05 * k, 2) for k in range(13)]
    sweep = [(report(exs, probs, t), report(nat_exs, probs[natural], t)) for t in thresholds]
    best, best_nat = max(sweep, key=lambda r: (r[1]["caught"] - 2 * r[1]["refused"], -r[1]["threshold"]))
    if args.threshold is not None:
        best, best_nat = next(r for r in sweep if abs(r[0]["threshold"] - args.threshold) < 1e-9)
    web = [i for i, e in enumerate(exs) if e[0].startswith("site:")]
    web_rep = report([exs[i] for i in web], probs[web], best["threshold"])
    # the web pages of the tune sites without the narrative-prose excerpts (dialogue)
    shapes = split.get("shapes", {})
    webpage = [i for i in web if shapes.get(exs[i][0][5:], "web") == "web"]
    web_sweep = [report([exs[i] for i in webpage], probs[webpage], t) for t in thresholds]
    lines = ["# Quote kinds: cross-validated figures", "",
             f"`python scripts/train_quote_kinds.py` (C={args.C}, min feature count {args.min_feat}; "
             f"{args.folds} folds grouped by PolNeAR outlet and by web site; quote-feature version "
             f"{QK_FEATURE_VERSION}).", "",
             f"Examples: {dict(Counter(lab for _, lab, _ in exs))} "
             f"({len(exs) - len(web)} PolNeAR train, {len(web)} web tune-site quotations; by sample "
             f"{dict(Counter(samples))}).", "",
             "The threshold kept maximises caught - 2 x refused over the quotations sampled as news text "
             "has them (all but the `cued`, `cued2`, `cued3` and `figures` samples, drawn by a cue: to hold many non-statements, every quoted figure)"
             + (f", unless one is given (`--threshold {args.threshold}`)." if args.threshold is not None else ".")
             + " The last two columns: the web pages of the tune sites alone (no narrative prose), held out by site.", "",
             "| threshold on P(statement) | non-statements caught (all) | statements refused (all) "
             "| accuracy (all, 5 classes) | caught (without `cued*`) | refused (without `cued*`) "
             "| caught (web pages) | refused (web pages) |",
             "|---|---|---|---|---|---|---|---|"]
    for (r, rn), rw in zip(sweep, web_sweep):
        mark = " (kept)" if r is best else ""
        lines.append(f"| {r['threshold']}{mark} | {r['caught']}/{r['non_statements']} "
                     f"| {r['refused']}/{r['statements']} | {r['accuracy']} "
                     f"| {rn['caught']}/{rn['non_statements']} | {rn['refused']}/{rn['statements']} "
                     f"| {rw['caught']}/{rw['non_statements']} | {rw['refused']}/{rw['statements']} |")
    lines += ["", f"Per class at {best['threshold']} (all examples):", "",
              "| class | gold | precision | recall |", "|---|---|---|---|"]
    lines += [f"| {c} | {v['gold']} | {v['precision']} | {v['recall']} |" for c, v in best["per_class"].items()]
    lines += ["", f"The web tune-site quotations alone (held out by site): non-statements caught "
              f"{web_rep['caught']}/{web_rep['non_statements']}, statements refused "
              f"{web_rep['refused']}/{web_rep['statements']}."]
    print("\n".join(lines))
    if args.errors:
        _write_errors(args.errors, items, probs, best["threshold"], samples)
    if args.no_write:
        return
    clf, vocab = fit(exs, args.C, args.min_feat)
    inv = sorted(vocab, key=vocab.get)
    coef = clf.coef_  # (classes, features), classes in KINDS order
    assert list(clf.classes_) == list(range(len(KINDS)))
    w = {}
    for j, f in enumerate(inv):
        row = [round(float(coef[k, j]), 4) for k in range(len(KINDS))]
        if any(abs(x) >= 1e-3 for x in row):
            w[f] = row
    model = {"version": 1, "feature_version": QK_FEATURE_VERSION, "classes": list(KINDS),
             "trained_on": "corpus/quote_kinds/polnear_train.json + corpus/web tune sites",
             "C": args.C, "threshold": best["threshold"],
             "bias": [round(float(x), 4) for x in clf.intercept_], "w": w}
    (DATA / "quote_kinds.json").write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n",
                                           encoding="utf-8")
    out = ROOT / "bench" / "results" / "quote-kinds-cv.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {DATA / 'quote_kinds.json'} ({len(w)} features) and {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
