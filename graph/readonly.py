"""A first, backend-neutral gate for analysts' Cypher: one statement, no write clauses, no procedures.

The backend then runs the statement in a read-only transaction (LadybugDB ``BEGIN TRANSACTION READ ONLY``,
Neo4j READ access mode), so a statement that slips past this gate still cannot write.
"""

from __future__ import annotations

import re

from rskg.errors import InputError, ReadOnlyError

_WRITE = re.compile(
    r"(?<![.\w$])(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|ALTER|LOAD|COPY|IMPORT|EXPORT|INSTALL|ATTACH|DETACH|"
    r"CHECKPOINT|BEGIN|COMMIT|ROLLBACK|USE|FOREACH|GRANT|REVOKE|DENY|TERMINATE)\b",
    re.IGNORECASE,
)
_CALL = re.compile(r"(?<![.\w$])CALL\b", re.IGNORECASE)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
MAX_LENGTH = 20_000


def check_read_only(text: str) -> str:
    """Return the single statement in ``text`` or raise :class:`ReadOnlyError` / :class:`InputError`."""
    if len(text) > MAX_LENGTH:
        raise InputError(f"query longer than {MAX_LENGTH} characters")
    statement = text.strip().rstrip(";").strip()
    if not statement:
        raise InputError("empty query")
    bare = _STRINGS.sub("''", _COMMENTS.sub(" ", statement))
    if ";" in bare:
        raise ReadOnlyError("one statement per request: multiple statements are refused")
    match = _WRITE.search(bare)
    if match:
        raise ReadOnlyError(f"only read queries are allowed ({match.group(1).upper()} refused)")
    if _CALL.search(bare):
        raise ReadOnlyError("procedure calls are refused on this endpoint")
    return statement
