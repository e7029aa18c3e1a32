"""One error model for every error response, and the one mapping from exceptions to it.

``RskgError.status`` → HTTP status; request validation → 422 (malformed JSON → 400); Starlette's own HTTP
errors (404 route, 405 method) → the same model; anything else → 500, logged with its traceback and never
with the request's content.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from rskg.errors import RskgError

log = logging.getLogger(__name__)

DESCRIPTIONS: dict[int, str] = {
    400: "Bad input (malformed JSON, unreadable file, invalid query)",
    401: "No API key, or an unknown or revoked one",
    403: "The key's role does not allow this (or: the Cypher statement could write)",
    404: "No such entity, list or route",
    408: "The query ran past its time limit and was stopped",
    409: "The graph is locked by another process",
    413: "Request body too large",
    422: "The request does not match the schema",
    503: "The graph or the resolver index is not available",
}


class UnavailableError(RskgError):
    """A part the endpoint needs (graph, resolver index, a screening module) is not available."""

    status = 503


class BodyTooLargeError(RskgError):
    status = 413


class ErrorResponse(BaseModel):
    status: int = Field(..., examples=[404])
    error: str = Field(..., description="Error class", examples=["NotFoundError"])
    detail: str = Field(..., examples=["no organisation https://ror.org/000000000"])
    errors: list[dict[str, Any]] | None = Field(default=None, description="Field errors (422) or row errors (400)")


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each code documented with the error model."""
    return {code: {"model": ErrorResponse, "description": DESCRIPTIONS.get(code, "Error")} for code in codes}


def error_json(
    status: int,
    error: str,
    detail: str,
    errors: Sequence[Mapping[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(
        status=status,
        error=error,
        detail=detail,
        errors=[dict(e) for e in errors] if errors is not None else None,
    )
    return JSONResponse(body.model_dump(), status_code=status, headers=dict(headers or {}))


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Location, message and type of each field error; the offending input is not echoed back."""
    out = []
    for err in exc.errors():
        out.append(
            {
                "loc": [str(p) for p in err.get("loc", ())],
                "msg": str(err.get("msg", "")),
                "type": str(err.get("type", "")),
            }
        )
    return jsonable_encoder(out)  # type: ignore[no-any-return]


async def _rskg_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RskgError)
    if exc.status >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, type(exc).__name__, exc_info=exc)
    headers = {"WWW-Authenticate": 'Bearer realm="rskg"'} if exc.status == 401 else None
    rows = exc.context.get("errors")
    return error_json(exc.status, type(exc).__name__, exc.detail, rows if isinstance(rows, list) else None, headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    if any(e["type"] == "json_invalid" for e in errors):
        return error_json(400, "InputError", "the request body is not valid JSON", errors)
    return error_json(422, "ValidationError", "the request does not match the schema", errors)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return error_json(exc.status_code, "HTTPError", str(exc.detail), headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s failed: %s", request.method, request.url.path, type(exc).__name__, exc_info=exc)
    return error_json(500, "InternalError", "internal error (logged)")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RskgError, _rskg_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
