"""Shared by the API tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Keys:
    screening: str
    analyst: str
    admin: str

    def header(self, role: str) -> dict[str, str]:
        return {"X-API-Key": str(getattr(self, role))}
