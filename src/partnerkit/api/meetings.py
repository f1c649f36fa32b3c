"""Meetings: agenda, attendees, preparation, notes and next steps in the API.

A meeting is planned for a partnership of the workspace; its agenda's time boxes come from the
method and always add up to its length. The preparation sheet (`speaks_for`, `may_commit`,
`batna_note`, …) and the notes are internal to the workspace.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, P, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ConflictOut,
    ErrorOut,
    InputSchema,
    WorkspaceSlug,
    optional,
)
from partnerkit.meetings import selectors, services
from partnerkit.meetings.models import Attendee, NextStep, Side
from partnerkit.partners.models import Contact
from partnerkit.partnerships import selectors as partnership_selectors
from partnerkit.workspaces.models import Membership

router = Router(tags=["Meetings"], auth=TokenAuth(in_workspace=True))

MEETINGS = "/workspaces/{slug}/meetings"
MEETING = MEETINGS + "/{meeting_id}"
MeetingId = Path[int, P(description="The id of a meeting of this workspace.")]
AttendeeId = Path[int, P(description="The id of an attendee of this meeting.")]
StepId = Path[int, P(description="The id of a next step of this meeting.")]
VERSION_HELP = "The version you last read; if someone saved since, the answer is 409."
PRIVATE = " Internal: never shown to the partner."


# Schemas --------------------------------------------------------------------------------------


class AgendaItemOut(Schema):
    id: int
    code: str = Field(description="One of the six parts of the method's agenda.")
    title: str
    minutes: int
    position: int
    notes: str


class AttendeeOut(Schema):
    id: int
    side: str = Field(description="ours or theirs.")
    name: str = Field(description="The member's or contact's name, or the name given.")
    username: str | None = Field(description="The member of this workspace, on our side.")
    contact_id: int | None = Field(description="The partner's contact, on their side.")
    role_in_meeting: str
    technical: bool

    @staticmethod
    def resolve_name(attendee) -> str:
        return attendee.display_name

    @staticmethod
    def resolve_username(attendee) -> str | None:
        return attendee.user.username if attendee.user_id else None


class MaterialOut(Schema):
    id: int
    text: str
    done: bool


class NextStepOut(Schema):
    id: int
    text: str
    owner: str | None = Field(description="Username of the owner on our side.")
    owner_contact_id: int | None = Field(description="The owner on the partner's side.")
    due_on: dt.date | None
    done: bool

    @staticmethod
    def resolve_owner(step) -> str | None:
        return step.owner_user.username if step.owner_user_id else None


class MeetingSummaryOut(Schema):
    id: int
    partnership_id: int
    title: str
    kind: str
    starts_at: dt.datetime
    minutes: int
    location: str
    version: int


class MeetingOut(MeetingSummaryOut):
    wiki_primer: bool
    technical_expected: bool
    speaks_for: str = Field(description="Whom we speak for." + PRIVATE)
    may_commit: str = Field(description="What we may commit to." + PRIVATE)
    batna_note: str = Field(description="Our best alternative." + PRIVATE)
    no_partnership_ok: bool = Field(description="“No partnership” is acceptable." + PRIVATE)
    expected_questions: str = Field(description=PRIVATE.strip())
    liked: str = Field(description="What they liked." + PRIVATE)
    concerns: str = Field(description="Their concerns." + PRIVATE)
    triggers: str = Field(description="What triggered the concerns." + PRIVATE)
    decisions: str = Field(description=PRIVATE.strip())
    outcome: str = Field(description=PRIVATE.strip())
    agenda: list[AgendaItemOut] = Field(description="The parts in order; minutes add up.")
    attendees: list[AttendeeOut]
    materials: list[MaterialOut]
    next_steps: list[NextStepOut]

    @staticmethod
    def resolve_agenda(meeting):
        return list(meeting.agenda_items.all())

    @staticmethod
    def resolve_attendees(meeting):
        return list(meeting.attendees.all())

    @staticmethod
    def resolve_materials(meeting):
        return list(meeting.materials.all())

    @staticmethod
    def resolve_next_steps(meeting):
        return list(meeting.next_steps.all())


START_HELP = (
    "When the meeting starts, with its time zone (without one, the server's is assumed). "
    "A start in the past needs `past_ok`."
)


class MeetingCreate(InputSchema):
    partnership_id: int = Field(description="A partnership of this workspace.")
    title: str
    starts_at: dt.datetime = Field(description=START_HELP)
    minutes: int = Field(description="Length, 15 to 480 minutes; the agenda is fitted to it.")
    kind: str | None = Field(None, description="first, follow_up or other.")
    location: str = ""
    wiki_primer: bool = True
    technical_expected: bool = False
    past_ok: bool = Field(False, description="Record a meeting that already happened.")
    speaks_for: str = ""
    may_commit: str = ""
    batna_note: str = Field("", description="Empty: copied from the partnership's BATNA.")
    no_partnership_ok: bool = False
    expected_questions: str = ""


class MeetingPatch(InputSchema):
    """Leave a field out to keep it."""

    version: int = optional(VERSION_HELP, ge=1)
    title: str = optional()
    kind: str = optional("first, follow_up or other.")
    starts_at: dt.datetime = optional(START_HELP)
    minutes: int = optional("A new length fits the agenda's time boxes again.")
    location: str = optional()
    wiki_primer: bool = optional()
    technical_expected: bool = optional()
    past_ok: bool = optional("Allow moving the start into the past.")
    speaks_for: str = optional()
    may_commit: str = optional()
    batna_note: str = optional()
    no_partnership_ok: bool = optional()
    expected_questions: str = optional()
    liked: str = optional()
    concerns: str = optional()
    triggers: str = optional()
    decisions: str = optional()
    outcome: str = optional()


class AttendeeIn(InputSchema):
    side: str = Field(description="ours or theirs.")
    username: str | None = Field(None, description="A member of this workspace (our side).")
    contact_id: int | None = Field(None, description="A contact of the partner (their side).")
    name: str = Field("", description="Someone who is neither a member nor a contact.")
    role_in_meeting: str = ""
    technical: bool = False


class NextStepIn(InputSchema):
    text: str
    owner: str | None = Field(None, description="Username of a member of this workspace.")
    owner_contact_id: int | None = Field(None, description="A contact of the partner.")
    due_on: dt.date | None = Field(None, description="Not before the day of the meeting.")


class NextStepPatch(InputSchema):
    text: str = optional()
    owner: str | None = optional("Username of a member; null for none.")
    owner_contact_id: int | None = optional("A contact of the partner; null for none.")
    due_on: dt.date | None = optional()
    done: bool = optional()


class MeetingFilterQuery(Schema):
    partnership_id: int | None = Field(None, description="Only this partnership's meetings.")


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


def _contact(meeting, contact_id: int | None, field: str):
    if contact_id is None:
        return None
    contact = Contact.objects.filter(
        pk=contact_id, partner_id=meeting.partnership.partner_id
    ).first()
    if contact is None:
        raise ValidationError(
            {field: _("There is no contact with this id at %(partner)s.")
             % {"partner": meeting.partnership.partner.name}}
        )
    return contact


def _partnership(workspace, partnership_id: int):
    try:
        return partnership_selectors.partnership_get(workspace=workspace, pk=partnership_id)
    except Http404:
        raise ValidationError(
            {"partnership_id": _("There is no partnership with this id in this workspace.")}
        ) from None


def _meeting(request, meeting_id: int):
    return selectors.meeting_get(workspace=request.workspace, pk=meeting_id)


def _detail(request, meeting_id: int):
    return selectors.meeting_detail(workspace=request.workspace, pk=meeting_id)


# Meetings -------------------------------------------------------------------------------------


@router.get(
    MEETINGS,
    response={200: list[MeetingSummaryOut], **READ_ERRORS, 400: ErrorOut},
    summary="List meetings",
)
@paginate(Pagination)
def meeting_list(request, slug: WorkspaceSlug, filters: Query[MeetingFilterQuery]):
    """Meetings of the workspace, latest start first."""
    partnership = None
    if filters.partnership_id is not None:
        partnership = _partnership(request.workspace, filters.partnership_id)
    return selectors.meetings_of(workspace=request.workspace, partnership=partnership).order_by(
        "-starts_at", "-id"
    )


@router.post(MEETINGS, response={201: MeetingOut, **WRITE_ERRORS}, summary="Plan a meeting")
def meeting_create(request, slug: WorkspaceSlug, payload: MeetingCreate):
    """Plans a meeting for `partnership_id`: the six-part agenda fitted to `minutes`, the
    materials checklist for the partnership's goal types, and `batna_note` from the
    partnership unless given."""
    values = payload.model_dump()
    partnership = _partnership(request.workspace, values.pop("partnership_id"))
    if values.get("kind") is None:
        values.pop("kind")
    meeting = services.meeting_create(partnership=partnership, by=request.auth, **values)
    return Status(201, _detail(request, meeting.pk))


@router.get(MEETING, response={200: MeetingOut, **READ_ERRORS}, summary="Get a meeting")
def meeting_detail(request, slug: WorkspaceSlug, meeting_id: MeetingId):
    """The meeting with its agenda, attendees, materials, preparation, notes and next
    steps."""
    return _detail(request, meeting_id)


@router.patch(
    MEETING,
    response={200: MeetingOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Change a meeting",
)
def meeting_update(request, slug: WorkspaceSlug, meeting_id: MeetingId, payload: MeetingPatch):
    """Change the fields you send, including the notes. A new `minutes` (or switching the
    wiki primer) fits the agenda again, keeping each part's notes. Send the `version` you
    last read: if someone saved since, nothing is saved and the answer is 409."""
    meeting = _meeting(request, meeting_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    past_ok = bool(values.pop("past_ok", False))
    services.meeting_update(
        meeting=meeting, by=request.auth, version=version, past_ok=past_ok, **values
    )
    return _detail(request, meeting.pk)


@router.delete(MEETING, response={204: None, **WRITE_ERRORS}, summary="Delete a meeting")
def meeting_delete(request, slug: WorkspaceSlug, meeting_id: MeetingId):
    """Deletes the meeting with its agenda, attendees, materials and next steps; the
    meeting's history keeps its record."""
    services.meeting_delete(meeting=_meeting(request, meeting_id), by=request.auth)
    return Status(204, None)


