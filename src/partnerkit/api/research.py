"""Research endpoints."""

from ninja import Router

from partnerkit.api.auth import TokenAuth

router = Router(tags=["Research"], auth=TokenAuth(in_workspace=True))
