"""Draw the statements of the to/about-whom gold (corpus/whom/) from onrecord's own records.

    python scripts/whom_sample.py RECORD_DIR... --out sample.jsonl [--per-doc 5] [--seed 23] [--random]
    python scripts/whom_sample.py TEXT_DIR --pick-docs 37 --sites breitbart,huff-post,nyt --seed 26

The second form prints the articles to analyse: per outlet (the file name's prefix), N drawn at
random among those no statement of ``corpus/whom/`` comes from.

Every attribution of the records (``onrecord analyze … --out DIR``) is a candidate.  Per
document, the statements whose sentence has a word that can carry an addressee or a channel
(told, asked, urged, interview, statement, letter, tweet, briefing, speech …) are taken
first, then statements drawn at random, up to ``--per-doc``; with ``--random`` every statement
of the document has the same chance (no word favoured: a sample of the news as it is).  Each line holds what an
annotator needs: the document, the attribution's offsets, speaker, cue, content and the
sentence around it.  The labels themselves are written by hand (docs/annotation.md).
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

HINT = re.compile(r"\b(?:told|tells|tell|asked|asks|urged|urges|wrote|writes|interview\w*|statement|"
                  r"letter|tweet\w*|twitter|facebook|telegram|instagram|briefing|conference|speech|"
                  r"remarks|rally|address\w*|filing|court|testif\w*|hearing|debate|appear\w* on|"
                  r"speaking to|speaking with|said to|on (?:cnn|fox|msnbc|nbc|abc|cbs)|post(?:ed)?)\b",
                  re.I)


def _context(text: str, start: int, end: int, cue) -> tuple[int, int]:
    lo = min([start] + ([cue["start"]] if cue else []))
    hi = max([end] + ([cue["end"]] if cue else []))
    a = max(text.rfind("\n", 0, lo) + 1, lo - 300)
    b = text.find("\n", hi)
    b = min(b if b >= 0 else len(text), hi + 200)
    return a, b


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--per-doc", type=int, default=5)
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--pick-docs", type=int, help="print N articles per outlet not yet in corpus/whom/")
    ap.add_argument("--sites", default="breitbart,huff-post,nyt")
    ap.add_argument("--out", help="where the statements go")
    ap.add_argument("--random", action="store_true", help="draw uniformly, no hinted statements first")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    if args.pick_docs:
        whom = Path(__file__).resolve().parents[1] / "corpus" / "whom"
        done = {e["doc"] for h in ("train", "heldout")
                for e in json.loads((whom / f"{h}.json").read_text(encoding="utf-8"))["statements"]}
        for site in args.sites.split(","):
            pool = sorted(p.name for p in Path(args.dirs[0]).glob(f"{site}_*.txt") if p.name not in done)
            for name in sorted(rnd.sample(pool, args.pick_docs)):
                print(Path(args.dirs[0]) / name)
        return
    rows = []
    for d in args.dirs:
        for path in sorted(p for p in Path(d).glob("*.json") if not p.name.startswith(".")):
            rec = json.loads(path.read_text(encoding="utf-8"))
            text = rec["text"]
            cands = []
            for a in rec["attributions"]:
                c = a["content"]
                spans = c.get("spans") or [c]
                s, e = min(x["start"] for x in spans), max(x["end"] for x in spans)
                cs, ce = _context(text, s, e, a.get("cue"))
                ctx = text[cs:ce]
                cands.append((bool(HINT.search(ctx)), a, s, e, cs, ce))
            hinted = [x for x in cands if x[0]]
            rest = [x for x in cands if not x[0]]
            rnd.shuffle(hinted)
            rnd.shuffle(rest)
            k = args.per_doc
            n_hint = min(len(hinted), (k * 3 + 4) // 5)          # three in five hinted
            if args.random:
                hinted, rest, n_hint = [], [x for x in cands], 0
                rnd.shuffle(rest)
            take = hinted[:n_hint] + rest[:k - n_hint]
            take += hinted[n_hint:n_hint + k - len(take)]       # too few others: more hinted
            for hint, a, s, e, cs, ce in sorted(take[:k], key=lambda x: x[2]):
                rows.append({"doc": path.stem + ".txt", "published": rec["document"]["published"],
                             "attr_start": s, "attr_end": e,
                             "speaker": (a.get("speaker") or {}).get("name"),
                             "cue": (a.get("cue") or {}).get("text"),
                             "content": " … ".join(text[x["start"]:x["end"]] for x in
                                                   (a["content"].get("spans") or [a["content"]])),
                             "context": text[cs:ce], "hinted": hint})
    with open(args.out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} statements from {len({r['doc'] for r in rows})} documents → {args.out}")


if __name__ == "__main__":
    main()