# Attendees ------------------------------------------------------------------------------------


@router.post(
    MEETING + "/attendees",
    response={201: AttendeeOut, **WRITE_ERRORS},
    summary="Add an attendee",
)
def attendee_add(request, slug: WorkspaceSlug, meeting_id: MeetingId, payload: AttendeeIn):
    """On our side a member (`username`), on the partner's side one of its contacts
    (`contact_id`); `name` for someone without a record."""
    meeting = _meeting(request, meeting_id)
    if payload.side not in Side.values:
        raise ValidationError(
            {"side": _("Choose the side: %(valid)s.") % {"valid": ", ".join(Side.values)}}
        )
    attendee = services.attendee_add(
        meeting=meeting,
        by=request.auth,
        side=payload.side,
        user=_member(request.workspace, payload.username, "username"),
        contact=_contact(meeting, payload.contact_id, "contact_id"),
        name=payload.name,
        role_in_meeting=payload.role_in_meeting,
        technical=payload.technical,
    )
    return Status(201, attendee)


@router.delete(
    MEETING + "/attendees/{attendee_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove an attendee",
)
def attendee_remove(
    request, slug: WorkspaceSlug, meeting_id: MeetingId, attendee_id: AttendeeId
):
    meeting = _meeting(request, meeting_id)
    attendee = get_object_or_404(Attendee, meeting=meeting, pk=attendee_id)
    services.attendee_remove(attendee=attendee, by=request.auth)
    return Status(204, None)


