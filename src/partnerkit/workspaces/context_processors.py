from partnerkit.workspaces.selectors import membership_list


def current_workspace(request):
    """The workspace and membership a page works in, and the user's other workspaces."""
    membership = getattr(request, "membership", None)
    context = {"membership": membership, "workspace": getattr(membership, "workspace", None)}
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        context["my_memberships"] = membership_list(user=request.user)
    return context
