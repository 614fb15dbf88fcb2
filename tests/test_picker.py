"""The picker, driven through its prompts with scripted answers."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from rich.console import Console

from clipper.cli.editor import edit_text
from clipper.cli.picker import EDIT_HEADER, Picker, paragraphs_from_edit
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
    p, prompts, screen = picker(["", "", ""])
    choice = p.choose(article(), LEAD)
    assert [q.number for q in choice.quotes] == [1, 2, 3, 4]
    assert choice.title == TITLE
    assert prompts[0] == "Quote [1-4]: "
    shown = screen.getvalue()
    assert "1 (28 w) The city council voted" in shown  # numbered, with word counts
    assert "of the article" in shown  # the share the choice quotes


def test_a_selection_and_a_new_headline() -> None:
    p, _, screen = picker(["2-3,5", "My own headline", ""])
    choice = p.choose(article(), LEAD)
    assert [q.text for q in choice.quotes] == [PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[4]]
    assert choice.title == "My own headline"
    assert "Quoting 2-3,5:" in screen.getvalue()


def test_a_bad_selection_asks_again() -> None:
    p, prompts, screen = picker(["9", "x-y", "1", "", ""])
    assert [q.number for q in p.choose(article(), LEAD).quotes] == [1]
    assert "out of range" in screen.getvalue() and "bad selection" in screen.getvalue()
    assert prompts.count("Quote [1-4]: ") == 3


def test_q_quits_writing_nothing() -> None:
    p, _, _ = picker(["q"])
    with pytest.raises(Cancelled):
        p.choose(article(), LEAD)


def test_e_cuts_the_text_in_the_editor() -> None:
    def cut(text: str) -> str:
        assert PARAGRAPHS[0] in text and PARAGRAPHS[1] in text and PARAGRAPHS[2] not in text
        return (
            text.split("\n\n")[0]
            + "\n\n"
            + PARAGRAPHS[0]
            + "\n\nThe plan replaces the disused freight yard with a park.\n"
        )

    p, _, _ = picker(["e 1-2", "", ""], edit=cut)
    quotes = p.choose(article(), LEAD).quotes
    assert [(q.number, q.edited) for q in quotes] == [(1, False), (2, True)]
    assert quotes[1].text == "The plan replaces the disused freight yard with a park. […]"  # the rest cut


def test_an_editor_that_fails_asks_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    p, _, screen = picker(["e", "3", "", ""], edit=edit_text)
    assert [q.number for q in p.choose(article(), LEAD).quotes] == [3]
    assert "cannot start the editor" in screen.getvalue()


def test_an_emptied_edit_asks_again() -> None:
    p, _, screen = picker(["e", "3", "", ""], edit=lambda text: "\n")
    assert [q.number for q in p.choose(article(), LEAD).quotes] == [3]
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
    monkeypatch.setenv("VISUAL", "vi 'unclosed")
    with pytest.raises(FileError, match=r"\$VISUAL: No closing quotation"):
        edit_text("x")
    monkeypatch.setenv("VISUAL", "   ")  # blank: the next one is used
    with pytest.raises(Cancelled, match="status 3"):
        edit_text("x")
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c \"import sys; open(sys.argv[1], 'wb').write(b'caf\\xe9')\"")
    with pytest.raises(FileError, match="not UTF-8"):
        edit_text("x")


def test_paragraphs_from_edit_keeps_what_the_header_is_not() -> None:
    """Only the editor's header goes: a paragraph that starts with # stays, and so do line breaks."""
    text = EDIT_HEADER + "\n#MeToo activists marched.\nRoses are red\nViolets are blue\n\n\nthree\n"
    assert paragraphs_from_edit(text) == ["#MeToo activists marched.\nRoses are red\nViolets are blue", "three"]


def test_a_cut_inside_a_paragraph_is_marked() -> None:
    def cut(text: str) -> str:
        return "The city council voted seven to two on Tuesday night\n"

    p, _, _ = picker(["e 1", "", ""], edit=cut)
    quote = p.choose(article(), LEAD).quotes[0]
    assert quote.edited and quote.text == "The city council voted seven to two on Tuesday night […]"


def test_ctrl_d_cancels() -> None:
    def eof(prompt: str) -> str:
        raise EOFError

    p = Picker(Console(file=io.StringIO(), width=80), ask=eof)
    with pytest.raises(Cancelled):
        p.choose(article(), LEAD)


def test_back_from_the_headline_and_a_headline_that_looks_like_a_selection() -> None:
    p, prompts, _ = picker(["1", "<", "2-3", "5-2", "n", "Five to two", ""])
    choice = p.choose(article(), LEAD)
    assert [q.number for q in choice.quotes] == [2, 3] and choice.title == "Five to two"
    assert prompts.count("Quote [1-4]: ") == 1 and "Quote [1]: " in prompts  # back: what was chosen is the default
    assert any("looks like a choice" in prompt for prompt in prompts)


