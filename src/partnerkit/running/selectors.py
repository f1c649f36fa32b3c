"""Reads for running a partnership, for its pages, its card and the API, each with a fixed
number of queries whatever the number of activities, checklist items and roles."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Sum, When, Window
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from partnerkit.method import activities as method
from partnerkit.method import roles as roles_method
from partnerkit.partnerships.models import Partnership
from partnerkit.running.models import Activity, ActivityStatus, ChecklistItem, Raci, Role, Side
from partnerkit.workspaces.models import Workspace

# How many open checklist items each activity shows on the partnership's running page.
NEXT_ITEMS = 3
# Activities a page lists in each of its two lists (coming, and held or cancelled).
PAGE_LIMIT = 100


def stage_facts(partnership: Partnership) -> dict:
    """The stage facts of ``plan_b_before_running``, for ``partnerships.services.facts_of``
    (one query)."""
    return {
        roles_method.PLAN_B_WRITTEN: bool((partnership.plan_b or "").strip()),
        roles_method.ACCOUNTABLE_OURS: Role.objects.filter(
            partnership=partnership, side=Side.OURS, raci=Raci.ACCOUNTABLE
        ).count(),
    }


# Activities -----------------------------------------------------------------------------------


def activity_get(*, workspace: Workspace, pk: int) -> Activity:
    """The activity of this workspace, with its partnership and partner, or 404."""
    return get_object_or_404(
        Activity.objects.select_related(
            "workspace", "partnership", "partnership__partner", "partnership__workspace"
        ),
        workspace=workspace,
        pk=pk,
    )


def activities_of(partnership: Partnership) -> QuerySet:
    """A partnership's activities, with the number of checklist items, open and all."""
    return (
        Activity.objects.filter(partnership=partnership)
        .select_related("workspace")
        .annotate(
            item_count=Count("checklist"),
            open_count=Count("checklist", filter=Q(checklist__done_at__isnull=True)),
        )
    )


def _with_next_items(activities: QuerySet) -> QuerySet:
    return activities.prefetch_related(
        Prefetch(
            "checklist",
            queryset=ChecklistItem.objects.filter(done_at__isnull=True)
            .select_related("owner")
            .order_by("due_on", "position", "id")[:NEXT_ITEMS],
            to_attr="next_items",
        )
    )


def held_count(partnership: Partnership) -> int:
    return Activity.objects.filter(partnership=partnership, status=ActivityStatus.HELD).count()


@dataclass
class RoleRow:
    role: Role
    area: str  # as the reader reads it: the catalogue's label, translated, or the text


@dataclass
class Roles:
    ours: list[RoleRow]
    partner: list[RoleRow]
    warnings: list[str]
    risks: list[roles_method.Risk]

    @property
    def all(self) -> list[RoleRow]:
        return self.ours + self.partner


def area_label(area: str) -> str:
    return _(roles_method.area_label(area))


def role_facts(role: Role) -> roles_method.RoleFacts:
    return roles_method.RoleFacts(
        area=role.area, side=roles_method.Side(role.side), raci=roles_method.Raci(role.raci),
        person=role.person_key, name=role.person_name, deputy=role.deputy_key,
        deputy_name=role.deputy_name,
    )


def roles_of(partnership: Partnership) -> Roles:
    """Both sides' roles with the single-point-of-failure warnings, translated (one query)."""
    roles = list(
        Role.objects.filter(partnership=partnership)
        .select_related("member", "contact", "deputy_member", "deputy_contact")
        .order_by("side", "area", "raci", "id")
    )
    # Accountable first, then responsible, consulted, informed: the RACI order.
    letters = {letter: index for index, letter in enumerate(Raci.values)}
    roles.sort(key=lambda role: (role.side != Side.OURS, area_label(role.area).casefold(),
                                 letters[role.raci], role.pk))
    risks = roles_method.single_points_of_failure(
        [role_facts(role) for role in roles], translate=_
    )
    rows = [RoleRow(role, area_label(role.area)) for role in roles]
    return Roles(
        ours=[row for row in rows if row.role.side == Side.OURS],
        partner=[row for row in rows if row.role.side == Side.PARTNER],
        warnings=[_(risk.message) % risk.params for risk in risks],
        risks=risks,
    )


@dataclass
class RunningPage:
    partnership: Partnership
    coming: list[Activity]
    past: list[Activity]
    coming_count: int
    past_count: int
    roles: Roles
    held: int
    plan_b_missing: bool
    accountable_missing: bool


