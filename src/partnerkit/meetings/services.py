"""Writes to meetings: planning one from the method, editing it, its agenda, attendees,
materials, notes and next steps. Pages and the API call these functions; each one checks its
input, names the field of any problem, and writes nothing when something is wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from partnerkit.core import events
from partnerkit.core.history import delete_with_history, save_with_history
from partnerkit.core.records import apply_and_save, clean_values, lock_for_edit
from partnerkit.meetings.models import (
    AgendaItem,
    Attendee,
    MaterialItem,
    Meeting,
    MeetingKind,
    NextStep,
    Side,
)
from partnerkit.method import meeting as method
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership
from partnerkit.workspaces.models import Membership

PLAN_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "minutes",
    "location",
    "wiki_primer",
    "technical_expected",
)
PREPARATION_FIELDS = (
    "speaks_for",
    "may_commit",
    "batna_note",
    "no_partnership_ok",
    "expected_questions",
)
NOTES_FIELDS = ("liked", "concerns", "triggers", "decisions", "outcome")
MEETING_FIELDS = PLAN_FIELDS + PREPARATION_FIELDS + NOTES_FIELDS
_NOT_VALIDATED_BY_MODEL = ["workspace", "partnership", "created_by"]


def _length_error(error: method.MeetingLengthError | method.BoxError) -> str:
    return _(error.message) % error.params


def _check_minutes(value) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, int):
        return [_("Give the length as a whole number of minutes.")]
    try:
        method.check_length(value)
    except method.MeetingLengthError as error:
        return [_length_error(error)]
    return []


def _aware(value):
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _check_start(value, *, past_ok: bool) -> list[str]:
    if not isinstance(value, dt.datetime):
        return [_("Give the date and time the meeting starts.")]
    if value < timezone.now() and not past_ok:
        return [
            _(
                "%(when)s is in the past. Choose a later start, or tick “It already "
                "happened” to record a past meeting."
            )
            % {"when": formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")}
        ]
    return []


def _check_choice(values: dict, errors: dict) -> None:
    kind = values.get("kind")
    if kind is not None and kind not in MeetingKind.values:
        errors.setdefault("kind", []).append(
            _("“%(value)s” is not a kind of meeting; choose one of %(valid)s.")
            % {"value": kind, "valid": ", ".join(MeetingKind.values)}
        )


def _agenda_items(meeting: Meeting) -> list[AgendaItem]:
    slots = method.plan_agenda(meeting.minutes, wiki_primer=meeting.wiki_primer)
    return [
        AgendaItem(
            meeting=meeting, code=slot.code, title=_(slot.title), minutes=slot.minutes,
            position=position,
        )
        for position, slot in enumerate(slots)
    ]


def meeting_create(
    *,
    partnership: Partnership,
    by,
    title: str,
    starts_at,
    minutes,
    past_ok: bool = False,
    **values,
) -> Meeting:
    """Plan a meeting: the agenda fitted to its length, the materials checklist for the
    partnership's goal types, and our BATNA copied from the partnership.

    A start in the past is refused unless ``past_ok`` (recording a meeting that already
    happened)."""
    values = clean_values(Meeting, MEETING_FIELDS, {
        "title": title, "starts_at": _aware(starts_at), "minutes": minutes, **values
    })
    if "kind" not in values:
        values["kind"] = (
            MeetingKind.FOLLOW_UP if partnership.meetings.exists() else MeetingKind.FIRST
        )
    if not values.get("batna_note"):
        values["batna_note"] = partnership.batna
    errors: dict[str, list[str]] = {}
    _check_choice(values, errors)
    if problems := _check_minutes(values["minutes"]):
        errors["minutes"] = problems
    if problems := _check_start(values["starts_at"], past_ok=past_ok):
        errors["starts_at"] = problems
    goal_types = [goal.code for goal in partnership.goal_types.all()]
    with transaction.atomic():
        meeting = Meeting(
            workspace_id=partnership.workspace_id, partnership=partnership, created_by=by
        )
        apply_and_save(
            meeting, values, by=by, created=True, errors=errors,
            exclude_from_validation=_NOT_VALIDATED_BY_MODEL,
        )
        for item in _agenda_items(meeting):
            save_with_history(item, by=by, created=True)
        checklist = method.materials_checklist(goal_types, wiki_primer=meeting.wiki_primer)
        for position, text in enumerate(checklist):
            save_with_history(
                MaterialItem(meeting=meeting, text=_(text), position=position),
                by=by, created=True,
            )
    return meeting


def meeting_update(
    *, meeting: Meeting, by, version: int | None, past_ok: bool = False, **values
) -> Meeting:
    """Change fields of a meeting (versioned). A new length or a change of the primer
    fits the agenda's time boxes again, keeping the notes of each part."""
    values = clean_values(Meeting, MEETING_FIELDS, values)
    if "starts_at" in values:
        values["starts_at"] = _aware(values["starts_at"])
    errors: dict[str, list[str]] = {}
    _check_choice(values, errors)
    if "minutes" in values and (problems := _check_minutes(values["minutes"])):
        errors["minutes"] = problems
    with transaction.atomic():
        locked = lock_for_edit(meeting, expected_version=version, fields=MEETING_FIELDS)
        if "starts_at" in values and values["starts_at"] != locked.starts_at:
            if problems := _check_start(values["starts_at"], past_ok=past_ok):
                errors["starts_at"] = problems
        old_minutes, old_primer = locked.minutes, locked.wiki_primer
        apply_and_save(
            locked, values, by=by, errors=errors,
            exclude_from_validation=_NOT_VALIDATED_BY_MODEL,
        )
        if locked.wiki_primer != old_primer:
            _replan_agenda(locked, by=by)
        elif locked.minutes != old_minutes:
            _refit_agenda(locked, by=by)
        events.announce("meeting_saved", meeting=locked, by=by)
    return locked


