"""Two `partnerkit remind` processes started at the same moment against one database send
each digest exactly once: inserting the claim row is what decides who sends.

The children share a database with each other: on PostgreSQL this test run's database (they
connect to it with its settings), on SQLite a new file in a fresh data folder (the test
database lives in memory, out of their reach). They write their e-mails to files, slowly, as
a real mail server would take its time; that keeps the two runs overlapping, so that a run
without the claim would send some digests twice and this test would catch it.
"""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.utils import timezone

from tests.subprocesses import partnerkit_env, run_partnerkit

# Data written by the children must be committed to be seen, and flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)

USERS = 40
REPO = Path(__file__).resolve().parents[2]

# Settings of the children: Partnerkit's own, with e-mails written to a folder per process.
SETTINGS = """\
import os

from partnerkit.settings import *  # noqa: F403

EMAIL_BACKEND = "slow_mail.SlowFileBackend"
EMAIL_FILE_PATH = os.environ["REMIND_MAIL_DIR"]
"""
SLOW_MAIL = """\
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    \"\"\"Takes a tenth of a second per message, like a mail server does.\"\"\"

    def send_messages(self, messages):
        time.sleep(0.1)
        return super().send_messages(messages)
"""


def seed(users: int) -> None:
    """A workspace where each of ``users`` people has one overdue task (run in a child)."""
    from datetime import timedelta

    from partnerkit.accounts.services import user_create
    from partnerkit.followups.services import followup_create
    from partnerkit.partners.services import partner_create
    from partnerkit.partnerships.services import partnership_create
    from partnerkit.workspaces.services import membership_add, workspace_create

    people = [
        user_create(username=f"person{n:02d}", email=f"person{n:02d}@example.org")
        for n in range(users)
    ]
    workspace = workspace_create(name="Wikimedia North", slug="north", by=people[0])
    partner = partner_create(
        workspace=workspace, by=people[0], name="Nordic Museum", kind="museum", country="SE"
    )
    partnership = partnership_create(
        workspace=workspace,
        partner=partner,
        by=people[0],
        title="Photographs of Swedish life",
        owner=people[0],
    )
    overdue = timezone.localdate() - timedelta(days=3)
    for person in people:
        membership_add(workspace=workspace, user=person, role="member")
        followup_create(
            partnership=partnership,
            by=people[0],
            owner=person,
            title=f"Reply to the museum ({person.username})",
            due_on=overdue,
        )


def claims() -> None:
    """Print each claim's e-mail address and status as JSON (run in a child)."""
    from partnerkit.followups.models import ReminderClaim

    rows = ReminderClaim.objects.values_list("user__email", "status")
    print(json.dumps(sorted(rows)))


def in_child(env, code: str) -> str:
    """Run ``code`` in a child with Django set up; what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def database_url(settings: dict) -> str:
    """A DATABASE_URL naming the PostgreSQL database of ``settings``."""
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    query = f"?{urlencode(settings['OPTIONS'])}" if settings.get("OPTIONS") else ""
    host = quote(settings["HOST"] or "localhost")
    return f"postgres://{user}{password}@{host}{port}/{quote(settings['NAME'])}{query}"


@pytest.fixture
def children(tmp_path):
    """The environment of children that share one database holding ``USERS`` people."""
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "remind_settings.py").write_text(SETTINGS)
    (modules / "slow_mail.py").write_text(SLOW_MAIL)
    env = partnerkit_env(
        tmp_path / "data",
        DJANGO_SETTINGS_MODULE="remind_settings",
        PYTHONPATH=f"{modules}:{REPO}",
        REMIND_MAIL_DIR=str(tmp_path / "mail-unused"),
    )
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = database_url(connection.settings_dict)
    else:
        migrated = run_partnerkit("migrate", env=env, timeout=300)
        assert migrated.returncode == 0, migrated.stderr
    in_child(env, f"from {__name__} import seed; seed({USERS})")
    return env


def mail_recipients(folder: Path) -> list[str]:
    """The addressees of the e-mails a file backend wrote into ``folder``."""
    return [
        line.removeprefix("To: ")
        for file in sorted(folder.glob("*.log"))
        for line in file.read_text().splitlines()
        if line.startswith("To: ")
    ]


def test_two_runs_at_the_same_moment_send_each_digest_exactly_once(children, tmp_path):
    at = timezone.now().isoformat()  # the same period for both, even at midnight
    command = [sys.executable, "-m", "partnerkit.cli", "remind", "--json", "--at", at]
    runs = [
        subprocess.Popen(
            command,
            env={**children, "REMIND_MAIL_DIR": str(tmp_path / f"mail-{n}")},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    outcomes = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        outcomes.append(json.loads(out))

    everyone = sorted(f"person{n:02d}" for n in range(USERS))
    for n, outcome in enumerate(outcomes, start=1):
        assert outcome["failed"] == [] and outcome["nothing_to_send"] == 0
        # Each run went through everyone: it sent the digest, or found it claimed.
        assert len(outcome["sent"]) + outcome["already_sent"] == USERS
        # What a run reports as sent is what it wrote, one e-mail each.
        assert sorted(mail_recipients(tmp_path / f"mail-{n}")) == [
            f"{name}@example.org" for name in sorted(outcome["sent"])
        ]
    first, second = (set(outcome["sent"]) for outcome in outcomes)
    assert sorted(first | second) == everyone and not first & second
    # Both sent some: the runs overlapped, so the claims, not the order, kept them apart.
    assert first and second

    received = Counter(mail_recipients(tmp_path / "mail-1") + mail_recipients(tmp_path / "mail-2"))
    assert received == Counter(f"{name}@example.org" for name in everyone)
    assert json.loads(in_child(children, f"from {__name__} import claims; claims()")) == [
        [f"{name}@example.org", "sent"] for name in everyone
    ]
