"""The thin command line: ``rskg <command>``. Each command lives in ``rskg/commands/<name>.py`` as a
module attribute ``command`` (a click command or group) and only parses arguments and calls library code."""

from __future__ import annotations

import importlib
import pkgutil

import click

from rskg import commands
from rskg.errors import RskgError


class _Cli(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RskgError as exc:
            raise click.ClickException(exc.detail) from exc


@click.group(cls=_Cli)
@click.version_option(package_name="rskg")
def main() -> None:
    """rskg: research-security knowledge graph: who is connected to what, with evidence."""


for _info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"rskg.commands.{_info.name}")
    _command = getattr(_module, "command", None)
    if isinstance(_command, click.Command):
        main.add_command(_command)
