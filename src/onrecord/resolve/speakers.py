"""Speaker resolution (first pass: the source mention's own text)."""
from __future__ import annotations

import re

from onrecord.model import Record, Speaker


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"


def resolve_speakers(record: Record, doc, offset: int) -> None:
    speakers: dict[str, Speaker] = {}
    for a in record.attributions:
        if a.source is None:
            continue
        sid = slug(a.source.text)
        sp = speakers.setdefault(sid, Speaker(id=sid, name=a.source.text))
        sp.mentions.append(a.source)
        a.speaker = sp.ref()
    record.speakers = list(speakers.values())
