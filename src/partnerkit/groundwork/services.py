"""Writes to the groundwork: goals, SWOT items, capacity, readiness checks and the answers to
suggested goal types. Web, API and CLI all call these."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerkit.core.history import delete_with_history, save_with_history
from partnerkit.groundwork.models import (
    Goal,
    GoalSource,
    GoalTypeDecision,
    Priority,
    Profile,
    ReadinessCheck,
    SwotItem,
)
from partnerkit.method import readiness
from partnerkit.method.goal_types import BY_CODE as GOAL_TYPES_BY_CODE
from partnerkit.method.goal_types import SKILLS
from partnerkit.workspaces.models import Workspace

GOAL_FIELDS = ("text", "description", "priority", "source")
SWOT_FIELDS = ("kind", "text")
CAPACITY_FIELDS = ("people", "hours_per_month", "skills")

# Stored on an edit form: what the editor saw, so a save over someone else's newer change
# is refused instead of silently overwriting it (these records carry no version number).
CONFLICT = "conflict"


def _fingerprint(values: Mapping) -> str:
    payload = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


def goal_fingerprint(goal: Goal) -> str:
    return _fingerprint({name: getattr(goal, name) for name in GOAL_FIELDS})


def swot_item_fingerprint(item: SwotItem) -> str:
    values = {name: getattr(item, name) for name in SWOT_FIELDS}
    values["goals"] = sorted(goal.pk for goal in item.goals.all())
    return _fingerprint(values)


def _refuse_stale(current: str, loaded: str | None, what: str) -> None:
    if loaded and loaded != current:
        raise ValidationError(
            _(
                "Someone else changed this %(what)s while you were editing. The form now shows "
                "your input; check the current version on the page and save again to keep yours."
            )
            % {"what": what},
            code=CONFLICT,
        )


def _clean(instance, exclude=("workspace",)) -> None:
    instance.full_clean(exclude=list(exclude), validate_unique=False)


# Goals


def goal_create(
    *,
    workspace: Workspace,
    by,
    text: str,
    description: str = "",
    priority: str = Priority.MEDIUM,
    source: str = GoalSource.ANNUAL,
) -> Goal:
    goal = Goal(
        workspace=workspace,
        text=text.strip(),
        description=description.strip(),
        priority=priority,
        source=source,
    )
    with transaction.atomic():
        _clean(goal)
        save_with_history(goal, by=by, created=True)
    return goal


def goal_update(*, goal: Goal, by, loaded: str | None = None, **values) -> Goal:
    """Change some of the goal's fields. ``loaded`` is the fingerprint the editor saw."""
    unknown = set(values) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"goal_update() got unknown fields {sorted(unknown)}")
    with transaction.atomic():
        locked = Goal.objects.select_for_update().get(pk=goal.pk, workspace=goal.workspace_id)
        _refuse_stale(goal_fingerprint(locked), loaded, _("goal"))
        for name, value in values.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        _clean(locked)
        save_with_history(locked, by=by)
    return locked


def goal_delete(*, goal: Goal, by) -> None:
    """Delete the goal; SWOT items linked to it stay, without the link."""
    with transaction.atomic():
        delete_with_history(Goal.objects.filter(pk=goal.pk, workspace=goal.workspace_id), by=by)


# SWOT


def _workspace_goals(workspace: Workspace, goals: Iterable) -> list[Goal]:
    """The goals by object or id, all of this workspace, or a ValidationError on ``goals``."""
    ids = []
    for goal in goals:
        ids.append(goal.pk if isinstance(goal, Goal) else goal)
    try:
        wanted = {int(pk) for pk in ids}
    except (TypeError, ValueError):
        raise ValidationError({"goals": _("Goals are chosen by their number.")}) from None
    found = list(Goal.objects.filter(workspace=workspace, pk__in=wanted))
    missing = wanted - {goal.pk for goal in found}
    if missing:
        raise ValidationError(
            {"goals": _("Goal %(id)s is not one of this workspace's goals.") % {"id": min(missing)}}
        )
    return found


def swot_item_create(
    *, workspace: Workspace, by, kind: str, text: str, goals: Iterable = ()
) -> SwotItem:
    item = SwotItem(workspace=workspace, kind=kind, text=text.strip())
    with transaction.atomic():
        linked = _workspace_goals(workspace, goals)
        _clean(item)
        save_with_history(item, by=by, m2m={"goals": linked}, created=True)
    return item


