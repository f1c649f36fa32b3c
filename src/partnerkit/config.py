"""Reading configuration from environment variables.

Every helper names the variable in its error, so a wrong value fails at start with a message a
person can act on instead of a surprise later. Nothing here imports Django settings.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value; use one of 1, true, yes, on, 0, false, no, off."
    )


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int = 2**31) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name}={value} must be between {minimum} and {maximum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is set but empty; give a comma-separated list.")
    return items


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default) or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(choices)}.")
    return value


def env_email(name: str, default: str) -> str:
    value = env_str(name, default)
    local, at, domain = value.rpartition("<")[2].rstrip(">").partition("@")
    if not (local and at and "." in domain):
        raise ImproperlyConfigured(f"{name}={value!r} is not an e-mail address.")
    return value


def data_dir(name: str = "PARTNERKIT_DATA_DIR", default: str = "var") -> Path:
    """The folder for the SQLite database, the secret key, uploads and static files.

    Created on first use so that a first start needs no preparation.
    """
    path = Path(env_str(name, default) or default).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise ImproperlyConfigured(f"{name}={str(path)!r} exists but is not a folder.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImproperlyConfigured(f"{name}={str(path)!r} cannot be created: {error}.") from None
    return path


def secret_key(name: str, folder: Path) -> str:
    """The key from the environment, or one generated once and kept in a 0600 file."""
    value = env_str(name)
    if value:
        if len(value) < 32:
            raise ImproperlyConfigured(f"{name} is too short; use at least 32 characters.")
        return value
    key_file = folder / "secret_key"
    if key_file.exists():
        value = key_file.read_text().strip()
        if len(value) < 32:
            raise ImproperlyConfigured(
                f"{key_file} holds no usable key; delete it to have a new one made, or set {name}."
            )
        return value
    value = secrets.token_urlsafe(50)
    # O_EXCL: when two processes start at once, only one writes; the other reads its key.
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(value + "\n")
    return value


def database(name: str, default_sqlite: Path) -> dict:
    """Django's DATABASES["default"] from a URL.

    ``sqlite:///relative/or/absolute/path.sqlite3`` or
    ``postgres://user:password@host:port/name?sslmode=require``; empty means the SQLite file in
    the data folder.
    """
    raw = env_str(name)
    if not raw:
        return _sqlite(default_sqlite)
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)
        if path.startswith("/"):
            path = path[1:]  # sqlite:///x is relative, sqlite:////x absolute
        if not path:
            raise ImproperlyConfigured(f"{name}={raw!r} names no database file.")
        return _sqlite(Path(path))
    if scheme in {"postgres", "postgresql", "pgsql"}:
        db_name = unquote(parts.path.lstrip("/"))
        if not db_name:
            raise ImproperlyConfigured(f"{name}={raw!r} names no database (…/NAME at the end).")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"{name}={raw!r} has a port that is not a number.") from None
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": db_name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": unquote(parts.hostname or ""),
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not supported; use sqlite:///path or postgres://user:pass@host/name."
    )


def _sqlite(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # WAL and a busy timeout let the web server and the worker share one file.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
