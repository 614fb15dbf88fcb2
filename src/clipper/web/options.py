"""What a fetch may take: its limits in time and size, from the `[fetch]` settings. Apart from the
fetcher, so that a command that only reads saved pages never imports the HTTP stack."""

from __future__ import annotations

from dataclasses import dataclass

from clipper.settings import FetchSettings

MB = 1024 * 1024
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0  # between two bytes
_SETTINGS = FetchSettings()


@dataclass(frozen=True, kw_only=True)
class FetchOptions:
    """Limits for one fetch: the `[fetch]` settings, and the fetcher's own fixed limits."""

    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    deadline: float = _SETTINGS.timeout  # the whole fetch, retries included: a drip-fed page hits this
    max_bytes: int = int(_SETTINGS.max_mb * MB)
    retries: int = 3
    backoff: float = 0.5  # seconds before the first retry; doubles each time
    max_redirects: int = 10
    user_agent: str = _SETTINGS.user_agent  # "" names clipper itself (fetch.USER_AGENT)

    @classmethod
    def from_settings(cls, settings: FetchSettings, timeout: float | None = None) -> FetchOptions:
        """The options these settings ask for; `timeout` (an option of the command) wins."""
        deadline = timeout if timeout is not None else settings.timeout
        return cls(
            connect_timeout=min(CONNECT_TIMEOUT, deadline),
            read_timeout=min(READ_TIMEOUT, deadline),
            deadline=deadline,
            max_bytes=int(settings.max_mb * MB),
            user_agent=settings.user_agent,
        )
