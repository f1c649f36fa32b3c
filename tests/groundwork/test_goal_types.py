"""Suggested goal types: scored from goals, SWOT and capacity, with readable reasons; the
workspace accepts or rejects each and can change its mind."""

import pytest
from django.urls import reverse

from partnerkit.groundwork import services
from partnerkit.groundwork.models import Goal, GoalTypeDecision
from partnerkit.method.goal_types import GOAL_TYPES
from tests.conftest import login

URL = reverse("groundwork:goal_types", kwargs={"workspace_slug": "north"})


def decide_url(code):
    return reverse("groundwork:goal_type_decide", kwargs={"workspace_slug": "north", "code": code})


@pytest.fixture
def groundwork(north, alice):
    photos = services.goal_create(
        workspace=north, by=alice, text="Upload photos of museum collections", priority="high"
    )
    services.goal_create(workspace=north, by=alice, text="Recruit student editors", priority="low")
    services.swot_item_create(
        workspace=north,
        by=alice,
        kind="strength",
        text="Experienced photographers",
        goals=[photos],
    )
    services.profile_update(
        workspace=north, by=alice, people=3, hours_per_month=25, skills=["photography", "legal"]
    )
    return north


def test_all_eight_types_are_listed_best_first_with_reasons(client, victor, groundwork):
    login(client, victor)
    response = client.get(URL)
    assert response.status_code == 200
    cards = response.context["cards"]
    assert len(cards) == len(GOAL_TYPES) == 8
    scores = [card["score"] for card in cards]
    assert scores == sorted(scores, reverse=True)
    assert cards[0]["code"] == "content_acquisition"
    page = response.content.decode()
    # Reasons filled in with the workspace's own words.
    assert "Your goal “Upload photos of museum collections”" in page
    assert "Your strength “Experienced photographers”" in page
    # The catalogue, collapsible.
    assert "<details" in page and "Typical partners" in page and "Figures that show success" in page
    # A viewer sees no buttons.
    assert "/decide/" not in page


def test_accepting_and_then_rejecting_a_type_is_stored(client, carol, groundwork):
    login(client, carol)
    response = client.post(decide_url("content_acquisition"), {"answer": "accepted"})
    assert response.status_code == 302
    decision = GoalTypeDecision.objects.get(workspace=groundwork, code="content_acquisition")
    assert (decision.answer, decision.by) == ("accepted", carol)
    assert decision.score > 0
    page = client.get(URL).content.decode()
    assert "Accepted" in page
    overview = client.get(reverse("groundwork:overview", kwargs={"workspace_slug": "north"}))
    assert [t["code"] for t in overview.context["accepted"]] == ["content_acquisition"]

    client.post(decide_url("content_acquisition"), {"answer": "rejected"})
    decision.refresh_from_db()
    assert decision.answer == "rejected"
    client.post(decide_url("content_acquisition"), {"answer": "undecided"})
    assert not GoalTypeDecision.objects.exists()


def test_htmx_decision_replaces_only_the_decision(client, carol, groundwork):
    login(client, carol)
    response = client.post(
        decide_url("advocacy"), {"answer": "rejected"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="decision-advocacy"' in body and "Rejected" in body and "<html" not in body


def test_a_bad_answer_or_type_is_refused(client, carol, groundwork):
    login(client, carol)
    assert client.post(decide_url("advocacy"), {"answer": "maybe"}).status_code == 400
    assert client.post(decide_url("juggling"), {"answer": "accepted"}).status_code == 404
    assert not GoalTypeDecision.objects.exists()


def test_without_goals_or_capacity_the_page_explains_instead_of_failing(client, carol, north):
    login(client, carol)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "no goals or SWOT items yet" in page
    assert "records no hours a month" in page
    assert all(card["score"] == 0 for card in response.context["cards"])


def test_data_the_method_cannot_use_gets_a_message_not_an_error(client, carol, north):
    # A goal stored with a priority the method does not know, e.g. by an old import.
    Goal.objects.create(workspace=north, text="Legacy goal", priority="urgent")
    login(client, carol)
    response = client.get(URL)
    assert response.status_code == 200
    assert "cannot be worked out from the current goals" in response.content.decode()
    assert len(response.context["cards"]) == 8
