"""Pushing posts to a real WordPress (Debian's package over a throwaway MariaDB: see wordpress.py).

What a push sends comes back through the REST API as sent; a second push updates the same post;
a refused password, a stopped site, a deleted post, a slow or failing site and an address without
the REST API each end in one error naming the site, with its exit code.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests

from clipper.errors import (
    ExitCode,
    InsecureTargetError,
    NoTargetAPIError,
    RemotePostGoneError,
    TargetAuthError,
    TargetHTTPError,
    TargetNetworkError,
    TargetTimeoutError,
)
from clipper.targets import wordpress as target
from clipper.targets.wordpress import WordPressClient
from clipper.targets.wordpress_entry import Entry, plan_push

from siteserver import Site as HTTPSite
from wordpress import WordPress

SOURCE = "https://news.example.org/2026/11/24/council-votes-to-close-the-river-bridge"
CONTENT = (
    "<p>The Riverside Courier reports:</p>\n"
    f'<blockquote cite="{SOURCE}">\n'
    "<p>The council voted on Tuesday to close the old river bridge to cars from March, after engineers "
    "found cracks in two of its piers.</p>\n"
    "<p>“We cannot wait for the next inspection,” the council’s transport lead said, adding that buses "
    "would be rerouted over the rail crossing.</p>\n"
    "</blockquote>\n"
    f'<p><a href="{SOURCE}">[Continue reading…]</a></p>\n'
)
DATE = datetime(2026, 11, 24, 8, 30, tzinfo=timezone(timedelta(hours=1)))
_numbers = itertools.count(1)


def entry(**changes: Any) -> Entry:
    """A post as `clipper render --format html` would give it, with a title no other test uses."""
    title = f"Council votes to close the river bridge ({next(_numbers)})"
    return replace(Entry(title=title, content=CONTENT, date=DATE), **changes)


def client(wp_site: WordPress, password: str | None = None, **options: Any) -> WordPressClient:
    site = target.Site(url=wp_site.url, user=wp_site.user, password=wp_site.password if password is None else password)
    return WordPressClient(site, **options)


def stored(wp_site: WordPress, post_id: int) -> dict[str, Any]:
    """The post as WordPress keeps it, read back through the REST API."""
    response = wp_site.rest("GET", f"/wp/v2/posts/{post_id}", context="edit")
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def posts_titled(wp_site: WordPress, title: str) -> list[dict[str, Any]]:
    found = wp_site.rest("GET", "/wp/v2/posts", search=title, status="draft,publish,pending,private", context="edit")
    return [post for post in found.json() if post["title"]["raw"] == title]


def term_names(wp_site: WordPress, taxonomy: str, ids: list[int]) -> set[str]:
    found = wp_site.rest("GET", f"/wp/v2/{taxonomy}", include=",".join(map(str, ids)), per_page=100)
    return {term["name"] for term in found.json()}


def test_a_draft_comes_back_as_sent(wp_site: WordPress) -> None:
    existing = wp_site.rest("POST", "/wp/v2/tags", json={"name": "bridges"}).json()["id"]
    post = entry(tags=("Bridges", "Local politics", "bridges "), categories=("Links",))
    with client(wp_site) as wp:
        pushed = wp.push(post)
        assert wp.api_root == f"{wp_site.url}/wp-json/"  # pretty permalinks, as the installer set them
    assert pushed.action == "created" and pushed.status == "draft"
    data = stored(wp_site, pushed.id)
    assert data["title"]["raw"] == post.title
    assert data["content"]["raw"] == CONTENT
    rendered = data["content"]["rendered"]
    assert f'<blockquote cite="{SOURCE}">' in rendered
    assert "<p>The council voted on Tuesday" in rendered.split("<blockquote")[1]
    assert f'<a href="{SOURCE}">[Continue reading…]</a>' in rendered
    assert data["status"] == "draft"
    assert data["date"] == "2026-11-24T07:30:00"  # the site keeps UTC; the offset was honoured
    assert data["excerpt"]["raw"] == ""
    assert data["link"] == pushed.link and f"p={pushed.id}" in pushed.link
    # "Bridges" is the tag the site had (case aside), not a second one; "Local politics" is new.
    assert existing in data["tags"] and len(data["tags"]) == 2
    assert term_names(wp_site, "tags", data["tags"]) == {"bridges", "Local politics"}
    assert term_names(wp_site, "categories", data["categories"]) == {"Links"}


def test_a_second_push_updates_the_same_post(wp_site: WordPress) -> None:
    post = entry()
    with client(wp_site) as wp:
        first = wp.push(post)
        # Published by hand on the site meanwhile: an update without a status leaves it published.
        wp_site.rest("POST", f"/wp/v2/posts/{first.id}", json={"status": "publish"})
        second = wp.push(replace(post, content=CONTENT + "<p>Update: the vote was 7 to 2.</p>\n"), first.id)
    assert (second.id, second.action, second.status) == (first.id, "updated", "publish")
    assert stored(wp_site, first.id)["content"]["raw"].endswith("<p>Update: the vote was 7 to 2.</p>\n")
    assert len(posts_titled(wp_site, post.title)) == 1


def test_a_wrong_password_is_one_clear_error(wp_site: WordPress) -> None:
    post = entry()
    with client(wp_site, password="abcd efgh ijkl mnop qrst uvwx") as wp, pytest.raises(TargetAuthError) as error:
        wp.push(post)
    assert error.value.exit_code == ExitCode.AUTH == 17
    assert str(error.value).startswith(f"{wp_site.url}: ") and "HTTP 401" in str(error.value)
    assert "\n" not in str(error.value)
    assert posts_titled(wp_site, post.title) == []


def another_user(wp_site: WordPress, login: str, role: str) -> target.Site:
    """A user of the site with `role`, and an application password of theirs."""
    password = wp_site.php(
        f"$id = wp_insert_user(array('user_login' => '{login}', 'user_pass' => wp_generate_password(),"
        f" 'user_email' => '{login}@example.org', 'role' => '{role}'));"
        "[$password] = WP_Application_Passwords::create_new_application_password($id, array('name' => 'x'));"
        "echo $password;"
    )
    return target.Site(url=wp_site.url, user=login, password=password.strip())


def test_a_user_who_may_not_post_is_told_so(wp_site: WordPress) -> None:
    with WordPressClient(another_user(wp_site, "reader", "subscriber")) as wp, pytest.raises(TargetAuthError) as error:
        wp.push(entry())
    assert (
        "the user 'reader' may not do this (HTTP 403: Sorry, you are not allowed to create posts as this user."
        in str(error.value)
    )


def test_an_author_uses_the_categories_the_site_has(wp_site: WordPress) -> None:
    # An author may file posts under categories but not make them: existing ones are found by name.
    existing = wp_site.rest("POST", "/wp/v2/categories", json={"name": "Flood defences"}).json()["id"]
    with WordPressClient(another_user(wp_site, "writer", "author")) as wp:
        pushed = wp.push(entry(categories=("flood defences",)))
        with pytest.raises(TargetAuthError, match="the user 'writer' may not do this"):
            wp.push(entry(categories=("A category the site has not got",)))
    assert stored(wp_site, pushed.id)["categories"] == [existing]


def test_a_stopped_site_is_a_network_error(wp_site: WordPress) -> None:
    with wp_site.stopped(), client(wp_site) as wp, pytest.raises(TargetNetworkError) as error:
        wp.push(entry())
    assert error.value.exit_code == ExitCode.NETWORK
    assert str(error.value) == f"{wp_site.url}: cannot connect (connection refused)"


def test_a_post_deleted_on_the_site_is_noticed(wp_site: WordPress) -> None:
    post = entry()
    with client(wp_site) as wp:
        first = wp.push(post)
        assert wp_site.rest("DELETE", f"/wp/v2/posts/{first.id}").json()["status"] == "trash"
        with pytest.raises(RemotePostGoneError) as trashed:
            wp.push(post, first.id)
        assert trashed.value.trashed and trashed.value.post_id == first.id
        assert wp_site.rest("DELETE", f"/wp/v2/posts/{first.id}", force="true").status_code == 200
        with pytest.raises(RemotePostGoneError) as deleted:
            wp.push(post, first.id)
        assert not deleted.value.trashed and deleted.value.exit_code == ExitCode.REMOTE_GONE == 19
        assert f"post {first.id} is deleted on the site" in str(deleted.value) and "--recreate" in str(deleted.value)
        again = wp.push(post, first.id, recreate=True)
    assert again.action == "created" and again.id != first.id
    assert [found["id"] for found in posts_titled(wp_site, post.title)] == [again.id]


def test_plain_permalinks_are_found_through_the_link_header(wp_site: WordPress) -> None:
    post = entry(tags=("Plain links",))
    with wp_site.permalinks(""):
        # The conventional address is not the REST API on such a site: only discovery finds it.
        assert "json" not in requests.get(f"{wp_site.url}/wp-json/wp/v2/posts", timeout=10).headers["Content-Type"]
        with client(wp_site) as wp:
            pushed = wp.push(post)
            assert wp.api_root == f"{wp_site.url}/index.php?rest_route=/"
            again = wp.push(replace(post, title=post.title + " (updated)"), pushed.id)
    assert again.id == pushed.id and stored(wp_site, pushed.id)["title"]["raw"] == post.title + " (updated)"
    assert term_names(wp_site, "tags", stored(wp_site, pushed.id)["tags"]) == {"Plain links"}


def test_a_slow_site_times_out(wp_site: WordPress) -> None:
    with wp_site.fault("sleep 2"), client(wp_site, timeout=0.5) as wp, pytest.raises(TargetTimeoutError) as error:
        wp.push(entry())
    assert error.value.exit_code == ExitCode.NETWORK
    assert str(error.value) == f"{wp_site.url}: no answer within 0.5 s (the site is too slow)"


def test_a_create_that_times_out_says_the_post_may_be_there(wp_site: WordPress) -> None:
    post = replace(entry(), tags=(), categories=())
    with client(wp_site, timeout=0.5) as wp:
        wp.check_credentials()
        with wp_site.fault("sleep 2"), pytest.raises(TargetTimeoutError) as error:
            wp.push(post)
    assert str(error.value).startswith(f"{wp_site.url}: no answer within 0.5 s (the site is too slow); ")
    assert f"look among its drafts for {post.title!r} before pushing again" in str(error.value)


def test_a_failing_site_is_an_http_error(wp_site: WordPress) -> None:
    with wp_site.fault("fatal"), client(wp_site) as wp, pytest.raises(TargetHTTPError) as error:
        wp.push(entry())
    assert error.value.status == 500 and error.value.exit_code == ExitCode.HTTP
    assert str(error.value) == f"{wp_site.url}: HTTP 500 Internal Server Error"


def test_an_address_without_the_rest_api(site: HTTPSite) -> None:
    site.page("/", "<html><body><p>A static blog.</p></body></html>")
    with (
        WordPressClient(target.Site(url=site.base, user="curator", password="pass")) as wp,
        pytest.raises(NoTargetAPIError) as error,
    ):
        wp.push(entry())
    assert error.value.exit_code == ExitCode.NO_API == 18
    assert str(error.value).startswith(f"{site.base}: no WordPress REST API found (HTTP 200, no Link header")
    assert site.hits["/"] == 1 and len(site.hits) == 1  # nothing else was asked, nothing sent


@pytest.mark.parametrize("url", ["http://blog.example.org", "http://10.0.0.5/blog", "ftp://blog.example.org"])
def test_plain_http_is_refused_off_loopback(url: str) -> None:
    with pytest.raises(InsecureTargetError) as error:
        WordPressClient(target.Site(url=url, user="curator", password="pass"))
    assert error.value.exit_code == ExitCode.CONFIG and str(error.value).startswith(f"{url}: ")
    if url.startswith("http:"):
        assert "refusing to send the application password over plain http; use https://" in str(error.value)
        with pytest.raises(InsecureTargetError):
            plan_push(url, entry())


@pytest.mark.parametrize(
    "url", ["https://blog.example.org", "http://127.0.0.1:8080", "http://localhost", "http://[::1]/"]
)
def test_https_or_loopback_is_accepted(url: str) -> None:
    WordPressClient(target.Site(url=url, user="curator", password="pass")).close()  # sends nothing


def test_a_dry_run_shows_the_request_and_sends_nothing() -> None:
    post = entry(tags=("Bridges", "bridges"), excerpt="Cracks in two piers.")
    planned = plan_push("https://blog.example.org/", post)
    assert (planned.method, planned.url) == ("POST", "https://blog.example.org/wp-json/wp/v2/posts")
    assert planned.body == {
        "title": post.title,
        "content": CONTENT,
        "excerpt": "Cracks in two piers.",
        "date": "2026-11-24T08:30:00+01:00",
        "status": "draft",
        "tags": ["Bridges"],
    }
    update = plan_push("https://blog.example.org", post, 12, api_root="https://blog.example.org/index.php?rest_route=/")
    assert update.url == "https://blog.example.org/index.php?rest_route=/wp/v2/posts/12"
    assert "status" not in update.body  # an update leaves the site's status alone unless asked
    assert plan_push("https://blog.example.org", replace(post, status="publish"), 12).body["status"] == "publish"
