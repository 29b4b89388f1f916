#!/usr/bin/env python3
"""onrecord's events on the PLOVER documentation's own examples.

    python bench/plover_examples.py --gsr PLOVER_GSR_CAMEO.txt [--json OUT]

``PLOVER_GSR_CAMEO.txt`` is the gold-standard file of the PLOVER repository
(github.com/openeventdata/PLOVER, ``gold_standard_records/``; CC BY-SA 4.0, not copied here):
the example sentences of the CAMEO manual, each coded with one PLOVER event type (draft 0.5:
DISAPPROVE and INVESTIGATE are ACCUSE today, DEMAND is REQUEST, FIGHT is ASSAULT).  Each
sentence is analysed as a document of its own; the figure is how often onrecord counts an
event of the example's type (agreement), how often it counts events of other types only, and
how often none, per type.  The examples are single sentences, many of them intents, threats
and refusals that are themselves the event — a test of the types, not of the happening rules.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

OLD = {"DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}


def records(path: Path) -> list[dict]:
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r",\s*([}\]])", r"\1", raw)          # the file's trailing commas
    raw = raw.strip().rstrip(",")
    data = json.loads(raw if raw.startswith("[") else "[" + raw + "]")
    return [r for r in data if isinstance(r, dict)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gsr", type=Path, required=True)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    recs = [r for r in records(a.gsr) if r.get("event") and r.get("text")]
    items = [InputItem(name=f"{r['id']}.txt", data=(r["text"].strip("{} ") + "\n").encode(),
                       meta={"published": "2000-01-01"}) for r in recs]
    got = {Path(o.item.name).stem: o.record for o in analyze_items(items, jobs=2)}
    per: dict[str, Counter] = defaultdict(Counter)
    confusion: Counter = Counter()
    for r in recs:
        want = OLD.get(r["event"], r["event"])
        rec = got.get(r["id"])
        types = {e.plover for e in rec.events} if rec is not None else set()
        per[want]["examples"] += 1
        if want in types:
            per[want]["same type"] += 1
        elif types:
            per[want]["other type only"] += 1
            confusion[(want, ",".join(sorted(types)))] += 1
        else:
            per[want]["no event"] += 1
    tot = Counter()
    for c in per.values():
        tot.update(c)
    out = {"examples": tot["examples"], "same_type": tot["same type"],
           "agreement": round(tot["same type"] / tot["examples"], 3),
           "other_type_only": tot["other type only"], "no_event": tot["no event"],
           "per_type": {t: dict(c) for t, c in sorted(per.items())},
           "confusions": [[w, g, n] for (w, g), n in confusion.most_common(15)]}
    text = json.dumps(out, indent=1)
    if a.json:
        a.json.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
