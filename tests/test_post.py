"""The post format: golden files (page in, exact post out) and front matter that parses back."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from clipper.posts import snapshot
from clipper.posts.frontmatter import parse
from clipper.posts.model import OWN_KEYS, Post, Quote, attribution, compose
from clipper.settings import PostSettings, Settings
from clipper.workflows.choice import Choice, quotes
from clipper.workflows.compose import compose as draft_of
from clipper.workflows.loading import clip, load
from clipper.workflows.plan import GrabPlan

from conftest import EXAMPLES

EXAMPLE_URL = "https://www.theguardian.com/world/2014/oct/05/isis-al-nusra-reconcile-syria-air-strikes"
EXAMPLE_TITLE = "ISIS reconciles with Jabhat al-Nusra as Syria air strikes continue"
EXAMPLE_DATE = datetime.fromisoformat("2014-10-06T08:30:00+01:00")
EXAMPLE_POST = EXAMPLES / "drafts" / "2014-10-06-isis-reconciles-with-jabhat-al-nusra-as-syria-air-strikes.md"


def example_post() -> Post:
    plan = GrabPlan(settings=Settings(), folder=Path("drafts"), created=EXAMPLE_DATE, url=EXAMPLE_URL)
    clipping = clip(load(str(EXAMPLES / "isis-nusra-article.html"), plan), keep_snapshot=True, sites={})
    choice = Choice(quotes=quotes(clipping.article, [1, 2, 3, 4]), title=EXAMPLE_TITLE)
    post = draft_of(clipping, choice, plan).post
    snapshot.keep(clipping.packed or b"", post.content_sha256 or "", Path("drafts"))
    return post


def test_golden_example_post() -> None:
    """The page in examples/ gives, byte for byte, the post and snapshot in examples/drafts/."""
    assert compose(example_post()) == EXAMPLE_POST.read_text(encoding="utf-8")
    kept = sorted((EXAMPLES / "drafts" / ".snapshots").iterdir())
    assert [p.read_bytes() for p in kept] == [p.read_bytes() for p in sorted(Path("drafts/.snapshots").iterdir())]


def test_example_post_reads_like_the_seed() -> None:
    text = EXAMPLE_POST.read_text(encoding="utf-8")
    meta, body, _ = parse(text)
    assert body.lstrip().startswith("The Guardian reports:\n\n> Air strikes continued")
    assert body.count("\n>\n") == 3  # four paragraphs in one blockquote
    assert body.rstrip().endswith(f"[\\[Continue reading…\\]]({EXAMPLE_URL})")
    assert meta["title"] == EXAMPLE_TITLE
    assert meta["source_name"] == "The Guardian"
    assert meta["source_author"] == "Martin Chulov"
    assert str(meta["source_date"]) == "2014-10-05"
    assert meta["quoted"] == "1-4"
    assert meta["draft"] is True
    assert 0 < meta["quoted_words"] < meta["source_words"]


def test_front_matter_round_trips_hostile_values() -> None:
    nasty = 'He said "stop" \\ +++\n---\n{{< x >}} \x01'
    post = Post(
        title=nasty,
        created=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        source_url="https://ex.com/a",
        quotes=(Quote(number=1, kind="p", text="text"),),
        source_words=10,
        source_name=nasty,
        source_author=nasty,
        fetched=datetime(2026, 1, 2, 3, 4, 0, tzinfo=timezone.utc),
    )
    meta, body, _ = parse(compose(post))
    assert meta["title"] == nasty and meta["source_name"] == nasty and meta["source_author"] == nasty
    assert meta["date"] == post.created and meta["fetched"] == post.fetched
    assert "source_date" not in meta  # unknown facts are left out
    assert body.count("\n+++") == 0


def test_attribution_templates() -> None:
    post = Post(
        title="T",
        created=EXAMPLE_DATE,
        source_url="https://inews.co.uk/a",
        quotes=(),
        source_words=1,
        source_name="iNews",
        source_author="Jo Bloggs",
    )
    assert attribution(post, PostSettings()) == "iNews reports:"
    assert attribution(post, PostSettings(attribution="{author} writes:")) == "Jo Bloggs writes:"
    lower = Post(
        title="T",
        created=EXAMPLE_DATE,
        source_url="https://ex.com",
        quotes=(),
        source_words=1,
        source_name="the Guardian",
    )
    assert attribution(lower, PostSettings()) == "The Guardian reports:"
    unnamed = Post(title="T", created=EXAMPLE_DATE, source_url="https://www.ex.com/a", quotes=(), source_words=1)
    assert attribution(unnamed, PostSettings()) == "ex.com reports:"


def test_line_breaks_and_list_items_in_the_quote(tmp_path: Path) -> None:
    post = Post(
        title="T",
        created=EXAMPLE_DATE,
        source_url="https://ex.com/a",
        source_words=9,
        quotes=(Quote(number=1, kind="p", text="line one\nline two"), Quote(number=2, kind="item", text="a point")),
    )
    body = compose(post).split("+++\n\n", 1)[1]
    assert "> line one\\\n> line two\n>\n> - a point\n" in body


def test_clipper_owns_every_key_it_writes() -> None:
    """The keys a post's front matter gets from clipper are the model's own, and `extra` never
    replaces one of them (a snapshot path that `rm` and `check` trust, say)."""
    post = replace(
        example_post(),
        fetched=datetime(2026, 1, 1, tzinfo=timezone.utc),
        fetch_status=200,
        final_url=EXAMPLE_URL,
        archive_url="https://web.archive.org/x",
        quotes=(Quote(number=1, kind="p", text="Cut down.", edited=True),),
        extra={"snapshot": "oops.html.gz", "title": "Not mine", "layout": "link"},
    )
    data = post.front_matter()
    assert set(data) - {"layout"} <= OWN_KEYS
    assert data["snapshot"] == post.snapshot != "oops.html.gz" and data["title"] == EXAMPLE_TITLE
    assert data["layout"] == "link"
