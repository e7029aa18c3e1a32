"""Bounded request sizes: a pure ASGI middleware that refuses bodies over a limit with 413, from the
``Content-Length`` header when there is one, and by counting the bytes as they arrive when there is not."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_json

DEFAULT_LIMIT = 256 * 1024
UPLOAD_LIMIT = 8 * 1024 * 1024
LIMITS: Mapping[str, int] = {"/screen/batch": UPLOAD_LIMIT, "/screen/team": UPLOAD_LIMIT}


def limit_for(path: str) -> int:
    return LIMITS.get(path.rstrip("/") or "/", DEFAULT_LIMIT)


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"])
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared < 0 or declared > limit:
                detail = f"request body larger than {limit} bytes" if declared > limit else "invalid Content-Length"
                await error_json(
                    413 if declared > limit else 400,
                    "BodyTooLargeError" if declared > limit else "InputError",
                    detail,
                )(scope, receive, send)
                return
        received = 0
        too_large = False
        started = False

        async def counting() -> Message:
            nonlocal received, too_large
            if too_large:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit and not started:
                    too_large = True  # the app sees a disconnect; its answer is dropped for a 413
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if too_large:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting, guarded)
        except Exception:
            if not too_large:
                raise
        if too_large:
            await error_json(413, "BodyTooLargeError", f"request body larger than {limit} bytes")(scope, receive, send)
