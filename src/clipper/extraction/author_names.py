"""A person's name in an author statement or a byline, cleaned of what stands around it: "By", a
job title, the date, a social network's link, a separator, the publication or its company, the name
said twice; and whether what is left reads as people's names or an organisation's."""

from __future__ import annotations

import functools
import re
from collections.abc import Set as AbstractSet

from clipper.extraction.names import HOST_SPELLED, host_label, key
from clipper.extraction.words import CJK, byline_prefix, group, month_numbers, words
from clipper.text import squash
from clipper.web.urls import host, split

MAX_NAME_CHARS = 120
_TRAILING_DATE = re.compile(  # months that are also names (May, June, April...) only with digits after
    r"[\s,|·-]+((january|february|july|september|october|november|december)(\W+\d{1,4})*"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(\W+\d{1,4})+"
    r"|(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*"
    r"|(published|updated|posted|last updated)\b.*"
    r"|\d{1,4}(\W+\d{1,4})*)\W*$",
    re.I,
)
_PROFILE = re.compile(r"://|^@|\.[a-z]{2,}/", re.I)  # a profile link or handle, not a name
_PROFILE_AFTER = re.compile(r"\s*[(<\[]\s*(https?://|www\.|@)[^)>\]]*[)>\]]")  # "Jo Bloggs (http://jo.example/)"
_HANDLE = re.compile(r"(?<=\S)\s*@[\w.]+")  # an account's handle after a name
_CREDENTIAL = re.compile(r"^([A-Z]{2,5}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")  # "MS", "RDN", "PhD"
_NAME_PARTICLES = {"and", "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "bin", "al", "y"}
_CJK_NAME = re.compile(f"[{CJK}]{{2,6}}")  # Chinese, Japanese and Korean names set no spaces: "张三"
# Between two people's names; a line's end or a bar between two parts of a byline ("Jane Doe | Sam Levin").
NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\||·|•|\band\b|\bund\b|\bet\b|\by\b)\s*|\s+/\s+")
_ENDS = " ,;|.·•–—-/:"  # what a name neither opens nor closes with: "James Akinaka •"


def author_name(
    value: str | None, site: str | None, url: str, *, person: bool = False, publishers: AbstractSet[str] = frozenset()
) -> str | None:
    """The name(s) in an author statement or byline, or None for what is no one's name. The
    publication's name is none (nor its company's, nor its address; `publishers` are their names),
    unless the page states it as a `person`'s (a personal site named after its author)."""
    if not value:
        return None
    address = _PROFILE_AFTER.search(value)
    if address and url and _home_of(address.group(0).strip(" ()<>[]"), url):
        return None  # "Deutsche Welle (www.dw.com)" on dw.com: the publication and its home page
    value = _PROFILE_AFTER.sub("", value).lstrip("|·•-—:/ ")
    if _PROFILE.search(value):
        return None
    value = _HANDLE.sub("", value)  # "Jane Doe @janedoe": the name and its account
    name = _TRAILING_DATE.sub("", byline_prefix().sub("", value)).strip(_ENDS)
    name = _without_affiliation(name, site, url).strip(_ENDS)
    name = _folded(_without_trailing_month(" ".join(_without_social(name).split()))).strip(_ENDS)
    if not name or len(name) > MAX_NAME_CHARS or _is_no_name(name) or _legal_form().search(name):
        return None
    if is_publisher(name, site, url, publishers) and not (person and reads_as_person(name)):
        return None
    return recased(name)


def names(byline: str) -> list[str]:
    """The people a byline names, each once: "Jo Lee, Al Day and Bo Chan" -> three names."""
    found = [
        recased(part)
        for part in (p.strip(" .") for p in NAME_SEPARATORS.split(byline))
        if part
        and (2 <= len(part.split()) <= 4 or _CJK_NAME.fullmatch(part))
        and reads_as_names(part)
        and not any(c.isdigit() for c in part)
    ]
    once = list({squash(n): n for n in reversed(found)}.values())[::-1]
    # "About Jo Lee", "BiographyJo Lee": a label run into a name said before is that name
    return [n for n in once if not any(squash(o) in squash(n) and o != n for o in once)]


