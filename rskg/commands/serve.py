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
def command(host: str | None, port: int | None) -> None:
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
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_config=None,
        access_log=False,
        workers=1,
    )
