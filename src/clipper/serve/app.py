"""The web app: its routes, the guards every request passes (the Host header, the secret, the origin)
and the headers every answer carries (a strict Content-Security-Policy on its pages).

    GET  /                       the start page, with the bookmarklet
    GET  /clip                   the picker page (its script takes the page from the bookmarklet)
    POST /clip                   a page sent as a form, when the article's tab cut the picker off
    POST /api/pages              a page sent by the picker page; answers what the picker shows
    GET  /api/clips/ID           a page received, again (a reload, or after the form)
    POST /api/clips/ID/write     the curator's choice: the draft written (and pushed)
"""

from __future__ import annotations

import hmac
import html
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clipper.errors import AlreadyDraftedError, ClipperError, ExitCode, UsageError
from clipper.posts.formats import paragraphs
from clipper.serve import bookmarklet
from clipper.serve.picking import Answer, Desk, Written
from clipper.serve.received import Sent, size

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
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".html": "text/html"}
# What an error of clipper's family is over HTTP.
STATUS = {
    ExitCode.USAGE: 400,
    ExitCode.EXISTS: 409,
    ExitCode.CONTENT: 422,
    ExitCode.NO_ARTICLE: 422,
    ExitCode.CANCELLED: 409,
}
REFUSED_KEEP = 16  # pages refused, kept for the picker page to say why (after a form)


class Refused(Exception):
    """A request clipper does not honour: 403 (no secret, another site, a rebinding Host), 413, 415."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Service:
    """What the app serves: the desk where pages become drafts, the secret, and its own address."""

    desk: Desk
    key: str
    port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origins(self) -> frozenset[str]:
        return frozenset({self.origin, f"http://localhost:{self.port}"})

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}"})

    @property
    def max_bytes(self) -> int:
        return self.desk.plan.fetch.max_bytes


class Guard:
    """Every request: refused (403) unless its Host names this server on loopback, so that a domain
    rebound to 127.0.0.1 cannot reach it; every answer: the security headers."""

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


def make_app(service: Service) -> ASGIApp:
    """The app for one server."""
    static = _static()
    refused: OrderedDict[str, ClipperError] = OrderedDict()
    start_page = Template(static.pop("start.html").decode("utf-8")).substitute(
        bookmarklet=html.escape(bookmarklet.link(service.origin, service.key)),
        folder=html.escape(str(service.desk.plan.folder)),
        origin=html.escape(service.origin),
    )
    picker_page = Template(static.pop("picker.html").decode("utf-8"))

    async def start(request: Request) -> Response:
        return HTMLResponse(start_page)

    async def picker(request: Request) -> Response:
        return HTMLResponse(picker_page.substitute(key="", clip=""))

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in static or name.endswith(".html"):
            return PlainTextResponse("not here\n", 404)
        return Response(static[name], media_type=STATIC_TYPES[Path(name).suffix], headers={"Cache-Control": "no-cache"})

    async def icon(request: Request) -> Response:
        return Response(static["icon.svg"], media_type="image/svg+xml")

    async def form_page(request: Request) -> Response:
        """A page sent as a form by the bookmarklet in the article's own tab: held (or refused), and
        the picker page to show it, which keeps the secret the form carried for its own calls (in
        the tab's storage of clipper's origin: no cookie, which any server on 127.0.0.1 would get)."""
        fields = _form(await _body(request, 3 * service.max_bytes + 65536, service.max_bytes))
        _check_key(service, str(fields.get("key", "")))
        try:
            clip_id = (await run_in_threadpool(service.desk.receive, Sent.of(fields))).id
        except ClipperError as exc:
            clip_id = _remember(refused, exc)
        return HTMLResponse(picker_page.substitute(key=html.escape(service.key), clip=html.escape(clip_id)))

    async def new_page(request: Request) -> Response:
        _check_api(request, service, post=True)
        fields = _json(await _body(request, 2 * service.max_bytes + 65536, service.max_bytes))
        try:
            held = await run_in_threadpool(service.desk.receive, Sent.of(fields))
        except ClipperError as exc:
            return _error(exc)
        return JSONResponse(service.desk.view(held))

    async def held_page(request: Request) -> Response:
        _check_api(request, service, post=False)
        clip_id = request.path_params["clip"]
        if clip_id in refused:
            return _error(refused[clip_id])
        held = service.desk.get(clip_id)
        if held is None:
            return _gone()
        return JSONResponse(service.desk.view(held))

    async def write(request: Request) -> Response:
        _check_api(request, service, post=True)
        held = service.desk.get(request.path_params["clip"])
        if held is None:
            return _gone()
        fields = _json(await _body(request, 1024 * 1024, 1024 * 1024))
        try:
            answer, push = _answer(fields)
            written = await run_in_threadpool(service.desk.write, held, answer)
        except ClipperError as exc:
            return _error(exc)
        result = _written(written)
        if push and written.outcome.path:
            result["push"] = await run_in_threadpool(_push, service.desk, written.outcome.path)
        return JSONResponse(result)

    def refusing(endpoint: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def wrapped(request: Request) -> Response:
            try:
                return await endpoint(request)
            except Refused as exc:
                return PlainTextResponse(f"clipper: refused: {exc.message}\n", exc.status)

        return wrapped

    routes = [
        Route("/", refusing(start), methods=["GET"]),
        Route("/clip", refusing(picker), methods=["GET"]),
        Route("/clip", refusing(form_page), methods=["POST"]),
        Route("/favicon.ico", refusing(icon), methods=["GET"]),
        Route("/static/{name}", refusing(asset), methods=["GET"]),
        Route("/api/pages", refusing(new_page), methods=["POST"]),
        Route("/api/clips/{clip}", refusing(held_page), methods=["GET"]),
        Route("/api/clips/{clip}/write", refusing(write), methods=["POST"]),
    ]
    return Guard(Starlette(routes=routes), service.hosts)


def _static() -> dict[str, bytes]:
    folder = files("clipper.serve").joinpath("static")
    return {item.name: item.read_bytes() for item in folder.iterdir() if Path(item.name).suffix in STATIC_TYPES}


def _check_key(service: Service, given: str) -> None:
    """Refused (403) unless `given` is this installation's secret."""
    if not given or not hmac.compare_digest(given.encode(), service.key.encode()):
        raise Refused(403, "no secret, or not this installation's: use the bookmarklet of " + service.origin)


