#!/usr/bin/env python3
"""Train the speaker typer (``onrecord.resolve.types``) on the labelled speaker sample.

    python scripts/train_speaker_types.py [--polnear ../shared/data/polnear] [--cache DIR] [--cv 5]
    python scripts/train_speaker_types.py --dump FILE     # speakers still unlabelled, to label

The labelled sample is one corpus in two files:

- ``corpus/web/gold.json`` ``speaker_types`` of the **tune** sites (``corpus/split.json``): a
  gold speaker's type is given to the speaker onrecord outputs for its quotations (matched the
  way ``onrecord eval web`` matches them); the report sites are never trained on;
- ``corpus/speaker_types.json``: every other speaker onrecord outputs on the tune pages and on
  the PolNeAR train articles of ``corpus/resolution/train_sample.json`` (doc, speaker id, name,
  mention, type, notes).

Steps: (1) ``src/onrecord/resolve/data/speaker_type_names.json``: first words of multi-word
PERSON entities seen at least three times in PolNeAR train and the commonest census surnames
(name lists the features use, beside the census first names of ``first_names.json``);
(2) every page and article is analysed with onrecord and the features of each output speaker
recorded; (3) ``--cv K``: K-fold cross-validation grouped by site/article, against the rule
types as baseline; (4) a multinomial logistic regression on all of it is written to
``src/onrecord/resolve/data/speaker_types.json`` (class names, feature names, weights; no
text).  Needs scikit-learn (training only).  Deterministic.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.resolve import types  # noqa: E402

CORPUS = ROOT / "corpus"
LABELS = CORPUS / "speaker_types.json"
GOLD_MAP = {"organisation": "organization", "role": "group", "place": "government"}
RULE_MAP = {"place": "government", "unknown": "none"}
FEATURES_VERSION = types.FEATURES_VERSION
CLASS_WEIGHT = None


def first_name_list(polnear: Path, cache: Path) -> None:
    """Step 1: the name lists (first words of PERSON entities in PolNeAR train; census names)."""
    if types.NAMES_FILE.is_file() and "surnames" in types._name_lists():
        return
    cfile = cache / "person_first_words.json"
    if cfile.is_file():
        counts = Counter(json.loads(cfile.read_text(encoding="utf-8")))
    else:
        from onrecord.parse import load_base

        nlp = load_base()
        counts = Counter()
        texts = [p.read_text(encoding="utf-8", errors="replace")
                 for p in sorted((polnear / "train" / "text").glob("*.txt"))]
        for doc in nlp.pipe(texts, batch_size=16):
            for e in doc.ents:
                words = [t.text for t in e if t.is_alpha]
                if e.label_ == "PERSON" and len(words) >= 2 and words[0][:1].isupper() and len(words[0]) > 1:
                    counts[words[0]] += 1
        cfile.write_text(json.dumps(counts), encoding="utf-8")
    names = sorted(w for w, c in counts.items() if c >= 3)
    surnames: list[str] = []
    try:   # the US census 1990 surname list, as the `names` package ships it (training only)
        import names as census

        lines = (Path(census.__file__).parent / "dist.all.last").read_text().splitlines()
        surnames = [line.split()[0].title() for line in lines[:15000] if line.strip()]
    except ImportError:
        print("note: the `names` package is missing (pip install -e .[train]); no surname list")
    types.NAMES_FILE.parent.mkdir(parents=True, exist_ok=True)
    types.NAMES_FILE.write_text(json.dumps({
        "about": "polnear_first_words: first words of multi-word PERSON entities seen >= 3 times in PolNeAR "
                 "train; surnames: the 15,000 commonest US census 1990 surnames (public domain, via the "
                 "`names` package). Census first names are in first_names.json. scripts/train_speaker_types.py",
        "polnear_first_words": names, "surnames": surnames}) + "\n", encoding="utf-8")
    types._name_lists.cache_clear()
    types.first_names.cache_clear()
    types.surnames.cache_clear()


def docs_to_label(polnear: Path) -> list[tuple[str, Path]]:
    """(doc id, path): the tune-site web pages and the PolNeAR train sample articles."""
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    tune = set(split["tune"])
    out = [(p.name, p) for p in sorted((CORPUS / "web" / "pages").glob("*.txt")) if p.name.split("__")[0] in tune]
    sample = json.loads((CORPUS / "resolution" / "train_sample.json").read_text(encoding="utf-8"))
    out += [(f"polnear:{s}", polnear / "train" / "text" / f"{s}.txt") for s in sorted(sample)]
    return out


def collect(docs: list[tuple[str, Path]], cache: Path) -> list[dict]:
    """Step 2: analyse each doc; one row per output speaker with its features."""
    cfile = cache / "speaker_rows.json"
    key = [d for d, _ in docs]
    if cfile.is_file():
        got = json.loads(cfile.read_text(encoding="utf-8"))
        if got["docs"] == key and got["names"] == len(types.first_names()) and got.get("version") == FEATURES_VERSION:
            return got["rows"]
    from onrecord.pipeline import analyze

    rows: list[dict] = []
    real = types.entity_features
    for doc_id, path in docs:
        seen: list[dict] = []

        def spy(ent, doc, offset, record=None, _seen=seen):
            f = real(ent, doc, offset, record)
            ms = sorted(ent.mentions)
            mention, context = "", ""
            if ms:
                s, e = ms[0]
                text = record.text
                mention = text[s:e]
                context = " ".join(text[max(0, s - 80):e + 80].split())
            _seen.append({"doc": doc_id, "id": ent.sid, "name": ent.name, "rule": ent.type,
                          "role": ent.role, "mention": mention, "context": context, "features": f})
            return f

        types.entity_features = spy
        try:
            rec = analyze(path)
        finally:
            types.entity_features = real
        rd = rec.to_dict()
        for r in seen:
            r["quotes"] = [_content_text(a)[:80] for a in rd["attributions"]
                           if (a.get("speaker") or {}).get("id") == r["id"]][:2]
        rows += seen
        if doc_id.split("__")[0] != doc_id:   # a web page: keep the record to match gold quotations
            (cache / "records").mkdir(parents=True, exist_ok=True)
            (cache / "records" / (doc_id[:-4] + ".json")).write_text(json.dumps(rd), encoding="utf-8")
    cfile.write_text(json.dumps({"docs": key, "names": len(types.first_names()), "version": FEATURES_VERSION,
                                 "rows": rows}), encoding="utf-8")
    return rows


def _content_text(a: dict) -> str:
    c = a.get("content") or {}
    return c.get("text") or " … ".join(x.get("text") or "" for x in c.get("spans", []))


def gold_labels(cache: Path) -> dict[tuple[str, str], str]:
    """(page, output speaker id) -> type, from the tune sites' gold quotations."""
    from onrecord.evaluate import charset, map_quotes, spans_of, speaker_ok

    gold = json.loads((CORPUS / "web" / "gold.json").read_text(encoding="utf-8"))
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    out: dict[tuple[str, str], str] = {}
    for name, gdoc in gold["documents"].items():
        if name.split("__")[0] not in split["tune"]:
            continue
        rfile = cache / "records" / (name[:-4] + ".json")
        rec = json.loads(rfile.read_text(encoding="utf-8"))
        page = (CORPUS / "web" / "pages" / name).read_text(encoding="utf-8")
        where = map_quotes(page, rec["text"], gdoc["quotes"])
        for q, span in zip(gdoc["quotes"], where):
            t = gold["speaker_types"].get(q.get("speaker") or "")
            if span is None or q["status"] != "required" or not t:
                continue
            qc = set(range(*span))
            for a in rec["attributions"]:
                ac = charset(spans_of(a.get("content")))
                sp = a.get("speaker") or {}
                if qc and len(qc & ac) / len(qc) >= 0.8 and speaker_ok(sp.get("name", ""), gold["speakers"][q["speaker"]]):
                    out[(name, sp["id"])] = GOLD_MAP.get(t, t)
    return out


