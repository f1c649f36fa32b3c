"""What every `partnerkit` subcommand shares: the one-line error and the lookups of the
workspace and the acting person named on the command line, checked as the web checks them.

``partnerkit.cli.main`` prints a ``CliError`` as ``partnerkit: error: <message>`` and exits
with its code: 2 for bad input (the message starts with the option at fault), 1 for a
failure outside our control such as an unreachable Wikimedia service.
"""

from __future__ import annotations

PROG = "partnerkit"


class CliError(Exception):
    """A problem to report in one line on stderr; code 2 is bad input."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def workspace_named(slug: str, option: str = "--workspace"):
    from partnerkit.workspaces.models import Workspace

    workspace = Workspace.objects.filter(slug=slug).first()
    if workspace is None:
        raise CliError(f"{option}: there is no workspace {slug!r}; see `{PROG} workspace list`")
    return workspace


def user_named(username: str, option: str = "--user"):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CliError(f"{option}: there is no user {username!r}")
    return user


def require_role(workspace, user, action: str, doing: str):
    """The user's membership, when their role allows ``action`` (as on the web)."""
    from partnerkit.workspaces.models import Membership
    from partnerkit.workspaces.permissions import NEEDS, can

    membership = Membership.objects.filter(workspace=workspace, user=user).first()
    if membership is None:
        raise CliError(f"--user: {user.username} is not a member of {workspace.slug}")
    if not can(membership, action):
        raise CliError(
            f"--user: {user.username} is a {membership.role} of {workspace.slug}; {doing} "
            f"needs the {NEEDS[action].value} role or higher"
        )
    return membership
