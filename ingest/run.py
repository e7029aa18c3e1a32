"""High-level ingest entry points used by the CLI and the API: pick the files, open the store, run the
pipeline, then refresh what is derived from the data (the resolver index, precomputed exposure)."""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import functools
import gc
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from graph import GraphStore
from ingest.lock import ingest_lock
from ingest.pipeline import RunReport, run_ingest
from ingest.source import Bad, Raw, Source
from rskg.errors import GraphError, InputError
from rskg.settings import Settings

log = logging.getLogger(__name__)


# Steps that derive data from the whole graph after a load; each takes (store, settings). Registered by the
# modules that own them (resolver index, entity linking, exposure), run in this order.
DERIVATIONS: dict[str, Callable[[GraphStore, Settings], None]] = {}


def register_derivation(
    name: str,
) -> Callable[[Callable[[GraphStore, Settings], None]], Callable[[GraphStore, Settings], None]]:
    def wrap(func: Callable[[GraphStore, Settings], None]) -> Callable[[GraphStore, Settings], None]:
        DERIVATIONS[name] = func
        return func

    return wrap


def resolve_paths(source: Source, settings: Settings, paths: Sequence[Path] | None) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    found = [settings.shared_data / rel for rel in source.default_paths]
    missing = [str(p) for p in found if not p.is_file()]
    if missing:
        raise InputError(
            f"no file given and the default is missing: {', '.join(missing)} "
            "(pass the file path, or set RSKG_SHARED_DATA)"
        )
    return found


@dataclasses.dataclass(frozen=True)
class _Read:
    """``parse`` of a source whose file(s) were read in full before the run: replays the items."""

    items: tuple[Raw | Bad, ...]

    def __call__(self, _paths: Sequence[Path]) -> Iterator[Raw | Bad]:
        return iter(self.items)

    def __reduce__(self) -> tuple[type[_Read], tuple[tuple[Raw | Bad, ...]]]:
        return _Read, ((),)  # workers only map: never ship the items with every batch


def ingest(
    source: Source,
    store: GraphStore,
    settings: Settings,
    paths: Sequence[Path] | None = None,
    *,
    progress: bool = True,
) -> RunReport:
    files = resolve_paths(source, settings, paths)
    if source.static_rdf is not None:
        # List readers read whole files anyway; read before run_ingest loads the list declarations, so that a
        # file the reader refuses (SourceError) leaves the graph as it was.
        source = dataclasses.replace(source, parse=_Read(tuple(source.parse(files))))
    with ingest_lock(settings.data_dir):  # re-entrant: the CLI command usually holds it already
        return run_ingest(source, files, store, settings.quarantine_dir, workers=settings.workers, progress=progress)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


def release_memory() -> None:
    """Collect garbage and hand the freed heap back to the operating system (glibc ``malloc_trim``). CPython
    returns little on its own: after a bulk load of a million organisations the process kept ~6 GiB it no
    longer used, and every derivation after it started from there. Elsewhere than glibc this only collects."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _selected(only: Sequence[str] | None) -> list[str]:
    """The derivation steps to run, in the order they must run (all, or ``only`` these)."""
    from ingest.derivations import ORDER  # importing it registers the steps

    return [name for name in ORDER if only is None or name in only]


def derive(store: GraphStore, settings: Settings, only: Sequence[str] | None = None) -> list[str]:
    """Run the registered derivations (all, or ``only`` these) and return their names."""
    from queries.screen.tables import forget

    done = _selected(only)
    with ingest_lock(settings.data_dir):
        for name in done:
            release_memory()  # what the load (or the step before) freed, before this step grows the heap
            log.info("derive %s", name)
            DERIVATIONS[name](store, settings)
    release_memory()
    forget(store)  # a process that screens after it ingests must not use tables read before
    return done


def derive_fresh(settings: Settings, only: Sequence[str] | None = None) -> list[str]:
    """:func:`derive` on a store opened for it; call it after closing the store a load used. The embedded engine
    keeps the memory a load or a large read took (its buffer pool) until the database is closed: at a million
    organisations ~1.3 GiB after a bulk load and ~2.4 GiB after loading a list, held through every derivation.

    Where the system can fork, each step runs in a child process of its own, so a step starts from the little
    this process holds rather than from what the steps before it left in the heap and the engine (at a million
    organisations the exposure step started from ~3 GiB and peaked at 6.9 GiB). A step's error is raised here."""
    from graph import open_store

    if not hasattr(os, "fork"):
        with open_store(settings) as store:
            return derive(store, settings, only)
    done = _selected(only)
    with ingest_lock(settings.data_dir):
        for name in done:
            log.info("derive %s (own process)", name)
            _step_in_child(settings, name)
    return done


def _step_in_child(settings: Settings, name: str) -> None:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run_step, args=(settings, name, send), name=f"derive-{name}")
    child.start()
    send.close()
    try:
        error = receive.recv()
    except EOFError:  # the child died without a word (killed, out of memory)
        error = None
        child.join()
        raise GraphError(f"derivation {name!r} ended without finishing (exit code {child.exitcode})") from None
    child.join()
    if isinstance(error, BaseException):
        raise error
    if child.exitcode != 0:
        raise GraphError(f"derivation {name!r} failed (exit code {child.exitcode})")


def _run_step(settings: Settings, name: str, send: Any) -> None:
    """In the child: open the store, run one step, report ``None`` or the exception."""
    from graph import open_store

    try:
        with open_store(settings) as store:
            DERIVATIONS[name](store, settings)
    except BaseException as exc:  # every failure goes back to the parent, which raises it
        try:
            send.send(exc)
        except Exception:  # an exception that cannot be pickled goes back as text
            send.send(GraphError(f"derivation {name!r} failed: {type(exc).__name__}: {exc}"))
        os._exit(1)
    send.send(None)
    send.close()
    os._exit(0)  # no atexit handlers or inherited finalisers of the parent's objects in the child