def labelled(rows: list[dict], cache: Path) -> tuple[list[dict], list[str], list[dict]]:
    """The rows with a label (from gold.json first, else corpus/speaker_types.json), their labels,
    and the rows with none."""
    gold = gold_labels(cache)
    table = json.loads(LABELS.read_text(encoding="utf-8"))["speakers"] if LABELS.is_file() else []
    mine = {(r["doc"], r["id"]): r["type"] for r in table}
    X, y, todo = [], [], []
    for r in rows:
        k = (r["doc"], r["id"])
        t = gold.get(k) or mine.get(k)
        if t is None:
            todo.append(r)
            continue
        r["source"] = "gold" if k in gold else "sample"
        X.append(r)
        y.append(GOLD_MAP.get(t, t))
    return X, y, todo


def fit(X: list[dict], y: list[str], C: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=False, sort=True)
    A = vec.fit_transform([r["features"] for r in X])
    clf = LogisticRegression(C=C, max_iter=5000, class_weight=CLASS_WEIGHT)
    clf.fit(A, y)
    return vec, clf


def group_of(r: dict) -> str:
    return r["doc"].split("__")[0] if "__" in r["doc"] else r["doc"]


def cross_validate(X: list[dict], y: list[str], k: int, C: float) -> dict:
    from sklearn.model_selection import GroupKFold

    groups = [group_of(r) for r in X]
    pred = [""] * len(X)
    p_none = [0.0] * len(X)
    for tr, te in GroupKFold(n_splits=k).split(X, y, groups):
        vec, clf = fit([X[i] for i in tr], [y[i] for i in tr], C)
        A = vec.transform([X[i]["features"] for i in te])
        out = clf.predict(A)
        proba = clf.predict_proba(A)
        j = list(clf.classes_).index("none")
        for i, p, pr in zip(te, out, proba):
            pred[i] = p
            p_none[i] = float(pr[j])
    rule = [RULE_MAP.get(r["rule"], r["rule"]) for r in X]
    res = {"n": len(X), "accuracy": round(sum(p == t for p, t in zip(pred, y)) / len(y), 4),
           "rule_accuracy": round(sum(p == t for p, t in zip(rule, y)) / len(y), 4), "by_source": {}}
    for src in ("gold", "sample"):
        idx = [i for i, r in enumerate(X) if r["source"] == src and (src == "gold" or "__" not in r["doc"])]
        if src == "sample":
            res["by_source"]["sample_web"] = _acc([i for i, r in enumerate(X) if r["source"] == src and "__" in r["doc"]], pred, rule, y)
        res["by_source"]["sample_polnear" if src == "sample" else "gold_web"] = _acc(idx, pred, rule, y)
    # can_speak(): how clear is the "none" (cannot speak) signal at a few thresholds
    res["cannot_speak"] = {}
    for th in (0.5, 0.7, 0.85):
        flagged = [i for i in range(len(X)) if p_none[i] >= th]
        hits = sum(y[i] == "none" for i in flagged)
        res["cannot_speak"][str(th)] = {"flagged": len(flagged), "precision": round(hits / len(flagged), 3) if flagged else None,
                                        "recall": round(hits / max(1, y.count("none")), 3),
                                        "real_speakers_flagged": [X[i]["name"] for i in flagged if y[i] != "none"][:12]}
    res["confusion"] = dict(Counter(f"{t}->{p}" for p, t in zip(pred, y) if p != t).most_common())
    res["errors"] = [f"{X[i]['doc']}: {X[i]['name']!r} gold {y[i]} pred {pred[i]}"
                     for i in range(len(X)) if pred[i] != y[i]]
    return res


