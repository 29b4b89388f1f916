"""Evaluate attribution predictions against PolNeAR-style brat annotations.

``score_polnear(gold_dir, pred_dir)`` computes the same figures as
``shared/tools/score.py polnear``: ``gold_dir`` has ``text/*.txt`` and
``attributions/*.ann`` (brat: Source, Cue, Content, events tying them);
``pred_dir`` has one ``<stem>.json`` per text in the analysis-record shape
(only ``attributions[].content/source/cue`` are read).  When several
annotators annotated one article (``<stem>_<4 hex>.ann``), the first (in
sorted order) is used.

Contents are matched one-to-one, greedily by character Jaccard, at thresholds
0.3 and 0.8; a matched attribution counts end-to-end when the predicted source
overlaps the gold source (or the gold has no source).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

QUOTE_CHARS = "\u201c\u201d\""
_ANNOTATOR_RE = re.compile(r"_[0-9a-f]{4}$")


def read_text(path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def parse_ann(path) -> list[dict]:
    """Attributions of a brat .ann file: [{"content": [(s,e)...], "source": [...], "cue": [...]}]."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in read_text(path).splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue  # continuation of a span text that contained a newline
        if line.startswith("T"):
            label, _, ranges = parts[1].partition(" ")
            rs = []
            for part in ranges.split(";"):
                s, e = part.split()
                rs.append((int(s), int(e)))
            spans[parts[0]] = (label, rs)
        elif line.startswith("E"):
            roles = {}
            for item in parts[1].split():
                role, _, tid = item.partition(":")
                roles[role.rstrip("0123456789")] = tid
            events.append(roles)
    out = []
    for roles in events:
        def get(r):
            tid = roles.get(r)
            return spans[tid][1] if tid in spans else []
        if get("Content"):
            out.append({"content": get("Content"), "source": get("Source"), "cue": get("Cue")})
    return out


def spans_of(obj) -> list[tuple[int, int]]:
    if not obj or not isinstance(obj, dict):
        return []
    if "spans" in obj:
        return [(int(s["start"]), int(s["end"])) for s in obj["spans"]]
    if "start" in obj:
        return [(int(obj["start"]), int(obj["end"]))]
    return []


def charset(ranges: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in ranges:
        out.update(range(s, e))
    return out


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def greedy_match(golds: list[set], preds: list[set], threshold: float) -> list[tuple[int, int]]:
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if not (g & p):
                continue
            j = jaccard(g, p)
            if j >= threshold:
                pairs.append((j, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _load_pred(pred_dir: Path, stem: str, text: str, stats: dict) -> dict:
    path = pred_dir / f"{stem}.json"
    if not path.exists():
        stats["missing_predictions"] += 1
        return {"attributions": []}
    try:
        pred = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        stats["unreadable_predictions"] += 1
        return {"attributions": []}
    n = len(text)
    for a in pred.get("attributions", []):
        for key in ("content", "source", "cue"):
            obj = a.get(key)
            for s, e in spans_of(obj):
                if not (0 <= s < e <= n):
                    stats["invalid_offsets"] += 1
            if isinstance(obj, dict) and "text" in obj and "start" in obj:
                if text[obj["start"]:obj["end"]] != obj["text"]:
                    stats["text_offset_mismatch"] += 1
    return pred


def first_annotator(gold_dir) -> dict[str, Path]:
    """stem -> .ann path of the first annotator."""
    out: dict[str, Path] = {}
    for ann in sorted((Path(gold_dir) / "attributions").glob("*.ann")):
        out.setdefault(_ANNOTATOR_RE.sub("", ann.stem), ann)
    return out


_KEYS = ("gold", "pred", "tp30", "tp80", "src_ok", "src_n", "e2e", "q_gold", "q_tp30", "q_src_ok")


def new_totals() -> dict:
    return dict.fromkeys(_KEYS, 0)


def add_document(tot: dict, text: str, golds: list[dict], preds: list[tuple[set, set]]) -> None:
    """Add one document to the totals: gold attributions (from :func:`parse_ann`) and the
    predictions as (content charset, source charset) pairs, empty contents already dropped."""
    gsets = [charset(g["content"]) for g in golds]
    gquoted = [any(ch in text[s:e] for s, e in g["content"] for ch in QUOTE_CHARS) for g in golds]
    psets = [c for c, _ in preds]
    tot["gold"] += len(golds)
    tot["pred"] += len(preds)
    tot["tp80"] += len(greedy_match(gsets, psets, 0.8))
    m30 = greedy_match(gsets, psets, 0.3)
    tot["tp30"] += len(m30)
    tot["q_gold"] += sum(gquoted)
    for gi, pi in m30:
        g = golds[gi]
        ok = True  # a gold attribution without a source is judged on its content alone
        if g["source"]:
            tot["src_n"] += 1
            ok = bool(charset(g["source"]) & preds[pi][1])
            tot["src_ok"] += ok
        tot["e2e"] += ok
        if gquoted[gi]:
            tot["q_tp30"] += 1
            tot["q_src_ok"] += ok


def figures(tot: dict) -> dict:
    """The score.py PolNeAR figures of accumulated totals."""
    def ratio(a: float, b: float) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "gold_attributions": tot["gold"],
        "predicted_attributions": tot["pred"],
        "content_overlap30": prf(tot["tp30"], tot["pred"], tot["gold"]),
        "content_overlap80": prf(tot["tp80"], tot["pred"], tot["gold"]),
        "source_accuracy_on_matched": ratio(tot["src_ok"], tot["src_n"]),
        "end_to_end": prf(tot["e2e"], tot["pred"], tot["gold"]),
        "quoted_recall30": ratio(tot["q_tp30"], tot["q_gold"]),
        "quoted_end_to_end_recall": ratio(tot["q_src_ok"], tot["q_gold"]),
    }


def score_polnear(gold_dir, pred_dir) -> dict:
    """Content / source / end-to-end figures of PRED_DIR against GOLD_DIR."""
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    stats = {"missing_predictions": 0, "unreadable_predictions": 0,
             "invalid_offsets": 0, "text_offset_mismatch": 0}
    tot = new_totals()
    anns = first_annotator(gold_dir)
    for stem, ann in anns.items():
        text = read_text(gold_dir / "text" / f"{stem}.txt")
        pred = _load_pred(pred_dir, stem, text, stats)
        preds = []
        for p in pred.get("attributions", []):
            c = charset(spans_of(p.get("content")))
            if c:
                preds.append((c, charset(spans_of(p.get("source")))))
        add_document(tot, text, parse_ann(ann), preds)
    return {"documents": len(anns), **figures(tot), **stats}


def main(argv=None) -> None:  # pragma: no cover - thin CLI
    import sys
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        sys.exit("usage: python -m onrecord.attribute.evaluate GOLD_DIR PRED_DIR")
    print(json.dumps(score_polnear(argv[0], argv[1]), indent=1))


if __name__ == "__main__":  # pragma: no cover
    main()
