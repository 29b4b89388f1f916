"""Cross-article analysis over many records (:class:`~onrecord.model.Record`; dicts in the
``onrecord/1`` shape are read with ``Record.from_dict``).

- :func:`timeline`: every event, oldest first, optionally for one speaker or actor;
- :func:`contradictions`: accuse ↔ deny pairs between actors (within or across articles);
- :func:`network`: who talks about and to whom (statements mentioning another speaker, their
  targets with the speaker's stance, their addressees, and events actor → target), as a
  directed, stance-weighted graph: CSV edges or GraphML (opens in Gephi);
- :func:`duplicates`: near-duplicate / syndicated articles by MinHash (``datasketch``).

Records come from :func:`iter_store_records` (the archive) or any iterable of
:class:`~onrecord.model.Record` / dicts.  Each function reads every record once.
"""
from __future__ import annotations

import bisect
import csv
import io
import re
from collections import defaultdict
from typing import Any, Iterable, Iterator, Optional, Union

from onrecord.model import Event, Record
from onrecord.text import spreadsheet_safe

RecordLike = Union[Record, dict]


def _as_record(r: RecordLike) -> Record:
    return r if isinstance(r, Record) else Record.from_dict(r)


def iter_store_records(store) -> Iterator[tuple[dict, dict]]:
    """(document row, record dict) for every stored document, via the store's export API."""
    for row in store.iter_rows("documents", with_record=True):
        rec = row.get("record")
        if isinstance(rec, dict):
            yield row, rec


def _doc_info(rec: Record, row: Optional[dict] = None, index: int = 0) -> dict:
    return {"doc_id": (row or {}).get("id"), "doc_key": (row or {}).get("key") or rec.source.url
            or rec.source.path or f"#{index}",
            "title": rec.document.title, "published": rec.document.published}


def _pairs(records: Iterable[Any]) -> Iterator[tuple[dict, Record]]:
    """Accept records, dicts, or (row, record) pairs; yield (doc info, record)."""
    for i, r in enumerate(records):
        if isinstance(r, tuple):
            row, rec = r
            rec = _as_record(rec)
            yield _doc_info(rec, row, i), rec
        else:
            rec = _as_record(r)
            yield _doc_info(rec, None, i), rec


def _names(rec: Record) -> dict[str, str]:
    return {s.id: s.name for s in rec.speakers}


def _field(ev: Event, name: str) -> Any:
    """A field the events stage adds to an event (``actor_name``, ``negated`` …): an
    attribute of the stage's own events, an ``extra`` of events read from JSON."""
    return getattr(ev, name, None) if name not in ev.extra else ev.extra[name]


def _matches(query: str, *values: Optional[str]) -> bool:
    q = query.lower().strip()
    qs = re.sub(r"[^a-z0-9]+", "-", q).strip("-")
    for v in values:
        if not v:
            continue
        lv = v.lower()
        if q == lv or q in lv or qs == lv or (qs and qs in lv):
            return True
    return False


def _event_row(info: dict, rec: Record, ev: Event, names: dict[str, str]) -> dict:
    return {
        "date": ev.date, "date_basis": ev.date_basis, "type": ev.type,
        "actor": ev.actor, "actor_name": _field(ev, "actor_name") or names.get(ev.actor or ""),
        "target": ev.target,
        "target_name": _field(ev, "target_name") or names.get(ev.target or ""),
        "evidence": rec.text[ev.evidence.start:ev.evidence.end],
        "attribution": ev.attribution, "negated": bool(_field(ev, "negated")),
        "object": _field(ev, "object"), "location": _field(ev, "location"), **info,
    }


