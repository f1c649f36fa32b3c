"""The `partnerkit` command: user, workspace and token management, and its error contract
(exit code 2 and one line on stderr that names the argument)."""

import json

import pytest
from django.contrib.auth import get_user_model

from partnerkit import __version__
from partnerkit.accounts.services import token_authenticate
from partnerkit.cli import ROLES, main
from partnerkit.workspaces.models import Membership, Role, Workspace
from tests.conftest import error_line
from tests.subprocesses import partnerkit_env, run_partnerkit

User = get_user_model()



# --------------------------------------------------------------------------------------
# createuser
# --------------------------------------------------------------------------------------


def test_createuser_makes_a_member_without_password_and_says_how_to_get_one(north, capsys):
    code = main([
        "createuser", "--username", "dora", "--email", "dora@example.org",
        "--workspace", "north", "--role", "coordinator",
    ])
    assert code == 0
    out = capsys.readouterr().out
    dora = User.objects.get(username="dora")
    assert not dora.has_usable_password()
    assert Membership.objects.get(user=dora, workspace=north).role == Role.COORDINATOR
    assert "Forgot your password?" in out


def test_createuser_json_reports_the_account(db, capsys):
    code = main([
        "createuser", "--username", "erin", "--email", "erin@example.org",
        "--password", "a long and unusual passphrase", "--superuser", "--json",
    ])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {
        "id": User.objects.get(username="erin").pk,
        "username": "erin",
        "email": "erin@example.org",
        "has_password": True,
        "superuser": True,
        "workspace": None,
        "role": None,
    }
    erin = User.objects.get(username="erin")
    assert erin.check_password("a long and unusual passphrase")
    assert erin.is_staff and erin.is_superuser


def test_createuser_role_defaults_to_member(north, capsys):
    code = main(
        ["createuser", "--username", "dora", "--email", "d@example.org", "--workspace", "north"]
    )
    assert code == 0
    assert Membership.objects.get(user__username="dora").role == Role.MEMBER


def test_an_unknown_role_is_refused_by_name(db, capsys):
    code = main(["createuser", "--username", "dora", "--email", "d@example.org", "--role", "boss"])
    assert code == 2
    assert error_line(capsys) == (
        "partnerkit: error: --role: 'boss' is not one of admin, coordinator, member, viewer"
    )


def test_an_unknown_workspace_creates_no_user(db, capsys):
    code = main([
        "createuser", "--username", "dora", "--email", "d@example.org", "--workspace", "atlantis",
    ])
    assert code == 2
    assert error_line(capsys).startswith(
        "partnerkit: error: --workspace: there is no workspace 'atlantis'"
    )
    assert not User.objects.filter(username="dora").exists()


def test_a_duplicate_username_is_named(alice, capsys):
    code = main(["createuser", "--username", "alice", "--email", "other@example.org"])
    assert code == 2
    assert error_line(capsys).startswith("partnerkit: error: --username: ")


def test_a_bad_email_is_named(db, capsys):
    code = main(["createuser", "--username", "dora", "--email", "not-an-address"])
    assert code == 2
    assert error_line(capsys) == "partnerkit: error: --email: Enter a valid email address."


def test_a_weak_password_creates_nothing(north, capsys):
    code = main([
        "createuser", "--username", "dora", "--email", "d@example.org", "--password", "123",
        "--workspace", "north",
    ])
    assert code == 2
    assert error_line(capsys).startswith("partnerkit: error: --password: ")
    assert not User.objects.filter(username="dora").exists()


def test_a_role_needs_a_workspace(db, capsys):
    code = main(["createuser", "--username", "dora", "--email", "d@example.org", "--role", "admin"])
    assert code == 2
    assert "--role" in error_line(capsys)
    assert not User.objects.filter(username="dora").exists()


def test_cli_roles_are_the_models_roles():
    assert list(ROLES) == list(Role.values)


# --------------------------------------------------------------------------------------
# workspace
# --------------------------------------------------------------------------------------


def test_workspace_create_with_an_admin(alice, capsys):
    code = main([
        "workspace", "create", "--name", "Wikimedia East", "--slug", "east", "--admin", "alice",
        "--json",
    ])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    east = Workspace.objects.get(slug="east")
    assert result == {"id": east.pk, "slug": "east", "name": "Wikimedia East", "admin": "alice"}
    assert Membership.objects.get(workspace=east, user=alice).role == Role.ADMIN


def test_workspace_create_makes_the_slug_from_the_name(db, capsys):
    assert main(["workspace", "create", "--name", "Wikimedia East"]) == 0
    assert Workspace.objects.filter(slug="wikimedia-east").exists()
    assert "no members yet" in capsys.readouterr().out