def byline_names(byline: str) -> list[str]:
    """The people a byline names when each of its parts names one (or repeats one with a label,
    "About Jo Lee"): "By Jo Lee and Al Day", not "Jo Lee and Al Day Sioux Falls Argus Leader"."""
    found = names(byline)
    keys = [squash(n) for n in found]
    parts = [squash(recased(p.strip(" ."))) for p in NAME_SEPARATORS.split(byline) if p.strip(" .")]
    return found if found and all(any(k in p for k in keys) for p in parts) else []


_HANDLE_NAME = re.compile(r"^[^\W_][\w.-]{1,29}$")


def handles(byline: str) -> list[str]:
    """The accounts a byline credits when it lists several, each one word ("Posted by kovarex,
    TOGos, Ernestas, Albert"): what the page names its authors by."""
    parts = [p.strip(" .") for p in NAME_SEPARATORS.split(byline) if p.strip(" .")]
    if len(parts) < 2 or not all(_HANDLE_NAME.match(p) and not any(c.isdigit() for c in p) for p in parts):
        return []
    if any(_is_no_name(p) or is_organisation(p) or p.casefold() in _social_word() for p in parts):
        return []
    return list(dict.fromkeys(parts))


def is_publisher(name: str, site: str | None, url: str, publishers: AbstractSet[str] = frozenset()) -> bool:
    """True when a byline names the publication, in part ("Sky" for Sky News), by its initials
    ("LTO" for Legal Tribune Online, "Deutsche Welle" for DW), by its address ("mdr.de"), or names
    its company (`publishers`); a desk ("News Nation Bureau") is what the page credits."""
    found = {w.casefold() for w in re.findall(r"\w+", name)}
    if site and found and found <= {w.casefold() for w in re.findall(r"\w+", site)}:
        return True
    own = key(name)
    spelled = bool(HOST_SPELLED.match(name)) and own == key(host_label(url)) if url else False
    if own in {key(p) for p in publishers} or spelled or (url and squash(name) == squash(host(url))):
        return True  # "mdr.de", "Mdr De" on mdr.de
    initials = _initials(name) if is_organisation(name) else ""  # "Daniel White" may well write for DW
    return any(len(p) >= 2 and (own == _initials(p) or initials == key(p)) for p in (site, *publishers) if p)


def _home_of(address: str, url: str) -> bool:
    """True when `address` is the home page of the site at `url` (its root, not a profile's page)."""
    address = address if "://" in address else "http://" + address
    parts = split(address)
    return parts is not None and parts.path in ("", "/") and host(address) == host(url)


def _initials(name: str) -> str:
    found = re.findall(r"\w+", name)
    return "".join(w[0] for w in found).casefold() if len(found) >= 2 else ""


@functools.cache
def _social() -> re.Pattern[str]:
    """A social network's name closing a byline, with the call to follow before it, set apart or
    run in ("Jane DoeTwitter")."""
    networks, follow = group(words("authors", "social")), group(words("authors", "follow"))
    # one letter ("X") only after a call to follow: "Malcolm X" is a name
    return re.compile(rf"(?:\s+|(?<=[a-z])(?=[A-Z]))(?i:(?:{follow}\s+)?{networks}|{follow}\s+x)\W*$")


def _without_social(name: str) -> str:
    """ "Jane Doe Twitter", "Jo Lee Follow on X" -> the name alone (twice: "… Twitter Email")."""
    for _ in range(3):
        cut = _social().sub("", name)
        if cut == name or not cut.strip():
            break
        name = cut
    return name


def _folded(name: str) -> str:
    """ "Jane Doe Jane Doe" -> "Jane Doe": a name said twice (a link's text and the name beside it)."""
    found = name.split()
    half = len(found) // 2
    if half and len(found) % 2 == 0 and [w.casefold() for w in found[:half]] == [w.casefold() for w in found[half:]]:
        return " ".join(found[:half])
    return name


def _without_trailing_month(name: str) -> str:
    """ "Jane Doe May" -> "Jane Doe": a month after two names is the date run into the byline;
    "Anna May" is a name."""
    found = name.split()
    if len(found) >= 3 and found[-1].casefold().rstrip(".") in month_numbers():
        return " ".join(found[:-1]).rstrip(" ,")
    return name


