#!/usr/bin/env python
"""Speakers of quoted dialogue in narrative prose: the corpus's dialogue pages, by work and by tag.

    PYTHONPATH=src .venv/bin/python bench/dialogue_eval.py                    # analyse and print
    PYTHONPATH=src .venv/bin/python bench/dialogue_eval.py --pred DIR --out bench/results/dialogue-DATE

The dialogue pages are the pages of ``corpus/web/gold.json`` whose quotations carry a ``tag``
(the kind of speech tag the speaker is found from: ``named`` — "said Jo", "the Rat went on";
``pronoun`` — "he asked", "I cried"; ``description`` — "returned the doctor", "a voice
cried"; ``untagged`` — a turn of an exchange with no tag; ``docs/annotation.md``).  Each is
scored as ``onrecord eval web`` scores it (the same matching: a prediction covers >= 80% of a
required quotation and is at most 3x + 200 characters long; the seeds scorer's name matcher),
per work (site) and split, and the speaker accuracy on found quotations is broken down by tag.
A wrong speaker is sorted into: ``none`` (no speaker), ``pronoun`` (a pronoun shown as the
name), ``other_speaker`` (a name of another speaker of the same page: the turn given to the
wrong side), ``other`` (anything else: a description, a name from inside the quotation, a
clause).  Only counts are printed; the misses of report sites are never listed.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.attribute.evaluate import charset, spans_of  # noqa: E402
from onrecord.evaluate import _PRONOUNS, analyze_paths, load_corpus, map_quotes, speaker_ok  # noqa: E402

TAGS = ("named", "pronoun", "description", "untagged")


def dialogue_pages(gold: dict) -> list[str]:
    return sorted(n for n, d in gold["documents"].items() if any("tag" in q for q in d["quotes"]))


def outcomes(page: str, rec: dict, quotes: list[dict], aliases: dict) -> list[dict]:
    """One row per required quotation: its tag, found or not, speaker right or not, why wrong."""
    text = rec.get("text", "")
    where = map_quotes(page, text, quotes)
    preds = [dict(a, _c=charset(spans_of(a.get("content")))) for a in rec.get("attributions", [])]
    speakers = {q["speaker"] for q in quotes if q.get("speaker")}
    rows = []
    for q, span in zip(quotes, where):
        if q["status"] != "required":
            continue
        row = {"tag": q.get("tag", "named"), "found": False, "right": False, "why": None}
        rows.append(row)
        if span is None:
            continue
        qc = set(range(*span))
        best = None
        for i, p in enumerate(preds):
            cov = len(qc & p["_c"]) / len(qc) if qc else 0.0
            if cov >= 0.8 and len(p["_c"]) <= 3 * len(qc) + 200 and (best is None or cov > best[0]):
                best = (cov, i)
        if best is None:
            continue
        row["found"] = True
        got = ((preds[best[1]].get("speaker") or {}).get("name") or "").strip()
        row["right"] = speaker_ok(got, aliases.get(q["speaker"], []))
        if not row["right"]:
            if not got:
                row["why"] = "none"
            elif got.lower() in _PRONOUNS:
                row["why"] = "pronoun"
            elif any(speaker_ok(got, aliases.get(s, [])) for s in speakers - {q["speaker"]}):
                row["why"] = "other_speaker"
            else:
                row["why"] = "other"
    return rows


def figures(rows: list[dict]) -> dict:
    def r(a: int, b: int):
        return round(a / b, 4) if b else None
    found = [x for x in rows if x["found"]]
    out = {"required": len(rows), "found": len(found), "quote_recall": r(len(found), len(rows)),
           "speaker_accuracy_on_found": r(sum(x["right"] for x in found), len(found)),
           "end_to_end": r(sum(x["right"] for x in found), len(rows)), "by_tag": {},
           "wrong_speaker": dict(Counter(x["why"] for x in found if not x["right"]))}
    for t in TAGS:
        ft = [x for x in found if x["tag"] == t]
        out["by_tag"][t] = {"required": sum(x["tag"] == t for x in rows), "found": len(ft),
                            "speaker_accuracy_on_found": r(sum(x["right"] for x in ft), len(ft))}
    return out


def table(res: dict) -> str:
    head = ("| work (site) | split | required | recall | speaker acc. on found | named | pronoun "
            "| description | untagged | wrong: none / pronoun / other speaker / other |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n")
    lines = []
    for site, f in list(res["by_site"].items()) + [("**tune**", res["tune"]), ("**report**", res["report"]),
                                                   ("**all**", res["all"])]:
        cells = []
        for t in TAGS:
            bt = f["by_tag"][t]
            acc = bt["speaker_accuracy_on_found"]
            cells.append(f"{acc:.2f} ({bt['found']})" if acc is not None else f"– ({bt['found']})")
        w = f["wrong_speaker"]
        lines.append(f"| {site} | {f.get('split', '')} | {f['required']} | {f['quote_recall']} | "
                     f"{f['speaker_accuracy_on_found']} | " + " | ".join(cells) +
                     f" | {w.get('none', 0)} / {w.get('pronoun', 0)} / {w.get('other_speaker', 0)} / {w.get('other', 0)} |")
    return head + "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--pred", type=Path, help="folder of <page>.json records (analysed when omitted)")
    ap.add_argument("--save", type=Path, help="write the analysed records to this folder")
    ap.add_argument("--out", help="write OUT.json and OUT.md")
    args = ap.parse_args()
    gold, split = load_corpus(args.corpus)
    names = dialogue_pages(gold)
    pages_dir = args.corpus / "web" / "pages"
    if args.pred:
        records = {n: json.loads((args.pred / (n[:-4] + ".json")).read_text(encoding="utf-8"))
                   for n in names if (args.pred / (n[:-4] + ".json")).is_file()}
    else:
        records = {k + ".txt": v for k, v in analyze_paths([pages_dir / n for n in names]).items()}
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            for n, r in records.items():
                (args.save / (n[:-4] + ".json")).write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
    by_site: dict[str, list] = defaultdict(list)
    for n in names:
        with open(pages_dir / n, encoding="utf-8", newline="") as f:
            page = f.read()
        rec = records.get(n) or {"text": "", "attributions": []}
        by_site[n.split("__")[0]] += outcomes(page, rec, gold["documents"][n]["quotes"], gold["speakers"])
    part = {s: ("tune" if s in split["tune"] else "report") for s in by_site}
    res = {"pages": len(names),
           "by_site": {s: dict(figures(rows), split=part[s]) for s, rows in sorted(by_site.items())},
           "tune": figures([x for s, rows in by_site.items() if part[s] == "tune" for x in rows]),
           "report": figures([x for s, rows in by_site.items() if part[s] == "report" for x in rows]),
           "all": figures([x for rows in by_site.values() for x in rows])}
    print(json.dumps(res, indent=1))
    print(table(res))
    if args.out:
        Path(args.out + ".json").write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
        Path(args.out + ".md").write_text(
            "# Speakers of quoted dialogue (corpus dialogue pages)\n\n"
            "`python bench/dialogue_eval.py` (docs/annotation.md, \"Dialogue in narrative prose\"). "
            "Speaker accuracy on found quotations by tag kind; in brackets the found quotations of "
            "that kind.\n\n" + table(res), encoding="utf-8")


if __name__ == "__main__":
    main()
