"""Reading, adding, changing, listing and restoring partnerships, and the board."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerkit.api.urls import api
from partnerkit.partners import services as partner_services
from partnerkit.partnerships import services
from partnerkit.partnerships.models import Partnership
from tests.api.endpoints import stored_state

NORTH = "/workspaces/north/partnerships"
BOARD = "/workspaces/north/board"


@pytest.fixture
def library(north, alice):
    """A second partner of north, a library with a contact point."""
    partner = partner_services.partner_create(
        workspace=north, by=alice, name="Oslo Public Library", kind="library", tags=["Books"]
    )
    partner_services.contact_create(
        partner=partner, by=alice, name="Kari Nordmann", is_contact_point=True
    )
    return partner


@pytest.fixture
def full_project(museum, alice, ingrid):
    """A partnership of the museum with every field filled in."""
    return services.partnership_create(
        workspace=museum.workspace,
        partner=museum,
        by=alice,
        title="Rural life photographs",
        goal_types=["outreach_awareness", "content_acquisition"],
        owner=alice,
        partner_owner=ingrid,
        sketch="Ten thousand photographs on Commons, then a photo hunt for missing villages.",
        impact=4,
        impact_reason="Few photographs of rural Sweden before 1950 on Commons.",
        likelihood=3,
        likelihood_reason="They like the idea but worry about staff time.",
        ease=5,
        ease_reason="Ingrid already knows us.",
        benefit=4,
        benefit_reason="Illustrates hundreds of articles.",
        risk=2,
        risk_reason="Metadata may be thin.",
        effort_hours=12,
        effort_reason="Upload tooling and one meeting a month.",
        licence="cc_by_sa_4",
        batna="Scan the photographs we already own from flea markets.",
        plan_b="Start with the 500 best-described photographs.",
        decision="go",
        decision_reason="Fits this year's content goal.",
        next_step="Send the written proposal",
        next_step_due=date(2030, 5, 2),
        review_on=date(2030, 12, 1),
    )


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def refused(response, field: str) -> list[str]:
    assert response.status_code == 400, response.content
    body = response.json()
    assert list(body["errors"]) == [field], body
    assert field in body["detail"]
    return body["errors"][field]


# Reading ---------------------------------------------------------------------------------------


def test_a_partnership_reads_with_all_its_fields_for_members(victor_api, full_project, ingrid):
    response = victor_api.get(f"{NORTH}/{full_project.pk}")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in body if not key.endswith("_at")} == {
        "id": full_project.pk,
        "title": "Rural life photographs",
        "partner_id": full_project.partner_id,
        "partner_name": "Nordic Museum",
        "partner_kind": "museum",
        "goal_types": ["content_acquisition", "outreach_awareness"],
        "stage": "idea",
        "owner": "alice",
        "partner_owner_id": ingrid.pk,
        "sketch": "Ten thousand photographs on Commons, then a photo hunt for missing villages.",
        "impact": 4,
        "impact_reason": "Few photographs of rural Sweden before 1950 on Commons.",
        "likelihood": 3,
        "likelihood_reason": "They like the idea but worry about staff time.",
        "ease": 5,
        "ease_reason": "Ingrid already knows us.",
        "benefit": 4,
        "benefit_reason": "Illustrates hundreds of articles.",
        "risk": 2,
        "risk_reason": "Metadata may be thin.",
        "effort_hours": 12,
        "effort_reason": "Upload tooling and one meeting a month.",
        "licence": "cc_by_sa_4",
        "batna": "Scan the photographs we already own from flea markets.",
        "plan_b": "Start with the 500 best-described photographs.",
        "decision": "go",
        "decision_reason": "Fits this year's content goal.",
        "next_step": "Send the written proposal",
        "next_step_due": "2030-05-02",
        "started_on": None,
        "mou_signed_on": None,
        "review_on": "2030-12-01",
        "ends_on": None,
        "version": 1,
    }
    assert body["stage_changed_at"] and body["created_at"] and body["updated_at"]


def test_a_partnership_that_does_not_exist_is_not_found(alice_api, north):
    response = alice_api.get(f"{NORTH}/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


# Adding ---------------------------------------------------------------------------------------


def test_adding_a_partnership_answers_201_as_an_idea(carol_api, carol, museum, ingrid):
    response = carol_api.post(
        NORTH,
        {
            "partner_id": museum.pk,
            "title": "  Wiki Loves Folklore at the museum ",
            "goal_types": ["outreach_recruitment", "content_acquisition", "outreach_recruitment"],
            "owner": "carol",
            "partner_owner_id": ingrid.pk,
            "impact": 3,
            "licence": "cc0",
            "decision": "not_now",
            "next_step_due": "2030-01-31",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Wiki Loves Folklore at the museum"
    assert body["goal_types"] == ["content_acquisition", "outreach_recruitment"]
    assert (body["stage"], body["owner"], body["partner_owner_id"]) == ("idea", "carol", ingrid.pk)
    assert (body["impact"], body["licence"], body["decision"]) == (3, "cc0", "not_now")
    assert body["next_step_due"] == "2030-01-31"
    assert body["version"] == 1
    partnership = Partnership.objects.get(pk=body["id"])
    assert (partnership.workspace, partnership.created_by) == (museum.workspace, carol)


def test_a_new_partnership_needs_only_a_partner_and_a_title(alice_api, museum):
    response = alice_api.post(NORTH, {"partner_id": museum.pk, "title": "Something"})
    assert response.status_code == 201
    body = response.json()
    assert (body["goal_types"], body["owner"], body["licence"], body["decision"]) == (
        [],
        None,
        "undecided",
        "",
    )


@pytest.mark.parametrize(
    "changes, field, listed",
    [
        ({"goal_types": ["content_acquisition", "world_peace"]}, "goal_types", "advocacy"),
        ({"licence": "cc_by_nc"}, "licence", "cc_by_sa_4"),
        ({"decision": "maybe"}, "decision", "not_now"),
        ({"impact": 6}, "impact", "less than or equal to 5"),
        ({"risk": 0}, "risk", "greater than or equal to 1"),
        ({"effort_hours": -1}, "effort_hours", "greater than or equal to 0"),
        ({"next_step_due": "next week"}, "next_step_due", "date"),
        ({"title": ""}, "title", "cannot be blank"),
        ({"owner": "nobody"}, "owner", "nobody"),
        ({"stage": "running"}, "stage", "Unknown field"),
        ({"partner_id": None}, "partner_id", "integer"),
    ],
)
def test_a_bad_new_partnership_is_refused_naming_the_field_and_the_valid_values(
    alice_api, museum, changes, field, listed
):
    before = stored_state()
    messages = refused(
        alice_api.post(NORTH, {"partner_id": museum.pk, "title": "Probe", **changes}), field
    )
    assert listed in " ".join(messages)
    assert stored_state() == before


def test_the_owner_on_the_partners_side_must_be_one_of_its_contacts(alice_api, museum, library):
    kari = library.contacts.get()
    before = stored_state()
    messages = refused(
        alice_api.post(
            NORTH, {"partner_id": museum.pk, "title": "Probe", "partner_owner_id": kari.pk}
        ),
        "partner_owner_id",
    )
    assert "Nordic Museum" in messages[0]
    assert stored_state() == before


# Changing -------------------------------------------------------------------------------------


def test_a_change_touches_only_the_fields_sent(carol_api, full_project):
    response = carol_api.patch(
        f"{NORTH}/{full_project.pk}",
        {"likelihood": 4, "likelihood_reason": "Their director said yes.", "version": 1},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["likelihood"], body["likelihood_reason"]) == (4, "Their director said yes.")
    assert (body["impact"], body["owner"], body["licence"]) == (4, "alice", "cc_by_sa_4")
    assert body["goal_types"] == ["content_acquisition", "outreach_awareness"]
    assert body["version"] == 2


def test_null_clears_owners_estimates_and_dates_and_goal_types_are_replaced(
    alice_api, full_project
):
    response = alice_api.patch(
        f"{NORTH}/{full_project.pk}",
        {
            "owner": None,
            "partner_owner_id": None,
            "impact": None,
            "review_on": None,
            "goal_types": ["advocacy"],
            "batna": "",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["owner"], body["partner_owner_id"], body["impact"], body["review_on"]) == (
        None,
        None,
        None,
        None,
    )
    assert (body["goal_types"], body["batna"]) == (["advocacy"], "")


def test_the_owner_can_be_handed_to_another_member(alice_api, full_project):
    response = alice_api.patch(f"{NORTH}/{full_project.pk}", {"owner": "carol"})
    assert response.json()["owner"] == "carol"
    full_project.refresh_from_db()
    assert full_project.owner.username == "carol"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"stage": "agreed"}, "stage"),
        ({"licence": "all rights reserved"}, "licence"),
        ({"goal_types": ["fun"]}, "goal_types"),
        ({"owner": "victorious"}, "owner"),
        ({"title": None}, "title"),
        ({"version": 0}, "version"),
        ({"ease": 9}, "ease"),
    ],
)
def test_a_bad_change_is_refused_and_changes_nothing(alice_api, full_project, changes, field):
    before = stored_state()
    refused(alice_api.patch(f"{NORTH}/{full_project.pk}", {"sketch": "Changed", **changes}), field)
    assert stored_state() == before


def test_a_stale_change_answers_409_with_the_other_persons_changes(
    alice_api, carol_api, full_project
):
    path = f"{NORTH}/{full_project.pk}"
    assert carol_api.patch(path, {"ease": 2, "licence": "cc0", "version": 1}).status_code == 200

    response = alice_api.patch(path, {"sketch": "Something else", "version": 1})

    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert body["changes"] == {
        "ease": {"before": 5, "now": 2},
        "licence": {"before": "cc_by_sa_4", "now": "cc0"},
    }
    full_project.refresh_from_db()
    assert full_project.sketch.startswith("Ten thousand")
    assert alice_api.patch(path, {"sketch": "Something else", "version": 2}).status_code == 200


# History and restore ---------------------------------------------------------------------------


def test_the_history_shows_each_change_and_marks_internal_fields(
    alice_api, carol_api, full_project
):
    carol_api.patch(f"{NORTH}/{full_project.pk}", {"batna": "Do nothing.", "title": "Photos"})
    response = alice_api.get(f"{NORTH}/{full_project.pk}/history")
    assert response.status_code == 200
    entries = response.json()["items"]
    assert [entry["kind"] for entry in entries] == ["changed", "created"]
    latest = entries[0]
    assert (latest["who"], latest["subject"], latest["subject_id"]) == (
        "carol",
        "partnership",
        full_project.pk,
    )
    changes = {change["field"]: change for change in latest["changes"]}
    assert changes["title"] == {
        "field": "title",
        "old": "Rural life photographs",
        "new": "Photos",
        "private": False,
    }
    assert changes["batna"]["private"] is True


def test_restore_brings_back_an_earlier_version_as_a_new_change(alice_api, full_project):
    path = f"{NORTH}/{full_project.pk}"
    alice_api.patch(path, {"title": "Photos", "goal_types": ["advocacy"], "impact": 1})
    first = alice_api.get(f"{path}/history").json()["items"][-1]["id"]

    response = alice_api.post(f"{path}/restore", {"history_id": first})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["impact"]) == ("Rural life photographs", 4)
    assert body["goal_types"] == ["content_acquisition", "outreach_awareness"]
    assert body["version"] == 3
    history = alice_api.get(f"{path}/history").json()["items"]
    assert len(history) == 3
    assert history[0]["reason"].startswith("Restored the version of")


def test_restore_refuses_a_version_of_another_record(alice_api, full_project, photo_project):
    other = photo_project.history.get().history_id
    before = stored_state()
    refused(
        alice_api.post(f"{NORTH}/{full_project.pk}/restore", {"history_id": other}), "history_id"
    )
    assert stored_state() == before


# The list -------------------------------------------------------------------------------------


@pytest.fixture
def several(north, alice, carol, museum, library, full_project):
    """Next to the museum's full project: partnerships that each stand out by a filter."""
    reading = services.partnership_create(
        workspace=north,
        partner=library,
        by=alice,
        title="Access to newspaper archives",
        goal_types=["access"],
        owner=carol,
        next_step="Ask about remote access",
        next_step_due=date(2030, 3, 1),
        impact=2,
        likelihood=2,
        ease=2,
        effort_hours=3,
    )
    services.partnership_move(partnership=reading, to_stage="shortlisted", by=alice)
    talks = services.partnership_create(
        workspace=north,
        partner=library,
        by=alice,
        title="Book talks about Wikipedia",
        goal_types=["outreach_awareness"],
        sketch="Talks for readers in the library's hall.",
    )
    return {"full": full_project, "reading": reading, "talks": talks}