def _check_api(request: Request, service: Service, post: bool) -> None:
    """A call of the picker page's: from clipper's own page (a browser says where a request comes
    from), with the secret in its header, and JSON when it posts."""
    origin = request.headers.get("origin")
    fetch_site = request.headers.get("sec-fetch-site")
    if (origin is not None and origin not in service.origins) or fetch_site not in (None, "same-origin", "none"):
        raise Refused(403, "a request from another site")
    _check_key(service, request.headers.get(KEY_HEADER, ""))
    if post and request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise Refused(415, "send JSON")


async def _body(request: Request, limit: int, page_limit: int) -> bytes:
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


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "not JSON") from None
    if not isinstance(data, dict):
        raise Refused(400, "not a JSON object")
    return data


def _form(body: bytes) -> dict[str, str]:
    """The fields of a form sent as UTF-8 (the bookmarklet's form says so)."""
    text = body.decode("ascii", "replace")
    try:
        pairs = parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="replace", max_num_fields=16)
    except ValueError:
        raise Refused(400, "not a form of clipper's") from None
    return {name: values[0] for name, values in pairs.items()}


def _remember(refused: OrderedDict[str, ClipperError], error: ClipperError) -> str:
    import secrets

    key = secrets.token_urlsafe(12)
    refused[key] = error
    while len(refused) > REFUSED_KEEP:
        refused.popitem(last=False)
    return key


def _error(exc: ClipperError) -> Response:
    body: dict[str, Any] = {"error": str(exc), "kind": exc.exit_code.name.lower()}
    if isinstance(exc, AlreadyDraftedError):
        body["path"] = exc.path
    return JSONResponse(body, STATUS.get(exc.exit_code, 500))


def _gone() -> Response:
    message = (
        "clipper no longer holds this page (it was restarted, or many pages came since): click the bookmarklet again"
    )
    return JSONResponse({"error": message, "kind": "gone"}, 404)


def _answer(fields: Mapping[str, Any]) -> tuple[Answer, bool]:
    """The curator's choice from the picker's JSON; UsageError for what the picker page never sends."""
    numbers = fields.get("numbers")
    tags = fields.get("tags", [])
    texts = {name: fields.get(name, "") for name in ("title", "note", "site_name")}
    if (
        not isinstance(numbers, list)
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers)
        or not isinstance(tags, list)
        or not all(isinstance(t, str) for t in tags)
        or not all(isinstance(v, str) or v is None for v in texts.values())
    ):
        raise UsageError("the choice was not sent as the picker page sends it")
    answer = Answer(
        numbers=tuple(numbers),
        title=texts["title"] or "",
        note=texts["note"] or "",
        site_name=texts["site_name"] or None,
        tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
    )
    return answer, fields.get("push") is True


def _written(written: Written) -> dict[str, Any]:
    """What the picker page shows once the draft is written: where, and the post as it will read."""
    outcome, preview = written.outcome, written.preview
    return {
        "path": outcome.path,
        "url": outcome.url,
        "title": preview.title,
        "paragraphs": [[depth, text] for depth, text in paragraphs(preview.body, links=False)],
        "warnings": list(preview.warnings),
        "notes": list(outcome.notes),
        "review": list(outcome.review),
    }


def _push(desk: Desk, path: str) -> dict[str, Any]:
    """Push a draft just written to the WordPress site of the settings: its link, or why not."""
    from clipper.workflows.push import push_posts, site_of

    try:
        outcome = push_posts([Path(path)], site_of(desk.plan.settings.wordpress))[0]
    except ClipperError as exc:
        return {"error": str(exc)}
    if outcome.error is not None:
        return {"error": str(outcome.error)}
    return {"link": outcome.link, "action": outcome.action, "status": outcome.status}
