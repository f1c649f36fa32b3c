"""The groundwork overview shows steps 0 and 1 at a glance, with links onward."""

from django.urls import reverse

from partnerkit.groundwork import services
from tests.conftest import login

URL = reverse("groundwork:overview", kwargs={"workspace_slug": "north"})


def test_an_empty_workspace_is_invited_to_start(client, carol, north):
    login(client, carol)
    page = client.get(URL).content.decode()
    assert "Take the readiness check" in page
    assert "No goals yet" in page
    assert "Not recorded yet" in page


def test_the_overview_shows_outcome_goals_swot_capacity_and_accepted_types(
    client, alice, victor, north
):
    goal = services.goal_create(workspace=north, by=alice, text="Open data on rivers")
    services.swot_item_create(
        workspace=north, by=alice, kind="threat", text="Funding ends in June", goals=[goal]
    )
    services.profile_update(
        workspace=north, by=alice, people=2, hours_per_month=8, skills=["legal"]
    )
    services.readiness_check_record(
        workspace=north, by=alice, answers={"community_view": "opposed"}
    )
    services.goal_type_decide(workspace=north, by=alice, code="advocacy", answer="accepted")
    login(client, victor)
    response = client.get(URL)
    page = response.content.decode()
    assert "Not now" in page
    assert "Open data on rivers" in page and "1 goal." in page
    assert "Funding ends in June" in page
    assert "Legal and licensing questions" in page
    assert "Advocacy" in page
    assert 'aria-current="page">Groundwork' in page
    # A viewer is not offered to check again or to change capacity.
    assert "Check again" not in page and "Change capacity" not in page
