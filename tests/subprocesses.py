"""Running `partnerkit` as a new installation would, in a child process."""

import os
import subprocess
import sys


def partnerkit_env(data_dir, **overrides) -> dict:
    """The environment of a fresh installation: nothing configured but the data folder.

    DATABASE_URL is empty (the SQLite file in the data folder), whatever this test run uses.
    """
    inherited = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("PARTNERKIT_") and name not in inherited
    }
    # A closed local port: a child that asks Wikimedia without a test server fails fast.
    env.update(
        PARTNERKIT_DATA_DIR=str(data_dir), DATABASE_URL="",
        PARTNERKIT_WIKIMEDIA_BASE_URL="http://127.0.0.1:9",
    )
    env.update(overrides)
    return env


def run_partnerkit(*args, env, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "partnerkit.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
