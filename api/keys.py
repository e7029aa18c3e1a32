"""API keys with roles, and the append-only audit log of screening calls, in a small SQLite file beside the
graph (``<data_dir>/access.sqlite``, WAL mode). Kept out of the graph on purpose: the embedded graph allows
one read-write process, and ``rskg keys create`` must work while the server holds the graph open.

Keys: a token is ``rskg_`` + 32 random bytes (URL-safe base64), shown once. Only its SHA-256 is stored. A
slow password hash (scrypt, bcrypt) protects *low-entropy* secrets against guessing; a 256-bit random token
cannot be guessed, so SHA-256 is as safe here, and it keeps a key check to one indexed lookup (scrypt would
add tens of milliseconds to every request).

Audit: rows are only ever inserted. There is no UPDATE or DELETE code path, and SQLite triggers abort any
UPDATE or DELETE on the table, so a bug or a hand-typed statement cannot rewrite history. The input is
never stored: only the SHA-256 of its normalised form.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from rskg.errors import InputError, NotFoundError

TOKEN_PREFIX = "rskg_"  # noqa: S105 - a public prefix that marks tokens, not a secret
FILE_NAME = "access.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_key (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    key_id TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    input_sha256 TEXT NOT NULL,
    items INTEGER NOT NULL,
    summary TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


class Role(IntEnum):
    """Ordered: a higher role can do everything a lower one can."""

    screening = 1
    analyst = 2
    admin = 3


class KeyInfo(BaseModel):
    id: str = Field(..., examples=["k_3f9a1c2b"])
    name: str = Field(..., examples=["grants office"])
    role: str = Field(..., examples=["screening"])
    created: str
    revoked: str | None = None


class AuditEntry(BaseModel):
    seq: int
    at: str = Field(..., description="UTC, ISO 8601")
    key_id: str
    endpoint: str = Field(..., examples=["POST /screen"])
    input_sha256: str = Field(..., description="SHA-256 of the normalised input (never the input)")
    items: int = Field(..., description="Inputs screened in the call (rows of a batch, team facts, ...)")
    summary: dict[str, int] = Field(..., description="Verdicts (or decisions) counted", examples=[{"clear": 1}])


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def input_hash(value: Any) -> str:
    """SHA-256 of canonical JSON of the input, strings NFC-normalised, case-folded and whitespace-collapsed,
    so the same partner typed twice hashes the same."""

    def norm(item: Any) -> Any:
        if isinstance(item, str):
            return " ".join(unicodedata.normalize("NFC", item).casefold().split())
        if isinstance(item, dict):
            return {str(k): norm(v) for k, v in item.items()}
        if isinstance(item, list | tuple):
            return [norm(v) for v in item]
        return item

    text = json.dumps(norm(value), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class KeyStore:
    """Keys and the audit log. Thread-safe (one connection behind a lock); several processes may open the
    same file (WAL, busy timeout)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), timeout=10.0, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    @classmethod
    def in_dir(cls, data_dir: Path) -> KeyStore:
        return cls(data_dir / FILE_NAME)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- keys
    def create(self, role: str, name: str) -> tuple[KeyInfo, str]:
        """A new key: its record and the token (returned once, never stored)."""
        if role not in Role.__members__:
            raise InputError(f"unknown role {role!r}; roles: {', '.join(Role.__members__)}")
        if not name.strip() or len(name) > 200:
            raise InputError("a key needs a name (a label, at most 200 characters)")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        info = KeyInfo(id="k_" + secrets.token_hex(4), name=name.strip(), role=role, created=_now())
        with self._tx() as db:
            db.execute(
                "INSERT INTO api_key (id, name, role, token_sha256, created) VALUES (?, ?, ?, ?, ?)",
                (info.id, info.name, info.role, token_hash(token), info.created),
            )
        return info, token

    def all(self) -> list[KeyInfo]:
        with self._lock:
            rows = self._db.execute("SELECT id, name, role, created, revoked FROM api_key ORDER BY created, id")
            return [KeyInfo(id=r[0], name=r[1], role=r[2], created=r[3], revoked=r[4]) for r in rows]

    def revoke(self, key_id: str) -> KeyInfo:
        with self._tx() as db:
            found = db.execute(
                "UPDATE api_key SET revoked = ? WHERE id = ? AND revoked IS NULL", (_now(), key_id)
            ).rowcount
        if not found and not any(k.id == key_id for k in self.all()):
            raise NotFoundError(f"no key {key_id}")
        return next(k for k in self.all() if k.id == key_id)

    def verify(self, token: str) -> KeyInfo | None:
        """The live key holding this token, or None (unknown or revoked)."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT id, name, role, created, revoked FROM api_key WHERE token_sha256 = ?",
                (token_hash(token),),
            ).fetchone()
        if row is None or row[4] is not None:
            return None
        return KeyInfo(id=row[0], name=row[1], role=row[2], created=row[3], revoked=None)

    # -- audit
    def audit(self, key_id: str, endpoint: str, input_sha256: str, items: int, summary: dict[str, int]) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO audit (at, key_id, endpoint, input_sha256, items, summary) VALUES (?, ?, ?, ?, ?, ?)",
                (_now(), key_id, endpoint, input_sha256, items, json.dumps(summary, sort_keys=True)),
            )

    def audit_entries(self, limit: int = 100, offset: int = 0) -> tuple[int, list[AuditEntry]]:
        """Newest first, with the total count."""
        with self._lock:
            total = int(self._db.execute("SELECT count(*) FROM audit").fetchone()[0])
            rows = self._db.execute(
                "SELECT seq, at, key_id, endpoint, input_sha256, items, summary FROM audit "
                "ORDER BY seq DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return total, [
            AuditEntry(
                seq=r[0],
                at=r[1],
                key_id=r[2],
                endpoint=r[3],
                input_sha256=r[4],
                items=r[5],
                summary=json.loads(r[6]),
            )
            for r in rows
        ]
