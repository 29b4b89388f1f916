"""The analysis record: one typed data model that flows through every stage.

The JSON shape is described in ``docs/record.md`` (schema ``onrecord/1``).  Every stage
fills in part of a :class:`Record`; ``Record.to_dict()`` gives the JSON and
``Record.from_dict()`` reads it back (stored records, JSONL files, the HTTP API), so code
that reads records works on these types, not on raw dicts.  All offsets are Unicode
code-point offsets into ``Record.text``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Optional, cast, get_args

SCHEMA = "onrecord/1"
Kind = Literal["direct", "mixed", "indirect"]
Voice = Literal["author", "reported", "quoted", "chrome"]
ChromeKind = Literal["title-duplicate", "title", "byline", "navigation", "dateline", "promo", "bio",
                     "comments", "footer", "contact", "front-matter", "caption", "press-header"]
_KINDS, _VOICES = frozenset(get_args(Kind)), frozenset(get_args(Voice))


class RecordFormatError(ValueError):
    """A JSON object that is not an ``onrecord/1`` record (or part of one)."""


def _obj(d: Any, what: str) -> Mapping[str, Any]:
    if type(d) is not dict and not isinstance(d, Mapping):  # (a dict: no ABC check, read in bulk)
        raise RecordFormatError(f"{what} must be an object, not {type(d).__name__}")
    return d


def _int(d: Mapping[str, Any], key: str, what: str) -> int:
    v = d.get(key)
    if type(v) is not int and (not isinstance(v, int) or isinstance(v, bool)):
        raise RecordFormatError(f"{what} needs an integer {key!r}")
    return v


def _opt_str(d: Mapping[str, Any], key: str) -> Optional[str]:
    v = d.get(key)
    return None if v is None else str(v)


def _kind(v: Any) -> Kind:
    if not isinstance(v, str) or v not in _KINDS:
        raise RecordFormatError(f"attribution kind {v!r} is not one of {', '.join(get_args(Kind))}")
    return cast(Kind, v)


def _voice(v: Any) -> Optional[Voice]:
    if v is not None and (not isinstance(v, str) or v not in _VOICES):
        raise RecordFormatError(f"sentence voice {v!r} is not one of {', '.join(get_args(Voice))}")
    return cast("Optional[Voice]", v)  # (a string: no typing object made per call)


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

    @classmethod
    def from_dict(cls, d: Any, what: str = "a span") -> Span:
        d = _obj(d, what)
        return cls(_int(d, "start", what), _int(d, "end", what), _opt_str(d, "text"))


def content_shape(spans: list[dict[str, Any]], text: Optional[str] = None) -> dict[str, Any]:
    """An attribution's ``content`` in its one shape (docs/record.md): ``start``, ``end``
    and ``text`` of the stretch from the first span to the last (``text`` is the document
    text's slice, given when ``text`` or the one span's own text is known) and ``spans``,
    the exact words, each ``{start, end, text}`` (one span when the content is continuous)."""
    start, end = min(s["start"] for s in spans), max(s["end"] for s in spans)
    whole = text[start:end] if text is not None else \
        (spans[0].get("text") if len(spans) == 1 else None)
    out: dict[str, Any] = {"start": start, "end": end}
    if whole is not None:
        out["text"] = whole
    out["spans"] = spans
    return out


def _opt_span(d: Any, what: str) -> Optional[Span]:
    return None if d is None else Span.from_dict(d, what)


@dataclass
class ChromeSpan:
    start: int
    end: int
    kind: ChromeKind

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind}

    @classmethod
    def from_dict(cls, d: Any) -> ChromeSpan:
        d = _obj(d, "a chrome span")
        # (kinds are not checked: a record of an earlier version may name others)
        return cls(_int(d, "start", "a chrome span"), _int(d, "end", "a chrome span"),
                   cast(ChromeKind, str(d.get("kind"))))


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

    @classmethod
    def from_dict(cls, d: Any) -> Source:
        d = _obj(d or {}, "the record's source")
        return cls(*(_opt_str(d, k) for k in ("path", "url", "sha256", "encoding", "content_type")))


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

    @classmethod
    def from_dict(cls, d: Any) -> DocumentInfo:
        d = _obj(d or {}, "the record's document")
        return cls(title=_opt_str(d, "title"), author=_opt_str(d, "author"),
                   published=_opt_str(d, "published"), published_basis=_opt_str(d, "published_basis"),
                   body=_opt_span(d.get("body"), "the document's body"),
                   chrome=[ChromeSpan.from_dict(c) for c in d.get("chrome") or []],
                   analyzed=_opt_span(d.get("analyzed"), "the document's analysed span"))


@dataclass
class SpeakerRef:
    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}

    @classmethod
    def from_dict(cls, d: Any) -> SpeakerRef:
        d = _obj(d, "a speaker reference")
        return cls(str(d.get("id")), str(d.get("name")))


def _opt_ref(d: Any) -> Optional[SpeakerRef]:
    return None if d is None else SpeakerRef.from_dict(d)


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

    @classmethod
    def from_dict(cls, d: Any) -> Speaker:
        d = _obj(d, "a speaker")
        return cls(str(d.get("id")), str(d.get("name")), str(d.get("type") or "unknown"),
                   _opt_str(d, "role"), [str(a) for a in d.get("aliases") or []],
                   [Span.from_dict(m, "a speaker's mention") for m in d.get("mentions") or []])


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

    @classmethod
    def from_dict(cls, d: Any) -> Channel:
        d = _obj(d, "a channel")
        ev = d.get("evidence")
        # (evidence given as words rather than a span is read as no span: it is a pointer only)
        return cls(str(d.get("type")), _opt_str(d, "name"),
                   _opt_span(ev, "a channel's evidence") if isinstance(ev, Mapping) else None)


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

    @classmethod
    def from_dict(cls, d: Any) -> Target:
        d = _obj(d, "a target")
        return cls(str(d.get("id")), str(d.get("name")), str(d.get("stance") or "neutral"),
                   float(d.get("stance_probability") or 0.0), float(d.get("probability") or 0.0),
                   _opt_span(d.get("mention"), "a target's mention"))


@dataclass
class SaidOn:
    """When a statement was made: an ISO date (or None) and how it was reached."""
    date: Optional[str]
    basis: str          # explicit:… | relative:… | anaphoric:… | paragraph:… | published:… | vague:… | none:…

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "basis": self.basis}

    @classmethod
    def from_dict(cls, d: Any) -> SaidOn:
        d = _obj(d, "said_on")
        return cls(_opt_str(d, "date"), str(d.get("basis") or ""))


@dataclass
class Attribution:
    id: str
    kind: Kind
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

    def content_dict(self, text: Optional[str] = None) -> dict[str, Any]:
        """The content in its one shape: ``start``/``end``/``text`` of the whole stretch from
        the first span to the last (the document text's slice), and ``spans``, each with
        its own ``text`` (one span when the content is continuous)."""
        return content_shape([s.to_dict() for s in self.content], text)

    def to_dict(self, text: Optional[str] = None) -> dict[str, Any]:
        """``text`` is the record's text (for the ``text`` of a discontinuous content)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content_dict(text),
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

    @classmethod
    def from_dict(cls, d: Any) -> Attribution:
        d = _obj(d, "an attribution")
        what = f"attribution {d.get('id')!r}"
        c = _obj(d.get("content"), f"the content of {what}")
        if "spans" in c and not isinstance(c["spans"], list):
            raise RecordFormatError(f"the content spans of {what} must be a list")
        content = [Span.from_dict(s, f"a content span of {what}") for s in c["spans"]] if "spans" in c \
            else [Span.from_dict(c, f"the content of {what}")]
        if not content:
            raise RecordFormatError(f"{what} has no content span")
        sc = d.get("speaker_confidence")
        return cls(
            id=str(d.get("id")), kind=_kind(d.get("kind")), content=content,
            cue=_opt_span(d.get("cue"), f"the cue of {what}"),
            source=_opt_span(d.get("source"), f"the source of {what}"),
            speaker=_opt_ref(d.get("speaker")), relayed_by=_opt_ref(d.get("relayed_by")),
            addressee=_opt_ref(d.get("addressee")),
            confidence=float(d["confidence"]) if d.get("confidence") is not None else 0.5,
            speaker_confidence=float(sc) if sc is not None else None,
            how=_opt_str(d, "how"), negated=bool(d.get("negated")),
            speaker_basis=_opt_str(d, "speaker_basis"), needs_review=bool(d.get("needs_review")),
            addressee_basis=_opt_str(d, "addressee_basis"),
            channel=Channel.from_dict(d["channel"]) if d.get("channel") is not None else None,
            targets=[Target.from_dict(t) for t in d.get("targets") or []],
            said_on=SaidOn.from_dict(d["said_on"]) if d.get("said_on") is not None else None)


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

    @classmethod
    def from_dict(cls, d: Any) -> RejectedQuotation:
        d = _obj(d, "a rejected quotation")
        return cls(_int(d, "start", "a rejected quotation"), _int(d, "end", "a rejected quotation"),
                   str(d.get("text") or ""), str(d.get("quote_kind")),
                   float(d.get("probability") or 0.0), float(d.get("p_statement") or 0.0))


_SENTENCE_KEYS = ("start", "end", "voice")
_EVENT_KEYS = ("type", "actor", "target", "date", "date_basis", "evidence", "attribution")


@dataclass
class Sentence:
    start: int
    end: int
    voice: Optional[Voice] = None
    # fields a later stage adds (``why``, ``markers``), as read back by :meth:`from_dict`
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False, kw_only=True)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "voice": self.voice, **self.extra}

    @classmethod
    def from_dict(cls, d: Any) -> Sentence:
        d = _obj(d, "a sentence")
        return cls(_int(d, "start", "a sentence"), _int(d, "end", "a sentence"), _voice(d.get("voice")),
                   extra={k: v for k, v in d.items() if k not in _SENTENCE_KEYS})


