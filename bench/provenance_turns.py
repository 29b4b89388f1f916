"""Transcript turns of the provenance test set: for every transcript, the speaker labels at
the start of a line, the turns the record holds, and whether each turn's speaker is the person
its label names.

    python bench/provenance_turns.py [RECORDS_DIR]

RECORDS_DIR holds the records of ``onrecord analyze corpus/provenance/transcripts --out
RECORDS_DIR``; without it the transcripts are analysed first (a temporary folder)."""
import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERIC = {'question', 'announcer', 'unidentified', 'male', 'female', 'audience', 'moderator', 'q', 'a',
           'candidates', 'unknown'}


def main() -> None:
    if len(sys.argv) > 1:
        out = Path(sys.argv[1])
    else:
        out = Path(tempfile.mkdtemp(prefix="turns-"))
        subprocess.run([sys.executable, "-m", "onrecord.cli", "analyze", str(ROOT / "corpus/provenance/transcripts"),
                        "--out", str(out), "--jobs", "2"], check=True, capture_output=True)
    tot = collections.Counter()
    for path in sorted(out.glob("*.json")):
        r = json.loads(path.read_text(encoding="utf-8"))
        if "text" not in r:
            continue   # (the run's own files, not records)
        text = r["text"]
        labels = {m.start(1): m.group(1) for m in re.finditer(r"^([A-Z][A-Z .'’-]{0,40}?)(?: \([^)]*\))?:\s", text, re.M)}
        turns = [a for a in r["attributions"] if a.get("how") == "turn"]
        starts = {a["source"]["start"] for a in turns}
        ok = bad = 0
        errs = collections.Counter()
        for a in turns:
            lab = a["source"]["text"]
            name = ((a.get("speaker") or {}).get("name") or "").lower().replace("’", "'")
            words = re.findall(r"[a-z']+", lab.lower().replace("’", "'"))
            if not words or words[-1] in GENERIC or words[-1] in re.findall(r"[a-z']+", name):
                ok += 1
            else:
                bad += 1
                errs[(lab, a["speaker"] and a["speaker"]["name"])] += 1
        missing = [lab for s, lab in labels.items() if s not in starts]
        tot["labels"] += len(labels)
        tot["turns"] += len(turns)
        tot["ok"] += ok
        tot["bad"] += bad
        tot["missing"] += len(missing)
        print(f"{path.stem:48} labels {len(labels):4} turns {len(turns):4} right {ok:4} wrong {bad:3} "
              f"unparsed {len(missing):2}", errs.most_common(3), missing[:3])
    print(dict(tot))


if __name__ == "__main__":
    main()
