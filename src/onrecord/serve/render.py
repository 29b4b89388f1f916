"""Article text as HTML: statements highlighted per speaker, chrome greyed, author voice marked.

The text is cut at every boundary of a chrome span, an author-voice sentence, a
statement's content, cue or source; each piece becomes one ``<span>`` whose
classes say what covers it.  Everything is escaped: the article may contain
markup of its own (``<script>`` included), which must show as text.
"""
from __future__ import annotations

import json
from typing import Any, Optional, Union

from markupsafe import Markup, escape

from onrecord.model import Attribution, Record

PALETTE_SIZE = 12
RecordLike = Union[Record, dict]


def _record(record: RecordLike) -> Record:
    """A stored record (JSON) as a :class:`Record`."""
    return record if isinstance(record, Record) else Record.from_dict(record)


def _in_text_order(atts: list[Attribution]) -> list[Attribution]:
    return sorted(atts, key=lambda a: a.start)


def speaker_colours(record: RecordLike) -> dict[str, int]:
    """Speaker id → palette index, in order of first statement in the text."""
    colours: dict[str, int] = {}
    for a in _in_text_order(_record(record).attributions):
        sid = a.speaker.id if a.speaker else None
        if sid and sid not in colours:
            colours[sid] = len(colours) % PALETTE_SIZE
    return colours


def tooltip(att: Attribution) -> str:
    who = (att.speaker.name if att.speaker else None) or "unknown speaker"
    parts = [who, att.kind or "?"]
    if att.cue:
        parts.append(f"cue: {att.cue.text or ''}")
    if att.addressee:
        parts.append(f"to: {att.addressee.name or ''}")
    return " · ".join(parts)


def render_article(record: RecordLike) -> Markup:
    rec = _record(record)
    text = rec.text
    n = len(text)
    colours = speaker_colours(rec)
    atts = rec.attributions
    chrome = [(c.start, c.end) for c in rec.document.chrome]
    author = [(s.start, s.end) for s in rec.sentences if s.voice == "author"]
    content: list[tuple[int, int, int]] = []   # (start, end, attribution index)
    cues: list[tuple[int, int]] = []
    sources: list[tuple[int, int]] = []
    for k, att in enumerate(atts):
        for span in att.content:
            content.append((span.start, span.end, k))
        if att.cue:
            cues.append((att.cue.start, att.cue.end))
        if att.source:
            sources.append((att.source.start, att.source.end))
    cuts = {0, n}
    for lst in (chrome, author, cues, sources):
        for lo, hi in lst:
            cuts.update((max(0, min(n, lo)), max(0, min(n, hi))))
    for lo, hi, _ in content:
        cuts.update((max(0, min(n, lo)), max(0, min(n, hi))))
    bounds = sorted(cuts)

    def covered(lst: list[tuple[int, int]], a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in lst)

    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        if a >= b:
            continue
        piece = escape(text[a:b])
        classes: list[str] = []
        attrs = ""
        if covered(chrome, a, b):
            classes.append("chrome")
        if covered(author, a, b):
            classes.append("v-author")
        inside = [(e - s, i) for s, e, i in content if s <= a and b <= e]
        if inside:
            _, i = min(inside)
            att = atts[i]
            sid = att.speaker.id if att.speaker else None
            classes += ["stmt", f"sp-{colours[sid]}" if sid in colours else "sp-none",
                        f"k-{att.kind or 'unknown'}"]
            attrs = (f' data-a="{escape(att.id or i)}"'
                     f' data-speaker="{escape(sid or "")}"'
                     f' title="{escape(tooltip(att))}" tabindex="0"')
        if covered(cues, a, b):
            classes.append("cue")
        if covered(sources, a, b):
            classes.append("src")
        if classes:
            out.append(f'<span class="{" ".join(classes)}"{attrs}>{piece}</span>')
        else:
            out.append(str(piece))
    return Markup("".join(out))


def statements_view(record: RecordLike) -> list[dict[str, Any]]:
    """The record's statements in text order, with colour and display fields."""
    rec = _record(record)
    colours = speaker_colours(rec)
    rows = []
    for i, a in enumerate(_in_text_order(rec.attributions)):
        sp = a.speaker
        rows.append({
            "id": a.id or str(i),
            "kind": a.kind,
            "speaker_id": sp.id if sp else None,
            "speaker_name": sp.name if sp else None,
            "colour": f"sp-{colours[sp.id]}" if sp and sp.id in colours else "sp-none",
            "content": " … ".join(rec.text[s.start:s.end] for s in a.content),
            "cue": a.cue.text if a.cue else None,
            "source": a.source.text if a.source else None,
            "addressee": a.addressee.name if a.addressee else None,
            "confidence": a.confidence,
            "needs_review": a.needs_review,
            "speaker_confidence": a.speaker_confidence,
        })
    return rows


def legend(record: RecordLike) -> list[dict[str, Any]]:
    rec = _record(record)
    colours = speaker_colours(rec)
    by_id = {s.id: s for s in rec.speakers}
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for a in rec.attributions:
        sp = a.speaker
        if sp and sp.id:
            counts[sp.id] = counts.get(sp.id, 0) + 1
            names[sp.id] = sp.name or sp.id
    return [{"id": sid, "name": (by_id[sid].name if sid in by_id else None) or names[sid],
             "role": by_id[sid].role if sid in by_id else None, "colour": f"sp-{idx}",
             "n": counts[sid]} for sid, idx in colours.items()]


def attributions_json(record: RecordLike) -> Markup:
    """The attributions as JSON safe to embed in ``<script type=application/json>``."""
    data = {a.id or str(i): {
        "speaker": a.speaker.name if a.speaker else None,
        "speaker_id": a.speaker.id if a.speaker else None,
        "kind": a.kind,
        "cue": a.cue.text if a.cue else None,
        "source": a.source.text if a.source else None,
        "addressee": a.addressee.name if a.addressee else None,
        "confidence": a.confidence,
    } for i, a in enumerate(_record(record).attributions)}
    s = json.dumps(data, ensure_ascii=False)
    s = s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(s)


def month_histogram(statements: list[dict]) -> list[dict[str, Any]]:
    """Statements per month (``YYYY-MM``), with a bar height class 1–10."""
    counts: dict[str, int] = {}
    for s in statements:
        m = (s.get("published") or "")[:7] or "undated"
        counts[m] = counts.get(m, 0) + 1
    return _bars(counts)


def months_histogram(months: list[dict]) -> list[dict[str, Any]]:
    """The bars of counts per month as the store keeps them (``Store.speaker``'s ``months``:
    ``{month, n}``, month ``None`` undated)."""
    return _bars({m["month"] or "undated": int(m["n"]) for m in months})


def _bars(counts: dict[str, int]) -> list[dict[str, Any]]:
    if not counts:
        return []
    top = max(counts.values())
    keys = sorted(k for k in counts if k != "undated") + (["undated"] if "undated" in counts else [])
    return [{"month": k, "n": counts[k], "h": max(1, round(10 * counts[k] / top))} for k in keys]


def first_or(value: Optional[str], default: str) -> str:
    return value if value else default
