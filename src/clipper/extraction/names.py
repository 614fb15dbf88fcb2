"""What a publication's name looks like: its place in a title ("Headline | Site"), the domain it
resembles, and what around it is no part of it (a company's legal form, a platform's credit, a
tagline, an address ending, a lone generic word)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from clipper.extraction.words import group, separators, words
from clipper.text import squash
from clipper.web.urls import host

SITE_PREFIX = re.compile(r"^([^:|]{2,40}):\s+\S")  # "The Space Review: Headline"
AFFIX_MAX_WORDS = 5
DOMAIN_SUFFIX = re.compile(r"\.(com|net|org|co|uk|de|fr|io|info|news|ru|jp|it|es|br|au|ca|in)(\.[a-z]{2})?$", re.I)
HOST_SPELLED = re.compile(r"^(?:www\.)?([a-z0-9-]+\.)+[a-z]{2,}$", re.I)
_UNPRINTED = frozenset({"Co", "Cf", "Cc", "Cs", "So"})  # private use (icon fonts), format, control, symbols
_NOT_A_NAME = re.compile(r"://|copyright|©|all rights reserved", re.I)
# the small words of names and titles, in lower case even in a name ("Diário de Notícias")
_SMALL_WORDS = frozenset("a an the of and for in on at to de da do di du del la le el y et und van von".split())  # noqa: SIM905


def usable_name(
    value: str | None, url: str, label: str, shown: set[str] | None = None, *, slug_ok: bool = False
) -> str | None:
    """The name in a statement, or None for a handle, a URL, a copyright line, a tagline alone, a
    generic word ("Magazine", "Home"), or the bare host label in lower case ("cleveland",
    "nytimes"), which is a slug, not a name, unless the title shows it so ("topicseed")."""
    if not value or value.startswith("@") or _NOT_A_NAME.search(value):
        return None
    value = "".join(c for c in value if unicodedata.category(c) not in _UNPRINTED)  # an icon font's glyph
    name = name_part(value.removeprefix("www.").strip(" _|:-"), url)
    if name:
        name = plain_name(name)
    if not name:
        return None
    if not slug_ok and name.islower() and squash(name) == label and name not in (shown or ()):
        return None
    if _reads_as_tagline(name) and not resembles_domain(name, url, label):
        return None  # "Expert how-to for English Riders", "Just another WordPress site"
    if is_generic(name) and not resembles_domain(name, url, label):
        return None
    return name


@lru_cache(maxsize=1)
def _logo() -> re.Pattern[str]:
    logo, linking = group(words("names", "logo")), group(words("names", "logo_linking"))
    return re.compile(rf"^\W*{logo}(?:\s+{linking})?\s+|\s+{logo}\W*$", re.I)


def logo_name(text: str) -> str:
    """The name in a logo's alt text: "taz logo" -> "taz", "Logo of The Courier" -> "The Courier"."""
    return re.sub(r"['’]s$", "", _logo().sub("", text).strip())  # "cleveland’s Logo"


@lru_cache(maxsize=1)
def _opinion_labels() -> frozenset[str]:
    return frozenset(squash(w) for w in words("names", "opinion"))


def is_opinion_label(text: str) -> bool:
    """True for the name of the opinion pages: "Opinion", "Meinung", "Tribune", "op-ed"."""
    return squash(text) in _opinion_labels()


_ANY_ENDING = re.compile(r"(?:\.(?:co|com|org|net|ac|gov))?\.[a-z]{2,6}$", re.I)


@lru_cache(maxsize=4096)
def key(name: str) -> str:
    """Names that differ only by case, accents, spacing or a domain ending ("MacRumors",
    "MacRumors.com", "dagbladet.no" and "Dagbladet", "LA NACION" and "La Nación") are one name."""
    return folded(_ANY_ENDING.sub("", name) if HOST_SPELLED.match(name) else DOMAIN_SUFFIX.sub("", name))


def initials(name: str) -> str:
    """The initials of a name of several words, its small words left out: "The Wall Street Journal"
    -> "wsj"."""
    found = [w for w in re.findall(r"\w+", name) if w.casefold() not in _SMALL_WORDS]
    return "".join(w[0] for w in found).casefold() if len(found) >= 2 else ""


