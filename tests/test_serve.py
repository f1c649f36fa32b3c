"""`partnerkit serve`: a first start on an empty data folder serves pages, static files and the
demo, runs the background worker, and stops everything on SIGTERM."""

import http.cookiejar
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import partnerkit
from partnerkit import server
from partnerkit.cli import main
from tests.subprocesses import partnerkit_env

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

START_TIMEOUT = 60
STOP_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children_of(pid: int) -> dict[int, str]:
    """Live child processes of pid, with their command lines."""
    found = {}
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat_file.parent / "cmdline").read_bytes()
        except OSError:
            continue
        state, parent = fields[0], int(fields[1])
        if parent == pid and state != "Z":
            found[int(stat_file.parent.name)] = cmdline.replace(b"\0", b" ").decode()
    return found


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Browser:
    """Just enough of a browser: cookies, redirects, forms with a CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str):
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.status, response.headers, response.read().decode(), response.url

    def submit(self, path: str, fields: dict):
        _status, _headers, page, _url = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        with self.opener.open(self.base + path, data=data, timeout=10) as response:
            return response.status, response.read().decode(), response.url


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "healthz", timeout=2) as response:
            return response.status == 200
    except OSError:  # refused, reset, or a busy server's read timing out: not ready yet
        return False


@pytest.fixture
def running(tmp_path):
    """`partnerkit serve --demo` on a free port with a new data folder."""
    data = tmp_path / "data"
    port = free_port()
    out, err = (tmp_path / "stdout").open("w"), (tmp_path / "stderr").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "partnerkit.cli", "serve", "--port", str(port), "--demo"],
        env=partnerkit_env(data),
        stdout=out,
        stderr=err,
        start_new_session=True,  # its own process group, so cleanup can reach every child
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(
            lambda: healthy(base) or process.poll() is not None, START_TIMEOUT, "/healthz"
        )
        assert process.poll() is None, (tmp_path / "stderr").read_text()
        yield process, base, data, tmp_path / "stdout"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        out.close()
        err.close()


def test_serve_demo_from_an_empty_data_folder(running):
    process, base, data, stdout = running

    # The data folder: the SQLite database and a private secret key.
    assert (data / "partnerkit.sqlite3").is_file()
    assert stat.S_IMODE((data / "secret_key").stat().st_mode) == 0o600

    # What to open and how to sign in is printed.
    printed = stdout.read_text()
    assert base in printed
    assert "username demo, password demo-partnerkit" in printed

    # Static files come from WhiteNoise without collectstatic.
    css = Path(partnerkit.__file__).parent / "web/static/partnerkit/partnerkit.css"
    css_path = "static/partnerkit/partnerkit.css" if css.exists() else "static/admin/css/base.css"
    status, headers, body, _url = Browser(base).get(css_path)
    assert status == 200 and headers["Content-Type"].startswith("text/css") and body

    # The demo sign-in works and leads to the demo's partners.
    browser = Browser(base)
    status, page, url = browser.submit(
        "accounts/login/", {"username": "demo", "password": "demo-partnerkit"}
    )
    assert status == 200
    assert urllib.parse.urlparse(url).path != "/accounts/login/", "sign-in failed"
    _status, _headers, partners, _url = browser.get("w/demo/partners/")
    assert "Deutsche Nationalbibliothek" in partners

    # The worker runs beside the web server and processes queued work: a password reset
    # e-mail is queued by the page and printed by the worker (console e-mail backend).
    children = children_of(process.pid)
    workers = [pid for pid, command in children.items() if "partnerkit.cli worker" in command]
    assert len(workers) == 1
    web_workers = [pid for pid in children if pid not in workers]
    assert len(web_workers) == 2
    browser.submit("accounts/password/reset/", {"email": "demo@example.org"})
    wait_for(lambda: "To: demo@example.org" in stdout.read_text(), 30, "the reset e-mail")

    # SIGTERM stops the server, its web workers and the background worker.
    process.send_signal(signal.SIGTERM)
    assert process.wait(STOP_TIMEOUT) == 0
    for pid in workers + web_workers:
        wait_for(lambda: not is_running(pid), 10, f"process {pid} to end")


def test_serve_refuses_a_port_in_use_with_one_line(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "--no-worker"]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"partnerkit: error: --port: {port} is already in use on 127.0.0.1; "
        "stop that server or choose another port\n"
    )


def test_serve_refuses_an_unknown_host(capsys):
    assert main(["serve", "--host", "no-such-host.invalid"]) == 2
    assert capsys.readouterr().err.startswith("partnerkit: error: --host: cannot listen on")


@pytest.mark.parametrize(
    "host, url",
    [
        ("127.0.0.1", "http://127.0.0.1:8000/"),
        ("0.0.0.0", "http://127.0.0.1:8000/"),
        ("::1", "http://[::1]:8000/"),
    ],
)
def test_the_printed_address_opens_in_a_browser(host, url):
    assert server.browser_url(host, 8000) == url


def test_the_background_worker_is_started_again_when_it_dies(monkeypatch):
    monkeypatch.setattr(server.BackgroundWorker, "RESTART_DELAY", 0)
    worker = server.BackgroundWorker([sys.executable, "-c", "pass"])
    worker.start()
    first = worker.process
    first.wait(10)
    worker.check()
    assert worker.process is not first
    worker.stop()
    assert worker.process.poll() is not None
