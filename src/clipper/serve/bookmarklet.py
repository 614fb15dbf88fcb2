"""The bookmarklet: a `javascript:` link made from `static/bookmarklet.js` with this installation's
address and secret written in."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from urllib.parse import quote

_COMMENT = re.compile(r"^\s*//.*$", re.M)
# Characters a javascript: link may keep as they are; everything else (spaces, %, quotes) is escaped.
_SAFE = "!$&()*+,-./:;=?@[]_{}|~<>^'"


def code(origin: str, key: str) -> str:
    """The bookmarklet's JavaScript for a server at `origin` (http://127.0.0.1:PORT) and its secret."""
    source = (files("clipper.serve") / "static" / "bookmarklet.js").read_text(encoding="utf-8")
    source = _COMMENT.sub("", source)
    source = source.replace('"__CLIPPER_ORIGIN__"', json.dumps(origin)).replace('"__CLIPPER_KEY__"', json.dumps(key))
    return " ".join(line.strip() for line in source.splitlines() if line.strip())


def link(origin: str, key: str) -> str:
    """The `javascript:` link to drag to the bookmarks bar."""
    return "javascript:" + quote(code(origin, key), safe=_SAFE)
