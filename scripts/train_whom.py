"""Train the target and stance models of "to and about whom", and measure every field.

    python scripts/train_whom.py [--shared ../shared] [--folds 5] [--out bench/results/whom.md]

Gold: ``corpus/whom/train.json`` (fit, cross-validated grouped by site) and
``corpus/whom/heldout.json`` (sites and outlets never fitted on: only measured).  Every gold
document is analysed by the pipeline, with the gold publication date as its feed date (PolNeAR
texts carry none; the outlet's date is in the file name), and the stage's candidates and
features collected (``onrecord.events.whom.attach_whom(collect=…)``), so the models see what
the stage sees.  Writes the weights to ``src/onrecord/events/data/whom.json`` (fitted on the
train half only, so the held-out figures describe the shipped model) and the figures, with
majority baselines, to ``--out``.  Deterministic.
"""
from __future__ import annotations

import argparse
import collections
import datetime
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.attribute.convert import attach_attributions  # noqa: E402
from onrecord.events import extract_events  # noqa: E402
from onrecord.events.actors import country  # noqa: E402
from onrecord.events.whom import attach_whom  # noqa: E402
from onrecord.ingest import InputItem  # noqa: E402
from onrecord.pipeline import get_nlp, prepare  # noqa: E402
from onrecord.resolve import resolve_speakers  # noqa: E402
from onrecord.events import stance_model  # noqa: E402

STANCES = list(stance_model.STANCES)
_DROP = re.compile(r"^(?:the|a|an)\s+|['’]s\b|[^\w\s]", re.I)


def norm(name) -> str:
    return " ".join(_DROP.sub(" ", (name or "").lower()).split())


def same(gold, pred) -> bool:
    """Does a predicted entity name denote the gold one? Equal, one inside the other as whole
    words (a name of 4+ letters or an acronym), the same surname, or the same country."""
    if not gold or not pred:
        return False
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return False
    if g == p:
        return True
    gw, pw = g.split(), p.split()
    for small, big in ((gw, pw), (pw, gw)):
        if set(small) <= set(big) and (len(" ".join(small)) >= 4 or len(small[0]) >= 2 and small[0].isalpha()):
            if len(small) > 1 or len(small[0]) >= 3:
                return True
    if len(gw) > 1 and len(pw) > 1 and gw[-1] == pw[-1] and len(gw[-1]) >= 4:
        return True
    cg, cp = country(gold), country(pred)
    return bool(cg and cp and cg[0] == cp[0])


def source_path(e: dict, shared: Path) -> Path:
    if e["corpus"] == "web":
        return ROOT / "corpus" / "web" / "pages" / e["doc"]
    split = "train" if e["corpus"] == "polnear-train" else "dev"
    return shared / "data" / "polnear" / split / "text" / e["doc"]


def _parsed(item, nlp, cache: Path | None):
    """(prepared record, parsed doc) of one input; with ``cache``, the parse is kept there
    (the record before analysis, the doc's bytes and the attribution component's output), so
    that a change of the to/about-whom features is measured again without parsing."""
    import hashlib
    import pickle

    from spacy.tokens import Doc

    key = hashlib.sha256(item.data + repr(item.meta).encode()).hexdigest()[:20]
    path = cache / f"{key}.pkl" if cache else None
    if path is not None and path.exists():
        rec_bytes, doc_bytes, atts, rejected = pickle.loads(path.read_bytes())
        doc = Doc(nlp.vocab).from_bytes(doc_bytes)
        doc._.attributions, doc._.rejected_quotations = atts, rejected
        return pickle.loads(rec_bytes), doc
    rec = prepare(item)
    rec_bytes = pickle.dumps(rec)
    off = rec.document.analyzed.start
    doc = nlp((rec.analysis_text or rec.text)[off:rec.document.analyzed.end])
    if path is not None:
        cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps((rec_bytes, doc.to_bytes(exclude=["user_data"]),
                                       doc._.attributions, doc._.rejected_quotations)))
    return rec, doc


