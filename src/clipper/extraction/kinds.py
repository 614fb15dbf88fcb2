"""What kind of page furniture a line of text looks like, read from the line alone: a label, a row of
share buttons, a byline, a dateline, a picture's caption or credit, a promotion, a link to another
story. The words live in data/furniture.toml, data/bylines.toml and data/dates.toml; the shapes
(a count of photos, a line in brackets, names after "by") are the same in every language.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from clipper.extraction import bylines
from clipper.extraction.article import LineKind
from clipper.extraction.words import at_end, boundary, fold, is_word, phrases, skip
from clipper.extraction.words import words as word_list
from clipper.text import plain, word_count

FURNITURE_MAX_WORDS = 14
LINK_BOX_MAX_WORDS = 80
CREDIT_MAX_WORDS = 25
CJK_CAPTION_MAX_WORDS = 120  # a character a word
CREDITED_MAX_WORDS = 100
PROMO_MAX_WORDS = 40
TOPICS_MAX_WORDS = 40
SHARE_MAX_EXTRA = 3  # "Teilen auf Facebook": a sharing word and a few more


def line_kind(
    text: str, links: AbstractSet[str] = frozenset(), anchors: AbstractSet[str] = frozenset()
) -> LineKind | None:
    """The kind of furniture a line is, by its text alone: "notice", "label" (including a list of
    topics), "share", "caption" (a caption or a picture's credit), "promo", "link" (a link to another
    story), or None for a line that may be article text. `links` are the texts of the page's links
    to other pages of the site, `anchors` those of all its links."""
    folded = fold(text)
    if _is_notice(text, folded):
        return "notice"
    words = word_count(text)
    if words <= FURNITURE_MAX_WORDS:
        if words <= 2 and text.rstrip().endswith(":"):
            return "label"
        if _is_share_row(text, folded):
            return "share"
        if _is_furniture_line(text, folded):
            return "label"
    if words <= TOPICS_MAX_WORDS and _is_topics(text, folded):
        return "label"
    if words <= CJK_CAPTION_MAX_WORDS and is_caption_line(text, words):
        return "caption"
    if words <= PROMO_MAX_WORDS and is_promo(text, anchors or links, words):
        return "promo"
    if words <= LINK_BOX_MAX_WORDS and is_link_box(text, links):
        return "link"
    return None


_ADDRESS = re.compile(r"^\W*https?://\S+$", re.I)


def _is_notice(text: str, folded: str) -> bool:
    """Notices that are furniture at any length: the reprint notice, a line that is only an address."""
    return any(phrases("furniture", "notices").opening(text, folded)) or bool(_ADDRESS.match(text))


def _is_furniture_line(text: str, folded: str) -> bool:
    """A line that opens with "Continue reading" or "Share this", a label that ends where it stands
    ("Advertisement", "Most read", "Comments (12)"), or a sharing word with a few more ("Teilen auf
    Facebook"); a sentence that opens with a label's word ("Advertising revenue fell…") is not."""
    for end in phrases("furniture", "openers", "prompts").opening(text, folded):
        if boundary(text, end) or text[end - 1] == ":" or at_end(text, end):
            return True
    for end in phrases("furniture", "labels").opening(text, folded):
        if all(not is_word(ch) or ch.isdecimal() for ch in text[end:]):
            return True
    for end in phrases("furniture", "share").opening(text, folded):
        rest = text[end:]
        if any(_few_words(r) for r in (rest, rest[:-1] if rest.endswith("\n") else None) if r is not None):
            return True
    return False


def _few_words(rest: str) -> bool:
    """True for nothing, or up to SHARE_MAX_EXTRA words each after white space."""
    return not rest or (rest[0].isspace() and not rest[-1].isspace() and len(rest.split()) <= SHARE_MAX_EXTRA)


def _is_share_row(text: str, folded: str) -> bool:
    """A row of share buttons: nothing but the names of networks and sharing words."""
    buttons = phrases("furniture", "share_buttons")
    starts = set(range(skip(text, 0, _no_word) + 1))
    seen: set[int] = set()
    while starts:
        at = starts.pop()
        seen.add(at)
        for end in buttons.ends(folded, at):
            after = skip(text, end, _no_word)
            if after == len(text):
                return True
            starts.update(set(range(end, after + 1)) - seen)
    return False


def _no_word(ch: str) -> bool:
    return not is_word(ch)


def _is_topics(text: str, folded: str) -> bool:
    """The label of the article's topics or tags, alone or with its colon: "Topics: …", "Schlagworte:"."""
    for end in phrases("furniture", "topics").opening(text, folded):
        colon = skip(text, end)
        if colon == len(text) or text[colon] in ":：":
            return True
    return False


def is_caption_line(text: str, words: int | None = None) -> bool:
    """True for a picture's credit ("(All photos: Atlas staff)", "Foto: dpa"), a caption that ends
    with one, a caption in Chinese or Japanese ("图为…", "图注：…"), and a gallery's label with its
    count of pictures ("Gallery: Xbox One X | 14 Photos"). `words`: the line's word count."""
    words = word_count(text) if words is None else words
    folded = fold(text)
    if words <= CREDIT_MAX_WORDS and _is_picture_credit(text, folded):
        return True
    if words <= CJK_CAPTION_MAX_WORDS and any(phrases("furniture", "caption_openers").opening(text, text, _cjk_lead)):
        return True
    if words <= FURNITURE_MAX_WORDS and _is_gallery(text, folded):
        return True
    return words <= CREDITED_MAX_WORDS and _is_credited(text.strip())


def _cjk_lead(ch: str) -> bool:
    return ch.isspace() or ch in "(（[【"


def _is_picture_credit(text: str, folded: str) -> bool:
    """A picture's credit standing alone: "(All photos: Atlas staff)", "Photo: Reuters", "Fotos von
    dpa", "Image © Jane Doe"; the picture word, then a colon, "by" or a copyright sign."""
    by = phrases("bylines", "by")
    for end in phrases("furniture", "pictures").opening(text, folded):
        mark = skip(text, end)
        if mark < len(text) and text[mark] in ":：=©|":
            return True
        if any(after < len(text) and text[after].isspace() for after in by.ends(folded, mark)):
            return True
    return False


def _is_credited(text: str) -> bool:
    """A caption closed by its picture's credit in brackets, after the caption's last sentence or in a
    credit's shape: "(credit: NASA)", "(AP Photo/Jo Lee)", "Baikonur. (Jo Lee/Roscosmos photo via AP)".
    `text` is stripped."""
    opened = text.rfind("(")
    if opened < 1 or not text.endswith(")") or ")" in text[opened + 1 : -1]:
        return False
    inside = text[opened + 1 : -1]
    folded = fold(inside)
    before = text[:opened].rstrip()
    after_sentence = len(before) >= 2 and before[-1] in ".!?"
    links = phrases("furniture", "credit_links")
    for at in range(len(inside)):
        if at and is_word(inside[at - 1]):
            continue
        for end in phrases("furniture", "pictures").ends(folded, at):
            if after_sentence and (end == len(inside) or not is_word(inside[end])):
                return True
            mark = skip(inside, end)
            if mark < len(inside) and inside[mark] in ":/":
                return True
            if mark > end and any(boundary(inside, e) for e in links.ends(folded, mark)):
                return True
    return False


def _is_gallery(text: str, folded: str) -> bool:
    """A count of pictures ending the line ("| 14 Photos", "(12 Bilder)"), or a gallery's label
    with a colon opening it."""
    gallery = phrases("furniture", "gallery")
    for number in re.finditer(r"\d\s+", text):
        for end in gallery.ends(folded, number.end()):
            if all(not is_word(ch) for ch in text[end:]):
                return True
    for end in gallery.opening(text, folded):
        mark = skip(text, end)
        if mark < len(text) and text[mark] in ":：|":
            return True
    return False


_SET_APART = re.compile(r"^\s*[\[(（【].*[\])）】][.!]?\s*$", re.S)


def is_promo(text: str, links: AbstractSet[str] = frozenset(), words: int | None = None) -> bool:
    """True for a short promotion of the publisher's newsletters, apps and alerts, set apart from
    the article: the whole line in brackets ("[What you need to know to start the day: sign up]"),
    ending in a link's text ("Get breaking news alerts: Download our app"), or in a call to action
    ("… is the preferred reading of finance professionals. Sign up for the free daily newsletter.")."""
    if (word_count(text) if words is None else words) > PROMO_MAX_WORDS:
        return False
    folded = fold(text)
    if next(phrases("furniture", "promo").spans(text, folded), None) is None:
        return False
    if _SET_APART.match(text) or _ends_in_call(text, folded):
        return True
    parts = plain(text).split()
    return any(" ".join(parts[i:]) in links for i in range(1, len(parts) - 1))


_CALL_AFTER = re.compile(r"[.!?:]\s+")


def _ends_in_call(text: str, folded: str) -> bool:
    """A call to action closing a line: its last sentence opens with "Sign up", "Subscribe"…"""
    calls = phrases("furniture", "calls")
    for at in (0, *(m.end() for m in _CALL_AFTER.finditer(text))):
        for end in calls.ends(folded, at):
            if not boundary(text, end):
                continue
            rest = text[end:].rstrip()
            rest = rest[:-1] if rest.endswith((".", "!", "?")) else rest
            if not any(ch in ".!?" for ch in rest):
                return True
    return False


def without_link_label(text: str) -> str:
    """`text` without the label in front of a link's text ("Related: …", "Read more » …", "Revivez …")."""
    for end in phrases("furniture", "link_labels").opening(text):
        at = skip(text, end)
        if at < len(text) and text[at] in ":|»›>-":
            at += 1
        return text[skip(text, at) :]
    return text


def is_link_box(text: str, links: AbstractSet[str]) -> bool:
    """True for a short block that is only the text of a link on the page, a related story or a
    teaser, with or without a label in front ("Related: …")."""
    if not links or text.count(" ") >= LINK_BOX_MAX_WORDS:
        return False
    return plain(text) in links or plain(without_link_label(text)) in links


def is_reading_time(text: str) -> bool:
    """True for a reading time: "4 min read", "5-minute read", "Lesezeit: 3 Minuten"."""
    folded = fold(text)
    minutes = phrases("furniture", "minutes")
    for at in range(1, len(text)):
        ends = [end for end in minutes.ends(folded, at) if boundary(text, end)]
        if ends and _after_number(text, at) and any(_short_end(text[end:]) for end in ends):
            return True
    return any(boundary(text, end) for end in phrases("furniture", "reading_time").opening(text, folded))


def _after_number(text: str, at: int) -> bool:
    """True when a number stands before `at`, white space and one dash between ("5 min", "5-minute")."""
    start = at
    while start > 0 and (text[start - 1].isspace() or text[start - 1] == "-"):
        start -= 1
    return start > 0 and text[start - 1].isdecimal() and text[start:at].count("-") <= 1


READING_TIME_TAIL = 12  # "4 min read", "3 Minuten Lesezeit"


def _short_end(rest: str) -> bool:
    rest = rest[:-1] if rest.endswith("\n") else rest
    return len(rest) <= READING_TIME_TAIL and "\n" not in rest


def is_byline(text: str) -> bool:
    """True for "By Jane Doe", "Posted by Jo Lee, Engineer", "Par Jean Dupont, 5 mars", "Texto: João
    Silva"; not for a sentence that opens with the same word ("By the end of the day…", "De nombreux
    habitants…"): what follows "by", up to a date, must read as names, mostly capitalised words."""
    found = bylines.opening(text)
    if found is None:
        return False
    kind, start = found
    if kind != "by":  # a label ("Author:", "文：") or a name then "reporter"
        return True
    dated = word_list("dates", "months", "weekdays")
    names: list[str] = []
    for word in re.findall(r"[^\W_][\w'.-]*", text[start:]):
        folded = word.casefold()
        if any(c.isdigit() for c in word) or folded in dated:
            break  # "By Jo Lee on Monday, November 18th": the date is no name
        names.append(word)
    fillers = word_list("dates", "fillers")
    while names and names[-1].casefold() in fillers:
        names.pop()
    joiners = word_list("bylines", "joiners", "initial_joiners")
    capitalised = [w for w in names if w[:1].isupper() or w.casefold() in joiners]
    return bool(names) and len(capitalised) >= 0.6 * len(names)


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
    dated_words = word_list("dates", "months", "weekdays")
    found = [w.casefold() for w in re.findall(r"\w+", text[: _byline_after(text)])]
    dated = [w for w in found if any(c.isdigit() for c in w) or w in dated_words]
    other = [w for w in found if w not in dated and w not in word_list("dates", "fillers")]
    return bool(dated) and len(other) <= 1


BYLINE_TAIL_CHARS = (2, 60)  # the names after "by" at a dateline's end


def _byline_after(text: str) -> int:
    """Where a byline after a dateline's dates starts (" by Jo Bloggs" at its end), else its end."""
    folded = fold(text)
    by = phrases("bylines", "dateline_by")
    low, high = BYLINE_TAIL_CHARS
    for at in range(len(text) - 1):
        if not text[at].isspace():
            continue
        for end in by.ends(folded, at + 1):
            rest = text[end:]
            for tail in (rest, rest[:-1] if rest.endswith("\n") else None):
                if not tail or not tail[0].isspace() or not all(_in_name(ch) for ch in tail):
                    continue
                lead = skip(tail, 0)
                if len(tail) - 1 >= low and len(tail) - lead <= high:
                    return at
    return len(text)


def _in_name(ch: str) -> bool:
    return is_word(ch) or ch.isspace() or ch in ".'-"
