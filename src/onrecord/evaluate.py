"""Score whole records against onrecord's annotated corpus of real pages (``corpus/``).

The gold is ``corpus/web/gold.json`` (format: ``docs/annotation.md``; the format of
``../shared/tools/score.py seeds``, with quotation classes and speaker types); which sites
are tuned on and which are only reported on is ``corpus/split.json``.  The figures are the
seeds scorer's — quotation recall (a prediction covers >= 80% of a required quotation and is
not more than 3x + 200 characters long), speaker accuracy on found quotations (the same name
matcher) and the speaker's type on those (person, organization, media, government, group,
role, document), direct/mixed precision (a direct or mixed prediction that is the best match of a
statement) and quotations that are not statements but were taken (a prediction covers half
of one; a non-statement nested in a statement is not counted) — plus what a reader checks
first: speaker names that are markup, a pronoun or a clause, and the title.

Gold offsets are offsets into the page file.  Where the record's text is not the file (an
HTML page: the record holds the extracted text), each quotation is found again in the
record's text by its words, in page order; a quotation that cannot be found is counted as
missed and listed as ``unmapped``.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Optional

from onrecord.attribute.evaluate import charset, spans_of

# ----------------------------------------------------------------- names


def norm(s: Optional[str]) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("\u2019", "'").lower()
    return re.sub(r"\s+", " ", s).strip(" .,:;")


def speaker_ok(pred_name: Optional[str], aliases: list[str]) -> bool:
    """The seeds scorer's matcher: equal to an alias, or holding one of 4+ characters as words."""
    name = norm(pred_name)
    if not name:
        return False
    for a in map(norm, aliases):
        if name == a or (len(a) >= 4 and re.search(r"\b%s\b" % re.escape(a), name)):
            return True
    return False


_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "i",
             "you", "who", "which", "that", "whom", "whose", "our", "my", "us", "me", "this", "these",
             "those", "one", "someone", "anyone", "everyone"}
_MARKUP = re.compile(r"[*#_\[\]{}<>|`=]|^\W|\b(?:title|tags|date|author|categories|draft|slug)\s*$", re.I)
_CLAUSE = re.compile(r",|\b(?:who|which|that|whose|whom)\b", re.I)


def bad_speaker_name(name: str) -> Optional[str]:
    """Why a speaker name shown to a user is not a name: ``markup``, ``pronoun`` or ``clause``."""
    n = name.strip()
    if not n:
        return None
    if _MARKUP.search(n):
        return "markup"
    if n.lower() in _PRONOUNS:
        return "pronoun"
    if _CLAUSE.search(n) or len(n.split()) > 7:
        return "clause"
    return None


# ----------------------------------------------------------------- offsets

_TAG = re.compile(r"<[^<>]*>")


def _pattern(words: str) -> Optional[re.Pattern]:
    plain = html.unescape(_TAG.sub(" ", words))
    toks = re.findall(r"\w+|[^\w\s]", plain)
    toks = [t for t in toks if t not in "\"“”‘’'*_"]
    if not toks:
        return None
    return re.compile(r"[\W_]*".join(re.escape(t) for t in toks))


def map_quotes(page: str, text: str, quotes: list[dict]) -> list[Optional[tuple[int, int]]]:
    """Each gold quotation's (start, end) in the record's text (None where not found)."""
    if page == text:
        return [(q["start"], q["end"]) for q in quotes]
    out: list[Optional[tuple[int, int]]] = [None] * len(quotes)
    pos = 0
    for i in sorted(range(len(quotes)), key=lambda k: quotes[k]["start"]):
        pat = _pattern(quotes[i]["text"])
        if pat is None:
            continue
        m = pat.search(text, pos) or pat.search(text)
        if m:
            out[i] = (m.start(), m.end())
            pos = m.start()
    return out


# ----------------------------------------------------------------- scoring

def _nested(q: dict, quotes: list[dict]) -> bool:
    return any(o is not q and o.get("class") == "statement" and o["start"] <= q["start"] and q["end"] <= o["end"]
               for o in quotes)


def new_totals() -> Counter:
    return Counter()


# the guide's spelling -> the record's (a role is a group type)
_TYPES = {"organisation": "organization", "role": "group"}


