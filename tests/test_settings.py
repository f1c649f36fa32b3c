"""Configuration comes from environment variables, and a wrong one stops the start with a
message that names it."""

import stat
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from partnerkit import config
from tests.subprocesses import partnerkit_env, run_partnerkit

SETUP = (
    "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'partnerkit.settings'; "
    "django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
)


def start_django(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, timeout=60
    )


BAD_SETTINGS = [
    ({"PARTNERKIT_DEBUG": "maybe"}, "PARTNERKIT_DEBUG"),
    ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
    ({"DATABASE_URL": "postgres://host"}, "DATABASE_URL"),
    ({"DATABASE_URL": "postgres://user@host:port/name"}, "DATABASE_URL"),
    ({"PARTNERKIT_ALLOWED_HOSTS": ","}, "PARTNERKIT_ALLOWED_HOSTS"),
    ({"PARTNERKIT_SECRET_KEY": "short"}, "PARTNERKIT_SECRET_KEY"),
    (
        {"PARTNERKIT_EMAIL_HOST": "smtp.example.org", "PARTNERKIT_EMAIL_PORT": "abc"},
        "PARTNERKIT_EMAIL_PORT",
    ),
    ({"PARTNERKIT_DEFAULT_FROM_EMAIL": "nobody"}, "PARTNERKIT_DEFAULT_FROM_EMAIL"),
    ({"PARTNERKIT_TIME_ZONE": "Mars/Base"}, "PARTNERKIT_TIME_ZONE"),
    ({"PARTNERKIT_CSRF_TRUSTED_ORIGINS": "example.org"}, "PARTNERKIT_CSRF_TRUSTED_ORIGINS"),
    ({"PARTNERKIT_BEHIND_HTTPS_PROXY": "sure"}, "PARTNERKIT_BEHIND_HTTPS_PROXY"),
    ({"PARTNERKIT_LOG_LEVEL": "loud"}, "PARTNERKIT_LOG_LEVEL"),
]


@pytest.mark.parametrize(
    "bad, variable", BAD_SETTINGS, ids=[f"{v}={list(b.values())[-1]}" for b, v in BAD_SETTINGS]
)
def test_a_bad_variable_stops_the_command_with_one_line_naming_it(tmp_path, bad, variable):
    result = run_partnerkit("check", env=partnerkit_env(tmp_path / "data", **bad))
    assert result.returncode == 2
    assert result.stderr.startswith(f"partnerkit: error: {variable}")
    assert result.stderr.count("\n") == 1, result.stderr


def test_a_data_dir_that_is_a_file_stops_the_command(tmp_path):
    not_a_folder = tmp_path / "var"
    not_a_folder.write_text("")
    result = run_partnerkit("check", env=partnerkit_env(not_a_folder))
    assert result.returncode == 2
    assert result.stderr.startswith("partnerkit: error: PARTNERKIT_DATA_DIR=")
    assert "not a folder" in result.stderr


@pytest.mark.parametrize("bad, variable", [BAD_SETTINGS[0], BAD_SETTINGS[2]])
def test_the_settings_themselves_fail_without_the_command(tmp_path, bad, variable):
    result = start_django(partnerkit_env(tmp_path / "data", **bad))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]


def test_a_fresh_data_folder_gets_a_private_secret_key_that_is_kept(tmp_path):
    data = tmp_path / "new" / "data"
    env = partnerkit_env(data)
    first = start_django(env)
    assert first.returncode == 0, first.stderr
    key_file = data / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_text().strip() == first.stdout.strip()
    second = start_django(env)
    assert second.stdout == first.stdout


def test_the_secret_key_from_the_environment_wins_and_no_file_is_written(tmp_path):
    key = "k" * 40
    result = start_django(partnerkit_env(tmp_path, PARTNERKIT_SECRET_KEY=key))
    assert result.stdout.strip() == key
    assert not (tmp_path / "secret_key").exists()


# --------------------------------------------------------------------------------------
# partnerkit.config, one helper at a time
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [("1", True), ("Yes", True), (" on ", True), ("0", False), ("off", False), ("", False)],
)
def test_env_bool_reads_yes_and_no_words(monkeypatch, raw, expected):
    monkeypatch.setenv("PK_TEST", raw)
    assert config.env_bool("PK_TEST") is expected


def test_env_bool_default_and_error(monkeypatch):
    monkeypatch.delenv("PK_TEST", raising=False)
    assert config.env_bool("PK_TEST", default=True) is True
    monkeypatch.setenv("PK_TEST", "maybe")
    with pytest.raises(ImproperlyConfigured, match="^PK_TEST='maybe'"):
        config.env_bool("PK_TEST")


