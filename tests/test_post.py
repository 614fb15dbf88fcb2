"""The post format: golden files (page in, exact post out) and front matter that parses back."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from clipper.posts import snapshot
from clipper.posts.model import Post, PostStyle, Quote, attribution, parse_front_matter, render
from clipper.workflows import grab

from conftest import EXAMPLES

EXAMPLE_URL = "https://www.theguardian.com/world/2014/oct/05/isis-al-nusra-reconcile-syria-air-strikes"
EXAMPLE_TITLE = "ISIS reconciles with Jabhat al-Nusra as Syria air strikes continue"
EXAMPLE_DATE = datetime.fromisoformat("2014-10-06T08:30:00+01:00")
EXAMPLE_POST = EXAMPLES / "drafts" / "2014-10-06-isis-reconciles-with-jabhat-al-nusra-as-syria-air-strikes.md"


def example_post() -> Post:
    clipping = grab.clip(str(EXAMPLES / "isis-nusra-article.html"), EXAMPLE_URL)
    kept = snapshot.save(clipping.page, Path("drafts"))
    return grab.make_post(
        clipping,
        grab.quotes(clipping.article, [1, 2, 3, 4]),
        title=EXAMPLE_TITLE,
        created=EXAMPLE_DATE,
        snapshot=kept,
    )


def test_golden_example_post() -> None:
    """The page in examples/ gives, byte for byte, the post and snapshot in examples/drafts/."""
    assert render(example_post()) == EXAMPLE_POST.read_text(encoding="utf-8")
    kept = sorted((EXAMPLES / "drafts" / ".snapshots").iterdir())
    assert [p.read_bytes() for p in kept] == [p.read_bytes() for p in sorted(Path("drafts/.snapshots").iterdir())]


def test_example_post_reads_like_the_seed() -> None:
    text = EXAMPLE_POST.read_text(encoding="utf-8")
    meta, body = parse_front_matter(text)
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
        quotes=(Quote(1, "p", "text"),),
        source_words=10,
        source_name=nasty,
        source_author=nasty,
        fetched=datetime(2026, 1, 2, 3, 4, 0, tzinfo=timezone.utc),
    )
    meta, body = parse_front_matter(render(post))
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
    assert attribution(post, PostStyle()) == "iNews reports:"
    assert attribution(post, PostStyle(attribution="{author} writes:")) == "Jo Bloggs writes:"
    lower = Post(
        title="T",
        created=EXAMPLE_DATE,
        source_url="https://ex.com",
        quotes=(),
        source_words=1,
        source_name="the Guardian",
    )
    assert attribution(lower, PostStyle()) == "The Guardian reports:"
    unnamed = Post(title="T", created=EXAMPLE_DATE, source_url="https://www.ex.com/a", quotes=(), source_words=1)
    assert attribution(unnamed, PostStyle()) == "ex.com reports:"


def test_line_breaks_and_list_items_in_the_quote(tmp_path: Path) -> None:
    post = Post(
        title="T",
        created=EXAMPLE_DATE,
        source_url="https://ex.com/a",
        source_words=9,
        quotes=(Quote(1, "p", "line one\nline two"), Quote(2, "item", "a point")),
    )
    body = render(post).split("+++\n\n", 1)[1]
    assert "> line one\\\n> line two\n>\n> - a point\n" in body