def test_view_a_paragraph_whole_and_a_screen_that_fits() -> None:
    long = ["Word " * 200 + "the end of a long paragraph.", *[f"Paragraph {n} of many. " * 3 for n in range(40)]]
    html = article_page(paragraphs=long)
    many = extract(Page(url=URL, final_url=URL, content=html.encode(), text=html, encoding="utf-8"))
    screen = io.StringIO()
    console = Console(file=screen, width=80, height=24, no_color=True)
    p = Picker(console, ask=scripted(["v 1", "2", "", ""], []))
    p.choose(many, LEAD)
    lines = screen.getvalue().splitlines()
    before = lines[: next(i for i, line in enumerate(lines) if line.startswith("Default 1-4")) + 2]
    assert len(before) <= 24 and all(len(line) <= 80 for line in before)  # the first screen fits
    assert any("more: l lists them all" in line for line in before)
    assert "the end of a long paragraph." in screen.getvalue()  # v 1 shows it whole


def test_confirm_shows_the_post_and_its_warnings() -> None:
    from clipper.posts.model import Post, Quote
    from clipper.workflows.choice import Draft

    quoted = (Quote(number=1, kind="p", text="Quoted."),)
    post = Post(
        title="A headline",
        created=datetime(2026, 1, 1, tzinfo=timezone.utc),
        source_url=URL,
        quotes=quoted,
        source_words=10,
    )
    body = "The Courier reports:\n\n> Quoted.\n\n[Continue reading…](https://news.example/a)\n"
    p, _, screen = picker(["<"])
    assert p.confirm(Draft(post=post, body=body, warnings=("quoting 1 of 10 words (10%), over 5%",))) is False
    out = screen.getvalue()
    assert "The Courier reports:" in out and "▌ Quoted." in out and "warning: quoting 1 of 10 words" in out
    p, _, _ = picker(["n"])
    with pytest.raises(Cancelled):
        p.confirm(Draft(post=post, body=body))
    assert picker([""])[0].confirm(Draft(post=post, body=body)) is True


def test_an_edit_that_changes_the_source_words_is_refused() -> None:
    """A quote is the source's words: cutting is allowed, rewriting is not."""

    def rewrite(text: str) -> str:
        return "The city council voted seven to two on Tuesday night to reject the plan.\n"

    p, _, screen = picker(["e 1", "1", "", ""], edit=rewrite)
    quotes = p.choose(article(), LEAD).quotes
    assert [(q.number, q.edited, q.text) for q in quotes] == [(1, False, PARAGRAPHS[0])]  # chosen again, whole
    assert "no longer says what the source says" in screen.getvalue() and "{+reject" in screen.getvalue()


def test_going_back_keeps_what_was_typed() -> None:
    p, prompts, _ = picker(["2,4", "My headline", "My note", "<", "", "", ""])
    post_body = "x"
    first = p.choose(article(), LEAD)
    from clipper.posts.model import Post
    from clipper.workflows.choice import Draft

    created = datetime(2026, 1, 1, tzinfo=timezone.utc)
    post = Post(title=first.title, created=created, source_url=URL, quotes=first.quotes, source_words=10)
    assert p.confirm(Draft(post=post, body=post_body)) is False
    again = p.choose(article(), LEAD)
    assert [q.number for q in again.quotes] == [2, 4]
    assert (again.title, again.note) == ("My headline", "My note")
    assert "Quote [2,4]: " in prompts and "Headline [My headline]: " in prompts


def test_the_command_s_title_and_note_are_defaults_the_answers_replace() -> None:
    p, prompts, _ = picker(["", "", ""])
    choice = p.choose(article(), LEAD, "My own headline", "My note")
    assert (choice.title, choice.note) == ("My own headline", "My note")
    assert "Headline [My own headline]: " in prompts and any("[My note]" in q for q in prompts)
    p, _, _ = picker(["", "Typed headline", "Typed note"])
    choice = p.choose(article(), LEAD, "My own headline", "My note")
    assert (choice.title, choice.note) == ("Typed headline", "Typed note")


def cut_second(text: str) -> str:
    """An editor that keeps paragraph 1 and the first sentence of paragraph 2."""
    return PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[1].split(", a third")[0] + ".\n"


def test_going_back_keeps_an_editor_cut() -> None:
    p, _, _ = picker(["e 1-2", "<", "", "", "", "", "", ""], edit=cut_second)
    quotes = p.choose(article(), LEAD).quotes  # back from the headline, then Enter at the paragraphs
    assert [(q.number, q.edited) for q in quotes] == [(1, False), (2, True)] and "[…]" in quotes[1].text
    assert p.choose(article(), LEAD).quotes == quotes  # `<` at "Write this post?" asks again: Enter keeps it


def test_back_from_the_note_keeps_the_headline() -> None:
    p, prompts, _ = picker(["", "Typed headline", "<", "2", "", ""])
    choice = p.choose(article(), LEAD)
    assert [q.number for q in choice.quotes] == [2] and choice.title == "Typed headline" and choice.note == ""
    assert prompts.count("Headline [Typed headline]: ") == 1


def test_a_command_typed_at_the_headline_is_questioned() -> None:
    p, prompts, _ = picker(["", "q", "", "", ""])
    assert p.choose(article(), LEAD).title == TITLE
    assert any("looks like a choice" in prompt for prompt in prompts)


def test_an_edit_that_reorders_paragraphs_is_refused() -> None:
    def swap(text: str) -> str:
        return PARAGRAPHS[1] + "\n\n" + PARAGRAPHS[0] + "\n"

    p, _, screen = picker(["e 1-2", "3", "", ""], edit=swap)
    assert [q.number for q in p.choose(article(), LEAD).quotes] == [3]
    assert "Paragraph 1 was moved: a quote keeps the source's order" in screen.getvalue()
