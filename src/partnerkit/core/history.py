"""History of records, built on django-simple-history.

Services save with history switched off and then write exactly one historical record, so that
a save that also changes many-to-many fields (tags) shows as one change in the timeline, with
who did it and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords


def save_with_history(
    instance: models.Model,
    *,
    by,
    reason: str = "",
    m2m: dict[str, list] | None = None,
    created: bool = False,
) -> None:
    """Save ``instance`` (and set its many-to-many fields) as one entry in its history."""
    instance.skip_history_when_saving = True
    try:
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving
    instance._history_user = by
    instance._change_reason = reason
    type(instance)._history_records.create_historical_record(instance, "+" if created else "~")


def delete_with_history(queryset, *, by, reason: str = "") -> None:
    """Delete each record one by one, so its history notes who deleted it."""
    for instance in queryset:
        instance._history_user = by
        instance._change_reason = reason
        instance.delete()


def m2m_history_model(model: type[models.Model], field_name: str) -> type[models.Model]:
    """The model that keeps the rows of a many-to-many field for each historical record."""
    records = model._history_records
    return records.m2m_models[model._meta.get_field(field_name)]


class History(HistoricalRecords):
    """HistoricalRecords that stays reachable from its model, for save_with_history."""

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        cls._history_records = self


@dataclass
class Change:
    field: str
    label: str
    old: Any
    new: Any
    private: bool = False


@dataclass
class TimelineEntry:
    record: Any
    kind: str  # "created", "changed", "deleted"
    changes: list[Change] = field(default_factory=list)
    # What the entry is about: the live object, or the historical record when it is gone.
    subject: Any = None
    # Whether bringing this version back would change anything: not for the current state.
    restorable: bool = False

    @property
    def who(self):
        return self.record.history_user

    @property
    def when(self):
        return self.record.history_date

    @property
    def reason(self):
        return self.record.history_change_reason or ""


def timeline(
    records: list,
    *,
    fields: list[models.Field],
    private: frozenset[str] = frozenset(),
    m2m: dict[str, dict[int, list[str]]] | None = None,
    subject: Any = None,
    labels: dict[str, dict[Any, str]] | None = None,
) -> list[TimelineEntry]:
    """Turn historical records, newest first, into entries with their changes.

    ``m2m`` gives, per many-to-many field, the displayed values for each history id, and
    ``labels``, per foreign key, the displayed value of each id; the caller loads both in a
    query each, so the number of queries does not grow with the history.
    """
    m2m = m2m or {}
    labels = labels or {}
    ordered = list(reversed(records))
    entries = []
    before = None
    for record in ordered:
        kind = {"+": "created", "-": "deleted"}.get(record.history_type, "changed")
        changes = []
        if before is not None and kind != "deleted":
            for model_field in fields:
                old = _display(before, model_field, labels)
                new = _display(record, model_field, labels)
                if old != new:
                    changes.append(
                        Change(
                            model_field.name,
                            str(model_field.verbose_name),
                            old,
                            new,
                            model_field.name in private,
                        )
                    )
            for name, values in m2m.items():
                old = values.get(before.history_id, [])
                new = values.get(record.history_id, [])
                if old != new:
                    label = str(fields[0].model._meta.get_field(name).verbose_name)
                    changes.append(Change(name, label, ", ".join(old), ", ".join(new)))
        entries.append(TimelineEntry(record, kind, changes, subject or record))
        before = record
    entries.reverse()
    for position, entry in enumerate(entries):
        entry.restorable = position > 0 or entry.kind == "deleted"
    return entries


def _display(record, model_field: models.Field, labels: dict[str, dict[Any, str]]):
    value = getattr(record, model_field.attname)
    if model_field.name in labels and value is not None:
        return labels[model_field.name].get(value, "#%s" % value)
    if model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    if value is None:
        return ""
    return str(value)
