"""The shared steps of editing a versioned, history-keeping record.

Partners, contacts and the records that come later all follow the same path: lock the row,
refuse a stale edit with a readable account of what changed, validate, save as one history
entry. Services call these helpers so that path exists once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from partnerkit.core.errors import ConflictError
from partnerkit.core.history import save_with_history


def clean_values(model: type[models.Model], allowed: Iterable[str], values: dict) -> dict:
    """Check field names (a programming error if wrong) and strip surrounding white space."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"{model.__name__} has no editable field(s) {sorted(unknown)}")
    return {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }


def lock_for_edit(instance: models.Model, *, expected_version: int | None, fields: Iterable[str]):
    """The row, locked for this transaction; ConflictError if someone saved it meanwhile.

    ``expected_version`` is the version the editor loaded; None skips the check (used by
    interfaces that always send whole records, such as a restore).
    """
    model = type(instance)
    locked = model.objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and locked.version != expected_version:
        seen = (
            locked.history.filter(version=expected_version).order_by("-history_id").first()
        )
        changes = {}
        if seen is not None:
            for name in fields:
                before, now = getattr(seen, name, None), getattr(locked, name)
                if before != now:
                    changes[name] = (before, now)
        raise ConflictError(
            _("Someone else saved this record after you opened it; review their changes."),
            current_version=locked.version,
            changes=changes,
        )
    return locked


def apply_and_save(
    instance: models.Model,
    values: dict,
    *,
    by,
    reason: str = "",
    m2m: dict | None = None,
    created: bool = False,
    exclude_from_validation: Iterable[str] = (),
    errors: dict[str, list[str]] | None = None,
) -> models.Model:
    """Set values, validate the whole record (errors name fields), bump the version, save.

    An edit that changes nothing saves nothing: no new version, no empty history entry.
    """
    before = {name: getattr(instance, name) for name in values}
    for name, value in values.items():
        setattr(instance, name, value)
    # Check constraints mirror the fields' choices, which full_clean already validates; the
    # database still enforces them, without a query per constraint on every save.
    # ``errors`` are what the service found itself; all problems are reported together.
    errors = {name: list(messages) for name, messages in (errors or {}).items()}
    try:
        instance.full_clean(exclude=list(exclude_from_validation), validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if not created and not _differs(instance, before, m2m):
        return instance
    if not created:
        instance.version += 1
    save_with_history(instance, by=by, reason=reason, m2m=m2m, created=created)
    return instance


def _differs(instance: models.Model, before: dict, m2m: dict | None) -> bool:
    if any(getattr(instance, name) != value for name, value in before.items()):
        return True
    for name, objects in (m2m or {}).items():
        current = set(getattr(instance, name).values_list("pk", flat=True))
        if current != {obj.pk for obj in objects}:
            return True
    return False


def restore_values(record, fields: Iterable[str]) -> dict:
    """The field values a historical record held; relations by id (``owner_id``), so a
    related record deleted since does not break the restore."""
    model = record.instance_type
    values = {}
    for name in fields:
        attname = model._meta.get_field(name).attname
        values[attname] = getattr(record, attname)
    return values


def restored_reason(record) -> str:
    """The history note of a restore: which version came back."""
    return _("Restored the version of %(when)s") % {
        "when": formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    }


def require_history_of(instance: models.Model, history_id: int):
    record = instance.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError({"history_id": _("There is no such version of this record.")})
    return record
