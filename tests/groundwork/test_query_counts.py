"""The overview, the goals page and the suggestions issue as many queries for 30 goals and 30
SWOT items as for 3."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerkit.groundwork import services
from partnerkit.groundwork.models import Goal, SwotItem
from tests.conftest import login


def add_groundwork(workspace, count, start=0):
    goals = Goal.objects.bulk_create(
        Goal(workspace=workspace, text=f"Upload photos of collection {start + n}", priority="high")
        for n in range(count)
    )
    items = SwotItem.objects.bulk_create(
        SwotItem(workspace=workspace, kind=kind, text=f"Volunteers with cameras {start + n}")
        for n, kind in zip(range(count), ["strength", "weakness", "opportunity", "threat"] * count)
    )
    SwotItem.goals.through.objects.bulk_create(
        SwotItem.goals.through(swotitem_id=item.pk, goal_id=goal.pk)
        for item, goal in zip(items, goals)
    )


def queries_for(client, url):
    client.get(url)  # the first visit also stores the session: not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["overview", "goals", "goal_types", "readiness"])
def test_queries_do_not_grow_with_goals_and_swot(client, alice, north, name):
    services.profile_update(workspace=north, by=alice, people=2, hours_per_month=20)
    services.readiness_check_record(workspace=north, by=alice, answers={"plan": "yes"})
    services.goal_type_decide(workspace=north, by=alice, code="advocacy", answer="accepted")
    login(client, alice)
    url = reverse(f"groundwork:{name}", kwargs={"workspace_slug": "north"})
    add_groundwork(north, 3)
    few = queries_for(client, url)
    add_groundwork(north, 27, start=3)
    for _ in range(20):
        services.readiness_check_record(workspace=north, by=alice, answers={"plan": "no"})
    many = queries_for(client, url)
    assert few == many


def test_the_counts_are_small(client, alice, north):
    """Not only constant: a handful of queries each (session, user, membership, then reads)."""
    login(client, alice)
    for name in ["overview", "goals", "goal_types"]:
        url = reverse(f"groundwork:{name}", kwargs={"workspace_slug": "north"})
        assert queries_for(client, url) <= 15, name
