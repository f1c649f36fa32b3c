"""Moving partnerships between stages through the API: the method's conditions, what a
blocked move says, overrides and who may make them."""

import pytest

from partnerkit.partners import services as partner_services
from partnerkit.partnerships import services
from partnerkit.partnerships.models import StageChange
from partnerkit.workspaces.models import Role
from partnerkit.workspaces.services import membership_add
from tests.api_clients import api_as
from tests.api.endpoints import stored_state
from tests.conftest import make_user
from tests.pitch.helpers import answer_pitch

NORTH = "/workspaces/north/partnerships"

CONTACT_POINT_MESSAGE = (
    "A contact point at the partner: mark one of its contacts as the contact point."
)


@pytest.fixture
def ready(museum, alice):
    """A selected partnership with every estimate: it may be prepared and, given a contact
    point, contacted."""
    return services.partnership_create(
        workspace=museum.workspace,
        partner=museum,
        by=alice,
        title="Photo donation",
        goal_types=["content_acquisition"],
        impact=4,
        likelihood=3,
        ease=4,
        benefit=4,
        risk=2,
        effort_hours=8,
        decision="go",
        decision_reason="Fits our plan.",
    )


@pytest.fixture
def without_contact_point(north, alice):
    """A ready partnership with a partner whose one contact is not its contact point."""
    partner = partner_services.partner_create(
        workspace=north, by=alice, name="City of Gothenburg", kind="local_government"
    )
    partner_services.contact_create(partner=partner, by=alice, name="Sofia Lindqvist")
    partnership = services.partnership_create(
        workspace=north, partner=partner, by=alice, title="Heritage register",
        impact=4, likelihood=3, ease=3, benefit=4, risk=2, effort_hours=10, decision="go",
    )  # fmt: skip
    services.partnership_move(partnership=partnership, to_stage="preparing", by=alice)
    return answer_pitch(partnership, alice)


@pytest.fixture
def coordinator_api(north):
    """Dana, a coordinator of north: may override the method's conditions."""
    dana = make_user("dana")
    membership_add(workspace=north, user=dana, role=Role.COORDINATOR)
    return api_as(dana)


def move(api, partnership, body):
    return api.post(f"{NORTH}/{partnership.pk}/stage", body)


def test_a_move_that_meets_the_conditions_answers_with_the_partnership_and_the_change(
    carol_api, ready
):
    response = move(carol_api, ready, {"to": "preparing", "reason": "Board said yes."})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["partnership"]["id"] == ready.pk
    assert body["partnership"]["stage"] == "preparing"
    assert body["partnership"]["version"] == 2
    change = body["stage_change"]
    assert {key: change[key] for key in change if key not in {"id", "at"}} == {
        "from_stage": "idea",
        "to_stage": "preparing",
        "by": "carol",
        "reason": "Board said yes.",
        "override_reason": "",
        "overridden": [],
    }
    assert change["at"] == body["partnership"]["stage_changed_at"]
    ready.refresh_from_db()
    assert ready.stage == "preparing"


def test_a_blocked_move_answers_409_with_what_is_missing_and_changes_nothing(
    carol_api, photo_project
):
    before = stored_state()

    response = move(carol_api, photo_project, {"to": "preparing"})

    assert response.status_code == 409, response.content
    body = response.json()
    assert body["detail"] == "Cannot move to “Preparing” yet."
    rules = [item["rule"] for item in body["unmet"]]
    assert rules == [
        "estimates_before_shortlist",
        "go_before_preparing",
        "weighed_before_preparing",
    ]
    assert body["errors"] == {"to": [item["message"] for item in body["unmet"]]}
    assert "impact, likelihood, ease" in body["unmet"][0]["message"]
    assert "benefit, risk, effort" in body["unmet"][2]["message"]
    assert stored_state() == before


def test_first_contact_without_a_contact_point_is_blocked_by_that_rule_alone(
    alice_api, without_contact_point
):
    response = move(alice_api, without_contact_point, {"to": "in_contact"})
    assert response.status_code == 409
    assert response.json()["unmet"] == [
        {"rule": "contact_point_before_contact", "message": CONTACT_POINT_MESSAGE}
    ]

    sofia = without_contact_point.partner.contacts.get()
    contacts = "/workspaces/north/contacts"
    assert alice_api.patch(f"{contacts}/{sofia.pk}", {"is_contact_point": True}).status_code == 200
    response = move(alice_api, without_contact_point, {"to": "in_contact"})
    assert response.status_code == 200
    assert response.json()["partnership"]["stage"] == "in_contact"


def test_a_coordinator_may_override_with_a_reason_and_the_change_says_what_was_set_aside(
    coordinator_api, without_contact_point
):
    response = move(
        coordinator_api,
        without_contact_point,
        {"to": "in_contact", "override_reason": "They called us first, at the open data day."},
    )

    assert response.status_code == 200, response.content
    change = response.json()["stage_change"]
    assert change["by"] == "dana"
    assert change["override_reason"] == "They called us first, at the open data day."
    assert change["overridden"] == [CONTACT_POINT_MESSAGE]
    stored = StageChange.objects.get(pk=change["id"])
    assert stored.was_override
    history = coordinator_api.get(f"{NORTH}/{without_contact_point.pk}/history").json()
    assert "override: They called us first" in history["items"][0]["reason"]


