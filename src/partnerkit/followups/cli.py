"""`partnerkit remind`: send the follow-up digests that are due, each at most once per person
and period (see ``partnerkit.followups.reminders``).

``add_parser`` adds the subcommand to the main command's parser; ``run`` does the work and
returns the exit code: 0 when every due digest went out (or had gone out before), 1 when a
send failed (the next run tries again), 2 on bad input with one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from partnerkit.cli_common import CliError

# Names beyond this many are counted, not listed, so a cron log stays readable.
NAMES_SHOWN = 20

DESCRIPTION = """\
Send each person the e-mail digest of their follow-ups that is due: overdue tasks,
tasks coming up, and partnerships gone quiet, per workspace. A daily digest goes
out on the first run of each day, a weekly one on the first run on or after the
chosen weekday of each ISO week (weekly on Mondays unless people choose otherwise
under Follow-ups > Reminders and calendar).

Run it every hour from cron; it never sends the same digest twice, even when two
runs overlap. For example (crontab -e):

  0 * * * *  PARTNERKIT_DATA_DIR=/srv/partnerkit partnerkit remind

Links in the e-mails start with PARTNERKIT_PUBLIC_URL.

Exit codes: 0 sent (or nothing due), 1 a digest could not be sent (the next run
tries again), 2 bad input.
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "remind",
        help="send the follow-up digests that are due (run it hourly from cron)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="say who would get a digest; send nothing and claim nothing",
    )
    parser.add_argument(
        "--at",
        metavar="ISO-DATETIME",
        type=_moment,
        help="run as if it were this time, e.g. 2026-03-02T08:00 to catch up on a missed "
        "Monday (default: now; in the server's time zone unless it names one)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def _moment(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date and time such as 2026-03-02T08:00"
        ) from None


def run(args) -> int:
    from django.conf import settings
    from django.utils import timezone

    from partnerkit.followups import reminders

    now = timezone.now()
    at = args.at
    if at is not None:
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        if at > now and not args.dry_run:
            raise CliError(
                f"--at: {args.at.isoformat()} is in the future; only --dry-run may look ahead"
            )
    outcome = reminders.remind(now=at or now, base_url=settings.PUBLIC_URL, dry_run=args.dry_run)
    if args.json:
        print(
            json.dumps({"dry_run": args.dry_run, **outcome.as_json()}, indent=2, ensure_ascii=False)
        )
    else:
        print(_summary(outcome, dry_run=args.dry_run))
    for username, reason in outcome.failed:
        print(
            f"partnerkit: error: the digest to {username} was not sent: {reason}", file=sys.stderr
        )
    return 1 if outcome.failed else 0


def _summary(outcome, *, dry_run: bool) -> str:
    count = len(outcome.sent)
    verb = "Would send" if dry_run else "Sent"
    text = f"{verb} {count:,} digest{'' if count == 1 else 's'}"
    if outcome.sent:
        names = outcome.sent[:NAMES_SHOWN]
        more = count - len(names)
        text += f" ({', '.join(names)}{f' and {more:,} more' if more else ''})"
    parts = [text]
    if outcome.failed:
        parts.append(f"{len(outcome.failed):,} failed")
    if outcome.already_sent:
        parts.append(f"{outcome.already_sent:,} already sent for this period")
    if outcome.nothing_to_send:
        parts.append(f"{outcome.nothing_to_send:,} with nothing to send")
    if outcome.not_due:
        parts.append(f"{outcome.not_due:,} not due today")
    return "; ".join(parts) + ("." if not dry_run else ". Nothing was sent.")
