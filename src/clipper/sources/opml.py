"""OPML, the list of subscriptions feed readers import and export.

Read with the standard library's parser through defusedxml, which refuses entity declarations (the
"billion laughs" expansion) and external references: an OPML file comes from anywhere.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

import defusedxml
import defusedxml.ElementTree

from clipper.errors import ContentError, FeedExists
from clipper.sources.subscriptions import FeedStore, Subscription, clean_name
from clipper.web.page import read_local
from clipper.web.urls import is_web_url

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class Outline:
    """One feed in an OPML file."""

    url: str  # xmlUrl
    title: str  # the outline's title, else its text
    site_url: str = ""  # htmlUrl


@dataclass(frozen=True, kw_only=True)
class Imported:
    """What an import did: the feeds now followed, and those passed over (with why)."""

    added: list[Subscription]
    skipped: list[tuple[Outline, str]]


def read_opml(data: bytes, where: str) -> list[Outline]:
    """The feeds an OPML document lists (nested outlines, folders, included), in document order.
    Raises ContentError naming `where` when it is not OPML, or declares entities."""
    try:
        root = defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden):
        raise ContentError(f"{where}: refused: the file declares XML entities (an entity expansion attack?)") from None
    except ET.ParseError as exc:
        raise ContentError(f"{where}: not an OPML file (broken XML: {exc})") from None
    if root.tag.lower() != "opml" or root.find("body") is None:
        raise ContentError(f"{where}: not an OPML file (no <opml> with a <body>)")
    outlines: list[Outline] = []
    for element in root.iter("outline"):
        url = (element.get("xmlUrl") or element.get("xmlurl") or "").strip()
        if not url:
            continue  # a folder, or a plain link
        title = clean_name(element.get("title") or element.get("text") or "")
        outlines.append(Outline(url=url, title=title, site_url=(element.get("htmlUrl") or "").strip()))
    return outlines


def load_opml(path: Path) -> list[Outline]:
    """The feeds an OPML file lists; FileError when it cannot be read, ContentError when it is no OPML."""
    return read_opml(read_local(path, MAX_BYTES, "an OPML file"), str(path))


def import_outlines(store: FeedStore, outlines: Iterable[Outline]) -> Imported:
    """Follow every feed listed, named by its title (a number added when taken), in one transaction.
    A feed already followed, or not at an http(s) address, is skipped; nothing is fetched (the
    next pull names the feeds that do not work)."""
    added: list[Subscription] = []
    skipped: list[tuple[Outline, str]] = []
    with store.transaction() as tx:
        for outline in outlines:
            if not is_web_url(outline.url):
                skipped.append((outline, "not an http(s) address"))
                continue
            try:
                added.append(tx.add(outline.url, None, outline.title, outline.site_url))
            except FeedExists as exc:
                skipped.append((outline, exc.message.split(": ", 1)[-1]))
    return Imported(added=added, skipped=skipped)


def write_opml(subscriptions: Iterable[Subscription], title: str = "clipper subscriptions") -> str:
    """An OPML 2.0 document of the feeds, in the order given, each with its name, URL and site."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc).replace(microsecond=0))
    body = ET.SubElement(root, "body")
    for sub in subscriptions:
        attributes = {"type": "rss", "text": sub.name, "title": sub.name, "xmlUrl": sub.url}
        if sub.site_url:
            attributes["htmlUrl"] = sub.site_url
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
