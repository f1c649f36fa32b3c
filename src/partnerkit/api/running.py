"""Running a partnership in the API: the catalogue of activity recipes, a partnership's
activities with their checklists and outputs, and the roles on both sides with the
single-point-of-failure warnings.

An activity is planned from a recipe: its checklist is dated from the start, and moving the
start moves the open items. Saving an activity's outputs (Commons category, uploads,
Wikidata items, articles) lets the impact statistics count them. Roles name members of the
workspace on our side and the partner's contacts on theirs; the contacts are personal data,
for the workspace's members only.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, P, Path, Router, Schema, Status
from ninja.pagination import paginate

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api.schemas import (
    READ_ERRORS,
    VERSION_HELP,
    WRITE_ERRORS,
    ConflictOut,
    InputSchema,
    PartnershipId,
    WorkspaceSlug,
    optional,
)
from partnerkit.method import activities as method
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.selectors import partnership_get
from partnerkit.running import selectors, services
from partnerkit.running.models import ChecklistItem, Role
from partnerkit.workspaces.models import Membership

router = Router(tags=["Running"], auth=TokenAuth(in_workspace=True))

WORKSPACE = "/workspaces/{slug}"
PARTNERSHIP = WORKSPACE + "/partnerships/{partnership_id}"
ACTIVITY = WORKSPACE + "/activities/{activity_id}"
ROLE = WORKSPACE + "/roles/{role_id}"
ActivityId = Path[int, P(description="The id of an activity of this workspace.")]
ItemId = Path[int, P(description="The id of an item of this activity's checklist.")]
RoleId = Path[int, P(description="The id of a role in a partnership of this workspace.")]
RECIPE_HELP = "The code of a recipe: " + ", ".join(method.CODES) + "."
PRIVATE = " Internal: never shown to the partner."


# Schemas --------------------------------------------------------------------------------------


class RecipeStepOut(Schema):
    offset_days: int = Field(description="Days before (negative) or after the start.")
    title: str
    area: str = Field(description="The area of work: whoever holds its role gets the item.")


class RecipeOut(Schema):
    code: str
    title: str
    description: str
    typical_length: str
    typical_days: int = Field(description="Days from the first to the last, both included.")
    first_scale: str = Field(description="What a good first one looks like: start small.")
    first_participants: int | None = Field(description="The most the recipe advises at first.")
    outputs: list[str] = Field(description="commons_category, uploads, wikidata_items, articles.")
    goal_types: list[str]
    online_possible: bool
    checklist: list[RecipeStepOut]


class ChecklistItemOut(Schema):
    id: int
    title: str
    due_on: dt.date
    area: str
    owner: str | None = Field(description="Username of the member who does it.")
    done: bool
    done_at: dt.datetime | None
    done_by: str | None = Field(description="Username of who ticked it off.")

    @staticmethod
    def resolve_owner(item) -> str | None:
        return item.owner.username if item.owner_id else None

    @staticmethod
    def resolve_done_by(item) -> str | None:
        return item.done_by.username if item.done_by_id else None


class ArticleOut(Schema):
    wiki: str = Field(description="The wiki's host name, e.g. en.wikipedia.org.")
    title: str


class ActivitySummaryOut(Schema):
    id: int
    partnership_id: int
    recipe: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    status: str = Field(description="planned, held or cancelled.")
    version: int


class ActivityOut(ActivitySummaryOut):
    location: str
    online: bool
    cancel_reason: str = Field(description="Why it was cancelled." + PRIVATE)
    expected_participants: int | None
    actual_participants: int | None
    new_accounts: int | None
    commons_category: str
    uploads_count: int | None
    wikidata_items: list[str]
    articles: list[ArticleOut]
    notes: str = Field(description=PRIVATE.strip())
    checklist: list[ChecklistItemOut] = Field(description="By due date.")

    @staticmethod
    def resolve_checklist(activity):
        return list(activity.checklist.all())


class ArticleIn(InputSchema):
    wiki: str = Field(description="The wiki's host name, e.g. en.wikipedia.org.")
    title: str


class ActivityCreate(InputSchema):
    recipe: str = Field(description=RECIPE_HELP)
    starts_on: dt.date = Field(description="The checklist is dated from this day.")
    title: str = Field("", description="Empty: named after the recipe and the partner.")
    ends_on: dt.date | None = Field(None, description="Empty: the recipe's usual length.")
    location: str = ""
    online: bool = False
    expected_participants: int | None = None
    notes: str = Field("", description=PRIVATE.strip())


class ActivityPatch(InputSchema):
    """Leave a field out to keep it. A new `starts_on` moves the open checklist items, and
    `ends_on` with it unless sent too."""

    version: int = optional(VERSION_HELP, ge=1)
    title: str = optional()
    starts_on: dt.date = optional()
    ends_on: dt.date = optional()
    location: str = optional()
    online: bool = optional()
    status: str = optional("planned or held; cancel with …/cancel.")
    expected_participants: int | None = optional()
    actual_participants: int | None = optional()
    new_accounts: int | None = optional()
    commons_category: str = optional("Without “Category:”.")
    uploads_count: int | None = optional()
    wikidata_items: list[str] = optional("Item ids such as Q42.")
    articles: list[ArticleIn] = optional()
    notes: str = optional()


class CancelIn(InputSchema):
    reason: str = Field(description="Why it is cancelled.")
    version: int = optional(VERSION_HELP, ge=1)


class ChecklistItemIn(InputSchema):
    title: str
    due_on: dt.date
    owner: str | None = Field(None, description="Username of a member of this workspace.")


class ChecklistItemPatch(InputSchema):
    done: bool = optional("true ticks it off, false opens it again.")
    title: str = optional()
    due_on: dt.date = optional()
    owner: str | None = optional("Username of a member; null for nobody.")


class RoleOut(Schema):
    id: int
    side: str = Field(description="ours or partner.")
    area: str = Field(description="A code of the areas' catalogue, or the area as written.")
    area_label: str
    raci: str = Field(description="R (responsible), A (accountable), C (consulted), I (informed).")
    member: str | None = Field(description="Username of the member, on our side.")
    contact_id: int | None = Field(description="The partner's contact, on their side.")
    name: str
    deputy: str | None = Field(description="Username of the deputy, on our side.")
    deputy_contact_id: int | None = Field(description="The deputy, on the partner's side.")
    deputy_name: str
    version: int

    @staticmethod
    def resolve_area_label(role) -> str:
        return selectors.area_label(role.area)

    @staticmethod
    def resolve_member(role) -> str | None:
        return role.member.username if role.member_id else None

    @staticmethod
    def resolve_name(role) -> str:
        return role.person_name

    @staticmethod
    def resolve_deputy(role) -> str | None:
        return role.deputy_member.username if role.deputy_member_id else None

    @staticmethod
    def resolve_deputy_name(role) -> str:
        return role.deputy_name


class RiskOut(Schema):
    code: str = Field(description="no_deputy, many_roles or two_accountable.")
    side: str
    message: str


class RolesOut(Schema):
    items: list[RoleOut] = Field(description="Our side first, by area and RACI letter.")
    warnings: list[RiskOut] = Field(description="The single points of failure.")


class RoleIn(InputSchema):
    side: str = Field(description="ours or partner.")
    area: str = Field(description="What the role is about, e.g. uploads or communication.")
    raci: str = Field(description="R, A, C or I.")
    member: str | None = Field(None, description="Username of a member (our side).")
    contact_id: int | None = Field(None, description="A contact of the partner (their side).")
    deputy: str | None = Field(None, description="Username of the deputy (our side).")
    deputy_contact_id: int | None = Field(None, description="The deputy (the partner's side).")


class RolePatch(InputSchema):
    version: int = optional(VERSION_HELP, ge=1)
    side: str = optional()
    area: str = optional()
    raci: str = optional()
    member: str | None = optional()
    contact_id: int | None = optional()
    deputy: str | None = optional("null: no deputy.")
    deputy_contact_id: int | None = optional("null: no deputy.")


# References named in a body: one of another workspace reads like one that does not exist.


def _member(workspace, username: str | None, field: str):
    if not username:
        return None
    membership = (
        Membership.objects.select_related("user")
        .filter(workspace=workspace, user__username=username)
        .first()
    )
    if membership is None:
        raise ValidationError(
            {field: _("%(name)s is not a member of this workspace.") % {"name": username}}
        )
    return membership.user


def _contact(partnership: Partnership, contact_id: int | None, field: str):
    if contact_id is None:
        return None
    contact = Contact.objects.filter(pk=contact_id, partner_id=partnership.partner_id).first()
    if contact is None:
        raise ValidationError(
            {field: _("There is no contact with this id at %(partner)s.")
             % {"partner": partnership.partner.name}}
        )
    return contact


# The services name the model's fields; the API names its own.
ROLE_NAMES = {"contact": "contact_id", "deputy_member": "deputy",
              "deputy_contact": "deputy_contact_id"}


def _renamed(error: ValidationError, names: dict) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {names.get(name, name): messages for name, messages in error.message_dict.items()}
    )


def _partnership(request, partnership_id: int) -> Partnership:
    return partnership_get(workspace=request.workspace, pk=partnership_id)


def _activity(request, activity_id: int):
    return selectors.activity_get(workspace=request.workspace, pk=activity_id)


def _detail(request, activity_id: int):
    return selectors.activity_detail(workspace=request.workspace, pk=activity_id)


def _item(activity, item_id: int) -> ChecklistItem:
    return get_object_or_404(
        ChecklistItem.objects.select_related("owner", "done_by", "activity"),
        activity=activity, pk=item_id,
    )


def _role(request, role_id: int) -> Role:
    return get_object_or_404(
        Role.objects.select_related(
            "partnership__partner", "member", "contact", "deputy_member", "deputy_contact"
        ),
        partnership__workspace=request.workspace, pk=role_id,
    )


def _shown_role(role: Role) -> Role:
    return Role.objects.select_related(
        "member", "contact", "deputy_member", "deputy_contact"
    ).get(pk=role.pk)


# Recipes --------------------------------------------------------------------------------------


def _recipe(recipe: method.Recipe) -> dict:
    return {
        "code": recipe.code,
        "title": _(recipe.title),
        "description": _(recipe.description),
        "typical_length": _(recipe.typical_length),
        "typical_days": recipe.typical_days,
        "first_scale": _(recipe.first_scale),
        "first_participants": recipe.first_participants,
        "outputs": [kind.value for kind in method.OutputKind if kind in recipe.outputs],
        "goal_types": sorted(recipe.goal_types),
        "online_possible": recipe.online_possible,
        "checklist": [
            {"offset_days": step.offset_days, "title": _(step.title), "area": step.area}
            for step in recipe.checklist
        ],
    }


@router.get(
    WORKSPACE + "/activity-recipes",
    response={200: list[RecipeOut], **READ_ERRORS},
    summary="Activity recipes",
)
def recipe_list(request, slug: WorkspaceSlug):
    """The method's activity formats: what each is, its usual length, a good small first
    one, its planning checklist (days relative to the start) and the outputs it leaves."""
    return [_recipe(recipe) for recipe in method.RECIPES]


# Activities -----------------------------------------------------------------------------------


@router.get(
    PARTNERSHIP + "/activities",
    response={200: list[ActivitySummaryOut], **READ_ERRORS},
    summary="Activities of a partnership",
)
@paginate(Pagination)
def activity_list(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """The partnership's activities, latest start first."""
    partnership = _partnership(request, partnership_id)
    return selectors.activities_of(partnership).order_by("-starts_on", "-id")


