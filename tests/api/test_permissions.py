"""The web's permissions, on every endpoint the OpenAPI schema lists.

The endpoints are read from the schema, so an endpoint added later is checked here without
anyone remembering to: outsiders get 404, viewers get 403 on writes, members may write.
A new write endpoint also needs a body in write_bodies() below, or this file fails.
"""

import pytest

from tests.api.endpoints import (
    APP_SAMPLES,
    IN_WORKSPACE,
    READ_METHODS,
    READ_PARAMS,
    READS,
    WITH_OBJECT_ID,
    WRITES,
    address,
    discovery_write_bodies,
    operation_id,
    research_write_bodies,
    stored_state,
)


def write_bodies(partner, partnership) -> dict:
    """For each write endpoint, a body with which a member's request succeeds."""
    return {
        ("POST", "/workspaces/{slug}/partners"): {"name": "Probe", "kind": "museum"},
        ("PATCH", "/workspaces/{slug}/partners/{partner_id}"): {"place": "Probe"},
        ("DELETE", "/workspaces/{slug}/partners/{partner_id}"): None,
        ("POST", "/workspaces/{slug}/partners/{partner_id}/unarchive"): None,
        ("POST", "/workspaces/{slug}/partners/{partner_id}/restore"): {
            "history_id": partner.history.earliest("history_id").history_id
        },
        ("POST", "/workspaces/{slug}/contacts"): {"partner_id": partner.pk, "name": "Probe"},
        ("PATCH", "/workspaces/{slug}/contacts/{contact_id}"): {"role_title": "Probe"},
        ("DELETE", "/workspaces/{slug}/contacts/{contact_id}"): None,
        ("POST", "/workspaces/{slug}/partnerships"): {"partner_id": partner.pk, "title": "Probe"},
        ("PATCH", "/workspaces/{slug}/partnerships/{partnership_id}"): {"sketch": "Probe"},
        ("POST", "/workspaces/{slug}/partnerships/{partnership_id}/stage"): {"to": "researching"},
        ("POST", "/workspaces/{slug}/partnerships/{partnership_id}/restore"): {
            "history_id": partnership.history.earliest("history_id").history_id
        },
        **research_write_bodies(partner),
        **discovery_write_bodies(),
        **{
            operation: sample
            for samples in APP_SAMPLES
            for operation, sample in samples.write_bodies(partner, partnership).items()
        },
    }


def body(operation, partner, partnership):
    method, _path = operation
    if method in READ_METHODS:
        return None
    bodies = write_bodies(partner, partnership)
    assert operation in bodies, f"{operation_id(operation)}: add a body to write_bodies()"
    return bodies[operation]


def test_the_schema_lists_the_workspace_endpoints():
    assert len(READS) >= 6
    assert len(WRITES) >= 8
    assert all("{slug}" in path for _method, path in WRITES)


@pytest.mark.parametrize("operation", IN_WORKSPACE, ids=operation_id)
def test_an_outsider_gets_404_from_every_workspace_endpoint(
    operation, bob_api, museum, ingrid, photo_project
):
    method, path = operation
    before = stored_state()
    url = address(
        path,
        slug="north",
        partner_id=museum.pk,
        contact_id=ingrid.pk,
        partnership_id=photo_project.pk,
    )
    response = bob_api.request(method, url, body(operation, museum, photo_project))
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found.", "errors": {}}
    assert stored_state() == before


@pytest.mark.parametrize("operation", IN_WORKSPACE, ids=operation_id)
def test_a_member_of_one_workspace_gets_404_from_anothers_endpoints_with_its_real_ids(
    operation, alice_api, museum, southern_library, lucia, southern_project
):
    method, path = operation
    before = stored_state()
    url = address(
        path,
        slug="south",
        partner_id=southern_library.pk,
        contact_id=lucia.pk,
        partnership_id=southern_project.pk,
    )
    response = alice_api.request(method, url, body(operation, southern_library, southern_project))
    assert response.status_code == 404, response.content
    assert stored_state() == before


