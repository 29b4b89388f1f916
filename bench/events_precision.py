#!/usr/bin/env python3
"""Event precision and recall on the report sites of corpus/split.json (or the tune sites, or
the PolNeAR dev articles of four held-out outlets in the gold).

    python bench/events_precision.py [--split report|tune|polnear-dev|polnear-train] [--before RECORDS_DIR] [--json OUT]
        [--events EVENTS.json | --rescore EVENTS.json]

Runs onrecord on the report-site pages, takes the counted events (``record.events``) and
scores them against ``corpus/events/gold.jsonl`` (every candidate event onrecord listed on
those pages, judged by hand: docs/annotation.md).  An event is right when its trigger is a
gold happening of the same PLOVER type told for the first time (a second event of the same
happening counts as wrong: one event per happening).  Recall is over the gold happenings
(pooled: the happenings among the listed candidates).  Of the right events: the share whose
actor (and recipient, where the annotator judged it) is right; of those with a date, the
share whose date is right.  A name is right when it names the same actor as the gold one
(:func:`same_name`: "Hillary Rodham Clinton" is "Hillary Clinton", "Bill Clinton" is not); a
first telling may give the right name (``actor_gold``, ``recipient_gold``; ``null``: no
recipient) where onrecord's was wrong.  ``--before`` scores the records of an earlier version (events
without PLOVER types: a happening of any type counts).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def load_gold(split: str = "report"):
    gold = [json.loads(l) for l in (ROOT / "corpus" / "events" / "gold.jsonl").open(encoding="utf-8")]
    gold = [g for g in gold if g["split"] == split]
    return {(g["doc"], g["trigger_start"]): g for g in gold}, gold


def _words(name: Optional[str]) -> set[str]:
    return {w for w in re.sub(r"[^\w\s]", "", (name or "").casefold()).split()
            if w not in ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "the")}


def same_name(pred: Optional[str], gold: Optional[str]) -> bool:
    """``pred`` names ``gold``: both none, or the words of one hold all of the other's."""
    a, b = _words(pred), _words(gold)
    if not a or not b:
        return not a and not b
    return a <= b or b <= a


def name_right(ev_name: Optional[str], first: dict, role: str) -> bool:
    """Is the event's actor (``role`` "actor") or recipient right by the first telling?"""
    if f"{role}_gold" in first:
        return same_name(ev_name, first[f"{role}_gold"])
    if f"{role}_wrong" in first:
        return False
    return same_name(ev_name, first.get(role))


def score(events_by_doc: dict[str, list[dict]], typed: bool = True, split: str = "report") -> dict:
    gold, rows = load_gold(split)
    happenings = {g["happening"] for g in rows if g["event"]}
    found, seen = set(), set()
    tot = Counter()
    per_type: dict[str, Counter] = defaultdict(Counter)
    wrong = []
    for doc, evs in events_by_doc.items():
        for ev in evs:
            trig = ev.get("trigger") or {}
            g = gold.get((doc, trig.get("start")))
            t = ev.get("plover") or ev.get("type")
            tot["counted"] += 1
            per_type[t]["counted"] += 1
            if g is None:
                tot["unjudged"] += 1
                wrong.append((doc, trig.get("text"), t, "unjudged"))
                continue
            ok = g["event"] and (not typed or g["plover"] == ev.get("plover"))
            if ok and g["happening"] in seen:
                ok = False
                wrong.append((doc, trig.get("text"), t, "same happening twice"))
            elif not ok:
                wrong.append((doc, trig.get("text"), t, "not an event" if not g["event"] else f"type {g['plover']}"))
            if not ok:
                continue
            seen.add(g["happening"])
            found.add(g["happening"])
            tot["right"] += 1
            per_type[t]["right"] += 1
            first = next(x for x in rows if x["happening"] == g["happening"] and "actor" in x)
            # an actor or recipient the annotator marked wrong counts as wrong (the right one is
            # not recorded)
            tot["actor_judged"] += 1
            tot["actor_right"] += name_right(ev.get("actor_name"), first, "actor")
            tot["recipient_judged"] += 1
            tot["recipient_right"] += name_right(ev.get("target_name"), first, "recipient")
            if ev.get("date"):
                tot["dated"] += 1
                tot["date_right"] += ev.get("date") == first.get("date")
    r = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    return {"counted": tot["counted"], "right": tot["right"], "unjudged": tot["unjudged"],
            "precision": r(tot["right"], tot["counted"]),
            "gold_happenings": len(happenings), "recall": r(len(found), len(happenings)),
            "actor_right": r(tot["actor_right"], tot["actor_judged"]),
            "recipient_right": r(tot["recipient_right"], tot["recipient_judged"]),
            "date_right_of_dated": r(tot["date_right"], tot["dated"]), "dated": tot["dated"],
            "per_type": {t: {"counted": c["counted"], "right": c["right"],
                             "precision": r(c["right"], c["counted"])} for t, c in sorted(per_type.items())},
            "wrong": wrong}


def pages(split: str) -> list[Path]:
    if split in ("polnear-dev", "polnear-train"):   # the PolNeAR articles of the gold
        _, rows = load_gold(split)
        text = ROOT.parent / "shared" / "data" / "polnear" / split.split("-")[1] / "text"
        return sorted(text / d for d in {g["doc"] for g in rows})
    return web_pages(split)


def web_pages(split: str) -> list[Path]:
    """The web corpus's pages of the ``split`` sites, read as ``onrecord eval web`` reads them
    (every page of ``corpus/web/gold.json``: .txt, .md or .html)."""
    from onrecord.evaluate import load_corpus, pages_of

    gold, sp = load_corpus(ROOT / "corpus")
    return [ROOT / "corpus" / "web" / "pages" / n for n in pages_of(gold, sp, split)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=Path, help="records (*.json) of an earlier version")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--events", type=Path, help="also write the counted events here (JSON)")
    ap.add_argument("--rescore", type=Path, help="score the events an earlier --events wrote")
    ap.add_argument("--split", default="report", choices=["report", "tune", "polnear-dev", "polnear-train"])
    a = ap.parse_args()
    names = {p.name.rsplit(".", 1)[0]: p.name for p in pages(a.split)}
    if a.rescore:
        res = score(json.loads(a.rescore.read_text(encoding="utf-8")), split=a.split)
    elif a.before:
        evs = {}
        for p in a.before.glob("*.json"):
            rec = json.loads(p.read_text(encoding="utf-8"))
            if p.stem in names:
                evs[names[p.stem]] = rec.get("events") or []
        res = score(evs, typed=False, split=a.split)
    else:
        from onrecord.ingest import iter_inputs
        from onrecord.pipeline import analyze_items

        evs = {}
        for o in analyze_items(iter_inputs([str(p) for p in pages(a.split)]), jobs=2):
            if o.record is not None:
                evs[Path(o.item.name).name] = [e.to_dict() for e in o.record.events]
        if a.events:
            a.events.write_text(json.dumps(evs, ensure_ascii=False) + "\n", encoding="utf-8")
        res = score(evs, split=a.split)
    out = json.dumps(res, indent=1, ensure_ascii=False)
    if a.json:
        a.json.write_text(out + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in res.items() if k != "wrong"}, indent=1))


if __name__ == "__main__":
    main()
