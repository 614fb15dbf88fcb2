"""The interactive paragraph picker: numbered paragraphs, a selection, an optional cut in the
editor and a headline of the editor's own."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from clipper.cli.editor import edit_text
from clipper.cli.views import print_article
from clipper.errors import Cancelled, UsageError
from clipper.extraction.article import Article
from clipper.posts import selection
from clipper.posts.model import Quote, share
from clipper.text import similarity, word_count
from clipper.workflows.grab import Choice

HELP = "Enter the paragraphs to quote, like 1-3,5 · Enter = the lead · e = cut the text in your editor · q = quit"
EDIT_HEADER = (
    "# Cut the quote down to what you want to publish. Blank lines separate paragraphs;\n"
    "# lines starting with # are ignored. Save and close the editor to go on; empty the file to cancel.\n\n"
)


def paragraphs_from_edit(text: str) -> list[str]:
    """Paragraphs of an edited quote: blank-line separated, `#` comment lines dropped."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


class Picker:
    """Asks the editor which paragraphs to quote. `ask` reads one answer to a prompt (the terminal by
    default); `edit` opens text in an editor. Both can be replaced, which is how tests drive it."""

    def __init__(
        self,
        console: Console,
        ask: Callable[[str], str] | None = None,
        edit: Callable[[str], str] = edit_text,
    ) -> None:
        self.console = console
        self.ask = ask or (lambda prompt: console.input(prompt))
        self.edit = edit

    def show(self, article: Article) -> None:
        print_article(self.console, article)

    def share_line(self, article: Article, numbers: list[int], words: int | None = None) -> str:
        quoted = words if words is not None else sum(word_count(article.blocks[n - 1].text) for n in numbers)
        return (
            f"{selection.describe(numbers) or 'edited text'}: {quoted:,} of {article.words:,} words "
            f"({share(quoted, article.words):.0%} of the article)"
        )

    def __call__(self, article: Article, default: list[int]) -> Choice:
        """Ask for a selection (`default` on Enter) and a headline; raises Cancelled when the editor quits."""
        self.show(article)
        self.console.print(Text(HELP, style="dim"))
        self.console.print(Text("Default " + self.share_line(article, default), style="dim"))
        quotes = None
        while quotes is None:
            answer = self.ask(f"Quote [{selection.describe(default)}]: ").strip()
            if answer.lower() in ("q", "quit"):
                raise Cancelled("quit: nothing written")
            if answer.lower() in ("?", "h", "help"):
                self.console.print(Text(HELP))
                continue
            if answer.lower().startswith("e"):
                spec = answer[1:].strip()
                numbers = default if not spec else self._parse(spec, article)
                if numbers is None:
                    continue
                quotes = self._cut(article, numbers)
                continue
            numbers = default if not answer else self._parse(answer, article)
            if numbers is not None:
                quotes = tuple(Quote(n, article.blocks[n - 1].kind, article.blocks[n - 1].text) for n in numbers)
        numbers = sorted({q.number for q in quotes})
        words = sum(word_count(q.text) for q in quotes)
        self.console.print(Text("Quoting " + self.share_line(article, numbers, words), style="green"))
        current = article.title or ""
        title = self.ask(f"Headline [{current}]: " if current else "Headline: ").strip()
        while not (title or current):
            title = self.ask("Headline (the page has none): ").strip()
        return Choice(quotes, title or current)

    def _parse(self, spec: str, article: Article) -> list[int] | None:
        try:
            return selection.parse(spec, len(article.blocks))
        except UsageError as exc:
            self.console.print(Text(str(exc), style="red"))
            return None

    def _cut(self, article: Article, numbers: list[int]) -> tuple[Quote, ...] | None:
        original = "\n\n".join(article.blocks[n - 1].text.replace("\n", " ") for n in numbers)
        edited = paragraphs_from_edit(self.edit(EDIT_HEADER + original + "\n"))
        if not edited:
            self.console.print(Text("The edited quote is empty; choose again.", style="red"))
            return None
        originals = {n: article.blocks[n - 1].text for n in numbers}
        # Each edited paragraph keeps the number of the paragraph it was cut from.
        out = []
        for text in edited:
            n = max(originals, key=lambda k: similarity(text, originals[k]))
            same = text == originals[n].replace("\n", " ")
            out.append(Quote(n, article.blocks[n - 1].kind, originals[n] if same else text, edited=not same))
        return tuple(out)
