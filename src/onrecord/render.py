"""A readable who-said-what view of a record, for a person at a terminal (Rich)."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from onrecord.model import Attribution, Record, channel_phrase
from onrecord.text import readable


def _content(record: Record, a: Attribution) -> str:
    # (the words as a reader sees them: markup tags and link targets out)
    return " … ".join(readable(record.text[s.start:s.end]) for s in a.content)


def whom_line(a: Attribution) -> str:
    """To and about whom, where and when: "→ United States (critical), to reporters, at a
    press briefing, on 2020-10-31" ("" when the record knows none of it)."""
    parts = []
    if a.targets:
        parts.append("→ " + ", ".join(f"{t.name} ({t.stance})" for t in a.targets))
    if a.addressee:
        parts.append(f"to {a.addressee.name}")
    if a.channel:
        parts.append(channel_phrase(a.channel.type, a.channel.name))
    if a.said_on and a.said_on.date and not a.said_on.basis.startswith("published"):
        parts.append(f"on {a.said_on.date}")
    return ", ".join(parts)


def render_text(record: Record, console: Console) -> None:
    """Title, date, then one line per statement: speaker (cue): “…”, and under it to and
    about whom, where and when."""
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
        line = Text()
        if a.speaker:
            line.append(a.speaker.name, style="bold cyan")
            if a.needs_review:   # calibrated confidence below the review threshold
                line.append(" (check speaker)", style="yellow")
        else:
            line.append((a.source.text or "") if a.source else "(unknown)", style="bold yellow")
        if a.relayed_by:
            line.append(f" via {a.relayed_by.name}", style="cyan")
        if a.negated:
            line.append(" did NOT say", style="bold red")
        if a.cue is not None and a.cue.text and a.cue.text.strip() not in (":", ""):
            line.append(f" ({' '.join(a.cue.text.split())})", style="dim")
        line.append(": ")
        line.append(_content(record, a), style="bold" if a.kind == "direct" else
                    "italic" if a.kind == "indirect" else "")
        line.append(f"  [{a.kind}]", style="dim")
        console.print(line)
        whom = whom_line(a)
        if whom:
            console.print(Text("    " + (a.speaker.name + " " if a.speaker else "") + whom, style="dim"))
    console.print()
