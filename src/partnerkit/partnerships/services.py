"""Writes to partnerships. Every stage change goes through ``partnership_move``, which the
pages, the API and the CLI all call, so the method's entry rules hold everywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.core import events
from partnerkit.core.history import m2m_history_model
from partnerkit.core.records import (
    apply_and_save,
    clean_values,
    lock_for_edit,
    require_history_of,
    restore_values,
    restored_reason,
)
from partnerkit.method import goal_types as goal_catalogue
from partnerkit.method import stages
from partnerkit.partners.models import Contact, Partner
from partnerkit.partnerships.models import (
    Decision,
    GoalType,
    Licence,
    Partnership,
    Stage,
    StageChange,
)
from partnerkit.workspaces.models import Membership, Workspace
from partnerkit.workspaces.permissions import can

PARTNERSHIP_FIELDS = (
    "title",
    "owner",
    "partner_owner",
    "sketch",
    "impact",
    "impact_reason",
    "likelihood",
    "likelihood_reason",
    "ease",
    "ease_reason",
    "benefit",
    "benefit_reason",
    "risk",
    "risk_reason",
    "effort_hours",
    "effort_reason",
    "licence",
    "batna",
    "plan_b",
    "decision",
    "decision_reason",
    "next_step",
    "next_step_due",
    "started_on",
    "mou_signed_on",
    "review_on",
    "ends_on",
)
# The agreement's dates, which follow-up plans count from (a renewal review before the end).
DATE_FIELDS = ("mou_signed_on", "review_on", "ends_on")
# Fields set by reference to other records; validated against the workspace.
_NOT_VALIDATED_BY_MODEL = ["workspace", "partner", "created_by", "owner", "partner_owner"]


class StageBlocked(Exception):
    """The method's conditions for the target stage are not met."""

    def __init__(self, to_stage: str, unmet: list[stages.Unmet]):
        super().__init__(
            _("Cannot move to “%(stage)s” yet.") % {"stage": Stage(to_stage).label}
        )
        self.to_stage = to_stage
        self.unmet = unmet

    @property
    def messages(self) -> list[str]:
        return [_(item.message) % item.params if item.params else _(item.message) for item in self.unmet]


def goal_types_resolve(codes: Iterable[str]) -> list[GoalType]:
    """GoalType rows for the codes; unknown codes are refused with the valid ones listed."""
    codes = list(dict.fromkeys(code.strip() for code in codes if code and code.strip()))
    unknown = goal_catalogue.unknown_codes(codes)
    if unknown:
        raise ValidationError(
            {
                "goal_types": _("Unknown goal type %(codes)s; valid: %(valid)s.")
                % {"codes": ", ".join(unknown), "valid": ", ".join(goal_catalogue.CODES)}
            }
        )
    # Created on demand as well as by the migration, so a flushed test database still works.
    return [GoalType.objects.get_or_create(code=code)[0] for code in codes]


def _check_references(workspace: Workspace, partner: Partner, values: dict) -> None:
    errors = {}
    owner = values.get("owner")
    if owner is not None and not Membership.objects.filter(
        workspace=workspace, user=owner
    ).exists():
        errors["owner"] = [_("The owner on our side must be a member of this workspace.")]
    partner_owner = values.get("partner_owner")
    if partner_owner is not None and partner_owner.partner_id != partner.pk:
        errors["partner_owner"] = [_("The owner on the partner's side must be one of its contacts.")]
    if errors:
        raise ValidationError(errors)


def _check_choice(values: dict, name: str, choices) -> None:
    value = values.get(name)
    if value not in (None, "") and value not in choices.values:
        raise ValidationError(
            {name: _("“%(value)s” is not valid; choose one of %(valid)s.")
             % {"value": value, "valid": ", ".join(choices.values)}}
        )


def _values(values: dict) -> dict:
    values = clean_values(Partnership, PARTNERSHIP_FIELDS, values)
    _check_choice(values, "licence", Licence)
    _check_choice(values, "decision", Decision)
    return values


def partnership_create(
    *, workspace: Workspace, partner: Partner, by, goal_types: Iterable[str] = (), **values
) -> Partnership:
    if partner.workspace_id != workspace.pk:
        raise ValidationError({"partner": _("The partner must belong to this workspace.")})
    values = _values(values)
    _check_references(workspace, partner, values)
    with transaction.atomic():
        partnership = Partnership(
            workspace=workspace, partner=partner, created_by=by, stage_changed_at=timezone.now()
        )
        return apply_and_save(
            partnership, values, by=by, m2m={"goal_types": goal_types_resolve(goal_types)},
            created=True, exclude_from_validation=_NOT_VALIDATED_BY_MODEL,
        )


def partnership_update(
    *, partnership: Partnership, by, version: int | None,
    goal_types: Iterable[str] | None = None, **values,
) -> Partnership:
    """Change fields (not the stage: that is ``partnership_move``)."""
    values = _values(values)
    with transaction.atomic():
        locked = lock_for_edit(partnership, expected_version=version, fields=PARTNERSHIP_FIELDS)
        _check_references(locked.workspace, locked.partner, values)
        m2m = None if goal_types is None else {"goal_types": goal_types_resolve(goal_types)}
        dates_before = {name: getattr(locked, name) for name in DATE_FIELDS}
        saved = apply_and_save(
            locked, values, by=by, m2m=m2m, exclude_from_validation=_NOT_VALIDATED_BY_MODEL
        )
        changed = [name for name in DATE_FIELDS if getattr(saved, name) != dates_before[name]]
        if changed:
            events.announce("partnership_dates_changed", partnership=saved, fields=changed, by=by)
        return saved


