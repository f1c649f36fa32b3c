"""A partnership of "north" with the museum, and an edit-a-thon planned for it.

- ingrid: the museum's contact (from the root conftest's museum)
- sven: a second contact at the museum
"""

import datetime as dt

import pytest
from django.utils import timezone

from partnerkit.partners.services import contact_create
from partnerkit.partnerships.services import partnership_create
from partnerkit.running import services


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def project(alice, museum):
    return partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Costume photographs",
        goal_types=["content_acquisition"], owner=alice,
    )


@pytest.fixture
def ingrid(museum):
    return museum.contacts.get(name="Ingrid Larsson")


@pytest.fixture
def sven(museum, alice):
    return contact_create(partner=museum, by=alice, name="Sven Berg", role_title="Curator")


@pytest.fixture
def editathon(alice, project):
    return services.activity_create(
        partnership=project, by=alice, recipe="editathon", starts_on=in_days(30),
        location="Museum library",
    )
