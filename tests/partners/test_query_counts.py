"""The partner list and the partner page issue the same number of queries for 10 partners
as for 1,000, and the same for a partner with a long history and many contacts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerkit.partners import services
from partnerkit.partners.models import Contact, Partner, Tag
from tests.conftest import login


def add_partners(workspace, count, start=0):
    tags = [Tag.objects.get_or_create(workspace=workspace, name=f"tag {n}")[0] for n in range(3)]
    partners = Partner.objects.bulk_create(
        Partner(workspace=workspace, name=f"Partner {start + n:04}", kind="museum", country="SE")
        for n in range(count)
    )
    Partner.tags.through.objects.bulk_create(
        Partner.tags.through(partner_id=p.pk, tag_id=tag.pk) for p in partners for tag in tags
    )
    Contact.objects.bulk_create(
        Contact(partner=p, name=f"Contact {p.pk}") for p in partners for _ in range(2)
    )


def queries_for(client, url, params=None):
    client.get(url, params or {})  # the first visit also stores the session: not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


def test_partner_list_queries_do_not_grow_with_partners(client, alice, north):
    login(client, alice)
    url = reverse("partners:list", kwargs={"workspace_slug": "north"})
    add_partners(north, 10)
    few = queries_for(client, url)
    add_partners(north, 990, start=10)
    many = queries_for(client, url)
    assert few == many
    assert queries_for(client, url, {"q": "Partner 09", "tag": "tag 1", "page": 2}) <= many + 1


def test_partner_page_queries_do_not_grow_with_contacts_or_history(client, alice, museum):
    login(client, alice)
    urls = [
        reverse("partners:detail", kwargs={"workspace_slug": "north", "pk": museum.pk}),
        reverse("partners:history", kwargs={"workspace_slug": "north", "pk": museum.pk}),
    ]
    before = [queries_for(client, url) for url in urls]
    for n in range(30):
        museum = services.partner_update(
            partner=museum, by=alice, version=museum.version, place=f"Place {n}",
            tags=[f"tag {n}"],
        )
        services.contact_create(partner=museum, by=alice, name=f"Person {n}")
    after = [queries_for(client, url) for url in urls]
    assert before == after
