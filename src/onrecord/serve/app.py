"""The HTTP API and the web UI: ``create_app(store_url)`` returns a FastAPI app."""
from __future__ import annotations

import contextlib
import hmac
import ipaddress
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from onrecord.errors import OnrecordError
from onrecord.model import Record
from onrecord.serve import render
from onrecord.serve.models import (
    AnalyzeRequest,
    Counts,
    DocumentDetail,
    DocumentSummary,
    ErrorOut,
    RecordOut,
    SpeakerDetail,
    SpeakerSummary,
    Statement,
)

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY = 2 * 1024 * 1024
# a speaker's page lists their first statements and documents (the API gives 1,000); its
# histogram counts all their statements (kept per month at write time); rendering 300 rows
# of each took ~55 ms of CPU, 100 a third of that, 50 a sixth
SPEAKER_PAGE_ROWS = 50
# the speakers list: this many per page, then a link to the next ones
SPEAKERS_PAGE_ROWS = 100
# the search page shows this many results, then a link to the next ones (keyset: the last
# id shown); rendering 200 rows took ~20 ms of CPU on its own
SEARCH_PAGE_ROWS = 50

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
# Swagger UI / ReDoc load their assets from a CDN and use inline scripts
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
            "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
            "font-src 'self' https://fonts.gstatic.com; worker-src blob:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'")


class BodyLimit:
    """Reject request bodies above ``max_bytes`` with 413, declared or streamed."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for k, v in scope.get("headers") or []:
            if k == b"content-length":
                try:
                    too_big = int(v) > self.max_bytes
                except ValueError:
                    too_big = False
                if too_big:
                    return await self._reject(send)
        seen = 0
        exceeded = False
        started = False

        async def limited_receive():
            nonlocal seen, exceeded
            if exceeded:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    exceeded = True
                    raise _TooBig()
            return msg

        async def guarded_send(msg):
            # the app may catch _TooBig while parsing (FastAPI turns it into a 400):
            # whatever it answers then, the client gets the 413
            nonlocal started
            if exceeded:
                if msg["type"] == "http.response.start" and not started:
                    started = True
                    await self._reject(send)
                return
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooBig:
            if not started:
                await self._reject(send)

    async def _reject(self, send):
        body = (b'{"detail":"request body is larger than the limit of %d bytes"}'
                % self.max_bytes)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooBig(Exception):
    pass


DOCS_PATHS = ("/docs", "/redoc", "/docs/oauth2-redirect")


class SecurityHeaders:
    """CSP and friends on every response (plain ASGI: no per-request task group, unlike
    ``@app.middleware("http")``, which cost a third of the server's time under load)."""

    def __init__(self, app):
        self.app = app
        self.base = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                     (b"x-frame-options", b"DENY")]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        csp = (DOCS_CSP if scope.get("path") in DOCS_PATHS else CSP).encode()
        ours = {b"content-security-policy", b"x-content-type-options", b"referrer-policy",
                b"x-frame-options"}

        async def with_headers(msg):
            if msg["type"] == "http.response.start":
                headers = [(k, v) for k, v in msg.get("headers") or [] if k.lower() not in ours]
                headers += [(b"content-security-policy", csp)] + self.base
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, with_headers)


def is_loopback(host: Optional[str]) -> bool:
    """Whether ``host`` (the address the server binds to) is reachable only from this machine."""
    if host is None:
        return True
    h = host.strip().strip("[]").lower()
    if h == "localhost" or h.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False  # a host name or "" (all interfaces): treat as public


