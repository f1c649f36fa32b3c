"""Reads of the dashboard: the pipeline funnel, the partnerships by goal type and the impact
over time, each in one or two queries whatever the number of partnerships. The capacity load
is the negotiation app's ``capacity_check``; the monthly impact figures are the impact app's
``workspace_monthly_totals``.

How far a partnership got
-------------------------

The funnel counts, for each stage of the pipeline, the partnerships that reached it: those in
it now or in a later stage, and those the stage history shows there (or later) at some time.
A partnership that went back from negotiating to preparing, or that was dropped while in
contact, still counts for the furthest stage it reached. "Went on" is the share of the
partnerships that reached a stage that also reached the next one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from partnerkit.impact.models import Source
from partnerkit.impact.selectors import workspace_monthly_totals
from partnerkit.method import stages
from partnerkit.method.goal_types import GOAL_TYPES
from partnerkit.partnerships.models import GoalTypeCode, Partnership, Stage, StageChange
from partnerkit.workspaces.models import Workspace

# Where a partnership stands, for the goal types: still being worked towards an agreement
# (on hold counts here: it has not ended), agreed and under way, or over.
ACTIVE: tuple[stages.Stage, ...] = (stages.Stage.AGREED, stages.Stage.RUNNING)
CLOSED: tuple[stages.Stage, ...] = (stages.Stage.COMPLETED, *stages.CLOSED)
SET_ASIDE: tuple[stages.Stage, ...] = (*stages.CLOSED, stages.Stage.ON_HOLD)
NOT_IN_PIPELINE = -1


# Pipeline funnel ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStage:
    stage: Stage
    # In this stage now.
    here: int
    # In this stage or a later one now, or there (or later) at some time by the history.
    reached: int
    # Of those that reached this stage, the share that reached the next one (0–1); None for
    # the last stage and when none reached this one.
    onward: float | None
    next_stage: Stage | None

    @property
    def onward_percent(self) -> int | None:
        return None if self.onward is None else round(self.onward * 100)


@dataclass(frozen=True)
class Funnel:
    stages: list[FunnelStage]
    # Declined, dropped and on hold: (stage, partnerships in it now).
    set_aside: list[tuple[Stage, int]]
    total: int


def _pipeline_position(field: str) -> Case:
    """The position of the stage in ``field`` along the pipeline; -1 outside it."""
    return Case(
        *[
            When(**{field: stage.value}, then=Value(position))
            for position, stage in enumerate(stages.PIPELINE)
        ],
        default=Value(NOT_IN_PIPELINE),
        output_field=IntegerField(),
    )


def pipeline_funnel(workspace: Workspace) -> Funnel:
    """Partnerships per stage now and how many reached each stage of the pipeline. One
    query: partnerships grouped by their stage and the furthest stage their history shows."""
    furthest_in_history = (
        StageChange.objects.filter(partnership=OuterRef("pk"))
        .order_by()
        .values("partnership")
        .annotate(
            furthest=Max(
                Greatest(_pipeline_position("from_stage"), _pipeline_position("to_stage"))
            )
        )
        .values("furthest")
    )
    rows = (
        Partnership.objects.filter(workspace=workspace)
        .order_by()
        .annotate(
            furthest=Coalesce(
                Subquery(furthest_in_history, output_field=IntegerField()),
                Value(NOT_IN_PIPELINE),
            )
        )
        .values("stage", "furthest")
        .annotate(count=Count("id"))
    )
    here: Counter[str] = Counter()
    by_furthest: Counter[int] = Counter()
    for row in rows:
        here[row["stage"]] += row["count"]
        stage = stages.Stage(row["stage"])
        now = stages.PIPELINE.index(stage) if stage in stages.PIPELINE else NOT_IN_PIPELINE
        furthest = max(now, row["furthest"])
        if furthest != NOT_IN_PIPELINE:
            by_furthest[furthest] += row["count"]
    reached = []
    for position in range(len(stages.PIPELINE)):
        reached.append(sum(n for at, n in by_furthest.items() if at >= position))
    funnel = []
    for position, stage in enumerate(stages.PIPELINE):
        following = position + 1 < len(stages.PIPELINE)
        funnel.append(
            FunnelStage(
                stage=Stage(stage.value),
                here=here[stage.value],
                reached=reached[position],
                onward=(
                    reached[position + 1] / reached[position]
                    if following and reached[position]
                    else None
                ),
                next_stage=Stage(stages.PIPELINE[position + 1].value) if following else None,
            )
        )
    return Funnel(
        stages=funnel,
        set_aside=[(Stage(stage.value), here[stage.value]) for stage in SET_ASIDE],
        total=sum(here.values()),
    )


# Goal types -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalTypeRow:
    code: str
    label: str
    open: int
    active: int
    closed: int

    @property
    def total(self) -> int:
        return self.open + self.active + self.closed


@dataclass(frozen=True)
class GoalTypeSplit:
    # Every goal type of the catalogue, in its order, with or without partnerships.
    rows: list[GoalTypeRow]
    # Partnerships with no goal type yet.
    without: int

    @property
    def any(self) -> bool:
        return any(row.total for row in self.rows)


def phase_of(stage: str) -> str:
    """ "open", "active" or "closed" (see ``ACTIVE`` and ``CLOSED``)."""
    if stage in CLOSED:
        return "closed"
    if stage in ACTIVE:
        return "active"
    return "open"


def goal_type_split(workspace: Workspace) -> GoalTypeSplit:
    """Partnerships per goal type, open, active and closed; a partnership with several goal
    types counts for each. Two queries."""
    through = Partnership.goal_types.through
    counts: Counter[tuple[str, str]] = Counter()
    for row in (
        through.objects.filter(partnership__workspace=workspace)
        .order_by()
        .values("goaltype_id", "partnership__stage")
        .annotate(count=Count("id"))
    ):
        counts[(row["goaltype_id"], phase_of(row["partnership__stage"]))] += row["count"]
    without = (
        Partnership.objects.filter(workspace=workspace)
        .exclude(Exists(through.objects.filter(partnership=OuterRef("pk"))))
        .count()
    )
    return GoalTypeSplit(
        rows=[
            GoalTypeRow(
                code=goal_type.code,
                label=str(GoalTypeCode(goal_type.code).label),
                open=counts[(goal_type.code, "open")],
                active=counts[(goal_type.code, "active")],
                closed=counts[(goal_type.code, "closed")],
            )
            for goal_type in GOAL_TYPES
        ],
        without=without,
    )


# Impact over time -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactOverTime:
    # {"month": date, "page_views": int, "files_used": int}, oldest first.
    months: list[dict]
    # Whether the workspace has any source of figures (asked only when there are no months).
    has_sources: bool

    @property
    def latest(self) -> dict | None:
        return self.months[-1] if self.months else None

    @property
    def page_views_total(self) -> int:
        return sum(month["page_views"] for month in self.months)

    @property
    def first_month(self) -> dt.date | None:
        return self.months[0]["month"] if self.months else None


def impact_over_time(workspace: Workspace) -> ImpactOverTime:
    months = workspace_monthly_totals(workspace)
    has_sources = bool(months) or Source.objects.filter(workspace=workspace).exists()
    return ImpactOverTime(months=months, has_sources=has_sources)
