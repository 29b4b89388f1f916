"""Offsets and body over every PolNeAR dev file (the corpus is not in the repository).

    python bench/polnear_offsets.py [--shared ../shared]

For each file: the analysis succeeds, the record's text is the file decoded with newlines
untouched, and every span's text is ``text[start:end]`` (a failure of these exits 1).  It also
lists the files whose body does not run to the last non-space character, with what follows
it: PolNeAR files have a title line and the article, and at most a closing line about the
author (which is chrome).  The test suite runs the same checks on bundled plain-text pages
(tests/test_clean.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def problems(rec: dict, raw: str) -> list[str]:
    text = rec["text"]
    out = []
    if text != raw:
        out.append("text differs from the file")
    for a in rec["attributions"]:
        for part in ("content", "cue", "source"):
            span = a.get(part)
            for sp in (span.get("spans", [span]) if span else []):
                if not (0 <= sp["start"] <= sp["end"] <= len(text)) or text[sp["start"]:sp["end"]] != sp["text"]:
                    out.append(f"{a['id']} {part} {sp['start']}:{sp['end']} does not match its text")
    for sp in rec["speakers"]:
        for m in sp.get("mentions", []):
            if text[m["start"]:m["end"]] != m["text"]:
                out.append(f"speaker mention {m['start']}:{m['end']} does not match its text")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    files = sorted((Path(args.shared) / "data" / "polnear" / "dev" / "text").glob("*.txt"))
    if not files:
        print(f"no PolNeAR dev files under {args.shared}", file=sys.stderr)
        return 2
    from onrecord.pipeline import analyze_many

    bad = spans = short = 0
    for f, out in zip(files, analyze_many(files)):
        if out.record is None:
            print(f"{f.name}: {out.error}")
            bad += 1
            continue
        rec = out.record.to_dict()
        spans += sum(1 for a in rec["attributions"] for p in ("content", "cue", "source") if a.get(p))
        raw = f.read_bytes().decode("utf-8")
        found = problems(rec, raw)
        for p in found:
            print(f"{f.name}: {p}")
        bad += bool(found)
        end = rec["document"]["body"]["end"]
        if end != len(raw.rstrip()):
            short += 1
            print(f"{f.name}: body ends at {end}, before {raw[end:].strip()[:70]!r}")
    print(f"{len(files)} PolNeAR dev files, {spans} attribution spans: {bad} with a wrong offset or text; "
          f"{short} whose body ends before the last paragraph")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