def write_guard(host: Optional[str], token: Optional[str]):
    """``(writes_enabled, check)`` for the write endpoints (POST) under this configuration.

    On a loopback address writes are open unless a token is set; on any other address
    they need the token, and without one they are switched off.
    """
    token = token or None
    enabled = bool(token) or is_loopback(host)

    def check(request: Request) -> None:
        if not enabled:
            raise HTTPException(403, "write endpoints are disabled: the server listens on a "
                                     "non-loopback address without a token (start it with "
                                     "--token or ONRECORD_TOKEN to enable them)")
        if token is None:
            return
        auth = request.headers.get("authorization") or ""
        given = auth[7:].strip() if auth[:7].lower() == "bearer " else \
            (request.headers.get("x-onrecord-token") or "")
        if not hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8")):
            raise HTTPException(401, "this endpoint needs the server token: send "
                                     "'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
    return enabled, check


def create_app(store_url: Optional[str] = None, max_body: int = DEFAULT_MAX_BODY,
               host: Optional[str] = None, token: Optional[str] = None,
               analyze_workers: Optional[int] = None, analyze_queue: int = 4,
               analyze_timeout: float = 60.0, create_store: bool = True,
               allowed_hosts: Optional[list[str]] = None, api_docs: bool = False,
               analysis_pool: Any = None) -> FastAPI:
    """The app over the store at ``store_url`` (a path or ``postgresql://`` URL).

    ``host`` is the address the server will bind to: on a non-loopback address the
    write endpoints (POST /api/analyze) need ``token`` and are disabled without one.
    A ``token`` always protects them, whatever the address.  Analyses run in a pool
    of ``analyze_workers`` processes (default: one fewer than the cores, 1 or 2)
    admitting ``analyze_queue`` more waiting, each limited to ``analyze_timeout``
    seconds (:mod:`onrecord.serve.workers`), or in ``analysis_pool`` when given.
    ``allowed_hosts`` (when given) are the only ``Host`` header values answered (DNS
    rebinding); ``api_docs`` turns on /docs and /redoc, whose scripts come from a CDN.
    """
    from onrecord.serve.workers import AnalysisPool
    from onrecord.store import open_store

    writes_enabled, check_write = write_guard(host, token)
    from onrecord.serve.public import PublicStore

    store = PublicStore(open_store(store_url, create=create_store))
    analysis = analysis_pool or AnalysisPool(analyze_workers, analyze_queue, analyze_timeout)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        analysis.close()
        store.close()

    docs: dict[str, Any] = {} if api_docs else {"docs_url": None, "redoc_url": None}
    app = FastAPI(title="onrecord", version="0.1.0", lifespan=lifespan, **docs,
                  description="Who said what, to or about whom, when: an archive of "
                              "attributed statements from news and commentary pages.")
    app.state.store = store
    app.state.analysis = analysis
    app.state.writes_enabled = writes_enabled
    app.state.token_required = bool(token)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["first_or"] = render.first_or
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    from onrecord.serve.timeline import router as timeline_router

    app.include_router(timeline_router)
    from onrecord.serve.provenance import router as provenance_router

    app.include_router(provenance_router)
    errors: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}, 400: {"model": ErrorOut}}
    write_errors: dict[int | str, dict[str, Any]] = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}}

    app.add_middleware(SecurityHeaders)

    def bad_request(e: Exception) -> HTTPException:
        return HTTPException(status_code=400, detail=str(e))

    # ------------------------------------------------------------------ API
    @app.get("/api/stats", response_model=Counts, tags=["archive"])
    def api_stats() -> Any:
        """How many documents, statements and speakers the store holds."""
        return store.counts()

    @app.get("/api/documents", response_model=list[DocumentSummary], responses=errors,
             tags=["archive"])
    def api_documents(q: Optional[str] = Query(None, description="Full-text query on title and text."),
                      since: Optional[str] = None, until: Optional[str] = None,
                      limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0),
                      after: Optional[int] = Query(None, ge=1, description=(
                          "Id of the last document of the previous page: the next page "
                          "(as fast deep in the archive as at its start)."))) -> Any:
        """Stored documents, newest first."""
        try:
            return store.documents(q=q, since=since, until=until, limit=limit, offset=offset,
                                   after=after)
        except OnrecordError as e:
            raise bad_request(e) from e

    @app.get("/api/documents/{doc_id}", response_model=DocumentDetail, responses=errors,
             tags=["archive"])
    def api_document(doc_id: int) -> Any:
        """One document with its full analysis record."""
        d = store.document(doc_id)
        if d is None:
            raise HTTPException(404, f"no document {doc_id}")
        return d

    @app.get("/api/speakers", response_model=list[SpeakerSummary], tags=["archive"])
    def api_speakers(q: Optional[str] = Query(None, description="Name or alias contains."),
                     limit: int = Query(100, ge=1, le=5000), offset: int = Query(0, ge=0)) -> Any:
        """Speakers, most quoted first."""
        return store.speakers(q=q, limit=limit, offset=offset)

    @app.get("/api/speakers/{speaker_id}", response_model=SpeakerDetail, responses=errors,
             tags=["archive"])
    def api_speaker(speaker_id: str) -> Any:
        """One speaker: roles, statements over time, who they talk to or about."""
        sp = store.speaker(speaker_id)
        if sp is None:
            raise HTTPException(404, f"no speaker {speaker_id!r}")
        return sp

    @app.get("/api/statements", response_model=list[Statement], responses=errors,
             tags=["archive"])
    def api_statements(
            q: Optional[str] = Query(None, description='Words, "phrases", OR, -exclude, prefix*.'),
            speaker: Optional[str] = Query(None, description="Speaker name, alias or id."),
            kind: Optional[str] = Query(None, description="direct | mixed | indirect"),
            since: Optional[str] = Query(None, description="YYYY-MM-DD (the statement's date)"),
            until: Optional[str] = Query(None, description="YYYY-MM-DD (the statement's date)"),
            target: Optional[str] = Query(None, description="About this entity (name, alias or id)."),
            stance: Optional[str] = Query(None, description="critical | supportive | neutral: "
                                          "toward the target (or the main target)."),
            channel: Optional[str] = Query(None, description="interview | briefing | statement | "
                                           "letter | post | speech | broadcast | filing | debate | hearing"),
            addressee: Optional[str] = Query(None, description="Said to this entity (name, alias or id)."),
            limit: int = Query(100, ge=1, le=5000), offset: int = Query(0, ge=0),
            after: Optional[int] = Query(None, ge=1, description=(
                "Id of the last statement of the previous page: the next page (as fast deep "
                "in the archive as at its start)."))) -> Any:
        """Statements matching every given filter, newest first."""
        try:
            return store.statements(q=q, speaker=speaker, kind=kind, since=since, until=until,
                                    target=target, stance=stance, channel=channel,
                                    addressee=addressee, limit=limit, offset=offset, after=after)
        except OnrecordError as e:
            raise bad_request(e) from e

    @app.post("/api/analyze", response_model=RecordOut, response_model_by_alias=True,
              responses={**errors, **write_errors, 413: {"model": ErrorOut},
                         422: {"model": ErrorOut}, 503: {"model": ErrorOut},
                         504: {"model": ErrorOut}},
              tags=["analysis"], dependencies=[Depends(check_write)])
    async def api_analyze(req: AnalyzeRequest) -> Any:
        """Analyze a text (not stored) and return its record.

        Runs in a worker process with a time limit (504 past it); 503 when as many
        analyses as the server admits are already running or waiting.  Needs
        ``Authorization: Bearer <token>`` when the server was started with a token;
        disabled on a non-loopback address without one.
        """
        from onrecord.ingest.sources import InputItem
        from onrecord.serve.workers import Busy, TimedOut

        item = InputItem(name="request", data=req.text.encode("utf-8"),
                         content_type=req.content_type)
        try:
            record, error = await analysis.analyze(item)
        except Busy as e:
            return JSONResponse({"detail": str(e)}, status_code=503,
                                headers={"Retry-After": "5"})
        except TimedOut as e:
            return JSONResponse({"detail": str(e)}, status_code=504)
        if record is None:
            status = 504 if error and "took longer than" in error else 422
            return JSONResponse({"detail": error or "analysis failed"}, status_code=status)
        # the worker's finished JSON, passed through (parsing and validating a large
        # record here would hold the event loop and every read behind it)
        return Response(record, media_type="application/json")

    # ------------------------------------------------------------------ UI
    def page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def not_found(request: Request, what: str) -> HTMLResponse:
        return page(request, "error.html", 404, title="Not found", message=what)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return page(request, "home.html", title="onrecord", counts=store.counts(),
                    documents=store.documents(limit=20), speakers=store.speakers(limit=15))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, doc_id: int):
        d = store.document(doc_id)
        if d is None:
            return not_found(request, f"There is no document {doc_id}.")
        rec = Record.from_dict(d["record"])
        return page(request, "article.html", title=d["title"] or d["key"], doc=d,
                    article_html=render.render_article(rec),
                    statements=render.statements_view(rec), legend=render.legend(rec),
                    attrs_json=render.attributions_json(rec),
                    stmt_ids={r["attr_id"]: r["id"] for r in store.statements(doc_id=doc_id, limit=100000)},
                    n_author=sum(1 for s in rec.sentences if s.voice == "author"))

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers_page(request: Request, q: Optional[str] = None, offset: int = 0):
        offset = max(0, offset)
        rows = store.speakers(q=q or None, limit=SPEAKERS_PAGE_ROWS + 1, offset=offset)
        more = None
        if len(rows) > SPEAKERS_PAGE_ROWS:
            rows = rows[:SPEAKERS_PAGE_ROWS]
            more = urlencode({**({"q": q} if q else {}), "offset": offset + SPEAKERS_PAGE_ROWS})
        return page(request, "speakers.html", title="Speakers", q=q or "", speakers=rows,
                    more=more)

    @app.get("/speakers/{speaker_id}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(request: Request, speaker_id: str):
        sp = store.speaker(speaker_id, limit=SPEAKER_PAGE_ROWS, links=50)
        if sp is None:
            return not_found(request, f"There is no speaker {speaker_id!r}.")
        return page(request, "speaker.html", title=sp["name"], sp=sp,
                    histogram=render.months_histogram(sp["months"]))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Optional[str] = None, speaker: Optional[str] = None,
                    kind: Optional[str] = None, since: Optional[str] = None,
                    until: Optional[str] = None, what: str = "statements",
                    target: Optional[str] = None, stance: Optional[str] = None,
                    after: Optional[int] = None):
        form = {"q": q or "", "speaker": speaker or "", "kind": kind or "",
                "since": since or "", "until": until or "", "what": what,
                "target": target or "", "stance": stance or ""}
        results, error, searched = [], None, any([q, speaker, kind, since, until, target, stance])
        if searched:
            try:
                if what == "documents":
                    results = store.documents(q=q or None, since=since or None,
                                              until=until or None, limit=SEARCH_PAGE_ROWS + 1,
                                              after=after)
                else:
                    results = store.statements(q=q or None, speaker=speaker or None,
                                               kind=kind or None, since=since or None,
                                               until=until or None, target=target or None,
                                               stance=stance or None,
                                               limit=SEARCH_PAGE_ROWS + 1, after=after)
            except OnrecordError as e:
                error = str(e)
        more = None
        if len(results) > SEARCH_PAGE_ROWS:
            results = results[:SEARCH_PAGE_ROWS]
            more = urlencode({**{k: v for k, v in form.items() if v}, "what": what,
                              "after": results[-1]["id"]})
        return page(request, "search.html", 400 if error else 200, title="Search", form=form,
                    results=results, error=error, searched=searched, more=more,
                    continued=after is not None)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Response:
        return Response("ok", media_type="text/plain")

    if max_body:
        app.add_middleware(BodyLimit, max_bytes=max_body)
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app


def default_allowed_hosts(host: str, port: int) -> list[str]:
    """The Host names a server bound to ``host`` answers by default: on loopback only
    loopback names (a rebound DNS name pointing at 127.0.0.1 is refused); elsewhere any."""
    if is_loopback(host):
        return ["127.0.0.1", "localhost", "::1", "[::1]", host.strip("[]")]
    return ["*"]
