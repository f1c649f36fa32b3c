"""Reads of workspaces and memberships."""

from django.db.models import QuerySet

from partnerkit.workspaces.models import Membership


def membership_list(*, user) -> QuerySet:
    """The person's memberships with their workspaces, by workspace name."""
    return Membership.objects.filter(user=user).select_related("workspace").order_by(
        "workspace__name", "workspace_id"
    )
