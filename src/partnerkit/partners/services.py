"""Writes to partners, their tags and their contacts. Web, API and CLI all call these."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from partnerkit.core.history import m2m_history_model
from partnerkit.core.records import (
    apply_and_save,
    clean_values,
    lock_for_edit,
    require_history_of,
    restore_values,
    restored_reason,
)
from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.partners.models import Contact, Partner, Tag
from partnerkit.workspaces.models import Workspace

PARTNER_FIELDS = (
    "name",
    "kind",
    "country",
    "place",
    "website",
    "wikidata_qid",
    "description",
    "mission",
    "public_notes",
    "private_notes",
)
CONTACT_FIELDS = (
    "name",
    "role_title",
    "email",
    "phone",
    "languages",
    "introduced_by",
    "introduced_by_contact",
    "our_owner",
    "notes",
    "is_contact_point",
    "consent_note",
    "details_in_documents",
)
# References checked by the services against the partner and its workspace.
CONTACT_NOT_VALIDATED = ["partner", "introduced_by_contact", "our_owner"]
MAX_TAGS = 30
# Checked by the services themselves (the workspace is given; the country in _partner_values).
PARTNER_NOT_VALIDATED = ["workspace", "created_by", "country"]


def _partner_values(values: dict) -> tuple[dict, dict]:
    """Cleaned values, and the errors found while cleaning them (reported with the rest)."""
    values = clean_values(Partner, PARTNER_FIELDS, values)
    errors = {}
    if values.get("wikidata_qid"):
        # Accept a pasted Wikidata address; leave anything else for the validator to name.
        values["wikidata_qid"] = normalise_qid(values["wikidata_qid"]) or values["wikidata_qid"]
    if values.get("country"):
        values["country"] = values["country"].upper()
        if values["country"] not in _country_codes():
            errors["country"] = [
                _("“%(code)s” is not a valid choice: use an ISO 3166 country code such as SE.")
                % {"code": values["country"]}
            ]
    return values, errors


@functools.cache
def _country_codes() -> frozenset[str]:
    # Checked here once per process: the model field's own check walks the whole translated
    # list of countries on every save, which dominates large imports.
    return frozenset(code for code, _name in countries)


def tags_resolve(*, workspace: Workspace, names: Iterable[str]) -> list[Tag]:
    """Tags by name, created in the workspace when new; names compare case-insensitively."""
    wanted: dict[str, str] = {}
    for raw in names:
        name = " ".join(str(raw).split())
        if not name:
            continue
        if len(name) > 50:
            raise ValidationError({"tags": _("Tag “%(tag)s” is longer than 50 characters.") % {"tag": name[:50]}})
        wanted.setdefault(name.lower(), name)
    if len(wanted) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(n)d tags.") % {"n": MAX_TAGS}})
    existing = {
        tag.name.lower(): tag
        for tag in Tag.objects.filter(workspace=workspace, name__in=list(wanted.values()))
    }
    # name__in is case-sensitive on some databases; look again for the rest without case.
    for key, name in wanted.items():
        if key not in existing:
            tag = Tag.objects.filter(workspace=workspace, name__iexact=name).first()
            existing[key] = tag or Tag.objects.create(workspace=workspace, name=name)
    return [existing[key] for key in wanted]


def partner_create(*, workspace: Workspace, by, tags: Iterable[str] = (), **values) -> Partner:
    values, errors = _partner_values(values)
    with transaction.atomic():
        partner = Partner(workspace=workspace, created_by=by)
        tag_objects = tags_resolve(workspace=workspace, names=tags)
        return apply_and_save(
            partner, values, by=by, m2m={"tags": tag_objects}, created=True,
            exclude_from_validation=PARTNER_NOT_VALIDATED, errors=errors,
        )


def partner_update(
    *, partner: Partner, by, version: int | None, tags: Iterable[str] | None = None, **values
) -> Partner:
    """Change some fields. ``version`` is what the editor loaded: a stale edit raises
    ConflictError rather than overwriting someone else's work."""
    values, errors = _partner_values(values)
    with transaction.atomic():
        locked = lock_for_edit(partner, expected_version=version, fields=PARTNER_FIELDS)
        m2m = None
        if tags is not None:
            m2m = {"tags": tags_resolve(workspace=locked.workspace, names=tags)}
        return apply_and_save(
            locked, values, by=by, m2m=m2m, exclude_from_validation=PARTNER_NOT_VALIDATED,
            errors=errors,
        )


def partner_archive(*, partner: Partner, by, version: int | None = None) -> Partner:
    with transaction.atomic():
        locked = lock_for_edit(partner, expected_version=version, fields=PARTNER_FIELDS)
        if locked.archived_at is not None:
            return locked
        return apply_and_save(
            locked, {"archived_at": timezone.now()}, by=by, reason=_("Archived"),
            exclude_from_validation=PARTNER_NOT_VALIDATED,
        )


def partner_unarchive(*, partner: Partner, by, version: int | None = None) -> Partner:
    with transaction.atomic():
        locked = lock_for_edit(partner, expected_version=version, fields=PARTNER_FIELDS)
        if locked.archived_at is None:
            return locked
        return apply_and_save(
            locked, {"archived_at": None}, by=by, reason=_("Taken out of the archive"),
            exclude_from_validation=PARTNER_NOT_VALIDATED,
        )


