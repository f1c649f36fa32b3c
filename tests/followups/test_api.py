"""The follow-ups API: the task list and its filters, tasks by hand, done, snooze, reassign
and cancel, the interaction log that starts and closes tasks, the plans and the
partnerships gone quiet."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerkit.followups import services
from partnerkit.followups.models import FollowUp, Interaction, TaskStatus
from partnerkit.partnerships.services import partnership_move
from tests.followups.conftest import DAY_0

TASKS = "/workspaces/north/follow-ups"


def day(n: int) -> str:
    return (DAY_0 + timedelta(days=n)).isoformat()


def interactions(partnership, rest: str = "") -> str:
    return f"/workspaces/north/partnerships/{partnership.pk}/interactions{rest}"


def action(task, name: str) -> str:
    return f"{TASKS}/{task.pk}/{name}"


def by_hand(project, by, title="Send the scans", due=3, owner=None) -> FollowUp:
    return services.followup_create(
        partnership=project, by=by, title=title, due_on=DAY_0 + timedelta(days=due), owner=owner
    )


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def errors_of(response) -> list[str]:
    assert response.status_code == 400, response.content
    return list(response.json()["errors"])


@pytest.fixture
def proposal(project, alice):
    """The written proposal, started by the meeting alice logged on day 0."""
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    return FollowUp.objects.get(partnership=project, step__code="proposal")


# The list -------------------------------------------------------------------------------------


def test_the_list_shows_open_tasks_soonest_first_with_their_owner(
    alice_api, proposal, project, alice, carol
):
    by_hand(project, alice, "Call the archivist", due=1, owner=carol)
    response = alice_api.get(TASKS)
    assert titles(response) == ["Call the archivist", "Send the written proposal"]
    [call, written] = response.json()["items"]
    assert (call["owner"], call["owner_is_default"], call["step"]) == ("carol", False, None)
    assert (written["owner"], written["owner_is_default"]) == ("alice", True)
    assert (written["step"], written["plan"], written["when"]) == (
        "proposal",
        "after_meeting",
        day(2),
    )
    assert (written["limit_on"], written["partnership_title"]) == (day(7), project.title)


def test_the_owner_filter_follows_the_partnerships_owner(
    alice_api, proposal, project, alice, carol
):
    by_hand(project, alice, "Call the archivist", owner=carol)
    assert titles(alice_api.get(TASKS, owner="alice")) == ["Send the written proposal"]
    assert titles(alice_api.get(TASKS, owner="carol")) == ["Call the archivist"]
    assert errors_of(alice_api.get(TASKS, owner="bob")) == ["owner"]


def test_the_partnership_filter_takes_only_this_workspaces_partnerships(
    alice_api, proposal, project, photo_project, alice, southern_project
):
    by_hand(photo_project, alice, "Other partnership's task")
    assert titles(alice_api.get(TASKS, partnership_id=project.pk)) == ["Send the written proposal"]
    assert titles(alice_api.get(TASKS, partnership_id=photo_project.pk)) == [
        "Other partnership's task"
    ]
    assert errors_of(alice_api.get(TASKS, partnership_id=southern_project.pk)) == ["partnership_id"]


def test_due_before_counts_the_end_of_a_snooze(alice_api, proposal, project, alice):
    later = by_hand(project, alice, "Later", due=10)
    assert titles(alice_api.get(TASKS, due_before=day(3))) == ["Send the written proposal"]
    services.followup_snooze(
        task=proposal, by=alice, until=DAY_0 + timedelta(days=12), reason="They are away"
    )
    assert titles(alice_api.get(TASKS, due_before=day(3))) == []
    assert titles(alice_api.get(TASKS, due_before=day(11))) == [later.title]


def test_the_status_filter_lists_closed_tasks_latest_first(alice_api, proposal, project, alice):
    spare = by_hand(project, alice, "Spare")
    services.followup_done(task=proposal, by=alice)
    services.followup_cancel(task=spare, by=alice, reason="Not needed")
    assert titles(alice_api.get(TASKS)) == []  # the ping waits, unseen, for two weeks
    done = alice_api.get(TASKS, status="done").json()["items"]
    assert [(t["title"], t["closed_by"]) for t in done] == [("Send the written proposal", "alice")]
    cancelled = alice_api.get(TASKS, status="cancelled").json()["items"]
    assert [(t["title"], t["closed_reason"]) for t in cancelled] == [("Spare", "Not needed")]
    assert errors_of(alice_api.get(TASKS, status="closed")) == ["status"]


def test_the_list_runs_the_same_queries_for_few_and_many_tasks(alice_api, project, alice, carol):
    def queries(count):
        with CaptureQueriesContext(connection) as context:
            response = alice_api.get(TASKS, limit=200, owner="carol")
        assert response.json()["count"] == count
        return [query["sql"] for query in context.captured_queries]

    by_hand(project, alice, owner=carol)
    alice_api.get(TASKS)  # the first request of a token also notes when it was used
    few = queries(1)
    for number in range(30):
        task = by_hand(project, alice, f"Task {number}", owner=carol)
        services.followup_snooze(
            task=task, by=alice, until=DAY_0 + timedelta(days=5), reason="Later"
        )
    assert len(queries(31)) == len(few), "\n".join(few)


# Tasks by hand and their changes --------------------------------------------------------------


def test_a_task_is_written_by_hand(alice_api, project):
    response = alice_api.post(
        f"/workspaces/north/partnerships/{project.pk}/follow-ups",
        {"title": "Send the scans", "due_on": day(4), "owner": "carol", "notes": "Both boxes"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["owner"], body["due_on"], body["status"]) == (
        "Send the scans",
        "carol",
        day(4),
        "open",
    )
    assert FollowUp.objects.get(pk=body["id"]).created_by.username == "alice"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "", "due_on": day(4)}, "title"),
        ({"title": "Scans"}, "due_on"),
        ({"title": "Scans", "due_on": day(4), "owner": "victor"}, "owner"),
        ({"title": "Scans", "due_on": day(4), "owner": "bob"}, "owner"),
        ({"title": "Scans", "due_on": day(4), "when": day(4)}, "when"),
    ],
)
def test_a_task_by_hand_names_the_field_it_cannot_take(alice_api, project, bob, body, field):
    response = alice_api.post(f"/workspaces/north/partnerships/{project.pk}/follow-ups", body)
    assert errors_of(response) == [field]
    assert not FollowUp.objects.exists()


def test_done_starts_the_next_step_and_a_stale_version_is_refused(alice_api, proposal):
    stale = proposal.version
    services.followup_snooze(
        task=proposal,
        by=proposal.created_by,
        until=DAY_0 + timedelta(1),
        reason="Waiting for the photos",
    )
    response = alice_api.post(action(proposal, "done"), {"version": stale})
    assert response.status_code == 409, response.content
    assert response.json()["current_version"] == stale + 1
    response = alice_api.post(action(proposal, "done"))  # the body may be left out
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["closed_by"]) == ("done", "alice")
    assert FollowUp.objects.get(step__code="ping").due_on.isoformat() == day(14)
    assert errors_of(alice_api.post(action(proposal, "done"), {})) == ["status"]


def test_snooze_needs_a_later_day_and_a_reason(alice_api, proposal):
    assert errors_of(
        alice_api.post(action(proposal, "snooze"), {"until": day(-1), "reason": "Holiday"})
    ) == ["until"]
    assert errors_of(
        alice_api.post(action(proposal, "snooze"), {"until": day(0), "reason": "Holiday"})
    ) == ["until"]
    assert errors_of(
        alice_api.post(action(proposal, "snooze"), {"until": day(5), "reason": "  "})
    ) == ["reason"]
    response = alice_api.post(
        action(proposal, "snooze"),
        {"until": day(5), "reason": "Holiday", "version": proposal.version},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["snoozed_until"], body["when"], body["snooze_reason"]) == (
        day(5),
        day(5),
        "Holiday",
    )
    response = alice_api.post(
        action(proposal, "snooze"),
        {"until": day(6), "reason": "Longer", "version": proposal.version},
    )
    assert response.status_code == 409, response.content


def test_reassign_to_a_member_and_back_to_the_partnerships_owner(alice_api, proposal, bob):
    response = alice_api.post(action(proposal, "reassign"), {"owner": "carol"})
    assert (response.json()["owner"], response.json()["owner_is_default"]) == ("carol", False)
    response = alice_api.post(action(proposal, "reassign"), {"owner": None})
    assert (response.json()["owner"], response.json()["owner_is_default"]) == ("alice", True)
    assert errors_of(alice_api.post(action(proposal, "reassign"), {"owner": "victor"})) == ["owner"]
    assert errors_of(alice_api.post(action(proposal, "reassign"), {"owner": "bob"})) == ["owner"]
    assert errors_of(alice_api.post(action(proposal, "reassign"), {})) == ["owner"]
    response = alice_api.post(action(proposal, "reassign"), {"owner": "carol", "version": 1})
    assert response.status_code == 409, response.content
    proposal.refresh_from_db()
    assert proposal.owner is None


def test_cancel_needs_a_reason(alice_api, proposal):
    assert errors_of(alice_api.post(action(proposal, "cancel"), {"reason": ""})) == ["reason"]
    response = alice_api.post(action(proposal, "cancel"), {"reason": "Agreed by phone"})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["closed_reason"]) == (
        "cancelled",
        "Agreed by phone",
    )
    assert alice_api.get(TASKS).json()["count"] == 0


# Interactions ---------------------------------------------------------------------------------


def test_a_meeting_logged_starts_the_proposal_and_a_reply_closes_the_ping(
    alice_api, clock, project, ingrid
):
    response = alice_api.post(
        interactions(project),
        {"kind": "meeting", "direction": "both", "summary": "First meeting",
         "contact_id": ingrid.pk},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["occurred_on"], body["logged_by"], body["contact_id"]) == (
        day(0),
        "alice",
        ingrid.pk,
    )
    [proposal] = alice_api.get(TASKS).json()["items"]
    assert (proposal["step"], proposal["due_on"]) == ("proposal", day(2))

    clock.go(2)
    alice_api.post(f"{TASKS}/{proposal['id']}/done", {"version": proposal["version"]})
    clock.go(16)
    [ping] = alice_api.get(TASKS).json()["items"]
    assert ping["step"] == "ping"
    clock.go(17)
    response = alice_api.post(interactions(project), {"kind": "email", "direction": "incoming"})
    assert response.status_code == 201, response.content
    closed = alice_api.get(TASKS, status="cancelled").json()["items"]
    assert [(t["id"], t["closed_reason"]) for t in closed] == [
        (ping["id"], "Closed on its own: the partner replies")
    ]
    assert [t["step"] for t in alice_api.get(TASKS).json()["items"]] == ["next_meeting"]
    log = alice_api.get(interactions(project)).json()
    assert [i["kind"] for i in log["items"]] == ["email", "meeting"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"occurred_on": day(1)}, "occurred_on"),
        ({"kind": "fax"}, "kind"),
        ({"direction": "sideways"}, "direction"),
        ({"contact_id": "lucia"}, "contact_id"),
    ],
)
def test_a_log_entry_names_the_field_it_cannot_take(alice_api, project, body, field):
    assert errors_of(alice_api.post(interactions(project), body)) == [field]
    assert not Interaction.objects.exists()


def test_a_contact_of_another_partner_is_refused(alice_api, project, lucia):
    response = alice_api.post(interactions(project), {"contact_id": lucia.pk})
    assert errors_of(response) == ["contact_id"]


def test_changing_and_deleting_a_logged_meeting_moves_and_closes_its_proposal(
    alice_api, clock, project, alice, proposal
):
    meeting = Interaction.objects.get()
    clock.go(3)
    response = alice_api.patch(
        interactions(project, f"/{meeting.pk}"), {"occurred_on": day(1), "version": meeting.version}
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == meeting.version + 1
    proposal.refresh_from_db()
    assert proposal.due_on.isoformat() == day(3)
    response = alice_api.patch(
        interactions(project, f"/{meeting.pk}"),
        {"summary": "Late edit", "version": meeting.version},
    )
    assert response.status_code == 409, response.content
    assert response.json()["changes"]["occurred_on"] == {"before": day(0), "now": day(1)}

    response = alice_api.delete(interactions(project, f"/{meeting.pk}"))
    assert response.status_code == 204, response.content
    proposal.refresh_from_db()
    assert proposal.status == TaskStatus.CANCELLED
    assert alice_api.get(interactions(project)).json()["count"] == 0


# Workspaces and roles -------------------------------------------------------------------------


def test_another_workspaces_tasks_and_interactions_are_not_found(
    alice_api, project, bob, southern_project
):
    theirs = by_hand(southern_project, bob, "Their task")
    entry = services.interaction_log(partnership=southern_project, by=bob)
    assert alice_api.post(action(theirs, "done")).status_code == 404
    assert alice_api.post(action(theirs, "cancel"), {"reason": "Mine now"}).status_code == 404
    assert alice_api.patch(interactions(project, f"/{entry.pk}"), {"summary": "x"}).status_code \
        == 404  # fmt: skip
    assert alice_api.delete(interactions(project, f"/{entry.pk}")).status_code == 404
    assert alice_api.get(interactions(southern_project)).status_code == 404
    assert titles(alice_api.get(TASKS)) == []
    theirs.refresh_from_db()
    assert theirs.status == TaskStatus.OPEN and Interaction.objects.filter(pk=entry.pk).exists()


def test_a_viewer_reads_but_cannot_write(victor_api, proposal, project):
    assert titles(victor_api.get(TASKS)) == ["Send the written proposal"]
    for response in [
        victor_api.post(action(proposal, "done")),
        victor_api.post(action(proposal, "snooze"), {"until": day(3), "reason": "x"}),
        victor_api.post(action(proposal, "reassign"), {"owner": "victor"}),
        victor_api.post(interactions(project), {"kind": "call"}),
    ]:
        assert response.status_code == 403, response.content
    proposal.refresh_from_db()
    assert proposal.status == TaskStatus.OPEN and Interaction.objects.count() == 1


# Plans and quiet partnerships -----------------------------------------------------------------


def test_the_plans_are_listed_with_their_steps(victor_api, north):
    response = victor_api.get("/workspaces/north/follow-up-plans")
    assert response.status_code == 200, response.content
    plans = {plan["code"]: plan for plan in response.json()["items"]}
    after_meeting = plans["after_meeting"]
    assert [step["code"] for step in after_meeting["steps"]] == ["proposal", "ping", "next_meeting"]
    proposal, ping, _next = after_meeting["steps"]
    assert (proposal["anchor"], proposal["offset_days"], proposal["limit_days"]) == (
        "meeting_held",
        2,
        7,
    )
    assert (proposal["completes"], proposal["owner_rule"], proposal["owner"]) == (
        "proposal_sent",
        "partnership_owner",
        None,
    )
    assert ping["wait_for_due"] and ping["closed_by"] == ["partner_replied", "meeting_held"]
    report = next(s for s in plans["running_agreement"]["steps"] if s["code"] == "first_report")
    assert report["after_step"] == "kickoff"


def test_a_partnership_without_contact_for_too_long_is_stale(alice_api, clock, project, alice):
    partnership_move(partnership=project, to_stage="in_contact", by=alice, override_reason="test")
    path = "/workspaces/north/stale-partnerships"
    clock.go(13)
    assert alice_api.get(path).json()["count"] == 0
    clock.go(20)
    [stale] = alice_api.get(path).json()["items"]
    assert stale == {
        "partnership_id": project.pk,
        "title": project.title,
        "stage": "in_contact",
        "owner": "alice",
        "last_contact": None,
        "quiet_days": 20,
        "threshold": 14,
    }
    assert alice_api.get(path, owner="carol").json()["count"] == 0
    assert errors_of(alice_api.get(path, owner="bob")) == ["owner"]
    services.interaction_log(partnership=project, by=alice, kind="call")
    assert alice_api.get(path).json()["count"] == 0