def recased(name: str) -> str:
    """A byline set in capitals, as the name is written: "JANE DOE and JO LEE" -> "Jane Doe and Jo Lee"."""
    pieces = re.split(r"(\s*[,;&]\s*|\s+(?:and|und|et|y)\s+)", name, flags=re.I)
    return "".join(_recased_one(p) if i % 2 == 0 else p.lower() for i, p in enumerate(pieces))


def _recased_one(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if len(name.split()) >= 2 and len(letters) > 3 and all(c.isupper() for c in letters):
        return " ".join(w if len(w) <= 2 and w.endswith(".") else w.title() for w in name.split())
    return name


@functools.cache
def _not_names() -> frozenset[str]:
    return words("authors", "not_a_name") | frozenset(month_numbers())


def _is_no_name(name: str) -> bool:
    """A form label, a placeholder or a month where a name should be: "Username", "Last", "May"."""
    return name.casefold().strip(" :") in _not_names()


@functools.cache
def _legal_form() -> re.Pattern[str]:
    return re.compile(rf"(?:^|[\s,]){group(words('names', 'legal'))}$", re.I)


def has_legal_form(name: str) -> bool:
    """True for a company's name: "Acme Holdings Inc", "Condé Nast, LLC"."""
    return _legal_form().search(name) is not None


@functools.cache
def _organisation_words() -> frozenset[str]:
    return words("names", "organisation")


def is_organisation(name: str) -> bool:
    """True for an organisation's name rather than a person's: a word like "News", "Media",
    "Group" or "Desk" in it ("Acme Media Group", "Riverside Courier News Desk")."""
    return any(w.casefold() in _organisation_words() for w in re.findall(r"\w+", name))


def reads_as_person(name: str) -> bool:
    """A person's name, two to four capitalised words and no organisation's word: a personal site
    named after its author ("Haki Benita") credits that person."""
    parts = name.split()
    return 2 <= len(parts) <= 4 and parts[0].casefold() != "the" and reads_as_names(name) and not is_organisation(name)


@functools.cache
def _job_title() -> re.Pattern[str]:
    return re.compile(rf"\b{group(words('authors', 'job'))}\b", re.I)


@functools.cache
def _social_word() -> frozenset[str]:
    return words("authors", "social") | words("authors", "follow")


def _without_affiliation(name: str, site: str | None, url: str) -> str:
    """ "Tom Krisher, AP Auto Writer" -> "Tom Krisher"; "Troy Smith, Cleveland.com" -> "Troy Smith";
    "Jo Lee; Al Day Associated Press" -> "Jo Lee; Al Day" (for the Associated Press's own site);
    "Jane Doe | Twitter" -> "Jane Doe"."""
    label = host_label(url) if url else ""
    outlets = {squash(n) for n in (site, label) if n and len(squash(n)) >= 3}
    job_words = words("authors", "job_words")
    pieces = re.split(r"(\s*[,;|·•]\s*|\s+/\s+)", name)  # names and the separators between them
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        part = pieces[i].strip()
        if site and part.casefold().endswith(" " + site.casefold()):
            part = part[: -len(site)].strip()  # "Al Day Associated Press"
        job = _job_title().search(part)
        if kept and (job or _CREDENTIAL.match(part) or is_organisation(part)):
            continue  # ", AP Auto Writer", "| NJ Advance Media for NJ.com", ", PhD", ", Associated Press"
        if job:  # "Tom Gillespie News reporter", "Bruce Y. Lee Senior Contributor": the name before it
            found = part[: job.start()].split()
            while found and found[-1].casefold() in job_words:
                found.pop()
            part = " ".join(found) if len(found) >= 2 else ""
        if not part or any(n in squash(part) for n in outlets) or part.casefold() in _social_word():
            continue
        if kept and HOST_SPELLED.match(part):
            continue  # "Jo Lee / EXAMPLE.COM": the site, by its address
        kept.extend([pieces[i - 1] if kept else "", part])
    return "".join(kept) or name


def reads_as_names(text: str) -> bool:
    """True when every word is capitalised (or in a script without capitals) or a name particle:
    "Jo van Dyke", "张三", not "the Syrian defense ministries"."""
    found = re.findall(r"[^\W\d_][\w'.-]*", text)
    return (
        any(len(w.strip(".")) >= 2 for w in found)  # not initials alone ("J J")
        and all(not w[0].islower() or w.lower() in _NAME_PARTICLES for w in found)  # scripts without case pass
    )
