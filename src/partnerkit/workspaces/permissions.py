"""Who may do what in a workspace: the one place where that is decided.

Reading needs membership; an object of a workspace you are not a member of does not exist for
you (404, never 403, so ids cannot be probed). Writing needs a role: viewers read only,
members and coordinators edit records, admins also manage the team.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from partnerkit.workspaces.models import Membership, Role

# What each action needs, by name, so views, API and CLI ask the same question.
NEEDS = {
    "view": Role.VIEWER,
    "edit": Role.MEMBER,
    # Setting aside the method's conditions for a stage change (recorded with a reason).
    "override": Role.COORDINATOR,
    "manage_members": Role.ADMIN,
}


def membership_for(user, workspace_slug: str) -> Membership:
    """The user's membership of the workspace, or 404 when there is none."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("workspace")
        .filter(user=user, workspace__slug=workspace_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def can(membership: Membership, action: str) -> bool:
    return membership.can(NEEDS[action])


def require(membership: Membership, action: str) -> None:
    """403 with a reason when the member's role does not allow the action."""
    if not can(membership, action):
        raise PermissionDenied(
            _("Your role (%(role)s) does not allow this; ask an admin of %(workspace)s.")
            % {"role": membership.get_role_display(), "workspace": membership.workspace.name}
        )
