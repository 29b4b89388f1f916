"""Article text as HTML: statements highlighted per speaker, chrome greyed, author voice marked.

The text is cut at every boundary of a chrome span, an author-voice sentence, a
statement's content, cue or source; each piece becomes one ``<span>`` whose
classes say what covers it.  Everything is escaped: the article may contain
markup of its own (``<script>`` included), which must show as text.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from markupsafe import Markup, escape

PALETTE_SIZE = 12


def _spans(att: dict) -> list[dict]:
    c = att.get("content") or {}
    return c["spans"] if "spans" in c else [c]


def speaker_colours(record: dict) -> dict[str, int]:
    """Speaker id → palette index, in order of first statement in the text."""
    colours: dict[str, int] = {}
    atts = sorted(record.get("attributions") or [], key=lambda a: min(s["start"] for s in _spans(a)))
    for a in atts:
        sid = (a.get("speaker") or {}).get("id")
        if sid and sid not in colours:
            colours[sid] = len(colours) % PALETTE_SIZE
    return colours


def tooltip(att: dict) -> str:
    who = (att.get("speaker") or {}).get("name") or "unknown speaker"
    parts = [who, att.get("kind") or "?"]
    if att.get("cue"):
        parts.append(f"cue: {att['cue'].get('text', '')}")
    if att.get("addressee"):
        parts.append(f"to: {att['addressee'].get('name', '')}")
    return " · ".join(parts)


def render_article(record: dict) -> Markup:
    text: str = record.get("text") or ""
    n = len(text)
    colours = speaker_colours(record)
    atts = record.get("attributions") or []
    chrome = [(c["start"], c["end"]) for c in (record.get("document") or {}).get("chrome") or []]
    author = [(s["start"], s["end"]) for s in record.get("sentences") or []
              if s.get("voice") == "author"]
    content: list[tuple[int, int, int]] = []   # (start, end, attribution index)
    cues: list[tuple[int, int]] = []
    sources: list[tuple[int, int]] = []
    for i, a in enumerate(atts):
        for s in _spans(a):
            content.append((s["start"], s["end"], i))
        if a.get("cue"):
            cues.append((a["cue"]["start"], a["cue"]["end"]))
        if a.get("source"):
            sources.append((a["source"]["start"], a["source"]["end"]))
    cuts = {0, n}
    for lst in (chrome, author, cues, sources):
        for s, e in lst:
            cuts.update((max(0, min(n, s)), max(0, min(n, e))))
    for s, e, _ in content:
        cuts.update((max(0, min(n, s)), max(0, min(n, e))))
    bounds = sorted(cuts)

    def covered(lst, a: int, b: int) -> bool:
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
            sid = (att.get("speaker") or {}).get("id")
            classes += ["stmt", f"sp-{colours[sid]}" if sid in colours else "sp-none",
                        f"k-{att.get('kind') or 'unknown'}"]
            attrs = (f' data-a="{escape(att.get("id") or i)}"'
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


def statements_view(record: dict) -> list[dict[str, Any]]:
    """The record's statements in text order, with colour and display fields."""
    colours = speaker_colours(record)
    text = record.get("text") or ""
    rows = []
    for i, a in enumerate(sorted(record.get("attributions") or [],
                                 key=lambda a: min(s["start"] for s in _spans(a)))):
        sp = a.get("speaker") or {}
        rows.append({
            "id": a.get("id") or str(i),
            "kind": a.get("kind"),
            "speaker_id": sp.get("id"),
            "speaker_name": sp.get("name"),
            "colour": f"sp-{colours[sp['id']]}" if sp.get("id") in colours else "sp-none",
            "content": " … ".join(text[s["start"]:s["end"]] for s in _spans(a)),
            "cue": (a.get("cue") or {}).get("text"),
            "source": (a.get("source") or {}).get("text"),
            "addressee": (a.get("addressee") or {}).get("name"),
            "confidence": a.get("confidence"),
            "needs_review": bool(a.get("needs_review")),
            "speaker_confidence": a.get("speaker_confidence"),
        })
    return rows


def legend(record: dict) -> list[dict[str, Any]]:
    colours = speaker_colours(record)
    by_id = {s["id"]: s for s in record.get("speakers") or []}
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for a in record.get("attributions") or []:
        sp = a.get("speaker") or {}
        if sp.get("id"):
            counts[sp["id"]] = counts.get(sp["id"], 0) + 1
            names[sp["id"]] = sp.get("name") or sp["id"]
    return [{"id": sid, "name": (by_id.get(sid) or {}).get("name") or names[sid],
             "role": (by_id.get(sid) or {}).get("role"), "colour": f"sp-{idx}",
             "n": counts[sid]} for sid, idx in colours.items()]


def attributions_json(record: dict) -> Markup:
    """The attributions as JSON safe to embed in ``<script type=application/json>``."""
    data = {a.get("id") or str(i): {
        "speaker": (a.get("speaker") or {}).get("name"),
        "speaker_id": (a.get("speaker") or {}).get("id"),
        "kind": a.get("kind"),
        "cue": (a.get("cue") or {}).get("text"),
        "source": (a.get("source") or {}).get("text"),
        "addressee": (a.get("addressee") or {}).get("name"),
        "confidence": a.get("confidence"),
    } for i, a in enumerate(record.get("attributions") or [])}
    s = json.dumps(data, ensure_ascii=False)
    s = s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(s)


def month_histogram(statements: list[dict]) -> list[dict[str, Any]]:
    """Statements per month (``YYYY-MM``), with a bar height class 1–10."""
    counts: dict[str, int] = {}
    for s in statements:
        m = (s.get("published") or "")[:7] or "undated"
        counts[m] = counts.get(m, 0) + 1
    if not counts:
        return []
    top = max(counts.values())
    keys = sorted(k for k in counts if k != "undated") + (["undated"] if "undated" in counts else [])
    return [{"month": k, "n": counts[k], "h": max(1, round(10 * counts[k] / top))} for k in keys]


def first_or(value: Optional[str], default: str) -> str:
    return value if value else default