def test_the_list_holds_the_workspaces_partnerships_by_title(alice_api, several, southern_project):
    response = alice_api.get(NORTH)
    assert response.json()["count"] == 3
    assert ids(response) == [several["reading"].pk, several["talks"].pk, several["full"].pk]
    item = response.json()["items"][0]
    assert (item["partner_name"], item["stage"], item["owner"]) == (
        "Oslo Public Library",
        "shortlisted",
        "carol",
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "hall"}, ["talks"]),
        ({"q": "oslo remote"}, ["reading"]),
        ({"goal_type": "outreach_awareness"}, ["talks", "full"]),
        ({"partner_kind": "museum"}, ["full"]),
        ({"owner": "carol"}, ["reading"]),
        ({"owner": "none"}, ["talks"]),
        ({"tag": "BOOKS"}, ["reading", "talks"]),
        ({"stage": "shortlisted"}, ["reading"]),
        ({"sort": "due"}, ["reading", "full", "talks"]),
        ({"sort": "-impact"}, ["full", "reading", "talks"]),
        ({"sort": "-effort"}, ["full", "reading", "talks"]),
        ({"sort": "stage"}, ["talks", "full", "reading"]),
        ({"sort": "partner", "goal_type": "outreach_awareness"}, ["full", "talks"]),
    ],
)
def test_filters_narrow_and_sort_the_list(alice_api, several, query, expected):
    assert ids(alice_api.get(NORTH, **query)) == [several[name].pk for name in expected]


