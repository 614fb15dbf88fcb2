"""Every fault a server can produce, through `clipper grab`: one line on stderr naming the URL and
the cause, the documented exit code, no traceback, no file, bounded time and memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper.cli import app
from clipper.errors import ExitCode

from pages import PARAGRAPHS, article_page
from siteserver import Site, drip, huge, redirect_loop, truncated

runner = CliRunner()
MB = 1024 * 1024


def fault_site(site: Site) -> dict[str, tuple[str, int, str]]:
    """path -> (URL, exit code, words the error must hold) for every fault."""
    page = article_page().encode()
    faults: dict[str, tuple[int, str]] = {}
    for status in (400, 401, 403, 404, 410, 429, 451, 500, 502, 503, 504):
        # Retry-After: 0 keeps the retried statuses fast; the retries themselves still happen.
        site.page(f"/status/{status}", "<p>x</p>", status=status, headers={"Retry-After": "0"})
        faults[f"/status/{status}"] = (ExitCode.HTTP, f"HTTP {status}")
    site.routes["/loop"] = redirect_loop()
    faults["/loop"] = (ExitCode.NETWORK, "too many redirects")
    site.routes["/drip"] = drip(page, chunk=64, interval=0.25)
    faults["/drip"] = (ExitCode.NETWORK, "too slow")
    for mode in ("length", "chunked", "close"):
        site.routes[f"/huge-{mode}"] = huge(200 * MB, mode)
        faults[f"/huge-{mode}"] = (ExitCode.CONTENT, "too large")
    for kind, body in (
        ("application/pdf", b"%PDF-1.7 ..."),
        ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(500)),
        ("application/octet-stream", bytes(range(256))),
    ):
        site.page(f"/binary/{kind.split('/')[1]}", body, content_type=kind)
        faults[f"/binary/{kind.split('/')[1]}"] = (ExitCode.CONTENT, f"not an HTML page ({kind})")
    site.page("/binary/as-html", bytes(range(256)) * 40, content_type="text/html")
    faults["/binary/as-html"] = (ExitCode.CONTENT, "binary")
    site.page("/empty", b"")
    faults["/empty"] = (ExitCode.CONTENT, "empty")
    site.routes["/truncated"] = truncated(page, 0.5)
    faults["/truncated"] = (ExitCode.NETWORK, "dropped")
    site.page("/no-article", "<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>")
    faults["/no-article"] = (ExitCode.NO_ARTICLE, "no article text")
    site.page("/to-file", "", status=302, headers={"Location": "file:///etc/passwd"})
    faults["/to-file"] = (ExitCode.NETWORK, "redirected to an address that is not http or https")
    return {path: (site.url(path), code, words) for path, (code, words) in faults.items()}


@pytest.mark.slow
def test_every_fault_single(site: Site, isolated: Path) -> None:
    for path, (url, code, words) in fault_site(site).items():
        started = time.monotonic()
        result = runner.invoke(app, ["grab", url, "--lead", "1", "--timeout", "3"])
        elapsed = time.monotonic() - started
        assert result.exit_code == code, (path, result.stderr)
        assert result.stderr.startswith(f"clipper: error: {url}") and words in result.stderr, (path, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stdout == ""
        assert elapsed < 6, (path, elapsed)
    assert not (isolated / "drafts").exists() or not any((isolated / "drafts").iterdir())


@pytest.mark.slow
def test_every_fault_in_one_batch(site: Site, isolated: Path) -> None:
    faults = fault_site(site)
    good = site.page("/good", article_page())
    result = runner.invoke(
        app, ["grab", "--json", "--lead", "1", "--timeout", "3", good, *[url for url, _, _ in faults.values()]]
    )
    assert result.exit_code == ExitCode.SOME_FAILED, result.stderr
    lines = {line["source"]: line for line in map(json.loads, result.stdout.splitlines())}
    assert lines[good]["status"] == "written"
    for url, _, words in faults.values():
        assert lines[url]["status"] == "failed" and str(lines[url]["error"]).startswith(url)
        assert words in str(lines[url]["error"])
    assert "Traceback" not in result.stderr
    assert [p.name for p in (isolated / "drafts").glob("*.md")] == [Path(str(lines[good]["path"])).name]


def test_pages_that_work_despite_their_server(site: Site) -> None:
    cases = {
        "/no-content-type": dict(content_type=None),
        "/utf8-as-latin1": dict(content_type="text/html; charset=iso-8859-1"),
        "/wrong-meta": dict(content_type="text/html"),
    }
    body = article_page(paragraphs=["Ça coûte très cher, déclare le maire — « une honte » ! " * 3, *PARAGRAPHS])
    for path, kwargs in cases.items():
        data = body.encode() if path != "/wrong-meta" else body.replace('charset="utf-8"', 'charset="koi8-r"').encode()
        url = site.page(path, data, **kwargs)  # type: ignore[arg-type]
        result = runner.invoke(app, ["extract", "--json", url])
        assert result.exit_code == 0, (path, result.stderr)
        assert json.loads(result.stdout)["paragraphs"][0].startswith("Ça coûte très cher"), path


@pytest.mark.parametrize(
    "ld",
    [
        "[" * 100_000 + "]" * 100_000,  # deeper than the JSON reader goes
        "[" * 900 + "]" * 900,  # read, but deeper than the page's readers may walk
        '{"@type": "NewsArticle", "author": ' + "[" * 900 + '"Jo"' + "]" * 900 + "}",
    ],
)
def test_structured_data_nested_without_end_is_passed_over(site: Site, ld: str) -> None:
    script = f'<script type="application/ld+json">{ld}</script>'
    url = site.page("/deep", article_page(extra_head=script))
    result = runner.invoke(app, ["extract", "--json", url])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["paragraphs"][0] == PARAGRAPHS[0]


# VmHWM, the peak resident size of this process image (rusage's maxrss would carry over the parent's
# peak through fork and exec).
PEAK_PROBE = """
import atexit, re, sys
def peak():
    status = open("/proc/self/status").read()
    sys.stderr.write("PEAK " + re.search(r"VmHWM:\\s+(\\d+)", status).group(1) + "\\n")