def test_a_member_may_not_override_and_nothing_changes(carol_api, without_contact_point):
    before = stored_state()
    response = move(
        carol_api, without_contact_point, {"to": "in_contact", "override_reason": "Hurry."}
    )
    assert response.status_code == 403
    assert "coordinators and admins" in response.json()["detail"]
    assert stored_state() == before


def test_an_override_reason_on_a_move_that_needs_none_is_not_an_override(alice_api, ready):
    response = move(alice_api, ready, {"to": "researching", "override_reason": "Just in case."})
    assert response.status_code == 200
    change = response.json()["stage_change"]
    assert (change["override_reason"], change["overridden"]) == ("", [])


def test_an_empty_override_reason_does_not_override(alice_api, photo_project):
    response = move(alice_api, photo_project, {"to": "shortlisted", "override_reason": "   "})
    assert response.status_code == 409


def test_declining_needs_a_reason_which_becomes_the_decision_reason(alice_api, photo_project):
    response = move(alice_api, photo_project, {"to": "declined"})
    assert response.status_code == 409
    assert [item["rule"] for item in response.json()["unmet"]] == ["reason_to_stop"]

    response = move(
        alice_api,
        photo_project,
        {"to": "declined", "reason": "They want a non-commercial licence."},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["partnership"]["stage"] == "declined"
    assert body["partnership"]["decision_reason"] == "They want a non-commercial licence."
    assert body["stage_change"]["reason"] == "They want a non-commercial licence."


def test_a_long_reason_is_kept_whole_also_in_the_history_note(alice_api, photo_project):
    reason = "They prefer to digitise with a commercial partner first. " * 8
    response = move(alice_api, photo_project, {"to": "declined", "reason": reason})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["stage_change"]["reason"] == reason.strip()
    assert body["partnership"]["decision_reason"] == reason.strip()
    note = alice_api.get(f"{NORTH}/{photo_project.pk}/history").json()["items"][0]["reason"]
    assert note == "Moved from Idea to Declined — " + reason.strip()


def test_going_back_a_step_needs_no_conditions(alice_api, without_contact_point):
    response = move(alice_api, without_contact_point, {"to": "idea", "reason": "Start over."})
    assert response.status_code == 200
    assert response.json()["stage_change"]["from_stage"] == "preparing"


@pytest.mark.parametrize("to", ["finished", "", "In contact", None])
def test_an_unknown_stage_is_refused_naming_to_and_listing_the_stages(alice_api, ready, to):
    before = stored_state()
    response = move(alice_api, ready, {"to": to})
    assert response.status_code == 400, response.content
    body = response.json()
    assert list(body["errors"]) == ["to"]
    message = " ".join(body["errors"]["to"])
    for stage in ["idea", "in_contact", "on_hold"]:
        assert stage in message
    assert stored_state() == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "to"),
        ({"to": "researching", "why": "x"}, "why"),
        ({"to": "researching", "reason": 3}, "reason"),
    ],
)
def test_a_malformed_move_is_refused_naming_the_field(alice_api, ready, body, field):
    response = move(alice_api, ready, body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_moving_to_the_current_stage_is_refused_naming_to(alice_api, photo_project):
    response = move(alice_api, photo_project, {"to": "idea"})
    assert response.status_code == 400
    assert "already in this stage" in response.json()["errors"]["to"][0]


def test_the_stage_changes_are_listed_newest_first(
    alice_api, coordinator_api, without_contact_point
):
    move(
        coordinator_api,
        without_contact_point,
        {"to": "in_contact", "override_reason": "They called us."},
    )
    move(alice_api, without_contact_point, {"to": "on_hold", "reason": "Elections."})

    response = alice_api.get(f"{NORTH}/{without_contact_point.pk}/stage-changes")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    steps = [(item["from_stage"], item["to_stage"], item["by"]) for item in body["items"]]
    assert steps == [
        ("in_contact", "on_hold", "alice"),
        ("preparing", "in_contact", "dana"),
        ("idea", "preparing", "alice"),
    ]
    assert body["items"][1]["overridden"] == [CONTACT_POINT_MESSAGE]


def test_the_schema_documents_the_blocked_move(db):
    from partnerkit.api.urls import api

    schema = api.get_openapi_schema()
    operation = schema["paths"]["/api/v1/workspaces/{slug}/partnerships/{partnership_id}/stage"]
    answers = operation["post"]["responses"]
    assert answers[409]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/StageBlockedOut"
    )
    body = schema["components"]["schemas"]["StageMoveIn"]
    assert body["additionalProperties"] is False
