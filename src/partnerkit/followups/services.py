"""Writes of follow-ups: plans and their steps, events that start and close tasks, the
interaction log, and the tasks themselves (done, snoozed, reassigned).

Events come from the interaction log, from stage moves, from the agreement's dates and from
meetings with notes (see ``partnerkit.core.events``); each is recorded once per source, so
saving the same meeting twice starts nothing new, and changing its date moves the tasks
counted from it.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.core.history import delete_with_history, save_with_history
from partnerkit.core.records import apply_and_save, clean_values, lock_for_edit
from partnerkit.followups.models import (
    Anchor,
    DigestPreference,
    Event,
    FollowUp,
    Interaction,
    InteractionDirection,
    InteractionKind,
    OwnerRule,
    Plan,
    PlanStep,
    Purpose,
    StaleRule,
    TaskStatus,
)
from partnerkit.method import followups as method
from partnerkit.method.stages import Stage as MethodStage
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership, Stage
from partnerkit.workspaces.models import Membership, Role, Workspace

# Stages after which nothing more is chased: open tasks of the plans are closed.
FINISHED_STAGES = frozenset({Stage.COMPLETED, Stage.DECLINED, Stage.DROPPED})
DATE_EVENTS = {"mou_signed_on": Anchor.MOU_SIGNED, "ends_on": Anchor.MOU_ENDS,
               "review_on": Anchor.REVIEW_DUE}  # fmt: skip
TITLE_MAX = 200
SNOOZE_MAX_DAYS = 365


def today() -> date:
    return timezone.localdate()


# Plans ----------------------------------------------------------------------------------------


def plans_install_defaults(*, workspace: Workspace, by=None) -> list[Plan]:
    """The workspace's plans; the method's plans are copied in the first time (and a plan
    the method adds later appears then too). Edited plans are left as they are."""
    existing = {plan.code: plan for plan in Plan.objects.filter(workspace=workspace)}
    missing = [spec for spec in method.DEFAULT_PLANS if spec.code not in existing]
    if missing:
        with transaction.atomic():
            for spec in missing:
                plan = Plan(
                    workspace=workspace,
                    code=spec.code,
                    name=_(spec.name),
                    description=_(spec.description),
                )
                save_with_history(plan, by=by, created=True)
                _install_steps(plan, spec, by=by)
                existing[spec.code] = plan
    return sorted(existing.values(), key=lambda plan: plan.pk)


def _install_steps(plan: Plan, spec: method.PlanSpec, *, by) -> None:
    saved: dict[str, PlanStep] = {}
    for position, step in enumerate(spec.steps):
        row = PlanStep(
            plan=plan,
            code=step.code,
            title=_(step.title),
            description=_(step.description),
            position=position,
            anchor=step.anchor.value,
            offset_days=step.offset_days,
            direction=step.direction.value,
            limit_days=step.limit_days,
            skip_weekends=step.skip_weekends,
            owner_rule=step.owner.value,
            wait_for_due=step.wait_for_due,
            closed_by=[a.value for a in step.closed_by],
            completes=step.completes.value if step.completes else "",
            repeat_days=step.repeat_days,
            after_step=saved.get(step.after_step),
        )
        save_with_history(row, by=by, created=True)
        saved[step.code] = row


def plan_reset(*, plan: Plan, by) -> Plan:
    """Put a plan of the method back as the method has it. Tasks already started keep
    their dates; they no longer point at the replaced steps."""
    spec = next((spec for spec in method.DEFAULT_PLANS if spec.code == plan.code), None)
    if spec is None:
        raise ValidationError({"plan": _("Only the method's own plans can be reset.")})
    with transaction.atomic():
        steps = list(plan.steps.order_by("-position", "-id"))
        for step in steps:
            step.followers.update(after_step=None)
        delete_with_history(steps, by=by, reason=_("Plan reset to the method's steps"))
        apply_and_save(
            plan,
            {"name": _(spec.name), "description": _(spec.description), "active": True},
            by=by,
            reason=_("Plan reset to the method's steps"),
            exclude_from_validation=["workspace"],
        )
        _install_steps(plan, spec, by=by)
    return plan


def plan_update(*, plan: Plan, by, **values) -> Plan:
    values = clean_values(Plan, ("name", "description", "active"), values)
    if "name" in values and not values["name"]:
        raise ValidationError({"name": _("A plan needs a name.")})
    with transaction.atomic():
        return apply_and_save(plan, values, by=by, exclude_from_validation=["workspace"])


STEP_FIELDS = (
    "code", "title", "description", "anchor", "after_step", "offset_days", "direction",
    "limit_days", "skip_weekends", "owner_rule", "owner", "wait_for_due", "closed_by",
    "completes", "repeat_days",
)  # fmt: skip


def step_save(*, plan: Plan, by, step: PlanStep | None = None, **values) -> PlanStep:
    """Add a step to a plan, or change one; the whole plan is checked with the change in
    place (cycles, negative days, a missing owner…) and refused with the reason if wrong."""
    values = clean_values(PlanStep, STEP_FIELDS, values)
    errors = _step_reference_errors(plan, step, values)
    with transaction.atomic():
        # ``of``: PostgreSQL cannot lock the nullable side of the join to the followed step.
        rows = plan.steps.select_for_update(of=("self",)).select_related("after_step")
        steps = {row.pk: row for row in rows}
        row = steps.get(step.pk) if step is not None else None
        if step is not None and row is None:
            raise ValidationError({"step": _("This step is not part of the plan.")})
        if row is None:
            row = PlanStep(plan=plan, position=len(steps))
            if not values.get("code"):
                values["code"] = _free_code(
                    values.get("title", ""), {s.code for s in steps.values()}
                )
        for name, value in values.items():
            setattr(row, name, value)
        candidate = [*(s for pk, s in steps.items() if pk != row.pk), row]
        specs = [_spec_or_error(s, errors) for s in candidate]
        if not errors:
            for problem in method.validate(specs):
                if problem.step in (row.title or row.code, row.code):
                    errors.setdefault(_field_of(problem.field), []).append(_(problem.message))
                else:
                    errors.setdefault("__all__", []).append(str(problem))
        if errors:
            raise ValidationError(errors)
        created = row.pk is None
        row.full_clean(exclude=["plan", "after_step", "owner"], validate_constraints=False)
        save_with_history(row, by=by, created=created)
        return row


def _field_of(name: str) -> str:
    return {"owner": "owner_rule", "person": "owner"}.get(name, name)


def _spec_or_error(step: PlanStep, errors: dict) -> method.StepSpec:
    try:
        return step.as_spec()
    except ValueError:
        errors.setdefault("closed_by", []).append(_("Choose events from the list."))
        return method.StepSpec(
            code=step.code, title=step.title, anchor=method.Anchor.MEETING_HELD, offset_days=0
        )


def _step_reference_errors(plan: Plan, step: PlanStep | None, values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    after = values.get("after_step")
    if after is not None and (after.plan_id != plan.pk or (step and after.pk == step.pk)):
        errors["after_step"] = [_("Choose another step of this plan.")]
    owner = values.get("owner")
    if owner is not None and not _can_own(plan.workspace_id, owner):
        errors["owner"] = [_("The owner must be a member of this workspace who may edit.")]
    for name in ("offset_days", "limit_days", "repeat_days"):
        value = values.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            errors[name] = [_("A whole number of days, please.")]
    closed_by = values.get("closed_by")
    if closed_by is not None and (
        not isinstance(closed_by, list) or any(code not in Anchor.values for code in closed_by)
    ):
        errors["closed_by"] = [_("Choose events from the list.")]
    return errors


def _free_code(title: str, taken: set[str]) -> str:
    from django.utils.text import slugify

    base = (slugify(title)[:30] or "step").replace("-", "_")
    code, number = base, 2
    while code in taken:
        code, number = f"{base}_{number}", number + 1
    return code


def step_delete(*, step: PlanStep, by) -> None:
    followers = list(step.followers.all())
    if followers:
        raise ValidationError(
            {
                "step": _("“%(follower)s” follows this step; change or delete it first.")
                % {"follower": followers[0].title}
            }
        )
    with transaction.atomic():
        delete_with_history([step], by=by)


def stale_rules_save(*, workspace: Workspace, by, days: dict[str, int | None]) -> None:
    """The workspace's quiet days per stage; None puts the method's number back."""
    errors = {}
    for stage, value in days.items():
        if stage not in Stage.values:
            errors[stage] = [_("Not a stage.")]
        elif value is not None and not (1 <= value <= method.MAX_STALE_DAYS):
            errors[stage] = [
                _("From 1 to %(most)d days, or empty for the method's number.")
                % {"most": method.MAX_STALE_DAYS}
            ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for stage, value in days.items():
            if value is None:
                StaleRule.objects.filter(workspace=workspace, stage=stage).delete()
            else:
                StaleRule.objects.update_or_create(
                    workspace=workspace, stage=stage, defaults={"days": value}
                )


# Events ---------------------------------------------------------------------------------------


def event_record(*, partnership: Partnership, kind: str, on: date, source: str, by) -> Event:
    """Record that something happened (once per source) and let the plans react: tasks it
    closes are closed, tasks it starts are started. Recording the same source again with
    another date moves the open tasks counted from it."""
    with transaction.atomic():
        event = (
            Event.objects.select_for_update()
            .filter(partnership=partnership, kind=kind, source=source)
            .first()
        )
        if event is not None:
            if event.on != on:
                event.on = on
                event.save(update_fields=["on"])
                _move_tasks(event, by=by)
            return event
        event = Event.objects.create(
            workspace_id=partnership.workspace_id,
            partnership=partnership,
            kind=kind,
            on=on,
            source=source,
            by=by,
        )
        _close_tasks(event, by=by)
        _start_tasks(event, by=by)
        return event


def event_remove(*, partnership: Partnership, kind: str, source: str, by, reason: str) -> None:
    """An event that did not happen after all (an interaction deleted, a date cleared):
    the open tasks counted from it are closed with ``reason``."""
    with transaction.atomic():
        event = Event.objects.filter(partnership=partnership, kind=kind, source=source).first()
        if event is None:
            return
        for task in event.tasks.filter(status=TaskStatus.OPEN):
            _close(task, status=TaskStatus.CANCELLED, by=by, reason=reason)
        event.delete()


def _active_steps(partnership: Partnership) -> list[PlanStep]:
    plans_install_defaults(workspace=partnership.workspace)
    return list(
        PlanStep.objects.filter(
            plan__workspace_id=partnership.workspace_id, plan__active=True
        ).select_related("after_step", "owner")
    )


def _close_tasks(event: Event, *, by) -> None:
    candidates = (
        FollowUp.objects.filter(partnership_id=event.partnership_id, status=TaskStatus.OPEN)
        .exclude(step=None)
        .select_related("step", "event")
    )
    label = Anchor(event.kind).label
    for task in candidates:
        if event.kind not in task.step.closed_by:
            continue
        # Something logged as happening before the task's own start cannot answer it.
        started = task.event.on if task.event_id else task.created_at.date()
        if event.on < started:
            continue
        _close(
            task,
            status=TaskStatus.CANCELLED,
            by=by,
            reason=_("Closed on its own: %(event)s") % {"event": label},
        )


def _start_tasks(event: Event, *, by) -> None:
    partnership = event.partnership
    if partnership.stage in FINISHED_STAGES:
        return
    for step in _active_steps(partnership):
        if step.anchor == event.kind:
            _start(step, partnership=partnership, anchor_on=event.on, by=by, event=event)


def _start(
    step: PlanStep,
    *,
    partnership: Partnership,
    anchor_on: date,
    by,
    event: Event | None = None,
    after_task: FollowUp | None = None,
) -> FollowUp:
    """A task of ``step``; an open one of the same step in this partnership is moved to
    the new anchor instead of repeated, so a second meeting before the proposal went out
    asks for one proposal, not two."""
    planned = method.schedule(step.as_spec(), anchor_on, created_on=today())
    values = {
        "due_on": planned.due_on,
        "limit_on": planned.limit_on,
        "visible_from": planned.visible_from,
        "event": event,
        "after_task": after_task,
    }
    current = (
        FollowUp.objects.select_for_update()
        .filter(partnership=partnership, step=step, status=TaskStatus.OPEN)
        .first()
    )
    if current is not None:
        return apply_and_save(
            current,
            values,
            by=by,
            reason=_("Counted again from a newer event"),
            exclude_from_validation=_TASK_REFERENCES,
        )
    task = FollowUp(
        workspace_id=partnership.workspace_id,
        partnership=partnership,
        step=step,
        title=step.title,
        notes=step.description,
        owner=_owner_for(step, partnership, by),
        created_by=by,
        **values,
    )
    return apply_and_save(task, {}, by=by, created=True, exclude_from_validation=_TASK_REFERENCES)


_TASK_REFERENCES = [
    "workspace", "partnership", "step", "event", "after_task", "owner", "closed_by",
    "created_by",
]  # fmt: skip


def _owner_for(step: PlanStep, partnership: Partnership, by):
    """None means "the partnership's owner", now and after any change of owner."""
    if step.owner_rule == OwnerRule.PERSON and step.owner_id:
        person = step.owner
    elif step.owner_rule == OwnerRule.ACTOR:
        person = by
    else:
        return None
    return person if person is not None and _can_own(partnership.workspace_id, person) else None


def _can_own(workspace_id: int, user) -> bool:
    return Membership.objects.filter(
        workspace_id=workspace_id,
        user=user,
        role__in=[Role.ADMIN, Role.COORDINATOR, Role.MEMBER],
    ).exists()


def _move_tasks(event: Event, *, by) -> None:
    for task in event.tasks.filter(status=TaskStatus.OPEN).select_related("step"):
        if task.step is None:
            continue
        planned = method.schedule(task.step.as_spec(), event.on, created_on=task.created_at.date())
        apply_and_save(
            task,
            {
                "due_on": planned.due_on,
                "limit_on": planned.limit_on,
                "visible_from": planned.visible_from,
            },
            by=by,
            reason=_("Moved with the date of “%(event)s”") % {"event": Anchor(event.kind).label},
            exclude_from_validation=_TASK_REFERENCES,
        )


def _close(task: FollowUp, *, status: str, by, reason: str = "") -> FollowUp:
    return apply_and_save(
        task,
        {
            "status": status,
            "closed_at": timezone.now(),
            "closed_by": by,
            "closed_reason": reason[:300],
        },
        by=by,
        reason=reason,
        exclude_from_validation=_TASK_REFERENCES,
    )


# Reactions to the other apps' writes (registered in FollowupsConfig.ready) -------------------


def on_partnership_moved(*, partnership: Partnership, change, by) -> None:
    to_stage = MethodStage(change.to_stage)
    if to_stage in method.STAGE_EVENTS:
        event_record(
            partnership=partnership,
            kind=method.STAGE_EVENTS[to_stage].value,
            on=timezone.localdate(change.at),
            source=f"stage:{change.pk}",
            by=by,
        )
    if change.to_stage in FINISHED_STAGES:
        reason = _("The partnership is %(stage)s") % {"stage": Stage(change.to_stage).label.lower()}
        for task in FollowUp.objects.filter(partnership=partnership, status=TaskStatus.OPEN):
            _close(task, status=TaskStatus.CANCELLED, by=by, reason=reason)


def on_partnership_dates_changed(*, partnership: Partnership, fields, by) -> None:
    for name in fields:
        if name not in DATE_EVENTS:
            continue
        kind, value = DATE_EVENTS[name], getattr(partnership, name)
        if value is None:
            event_remove(
                partnership=partnership,
                kind=kind,
                source=f"date:{name}",
                by=by,
                reason=_("The date was removed from the partnership"),
            )
        else:
            event_record(partnership=partnership, kind=kind, on=value, source=f"date:{name}", by=by)


def on_meeting_saved(*, meeting, by) -> None:
    """A meeting that has taken place and has notes was held: it goes into the log (once);
    a later change of its date moves the log entry and the tasks counted from it."""
    held_on = timezone.localdate(meeting.starts_at)
    interaction = Interaction.objects.filter(meeting=meeting).first()
    if interaction is not None:
        if meeting.starts_at > timezone.now():
            # Moved to a later day: it has not been held after all.
            interaction_delete(interaction=interaction, by=by)
        elif interaction.occurred_on != held_on:
            interaction_update(interaction=interaction, by=by, version=None, occurred_on=held_on)
        return
    has_notes = any(
        getattr(meeting, name) for name in ("liked", "concerns", "decisions", "outcome")
    )
    if meeting.starts_at <= timezone.now() and has_notes:
        interaction_log(
            partnership=meeting.partnership,
            by=by,
            kind=InteractionKind.MEETING,
            direction=InteractionDirection.BOTH,
            occurred_on=held_on,
            summary=meeting.title[:500],
            meeting=meeting,
        )


def on_member_removed(*, workspace: Workspace, user, by) -> None:
    """Their tasks go back to each partnership's owner; steps named for them, to the
    partnership's owner rule. Nothing of theirs disappears."""
    reason = _("%(name)s left the workspace") % {"name": user.get_full_name() or user.username}
    for task in FollowUp.objects.filter(workspace=workspace, owner=user, status=TaskStatus.OPEN):
        apply_and_save(
            task, {"owner": None}, by=by, reason=reason, exclude_from_validation=_TASK_REFERENCES
        )
    for step in PlanStep.objects.filter(plan__workspace=workspace, owner=user):
        step.owner, step.owner_rule = None, OwnerRule.PARTNERSHIP_OWNER
        save_with_history(step, by=by, reason=reason)


