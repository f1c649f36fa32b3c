"""Follow-ups in the API: the workspace's tasks (done, snoozed, handed on, cancelled), tasks
written by hand, a partnership's log of interactions, the plans that start tasks, and the
partnerships that have gone quiet.

Tasks come from the plans: logging a meeting starts the written proposal, a reply from the
partner closes the pending ping, and so on. A task without an owner of its own belongs to
the partnership's owner, whoever that is now.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, P, Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api.schemas import (
    READ_ERRORS,
    VERSION_HELP,
    WRITE_ERRORS,
    ConflictOut,
    ErrorOut,
    InputSchema,
    PartnershipId,
    WorkspaceSlug,
    optional,
)
from partnerkit.followups import selectors, services
from partnerkit.followups.models import (
    Anchor,
    Direction,
    FollowUp,
    Interaction,
    InteractionDirection,
    InteractionKind,
    OwnerRule,
    Purpose,
    TaskStatus,
)
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership, Stage
from partnerkit.partnerships.selectors import partnership_get
from partnerkit.workspaces.models import Membership

router = Router(tags=["Follow-ups"], auth=TokenAuth(in_workspace=True))

WORKSPACE = "/workspaces/{slug}"
FOLLOW_UPS = WORKSPACE + "/follow-ups"
FOLLOW_UP = FOLLOW_UPS + "/{followup_id}"
PARTNERSHIP = WORKSPACE + "/partnerships/{partnership_id}"
INTERACTIONS = PARTNERSHIP + "/interactions"
FollowUpId = Path[int, P(description="The id of a follow-up task of this workspace.")]
InteractionId = Path[int, P(description="The id of an interaction of this partnership.")]
WHEN_HELP = "The day the task asks for attention: the end of its snooze, else its due date."
CONTACT_HELP = "Id of the partner's contact it was with."


# Schemas --------------------------------------------------------------------------------------


class FollowUpOut(Schema):
    id: int
    partnership_id: int
    partnership_title: str
    title: str
    notes: str
    owner: str | None = Field(
        description="Username of whoever does it: the task's own owner or, without one, the "
        "partnership's owner; null when neither is set."
    )
    owner_is_default: bool = Field(
        description="True when the task has no owner of its own and follows the partnership's "
        "owner, also after a change of owner."
    )
    due_on: dt.date
    limit_on: dt.date | None = Field(description="The hard limit; past it the task is late.")
    visible_from: dt.date = Field(description="A “no reply yet” ping shows only from its due date.")
    when: dt.date = Field(description=WHEN_HELP)
    status: TaskStatus
    snoozed_until: dt.date | None
    snooze_reason: str
    closed_at: dt.datetime | None
    closed_by: str | None = Field(description="Username of whoever closed it.")
    closed_reason: str = Field(description="Why it was cancelled, or what closed it on its own.")
    step: str | None = Field(description="The code of the plan step that started it.")
    plan: str | None = Field(description="The code of that step's plan.")
    version: int = Field(description="Send it back with each change so that edits do not collide.")

    @staticmethod
    def resolve_partnership_title(task) -> str:
        return task.partnership.title

    @staticmethod
    def resolve_owner(task) -> str | None:
        owner = task.owner if task.owner_id else task.partnership.owner
        return owner.username if owner is not None else None

    @staticmethod
    def resolve_owner_is_default(task) -> bool:
        return task.owner_id is None

    @staticmethod
    def resolve_when(task) -> dt.date:
        return task.attention_on

    @staticmethod
    def resolve_closed_by(task) -> str | None:
        return task.closed_by.username if task.closed_by_id else None

    @staticmethod
    def resolve_step(task) -> str | None:
        return task.step.code if task.step_id else None

    @staticmethod
    def resolve_plan(task) -> str | None:
        return task.step.plan.code if task.step_id else None


class FollowUpFilterQuery(Schema):
    owner: str = Field(
        "", description="A member's username: the tasks they do, their own or as the "
        "partnership's owner."
    )
    partnership_id: int | None = Field(None, description="Only this partnership's tasks.")
    status: TaskStatus = Field(
        TaskStatus.OPEN,
        description="`open` (the default) lists the tasks that show now, soonest first; "
        "`done` and `cancelled` the closed ones, latest first.",
    )
    due_before: dt.date | None = Field(
        None, description="Only tasks asking for attention before this day (not on it)."
    )


class FollowUpCreate(InputSchema):
    title: str = Field(description="What is to be done.")
    due_on: dt.date
    owner: str | None = Field(
        None, description="Username of a member who may edit; without one, the partnership's "
        "owner does it."
    )
    notes: str = ""


class VersionIn(InputSchema):
    version: int = optional(VERSION_HELP, ge=1)


class SnoozeIn(InputSchema):
    until: dt.date = Field(description="A day after today, at most a year ahead.")
    reason: str = Field(description="Why, so the team knows it is in hand.")
    version: int = optional(VERSION_HELP, ge=1)


class ReassignIn(InputSchema):
    owner: str | None = Field(
        description="Username of a member who may edit; null gives the task back to the "
        "partnership's owner."
    )
    version: int = optional(VERSION_HELP, ge=1)


class CancelIn(InputSchema):
    reason: str = Field(description="Why it is not needed.")
    version: int = optional(VERSION_HELP, ge=1)


class InteractionOut(Schema):
    id: int
    partnership_id: int
    kind: InteractionKind
    direction: InteractionDirection = Field(
        description="`outgoing` from us, `incoming` from them, `both` when together."
    )
    purpose: Purpose = Field(description="`proposal` or `report` when it was one; else empty.")
    occurred_on: dt.date
    summary: str
    contact_id: int | None = Field(description=CONTACT_HELP)
    meeting_id: int | None = Field(description="The meeting it was logged from.")
    logged_by: str | None = Field(description="Username of whoever logged it.")
    created_at: dt.datetime
    version: int

    @staticmethod
    def resolve_logged_by(interaction) -> str | None:
        return interaction.logged_by.username if interaction.logged_by_id else None


class InteractionInputSchema(InputSchema):
    # Choices arrive as their plain codes, as the services expect.
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class InteractionIn(InteractionInputSchema):
    kind: InteractionKind = InteractionKind.EMAIL
    direction: InteractionDirection = InteractionDirection.OUTGOING
    purpose: Purpose = Field(
        Purpose.NONE, description="`proposal` or `report`: sending one counts for the plans."
    )
    occurred_on: dt.date | None = Field(None, description="Not in the future; default today.")
    summary: str = ""
    contact_id: int | None = Field(None, description=CONTACT_HELP)


class InteractionPatch(InteractionInputSchema):
    """Leave a field out to keep it; send null to clear the contact."""

    version: int = optional(VERSION_HELP, ge=1)
    kind: InteractionKind = optional()
    direction: InteractionDirection = optional()
    purpose: Purpose = optional()
    occurred_on: dt.date = optional("A new date moves the tasks counted from it.")
    summary: str = optional()
    contact_id: int | None = optional(CONTACT_HELP)


class PlanStepOut(Schema):
    code: str
    title: str
    description: str
    anchor: Anchor = Field(description="The event the days are counted from.")
    after_step: str | None = Field(description="With `step_done`: the code of the step it follows.")
    offset_days: int
    direction: Direction = Field(description="Whether it is due after or before its anchor.")
    limit_days: int | None = Field(description="The hard limit, counted like the days.")
    skip_weekends: bool = Field(description="Whether only working days count.")
    owner_rule: OwnerRule
    owner: str | None = Field(description="With `person`: the username of the named member.")
    wait_for_due: bool = Field(description="Shown only once due, if nothing closed it.")
    closed_by: list[Anchor] = Field(description="Events that close an open task of this step.")
    completes: Anchor | None = Field(description="The event that marking it done records.")
    repeat_days: int | None = Field(description="Done, it comes back this many days later.")

    @staticmethod
    def resolve_after_step(step) -> str | None:
        return step.after_step.code if step.after_step_id else None

    @staticmethod
    def resolve_owner(step) -> str | None:
        return step.owner.username if step.owner_id else None

    @staticmethod
    def resolve_completes(step) -> str | None:
        return step.completes or None


class PlanOut(Schema):
    code: str
    name: str
    description: str
    active: bool = Field(description="A plan not in use starts no new tasks.")
    steps: list[PlanStepOut]

    @staticmethod
    def resolve_steps(plan) -> list:
        return list(plan.steps.all())


class StalePartnershipOut(Schema):
    partnership_id: int
    title: str
    stage: Stage
    owner: str | None = Field(description="Username of the partnership's owner.")
    last_contact: dt.date | None = Field(description="The latest interaction; null for none.")
    quiet_days: int = Field(description="Days without an interaction, or since the stage began.")
    threshold: int = Field(description="The quiet days its stage allows.")


class StaleQuery(Schema):
    owner: str = Field("", description="Only the partnerships this member owns (a username).")


# Helpers --------------------------------------------------------------------------------------


def _partnership(request, partnership_id: int) -> Partnership:
    return partnership_get(workspace=request.workspace, pk=partnership_id)


def _member(workspace, username: str | None, field: str = "owner"):
    """The member with this username; one of another workspace reads like one who does not
    exist, as a field error."""
    if not username:
        return None
    membership = (
        Membership.objects.select_related("user")
        .filter(workspace=workspace, user__username=username)
        .first()
    )
    if membership is None:
        message = _("No member of this workspace has the username “%(username)s”.")
        raise ValidationError({field: message % {"username": username}})
    return membership.user


def _contact(partnership: Partnership, contact_id: int | None):
    if contact_id is None:
        return None
    contact = Contact.objects.filter(partner_id=partnership.partner_id, pk=contact_id).first()
    if contact is None:
        message = _("Choose one of the contacts of %(partner)s.")
        raise ValidationError({"contact_id": message % {"partner": partnership.partner.name}})
    return contact


def _listed(queryset):
    """Tasks with what FollowUpOut shows, in a fixed number of queries."""
    return queryset.select_related("partnership__owner", "owner", "step__plan", "closed_by")


def _task(request, followup_id: int) -> FollowUp:
    return selectors.task_of(request.workspace, followup_id)


def _shown(task: FollowUp) -> FollowUp:
    return _listed(FollowUp.objects.filter(pk=task.pk)).get()


def _renamed(error: ValidationError) -> ValidationError:
    """Service errors name model fields; the API names its own (``contact_id``)."""
    if not hasattr(error, "error_dict"):
        return error
    names = {"contact": "contact_id"}
    return ValidationError(
        {names.get(name, name): messages for name, messages in error.message_dict.items()}
    )


# Tasks ----------------------------------------------------------------------------------------


@router.get(
    FOLLOW_UPS,
    response={200: list[FollowUpOut], **READ_ERRORS, 400: ErrorOut},
    summary="List follow-ups",
)
@paginate(Pagination)
def followup_list(request, slug: WorkspaceSlug, filters: Query[FollowUpFilterQuery]):
    """Open tasks of the workspace that show now, soonest `when` first (a “no reply yet”
    ping appears only once it is due); with `status`, the done or cancelled ones. The
    filters combine."""
    workspace = request.workspace
    if filters.status == TaskStatus.OPEN:
        tasks = _listed(selectors.open_tasks(workspace, today=timezone.localdate()))
        tasks = tasks.order_by("when", "id")
    else:
        closed = FollowUp.objects.filter(workspace=workspace, status=filters.status)
        tasks = _listed(closed.with_when()).order_by("-closed_at", "-id")
    if filters.owner:
        tasks = tasks.assigned_to(_member(workspace, filters.owner))
    if filters.partnership_id is not None:
        try:
            partnership = _partnership(request, filters.partnership_id)
        except Http404:
            raise ValidationError(
                {"partnership_id": _("There is no partnership with this id in this workspace.")}
            ) from None
        tasks = tasks.filter(partnership=partnership)
    if filters.due_before is not None:
        tasks = tasks.filter(when__lt=filters.due_before)
    return tasks


@router.post(
    PARTNERSHIP + "/follow-ups",
    response={201: FollowUpOut, **WRITE_ERRORS},
    summary="Add a follow-up by hand",
)
def followup_create(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: FollowUpCreate
):
    """A task no plan started: what is to be done, by when, and by whom (without `owner`,
    the partnership's owner)."""
    partnership = _partnership(request, partnership_id)
    task = services.followup_create(
        partnership=partnership, by=request.auth, title=payload.title, due_on=payload.due_on,
        owner=_member(request.workspace, payload.owner), notes=payload.notes,
    )
    return Status(201, _shown(task))


@router.post(
    FOLLOW_UP + "/done",
    response={200: FollowUpOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Mark a follow-up done",
)
def followup_done(
    request, slug: WorkspaceSlug, followup_id: FollowUpId, payload: VersionIn | None = None
):
    """Done today. What the step says it means is recorded (the proposal was sent), the
    steps that follow it start, and a repeating step comes back. The body may be left out;
    send the `version` you read so that a change by someone else is not overlooked."""
    task = services.followup_done(
        task=_task(request, followup_id), by=request.auth,
        version=payload.version if payload is not None else None,
    )
    return _shown(task)


@router.post(
    FOLLOW_UP + "/snooze",
    response={200: FollowUpOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Snooze a follow-up",
)
def followup_snooze(request, slug: WorkspaceSlug, followup_id: FollowUpId, payload: SnoozeIn):
    """Out of the way until a later day, with the reason; its `when` becomes that day."""
    task = services.followup_snooze(
        task=_task(request, followup_id), by=request.auth, until=payload.until,
        reason=payload.reason, version=payload.version,
    )
    return _shown(task)


@router.post(
    FOLLOW_UP + "/reassign",
    response={200: FollowUpOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Give a follow-up to someone else",
)
def followup_reassign(
    request, slug: WorkspaceSlug, followup_id: FollowUpId, payload: ReassignIn
):
    """To a member who may edit (viewers cannot); `owner: null` gives it back to the
    partnership's owner, and it follows any later change of that owner."""
    task = _task(request, followup_id)
    task = services.followup_reassign(
        task=task, by=request.auth, owner=_member(request.workspace, payload.owner),
        version=payload.version,
    )
    return _shown(task)


@router.post(
    FOLLOW_UP + "/cancel",
    response={200: FollowUpOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Close a follow-up without doing it",
)
def followup_cancel(request, slug: WorkspaceSlug, followup_id: FollowUpId, payload: CancelIn):
    """Closes the task with the reason; nothing follows from it."""
    task = services.followup_cancel(
        task=_task(request, followup_id), by=request.auth, reason=payload.reason,
        version=payload.version,
    )
    return _shown(task)


# Interactions ---------------------------------------------------------------------------------


@router.get(
    INTERACTIONS,
    response={200: list[InteractionOut], **READ_ERRORS},
    summary="Interactions of a partnership",
)
@paginate(Pagination)
def interaction_list(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """The log of e-mails, calls, meetings and messages with the partner, newest first."""
    partnership = _partnership(request, partnership_id)
    return Interaction.objects.filter(partnership=partnership).select_related("logged_by")


@router.post(
    INTERACTIONS, response={201: InteractionOut, **WRITE_ERRORS}, summary="Log an interaction"
)
def interaction_log(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: InteractionIn
):
    """Logs what happened, and the plans react: a meeting (`kind: meeting`) starts the
    written proposal, a reply from them (`direction: incoming`) closes a pending ping, an
    e-mail that was the proposal (`purpose: proposal`) counts as sending it."""
    partnership = _partnership(request, partnership_id)
    values = payload.model_dump()
    values["contact"] = _contact(partnership, values.pop("contact_id"))
    try:
        interaction = services.interaction_log(partnership=partnership, by=request.auth, **values)
    except ValidationError as error:
        raise _renamed(error) from None
    return Status(201, interaction)


@router.patch(
    INTERACTIONS + "/{interaction_id}",
    response={200: InteractionOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Change an interaction",
)
def interaction_update(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, interaction_id: InteractionId,
    payload: InteractionPatch,
):
    """Change the fields you send. A new date moves the tasks counted from it; a changed
    meaning (no longer the proposal, say) closes the tasks it had started."""
    partnership = _partnership(request, partnership_id)
    interaction = selectors.interaction_of(partnership, interaction_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    if "contact_id" in values:
        values["contact"] = _contact(partnership, values.pop("contact_id"))
    try:
        interaction = services.interaction_update(
            interaction=interaction, by=request.auth, version=version, **values
        )
    except ValidationError as error:
        raise _renamed(error) from None
    return interaction


@router.delete(
    INTERACTIONS + "/{interaction_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Delete an interaction",
)
def interaction_delete(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, interaction_id: InteractionId
):
    """Removes the log entry; open tasks counted from it are closed, and its history keeps
    who removed it."""
    partnership = _partnership(request, partnership_id)
    services.interaction_delete(
        interaction=selectors.interaction_of(partnership, interaction_id), by=request.auth
    )
    return Status(204, None)


# Plans and quiet partnerships -----------------------------------------------------------------


@router.get(
    WORKSPACE + "/follow-up-plans",
    response={200: list[PlanOut], **READ_ERRORS},
    summary="Follow-up plans",
)
@paginate(Pagination)
def plan_list(request, slug: WorkspaceSlug):
    """The workspace's plans with their steps in order; the method's plans are there from
    the first use on, as the workspace has edited them."""
    services.plans_install_defaults(workspace=request.workspace)
    return selectors.plans_of(request.workspace)


@router.get(
    WORKSPACE + "/stale-partnerships",
    response={200: list[StalePartnershipOut], **READ_ERRORS, 400: ErrorOut},
    summary="Partnerships gone quiet",
)
@paginate(Pagination)
def stale_list(request, slug: WorkspaceSlug, filters: Query[StaleQuery]):
    """Partnerships without an interaction for longer than their stage allows, the
    furthest past it first."""
    owner = _member(request.workspace, filters.owner) if filters.owner else None
    found = selectors.stale_partnerships(
        request.workspace, today=timezone.localdate(), owner=owner
    )
    return [_stale(stale) for stale in found]


def _stale(stale: selectors.Stale) -> dict:
    partnership = stale.partnership
    return {
        "partnership_id": partnership.pk,
        "title": partnership.title,
        "stage": partnership.stage,
        "owner": partnership.owner.username if partnership.owner_id else None,
        "last_contact": stale.last_contact,
        "quiet_days": stale.quiet_days,
        "threshold": stale.threshold,
    }
