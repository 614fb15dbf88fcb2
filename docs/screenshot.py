"""Take the picture of the picker page that the README shows: `clipper serve` and the `examples/`
article served on loopback, the bookmarklet clicked on it in headless Chromium (Debian's `chromium`
and `chromium-driver`, with Selenium from the test extra), and the picker's window saved as a PNG.

    .venv/bin/python docs/screenshot.py            # writes docs/picker.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import (  # noqa: E402
    Served,
    bookmarklet_code,
    chromium,
    click_bookmarklet,
    missing,
    other_window,
    tls_context,
    wait_for,
)
from siteserver import Site  # noqa: E402

EXAMPLE = ROOT / "examples" / "isis-nusra-article.html"
HOST = "www.theguardian.com"  # the example's own address, mapped to 127.0.0.1 in the browser only
PATH = "/world/2014/oct/05/isis-al-nusra-reconcile-syria-air-strikes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "picker.png")
    parser.add_argument("--width", type=int, default=980)
    parser.add_argument("--height", type=int, default=1180)
    args = parser.parse_args()
    reason = missing()
    if reason:
        sys.exit(f"cannot take the picture: {reason}")
    with tempfile.TemporaryDirectory(prefix="clipper-shot-") as tmp:
        folder = Path(tmp)
        (folder / "home").mkdir()
        home = {"HOME": str(folder / "home"), "XDG_CONFIG_HOME": str(folder / "home" / ".config")}
        site = Site(tls=tls_context(folder), name=HOST).start()
        page = EXAMPLE.read_bytes()
        site.routes[PATH] = lambda h: h.send_page(page)
        served = Served(folder, env=home)
        driver = chromium([site.port], args.width, args.height, names=(HOST,))
        try:
            code = bookmarklet_code(driver, served.url)
            driver.get(site.url(PATH))
            known = set(driver.window_handles)
            click_bookmarklet(driver, code)
            driver.switch_to.window(other_window(driver, known))
            driver.set_window_size(args.width, args.height)
            wait_for(lambda: driver.execute_script("return !document.getElementById('picker').hidden"))
            driver.find_element("id", "note").send_keys("The two groups had fought each other for a year.")
            driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
            driver.save_screenshot(str(args.out))
        finally:
            driver.quit()
            served.stop()
            site.stop()
    print(args.out)


if __name__ == "__main__":
    main()