@dataclass
class Event:
    type: str
    actor: Optional[str]
    target: Optional[str]
    date: Optional[str]
    date_basis: Optional[str]
    evidence: Span
    attribution: Optional[str] = None
    # fields a later stage adds (``actor_name``, ``negated`` …), as read back by :meth:`from_dict`
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False, kw_only=True)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "actor": self.actor, "target": self.target,
                "date": self.date, "date_basis": self.date_basis,
                "evidence": {"start": self.evidence.start, "end": self.evidence.end},
                "attribution": self.attribution, **self.extra}

    @classmethod
    def from_dict(cls, d: Any) -> Event:
        d = _obj(d, "an event")
        return cls(str(d.get("type")), _opt_str(d, "actor"), _opt_str(d, "target"), _opt_str(d, "date"),
                   _opt_str(d, "date_basis"), Span.from_dict(d.get("evidence"), "an event's evidence"),
                   _opt_str(d, "attribution"),
                   extra={k: v for k, v in d.items() if k not in _EVENT_KEYS})


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
    # each blockquote paragraph (Markdown ``>`` lines: quotations with no marks), as
    # onrecord.clean.markdown.Blockquote (start, end, label); never serialised
    blockquotes: list[Any] = field(default_factory=list, repr=False, compare=False)
    # every candidate event with why it is not counted (onrecord.events); never serialised
    event_candidates: list[Any] = field(default_factory=list, repr=False, compare=False)

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
            "attributions": [a.to_dict(self.text) for a in self.attributions],
            "sentences": [s.to_dict() for s in self.sentences],
            "events": [e.to_dict() for e in self.events],
            "warnings": list(self.warnings),
            "rejected_quotations": [q.to_dict() for q in self.rejected_quotations],
        }

    @classmethod
    def from_dict(cls, d: Any) -> Record:
        """The record a JSON object (``to_dict``'s shape, ``docs/record.md``) holds; fields a
        record of an earlier version lacks get their defaults.  ``from_dict(d).to_dict() == d``
        for every record onrecord writes.  Raises :class:`RecordFormatError` (a ``ValueError``)
        saying what is wrong."""
        d = _obj(d, "a record")
        schema = d.get("schema", SCHEMA)
        if schema != SCHEMA:
            raise RecordFormatError(f"schema {schema!r} is not {SCHEMA!r}")
        text = d.get("text")
        if not isinstance(text, str):
            raise RecordFormatError("a record needs its text (a string in \"text\")")

        def items(key: str) -> list[Any]:
            v = d.get(key)
            if v is None:
                return []
            if not isinstance(v, list):
                raise RecordFormatError(f"the record's {key!r} must be a list")
            return v

        return cls(text=text, source=Source.from_dict(d.get("source")),
                   document=DocumentInfo.from_dict(d.get("document")),
                   speakers=[Speaker.from_dict(s) for s in items("speakers")],
                   attributions=[Attribution.from_dict(a) for a in items("attributions")],
                   sentences=[Sentence.from_dict(s) for s in items("sentences")],
                   events=[Event.from_dict(e) for e in items("events")],
                   warnings=[str(w) for w in items("warnings")],
                   rejected_quotations=[RejectedQuotation.from_dict(q) for q in items("rejected_quotations")])
