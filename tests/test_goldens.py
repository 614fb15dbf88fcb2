"""Extraction goldens: real-looking pages written for the project (tests/goldens/*.html), one for
each way the lead went wrong on pages nobody tuned to, with the first paragraphs a curator would
quote (`lead`), furniture that must not come out anywhere (`absent`) and code listings (`code`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clipper.extraction.extract import extract
from clipper.web.page import load_file

GOLDENS = Path(__file__).parent / "goldens"
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def goldens() -> list[Path]:
    return sorted(GOLDENS.glob("*.html"))


@pytest.mark.parametrize("page", goldens(), ids=lambda p: p.stem)
def test_the_lead_of_a_golden_page(page: Path) -> None:
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    found = CANONICAL.search(page.read_text(encoding="utf-8"))
    article = extract(load_file(page, found.group(1) if found else None))
    lead = expected["lead"]
    assert article.paragraphs[: len(lead)] == lead, expected["class"]
    for line in expected["absent"]:
        assert line not in article.paragraphs, f"{expected['class']}: {line!r} came out"
    code = [b.text for b in article.blocks if b.kind == "code"]
    assert code == expected.get("code", []), expected["class"]  # no listing where the page shows none


def test_every_golden_states_what_it_shows() -> None:
    assert len(goldens()) >= 8
    for page in goldens():
        expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        assert expected["class"] and expected["lead"]