# Next steps -----------------------------------------------------------------------------------


def _step_owner_errors(error: ValidationError) -> ValidationError:
    """The services name the model's fields; the API names its own."""
    names = {"owner_user": "owner", "owner_contact": "owner_contact_id"}
    return ValidationError(
        {names.get(name, name): messages for name, messages in error.message_dict.items()}
    )


@router.post(
    MEETING + "/next-steps",
    response={201: NextStepOut, **WRITE_ERRORS},
    summary="Add a next step",
)
def next_step_add(request, slug: WorkspaceSlug, meeting_id: MeetingId, payload: NextStepIn):
    """Something agreed, with an owner on either side and a due date not before the
    meeting."""
    meeting = _meeting(request, meeting_id)
    owner_user = _member(request.workspace, payload.owner, "owner")
    owner_contact = _contact(meeting, payload.owner_contact_id, "owner_contact_id")
    try:
        step = services.next_step_add(
            meeting=meeting, by=request.auth, text=payload.text, owner_user=owner_user,
            owner_contact=owner_contact, due_on=payload.due_on,
        )
    except ValidationError as error:
        raise _step_owner_errors(error) from None
    return Status(201, step)


@router.patch(
    MEETING + "/next-steps/{step_id}",
    response={200: NextStepOut, **WRITE_ERRORS},
    summary="Change a next step",
)
def next_step_update(
    request, slug: WorkspaceSlug, meeting_id: MeetingId, step_id: StepId, payload: NextStepPatch
):
    """Change the fields you send; `done: true` marks it done."""
    meeting = _meeting(request, meeting_id)
    step = get_object_or_404(NextStep, meeting=meeting, pk=step_id)
    values = payload.model_dump(exclude_unset=True)
    if "owner" in values:
        values["owner_user"] = _member(request.workspace, values.pop("owner"), "owner")
    if "owner_contact_id" in values:
        values["owner_contact"] = _contact(
            meeting, values.pop("owner_contact_id"), "owner_contact_id"
        )
    try:
        step = services.next_step_update(step=step, by=request.auth, **values)
    except ValidationError as error:
        raise _step_owner_errors(error) from None
    return step
