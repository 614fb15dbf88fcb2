"""What kind of page furniture a line of text looks like, read from the line alone: a label, a row of
share buttons, a byline, a dateline, a picture's caption or credit, a promotion, a link to another
story. The words live in data/furniture.toml, data/bylines.toml and data/dates.toml; the shapes
(a count of photos, a line in brackets, names after "by") are the same in every language.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Set as AbstractSet

from clipper.extraction.words import alternation, byline, lists
from clipper.text import plain, word_count

FURNITURE_MAX_WORDS = 14
LINK_BOX_MAX_WORDS = 80
CREDIT_MAX_WORDS = 25
CJK_CAPTION_MAX_WORDS = 120  # a character a word
PROMO_MAX_WORDS = 40
TOPICS_MAX_WORDS = 40


@functools.cache
def _furniture_line() -> re.Pattern[str]:
    """A line that opens with "Continue reading" or "Share this", a label that ends where it stands
    ("Advertisement", "Most read", "Comments (12)"), or a sharing word with a few more ("Teilen auf
    Facebook"); a sentence that opens with a label's word ("Advertising revenue fell…") is not."""
    words = lists("furniture")
    return re.compile(
        rf"^\W*(?:(?:{alternation(words['openers'] | words['prompts'])})(?:\b|(?<=:)|$)"
        rf"|(?:{alternation(words['labels'])})[\W\d]*$"
        rf"|(?:{alternation(words['share'])})(?:\s+\S+){{0,3}}$)",
        re.I,
    )


@functools.cache
def _share_line() -> re.Pattern[str]:
    """A row of share buttons: nothing but the names of networks and sharing words."""
    return re.compile(rf"^\W*((?:{alternation(lists('furniture')['share_buttons'])})\W*)+$", re.I)


@functools.cache
def _notice() -> re.Pattern[str]:
    """Notices that are furniture at any length: the reprint notice, a line that is only an address."""
    return re.compile(rf"^\W*(?:{alternation(lists('furniture')['notices'])}|https?://\S+$)", re.I)


@functools.cache
def _topics() -> re.Pattern[str]:
    """The label of the article's topics or tags, alone or with its colon: "Topics: …", "Schlagworte:"."""
    return re.compile(rf"^\W*(?:{alternation(lists('furniture')['topics'])})\s*(?:[:：]|$)", re.I)


def is_furniture(text: str) -> bool:
    """True for a short line of page furniture: share buttons, 'Continue reading', 'Advertisement',
    a bare label such as 'More:', a list of topics; and for a reprint notice or a bare address."""
    return line_kind(text) in ("label", "share", "notice")


@functools.cache
def _picture_credit() -> re.Pattern[str]:
    """A picture's credit standing alone: "(All photos: Atlas staff)", "Photo: Reuters", "Fotos von
    dpa", "Image © Jane Doe"; the picture word, then a colon, "by" or a copyright sign."""
    words = lists("furniture")["pictures"]
    by = alternation(lists("bylines")["by"])
    return re.compile(rf"^\W*(?:{alternation(words)})\s*(?:[:：=©|]|(?:{by})\s)", re.I)


@functools.cache
def _cjk_caption() -> re.Pattern[str]:
    """How a caption opens in Chinese and Japanese: "图为…" (the picture shows), "图注：", "写真："."""
    return re.compile(rf"^[\s(（\[【]*(?:{alternation(lists('furniture')['caption_openers'])})")


@functools.cache
def _credit_at_end() -> re.Pattern[str]:
    """A picture's credit in brackets closing a caption, after the caption's last sentence or in a
    credit's shape: "(credit: NASA)", "(AP Photo/Jo Lee)", "Baikonur. (Jo Lee/Roscosmos photo via AP)"."""
    words = alternation(lists("furniture")["pictures"])
    after_sentence = rf"[.!?]\s*\((?:[^()]*\W)?(?:{words})(?:\W[^()]*)?\)$"
    credit_shape = rf"\((?:[^()]*\W)?(?:{words})(?:\s*[:/]|\s+(?:by|via|courtesy)\b)[^()]*\)$"
    return re.compile(rf"\S.*(?:{after_sentence}|{credit_shape})", re.I | re.S)


def is_credited_caption(text: str) -> bool:
    """True for a caption that ends with the picture's credit: "The stage at the plant. (credit: NASA)"."""
    return word_count(text) <= CREDITED_MAX_WORDS and bool(_credit_at_end().match(text.strip()))


CREDITED_MAX_WORDS = 100


def is_caption_line(text: str, words: int | None = None) -> bool:
    """True for a picture's credit ("(All photos: Atlas staff)", "Foto: dpa"), a caption that ends
    with one, a caption in Chinese or Japanese ("图为…", "图注：…"), and a gallery's label with its
    count of pictures ("Gallery: Xbox One X | 14 Photos"). `words`: the line's word count."""
    words = word_count(text) if words is None else words
    if words <= CREDIT_MAX_WORDS and _picture_credit().match(text):
        return True
    if words <= CJK_CAPTION_MAX_WORDS and _cjk_caption().match(text):
        return True
    if words <= FURNITURE_MAX_WORDS and _gallery().search(text):
        return True
    return words <= CREDITED_MAX_WORDS and bool(_credit_at_end().match(text.strip()))


@functools.cache
def _gallery() -> re.Pattern[str]:
    """A count of pictures ending the line ("| 14 Photos", "(12 Bilder)"), or a gallery's label
    with a colon opening it."""
    words = alternation(lists("furniture")["gallery"])
    return re.compile(rf"(?:\d+\s+(?:{words})\W*$|^\W*(?:{words})\s*[:：|])", re.I)


@functools.cache
def _promo_words() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(lists('furniture')['promo'])})(?!\w)", re.I)


