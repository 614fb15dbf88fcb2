"""What every request to `clipper serve` must pass, and what every answer carries: the Host header
(no rebinding), the secret, the origin of the picker's calls, bounded bodies; the security headers,
a strict Content-Security-Policy among them."""

from __future__ import annotations

import hmac
import json
from typing import Any
from urllib.parse import parse_qs

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clipper.serve.received import size

CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        # No string ever becomes markup: an assignment to innerHTML and the like throws.
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
KEY_HEADER = "X-Clipper-Key"


class Refused(Exception):
    """A request clipper does not honour: 403 (no secret, another site), 413 (too large), 415, 400."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Guard:
    """Every request: refused (403) unless its Host names this server on loopback, so that a domain
    rebound to 127.0.0.1 reaches the port but not clipper; every answer: the security headers."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        if Headers(scope=scope).get("host", "").lower() not in self.hosts:
            refusal = PlainTextResponse("clipper: refused: this server answers at 127.0.0.1 only\n", 403)
            await refusal(scope, receive, secured)
            return
        await self.app(scope, receive, secured)


def check_key(given: str, key: str, origin: str) -> None:
    """Refused (403) unless `given` is this installation's secret, `key`."""
    if not given or not hmac.compare_digest(given.encode(), key.encode()):
        raise Refused(403, f"no secret, or not this installation's: use the bookmarklet of {origin}")


def check_call(request: Request, key: str, origins: frozenset[str], post: bool) -> None:
    """A call of the picker page's: from clipper's own page (a browser says where a request comes
    from; another program says nothing), with the secret in its header, and JSON when it posts."""
    origin = request.headers.get("origin")
    fetch_site = request.headers.get("sec-fetch-site")
    if (origin is not None and origin not in origins) or fetch_site not in (None, "same-origin", "none"):
        raise Refused(403, "a request from another site")
    check_key(request.headers.get(KEY_HEADER, ""), key, min(origins))
    if post and request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise Refused(415, "send JSON")


async def body(request: Request, limit: int, page_limit: int) -> bytes:
    """The request's body, refused (413) past `limit` bytes, checked while it arrives. `limit` leaves
    room for the page's encoding in JSON or a form; `page_limit` is what the page itself may be."""
    too_large = Refused(413, f"the page is too large (over {size(page_limit)})")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise too_large
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def json_object(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "not JSON") from None
    if not isinstance(value, dict):
        raise Refused(400, "not a JSON object")
    return value


def form(data: bytes) -> dict[str, str]:
    """The fields of a form sent as UTF-8 (the bookmarklet's form says so)."""
    try:
        pairs = parse_qs(
            data.decode("ascii", "replace"),
            keep_blank_values=True,
            encoding="utf-8",
            errors="replace",
            max_num_fields=16,
        )
    except ValueError:
        raise Refused(400, "not a form of clipper's") from None
    return {name: values[0] for name, values in pairs.items()}
