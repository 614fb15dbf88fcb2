"""The web app: its routes, behind the guards of guards.py, and what its JSON answers hold.

GET  /                       the start page, with the bookmarklet
GET  /clip                   the picker page (its script takes the page from the bookmarklet)
POST /clip                   a page sent as a form, when the article's tab cut the picker off
POST /api/pages              a page sent by the picker page; answers what the picker shows
GET  /api/clips/ID           a page received, again (a reload, or after the form)
POST /api/clips/ID/write     the curator's choice: the draft written (and pushed)
"""

from __future__ import annotations

import html
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from clipper.errors import AlreadyDraftedError, ClipperError, ExitCode, UsageError
from clipper.posts.formats import paragraphs
from clipper.serve import bookmarklet
from clipper.serve.guards import Guard, Refused, body, check_call, check_key, form, json_object
from clipper.serve.picking import Answer, Desk, Written
from clipper.serve.received import Sent

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


@dataclass(frozen=True, kw_only=True)
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
        fields = form(await body(request, 3 * service.max_bytes + 65536, service.max_bytes))
        check_key(str(fields.get("key", "")), service.key, service.origin)
        try:
            clip_id = (await run_in_threadpool(service.desk.receive, Sent.of(fields))).id
        except ClipperError as exc:
            clip_id = _remember(refused, exc)
        return HTMLResponse(picker_page.substitute(key=html.escape(service.key), clip=html.escape(clip_id)))

    async def new_page(request: Request) -> Response:
        check_call(request, service.key, service.origins, post=True)
        fields = json_object(await body(request, 2 * service.max_bytes + 65536, service.max_bytes))
        try:
            held = await run_in_threadpool(service.desk.receive, Sent.of(fields))
        except ClipperError as exc:
            return _error(exc)
        return JSONResponse(service.desk.view(held))

    async def held_page(request: Request) -> Response:
        check_call(request, service.key, service.origins, post=False)
        clip_id = request.path_params["clip"]
        if clip_id in refused:
            return _error(refused[clip_id])
        held = service.desk.get(clip_id)
        if held is None:
            return _gone()
        return JSONResponse(service.desk.view(held))

    async def write(request: Request) -> Response:
        check_call(request, service.key, service.origins, post=True)
        held = service.desk.get(request.path_params["clip"])
        if held is None:
            return _gone()
        fields = json_object(await body(request, 1024 * 1024, 1024 * 1024))
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


def _remember(refused: OrderedDict[str, ClipperError], error: ClipperError) -> str:
    """Keep a page's refusal for the picker page to show (after a form), under an id of its own."""
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