def partner_restore(*, partner: Partner, history_id: int, by) -> Partner:
    """Bring back the fields and tags of an earlier version, as a new change in the history."""
    with transaction.atomic():
        locked = lock_for_edit(partner, expected_version=None, fields=PARTNER_FIELDS)
        record = require_history_of(locked, history_id)
        values = restore_values(record, PARTNER_FIELDS + ("archived_at",))
        # Tags that were deleted since are recreated by name.
        tag_names = (
            m2m_history_model(Partner, "tags")
            .objects.filter(history=record)
            .values_list("tag__name", flat=True)
        )
        tag_objects = tags_resolve(workspace=locked.workspace, names=tag_names)
        return apply_and_save(
            locked, values, by=by, m2m={"tags": tag_objects},
            reason=restored_reason(record), exclude_from_validation=PARTNER_NOT_VALIDATED,
        )


def _check_contact_references(partner: Partner, contact: Contact | None, values: dict) -> None:
    """The owner must be a member of the partner's workspace; the introducer another contact
    of the same partner, and introductions must not go round in a circle."""
    from partnerkit.workspaces.models import Membership

    errors = {}
    owner = values.get("our_owner")
    if owner is not None and not Membership.objects.filter(
        workspace_id=partner.workspace_id, user=owner
    ).exists():
        errors["our_owner"] = [
            _("The owner of the relationship must be a member of this workspace.")
        ]
    introducer = values.get("introduced_by_contact")
    if introducer is not None:
        if introducer.partner_id != partner.pk:
            errors["introduced_by_contact"] = [
                _("The introducer must be another contact of %(partner)s.")
                % {"partner": partner.name}
            ]
        elif contact is not None and contact.pk is not None and introducer.pk == contact.pk:
            errors["introduced_by_contact"] = [_("A contact cannot introduce themselves.")]
        elif contact is not None and contact.pk is not None and _introduced_through(
            introducer, contact.pk
        ):
            errors["introduced_by_contact"] = [
                _("%(name)s was introduced through this contact; introductions cannot go "
                  "round in a circle.") % {"name": introducer.name}
            ]
    if errors:
        raise ValidationError(errors)


def _introduced_through(introducer: Contact, contact_pk: int) -> bool:
    """Whether the chain of introducers above ``introducer`` passes through ``contact_pk``."""
    chain = dict(
        Contact.objects.filter(partner_id=introducer.partner_id).values_list(
            "pk", "introduced_by_contact_id"
        )
    )
    seen, current = set(), introducer.introduced_by_contact_id
    while current is not None and current not in seen:
        if current == contact_pk:
            return True
        seen.add(current)
        current = chain.get(current)
    return False


def contact_create(*, partner: Partner, by, **values) -> Contact:
    values = clean_values(Contact, CONTACT_FIELDS, values)
    with transaction.atomic():
        _check_contact_references(partner, None, values)
        return apply_and_save(
            Contact(partner=partner), values, by=by, created=True,
            exclude_from_validation=CONTACT_NOT_VALIDATED,
        )


def contact_update(*, contact: Contact, by, version: int | None, **values) -> Contact:
    values = clean_values(Contact, CONTACT_FIELDS, values)
    with transaction.atomic():
        locked = lock_for_edit(contact, expected_version=version, fields=CONTACT_FIELDS)
        _check_contact_references(locked.partner, locked, values)
        return apply_and_save(locked, values, by=by, exclude_from_validation=CONTACT_NOT_VALIDATED)


def contact_delete(*, contact: Contact, by) -> None:
    """Remove a contact. History keeps the record, so it can be restored."""
    with transaction.atomic():
        contact._history_user = by
        contact._change_reason = _("Deleted")
        contact.delete()


def contact_restore(*, partner: Partner, history_id: int, by) -> Contact:
    """Bring back an earlier version of a contact of this partner, also one that was deleted."""
    with transaction.atomic():
        record = (
            Contact.history.filter(history_id=history_id, partner_id=partner.pk).first()
        )
        if record is None:
            raise ValidationError({"history_id": _("There is no such version of this contact.")})
        values = restore_values(record, CONTACT_FIELDS)
        # An introducer or owner removed since is left out rather than breaking the restore.
        if not Contact.objects.filter(
            pk=values["introduced_by_contact_id"], partner=partner
        ).exclude(pk=record.id).exists():
            values["introduced_by_contact_id"] = None
        if not partner.workspace.memberships.filter(user_id=values["our_owner_id"]).exists():
            values["our_owner_id"] = None
        contact = Contact.objects.select_for_update().filter(pk=record.id).first()
        if contact is None:
            contact = Contact(id=record.id, partner=partner, version=record.version + 1)
            return apply_and_save(
                contact, values, by=by, created=True, reason=restored_reason(record),
                exclude_from_validation=CONTACT_NOT_VALIDATED,
            )
        return apply_and_save(
            contact, values, by=by, reason=restored_reason(record),
            exclude_from_validation=CONTACT_NOT_VALIDATED,
        )
