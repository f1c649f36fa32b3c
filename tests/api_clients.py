"""Calling the API as the named test people, each with their own token (a pytest plugin
registered by the root conftest, so every test folder has these fixtures)."""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client

from partnerkit.accounts.services import token_create
from partnerkit.partnerships import services as partnership_services

PREFIX = "/api/v1"


class ApiClient:
    """Django's test client with a bearer token and JSON bodies; paths are relative to /api/v1."""

    def __init__(self, secret: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}

    def request(self, method: str, path: str, body=None, **params):
        url = PREFIX + path + (f"?{urlencode(params)}" if params else "")
        data = "" if body is None else json.dumps(body)
        return self.client.generic(
            method.upper(), url, data, content_type="application/json", **self.headers
        )

    def get(self, path: str, **params):
        return self.request("GET", path, **params)

    def post(self, path: str, body=None, **params):
        return self.request("POST", path, body, **params)

    def patch(self, path: str, body=None, **params):
        return self.request("PATCH", path, body, **params)

    def delete(self, path: str, **params):
        return self.request("DELETE", path, **params)


def api_as(user) -> ApiClient:
    _token, secret = token_create(user=user, name="tests")
    return ApiClient(secret)


@pytest.fixture
def api_with_token():
    """An API client sending the given secret, or no Authorization header for None."""
    return ApiClient


@pytest.fixture
def alice_api(alice, north):
    return api_as(alice)


@pytest.fixture
def carol_api(carol, north):
    return api_as(carol)


@pytest.fixture
def victor_api(victor, north):
    return api_as(victor)


@pytest.fixture
def bob_api(bob, south):
    return api_as(bob)


@pytest.fixture
def ingrid(museum):
    """The museum's one contact."""
    return museum.contacts.get()


@pytest.fixture
def lucia(southern_library):
    """The southern library's one contact, which north's people must never see."""
    return southern_library.contacts.get()


@pytest.fixture
def photo_project(museum, alice):
    """North's one partnership, with the museum: an idea for a photo donation."""
    return partnership_services.partnership_create(
        workspace=museum.workspace,
        partner=museum,
        by=alice,
        title="Photo donation",
        goal_types=["content_acquisition"],
        sketch="Ten thousand photographs of rural life on Commons.",
    )


@pytest.fixture
def southern_project(southern_library, bob):
    """South's one partnership, which north's people must never see."""
    return partnership_services.partnership_create(
        workspace=southern_library.workspace,
        partner=southern_library,
        by=bob,
        title="Reading club",
        sketch="Monthly edit-a-thons in the reading room.",
    )