def test_the_list_filters_by_partner(alice_api, several, library):
    expected = [several["reading"].pk, several["talks"].pk]
    assert ids(alice_api.get(NORTH, partner_id=library.pk)) == expected


@pytest.mark.parametrize(
    "query, field",
    [
        ({"stage": "finished"}, "stage"),
        ({"goal_type": "fun"}, "goal_type"),
        ({"partner_kind": "castle"}, "partner_kind"),
        ({"sort": "colour"}, "sort"),
        ({"owner": "nobody"}, "owner"),
        ({"partner_id": 999999}, "partner_id"),
    ],
)
def test_a_bad_filter_is_refused_naming_it(alice_api, several, query, field):
    refused(alice_api.get(NORTH, **query), field)


def test_the_list_is_paged(alice_api, several):
    response = alice_api.get(NORTH, limit=2, offset=1)
    assert response.json()["count"] == 3
    assert ids(response) == [several["talks"].pk, several["full"].pk]


# The board ------------------------------------------------------------------------------------


def test_the_board_has_a_column_per_stage_with_counts_effort_and_cards(alice_api, several):
    response = alice_api.get(BOARD)
    assert response.status_code == 200, response.content
    columns = {column["stage"]: column for column in response.json()["columns"]}
    assert list(columns) == [
        "idea", "researching", "shortlisted", "preparing", "in_contact", "negotiating",
        "agreed", "running", "completed", "declined", "dropped", "on_hold",
    ]  # fmt: skip
    idea = columns["idea"]
    assert (idea["label"], idea["count"], idea["effort_hours"], idea["hidden"]) == (
        "Idea",
        2,
        12,
        0,
    )
    # The soonest due first; no due date last.
    assert [card["id"] for card in idea["cards"]] == [several["full"].pk, several["talks"].pk]
    card = columns["shortlisted"]["cards"][0]
    assert card == {
        "id": several["reading"].pk,
        "title": "Access to newspaper archives",
        "partner_id": several["reading"].partner_id,
        "partner_name": "Oslo Public Library",
        "partner_kind": "library",
        "goal_types": ["access"],
        "stage": "shortlisted",
        "owner": "carol",
        "effort_hours": 3,
        "next_step": "Ask about remote access",
        "next_step_due": "2030-03-01",
        "version": 2,
    }
    assert columns["running"] == {
        "stage": "running",
        "label": "Running",
        "count": 0,
        "effort_hours": 0,
        "hidden": 0,
        "cards": [],
    }


