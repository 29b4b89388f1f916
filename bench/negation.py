#!/usr/bin/env python3
"""Negated and refused reports: does the record flag every one, and list none as a statement?

    python bench/negation.py [--web-pred DIR] [--dev-pred DIR] [--json OUT]

Gold: ``corpus/negation/gold.jsonl`` (docs/annotation.md, "Negated reports"): sentences of the
web pages (tune and report sites) and of PolNeAR dev articles where a verb of saying or of a
speech act is negated or refused ("has not said", "declined to comment", "did not respond to
requests for comment", "refused to endorse", "None of the journalists defended …"), each judged
a negated report (the text says the source did not say it) or not (a quotation's own "not", a
generic or hypothetical "not saying", "not only confirmed").  For each, the record's
attribution whose cue is that word in that sentence is looked up: a negated report is
``flagged`` (``negated: true``), ``plain`` (listed as something the source said: the error
the issue forbids) or ``absent`` (no attribution); a sentence that is no negated report is
``flagged`` wrongly, or ``plain``/``absent`` as it should be.

Records are analysed when no folder is given (web pages from ``corpus/web/pages``, PolNeAR dev
from ``../shared/data/polnear/dev/text``).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _records(gold: list[dict], web: Path | None, dev: Path | None, shared: Path) -> dict[str, dict]:
    docs = {(g["set"].startswith("polnear"), g["doc"]) for g in gold}
    out: dict[str, dict] = {}
    todo = []
    for is_dev, doc in sorted(docs):
        folder = dev if is_dev else web
        if folder is not None and (folder / f"{doc}.json").is_file():
            out[doc] = json.loads((folder / f"{doc}.json").read_text(encoding="utf-8"))
        elif is_dev:
            todo.append(shared / "data" / "polnear" / "dev" / "text" / f"{doc}.txt")
        else:
            todo += sorted((ROOT / "corpus" / "web" / "pages").glob(f"{doc}.*"))[:1]
    if todo:
        from onrecord.ingest import iter_inputs
        from onrecord.pipeline import analyze_items

        for o in analyze_items(iter_inputs([str(p) for p in todo])):
            if o.record is not None:
                out[Path(o.item.name).stem] = o.record.to_dict()
    return out


def _where(text: str, fragment: str) -> tuple[int, int] | None:
    words = [re.escape(w) for w in fragment.split()]
    m = re.search(r"\s+".join(words), text)
    return (m.start(), m.end()) if m else None


def judge(item: dict, rec: dict | None) -> str:
    """``flagged``, ``plain``, ``absent`` or ``missing`` (no record, or the sentence not found)."""
    if rec is None:
        return "missing"
    at = _where(rec["text"], item["sentence"])
    if at is None:
        return "missing"
    s, e = at
    cue = item["cue"].lower()
    hits = [a for a in rec["attributions"] if a.get("cue") and s <= a["cue"]["start"] < e
            and a["cue"]["text"].lower() == cue]
    if not hits:
        return "absent"
    return "flagged" if all(a.get("negated") for a in hits) else "plain"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--web-pred", type=Path)
    ap.add_argument("--dev-pred", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    gold = [json.loads(line) for line in (ROOT / "corpus" / "negation" / "gold.jsonl").open(encoding="utf-8")]
    recs = _records(gold, args.web_pred, args.dev_pred, args.shared)
    res: dict[str, Counter] = {}
    wrong = []
    for g in gold:
        got = judge(g, recs.get(g["doc"]))
        key = ("negated" if g["negated_report"] else "not negated") + " / " + g["set"]
        res.setdefault(key, Counter())[got] += 1
        if (g["negated_report"] and got == "plain") or (not g["negated_report"] and got == "flagged") \
                or got == "missing":
            wrong.append(f"{g['set']} {g['doc']}: {got}: {g['sentence']}")
    out = {k: dict(v) for k, v in sorted(res.items())}
    pos = sum((v for k, v in res.items() if k.startswith("negated")), Counter())
    neg = sum((v for k, v in res.items() if k.startswith("not")), Counter())
    out["negated reports"] = {"n": sum(pos.values()), **pos}
    out["not negated"] = {"n": sum(neg.values()), **neg}
    out["wrong"] = wrong
    print(json.dumps(out, indent=1, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
