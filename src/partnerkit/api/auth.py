"""Who is calling, and what they may do in the workspace named in the path.

Only bearer tokens are accepted, never the browser's session cookie: a token cannot be sent by
another site on the user's behalf, so the API needs no CSRF protection.
"""

from ninja.security import HttpBearer

from partnerkit.accounts.services import token_authenticate
from partnerkit.workspaces.permissions import membership_for, require

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, the token from `partnerkit token create`.

    With ``in_workspace`` it also resolves the caller's membership of the workspace whose slug
    is in the path, before the request body is read: someone who is not a member gets 404
    (the workspace does not exist for them) and a role too low for the action gets 403,
    whatever they sent. The action is "view" for reads and "edit" for writes unless given.
    The view then finds ``request.membership`` and ``request.workspace``, as web views do.
    """

    openapi_description = (
        "An API token, created with `partnerkit token create --user U` or on the account page."
    )

    def __init__(self, *, in_workspace: bool = False, action: str | None = None):
        super().__init__()
        self.in_workspace = in_workspace
        self.action = action

    def authenticate(self, request, token):
        user = token_authenticate(token)
        if user is None:
            return None
        # The token decides who acts, also when the browser sends someone's session cookie.
        request.user = user
        if not self.in_workspace:
            return user
        membership = membership_for(user, request.resolver_match.kwargs["slug"])
        require(membership, self.action or ("view" if request.method in READ_METHODS else "edit"))
        request.membership = membership
        request.workspace = membership.workspace
        return user
