"""`clipper push` through the command line, against a real WordPress (see wordpress.py): a grabbed
post arrives as `render --format html` prints it and comes back through the REST API; the post file
gains `wordpress_id` and `wordpress_url` and no other change; later pushes update the same post; every
failure is one line naming the site, its exit code, and the post file untouched; the password is
never printed.
"""

from __future__ import annotations

import itertools
import json
import re
import shlex
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from clipper.cli import app
from clipper.errors import ExitCode
from clipper.posts.frontmatter import parse

from fs import undeletable
from pages import PARAGRAPHS, article_page
from siteserver import Site
from wordpress import WordPress

runner = CliRunner()
_numbers = itertools.count(1)
TAGS_AND_CATEGORIES = '[post.extra]\ntags = ["Waterfront", "Local politics"]\ncategories = ["Links"]\n'


def clipper(*args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def wp(wp_site: WordPress, monkeypatch: pytest.MonkeyPatch) -> WordPress:
    """The test WordPress, named by the three values a curator sets."""
    monkeypatch.setenv("CLIPPER_WORDPRESS_URL", wp_site.url)
    monkeypatch.setenv("CLIPPER_WORDPRESS_USER", wp_site.user)
    monkeypatch.setenv("CLIPPER_WORDPRESS_PASSWORD", wp_site.password)
    return wp_site


def grabbed(site: Site, settings: str = TAGS_AND_CATEGORIES) -> Path:
    """A post grabbed from a page on the loopback server, with a title no other test uses."""
    Path("clipper.toml").write_text(settings, encoding="utf-8")
    number = next(_numbers)
    title = f"Waterfront plan approved, take {number}"
    url = site.page(f"/news/waterfront-{number}", article_page(title))
    result = clipper("grab", url, "--lead", "3", "--title", title, "--date", "2024-03-06T10:15:00+01:00")
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip())


def meta_of(path: Path) -> dict[str, Any]:
    return parse(path.read_text(encoding="utf-8"))[0]


def stored(wp_site: WordPress, post_id: int) -> dict[str, Any]:
    response = wp_site.rest("GET", f"/wp/v2/posts/{post_id}", context="edit")
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def posts_titled(wp_site: WordPress, title: str) -> list[int]:
    found = wp_site.rest("GET", "/wp/v2/posts", search=title, status="draft,publish,pending,private", context="edit")
    return [post["id"] for post in found.json() if post["title"]["raw"] == title]


def term_names(wp_site: WordPress, taxonomy: str, ids: list[int]) -> set[str]:
    found = wp_site.rest("GET", f"/wp/v2/{taxonomy}", include=",".join(map(str, ids)), per_page=100)
    return {term["name"] for term in found.json()}