def running_page(partnership: Partnership) -> RunningPage:
    """Everything the partnership's running page shows (five queries): planned activities
    soonest first with their next open checklist items, held and cancelled ones latest first,
    and the roles of both sides with their warnings."""
    activities = activities_of(partnership)
    coming = activities.filter(status=ActivityStatus.PLANNED).order_by("starts_on", "id")
    past = activities.exclude(status=ActivityStatus.PLANNED).order_by("-starts_on", "-id")
    coming_list = list(_with_next_items(coming)[:PAGE_LIMIT])
    past_list = list(past[:PAGE_LIMIT])
    counts = Activity.objects.filter(partnership=partnership).aggregate(
        coming=Count("id", filter=Q(status=ActivityStatus.PLANNED)),
        past=Count("id", filter=~Q(status=ActivityStatus.PLANNED)),
        held=Count("id", filter=Q(status=ActivityStatus.HELD)),
    )
    roles = roles_of(partnership)
    return RunningPage(
        partnership=partnership,
        coming=coming_list,
        past=past_list,
        coming_count=counts["coming"],
        past_count=counts["past"],
        roles=roles,
        held=counts["held"],
        plan_b_missing=not (partnership.plan_b or "").strip(),
        accountable_missing=not any(
            row.role.raci == Raci.ACCOUNTABLE for row in roles.ours
        ),
    )


@dataclass
class ActivityPage:
    activity: Activity
    recipe: method.Recipe
    items: list[ChecklistItem]
    advice: list[str] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def outputs(self) -> frozenset[str]:
        return frozenset(self.recipe.outputs)


def checklist_of(activity: Activity) -> list[ChecklistItem]:
    return list(
        activity.checklist.select_related("owner", "done_by").order_by("due_on", "position", "id")
    )


def first_time_advice(activity: Activity, *, held_before: int) -> list[str]:
    """The recipe's "start small" advice for a planned activity, translated."""
    if activity.status != ActivityStatus.PLANNED:
        return []
    spec = method.recipe(activity.recipe)
    return [
        _(advice.message) % {
            name: _(value) if isinstance(value, str) else value
            for name, value in advice.params.items()
        }
        for advice in method.first_time_advice(
            spec, held_before=held_before,
            expected_participants=activity.expected_participants,
            length_days=activity.length_days,
        )
    ]


def activity_page(activity: Activity) -> ActivityPage:
    """The activity page: its checklist with owners, and the advice (two queries)."""
    return ActivityPage(
        activity=activity,
        recipe=method.recipe(activity.recipe),
        items=checklist_of(activity),
        advice=first_time_advice(activity, held_before=held_count(activity.partnership)),
    )


def activity_detail(*, workspace: Workspace, pk: int) -> Activity:
    """An activity with its checklist prefetched (for the API)."""
    return get_object_or_404(
        Activity.objects.select_related("partnership").prefetch_related(
            Prefetch(
                "checklist",
                queryset=ChecklistItem.objects.select_related("owner", "done_by").order_by(
                    "due_on", "position", "id"
                ),
            )
        ),
        workspace=workspace,
        pk=pk,
    )


# The card on the partnership's page -----------------------------------------------------------


@dataclass
class Card:
    planned: int
    held: int
    next: Activity | None
    roles: int
    warnings: int


def partnership_card(partnership: Partnership) -> Card:
    """The partnership page's card: counts, the next activity and the number of warnings
    (two queries: the counts come with the next activity, as window sums over all of them)."""
    def counted(status):
        return Window(
            expression=Sum(Case(When(status=status, then=1), default=0)),
            partition_by=[F("partnership_id")],
        )

    first = (
        Activity.objects.filter(partnership=partnership)
        .annotate(
            planned_count=counted(ActivityStatus.PLANNED),
            held_count=counted(ActivityStatus.HELD),
            later=Case(When(status=ActivityStatus.PLANNED, then=0), default=1),
        )
        .only("id", "title", "starts_on", "status", "partnership_id")
        .order_by("later", "starts_on", "id")
        .first()
    )
    roles = roles_of(partnership)
    if first is None:
        return Card(0, 0, None, len(roles.all), len(roles.risks))
    upcoming = first if first.status == ActivityStatus.PLANNED else None
    return Card(first.planned_count, first.held_count, upcoming, len(roles.all),
                len(roles.risks))
