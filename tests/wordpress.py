"""A real WordPress for the tests: Debian's `wordpress` package, served by PHP's built-in server on
127.0.0.1, over a throwaway MariaDB reached only through a socket in a temporary folder.

How it starts: `mariadb-install-db` into the folder; `mariadbd` with networking off, creating the
database from an init file; a site config `/etc/wordpress/config-clipper-test-<pid>-<random>.php`,
which Debian's wp-config.php loads when `$_SERVER['WORDPRESS_CONFIG']` names it (a file PHP
prepends to every request sets it), so no other site's config is read, shadowed or touched;
`php -S` with two workers (WordPress's installer asks the site itself whether pretty permalinks
work); the installer itself (a POST to `wp-admin/install.php?step=2`); an application password
made by WordPress's own PHP API. `stop()` ends the servers and removes the folder and the config;
`sweep()` removes what a killed run left behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import requests

WP_ROOT = Path("/usr/share/wordpress")
CONFIG_DIR = Path("/etc/wordpress")
PREFIX = "clipper-test-"
PACKAGES = "wordpress mariadb-server php-cli php-mysql"
PRETTY = "/%year%/%monthnum%/%day%/%postname%/"  # what the installer turns on where it can

try:
    _LIBC: Any = ctypes.CDLL(None, use_errno=True)
except OSError:
    _LIBC = None


def _die_with_parent() -> None:
    """In the child before exec: end with the test run even when that is killed (PR_SET_PDEATHSIG)."""
    if _LIBC is not None:
        _LIBC.prctl(1, signal.SIGTERM)


def _mariadbd() -> str | None:
    return shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin:/usr/local/sbin")


def missing() -> str | None:
    """Why no WordPress can be started on this machine, or None when one can."""
    lacking = []
    if not (WP_ROOT / "wp-load.php").is_file():
        lacking.append("wordpress")
    if _mariadbd() is None or shutil.which("mariadb-install-db") is None:
        lacking.append("mariadb-server")
    php = shutil.which("php")
    if php is None:
        lacking.append("php-cli")
    elif subprocess.run([php, "-r", "exit(extension_loaded('mysqli') ? 0 : 1);"], capture_output=True).returncode:
        lacking.append("php-mysql")
    if lacking:
        return f"{', '.join(lacking)} not installed (apt-get install {PACKAGES})"
    if not os.access(CONFIG_DIR, os.W_OK):
        return f"{CONFIG_DIR} is not writable (a site's config file goes there: run as root)"
    return None


def sweep() -> None:
    """Remove what a test run that was killed left: its servers, its folder, its config file."""
    for config in CONFIG_DIR.glob(f"config-{PREFIX}*.php"):
        match = re.fullmatch(rf"config-{PREFIX}(\d+)-[0-9a-f]+\.php", config.name)
        if match is None or _alive(int(match[1])):
            continue
        folder = re.search(r"^// folder: (.+)$", config.read_text(errors="replace"), re.MULTILINE)
        if folder and Path(folder[1]).name.startswith("clipper-wp-"):
            _kill_processes_of(folder[1])
            shutil.rmtree(folder[1], ignore_errors=True)
        config.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: alive
    return True


def _kill_processes_of(folder: str) -> None:
    """End every process whose command line names `folder` (the servers of one WordPress)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if folder in (entry / "cmdline").read_bytes().decode(errors="replace"):
                os.kill(int(entry.name), signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _php_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _wait(ready: Callable[[], bool], process: subprocess.Popen[bytes], what: str, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{what} did not start:\n{tail}")
        time.sleep(0.05)


def _accepts(address: str | tuple[str, int]) -> bool:
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    with socket.socket(family) as probe:
        probe.settimeout(2)
        try:
            probe.connect(address)
            if isinstance(address, str):
                return bool(probe.recv(1))  # MariaDB greets a client only once it is ready
        except OSError:
            return False
    return True


class WordPress:
    """One WordPress site on 127.0.0.1: its URL, its administrator `user`, and `password`, an
    application password for the REST API."""

    user = "curator"

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="clipper-wp-"))
        self.name = f"{PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        self.config = CONFIG_DIR / f"config-{self.name}.php"
        self.port = _free_port()
        self.password = ""
        self.login_password = secrets.token_urlsafe(16)
        self.socket = self.root / "mariadb.sock"
        self._db: subprocess.Popen[bytes] | None = None
        self._web: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> WordPress:
        """Database, config, web server, install, application password; everything undone on failure."""
        try:
            self._start_database()
            self._write_site()
            self.start_web()
            self._install()
            self.password = self.php(
                f"$user = get_user_by('login', {_php_string(self.user)});"
                "[$password] = WP_Application_Passwords::create_new_application_password("
                "$user->ID, array('name' => 'clipper tests'));"
                "echo $password;"
            ).strip()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """End both servers; remove the folder and the config file."""
        self.stop_web()
        if self._db is not None:
            self._db.terminate()
            try:
                self._db.wait(10)
            except subprocess.TimeoutExpired:
                self._db.kill()
                self._db.wait()
            self._db = None
        self.config.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def start_web(self) -> None:
        """PHP's built-in server for the site, on the site's port."""
        php = shutil.which("php") or "php"
        log = self.root / "php.log"
        command = [php, "-d", f"auto_prepend_file={self.root / 'prepend.php'}", "-S", f"127.0.0.1:{self.port}"]
        with log.open("ab") as out:
            self._web = subprocess.Popen(
                [*command, "-t", str(WP_ROOT)],
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PHP_CLI_SERVER_WORKERS": "2"},
                start_new_session=True,  # its own process group: the workers end with it
                preexec_fn=_die_with_parent,
            )
        _wait(lambda: _accepts(("127.0.0.1", self.port)), self._web, "php -S", log, 10)

    def stop_web(self) -> None:
        """End the web server and its workers (the site is then down, its data kept)."""
        if self._web is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._web.pid, signal.SIGTERM)
        try:
            self._web.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(self._web.pid, signal.SIGKILL)
            self._web.wait()
        # The workers can outlive the first process for a moment, holding the port: a client would
        # see its connection reset rather than refused. (Their zombies, closed, may linger longer.)
        deadline = time.monotonic() + 5
        while _accepts(("127.0.0.1", self.port)) and time.monotonic() < deadline:
            time.sleep(0.02)
        self._web = None

    @contextlib.contextmanager
    def stopped(self) -> Iterator[None]:
        """The site down for the length of the block, up again after it."""
        self.stop_web()
        try:
            yield
        finally:
            self.start_web()

    @contextlib.contextmanager
    def permalinks(self, structure: str) -> Iterator[None]:
        """Another permalink structure for the block ("" for plain links: `?rest_route=`)."""
        self._set_permalinks(structure)
        try:
            yield
        finally:
            self._set_permalinks(PRETTY)

    @contextlib.contextmanager
    def fault(self, kind: str) -> Iterator[None]:
        """Every REST request fails for the block: `sleep N` answers after N seconds, `fatal` dies in
        a PHP fatal error (WordPress answers 500)."""
        (self.root / "fault").write_text(kind)
        try:
            yield
        finally:
            (self.root / "fault").unlink(missing_ok=True)

    def php(self, code: str) -> str:
        """Run PHP with this WordPress loaded (as WP-CLI would); returns what it printed."""
        prologue = (
            f"$_SERVER['WORDPRESS_CONFIG'] = {_php_string(self.name)};"
            f"$_SERVER['HTTP_HOST'] = '127.0.0.1:{self.port}';"
            f"require {_php_string(str(WP_ROOT / 'wp-load.php'))};"
        )
        done = subprocess.run(
            [shutil.which("php") or "php", "-r", prologue + code], capture_output=True, text=True, cwd=self.root
        )
        if done.returncode:
            raise RuntimeError(f"php failed ({done.returncode}): {done.stderr or done.stdout}")
        return done.stdout

    def rest(self, method: str, route: str, **params: Any) -> requests.Response:
        """A REST request as the site's user, by `?rest_route=` (which works with any permalinks)."""
        data = params.pop("json", None)
        return requests.request(
            method,
            self.url + "/",
            params={"rest_route": route, **params},
            json=data,
            auth=(self.user, self.password),
            timeout=30,
        )

    def _start_database(self) -> None:
        data = self.root / "data"
        log = self.root / "mariadb.log"
        as_root = ["--user=root"] if os.geteuid() == 0 else []  # mariadbd refuses root unless told
        small = ["--innodb-log-file-size=4M", "--innodb-buffer-pool-size=16M", "--skip-name-resolve"]
        install = ["mariadb-install-db", "--no-defaults", f"--datadir={data}", *as_root, *small, "--skip-test-db"]
        with log.open("ab") as out:
            subprocess.run(
                [*install, "--auth-root-authentication-method=normal"],  # root, no password, socket only
                cwd=self.root,
                stdout=subprocess.DEVNULL,
                stderr=out,
                check=True,
            )
        init = self.root / "init.sql"
        init.write_text("CREATE DATABASE IF NOT EXISTS wordpress;\n")
        server = [_mariadbd() or "mariadbd", "--no-defaults", f"--datadir={data}", *as_root, *small]
        private = [f"--socket={self.socket}", "--skip-networking", f"--pid-file={self.root / 'mariadb.pid'}"]
        # Throwaway data: no waiting for the disk on each of the installer's writes.
        unsynced = ["--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0"]
        self._db = subprocess.Popen(
            [*server, *private, *unsynced, f"--log-error={log}", f"--init-file={init}"],
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        _wait(lambda: _accepts(str(self.socket)), self._db, "mariadbd", log, 30)

    def _write_site(self) -> None:
        content = self.root / "wp-content"
        (content / "plugins").mkdir(parents=True)
        (content / "mu-plugins").mkdir()
        (content / "themes").symlink_to(WP_ROOT / "wp-content" / "themes")
        fault = _php_string(str(self.root / "fault"))
        (content / "mu-plugins" / "faults.php").write_text(
            "<?php\n// Faults a test turns on by writing the fault file (see WordPress.fault).\n"
            "add_filter('rest_pre_dispatch', function ($result) {\n"
            f"    $fault = @file_get_contents({fault});\n"
            "    if ($fault !== false && str_starts_with($fault, 'sleep ')) { sleep((int) substr($fault, 6)); }\n"
            "    if ($fault === 'fatal') { clipper_no_such_function(); }\n"
            "    return $result;\n"
            "});\n"
        )
        (self.root / "prepend.php").write_text(f"<?php $_SERVER['WORDPRESS_CONFIG'] = {_php_string(self.name)};\n")
        settings = {
            "DB_NAME": "wordpress",
            "DB_USER": "root",
            "DB_PASSWORD": "",
            "DB_HOST": f"localhost:{self.socket}",
            "WP_CONTENT_DIR": str(content),
            "WP_HOME": self.url,
            "WP_SITEURL": self.url,
            "WP_ENVIRONMENT_TYPE": "local",  # application passwords over plain http (loopback)
        }
        lines = [f"define({_php_string(key)}, {_php_string(value)});" for key, value in settings.items()]
        # Offline and quiet: no calls home, no cron, no updates.
        lines += [f"define('{key}', true);" for key in ("WP_HTTP_BLOCK_EXTERNAL", "DISABLE_WP_CRON")]
        lines.append("define('AUTOMATIC_UPDATER_DISABLED', true);")
        self.config.write_text(
            "<?php\n// A throwaway WordPress for clipper's tests, removed when they end.\n"
            f"// folder: {self.root}\n" + "\n".join(lines) + "\n"
        )

    def _install(self) -> None:
        response = requests.post(
            f"{self.url}/wp-admin/install.php?step=2",
            data={
                "weblog_title": "Clipper Test Links",
                "user_name": self.user,
                "admin_password": self.login_password,
                "admin_password2": self.login_password,
                "pw_weak": "1",
                "admin_email": "curator@example.org",
                "blog_public": "0",
                "language": "",
            },
            timeout=120,
        )
        if response.status_code != 200 or "wp-login.php" not in response.text:
            raise RuntimeError(f"the WordPress install failed (HTTP {response.status_code}): {response.text[:500]}")

    def _set_permalinks(self, structure: str) -> None:
        self.php(
            f"global $wp_rewrite; $wp_rewrite->set_permalink_structure({_php_string(structure)});"
            "flush_rewrite_rules(false);"
        )
