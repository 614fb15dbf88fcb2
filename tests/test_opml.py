"""OPML: importing and exporting subscriptions, and refusing hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest

from clipper.errors import ContentError, FileError
from clipper.sources.opml import Outline, import_outlines, load_opml, read_opml, write_opml
from clipper.sources.subscriptions import FeedStore, store_path

READER_EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News">
      <outline type="rss" text="World &amp; Politics" title="World &amp; Politics"
               xmlUrl="https://news.example/world/rss.xml" htmlUrl="https://news.example/world/"/>
      <outline type="rss" text="Science" xmlUrl="https://science.example/feed.atom"/>
    </outline>
    <outline type="rss" text="Ünïcode blog" xmlUrl="https://blog.example/feed.json" htmlUrl="https://blog.example/"/>
    <outline type="link" text="Just a link" url="https://example.org/"/>
  </body>
</opml>
"""
EXPECTED = [
    Outline(url="https://news.example/world/rss.xml", title="World & Politics", site_url="https://news.example/world/"),
    Outline(url="https://science.example/feed.atom", title="Science"),
    Outline(url="https://blog.example/feed.json", title="Ünïcode blog", site_url="https://blog.example/"),
]


def store(tmp_path: Path, name: str) -> FeedStore:
    return FeedStore(store_path(tmp_path / name))


def test_import_then_export_gives_the_same_subscriptions(tmp_path: Path) -> None:
    assert read_opml(READER_EXPORT.encode(), "feeds.opml") == EXPECTED
    first = store(tmp_path, "one")
    imported = import_outlines(first, EXPECTED)
    assert [sub.name for sub in imported.added] == ["World & Politics", "Science", "Ünïcode blog"]
    exported = write_opml(first.subscriptions())
    assert sorted(read_opml(exported.encode(), "export"), key=lambda o: o.url) == sorted(EXPECTED, key=lambda o: o.url)
    second = store(tmp_path, "two")
    import_outlines(second, read_opml(exported.encode(), "export"))
    again = [(s.name, s.url, s.site_url) for s in second.subscriptions()]
    assert again == [(s.name, s.url, s.site_url) for s in first.subscriptions()]
    assert exported.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')


def test_import_skips_what_is_followed_or_not_on_the_web(tmp_path: Path) -> None:
    feeds = store(tmp_path, "blog")
    feeds.add("https://science.example/feed.atom", "Science news")
    outlines = [
        *EXPECTED,
        Outline(url="file:///etc/passwd", title="local"),
        Outline(url="https://www.news.example/world/rss.xml", title="x"),
    ]
    imported = import_outlines(feeds, outlines)
    assert [sub.name for sub in imported.added] == ["World & Politics", "Ünïcode blog"]
    assert [(o.url, why) for o, why in imported.skipped] == [
        ("https://science.example/feed.atom", "already followed, as Science news"),
        ("file:///etc/passwd", "not an http(s) address"),
        ("https://www.news.example/world/rss.xml", "already followed, as World & Politics"),
    ]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<opml version="2.0"><head/><body><outline text="&lol9;" xmlUrl="https://a.example/feed"/></body></opml>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<opml version="2.0"><head/><body><outline text="&secret;" xmlUrl="https://a.example/feed"/></body></opml>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_entity_declarations_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "hostile.opml"
    path.write_text(text)
    with pytest.raises(ContentError, match=r"hostile.opml: refused: the file declares XML entities"):
        load_opml(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<opml><body><outline", "not an OPML file \\(broken XML"),
        (b'<rss version="2.0"><channel/></rss>', "not an OPML file \\(no <opml>"),
        (b"", "not an OPML file"),
    ],
)
def test_what_is_not_opml_is_one_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "feeds.opml"
    path.write_bytes(data)
    with pytest.raises(ContentError, match=message) as caught:
        load_opml(path)
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="no such file"):
        load_opml(tmp_path / "nowhere.opml")
