"""Viewers read the groundwork but never change it; people of other workspaces see none of
it. (tests/web/test_permissions.py walks every page; this keeps the groundwork's own check
readable on its own.)"""

from django.urls import reverse

from partnerkit.groundwork import services
from partnerkit.groundwork.models import Goal, GoalTypeDecision, Profile, ReadinessCheck, SwotItem
from tests.conftest import login
from tests.web.test_permissions import groundwork_arguments


def groundwork_urls(objects):
    names = {
        "overview": {},
        "goals": {},
        "goal_create": {},
        "swot_create": {},
        "capacity": {},
        "readiness": {},
        "readiness_new": {},
        "goal_types": {},
        "goal_edit": {"pk": objects[("groundwork:goal_edit", "pk")]},
        "goal_delete": {"pk": objects[("groundwork:goal_delete", "pk")]},
        "swot_edit": {"pk": objects[("groundwork:swot_edit", "pk")]},
        "swot_delete": {"pk": objects[("groundwork:swot_delete", "pk")]},
        "readiness_detail": {"pk": objects[("groundwork:readiness_detail", "pk")]},
        "goal_type_decide": {"code": "advocacy"},
    }
    return {
        name: reverse(f"groundwork:{name}", kwargs={"workspace_slug": "north", **kwargs})
        for name, kwargs in names.items()
    }


WRITES = {
    "goal_create",
    "goal_edit",
    "goal_delete",
    "swot_create",
    "swot_edit",
    "swot_delete",
    "capacity",
    "readiness_new",
    "goal_type_decide",
}


def test_a_viewer_reads_every_page_and_every_write_is_403(client, alice, victor, north):
    urls = groundwork_urls(groundwork_arguments(alice, north))
    login(client, victor)
    for name, address in urls.items():
        if name in WRITES:
            assert (
                client.post(
                    address,
                    {
                        "text": "x",
                        "answer": "accepted",
                        "people": 1,
                        "hours_per_month": 1,
                        "kind": "threat",
                    },
                ).status_code
                == 403
            ), name
        else:
            assert client.get(address).status_code == 200, name
    assert Goal.objects.count() == 1 and SwotItem.objects.count() == 1
    assert ReadinessCheck.objects.count() == 1
    assert not GoalTypeDecision.objects.exists() and not Profile.objects.exists()


def test_an_outsider_gets_404_everywhere(client, alice, bob, north, south):
    urls = groundwork_urls(groundwork_arguments(alice, north))
    login(client, bob)
    for name, address in urls.items():
        assert client.get(address).status_code == 404, name
        assert client.post(address, {"answer": "accepted"}).status_code == 404, name
    assert Goal.objects.count() == 1


def test_pages_for_a_viewer_show_no_edit_controls(client, alice, victor, north):
    services.goal_create(workspace=north, by=alice, text="Grow the community")
    login(client, victor)
    page = client.get(reverse("groundwork:goals", kwargs={"workspace_slug": "north"}))
    body = page.content.decode()
    assert "Grow the community" in body
    assert "Add a goal" not in body and "Delete" not in body