def test_env_int_checks_number_and_range(monkeypatch):
    monkeypatch.delenv("PK_TEST", raising=False)
    assert config.env_int("PK_TEST", 587) == 587
    monkeypatch.setenv("PK_TEST", " 25 ")
    assert config.env_int("PK_TEST", 587, minimum=1, maximum=65535) == 25
    monkeypatch.setenv("PK_TEST", "abc")
    with pytest.raises(ImproperlyConfigured, match="PK_TEST='abc' is not a whole number"):
        config.env_int("PK_TEST", 587)
    monkeypatch.setenv("PK_TEST", "70000")
    with pytest.raises(ImproperlyConfigured, match="PK_TEST=70000 must be between 1 and 65535"):
        config.env_int("PK_TEST", 587, minimum=1, maximum=65535)


def test_env_list_splits_on_commas_and_refuses_an_empty_list(monkeypatch):
    monkeypatch.delenv("PK_TEST", raising=False)
    assert config.env_list("PK_TEST", ["localhost"]) == ["localhost"]
    monkeypatch.setenv("PK_TEST", " a.example.org, b.example.org ,")
    assert config.env_list("PK_TEST", []) == ["a.example.org", "b.example.org"]
    monkeypatch.setenv("PK_TEST", ",")
    with pytest.raises(ImproperlyConfigured, match="PK_TEST is set but empty"):
        config.env_list("PK_TEST", [])


def test_env_email_accepts_a_named_address(monkeypatch):
    monkeypatch.setenv("PK_TEST", "Partnerkit <kit@example.org>")
    assert config.env_email("PK_TEST", "") == "Partnerkit <kit@example.org>"
    monkeypatch.setenv("PK_TEST", "kit@localhost")
    with pytest.raises(ImproperlyConfigured, match="PK_TEST='kit@localhost' is not an e-mail"):
        config.env_email("PK_TEST", "")


def test_data_dir_is_created_and_must_be_a_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("PK_TEST", str(tmp_path / "a" / "b"))
    assert config.data_dir("PK_TEST") == tmp_path / "a" / "b"
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("PK_TEST", str(tmp_path / "file"))
    with pytest.raises(ImproperlyConfigured, match="^PK_TEST=.* is not a folder"):
        config.data_dir("PK_TEST")


def test_secret_key_is_generated_once_with_mode_0600(monkeypatch, tmp_path):
    monkeypatch.delenv("PK_TEST", raising=False)
    key = config.secret_key("PK_TEST", tmp_path)
    assert len(key) >= 50
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert config.secret_key("PK_TEST", tmp_path) == key


def test_a_damaged_secret_key_file_is_reported(monkeypatch, tmp_path):
    monkeypatch.delenv("PK_TEST", raising=False)
    (tmp_path / "secret_key").write_text("short\n")
    with pytest.raises(ImproperlyConfigured, match="holds no usable key.*PK_TEST"):
        config.secret_key("PK_TEST", tmp_path)


def test_a_short_secret_key_in_the_environment_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("PK_TEST", "short")
    with pytest.raises(ImproperlyConfigured, match="^PK_TEST is too short"):
        config.secret_key("PK_TEST", tmp_path)


def test_database_defaults_to_sqlite_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("PK_TEST", raising=False)
    database = config.database("PK_TEST", tmp_path / "db.sqlite3")
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "db.sqlite3")


@pytest.mark.parametrize(
    "url, name",
    [
        ("sqlite:///relative/kit.sqlite3", "relative/kit.sqlite3"),
        ("sqlite:////srv/kit.sqlite3", "/srv/kit.sqlite3"),
    ],
)
def test_database_sqlite_urls(monkeypatch, tmp_path, url, name):
    monkeypatch.setenv("PK_TEST", url)
    assert config.database("PK_TEST", tmp_path / "unused")["NAME"] == name


def test_database_postgres_url_is_taken_apart(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "PK_TEST", "postgres://kit:p%40ss@db.example.org:6432/partnerkit?sslmode=require"
    )
    database = config.database("PK_TEST", tmp_path / "unused")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "partnerkit"
    assert (database["USER"], database["PASSWORD"]) == ("kit", "p@ss")
    assert (database["HOST"], database["PORT"]) == ("db.example.org", "6432")
    assert database["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    "url, reason",
    [
        ("mysql://x", "is not supported"),
        ("postgres://host", "names no database"),
        ("postgres://host:port/name", "port that is not a number"),
        ("sqlite://", "names no database file"),
    ],
)
def test_database_urls_that_cannot_work(monkeypatch, tmp_path, url, reason):
    monkeypatch.setenv("PK_TEST", url)
    with pytest.raises(ImproperlyConfigured, match=f"^PK_TEST=.*{reason}"):
        config.database("PK_TEST", tmp_path / "unused")
