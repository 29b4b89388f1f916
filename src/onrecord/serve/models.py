"""Typed API responses (pydantic); these are what the OpenAPI docs describe."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class DocumentSummary(BaseModel):
    id: int
    key: str = Field(description="What identifies the document: URL, else absolute path.")
    sha256: str
    path: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = Field(None, description="YYYY-MM-DD")
    ingested_at: str
    n_statements: int
    n_speakers: int


class DocumentDetail(DocumentSummary):
    record: dict[str, Any] = Field(description="The full analysis record (schema onrecord/1).")


class Statement(BaseModel):
    id: int
    doc_id: int
    doc_title: Optional[str] = None
    doc_key: str
    attr_id: str
    kind: Literal["direct", "mixed", "indirect"] | str
    speaker_id: Optional[str] = None
    speaker_name: Optional[str] = None
    source_text: Optional[str] = None
    cue_text: Optional[str] = None
    content: str
    start_offset: int
    end_offset: int
    addressee_id: Optional[str] = None
    relayed_by_id: Optional[str] = None
    confidence: Optional[float] = None
    published: Optional[str] = None
    said_on: Optional[str] = Field(None, description="When it was said (YYYY-MM-DD): the date the "
                                   "text gives, else the publication date.")
    said_on_basis: Optional[str] = None
    channel: Optional[str] = Field(None, description="interview | briefing | statement | letter | "
                                   "post | speech | broadcast | filing | debate | hearing")
    channel_name: Optional[str] = None
    addressee_name: Optional[str] = None
    addressee_basis: Optional[str] = None
    targets: list[dict[str, Any]] = Field([], description="Whom it is about, main first: "
                                          "[{id, name, stance}] (stance: critical | supportive | neutral).")


class SpeakerSummary(BaseModel):
    id: str
    name: str
    type: Optional[str] = None
    role: Optional[str] = None
    aliases: list[str] = []
    n_statements: int
    n_documents: int


class SpeakerLink(BaseModel):
    id: str
    name: str
    n: int = Field(description="Statements linking the two speakers.")


class SpeakerDocument(BaseModel):
    id: int
    title: Optional[str] = None
    published: Optional[str] = None
    role: Optional[str] = None
    n_statements: int


class SpeakerDetail(BaseModel):
    id: str
    name: str
    type: Optional[str] = None
    role: Optional[str] = None
    roles: list[str] = Field([], description="Roles the documents give, most frequent first.")
    aliases: list[str] = []
    n_statements: int
    months: list[dict[str, Any]] = Field([], description="Statements per month, all of them: "
                                         "[{month: 'YYYY-MM' (null: undated, last), n}].")
    statements: list[Statement]
    documents: list[SpeakerDocument] = Field(
        description="The documents they appear in, oldest first (the first 1,000).")
    n_documents: int = 0
    talks_about: list[SpeakerLink] = Field(
        description="Speakers this one addresses or mentions in statements.")
    talked_about_by: list[SpeakerLink]
    addresses: list[SpeakerLink] = Field([], description="Whom their statements are addressed to.")
    targets: list[dict[str, Any]] = Field([], description="Whom their statements are about, with "
                                          "counts per stance: [{id, name, n, critical, supportive, neutral}].")


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, description="Document text (plain text or HTML).")
    content_type: Optional[Literal["text", "html"]] = Field(
        None, description="Omit to detect from the text.")


class RecordOut(BaseModel):
    """The analysis record; docs/record.md describes every field."""
    model_config = ConfigDict(populate_by_name=True, extra="allow")
    schema_: str = Field(alias="schema")
    source: dict[str, Any]
    text: str
    document: dict[str, Any]
    speakers: list[dict[str, Any]]
    attributions: list[dict[str, Any]]
    sentences: list[dict[str, Any]]
    events: list[dict[str, Any]]
    warnings: list[str] = []


class Counts(BaseModel):
    documents: int
    statements: int
    speakers: int


class ErrorOut(BaseModel):
    detail: str
