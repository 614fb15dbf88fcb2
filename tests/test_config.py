"""Settings: each one changes what it should, the order of precedence, and every kind of error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper import settings as config
from clipper.cli import app
from clipper.errors import ExitCode
from clipper.posts.frontmatter import parse

from pages import PARAGRAPHS, article_page
from siteserver import Site, delayed

runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def grab(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["grab", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def story(site: Site) -> str:
    return site.page("/news/waterfront", article_page())


def post_of(out: str) -> tuple[dict[str, object], str, str]:
    return parse(Path(out.strip()).read_text(encoding="utf-8"))


def test_defaults_without_a_file(story: str) -> None:
    code, out, _ = grab(story, "--lead", "2")
    _, body, fmt = post_of(out)
    assert code == 0 and fmt == "toml" and out.startswith("drafts/")
    assert body.startswith("\nThe Riverside Courier reports:") and "[\\[Continue reading…\\]]" in body


def test_every_post_setting_changes_the_post(story: str, isolated: Path) -> None:
    write(
        isolated / "clipper.toml",
        """
drafts_dir = "posts/links"
[post]
front_matter = "yaml"
file_name = "{year}{month}-{site}-{slug}"
attribution = "Via {site} ({author}, {date}):"
link_site = true
continue_text = "Read it all"
lead = 3
[post.extra]
categories = ["links"]
layout = "link"
[sites]
"127.0.0.1" = "The Loopback Times"
""",
    )
    code, out, err = grab(story)
    assert code == 0, err
    path = Path(out.strip())
    assert path.parent == Path("posts/links")
    assert path.name.endswith("-the-loopback-times-council-approves-new-waterfront-plan-after-long-debate.md")
    meta, body, fmt = post_of(out)
    assert fmt == "yaml" and meta["categories"] == ["links"] and meta["layout"] == "link"
    assert meta["source_name"] == "The Loopback Times" and meta["quoted"] == "1-3"
    host = story.split("/news")[0]
    assert body.startswith(f"\nVia [The Loopback Times]({host}/) (Jane Doe, 2024-03-05):")
    assert body.rstrip().endswith(f"[Read it all]({story})")


def test_opinion_pieces_use_their_own_attribution(site: Site, isolated: Path) -> None:
    write(isolated / "clipper.toml", '[post]\nattribution_opinion = "{author} argues:"\n')
    url = site.page("/opinion/a", article_page(ld={"@type": "OpinionNewsArticle", "author": {"name": "Ann Lee"}}))
    code, out, _ = grab(url, "--lead", "1")
    assert code == 0 and post_of(out)[1].startswith("\nAnn Lee argues:")


def test_quote_share_warning(story: str, isolated: Path) -> None:
    code, _, err = grab(story, "--all")
    assert code == 0 and "warning: quoting 183 of 183 words (100%), over 30%" in err
    write(isolated / "clipper.toml", "[post]\nwarn_share = 1.0\nwarn_words = 1000\n")
    code, _, err = grab(story, "--all", "--force")
    assert code == 0 and "warning" not in err


def test_fetch_settings(site: Site, isolated: Path) -> None:
    site.routes["/slow"] = delayed(5, lambda h: h.send_page(article_page()))
    big = site.page("/big", article_page(paragraphs=[*PARAGRAPHS] * 400))
    write(isolated / "clipper.toml", '[fetch]\ntimeout = 1\nuser_agent = "MyLinkBlog/2.0"\nmax_mb = 0.1\n')
    code, _, err = grab(site.url("/slow"), "--lead", "1")
    assert code == ExitCode.NETWORK and "timed out" in err
    code, _, err = grab(big, "--lead", "1")
    assert code == ExitCode.CONTENT and "too large" in err
    assert site.requests[-1][1]["User-Agent"] == "MyLinkBlog/2.0"


def test_precedence(story: str, isolated: Path) -> None:
    user = isolated.parent / "home" / ".config" / "clipper" / "config.toml"
    write(user, 'drafts_dir = "from-user"\n')
    assert grab(story, "--dry-run")[0] == 0
    assert runner.invoke(app, ["config", "path"]).stdout.strip() == str(user)
    assert grab(story)[1].startswith("from-user/")
    write(isolated / "clipper.toml", 'drafts_dir = "from-local"\n')
    assert grab(story, "--force")[1].startswith("from-local/")
    env_file = write(isolated / "env.toml", 'drafts_dir = "from-env-file"\n')
    assert grab(story, "--force", env={"CLIPPER_CONFIG": str(env_file)})[1].startswith("from-env-file/")
    option_file = write(isolated / "option.toml", 'drafts_dir = "from-option"\n')
    result = runner.invoke(
        app, ["--config", str(option_file), "grab", story, "--force"], env={"CLIPPER_CONFIG": str(env_file)}
    )
    assert result.stdout.startswith("from-option/")
    assert grab(story, "--force", env={"CLIPPER_DRAFTS_DIR": "from-env"})[1].startswith("from-env/")
    assert grab(story, "--force", "--drafts-dir", "from-flag", env={"CLIPPER_DRAFTS_DIR": "x"})[1].startswith(
        "from-flag/"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[post]\nattribution = "{sitename} reports:"\n',
            "clipper.toml: post.attribution: unknown field {sitename}; use {site}, {author}, {title} or {date}",
        ),
        ('[post]\nattribution = "{site reports:"\n', "clipper.toml: post.attribution: broken template"),
        ('[post]\nlead = "four"\n', "clipper.toml: post.lead: expected a whole number, got 'four'"),
        ("[post]\nlead = 0\n", "clipper.toml: post.lead: expected at least 1"),
        ('[post]\nfront_matter = "json"\n', 'clipper.toml: post.front_matter: expected "toml" or "yaml"'),
        ('[post]\nfile_name = "{date}/{slug}"\n', "clipper.toml: post.file_name: the file name must contain"),
        ('[post]\nfile_name = "{date}-{headline}"\n', "clipper.toml: post.file_name: unknown field {headline}"),
        (
            '[post]\nattribution = "{site} reported on {date:%d %B}:"\n',
            "clipper.toml: post.attribution: {date:%d %B}: a field is text (a date is YYYY-MM-DD)",
        ),
        ('[post]\nfile_name = "{year:%Y}-{slug}"\n', "clipper.toml: post.file_name: {year:%Y}: a field is text"),
        ('[post.extra]\ntitle = "x"\n', "clipper.toml: post.extra: cannot set title, which clipper writes itself"),
        ('[post.extra]\nsnapshot = "oops.html.gz"\n', "clipper.toml: post.extra: cannot set snapshot, which clipper"),
        (
            '[post.extra]\nfetch_status = 1\ncontent_sha256 = "x"\n',
            "clipper.toml: post.extra: cannot set content_sha256, fetch_status,",
        ),
        ('[fetch]\nuser_agent = "Blog/1.0\\nX-Evil: 1"\n', "clipper.toml: fetch.user_agent: expected one line of text"),
        ('drafts = "x"\n', "clipper.toml: unknown setting 'drafts'; known: drafts_dir, published_dir"),
        (
            "[psot]\nlead = 3\n",
            "clipper.toml: unknown setting 'psot'; known: drafts_dir, published_dir, sites, and the tables [post],",
        ),
        ("[post]\ncolour = true\n", "clipper.toml: unknown setting 'colour' in [post]"),
        ("[fetch]\ntimeout = -1\n", "clipper.toml: fetch.timeout: expected a number above 0"),
        ('[sites]\n"a.com" = 3\n', "clipper.toml: sites: 'a.com' must name the publication"),
        ("[post\n", "clipper.toml: not valid TOML"),
        ("post = 3\n", "clipper.toml: [post] must be a table"),
    ],
)
def test_errors_name_the_file_and_key_before_fetching(site: Site, isolated: Path, text: str, message: str) -> None:
    url = site.page("/a", article_page())
    write(isolated / "clipper.toml", text)
    code, out, err = grab(url, "--lead", "1")
    assert code == ExitCode.CONFIG and out == ""
    assert err.startswith(f"clipper: error: {message}") and err.count("\n") == 1, err
    assert site.hits["/a"] == 0  # checked before anything is fetched


def test_missing_config_file_is_an_error(isolated: Path) -> None:
    result = runner.invoke(app, ["--config", "nope.toml", "list"])
    assert (
        result.exit_code == ExitCode.CONFIG and "nope.toml: no such settings file (given by --config)" in result.stderr
    )


def test_init_writes_every_default_and_never_overwrites(isolated: Path) -> None:
    result = runner.invoke(app, ["config", "init"])
    assert result.exit_code == 0 and result.stdout.strip() == "clipper.toml"
    text = (isolated / "clipper.toml").read_text()
    for setting in config.declared():
        assert f"# {setting.declaration.help}" in text
    loaded = config.load()
    assert loaded == config.Settings(path=loaded.path, origins=loaded.origins)  # the file says the defaults
    (isolated / "clipper.toml").write_text("# mine\n")
    result = runner.invoke(app, ["config", "init"])
    assert result.exit_code == ExitCode.FILE and "already exists" in result.stderr
    assert (isolated / "clipper.toml").read_text() == "# mine\n"


def test_init_user_file(isolated: Path) -> None:
    result = runner.invoke(app, ["config", "init", "--user"])
    assert result.exit_code == 0
    assert Path(result.stdout.strip()) == isolated.parent / "home" / ".config" / "clipper" / "config.toml"


def test_show_says_where_each_setting_comes_from(isolated: Path) -> None:
    write(isolated / "clipper.toml", '[post]\nlead = 2\n[sites]\n"www.ex.com" = "Ex"\n')
    result = runner.invoke(app, ["config", "show", "--json"], env={"CLIPPER_DRAFTS_DIR": "elsewhere"})
    data = json.loads(result.stdout)
    assert data["post.lead"] == {"value": 2, "from": "clipper.toml"}
    assert data["drafts_dir"] == {"value": "elsewhere", "from": "CLIPPER_DRAFTS_DIR"}
    assert data["post.attribution"] == {"value": "{site} reports:", "from": "default"}
    assert data["sites"]["value"] == {"ex.com": "Ex"}
    text = runner.invoke(app, ["config", "show"]).stdout
    assert re.search(r"^post\.lead += 2  # clipper\.toml$", text, re.MULTILINE)
    assert re.search(r"^sites += \{ ", text, re.MULTILINE)


def test_list_uses_the_folders_from_the_settings(isolated: Path) -> None:
    write(isolated / "clipper.toml", 'drafts_dir = "d"\npublished_dir = "p"\n')
    write(isolated / "d" / "a.md", '+++\ntitle = "A draft"\n+++\n')
    write(isolated / "p" / "b.md", '+++\ntitle = "A published post"\n+++\n')
    rows = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    assert {(r["title"], r["status"]) for r in rows} == {("A draft", "draft"), ("A published post", "published")}


def test_keys_table_for_zola(story: str, isolated: Path) -> None:
    write(isolated / "clipper.toml", '[post]\nkeys_table = "extra"\n[post.extra]\ntemplate = "link.html"\n')
    code, out, _ = grab(story, "--lead", "1")
    meta, _, _ = post_of(out)
    assert code == 0 and set(meta) == {"title", "date", "draft", "template", "extra"}
    assert meta["extra"]["source_url"] == story and meta["extra"]["quoted"] == "1"  # type: ignore[index]
    rows = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    assert rows[0]["source_name"] == "The Riverside Courier" and rows[0]["quoted_words"] == 28
    assert grab(story, "--lead", "1")[0] == ExitCode.EXISTS  # still known as drafted
    assert runner.invoke(app, ["publish", "1"]).exit_code == 0
    meta, _, _ = post_of(out)
    assert meta["draft"] is False and "publishDate" not in meta  # Zola refuses unknown top-level keys


def test_a_note_and_tags_and_where_the_body_template_puts_them(story: str, isolated: Path) -> None:
    write(isolated / "clipper.toml", '[post.extra]\ntags = ["links"]\n')
    code, out, err = grab(story, "--lead", "1", "--note", "Worth a *read*.", "--tag", "cities", "--tag", "links")
    assert code == 0, err
    meta, body, _ = post_of(out)
    assert meta["tags"] == ["links", "cities"]
    _, rest = body.split("> ", 1)[1].split("\n\n", 1)
    assert rest.startswith("Worth a *read*.\n\n[\\[Continue reading")  # the note after the quote, before the link
    write(
        isolated / "clipper.toml",
        '[post]\nbody = "{note}\\n\\n{attribution}\\n\\n{quote}\\n\\n{link}"\nkeys_table = "extra"\n',
    )
    code, out, err = grab(story, "--lead", "1", "--note", "First, my take.", "--tag", "cities", "--force")
    meta, body, _ = post_of(out)
    assert code == 0 and body.startswith("\nFirst, my take.\n\nThe Riverside Courier reports:")
    assert meta["taxonomies"] == {"tags": ["cities"]} and "tags" not in meta  # Zola takes tags as a taxonomy
    code, out, _ = grab(story, "--lead", "1", "--force")
    assert "\n\n\n" not in post_of(out)[1]  # no note: no gap where it would be
    write(isolated / "clipper.toml", '[post]\nbody = "{attribution} {link}"\n')
    code, _, err = grab(story, "--lead", "1", "--force")
    assert code == ExitCode.CONFIG and "post.body: the body must hold the {quote}" in err
