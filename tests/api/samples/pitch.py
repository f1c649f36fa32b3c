"""Sample records for the pitch API endpoints, for the generated permission tests."""

from partnerkit.partners.models import Partner
from partnerkit.partnerships.models import Partnership
from partnerkit.pitch import services


def ids(names: set[str], values: dict) -> dict:
    """Values for the path parameters in ``names`` that this app's endpoints add, made in
    the workspace of the partner and partnership in ``values`` (partner_id, partnership_id)."""
    found = {}
    if "action_id" in names and values.get("partnership_id"):
        partnership = Partnership.objects.get(pk=values["partnership_id"])
        action = services.action_create(
            partnership=partnership, by=None, side="joint", text="Probe action"
        )
        found["action_id"] = action.pk
    if "text_id" in names and values.get("partner_id"):
        partner = Partner.objects.get(pk=values["partner_id"])
        text = services.partner_text_create(partner=partner, by=None, title="Probe", text="Probe")
        found["text_id"] = text.pk
    return found


def write_bodies(partner, partnership) -> dict:
    """For each write endpoint of this app, a body with which a member's request succeeds."""
    pitch = "/workspaces/{slug}/partnerships/{partnership_id}/pitch"
    texts = "/workspaces/{slug}/partners/{partner_id}/texts"
    return {
        ("PATCH", pitch): {"summary": "Probe"},
        ("POST", pitch + "/actions"): {"side": "ours", "text": "Probe"},
        ("PATCH", pitch + "/actions/{action_id}"): {"text": "Probe again"},
        ("DELETE", pitch + "/actions/{action_id}"): None,
        ("POST", texts): {"title": "Probe", "text": "Probe text"},
        ("DELETE", texts + "/{text_id}"): None,
    }
