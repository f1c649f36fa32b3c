"""Bad input is a 400 whose messages name the fields, and nothing is half-written."""

import pytest

from tests.api.endpoints import stored_state

PARTNERS = "/workspaces/north/partners"
CONTACTS = "/workspaces/north/contacts"
VALID_PARTNER = {"name": "Royal Library", "kind": "library"}


def refused(response, *fields):
    """The 400 answer's errors, checked to name exactly ``fields``."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body["errors"]) == set(fields), body
    for name in fields:
        assert name == "__all__" or name in body["detail"]
        assert all(isinstance(message, str) and message for message in body["errors"][name])
    return body["errors"]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"kind": "castle"}, "kind", "museum"),
        ({"country": "XX"}, "country", "not a valid choice"),
        ({"website": "not a web address"}, "website", "valid URL"),
        ({"wikidata_qid": "Douglas Adams"}, "wikidata_qid", "Q190804"),
        ({"wikidata_qid": "https://example.org/wiki/Q42"}, "wikidata_qid", "Q190804"),
        ({"name": ""}, "name", "cannot be blank"),
        ({"name": "x" * 301}, "name", "at most 300"),
        ({"tags": ["x" * 51]}, "tags", "longer than 50"),
        ({"tags": "GLAM"}, "tags", "list"),
        ({"colour": "blue"}, "colour", "Unknown field"),
    ],
)
def test_a_bad_new_partner_is_refused_naming_the_field(alice_api, north, changes, field, message):
    before = stored_state()
    errors = refused(alice_api.post(PARTNERS, {**VALID_PARTNER, **changes}), field)
    assert message in " ".join(errors[field])
    assert stored_state() == before


def test_every_bad_field_is_named_at_once(alice_api, north):
    errors = refused(
        alice_api.post(PARTNERS, {"kind": "castle", "website": "nope", "colour": "blue"}),
        "name",
        "kind",
        "colour",
    )
    assert errors["name"] == ["This field is required."]


def test_checks_of_the_record_follow_checks_of_the_request(alice_api, north):
    errors = refused(
        alice_api.post(
            PARTNERS,
            {**VALID_PARTNER, "country": "XX", "website": "nope", "wikidata_qid": "Q0"},
        ),
        "country",
        "website",
        "wikidata_qid",
    )
    assert errors["website"] == ["Enter a valid URL."]


def test_new_tags_of_a_refused_partner_are_not_kept(alice_api, north):
    before = stored_state()
    refused(
        alice_api.post(PARTNERS, {**VALID_PARTNER, "tags": ["brand new"], "country": "XX"}),
        "country",
    )
    assert stored_state() == before


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"kind": "castle"}, "kind"),
        ({"country": "Sweden"}, "country"),
        ({"website": "ftp//nope"}, "website"),
        ({"wikidata_qid": "P31"}, "wikidata_qid"),
        ({"place": None}, "place"),
        ({"version": 0}, "version"),
        ({"id": 5}, "id"),
        ({"archived": True}, "archived"),
    ],
)
def test_a_bad_change_is_refused_naming_the_field_and_changes_nothing(
    alice_api, museum, changes, field
):
    before = stored_state()
    refused(alice_api.patch(f"{PARTNERS}/{museum.pk}", {"place": "Djurgården", **changes}), field)
    museum.refresh_from_db()
    assert (museum.place, museum.version) == ("Stockholm", 1)
    assert stored_state() == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "Erik"}, "partner_id"),
        ({"partner_id": "the museum", "name": "Erik"}, "partner_id"),
        ({"partner_id": 999999, "name": "Erik"}, "partner_id"),
        ({"name": "Erik", "email": "erik at example"}, "email"),
        ({"name": "Erik", "languages": "swedish"}, "languages"),
        ({"name": "Erik", "is_contact_point": "perhaps"}, "is_contact_point"),
        ({"name": "Erik", "partner": 1}, "partner"),
    ],
)
def test_a_bad_new_contact_is_refused_naming_the_field(alice_api, museum, body, field):
    if field != "partner_id":
        body = {"partner_id": museum.pk, **body}
    before = stored_state()
    refused(alice_api.post(CONTACTS, body), field)
    assert stored_state() == before


def test_a_bad_contact_change_is_refused_and_changes_nothing(alice_api, ingrid):
    before = stored_state()
    refused(
        alice_api.patch(f"{CONTACTS}/{ingrid.pk}", {"name": "Ingrid L.", "email": "nope"}),
        "email",
    )
    ingrid.refresh_from_db()
    assert (ingrid.name, ingrid.version) == ("Ingrid Larsson", 1)
    assert stored_state() == before


def test_a_body_that_is_not_json_is_refused(alice_api, north):
    response = alice_api.client.post(
        "/api/v1" + PARTNERS,
        "{not json",
        content_type="application/json",
        **alice_api.headers,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {}
    assert response.json()["detail"]


@pytest.mark.parametrize("body", [None, [VALID_PARTNER], "Royal Library"])
def test_a_body_that_is_not_an_object_is_refused(alice_api, north, body):
    errors = refused(alice_api.post(PARTNERS, body), "__all__")
    assert errors["__all__"] == ["Send a JSON object as the request body."]


def test_a_path_id_that_is_not_a_number_is_refused_naming_it(alice_api, north):
    refused(alice_api.get(f"{PARTNERS}/museum"), "partner_id")


def test_an_unknown_address_is_a_json_404(alice_api, north):
    response = alice_api.get("/workspaces/north/castles")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_a_missing_record_is_a_json_404(alice_api, north):
    response = alice_api.get(f"{PARTNERS}/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}