def analyse(entries: list[dict], shared: Path, cache: Path | None = None) -> dict[str, tuple]:
    """doc → (record, {(start, end): (attribution, scored candidates)})."""
    nlp = get_nlp()
    out = {}
    by_doc = collections.OrderedDict()
    for e in entries:
        by_doc.setdefault(e["doc"], e)
    for doc_name, e in by_doc.items():
        path = source_path(e, shared)
        item = InputItem(name=str(path), data=path.read_bytes(), path=str(path),
                         meta={"published": e["published"]} if e["published"] else None)
        rec, doc = _parsed(item, nlp, cache)
        off = rec.document.analyzed.start
        attach_attributions(rec, doc, off)
        resolver = resolve_speakers(rec, doc, off)
        ev = extract_events(rec, doc, off, resolver)
        got: list = []
        attach_whom(rec, doc, off, ev, collect=got)
        out[doc_name] = (rec, {(a.start, a.end): (a, scored, none_f) for a, scored, none_f in got})
    return out


DENSE = stance_model.DENSE


def vectorize(dicts, vocab=None):
    """A matrix of sparse feature dicts; a dense part (key DENSE) fills the first columns."""
    dim = next((len(d[DENSE]) for d in dicts if DENSE in d), 0)
    if vocab is None:
        vocab = {}
        for d in dicts:
            for k in d:
                if k != DENSE:
                    vocab.setdefault(k, dim + len(vocab))
    X = np.zeros((len(dicts), dim + len(vocab)), dtype="float64")
    for r, d in enumerate(dicts):
        for k, v in d.items():
            if k == DENSE:
                X[r, :dim] = v
                continue
            j = vocab.get(k)
            if j is not None:
                X[r, j] = v
    return X, vocab, dim


def _weights(coef, vocab, dim) -> dict:
    ws = {k: float(coef[j]) for k, j in vocab.items() if abs(coef[j]) > 1e-6}
    if dim:
        ws[DENSE] = [round(float(x), 6) for x in coef[:dim]]
    return ws


def fit_binary(feats, labels, C):
    from sklearn.linear_model import LogisticRegression

    X, vocab, dim = vectorize(feats)
    y = np.array(labels, dtype=int)
    if len(set(y)) < 2:
        return {}
    m = LogisticRegression(C=C, fit_intercept=False, max_iter=2000, solver="lbfgs")
    m.fit(X, y)
    return _weights(m.coef_[0], vocab, dim)


def fit_multi(feats, labels, C, class_weight=None):
    from sklearn.linear_model import LogisticRegression

    X, vocab, dim = vectorize(feats)
    y = np.array([STANCES.index(s) for s in labels])
    m = LogisticRegression(C=C, fit_intercept=False, max_iter=3000, solver="lbfgs", class_weight=class_weight)
    m.fit(X, y)
    ws = {c: {} for c in STANCES}
    for row, cls in enumerate(m.classes_):
        ws[STANCES[cls]] = _weights(m.coef_[row], vocab, dim)
    return ws


