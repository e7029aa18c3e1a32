"""Quarantine: every rejected record, relation or fact is kept, as one JSON line with its reasons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO


class QuarantineWriter:
    """Writes ``<dir>/<source>-<run id>.jsonl`` lazily (no file when nothing is rejected)."""

    def __init__(self, directory: Path, source: str, run_id: str) -> None:
        self.path = directory / f"{source}-{run_id}.jsonl"
        self.count = 0
        self._handle: IO[str] | None = None

    def write(
        self, record: str, unit: str, reasons: list[str], raw: object, detail: dict[str, str] | None = None
    ) -> None:
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("w", encoding="utf-8")
        entry = {"record": record, "unit": unit, "reasons": reasons, **(detail or {}), "raw": raw}
        self._handle.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
        self.count += 1

    def close(self) -> Path:
        if self._handle is not None:
            self._handle.close()
        return self.path
