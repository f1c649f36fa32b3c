"""Sample records for the documents API endpoints, for the generated permission tests."""

from partnerkit.documents import services
from partnerkit.partnerships.models import Partnership


def ids(names: set[str], values: dict) -> dict:
    """Values for the path parameters in ``names`` that this app's endpoints add, made in
    the workspace of the partnership in ``values``: a decline letter, which a bare
    partnership can have, and its first version."""
    if "document_id" not in names or values.get("partnership_id") is None:
        return {}
    partnership = Partnership.objects.get(pk=values["partnership_id"])
    letter = services.document_create(
        partnership=partnership, kind="decline", by=partnership.created_by,
        reason="Not this year.",
    )
    found = {"document_id": letter.pk}
    if "number" in names:
        found["number"] = 1
    return found


def write_bodies(partner, partnership) -> dict:
    """For each write endpoint of this app, a body with which a member's request succeeds."""
    document = "/workspaces/{slug}/documents/{document_id}"
    return {
        ("POST", "/workspaces/{slug}/partnerships/{partnership_id}/documents"): {
            "kind": "decline", "reason": "Not this year."
        },
        ("PATCH", document): {"title": "Probe"},
        ("DELETE", document): None,
        ("POST", document + "/status"): {"to": "sent"},
    }
