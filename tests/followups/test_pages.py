"""The follow-up pages: logging an interaction, acting on tasks in one click, the team's
board, editing plans (refused with the reason when wrong), reminders and calendar feeds."""

from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from partnerkit.followups import services
from partnerkit.followups.models import CalendarFeed, FollowUp, Plan, TaskStatus
from partnerkit.workspaces.services import membership_remove
from tests.conftest import login
from tests.followups.conftest import DAY_0


def url(name, **kwargs):
    return reverse(f"followups:{name}", kwargs={"workspace_slug": "north", **kwargs})


@pytest.fixture
def signed_in(client, alice):
    return login(client, alice)


def test_logging_a_meeting_shows_the_proposal_task_with_its_due_date(signed_in, project):
    response = signed_in.post(
        url("interaction_log", pk=project.pk),
        {
            "kind": "meeting",
            "direction": "both",
            "occurred_on": DAY_0.isoformat(),
            "summary": "Met the head of digital collections",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Logged: Meeting" in page
    assert "Send the written proposal" in page and "March 4, 2026" in page
    mine = signed_in.get(url("my_work")).content.decode()
    assert "Send the written proposal" in mine and "Photographs of Swedish life" in mine


def test_a_future_interaction_is_refused_naming_the_date(signed_in, project, clock):
    response = signed_in.post(
        url("interaction_log", pk=project.pk),
        {
            "kind": "email",
            "direction": "outgoing",
            "occurred_on": (clock.today + timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "has not happened yet" in response.content.decode()
    assert not project.interactions.exists()


def _proposal(project, alice):
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    return FollowUp.objects.get(partnership=project, step__code="proposal")


def test_done_snooze_reassign_and_cancel_from_my_work(signed_in, project, alice, carol, clock):
    task = _proposal(project, alice)
    here = url("my_work")
    signed_in.post(url("task_reassign", task_pk=task.pk), {"owner": carol.pk, "next": here})
    task.refresh_from_db()
    assert task.owner == carol
    response = signed_in.post(
        url("task_snooze", task_pk=task.pk),
        {"until": "2026-03-10", "reason": "", "next": here},
        follow=True,
    )
    assert "Why: This field is required." in response.content.decode()
    signed_in.post(
        url("task_snooze", task_pk=task.pk),
        {"until": "2026-03-10", "reason": "They are away", "next": here},
    )
    task.refresh_from_db()
    assert (str(task.snoozed_until), task.snooze_reason) == ("2026-03-10", "They are away")
    signed_in.post(url("task_done", task_pk=task.pk), {"next": here})
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    ping = FollowUp.objects.get(step__code="ping")
    signed_in.post(url("task_cancel", task_pk=ping.pk), {"reason": "Agreed by phone"})
    ping.refresh_from_db()
    assert (ping.status, ping.closed_reason) == (TaskStatus.CANCELLED, "Agreed by phone")


def test_a_task_done_twice_says_it_is_closed(signed_in, project, alice):
    task = _proposal(project, alice)
    signed_in.post(url("task_done", task_pk=task.pk))
    response = signed_in.post(url("task_done", task_pk=task.pk), follow=True)
    assert "This task is already closed (done)." in response.content.decode()


def test_reassigning_to_a_viewer_is_refused(signed_in, project, alice, victor):
    task = _proposal(project, alice)
    response = signed_in.post(
        url("task_reassign", task_pk=task.pk), {"owner": victor.pk}, follow=True
    )
    assert "Select a valid choice" in response.content.decode()
    task.refresh_from_db()
    assert task.owner is None


def test_the_team_board_puts_ownerless_tasks_first(signed_in, project, alice, carol):
    project.owner = None
    project.save(update_fields=["owner"])
    services.followup_create(
        partnership=project, by=alice, title="Call Ingrid", due_on=DAY_0, owner=carol
    )
    _proposal(project, alice)
    page = signed_in.get(url("team")).content.decode()
    assert page.index("Nobody — needs an owner") < page.index("Send the written proposal")
    assert page.index("Send the written proposal") < page.index("Call Ingrid")


def test_a_member_who_leaves_hands_tasks_to_the_partnership_owner(project, alice, carol, north):
    task = services.followup_create(
        partnership=project, by=alice, title="Send photos", due_on=DAY_0, owner=carol
    )
    membership_remove(membership=north.memberships.get(user=carol), by=alice)
    task.refresh_from_db()
    assert task.owner is None and task.status == TaskStatus.OPEN
    assert FollowUp.objects.assigned_to(alice).filter(pk=task.pk).exists()
    assert task.history.first().history_change_reason == "carol left the workspace"


def test_a_deleted_person_s_tasks_go_to_the_partnership_owner(project, alice, carol):
    task = services.followup_create(
        partnership=project, by=alice, title="Send photos", due_on=DAY_0, owner=carol
    )
    carol.delete()
    assert FollowUp.objects.assigned_to(alice).filter(pk=task.pk).exists()


# Plans --------------------------------------------------------------------------------------


def _plan(north, code="running_agreement"):
    services.plans_install_defaults(workspace=north)
    return Plan.objects.get(workspace=north, code=code)


def _step_data(step, **changes):
    data = {
        "title": step.title,
        "description": step.description,
        "anchor": step.anchor,
        "after_step": step.after_step_id or "",
        "offset_days": step.offset_days,
        "direction": step.direction,
        "limit_days": step.limit_days or "",
        "owner_rule": step.owner_rule,
        "owner": step.owner_id or "",
        "completes": step.completes,
        "repeat_days": step.repeat_days or "",
        "closed_by": step.closed_by,
    }
    if step.skip_weekends:
        data["skip_weekends"] = "on"
    if step.wait_for_due:
        data["wait_for_due"] = "on"
    data.update(changes)
    return data


def test_a_plan_step_that_closes_a_circle_is_refused(signed_in, north):
    plan = _plan(north)
    kickoff, first = plan.steps.get(code="kickoff"), plan.steps.get(code="first_report")
    response = signed_in.post(
        url("step_edit", plan_pk=plan.pk, step_pk=kickoff.pk),
        _step_data(kickoff, anchor="step_done", after_step=first.pk),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "These steps wait for each other in a circle:" in page
    assert "first_report → kickoff → first_report" in page or (
        "kickoff → first_report → kickoff" in page
    )
    kickoff.refresh_from_db()
    assert kickoff.anchor == "agreed"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"offset_days": -3}, "Days cannot be negative; count back with “before” instead."),
        ({"owner_rule": "person", "owner": ""}, "Say who owns the tasks of this step."),
        ({"direction": "before"}, "Only a date in the record"),
        ({"limit_days": 1}, "The hard limit cannot come before the due date."),
        ({"repeat_days": 3}, "Repeat every 7 days or more."),
    ],
)
def test_a_wrong_step_is_refused_with_the_reason(signed_in, north, changes, message):
    plan = _plan(north)
    kickoff = plan.steps.get(code="kickoff")
    response = signed_in.post(
        url("step_edit", plan_pk=plan.pk, step_pk=kickoff.pk), _step_data(kickoff, **changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    kickoff.refresh_from_db()
    assert (kickoff.offset_days, kickoff.owner_rule) == (14, "partnership_owner")


def test_editing_a_step_changes_the_next_tasks(signed_in, north, project, alice):
    plan = _plan(north, "after_meeting")
    proposal = plan.steps.get(code="proposal")
    response = signed_in.post(
        url("step_edit", plan_pk=plan.pk, step_pk=proposal.pk),
        _step_data(proposal, offset_days=1, limit_days=5),
    )
    assert response.status_code == 302
    assert _proposal(project, alice).due_on == DAY_0 + timedelta(days=1)


def test_a_plan_switched_off_starts_nothing_and_reset_brings_it_back(
    signed_in, north, project, alice
):
    plan = _plan(north, "after_meeting")
    signed_in.post(url("plan_edit", plan_pk=plan.pk), {"name": plan.name, "description": ""})
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    assert not FollowUp.objects.exists()
    signed_in.post(url("plan_reset", plan_pk=plan.pk))
    plan.refresh_from_db()
    assert plan.active and plan.steps.count() == 3


def test_a_step_another_follows_cannot_be_deleted(signed_in, north):
    plan = _plan(north)
    kickoff = plan.steps.get(code="kickoff")
    response = signed_in.post(url("step_delete", plan_pk=plan.pk, step_pk=kickoff.pk), follow=True)
    assert "“Send the first report” follows this step" in response.content.decode()
    assert plan.steps.filter(pk=kickoff.pk).exists()


def test_quiet_days_per_stage_decide_what_is_stale(signed_in, north, project, alice, clock):
    from partnerkit.partnerships.services import partnership_move

    partnership_move(partnership=project, to_stage="in_contact", by=alice, override_reason="walk")
    clock.go(10)
    assert "My partnerships that have gone quiet" in signed_in.get(url("my_work")).content.decode()
    assert "quiet for 10 days" not in signed_in.get(url("my_work")).content.decode()
    signed_in.post(url("stale_rules"), {"in_contact": 7})
    assert "quiet for 10 days" in signed_in.get(url("my_work")).content.decode()
    response = signed_in.post(url("stale_rules"), {"in_contact": 0})
    assert response.status_code == 400


# Reminders and calendar feeds ---------------------------------------------------------------


def test_a_calendar_address_is_shown_once_and_can_be_revoked(signed_in, project, alice, north):
    _proposal(project, alice)
    response = signed_in.post(url("reminders"), {"action": "feed_create", "scope": "mine"})
    page = response.content.decode()
    start = page.index("/calendar/")
    address = page[start : page.index('"', start)]
    feed = signed_in.get(address)
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Send the written proposal — Photographs of Swedish life"
    ]
    assert address not in signed_in.get(url("reminders")).content.decode()
    stored = CalendarFeed.objects.get()
    signed_in.post(url("reminders"), {"action": "feed_revoke", "feed": stored.pk})
    assert signed_in.get(address).status_code == 404


def test_a_calendar_address_dies_with_the_membership(client, project, alice, carol, north):
    login(client, carol)
    page = client.post(url("reminders"), {"action": "feed_create", "scope": "workspace"})
    text = page.content.decode()
    address = text[text.index("/calendar/") : text.index('"', text.index("/calendar/"))]
    assert client.get(address).status_code == 200
    membership_remove(membership=north.memberships.get(user=carol), by=alice)
    client.logout()
    assert client.get(address).status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_the_digest_setting_is_saved(signed_in, alice, north):
    signed_in.post(url("reminders"), {"action": "digest", "frequency": "daily", "weekday": 0})
    assert alice.digest_preference.frequency == "daily"


def test_the_partnership_page_shows_the_follow_ups_card(signed_in, project, alice):
    _proposal(project, alice)
    page = signed_in.get(project.get_absolute_url()).content.decode()
    assert 'id="followups-open">1' in page and "Send the written proposal" in page


def test_the_team_board_names_a_quiet_partnership_without_an_owner(signed_in, project, alice,
                                                                    clock):
    from partnerkit.partnerships.models import Partnership

    Partnership.objects.filter(pk=project.pk).update(stage="in_contact", owner=None)
    clock.go(30)
    page = signed_in.get(url("team")).content.decode()
    assert "Photographs of Swedish life" in page and "no owner" in page