def timeline(records: Iterable[Any], speaker: Optional[str] = None,
             actor: Optional[str] = None) -> list[dict]:
    """Events, dated ones by date (undated by their article's date), oldest first.

    ``actor``: events where NAME is actor or target; ``speaker``: events NAME did
    (actor) or that come from NAME's statements.
    """
    rows = []
    for info, rec in _pairs(records):
        names = _names(rec)
        atts = {a.id: a for a in rec.attributions}
        for ev in rec.events:
            row = _event_row(info, rec, ev, names)
            if actor and not _matches(actor, row["actor"], row["actor_name"], row["target"],
                                      row["target_name"]):
                continue
            if speaker:
                a = atts.get(ev.attribution or "")
                sp = a.speaker if a is not None else None
                if not _matches(speaker, row["actor"], row["actor_name"], sp.id if sp else None,
                                sp.name if sp else None):
                    continue
            rows.append(row)
    rows.sort(key=lambda r: (r["date"] or r["published"] or "9999", r["date"] is None,
                             str(r["doc_key"]), r["evidence"]))
    return rows


def contradictions(records: Iterable[Any]) -> list[dict]:
    """Pairs of an accusation A → B and a denial by B (of A, or of no one named)."""
    accusations: dict[str, list[dict]] = defaultdict(list)   # target id → accuse rows
    denials: list[dict] = []
    for info, rec in _pairs(records):
        names = _names(rec)
        for ev in rec.events:
            if _field(ev, "negated"):
                continue
            if ev.type == "accuse" and ev.target:
                accusations[ev.target].append(_event_row(info, rec, ev, names))
            elif ev.type == "deny":
                denials.append(_event_row(info, rec, ev, names))
    out = []
    for d in denials:
        for a in accusations.get(d["actor"] or "", []):
            if d["target"] and d["target"] != a["actor"]:
                continue
            gap = None
            if a["date"] and d["date"]:
                from datetime import date

                gap = (date.fromisoformat(d["date"]) - date.fromisoformat(a["date"])).days
            out.append({
                "accuser": a["actor"], "accuser_name": a["actor_name"],
                "accused": d["actor"], "accused_name": d["actor_name"],
                "accusation": a, "denial": d, "days_apart": gap,
                "same_document": a["doc_key"] == d["doc_key"],
            })
    out.sort(key=lambda c: (c["accusation"]["date"] or "9999", c["accuser"], c["accused"]))
    return out


def network(records: Iterable[Any]) -> tuple[dict[str, dict], list[dict]]:
    """(nodes, edges) of who talks about and to whom.

    An edge S → T counts statements by S whose content mentions speaker T, is about T (a
    target, with S's stance: ``critical``, ``supportive``, ``neutral`` counts, and ``stance``
    = (supportive − critical) / statements about T, from −1 to 1) or is addressed to T
    (``addressed``), and events with actor S and target T.
    """
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}

    def node(nid: str, name: Optional[str], type_: Optional[str] = None) -> None:
        n = nodes.setdefault(nid, {"id": nid, "name": name or nid, "type": type_ or "unknown",
                                   "documents": 0})
        if type_ and n["type"] == "unknown":
            n["type"] = type_

    def edge(s: str, t: str, kind: str, doc_key: str) -> dict:
        e = edges.setdefault((s, t), {"source": s, "target": t, "weight": 0, "statements": 0,
                                      "events": 0, "event_types": set(), "documents": set(),
                                      "critical": 0, "supportive": 0, "neutral": 0, "addressed": 0})
        e["weight"] += 1
        e["documents"].add(str(doc_key))
        return e

    for info, rec in _pairs(records):
        for sp in rec.speakers:
            node(sp.id, sp.name, sp.type)
            nodes[sp.id]["documents"] += 1
        # mentions of speakers, sorted by start, to find those inside statement contents
        mentions = sorted((m.start, m.end, sp.id) for sp in rec.speakers for m in sp.mentions)
        starts = [m[0] for m in mentions]

        for a in rec.attributions:
            speaker = a.speaker
            if not speaker:
                continue
            about: set[str] = set()
            for span in a.content:
                i = bisect.bisect_left(starts, span.start)
                while i < len(mentions) and mentions[i][0] < span.end:
                    if mentions[i][2] != speaker.id:
                        about.add(mentions[i][2])
                    i += 1
            if a.addressee:
                about.add(a.addressee.id)
                node(a.addressee.id, a.addressee.name)
            stance_of = {}
            for t in a.targets:
                if t.id and t.id != speaker.id:
                    about.add(t.id)
                    node(t.id, t.name)
                    stance_of.setdefault(t.id, t.stance or "neutral")
            for t_id in about:
                e = edge(speaker.id, t_id, "statement", info["doc_key"])
                e["statements"] += 1
                if t_id in stance_of:
                    e[stance_of[t_id]] += 1
                if a.addressee and a.addressee.id == t_id:
                    e["addressed"] += 1
        for ev in rec.events:
            if not ev.actor or not ev.target or _field(ev, "negated"):
                continue
            node(ev.actor, _field(ev, "actor_name"))
            node(ev.target, _field(ev, "target_name"))
            e = edge(ev.actor, ev.target, "event", info["doc_key"])
            e["events"] += 1
            e["event_types"].add(ev.type or "other")
    out = []
    for e in edges.values():
        rated = e["critical"] + e["supportive"] + e["neutral"]
        e["stance"] = round((e["supportive"] - e["critical"]) / rated, 3) if rated else 0.0
        out.append({**e, "event_types": sorted(e["event_types"]), "documents": sorted(e["documents"]),
                    "source_name": nodes[e["source"]]["name"],
                    "target_name": nodes[e["target"]]["name"]})
    out.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    return nodes, out


