"""How long a workspace's calendar feed and a run of `partnerkit remind` take in the
benchmark workspace once it holds 10,000 follow-up tasks and 10,000 logged
interactions over its 5,000 partnerships.

Tasks and interactions are bulk-inserted (this measures reading them, not the plans). The
reminder run is timed twice: the first sends every member's digest (to Django's in-memory
mailbox), the second finds them all claimed and sends nothing.
"""

import random
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerkit.followups import calendar, reminders
from partnerkit.followups.models import FollowUp, Interaction
from partnerkit.partnerships.models import Partnership
from partnerkit.workspaces.models import Membership
from tests.benchmarks.conftest import Result, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

TASKS = 10_000
INTERACTIONS = 10_000


@pytest.fixture(scope="module")
def busy(seeded, django_db_blocker):
    """The seeded workspace with tasks for everyone, some late, some snoozed."""
    with django_db_blocker.unblock():
        rng = random.Random(7)
        today = timezone.localdate()
        partnerships = list(
            Partnership.objects.filter(workspace_id=seeded.workspace_id).values_list(
                "pk", "owner_id"
            )
        )
        members = list(
            Membership.objects.filter(workspace_id=seeded.workspace_id).values_list(
                "user_id", flat=True
            )
        )
        tasks = []
        for number in range(TASKS):
            pk, _owner = rng.choice(partnerships)
            due = today + timedelta(days=rng.randint(-30, 60))
            tasks.append(FollowUp(
                workspace_id=seeded.workspace_id, partnership_id=pk, title=f"Task {number}",
                owner_id=rng.choice(members) if number % 3 else None, due_on=due,
                visible_from=min(today, due),
                snoozed_until=today + timedelta(days=5) if number % 17 == 0 else None,
            ))
        FollowUp.objects.bulk_create(tasks, batch_size=2000)
        Interaction.objects.bulk_create(
            [
                Interaction(
                    workspace_id=seeded.workspace_id, partnership_id=rng.choice(partnerships)[0],
                    occurred_on=today - timedelta(days=rng.randint(0, 200)), kind="email",
                )
                for _ in range(INTERACTIONS)
            ],
            batch_size=2000,
        )
    return seeded


def test_a_workspace_calendar_feed(busy, results, django_user_model):
    from partnerkit.workspaces.models import Workspace

    feed, _ = calendar.feed_create(
        workspace=Workspace.objects.get(pk=busy.workspace_id),
        user=django_user_model.objects.get(pk=busy.user_id), scope="workspace",
    )
    with CaptureQueriesContext(connection) as captured:
        body = calendar.render(feed, base_url="http://bench/")
    median, p95 = timed(lambda: calendar.render(feed, base_url="http://bench/"), repeat=5)
    results.append(Result("follow-ups: workspace ICS feed", median, p95, len(captured),
                          body.count(b"BEGIN:VEVENT")))


def test_remind_then_remind_again(busy, results, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    from partnerkit.followups.models import DigestPreference

    for user_id in Membership.objects.filter(workspace_id=busy.workspace_id).values_list(
        "user_id", flat=True
    ):
        DigestPreference.objects.update_or_create(user_id=user_id,
                                                  defaults={"frequency": "daily"})
    for label in ("remind: first run, sends", "remind: second run, nothing to send"):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            outcome = reminders.remind(base_url="http://bench")
            elapsed = (time.perf_counter() - start) * 1000
        results.append(Result(label, elapsed, elapsed, len(captured), len(outcome.sent)))
    assert len(mail.outbox) == len({m.to[0] for m in mail.outbox})
