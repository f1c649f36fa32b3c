"""Partnerships of a workspace: list, board, read, create, change, move between stages, history
and restore.

Stage moves go through the same service as the web's board, so the method's entry rules and
the override right are the same here; a blocked move answers 409 with what is missing.
"""

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
    BoardOut,
    BoardQuery,
    ConflictOut,
    ErrorOut,
    PartnershipCreate,
    PartnershipFilterQuery,
    PartnershipHistoryEntryOut,
    PartnershipId,
    PartnershipOut,
    PartnershipPatch,
    PartnershipRestoreIn,
    StageBlockedOut,
    StageChangeOut,
    StageMoveIn,
    StageMoveOut,
    WorkspaceSlug,
)
from partnerkit.partners import selectors as partner_selectors
from partnerkit.partners.models import Contact
from partnerkit.partnerships import selectors, services
from partnerkit.workspaces.models import Membership

router = Router(tags=["Partnerships"], auth=TokenAuth(in_workspace=True))

PARTNERSHIPS = "/workspaces/{slug}/partnerships"
PARTNERSHIP = PARTNERSHIPS + "/{partnership_id}"


# Records named in a request's fields. One of another workspace reads exactly like an id that
# does not exist, and is a field error (400), not a 404 of the whole request.


def _partner_named(workspace, partner_id: int):
    try:
        return partner_selectors.partner_get(workspace=workspace, pk=partner_id)
    except Http404:
        raise ValidationError(
            {"partner_id": _("There is no partner with this id in this workspace.")}
        ) from None


def _member_named(workspace, username: str, *, field: str = "owner"):
    membership = (
        Membership.objects.select_related("user")
        .filter(workspace=workspace, user__username=username)
        .first()
    )
    if membership is None:
        raise ValidationError(
            {
                field: _("No member of this workspace has the username “%(username)s”.")
                % {"username": username}
            }
        )
    return membership.user


def _contact_of(partner, contact_id: int) -> Contact:
    contact = Contact.objects.filter(partner=partner, pk=contact_id).first()
    if contact is None:
        raise ValidationError(
            {
                "partner_owner_id": _("Choose one of the contacts of %(partner)s.")
                % {"partner": partner.name}
            }
        )
    return contact


def _references(workspace, partner, values: dict) -> dict:
    """Replace the API's `owner` (a username) and `partner_owner_id` with the records the
    services take, keeping each absent when the request left it out."""
    if "owner" in values:
        username = values.pop("owner")
        values["owner"] = None if not username else _member_named(workspace, username)
    if "partner_owner_id" in values:
        contact_id = values.pop("partner_owner_id")
        values["partner_owner"] = None if contact_id is None else _contact_of(partner, contact_id)
    return values


def _filters(workspace, query) -> selectors.PartnershipFilters:
    values = query.model_dump(exclude_none=True)
    partner_id = values.pop("partner_id", None)
    if partner_id is not None:
        values["partner"] = _partner_named(workspace, partner_id).pk
    owner = values.get("owner", "")
    if owner and owner != "none":
        values["owner"] = str(_member_named(workspace, owner).pk)
    return selectors.PartnershipFilters(**values)


# Reading -------------------------------------------------------------------------------------


@router.get(
    PARTNERSHIPS,
    response={200: list[PartnershipOut], **READ_ERRORS, 400: ErrorOut},
    summary="List partnerships",
)
@paginate(Pagination)
def partnership_list(request, slug: WorkspaceSlug, filters: Query[PartnershipFilterQuery]):
    """Partnerships of the workspace in every stage, by title unless `sort` says otherwise.
    The filters combine: each one narrows the list further."""
    return selectors.partnership_list(
        workspace=request.workspace, filters=_filters(request.workspace, filters)
    )


@router.get(
    "/workspaces/{slug}/board",
    response={200: BoardOut, **READ_ERRORS, 400: ErrorOut},
    summary="The board of partnerships",
)
def partnership_board(request, slug: WorkspaceSlug, filters: Query[BoardQuery]):
    """One column per stage, in the order of the method, each with the number of
    partnerships, their total effort, and its first `cards` partnerships, soonest due first.
    Takes the filters of the list."""
    values = filters.model_dump()
    cards = values.pop("cards")
    columns = selectors.board(
        workspace=request.workspace,
        filters=_filters(request.workspace, PartnershipFilterQuery(**values)),
        cards_per_stage=cards,
    )
    return {"columns": columns}


