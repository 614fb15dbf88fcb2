"""The sources a run has taken, against those the posts already quote: the same article (its
normalised address) or the same page (its bytes) is drafted once. A source a post already quotes is
refused with that post's path (a dry run only notes that the real run would refuse it); one that
another source of the run took is skipped as a duplicate."""

from __future__ import annotations

from pathlib import Path

from clipper.errors import AlreadyDraftedError, DuplicateSource
from clipper.web.urls import dedup_key


class Claims:
    """What a run has claimed, and what the posts in `folders` quote (read once, when first needed;
    nothing with `force`). Keys are normalised URLs and `sha256:` page hashes."""

    def __init__(self, folders: list[Path], published_dir: Path | None, *, force: bool, dry_run: bool) -> None:
        self._folders = folders
        self._published = published_dir
        self._force = force
        self._dry_run = dry_run
        self._taken: dict[str, str] = {}  # key -> the source of this run that claimed it
        self._quoted: dict[str, str] | None = None
        self.notes: list[str] = []  # what a dry run would have refused

    @property
    def quoted(self) -> dict[str, str]:
        """Key -> the post that already quotes it."""
        if self._quoted is None:
            from clipper.posts.folder import source_index

            self._quoted = {} if self._force else source_index(self._folders)
        return self._quoted

    def article(self, url: str, source: str) -> None:
        """Claim the article at `url` (the link, or the page's canonical address) for `source`."""
        key = dedup_key(url)
        existing = self._existing(key, source, "same article")
        if existing is not None:
            self._refuse(
                f"{url}: already {self._where(existing)} in {existing} (use --force to draft it again)", existing
            )
        self._taken[key] = source

    def page(self, sha256: str, source: str) -> None:
        """Claim the page with these bytes: the same bytes are the same source, whatever address they
        came with (a page grabbed by its URL, then saved to a file and grabbed again)."""
        key = f"sha256:{sha256}"
        existing = self._existing(key, source, "same page")
        if existing is not None:
            self._refuse(
                f"{source}: the same page is already {self._where(existing)} in {existing} (use --force)", existing
            )
        self._taken[key] = source

    def drafted(self, url: str, sha256: str, path: Path) -> None:
        """A post was written: its article and its page are quoted from now on."""
        self.quoted[dedup_key(url)] = self.quoted[f"sha256:{sha256}"] = str(path)

    def _existing(self, key: str, source: str, same: str) -> str | None:
        """The post that quotes `key`, if any; DuplicateSource when another source of the run took it."""
        taken = self._taken.get(key)
        if taken is not None and taken != source:
            raise DuplicateSource(f"{same} as {taken} in this batch")
        return self.quoted.get(key)

    def _where(self, path: str) -> str:
        """ "published" for a post in the published folder, else "drafted"."""
        return "published" if self._published is not None and Path(path).parent == self._published else "drafted"

    def _refuse(self, message: str, path: str) -> None:
        """Refuse a source a post already quotes; a dry run only notes that the real run would."""
        if not self._dry_run:
            raise AlreadyDraftedError(message, path)
        if not self.notes:  # the first is enough: the link and its canonical address say the same
            self.notes.append(f"{message} (a real run would stop here)")
