"""What `partnerkit serve` runs: gunicorn in this process, and the background worker beside it.

The gunicorn master process also looks after the worker: it starts it again if it dies, and
stops it when the server stops, so one command (and one process to signal) runs everything.
"""

from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

logger = logging.getLogger(__name__)

WORKER_COMMAND = [sys.executable, "-m", "partnerkit.cli", "worker"]


class BackgroundWorker:
    """The `partnerkit worker` child process that processes queued tasks (e-mails, …)."""

    # Seconds between restarts, so a worker that cannot start does not spin.
    RESTART_DELAY = 5.0

    def __init__(self, command: list[str] | None = None):
        self.command = command or WORKER_COMMAND
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self) -> None:
        self.process = subprocess.Popen(self.command)
        self.started_at = time.monotonic()

    def check(self) -> None:
        """Start the worker again if it has stopped; called about once a second."""
        if self.process is None or self.process.poll() is None:
            return
        if time.monotonic() - self.started_at < self.RESTART_DELAY:
            return
        # gunicorn's master reaps every child, so the exit status is often lost here.
        logger.warning("The background worker stopped; starting it again.")
        self.start()

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            logger.warning("The background worker did not stop in %s s; killing it.", timeout)
            self.process.kill()
            self.process.wait()


def address_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None if it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        return f"--host: cannot listen on {host!r}: {error.strerror}"
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # As gunicorn does, so that connections in TIME_WAIT do not count as "in use".
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (
                    f"--port: {port} is already in use on {host}; "
                    "stop that server or choose another port"
                )
            return f"--host: cannot listen on {host}:{port}: {error.strerror}"
    return None


def browser_url(host: str, port: int) -> str:
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


class _Arbiter(Arbiter):
    def manage_workers(self):
        super().manage_workers()
        # Only the master gets here: a forked web worker leaves through SystemExit above.
        if self.app.on_tick is not None:
            self.app.on_tick()


class WebServer(BaseApplication):
    """gunicorn serving partnerkit.wsgi, configured from code rather than a config file."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        workers: int = 2,
        threads: int = 4,
        on_ready: Callable[[], None] | None = None,
        on_tick: Callable[[], None] | None = None,
    ):
        bind_host = f"[{host}]" if ":" in host else host
        self.options = {
            "bind": [f"{bind_host}:{port}"],
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            # Load Django once in the master: a broken installation fails once, clearly.
            "preload_app": True,
            "accesslog": "-",
            "errorlog": "-",
            "loglevel": "info",
            "timeout": 60,
            "graceful_timeout": 10,
            "proc_name": "partnerkit",
            # Newer gunicorn opens a control socket in the working directory; not needed here.
            "control_socket_disable": True,
        }
        self.on_ready = on_ready
        self.on_tick = on_tick
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings differ between gunicorn versions
                self.cfg.set(key, value)
        if self.on_ready is not None:
            self.cfg.set("when_ready", self._when_ready)

    def _when_ready(self, arbiter):
        self.on_ready()

    def load(self):
        from partnerkit.wsgi import application

        return application

    def run(self):
        try:
            _Arbiter(self).run()
        except RuntimeError as error:
            print(f"partnerkit: error: {error}", file=sys.stderr)
            sys.exit(1)


def serve(
    *,
    host: str,
    port: int,
    workers: int,
    threads: int,
    background: BackgroundWorker | None,
    on_ready: Callable[[], None] | None = None,
) -> int:
    """Run until SIGTERM or SIGINT; the exit code of the server."""
    master = os.getpid()
    # Until gunicorn installs its own handlers, a SIGTERM must still stop the worker.
    signal.signal(signal.SIGTERM, _exit_quietly)
    # Buffered output would be written again by every forked web worker when it exits.
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        if background is not None:
            background.start()
        server = WebServer(
            host=host,
            port=port,
            workers=workers,
            threads=threads,
            on_ready=on_ready,
            on_tick=background.check if background is not None else None,
        )
        server.run()
    except SystemExit as exit:
        if os.getpid() != master:
            raise  # a web worker finishing: let it leave as gunicorn intends
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    except KeyboardInterrupt:
        if os.getpid() != master:
            raise
        return 0
    finally:
        if os.getpid() == master and background is not None:
            background.stop()
    return 0


def _exit_quietly(signum, frame):
    raise SystemExit(0)
