"""Records the negotiation tests share: a meeting of north's photo project and a partnership
of south, and helpers to add commitments."""

import datetime

import pytest
from django.utils import timezone

from partnerkit.groundwork.models import Profile
from partnerkit.meetings.models import Meeting
from partnerkit.negotiation import services

DANGEROUS = "We will give the museum exclusive rights to the photos."
SAFE = "We will run an edit-a-thon in the museum's library in May."


@pytest.fixture
def meeting(photo_project, alice):
    """The first meeting with the museum, an hour long, last week."""
    return Meeting.objects.create(
        workspace=photo_project.workspace,
        partnership=photo_project,
        title="First meeting",
        starts_at=timezone.now() - datetime.timedelta(days=7),
        minutes=60,
        created_by=alice,
    )


@pytest.fixture
def flagged(photo_project, alice, meeting):
    """A dangerous promise made in the meeting."""
    return services.commitment_create(
        partnership=photo_project, by=alice, meeting=meeting, text=DANGEROUS, effort_hours=4
    )


def set_capacity(workspace, hours: int) -> Profile:
    return Profile.objects.update_or_create(
        workspace=workspace, defaults={"hours_per_month": hours}
    )[0]
