"""The interactive picker: the article on one screen, a selection, an optional cut in the editor, a
headline and a note of the editor's own, and a look at the post before it is written."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from clipper.cli.editor import edit_text
from clipper.cli.views import print_article
from clipper.errors import Cancelled, FileError, UsageError
from clipper.extraction.article import Article
from clipper.posts import selection
from clipper.posts.cuts import mark_cuts, rewritten
from clipper.posts.formats import paragraphs
from clipper.posts.model import Quote, share
from clipper.text import similarity, word_count
from clipper.workflows.choice import Choice, Draft, quote, quotes

HELP = (
    "1-3,5 quotes those paragraphs · Enter quotes the lead · v N shows paragraph N whole · l lists them all · "
    "e (or e 2-5) cuts the text in your editor · q quits"
)
EDIT_HEADER = (
    "# Cut the quote down to what you want to publish; what you leave out of a paragraph is marked […].\n"
    "# Blank lines separate paragraphs. Save and close to go on; save it empty to choose again.\n"
    "# These three lines are removed.\n"
)
SELECTION = re.compile(r"^\s*\d+\s*(-\s*\d*)?(\s*,\s*\d+\s*(-\s*\d*)?)*\s*$")
BACK = "<"
# What the paragraph prompt takes as a command (q, l, v 3, e 2-4, 3?), typed at another prompt by mistake.
COMMAND = re.compile(r"^\s*(?:q|quit|l|list|h|help|\?|[ev]\s*[\d,\-\s]*|\d+\?)\s*$", re.I)


def paragraphs_from_edit(text: str) -> list[str]:
    """Paragraphs of an edited quote: blank-line separated, the header's own lines dropped (a line of
    the quote that starts with # stays), line breaks inside a paragraph kept."""
    header = set(EDIT_HEADER.splitlines())
    lines = [line.rstrip() for line in text.splitlines() if line not in header]
    out, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append("\n".join(current))
            current = []
    return out


