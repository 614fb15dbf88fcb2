"""Page text must come out of the post as the same visible text and nothing more."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from clipper.posts.markdown import blockquote, escape, link

MD = MarkdownIt("commonmark")
ALLOWED = {"blockquote", "p", "br", "ul", "li"}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown: str) -> _Collect:
    parser = _Collect()
    parser.feed(MD.render(markdown))
    return parser


def normal(text: str) -> str:
    """Visible text: whitespace collapsed, control characters (which the post drops) removed."""
    return " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text).split())


def as_extracted(text: str) -> str:
    """Text as extraction hands it over: lines with collapsed whitespace, no empty lines."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "*bold* _em_ **strong** `code` ~~strike~~",
    "---",
    "+++",
    "# Not a heading",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "{{< shortcode >}} and {% liquid %} and {: .attr}",
    "[ref]: https://example.org",
    "&amp; &copy; &#169;",
    "a | table | row",
    "back\\slash at the end\\",
    "![image](x.png)",
    "<https://example.org>",
    "=====",
    "$x$ and $$y$$",
]


def check(text: str) -> None:
    out = rendered(blockquote([("p", text)]))
    assert set(out.tags) <= ALLOWED, (text, out.tags)
    assert not out.attrs, (text, out.attrs)
    assert normal("".join(out.text)) == normal(text.replace("\n", " ")), text


def test_hostile_examples_stay_text() -> None:
    for text in HOSTILE:
        check(text)
    check("\n".join(HOSTILE))


def test_template_tags_and_autolinks_are_broken_up() -> None:
    text = "{{< x >}} {% y %} see https://evil.example and www.evil.example or me@evil.example"
    escaped = escape(text)
    for needle in ("{{", "{%", "://", "www.", "@evil"):
        assert needle not in escaped
    check(text)  # and a reader still sees every character of it, as text


def test_link_text_and_target() -> None:
    out = rendered(link("[Continue reading…]", "https://ex.com/a (b)?q=<x>"))
    assert out.tags == ["p", "a"]
    assert "".join(out.text).strip() == "[Continue reading…]"
    assert ("href", "https://ex.com/a%20%28b%29?q=%3Cx%3E") in out.attrs


MARKUP_CHARS = st.sampled_from([*"*_[]()<>`#+-=:|~!{}%&;\\/.@$^\"' \n", "http://", "www.", "&amp;", "1.", "<a>"])


@settings(
    max_examples=int(os.environ.get("CLIPPER_FUZZ_EXAMPLES", "400")),
    deadline=None,
    derandomize="CLIPPER_FUZZ_EXAMPLES" not in os.environ,  # the suite's run is the same every time
)
@given(st.lists(st.one_of(MARKUP_CHARS, st.text(min_size=1, max_size=4)), min_size=1, max_size=30).map("".join))
def test_any_text_round_trips(raw: str) -> None:
    text = as_extracted(raw)
    if text:
        check(text)


def test_a_line_of_control_characters_is_no_line() -> None:
    check("0\n\x08")
    check("\x01\nfirst\n\x02\x03\nsecond")