@router.get(PARTNERSHIP, response={200: PartnershipOut, **READ_ERRORS}, summary="Get a partnership")
def partnership_detail(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """Everything about a partnership, including the internal estimates and BATNA, which
    members of the workspace may see and partners never do."""
    return selectors.partnership_get(workspace=request.workspace, pk=partnership_id)


@router.get(
    PARTNERSHIP + "/stage-changes",
    response={200: list[StageChangeOut], **READ_ERRORS},
    summary="Stage changes of a partnership",
)
@paginate(Pagination)
def partnership_stage_changes(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """Every move between stages, newest first: who, when, why, and the conditions an
    override set aside."""
    partnership = selectors.partnership_get(workspace=request.workspace, pk=partnership_id)
    return selectors.stage_changes(partnership=partnership)


@router.get(
    PARTNERSHIP + "/history",
    response={200: list[PartnershipHistoryEntryOut], **READ_ERRORS},
    summary="History of a partnership",
)
@paginate(Pagination)
def partnership_history(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """Every change to the partnership, newest first: who, when, why and each field's old
    and new value. Internal fields are marked `private`."""
    partnership = selectors.partnership_get(workspace=request.workspace, pk=partnership_id)
    return selectors.partnership_timeline(partnership=partnership)


# Writing -------------------------------------------------------------------------------------


@router.post(
    PARTNERSHIPS, response={201: PartnershipOut, **WRITE_ERRORS}, summary="Add a partnership"
)
def partnership_create(request, slug: WorkspaceSlug, payload: PartnershipCreate):
    """A new partnership with the partner `partner_id` of this workspace. It starts as an
    idea; move it on with `POST …/stage`."""
    values = payload.model_dump()
    partner = _partner_named(request.workspace, values.pop("partner_id"))
    values = _references(request.workspace, partner, values)
    partnership = services.partnership_create(
        workspace=request.workspace, partner=partner, by=request.auth, **values
    )
    return Status(201, selectors.partnership_get(workspace=request.workspace, pk=partnership.pk))


@router.patch(
    PARTNERSHIP,
    response={200: PartnershipOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Change a partnership",
)
def partnership_update(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: PartnershipPatch
):
    """Change the fields you send and keep the others; the stage changes only with
    `POST …/stage`. Send the `version` you last read: if someone saved the partnership since,
    nothing is saved and the answer is 409 with their changes."""
    partnership = selectors.partnership_get(workspace=request.workspace, pk=partnership_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    values = _references(request.workspace, partnership.partner, values)
    services.partnership_update(partnership=partnership, by=request.auth, version=version, **values)
    return selectors.partnership_get(workspace=request.workspace, pk=partnership.pk)


@router.post(
    PARTNERSHIP + "/stage",
    response={200: StageMoveOut, **WRITE_ERRORS, 409: StageBlockedOut},
    summary="Move a partnership to another stage",
)
def partnership_move(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: StageMoveIn
):
    """Moves the partnership when the method's conditions for the stage hold, and answers
    with the partnership and the recorded stage change.

    When conditions are unmet the answer is 409: `unmet` lists each one with its rule, and
    `errors.to` the same messages. Coordinators and admins may move anyway by sending
    `override_reason`; the change then records which conditions were set aside. Declining,
    dropping and putting on hold need a `reason`."""
    partnership = selectors.partnership_get(workspace=request.workspace, pk=partnership_id)
    try:
        change = services.partnership_move(
            partnership=partnership,
            to_stage=payload.to,
            by=request.auth,
            reason=payload.reason or "",
            override_reason=payload.override_reason,
        )
    except services.StageBlocked as blocked:
        messages = blocked.messages
        return Status(
            409,
            {
                "detail": str(blocked),
                "errors": {"to": messages},
                "unmet": [
                    {"rule": item.rule, "message": message}
                    for item, message in zip(blocked.unmet, messages, strict=True)
                ],
            },
        )
    return {
        "partnership": selectors.partnership_get(workspace=request.workspace, pk=partnership.pk),
        "stage_change": change,
    }


@router.post(
    PARTNERSHIP + "/restore",
    response={200: PartnershipOut, **WRITE_ERRORS},
    summary="Restore an earlier version of a partnership",
)
def partnership_restore(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: PartnershipRestoreIn
):
    """Brings back the fields and goal types the partnership had at an entry of its history.
    The stage stays as it is (stages move only with `POST …/stage`), and the restore is a new
    change: the history keeps the version it replaces."""
    partnership = selectors.partnership_get(workspace=request.workspace, pk=partnership_id)
    services.partnership_restore(
        partnership=partnership, history_id=payload.history_id, by=request.auth
    )
    return selectors.partnership_get(workspace=request.workspace, pk=partnership.pk)
