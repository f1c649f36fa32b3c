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
from partnerkit.cli_common import CliError, require_role, user_named, workspace_named
from partnerkit.documents import cli as document_cli
from partnerkit.followups import cli as remind_cli
from partnerkit.impact import cli as stats_cli
from partnerkit.negotiation import cli as screening_cli
from partnerkit.research import cli as research_cli
from partnerkit.selection import cli as selection_cli

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
    _add_transfer_parsers(commands)
    _add_partnership_parsers(commands)
    selection_cli.add_parser(commands)
    research_cli.add_parser(commands)
    screening_cli.add_parser(commands)
    remind_cli.add_parser(commands)
    document_cli.add_parser(commands)
    stats_cli.add_parser(commands)
    return parser


MAPPING_HELP = """\
A mapping file is JSON: {"columns": {"name": "Organisation", "website": "URL"},
"defaults": {"kind": "museum", "country": "SE"}} (Partnerkit's column on the left, the
file's column on the right; "defaults" fill rows without a value, for kind and country).
Without --mapping, the mapping last used in the workspace for files with the same columns
is used, else one suggested from the column names.

Exit codes: 0 imported (or checked, with --dry-run), 2 bad input; nothing is written then.
"""


def _one_of(values: tuple[str, ...]):
    def parse(value: str) -> str:
        if value not in values:
            raise argparse.ArgumentTypeError(f"{value!r} is not one of {', '.join(values)}")
        return value

    return parse


