"""The picker, driven through its prompts with scripted answers."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from clipper.cli.editor import edit_text
from clipper.cli.picker import Picker, paragraphs_from_edit
from clipper.errors import Cancelled, FileError
from clipper.extraction.article import Article
from clipper.extraction.extract import extract
from clipper.web.page import Page

from pages import PARAGRAPHS, TITLE, article_page

URL = "https://news.example/a"
LEAD = [1, 2, 3, 4]


def article() -> Article:
    html = article_page()
    return extract(Page(url=URL, final_url=URL, content=html.encode(), text=html, encoding="utf-8"))


def scripted(answers: list[str], prompts: list[str]) -> Callable[[str], str]:
    queue = list(answers)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return queue.pop(0)

    return ask


def picker(answers: list[str], edit: Callable[[str], str] | None = None) -> tuple[Picker, list[str], io.StringIO]:
    screen = io.StringIO()
    prompts: list[str] = []
    console = Console(file=screen, width=80, no_color=True)
    kwargs = {"edit": edit} if edit else {}
    return Picker(console, ask=scripted(answers, prompts), **kwargs), prompts, screen


def test_enter_takes_the_default_lead_and_keeps_the_headline() -> None:
    p, prompts, screen = picker(["", ""])
    choice = p(article(), LEAD)
    assert [q.number for q in choice.quotes] == [1, 2, 3, 4]
    assert choice.title == TITLE
    assert prompts[0] == "Quote [1-4]: "
    shown = screen.getvalue()
    assert "1 (28 w) The city council voted" in shown  # numbered, with word counts
    assert "of the article" in shown  # the share the choice quotes


def test_a_selection_and_a_new_headline() -> None:
    p, _, screen = picker(["2-3,5", "My own headline"])
    choice = p(article(), LEAD)
    assert [q.text for q in choice.quotes] == [PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[4]]
    assert choice.title == "My own headline"
    assert "Quoting 2-3,5:" in screen.getvalue()


def test_a_bad_selection_asks_again() -> None:
    p, prompts, screen = picker(["9", "x-y", "1", ""])
    assert [q.number for q in p(article(), LEAD).quotes] == [1]
    assert "out of range" in screen.getvalue() and "bad selection" in screen.getvalue()
    assert prompts.count("Quote [1-4]: ") == 3


def test_q_quits_writing_nothing() -> None:
    p, _, _ = picker(["q"])
    with pytest.raises(Cancelled):
        p(article(), LEAD)


def test_e_cuts_the_text_in_the_editor() -> None:
    def cut(text: str) -> str:
        assert PARAGRAPHS[0] in text and PARAGRAPHS[1] in text and PARAGRAPHS[2] not in text
        return "# comment\n" + PARAGRAPHS[0] + "\n\nThe plan replaces the disused freight yard with a park.\n"

    p, _, _ = picker(["e 1-2", ""], edit=cut)
    quotes = p(article(), LEAD).quotes
    assert [(q.number, q.edited) for q in quotes] == [(1, False), (2, True)]
    assert quotes[1].text == "The plan replaces the disused freight yard with a park."


def test_an_emptied_edit_asks_again() -> None:
    p, _, screen = picker(["e", "3", ""], edit=lambda text: "# nothing left\n")
    assert [q.number for q in p(article(), LEAD).quotes] == [3]
    assert "empty" in screen.getvalue()


def test_edit_text_runs_the_real_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "editor.py"
    script.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\np.write_text(p.read_text().upper())\n")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    assert edit_text("cut me") == "CUT ME"


def test_editor_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    with pytest.raises(FileError, match="cannot start the editor"):
        edit_text("x")
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c 'raise SystemExit(3)'")
    with pytest.raises(Cancelled, match="status 3"):
        edit_text("x")


def test_paragraphs_from_edit() -> None:
    assert paragraphs_from_edit("# c\none\ntwo\n\n\nthree\n  # also a comment\n") == ["one two", "three"]
