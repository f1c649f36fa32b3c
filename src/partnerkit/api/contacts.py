"""Contacts of a workspace's partners. Personal data: members of the workspace only."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Status
from ninja.pagination import paginate

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api import schemas
from partnerkit.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ConflictOut,
    ContactFilterQuery,
    ContactId,
    ErrorOut,
    WorkspaceSlug,
    optional,
)
from partnerkit.partners import selectors, services
from partnerkit.partners.models import Contact
from partnerkit.workspaces.models import Membership

router = Router(tags=["Contacts"], auth=TokenAuth(in_workspace=True))

CONTACTS = "/workspaces/{slug}/contacts"
CONTACT = CONTACTS + "/{contact_id}"

OUR_OWNER_HELP = "The username of the member who keeps in touch with this person."
INTRODUCER_HELP = "The id of another contact of the same partner who introduced this person."


# The contact schemas with the contact map's two fields (who owns the relationship on our
# side, which colleague introduced the person); same names, so the OpenAPI schema keeps them.


class ContactOut(schemas.ContactOut):
    our_owner: str | None = Field(description=OUR_OWNER_HELP)
    introduced_by_contact_id: int | None = Field(description=INTRODUCER_HELP)

    @staticmethod
    def resolve_our_owner(contact) -> str | None:
        return contact.our_owner.username if contact.our_owner_id else None


class ContactCreate(schemas.ContactCreate):
    our_owner: str | None = Field(None, description=OUR_OWNER_HELP)
    introduced_by_contact_id: int | None = Field(None, description=INTRODUCER_HELP)


class ContactPatch(schemas.ContactPatch):
    our_owner: str | None = optional(OUR_OWNER_HELP)
    introduced_by_contact_id: int | None = optional(INTRODUCER_HELP)


def _contact_references(workspace, partner, values: dict) -> dict:
    """Replace `our_owner` (a username) and `introduced_by_contact_id` with the records the
    services take; one of another workspace or partner is a field error, like a missing one."""
    if "our_owner" in values:
        username = values.pop("our_owner")
        owner = None
        if username:
            membership = (
                Membership.objects.select_related("user")
                .filter(workspace=workspace, user__username=username)
                .first()
            )
            if membership is None:
                raise ValidationError(
                    {"our_owner": _("No member of this workspace has the username “%(username)s”.")
                     % {"username": username}}
                )
            owner = membership.user
        values["our_owner"] = owner
    if "introduced_by_contact_id" in values:
        contact_id = values.pop("introduced_by_contact_id")
        introducer = None
        if contact_id is not None:
            introducer = Contact.objects.filter(partner=partner, pk=contact_id).first()
            if introducer is None:
                raise ValidationError(
                    {"introduced_by_contact_id": _("Choose another contact of %(partner)s.")
                     % {"partner": partner.name}}
                )
        values["introduced_by_contact"] = introducer
    return values



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
    return selectors.contact_list(
        workspace=request.workspace, partner=partner, q=filters.q
    ).select_related("our_owner")


@router.post(CONTACTS, response={201: ContactOut, **WRITE_ERRORS}, summary="Add a contact")
def contact_create(request, slug: WorkspaceSlug, payload: ContactCreate):
    """A new contact at the partner `partner_id` of this workspace."""
    values = payload.model_dump()
    partner = _partner_named_in_request(request.workspace, values.pop("partner_id"))
    values = _contact_references(request.workspace, partner, values)
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
def contact_update(
    request, slug: WorkspaceSlug, contact_id: ContactId, payload: ContactPatch
):
    """Change the fields you send and keep the others. Send the `version` you last read: if
    someone saved the contact since, nothing is saved and the answer is 409 with their
    changes."""
    contact = selectors.contact_get(workspace=request.workspace, pk=contact_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    values = _contact_references(request.workspace, contact.partner, values)
    return services.contact_update(contact=contact, by=request.auth, version=version, **values)


@router.delete(CONTACT, response={204: None, **WRITE_ERRORS}, summary="Remove a contact")
def contact_delete(request, slug: WorkspaceSlug, contact_id: ContactId):
    """Removes the contact. The partner's history keeps the record, so it can be brought
    back from the partner's page."""
    contact = selectors.contact_get(workspace=request.workspace, pk=contact_id)
    services.contact_delete(contact=contact, by=request.auth)
    return Status(204, None)