def meeting_notes_save(*, meeting: Meeting, by, version: int | None, **notes) -> Meeting:
    """Record what happened: what they liked, their concerns and what set them off, the
    decisions and the outcome."""
    clean_values(Meeting, NOTES_FIELDS, notes)
    return meeting_update(meeting=meeting, by=by, version=version, **notes)


def _agenda_state(item: AgendaItem) -> tuple:
    return (item.title, item.minutes, item.notes)


def _save_changed_items(
    items: list[AgendaItem], before: list[tuple], *, by, reason: str = ""
) -> None:
    """Save each part of the agenda that changed, each as its own entry in its history."""
    for item, state in zip(items, before, strict=True):
        if _agenda_state(item) != state:
            save_with_history(item, by=by, reason=reason)


def _replan_agenda(meeting: Meeting, *, by) -> None:
    slots = {slot.code: slot for slot in method.plan_agenda(
        meeting.minutes, wiki_primer=meeting.wiki_primer
    )}
    items = list(meeting.agenda_items.select_for_update())
    before = [_agenda_state(item) for item in items]
    for item in items:
        item.minutes = slots[item.code].minutes
        item.title = _(slots[item.code].title)
    _save_changed_items(
        items, before, by=by, reason=_("The agenda was planned again for the meeting.")
    )


def _floors(items: Iterable[AgendaItem], *, wiki_primer: bool) -> list[int]:
    by_code = dict(zip(method.CODES, method.minimums(wiki_primer=wiki_primer), strict=True))
    return [by_code[item.code] for item in items]


def _refit_agenda(meeting: Meeting, *, by) -> None:
    items = list(meeting.agenda_items.select_for_update().order_by("position"))
    before = [_agenda_state(item) for item in items]
    boxes = method.refit(
        [item.minutes for item in items], meeting.minutes,
        floors=_floors(items, wiki_primer=meeting.wiki_primer),
    )
    for item, box in zip(items, boxes, strict=True):
        item.minutes = box
    _save_changed_items(
        items, before, by=by, reason=_("The time boxes were fitted to the meeting's length.")
    )


