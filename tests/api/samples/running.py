"""Sample records for the running API endpoints, for the generated permission tests."""

import datetime as dt

from django.utils import timezone


def _start() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=40)


def ids(names: set[str], values: dict) -> dict:
    """An activity (with its checklist) and a role in the partnership in ``values``, for the
    path parameters in ``names`` that this app's endpoints add."""
    wanted = names & {"activity_id", "item_id", "role_id"}
    if not wanted or values.get("partnership_id") is None:
        return {}
    from partnerkit.partnerships.models import Partnership
    from partnerkit.running import services

    partnership = Partnership.objects.select_related("partner").get(pk=values["partnership_id"])
    by = partnership.created_by
    found = {}
    if wanted & {"activity_id", "item_id"}:
        activity = services.activity_create(
            partnership=partnership, by=by, recipe="photo_drive", starts_on=_start()
        )
        found["activity_id"] = activity.pk
        found["item_id"] = activity.checklist.first().pk
    if "role_id" in wanted:
        found["role_id"] = services.role_add(
            partnership=partnership, by=by, side="ours", area="reporting", raci="A", member=by
        ).pk
    return {name: found[name] for name in wanted}


def write_bodies(partner, partnership) -> dict:
    """For each write endpoint of this app, a body with which a member's request succeeds."""
    activities = "/workspaces/{slug}/partnerships/{partnership_id}/activities"
    activity = "/workspaces/{slug}/activities/{activity_id}"
    role = "/workspaces/{slug}/roles/{role_id}"
    return {
        ("POST", activities): {"recipe": "editathon", "starts_on": _start().isoformat()},
        ("PATCH", activity): {"wikidata_items": ["Q42"], "commons_category": "Probe files"},
        ("DELETE", activity): None,
        ("POST", activity + "/cancel"): {"reason": "The venue closed."},
        ("POST", activity + "/checklist"): {"title": "Probe", "due_on": _start().isoformat()},
        ("PATCH", activity + "/checklist/{item_id}"): {"done": True},
        ("DELETE", activity + "/checklist/{item_id}"): None,
        ("POST", "/workspaces/{slug}/partnerships/{partnership_id}/roles"): {
            "side": "ours", "area": "uploads", "raci": "R", "member": "alice",
        },
        ("PATCH", role): {"area": "communication"},
        ("DELETE", role): None,
    }
