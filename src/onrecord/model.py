"""The analysis record: one typed data model that flows through every stage.

The JSON shape is ``shared/CONTRACT.md`` (schema ``onrecord/1``).  Every stage
fills in part of a :class:`Record`; ``Record.to_dict()`` gives the JSON.
All offsets are Unicode code-point offsets into ``Record.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional

SCHEMA = "onrecord/1"

Kind = Literal["direct", "mixed", "indirect"]
Voice = Literal["author", "reported", "quoted", "chrome"]
ChromeKind = Literal["title-duplicate", "title", "byline", "navigation", "promo", "bio",
                     "comments", "footer", "contact"]


@dataclass
class Span:
    start: int
    end: int
    text: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.text is not None:
            d["text"] = self.text
        return d

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class ChromeSpan:
    start: int
    end: int
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass
class Source:
    """Where a record came from."""
    path: Optional[str] = None
    url: Optional[str] = None
    sha256: Optional[str] = None
    encoding: Optional[str] = None
    content_type: Optional[str] = None  # "text" | "html" | "markdown"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "url": self.url, "sha256": self.sha256,
                "encoding": self.encoding, "content_type": self.content_type}


@dataclass
class DocumentInfo:
    title: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None          # YYYY-MM-DD
    published_basis: Optional[str] = None    # "explicit" | "inferred:<how>"
    body: Optional[Span] = None
    chrome: list[ChromeSpan] = field(default_factory=list)
    # what the NLP stages read: the body, plus a headline that directly precedes it
    analyzed: Optional[Span] = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "published_basis": self.published_basis,
            "body": {"start": self.body.start, "end": self.body.end} if self.body else None,
            "chrome": [c.to_dict() for c in self.chrome],
            "analyzed": ({"start": self.analyzed.start, "end": self.analyzed.end}
                         if self.analyzed else None),
        }


@dataclass
class SpeakerRef:
    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass
class Speaker:
    id: str
    name: str
    type: str = "unknown"   # person | organization | government | media | unknown
    role: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def ref(self) -> SpeakerRef:
        return SpeakerRef(self.id, self.name)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "role": self.role,
                "aliases": list(self.aliases), "mentions": [m.to_dict() for m in self.mentions]}


@dataclass
class Channel:
    """Where or how a statement was made: an interview (``name``: the outlet), a briefing, a
    statement, a letter, a post (``name``: the platform), a speech, a broadcast (``name``: the
    programme or network), a court filing, a debate or a hearing; ``evidence`` is the words
    that say so."""
    type: str
    name: Optional[str] = None
    evidence: Optional[Span] = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "name": self.name,
                "evidence": ({"start": self.evidence.start, "end": self.evidence.end}
                             if self.evidence else None)}


_CHANNEL_WORDS = {"interview": ("in an interview", "with"), "briefing": ("at a press briefing", None),
                  "statement": ("in a statement", None), "letter": ("in a letter", None),
                  "post": ("in a post", "on"), "speech": ("in a speech", "at"),
                  "broadcast": ("on TV or radio", None), "filing": ("in a court filing", None),
                  "debate": ("in a debate", None), "hearing": ("at a hearing", None)}


def channel_phrase(kind: Optional[str], name: Optional[str] = None) -> str:
    """A channel as words: "in an interview with CNN", "at a press briefing", "on Meet the Press"."""
    if not kind:
        return ""
    if kind == "broadcast" and name:
        return f"on {name}"
    words, prep = _CHANNEL_WORDS.get(kind, (kind, None))
    return f"{words} {prep} {name}" if name and prep else words


@dataclass
class Target:
    """Whom a statement is about, with the speaker's stance toward it."""
    id: str
    name: str
    stance: str                      # critical | supportive | neutral
    stance_probability: float = 0.0
    probability: float = 0.0         # that this is what the statement is about (main first)
    mention: Optional[Span] = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "stance": self.stance,
                "stance_probability": round(self.stance_probability, 3),
                "probability": round(self.probability, 3),
                "mention": ({"start": self.mention.start, "end": self.mention.end}
                            if self.mention else None)}


@dataclass
class SaidOn:
    """When a statement was made: an ISO date (or None) and how it was reached."""
    date: Optional[str]
    basis: str          # explicit:… | relative:… | anaphoric:… | paragraph:… | published:… | vague:… | none:…

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "basis": self.basis}


