"""``rskg serve``: the API and the web page, on the configured backend (``RSKG_HOST``, ``RSKG_PORT``,
``RSKG_BACKEND``; the embedded LadybugDB by default).

One process (the embedded graph is opened read-only by the server; ingest with ``rskg ingest`` first).
Make a key with ``rskg keys create --role screening --name LABEL``.
"""

from __future__ import annotations

import click

from rskg.logs import configure
from rskg.settings import get_settings


@click.command(name="serve")
@click.option("--host", help="Interface to listen on (default: RSKG_HOST, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default: RSKG_PORT, 8000).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes (each opens the graph read-only and loads the index; embedded engine only "
    "while no ingest holds the graph for writing).",
)
def command(host: str | None, port: int | None, workers: int) -> None:
    """Start the API (and the web page at /)."""
    import uvicorn

    from api.app import create_app

    settings = get_settings()
    configure(settings.log_level, json_lines=settings.log_json)
    click.echo(
        f"rskg API on http://{host or settings.host}:{port or settings.port}/ (backend {settings.backend}, "
        f"docs at /docs)",
        err=True,
    )
    if workers > 1:  # each worker process builds its own app from the same RSKG_* settings
        uvicorn.run(
            "api.app:create_app",
            factory=True,
            host=host or settings.host,
            port=port or settings.port,
            log_config=None,
            access_log=False,
            workers=workers,
        )
        return
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_config=None,
        access_log=False,
        workers=1,
    )
