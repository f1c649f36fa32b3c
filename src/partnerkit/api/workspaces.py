"""The workspaces the caller belongs to."""

from ninja import Router
from ninja.pagination import paginate

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api.schemas import ErrorOut, WorkspaceOut, WorkspaceSlug
from partnerkit.workspaces.selectors import membership_list

router = Router(tags=["Workspaces"])


@router.get(
    "/workspaces",
    auth=TokenAuth(),
    response={200: list[WorkspaceOut], 401: ErrorOut},
    summary="List your workspaces",
)
@paginate(Pagination)
def workspace_list(request):
    """The workspaces you are a member of, by name, each with your role in it."""
    return membership_list(user=request.auth)


@router.get(
    "/workspaces/{slug}",
    auth=TokenAuth(in_workspace=True),
    response={200: WorkspaceOut, 401: ErrorOut, 404: ErrorOut},
    summary="Get a workspace",
)
def workspace_detail(request, slug: WorkspaceSlug):
    """One of your workspaces and your role in it; 404 for a workspace you are not in."""
    return request.membership
