"""Lists cost the same number of queries whatever the amount of data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerkit.partners import services


def add_partners(workspace, by, count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        partner = services.partner_create(
            workspace=workspace,
            by=by,
            name=f"Partner {number:03}",
            kind="library",
            country="SE",
            tags=[f"tag {number}", "common"],
        )
        services.contact_create(partner=partner, by=by, name=f"Contact {number:03}")


def queries_for(api, path: str, expected_count: int, **params) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = api.get(path, limit=200, **params)
    assert response.status_code == 200
    assert response.json()["count"] == expected_count
    assert len(response.json()["items"]) == expected_count
    return [query["sql"] for query in context.captured_queries]


def test_the_partner_list_runs_the_same_queries_for_5_and_60_partners(alice_api, alice, north):
    path = "/workspaces/north/partners"
    add_partners(north, alice, 5)
    alice_api.get(path)  # the first request of a token also notes when it was used
    few = queries_for(alice_api, path, 5)
    add_partners(north, alice, 55, start=5)
    many = queries_for(alice_api, path, 60)
    assert len(many) == len(few), "\n".join(many)
    assert len(few) <= 6, "\n".join(few)
    assert len(queries_for(alice_api, path, 60, q="partner", tag="common")) == len(few)


def test_the_contact_list_runs_the_same_queries_for_5_and_60_contacts(alice_api, alice, north):
    path = "/workspaces/north/contacts"
    add_partners(north, alice, 5)
    alice_api.get(path)
    few = queries_for(alice_api, path, 5)
    add_partners(north, alice, 55, start=5)
    many = queries_for(alice_api, path, 60)
    assert len(many) == len(few), "\n".join(many)
    assert len(few) <= 5, "\n".join(few)


def test_the_history_runs_the_same_queries_for_few_and_many_changes(alice_api, alice, museum):
    path = f"/workspaces/north/partners/{museum.pk}/history"
    alice_api.get(path)
    few = queries_for(alice_api, path, 2)
    for number in range(40):
        services.partner_update(
            partner=museum, by=alice, version=None, place=f"Room {number}", tags=[f"t{number}"]
        )
        services.contact_update(
            contact=museum.contacts.get(), by=alice, version=None, notes=f"Note {number}"
        )
    many = queries_for(alice_api, path, 82)
    assert len(many) == len(few), "\n".join(many)
