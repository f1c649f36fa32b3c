"""Discovery endpoints."""

from ninja import Router

from partnerkit.api.auth import TokenAuth

router = Router(tags=["Discovery"], auth=TokenAuth(in_workspace=True))
