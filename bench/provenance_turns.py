"""Transcript turns of the provenance test set: for every transcript, the speaker labels at
the start of a line, the turns the record holds, and whether each turn's speaker is the person
its label names.

    python bench/provenance_turns.py [RECORDS_DIR]

RECORDS_DIR holds the records of ``onrecord analyze corpus/provenance/transcripts --out
RECORDS_DIR``; without it the transcripts are analysed first (a temporary folder).

A turn is right when its speaker's name holds the last word of its label (any speaker for a
generic label such as QUESTION), or, for a label the transcript misspells once (KAISCH), a word
one edit away that is another label of the same transcript (KASICH).  A label is unparsed when
no turn starts at it; a label is split when its turns go to more than one speaker."""
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


def one_edit(a: str, b: str) -> bool:
    """One letter changed, added or dropped, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        d = [i for i in range(len(a)) if a[i] != b[i]]
        return len(d) == 1 or len(d) == 2 and d[1] == d[0] + 1 and a[d[0]] == b[d[1]] and a[d[1]] == b[d[0]]
    s, t = sorted((a, b), key=len)
    return any(t[:i] + t[i + 1:] == s for i in range(len(t)))


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
        label_words = {w for lab in labels.values() for w in re.findall(r"[a-z']+", lab.lower().replace("’", "'"))}
        speakers = collections.defaultdict(set)
        for a in turns:
            lab = re.sub(r"\([^()]*\)", " ", a["source"]["text"]).strip()
            name = ((a.get("speaker") or {}).get("name") or "").lower().replace("’", "'")
            speakers[lab].add(name)
            words = re.findall(r"[a-z']+", lab.lower().replace("’", "'"))
            names = re.findall(r"[a-z']+", name)
            if not words or words[-1] in GENERIC or words[-1] in names or any(
                    one_edit(words[-1], n) and n in label_words for n in names):
                ok += 1
            else:
                bad += 1
                errs[(lab, a["speaker"] and a["speaker"]["name"])] += 1
        missing = [lab for s, lab in labels.items() if s not in starts]
        split = sorted(lab for lab, names in speakers.items()
                       if len(names) > 1 and not set(re.findall(r"[a-z']+", lab.lower())[-1:]) & GENERIC)
        tot["labels"] += len(labels)
        tot["turns"] += len(turns)
        tot["ok"] += ok
        tot["bad"] += bad
        tot["missing"] += len(missing)
        tot["split"] += len(split)
        print(f"{path.stem:48} labels {len(labels):4} turns {len(turns):4} right {ok:4} wrong {bad:3} "
              f"unparsed {len(missing):2} split {len(split)}", errs.most_common(3), missing[:3], split[:3])
    print(dict(tot))


if __name__ == "__main__":
    main()
