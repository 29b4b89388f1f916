#!/usr/bin/env python
"""Build the store's compression dictionaries (``src/onrecord/store/data/zdict.json``).

    .venv/bin/python scripts/build_store_zdict.py RECORDS_DIR

``RECORDS_DIR`` holds analysed records (``onrecord analyze … --out DIR``; the dictionaries
in the repository were made from the PolNeAR train split's records: every other one in name
order, the rest held out to measure the gain, which is printed).  A record stored
in the archive is short (2-3 kB compressed): zlib alone finds little to reuse inside one,
while the keys, kinds and phrasings of records repeat across them.  A preset dictionary
(zlib's ``zdict``) of the strings most documents share lets each stored record refer to
them (:mod:`onrecord.store.codec`).  The dictionaries are part of the stored format: a
record packed with one can only be read with the same one, so they are never rebuilt
in place — a new pair would need a new mark byte in the codec.
"""
from __future__ import annotations

import json
import sys
import zlib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from onrecord.store import codec  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "onrecord" / "store" / "data" / "zdict.json"
SIZE = 32 * 1024 - 1024   # zlib's window is 32 kB: the dictionary and the data share it
GRAM, STEP, MIN_DOCS = 24, 3, 3


def dictionary(samples: list[str]) -> str:
    """The strings most samples share: 24-character pieces found in at least three samples,
    the most shared last (zlib reaches the end of its dictionary at the least cost)."""
    seen: Counter[str] = Counter()
    for s in samples:
        seen.update({s[i:i + GRAM] for i in range(0, max(0, len(s) - GRAM), STEP)})
    out: list[str] = []
    size = 0
    for piece, n in sorted(seen.items(), key=lambda x: (-x[1], x[0])):
        if n < MIN_DOCS or size >= SIZE:
            break
        if any(piece in o for o in out[-64:]):
            continue
        out.append(piece)
        size += len(piece.encode("utf-8"))
    return "".join(reversed(out))


def main() -> None:
    folder = Path(sys.argv[1])
    records, texts = [], []
    for f in sorted(folder.glob("*.json")):
        rec = json.loads(f.read_text(encoding="utf-8"))
        text = rec.get("text") or ""
        codec._strip_spans(rec, text)
        records.append(json.dumps(dict(rec, text=""), ensure_ascii=False, separators=(",", ":")))
        texts.append(text)
    dicts = {"record": dictionary(records[::2]), "text": dictionary(texts[::2])}
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(dicts, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT}: from {len(records[::2])} records")
    for what, held in (("record", records[1::2]), ("text", texts[1::2])):
        plain = sum(len(zlib.compress(s.encode("utf-8"), 6)) for s in held) / len(held)
        zd = dicts[what].encode("utf-8")
        packed = sum(len(_deflate(s.encode("utf-8"), zd)) for s in held) / len(held)
        print(f"{what}: held-out {len(held)}, zlib {plain:,.0f} B, with the dictionary {packed:,.0f} B")


def _deflate(data: bytes, zdict: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zdict=zdict)
    return c.compress(data) + c.flush()


if __name__ == "__main__":
    main()