@dataclass
class Attribution:
    id: str
    kind: str
    content: list[Span]                       # one or more spans (discontinuous content)
    cue: Optional[Span] = None
    source: Optional[Span] = None
    speaker: Optional[SpeakerRef] = None
    relayed_by: Optional[SpeakerRef] = None
    addressee: Optional[SpeakerRef] = None
    confidence: float = 0.5
    speaker_confidence: Optional[float] = None
    how: Optional[str] = None   # how the source was found: cue, colon, according_to, floating, …
    # the text says the source did NOT say it, or would not ("has not said", "declined to comment")
    negated: bool = False
    # how the speaker was found (name, alias, ranked pronoun, previous statement …) and whether
    # its calibrated confidence is low enough that a reader should check it
    speaker_basis: Optional[str] = None
    needs_review: bool = False
    # to and about whom, where and when (onrecord.events.whom)
    addressee_basis: Optional[str] = None     # the pattern that found the addressee ("told X" …)
    channel: Optional[Channel] = None
    targets: list[Target] = field(default_factory=list)
    said_on: Optional[SaidOn] = None

    @property
    def start(self) -> int:
        return min(s.start for s in self.content)

    @property
    def end(self) -> int:
        return max(s.end for s in self.content)

    def to_dict(self) -> dict[str, Any]:
        if len(self.content) == 1:
            content: dict[str, Any] = self.content[0].to_dict()
        else:
            content = {"spans": [s.to_dict() for s in self.content]}
        return {
            "id": self.id,
            "kind": self.kind,
            "content": content,
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source.to_dict() if self.source else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "relayed_by": self.relayed_by.to_dict() if self.relayed_by else None,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "confidence": round(self.confidence, 3),
            "speaker_confidence": (round(self.speaker_confidence, 3)
                                   if self.speaker_confidence is not None else None),
            "how": self.how,
            "negated": self.negated,
            "speaker_basis": self.speaker_basis,
            "needs_review": self.needs_review,
            "addressee_basis": self.addressee_basis,
            "channel": self.channel.to_dict() if self.channel else None,
            "targets": [t.to_dict() for t in self.targets],
            "said_on": self.said_on.to_dict() if self.said_on else None,
        }


@dataclass
class RejectedQuotation:
    """A quotation that is not a statement — the title of a work, a name, a term or scare
    quote, a slogan — with the class the quote-kind classifier gave it and its probability.
    It is never an attribution on its own (it may lie inside an indirect one's content)."""
    start: int                 # the quoted words, without the marks
    end: int
    text: str
    quote_kind: str            # title | name | term | slogan
    probability: float         # of that class
    p_statement: float         # that it is a statement after all

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "quote_kind": self.quote_kind,
                "probability": round(self.probability, 3), "p_statement": round(self.p_statement, 3)}


@dataclass
class Sentence:
    start: int
    end: int
    voice: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "voice": self.voice}


@dataclass
class Event:
    type: str
    actor: Optional[str]
    target: Optional[str]
    date: Optional[str]
    date_basis: Optional[str]
    evidence: Span
    attribution: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "actor": self.actor, "target": self.target,
                "date": self.date, "date_basis": self.date_basis,
                "evidence": {"start": self.evidence.start, "end": self.evidence.end},
                "attribution": self.attribution}


@dataclass
class Record:
    text: str
    source: Source = field(default_factory=Source)
    document: DocumentInfo = field(default_factory=DocumentInfo)
    speakers: list[Speaker] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected_quotations: list[RejectedQuotation] = field(default_factory=list)
    # what the NLP stages read when it is not ``text``: the same length and line breaks,
    # page syntax blanked (Markdown marks, front matter); never serialised
    analysis_text: Optional[str] = field(default=None, repr=False, compare=False)
    # (start, end) of each blockquote paragraph (Markdown ``>`` lines): quotations with no marks
    blockquotes: list = field(default_factory=list, repr=False, compare=False)
    # every candidate event with why it is not counted (onrecord.events); never serialised
    event_candidates: list = field(default_factory=list, repr=False, compare=False)

    def span(self, start: int, end: int) -> Span:
        """A span with its text, checked against this record's text."""
        return Span(start, end, self.text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source.to_dict(),
            "text": self.text,
            "document": self.document.to_dict(),
            "speakers": [s.to_dict() for s in self.speakers],
            "attributions": [a.to_dict() for a in self.attributions],
            "sentences": [s.to_dict() for s in self.sentences],
            "events": [e.to_dict() for e in self.events],
            "warnings": list(self.warnings),
            "rejected_quotations": [q.to_dict() for q in self.rejected_quotations],
        }
