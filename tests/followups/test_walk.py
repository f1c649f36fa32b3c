"""Time travel through a partnership: meeting → proposal → silence → ping → reply →
agreement → reports → renewal, checking each task's creation, due date and closure."""

from datetime import date, timedelta

from partnerkit.followups import selectors, services
from partnerkit.followups.models import FollowUp, TaskStatus
from partnerkit.partnerships.services import partnership_move, partnership_update
from tests.followups.conftest import DAY_0, moment


def day(n: int) -> date:
    return DAY_0 + timedelta(days=n)


def task(project, code: str, status: str | None = TaskStatus.OPEN) -> FollowUp:
    tasks = FollowUp.objects.filter(partnership=project, step__code=code)
    if status is not None:
        tasks = tasks.filter(status=status)
    return tasks.get()


def codes_in_my_work(north, alice, today) -> list[str]:
    buckets = selectors.my_work(north, alice, today=today)
    return [
        t.step.code for t in buckets.overdue + buckets.today + buckets.this_week + buckets.later
    ]


def first_meeting(project, alice):
    """A meeting planned for 9:00 on day 0, recorded after the fact."""
    from partnerkit.meetings.services import meeting_create

    return meeting_create(
        partnership=project,
        by=alice,
        title="First meeting",
        starts_at=moment(day(0), 9),
        minutes=60,
        past_ok=True,
    )


def move(project, stage, alice):
    partnership_move(partnership=project, to_stage=stage, by=alice, override_reason="test walk")


def test_the_whole_walk(clock, project, north, alice):
    # Day 0, Monday: a meeting is logged. The written proposal is due in 2 days, by 7 at most.
    services.interaction_log(
        partnership=project,
        by=alice,
        kind="meeting",
        direction="both",
        summary="First meeting at the museum",
    )
    proposal = task(project, "proposal")
    assert (proposal.due_on, proposal.limit_on) == (day(2), day(7))
    assert proposal.owner is None and codes_in_my_work(north, alice, clock.today) == ["proposal"]
    assert not FollowUp.objects.filter(step__code="ping").exists()

    # Day 2: the proposal goes out; the ping waits, unseen, for two weeks of silence.
    clock.go(2)
    services.followup_done(task=proposal, by=alice)
    proposal.refresh_from_db()
    assert proposal.status == TaskStatus.DONE and proposal.closed_by == alice
    ping = task(project, "ping")
    assert (ping.due_on, ping.visible_from) == (day(16), day(16))
    clock.go(15)
    assert codes_in_my_work(north, alice, clock.today) == []
    clock.go(16)
    assert codes_in_my_work(north, alice, clock.today) == ["ping"]
    clock.go(18)
    assert selectors.my_work(north, alice, today=clock.today).overdue[0].step.code == "ping"

    # Day 19: they reply. The ping closes on its own; settling the next meeting starts.
    clock.go(19)
    services.interaction_log(
        partnership=project,
        by=alice,
        kind="email",
        direction="incoming",
        summary="They liked it and want to talk terms",
    )
    ping.refresh_from_db()
    assert ping.status == TaskStatus.CANCELLED
    assert ping.closed_reason == "Closed on its own: the partner replies"
    next_meeting = task(project, "next_meeting")
    # Day 19 is Saturday 21 March; three working days on is Wednesday the 25th.
    assert day(19).weekday() == 5 and next_meeting.due_on == date(2026, 3, 25)

    # Day 23: the second meeting closes it and asks for a written summary again.
    clock.go(23)
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    next_meeting.refresh_from_db()
    assert next_meeting.status == TaskStatus.CANCELLED
    assert task(project, "proposal").due_on == day(25)

    # Day 30: agreement. The kick-off is due in 14 working days.
    clock.go(30)
    move(project, "agreed", alice)
    kickoff = task(project, "kickoff")
    assert kickoff.due_on == date(2026, 4, 21)  # Wednesday 1 April + 14 working days

    # The agreement's end date starts the renewal review 60 days before it.
    partnership_update(partnership=project, by=alice, version=None, ends_on=date(2027, 4, 1))
    renewal = task(project, "renewal")
    assert renewal.due_on == date(2027, 1, 31)

    # Kick-off done on day 40 → first report 30 days later.
    clock.go(40)
    services.followup_done(task=kickoff, by=alice)
    first = task(project, "first_report")
    assert first.due_on == day(70) and first.after_task_id == kickoff.pk

    # First report sent on day 72 → the regular report 90 days on; done → it comes back.
    clock.go(72)
    services.followup_done(task=first, by=alice)
    regular = task(project, "regular_report")
    assert regular.due_on == day(162)
    clock.go(160)
    services.followup_done(task=regular, by=alice)
    again = task(project, "regular_report")
    assert again.pk != regular.pk and again.due_on == day(250) and again.after_task_id == regular.pk

    # The end date moves: so does the renewal review.
    partnership_update(partnership=project, by=alice, version=None, ends_on=date(2027, 6, 30))
    renewal.refresh_from_db()
    assert renewal.due_on == date(2027, 5, 1) and renewal.status == TaskStatus.OPEN

    # Completed: nothing more is chased.
    move(project, "running", alice)
    move(project, "completed", alice)
    assert not FollowUp.objects.filter(partnership=project, status=TaskStatus.OPEN).exists()
    again.refresh_from_db()
    assert again.closed_reason == "The partnership is completed"