def score_page(tot: Counter, name: str, page: str, rec: dict, gold_doc: dict, aliases: dict,
               misses: list[str], types: Optional[dict] = None,
               outcomes: Optional[list] = None, details: Optional[list] = None) -> None:
    """Add one page's counts to ``tot`` (and what went wrong to ``misses``; to ``outcomes``,
    (speaker_confidence, speaker_basis, right) of every found quotation's speaker; to
    ``details``, alongside, (the attribution as a dict, the record's text))."""
    types = types or {}
    speaker_types = {s.get("id"): s.get("type") for s in rec.get("speakers", [])}
    text = rec.get("text", "")
    quotes = gold_doc["quotes"]
    where = map_quotes(page, text, quotes)
    preds = [dict(a, _c=charset(spans_of(a.get("content")))) for a in rec.get("attributions", [])]
    matched: set[int] = set()
    tot["pages"] += 1
    for q, span in zip(quotes, where):
        st = q["status"]
        if st == "not_a_quote":
            if _nested(q, quotes):
                continue
            tot["non_statements"] += 1
            if span is None:
                continue
            qc = set(range(*span))
            if any(len(qc & p["_c"]) / len(qc) >= 0.5 for p in preds if qc):
                tot["non_statements_taken"] += 1
                misses.append(f"{name}: non-statement ({q.get('class')}) taken: {q['text'][:60]!r}")
            continue
        if span is None:
            if st == "required":
                tot["required"] += 1
                tot["unmapped"] += 1
                misses.append(f"{name}: gold quotation not found in the record text: {q['text'][:60]!r}")
            continue
        qc = set(range(*span))
        best = None
        for i, p in enumerate(preds):
            cov = len(qc & p["_c"]) / len(qc) if qc else 0.0
            # (of equal coverage, the tightest: a quotation nested in a quoted excerpt is matched
            # by its own statement, not by the excerpt that holds it)
            if cov >= 0.8 and len(p["_c"]) <= 3 * len(qc) + 200 and (
                    best is None or cov > best[0] or cov == best[0] and len(p["_c"]) < best[2]):
                best = (cov, i, len(p["_c"]))
        if best is not None:
            matched.add(best[1])
        if st != "required":
            continue
        tot["required"] += 1
        if best is None:
            misses.append(f"{name}: quotation not found: {q['text'][:60]!r}")
            continue
        tot["found"] += 1
        ref = preds[best[1]].get("speaker") or {}
        got = ref.get("name", "")
        right = speaker_ok(got, aliases.get(q["speaker"], []))
        if outcomes is not None and ref:
            p = preds[best[1]]
            outcomes.append((p.get("speaker_confidence"), p.get("speaker_basis"), right))
            if details is not None:
                details.append((p, text))
        if right:
            tot["speaker_ok"] += 1
            want = _TYPES.get(types.get(q["speaker"], ""), types.get(q["speaker"]))
            have = speaker_types.get(ref.get("id"))
            if want:
                tot["typed"] += 1
                tot["type_ok"] += have == want
        else:
            misses.append(f"{name}: speaker {got!r} != {q['speaker']} for {q['text'][:50]!r}")
    for i, p in enumerate(preds):
        if p.get("kind") in ("direct", "mixed"):
            tot["direct_pred"] += 1
            tot["direct_matched"] += i in matched
            if i not in matched:
                words = " ".join(text[a:b] for a, b in spans_of(p.get("content")))
                misses.append(f"{name}: {p.get('kind')} statement matches no gold quotation: {words[:60]!r}")
        sp = (p.get("speaker") or {}).get("name") or ""
        why = bad_speaker_name(sp)
        if why:
            tot["bad_speaker_" + why] += 1
            misses.append(f"{name}: speaker name is {why}: {sp!r}")
    d, pd = gold_doc.get("document", {}), rec.get("document", {})
    if d.get("title"):
        tot["titles"] += 1
        ok = norm(pd.get("title")) == norm(d["title"])
        tot["title_ok"] += ok
        if not ok:
            misses.append(f"{name}: title {pd.get('title')!r} != {d['title']!r}")


def figures(tot: Counter) -> dict:
    def r(a, b):
        return round(tot[a] / tot[b], 4) if tot[b] else None
    return {
        "pages": tot["pages"], "required_quotes": tot["required"],
        "quote_recall": r("found", "required"),
        "speaker_accuracy_on_found": r("speaker_ok", "found"),
        "end_to_end_recall": r("speaker_ok", "required"),
        "direct_precision": r("direct_matched", "direct_pred"),
        "non_statements": tot["non_statements"],
        "non_statements_taken": tot["non_statements_taken"],
        "non_statements_taken_rate": r("non_statements_taken", "non_statements"),
        "bad_speaker_names": {k[12:]: v for k, v in sorted(tot.items()) if k.startswith("bad_speaker_")},
        "title_ok": f"{tot['title_ok']}/{tot['titles']}",
        "speaker_type_accuracy": r("type_ok", "typed"),
        "unmapped_gold": tot["unmapped"],
    }


def load_corpus(root: Path) -> tuple[dict, dict]:
    gold = json.loads((root / "web" / "gold.json").read_text(encoding="utf-8"))
    split = json.loads((root / "split.json").read_text(encoding="utf-8"))
    return gold, split


def pages_of(gold: dict, split: dict, which: str) -> list[str]:
    """Page file names of a split part (``tune``, ``report`` or ``all``)."""
    names = sorted(gold["documents"])
    if which == "all":
        return names
    sites = set(split[which])
    return [n for n in names if n.split("__")[0] in sites]


