"""One ingest at a time per data directory: an exclusive, non-blocking ``flock`` on ``<data_dir>/ingest.lock``.

Everything an ingest writes lives under the data directory (the embedded database, the resolver index, the
quarantine files), so the data directory is what the lock guards. The holder writes its pid and start time into
the file so that a refused second ingest can say who is writing. The file itself is never removed: the lock is
the ``flock``, which the kernel releases when the holder's last descriptor closes, also when it is killed
(SIGKILL, OOM), so a file left behind by a dead process never blocks the next ingest.

Re-entrant within a process: a CLI command takes the lock once around everything it does, and the library entry
points it calls (:func:`ingest.run.ingest`, :func:`ingest.run.derive`) take it again without blocking themselves.
Worker processes forked while the lock is held close their copy of the descriptor (the lock stays with the
parent), so an orphaned worker of a killed ingest cannot keep the data directory locked.

Neo4j: this file lock protects one machine only. Two machines ingesting into the same Neo4j database are not
serialised by it; a lock node in the database (created with a uniqueness constraint, removed on exit, with an
expiry for dead holders) would be the multi-machine answer. Not needed while ingests run from one host.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from rskg.errors import LockedError

LOCK_NAME = "ingest.lock"

_guard = threading.Lock()
_held: dict[Path, list[int]] = {}  # lock file → [descriptor, depth], for this process only


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir).resolve() / LOCK_NAME


def _holder(fd: int) -> str:
    """'pid N, started T' from the file's content, as far as it can be read."""
    try:
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace")
        info = json.loads(text)
        return f"pid {int(info['pid'])}, started {info['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "pid unknown, just started"


def _acquire(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = _holder(fd)
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise LockedError(
                f"another ingest ({holder}) is writing to {path.parent}; wait for it to finish",
                lock_file=str(path),
            ) from exc
        raise
    started = datetime.now(UTC).isoformat(timespec="seconds")
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps({"pid": os.getpid(), "started": started}).encode() + b"\n", 0)
    return fd


def _release(path: Path) -> None:
    fd, depth = _held[path]
    if depth > 1:
        _held[path][1] = depth - 1
        return
    del _held[path]
    try:
        os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the last descriptor releases the flock


@contextmanager
def ingest_lock(data_dir: Path) -> Iterator[Path]:
    """Hold the ingest lock of ``data_dir`` for the block; raise :class:`LockedError` at once if another
    process holds it. Nested use in the same process is allowed."""
    path = lock_path(data_dir)
    with _guard:
        if path in _held:
            _held[path][1] += 1
        else:
            _held[path] = [_acquire(path), 1]
    try:
        yield path
    finally:
        with _guard:
            _release(path)


def _forget_in_child() -> None:
    """After fork: drop the inherited descriptors (the lock belongs to the parent's open file description,
    which stays locked while the parent keeps its own descriptor)."""
    global _guard
    _guard = threading.Lock()  # another thread of the parent may have held it at the fork
    for fd, _depth in _held.values():
        with suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)
