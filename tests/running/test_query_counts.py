"""The running pages, the partnership page's card and the API issue the same number of
queries however many activities, checklist items and roles there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerkit.partners.services import contact_create
from partnerkit.running import services
from tests.conftest import login
from tests.running.conftest import in_days

RECIPES = ["editathon", "photo_drive", "training", "data_donation"]


def queries_for(client, url, **headers):
    client.get(url, headers=headers)  # the first visit also stores the session: not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(captured)


def add_work(alice, carol, project, count, start=0):
    """``count`` activities (some held, with ticked items) and roles on both sides."""
    for n in range(start, start + count):
        activity = services.activity_create(
            partnership=project, by=alice, recipe=RECIPES[n % len(RECIPES)],
            starts_on=in_days(n * 3 - 20 if n % 3 else n + 40),
        )
        item = activity.checklist.first()
        services.checklist_item_update(item=item, by=carol, done=True, owner=carol)
        if n % 3 == 0:
            services.activity_update(activity=activity, by=alice, version=None,
                                     starts_on=in_days(-30 - n), status="held")
        contact = contact_create(partner=project.partner, by=alice, name=f"Person {n}")
        services.role_add(partnership=project, by=alice, side="partner", area=f"area {n}",
                          raci="R", contact=contact, deputy_contact=None)
        services.role_add(partnership=project, by=alice, side="ours", area=f"area {n}",
                          raci="A", member=carol if n % 2 else alice,
                          deputy_member=alice if n % 2 else None)


def test_the_running_page_does_not_grow(client, alice, carol, project):
    login(client, alice)
    address = reverse("running:partnership", kwargs={"workspace_slug": "north", "pk": project.pk})
    add_work(alice, carol, project, 2)
    few = queries_for(client, address)
    add_work(alice, carol, project, 20, start=2)
    assert queries_for(client, address) == few


def test_the_activity_page_and_a_tick_do_not_grow_with_the_checklist(
    client, alice, carol, project, editathon
):
    login(client, alice)
    address = editathon.get_absolute_url()
    few = queries_for(client, address)
    for n in range(25):
        services.checklist_item_add(activity=editathon, by=alice, title=f"Item {n}",
                                    due_on=in_days(n), owner=carol if n % 2 else None)
    assert queries_for(client, address) == few
    item = editathon.checklist.first()
    toggle = reverse("running:item_toggle", kwargs={
        "workspace_slug": "north", "activity_pk": editathon.pk, "item_pk": item.pk,
    })
    client.post(toggle, headers={"HX-Request": "true"})
    with CaptureQueriesContext(connection) as captured:
        client.post(toggle, headers={"HX-Request": "true"})
    assert len(captured) <= 20


def test_the_partnership_pages_card_costs_two_queries(
    alice, carol, project, django_assert_num_queries
):
    from partnerkit.running.selectors import partnership_card

    add_work(alice, carol, project, 5)
    with django_assert_num_queries(2):
        card = partnership_card(project)
    assert (card.planned, card.held, card.roles) == (3, 2, 10)
    # Five contacts and three of alice's roles alone, and alice holding those three.
    assert card.next.starts_on == min(
        project.activities.filter(status="planned").values_list("starts_on", flat=True)
    )
    assert card.warnings == 5 + 3 + 1


def test_the_card_without_activities_or_with_only_past_ones(alice, project, editathon):
    from partnerkit.running.selectors import partnership_card

    assert partnership_card(project).next == editathon
    services.activity_cancel(activity=editathon, by=alice, version=1, reason="Rain")
    card = partnership_card(project)
    assert (card.planned, card.held, card.next) == (0, 0, None)
    services.activity_delete(activity=editathon, by=alice)
    assert partnership_card(project).next is None


def test_the_partnership_page_does_not_grow_with_activities(client, alice, carol, project):
    login(client, alice)
    add_work(alice, carol, project, 2)
    few = queries_for(client, project.get_absolute_url())
    add_work(alice, carol, project, 10, start=2)
    assert queries_for(client, project.get_absolute_url()) == few


def test_the_api_lists_do_not_grow(alice_api, alice, carol, project):
    def count(path):
        alice_api.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert alice_api.get(path).status_code == 200
        return len(captured)

    paths = [f"/workspaces/north/partnerships/{project.pk}/activities",
             f"/workspaces/north/partnerships/{project.pk}/roles"]
    add_work(alice, carol, project, 2)
    activity = project.activities.first()
    paths.append(f"/workspaces/north/activities/{activity.pk}")
    few = [count(path) for path in paths]
    add_work(alice, carol, project, 15, start=2)
    for n in range(10):
        services.checklist_item_add(activity=activity, by=alice, title=f"More {n}",
                                    due_on=in_days(n), owner=carol)
    assert [count(path) for path in paths] == few