@lru_cache(maxsize=4096)
def folded(text: str) -> str:
    """Letters and digits without accents, case folded: "Aktuálně" -> "aktualne"."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return squash("".join(c for c in text if not unicodedata.combining(c)))


def _spelled_out(text: str) -> str:
    """German's letters as an address spells them: "Börsen" -> "boersen"."""
    return folded(text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    return words("names", "organisation") | words("names", "generic")


def is_generic(name: str) -> bool:
    """A word that names no publication by itself: "Magazine", "News", "Home", "Startseite"."""
    return name.casefold().strip(" .") in _generic_words()


@lru_cache(maxsize=1)
def _legal_forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The legal forms after a company's name: those abbreviated ("Inc.", "LLC", "GmbH"), and those
    that are words ("Company", "Limited"), which are a brand's own word as often ("Fast Company")."""
    forms = words("names", "legal")
    spelled = {f for f in forms if f.isalpha() and len(f) >= 5}
    return (
        re.compile(rf",?\s+{group(forms - spelled)}$", re.I),
        re.compile(rf",?\s+{group(spelled)}$", re.I),
    )


def without_legal_form(name: str) -> str:
    """The name without a legal form that is a word ("Acme Company" -> "Acme"): to be used only where
    the name stands without it elsewhere on the page."""
    return _legal_forms()[1].sub("", name).strip(" ,")


@lru_cache(maxsize=1)
def _platform_credit() -> re.Pattern[str]:
    return re.compile(rf"\s+{group(words('names', 'platform_credit'))}\s+.*$", re.I)


def plain_name(name: str) -> str:
    """A name without an abbreviated legal form ("Spiceworks Inc", "WebMD, LLC"), a platform's credit
    ("Fandom powered by Wikia"), the address ending of a name of several words ("Le Monde.fr"; a
    one-word brand keeps its own, "Golem.de") or one set in capitals ("TMZ.COM")."""
    name = _platform_credit().sub("", _legal_forms()[0].sub("", name)).strip(" ,")
    if HOST_SPELLED.match(name) and name.isupper() and name.count(".") == 1:
        name = name.split(".")[0]  # "TMZ.COM": the name, shouted as an address
    elif " " in name and DOMAIN_SUFFIX.search(name) and not HOST_SPELLED.match(name):
        name = DOMAIN_SUFFIX.sub("", name).strip()
    return name


def handle_name(value: str | None) -> str | None:
    """ "@Yahoo" -> "Yahoo": a capitalised handle is a name; "@nytimes" stays a handle."""
    if value and value.startswith("@") and not value[1:].islower() and " " not in value:
        return value[1:]
    return value


def _reads_as_tagline(name: str) -> bool:
    """A phrase rather than a name: four words or more, one of them (not counting the small words)
    in lower case, as in "Expert how-to for English Riders"."""
    found = name.split()
    return len(found) >= 4 and any(w[:1].islower() and w.casefold() not in _SMALL_WORDS for w in found)


def resembles_domain(name: str, url: str, label: str, *, subdomains: bool = True) -> bool:
    """True when a name and the site's domain look alike: "The Verge" and theverge.com,
    "Connecticut Post" and ctpost.com (the domain's letters in order), "The Jerusalem Post" and
    jpost.com, "AP" and ap.org; with `subdomains`, also a name a subdomain spells (a blog on a
    platform: siliconexposed.blogspot.com)."""
    label = squash(label)
    if not label:
        return False
    where = squash(host(url)) if subdomains else label
    found = name.split()
    bare = " ".join(found[1:]) if len(found) > 1 and found[0].casefold() in _SMALL_WORDS else ""
    for sq in {f(text) for text in (name, bare) if text for f in (folded, _spelled_out)} - {""}:
        if (len(sq) >= 3 and sq in where) or label in sq or (len(label) >= 5 and sq[:5] == label[:5]):
            return True
        if _in_order(label, sq):
            return True
    return False


def _in_order(label: str, name: str) -> bool:
    """The domain's letters in the name's order, from its first: "ctpost" in "connecticutpost"."""
    letters = iter(name)
    return name[0] == label[0] and all(ch in letters for ch in label)


def host_label(url: str) -> str:
    """The label before the public suffix: theguardian in www.theguardian.com, bbc in bbc.co.uk."""
    labels = host(url).split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net", "ac", "gov", "ne", "or"):
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


def name_part(value: str, url: str) -> str | None:
    """From "Mozilla Hacks – the Web developer blog", the part that names the site."""
    parts = [p.strip() for p in separators(in_names=True).split(value) if p.strip()]
    if not parts:
        return None
    label = squash(host(url).replace(".", " ")) if url else ""
    for part in parts:
        if label and squash(part) and (squash(part) in label or label.startswith(squash(part)[:5])):
            return part
    if url and len(parts) > 1:
        found = next((p for p in parts if resembles_domain(p, url, host_label(url))), None)
        if found:
            return found  # "Local news | The Harbour Post" at harbourpost.example
    name = parts[0]
    return name if len(name) <= 60 and len(name.split()) <= 8 else None


def title_parts(title: str | None) -> list[str]:
    """A title cut at its separators: "Headline | Section | Site" -> three parts."""
    return [p.strip() for p in separators().split(title or "") if p.strip()]


def title_affixes(title: str | None, *, prefix_only: bool = False) -> list[str]:
    """The short parts before and after the headline in a title: "Headline | Site", "Site: Headline"."""
    if not title:
        return []
    parts = title_parts(title)
    found = [parts[-1], parts[0]] if len(parts) >= 2 and not prefix_only else []
    prefix = SITE_PREFIX.match(title)
    if prefix:
        found.append(prefix.group(1))
    return [p for p in found if len(p.split()) <= AFFIX_MAX_WORDS]
