"""The ``serve`` command."""
from __future__ import annotations

from typing import Optional

import typer

from onrecord.store.cli import db_option, fail


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535),
    db: Optional[str] = db_option(),
    max_body: int = typer.Option(2 * 1024 * 1024, "--max-body",
                                 help="Largest request body accepted by POST /api/analyze (bytes)."),
) -> None:
    """Serve the web UI and JSON API (docs at /docs) over the store."""
    import uvicorn

    from onrecord.errors import OnrecordError
    from onrecord.serve.app import create_app

    try:
        application = create_app(db, max_body=max_body)
    except OnrecordError as e:
        fail(str(e))
    typer.echo(f"onrecord: serving {application.state.store.url} on http://{host}:{port}/ "
               f"(API docs at /docs)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="info")
