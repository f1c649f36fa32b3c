"""The follow-up pages, the card on the partnership page and the calendar feed issue the same
number of queries however many tasks, interactions, people and partnerships there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerkit.followups import calendar, services
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.services import partnership_create
from partnerkit.workspaces.services import membership_add
from tests.conftest import login, make_user
from tests.followups.conftest import DAY_0


def count_queries(client, url):
    client.get(url)  # the first visit also stores the session: not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_records(project, alice, carol, clock, n):
    for index in range(n):
        other = partnership_create(
            workspace=project.workspace,
            partner=project.partner,
            by=alice,
            title=f"Other {n}-{index}",
            owner=carol if index % 2 else alice,
        )
        Partnership.objects.filter(pk=other.pk).update(stage="in_contact")
        services.interaction_log(partnership=other, by=alice, kind="meeting", direction="both")
        services.interaction_log(
            partnership=project,
            by=alice,
            kind="email",
            direction="incoming" if index % 2 else "outgoing",
        )
        task = services.followup_create(
            partnership=project,
            by=alice,
            title=f"Task {index}",
            due_on=DAY_0 + timedelta(days=index - 2),
            owner=carol if index % 3 else None,
        )
        if index % 4 == 0:
            services.followup_snooze(
                task=task, by=alice, until=DAY_0 + timedelta(days=9), reason="Away"
            )
        membership_add(workspace=project.workspace, user=make_user(f"person{n}x{index}"))


@pytest.mark.parametrize("name", ["my_work", "team", "partnership", "plans", "reminders"])
def test_pages_do_not_grow_with_the_records(client, project, alice, carol, clock, name):
    kwargs = {"workspace_slug": "north"}
    if name == "partnership":
        kwargs["pk"] = project.pk
    url = reverse(f"followups:{name}", kwargs=kwargs)
    login(client, alice)
    add_records(project, alice, carol, clock, 2)
    few = count_queries(client, url)
    add_records(project, alice, carol, clock, 8)
    assert count_queries(client, url) == few


def test_the_partnership_card_does_not_grow(client, project, alice, carol, clock):
    login(client, alice)
    add_records(project, alice, carol, clock, 2)
    few = count_queries(client, project.get_absolute_url())
    add_records(project, alice, carol, clock, 8)
    assert count_queries(client, project.get_absolute_url()) == few


def test_the_calendar_feed_does_not_grow(project, alice, carol, clock, north):
    feed, _ = calendar.feed_create(workspace=north, user=alice, scope="workspace")
    add_records(project, alice, carol, clock, 2)
    with CaptureQueriesContext(connection) as few:
        calendar.render(feed, base_url="http://testserver/")
    add_records(project, alice, carol, clock, 8)
    with CaptureQueriesContext(connection) as many:
        calendar.render(feed, base_url="http://testserver/")
    assert len(many) == len(few)
