"""A real browser and a real `clipper serve` for the tests of the bookmarklet and the picker page (and
for the scripts that time it and take its picture): Debian's Chromium driven by Selenium, and the
server run as its own process.

Article pages are served on loopback under names the browser maps to 127.0.0.1 (`news.test`), over
https with a certificate made for the run, and marked as public addresses, so that the browser
applies what it applies to a page on the web: its local-network rules, the page's
Content-Security-Policy, Cross-Origin-Opener-Policy.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

NEWS = "news.test"  # the article's site, as the browser names it
EVIL = "evil.test"  # another site, that forges requests


def missing() -> str | None:
    """Why no browser test can run here, or None."""
    for tool, package in (("chromium", "chromium"), ("chromedriver", "chromium-driver"), ("openssl", "openssl")):
        if not shutil.which(tool):
            return f"{tool} is not installed (apt-get install {package})"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


def tls_context(folder: Path) -> ssl.SSLContext:
    """A server's TLS context with a certificate for the test sites, made with openssl for this run
    (the browser is told to take it)."""
    key, cert = folder / "key.pem", folder / "cert.pem"
    names = ",".join(f"DNS:{name}" for name in (NEWS, EVIL))
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", f"/CN={NEWS}", "-addext", f"subjectAltName={names}"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def chromium(public_ports: list[int], width: int = 1100, height: int = 900, names: tuple[str, ...] = ()) -> WebDriver:
    """Headless Chromium that maps the test sites (and `names`) to 127.0.0.1, takes their certificate,
    and treats `public_ports` on 127.0.0.1 as addresses on the public web. Its popup blocker stays
    on, as a curator's is: a window opens only from a user's gesture (see `click_bookmarklet`)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    overrides = ",".join(f"127.0.0.1:{port}=public" for port in public_ports)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
        "--ignore-certificate-errors",
        "--host-resolver-rules=" + ", ".join(f"MAP {name} 127.0.0.1" for name in (NEWS, EVIL, *names)),
        f"--ip-address-space-overrides={overrides}",
    ):
        options.add_argument(argument)
    options.add_experimental_option("excludeSwitches", ["disable-popup-blocking", "enable-automation"])
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "chromedriver"))


def bookmarklet_code(driver: WebDriver, start_page: str) -> str:
    """The bookmarklet's JavaScript, read from the start page as a curator would drag it."""
    from selenium.webdriver.common.by import By

    driver.get(start_page)
    href = driver.find_element(By.CSS_SELECTOR, "a.bookmarklet").get_attribute("href") or ""
    assert href.startswith("javascript:"), href
    return unquote(href.removeprefix("javascript:"))


def click_bookmarklet(driver: WebDriver, code: str) -> None:
    """Run the bookmarklet in the current page as a click on it does: in the page, under its policy,
    as a user's gesture (which lets it open a window past the popup blocker)."""
    result = driver.execute_cdp_cmd("Runtime.evaluate", {"expression": code, "userGesture": True})
    if "exceptionDetails" in result:
        raise AssertionError(f"the bookmarklet failed: {result['exceptionDetails']}")


def wait_for(condition: Any, timeout: float = 10.0, step: float = 0.05) -> Any:
    """The first true value of `condition()` within `timeout` seconds (AssertionError after)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        time.sleep(step)


def other_window(driver: WebDriver, known: set[str], timeout: float = 10.0) -> str:
    """The handle of a window opened since `known` were the windows."""
    return str(wait_for(lambda: next(iter(set(driver.window_handles) - known), None), timeout))


class Served:
    """`clipper serve --port 0` as its own process in `cwd`, and the address it printed."""

    def __init__(self, cwd: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "clipper", "serve", "--port", "0", *args],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not re.fullmatch(r"http://127\.0\.0\.1:\d+/", line):
            self.process.kill()
            raise AssertionError(f"clipper serve printed {line!r}; stderr: {self.process.stderr.read()}")  # type: ignore[union-attr]
        self.url = line
        self.origin = line.rstrip("/")
        self.port = int(line.rsplit(":", 1)[1].rstrip("/"))

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str]:
        """Stop it as Ctrl-C does; its exit code and what it said on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            _, err = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return self.process.returncode, err
