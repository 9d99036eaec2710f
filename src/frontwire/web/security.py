"""What every response gets: security headers with a strict Content-Security-Policy, a request
size limit, bearer tokens compared in constant time, and errors as JSON without tracebacks.

Scraped text is hostile, so pages carry no inline script at all (``script-src 'self'``) and
every value is escaped by the templates; the CSP is the second wall if an escape were missed.
"""

from __future__ import annotations

import hmac
import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import WebSettings

log = logging.getLogger("frontwire.web")

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


INTERNAL_ERROR = {"detail": "internal error: the server's log has the details"}


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response, errors included. An unexpected exception
    is answered here, as a bare 500 JSON with these headers and its traceback in the log only:
    Starlette's own last-resort handler sits outside every middleware, so its 500 would go out
    without them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name for name, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:  # half a response is out: nothing sensible can follow it
                raise
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            await JSONResponse(INTERNAL_ERROR, status_code=500)(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Refuses a request body over ``max_body`` bytes with 413, by its Content-Length when it gives
    one and by counting what arrives when it does not (chunked), before any handler reads it all."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(self.max_body)(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except BodyTooLarge:
            await _too_large(self.max_body)(scope, receive, send)


def _too_large(max_body: int) -> JSONResponse:
    return JSONResponse({"detail": f"request body over the limit of {max_body} bytes"}, status_code=413)


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def token_matches(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison, so the time a refusal takes says nothing about the token."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def require_writer(request: Request) -> None:
    """Dependency of every write: the bearer token must be the configured one."""
    settings: WebSettings = request.app.state.settings
    if settings.token is None:
        raise HTTPException(403, "writing is closed: start the server with $FRONTWIRE_TOKEN or --token-file")
    if not token_matches(bearer_token(request), settings.token):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def require_reader(request: Request) -> None:
    """Dependency of every read: open unless the server is private, then the token is required."""
    settings: WebSettings = request.app.state.settings
    if settings.private and not token_matches(bearer_token(request), settings.token):
        raise HTTPException(401, "this newsroom is private: a valid bearer token is required",
                            headers={"WWW-Authenticate": "Bearer"})


def install_error_handlers(app: FastAPI) -> None:
    """Validation errors as FastAPI's JSON, without the input echoed back (``SecurityHeaders``
    answers anything unexpected)."""

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # The default handler echoes the input back; a 5 MB body would come back whole.
        errors = [{k: v for k, v in error.items() if k != "input" and k != "ctx"} for error in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)