EDGE_COLUMNS = ["source", "source_name", "target", "target_name", "weight", "statements", "events",
                "event_types", "documents", "critical", "supportive", "neutral", "stance", "addressed"]


def network_csv(records: Iterable[Any]) -> str:
    _, edges = network(records)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=EDGE_COLUMNS, lineterminator="\n")
    w.writeheader()
    for e in edges:
        row = {**{k: e[k] for k in EDGE_COLUMNS},
               "event_types": ";".join(e["event_types"]), "documents": len(e["documents"])}
        w.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return buf.getvalue()


def network_graphml(records: Iterable[Any]) -> str:
    import networkx as nx

    nodes, edges = network(records)
    g = nx.DiGraph()
    for n in nodes.values():
        g.add_node(n["id"], name=n["name"], type=n["type"], documents=int(n["documents"]))
    for e in edges:
        g.add_edge(e["source"], e["target"], weight=int(e["weight"]), statements=int(e["statements"]),
                   events=int(e["events"]), event_types=";".join(e["event_types"]),
                   documents=len(e["documents"]), critical=int(e["critical"]),
                   supportive=int(e["supportive"]), neutral=int(e["neutral"]),
                   stance=float(e["stance"]), addressed=int(e["addressed"]))
    return "\n".join(nx.generate_graphml(g)) + "\n"


def _shingles(text: str, k: int = 5) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def _body(rec: Record) -> str:
    b = rec.document.body or rec.document.analyzed
    return rec.text[b.start:b.end] if b else rec.text


def duplicates(records: Iterable[Any], threshold: float = 0.5, num_perm: int = 128) -> list[dict]:
    """Pairs of articles whose bodies are near-duplicates (estimated Jaccard of word 5-shingles).

    MinHash signatures go into an LSH index, so candidates are found without
    comparing every pair; each candidate's similarity is then estimated from the
    signatures.
    """
    from datasketch import MinHash, MinHashLSH

    # the index only proposes candidates (each is then held to ``threshold``); datasketch finds
    # no band layout for thresholds of 0.99 and above (ValueError), so it proposes at 0.95 there
    lsh = MinHashLSH(threshold=min(threshold, 0.95), num_perm=num_perm)
    sigs: dict[str, MinHash] = {}
    infos: dict[str, dict] = {}
    out = []
    for i, (info, rec) in enumerate(_pairs(records)):
        sh = _shingles(_body(rec))
        if not sh:
            continue
        m = MinHash(num_perm=num_perm, seed=1)
        m.update_batch(list(sh))
        key = f"{i}"
        for other in lsh.query(m):
            sim = m.jaccard(sigs[other])
            if sim >= threshold:
                a, b = infos[other], info
                out.append({"a": a, "b": b, "similarity": round(sim, 3),
                            "kind": "duplicate" if sim >= 0.9 else "near-duplicate"})
        lsh.insert(key, m)
        sigs[key] = m
        infos[key] = info
    out.sort(key=lambda p: -p["similarity"])
    return out
