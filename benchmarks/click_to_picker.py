"""From a click on the bookmarklet to the picker page showing the article, for the `examples/` page:
the first click after `clipper serve` starts (a new server each run) and a second click on the same
server. Headless Chromium (Debian's `chromium` and `chromium-driver`, Selenium from the test extra);
the page is served over https on loopback, as in the tests.

    .venv/bin/python benchmarks/click_to_picker.py --runs 15

The time runs from just before the bookmarklet is run in the article's tab until the picker's
paragraphs are on screen in the window it opened (polled every 5 ms; the target is under a second).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


from browser import NEWS, Served, bookmarklet_code, chromium, click_bookmarklet, missing, tls_context  # noqa: E402
from siteserver import Site  # noqa: E402

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

EXAMPLE = ROOT / "examples" / "isis-nusra-article.html"


def one_click(driver: WebDriver, code: str, url: str) -> float:
    """Seconds from the click to the picker shown; the picker's window is closed afterwards."""
    driver.get(url)
    main = driver.current_window_handle
    known = set(driver.window_handles)
    started = time.perf_counter()
    click_bookmarklet(driver, code)
    while not (set(driver.window_handles) - known):
        time.sleep(0.005)
    driver.switch_to.window(next(iter(set(driver.window_handles) - known)))
    shown = "const p = document.getElementById('picker'); return p && !p.hidden && document.querySelector('#blocks li')"
    while not driver.execute_script(shown):
        time.sleep(0.005)
    took = time.perf_counter() - started
    driver.close()
    driver.switch_to.window(main)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    reason = missing()
    if reason:
        sys.exit(f"cannot time it here: {reason}")
    first, second = [], []
    with tempfile.TemporaryDirectory(prefix="clipper-click-") as tmp:
        folder = Path(tmp)
        site = Site(tls=tls_context(folder), name=NEWS).start()
        page = EXAMPLE.read_bytes()
        driver = chromium([site.port])
        try:
            for run in range(args.runs + 1):
                work = folder / f"run{run}"
                (work / "home").mkdir(parents=True)
                env = {"HOME": str(work / "home"), "XDG_CONFIG_HOME": str(work / "home" / ".config")}
                served = Served(work, env=env)
                try:
                    code = bookmarklet_code(driver, served.url)
                    url = site.url(f"/world/2014/oct/05/article-{run}")  # a new address: not yet drafted
                    site.routes[url.split(str(site.port), 1)[1]] = lambda h: h.send_page(page)
                    took_first = one_click(driver, code, url)
                    took_second = one_click(driver, code, url)
                finally:
                    served.stop()
                if run:  # the first run warms the browser and the disk
                    first.append(took_first)
                    second.append(took_second)
        finally:
            driver.quit()
            site.stop()
    for name, times in (("first click after start", first), ("second click", second)):
        print(
            f"{name:<24} median {statistics.median(times) * 1000:6.0f} ms   "
            f"max {max(times) * 1000:6.0f} ms   ({len(times)} runs)"
        )


if __name__ == "__main__":
    main()