def test_changing_the_meeting_date_moves_the_proposal(clock, project, alice):
    clock.go(3)
    meeting = services.interaction_log(
        partnership=project, by=alice, kind="meeting", direction="both", occurred_on=day(3)
    )
    assert task(project, "proposal").due_on == day(5)
    services.interaction_update(interaction=meeting, by=alice, version=None, occurred_on=day(1))
    moved = task(project, "proposal")
    assert (moved.due_on, moved.limit_on) == (day(3), day(8))
    assert (
        moved.history.first().history_change_reason == "Moved with the date of “a meeting is held”"
    )


def test_deleting_the_logged_meeting_closes_its_proposal(clock, project, alice):
    meeting = services.interaction_log(
        partnership=project, by=alice, kind="meeting", direction="both"
    )
    services.interaction_delete(interaction=meeting, by=alice)
    proposal = task(project, "proposal", status=None)
    assert proposal.status == TaskStatus.CANCELLED
    assert proposal.closed_reason == "The log entry it was counted from was deleted"


def test_a_second_meeting_before_the_proposal_moves_it_instead_of_repeating(clock, project, alice):
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    clock.go(1)
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    assert task(project, "proposal").due_on == day(3)


def test_a_proposal_logged_as_an_email_counts_as_sent(clock, project, alice):
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    clock.go(1)
    services.interaction_log(partnership=project, by=alice, kind="email", purpose="proposal")
    assert task(project, "proposal", status=None).status == TaskStatus.CANCELLED
    assert task(project, "ping").due_on == day(15)


def test_a_reply_dated_before_the_proposal_does_not_close_the_ping(clock, project, alice):
    clock.go(5)
    services.interaction_log(partnership=project, by=alice, kind="email", purpose="proposal")
    services.interaction_log(
        partnership=project, by=alice, kind="email", direction="incoming", occurred_on=day(4)
    )
    assert task(project, "ping").status == TaskStatus.OPEN


def test_saving_notes_of_a_held_meeting_logs_it_once(clock, project, alice):
    from partnerkit.meetings.services import meeting_notes_save

    meeting = first_meeting(project, alice)
    clock.go(1)
    meeting_notes_save(meeting=meeting, by=alice, version=None, liked="The photo plan")
    meeting.refresh_from_db()
    meeting_notes_save(meeting=meeting, by=alice, version=None, outcome="Proposal to follow")
    assert project.interactions.get().meeting == meeting
    assert task(project, "proposal").due_on == day(2)


def test_weekends_are_skipped_when_the_step_says_so(clock, project, alice):
    from partnerkit.followups.models import PlanStep

    services.plans_install_defaults(workspace=project.workspace)
    assert PlanStep.objects.filter(code="proposal").update(skip_weekends=True) == 1
    clock.go(4)  # Friday
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    proposal = task(project, "proposal")
    assert proposal.due_on == day(8) and proposal.due_on.weekday() == 1  # Tuesday
    assert proposal.limit_on == day(15)


def test_a_meeting_moved_to_a_later_day_leaves_the_log(clock, project, alice):
    from partnerkit.meetings.services import meeting_notes_save, meeting_update

    meeting = first_meeting(project, alice)
    meeting_notes_save(meeting=meeting, by=alice, version=None, liked="The photo plan")
    assert task(project, "proposal").due_on == day(2)
    meeting_update(
        meeting=meeting, by=alice, version=None, starts_at=moment(day(-1), 9), past_ok=True
    )
    assert task(project, "proposal").due_on == day(1)
    meeting_update(meeting=meeting, by=alice, version=None, starts_at=moment(day(3), 9))
    assert not project.interactions.exists()
    assert task(project, "proposal", status=None).status == TaskStatus.CANCELLED