# Later capabilities (the pitch, meetings, …) add facts for the stage rules they register:
# each provider maps a partnership to entries of ``Facts.extra``.
FACT_PROVIDERS: list[Callable[[Partnership], dict]] = []


def register_facts(provider: Callable[[Partnership], dict]) -> None:
    """Add a provider of extra stage facts; called from an app's ``ready()``."""
    if provider not in FACT_PROVIDERS:
        FACT_PROVIDERS.append(provider)


def facts_of(partnership: Partnership, *, reason: str = "") -> stages.Facts:
    """What the stage rules need to know about a partnership."""
    extra = {}
    for provider in FACT_PROVIDERS:
        extra.update(provider(partnership))
    return stages.Facts(
        goal_types=frozenset(goal.code for goal in partnership.goal_types.all()),
        has_contact_point=Contact.objects.filter(
            partner_id=partnership.partner_id, is_contact_point=True
        ).exists(),
        has_owner=partnership.owner_id is not None,
        has_partner_owner=partnership.partner_owner_id is not None,
        licence=partnership.licence,
        decision=partnership.decision,
        estimates={
            **{name: getattr(partnership, name) for name in Partnership.ESTIMATES},
            "effort": partnership.effort_hours,
        },
        reason=reason,
        extra=extra,
    )


def stage_parse(value: str) -> Stage:
    """The stage named by ``value``; a clear error listing the valid stages otherwise."""
    if value not in Stage.values:
        raise ValidationError(
            {"to": _("“%(value)s” is not a stage; choose one of %(valid)s.")
             % {"value": value, "valid": ", ".join(Stage.values)}}
        )
    return Stage(value)


def partnership_move(
    *, partnership: Partnership, to_stage: str, by, reason: str = "",
    override_reason: str | None = None,
) -> StageChange:
    """Move to another stage when the method's conditions hold.

    Unmet conditions raise StageBlocked, listing what is missing. A coordinator or admin may
    override with a reason; the move then records which conditions were set aside.
    """
    to_stage = stage_parse(to_stage)
    reason = (reason or "").strip()
    override_reason = (override_reason or "").strip()
    with transaction.atomic():
        locked = lock_for_edit(partnership, expected_version=None, fields=())
        from_stage = Stage(locked.stage)
        if from_stage == to_stage:
            raise ValidationError({"to": _("The partnership is already in this stage.")})
        unmet = stages.unmet(facts_of(locked, reason=reason), to_stage, from_stage)
        if unmet and not override_reason:
            raise StageBlocked(to_stage, unmet)
        if unmet:
            _require_override_right(by, locked.workspace)
        change = StageChange.objects.create(
            partnership=locked,
            from_stage=from_stage,
            to_stage=to_stage,
            by=by,
            reason=reason,
            override_reason=override_reason if unmet else "",
            overridden=[str(item) for item in unmet],
        )
        values = {"stage": to_stage, "stage_changed_at": change.at}
        if to_stage in stages.CLOSED and not locked.decision_reason:
            values["decision_reason"] = reason
        summary = _("Moved from %(from)s to %(to)s") % {
            "from": from_stage.label, "to": to_stage.label
        }
        if unmet:
            summary += " — " + _("override: %(reason)s") % {"reason": override_reason}
        elif reason:
            summary += " — " + reason
        apply_and_save(
            locked, values, by=by, reason=summary,
            exclude_from_validation=_NOT_VALIDATED_BY_MODEL,
        )
        events.announce("partnership_moved", partnership=locked, change=change, by=by)
    partnership.refresh_from_db()
    return change


def _require_override_right(by, workspace: Workspace) -> None:
    membership = Membership.objects.filter(workspace=workspace, user=by).first()
    if membership is None or not can(membership, "override"):
        raise PermissionDenied(
            _("Only coordinators and admins may override the method's conditions.")
        )


def partnership_restore(*, partnership: Partnership, history_id: int, by) -> Partnership:
    """Bring back the fields and goal types of an earlier version (the stage stays: stages
    move only through ``partnership_move``)."""
    with transaction.atomic():
        locked = lock_for_edit(partnership, expected_version=None, fields=())
        record = require_history_of(locked, history_id)
        values = restore_values(record, PARTNERSHIP_FIELDS)
        codes = (
            m2m_history_model(Partnership, "goal_types")
            .objects.filter(history=record)
            .values_list("goaltype_id", flat=True)
        )
        if not Contact.objects.filter(
            pk=values["partner_owner_id"], partner_id=locked.partner_id
        ).exists():
            values["partner_owner_id"] = None  # that contact was removed since
        return apply_and_save(
            locked, values, by=by, m2m={"goal_types": goal_types_resolve(codes)},
            reason=restored_reason(record), exclude_from_validation=_NOT_VALIDATED_BY_MODEL,
        )
