"""``rskg keys``: API keys with roles (screening < analyst < admin), stored hashed beside the graph
(``<data_dir>/access.sqlite``). Works while the server runs.

rskg keys create --role screening --name "grants office"    # prints the token once
rskg keys list
rskg keys revoke k_3f9a1c2b
"""

from __future__ import annotations

import click

from api.keys import KeyStore, Role
from rskg.settings import get_settings


def _store() -> KeyStore:
    return KeyStore.in_dir(get_settings().data_dir)


@click.group(name="keys")
def command() -> None:
    """Manage API keys."""


@command.command("create")
@click.option("--role", type=click.Choice(list(Role.__members__)), required=True, help="What the key may do.")
@click.option("--name", required=True, help="A label: who or what uses the key.")
def create(role: str, name: str) -> None:
    """Create a key and print its token (shown this once; only its hash is kept)."""
    store = _store()
    try:
        info, token = store.create(role, name)
    finally:
        store.close()
    click.echo(f"created {info.id} ({info.role}, {info.name!r}); the token, shown once:", err=True)
    click.echo(token)


@command.command("list")
def list_keys() -> None:
    """List keys (never their tokens)."""
    store = _store()
    try:
        keys = store.all()
    finally:
        store.close()
    for key in keys:
        state = f"revoked {key.revoked}" if key.revoked else "active"
        click.echo(f"{key.id}  {key.role:<9}  {key.created}  {state:<34}  {key.name}")


@command.command("revoke")
@click.argument("key_id")
def revoke(key_id: str) -> None:
    """Revoke a key (at once: the server checks keys on every request)."""
    store = _store()
    try:
        info = store.revoke(key_id)
    finally:
        store.close()
    click.echo(f"revoked {info.id} ({info.role}, {info.name!r}) at {info.revoked}")
