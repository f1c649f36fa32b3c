"""Only a valid bearer token opens the API; everything else is a JSON 401."""

import pytest
from django.test import Client

from partnerkit.accounts.services import token_create, token_revoke
from partnerkit.partners.models import Partner
from tests.api.endpoints import OPERATIONS, address, operation_id, stored_state

NEW_PARTNER = {"name": "Royal Library", "kind": "library"}


def assert_unauthorized(response):
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert "Authorization: Bearer" in body["detail"]
    assert body["errors"] == {}


@pytest.mark.parametrize("operation", OPERATIONS, ids=operation_id)
def test_every_endpoint_refuses_a_request_without_a_token(
    api_with_token, museum, ingrid, photo_project, operation
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
    assert_unauthorized(api_with_token(None).request(method, url, {"name": "Anonymous"}))
    assert stored_state() == before


def test_an_unknown_token_is_refused(api_with_token, north):
    assert_unauthorized(api_with_token("pk_not-a-real-token").get("/workspaces"))


def test_a_token_sent_with_another_scheme_is_refused(alice, north):
    _token, secret = token_create(user=alice)
    response = Client().get("/api/v1/workspaces", HTTP_AUTHORIZATION=f"Token {secret}")
    assert_unauthorized(response)


def test_a_revoked_token_is_refused(api_with_token, alice, north):
    token, secret = token_create(user=alice)
    token_revoke(token=token)
    assert_unauthorized(api_with_token(secret).get("/workspaces"))


def test_the_token_of_a_deactivated_account_is_refused(api_with_token, alice, north):
    _token, secret = token_create(user=alice)
    alice.is_active = False
    alice.save()
    assert_unauthorized(api_with_token(secret).get("/workspaces"))


def test_a_signed_in_browser_session_does_not_open_the_api(client, alice, north):
    client.force_login(alice)
    assert_unauthorized(client.get("/api/v1/workspaces"))
    response = client.post(
        "/api/v1/workspaces/north/partners", NEW_PARTNER, content_type="application/json"
    )
    assert_unauthorized(response)
    assert not Partner.objects.exists()


def test_a_valid_token_opens_the_api_and_is_marked_as_used(api_with_token, alice, north):
    token, secret = token_create(user=alice)
    assert api_with_token(secret).get("/workspaces").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_writes_with_a_token_need_no_csrf_token(alice, north):
    _token, secret = token_create(user=alice)
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/workspaces/north/partners",
        NEW_PARTNER,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 201


def test_the_token_decides_who_acts_also_next_to_another_persons_session(
    client, alice, carol, north
):
    client.force_login(alice)
    _token, secret = token_create(user=carol)
    response = client.post(
        "/api/v1/workspaces/north/partners",
        NEW_PARTNER,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 201
    partner = Partner.objects.get(pk=response.json()["id"])
    assert partner.history.get().history_user == carol