def test_workspace_create_refuses_a_taken_slug(north, capsys):
    code = main(["workspace", "create", "--name", "Another North", "--slug", "north"])
    assert code == 2
    assert error_line(capsys).startswith("partnerkit: error: --slug: ")
    assert Workspace.objects.filter(slug="north").count() == 1


def test_workspace_create_without_a_name(db, capsys):
    assert main(["workspace", "create", "--slug", "east"]) == 2
    assert error_line(capsys) == "partnerkit: error: --name is required"


def test_workspace_create_with_an_unknown_admin_creates_nothing(db, capsys):
    code = main(["workspace", "create", "--name", "East", "--admin", "nobody"])
    assert code == 2
    assert error_line(capsys) == "partnerkit: error: --admin: there is no user 'nobody'"
    assert not Workspace.objects.exists()


def test_workspace_list(north, south, capsys):
    assert main(["workspace", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("north  Wikimedia North  (3 members")
    assert lines[1].startswith("south  Wikimedia South  (1 members")
    assert main(["workspace", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {"slug": "north", "name": "Wikimedia North", "members": 3, "partners": 0}


# --------------------------------------------------------------------------------------
# token
# --------------------------------------------------------------------------------------


def test_token_create_prints_only_a_working_token(alice, capsys):
    assert main(["token", "create", "--user", "alice", "--name", "nightly import"]) == 0
    captured = capsys.readouterr()
    secret = captured.out.strip()
    assert captured.out == secret + "\n"
    assert token_authenticate(secret) == alice


def test_tokens_can_be_listed_and_revoked(alice, capsys):
    assert main(["token", "create", "--user", "alice", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["user"] == "alice" and created["revoked_at"] is None

    assert main(["token", "list", "--user", "alice", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [row["hint"] for row in listed] == [created["hint"]]
    assert "token" not in listed[0]  # the secret is shown once, at creation

    assert main(["token", "revoke", "--hint", created["hint"]]) == 0
    assert created["hint"] in capsys.readouterr().out
    assert token_authenticate(created["token"]) is None


def test_token_revoke_with_an_unknown_hint(alice, capsys):
    assert main(["token", "revoke", "--hint", "pk_nothing"]) == 2
    assert error_line(capsys).startswith("partnerkit: error: --hint: ")


def test_token_for_an_unknown_user(db, capsys):
    assert main(["token", "create", "--user", "nobody"]) == 2
    assert error_line(capsys) == "partnerkit: error: --user: there is no user 'nobody'"


# --------------------------------------------------------------------------------------
# The command itself
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, message",
    [
        (["token", "frobnicate"], "token: 'frobnicate' is not one of create, list, revoke"),
        (["token"], "token: say what to do: create or list or revoke"),
        (["frobnicate"], "'frobnicate' is not a command"),
        (["serve", "--port", "http"], "--port: 'http' is not a port number (1–65535)"),
        (["createuser", "--username", "dora"], "--email is required"),
    ],
)
def test_bad_commands_get_one_line(db, capsys, argv, message):
    assert main(argv) == 2
    assert error_line(capsys).startswith(f"partnerkit: error: {message}")


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"partnerkit {__version__}\n"


def test_other_commands_go_to_django(db, capsys):
    assert main(["check"]) == 0
    assert "no issues" in capsys.readouterr().out


# --------------------------------------------------------------------------------------
# As a separate process, the way scripts use it
# --------------------------------------------------------------------------------------


def test_a_script_can_set_up_a_workspace_and_get_a_token(tmp_path):
    env = partnerkit_env(tmp_path / "data")
    assert run_partnerkit("migrate", "--verbosity", "0", env=env).returncode == 0
    steps = [
        ("workspace", "create", "--name", "Wikimedia East", "--slug", "east", "--json"),
        (
            "createuser", "--username", "dora", "--email", "d@example.org",
            "--workspace", "east", "--role", "admin",
        ),
        ("token", "create", "--user", "dora"),
    ]
    results = [run_partnerkit(*step, env=env) for step in steps]
    assert [result.returncode for result in results] == [0, 0, 0], [r.stderr for r in results]
    assert json.loads(results[0].stdout)["slug"] == "east"
    assert results[2].stdout.startswith("pk_") and results[2].stdout.count("\n") == 1


def test_bad_input_in_a_process_is_one_line_and_exit_2(tmp_path):
    env = partnerkit_env(tmp_path / "data")
    result = run_partnerkit("workspace", "create", "--slug", "east", env=env)
    assert result.returncode == 2
    assert result.stderr == "partnerkit: error: --name is required\n"


def test_an_unset_up_database_is_reported_not_a_traceback(tmp_path):
    result = run_partnerkit("workspace", "list", env=partnerkit_env(tmp_path / "data"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "partnerkit migrate" in result.stderr