def _acc(idx, pred, rule, y) -> dict:
    if not idx:
        return {"n": 0}
    return {"n": len(idx), "accuracy": round(sum(pred[i] == y[i] for i in idx) / len(idx), 4),
            "rule_accuracy": round(sum(rule[i] == y[i] for i in idx) / len(idx), 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/onrecord-speaker-types"))
    ap.add_argument("--cv", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--dump", type=Path, help="write the unlabelled speakers (JSON) and stop")
    ap.add_argument("--no-write", action="store_true", help="cross-validate only")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    model_file = types.MODEL_FILE
    first_name_list(args.polnear, args.cache)
    rows = collect(docs_to_label(args.polnear), args.cache)   # (features do not depend on a model)
    X, y, todo = labelled(rows, args.cache)
    if args.dump:
        args.dump.write_text(json.dumps([{k: r[k] for k in ("doc", "id", "name", "rule", "role", "mention",
                                                            "context", "quotes")} for r in todo],
                                        indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"{len(todo)} unlabelled speakers -> {args.dump} ({len(X)} labelled)")
        return
    print(f"labelled speakers: {len(X)} ({Counter(r['source'] for r in X)}); types {Counter(y)}; "
          f"unlabelled: {len(todo)}")
    if args.cv:
        res = cross_validate(X, y, args.cv, args.C)
        print(json.dumps({k: v for k, v in res.items() if k != "errors"}, indent=1))
        for e in res["errors"]:
            print("  ", e)
    if args.no_write:
        return
    vec, clf = fit(X, y, args.C)
    names = list(vec.get_feature_names_out())
    model = {"about": "speaker typer weights (scripts/train_speaker_types.py); multinomial logistic regression",
             "trained_on": len(X), "C": args.C, "classes": [str(c) for c in clf.classes_], "features": names,
             "intercept": [round(float(v), 5) for v in clf.intercept_],
             "coef": [[round(float(v), 5) for v in row] for row in clf.coef_]}
    model_file.write_text(json.dumps(model) + "\n", encoding="utf-8")
    print(f"wrote {model_file} ({len(names)} features, classes {model['classes']})")


if __name__ == "__main__":
    main()