def added_lines(before: bytes, after: bytes) -> list[bytes]:
    """The lines `after` has that `before` had not, checking that every line of `before` is still
    there, byte for byte and in order."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added = [line for line in new if line.startswith((b"wordpress_id = ", b"wordpress_url = "))]
    assert [line for line in new if line not in added] == old
    return added


def test_a_grabbed_post_arrives_as_render_prints_it(wp: WordPress, site: Site) -> None:
    path = grabbed(site)
    before = path.read_bytes()
    html = clipper("render", path.stem, "--format", "html").stdout
    result = clipper("push", path.stem)
    assert result.exit_code == 0, result.stderr
    meta = meta_of(path)
    post_id, link = meta["wordpress_id"], meta["wordpress_url"]
    assert result.stdout == f"{link}\n" and f"p={post_id}" in link
    assert result.stderr == f"clipper: created WordPress post {post_id} (draft) from {path}\n"
    assert added_lines(before, path.read_bytes()) == [
        f"wordpress_id = {post_id}\n".encode(),
        f'wordpress_url = "{link}"\n'.encode(),
    ]

    data = stored(wp, post_id)
    assert data["title"]["raw"] == meta["title"]
    assert data["content"]["raw"] == html
    rendered = data["content"]["rendered"]
    source = meta["source_url"]
    assert rendered.startswith("<p>The Riverside Courier reports:</p>")
    quote = rendered.split(f'<blockquote cite="{source}">', 1)[1].split("</blockquote>", 1)[0]
    assert [p in quote for p in PARAGRAPHS[:4]] == [True, True, True, False]
    assert f'<a href="{source}">[Continue reading…]</a>' in rendered
    assert data["status"] == "draft" and data["date_gmt"] == "2024-03-06T09:15:00"
    assert data["excerpt"]["raw"] == ""
    assert term_names(wp, "tags", data["tags"]) == {"Waterfront", "Local politics"}
    assert term_names(wp, "categories", data["categories"]) == {"Links"}


def test_a_second_push_updates_the_same_post(wp: WordPress, site: Site) -> None:
    path = grabbed(site)
    assert clipper("push", path.stem).exit_code == 0
    pushed = path.read_bytes()
    post_id = meta_of(path)["wordpress_id"]
    # The editor adds a line to the body and pushes again.
    path.write_bytes(pushed + b"\nUpdate: the vote was seven to two.\n")
    result = clipper("push", path.stem, "--json")
    assert result.exit_code == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert list(outcome) == ["id", "path", "action", "wordpress_id", "link", "status", "error"]
    assert outcome == {
        "id": path.stem,
        "path": str(path),
        "action": "updated",
        "wordpress_id": post_id,
        "link": meta_of(path)["wordpress_url"],
        "status": "draft",
        "error": None,
    }
    assert path.read_bytes() == pushed + b"\nUpdate: the vote was seven to two.\n"  # already recorded
    assert posts_titled(wp, meta_of(path)["title"]) == [post_id]
    assert stored(wp, post_id)["content"]["raw"].endswith("<p>Update: the vote was seven to two.</p>\n")


def test_status_publish_then_an_update_keeps_it(wp: WordPress, site: Site) -> None:
    """A post published on the site is published here too: `draft = false` and a publishDate, as
    `clipper publish` writes them, and no other line changes."""
    path = grabbed(site)
    before = path.read_bytes()
    first = clipper("push", path.stem, "--status", "publish", "--json")
    assert first.exit_code == 0, first.stderr
    created = json.loads(first.stdout)
    assert (created["action"], created["status"]) == ("created", "publish")
    assert stored(wp, created["wordpress_id"])["status"] == "publish"
    meta = meta_of(path)
    assert meta["draft"] is False and isinstance(meta["publishDate"], datetime)
    old, new = before.decode().splitlines(), path.read_text(encoding="utf-8").splitlines()
    assert [line for line in new if not line.startswith(("wordpress_", "publishDate = "))] == [
        "draft = false" if line == "draft = true" else line for line in old
    ]
    # Published there: the link is the pretty permalink now, and the file records it.
    assert meta["wordpress_url"] == created["link"] and "?p=" not in created["link"]
    published = path.read_bytes()
    again = json.loads(clipper("push", path.stem, "--json").stdout)
    assert (again["action"], again["status"], again["wordpress_id"]) == ("updated", "publish", created["wordpress_id"])
    assert path.read_bytes() == published  # nothing more to record


def test_status_draft_leaves_the_post_a_draft(wp: WordPress, site: Site) -> None:
    path = grabbed(site)
    result = clipper("push", path.stem, "--status", "draft", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "draft"
    meta = meta_of(path)
    assert meta["draft"] is True and "publishDate" not in meta and meta["wordpress_id"] > 0


def test_a_dry_run_sends_nothing_and_shows_no_password(
    site: Site, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = grabbed(site)
    before = path.read_bytes()
    marker = isolated / "password-command-ran"
    monkeypatch.setenv("CLIPPER_WORDPRESS_URL", site.base)  # a server that counts every request
    monkeypatch.setenv("CLIPPER_WORDPRESS_USER", "curator")
    monkeypatch.setenv("CLIPPER_WORDPRESS_PASSWORD", "abcd efgh ijkl mnop qrst uvwx")
    Path("clipper.toml").write_text(
        TAGS_AND_CATEGORIES + f"[wordpress]\npassword_command = {json.dumps(f'touch {marker}')}\n", encoding="utf-8"
    )
    hits = sum(site.hits.values())
    result = clipper("push", "1", "--dry-run")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[:4] == [
        f"# {path}",
        f"POST {site.base}/wp-json/wp/v2/posts",
        "Authorization: Basic (user 'curator'; the application password is never shown)",
        "Content-Type: application/json",
    ]
    body = json.loads(result.stdout.split("\n\n", 1)[1])
    assert body["title"] == meta_of(path)["title"] and body["status"] == "draft"
    assert body["content"] == clipper("render", "1", "--format", "html").stdout
    assert body["tags"] == ["Waterfront", "Local politics"] and body["date"] == "2024-03-06T10:15:00+01:00"
    assert "abcd" not in result.stdout + result.stderr and not marker.exists()
    # A post pushed before: the update of its WordPress post, its status left to the site. With no
    # password in the environment, password_command would be asked: a dry run never asks.
    path.write_bytes(path.read_bytes().replace(b"draft = true\n", b"draft = true\nwordpress_id = 41\n"))
    monkeypatch.delenv("CLIPPER_WORDPRESS_PASSWORD")
    update = json.loads(clipper("push", "1", "--dry-run", "--json").stdout)
    assert (update["method"], update["url"]) == ("POST", f"{site.base}/wp-json/wp/v2/posts/41")
    assert "status" not in update["body"] and "abcd" not in json.dumps(update)
    assert sum(site.hits.values()) == hits and not marker.exists()  # nothing sent, no password asked for
    assert path.read_bytes() == before.replace(b"draft = true\n", b"draft = true\nwordpress_id = 41\n")


def test_a_wrong_password_stops_before_any_post(wp: WordPress, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = grabbed(site), grabbed(site)
    before = first.read_bytes(), second.read_bytes()
    monkeypatch.setenv("CLIPPER_WORDPRESS_PASSWORD", "abcd efgh ijkl mnop qrst uvwx")
    result = clipper("push", first.stem, second.stem)
    assert result.exit_code == ExitCode.AUTH == 17
    assert result.stderr.startswith(f"clipper: error: {wp.url}: the user name or application password of 'curator'")
    assert result.stderr.count("\n") == 1 and "HTTP 401" in result.stderr and "abcd" not in result.stderr
    assert result.stdout == "" and (first.read_bytes(), second.read_bytes()) == before
    assert posts_titled(wp, meta_of(first)["title"]) == []


def test_a_stopped_site_leaves_the_post_untouched(wp: WordPress, site: Site) -> None:
    path = grabbed(site)
    before = path.read_bytes()
    with wp.stopped():
        result = clipper("push", path.stem)
    assert result.exit_code == ExitCode.NETWORK == 3
    assert result.stderr == f"clipper: error: {wp.url}: cannot connect (connection refused)\n"
    assert path.read_bytes() == before


def test_a_post_deleted_there_then_recreate(wp: WordPress, site: Site) -> None:
    path = grabbed(site)
    made = path.read_bytes()
    assert clipper("push", path.stem).exit_code == 0
    pushed = path.read_bytes()
    old_id = meta_of(path)["wordpress_id"]
    assert wp.rest("DELETE", f"/wp/v2/posts/{old_id}", force="true").status_code == 200
    result = clipper("push", path.stem)
    assert result.exit_code == ExitCode.REMOTE_GONE == 19
    assert result.stderr == (
        f"clipper: error: {path}: {wp.url}: post {old_id} is deleted on the site; "
        "push with --recreate to make a new one\n"
    )
    assert path.read_bytes() == pushed
    again = clipper("push", path.stem, "--recreate", "--json")
    assert again.exit_code == 0, again.stderr
    outcome = json.loads(again.stdout)
    assert outcome["action"] == "created" and outcome["wordpress_id"] != old_id
    assert meta_of(path)["wordpress_id"] == outcome["wordpress_id"]
    assert added_lines(made, path.read_bytes()) == [
        f"wordpress_id = {outcome['wordpress_id']}\n".encode(),
        f'wordpress_url = "{outcome["link"]}"\n'.encode(),
    ]
    assert posts_titled(wp, meta_of(path)["title"]) == [outcome["wordpress_id"]]


def test_the_password_from_a_command(
    wp: WordPress, site: Site, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = grabbed(site)
    before = path.read_bytes()
    monkeypatch.delenv("CLIPPER_WORDPRESS_PASSWORD")
    secret = isolated.parent / "secret"
    secret.write_text(f"{wp.password}\nthe second line is not the password\n")
    settings = TAGS_AND_CATEGORIES + "[wordpress]\npassword_command = {}\n"

    failing = f"{shlex.quote(sys.executable)} -c 'import sys; print(open(sys.argv[1]).read()); sys.exit(3)' {secret}"
    Path("clipper.toml").write_text(settings.format(json.dumps(failing)), encoding="utf-8")
    result = clipper("push", path.stem)
    assert result.exit_code == ExitCode.CONFIG
    assert (
        result.stderr == f"clipper: error: wordpress.password_command {failing!r} failed (exit status 3); no password\n"
    )
    assert wp.password not in result.stdout + result.stderr and path.read_bytes() == before

    Path("clipper.toml").write_text(settings.format(json.dumps(f"cat {shlex.quote(str(secret))}")), encoding="utf-8")
    result = clipper("push", path.stem)
    assert result.exit_code == 0, result.stderr
    assert stored(wp, meta_of(path)["wordpress_id"])["status"] == "draft"


def test_plain_http_off_loopback_is_refused_before_the_password_is_asked(
    site: Site, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = grabbed(site)
    marker = isolated / "password-command-ran"
    Path("clipper.toml").write_text(f'[wordpress]\npassword_command = "touch {marker}"\n', encoding="utf-8")
    monkeypatch.setenv("CLIPPER_WORDPRESS_URL", "http://blog.example.org")
    monkeypatch.setenv("CLIPPER_WORDPRESS_USER", "curator")
    for args in ([path.stem], [path.stem, "--dry-run"]):
        result = clipper("push", *args)
        assert result.exit_code == ExitCode.CONFIG and result.stdout == ""
        assert result.stderr.startswith(
            "clipper: error: http://blog.example.org: refusing to send the application password over plain http"
        )
    assert not marker.exists()


def test_no_password_anywhere_is_one_clear_error(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    path = grabbed(site)
    monkeypatch.setenv("CLIPPER_WORDPRESS_URL", "https://blog.example.org")
    monkeypatch.setenv("CLIPPER_WORDPRESS_USER", "curator")
    monkeypatch.delenv("CLIPPER_WORDPRESS_PASSWORD", raising=False)
    result = clipper("push", path.stem)
    assert result.exit_code == ExitCode.CONFIG and result.stderr == (
        "clipper: error: no WordPress password: set CLIPPER_WORDPRESS_PASSWORD to an application password, "
        "or wordpress.password_command to a command that prints one\n"
    )


def test_config_show_never_prints_the_password(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = isolated / "password-command-ran"
    Path("clipper.toml").write_text(
        f'[wordpress]\nurl = "https://blog.example.org"\npassword_command = "touch {marker}"\n', encoding="utf-8"
    )
    monkeypatch.setenv("CLIPPER_WORDPRESS_USER", "curator")
    monkeypatch.setenv("CLIPPER_WORDPRESS_PASSWORD", "abcd efgh ijkl mnop qrst uvwx")
    shown = clipper("config", "show", "--json")
    data = json.loads(shown.stdout)
    assert {name: value for name, value in data.items() if name.startswith("wordpress.")} == {
        "wordpress.url": {"value": "https://blog.example.org", "from": "clipper.toml"},
        "wordpress.user": {"value": "curator", "from": "CLIPPER_WORDPRESS_USER"},
        "wordpress.password_command": {"value": f"touch {marker}", "from": "clipper.toml"},
    }
    text = clipper("config", "show").stdout
    assert 'wordpress.url              = "https://blog.example.org"  # clipper.toml' in text
    assert "abcd" not in shown.stdout + text and not marker.exists()


def test_all_drafts_goes_on_past_a_failing_post(wp: WordPress, site: Site) -> None:
    first, failing, last = grabbed(site), grabbed(site), grabbed(site)
    published = grabbed(site)
    published.write_bytes(published.read_bytes().replace(b"draft = true", b"draft = false"))
    # Pushed once to a WordPress post that is no longer there.
    failing.write_bytes(failing.read_bytes().replace(b"draft = true\n", b"draft = true\nwordpress_id = 987654\n"))
    before = failing.read_bytes(), published.read_bytes()
    result = clipper("push", "--all-drafts", "--json")
    assert result.exit_code == ExitCode.SOME_FAILED == 13
    outcomes = {Path(o["path"]): o for o in map(json.loads, result.stdout.splitlines())}
    assert set(outcomes) == {first, failing, last}
    assert [outcomes[p]["action"] for p in (first, failing, last)] == ["created", "failed", "created"]
    assert outcomes[failing]["wordpress_id"] == 987654
    assert (
        outcomes[failing]["error"]
        == f"{wp.url}: post 987654 is deleted on the site; push with --recreate to make a new one"
    )
    assert result.stderr == f"clipper: error: {failing}: {outcomes[failing]['error']}\n"
    assert (failing.read_bytes(), published.read_bytes()) == before
    for done in (first, last):
        assert meta_of(done)["wordpress_id"] == outcomes[done]["wordpress_id"]
        assert posts_titled(wp, meta_of(done)["title"]) == [outcomes[done]["wordpress_id"]]
    # Every post of a batch failing: 14.
    for done in (first, last):
        done.write_bytes(re.sub(rb"(?m)^wordpress_id = \d+$", b"wordpress_id = 987655", done.read_bytes()))
    assert clipper("push", first.stem, last.stem).exit_code == ExitCode.ALL_FAILED == 14


def test_a_broken_draft_fails_in_the_batch_and_by_its_name(wp: WordPress, site: Site) -> None:
    good = grabbed(site)
    broken = good.with_name("2024-03-06-broken-by-hand.md")
    broken.write_text('+++\ntitle = "Broken\ndraft = true\n+++\n\n> quoted\n', encoding="utf-8")
    result = clipper("push", "--all-drafts", "--json")
    assert result.exit_code == ExitCode.SOME_FAILED, result.stderr
    actions = {Path(o["path"]).name: o["action"] for o in map(json.loads, result.stdout.splitlines())}
    assert actions == {good.name: "created", broken.name: "failed"}
    result = clipper("push", "broken-by-hand")
    assert result.exit_code == ExitCode.INVALID_POST and f"{broken}:" in result.stderr


def test_a_post_pushed_to_another_site_is_not_sent_over_a_post_there(
    wp: WordPress, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its number names another post on this site: updating it would overwrite that one."""
    path = grabbed(site)
    text = path.read_text(encoding="utf-8").replace(
        "draft = true\n", 'draft = true\nwordpress_id = 1\nwordpress_url = "https://old-blog.example/?p=1"\n'
    )
    path.write_text(text, encoding="utf-8")
    result = clipper("push", path.stem)
    assert result.exit_code == ExitCode.USAGE and "pushed before to https://old-blog.example/?p=1" in result.stderr
    assert path.read_text(encoding="utf-8") == text and stored(wp, 1)["title"]["raw"] != meta_of(path)["title"]
    result = clipper("push", path.stem, "--recreate")
    assert result.exit_code == 0, result.stderr
    made = meta_of(path)["wordpress_id"]
    assert made != 1 and meta_of(path)["wordpress_url"].startswith(wp.url)
    assert stored(wp, made)["title"]["raw"] == meta_of(path)["title"]


