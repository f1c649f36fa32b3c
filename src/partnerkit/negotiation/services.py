"""Writes of the negotiation: commitments (screened for dangerous promises on every save),
warning signs, and saying no.

Screening reads English only: a commitment in another language or script is stored as it
was written, marked "not screened", so nothing is lost and the page says why it carries no
findings.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.core.history import delete_with_history
from partnerkit.core.records import apply_and_save, clean_values, lock_for_edit
from partnerkit.method import screening
from partnerkit.method import warning_signs as sign_catalogue
from partnerkit.negotiation.models import (
    TEXT_MAX_CHARS,
    Commitment,
    CommitmentStatus,
    Screening,
    Side,
    WarningSign,
)
from partnerkit.partners.models import Contact
from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Decision, Partnership, Stage, StageChange
from partnerkit.workspaces.models import Membership

COMMITMENT_FIELDS = (
    "meeting", "side", "text", "owner_user", "owner_contact", "due_on", "effort_hours", "status",
)  # fmt: skip
# Set by reference to other records and checked against the workspace here.
_REFERENCES = [
    "workspace", "partnership", "meeting", "owner_user", "owner_contact", "created_by",
    "acknowledged_by", "recorded_by", "resolved_by",
]  # fmt: skip


# Commitments ----------------------------------------------------------------------------------


def _required_text(value, field: str, *, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError({field: _("Write %(what)s.") % {"what": what}})
    text = value.strip()
    if len(text) > TEXT_MAX_CHARS:
        raise ValidationError(
            {
                field: _(
                    "At most %(limit)s characters, please (this has %(length)s): a commitment "
                    "is a sentence or two."
                )
                % {"limit": f"{TEXT_MAX_CHARS:,}", "length": f"{len(text):,}"}
            }
        )
    return text


def screen_text(text: str) -> dict:
    """The screening fields for ``text``: findings, whether flagged, and the state."""
    if not screening.looks_english(text):
        return {"findings": [], "flagged": False, "screening": Screening.NOT_ENGLISH}
    try:
        findings = screening.screen(text, lang="en")
    except screening.TextTooLong as error:
        raise ValidationError({"text": str(error)}) from None
    return {
        "findings": screening.findings_as_json(findings),
        "flagged": bool(findings),
        "screening": Screening.SCREENED,
    }


def _check_references(partnership: Partnership, values: dict) -> None:
    errors = {}
    owner_user = values.get("owner_user")
    if owner_user is not None and not Membership.objects.filter(
        workspace_id=partnership.workspace_id, user=owner_user
    ).exists():
        errors["owner_user"] = [_("The owner on our side must be a member of this workspace.")]
    owner_contact = values.get("owner_contact")
    if owner_contact is not None and owner_contact.partner_id != partnership.partner_id:
        errors["owner_contact"] = [
            _("The owner on the partner's side must be one of the contacts of %(partner)s.")
            % {"partner": partnership.partner.name}
        ]
    meeting = values.get("meeting")
    if meeting is not None and meeting.partnership_id != partnership.pk:
        errors["meeting"] = [_("The meeting must be one of this partnership's meetings.")]
    if errors:
        raise ValidationError(errors)


def _commitment_values(values: dict) -> dict:
    values = clean_values(Commitment, COMMITMENT_FIELDS, values)
    if "text" in values:
        values["text"] = _required_text(values["text"], "text", what=_("what is promised"))
    if isinstance(values.get("effort_hours"), (int, float)) and not isinstance(
        values["effort_hours"], bool
    ):
        values["effort_hours"] = Decimal(str(values["effort_hours"]))
    return values


def commitment_create(
    *,
    partnership: Partnership,
    by,
    text: str,
    side: str = Side.OURS,
    meeting=None,
    owner_user=None,
    owner_contact: Contact | None = None,
    due_on: date | None = None,
    effort_hours: Decimal | int | None = None,
    status: str = CommitmentStatus.OPEN,
) -> Commitment:
    """Record a promise of one side and screen it for dangerous promises."""
    values = _commitment_values(
        {
            "text": text, "side": side, "meeting": meeting, "owner_user": owner_user,
            "owner_contact": owner_contact, "due_on": due_on, "effort_hours": effort_hours,
            "status": status,
        }  # fmt: skip
    )
    _check_references(partnership, values)
    values.update(screen_text(values["text"]))
    with transaction.atomic():
        commitment = Commitment(
            workspace_id=partnership.workspace_id, partnership=partnership, created_by=by
        )
        return apply_and_save(
            commitment, values, by=by, created=True, exclude_from_validation=_REFERENCES
        )


def commitment_update(*, commitment: Commitment, by, version: int | None, **values) -> Commitment:
    """Change a commitment; a new wording is screened again, and a decision to keep a
    flagged promise lapses with the wording it was made for."""
    values = _commitment_values(values)
    with transaction.atomic():
        locked = lock_for_edit(commitment, expected_version=version, fields=COMMITMENT_FIELDS)
        _check_references(locked.partnership, values)
        if "text" in values:
            values.update(screen_text(values["text"]))
            if values["text"] != locked.text:
                values.update(
                    {"acknowledged_by": None, "acknowledged_reason": "", "acknowledged_at": None}
                )
        return apply_and_save(locked, values, by=by, exclude_from_validation=_REFERENCES)


def commitment_delete(*, commitment: Commitment, by) -> None:
    with transaction.atomic():
        delete_with_history(Commitment.objects.filter(pk=commitment.pk), by=by)


def commitment_acknowledge(
    *, commitment: Commitment, by, reason: str, version: int | None = None
) -> Commitment:
    """Keep a flagged commitment on purpose, with the reason on record."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this promise is kept despite the flag.")})
    with transaction.atomic():
        locked = lock_for_edit(commitment, expected_version=version, fields=COMMITMENT_FIELDS)
        if not locked.flagged:
            raise ValidationError(
                _("The screening found no dangerous promise in this commitment: nothing to keep.")
            )
        return apply_and_save(
            locked,
            {"acknowledged_by": by, "acknowledged_reason": reason,
             "acknowledged_at": timezone.now()},  # fmt: skip
            by=by, reason=_("Kept on purpose: %(reason)s") % {"reason": reason},
            exclude_from_validation=_REFERENCES,
        )


