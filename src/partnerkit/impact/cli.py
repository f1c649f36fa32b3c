"""`partnerkit stats refresh`: bring impact figures up to date from the command line.

``--due`` is meant for cron (the worker also does it once a day by itself): it refreshes, in
every workspace, the sources of agreed, running and completed partnerships that were not
refreshed in the last 20 hours. An interrupted job is resumed with ``--resume RUN_ID`` and
goes on from its last saved batch. Exit codes: 0 done, 1 a Wikimedia failure (resumable),
2 bad input with one line on stderr naming the option.
"""

from __future__ import annotations

import argparse
import json
import sys

from partnerkit.cli_common import PROG, CliError, require_role, user_named, workspace_named


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "stats",
        help="refresh the impact figures of partnerships (Commons, Wikidata, page views)",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    refresh = actions.add_parser(
        "refresh",
        help="fetch what changed since the last refresh",
        description="Refresh the figures of the chosen sources, with a progress bar on "
        "stderr. Only what changed is fetched: the listing of files and usages, and the "
        "months of page views not kept yet.",
    )
    refresh.add_argument("--workspace", metavar="SLUG", help="required except with --due")
    which = refresh.add_mutually_exclusive_group()
    which.add_argument("--partnership", metavar="ID", type=_id, nargs="+", action="extend",
                       help="the sources of these partnerships")
    which.add_argument("--source", metavar="ID", type=_id, nargs="+", action="extend",
                       help="these sources")
    which.add_argument("--resume", metavar="RUN_ID", type=_id,
                       help="go on with an interrupted or failed job")
    which.add_argument("--due", action="store_true",
                       help="every workspace's sources due for the daily refresh (for cron)")
    refresh.add_argument("--user", metavar="USERNAME", help="who asks for it (for the job)")
    refresh.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def _id(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (a whole number from 1)")
    return int(value)


def run(args) -> int:
    from django.core.exceptions import ValidationError

    from partnerkit.impact import services
    from partnerkit.impact.models import RefreshRun, Source

    if args.due:
        if args.workspace:
            raise CliError("--workspace: --due covers every workspace; leave --workspace out")
        runs = services.enqueue_scheduled_refresh(enqueue=False)
    else:
        if not args.workspace:
            raise CliError("--workspace: name the workspace (or use --due)")
        workspace = workspace_named(args.workspace)
        user = None
        if args.user:
            user = user_named(args.user)
            require_role(workspace, user, "edit", "stats refresh")
        try:
            if args.resume:
                found = RefreshRun.objects.filter(workspace=workspace, pk=args.resume).first()
                if found is None:
                    raise CliError(
                        f"--resume: workspace {workspace.slug!r} has no job {args.resume}"
                    )
                runs = [services.refresh_resume(run=found, enqueue=False)]
            else:
                sources = None
                if args.source:
                    sources = list(Source.objects.filter(workspace=workspace, pk__in=args.source))
                    unknown = sorted(set(args.source) - {source.pk for source in sources})
                    if unknown:
                        raise CliError(
                            f"--source: workspace {workspace.slug!r} has no source {unknown[0]}"
                        )
                elif args.partnership:
                    sources = list(
                        Source.objects.filter(workspace=workspace, partnership__in=args.partnership)
                    )
                    if not sources:
                        raise CliError(
                            "--partnership: these partnerships have no source of figures in "
                            f"workspace {workspace.slug!r}"
                        )
                runs = [services.refresh_start(
                    workspace=workspace, by=user, sources=sources, enqueue=False
                )]  # fmt: skip
        except ValidationError as error:
            option = "--resume" if args.resume else "--source"
            raise CliError(f"{option}: {' '.join(error.messages)}") from None
    results = []
    for job in runs:
        bar = Progress(sys.stderr)
        job = services.refresh_process(run=job, progress=bar)
        bar.close()
        results.append(job)
    if args.json:
        print(json.dumps([_run_data(job) for job in results]))
    else:
        if not results:
            print("Nothing is due for a refresh.")
        for job in results:
            print(f"Job {job.pk}: {job.status}, {job.done}/{job.total} sources, "
                  f"{job.requests} requests.")
    failed = [job for job in results if job.status != "done"]
    for job in failed:
        print(f"{PROG}: error: {job.error} Resume with `{PROG} stats refresh --workspace "
              f"{job.workspace.slug} --resume {job.pk}`.", file=sys.stderr)
    return 1 if failed else 0


def _run_data(job) -> dict:
    return {"run": job.pk, "workspace": job.workspace.slug, "status": job.status,
            "total": job.total, "done": job.done, "requests": job.requests, "error": job.error}


class Progress:
    """A text bar on stderr, redrawn as the work goes; on a pipe or file only each step's end.

    Called with the job, what is being done, how much of it is done and the total (0 when
    the total is not known yet, as while a category is listed).
    """

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.line = ""
        self.label = ""

    def __call__(self, run, label: str, done: int, total: int) -> None:
        if label != self.label and self.line and not self.tty:
            self.stream.write(self.line + "\n")
        self.label = label
        prefix = f"[{run.done + 1}/{run.total}] {label}"
        if total:
            filled = self.WIDTH * min(done, total) // total
            self.line = f"{prefix} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:,}/{total:,}"
        else:
            self.line = f"{prefix}: {done:,}"
        if self.tty:
            self.stream.write("\r\x1b[K" + self.line)
            self.stream.flush()

    def close(self) -> None:
        if self.line:
            self.stream.write(("\r\x1b[K" if self.tty else "") + self.line + "\n")
            self.stream.flush()
