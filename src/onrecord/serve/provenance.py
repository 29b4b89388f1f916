"""Provenance of a stored quotation over HTTP: ``GET /api/statements/{id}/provenance`` (JSON)
and ``/statements/{id}/provenance`` (the variants side by side, changed words highlighted).

Mount with ``app.include_router(onrecord.serve.provenance.router)``; the store is
``request.app.state.store``.  The passage index is brought up to date before each answer.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import BaseModel, Field

from onrecord.serve.models import ErrorOut

HERE = Path(__file__).resolve().parent
router = APIRouter()
_templates = Jinja2Templates(directory=str(HERE / "templates"))

Fidelity = Literal["verbatim", "trimmed", "elided", "altered", "misattributed"]


class DiffOp(BaseModel):
    op: Literal["equal", "replace", "insert", "delete", "elided"] = Field(
        description="insert: words of the quotation the source lacks; delete: source words the "
                    "quotation leaves out unmarked; elided: source words left out at an ellipsis "
                    "or bracket of the quotation.")
    quote: str
    source: str


class MatchOut(BaseModel):
    statement_id: int
    doc_id: int
    doc_title: Optional[str] = None
    speaker_id: Optional[str] = None
    speaker_name: Optional[str] = None
    published: Optional[str] = Field(None, description="YYYY-MM-DD")
    passage: str = Field(description="The passage words aligned with the quotation.")
    fidelity: Fidelity
    wording: Literal["verbatim", "trimmed", "elided", "altered"]
    same_speaker: Optional[bool] = Field(None, description="null: a speaker is unknown.")
    primary: bool = Field(description="The passage is in a primary source or transcript.")
    share: float = Field(description="Share of the quotation's words aligned to the passage.")
    diff: list[DiffOp]
    turn: bool = Field(False, description="The passage is a transcript turn.")


class EarliestOut(BaseModel):
    doc_id: int
    statement_id: int
    published: Optional[str] = None


class ProvenanceOut(BaseModel):
    status: Literal["matched", "no-match", "too-short", "not-a-quotation"]
    quotation: str
    statement_id: Optional[int] = None
    doc_id: Optional[int] = None
    doc_title: Optional[str] = None
    speaker_id: Optional[str] = None
    speaker_name: Optional[str] = None
    published: Optional[str] = None
    kind: Optional[str] = None
    verdict: Optional[Fidelity] = Field(None, description="Fidelity of the primary (else best) match.")
    primary: Optional[MatchOut] = None
    primary_is_self: bool = False
    earliest: Optional[EarliestOut] = None
    matches: list[MatchOut]


def _trace(request: Request, stmt_id: int):
    from onrecord.provenance import index
    from onrecord.provenance.trace import trace_statement
    from onrecord.serve.public import scrub

    store = request.app.state.store
    index.update(store)
    prov = trace_statement(store, stmt_id)
    return None if prov is None else scrub(prov.to_dict())


@router.get("/api/statements/{stmt_id}/provenance", response_model=ProvenanceOut,
            responses={404: {"model": ErrorOut}}, tags=["archive"])
def api_provenance(request: Request, stmt_id: int):
    """Where a stored quotation's words appear in other documents: each matching passage with
    its document, speaker, date, fidelity class and word diff; the primary source and the
    earliest appearance."""
    out = _trace(request, stmt_id)
    if out is None:
        raise HTTPException(404, f"no statement {stmt_id}")
    return out


def sides(diff: list[dict]) -> tuple[Markup, Markup]:
    """The quotation and the source passage as HTML, changed words marked."""
    left, right = [], []
    for d in diff:
        q, s = escape(d["quote"]), escape(d["source"])
        if d["op"] == "equal":
            left.append(q)
            right.append(s)
        elif d["op"] == "elided":
            left.append(Markup('<span class="gap">…</span>'))
            right.append(Markup(f'<del class="elided">{s}</del>'))
        else:
            if q:
                left.append(Markup(f'<mark class="chg" data-op="{d["op"]}">{q}</mark>'))
            if s:
                right.append(Markup(f'<mark class="src" data-op="{d["op"]}">{s}</mark>'))
    return Markup(" ").join(left), Markup(" ").join(right)


@router.get("/statements/{stmt_id}/provenance", response_class=HTMLResponse, include_in_schema=False)
def provenance_page(request: Request, stmt_id: int):
    out = _trace(request, stmt_id)
    if out is None:
        return _templates.TemplateResponse(request, "error.html",
                                           {"title": "Not found",
                                            "message": f"There is no statement {stmt_id}."},
                                           status_code=404)
    rows = []
    for m in out["matches"]:
        left, right = sides(m["diff"])
        rows.append({"m": m, "left": left, "right": right})
    return _templates.TemplateResponse(request, "provenance.html",
                                       {"title": "Provenance", "p": out, "rows": rows})