_SET_APART = re.compile(r"^\s*[\[(（【].*[\])）】][.!]?\s*$", re.S)


@functools.cache
def _call() -> re.Pattern[str]:
    """A call to action closing a line: its last sentence opens with "Sign up", "Subscribe"…"""
    return re.compile(rf"(?:^|[.!?:]\s+)(?:{alternation(lists('furniture')['calls'])})\b[^.!?]*[.!?]?\s*$", re.I)


def is_promo(text: str, links: AbstractSet[str] = frozenset(), words: int | None = None) -> bool:
    """True for a short promotion of the publisher's newsletters, apps and alerts, set apart from
    the article: the whole line in brackets ("[What you need to know to start the day: sign up]"),
    ending in a link's text ("Get breaking news alerts: Download our app"), or in a call to action
    ("… is the preferred reading of finance professionals. Sign up for the free daily newsletter.")."""
    if (word_count(text) if words is None else words) > PROMO_MAX_WORDS or not _promo_words().search(text):
        return False
    if _SET_APART.match(text) or _call().search(text):
        return True
    folded = plain(text).split()
    return any(" ".join(folded[i:]) in links for i in range(1, len(folded) - 1))


@functools.cache
def _link_label() -> re.Pattern[str]:
    """The label in front of a link's text ("Related: …", "Read more » …", "Revivez …")."""
    return re.compile(rf"^\W*(?:{alternation(lists('furniture')['link_labels'])})\s*[:|»›>-]?\s*", re.I)


def is_link_box(text: str, links: AbstractSet[str]) -> bool:
    """True for a short block that is only the text of a link on the page, a related story or a
    teaser, with or without a label in front ("Related: …")."""
    if not links or text.count(" ") >= LINK_BOX_MAX_WORDS:
        return False
    return plain(text) in links or plain(_link_label().sub("", text, count=1)) in links


_BYLINE_TAIL = re.compile(r"\s(by|von|par|por)\s+[\w\s.'-]{2,60}$", re.I)
READING_TIME = re.compile(
    r"(\d+\s*-?\s*(min|minute|minutes|mins|minuto|minutos|minuten)\b.{0,12}$)|"
    r"^\W*(reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|lettura)\b",
    re.I,
)


def is_byline(text: str) -> bool:
    """True for "By Jane Doe", "Posted by Jo Lee, Engineer", "Par Jean Dupont, 5 mars", "Texto: João
    Silva"; not for a sentence that opens with the same word ("By the end of the day…", "De nombreux
    habitants…"): what follows "by", up to a date, must read as names, mostly capitalised words."""
    match = byline().match(text)
    if not match:
        return False
    if match.group("by") is None:  # a label ("Author:", "文：") or a name then "reporter"
        return True
    known = lists("dates")
    words: list[str] = []
    for word in re.findall(r"[^\W_][\w'.-]*", text[match.end() - 1 :]):
        folded = word.casefold()
        if any(c.isdigit() for c in word) or folded in known["months"] or folded in known["weekdays"]:
            break  # "By Jo Lee on Monday, November 18th": the date is no name
        words.append(word)
    while words and words[-1].casefold() in known["fillers"]:
        words.pop()
    capitalised = [w for w in words if w[:1].isupper() or w.casefold() in ("and", "und", "et", "y", "e")]
    return bool(words) and len(capitalised) >= 0.6 * len(words)


_SEGMENTS = re.compile(r"\s*[|•·]\s*")
DATELINE_OTHER_WORDS = 3


def is_dateline(text: str) -> bool:
    """True for a line of dates, times and an optional byline: `5:45 AM PST 11/19/2019 by Jo Bloggs`,
    `Mittwoch, 20. November 2019, 14:32 Uhr`, `22 de outubro de 2010 às 20:13`; also for one set in
    parts, with a byline and the publication's name among them (`Le Monde | 04.05.2015 | Par …`)."""
    segments = [s for s in _SEGMENTS.split(text) if s.strip()]
    if len(segments) <= 1:
        return _dated(text)
    rest = [s for s in segments if not _dated(s) and not is_byline(s)]
    return len(rest) < len(segments) and sum(word_count(s) for s in rest) <= DATELINE_OTHER_WORDS


def _dated(text: str) -> bool:
    """True for dates and times with at most one other word (and a byline after them)."""
    known = lists("dates")
    words = [w.casefold() for w in re.findall(r"\w+", _BYLINE_TAIL.sub(" ", text))]
    dated = [w for w in words if any(c.isdigit() for c in w) or w in known["months"] or w in known["weekdays"]]
    other = [w for w in words if w not in dated and w not in known["fillers"]]
    return bool(dated) and len(other) <= 1


def line_kind(text: str, links: AbstractSet[str] = frozenset(), anchors: AbstractSet[str] = frozenset()) -> str | None:
    """The kind of furniture a line is, by its text alone: "notice", "label" (including a list of
    topics), "share", "caption" (a caption or a picture's credit), "promo", "link" (a link to another
    story), or None for a line that may be article text. `links` are the texts of the page's links
    to other pages of the site, `anchors` those of all its links."""
    if _notice().match(text):
        return "notice"
    words = word_count(text)
    if words <= FURNITURE_MAX_WORDS:
        if words <= 2 and text.rstrip().endswith(":"):
            return "label"
        if _share_line().match(text):
            return "share"
        if _furniture_line().match(text):
            return "label"
    if words <= TOPICS_MAX_WORDS and _topics().match(text):
        return "label"
    if words <= CJK_CAPTION_MAX_WORDS and is_caption_line(text, words):
        return "caption"
    if words <= PROMO_MAX_WORDS and is_promo(text, anchors or links, words):
        return "promo"
    if words <= LINK_BOX_MAX_WORDS and is_link_box(text, links):
        return "link"
    return None
