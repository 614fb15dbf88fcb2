"""A page as clipper received it: its bytes, its address, and its text decoded the way a browser would."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clipper.errors import ContentError, FileError

# WHATWG maps these labels to a superset that browsers really use.
_BROWSER_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class Page:
    """An HTML page: the bytes, the decoded text, and where and when it came from."""

    url: str  # the address asked for (for a saved file: the address given with --url, or "")
    final_url: str  # after redirects
    content: bytes
    text: str
    encoding: str
    status: int | None = None  # None for a saved file
    fetched_at: datetime | None = None  # None for a saved file
    path: Path | None = None  # the saved file it was read from
    media_type: str = ""  # the server's Content-Type without parameters ("" for a saved file)
    etag: str | None = None  # the server's validators, for a conditional fetch next time
    last_modified: str | None = None


def codec_for(label: str | None) -> str | None:
    """The Python codec for a charset label, with browsers' aliases; None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _BROWSER_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 8 KB (`<meta charset>` or `http-equiv`)."""
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii", "ignore") if match else None


def decode_html(data: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """Decode an HTML page: BOM, then valid UTF-8, then the header's and the page's charset, then
    detection. Returns (text, codec name).

    Valid UTF-8 goes first because real text in a legacy encoding is practically never valid
    UTF-8, while UTF-8 pages labelled ISO-8859-1 by their server are common.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, "replace"), name
    declared = [c for c in (codec_for(header_charset), codec_for(meta_charset(data))) if c]
    if data.isascii():
        # 7-bit encodings (ISO-2022-JP) are ASCII bytes too: honour a declaration.
        name = declared[0] if declared else "utf-8"
        return data.decode(name, "replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in declared:
        if name in ("utf-8", "utf-16"):
            continue  # already shown to be wrong (or unsupported without a BOM)
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes  # only pages that need detection pay for it

    best = from_bytes(data[:200_000]).best()
    detected = (codec_for(best.encoding) if best else None) or "cp1252"
    return data.decode(detected, "replace"), detected


def looks_binary(data: bytes) -> bool:
    """True for bytes that cannot be an HTML page (NUL bytes, or a known binary signature)."""
    head = data[:4096]
    return b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04"))


def read_local(path: Path, max_bytes: int, what: str) -> bytes:
    """The bytes of a local file the user named as `what` ("a web page", "an OPML file"): FileError
    when it cannot be read, ContentError when it is larger than such a file is."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ContentError(f"{path}: too large for {what} ({size // 2**20} MB)")
        return path.read_bytes()
    except IsADirectoryError:
        raise FileError(f"{path}: is a folder, not {what}") from None
    except FileNotFoundError:
        raise FileError(f"{path}: no such file") from None
    except OSError as exc:
        raise FileError(f"{path}: cannot read: {exc.strerror or exc}") from None


def load_file(path: Path, url: str | None = None) -> Page:
    """Read a page saved from a browser; `url` is its address on the web, when known."""
    data = read_local(path, MAX_FILE_BYTES, "a web page")
    if not data.strip():
        raise ContentError(f"{path}: the file is empty")
    if looks_binary(data):
        raise ContentError(f"{path}: not an HTML page (binary content)")
    return saved_page(data, url or "", path)


def saved_page(data: bytes, url: str = "", path: Path | None = None) -> Page:
    """A page from bytes that were kept or saved, not fetched: decoded as a browser would, at `url`."""
    text, encoding = decode_html(data)
    return Page(url=url, final_url=url, content=data, text=text, encoding=encoding, path=path)
