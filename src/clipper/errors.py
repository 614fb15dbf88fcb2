"""clipper's error family and the exit codes they map to (the one place they are kept)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; the README lists them for scripts."""

    OK = 0
    ERROR = 1  # an unexpected failure
    USAGE = 2  # bad arguments or options
    NETWORK = 3  # the server could not be reached, or it timed out
    HTTP = 4  # the server answered with an error status
    CONTENT = 5  # not HTML, too large, binary or empty
    NO_ARTICLE = 6  # the page holds no article text to quote
    EXISTS = 7  # the source is already drafted
    FILE = 8  # a local file could not be read or written
    CANCELLED = 9  # the editor quit the picker; nothing was written
    NOT_FOUND = 10  # no post, or more than one, matches the ID given
    INVALID_POST = 11  # a post's front matter does not parse (after an edit, say)
    CONFIG = 12  # the settings file is wrong: an unknown key, a wrong type, a broken template
    SOME_FAILED = 13  # a batch where some sources failed (the others were written or skipped)
    ALL_FAILED = 14  # a batch where every source failed
    CHANGED = 15  # `check`: a source changed, or is gone
    UNREACHABLE = 16  # `check`: nothing changed that could be seen, but some sources could not be reached
    FEEDS_FAILED = 17  # `feed pull`: some feeds (or all) could not be fetched or read; the others were pulled
    INTERRUPTED = 130  # Ctrl-C


class ClipperError(Exception):
    """An error meant for the user: one line, and the exit code it ends the process with."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(ClipperError):
    exit_code = ExitCode.USAGE


class NetworkError(ClipperError):
    exit_code = ExitCode.NETWORK


class HTTPStatusError(ClipperError):
    exit_code = ExitCode.HTTP

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class ContentError(ClipperError):
    exit_code = ExitCode.CONTENT


class NoArticleError(ClipperError):
    exit_code = ExitCode.NO_ARTICLE


class AlreadyDraftedError(ClipperError):
    exit_code = ExitCode.EXISTS

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class FileError(ClipperError):
    exit_code = ExitCode.FILE


class Cancelled(ClipperError):
    exit_code = ExitCode.CANCELLED


class InvalidPost(ClipperError):
    exit_code = ExitCode.INVALID_POST