def swot_item_update(
    *,
    item: SwotItem,
    by,
    loaded: str | None = None,
    kind: str | None = None,
    text: str | None = None,
    goals: Iterable | None = None,
) -> SwotItem:
    with transaction.atomic():
        locked = SwotItem.objects.select_for_update().get(pk=item.pk, workspace=item.workspace_id)
        _refuse_stale(swot_item_fingerprint(locked), loaded, _("SWOT item"))
        if kind is not None:
            locked.kind = kind
        if text is not None:
            locked.text = text.strip()
        linked = None if goals is None else _workspace_goals(locked.workspace, goals)
        _clean(locked)
        save_with_history(locked, by=by, m2m=None if linked is None else {"goals": linked})
    return locked


def swot_item_delete(*, item: SwotItem, by) -> None:
    with transaction.atomic():
        delete_with_history(
            SwotItem.objects.filter(pk=item.pk, workspace=item.workspace_id), by=by
        )


# Capacity


def profile_update(
    *, workspace: Workspace, by, people: int, hours_per_month: int, skills: Iterable[str] = ()
) -> Profile:
    """Set the workspace's capacity. Zero is allowed: the readiness check and the suggestions
    explain what it means. The ranking fields of the profile are left as they are."""
    skills = list(dict.fromkeys(skills))
    errors = {}
    unknown = [code for code in skills if code not in SKILLS]
    if unknown:
        errors["skills"] = _("Unknown skill “%(code)s”; choose from the list.") % {
            "code": unknown[0]
        }
    for name, value in (("people", people), ("hours_per_month", hours_per_month)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            errors[name] = _("Enter a whole number, 0 or more.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        profile = profile_for_update(workspace)
        profile.people = people
        profile.hours_per_month = hours_per_month
        # Catalogue order, so the stored list does not depend on the order of the boxes.
        profile.skills = [code for code in SKILLS if code in skills]
        _clean(profile)
        save_with_history(profile, by=by, created=profile.pk is None)
    return profile


def profile_for_update(workspace: Workspace) -> Profile:
    """The workspace's profile locked for this transaction, or a new unsaved one."""
    return Profile.objects.select_for_update().filter(workspace=workspace).first() or Profile(
        workspace=workspace
    )


# Readiness


def readiness_check_record(
    *, workspace: Workspace, by, answers: Mapping[str, str | None]
) -> tuple[ReadinessCheck, readiness.Assessment]:
    """Assess the answers (question code → option code; left out or empty = unanswered) and
    keep the check with its outcome and gaps."""
    answers = {code: answer for code, answer in answers.items() if answer}
    try:
        assessment = readiness.assess(answers)
    except readiness.ReadinessError as error:
        raise ValidationError({error.field: str(error)}) from None
    with transaction.atomic():
        check = ReadinessCheck.objects.create(
            workspace=workspace,
            by=by,
            answers=answers,
            outcome=str(assessment.outcome),
            gaps=[
                {
                    "question": gap.question,
                    "condition": gap.condition,
                    "answer": gap.answer,
                    "severity": str(gap.severity),
                    "next_step": gap.next_step,
                }
                for gap in assessment.gaps
            ],
        )
    return check, assessment


# Goal types


def goal_type_decide(
    *, workspace: Workspace, by, code: str, answer: str, score: float | None = None
) -> GoalTypeDecision:
    """Accept or reject a suggested goal type; a later answer replaces the earlier one."""
    if code not in GOAL_TYPES_BY_CODE:
        raise ValidationError({"code": _("“%(code)s” is not a goal type.") % {"code": code}})
    if answer not in GoalTypeDecision.Answer.values:
        raise ValidationError(
            {"answer": _("Answer “accepted” or “rejected”, not “%(answer)s”.") % {"answer": answer}}
        )
    with transaction.atomic():
        decision, _created = GoalTypeDecision.objects.update_or_create(
            workspace=workspace, code=code, defaults={"answer": answer, "score": score, "by": by}
        )
    return decision


def goal_type_undecide(*, workspace: Workspace, by, code: str) -> None:
    """Take back the answer: the type is a plain suggestion again."""
    with transaction.atomic():
        GoalTypeDecision.objects.filter(workspace=workspace, code=code).delete()
