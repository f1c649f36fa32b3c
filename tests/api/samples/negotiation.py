"""Sample records for the negotiation API endpoints, for the generated permission tests."""


def ids(names: set[str], values: dict) -> dict:
    """Values for the path parameters in ``names`` that this app's endpoints add, made in
    the workspace of the partner and partnership in ``values`` (partner_id, partnership_id)."""
    return {}


def write_bodies(partner, partnership) -> dict:
    """For each write endpoint of this app, a body with which a member's request succeeds."""
    return {}
