"""The ranking and capacity pages issue the same number of queries for 10 candidates as for
100."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerkit.partners.models import Partner
from partnerkit.partnerships.models import GoalType, Partnership
from tests.conftest import login
from tests.selection.conftest import set_capacity

STAGES = ["idea", "researching", "shortlisted", "running"]


def add_many(workspace, count, start=0):
    partners = Partner.objects.bulk_create(
        Partner(workspace=workspace, name=f"Partner {start + n}", kind="library")
        for n in range(count)
    )
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            workspace=workspace, partner=partner, title=f"Candidate {start + n:03}",
            stage=STAGES[n % len(STAGES)], impact=1 + n % 5, ease=1 + (n * 3) % 5,
            likelihood=1 + n % 4, risk=1 + n % 3, effort_hours=n % 6 or None,
        )
        for n, partner in enumerate(partners)
    )
    goals = list(GoalType.objects.all()[:2])
    Partnership.goal_types.through.objects.bulk_create(
        Partnership.goal_types.through(partnership_id=p.pk, goaltype_id=goal.pk)
        for p in partnerships
        for goal in goals
    )


def queries_for(client, url):
    client.get(url)  # the first visit also stores the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["ranking", "capacity", "export_csv"])
def test_queries_do_not_grow_with_candidates(client, alice, north, name):
    set_capacity(north, 40)
    login(client, alice)
    url = reverse(f"selection:{name}", kwargs={"workspace_slug": "north"})
    add_many(north, 10)
    few = queries_for(client, url)
    add_many(north, 90, start=10)
    assert queries_for(client, url) == few