def _record_id(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (a whole number from 1)")
    return int(value)


def _stage(value: str) -> str:
    """A stage by code or label, in any case and spacing ("in_contact", "In contact")."""
    from partnerkit.method import stages

    def folded(text: str) -> str:
        return "".join(char for char in text.casefold() if char.isalnum())

    for stage in stages.ALL:
        if folded(value) in (folded(stage.value), folded(stages.LABELS[stage])):
            return stage.value
    raise argparse.ArgumentTypeError(
        f"{value!r} is not a stage; choose one of {', '.join(stage.value for stage in stages.ALL)}"
    )


def _add_transfer_parsers(commands) -> None:
    # Plain Python: the kinds need no database, so --help works anywhere.
    from partnerkit.transfer.columns import KINDS

    kinds = tuple(KINDS)
    importing = commands.add_parser(
        "import",
        help="import partners, contacts or partnerships from a CSV, XLSX or JSON file",
        description="""\
Check every row of FILE, then import all of them or none. Bad values, missing
columns and duplicates within the file are reported by row and column, and then
nothing is written. Rows that match an existing record are merged (the same
Wikidata item, website, e-mail address or name: empty fields are filled) or
skipped (only a similar name), unless --on-duplicate says otherwise.
Import partners first: contacts and partnerships name their partner.""",
        epilog=MAPPING_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    importing.add_argument("file", metavar="FILE", help="a CSV, XLSX or JSON file")
    importing.add_argument("--workspace", metavar="SLUG", required=True)
    importing.add_argument(
        "--kind", type=_one_of(kinds), required=True, metavar="|".join(kinds),
        help="what the rows are",
    )
    importing.add_argument(
        "--user", metavar="USERNAME", required=True,
        help="who imports: a member of the workspace, named in the records' history",
    )
    importing.add_argument(
        "--mapping", metavar="JSON_FILE", help="which column holds what (see below)"
    )
    importing.add_argument("--sheet", help="the XLSX sheet to read (default: the first)")
    importing.add_argument(
        "--on-duplicate", type=_one_of(("merge", "update", "skip", "create")),
        metavar="merge|update|skip|create",
        help="what to do with every row that matches a record: merge (fill empty fields), "
        "update (the file's values replace stored ones), skip, or create a new record",
    )
    importing.add_argument(
        "--dry-run", action="store_true",
        help="check the file and say what would happen; write nothing",
    )
    importing.add_argument(
        "--progress", action="store_true",
        help="show the progress bar also when stderr is not a terminal",
    )
    importing.add_argument("--json", action="store_true", help="print the result as JSON")

    exporting = commands.add_parser(
        "export",
        help="export partners, contacts or partnerships as CSV, XLSX or JSON",
        description="Write all records of one kind in the workspace, with the columns an "
        "import reads, so the file can be imported again unchanged. Exports hold private "
        "notes, estimates and contacts' personal data.",
    )
    exporting.add_argument("--workspace", metavar="SLUG", required=True)
    exporting.add_argument(
        "--kind", type=_one_of(kinds), required=True, metavar="|".join(kinds),
        help="what to export",
    )
    exporting.add_argument(
        "--format", type=_one_of(("csv", "xlsx", "json")), default="csv", metavar="csv|xlsx|json",
        help="csv (UTF-8 with BOM), xlsx or json (default: %(default)s)",
    )
    exporting.add_argument(
        "--output", metavar="FILE", help="the file to write (default: standard output)"
    )


def _add_partnership_parsers(commands) -> None:
    partnership = commands.add_parser(
        "partnership", help="list partnerships or move one to another stage"
    )
    partnership.set_defaults(actions=("list", "move"))
    actions = partnership.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    listing = actions.add_parser("list", help="list the partnerships of a workspace")
    listing.add_argument("--workspace", metavar="SLUG", required=True)
    listing.add_argument("--json", action="store_true", help="print the result as JSON")
    move = actions.add_parser(
        "move",
        help="move a partnership to another stage",
        description="Move a partnership when the method's conditions for the stage hold; "
        "otherwise say what is missing (exit code 2). A coordinator or admin may set the "
        "conditions aside with --override-reason; the override is recorded.",
    )
    move.add_argument("--workspace", metavar="SLUG", required=True)
    move.add_argument("--id", type=_record_id, required=True, help="as `partnership list` shows")
    move.add_argument(
        "--to", type=_stage, required=True, metavar="STAGE", help="the stage to move to"
    )
    move.add_argument("--user", metavar="USERNAME", required=True, help="who moves it")
    move.add_argument("--reason", default="", help="why (needed to decline, drop or put on hold)")
    move.add_argument("--override-reason", help="set unmet conditions aside, for this reason")
    move.add_argument("--json", action="store_true", help="print the result as JSON")


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

    _schedule_stale_refresh(once=args.batch)
    call_command(
        "db_worker",
        batch=args.batch,
        interval=args.interval,
        # The reloader would put the worker in a grandchild that `serve` cannot stop.
        reload=False,
        startup_delay=not args.batch,
    )
    return 0


# How often the worker checks whether today's scheduled refreshes are queued.
SCHEDULE_CHECK_SECONDS = 3600


def _schedule_stale_refresh(*, once: bool) -> None:
    """Queue the daily refreshes (stale Wikidata facts, impact figures) now and, unless
    ``once``, check again every hour in a background thread. The database lets each happen
    once a day however many workers run."""
    import threading
    import time

    from django.db import connection

    from partnerkit.impact.services import enqueue_scheduled_refresh
    from partnerkit.research.services import enqueue_stale_refresh

    def tick() -> None:
        for name, enqueue in (
            ("Wikidata refresh", enqueue_stale_refresh),
            ("refresh of impact figures", enqueue_scheduled_refresh),
        ):
            try:
                enqueue()
            except Exception as error:  # the worker must go on processing tasks
                print(f"{PROG}: the daily {name} was not queued: {error}", file=sys.stderr)

    if once:
        tick()
        return

    def loop() -> None:
        while True:
            tick()
            # The thread's own connection; not kept open for the hour in between.
            connection.close()
            time.sleep(SCHEDULE_CHECK_SECONDS)

    threading.Thread(target=loop, name="wikidata-schedule", daemon=True).start()


def _createuser(args) -> int:
    _setup_django()
    _require_migrated()
    from django.db import transaction

    from partnerkit.accounts.services import user_create
    from partnerkit.workspaces.services import membership_add

    if args.role and not args.workspace:
        raise CliError("--role: give --workspace too, the workspace the role is in")
    # Looked up first, so that a wrong --workspace creates nothing.
    workspace = workspace_named(args.workspace, "--workspace") if args.workspace else None
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
        admin = user_named(args.admin, "--admin") if args.admin else None
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

    user = user_named(args.user, "--user")
    token, secret = token_create(user=user, name=args.name)
    if args.json:
        return _json({**_token_row(token), "token": secret})
    # Only the token, so that scripts can capture it: TOKEN=$(partnerkit token create …)
    _say(secret)
    return 0


def _token_list(args) -> int:
    from partnerkit.accounts.models import ApiToken

    user = user_named(args.user, "--user")
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
        tokens = tokens.filter(user=user_named(args.user, "--user"))
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


def _import(args) -> int:
    _setup_django()
    _require_migrated()
    from django.db import transaction

    from partnerkit.transfer import services
    from partnerkit.transfer.planning import build_preview
    from partnerkit.transfer.reading import MAX_BYTES, FileProblem, read_table

    workspace = workspace_named(args.workspace, "--workspace")
    user = user_named(args.user, "--user")
    require_role(workspace, user, "edit", "importing")
    name = os.path.basename(args.file)
    try:
        with open(args.file, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise CliError(f"{args.file}: {error.strerror or error}") from None
    try:
        table = read_table(data, file_name=name, sheet=args.sheet)
    except FileProblem as problem:
        raise CliError(f"{name}: {problem}") from None
    if args.mapping:
        mapping = _mapping_file(args.mapping, args.kind, table.headers)
    else:
        mapping = services.mapping_for(workspace=workspace, kind=args.kind, headers=table.headers)
    progress = _ProgressBar(sys.stderr) if args.progress or sys.stderr.isatty() else None

    if args.dry_run:
        preview = build_preview(
            workspace=workspace, kind=args.kind, table=table, mapping=mapping, by=user,
            file_name=name, on_duplicate=args.on_duplicate, progress=progress,
        )
        if not preview.ok:
            _refuse(args, name, preview.errors, preview)
        return _dry_run_report(args, name, table, preview)
    try:
        # The draft too is undone when the import is refused: nothing stays behind.
        with transaction.atomic():
            run = services.import_draft_create(
                workspace=workspace, by=user, kind=args.kind, file_name=name, table=table,
                mapping=mapping,
            )
            run = services.import_apply(
                run=run, by=user, on_duplicate=args.on_duplicate, progress=progress
            )
    except services.ImportRefused as refusal:
        _refuse(args, name, refusal.problems, refusal.preview)
    if args.json:
        return _json(
            {
                "applied": True,
                "import": run.pk,
                "kind": run.kind,
                "rows": run.row_count,
                "counts": {
                    "created": run.created_count,
                    "updated": run.updated_count,
                    "unchanged": run.unchanged_count,
                    "skipped": run.skipped_count,
                },
                "warnings": run.warnings,
                "report": run.report,
            }
        )
    _say(
        f"Imported {name} into {workspace.slug}: {run.created_count:,} created, "
        f"{run.updated_count:,} updated, {run.unchanged_count:,} unchanged, "
        f"{run.skipped_count:,} skipped (import {run.pk})."
    )
    if run.warnings:
        _say(
            f"{len(run.warnings):,} warnings: see the import's report in Partnerkit, or use "
            "--json."
        )
    return 0


def _refuse(args, name: str, problems, preview) -> None:
    """One line naming the first problem (with --json, all of them on stdout too)."""
    if args.json and preview is not None:
        _json({"applied": False, **preview.as_dict()})
    first = str(problems[0])
    if problems[0].row is None and "column" in first:
        first = first.rstrip(".") + " (name the file's column with --mapping)"
    more = len(problems) - 1
    rest = (
        f" (and {more:,} more problem{'s' if more > 1 else ''}; --dry-run --json lists them all)"
        if more else ""
    )
    raise CliError(f"{name}: {first}{rest}; nothing was imported")


def _dry_run_report(args, name: str, table, preview) -> int:
    if args.json:
        return _json({"applied": False, "dry_run": True, **preview.as_dict()})
    counts = preview.counts
    _say(
        f"Checked {name} ({table.describe()}): {preview.row_count:,} rows; would create "
        f"{counts['create']:,}, merge {counts['merge']:,}, update {counts['update']:,} and "
        f"skip {counts['skip']:,}. Nothing was written."
    )
    unit = table.unit.capitalize()
    for plan in preview.duplicates[:20]:
        _say(f"  {unit} {plan.row}: {plan.action}; matches {plan.match.describe(table.unit)}")
    if len(preview.duplicates) > 20:
        _say(f"  … and {len(preview.duplicates) - 20:,} more duplicates (see --json)")
    for problem in preview.warnings[:20]:
        _say(f"  Warning: {problem}")
    if len(preview.warnings) > 20:
        _say(f"  … and {len(preview.warnings) - 20:,} more warnings (see --json)")
    return 0


def _mapping_file(path: str, kind: str, headers: list[str]) -> dict:
    """The mapping in a JSON file: {"columns": {field: header}, "defaults": {…}}, or only
    the {field: header} part."""
    from partnerkit.transfer import services

    try:
        with open(path, encoding="utf-8-sig") as file:
            data = json.load(file)
    except OSError as error:
        raise CliError(f"--mapping: {path}: {error.strerror or error}") from None
    except ValueError as error:
        raise CliError(f"--mapping: {path} is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise CliError(
            '--mapping: the file should hold an object such as {"columns": {"name": "Name"}}'
        )
    if "columns" not in data and "defaults" not in data:
        data = {"columns": data}
    parts = (data.get("columns") or {}, data.get("defaults") or {})
    if not all(isinstance(part, dict) for part in parts):
        raise CliError('--mapping: "columns" and "defaults" should be objects')
    try:
        return services.mapping_clean(kind=kind, headers=headers, mapping=data)
    except ValidationError as error:
        raise CliError(f"--mapping: {' '.join(error.messages)}") from None


class _ProgressBar:
    """A one-line bar on stderr for long work, redrawn at most ten times a second."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.label = None
        self.last = 0.0
        self.finished = True

    def __call__(self, label: str, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if label == self.label and done < total and now - self.last < 0.1:
            return
        if label != self.label and not self.finished:
            self.stream.write("\n")
        self.label, self.last = label, now
        filled = self.WIDTH * done // max(total, 1)
        self.stream.write(
            f"\r{label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:,}/{total:,}"
        )
        self.finished = done >= total
        if self.finished:
            self.stream.write("\n")
        self.stream.flush()


def _export(args) -> int:
    _setup_django()
    _require_migrated()
    from partnerkit.transfer import exports

    workspace = workspace_named(args.workspace, "--workspace")
    if args.output is None and args.format == "xlsx" and sys.stdout.isatty():
        raise CliError("--output: XLSX is a binary file; name the file to write with --output")
    columns, rows = exports.export_rows(workspace=workspace, kind=args.kind)
    body = exports.render(columns, rows, format=args.format, kind=args.kind, workspace=workspace)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return 0
    try:
        with open(args.output, "wb") as file:
            file.write(body)
    except OSError as error:
        raise CliError(f"--output: {args.output}: {error.strerror or error}") from None
    _say(f"Exported {len(rows):,} {args.kind} of {workspace.slug} to {args.output}.")
    return 0


def _partnership_command(args) -> int:
    _setup_django()
    _require_migrated()
    return {"list": _partnership_list, "move": _partnership_move}[args.action](args)


def _partnership_list(args) -> int:
    from partnerkit.partnerships.selectors import partnership_list

    workspace = workspace_named(args.workspace, "--workspace")
    rows = [
        {
            "id": partnership.pk,
            "title": partnership.title,
            "partner": partnership.partner.name,
            "stage": partnership.stage,
            "goal_types": [goal.code for goal in partnership.goal_types.all()],
            "owner": partnership.owner.username if partnership.owner else None,
            "next_step_due": (
                partnership.next_step_due.isoformat() if partnership.next_step_due else None
            ),
        }
        for partnership in partnership_list(workspace=workspace)
    ]
    if args.json:
        return _json(rows)
    if not rows:
        _say(f"{workspace.slug} has no partnerships yet.")
        return 0
    width = max(len(str(row["id"])) for row in rows)
    for row in rows:
        _say(f"{row['id']:>{width}}  {row['stage']:<12} {row['title']} — {row['partner']}")
    return 0


def _partnership_move(args) -> int:
    from django.core.exceptions import PermissionDenied

    from partnerkit.partnerships.models import Partnership, Stage
    from partnerkit.partnerships.services import StageBlocked, partnership_move
    from partnerkit.workspaces.permissions import can

    workspace = workspace_named(args.workspace, "--workspace")
    user = user_named(args.user, "--user")
    membership = require_role(workspace, user, "edit", "moving partnerships")
    partnership = Partnership.objects.filter(workspace=workspace, pk=args.id).first()
    if partnership is None:
        raise CliError(
            f"--id: there is no partnership {args.id} in {workspace.slug}; see "
            f"`{PROG} partnership list --workspace {workspace.slug}`"
        )
    from_stage = Stage(partnership.stage)
    try:
        change = partnership_move(
            partnership=partnership, to_stage=args.to, by=user, reason=args.reason,
            override_reason=args.override_reason,
        )
    except StageBlocked as blocked:
        advice = (
            "add --override-reason to set this aside"
            if can(membership, "override")
            else "a coordinator or admin may set this aside with --override-reason"
        )
        missing = " ".join(blocked.messages)
        raise CliError(f"--to: {blocked} Missing: {missing} ({advice})") from None
    except PermissionDenied as denied:
        raise CliError(f"--override-reason: {denied}") from None
    to_stage = Stage(change.to_stage)
    if args.json:
        return _json(
            {
                "id": partnership.pk,
                "title": partnership.title,
                "from": from_stage.value,
                "to": to_stage.value,
                "overridden": change.overridden,
                "override_reason": change.override_reason or None,
            }
        )
    _say(f"Moved “{partnership.title}” from {from_stage.label} to {to_stage.label}.")
    if change.overridden:
        _say(
            f"Override recorded ({change.override_reason}); set aside: "
            f"{' '.join(change.overridden)}"
        )
    return 0



def _rank(args) -> int:
    _setup_django()
    _require_migrated()
    return selection_cli.run(args)


def _wikidata(args) -> int:
    _setup_django()
    _require_migrated()
    return research_cli.run(args)


def _remind(args) -> int:
    _setup_django()
    _require_migrated()
    return remind_cli.run(args)


def _document(args) -> int:
    _setup_django()
    _require_migrated()
    return document_cli.run(args)


def _stats(args) -> int:
    _setup_django()
    _require_migrated()
    return stats_cli.run(args)


COMMANDS = {
    "serve": _serve,
    "worker": _worker,
    "createuser": _createuser,
    "workspace": _workspace_command,
    "token": _token_command,
    "demo": _demo,
    "import": _import,
    "export": _export,
    "partnership": _partnership_command,
    "rank": _rank,
    "wikidata": _wikidata,
    "screen": screening_cli.run,
    "remind": _remind,
    "document": _document,
    "stats": _stats,
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
