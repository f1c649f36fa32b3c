"""The dashboard issues the same number of queries however many partnerships, stage changes,
goal types, commitments and monthly figures there are."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerkit.negotiation.models import Commitment
from tests.conftest import login
from tests.dashboard.conftest import add_figures, add_partnership, dashboard_url, months_back
from tests.negotiation.conftest import set_capacity

STAGES = ("idea", "researching", "preparing", "negotiating", "running", "dropped", "on_hold")
GOAL_TYPES = ("content_acquisition", "outreach_awareness", "advocacy")


def queries_for(client, url):
    client.get(url)  # the first visit also stores the session: not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_records(museum, count):
    months = months_back(6)
    for n in range(count):
        stage = STAGES[n % len(STAGES)]
        partnership = add_partnership(
            museum, stage, title=f"Partnership {count}-{n}",
            goal_types=GOAL_TYPES[: n % 4], effort=n % 5 + 1,
            history=[("idea", "researching"), ("researching", stage)] if n % 2 else (),
        )  # fmt: skip
        Commitment.objects.create(
            workspace=museum.workspace, partnership=partnership, text=f"Promise {n}",
            effort_hours=2, due_on=datetime.date.today() + datetime.timedelta(days=30 * (n % 3)),
        )
        add_figures(
            partnership, {month: (100 * n, n) for month in months[n % 3 :]}, name=f"Cat {n}"
        )


def test_the_dashboard_does_not_grow_with_records(client, alice, museum):
    set_capacity(museum.workspace, 40)
    login(client, alice)
    url = dashboard_url(museum.workspace)
    add_records(museum, 3)
    few = queries_for(client, url)
    add_records(museum, 60)
    many = queries_for(client, url)
    assert few == many, (few, many)
    # Session, user, membership, the user's workspaces; funnel 1, goal types 2, capacity 3,
    # impact 1: a handful, not one per record.
    assert many <= 15