def test_the_board_takes_the_lists_filters_and_a_number_of_cards(alice_api, several):
    columns = alice_api.get(BOARD, goal_type="outreach_awareness", cards=1).json()["columns"]
    idea = columns[0]
    assert (idea["count"], idea["hidden"]) == (2, 1)
    assert [card["id"] for card in idea["cards"]] == [several["full"].pk]
    assert sum(column["count"] for column in columns) == 2


# The schema ----------------------------------------------------------------------------------


def test_the_schema_documents_conflicts_and_refuses_unknown_fields(db):
    schema = api.get_openapi_schema()
    operation = schema["paths"]["/api/v1/workspaces/{slug}/partnerships/{partnership_id}"]
    assert operation["patch"]["responses"][409]["content"]["application/json"]["schema"][
        "$ref"
    ].endswith("/ConflictOut")
    components = schema["components"]["schemas"]
    for name in ["PartnershipCreate", "PartnershipPatch", "PartnershipRestoreIn"]:
        assert components[name]["additionalProperties"] is False, name
    # The valid choices are in the schema, so clients can offer them.
    assert "cc_by_sa_4" in components["Licence"]["enum"]
    assert "outreach_recruitment" in components["GoalTypeCode"]["enum"]
    assert "in_contact" in components["Stage"]["enum"]


