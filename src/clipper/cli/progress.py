"""What a batch tells people and scripts: JSON Lines or paths on stdout, a progress bar and a
one-screen summary on stderr, and the exit code."""

from __future__ import annotations

import json
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any

import typer

from clipper.errors import ExitCode

if TYPE_CHECKING:
    from clipper.workflows.grab import Outcome, Status

SUMMARY_FAILURES = 15  # failures listed by name in the summary; the rest are counted


class BatchReport:
    """Collects outcomes as they arrive and reports them, around a batch: `with BatchReport(n, as_json)
    as report: batch.run(..., report.add)`. The summary comes when the batch ends, or on Ctrl-C, which
    then ends the command (exit 130) with what was finished whole."""

    def __init__(self, total: int, as_json: bool) -> None:
        self.total = total
        self.as_json = as_json
        self.outcomes: list[Outcome] = []
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> BatchReport:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("grabbing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                # Data goes to stdout whatever stderr is: the bar must not capture it (`--json > out.jsonl`).
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("grab", total=self.total)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
        if kind is None:
            self.summary()
        elif issubclass(kind, KeyboardInterrupt):
            self.summary(interrupted=True)
            sys.stdout.flush()
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        line = json.dumps(outcome.to_dict(), ensure_ascii=False) if self.as_json else outcome.path
        if line is not None and (self.as_json or outcome.status == "written"):
            # stdout on the bar's terminal: the bar steps aside for the line, or the two run together
            shared = self._progress is not None and sys.stdout.isatty()
            if shared:
                self._progress.stop()
            sys.stdout.write(f"{line}\n")
            sys.stdout.flush()
            if shared:
                self._progress.start()
        if self._progress is not None:
            self._progress.advance(self._task)

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)

    def summary(self, interrupted: bool = False) -> None:
        """One screen on stderr: the counts, then the failures with their reasons, the skipped
        sources, the posts that quote much of their source, and notes about the run."""
        if self._progress is not None:
            self._progress.stop()
        written, skipped, failed = self.count("written"), self.count("skipped"), self.count("failed")
        not_done = self.total - len(self.outcomes)
        doubted = [o for o in self.outcomes if o.review]
        line = f"{written} written" + (f" ({len(doubted)} to review)" if doubted else "")
        line += f", {skipped} skipped, {failed} failed"
        if not_done:
            line += f", {not_done} not done" + (" (interrupted)" if interrupted else " (stopped at the first failure)")
        out = [f"clipper: {line}"]
        if interrupted and written:
            out.append(f"  the {written} posts written before the interruption are whole; nothing else was written")
        for outcome in [o for o in self.outcomes if o.status == "failed"][:SUMMARY_FAILURES]:
            out.append(f"  failed: {outcome.error}")
        if failed > SUMMARY_FAILURES:
            out.append(f"  … and {failed - SUMMARY_FAILURES} more failures (--json lists every one)")
        if not self.as_json:
            for outcome in [o for o in self.outcomes if o.status == "skipped"][:SUMMARY_FAILURES]:
                out.append(
                    f"  skipped: {outcome.source}: {outcome.error}" + (f" ({outcome.path})" if outcome.path else "")
                )
        for outcome in doubted[:SUMMARY_FAILURES]:
            out.append(f"  review: {outcome.path}: {', '.join(outcome.review)}")
        if len(doubted) > SUMMARY_FAILURES:
            out.append(f"  … and {len(doubted) - SUMMARY_FAILURES} more to review (clipper list --review)")
        warned = [o for o in self.outcomes if o.warnings]
        for outcome in warned[:SUMMARY_FAILURES]:
            out.extend(f"  warning: {outcome.path}: {warning}" for warning in outcome.warnings)
        if len(warned) > SUMMARY_FAILURES:
            out.append(f"  … and {len(warned) - SUMMARY_FAILURES} more posts with warnings")
        notes = [note for o in self.outcomes for note in o.notes]
        if notes:
            more = f" (and {len(notes) - 1} more like it)" if len(notes) > 1 else ""
            out.append(f"  note: {notes[0]}{more}")
        sys.stderr.write("\n".join(out) + "\n")

    def exit_code(self, single: bool = False) -> int:
        """0, 13 (some failed) or 14 (all failed) for a batch; a `single` source's own code, whatever
        the output's format (7 when it is already drafted, as without --json)."""
        if single and self.outcomes:
            return self.outcomes[0].code
        failed = self.count("failed")
        if not failed:
            return int(ExitCode.OK)
        # sources a --fail-fast run never reached did not fail: all failed only when every one did
        return int(ExitCode.ALL_FAILED if failed == self.total else ExitCode.SOME_FAILED)


class Spinner:
    """A spinner and a line saying what clipper is doing, on stderr while a grab fetches and
    extracts; nothing when stderr is not a terminal."""

    def __init__(self, message: str) -> None:
        self._status: Any = None
        if sys.stderr.isatty():
            from rich.console import Console

            self._status = Console(stderr=True, highlight=False).status(message)

    def __enter__(self) -> Spinner:
        if self._status is not None:
            self._status.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def stop(self) -> None:
        if self._status is not None:
            self._status.stop()
