"""Reads of partnerships for the board, the list, the partnership page and the API, each with
a fixed number of queries whatever the number of partnerships."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404

from partnerkit.core import history
from partnerkit.method import stages
from partnerkit.partners.models import Contact, Partner
from partnerkit.partnerships.models import GoalType, GoalTypeCode, Partnership, Stage
from partnerkit.partnerships.services import PARTNERSHIP_FIELDS
from partnerkit.workspaces.models import Workspace

# Cards shown per board column; the list view shows all of them.
BOARD_CARDS_PER_STAGE = 50
CARD_FIELDS = (
    "id", "title", "stage", "next_step", "next_step_due", "effort_hours", "version",
    "workspace_id",
    "partner__id", "partner__name", "partner__kind",
    "owner__id", "owner__username", "owner__first_name", "owner__last_name",
)


@dataclass(frozen=True)
class PartnershipFilters:
    q: str = ""
    goal_type: str = ""
    partner_kind: str = ""
    owner: str = ""  # a user id, "none" for no owner
    tag: str = ""
    stage: str = ""
    partner: int | None = None
    sort: str = "title"

    SORTS = {
        "title": ("title",),
        "partner": ("partner__name", "title"),
        "stage": ("stage_order", "title"),
        "-updated": ("-updated_at", "id"),
        "due": (F("next_step_due").asc(nulls_last=True), "title"),
        "-impact": (F("impact").desc(nulls_last=True), "title"),
        "-effort": (F("effort_hours").desc(nulls_last=True), "title"),
    }


def _stage_order():
    return Case(
        *[When(stage=stage.value, then=Value(position)) for position, stage in enumerate(stages.ALL)],
        output_field=IntegerField(),
    )


def partnership_list(
    *, workspace: Workspace, filters: PartnershipFilters = PartnershipFilters()
) -> QuerySet:
    partnerships = Partnership.objects.filter(workspace=workspace)
    if filters.q:
        for word in filters.q.split():
            partnerships = partnerships.filter(
                Q(title__icontains=word)
                | Q(partner__name__icontains=word)
                | Q(sketch__icontains=word)
                | Q(next_step__icontains=word)
            )
    if filters.goal_type:
        partnerships = partnerships.filter(
            Exists(
                Partnership.goal_types.through.objects.filter(
                    partnership=OuterRef("pk"), goaltype__code=filters.goal_type
                )
            )
        )
    if filters.partner_kind:
        partnerships = partnerships.filter(partner__kind=filters.partner_kind)
    if filters.owner == "none":
        partnerships = partnerships.filter(owner__isnull=True)
    elif filters.owner:
        partnerships = partnerships.filter(owner_id=filters.owner)
    if filters.tag:
        partnerships = partnerships.filter(
            Exists(
                Partner.tags.through.objects.filter(
                    partner=OuterRef("partner_id"), tag__name__iexact=filters.tag
                )
            )
        )
    if filters.stage:
        partnerships = partnerships.filter(stage=filters.stage)
    if filters.partner is not None:
        partnerships = partnerships.filter(partner_id=filters.partner)
    order = PartnershipFilters.SORTS.get(filters.sort, PartnershipFilters.SORTS["title"])
    if order == ("title",):
        order = Partnership._meta.ordering
    return (
        partnerships.select_related("partner", "owner", "partner_owner", "workspace")
        .prefetch_related(Prefetch("goal_types", queryset=GoalType.objects.order_by("code")))
        .annotate(stage_order=_stage_order())
        .order_by(*order)
    )


@dataclass
class BoardColumn:
    stage: Stage
    count: int = 0
    effort_hours: int = 0
    cards: list[Partnership] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return self.count - len(self.cards)


def board(
    *, workspace: Workspace, filters: PartnershipFilters = PartnershipFilters(),
    cards_per_stage: int = BOARD_CARDS_PER_STAGE,
) -> list[BoardColumn]:
    """One column per stage: its count, total effort, and its first cards (soonest due first).

    Three queries: the totals, the cards (numbered within each stage by a window function),
    and their goal types.
    """
    matching = partnership_list(workspace=workspace, filters=PartnershipFilters(**{
        **filters.__dict__, "sort": "title"
    }))
    columns = {stage: BoardColumn(Stage(stage.value)) for stage in stages.ALL}
    for row in (
        matching.order_by().values("stage").annotate(count=Count("id"), effort=Sum("effort_hours"))
    ):
        column = columns[stages.Stage(row["stage"])]
        column.count, column.effort_hours = row["count"], row["effort"] or 0
    numbered = matching.annotate(
        position=Window(
            RowNumber(),
            partition_by=[F("stage")],
            order_by=[F("next_step_due").asc(nulls_last=True), F("title").asc(), F("id").asc()],
        )
    )
    # Only what a card shows: the board reads thousands of rows to number them.
    cards = (
        numbered.filter(position__lte=cards_per_stage)
        .select_related(None)
        .select_related("partner", "owner")
        .only(*CARD_FIELDS)
        .order_by("stage", "position")
    )
    for card in cards:
        columns[stages.Stage(card.stage)].cards.append(card)
    return list(columns.values())


def partnership_get(*, workspace: Workspace, pk: int, also: tuple[str, ...] = ()) -> Partnership:
    """The partnership of this workspace, or 404; ``also`` names further one-to-one or
    foreign-key relations to fetch with it (e.g. "pitch")."""
    return get_object_or_404(
        Partnership.objects.select_related(
            "workspace", "partner", "owner", "partner_owner", "created_by", *also
        ).prefetch_related("goal_types"),
        workspace=workspace,
        pk=pk,
    )


def partner_partnerships(*, partner: Partner) -> QuerySet:
    """All partnerships with this partner, past and present, newest first."""
    return (
        Partnership.objects.filter(partner=partner)
        .select_related("owner")
        .prefetch_related("goal_types")
        .order_by("-created_at", "-id")
    )


def stage_changes(*, partnership: Partnership) -> QuerySet:
    return partnership.stage_changes.select_related("by")


def partnership_timeline(
    *, partnership: Partnership, limit: int | None = None
) -> list[history.TimelineEntry]:
    """Changes to the partnership, newest first (the latest ``limit`` ones), in five queries."""
    records = list(
        partnership.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : None if limit is None else limit + 1  # one more, to compare the oldest shown
        ]
    )
    goals_by_record: dict[int, list[str]] = {}
    for history_id, code in (
        history.m2m_history_model(Partnership, "goal_types")
        .objects.filter(history__in=[record.history_id for record in records])
        .order_by("goaltype_id")
        .values_list("history_id", "goaltype_id")
    ):
        goals_by_record.setdefault(history_id, []).append(str(GoalTypeCode(code).label))
    fields = [Partnership._meta.get_field(name) for name in PARTNERSHIP_FIELDS + ("stage",)]
    owner_ids = {record.owner_id for record in records} - {None}
    contact_ids = {record.partner_owner_id for record in records} - {None}
    labels = {
        "owner": {user.pk: str(user) for user in get_user_model().objects.filter(pk__in=owner_ids)},
        "partner_owner": dict(
            Contact.objects.filter(pk__in=contact_ids).values_list("pk", "name")
        ),
    }
    entries = history.timeline(
        records,
        fields=fields,
        private=Partnership.PRIVATE_FIELDS,
        m2m={"goal_types": goals_by_record},
        subject=partnership,
        labels=labels,
    )
    return entries if limit is None else entries[:limit]
