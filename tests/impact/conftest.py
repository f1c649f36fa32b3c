"""A running partnership of "north" to count the impact of."""

from datetime import date

import pytest

from partnerkit.partnerships.services import partnership_create


@pytest.fixture
def running(north, alice, museum):
    return partnership_create(
        workspace=north, partner=museum, by=alice, title="Photographs of everyday life",
        owner=alice, started_on=date(2026, 6, 10), goal_types=["content_acquisition"],
    )
