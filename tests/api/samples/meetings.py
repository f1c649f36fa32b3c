"""Sample records for the meetings API endpoints, for the generated permission tests."""

import datetime as dt

from django.utils import timezone


def _start():
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=7)


def ids(names: set[str], values: dict) -> dict:
    """Values for the path parameters in ``names`` that this app's endpoints add, made in
    the workspace of the partner and partnership in ``values`` (partner_id, partnership_id)."""
    if not names & {"meeting_id", "attendee_id", "step_id"} or "partnership_id" not in values:
        return {}
    from partnerkit.meetings import services
    from partnerkit.partnerships.models import Partnership

    partnership = Partnership.objects.select_related("partner").get(pk=values["partnership_id"])
    by = partnership.created_by
    meeting = services.meeting_create(
        partnership=partnership, by=by, title="Sample meeting", starts_at=_start(), minutes=60
    )
    found = {"meeting_id": meeting.pk}
    if "attendee_id" in names:
        found["attendee_id"] = services.attendee_add(
            meeting=meeting, by=by, side="theirs", name="Sample guest"
        ).pk
    if "step_id" in names:
        found["step_id"] = services.next_step_add(meeting=meeting, by=by, text="Sample step").pk
    return found


def write_bodies(partner, partnership) -> dict:
    """For each write endpoint of this app, a body with which a member's request succeeds."""
    base = "/workspaces/{slug}/meetings"
    return {
        ("POST", base): {
            "partnership_id": partnership.pk,
            "title": "Probe",
            "starts_at": _start().isoformat(),
            "minutes": 60,
        },
        ("PATCH", base + "/{meeting_id}"): {"title": "Probe"},
        ("DELETE", base + "/{meeting_id}"): None,
        ("POST", base + "/{meeting_id}/attendees"): {"side": "theirs", "name": "Probe"},
        ("DELETE", base + "/{meeting_id}/attendees/{attendee_id}"): None,
        ("POST", base + "/{meeting_id}/next-steps"): {"text": "Probe"},
        ("PATCH", base + "/{meeting_id}/next-steps/{step_id}"): {"done": True},
    }
