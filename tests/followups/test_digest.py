"""The e-mail digest: who gets one, when, what it lists, and that it goes out once per period
whatever happens to the runs."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from partnerkit.followups import reminders, services
from partnerkit.followups.models import DigestPreference, ReminderClaim, ReminderClaimStatus
from partnerkit.partnerships.services import partnership_create, partnership_move
from partnerkit.workspaces.models import Membership, Role
from partnerkit.workspaces.services import membership_add, membership_change_role
from tests.followups.conftest import DAY_0

BASE = "https://partnerkit.example"


def day(n: int):
    return DAY_0 + timedelta(days=n)


def remind(clock, on: int, hour: int = 10) -> reminders.Outcome:
    """A run of `partnerkit remind` on day ``on`` of the walk (day 0 is a Monday)."""
    clock.go(on, hour)
    return reminders.remind(base_url=BASE)


def task(project, by, title: str, due: int, owner=None):
    return services.followup_create(
        partnership=project, by=by, title=title, due_on=day(due), owner=owner
    )


def digest_to(mailoutbox, user) -> EmailMultiAlternatives:
    (message,) = [message for message in mailoutbox if message.to == [user.email]]
    return message


def html_of(message) -> str:
    """The HTML part, each run of white space made one space (as a browser shows it)."""
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return " ".join(html.split())


def link_to(task) -> str:
    return BASE + task.get_absolute_url()


@pytest.fixture
def library_scans(south, bob, southern_library):
    """A partnership of "south" with a task of bob's, which north's people must never see."""
    partnership = partnership_create(
        workspace=south, partner=southern_library, by=bob, title="Library scans", owner=bob
    )
    return services.followup_create(
        partnership=partnership, by=bob, title="Southern secret", due_on=DAY_0
    )


# Who gets what -------------------------------------------------------------------------------


def test_each_person_gets_their_own_tasks_and_no_other_workspaces(
    clock, project, alice, carol, victor, bob, library_scans, mailoutbox
):
    # A meeting plans the written proposal, due in two days, for the partnership's owner.
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    proposal = project.followups.get(step__code="proposal")
    licence = task(project, alice, "Ask for the photo licence", due=-3)
    letters = task(project, alice, "Scan the letters", due=4, owner=carol)

    outcome = remind(clock, 0)

    assert sorted(outcome.sent) == ["alice", "bob", "carol"]
    assert outcome.nothing_to_send == 1  # victor, a viewer
    assert len(mailoutbox) == 3

    to_alice = digest_to(mailoutbox, alice)
    assert to_alice.subject == "Partnerkit: 1 follow-up overdue, 1 due this week"
    for body in (to_alice.body, html_of(to_alice)):
        assert "Ask for the photo licence" in body and "3 days late" in body
        assert "Send the written proposal" in body
        assert link_to(licence) in body and link_to(proposal) in body
        assert "Photographs of Swedish life" in body and "Nordic Museum" in body
        assert "Scan the letters" not in body
        assert "Southern secret" not in body and "Wikimedia South" not in body

    to_carol = digest_to(mailoutbox, carol)
    assert to_carol.subject == "Partnerkit: 1 follow-up due this week"
    for body in (to_carol.body, html_of(to_carol)):
        assert "Scan the letters" in body and link_to(letters) in body
        assert "Ask for the photo licence" not in body and "Send the written proposal" not in body
        assert "Southern secret" not in body

    to_bob = digest_to(mailoutbox, bob)
    for body in (to_bob.body, html_of(to_bob)):
        assert "Southern secret" in body and link_to(library_scans) in body
        assert "Wikimedia North" not in body and "Photographs of Swedish life" not in body


def test_someone_in_two_workspaces_gets_one_digest_with_a_section_for_each(
    clock, project, alice, library_scans, south, mailoutbox
):
    membership_add(workspace=south, user=alice, role=Role.MEMBER)
    services.followup_reassign(task=library_scans, by=alice, owner=alice)
    task(project, alice, "Ask for the photo licence", due=-1)

    remind(clock, 0)

    (message,) = mailoutbox
    assert message.subject == (
        "Partnerkit: 1 follow-up overdue in Wikimedia North; "
        "1 follow-up due this week in Wikimedia South"
    )
    body = message.body
    assert body.index("Wikimedia North") < body.index("Ask for the photo licence")
    assert body.index("Wikimedia South") < body.index("Southern secret")
    assert link_to(library_scans) in body


def test_a_viewer_gets_no_digest_even_for_tasks_still_in_their_name(
    clock, project, alice, carol, mailoutbox
):
    task(project, alice, "Scan the letters", due=-1, owner=carol)
    membership = Membership.objects.get(user=carol, workspace=project.workspace)
    membership_change_role(membership=membership, role=Role.VIEWER, by=alice)

    outcome = remind(clock, 0)

    assert "carol" not in outcome.sent
    assert mailoutbox == []


def test_never_means_no_digest(clock, project, alice, mailoutbox):
    task(project, alice, "Ask for the photo licence", due=-3)
    services.digest_preference_save(user=alice, frequency="never")

    for on in range(8):
        assert "alice" not in remind(clock, on).sent
    assert mailoutbox == []


# When --------------------------------------------------------------------------------------


def test_a_weekly_digest_goes_out_on_its_weekday_or_the_first_run_after_once_per_iso_week(
    clock, project, alice, mailoutbox
):
    task(project, alice, "Ask for the photo licence", due=-3)
    services.digest_preference_save(user=alice, frequency="weekly", weekday=2)  # Wednesday

    assert remind(clock, 0).sent == []  # Monday
    assert remind(clock, 1).sent == []  # Tuesday
    assert remind(clock, 2, hour=7).sent == ["alice"]  # Wednesday
    assert remind(clock, 2, hour=8).sent == []
    assert remind(clock, 4).sent == []  # Friday
    assert remind(clock, 7).sent == []  # Monday of the next ISO week, before Wednesday
    # No run on the Wednesday of that week: Thursday's run sends it.
    assert remind(clock, 10).sent == ["alice"]
    assert remind(clock, 13).sent == []  # Sunday
    assert len(mailoutbox) == 2
    assert sorted(ReminderClaim.objects.values_list("period", flat=True)) == [
        "W2026-10",
        "W2026-11",
    ]


def test_a_daily_digest_goes_out_once_a_day_with_today_and_tomorrow(
    clock, project, alice, mailoutbox
):
    task(project, alice, "Call the archivist", due=1)
    task(project, alice, "Book the room", due=3)
    services.digest_preference_save(user=alice, frequency="daily")

    assert remind(clock, 0, hour=7).sent == ["alice"]
    assert remind(clock, 0, hour=8).sent == []
    assert remind(clock, 0, hour=23).sent == []
    (monday,) = mailoutbox
    assert "Call the archivist" in monday.body and "Book the room" not in monday.body
    assert "Due today and tomorrow" in monday.body
    assert monday.subject == "Partnerkit: 1 follow-up due today or tomorrow"

    assert remind(clock, 1, hour=7).sent == ["alice"]
    assert len(mailoutbox) == 2


def test_a_snoozed_task_is_left_out_until_its_snooze_ends(clock, project, alice, mailoutbox):
    licence = task(project, alice, "Ask for the photo licence", due=-2)
    services.followup_snooze(task=licence, by=alice, until=day(3), reason="They are on leave")
    services.digest_preference_save(user=alice, frequency="daily")

    outcome = remind(clock, 0)
    assert outcome.sent == [] and outcome.nothing_to_send >= 1
    assert remind(clock, 2).sent == []

    assert remind(clock, 3).sent == ["alice"]
    (message,) = mailoutbox
    assert "Ask for the photo licence" in message.body and "due today" in message.body


def test_running_remind_twice_sends_once(clock, project, alice, mailoutbox):
    licence = task(project, alice, "Ask for the photo licence", due=-3)

    first = remind(clock, 0, hour=9)
    second = remind(clock, 0, hour=10)

    assert first.sent == ["alice"]
    assert second.sent == [] and second.already_sent == 1
    assert len(mailoutbox) == 1
    claim = ReminderClaim.objects.get(user=alice)
    assert claim.status == ReminderClaimStatus.SENT and claim.period == "W2026-10"
    assert claim.task_ids == [licence.pk]


# When sending goes wrong ---------------------------------------------------------------------


def test_a_failed_send_gives_the_claim_back_so_the_next_run_sends(
    clock, project, alice, monkeypatch, mailoutbox
):
    task(project, alice, "Ask for the photo licence", due=-3)

    def refuse(message, fail_silently=False):
        raise SMTPException("connection refused")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    failed = remind(clock, 0, hour=9)
    assert failed.sent == [] and failed.failed == [("alice", "connection refused")]
    assert not ReminderClaim.objects.exists()

    monkeypatch.undo()
    retried = remind(clock, 0, hour=10)
    assert retried.sent == ["alice"]
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("minutes_ago", "taken_over"), [(61, True), (59, False)], ids=["abandoned", "in-progress"]
)
def test_a_claim_left_sending_is_taken_over_only_after_an_hour(
    clock, project, alice, mailoutbox, minutes_ago, taken_over
):
    task(project, alice, "Ask for the photo licence", due=-3)
    clock.go(0)
    ReminderClaim.objects.create(
        user=alice,
        period="W2026-10",
        status=ReminderClaimStatus.SENDING,
        claimed_at=timezone.now() - timedelta(minutes=minutes_ago),
    )

    outcome = reminders.remind(base_url=BASE)

    assert outcome.sent == (["alice"] if taken_over else [])
    assert len(mailoutbox) == (1 if taken_over else 0)
    claim = ReminderClaim.objects.get(user=alice)
    expected = ReminderClaimStatus.SENT if taken_over else ReminderClaimStatus.SENDING
    assert claim.status == expected


# What it says ----------------------------------------------------------------------------------


def test_the_digest_shows_hard_limits_quiet_partnerships_and_how_to_change_it(
    clock, project, alice, mailoutbox
):
    partnership_move(
        partnership=project, to_stage="in_contact", by=alice, override_reason="A test of the digest"
    )
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")

    remind(clock, 14)  # the proposal was due on day 2, by day 7 at the latest

    (message,) = mailoutbox
    assert message.subject == ("Partnerkit: 1 follow-up overdue, 1 partnership gone quiet")
    settings_link = f"{BASE}/w/north/follow-ups/reminders/"
    quiet = f"{BASE}/w/north/follow-ups/partnerships/{project.pk}/"
    for body in (message.body, html_of(message)):
        assert "12 days late, " in body and "past the hard limit" in body
        assert "Gone quiet" in body
        assert "no contact for 14 days (its stage allows 14)" in body
        assert quiet in body
        assert "once a week" in body and settings_link in body


def test_the_html_digest_escapes_what_people_typed(clock, project, alice, mailoutbox):
    task(project, alice, "<script>alert('hi')</script> & sign", due=-1)

    remind(clock, 0)

    (message,) = mailoutbox
    html = html_of(message)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt; &amp; sign" in html
    # The plain text is not HTML: it shows the title as typed.
    assert "<script>alert('hi')</script> & sign" in message.body
    assert "\n" not in message.subject


def test_a_digest_is_sent_in_the_persons_name_to_their_address(clock, project, alice, mailoutbox):
    alice.first_name, alice.last_name = "Alice", "Andersson"
    alice.save()
    task(project, alice, "Ask for the photo licence", due=-1)
    DigestPreference.objects.create(user=alice, frequency="daily")

    remind(clock, 0)

    (message,) = mailoutbox
    assert message.to == ["alice@example.org"]
    assert message.body.startswith("Hello Alice Andersson,\n")
    assert "<p>Hello Alice Andersson,</p>" in html_of(message)
