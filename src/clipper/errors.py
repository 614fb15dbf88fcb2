"""clipper's error family and the exit codes they map to (the one place they are kept)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; the README lists them for scripts."""

    OK = 0
    ERROR = 1  # an unexpected failure
    USAGE = 2  # bad arguments or options
    NETWORK = 3  # the server (or the archive service) could not be reached, or it timed out
    HTTP = 4  # the server answered with an error status
    CONTENT = 5  # not HTML, too large, binary or empty
    NO_ARTICLE = 6  # the page holds no article text to quote
    EXISTS = 7  # the source is already drafted, or the feed already followed
    FILE = 8  # a local file could not be read or written
    CANCELLED = 9  # the editor quit the picker; nothing was written
    NOT_FOUND = 10  # no post, or more than one, matches the ID given; no feed of that name is followed
    INVALID_POST = 11  # a post file cannot be read or its front matter does not parse (after an edit, say)
    CONFIG = 12  # the settings file is wrong: an unknown key, a wrong type, a broken template
    SOME_FAILED = 13  # a batch where some sources failed (the others were written or skipped)
    ALL_FAILED = 14  # a batch where every source failed
    CHANGED = 15  # `check`: a source changed, or is gone
    UNREACHABLE = 16  # `check`: nothing changed that could be seen, but some sources could not be reached
    AUTH = 17  # a publishing site refused the user name or password, or the user may not do that
    NO_API = 18  # the site shows no publishing API (no WordPress REST API)
    REMOTE_GONE = 19  # the post was deleted on the publishing site since it was pushed
    FEEDS_FAILED = 20  # `feed pull`: some feeds (or all) could not be fetched or read; the others were pulled
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
    """A post already quotes this source."""

    exit_code = ExitCode.EXISTS

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class FileError(ClipperError):
    exit_code = ExitCode.FILE


class Cancelled(ClipperError):
    exit_code = ExitCode.CANCELLED


class InvalidPost(ClipperError):
    """A post file that cannot be read, or whose front matter does not parse."""

    exit_code = ExitCode.INVALID_POST

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class PostNotFound(ClipperError):
    """No post, or more than one, matches the ID given."""

    exit_code = ExitCode.NOT_FOUND


class ConfigError(ClipperError):
    """The settings file (or a setting from the environment) is wrong."""

    exit_code = ExitCode.CONFIG


class DuplicateSource(ClipperError):
    """Another source of the same run is the same article (normalised URL or canonical link)."""

    exit_code = ExitCode.EXISTS


class ArchiveUnavailable(NetworkError):
    """The archive service could not be asked (no network, an error, an answer that is not the API's).
    A grab goes on without the capture and says so: the code is the one the service's failure would
    end a command with."""


class FeedNotFound(ClipperError):
    """No feed of that name or address is followed."""

    exit_code = ExitCode.NOT_FOUND


class FeedExists(ClipperError):
    """The feed, or a feed of that name, is already followed."""

    exit_code = ExitCode.EXISTS


# Publishing targets (clipper.targets) raise these; each names the site and the cause in one line.


class TargetAuthError(ClipperError):
    """The site refused the credentials (401), or the user may not do what was asked (403)."""

    exit_code = ExitCode.AUTH


class NoTargetAPIError(ClipperError):
    """The address shows no API to publish through, or what answers is not that API."""

    exit_code = ExitCode.NO_API


class RemotePostGoneError(ClipperError):
    """The post pushed before is no longer on the site: deleted for good, or in the trash."""

    exit_code = ExitCode.REMOTE_GONE

    def __init__(self, message: str, post_id: int, trashed: bool) -> None:
        super().__init__(message)
        self.post_id = post_id
        self.trashed = trashed


class InsecureTargetError(ClipperError):
    """A site address that would send the password in clear (plain http, not loopback): a settings error."""

    exit_code = ExitCode.CONFIG


class TargetNetworkError(NetworkError):
    """The site could not be reached: refused, not found, reset, a TLS failure."""


class TargetTimeoutError(TargetNetworkError):
    """The site took longer than the timeout to answer."""


class TargetHTTPError(HTTPStatusError):
    """The site answered with an error status clipper has no better name for: a 5xx, a 400, a redirect."""