# Interactions ---------------------------------------------------------------------------------

INTERACTION_FIELDS = ("kind", "direction", "purpose", "occurred_on", "summary", "contact")


def _interaction_events(interaction: Interaction) -> set[str]:
    """What an interaction means for the plans."""
    kinds = set()
    if interaction.kind == InteractionKind.MEETING:
        kinds.add(Anchor.MEETING_HELD)
    # A meeting is not an answer to a written proposal; the plans close pings on meetings
    # themselves.
    elif interaction.direction in (InteractionDirection.INCOMING, InteractionDirection.BOTH):
        kinds.add(Anchor.PARTNER_REPLIED)
    if interaction.direction != InteractionDirection.INCOMING:
        if interaction.purpose == Purpose.PROPOSAL:
            kinds.add(Anchor.PROPOSAL_SENT)
        elif interaction.purpose == Purpose.REPORT:
            kinds.add(Anchor.REPORT_SENT)
    return kinds


def _interaction_checks(partnership: Partnership, values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    occurred = values.get("occurred_on")
    if isinstance(occurred, date) and occurred > today():
        errors["occurred_on"] = [
            _("An interaction that has not happened yet is a task, not a log entry.")
        ]
    contact = values.get("contact")
    if contact is not None and (
        not isinstance(contact, Contact) or contact.partner_id != partnership.partner_id
    ):
        errors["contact"] = [
            _("Choose one of the contacts of %(partner)s.") % {"partner": partnership.partner.name}
        ]
    return errors


def interaction_log(
    *,
    partnership: Partnership,
    by,
    kind: str = InteractionKind.EMAIL,
    direction: str = InteractionDirection.OUTGOING,
    occurred_on: date | None = None,
    summary: str = "",
    purpose: str = "",
    contact: Contact | None = None,
    meeting=None,
) -> Interaction:
    """Log an e-mail, call, meeting or message; a reply from them closes pending pings, a
    meeting starts the written proposal."""
    values = clean_values(
        Interaction,
        INTERACTION_FIELDS,
        {
            "kind": kind,
            "direction": direction,
            "purpose": purpose or "",
            "occurred_on": occurred_on or today(),
            "summary": summary or "",
            "contact": contact,
        },
    )
    errors = _interaction_checks(partnership, values)
    with transaction.atomic():
        interaction = Interaction(
            workspace_id=partnership.workspace_id,
            partnership=partnership,
            logged_by=by,
            meeting=meeting,
        )
        apply_and_save(
            interaction,
            values,
            by=by,
            created=True,
            errors=errors,
            exclude_from_validation=["workspace", "partnership", "contact", "meeting", "logged_by"],
        )
        for event_kind in sorted(_interaction_events(interaction)):
            event_record(
                partnership=partnership,
                kind=event_kind,
                on=interaction.occurred_on,
                source=f"interaction:{interaction.pk}",
                by=by,
            )
    return interaction


def interaction_update(
    *, interaction: Interaction, by, version: int | None, **values
) -> Interaction:
    """Change a log entry; a new date moves the tasks counted from it, a changed meaning
    (no longer the proposal, say) closes the tasks it had started."""
    values = clean_values(Interaction, INTERACTION_FIELDS, values)
    with transaction.atomic():
        locked = lock_for_edit(interaction, expected_version=version, fields=INTERACTION_FIELDS)
        before = _interaction_events(locked)
        errors = _interaction_checks(locked.partnership, values)
        apply_and_save(
            locked,
            values,
            by=by,
            errors=errors,
            exclude_from_validation=["workspace", "partnership", "contact", "meeting", "logged_by"],
        )
        after = _interaction_events(locked)
        source = f"interaction:{locked.pk}"
        _forget(
            locked, before - after, by=by, reason=_("The log entry it was counted from was changed")
        )
        for kind in sorted(after):
            event_record(
                partnership=locked.partnership,
                kind=kind,
                on=locked.occurred_on,
                source=source,
                by=by,
            )
    return locked


def interaction_delete(*, interaction: Interaction, by) -> None:
    with transaction.atomic():
        _forget(
            interaction,
            _interaction_events(interaction),
            by=by,
            reason=_("The log entry it was counted from was deleted"),
        )
        delete_with_history([interaction], by=by)


def _forget(interaction: Interaction, kinds, *, by, reason: str) -> None:
    """The events ``kinds`` of this log entry did not happen: their open tasks close."""
    for kind in kinds:
        event_remove(
            partnership=interaction.partnership,
            kind=kind,
            source=f"interaction:{interaction.pk}",
            by=by,
            reason=reason,
        )


# Tasks ----------------------------------------------------------------------------------------


def _title(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError({"title": _("Say what is to be done.")})
    if len(value.strip()) > TITLE_MAX:
        raise ValidationError({"title": _("At most %(n)d characters.") % {"n": TITLE_MAX}})
    return value.strip()


def followup_create(
    *, partnership: Partnership, by, title: str, due_on: date, owner=None, notes: str = ""
) -> FollowUp:
    """A task written by hand."""
    title = _title(title)
    errors = {}
    if owner is not None and not _can_own(partnership.workspace_id, owner):
        errors["owner"] = [_("The owner must be a member of this workspace who may edit.")]
    if not isinstance(due_on, date):
        errors["due_on"] = [_("Give a date.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        task = FollowUp(
            workspace_id=partnership.workspace_id,
            partnership=partnership,
            title=title,
            notes=(notes or "").strip(),
            owner=owner,
            due_on=due_on,
            visible_from=min(today(), due_on),
            created_by=by,
        )
        return apply_and_save(
            task, {}, by=by, created=True, exclude_from_validation=_TASK_REFERENCES
        )


def _locked_open(task: FollowUp, version: int | None) -> FollowUp:
    locked = lock_for_edit(task, expected_version=version, fields=("status", "owner", "due_on"))
    if locked.status != TaskStatus.OPEN:
        raise ValidationError(
            {
                "status": _("This task is already closed (%(status)s).")
                % {"status": locked.get_status_display().lower()}
            }
        )
    return locked


def followup_done(*, task: FollowUp, by, version: int | None = None) -> FollowUp:
    """Done. If the step says what that means (the proposal was sent), that event is
    recorded; the steps that follow this one start, and a repeating step comes back."""
    with transaction.atomic():
        locked = _locked_open(task, version)
        done_on = today()
        _close(locked, status=TaskStatus.DONE, by=by)
        step = locked.step
        if step is None:
            return locked
        if step.completes:
            event_record(
                partnership=locked.partnership,
                kind=step.completes,
                on=done_on,
                source=f"task:{locked.pk}",
                by=by,
            )
        if locked.partnership.stage not in FINISHED_STAGES and step.plan.active:
            for follower in step.followers.all():
                _start(
                    follower,
                    partnership=locked.partnership,
                    anchor_on=done_on,
                    by=by,
                    after_task=locked,
                )
            if step.repeat_days:
                _repeat(step, locked, done_on=done_on, by=by)
    return locked


def fulfilled(*, partnership: Partnership, kind: str, on: date, source: str, by) -> int:
    """What some tasks wait for happened (a report went out): the open tasks whose step says
    that is what "done" means are done, which records the event and brings the next ones; with
    no such task the event is recorded under ``source``. How many tasks were done."""
    with transaction.atomic():
        waiting = list(
            FollowUp.objects.open().filter(partnership=partnership, step__completes=kind)
            .order_by("due_on", "pk")
        )
        for task in waiting:
            followup_done(task=task, by=by)
        if not waiting:
            event_record(partnership=partnership, kind=kind, on=on, source=source, by=by)
    return len(waiting)


def _repeat(step: PlanStep, task: FollowUp, *, done_on: date, by) -> FollowUp:
    due = method.shift(done_on, step.repeat_days, skip_weekends=step.skip_weekends)
    again = FollowUp(
        workspace_id=task.workspace_id,
        partnership_id=task.partnership_id,
        step=step,
        title=step.title,
        notes=step.description,
        owner=task.owner,
        due_on=due,
        visible_from=today(),
        after_task=task,
        created_by=by,
    )
    return apply_and_save(again, {}, by=by, created=True, exclude_from_validation=_TASK_REFERENCES)


def followup_snooze(
    *, task: FollowUp, by, until: date, reason: str, version: int | None = None
) -> FollowUp:
    """Put a task out of the way until a later day, saying why."""
    errors = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Say why, so the team knows it is in hand.")]
    elif len(reason) > 300:
        errors["reason"] = [_("At most 300 characters.")]
    if not isinstance(until, date) or until <= today():
        errors["until"] = [_("Choose a day after today.")]
    elif until > today() + timedelta(days=SNOOZE_MAX_DAYS):
        errors["until"] = [_("At most a year ahead.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_open(task, version)
        return apply_and_save(
            locked,
            {"snoozed_until": until, "snooze_reason": reason},
            by=by,
            reason=_("Snoozed: %(reason)s") % {"reason": reason},
            exclude_from_validation=_TASK_REFERENCES,
        )


def followup_reassign(*, task: FollowUp, by, owner, version: int | None = None) -> FollowUp:
    """Give the task to another member; None gives it back to the partnership's owner."""
    if owner is not None and not _can_own(task.workspace_id, owner):
        raise ValidationError(
            {"owner": _("The owner must be a member of this workspace who may edit.")}
        )
    with transaction.atomic():
        locked = _locked_open(task, version)
        return apply_and_save(
            locked, {"owner": owner}, by=by, exclude_from_validation=_TASK_REFERENCES
        )


def followup_cancel(*, task: FollowUp, by, reason: str, version: int | None = None) -> FollowUp:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is not needed.")})
    with transaction.atomic():
        locked = _locked_open(task, version)
        return _close(locked, status=TaskStatus.CANCELLED, by=by, reason=reason)


# Reminder preferences -------------------------------------------------------------------------


def digest_preference_save(*, user, frequency: str, weekday: int = 0) -> DigestPreference:
    preference = DigestPreference.objects.filter(user=user).first() or DigestPreference(user=user)
    preference.frequency, preference.weekday = frequency, weekday
    preference.full_clean(exclude=["user"])
    preference.save()
    return preference
