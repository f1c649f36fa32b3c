"""`partnerkit remind`: the line it prints, --json, --dry-run, --at, and its exit codes."""

import json
from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core.mail import EmailMultiAlternatives

from partnerkit.cli import main
from partnerkit.followups import services
from partnerkit.followups.models import ReminderClaim, ReminderClaimStatus
from tests.conftest import error_line
from tests.followups.conftest import DAY_0


@pytest.fixture
def overdue(project, alice, carol):
    """An overdue task each for alice and carol; victor, a viewer, has nothing to get."""
    for title, owner in (("Ask for the photo licence", alice), ("Scan the letters", carol)):
        services.followup_create(
            partnership=project,
            by=alice,
            title=title,
            owner=owner,
            due_on=DAY_0 - timedelta(days=2),
        )


@pytest.fixture
def public_url(settings):
    settings.PUBLIC_URL = "https://partnerkit.example"
    return settings.PUBLIC_URL


def test_remind_says_who_got_a_digest_and_a_second_run_sends_nothing(
    overdue, public_url, capsys, mailoutbox
):
    assert main(["remind"]) == 0
    assert capsys.readouterr().out == ("Sent 2 digests (alice, carol); 1 with nothing to send.\n")
    assert sorted(message.to[0] for message in mailoutbox) == [
        "alice@example.org",
        "carol@example.org",
    ]
    assert f"{public_url}/w/north/follow-ups/partnerships/" in mailoutbox[0].body

    assert main(["remind"]) == 0
    assert capsys.readouterr().out == (
        "Sent 0 digests; 2 already sent for this period; 1 with nothing to send.\n"
    )
    assert len(mailoutbox) == 2


def test_remind_json_reports_every_outcome(overdue, carol, capsys, mailoutbox):
    services.digest_preference_save(user=carol, frequency="never")

    assert main(["remind", "--json"]) == 0

    assert json.loads(capsys.readouterr().out) == {
        "dry_run": False,
        "sent": ["alice"],
        "already_sent": 0,
        "nothing_to_send": 1,
        "not_due": 1,
        "failed": [],
    }


def test_a_dry_run_says_who_would_get_a_digest_and_sends_and_claims_nothing(
    overdue, capsys, mailoutbox
):
    assert main(["remind", "--dry-run"]) == 0

    assert capsys.readouterr().out == (
        "Would send 2 digests (alice, carol); 1 with nothing to send. Nothing was sent.\n"
    )
    assert mailoutbox == []
    assert not ReminderClaim.objects.exists()

    assert main(["remind", "--dry-run", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["dry_run"] is True and result["sent"] == ["alice", "carol"]


def test_at_catches_up_on_a_day_whose_runs_were_missed(clock, overdue, alice, capsys, mailoutbox):
    services.digest_preference_save(user=alice, frequency="daily")
    clock.go(1)

    assert main(["remind", "--at", "2026-03-02T08:00"]) == 0
    assert main(["remind"]) == 0

    periods = ReminderClaim.objects.filter(user=alice, status=ReminderClaimStatus.SENT)
    assert sorted(periods.values_list("period", flat=True)) == ["D2026-03-02", "D2026-03-03"]
    assert [message.to for message in mailoutbox].count(["alice@example.org"]) == 2


@pytest.mark.parametrize("value", ["yesterday", "2026-02-30T08:00", ""])
def test_a_bad_at_is_refused_naming_it(db, capsys, value):
    assert main(["remind", "--at", value]) == 2
    assert error_line(capsys) == (
        f"partnerkit: error: --at: {value!r} is not a date and time such as 2026-03-02T08:00"
    )


def test_at_in_the_future_is_only_for_a_dry_run(clock, overdue, capsys, mailoutbox):
    assert main(["remind", "--at", "2026-03-09T08:00"]) == 2
    assert error_line(capsys) == (
        "partnerkit: error: --at: 2026-03-09T08:00:00 is in the future; "
        "only --dry-run may look ahead"
    )

    assert main(["remind", "--at", "2026-03-09T08:00", "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("Would send 2 digests (alice, carol)")
    assert mailoutbox == []


def test_a_failed_send_exits_1_and_names_the_person_on_stderr(
    overdue, capsys, monkeypatch, mailoutbox
):
    real_send = EmailMultiAlternatives.send

    def send(message, fail_silently=False):
        if message.to == ["carol@example.org"]:
            raise SMTPException("mailbox unavailable")
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)

    assert main(["remind"]) == 1

    captured = capsys.readouterr()
    assert captured.out == "Sent 1 digest (alice); 1 failed; 1 with nothing to send.\n"
    assert captured.err == (
        "partnerkit: error: the digest to carol was not sent: mailbox unavailable\n"
    )
    assert not ReminderClaim.objects.filter(user__username="carol").exists()
