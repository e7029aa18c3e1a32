"""Reading ROR JSON lines for the bulk path in large blocks of whole lines, decompressed in a background thread
(``zlib`` releases the GIL) while the previous block is mapped.

Errors are those of :mod:`ingest.sources.ror`: a damaged or truncated gzip and an empty file raise
:class:`rskg.errors.SourceError` with the same messages — here while reading rather than before, which is still
before anything is loaded (the bulk path loads at the end); a bad line becomes a :class:`ingest.source.Bad`
with the same reason.
"""

from __future__ import annotations

import gzip
import json
import queue
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.source import Bad, Raw
from ingest.sources import ror
from rskg.errors import SourceError

BLOCK_BYTES = 48 << 20  # ≈ 30k–50k records: large enough for Arrow's threads, small enough to bound memory


@dataclass
class Block:
    """Whole lines of one file: ``data`` starts at line ``first_line`` (1-based)."""

    path: Path
    first_line: int
    data: bytes


def is_v2_lines(path: Path) -> bool:
    """Whether ``path`` is JSON lines whose first record is ROR schema v2 (has ``names``): the columnar path
    reads those; anything else (v1, arrays, zips, a first line that does not parse) goes record by record."""
    if not path.name.endswith((".jsonl", ".jsonl.gz")):
        return False
    try:
        with (gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")) as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line.decode("utf-8"))
                    return isinstance(record, dict) and "names" in record
    except (OSError, EOFError, zlib.error, ValueError):
        return False  # the record-by-record reader gives the precise error
    return False


def _damaged(path: Path, exc: BaseException) -> SourceError:
    return SourceError(f"{path.name} is damaged or truncated ({exc}); nothing was loaded")


def blocks(path: Path, size: int | None = None) -> Iterator[Block]:
    """Blocks of whole lines of a ``.jsonl`` / ``.jsonl.gz`` file (``size`` bytes, :data:`BLOCK_BYTES` by
    default), read ahead by one block in a thread."""
    size = size or BLOCK_BYTES
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=2)

    def produce() -> None:
        try:
            with (gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")) as handle:
                while chunk := handle.read(size):
                    chunks.put(chunk)
            chunks.put(None)
        except (OSError, EOFError, zlib.error) as exc:
            chunks.put(exc)

    thread = threading.Thread(target=produce, name=f"read-{path.name}", daemon=True)
    thread.start()
    rest = b""
    line = 1
    content = False
    while True:
        chunk = chunks.get()
        if isinstance(chunk, BaseException):
            raise _damaged(path, chunk) from chunk
        if chunk is None:
            break
        content = content or bool(chunk.strip())
        data = rest + chunk
        cut = data.rfind(b"\n") + 1
        data, rest = data[:cut], data[cut:]
        if data:
            yield Block(path, line, data)
            line += data.count(b"\n")
    thread.join()
    if rest.strip():
        yield Block(path, line, rest)
    if not content:
        raise SourceError(f"{path.name} is empty; nothing was loaded")


def exact_line(line: bytes, number: int) -> Raw | Bad:
    """One line as :mod:`ingest.sources.ror` reads it (same reasons for a bad line)."""
    locator = f"line {number}"
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Bad(locator, f"not UTF-8 [{exc.reason} at byte {exc.start}]", line.decode("utf-8", "replace"))
    except json.JSONDecodeError as exc:
        return Bad(locator, f"invalid JSON, truncated or damaged line [{exc.msg} at column {exc.colno}]",
                   line.decode("utf-8", "replace"))
    return ror._from_record(record, locator)
