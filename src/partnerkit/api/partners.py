"""Partners of a workspace: list, read, create, change, archive, history and restore."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ConflictOut,
    HistoryEntryOut,
    PartnerCreate,
    PartnerFilterQuery,
    PartnerId,
    PartnerListItem,
    PartnerOut,
    PartnerPatch,
    RestoreIn,
    VersionQuery,
    WorkspaceSlug,
)
from partnerkit.partners import selectors, services

router = Router(tags=["Partners"], auth=TokenAuth(in_workspace=True))

PARTNERS = "/workspaces/{slug}/partners"
PARTNER = PARTNERS + "/{partner_id}"



@router.get(PARTNERS, response={200: list[PartnerListItem], **READ_ERRORS}, summary="List partners")
@paginate(Pagination)
def partner_list(request, slug: WorkspaceSlug, filters: Query[PartnerFilterQuery]):
    """Partners of the workspace, active ones by default, each with its number of contacts."""
    return selectors.partner_list(
        workspace=request.workspace,
        filters=selectors.PartnerFilters(**filters.model_dump(exclude_none=True)),
    )


@router.post(PARTNERS, response={201: PartnerOut, **WRITE_ERRORS}, summary="Add a partner")
def partner_create(request, slug: WorkspaceSlug, payload: PartnerCreate):
    """A new partner. `wikidata_qid` also accepts the item's Wikidata address."""
    partner = services.partner_create(
        workspace=request.workspace, by=request.auth, **payload.model_dump()
    )
    return Status(201, partner)


@router.get(PARTNER, response={200: PartnerOut, **READ_ERRORS}, summary="Get a partner")
def partner_detail(request, slug: WorkspaceSlug, partner_id: PartnerId):
    return selectors.partner_get(workspace=request.workspace, pk=partner_id)


@router.patch(
    PARTNER,
    response={200: PartnerOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Change a partner",
)
def partner_update(request, slug: WorkspaceSlug, partner_id: PartnerId, payload: PartnerPatch):
    """Change the fields you send and keep the others. Send the `version` you last read: if
    someone saved the partner since, nothing is saved and the answer is 409 with their
    changes."""
    partner = selectors.partner_get(workspace=request.workspace, pk=partner_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    return services.partner_update(partner=partner, by=request.auth, version=version, **values)


@router.delete(
    PARTNER,
    response={200: PartnerOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Archive a partner",
)
def partner_archive(
    request, slug: WorkspaceSlug, partner_id: PartnerId, version: VersionQuery = None
):
    """Archives the partner: nothing is deleted. It leaves the default list (find it with
    `status=archived`), keeps its contacts and history, and comes back with
    `POST …/unarchive`. Archiving an archived partner changes nothing."""
    partner = selectors.partner_get(workspace=request.workspace, pk=partner_id)
    return services.partner_archive(partner=partner, by=request.auth, version=version)


@router.post(
    PARTNER + "/unarchive",
    response={200: PartnerOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Take a partner out of the archive",
)
def partner_unarchive(
    request, slug: WorkspaceSlug, partner_id: PartnerId, version: VersionQuery = None
):
    """Makes an archived partner active again; an active partner stays as it is."""
    partner = selectors.partner_get(workspace=request.workspace, pk=partner_id)
    return services.partner_unarchive(partner=partner, by=request.auth, version=version)


@router.get(
    PARTNER + "/history",
    response={200: list[HistoryEntryOut], **READ_ERRORS},
    summary="History of a partner",
)
@paginate(Pagination)
def partner_history(request, slug: WorkspaceSlug, partner_id: PartnerId):
    """Every change to the partner and to its contacts (also removed ones), newest first:
    who, when, why and each field's old and new value."""
    partner = selectors.partner_get(workspace=request.workspace, pk=partner_id)
    return selectors.partner_timeline(partner=partner).entries


@router.post(
    PARTNER + "/restore",
    response={200: PartnerOut, **WRITE_ERRORS},
    summary="Restore an earlier version of a partner",
)
def partner_restore(request, slug: WorkspaceSlug, partner_id: PartnerId, payload: RestoreIn):
    """Brings back the fields and tags the partner had at a history entry of its own. The
    restore is a new change: the history keeps the version it replaces."""
    partner = selectors.partner_get(workspace=request.workspace, pk=partner_id)
    return services.partner_restore(partner=partner, history_id=payload.history_id, by=request.auth)
