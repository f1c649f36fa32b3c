"""The `partnerkit` command.

Partnerkit's own subcommands are below; any other first word goes to Django's management
commands (`partnerkit migrate`, `partnerkit shell`, `partnerkit check --deploy`, …).

Writes go through the same service functions as the web pages and the API. Exit codes: 0 on
success, 2 on bad input, with one line on stderr that names the argument or setting at fault.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, ValidationError

import partnerkit

PROG = "partnerkit"
# Kept here so that `--help` and argument errors need no database; a test keeps them in step
# with partnerkit.workspaces.models.Role.
ROLES = ("admin", "coordinator", "member", "viewer")

EPILOG = """\
Any other command is one of Django's management commands, for example
  partnerkit migrate          set up or update the database
  partnerkit check --deploy   check the settings for production
  partnerkit shell            a Python shell with Partnerkit loaded
  partnerkit help             list them all

Configuration comes from environment variables: DATABASE_URL, PARTNERKIT_DATA_DIR,
PARTNERKIT_SECRET_KEY, PARTNERKIT_ALLOWED_HOSTS, PARTNERKIT_DEBUG, PARTNERKIT_EMAIL_HOST, …
"""


class CliError(Exception):
    """A problem to report in one line on stderr; code 2 is bad input."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(argv)
    except CliError as error:
        return _fail(str(error), error.code)
    except ImproperlyConfigured as error:
        # A wrong environment variable: the settings name it in the message.
        return _fail(str(error), 2)
    except ValidationError as error:
        return _fail(_describe(error), 2)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        from django.db import DatabaseError

        if isinstance(error, DatabaseError):
            return _fail(f"database: {error}", 1)
        raise


def _run(argv: list[str]) -> int:
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        return _django_command(argv)
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # --help and --version
        return exit.code if isinstance(exit.code, int) else 0
    if args.command is None:
        parser.print_help()
        return 0
    if getattr(args, "action", "") is None:
        raise CliError(f"{args.command}: say what to do: {' or '.join(args.actions)}")
    return COMMANDS[args.command](args)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerkit.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def _django_command(argv: list[str]) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line, get_commands

    if argv[0] != "help" and argv[0] not in get_commands():
        raise CliError(
            f"{argv[0]!r} is not a command; see `{PROG} --help`, and `{PROG} help` "
            "for Django's commands"
        )
    try:
        execute_from_command_line([PROG, *argv])
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    return 0


# --------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """Reports a mistake in one line naming the argument, not the whole usage block, so
    the reason stays visible in a script's log."""

    def __init__(self, *args, **kwargs):
        # Scripts should keep working when an option is added: no `--user` for `--username`.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message):
        raise CliError(_tidy_argparse_message(self.prog, message))


def _tidy_argparse_message(prog: str, message: str) -> str:
    where = prog.removeprefix(PROG).strip()
    match = re.fullmatch(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.*)\)", message)
    if match:
        choices = match.group(3).replace("'", "")
        return f"{where or match.group(1)}: {match.group(2)!r} is not one of {choices}"
    match = re.fullmatch(r"the following arguments are required: (.*)", message)
    if match:
        names = match.group(1)
        return f"{names} {'are' if ',' in names else 'is'} required"
    match = re.fullmatch(r"argument ([^:]+): (.*)", message)
    if match:
        return f"{match.group(1).split('/')[-1]}: {match.group(2)}"
    return message


def _role(value: str) -> str:
    if value not in ROLES:
        raise argparse.ArgumentTypeError(f"{value!r} is not one of {', '.join(ROLES)}")
    return value


def _int_between(low: int, high: int, what: str):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{value!r} is not {what} ({low}–{high})")
        return number

    return parse


