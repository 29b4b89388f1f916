"""A readable who-said-what view of a record, for a person at a terminal (Rich)."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from onrecord.model import Record

_KIND_STYLE = {"direct": "bold", "mixed": "", "indirect": "italic"}


def _content_text(record: Record, a) -> str:
    return " … ".join(record.text[s.start:s.end].strip() for s in a.content)


def render_text(record: Record, console: Console) -> None:
    d = record.document
    console.print(Text(d.title or record.source.path or "(untitled)", style="bold underline"))
    meta = []
    if d.author:
        meta.append(f"by {d.author}")
    if d.published:
        basis = "" if d.published_basis == "explicit" else f" ({d.published_basis})"
        meta.append(f"{d.published}{basis}")
    if meta:
        console.print(Text(" · ".join(meta), style="dim"))
    console.print()
    if not record.attributions:
        console.print(Text("(no statements found)", style="dim"))
    for a in record.attributions:
        who = a.speaker.name if a.speaker else (a.source.text if a.source else "unknown")
        line = Text()
        line.append(who, style="bold cyan")
        if a.relayed_by:
            line.append(f" (via {a.relayed_by.name})", style="cyan")
        cue = f" {a.cue.text}" if a.cue and a.cue.text and a.cue.text != ":" else ""
        line.append(f"{cue}: ", style="cyan")
        body = _content_text(record, a)
        if a.kind == "indirect":
            line.append(body, style=_KIND_STYLE[a.kind])
        else:
            line.append(f"“{body.strip(chr(34) + '“”')}”", style=_KIND_STYLE.get(a.kind, ""))
        line.append(f"  [{a.kind}]", style="dim")
        console.print(line)
    console.print()
