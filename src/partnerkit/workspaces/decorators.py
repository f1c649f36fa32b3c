from functools import wraps

from django.contrib.auth.decorators import login_required

from partnerkit.workspaces.permissions import membership_for, require


def workspace_view(action: str = "view"):
    """Resolve ``workspace_slug`` to the user's membership and check the action is allowed.

    Not a member: 404. A role too low for the action: 403. The view receives the request with
    ``request.workspace`` and ``request.membership`` set, and no ``workspace_slug`` argument.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, workspace_slug, *args, **kwargs):
            membership = membership_for(request.user, workspace_slug)
            require(membership, action)
            request.membership = membership
            request.workspace = membership.workspace
            if request.session.get("workspace") != workspace_slug:
                request.session["workspace"] = workspace_slug
            return view(request, *args, **kwargs)

        wrapper.workspace_action = action
        return wrapper

    return decorator
