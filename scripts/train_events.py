#!/usr/bin/env python3
"""Train the learned step of the events stage: did a candidate event happen (as its type)?

    python scripts/train_events.py [--no-write] [--cache FILE.json]

Training data: the candidates onrecord lists on the pages of the *tune* sites of
``corpus/split.json``, on the two seed articles (``examples/seeds``) and on the PolNeAR *train*
articles of the gold (split ``polnear-train``), labelled in ``corpus/events/gold.jsonl``
(docs/annotation.md); a candidate is positive when the annotator judged it a real happening
of its PLOVER type.  Never a report site, never a PolNeAR dev article.  ``--cache`` keeps every
candidate's features in a file (made on the first run, read on the next: labels added since are
read from the gold, the pages are not analysed again).

Each page is analysed by the pipeline as it runs (one parse); each candidate brings its
features (:func:`onrecord.events.happening_model.features`).  Cross-validation leaves one
site (or PolNeAR outlet) out at a time: for each L2 strength, each way to decide (``filter``: the rules and the
model must both accept; ``model``: the model alone, the rules' reason one of its features)
and each threshold it reports candidate precision and recall; the setting kept maximises
F0.5 (precision weighs more: a counted non-event is a wrong row in a researcher's table),
ties to the rules alone, among the settings whose cross-validated recall is at least 0.80 (the
recall bar of 0.70, with the margin a held-out page loses) and whose model (fitted on every candidate) still counts the seeds' required
events (accusation, denial, demand, meetings, pledge, protests) and the example events of
``REQUIRED`` told alone (a pledge, a warning, two attacks).  Then it fits on all tune candidates and writes
``src/onrecord/events/data/events.json`` (weights of features seen at least twice) and
``bench/results/events-model-cv.md``.  The same command trains the recipient choice
(:func:`train_recipients`: ``data/recipient.json``, ``bench/results/events-recipient-cv.md``)
on the options of the same candidates.  Deterministic.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.events.happening_model import FEATURE_VERSION, probability  # noqa: E402

OUT = ROOT / "src" / "onrecord" / "events" / "data" / "events.json"
RESULTS = ROOT / "bench" / "results" / "events-model-cv.md"
RECIPIENT_OUT = ROOT / "src" / "onrecord" / "events" / "data" / "recipient.json"
RECIPIENT_RESULTS = ROOT / "bench" / "results" / "events-recipient-cv.md"


POLNEAR_TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def group_of(name: str) -> str:
    """The cross-validation group of a page: its site, PolNeAR outlet, or the seeds."""
    if "__" in name:
        return name.split("__")[0]
    if (POLNEAR_TRAIN / name).exists():
        return "polnear:" + name.split("_")[0]
    return "seeds"


def load_gold() -> dict:
    """The training labels: (page, trigger start) → gold line (never a report site or dev)."""
    gold = {}
    for line in (ROOT / "corpus" / "events" / "gold.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        if g["split"] in ("tune", "seeds", "polnear-train"):
            gold[(g["doc"], g["trigger_start"])] = g
    return gold


def candidates(gold: dict) -> list[tuple[str, int, str, dict, bool]]:
    """[(page, trigger start, PLOVER type, features, rules_ok)] of every PLOVER candidate of the
    training pages, labelled or not (a cache of them survives new labels)."""
    from onrecord.ingest import iter_inputs
    from onrecord.pipeline import analyze_items

    from onrecord.evaluate import load_corpus, pages_of

    web_gold, sp = load_corpus(ROOT / "corpus")
    # the pages `onrecord eval web` reads (.txt, .md, .html), not only *.txt
    pages = [ROOT / "corpus" / "web" / "pages" / n for n in pages_of(web_gold, sp, "tune")]
    pages += sorted((ROOT / "examples" / "seeds").glob("*.txt"))
    pages += sorted(POLNEAR_TRAIN / d for d in {g["doc"] for g in gold.values() if g["split"] == "polnear-train"})
    out = []
    for o in analyze_items(iter_inputs([str(p) for p in pages]), jobs=2):
        if o.record is None:
            continue
        name = Path(o.item.name).name
        for ev in o.record.event_candidates:
            if ev.plover is not None:
                out.append((name, ev.trigger.start, ev.plover, ev.features, not ev.not_happened,
                            ev.recipients))
    return out


def examples(cands, gold: dict):
    """[(group, label, features, rules_ok)] of the labelled training candidates, and how many
    had no label."""
    out, unlabelled = [], 0
    for name, start, plover, feats, ok, *_ in cands:
        g = gold.get((name, start))
        if g is None:
            unlabelled += 1
            continue
        out.append((group_of(name), int(g["event"] and g["plover"] == plover), feats, ok))
    return out, unlabelled


# the bar for event recall is 0.70 and a held-out page loses what cross-validation over the
# training pages finds (0.89 cross-validated, 0.82 on the report sites with the setting kept before):
# a setting must keep 0.80 here to keep 0.75 held out
RECALL_FLOOR = 0.80
SEED_KINDS = ("accuse", "deny", "demand", "meet", "pledge", "protest")


# the issue's and the seeds' example events told in one sentence each (tests/test_events.py):
# the written model must count them out of their page too
REQUIRED = [
    "Russia’s Foreign Ministry said Moscow “will render Yerevan all necessary assistance.”",
    "Iran warned Israel against any attack on its nuclear sites.",
    "Days earlier, Turkish F-16s attacked a maternity hospital and school in the enclave.",
    "The minister said: “Russia attacked Ukraine on Monday.”",
]


def required_features() -> list[dict]:
    """The features of the PLOVER candidates of :data:`REQUIRED` that the rules accept."""
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    items = [InputItem(name=f"r{i}", data=(t + "\n").encode()) for i, t in enumerate(REQUIRED)]
    return [c.features for o in analyze_items(items) if o.record is not None
            for c in o.record.event_candidates if c.plover and not c.not_happened]


def fit(rows, c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f for _, _, f, _ in rows])
    y = [lab for _, lab, _, _ in rows]
    clf = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)
    clf.fit(x, y)
    return vec, clf


def weights_of(rows, vec, clf) -> dict[str, float]:
    """The weights written to the model file: of the features seen at least twice."""
    seen: dict[str, int] = defaultdict(int)
    for _, _, f, _ in rows:
        for k in f:
            seen[k] += 1
    return {k: round(float(w), 5) for k, w in zip(vec.feature_names_, clf.coef_[0])
            if seen[k] >= 2 or k == "bias"}


def prf(picked: list[tuple[int, bool]]) -> tuple[float, float, float]:
    tp = sum(1 for y, k in picked if y and k)
    fp = sum(1 for y, k in picked if not y and k)
    fn = sum(1 for y, k in picked if y and not k)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f05 = (1.25 * p * r / (0.25 * p + r)) if p + r else 0.0
    return p, r, f05


def gold_recipient(gold: dict, g: dict):
    """The right recipient of the happening ``g`` tells, by its first telling: ``(True, name)``
    (``name`` None: it has none) or ``(False, None)`` when the gold does not record it."""
    first = next((x for x in gold.values() if x["happening"] == g["happening"] and "actor" in x), None)
    if first is None:
        return False, None
    if "recipient_gold" in first:
        return True, first["recipient_gold"]
    if first.get("recipient_wrong"):
        return False, None
    return True, first.get("recipient")


def recipient_rows(cands, gold: dict):
    """[(group, options, gold name)] of the training candidates that are the first telling of a
    real happening whose recipient the gold records, each option labelled by whether it names the
    gold one (a later telling is left out: the gold's recipient is its first telling's, and a
    later sentence may name one the first does not — "demanded an explanation", then "We demand
    an explanation from the US State Department")."""
    sys.path.insert(0, str(ROOT / "bench"))
    from events_precision import same_name

    out = []
    for name, start, plover, _f, _ok, *rest in cands:
        g = gold.get((name, start))
        if g is None or not g["event"] or g["plover"] != plover or not rest or "actor" not in g:
            continue
        known, right = gold_recipient(gold, g)
        if not known:
            continue
        opts = [(o["features"], int(right is not None and same_name(o["name"], right))) for o in rest[0]]
        out.append((group_of(name), opts, right))
    return out


def train_recipients(cands, gold: dict, write: bool) -> None:
    """The recipient ranker (:mod:`onrecord.events.recipient`): a logistic model over every
    option of every training happening, cross-validated by site; the choice is right when it
    names the gold recipient (or, with none, chooses none).  Kept only when it beats the rules'
    pick cross-validated; written to ``data/recipient.json``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from onrecord.events.recipient import VERSION, choose, in_context

    rows = recipient_rows(cands, gold)
    if not rows:
        return

    def right(pick, opts, gold_name) -> bool:
        if pick is None:
            return gold_name is None
        return any(lab for f, lab in opts if f is pick)

    def rule(opts):
        return next((f for f, _ in opts if f.get("rule_pick")), None)

    def pick_of(model, opts):
        got = choose(model, [{"features": f} for f, _ in opts])
        return got["features"] if got is not None else None

    base = sum(right(rule(o), o, gn) for _, o, gn in rows) / len(rows)

    def fit_on(part, c):
        x = [g for _, o, _ in part for g in in_context([f for f, _ in o])]
        y = [lab for _, o, _ in part for _, lab in o]
        vec = DictVectorizer()
        clf = LogisticRegression(C=c, max_iter=3000, fit_intercept=False).fit(vec.fit_transform(x), y)
        return {k: float(w) for k, w in zip(vec.feature_names_, clf.coef_[0])}

    groups = sorted({s for s, _, _ in rows})
    lines = ["# Event recipients: the learned choice, cross-validated by site (training data only)", "",
             f"{len(rows)} training happenings whose recipient the gold records "
             f"({sum(1 for _, _, g in rows if g is None)} with none); options from the parse "
             f"({sum(len(o) for _, o, _ in rows)} in all). Each fold leaves one site (or PolNeAR outlet) out.",
             "", f"Rules' pick: {base:.3f} right.", "", "| C | threshold | right |", "|---|---|---|"]
    best = (base, None, None)
    for c in (0.1, 0.3, 1.0, 3.0):
        folds = {s: fit_on([r for r in rows if r[0] != s], c) for s in groups}
        for t in (0.2, 0.3, 0.4, 0.5, 0.6):
            ok = sum(right(pick_of({"weights": folds[s], "threshold": t}, o), o, gn) for s, o, gn in rows)
            lines.append(f"| {c} | {t} | {ok / len(rows):.3f} |")
            if ok / len(rows) > best[0] + (0.005 if best[1] is None else 0.0):
                best = (ok / len(rows), c, t)
    lines += ["", ("Kept: the rules' pick (no setting beat it by more than 0.005)." if best[1] is None else
                   f"Kept: C={best[1]}, threshold {best[2]} ({best[0]:.3f} right, the rules' pick {base:.3f})."), ""]
    text = "\n".join(lines) + "\n"
    print(text)
    if not write:
        return
    RECIPIENT_RESULTS.write_text(text, encoding="utf-8")
    if best[1] is None:
        RECIPIENT_OUT.unlink(missing_ok=True)
        return
    w = {k: round(v, 5) for k, v in fit_on(rows, best[1]).items() if abs(v) > 1e-6}
    RECIPIENT_OUT.write_text(json.dumps({"version": VERSION, "threshold": best[2], "C": best[1], "weights": w},
                                        indent=0, sort_keys=True) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--cache", type=Path, help="keep the candidates' features here")
    a = ap.parse_args()
    gold = load_gold()
    if a.cache and a.cache.exists():
        cached = json.loads(a.cache.read_text(encoding="utf-8"))
        if cached.get("feature_version") != FEATURE_VERSION:
            sys.exit(f"{a.cache} holds features of version {cached.get('feature_version')}, not {FEATURE_VERSION}")
        cands = [tuple(c) for c in cached["candidates"]]
    else:
        cands = candidates(gold)
        if a.cache:
            a.cache.write_text(json.dumps({"feature_version": FEATURE_VERSION, "candidates": cands}),
                               encoding="utf-8")
    train_recipients(cands, gold, write=not a.no_write)
    rows, unlabelled = examples(cands, gold)
    sites = sorted({s for s, _, _, _ in rows})
    n_web = sum(1 for s in sites if ":" not in s and s != "seeds")
    n_pn = sum(1 for s in sites if s.startswith("polnear:"))
    lines = ["# Events: the learned step, cross-validated by site (training data only)", "",
             f"{len(rows)} labelled candidates with a PLOVER type on {n_web} tune sites, the seeds and "
             f"PolNeAR train articles of {n_pn} outlets ({sum(y for _, y, _, _ in rows)} real happenings "
             f"of their type); {unlabelled} candidates had no label and were left out. Each fold "
             "leaves one site (or PolNeAR outlet) out.", "",
             "| setting | precision | recall | F0.5 |", "|---|---|---|---|"]
    rules = prf([(y, ok) for _, y, _, ok in rows])
    lines.append(f"| rules alone | {rules[0]:.3f} | {rules[1]:.3f} | {rules[2]:.3f} |")
    settings = [("rules", None, None, rules)]
    for c in (0.1, 0.3, 1.0, 3.0):
        probs: dict[int, float] = {}
        for held in sites:
            train = [r for r in rows if r[0] != held]
            vec, clf = fit(train, c)
            idx = [i for i, r in enumerate(rows) if r[0] == held]
            px = clf.predict_proba(vec.transform([rows[i][2] for i in idx]))[:, 1]
            probs.update(zip(idx, px))
        for decide in ("filter", "model"):
            for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8):
                picked = [(r[1], probs[i] >= t and (decide == "model" or r[3])) for i, r in enumerate(rows)]
                got = prf(picked)
                lines.append(f"| C={c}, {decide}, threshold {t} | {got[0]:.3f} | {got[1]:.3f} | {got[2]:.3f} |")
                settings.append((decide, c, t, got))
    # the best F0.5 (ties to the rules alone) whose model, fitted on every candidate, still
    # counts the seeds' events the product must keep: their accusation, denial, demand,
    # meetings, pledge and protests (tests/test_events.py)
    # only settings whose cross-validated recall meets the recall bar (a threshold that buys
    # precision by dropping most happenings makes no usable table either)
    settings = [b for b in settings if b[0] == "rules" or b[3][1] >= RECALL_FLOOR]
    settings.sort(key=lambda b: -round(b[3][2], 9))
    seed_rows = [r for r in rows if r[0] == "seeds" and r[1] and r[3]
                 and any(r[2].get("kind=" + k) for k in SEED_KINDS)]
    seed_rows += [("required", 1, f, True) for f in required_features()]
    best, dropped = settings[0], []
    for b in settings:
        if b[0] == "rules":
            best = b
            break
        w = weights_of(rows, *fit(rows, b[1]))
        if all(probability({"weights": w}, r[2]) >= b[2] for r in seed_rows):
            best = b
            break
        dropped.append(b)
    lines += ["", f"Kept (cross-validated recall at least {RECALL_FLOOR}): {best[0]}" + (f", C={best[1]}, threshold {best[2]}" if best[1] else "") +
              f" (cross-validated precision {best[3][0]:.3f}, recall {best[3][1]:.3f}, F0.5 {best[3][2]:.3f})"
              + (f"; {len(dropped)} settings of higher F0.5 were passed over because their model, fitted on "
                 "every candidate, would drop one of the seeds' required events or an example event of "
                 "REQUIRED (a pledge, a warning, two attacks told alone)" if dropped else "") + ".", ""]
    text = "\n".join(lines) + "\n"
    print(text)
    if a.no_write:
        return
    RESULTS.write_text(text, encoding="utf-8")
    if best[0] == "rules":
        if OUT.exists():
            OUT.unlink()
        return
    weights = weights_of(rows, *fit(rows, best[1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"feature_version": FEATURE_VERSION, "decide": best[0],
                               "threshold": best[2], "C": best[1], "weights": weights},
                              indent=0, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
