"""Timeline and contradictions pages (and their JSON) over the store.

They read the records of the newest documents with events that can hold the speaker's or
actor's events (:meth:`onrecord.store.Store.event_records`, at most ``TIMELINE_DOCUMENTS``),
never the whole archive; the page says when that cap cut the list.

Mount on the app of :func:`onrecord.serve.app.create_app` with
``app.include_router(onrecord.serve.timeline.router)``; the store is
``request.app.state.store``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

HERE = Path(__file__).resolve().parent
router = APIRouter()
_templates = Jinja2Templates(directory=str(HERE / "templates"))


# a timeline reads the records of at most this many documents with events (the newest, of
# those that can hold the speaker's or actor's events): a page stays fast on any archive
TIMELINE_DOCUMENTS = 500


def _records(request: Request, speaker: Optional[str] = None, actor: Optional[str] = None):
    return list(request.app.state.store.event_records(speaker=speaker, actor=actor, limit=TIMELINE_DOCUMENTS))


@router.get("/api/timeline", tags=["analysis"])
def api_timeline(request: Request,
                 speaker: Optional[str] = Query(None, description="Events by this speaker."),
                 actor: Optional[str] = Query(None, description="Events where this actor acts or is the target."),
                 limit: int = Query(500, ge=1, le=10000)) -> Any:
    """Events (who did what to whom), oldest first, each with its date and the basis of that date."""
    from onrecord.events.cross import timeline

    return timeline(_records(request, speaker, actor), speaker=speaker, actor=actor)[:limit]


@router.get("/api/contradictions", tags=["analysis"])
def api_contradictions(request: Request) -> Any:
    """Accusations and the denials that answer them."""
    from onrecord.events.cross import contradictions

    return contradictions(_records(request))


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(request: Request, speaker: Optional[str] = None, actor: Optional[str] = None):
    from onrecord.events.cross import contradictions, timeline

    recs = _records(request, speaker or None, actor or None)
    rows = timeline(recs, speaker=speaker or None, actor=actor or None)[:2000]
    pairs = contradictions(recs)
    if actor:
        from onrecord.events.cross import _matches
        pairs = [p for p in pairs if _matches(actor, p["accuser"], p["accuser_name"],
                                               p["accused"], p["accused_name"])]
    return _templates.TemplateResponse(request, "timeline.html", {
        "title": "Timeline", "rows": rows, "pairs": pairs,
        "capped": len(recs) >= TIMELINE_DOCUMENTS, "cap": TIMELINE_DOCUMENTS,
        "form": {"speaker": speaker or "", "actor": actor or ""}})