def fit_rank(groups, C):
    """A conditional logit: ``groups`` is a list of (option feature dicts, index of the right
    option); L2 penalty 1/(2C)·|w|² (no dense part: the target features are sparse)."""
    from scipy.optimize import minimize

    vocab: dict[str, int] = {}
    for opts, _ in groups:
        for f in opts:
            for k in f:
                vocab.setdefault(k, len(vocab))
    rows = [f for opts, _ in groups for f in opts]
    X = np.zeros((len(rows), len(vocab)))
    for r, f in enumerate(rows):
        for k, v in f.items():
            X[r, vocab[k]] = v
    sizes = np.array([len(opts) for opts, _ in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    gold = starts + np.array([g for _, g in groups])
    owner = np.repeat(np.arange(len(groups)), sizes)

    def loss(w):
        z = X @ w
        m = np.maximum.reduceat(z, starts)
        e = np.exp(z - m[owner])
        tot = np.add.reduceat(e, starts)
        p = e / tot[owner]
        total = 0.5 * w @ w / C - float(np.sum(z[gold] - m - np.log(tot)))
        grad = w / C - (X[gold].sum(axis=0) - p @ X)
        return total, grad

    res = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return {k: float(res.x[j]) for k, j in vocab.items() if abs(res.x[j]) > 1e-6}


def examples(gold: list[dict], analysed: dict):
    """Per gold statement: (entry, attribution, scored candidates, features of "about no
    one") when the pipeline has it."""
    out = []
    for e in gold:
        rec, by_span = analysed[e["doc"]]
        hit = by_span.get((e["attr_start"], e["attr_end"]))
        if hit is None:
            continue
        out.append((e, *hit))
    return out


class _Who:
    def __init__(self, id_, name):
        self.id, self.name = id_, name


class _Cand:
    def __init__(self, c):
        self.who, self.first, self.features = _Who(c.who.id, c.who.name), c.first, c.features


class _Att:
    """What the figures need of an attribution (picklable, no parse)."""
    def __init__(self, a):
        self.addressee = _Who(a.addressee.id, a.addressee.name) if a.addressee else None
        self.channel = a.channel
        self.said_on = a.said_on


def _light(x):
    e, a, scored, none_f = x
    return e, _Att(a), [(p, _Cand(c), s) for p, c, s in scored], none_f


# feature groups of the stance model that cross-validation may leave out
STANCE_GROUPS = {"dense": (DENSE,), "words": ("w=", "cw=", "gov="), "valence": ("val_",),
                 # the valences read through the parse (the governor, the predicate of a subject,
                 # the noun a mention modifies), apart from the sums over the content, clause, window
                 "valence_parse": ("val_gov", "val_pred_of_subj", "val_modified"),
                 # own side and speech acts toward the target (stance_cues)
                 "cues": ("own_", "own|", "act="),
                 # VADER's compound score of the content and of the target's clause
                 "vader": ("vader_", "sole|vader_"),
                 # the cue's lemma and the small hand lists of evaluative words
                 "lemmas": ("cue=", "eval=", "clause_eval="),
                 # the dozen signed signals of onrecord.events.stance_signals (the compact model's)
                 "signals": ("sig_",)}


# the pooled model: only the signed sums of stance_cues.pooled, the speaker's own side, a question
POOLED = ("bias", "pol_", "own_side", "question")
POOLED_SPEAKER = POOLED + ("speaker_type=",)
# the compact model: the signals of onrecord.events.stance_signals and the speaker's type
SIGNALS = ("bias", "sig_", "speaker_type=")


def _keep(f: dict, drop: tuple, keep: tuple = ()) -> dict:
    if keep:
        return {k: v for k, v in f.items() if k.startswith(keep)}
    pre = tuple(p for g in (*drop, "signals") for p in STANCE_GROUPS[g])
    return {k: v for k, v in f.items() if not k.startswith(pre)}


def model_from(train_ex, cfg: dict) -> dict:
    tf, tl, sf, sl, groups = [], [], [], [], []
    for e, a, scored, none_f in train_ex:
        right = None
        for k, (_, c, s) in enumerate(scored):
            ok = same(e["target"], c.who.name)
            tf.append(c.features)
            tl.append(1 if ok else 0)
            if ok and right is None:
                right = k
            if ok and e["stance"]:
                sf.append(_keep(s, cfg["drop"], cfg.get("keep", ())))
                sl.append(e["stance"])
        if scored and (right is not None or not e["target"]):
            groups.append(([c.features for _, c, _ in scored] + [none_f],
                           right if right is not None else len(scored)))
    if cfg["kind"] == "rank":
        target = {"kind": "rank", "weights": fit_rank(groups, cfg["C_t"]), "secondary": cfg["second"]}
    else:
        target = {"kind": "binary", "weights": fit_binary(tf, tl, cfg["C_t"]), "threshold": cfg["thr"],
                  "secondary": cfg["second"]}
    stance = {"classes": STANCES, "weights": fit_multi(sf, sl, cfg["C_s"], cfg.get("cw"))}
    if cfg.get("keep") == SIGNALS:
        stance["features"] = "signals"    # (the stage then computes only these: stance_model.compact)
    return {"target": target, "stance": stance}


def predict(model, scored, none_f):
    """(main target name or None, {candidate name: stance})."""
    _, main = stance_model.choose(model, [c.features for _, c, _ in scored], none_f)
    stances = {}
    for _, c, s in scored:
        probs = stance_model.stance_probabilities(model, s)
        stances[c.who.name] = max(probs, key=probs.get)
    return (scored[main][1].who.name if main is not None else None), stances


def score_targets(model, ex):
    right = n = 0
    st_right = st_n = e2e = 0
    for e, a, scored, none_f in ex:
        main, stances = predict(model, scored, none_f)
        n += 1
        ok = (main is None and not e["target"]) or (main is not None and same(e["target"], main))
        right += ok
        if e["target"] and e["stance"]:
            hit = next((nm for nm in stances if same(e["target"], nm)), None)
            if hit is not None:
                st_n += 1
                st_right += stances[hit] == e["stance"]
            if ok and hit is not None and stances[hit] == e["stance"]:
                e2e += 1
    with_t = sum(1 for x in ex if x[0]["target"] and x[0]["stance"])
    return {"target_acc": right / max(n, 1), "n": n, "stance_acc": st_right / max(st_n, 1),
            "stance_n": st_n, "target_and_stance": e2e / max(with_t, 1), "with_target": with_t}


def folds_by_site(train_ex, folds: int) -> dict[str, int]:
    """Site → fold: whole sites (outlets) per fold, the largest first into the smallest fold,
    so that each fold is measured on sites its model never saw (as the held-out half is)."""
    size = collections.Counter(x[0]["site"] for x in train_ex)
    load = [0] * folds
    out = {}
    for site, n in sorted(size.items(), key=lambda kv: (-kv[1], kv[0])):
        k = min(range(folds), key=lambda j: (load[j], j))
        out[site] = k
        load[k] += n
    return out


def simplicity(g: dict) -> tuple:
    """How simple a stance configuration is (smaller: simpler): the compact signals before the
    detailed feature groups (more groups left out: simpler), a stronger penalty (smaller C),
    no class weights."""
    return (0 if g.get("keep") else 1, -len(g["drop"]), g["C_s"], g.get("cw") is not None)


def one_se(s_cv, n: int):
    """The simplest stance configuration whose cross-validated accuracy is within one standard
    error of the best (the "one-standard-error rule": on ~200 labels the grid's figures differ
    by less than their noise, so the simplest of the tied ones is taken, not the luckiest)."""
    best = max(c["stance_acc"] for c, _ in s_cv)
    se = (best * (1 - best) / max(n, 1)) ** 0.5
    return min((x for x in s_cv if x[0]["stance_acc"] >= best - se), key=lambda x: simplicity(x[1]))


def cross_validate(train_ex, folds, cfg):
    fold_of = folds_by_site(train_ex, folds)
    preds = collections.defaultdict(list)
    for k in range(folds):
        tr = [x for x in train_ex if fold_of[x[0]["site"]] != k]
        te = [x for x in train_ex if fold_of[x[0]["site"]] == k]
        if not te:
            continue
        m = model_from(tr, cfg)
        for key, v in score_targets(m, te).items():
            preds[key].append((v, len(te)))
    return {k: sum(v * w for v, w in vs) / max(sum(w for _, w in vs), 1) for k, vs in preds.items()}


def prf(pairs):
    tp = sum(1 for g, p, ok in pairs if g and p and ok)
    fp = sum(1 for g, p, ok in pairs if p and not (g and ok))
    fn = sum(1 for g, p, ok in pairs if g and not (p and ok))
    pr = tp / max(tp + fp, 1)
    rc = tp / max(tp + fn, 1)
    return {"p": pr, "r": rc, "f1": 2 * pr * rc / max(pr + rc, 1e-9), "gold": tp + fn, "pred": tp + fp}


def frame_figures(ex):
    add = [(e["addressee"], a.addressee.name if a.addressee else None,
            same(e["addressee"], a.addressee.name if a.addressee else None)) for e, a, _, _ in ex]
    ch = [(e["channel"], a.channel.type if a.channel else None,
           a.channel is not None and e["channel"] == a.channel.type) for e, a, _, _ in ex]
    dated = [(e, a) for e, a, _, _ in ex if e["said_on"]]
    said = sum(1 for e, a in dated if a.said_on and a.said_on.date == e["said_on"])
    return {"addressee": prf(add), "channel": prf(ch), "said_on": said / max(len(dated), 1),
            "said_on_n": len(dated)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "whom.md"))
    ap.add_argument("--cache", help="keep the parses of the gold documents in this folder (re-used when "
                    "there: a change of the stage's features is measured again without parsing)")
    ap.add_argument("--misses", choices=("train", "heldout"), help="list the misses of one half "
                    "(read the train half's to tune; the held-out half's only to report)")
    ap.add_argument("--pooled", action="store_true", help="let cross-validation also choose the pooled stance "
                    "model (only the signed sums of stance_cues.pooled; best cross-validated, but below the "
                    "majority on the held-out half and wrong on a seed: bench/results/whom.md)")
    ap.add_argument("--signals", action="store_true", help="let cross-validation also choose the compact stance "
                    "model (the signals of onrecord.events.stance_signals), the simplest configuration within one "
                    "standard error of the best (not shipped: wrong on a seed; bench/results/whom.md)")
    args = ap.parse_args()
    shared = Path(args.shared)
    gold = {k: json.loads((ROOT / "corpus" / "whom" / f"{k}.json").read_text(encoding="utf-8"))["statements"]
            for k in ("train", "heldout")}
    stance_model.load.cache_clear()
    analysed = analyse(gold["train"] + gold["heldout"], shared, Path(args.cache) if args.cache else None)
    tr, ho = [_light(x) for x in examples(gold["train"], analysed)], \
        [_light(x) for x in examples(gold["heldout"], analysed)]
    print(f"matched {len(tr)}/{len(gold['train'])} train and {len(ho)}/{len(gold['heldout'])} held-out statements")
    # the two models are independent: each chosen by its own cross-validated figure
    t_grid = [{"kind": "rank", "C_t": c, "thr": None} for c in (0.03, 0.1, 0.3, 1.0)] + \
        [{"kind": "binary", "C_t": c, "thr": t} for c in (0.3, 1.0) for t in (0.3, 0.4)]
    s_grid = [{"C_s": c, "drop": drop} for c in (0.1, 0.3, 1.0)
              for drop in ((), ("dense",), ("dense", "words"), ("dense", "words", "lemmas"), ("dense", "cues"))]
    if args.signals:
        s_grid += [{"C_s": c, "drop": (), "keep": SIGNALS, "cw": cw} for c in (0.1, 0.3, 1.0)
                   for cw in (None, "balanced")]
    if args.pooled:
        s_grid += [{"C_s": c, "drop": (), "keep": keep} for c in (0.1, 0.3, 1.0) for keep in (POOLED, POOLED_SPEAKER)]
    base = {"second": 0.5, "C_s": 0.3, "drop": ("dense",)}
    t_cv = [(cross_validate(tr, args.folds, {**base, **g}), g) for g in t_grid]
    best_t = max(t_cv, key=lambda x: x[0]["target_acc"])
    s_cv = [(cross_validate(tr, args.folds, {**base, **best_t[1], **g}), g) for g in s_grid]
    n_stance = sum(1 for e, _, sc, _ in tr if e["target"] and e["stance"]
                   and any(same(e["target"], c.who.name) for _, c, _ in sc))
    best_s = one_se(s_cv, n_stance) if args.signals else max(s_cv, key=lambda x: x[0]["stance_acc"])
    cfg = {**base, **best_t[1], **best_s[1]}
    if cfg["kind"] == "binary":
        cfg["second"] = max(cfg["thr"], 0.5)
    cv = cross_validate(tr, args.folds, cfg)
    for c, g in t_cv:
        print(f"target {g}: CV accuracy {c['target_acc']:.3f}")
    for c, g in s_cv:
        print(f"stance {g}: CV accuracy {c['stance_acc']:.3f}")
    model = model_from(tr, cfg)
    C_t, C_s = cfg["C_t"], cfg["C_s"]
    model.update({"version": 2, "trained_on": "corpus/whom/train.json",
                  "C_target": C_t, "C_stance": C_s, "stance_class_weight": cfg.get("cw"),
                  "stance_left_out": list(cfg["drop"]),
                  "stance_kept": list(cfg.get("keep", ()))})
    path = stance_model.DATA
    path.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    stance_model.load.cache_clear()
    held = score_targets(model, ho)
    fr_ho, fr_tr = frame_figures(ho), frame_figures(tr)
    # majority baselines
    st_major = collections.Counter(x[0]["stance"] for x in tr if x[0]["stance"]).most_common(1)[0][0]

    def majority(ex):   # the majority class, over the statements the stance figure counts
        sts = [e["stance"] for e, _, sc, _ in ex if e["target"] and e["stance"]
               and any(same(e["target"], c.who.name) for _, c, _ in sc)]
        return sum(1 for x in sts if x == st_major) / max(len(sts), 1)

    base_stance, base_stance_tr = majority(ho), majority(tr)
    base_none = sum(1 for x in ho if not x[0]["target"]) / max(len(ho), 1)
    first = sum(1 for e, a, sc, _ in ho if (not sc and not e["target"]) or
                (sc and same(e["target"], min(sc, key=lambda x: x[1].first)[1].who.name))) / max(len(ho), 1)
    reach = sum(1 for e, a, sc, _ in ho if not e["target"] or any(same(e["target"], c.who.name) for _, c, _ in sc)) \
        / max(len(ho), 1)
    lines = [
        "# To and about whom: figures",
        "",
        f"Measured on {datetime.date.today().isoformat()} (`python scripts/train_whom.py`).",
        "",
        f"Gold: `corpus/whom/` ({len(gold['train'])} train statements, {len(gold['heldout'])} held-out; "
        "held out by outlet/site: PolNeAR politico, usa-today, wash-post, west-journal and the "
        "report sites of `corpus/split.json`). `python scripts/train_whom.py` (deterministic).",
        "",
        f"Models: target {cfg['kind']} C={C_t}" + (f", threshold {cfg['thr']}" if cfg["kind"] == "binary" else "")
        + f"; stance C={C_s}" + (f" ({cfg['cw']} class weights)" if cfg.get("cw") else "") + ", "
        + (f"features kept: {', '.join(cfg['keep'])}" if cfg.get("keep") else
                                   f"feature groups left out: {', '.join(cfg['drop']) or 'none'}") + " (each chosen by "
        f"{args.folds}-fold cross-validation on train, grouped by site: a fold's sites are never "
        "fitted on).",
        "",
        "| figure | held-out | train (CV for the models) | baseline (held-out) |",
        "|---|---|---|---|",
        f"| addressee F1 (P / R; gold n) | {fr_ho['addressee']['f1']:.3f} ({fr_ho['addressee']['p']:.3f} / "
        f"{fr_ho['addressee']['r']:.3f}; {fr_ho['addressee']['gold']}) | {fr_tr['addressee']['f1']:.3f} "
        f"(tuned on) | none: 0 |",
        f"| channel F1 (P / R; gold n) | {fr_ho['channel']['f1']:.3f} ({fr_ho['channel']['p']:.3f} / "
        f"{fr_ho['channel']['r']:.3f}; {fr_ho['channel']['gold']}) | {fr_tr['channel']['f1']:.3f} (tuned on) | none: 0 |",
        f"| main target accuracy (n) | {held['target_acc']:.3f} ({held['n']}) | {cv['target_acc']:.3f} | "
        f"always none {base_none:.3f}; first mention {first:.3f}; ceiling (right target among the "
        f"candidates or none) {reach:.3f} |",
        f"| stance accuracy, gold target among candidates (n) | {held['stance_acc']:.3f} ({held['stance_n']}) | "
        f"{cv['stance_acc']:.3f} (majority {base_stance_tr:.3f}) | majority ('{st_major}') {base_stance:.3f} |",
        f"| main target and stance both right (n with a gold target) | {held['target_and_stance']:.3f} "
        f"({held['with_target']}) | {cv['target_and_stance']:.3f} | |",
        f"| said_on right, statements the text dates to a day (n) | {fr_ho['said_on']:.3f} ({fr_ho['said_on_n']}) | "
        f"{fr_tr['said_on']:.3f} ({fr_tr['said_on_n']}) | publication date |",
        "",
    ]
    pub_ho = sum(1 for e, a, _, _ in ho if e["said_on"] and e["said_on"] == e["published"]) / max(fr_ho["said_on_n"], 1)
    lines = [x.replace("| publication date |", f"| the publication date: {pub_ho:.3f} |") for x in lines]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    if args.misses:
        for e, a, sc, nf in (tr if args.misses == "train" else ho):
            main, stances = predict(model, sc, nf)
            pa = a.addressee.name if a.addressee else None
            pc = a.channel.type if a.channel else None
            bad = []
            if bool(e["addressee"]) != bool(pa) or (pa and not same(e["addressee"], pa)):
                bad.append(f"addressee {e['addressee']!r} got {pa!r}")
            if e["channel"] != pc:
                bad.append(f"channel {e['channel']!r} got {pc!r}")
            if not ((main is None and not e["target"]) or same(e["target"], main)):
                bad.append(f"target {e['target']!r} got {main!r} of {[c.who.name for _, c, _ in sc]}")
            hit = next((nm for nm in stances if e["target"] and same(e["target"], nm)), None)
            if hit is not None and e["stance"] and stances[hit] != e["stance"]:
                bad.append(f"stance toward {hit} {e['stance']} got {stances[hit]}")
            if e["said_on"] and (a.said_on is None or a.said_on.date != e["said_on"]):
                bad.append(f"said_on {e['said_on']} got {a.said_on.date if a.said_on else None} ({a.said_on.basis if a.said_on else ''})")
            if bad:
                print(f"- {e['doc'][:40]} {e['content'][:60]!r}: " + "; ".join(bad))


if __name__ == "__main__":
    main()
