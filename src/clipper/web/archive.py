"""Asking a Wayback-style availability service for an existing capture of a source.

The service answers `GET {service}?url=URL` with
`{"archived_snapshots": {"closest": {"available": true, "url": "...", "timestamp": "..."}}}`.
"""

from __future__ import annotations

from clipper.errors import ArchiveUnavailable

TIMEOUT = 8.0


def closest_capture(service: str, url: str, user_agent: str = "", timeout: float = TIMEOUT) -> str | None:
    """The address of the capture closest in time, or None when the service has none (`user_agent`:
    "" is clipper's own)."""
    import requests

    from clipper.web.fetch import USER_AGENT

    headers = {"User-Agent": user_agent or USER_AGENT}
    try:
        response = requests.get(service, params={"url": url}, timeout=timeout, headers=headers)
        response.raise_for_status()
        data = response.json()
    except requests.RequestException as exc:
        raise ArchiveUnavailable(f"archive step skipped: {service} did not answer ({type(exc).__name__})") from None
    except ValueError:
        raise ArchiveUnavailable(f"archive step skipped: {service} did not answer in JSON") from None
    closest = (data.get("archived_snapshots") or {}).get("closest") if isinstance(data, dict) else None
    if isinstance(closest, dict) and closest.get("available") and isinstance(closest.get("url"), str):
        return str(closest["url"])
    return None
