"""`partnerkit wikidata link|refresh|discover`: Wikidata research from the command line.

``add_parser`` adds the subcommand to the main command's parser; ``run`` does the work and
returns the exit code: 0 on success, 2 on bad input with one line on stderr naming the option.
``discover`` lives with the discovery app and is only wired in here.

``refresh --stale`` is meant for cron: it refreshes the facts older than
PARTNERKIT_WIKIDATA_REFRESH_DAYS (the worker also does this once a day by itself).
"""

from __future__ import annotations

import argparse
import sys

from partnerkit.cli_common import PROG, CliError, require_role, user_named, workspace_named
from partnerkit.discovery import cli as discovery_cli


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "wikidata",
        help="link partners to Wikidata, refresh their facts, discover candidates",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    link = actions.add_parser(
        "link",
        help="link a partner to a Wikidata item and fetch its facts",
        description="Check that the item exists and link the partner to it (a merged item is "
        "linked under the id it was merged into), then fetch its facts.",
    )
    link.add_argument("--workspace", metavar="SLUG", required=True)
    link.add_argument("--partner", metavar="ID", type=_partner_id, required=True)
    link.add_argument("qid", metavar="QID_OR_URL", help="an item id such as Q190804, or its address")
    link.add_argument("--user", metavar="USERNAME", help="who links it (for the history)")
    link.add_argument("--json", action="store_true", help="print JSON for scripts")

    refresh = actions.add_parser(
        "refresh",
        help="fetch the Wikidata facts of linked partners again",
        description="Fetch the facts of the chosen partners in batches of 50, with a progress "
        "bar on stderr. An interrupted job is resumed with --resume RUN_ID and fetches only "
        "what it had not done.",
    )
    refresh.add_argument("--workspace", metavar="SLUG", required=True)
    which = refresh.add_mutually_exclusive_group(required=True)
    which.add_argument("--partner", metavar="ID", type=_partner_id, nargs="+", action="extend",
                       help="one or more partners' ids")
    which.add_argument("--stale", action="store_true",
                       help="partners whose facts are missing or older than the refresh period")
    which.add_argument("--all", action="store_true", help="every linked partner")
    which.add_argument("--resume", metavar="RUN_ID", type=_partner_id,
                       help="go on with an interrupted or failed job")
    refresh.add_argument("--user", metavar="USERNAME", help="who asks for it (for the job)")
    refresh.add_argument("--json", action="store_true", help="print JSON for scripts")

    discovery_cli.add_parser(actions)
    return parser


