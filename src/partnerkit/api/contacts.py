"""Contacts of a workspace's partners. Personal data: members of the workspace only."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ConflictOut,
    ContactCreate,
    ContactFilterQuery,
    ContactId,
    ContactOut,
    ContactPatch,
    ErrorOut,
    WorkspaceSlug,
)
from partnerkit.partners import selectors, services

router = Router(tags=["Contacts"], auth=TokenAuth(in_workspace=True))

CONTACTS = "/workspaces/{slug}/contacts"
CONTACT = CONTACTS + "/{contact_id}"



def _partner_named_in_request(workspace, partner_id: int):
    """The partner a request names in a field: one of another workspace is a field error, not
    a 404 of the whole request, and reads exactly like an id that does not exist."""
    try:
        return selectors.partner_get(workspace=workspace, pk=partner_id)
    except Http404:
        raise ValidationError(
            {"partner_id": _("There is no partner with this id in this workspace.")}
        ) from None


@router.get(
    CONTACTS,
    response={200: list[ContactOut], **READ_ERRORS, 400: ErrorOut},
    summary="List contacts",
)
@paginate(Pagination)
def contact_list(request, slug: WorkspaceSlug, filters: Query[ContactFilterQuery]):
    """Contacts of all partners of the workspace, or of one partner; contact points first."""
    partner = None
    if filters.partner_id is not None:
        partner = _partner_named_in_request(request.workspace, filters.partner_id)
    return selectors.contact_list(workspace=request.workspace, partner=partner, q=filters.q)


@router.post(CONTACTS, response={201: ContactOut, **WRITE_ERRORS}, summary="Add a contact")
def contact_create(request, slug: WorkspaceSlug, payload: ContactCreate):
    """A new contact at the partner `partner_id` of this workspace."""
    values = payload.model_dump()
    partner = _partner_named_in_request(request.workspace, values.pop("partner_id"))
    contact = services.contact_create(partner=partner, by=request.auth, **values)
    return Status(201, contact)


@router.get(CONTACT, response={200: ContactOut, **READ_ERRORS}, summary="Get a contact")
def contact_detail(request, slug: WorkspaceSlug, contact_id: ContactId):
    return selectors.contact_get(workspace=request.workspace, pk=contact_id)


@router.patch(
    CONTACT,
    response={200: ContactOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Change a contact",
)
def contact_update(request, slug: WorkspaceSlug, contact_id: ContactId, payload: ContactPatch):
    """Change the fields you send and keep the others. Send the `version` you last read: if
    someone saved the contact since, nothing is saved and the answer is 409 with their
    changes."""
    contact = selectors.contact_get(workspace=request.workspace, pk=contact_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    return services.contact_update(contact=contact, by=request.auth, version=version, **values)


@router.delete(CONTACT, response={204: None, **WRITE_ERRORS}, summary="Remove a contact")
def contact_delete(request, slug: WorkspaceSlug, contact_id: ContactId):
    """Removes the contact. The partner's history keeps the record, so it can be brought
    back from the partner's page."""
    contact = selectors.contact_get(workspace=request.workspace, pk=contact_id)
    services.contact_delete(contact=contact, by=request.auth)
    return Status(204, None)
