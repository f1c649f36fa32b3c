"""The background worker processes tasks queued in the database (the real backend, not the
immediate one the other tests use)."""

import pytest
from django.core.management import call_command

from partnerkit.cli import main
from partnerkit.core.tasks import send_email

try:  # Django 6
    from django.tasks import TaskResultStatus
except ImportError:  # Django 5.2 with the backport
    from django_tasks import TaskResultStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def test_a_queued_email_waits_for_the_worker_and_is_then_sent(mailoutbox):
    result = send_email.enqueue(subject="Hello", body="From the queue.", to=["ada@example.org"])
    assert result.status == TaskResultStatus.READY
    assert mailoutbox == []

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert [(mail.subject, mail.to) for mail in mailoutbox] == [("Hello", ["ada@example.org"])]


def test_partnerkit_worker_batch_processes_everything_queued(mailoutbox):
    results = [
        send_email.enqueue(subject=f"Note {n}", body="…", to=[f"p{n}@example.org"])
        for n in range(3)
    ]

    assert main(["worker", "--batch"]) == 0

    for result in results:
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
    assert sorted(mail.subject for mail in mailoutbox) == ["Note 0", "Note 1", "Note 2"]
