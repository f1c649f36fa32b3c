"""A partnership of "north" with the museum, and meetings planned for it."""

import datetime as dt

import pytest
from django.utils import timezone

from partnerkit.meetings import services
from partnerkit.partnerships.services import partnership_create


@pytest.fixture
def photo_drive(alice, museum):
    return partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Photo drive",
        goal_types=["content_acquisition"], batna="Photograph the open-air site ourselves",
    )


def next_week(hour=10):
    day = timezone.localdate() + dt.timedelta(days=7)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@pytest.fixture
def meeting(alice, photo_drive):
    return services.meeting_create(
        partnership=photo_drive, by=alice, title="First meeting", starts_at=next_week(),
        minutes=60, location="Museum library",
    )