# Queries --------------------------------------------------------------------------------------


def add_partnerships(workspace, by, count: int, start: int = 0) -> None:
    stages = ["idea", "researching", "on_hold"]
    for number in range(start, start + count):
        partner = partner_services.partner_create(
            workspace=workspace, by=by, name=f"Partner {number:03}", kind="library",
            tags=[f"tag {number}", "common"],
        )  # fmt: skip
        contact = partner_services.contact_create(partner=partner, by=by, name=f"C {number}")
        partnership = services.partnership_create(
            workspace=workspace, partner=partner, by=by, title=f"Partnership {number:03}",
            goal_types=["access", "advocacy"], owner=by, partner_owner=contact,
            effort_hours=number,
        )  # fmt: skip
        to_stage = stages[number % len(stages)]
        if to_stage != "idea":
            services.partnership_move(
                partnership=partnership, to_stage=to_stage, by=by, reason="Testing"
            )


def queries(api, path: str, **params) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = api.get(path, **params)
    assert response.status_code == 200, response.content
    return [query["sql"] for query in context.captured_queries]


@pytest.mark.parametrize(
    "path, params",
    [
        (NORTH, {"limit": 200}),
        (NORTH, {"limit": 200, "tag": "common", "goal_type": "access", "owner": "alice"}),
        (BOARD, {}),
        (BOARD, {"tag": "common", "partner_kind": "library", "q": "partnership"}),
    ],
    ids=["list", "filtered list", "board", "filtered board"],
)
def test_the_list_and_board_run_the_same_queries_for_5_and_60_partnerships(
    alice_api, alice, north, path, params
):
    add_partnerships(north, alice, 5)
    alice_api.get(NORTH)  # the first request of a token also notes when it was used
    few = queries(alice_api, path, **params)
    add_partnerships(north, alice, 55, start=5)
    many = queries(alice_api, path, **params)
    assert len(many) == len(few), "\n".join(many)
    assert len(few) <= 7, "\n".join(few)
    if path == BOARD:
        columns = alice_api.get(path, **params).json()["columns"]
        assert sum(column["count"] for column in columns) == 60
    else:
        assert alice_api.get(path, **params).json()["count"] == 60


def test_the_history_runs_the_same_queries_for_few_and_many_changes(alice_api, alice, full_project):
    path = f"{NORTH}/{full_project.pk}/history"
    alice_api.get(path)
    few = queries(alice_api, path)
    for number in range(30):
        services.partnership_update(
            partnership=full_project, by=alice, version=None, sketch=f"Sketch {number}",
            goal_types=["access"] if number % 2 else ["advocacy"],
        )  # fmt: skip
    many = queries(alice_api, path)
    assert len(many) == len(few), "\n".join(many)
