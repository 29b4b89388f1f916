"""The ``serve`` command."""
from __future__ import annotations

from typing import List, Optional

import typer

from onrecord.store.cli import db_option, err, fail


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on. On any non-loopback address the write "
                                  "endpoints (POST /api/analyze) need --token, else they are off."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535),
    db: Optional[str] = db_option(),
    max_body: int = typer.Option(2 * 1024 * 1024, "--max-body",
                                 help="Largest request body accepted by POST /api/analyze (bytes)."),
    token: Optional[str] = typer.Option(None, "--token", envvar="ONRECORD_TOKEN",
                                        show_default=False,
                                        help="Secret for the write endpoints: clients send "
                                             "'Authorization: Bearer <token>' (also $ONRECORD_TOKEN)."),
    analyze_workers: Optional[int] = typer.Option(
        None, "--analyze-workers", min=1,
        help="Worker processes for POST /api/analyze (default: one fewer than the cores, 1 or 2)."),
    analyze_queue: int = typer.Option(4, "--analyze-queue", min=0,
                                      help="Analyses that may wait for a worker; more get 503."),
    analyze_timeout: float = typer.Option(60.0, "--analyze-timeout", min=0.1,
                                          help="Time limit of one analysis (seconds); 504 past it."),
    allowed_host: Optional[List[str]] = typer.Option(
        None, "--allowed-host", help="Host name clients use to reach the server (repeat for "
                                     "several; default: loopback names on a loopback address, "
                                     "any elsewhere). Other Host headers get 400."),
    api_docs: bool = typer.Option(False, "--api-docs",
                                  help="Serve /docs and /redoc (their scripts load from a CDN)."),
) -> None:
    """Serve the web UI and JSON API (docs at /docs) over the store."""
    import uvicorn

    from onrecord.errors import OnrecordError
    from onrecord.serve.app import create_app, default_allowed_hosts

    if token is not None and len(token) < 16:
        fail("--token must be at least 16 characters (e.g. python -c 'import secrets; "
             "print(secrets.token_urlsafe())')")
    try:
        application = create_app(db, max_body=max_body, host=host, token=token,
                                 analyze_workers=analyze_workers, analyze_queue=analyze_queue,
                                 analyze_timeout=analyze_timeout, create_store=False,
                                 allowed_hosts=allowed_host or default_allowed_hosts(host, port),
                                 api_docs=api_docs)
    except OnrecordError as e:
        fail(str(e))
    typer.echo(f"onrecord: serving {application.state.store.url} on http://{host}:{port}/ "
               + ("(API docs at /docs)" if api_docs else "(JSON API under /api)"), err=True)
    if not application.state.writes_enabled:
        err.print(f"[yellow]note:[/] {host} is not a loopback address: POST /api/analyze is "
                  "disabled (give --token or set ONRECORD_TOKEN to enable it with a token)",
                  highlight=False)
    elif token:
        err.print("POST /api/analyze needs 'Authorization: Bearer <token>'", highlight=False)
    # keep-alive longer than a busy client's pause, so a reused connection is not closed
    # under it (a reset under load)
    uvicorn.run(application, host=host, port=port, log_level="info", timeout_keep_alive=30)