atexit.register(peak)
from clipper.cli import main
sys.argv = ["clipper", "grab", sys.argv[1], "--lead", "1"]
main()
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("mode", ["length", "chunked", "close"])
def test_a_huge_body_is_never_read_whole(site: Site, mode: str) -> None:
    site.routes["/huge"] = huge(200 * MB, mode)
    done = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE, site.url("/huge")],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == ExitCode.CONTENT and "too large" in done.stderr
    peak_mb = int(done.stderr.split("PEAK ")[1].split()[0]) / 1024  # kilobytes on Linux
    assert peak_mb < 120, f"peak {peak_mb:.0f} MB for a 200 MB body"


@pytest.mark.parametrize("source", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "data:text/html,<p>x"])
def test_only_http_and_https(source: str) -> None:
    result = runner.invoke(app, ["grab", source, "--lead", "1"])
    assert result.exit_code == ExitCode.USAGE and "only http and https" in result.stderr


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from clipper.posts import files as drafts
real_link = os.link
def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)  # stopped between the temporary file and the rename
os.link = die
drafts.write_new(Path(sys.argv[1]), "2026-01-01-story", "+++\\ntitle = 'x'\\n+++\\nbody\\n" * 1000)
"""


def test_a_kill_during_a_write_leaves_the_whole_post_or_nothing(isolated: Path) -> None:
    folder = isolated / "drafts"
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(folder)], check=False)
    assert done.returncode == -9
    assert not list(folder.glob("*.md"))  # no post, not even a short one
    leftovers = list(folder.glob(".*.tmp"))
    assert leftovers  # the unfinished write, hidden, never listed as a post
    old = time.time() - 3600
    for item in leftovers:
        os.utime(item, (old, old))
    from clipper.posts.files import write_new

    write_new(folder, "2026-01-02-next", "text")
    assert not list(folder.glob(".*.tmp"))  # the next write clears what a crash left behind
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0


def test_without_hard_links_names_are_claimed_and_a_failed_write_leaves_nothing(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network and FAT file systems have no hard links: the name is claimed, then the post
    moved onto it; if the move fails, the claimed name goes too."""
    import errno

    from clipper.errors import FileError
    from clipper.posts.files import write_new

    def no_links(*args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    folder = isolated / "drafts"
    monkeypatch.setattr(os, "link", no_links)
    first, second = (write_new(folder, "2026-01-01-story", f"post {n}\n") for n in (1, 2))
    assert (first.name, second.name) == ("2026-01-01-story.md", "2026-01-01-story-2.md")
    assert second.read_text() == "post 2\n"

    def no_moves(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", no_moves)
    with pytest.raises(FileError, match="cannot write the post"):
        write_new(folder, "2026-01-02-other", "post 3\n")
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.name, second.name])


def test_show_and_edit_work_beside_broken_files(isolated: Path, tmp_path: Path) -> None:
    folder = isolated / "drafts"
    folder.mkdir()
    (folder / "good.md").write_text('+++\ntitle = "Good post"\n+++\n\n> quoted\n')
    (folder / "bad.md").write_text("+++\ntitle = \n")
    (folder / "README.md").write_text("# notes\n")
    result = runner.invoke(app, ["show", "good"])
    assert result.exit_code == 0 and "Good post" in result.stdout
    assert "skipped drafts/bad.md" in result.stderr and "skipped drafts/README.md" in result.stderr
    for ident in ("bad", "drafts/bad.md"):  # the broken file the ID names: why, not "no post", and once
        result = runner.invoke(app, ["show", ident])
        assert result.exit_code == ExitCode.INVALID_POST and "error: drafts/bad.md:" in result.stderr
        assert "skipped drafts/bad.md" not in result.stderr and "skipped drafts/README.md" in result.stderr
    script = tmp_path / "ed.py"
    script.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\np.write_text(p.read_text() + 'more')\n")
    result = runner.invoke(app, ["edit", "good"], env={"EDITOR": f"{sys.executable} {script}"})
    assert result.exit_code == 0 and (folder / "good.md").read_text().endswith("more")
