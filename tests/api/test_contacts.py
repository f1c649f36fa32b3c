"""Reading, adding, changing and removing contacts."""

import pytest

from partnerkit.partners import services
from partnerkit.partners.models import Contact

CONTACTS = "/workspaces/north/contacts"


def test_a_contact_reads_with_all_its_fields(alice_api, museum, ingrid):
    response = alice_api.get(f"{CONTACTS}/{ingrid.pk}")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in body if not key.endswith("_at")} == {
        "id": ingrid.pk,
        "partner_id": museum.pk,
        "name": "Ingrid Larsson",
        "role_title": "Head of digital collections",
        "email": "ingrid@example.org",
        "phone": "",
        "languages": "",
        "introduced_by": "",
        "introduced_by_contact_id": None,
        "our_owner": None,
        "notes": "",
        "is_contact_point": True,
        "consent_note": "",
        "details_in_documents": False,
        "version": 1,
    }
    assert body["created_at"] and body["updated_at"]


def test_adding_a_contact_answers_201(carol_api, museum):
    response = carol_api.post(
        CONTACTS,
        {
            "partner_id": museum.pk,
            "name": "Erik Nilsson",
            "email": "erik@example.org",
            "languages": "sv, en",
            "introduced_by": "Ingrid",
            "consent_note": "Agreed to be contacted by e-mail.",
            "details_in_documents": True,
        },
    )
    assert response.status_code == 201
    assert response.json()["details_in_documents"] is True
    body = response.json()
    assert (body["partner_id"], body["name"], body["is_contact_point"]) == (
        museum.pk,
        "Erik Nilsson",
        False,
    )
    assert Contact.objects.get(pk=body["id"]).partner == museum


@pytest.fixture
def erik(museum, alice):
    return services.contact_create(
        partner=museum, by=alice, name="Erik Nilsson", role_title="Photographer"
    )


@pytest.fixture
def library_contact(alice, north):
    library = services.partner_create(
        workspace=north, by=alice, name="Royal Library", kind="library"
    )
    return services.contact_create(
        partner=library, by=alice, name="Anna Berg", email="anna@example.org"
    )


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def test_the_list_holds_the_workspaces_contacts_with_contact_points_first(
    alice_api, ingrid, erik, library_contact, lucia
):
    assert names(alice_api.get(CONTACTS)) == ["Ingrid Larsson", "Anna Berg", "Erik Nilsson"]


def test_the_list_filters_by_partner_and_by_words(alice_api, museum, ingrid, erik, library_contact):
    assert names(alice_api.get(CONTACTS, partner_id=museum.pk)) == [
        "Ingrid Larsson",
        "Erik Nilsson",
    ]
    assert names(alice_api.get(CONTACTS, q="photographer")) == ["Erik Nilsson"]
    assert names(alice_api.get(CONTACTS, q="anna@")) == ["Anna Berg"]
    assert names(alice_api.get(CONTACTS, partner_id=museum.pk, q="anna")) == []


def test_the_list_is_paginated(alice_api, ingrid, erik, library_contact):
    body = alice_api.get(CONTACTS, limit=1, offset=1).json()
    assert body["count"] == 3
    assert [item["name"] for item in body["items"]] == ["Anna Berg"]


def test_filtering_by_a_partner_of_another_workspace_names_partner_id(
    alice_api, ingrid, southern_library
):
    response = alice_api.get(CONTACTS, partner_id=southern_library.pk)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["partner_id"]


def test_a_change_touches_only_the_fields_sent(alice_api, ingrid):
    response = alice_api.patch(
        f"{CONTACTS}/{ingrid.pk}", {"phone": "+46 8 519 546 00", "version": 1}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["phone"] == "+46 8 519 546 00"
    assert body["email"] == "ingrid@example.org"
    assert body["is_contact_point"] is True
    assert body["version"] == 2


def test_a_contact_cannot_move_to_another_partner(alice_api, ingrid, museum):
    response = alice_api.patch(f"{CONTACTS}/{ingrid.pk}", {"partner_id": museum.pk + 1})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["partner_id"]


def test_removing_a_contact_answers_204_and_keeps_it_in_the_history(alice_api, museum, ingrid):
    response = alice_api.delete(f"{CONTACTS}/{ingrid.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert not Contact.objects.filter(pk=ingrid.pk).exists()
    assert alice_api.get(f"{CONTACTS}/{ingrid.pk}").status_code == 404
    history = alice_api.get(f"/workspaces/north/partners/{museum.pk}/history").json()["items"]
    assert (history[0]["subject"], history[0]["kind"]) == ("contact", "deleted")
    assert history[0]["who"] == "alice"
