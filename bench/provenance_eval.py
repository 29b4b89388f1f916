"""Quote provenance on the real test set (corpus/provenance/gold.jsonl) and its synthetic
alterations (corpus/provenance/synthetic.jsonl, written here): match precision and recall,
fidelity-class accuracy, alterations caught, and the turns of every transcript.

    python bench/provenance_eval.py --db STORE [--shared ../shared] [--out bench/results/provenance.json]

STORE holds the transcripts of corpus/provenance/transcripts and the articles the gold names
(``onrecord ingest --db STORE corpus/provenance/transcripts <the articles>``).  Each gold
quotation is traced through the store's passage index (its own article left out); the answer
is right when the primary match lies on the gold passage of the gold transcript.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.provenance import index  # noqa: E402
from onrecord.provenance.trace import trace_text  # noqa: E402
from onrecord.store import open_store  # noqa: E402

GOLD = ROOT / "corpus" / "provenance" / "gold.jsonl"
SYNTH = ROOT / "corpus" / "provenance" / "synthetic.jsonl"
SWAP = {"Trump": "Hillary Clinton", "Clinton": "Donald Trump", "Sanders": "Hillary Clinton",
        "Rubio": "Ted Cruz", "Cruz": "Marco Rubio"}
SUBSTITUTES = ["never", "always", "nobody", "everybody", "billions", "terrible", "wonderful"]


def doc_ids(store) -> dict[str, int]:
    return {Path(r["key"]).name: int(r["id"]) for r in store.iter_rows("documents")}


def answer(store, ids, g, speaker):
    art = ids.get(Path(g["article"]).name)
    prov = trace_text(store, [g["quote"]], speaker, exclude_doc=art)
    p = prov.primary
    if p is None:
        return prov, None
    row = store.dialect.query_one("SELECT start_offset FROM statements WHERE id = ?", (p.statement_id,))
    return prov, (p.doc_id, row["start_offset"] + p.passage_start, row["start_offset"] + p.passage_end)


def on_gold(hit, g, ids) -> bool:
    if hit is None or g["match"] is None:
        return False
    doc = ids.get(Path(g["match"]["transcript"]).name)
    return hit[0] == doc and hit[1] < g["match"]["end"] and g["match"]["start"] < hit[2]


def synthetic(gold: list[dict], transcripts: dict[str, str]) -> list[dict]:
    """Altered copies of real quotations: a changed word, a swapped speaker, a spliced sentence."""
    rnd = random.Random(19)
    out = []
    pool = [g for g in gold if g["match"] and len(g["quote"].split()) >= 10 and g["fidelity"] in ("verbatim", "trimmed", "elided")]
    for g in pool:
        words = g["quote"].split()
        k = next((i for i in range(2, len(words)) if len(re.sub(r"\W", "", words[i])) > 3), None)
        if k is not None:
            sub = rnd.choice([w for w in SUBSTITUTES if w not in g["quote"].lower()])
            changed = " ".join(words[:k] + [sub] + words[k + 1:])
            out.append(dict(g, id=g["id"].replace("real", "synth-word"), quote=changed, synthetic=True,
                            alteration="changed word", expect="altered"))
        sur = g["speaker"].split()[-1]
        other = SWAP.get(sur, "Donald Trump" if sur != "Trump" else "Hillary Clinton")
        out.append(dict(g, id=g["id"].replace("real", "synth-speaker"), speaker=other, synthetic=True,
                        alteration="swapped speaker", expect="misattributed"))
        text = transcripts[Path(g["match"]["transcript"]).name]
        sents = [s for s in re.findall(r"[A-Z][^.?!\n]{25,80}[.?!]", text) if s not in text[g["match"]["start"]:g["match"]["end"]]]
        splice = rnd.choice(sents)
        if len(splice.split()) * 2 < len(words):
            out.append(dict(g, id=g["id"].replace("real", "synth-splice"),
                            quote=g["quote"].rstrip(" ,") + " " + splice, synthetic=True,
                            alteration="spliced sentence", expect="altered"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "provenance.json"))
    args = ap.parse_args()
    store = open_store(args.db, create=False)
    index.update(store)
    ids = doc_ids(store)
    gold = [json.loads(line) for line in GOLD.open()]
    tp = fp = fn = 0
    cls_ok, confusion, errors = 0, Counter(), []
    for g in gold:
        prov, hit = answer(store, ids, g, g["speaker"])
        right = on_gold(hit, g, ids)
        if hit is not None and right:
            tp += 1
            verdict = prov.verdict
            confusion[(g["fidelity"], verdict)] += 1
            cls_ok += verdict == g["fidelity"]
            if verdict != g["fidelity"]:
                errors.append({"id": g["id"], "gold": g["fidelity"], "system": verdict, "quote": g["quote"][:120]})
        elif hit is not None:
            fp += 1
            errors.append({"id": g["id"], "gold": "no match" if g["match"] is None else "other passage",
                           "system": prov.verdict, "quote": g["quote"][:120]})
            if g["match"] is not None:
                fn += 1
        elif g["match"] is not None:
            fn += 1
            errors.append({"id": g["id"], "gold": g["fidelity"], "system": "no match", "quote": g["quote"][:120]})
    transcripts = {p.name: p.read_text() for p in (ROOT / "corpus" / "provenance" / "transcripts").glob("*.txt")}
    synth = synthetic(gold, transcripts)
    with SYNTH.open("w") as f:
        for s in synth:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    caught = Counter()
    total = Counter()
    missed = []
    for s in synth:
        prov, hit = answer(store, ids, s, s["speaker"])
        total[s["alteration"]] += 1
        flagged = prov.verdict in ("altered", "misattributed")
        if flagged:
            caught[s["alteration"]] += 1
        else:
            missed.append({"id": s["id"], "system": prov.verdict, "status": prov.status, "quote": s["quote"][:120]})
    n_gold = sum(1 for g in gold if g["match"])
    res = {
        "quotations": len(gold), "with_match": n_gold, "articles": len({g["article"] for g in gold}),
        "match_precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "match_recall": round(tp / n_gold, 3) if n_gold else None,
        "tp": tp, "fp": fp, "fn": fn,
        "fidelity_accuracy": round(cls_ok / tp, 3) if tp else None,
        "fidelity_confusion": {f"{a} -> {b}": n for (a, b), n in sorted(confusion.items())},
        "synthetic": {k: {"copies": total[k], "flagged": caught[k]} for k in total},
        "errors": errors, "synthetic_missed": missed,
    }
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in res.items() if k not in ("errors", "synthetic_missed")}, indent=1))


if __name__ == "__main__":
    main()