@router.post(
    PARTNERSHIP + "/activities",
    response={201: ActivityOut, **WRITE_ERRORS},
    summary="Plan an activity from a recipe",
)
def activity_create(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: ActivityCreate
):
    """Plans an activity of `recipe` starting on `starts_on`: the recipe's checklist dated
    from that day, each item given to the member on our side responsible for its area."""
    partnership = _partnership(request, partnership_id)
    values = payload.model_dump()
    activity = services.activity_create(partnership=partnership, by=request.auth, **values)
    return Status(201, _detail(request, activity.pk))


@router.get(ACTIVITY, response={200: ActivityOut, **READ_ERRORS}, summary="Get an activity")
def activity_detail(request, slug: WorkspaceSlug, activity_id: ActivityId):
    """The activity with its checklist and outputs."""
    return _detail(request, activity_id)


@router.patch(
    ACTIVITY,
    response={200: ActivityOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Change an activity",
)
def activity_update(request, slug: WorkspaceSlug, activity_id: ActivityId, payload: ActivityPatch):
    """Change the fields you send, its outputs too. Send the `version` you last read: if
    someone saved since, nothing is saved and the answer is 409."""
    activity = _activity(request, activity_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    services.activity_update(activity=activity, by=request.auth, version=version, **values)
    return _detail(request, activity.pk)


@router.post(
    ACTIVITY + "/cancel",
    response={200: ActivityOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Cancel an activity",
)
def activity_cancel(request, slug: WorkspaceSlug, activity_id: ActivityId, payload: CancelIn):
    """Calls it off with the reason; the checklist stays as it was."""
    services.activity_cancel(
        activity=_activity(request, activity_id), by=request.auth, version=payload.version,
        reason=payload.reason,
    )
    return _detail(request, activity_id)


@router.delete(ACTIVITY, response={204: None, **WRITE_ERRORS}, summary="Delete an activity")
def activity_delete(request, slug: WorkspaceSlug, activity_id: ActivityId):
    """Deletes the activity and its checklist; their history keeps the record."""
    services.activity_delete(activity=_activity(request, activity_id), by=request.auth)
    return Status(204, None)


# The checklist --------------------------------------------------------------------------------


@router.post(
    ACTIVITY + "/checklist",
    response={201: ChecklistItemOut, **WRITE_ERRORS},
    summary="Add a checklist item",
)
def item_add(request, slug: WorkspaceSlug, activity_id: ActivityId, payload: ChecklistItemIn):
    activity = _activity(request, activity_id)
    item = services.checklist_item_add(
        activity=activity, by=request.auth, title=payload.title, due_on=payload.due_on,
        owner=_member(request.workspace, payload.owner, "owner"),
    )
    return Status(201, _item(activity, item.pk))


@router.patch(
    ACTIVITY + "/checklist/{item_id}",
    response={200: ChecklistItemOut, **WRITE_ERRORS},
    summary="Tick off or change a checklist item",
)
def item_update(
    request, slug: WorkspaceSlug, activity_id: ActivityId, item_id: ItemId,
    payload: ChecklistItemPatch,
):
    """`done: true` ticks it off (who and when are recorded), `done: false` opens it again;
    the other fields change the item."""
    activity = _activity(request, activity_id)
    item = _item(activity, item_id)
    values = payload.model_dump(exclude_unset=True)
    if "owner" in values:
        values["owner"] = _member(request.workspace, values["owner"], "owner")
    services.checklist_item_update(item=item, by=request.auth, **values)
    return _item(activity, item_id)


@router.delete(
    ACTIVITY + "/checklist/{item_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove a checklist item",
)
def item_remove(request, slug: WorkspaceSlug, activity_id: ActivityId, item_id: ItemId):
    activity = _activity(request, activity_id)
    services.checklist_item_remove(item=_item(activity, item_id), by=request.auth)
    return Status(204, None)


# Roles ----------------------------------------------------------------------------------------


def _roles(partnership: Partnership) -> dict:
    roles = selectors.roles_of(partnership)
    return {
        "items": [row.role for row in roles.all],
        "warnings": [
            {"code": risk.code, "side": risk.side.value, "message": message}
            for risk, message in zip(roles.risks, roles.warnings, strict=True)
        ],
    }


@router.get(
    PARTNERSHIP + "/roles",
    response={200: RolesOut, **READ_ERRORS},
    summary="Roles of a partnership",
)
def role_list(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """Who is responsible, accountable, consulted and informed for each area, on both
    sides, and the single points of failure: a critical role (R or A) held by one person
    without a deputy, and one person holding many of them."""
    return _roles(_partnership(request, partnership_id))


def _role_values(request, partnership: Partnership, values: dict) -> dict:
    found = {}
    for name in ("side", "area", "raci"):
        if name in values:
            found[name] = values[name]
    if "member" in values:
        found["member"] = _member(request.workspace, values["member"], "member")
    if "deputy" in values:
        found["deputy_member"] = _member(request.workspace, values["deputy"], "deputy")
    if "contact_id" in values:
        found["contact"] = _contact(partnership, values["contact_id"], "contact_id")
    if "deputy_contact_id" in values:
        found["deputy_contact"] = _contact(
            partnership, values["deputy_contact_id"], "deputy_contact_id"
        )
    return found


@router.post(PARTNERSHIP + "/roles", response={201: RoleOut, **WRITE_ERRORS}, summary="Add a role")
def role_add(request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: RoleIn):
    """On our side a member (`member`, `deputy`), on the partner's side one of its contacts
    (`contact_id`, `deputy_contact_id`)."""
    partnership = _partnership(request, partnership_id)
    values = _role_values(request, partnership, payload.model_dump())
    try:
        role = services.role_add(partnership=partnership, by=request.auth, **values)
    except ValidationError as error:
        raise _renamed(error, ROLE_NAMES) from None
    return Status(201, _shown_role(role))


@router.patch(
    ROLE, response={200: RoleOut, **WRITE_ERRORS, 409: ConflictOut}, summary="Change a role"
)
def role_update(request, slug: WorkspaceSlug, role_id: RoleId, payload: RolePatch):
    """Change the fields you send; `deputy: null` removes the deputy."""
    role = _role(request, role_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    values = _role_values(request, role.partnership, values)
    try:
        services.role_update(role=role, by=request.auth, version=version, **values)
    except ValidationError as error:
        raise _renamed(error, ROLE_NAMES) from None
    return _shown_role(role)


@router.delete(ROLE, response={204: None, **WRITE_ERRORS}, summary="Remove a role")
def role_delete(request, slug: WorkspaceSlug, role_id: RoleId):
    services.role_delete(role=_role(request, role_id), by=request.auth)
    return Status(204, None)