def _partner_id(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (a whole number from 1)")
    return int(value)


def run(args) -> int:
    if args.action == "discover":
        return discovery_cli.run(args)
    from partnerkit.wikimedia.errors import WikimediaError

    try:
        if args.action == "link":
            return _link(args)
        if args.action == "refresh":
            return _refresh(args)
    except WikimediaError as error:
        raise CliError(f"Wikimedia: {error}", code=1) from None
    raise AssertionError(f"unknown action {args.action!r}")


def _acting_user(args, workspace):
    """The person named by --user, who must be allowed to edit; nobody when not given."""
    if not args.user:
        return None
    user = user_named(args.user)
    require_role(workspace, user, "edit", f"wikidata {args.action}")
    return user


def _partner(workspace, pk: int):
    from partnerkit.partners.models import Partner

    partner = Partner.objects.filter(workspace=workspace, pk=pk).select_related("workspace").first()
    if partner is None:
        raise CliError(f"--partner: workspace {workspace.slug!r} has no partner {pk}")
    return partner


def _messages(error) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(message for messages in error.message_dict.values() for message in messages)
    return " ".join(error.messages)


def _link(args) -> int:
    from django.core.exceptions import ValidationError

    from partnerkit.research import services

    workspace = workspace_named(args.workspace)
    partner = _partner(workspace, args.partner)
    user = _acting_user(args, workspace)
    try:
        result = services.partner_link(partner=partner, qid=args.qid, by=user)
    except ValidationError as error:
        raise CliError(f"QID_OR_URL: {_messages(error)}") from None
    if result.run is not None:
        result.run.refresh_from_db()
    if args.json:
        import json

        print(json.dumps({
            "partner": partner.pk, "qid": result.qid, "redirected_from": result.redirected_from,
            "unchanged": result.unchanged, "run": result.run.pk if result.run else None,
            "run_status": result.run.status if result.run else None,
            "run_error": result.run.error if result.run else "",
        }))
        return 0
    if result.unchanged:
        print(f"{partner.name} is already linked to {result.qid}.")
    elif result.redirected_from:
        print(f"{result.redirected_from} was merged into {result.qid}; {partner.name} is linked to {result.qid}.")
    else:
        print(f"{partner.name} is linked to {result.qid}.")
    if result.run is not None:
        _report(result.run)
    return 0


def _refresh(args) -> int:
    from django.core.exceptions import ValidationError

    from partnerkit.research import services
    from partnerkit.research.models import EnrichmentRun, RunScope

    workspace = workspace_named(args.workspace)
    user = _acting_user(args, workspace)
    try:
        if args.resume:
            run = EnrichmentRun.objects.filter(workspace=workspace, pk=args.resume).first()
            if run is None:
                raise CliError(f"--resume: workspace {workspace.slug!r} has no job {args.resume}")
            run = services.enrichment_resume(run=run, enqueue=False)
        elif args.partner:
            partners = [_partner(workspace, pk) for pk in args.partner]
            run = services.enrichment_start(
                workspace=workspace, by=user, partners=partners, enqueue=False
            )
        else:
            scope = RunScope.ALL if args.all else RunScope.STALE
            run = services.enrichment_start(workspace=workspace, by=user, scope=scope, enqueue=False)
    except ValidationError as error:
        option = "--resume" if args.resume else "--partner"
        raise CliError(f"{option}: {_messages(error)}") from None
    bar = _Progress(sys.stderr)
    run = services.enrichment_process(run=run, progress=bar)
    bar.close(run)
    if args.json:
        import json

        print(json.dumps(_run_data(run)))
        _report_error(run)
    else:
        _report(run)
    return 0 if run.status == "done" else 1


def _run_data(run) -> dict:
    return {
        "run": run.pk, "status": run.status, "total": run.total, "done": run.done,
        "ok": run.ok_count, "redirected": run.redirected_count, "deleted": run.deleted_count,
        "requests": run.requests, "error": run.error,
    }


def _report(run) -> None:
    line = (
        f"Job {run.pk}: {run.status}, {run.done}/{run.total} partners "
        f"({run.ok_count} up to date, {run.redirected_count} merged items followed, "
        f"{run.deleted_count} deleted items flagged), {run.requests} requests."
    )
    print(line)
    _report_error(run)


def _report_error(run) -> None:
    if run.error:
        print(f"{PROG}: error: {run.error} Resume with `{PROG} wikidata refresh "
              f"--workspace {run.workspace.slug} --resume {run.pk}`.", file=sys.stderr)


class _Progress:
    """A text bar on stderr, redrawn after each batch; on a pipe or file only the last line."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.drawn = False

    def __call__(self, run) -> None:
        if not self.tty:
            return
        self.stream.write("\r" + self._line(run))
        self.stream.flush()
        self.drawn = True

    def _line(self, run) -> str:
        total = max(run.total, 1)
        filled = self.WIDTH * run.done // total
        return f"Wikidata [{'#' * filled}{'.' * (self.WIDTH - filled)}] {run.done:,}/{run.total:,}"

    def close(self, run) -> None:
        if self.tty:
            self.stream.write("\r" + self._line(run) + "\n")
        else:
            self.stream.write(self._line(run) + "\n")
        self.stream.flush()
