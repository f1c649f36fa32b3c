"""Sample records for the pitch pages, for the generated permission tests."""


def arguments(alice, museum) -> dict:
    """URL arguments for this app's pages: {"name": value} or {("app:view", "name"): value}."""
    return {}