def agenda_item_update(
    *, item: AgendaItem, by, minutes: int | None = None, notes: str | None = None,
    title: str | None = None,
) -> list[AgendaItem]:
    """Change a part's notes, title or time box. A new time box takes the difference from
    (or gives it to) the other parts, so the agenda still fills the meeting exactly; a box
    below the part's minimum, or too large to leave the others theirs, is refused."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        items = list(meeting.agenda_items.order_by("position"))
        before = [_agenda_state(each) for each in items]
        target = next(each for each in items if each.pk == item.pk)
        errors = {}
        if title is not None:
            title = title.strip()
            if not title:
                errors["title"] = [_("Give the part a title.")]
            elif len(title) > 200:
                errors["title"] = [_("Keep the title under 200 characters.")]
            else:
                target.title = title
        if notes is not None:
            target.notes = notes.strip()
        if minutes is not None and minutes != target.minutes:
            if isinstance(minutes, bool) or not isinstance(minutes, int):
                errors["minutes"] = [_("Give the time box as a whole number of minutes.")]
            else:
                try:
                    boxes = method.rebalance(
                        [each.minutes for each in items], items.index(target), minutes,
                        floors=_floors(items, wiki_primer=meeting.wiki_primer),
                    )
                except method.BoxError as error:
                    errors["minutes"] = [_length_error(error)]
                else:
                    for each, box in zip(items, boxes, strict=True):
                        each.minutes = box
        if errors:
            raise ValidationError(errors)
        position = items.index(target)
        _save_changed_items([target], [before[position]], by=by)
        others = items[:position] + items[position + 1:]
        _save_changed_items(
            others, before[:position] + before[position + 1:], by=by,
            reason=_("The time box of “%(title)s” changed.") % {"title": target.title},
        )
    return items


# Attendees ------------------------------------------------------------------------------------


def _member(meeting: Meeting, user, field: str):
    if user is None:
        return None
    if not Membership.objects.filter(workspace_id=meeting.workspace_id, user=user).exists():
        raise ValidationError(
            {field: _("%(name)s is not a member of this workspace.") % {"name": user}}
        )
    return user


def _contact(meeting: Meeting, contact, field: str):
    if contact is None:
        return None
    partner = meeting.partnership.partner
    if contact.partner_id != partner.pk:
        raise ValidationError(
            {field: _("%(name)s is not a contact of %(partner)s.")
             % {"name": contact.name, "partner": partner.name}}
        )
    return contact


def attendee_add(
    *,
    meeting: Meeting,
    by,
    side: str,
    user=None,
    contact: Contact | None = None,
    name: str = "",
    role_in_meeting: str = "",
    technical: bool = False,
) -> Attendee:
    """Add someone to the meeting: on our side a member of the workspace (or someone named),
    on the partner's side one of its contacts (or someone named)."""
    name, role_in_meeting = (name or "").strip(), (role_in_meeting or "").strip()
    if side not in Side.values:
        raise ValidationError(
            {"side": _("Choose the side: %(valid)s.") % {"valid": ", ".join(Side.values)}}
        )
    if side == Side.OURS and contact is not None:
        raise ValidationError({"contact": _("The partner's contacts attend on their side.")})
    if side == Side.THEIRS and user is not None:
        raise ValidationError({"user": _("Members of this workspace attend on our side.")})
    if user is None and contact is None and not name:
        field = "user" if side == Side.OURS else "contact"
        raise ValidationError(
            {field: _("Choose who attends, or type the name of someone without a record.")}
        )
    _member(meeting, user, "user")
    _contact(meeting, contact, "contact")
    errors = {}
    if len(name) > 200:
        errors["name"] = [_("Keep the name under 200 characters.")]
    if len(role_in_meeting) > 200:
        errors["role_in_meeting"] = [_("Keep the role under 200 characters.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
        present = meeting.attendees.all()
        if user is not None and present.filter(user=user).exists():
            raise ValidationError({"user": _("%(name)s already attends.") % {"name": user}})
        if contact is not None and present.filter(contact=contact).exists():
            raise ValidationError(
                {"contact": _("%(name)s already attends.") % {"name": contact.name}}
            )
        attendee = Attendee(
            meeting=meeting, side=side, user=user, contact=contact,
            name="" if (user or contact) else name, role_in_meeting=role_in_meeting,
            technical=bool(technical),
        )
        save_with_history(attendee, by=by, created=True)
    return attendee


def attendee_remove(*, attendee: Attendee, by) -> None:
    with transaction.atomic():
        delete_with_history([attendee], by=by, reason=_("Removed from the attendees."))


# Materials ------------------------------------------------------------------------------------


def material_add(*, meeting: Meeting, by, text: str) -> MaterialItem:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Say what to bring.")})
    if len(text) > 300:
        raise ValidationError({"text": _("Keep the item under 300 characters.")})
    with transaction.atomic():
        last = meeting.materials.order_by("-position").values_list("position", flat=True).first()
        item = MaterialItem(meeting=meeting, text=text, position=0 if last is None else last + 1)
        save_with_history(item, by=by, created=True)
    return item


def material_toggle(*, item: MaterialItem, by, done: bool | None = None) -> MaterialItem:
    """Tick an item off as ready, or not; without ``done``, turn it to the other state."""
    with transaction.atomic():
        locked = MaterialItem.objects.select_for_update().get(pk=item.pk)
        wanted = (not locked.done) if done is None else bool(done)
        if wanted != locked.done:
            locked.done = wanted
            save_with_history(locked, by=by)
    item.done = locked.done
    return locked


# Next steps -----------------------------------------------------------------------------------


def _step_values(meeting: Meeting, values: dict) -> dict:
    errors = {}
    if "text" in values:
        values["text"] = (values["text"] or "").strip()
        if not values["text"]:
            errors["text"] = [_("Say what is to be done.")]
        elif len(values["text"]) > 500:
            errors["text"] = [_("Keep the next step under 500 characters.")]
    due_on = values.get("due_on")
    if due_on is not None:
        day = timezone.localdate(meeting.starts_at)
        if due_on < day:
            errors["due_on"] = [
                _("The due date is before the meeting (%(day)s); choose that day or later.")
                % {"day": formats.date_format(day, "DATE_FORMAT")}
            ]
    if values.get("owner_user") is not None and values.get("owner_contact") is not None:
        errors["owner_contact"] = [_("Give one owner: one of us or one of their contacts.")]
    if errors:
        raise ValidationError(errors)
    _member(meeting, values.get("owner_user"), "owner_user")
    _contact(meeting, values.get("owner_contact"), "owner_contact")
    return values


def next_step_add(
    *, meeting: Meeting, by, text: str, owner_user=None, owner_contact=None, due_on=None
) -> NextStep:
    values = _step_values(
        meeting,
        {"text": text, "owner_user": owner_user, "owner_contact": owner_contact, "due_on": due_on},
    )
    step = NextStep(meeting=meeting, **values)
    with transaction.atomic():
        save_with_history(step, by=by, created=True)
    return step


def next_step_update(*, step: NextStep, by, **values) -> NextStep:
    """Change a next step: its text, owner, due date, or whether it is done."""
    allowed = {"text", "owner_user", "owner_contact", "due_on", "done"}
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"NextStep has no editable field(s) {sorted(unknown)}")
    done = values.pop("done", None)
    if "owner_user" in values and values["owner_user"] is not None:
        values.setdefault("owner_contact", None)
    elif "owner_contact" in values and values["owner_contact"] is not None:
        values.setdefault("owner_user", None)
    values = _step_values(step.meeting, values)
    with transaction.atomic():
        step = NextStep.objects.select_for_update().get(pk=step.pk)
        before = {name: getattr(step, name) for name in values}
        for name, value in values.items():
            setattr(step, name, value)
        changed = any(getattr(step, name) != value for name, value in before.items())
        if done is not None and bool(done) != step.done:
            step.done = bool(done)
            step.done_at = timezone.now() if step.done else None
            changed = True
        if changed:
            save_with_history(step, by=by)
    return step


def meeting_delete(*, meeting: Meeting, by) -> None:
    """Delete a meeting with its agenda, attendees, materials and next steps; the history of
    each of them notes who deleted it."""
    with transaction.atomic():
        for records in (
            NextStep.objects.filter(meeting=meeting),
            MaterialItem.objects.filter(meeting=meeting),
            Attendee.objects.filter(meeting=meeting),
            AgendaItem.objects.filter(meeting=meeting),
        ):
            delete_with_history(records, by=by)
        delete_with_history(Meeting.objects.filter(pk=meeting.pk), by=by)

