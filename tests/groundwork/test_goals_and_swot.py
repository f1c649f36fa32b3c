"""Goals and SWOT items: added, changed and deleted through the page, linked to goals of the
same workspace only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerkit.groundwork import services
from partnerkit.groundwork.models import Goal, SwotItem
from tests.conftest import login


def url(name, **kwargs):
    return reverse(f"groundwork:{name}", kwargs={"workspace_slug": "north", **kwargs})


@pytest.fixture
def photos_goal(north, alice):
    return services.goal_create(
        workspace=north, by=alice, text="Photograph every castle", priority="high"
    )


def test_a_member_adds_a_goal_and_sees_it_listed(client, carol, north):
    login(client, carol)
    response = client.post(
        url("goal_create"),
        {"text": "Recruit new editors", "priority": "high", "source": "strategic"},
    )
    assert response.status_code == 302
    goal = Goal.objects.get(workspace=north)
    assert (goal.text, goal.priority, goal.source) == ("Recruit new editors", "high", "strategic")
    page = client.get(url("goals"))
    assert "Recruit new editors" in page.content.decode()


def test_a_goal_without_text_names_the_field(client, carol, north):
    login(client, carol)
    response = client.post(url("goal_create"), {"text": "", "priority": "high", "source": "annual"})
    assert response.status_code == 400
    assert response.context["goal_form"].errors["text"]
    assert not Goal.objects.exists()


def test_a_goal_is_edited_and_a_stale_edit_is_refused(client, carol, alice, photos_goal):
    login(client, carol)
    form = client.get(url("goal_edit", pk=photos_goal.pk)).context["form"]
    loaded = form.initial["loaded"]
    services.goal_update(goal=photos_goal, by=alice, text="Photograph every castle and manor")

    stale = client.post(
        url("goal_edit", pk=photos_goal.pk),
        {"text": "Castles", "priority": "low", "source": "annual", "loaded": loaded},
    )
    assert stale.status_code == 409
    assert "Someone else changed this goal" in stale.content.decode()
    photos_goal.refresh_from_db()
    assert photos_goal.text == "Photograph every castle and manor"

    # Saving again from the refreshed form is a deliberate choice and goes through.
    again = client.post(
        url("goal_edit", pk=photos_goal.pk),
        {
            "text": "Castles",
            "priority": "low",
            "source": "annual",
            "loaded": stale.context["form"].data["loaded"],
        },
    )
    assert again.status_code == 302
    photos_goal.refresh_from_db()
    assert (photos_goal.text, photos_goal.priority) == ("Castles", "low")


def test_deleting_a_goal_keeps_its_swot_items_without_the_link(client, carol, north, photos_goal):
    item = services.swot_item_create(
        workspace=north, by=None, kind="strength", text="Three photographers", goals=[photos_goal]
    )
    login(client, carol)
    assert client.post(url("goal_delete", pk=photos_goal.pk)).status_code == 302
    assert not Goal.objects.filter(pk=photos_goal.pk).exists()
    item.refresh_from_db()
    assert list(item.goals.all()) == []


def test_a_swot_item_is_added_with_linked_goals_without_javascript(
    client, carol, north, photos_goal
):
    login(client, carol)
    response = client.post(
        url("swot_create"),
        {
            "kind": "opportunity",
            "swot-opportunity-kind": "opportunity",
            "swot-opportunity-text": "The castle museum is digitising",
            "swot-opportunity-goals": [photos_goal.pk],
        },
    )
    assert response.status_code == 302
    assert response.url.endswith("#swot-opportunity")
    item = SwotItem.objects.get(workspace=north)
    assert item.kind == "opportunity"
    assert list(item.goals.all()) == [photos_goal]
    page = client.get(url("goals")).content.decode()
    assert "The castle museum is digitising" in page


def test_htmx_adds_and_removes_a_swot_item_in_place(client, carol, north):
    login(client, carol)
    headers = {"HX-Request": "true"}
    added = client.post(
        url("swot_create"),
        {"kind": "threat", "swot-threat-kind": "threat", "swot-threat-text": "Copyright rules"},
        headers=headers,
    )
    assert added.status_code == 200
    assert 'id="swot-threat"' in added.content.decode()
    assert "Copyright rules" in added.content.decode()
    assert "<html" not in added.content.decode()
    item = SwotItem.objects.get(workspace=north)
    removed = client.post(url("swot_delete", pk=item.pk), headers=headers)
    assert removed.status_code == 200
    assert "Copyright rules" not in removed.content.decode()
    assert not SwotItem.objects.exists()


def test_a_swot_item_cannot_link_a_goal_of_another_workspace(client, carol, north, south, bob):
    foreign = services.goal_create(workspace=south, by=bob, text="Southern goal")
    login(client, carol)
    response = client.post(
        url("swot_create"),
        {
            "kind": "strength",
            "swot-strength-kind": "strength",
            "swot-strength-text": "Good cameras",
            "swot-strength-goals": [foreign.pk],
        },
    )
    assert response.status_code == 400
    quadrant = next(q for q in response.context["quadrants"] if q["kind"] == "strength")
    assert quadrant["form"].errors["goals"]
    assert not SwotItem.objects.exists()


def test_the_service_refuses_a_goal_of_another_workspace_naming_the_field(north, south, alice, bob):
    foreign = services.goal_create(workspace=south, by=bob, text="Southern goal")
    with pytest.raises(ValidationError) as error:
        services.swot_item_create(
            workspace=north, by=alice, kind="strength", text="Cameras", goals=[foreign]
        )
    assert "goals" in error.value.message_dict
    assert not SwotItem.objects.exists()


def test_a_swot_item_is_edited_and_relinked(client, carol, north, photos_goal):
    other = services.goal_create(workspace=north, by=None, text="Grow the community")
    item = services.swot_item_create(
        workspace=north, by=None, kind="weakness", text="Few trainers", goals=[photos_goal]
    )
    login(client, carol)
    form = client.get(url("swot_edit", pk=item.pk)).context["form"]
    response = client.post(
        url("swot_edit", pk=item.pk),
        {
            "kind": "weakness",
            "text": "Only one trainer",
            "goals": [other.pk],
            "loaded": form.initial["loaded"],
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Only one trainer"
    assert list(item.goals.all()) == [other]


def test_ids_of_another_workspace_are_404(client, bob, south, north, photos_goal):
    item = services.swot_item_create(workspace=north, by=None, kind="threat", text="Budget cuts")
    login(client, bob)
    for name, pk in [("goal_edit", photos_goal.pk), ("swot_edit", item.pk)]:
        address = reverse(f"groundwork:{name}", kwargs={"workspace_slug": "south", "pk": pk})
        assert client.get(address).status_code == 404
    for name, pk in [("goal_delete", photos_goal.pk), ("swot_delete", item.pk)]:
        address = reverse(f"groundwork:{name}", kwargs={"workspace_slug": "south", "pk": pk})
        assert client.post(address).status_code == 404
    assert Goal.objects.filter(pk=photos_goal.pk).exists()
    assert SwotItem.objects.filter(pk=item.pk).exists()


def test_htmx_swot_changes_also_refresh_the_goals_link_counts(client, carol, photos_goal):
    login(client, carol)
    added = client.post(
        url("swot_create"),
        {
            "kind": "strength",
            "swot-strength-kind": "strength",
            "swot-strength-text": "Two photographers",
            "swot-strength-goals": [photos_goal.pk],
        },
        headers={"HX-Request": "true"},
    )
    html = added.content.decode()
    assert SwotItem.objects.get().goals.get() == photos_goal
    assert '<div id="goal-list" hx-swap-oob="true">' in html
    assert "1 SWOT item linked" in html
