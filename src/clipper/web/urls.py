"""URL hygiene: tracking parameters, the article's own address, and the key that spots duplicates."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that identify a campaign or a click, never the article.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "vero_id",
        "vero_conv",
        "oly_anon_id",
        "oly_enc_id",
        "rb_clickid",
        "s_cid",
        "s_kwcid",
        "cmpid",
        "ncid",
        "ocid",
        "sr_share",
        "smid",
        "ref_src",
        "ref_url",
        "wt_mc",
        "wt.mc_id",
        "at_medium",
        "at_campaign",
        "at_custom1",
        "at_custom2",
        "itm_source",
        "itm_medium",
        "itm_campaign",
        "spm",
        "share",
        "__twitter_impression",
        "guccounter",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "ga_")


def is_tracking_param(name: str) -> bool:
    """True for a query parameter that only tracks the click (utm_*, fbclid, gclid, ...)."""
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def split(url: str) -> SplitResult | None:
    """The parts of `url`, or None when it is malformed (a broken IPv6 host, a port out of range):
    the addresses pages and feeds give are whatever their authors typed."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - read to check it: it raises for a port out of range
        if "[" in parts.netloc:  # Python 3.10 lets any bracketed host through; later ones check it
            ipaddress.IPv6Address((parts.hostname or "").split("%")[0])
    except ValueError:
        return None
    return parts


def join(base: str, link: str) -> str:
    """`link` made absolute against `base`; "" when either is malformed."""
    try:
        return urljoin(base, link)
    except ValueError:
        return ""


def strip_tracking(url: str) -> str:
    """`url` without tracking parameters and without a fragment; everything else kept as is (a
    malformed URL entirely)."""
    parts = split(url)
    if parts is None:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    new_query = urlencode(query, doseq=True) if len(query) != _count_params(parts.query) else parts.query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, new_query, ""))


def _count_params(query: str) -> int:
    return len(parse_qsl(query, keep_blank_values=True))


def is_web_url(text: str) -> bool:
    """True when `text` is a well-formed absolute http(s) URL with a host."""
    parts = split(text)
    return parts is not None and parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")


def has_other_scheme(text: str) -> bool:
    """True for a URL of a scheme clipper does not fetch (file:, ftp:, data:, javascript:...).
    One letter before the colon is a Windows drive, not a scheme."""
    match = _SCHEME.match(text)
    return match is not None and match.group(1).lower() not in ("http", "https")


def host(url: str) -> str:
    """The lowercase host name of `url`, without a leading `www.`."""
    parts = split(url)
    name = ((parts.hostname if parts else None) or "").lower().rstrip(".")
    return name[4:] if name.startswith("www.") else name


def server(url: str) -> str:
    """The server `url` names: its host (see `host`) and its port unless the scheme's own, as one
    key however the address is written (`https://WWW.Example.org:443/` is `example.org`)."""
    parts = split(url)
    port = parts.port if parts is not None else None
    return host(url) + (f":{port}" if port and port not in (80, 443) else "")


def same_site(a: str, b: str) -> bool:
    """True when two URLs are on one site: equal hosts, or one a subdomain of the other."""
    ha, hb = host(a), host(b)
    if not ha or not hb:
        return False
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)


def article_url(
    final_url: str,
    canonical: str | None,
    *,
    headline: str = "",
    elsewhere: Callable[[str], bool] = lambda url: False,
) -> str:
    """The address a post should link: the page's canonical link when it looks like this article's
    address (see looks_like_the_article), else the final URL after redirects; tracking parameters
    and fragment removed either way."""
    chosen = final_url
    if canonical:
        absolute = join(final_url, canonical.strip())
        if is_web_url(absolute) and looks_like_the_article(absolute, final_url, headline, elsewhere):
            chosen = absolute
    return strip_tracking(chosen)


# A template's placeholder left in an address: "/undefined", "/null", "{{slug}}", "${id}".
_PLACEHOLDER = re.compile(r"(?:^|/)(?:undefined|null|none|nan|\[object(?: |%20)object\])(?:/|$)|\{\{|\$\{|%7b%7b", re.I)
_TOKEN = re.compile(r"[^\W\d_]{4,}|\d{3,}")  # a word of the slug, or a number (an id)


def looks_like_the_article(
    canonical: str, final_url: str, headline: str = "", elsewhere: Callable[[str], bool] = lambda url: False
) -> bool:
    """True when a page's canonical link may be this article's address: not a template's placeholder
    (`…/undefined`), not the site's home page, not another article's path (its last part shares
    nothing with this address or the headline), and on this site, or on another one that
    `elsewhere` vouches for (a syndicated copy that credits its original)."""
    parts, here = split(canonical), split(final_url)
    if parts is None or _PLACEHOLDER.search(parts.path):
        return False
    if here is None or not is_web_url(final_url):
        return True  # a saved page: its canonical link is all it says of its address
    if parts.path in ("", "/") and here.path not in ("", "/"):
        return False  # the site's home page
    if not same_site(canonical, final_url):
        return elsewhere(canonical)
    mine, theirs = _last_part(parts.path), _last_part(here.path)
    if not mine or not theirs or mine == theirs:
        return True
    ours = set(_TOKEN.findall(here.path.casefold())) | set(_TOKEN.findall(headline.casefold()))
    shared = set(_TOKEN.findall(theirs)) & set(_TOKEN.findall(parts.path.casefold()))
    return bool(set(_TOKEN.findall(mine)) & ours) or bool(shared)


def _last_part(path: str) -> str:
    """The last segment of a path, the article's own (its slug or number), case folded."""
    return next((p for p in reversed(path.split("/")) if p), "").casefold()


def dedup_key(url: str) -> str:
    """A key equal for two URLs of the same article: scheme, host case, `www.`, tracking
    parameters, parameter order, fragment and trailing slash do not count. A malformed URL is its
    own key."""
    parts = split(strip_tracking(url.strip()))
    if parts is None:
        return url.strip()
    path = re.sub(r"/+$", "", parts.path) or ""
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{server(url)}{path}" + (f"?{query}" if query else "")
