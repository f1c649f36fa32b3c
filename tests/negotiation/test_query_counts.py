"""The commitments page, the say-no gate and the card on the partnership page issue the same
number of queries however many commitments, warning signs and partnerships there are."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerkit.negotiation import services
from partnerkit.negotiation.models import Commitment
from partnerkit.partnerships.models import Partnership
from tests.conftest import login
from tests.negotiation.conftest import DANGEROUS, SAFE, set_capacity


def queries_for(client, url):
    client.get(url)  # the first visit also stores the session: not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_records(partnership, people, meeting, count):
    alice, carol, ingrid = people
    for n in range(count):
        services.commitment_create(
            partnership=partnership, by=alice, text=DANGEROUS if n % 2 else SAFE,
            meeting=meeting if n % 3 else None, owner_user=carol if n % 2 else None,
            owner_contact=ingrid if n % 2 == 0 else None, effort_hours=n + 1,
            due_on=datetime.date.today() + datetime.timedelta(days=20 * n),
        )  # fmt: skip
        sign = services.warning_sign_create(
            partnership=partnership, by=alice, code="brand", evidence=f"Logo {n}",
            meeting=meeting if n % 2 else None,
        )
        if n % 2:
            services.warning_sign_resolve(warning_sign=sign, by=carol, note="Settled.")
    for commitment in Commitment.objects.filter(flagged=True)[: count // 4]:
        services.commitment_acknowledge(commitment=commitment, by=carol, reason="Agreed.")
    for n in range(count):
        other = Partnership.objects.create(
            workspace=partnership.workspace, partner=partnership.partner, title=f"Other {n}",
            stage="running", effort_hours=1,
        )
        Commitment.objects.create(
            workspace=other.workspace, partnership=other, text="x", effort_hours=1
        )


def test_the_pages_do_not_grow_with_records(
    client, alice, carol, ingrid, north, photo_project, meeting
):
    set_capacity(north, 40)
    login(client, alice)
    urls = [
        reverse(f"negotiation:{name}", kwargs={"workspace_slug": "north", "pk": photo_project.pk})
        for name in ("commitments", "say_no")
    ] + [
        photo_project.get_absolute_url(),
        reverse("meetings:notes", kwargs={"workspace_slug": "north", "pk": meeting.pk}),
        reverse("negotiation:capacity", kwargs={"workspace_slug": "north"}),
    ]
    add_records(photo_project, (alice, carol, ingrid), meeting, 2)
    few = [queries_for(client, url) for url in urls]
    add_records(photo_project, (alice, carol, ingrid), meeting, 30)
    many = [queries_for(client, url) for url in urls]
    assert few == many


def test_the_card_adds_a_handful_of_queries(alice, photo_project, django_assert_max_num_queries):
    from django.template import Context, Template
    from django.test import RequestFactory

    from partnerkit.workspaces.permissions import membership_for

    request = RequestFactory().get("/")
    request.user = alice
    request.membership = membership_for(alice, "north")
    request.workspace = request.membership.workspace
    template = Template('{% include "negotiation/_partnership_card.html" %}')
    partnership = Partnership.objects.select_related("workspace").get(pk=photo_project.pk)
    context = Context(
        {"request": request, "partnership": partnership, "workspace": request.workspace}
    )
    with django_assert_max_num_queries(5):
        html = template.render(context)
    assert 'id="negotiation"' in html