def _build_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Partnerkit: a partnerships workbench for Wikimedians.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {partnerkit.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    serve = commands.add_parser(
        "serve",
        help="run the web server and the background worker",
        description="Set up the database if needed, then run Partnerkit's web server and "
        "its background worker until stopped (Ctrl+C or SIGTERM).",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument(
        "--port", type=_int_between(1, 65535, "a port number"), default=8000,
        help="port to listen on (default: %(default)s)",
    )
    serve.add_argument(
        "--demo", action="store_true", help="load the demo workspace into an empty database"
    )
    serve.add_argument(
        "--workers", type=_int_between(1, 64, "a number of processes"), default=2,
        help="web server processes (default: %(default)s)",
    )
    serve.add_argument(
        "--threads", type=_int_between(1, 64, "a number of threads"), default=4,
        help="threads per web server process (default: %(default)s)",
    )
    serve.add_argument(
        "--no-worker", action="store_true",
        help="do not start the background worker (run `partnerkit worker` elsewhere)",
    )

    worker = commands.add_parser(
        "worker",
        help="process background tasks (e-mails, …)",
        description="Process queued background tasks until stopped. Any number of workers "
        "may run, on any machine that shares the database.",
    )
    worker.add_argument("--batch", action="store_true", help="process what is queued, then exit")
    worker.add_argument(
        "--interval", type=float, default=1.0,
        help="seconds to wait when the queue is empty (default: %(default)s)",
    )

    createuser = commands.add_parser(
        "createuser",
        help="create an account, optionally with a role in a workspace",
        description="Create an account. Without --password the person chooses one through "
        "“Forgot your password?” on the sign-in page.",
    )
    createuser.add_argument("--username", required=True)
    createuser.add_argument("--email", required=True)
    createuser.add_argument(
        "--password",
        help="initial password (other users of this machine can see command lines; "
        "leaving it out is safer)",
    )
    createuser.add_argument(
        "--workspace", metavar="SLUG", help="make the person a member of this workspace"
    )
    createuser.add_argument(
        "--role", type=_role, help=f"role in --workspace: {', '.join(ROLES)} (default: member)"
    )
    createuser.add_argument(
        "--superuser", action="store_true", help="may also use the Django admin"
    )
    createuser.add_argument("--json", action="store_true", help="print the result as JSON")

    workspace = commands.add_parser("workspace", help="create or list workspaces")
    workspace.set_defaults(actions=("create", "list"))
    workspace_actions = workspace.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser
    )
    create = workspace_actions.add_parser("create", help="create a workspace")
    create.add_argument("--name", required=True)
    create.add_argument("--slug", help="short name used in addresses (default: made from --name)")
    create.add_argument("--admin", metavar="USERNAME", help="the workspace's first admin")
    create.add_argument("--json", action="store_true", help="print the result as JSON")
    listing = workspace_actions.add_parser("list", help="list workspaces")
    listing.add_argument("--json", action="store_true", help="print the result as JSON")

    token = commands.add_parser("token", help="create, list or revoke API tokens")
    token.set_defaults(actions=("create", "list", "revoke"))
    token_actions = token.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    create = token_actions.add_parser(
        "create", help="create a token and print it (it is shown only once)"
    )
    create.add_argument("--user", metavar="USERNAME", required=True)
    create.add_argument("--name", default="", help="what the token is for")
    create.add_argument("--json", action="store_true", help="print the result as JSON")
    listing = token_actions.add_parser("list", help="list a person's tokens")
    listing.add_argument("--user", metavar="USERNAME", required=True)
    listing.add_argument("--json", action="store_true", help="print the result as JSON")
    revoke = token_actions.add_parser("revoke", help="revoke a token")
    revoke.add_argument(
        "--hint", required=True, help="the token's first characters as listed, or the whole token"
    )
    revoke.add_argument("--user", metavar="USERNAME", help="only look at this person's tokens")
    revoke.add_argument("--json", action="store_true", help="print the result as JSON")

    commands.add_parser(
        "demo",
        help="load the demo workspace into an empty database",
        description="Set up the database if needed and load a demo workspace with real "
        "partner organisations and made-up contacts. Refuses if any workspace exists.",
    )
    return parser


# --------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------


def _serve(args) -> int:
    from partnerkit import server

    problem = server.address_problem(args.host, args.port)
    if problem:
        raise CliError(problem)
    _setup_django()
    from django.conf import settings
    from django.db import connections

    _say(f"Partnerkit {partnerkit.__version__}, data folder {settings.DATA_DIR}")
    _migrate()
    demo_login = _serve_demo() if args.demo else None
    # The web workers are forked from this process and must not share its connection.
    connections.close_all()

    url = server.browser_url(args.host, args.port)
    lines = [f"Open {url} in your browser. Stop with Ctrl+C."]
    if demo_login:
        lines.append(demo_login)
    local = args.host in ("127.0.0.1", "localhost", "::1")
    if not local and "PARTNERKIT_ALLOWED_HOSTS" not in os.environ:
        lines.append(
            "Other machines reach it only by names listed in PARTNERKIT_ALLOWED_HOSTS "
            f"(now: {', '.join(settings.ALLOWED_HOSTS)})."
        )
    if args.no_worker:
        lines.append("No background worker: run `partnerkit worker` so that e-mails get sent.")

    def ready():
        for line in lines:
            _say(line)
        sys.stdout.flush()

    return server.serve(
        host=args.host,
        port=args.port,
        workers=args.workers,
        threads=args.threads,
        background=None if args.no_worker else server.BackgroundWorker(),
        on_ready=ready,
    )


def _serve_demo() -> str | None:
    """Load the demo into an empty database; the sign-in line to show, if there is a demo."""
    from partnerkit import demo
    from partnerkit.workspaces.models import Workspace

    if Workspace.objects.exists():
        _say("The database already has workspaces; the demo is only loaded into an empty one.")
    else:
        try:
            workspace = demo.load_demo()
        except demo.DemoRefused as refusal:
            _say(f"The demo was not loaded: {refusal}.")
        else:
            _say(f"Loaded the demo workspace “{workspace.name}”.")
    has_demo = Workspace.objects.filter(
        slug=demo.WORKSPACE_SLUG, memberships__user__username=demo.USERNAME
    ).exists()
    if not has_demo:
        return None
    return f"Demo sign-in: username {demo.USERNAME}, password {demo.PASSWORD}"


def _worker(args) -> int:
    _setup_django()
    from django.core.management import call_command

    call_command(
        "db_worker",
        batch=args.batch,
        interval=args.interval,
        # The reloader would put the worker in a grandchild that `serve` cannot stop.
        reload=False,
        startup_delay=not args.batch,
    )
    return 0


def _createuser(args) -> int:
    _setup_django()
    _require_migrated()
    from django.db import transaction

    from partnerkit.accounts.services import user_create
    from partnerkit.workspaces.services import membership_add

    if args.role and not args.workspace:
        raise CliError("--role: give --workspace too, the workspace the role is in")
    # Looked up first, so that a wrong --workspace creates nothing.
    workspace = _workspace(args.workspace, "--workspace") if args.workspace else None
    role = args.role or "member"
    with transaction.atomic():
        user = user_create(
            username=args.username,
            email=args.email,
            password=args.password,
            superuser=args.superuser,
        )
        if workspace is not None:
            membership_add(workspace=workspace, user=user, role=role)

    if args.json:
        return _json(
            {
                "id": user.pk,
                "username": user.username,
                "email": user.email,
                "has_password": user.has_usable_password(),
                "superuser": user.is_superuser,
                "workspace": workspace.slug if workspace else None,
                "role": role if workspace else None,
            }
        )
    _say(f"Created the account {user.username} <{user.email}>.")
    if workspace is not None:
        _say(f"{user.username} is {role} of the workspace {workspace.slug}.")
    if args.superuser:
        _say(f"{user.username} may also use the Django admin.")
    if not user.has_usable_password():
        _say(
            f"{user.username} has no password yet: they choose one with "
            "“Forgot your password?” on the sign-in page."
        )
    return 0


def _workspace_command(args) -> int:
    _setup_django()
    _require_migrated()
    return _workspace_create(args) if args.action == "create" else _workspace_list(args)


def _workspace_create(args) -> int:
    from django.db import transaction

    from partnerkit.workspaces.services import workspace_create

    with transaction.atomic():
        admin = _user(args.admin, "--admin") if args.admin else None
        workspace = workspace_create(name=args.name, slug=args.slug or "", by=admin)
    if args.json:
        return _json(
            {
                "id": workspace.pk,
                "slug": workspace.slug,
                "name": workspace.name,
                "admin": admin.username if admin else None,
            }
        )
    _say(f"Created the workspace {workspace.slug} (“{workspace.name}”).")
    if admin is None:
        _say(
            f"It has no members yet: add an admin with `{PROG} createuser … "
            f"--workspace {workspace.slug} --role admin`."
        )
    else:
        _say(f"{admin.username} is its admin.")
    return 0


def _workspace_list(args) -> int:
    from django.db.models import Count

    from partnerkit.workspaces.models import Workspace

    workspaces = Workspace.objects.annotate(
        member_count=Count("memberships", distinct=True),
        partner_count=Count("partners", distinct=True),
    ).order_by("slug")
    rows = [
        {"slug": w.slug, "name": w.name, "members": w.member_count, "partners": w.partner_count}
        for w in workspaces
    ]
    if args.json:
        return _json(rows)
    if not rows:
        _say(f"No workspaces yet; create one with `{PROG} workspace create --name …`.")
        return 0
    width = max(len(row["slug"]) for row in rows)
    for row in rows:
        _say(
            f"{row['slug']:<{width}}  {row['name']}  "
            f"({row['members']} members, {row['partners']} partners)"
        )
    return 0


def _token_command(args) -> int:
    _setup_django()
    _require_migrated()
    return {"create": _token_create, "list": _token_list, "revoke": _token_revoke}[args.action](
        args
    )


def _token_create(args) -> int:
    from partnerkit.accounts.services import token_create

    user = _user(args.user, "--user")
    token, secret = token_create(user=user, name=args.name)
    if args.json:
        return _json({**_token_row(token), "token": secret})
    # Only the token, so that scripts can capture it: TOKEN=$(partnerkit token create …)
    _say(secret)
    return 0


def _token_list(args) -> int:
    from partnerkit.accounts.models import ApiToken

    user = _user(args.user, "--user")
    rows = [_token_row(token) for token in ApiToken.objects.filter(user=user)]
    if args.json:
        return _json(rows)
    if not rows:
        _say(f"{user.username} has no API tokens.")
    for row in rows:
        state = f"revoked {row['revoked_at'][:10]}" if row["revoked_at"] else "active"
        last_used = row["last_used_at"][:10] if row["last_used_at"] else "never"
        _say(
            f"{row['hint']}…  {row['name'] or '(no name)'}  created {row['created_at'][:10]}, "
            f"last used {last_used}, {state}"
        )
    return 0


def _token_revoke(args) -> int:
    from partnerkit.accounts.models import ApiToken
    from partnerkit.accounts.services import token_revoke

    hint = args.hint.strip().rstrip("…")
    tokens = ApiToken.objects.filter(revoked_at__isnull=True).select_related("user")
    if args.user:
        tokens = tokens.filter(user=_user(args.user, "--user"))
    if len(hint) > 12:  # the whole token
        tokens = tokens.filter(key_hash=ApiToken.hash(hint))
    else:
        tokens = tokens.filter(hint=hint)
    found = list(tokens[:2])
    if not found:
        raise CliError(f"--hint: no active token matches {args.hint!r}")
    if len(found) > 1:
        raise CliError(f"--hint: {args.hint!r} matches several tokens; add --user")
    token = found[0]
    token_revoke(token=token)
    if args.json:
        return _json({"revoked": token.hint, "user": token.user.username})
    _say(f"Revoked the token {token.hint}… of {token.user.username}.")
    return 0


def _demo(args) -> int:
    _setup_django()
    from partnerkit import demo

    _migrate()
    try:
        workspace = demo.load_demo()
    except demo.DemoRefused as refusal:
        raise CliError(f"demo: {refusal}") from None
    _say(
        f"Loaded the demo workspace “{workspace.name}” with {workspace.partners.count()} "
        f"partners. Sign in as {demo.USERNAME} with the password {demo.PASSWORD}."
    )
    return 0


COMMANDS = {
    "serve": _serve,
    "worker": _worker,
    "createuser": _createuser,
    "workspace": _workspace_command,
    "token": _token_command,
    "demo": _demo,
}


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def _migrate() -> None:
    """Bring the database up to date, reporting in one line."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        _say(f"Database is up to date ({_database_label()}).")
        return
    call_command("migrate", interactive=False, verbosity=0)
    _say(f"Database set up: {len(plan)} migrations applied ({_database_label()}).")


def _require_migrated() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CliError(
            f"the database is not set up yet ({_database_label()}): run `{PROG} migrate` first",
            code=1,
        )


def _database_label() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {settings['NAME']}"
    host = settings.get("HOST") or "local socket"
    return f"{connection.display_name} database {settings['NAME']} on {host}"


def _workspace(slug: str, option: str):
    from partnerkit.workspaces.models import Workspace

    workspace = Workspace.objects.filter(slug=slug).first()
    if workspace is None:
        raise CliError(f"{option}: there is no workspace {slug!r}; see `{PROG} workspace list`")
    return workspace


def _user(username: str, option: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CliError(f"{option}: there is no user {username!r}")
    return user


def _token_row(token) -> dict:
    def when(value):
        return value.isoformat() if value else None

    return {
        "id": token.pk,
        "hint": token.hint,
        "name": token.name,
        "user": token.user.username,
        "created_at": when(token.created_at),
        "last_used_at": when(token.last_used_at),
        "revoked_at": when(token.revoked_at),
    }


def _describe(error: ValidationError) -> str:
    """One line naming each field at fault as its command-line option."""
    if not hasattr(error, "error_dict"):
        return " ".join(dict.fromkeys(error.messages))
    parts = []
    for field, messages in error.message_dict.items():
        text = " ".join(dict.fromkeys(messages))  # services may report one fault twice
        if field == NON_FIELD_ERRORS:
            parts.append(text)
        else:
            parts.append(f"--{field.replace('_', '-')}: {text}")
    return "; ".join(parts)


def _say(text: str) -> None:
    print(text)


def _json(data) -> int:
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