class Picker:
    """Asks the editor which paragraphs to quote (a Chooser for the grab pipeline). `ask` reads one
    answer to a prompt (the terminal by default); `edit` opens text in an editor. Both can be
    replaced, which is how tests drive it. Ctrl-D at a prompt cancels: nothing is written."""

    def __init__(
        self,
        console: Console,
        ask: Callable[[str], str] | None = None,
        edit: Callable[[str], str] = edit_text,
        before: Callable[[], None] = lambda: None,
    ) -> None:
        self.console = console
        self._ask = ask or (lambda prompt: console.input(Text(prompt)))  # a headline may hold [brackets]
        self.edit = edit
        self.before = before  # called when the picker starts: a spinner must stop before it talks
        self.last: Choice | None = None  # what the editor chose before going back: the new defaults

    def ask(self, prompt: str) -> str:
        try:
            return self._ask(prompt).strip()
        except EOFError:
            self.console.print()
            raise Cancelled("cancelled: nothing written") from None

    def say(self, text: str, style: str = "") -> None:
        self.console.print(Text(text, style=style))

    def choose(self, article: Article, default: list[int], title: str = "", note: str = "") -> Choice:
        """The quotes (`default` on Enter), then a headline and a note (`title` and `note` the defaults
        when given); `<` at the headline or the note goes back. Going back offers what was chosen
        before as the defaults, an editor's cut included: nothing typed is lost."""
        self.before()
        self.show(article)
        last = self.last or Choice(quotes=(), title=title or article.title or "", note=note)
        while True:
            kept = last.quotes or None
            if kept:
                default = sorted({q.number for q in kept})
            words = sum(word_count(q.text) for q in kept) if kept else None
            self.say("Default " + share_line(article, default, words), "dim")
            chosen = self._quotes(article, default, kept)
            numbers = sorted({q.number for q in chosen})
            words = sum(word_count(q.text) for q in chosen)
            self.say("Quoting " + share_line(article, numbers, words), "green")
            headline = self._headline(last.title)
            if headline is None:
                last = Choice(quotes=chosen, title=last.title, note=last.note, site_name=last.site_name)
                continue
            site = self._publication(article, last.site_name)
            given = self._note(last.note)
            if given is None:
                last = Choice(quotes=chosen, title=headline, note=last.note, site_name=site)
                continue
            self.last = Choice(quotes=chosen, title=headline, note=given, site_name=site)
            return self.last

    def confirm(self, draft: Draft) -> bool:
        """The post as it will read, its warnings, then: write it (Enter), choose again (<), or not (n)."""
        self.console.print()
        self.say(draft.post.title, "bold")
        for depth, text in paragraphs(draft.body, links=False):
            self.say(clip_line(("▌ " * depth) + text.replace("\n", " "), self.console.width))
        for warning in draft.warnings:
            self.say(f"warning: {warning}", "yellow")
        while True:
            answer = self.ask("Write this post? [Y/n, < to choose again]: ").lower()
            if answer in ("", "y", "yes"):
                return True
            if answer in ("n", "no", "q"):
                raise Cancelled("not written")
            if answer == BACK:
                return False

    def show(self, article: Article, everything: bool = False) -> None:
        """The article's screen: as many paragraphs as fit under its header (or all of them), so that
        the headline and the lead stay in sight; then what can be answered."""
        room = len(article.blocks) if everything else max(3, self.console.height - 8)
        shown = print_article(self.console, article, fit=room)
        if shown < len(article.blocks):
            self.say(f"… {len(article.blocks) - shown} more: l lists them all, v N shows one whole", "dim")
        self.say(HELP, "dim")

    def _quotes(self, article: Article, default: list[int], kept: tuple[Quote, ...] | None) -> tuple[Quote, ...]:
        """The paragraphs to quote; Enter takes `default`, or the quotes `kept` from before (a cut)."""
        while True:
            answer = self.ask(f"Quote [{selection.describe(default)}]: ")
            command, _, rest = answer.partition(" ")
            command = command.lower()
            if command in ("q", "quit"):
                raise Cancelled("quit: nothing written")
            if command in ("?", "h", "help"):
                self.say(HELP)
            elif command in ("l", "list"):
                self.show(article, everything=True)
            elif command in ("v", "view") or (command.endswith("?") and command[:-1].isdigit()):
                self._view(article, rest or command[:-1])
            elif command.startswith("e") and not command[1:].strip("0123456789,-"):
                numbers = self._parse(answer[1:].strip(), article) if answer[1:].strip() else default
                cut = self._cut(article, numbers) if numbers else None
                if cut:
                    return cut
            elif not answer and kept:
                return kept
            else:
                numbers = self._parse(answer, article) if answer else default
                if numbers:
                    return quotes(article, numbers)

    def _view(self, article: Article, spec: str) -> None:
        number = self._parse(spec.strip(), article)
        for n in number or []:
            line = Text(f"{n} ", style="bold cyan")
            line.append(article.blocks[n - 1].text)
            self.console.print(line)

    def _publication(self, article: Article, given: str | None) -> str | None:
        """The editor's name for the publication, asked when clipper doubts the page's (None: keep it)."""
        if not any(d.part == "publication" for d in article.doubts):
            return given
        current = given or article.site_name or ""
        return self.ask(f"Publication [{current}]: " if current else "Publication: ") or given

    def _note(self, given: str) -> str | None:
        """The editor's note; Enter keeps the one given before, `-` takes it away; None to go back."""
        answer = self.ask(f"Your note [{given}] (- for none, < goes back): " if given else
                          "Your note, after the quote (Enter for none, < goes back): ")  # fmt: skip
        if answer == BACK:
            return None
        return "" if answer == "-" else answer or given

    def _headline(self, current: str) -> str | None:
        """The post's headline (Enter keeps the one shown); None to go back to the paragraphs."""
        self.say(("Enter keeps this headline · " if current else "") + "< goes back to the paragraphs", "dim")
        while True:
            title = self.ask(f"Headline [{current}]: " if current else "Headline: ")
            if title == BACK:
                return None
            if title and (SELECTION.match(title) or COMMAND.match(title)):
                # typed ahead, or meant for the paragraph prompt: a headline of numbers is rarely meant
                sure = self.ask(f"{title!r} looks like a choice, not a headline: use it as the headline? [y/N]: ")
                if sure.lower() not in ("y", "yes"):
                    continue
            if title or current:
                return title or current
            self.say("The page has no headline: give one.", "red")

    def _parse(self, spec: str, article: Article) -> list[int] | None:
        try:
            return selection.parse(spec, len(article.blocks))
        except UsageError as exc:
            self.say(str(exc), "red")
            return None

    def _cut(self, article: Article, numbers: list[int]) -> tuple[Quote, ...] | None:
        originals = {n: article.blocks[n - 1].text for n in numbers}
        try:
            edited = paragraphs_from_edit(self.edit(EDIT_HEADER + "\n" + "\n\n".join(originals.values()) + "\n"))
        except FileError as exc:  # an editor that will not start or saves what cannot be read: choose again
            self.say(f"{exc}. Choose again.", "red")
            return None
        if not edited:
            self.say("The edited quote is empty: choose again.", "red")
            return None
        out = []
        for text in edited:  # each edited paragraph keeps the number of the paragraph it was cut from
            n = max(originals, key=lambda k: similarity(text, originals[k]))
            source = originals[n]
            if " ".join(text.split()) == " ".join(source.split()):
                out.append(quote(article, n))
                continue
            changed = rewritten(source, text)
            if changed:  # a quote is the source's words: the editor may leave some out, never change them
                self.say(f"Paragraph {n} no longer says what the source says: {changed}", "red")
                self.say("A quote can only be cut. Choose again.", "red")
                return None
            # An editor that wraps long lines breaks a paragraph that had no breaks of its own.
            kept = text if "\n" in source else " ".join(text.split())
            out.append(quote(article, n, mark_cuts(source, kept), edited=True))
        moved = next((b.number for a, b in itertools.pairwise(out) if b.number < a.number), None)
        if moved is not None:  # a quote keeps the source's order: moving paragraphs changes what it says
            self.say(f"Paragraph {moved} was moved: a quote keeps the source's order. Choose again.", "red")
            return None
        return tuple(out)


def share_line(article: Article, numbers: list[int], words: int | None = None) -> str:
    quoted = words if words is not None else sum(word_count(article.blocks[n - 1].text) for n in numbers)
    return (
        f"{selection.describe(numbers) or 'edited text'}: {quoted:,} of {article.words:,} words "
        f"({share(quoted, article.words):.0%} of the article)"
    )


def clip_line(text: str, width: int) -> str:
    """`text` on one line of `width` characters at most, cut with an ellipsis."""
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"