def analyze_paths(paths: Iterable[Path], jobs: int = 1) -> dict[str, dict]:
    """Records (as dicts) of the given files, by file stem; files that fail are left out."""
    from onrecord.ingest import iter_inputs
    from onrecord.pipeline import analyze_items

    out: dict[str, dict] = {}
    for o in analyze_items(iter_inputs([str(p) for p in paths]), jobs=jobs):
        if o.record is not None:
            out[Path(o.item.name).name.rsplit(".", 1)[0]] = o.record.to_dict()
    return out


def outcomes_web(root: Path, records: dict[str, dict], names: Iterable[str],
                 details: Optional[list] = None) -> list[tuple]:
    """(speaker_confidence, speaker_basis, right) of every found required quotation (and to
    ``details``, alongside, (attribution dict, record text, page name))."""
    gold, _ = load_corpus(root)
    out: list[tuple] = []
    for name in names:
        with open(root / "web" / "pages" / name, encoding="utf-8", newline="") as f:
            page = f.read()
        rec = records.get(name) or {"text": "", "attributions": []}
        mine: list = []
        score_page(new_totals(), name, page, rec, gold["documents"][name], gold["speakers"], [],
                   gold.get("speaker_types"), out, mine)
        if details is not None:
            details += [(p, t, name) for p, t in mine]
    return out


def outcomes_resolution(gold: dict, records: dict[str, dict], details: Optional[list] = None) -> list[tuple]:
    """The same for every named source mention of resolution gold (``score.py resolution``'s
    matching: a predicted attribution whose source overlaps the mention)."""
    out: list[tuple] = []
    for stem, items in gold["articles"].items():
        atts = (records.get(stem) or {}).get("attributions", [])
        for g in items:
            if not g.get("canonical"):
                continue
            gs = set(range(g["start"], g["end"]))
            cands = [a for a in atts if a.get("speaker")
                     and any(gs & set(range(s, e)) for s, e in spans_of(a.get("source")))]
            if cands:
                a = cands[0]
                ok = speaker_ok(a["speaker"].get("name"), [g["canonical"]] + g.get("aliases", []))
                out.append((a.get("speaker_confidence"), a.get("speaker_basis"), ok))
                if details is not None:
                    details.append((a, (records.get(stem) or {}).get("text", ""), stem))
    return out


def speaker_outcomes(root: Path, shared: Path, part: str, polnear_split: str,
                     jobs: int = 1) -> tuple[list[tuple], list[tuple]]:
    """Analyse the web corpus's ``part`` sites and the PolNeAR ``polnear_split`` articles of the
    resolution gold (``corpus/resolution/<split>.json``); their speakers' outcomes."""
    gold, split = load_corpus(root)
    names = pages_of(gold, split, part)
    web = analyze_paths([root / "web" / "pages" / n for n in names], jobs)
    ow = outcomes_web(root, {n: web[n.rsplit(".", 1)[0]] for n in names if n.rsplit(".", 1)[0] in web}, names)
    res_gold = json.loads((root / "resolution" / f"{polnear_split}.json").read_text(encoding="utf-8"))
    text_dir = Path(shared) / "data" / "polnear" / polnear_split / "text"
    recs = analyze_paths([text_dir / f"{s}.txt" for s in res_gold["articles"]], jobs)
    return ow, outcomes_resolution(res_gold, recs)


def reliability(outcomes: list[tuple], bins: int = 10) -> dict:
    """Expected calibration error of the confidences (equal-width bins) and the table."""
    rows, n, ece = [], len(outcomes), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inb = [(c, ok) for c, _, ok in outcomes if c is not None and (lo <= c < hi or (b == bins - 1 and c == 1.0))]
        if not inb:
            continue
        conf = sum(c for c, _ in inb) / len(inb)
        acc = sum(ok for _, ok in inb) / len(inb)
        ece += len(inb) / n * abs(conf - acc)
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(inb), "confidence": round(conf, 3),
                     "accuracy": round(acc, 3)})
    return {"n": n, "ece": round(ece, 4), "bins": rows}


def score(root: Path, records: dict[str, dict], names: Iterable[str]) -> dict:
    """Figures over the given pages (``records``: page file name -> record dict), overall and
    by site, with the list of what went wrong."""
    gold, split = load_corpus(root)
    shapes = split.get("shapes", {})
    total = new_totals()
    by_site: dict[str, Any] = {}
    by_shape: dict[str, Any] = {}
    misses: list[Any] = []
    for name in names:
        with open(root / "web" / "pages" / name, encoding="utf-8", newline="") as f:
            page = f.read()
        rec = records.get(name) or {"text": "", "attributions": []}
        site_id = name.split("__")[0]
        site = by_site.setdefault(site_id, new_totals())
        shape = by_shape.setdefault(shapes.get(site_id, "web"), new_totals())
        for tot in (total, shape, site):
            score_page(tot, name, page, rec, gold["documents"][name], gold["speakers"],
                       misses if tot is total else [], gold.get("speaker_types"))
    return {"overall": figures(total), "by_shape": {s: figures(t) for s, t in sorted(by_shape.items())},
            "by_site": {s: figures(t) for s, t in sorted(by_site.items())}, "misses": misses}