@pytest.mark.parametrize("operation", WITH_OBJECT_ID, ids=operation_id)
def test_ids_of_another_workspace_are_not_found_under_ones_own(
    operation, alice_api, museum, photo_project, southern_library, lucia, southern_project
):
    method, path = operation
    before = stored_state()
    url = address(
        path,
        slug="north",
        partner_id=southern_library.pk,
        contact_id=lucia.pk,
        partnership_id=southern_project.pk,
    )
    response = alice_api.request(method, url, body(operation, museum, photo_project))
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found.", "errors": {}}
    assert stored_state() == before


@pytest.mark.parametrize("operation", WRITES, ids=operation_id)
def test_a_viewer_gets_403_from_every_write_endpoint(
    operation, victor_api, museum, ingrid, photo_project
):
    method, path = operation
    before = stored_state()
    url = address(
        path,
        slug="north",
        partner_id=museum.pk,
        contact_id=ingrid.pk,
        partnership_id=photo_project.pk,
    )
    response = victor_api.request(method, url, body(operation, museum, photo_project))
    assert response.status_code == 403, response.content
    assert "Viewer" in response.json()["detail"]
    assert stored_state() == before


@pytest.mark.parametrize("operation", READS, ids=operation_id)
def test_a_viewer_may_read_every_endpoint(
    operation, victor_api, museum, ingrid, photo_project, fakewiki
):
    method, path = operation
    url = address(
        path,
        slug="north",
        partner_id=museum.pk,
        contact_id=ingrid.pk,
        partnership_id=photo_project.pk,
    )
    response = victor_api.request(method, url, **READ_PARAMS.get(operation, {}))
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("operation", WRITES, ids=operation_id)
def test_a_member_may_use_every_write_endpoint(
    operation, carol_api, museum, ingrid, photo_project, fakewiki
):
    method, path = operation
    url = address(
        path,
        slug="north",
        partner_id=museum.pk,
        contact_id=ingrid.pk,
        partnership_id=photo_project.pk,
    )
    response = carol_api.request(method, url, body(operation, museum, photo_project))
    assert response.status_code in {200, 201, 204}, response.content


def test_a_contact_cannot_be_added_to_a_partner_of_another_workspace(
    alice_api, museum, southern_library
):
    before = stored_state()
    response = alice_api.post(
        "/workspaces/north/contacts", {"partner_id": southern_library.pk, "name": "Intruder"}
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["partner_id"]
    assert stored_state() == before


def test_a_partnership_cannot_be_made_with_a_partner_of_another_workspace(
    alice_api, museum, southern_library
):
    before = stored_state()
    response = alice_api.post(
        "/workspaces/north/partnerships", {"partner_id": southern_library.pk, "title": "Intruder"}
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["partner_id"]
    assert stored_state() == before


def test_a_partnership_cannot_be_made_with_a_contact_of_another_workspace(alice_api, museum, lucia):
    before = stored_state()
    response = alice_api.post(
        "/workspaces/north/partnerships",
        {"partner_id": museum.pk, "title": "Intruder", "partner_owner_id": lucia.pk},
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["partner_owner_id"]
    assert stored_state() == before


def test_a_partnership_cannot_be_handed_to_another_workspaces_contact_or_member(
    alice_api, photo_project, lucia, bob
):
    before = stored_state()
    path = f"/workspaces/north/partnerships/{photo_project.pk}"
    response = alice_api.patch(path, {"partner_owner_id": lucia.pk})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["partner_owner_id"]
    response = alice_api.patch(path, {"owner": bob.username})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["owner"]
    assert stored_state() == before


@pytest.mark.parametrize("filter_name", ["partner_id", "owner"])
def test_filtering_by_another_workspaces_partner_or_member_reveals_nothing(
    alice_api, photo_project, southern_project, bob, filter_name
):
    value = southern_project.partner_id if filter_name == "partner_id" else bob.username
    for path in ["/workspaces/north/partnerships", "/workspaces/north/board"]:
        response = alice_api.get(path, **{filter_name: value})
        assert response.status_code == 400, response.content
        assert list(response.json()["errors"]) == [filter_name]


def test_the_workspace_list_never_shows_a_workspace_one_is_not_in(bob_api, north, south):
    slugs = [item["slug"] for item in bob_api.get("/workspaces").json()["items"]]
    assert slugs == ["south"]
