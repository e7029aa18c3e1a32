"""What the batch commands share: ``--output/-o``, and writing there (with a progress bar) or to standard output."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click
from tqdm import tqdm

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def output_option(func: F) -> F:
    """``--output/-o FILE``: write there instead of standard output, with a progress bar."""
    option = click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write here instead of standard output, with a progress bar.",
    )
    return option(func)


@contextmanager
def output_to(path: Path | None) -> Iterator[TextIO]:
    """The file at ``path`` (UTF-8, newlines as written, as a CSV writer wants), or standard output."""
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        yield handle


def progress(items: Iterable[T], path: Path | None, desc: str, unit: str, total: int | None = None) -> Iterable[T]:
    """``items`` with a progress bar on standard error when the output goes to a file (``path``)."""
    return tqdm(items, total=total, desc=desc, unit=unit, disable=path is None, file=sys.stderr)
