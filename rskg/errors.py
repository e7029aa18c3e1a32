"""One error hierarchy. Every error rskg raises on purpose is an :class:`RskgError`; the API maps
``status`` to the HTTP status code and the CLI prints ``detail`` and exits non-zero."""

from __future__ import annotations

from typing import Any


class RskgError(Exception):
    status: int = 500

    def __init__(self, detail: str, **context: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.context = context


class ConfigError(RskgError):
    """A setting is missing or invalid."""


class InputError(RskgError):
    """The user's input is invalid (bad query, bad file, unknown option)."""

    status = 400


class NotFoundError(RskgError):
    """An entity, list or named query does not exist."""

    status = 404


class SourceError(RskgError):
    """A source file cannot be read at all (wrong format, truncated archive): the whole ingest is refused."""

    status = 422


class GraphError(RskgError):
    """The graph backend failed or refused an operation."""

    status = 503


class ReadOnlyError(InputError):
    """A statement that could write was sent where only reads are allowed."""

    status = 403


class QueryTimeoutError(RskgError):
    """A query ran past its time limit and was stopped."""

    status = 408


class LockedError(RskgError):
    """Another process holds the database for writing."""

    status = 409


class AuthError(RskgError):
    status = 401


class ForbiddenError(RskgError):
    status = 403
