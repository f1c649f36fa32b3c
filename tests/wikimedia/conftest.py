"""Helpers for the Wikimedia client tests: recorded answers served without a network."""

import json
from pathlib import Path

import httpx
import pytest

from partnerkit.wikimedia.http import Client

FIXTURES = Path(__file__).parent.parent / "fixtures" / "wikimedia"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_json(name: str):
    return json.loads(fixture_bytes(name))


class FakeClock:
    """A clock that only moves when someone sleeps on it."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Served:
    """An httpx.MockTransport that answers with ``handler`` and keeps every request."""

    def __init__(self, handler):
        self.handler = handler
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    def params(self, index: int = -1) -> dict[str, str]:
        return dict(self.requests[index].url.params)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def serve(clock):
    """``serve(handler, **client_kwargs)`` → (Client, Served); the client sleeps on ``clock``."""
    made = []

    def make(handler, **kwargs):
        served = Served(handler)
        kwargs.setdefault("sleep", clock.sleep)
        kwargs.setdefault("clock", clock)
        client = Client(transport=served.transport, **kwargs)
        made.append(client)
        return client, served

    yield make
    for client in made:
        client.close()
