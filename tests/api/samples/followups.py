"""Sample records for the follow-ups API endpoints, for the generated permission tests."""

import datetime as dt

from django.utils import timezone

from partnerkit.followups import services
from partnerkit.partnerships.models import Partnership


def ids(names: set[str], values: dict) -> dict:
    """Values for the path parameters in ``names`` that this app's endpoints add, made in
    the workspace of the partner and partnership in ``values`` (partner_id, partnership_id)."""
    if not names & {"followup_id", "interaction_id"} or values.get("partnership_id") is None:
        return {}
    partnership = Partnership.objects.get(pk=values["partnership_id"])
    by = partnership.created_by
    found = {}
    if "followup_id" in names:
        found["followup_id"] = services.followup_create(
            partnership=partnership, by=by, title="Probe task", due_on=timezone.localdate()
        ).pk
    if "interaction_id" in names:
        found["interaction_id"] = services.interaction_log(
            partnership=partnership, by=by, summary="Probe e-mail"
        ).pk
    return found


def write_bodies(partner, partnership) -> dict:
    """For each write endpoint of this app, a body with which a member's request succeeds."""
    task = "/workspaces/{slug}/follow-ups/{followup_id}"
    interactions = "/workspaces/{slug}/partnerships/{partnership_id}/interactions"
    next_week = timezone.localdate() + dt.timedelta(days=7)
    return {
        ("POST", "/workspaces/{slug}/partnerships/{partnership_id}/follow-ups"): {
            "title": "Probe", "due_on": next_week.isoformat()
        },
        ("POST", task + "/done"): {},
        ("POST", task + "/snooze"): {"until": next_week.isoformat(), "reason": "Probe"},
        ("POST", task + "/reassign"): {"owner": None},
        ("POST", task + "/cancel"): {"reason": "Probe"},
        ("POST", interactions): {"kind": "call", "summary": "Probe"},
        ("PATCH", interactions + "/{interaction_id}"): {"summary": "Probe again"},
        ("DELETE", interactions + "/{interaction_id}"): None,
    }
