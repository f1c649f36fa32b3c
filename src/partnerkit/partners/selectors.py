"""Reads of partners and contacts, shaped for pages and the API with a fixed number of
queries whatever the amount of data."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from partnerkit.core import history
from partnerkit.partners.models import Contact, Partner, PartnerKind, Tag
from partnerkit.partners.services import CONTACT_FIELDS, PARTNER_FIELDS
from partnerkit.workspaces.models import Workspace


@dataclass(frozen=True)
class PartnerFilters:
    q: str = ""
    kind: str = ""
    side: str = ""
    country: str = ""
    tag: str = ""
    status: str = "active"  # active | archived | all
    sort: str = "name"  # name | -updated | country | kind

    SORTS = {
        "name": ("name",),
        "-updated": ("-updated_at", "id"),
        "country": ("country", "name"),
        "kind": ("kind", "name"),
    }


def partner_list(*, workspace: Workspace, filters: PartnerFilters = PartnerFilters()) -> QuerySet:
    partners = Partner.objects.filter(workspace=workspace)
    if filters.status == "active":
        partners = partners.active()
    elif filters.status == "archived":
        partners = partners.archived()
    if filters.q:
        for word in filters.q.split():
            partners = partners.filter(
                Q(name__icontains=word)
                | Q(place__icontains=word)
                | Q(description__icontains=word)
                | Q(wikidata_qid__iexact=word)
                | Exists(_tagged(word))
            )
    if filters.kind:
        partners = partners.filter(kind=filters.kind)
    if filters.side:
        partners = partners.filter(
            kind__in=[kind.value for kind in PartnerKind if kind.side == filters.side]
        )
    if filters.country:
        partners = partners.filter(country=filters.country.upper())
    if filters.tag:
        partners = partners.filter(Exists(_tagged(filters.tag)))
    order = PartnerFilters.SORTS.get(filters.sort, PartnerFilters.SORTS["name"])
    if order == ("name",):
        order = Partner._meta.ordering
    return (
        partners.annotate(contact_count=_contact_count())
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by(*order)
    )


# Filters and counts are correlated subqueries rather than joins: a join through the tags
# would repeat partners and need DISTINCT, which turns the page count into a sort of every
# column, and the planner's choice for it degrades badly when table statistics are stale.
def _tagged(name: str) -> QuerySet:
    return Partner.tags.through.objects.filter(partner=OuterRef("pk"), tag__name__iexact=name)


def _contact_count() -> Coalesce:
    counts = (
        Contact.objects.filter(partner=OuterRef("pk"))
        .order_by()
        .values("partner")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def partner_get(*, workspace: Workspace, pk: int) -> Partner:
    """The partner of this workspace, or 404: another workspace's ids do not exist here."""
    return get_object_or_404(
        Partner.objects.select_related("workspace", "created_by").prefetch_related("tags"),
        workspace=workspace,
        pk=pk,
    )


def contact_get(*, workspace: Workspace, pk: int, partner_pk: int | None = None) -> Contact:
    contacts = Contact.objects.select_related("partner__workspace").filter(
        partner__workspace=workspace
    )
    if partner_pk is not None:
        contacts = contacts.filter(partner_id=partner_pk)
    return get_object_or_404(contacts, pk=pk)


def contact_list(*, workspace: Workspace, partner: Partner | None = None, q: str = "") -> QuerySet:
    contacts = Contact.objects.filter(partner__workspace=workspace).select_related("partner")
    if partner is not None:
        contacts = contacts.filter(partner=partner)
    for word in q.split():
        contacts = contacts.filter(
            Q(name__icontains=word) | Q(role_title__icontains=word) | Q(email__icontains=word)
        )
    return contacts


def workspace_tags(*, workspace: Workspace) -> QuerySet:
    return Tag.objects.filter(workspace=workspace, partners__isnull=False).distinct()


def workspace_countries(*, workspace: Workspace) -> list[str]:
    return sorted(
        set(
            Partner.objects.filter(workspace=workspace)
            .exclude(country="")
            .values_list("country", flat=True)
        )
    )


@dataclass
class PartnerTimeline:
    entries: list[history.TimelineEntry]
    has_more: bool


def partner_timeline(*, partner: Partner, limit: int | None = None) -> PartnerTimeline:
    """Changes to the partner and to its contacts (also deleted ones), newest first.

    Queries: partner history, its tags, contact history — whatever the number of changes.
    """
    partner_fields = [Partner._meta.get_field(name) for name in PARTNER_FIELDS + ("archived_at",)]
    contact_fields = [Contact._meta.get_field(name) for name in CONTACT_FIELDS]
    partner_records = list(
        partner.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    tags_by_record: dict[int, list[str]] = {}
    for history_id, name in (
        history.m2m_history_model(Partner, "tags")
        .objects.filter(history__in=[record.history_id for record in partner_records])
        .order_by("tag__name")
        .values_list("history_id", "tag__name")
    ):
        tags_by_record.setdefault(history_id, []).append(name)
    entries = history.timeline(
        partner_records,
        fields=partner_fields,
        private=Partner.PRIVATE_FIELDS,
        m2m={"tags": tags_by_record},
        subject=partner,
    )
    contact_records = list(
        Contact.history.filter(partner_id=partner.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    by_contact: dict[int, list] = {}
    for record in contact_records:
        by_contact.setdefault(record.id, []).append(record)
    for records in by_contact.values():
        entries.extend(
            history.timeline(records, fields=contact_fields, private=Contact.PRIVATE_FIELDS)
        )
    entries.sort(key=lambda entry: (entry.when, entry.record.history_id), reverse=True)
    if limit is not None and len(entries) > limit:
        return PartnerTimeline(entries[:limit], True)
    return PartnerTimeline(entries, False)