def test_a_post_made_but_not_recorded_is_named_in_the_json(wp: WordPress, site: Site) -> None:
    path = grabbed(site)
    before = path.read_bytes()
    with undeletable(path.parent):  # the post cannot be replaced by its recorded version
        result = clipper("push", path.stem, "--json")
    assert result.exit_code == ExitCode.FILE
    (outcome,) = map(json.loads, result.stdout.splitlines())
    assert outcome["action"] == "failed" and outcome["link"].startswith(wp.url)
    assert posts_titled(wp, meta_of(path)["title"]) == [outcome["wordpress_id"]]
    assert f"add wordpress_id with the value {outcome['wordpress_id']}" in outcome["error"]
    assert path.read_bytes() == before


def test_zola_keeps_the_keys_in_its_table(wp: WordPress, site: Site) -> None:
    path = grabbed(site, '[post]\nkeys_table = "extra"\n[post.extra]\ntaxonomies = { tags = ["Zola"] }\n')
    before = path.read_bytes()
    first = clipper("push", path.stem, "--json")
    assert first.exit_code == 0, first.stderr
    meta = meta_of(path)
    assert "wordpress_id" not in meta and meta["extra"]["wordpress_id"] == json.loads(first.stdout)["wordpress_id"]
    assert before.splitlines() == [
        line for line in path.read_bytes().splitlines() if not line.startswith((b"wordpress_id", b"wordpress_url"))
    ]
    again = json.loads(clipper("push", path.stem, "--json").stdout)
    assert (again["action"], again["wordpress_id"]) == ("updated", meta["extra"]["wordpress_id"])
    assert term_names(wp, "tags", stored(wp, again["wordpress_id"])["tags"]) == {"Zola"}


def test_extra_front_matter_cannot_set_what_push_records(site: Site) -> None:
    Path("clipper.toml").write_text('[post.extra]\nwordpress_id = 3\nwordpress_url = "https://elsewhere"\n')
    result = clipper("grab", site.page("/news/extra", article_page()), "--lead", "1")
    assert result.exit_code == ExitCode.CONFIG
    assert "post.extra: cannot set wordpress_id, wordpress_url, which clipper writes itself" in result.stderr
    assert not Path("drafts").exists()