# Warning signs --------------------------------------------------------------------------------


def warning_sign_create(
    *, partnership: Partnership, by, code: str, evidence: str, meeting=None
) -> WarningSign:
    """Record a warning sign of the partner with what they said or did."""
    errors = {}
    if code not in sign_catalogue.BY_CODE:
        errors["code"] = [
            _("“%(code)s” is not a warning sign; choose one of %(valid)s.")
            % {"code": code, "valid": ", ".join(sign_catalogue.CODES)}
        ]
    try:
        evidence = _required_text(
            evidence, "evidence", what=_("the evidence: what did they say or do?")
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if meeting is not None and meeting.partnership_id != partnership.pk:
        errors["meeting"] = [_("The meeting must be one of this partnership's meetings.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        sign = WarningSign(
            workspace_id=partnership.workspace_id, partnership=partnership, recorded_by=by
        )
        return apply_and_save(
            sign, {"code": code, "evidence": evidence, "meeting": meeting}, by=by, created=True,
            exclude_from_validation=_REFERENCES,
        )


def warning_sign_resolve(
    *, warning_sign: WarningSign, by, note: str, version: int | None = None
) -> WarningSign:
    """Mark a warning sign as settled, saying how; the record stays."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say how it was resolved.")})
    with transaction.atomic():
        locked = lock_for_edit(warning_sign, expected_version=version, fields=("resolved",))
        if locked.resolved:
            raise ValidationError({"note": _("This warning sign is already resolved.")})
        return apply_and_save(
            locked,
            {"resolved": True, "resolved_note": note, "resolved_by": by,
             "resolved_at": timezone.now()},  # fmt: skip
            by=by, reason=note, exclude_from_validation=_REFERENCES,
        )


# Saying no ------------------------------------------------------------------------------------

# The two ways of saying no: the stage the partnership goes to and the decision recorded.
SAY_NO_OUTCOMES: dict[str, tuple[str, str]] = {
    Stage.DECLINED: (Stage.DECLINED, Decision.NO_GO),
    Stage.ON_HOLD: (Stage.ON_HOLD, Decision.NOT_NOW),
}


def say_no(*, partnership: Partnership, by, outcome: str, reason: str) -> StageChange:
    """Decline ("declined", decision no-go) or put off ("on_hold", decision not now), with
    the reason on both the stage change and the decision, in one transaction.

    Raises ValidationError naming ``outcome`` or ``reason``, and whatever the stage move
    raises (``StageBlocked``, ``ValidationError``, ``PermissionDenied``); then nothing is
    saved.
    """
    errors = {}
    if outcome not in SAY_NO_OUTCOMES:
        errors["outcome"] = [
            _("Choose “%(declined)s” or “%(on_hold)s”.")
            % {"declined": Stage.DECLINED.value, "on_hold": Stage.ON_HOLD.value}
        ]
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        errors["reason"] = [_("Give the reason: why no, or why not now.")]
    if errors:
        raise ValidationError(errors)
    to_stage, decision = SAY_NO_OUTCOMES[outcome]
    with transaction.atomic():
        change = partnership_services.partnership_move(
            partnership=partnership, to_stage=to_stage, by=by, reason=reason
        )
        partnership_services.partnership_update(
            partnership=partnership, by=by, version=None, decision=decision,
            decision_reason=reason,
        )
    partnership.refresh_from_db()
    return change
