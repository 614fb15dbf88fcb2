"""Publishing to WordPress through its REST API, as a user with an application password.

The REST root is discovered as WordPress documents it, from the `Link: <…>; rel="https://api.w.org/"`
header of the site, so a site without pretty permalinks (`index.php?rest_route=/`) works as well as
one with them (`/wp-json/`). A post is created once; later pushes update that same WordPress post
by its id, and a post deleted there (for good, or into the trash) is reported, not silently made
again. Nothing is retried: a create sent twice would make two posts.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import requests

from clipper import __version__
from clipper.errors import (
    NoTargetAPIError,
    RemotePostGoneError,
    TargetAuthError,
    TargetHTTPError,
    TargetNetworkError,
    TargetTimeoutError,
)
from clipper.targets.wordpress_entry import Entry, clean_names, endpoint, request_body, require_secure
from clipper.web.fetch import failure_reason
from clipper.web.urls import join

log = logging.getLogger(__name__)

API_REL = "https://api.w.org/"  # the link relation WordPress names its REST root with
USER_AGENT = f"clipper/{__version__} python-requests/{requests.__version__}"
TIMEOUT = 30.0  # seconds for an answer
CONNECT_TIMEOUT = 10.0
Taxonomy = Literal["tags", "categories"]


@dataclass(frozen=True, kw_only=True)
class Site:
    """A WordPress site (its home address) and the account clipper publishes as."""

    url: str
    user: str
    password: str = field(repr=False)  # an application password: never logged, never printed


@dataclass(frozen=True, kw_only=True)
class Pushed:
    """The WordPress post after a push."""

    id: int
    link: str
    status: str
    action: Literal["created", "updated"]


class WordPressClient:
    """A session with one WordPress site: `with WordPressClient(site) as wp: wp.push(entry)`."""

    def __init__(
        self,
        site: Site,
        timeout: float = TIMEOUT,
        connect_timeout: float = CONNECT_TIMEOUT,
        session: requests.Session | None = None,
    ) -> None:
        require_secure(site.url)
        self.site = site
        self.timeout = (min(connect_timeout, timeout), timeout)
        self._session = session or requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT
        self._api_root: str | None = None
        self._signed_in = False
        self._terms: dict[tuple[str, str], int] = {}

    def __enter__(self) -> WordPressClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    @property
    def api_root(self) -> str:
        """The site's REST root, from the Link header of its home page (asked once)."""
        if self._api_root is None:
            self._api_root = self._discover()
        return self._api_root

    def push(self, entry: Entry, wordpress_id: int | None = None, recreate: bool = False) -> Pushed:
        """Create the post, or update post `wordpress_id`. A post that is gone from the site (deleted,
        or in the trash) raises RemotePostGoneError, unless `recreate`, which makes a new one."""
        self.check_credentials()
        if wordpress_id is not None:
            status = self.remote_status(wordpress_id)
            if status is not None and status != "trash":
                return self._save(entry, wordpress_id)
            if not recreate:
                where = "in the trash" if status == "trash" else "deleted"
                raise RemotePostGoneError(
                    f"{self.site.url}: post {wordpress_id} is {where} on the site; "
                    "push with --recreate to make a new one",
                    wordpress_id,
                    trashed=status == "trash",
                )
            log.info("post %s is gone from %s; making a new one", wordpress_id, self.site.url)
        return self._save(entry, None)

    def check_credentials(self) -> None:
        """Ask the site who we are (once): a refused password is one clear error before anything is sent."""
        if not self._signed_in:
            self._call("GET", "wp/v2/users/me")
            self._signed_in = True

    def remote_status(self, wordpress_id: int) -> str | None:
        """The post's status on the site (`trash` included), or None when it is deleted for good."""
        data = self._call("GET", f"wp/v2/posts/{wordpress_id}", {"context": "edit", "_fields": "id,status"}, gone=True)
        return None if data is None else str(data.get("status"))

    def term_ids(self, taxonomy: Taxonomy, names: Iterable[str]) -> list[int]:
        """The site's ids of these tags or categories, found by name (case aside) or created."""
        ids: list[int] = []
        for name in clean_names(names):
            key = (taxonomy, name.casefold())
            if key not in self._terms:
                self._terms[key] = self._term_id(taxonomy, name)
            if self._terms[key] not in ids:
                ids.append(self._terms[key])
        return ids

    def _save(self, entry: Entry, wordpress_id: int | None) -> Pushed:
        body = request_body(entry, creating=wordpress_id is None)
        if "tags" in body:
            body["tags"] = self.term_ids("tags", body["tags"])
        if "categories" in body:
            body["categories"] = self.term_ids("categories", body["categories"])
        route = "wp/v2/posts" if wordpress_id is None else f"wp/v2/posts/{wordpress_id}"
        try:
            data = self._call("POST", route, json=body)
        except TargetNetworkError as exc:
            if wordpress_id is not None:
                raise  # an update sent twice does no harm
            raise type(exc)(
                f"{exc}; the site may have made the post all the same: look among its drafts for "
                f"{entry.title!r} before pushing again, or the next push makes a second one"
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("id"), int):
            raise NoTargetAPIError(f"{self.site.url}: the REST API answered a post without an id")
        log.info("%s post %s on %s", "updated" if wordpress_id else "created", data["id"], self.site.url)
        return Pushed(
            id=data["id"],
            link=str(data.get("link") or ""),
            status=str(data.get("status") or ""),
            action="created" if wordpress_id is None else "updated",
        )

    def _term_id(self, taxonomy: Taxonomy, name: str) -> int:
        found = self._call("GET", f"wp/v2/{taxonomy}", {"search": name, "per_page": "100", "_fields": "id,name"})
        for term in found if isinstance(found, list) else []:
            # WordPress returns names HTML-escaped ("Law &amp; Order").
            if isinstance(term, dict) and html.unescape(str(term.get("name", ""))).casefold() == name.casefold():
                return int(term["id"])
        url = endpoint(self.api_root, f"wp/v2/{taxonomy}")
        response = self._send("POST", url, json={"name": name})
        data = _json_or_none(response)
        if response.status_code == 201 and isinstance(data, dict) and isinstance(data.get("id"), int):
            return int(data["id"])
        # A term whose slug another spelling already takes: WordPress names the one it has.
        if response.status_code == 400 and isinstance(data, dict) and data.get("code") == "term_exists":
            return int((data.get("data") or {})["term_id"])
        raise self._failure(response, url)

    def _discover(self) -> str:
        response = self._send("GET", self.site.url, auth=False, follow=True, stream=True)
        response.close()  # only the headers matter: the home page itself is never read
        link = (response.links.get(API_REL) or {}).get("url")
        if not link:
            if response.status_code >= 500:
                raise self._failure(response, self.site.url)
            raise NoTargetAPIError(
                f"{self.site.url}: no WordPress REST API found (HTTP {response.status_code}, no Link header "
                f'with rel="{API_REL}"); check the address, and that the REST API is not turned off'
            )
        root = join(response.url, link)
        require_secure(root)
        log.debug("REST API root of %s: %s", self.site.url, root)
        return root

    def _call(
        self, method: str, route: str, params: dict[str, str] | None = None, json: Any = None, gone: bool = False
    ) -> Any:
        """The JSON answer of one REST route; with `gone`, None for a 404 of a route that exists."""
        url = endpoint(self.api_root, route, params)
        response = self._send(method, url, json=json)
        if response.status_code in (200, 201):
            data = _json_or_none(response)
            if data is None:
                media = response.headers.get("Content-Type", "no content type").split(";")[0]
                raise NoTargetAPIError(f"{self.site.url}: {url} answered with {media}, not the REST API's JSON")
            return data
        if gone and response.status_code == 404 and _wp_error(response)[0] not in ("", "rest_no_route"):
            return None
        raise self._failure(response, url)

    def _send(
        self, method: str, url: str, json: Any = None, auth: bool = True, follow: bool = False, stream: bool = False
    ) -> requests.Response:
        log.debug("%s %s", method, url)
        try:
            return self._session.request(
                method,
                url,
                json=json,
                auth=(self.site.user, self.site.password) if auth else None,
                timeout=self.timeout,
                # An API call that is redirected would lose its method and body: say so instead.
                allow_redirects=follow,
                stream=stream,
            )
        except requests.ConnectTimeout:
            raise TargetTimeoutError(f"{self.site.url}: no connection within {self.timeout[0]:g} s") from None
        except requests.Timeout:
            raise TargetTimeoutError(
                f"{self.site.url}: no answer within {self.timeout[1]:g} s (the site is too slow)"
            ) from None
        except requests.TooManyRedirects:
            raise TargetNetworkError(f"{self.site.url}: too many redirects") from None
        except requests.ConnectionError as exc:
            raise TargetNetworkError(f"{self.site.url}: cannot connect ({failure_reason(exc)})") from None
        except requests.RequestException as exc:
            raise TargetNetworkError(f"{self.site.url}: {failure_reason(exc)}") from None

    def _failure(self, response: requests.Response, url: str) -> Exception:
        status = response.status_code
        code, message = _wp_error(response)
        detail = f": {message}" if message else ""
        detail += f" ({code})" if code else ""
        if status == 401:
            return TargetAuthError(
                f"{self.site.url}: the user name or application password of {self.site.user!r} was refused "
                f"(HTTP 401{detail})"
            )
        if status == 403:
            return TargetAuthError(f"{self.site.url}: the user {self.site.user!r} may not do this (HTTP 403{detail})")
        if status == 404 and code in ("", "rest_no_route"):
            return NoTargetAPIError(f"{self.site.url}: {url} is not a route of the WordPress REST API (HTTP 404)")
        if 300 <= status < 400:
            where = response.headers.get("Location", "elsewhere")
            return TargetHTTPError(
                f"{self.site.url}: the REST API redirected to {where}; set the site's address as WordPress has it",
                status,
            )
        reason = f" {response.reason}" if response.reason and not detail else ""
        return TargetHTTPError(f"{self.site.url}: HTTP {status}{reason}{detail}", status)


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _wp_error(response: requests.Response) -> tuple[str, str]:
    """The code and message of a WordPress error answer, the message as one line of text."""
    data = _json_or_none(response)
    if not isinstance(data, dict):
        return "", ""
    message = html.unescape(re.sub(r"<[^>]+>", " ", str(data.get("message") or "")))
    message = " ".join(message.split())
    return str(data.get("code") or ""), message[:200]
