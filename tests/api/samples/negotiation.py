"""Sample records for the negotiation API endpoints, for the generated permission tests."""

from partnerkit.negotiation.models import Commitment
from partnerkit.partnerships.models import Partnership


def ids(names: set[str], values: dict) -> dict:
    """Values for the path parameters in ``names`` that this app's endpoints add, made in
    the workspace of the partner and partnership in ``values`` (partner_id, partnership_id)."""
    if "commitment_id" not in names or values.get("partnership_id") is None:
        return {}
    partnership = Partnership.objects.get(pk=values["partnership_id"])
    commitment = Commitment.objects.create(
        workspace=partnership.workspace, partnership=partnership, text="Probe commitment"
    )
    return {"commitment_id": commitment.pk}


def write_bodies(partner, partnership) -> dict:
    """For each write endpoint of this app, a body with which a member's request succeeds."""
    commitments = "/workspaces/{slug}/partnerships/{partnership_id}/commitments"
    return {
        ("POST", commitments): {"text": "We will run an edit-a-thon.", "effort_hours": 4},
        ("PATCH", commitments + "/{commitment_id}"): {"status": "done"},
        ("DELETE", commitments + "/{commitment_id}"): None,
        ("POST", "/workspaces/{slug}/partnerships/{partnership_id}/warning-signs"): {
            "code": "tight_deadline", "evidence": "Everything by next month, they said."
        },
        ("POST", "/workspaces/{slug}/screening"): {"text": "We will lock the article."},
    }
