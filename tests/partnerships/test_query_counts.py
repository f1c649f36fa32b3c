"""The board, the list and the partnership page issue the same number of queries for 10
partnerships as for 1,000, and the partnership page the same for a long history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerkit.partners.models import Contact, Partner, Tag
from partnerkit.partnerships import services
from partnerkit.partnerships.models import GoalType, Partnership, Stage
from tests.conftest import login

STAGES = list(Stage.values)


def add_partnerships(workspace, owner, count, start=0):
    tag = Tag.objects.get_or_create(workspace=workspace, name="GLAM")[0]
    partners = Partner.objects.bulk_create(
        Partner(workspace=workspace, name=f"Partner {start + n:04}", kind="museum")
        for n in range(count)
    )
    Partner.tags.through.objects.bulk_create(
        Partner.tags.through(partner_id=partner.pk, tag_id=tag.pk) for partner in partners
    )
    contacts = Contact.objects.bulk_create(
        Contact(partner=partner, name=f"Contact {partner.pk}") for partner in partners
    )
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            workspace=workspace,
            partner=partner,
            title=f"Partnership {start + n:04}",
            stage=STAGES[n % len(STAGES)],
            owner=owner if n % 2 else None,
            partner_owner=contact,
            effort_hours=n % 7,
            impact=1 + n % 5,
            next_step_due=datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 90),
        )
        for n, (partner, contact) in enumerate(zip(partners, contacts, strict=True))
    )
    goals = list(GoalType.objects.all()[:3])
    Partnership.goal_types.through.objects.bulk_create(
        Partnership.goal_types.through(partnership_id=partnership.pk, goaltype_id=goal.pk)
        for partnership in partnerships
        for goal in goals
    )
    return partnerships


def queries_for(client, url, params=None):
    client.get(url, params or {})  # the first visit also stores the session: not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["board", "list"])
@pytest.mark.parametrize(
    "params",
    [{}, {"q": "Partnership", "goal_type": "access", "tag": "GLAM", "owner": "none"}],
    ids=["all", "filtered"],
)
def test_board_and_list_queries_do_not_grow_with_partnerships(client, alice, north, name, params):
    login(client, alice)
    url = reverse(f"partnerships:{name}", kwargs={"workspace_slug": "north"})
    add_partnerships(north, alice, 10)
    few = queries_for(client, url, params)
    add_partnerships(north, alice, 990, start=10)
    many = queries_for(client, url, params)
    assert few == many


def test_the_list_pages_with_the_same_queries(client, alice, north):
    login(client, alice)
    url = reverse("partnerships:list", kwargs={"workspace_slug": "north"})
    add_partnerships(north, alice, 1000)
    first = queries_for(client, url, {"sort": "-impact"})
    assert queries_for(client, url, {"sort": "-impact", "page": 15}) == first


def test_partnership_page_queries_do_not_grow_with_partnerships_or_history(client, alice, north):
    login(client, alice)
    partnership = add_partnerships(north, alice, 10)[0]
    urls = [
        reverse(f"partnerships:{name}", kwargs={"workspace_slug": "north", "pk": partnership.pk})
        for name in ("detail", "history")
    ]
    partnership.refresh_from_db()
    services.partnership_update(
        partnership=partnership, by=alice, version=None, title="First", owner=alice
    )
    before = [queries_for(client, url) for url in urls]
    add_partnerships(north, alice, 990, start=10)
    for n in range(30):
        partnership = services.partnership_update(
            partnership=partnership, by=alice, version=None, title=f"Title {n}",
            goal_types=["access"] if n % 2 else ["advocacy", "in_kind"], owner=alice,
        )
        services.partnership_move(
            partnership=partnership, to_stage="idea" if n % 2 else "on_hold", by=alice,
            reason="Waiting for the budget.",
        )
    after = [queries_for(client, url) for url in urls]
    assert before == after
