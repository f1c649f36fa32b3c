"""Ranking and capacity of a workspace: the candidates ranked by both methods, and the "what if
they all say yes?" simulation. Both are internal (they carry estimates): members and viewers
of the workspace may read them."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from partnerkit.api.auth import TokenAuth
from partnerkit.api.schemas import READ_ERRORS, ErrorOut, WorkspaceSlug
from partnerkit.method.weights import RankingError, preset
from partnerkit.selection import selectors

router = Router(tags=["Ranking and capacity"], auth=TokenAuth(in_workspace=True))

RANKING = "/workspaces/{slug}/ranking"
CAPACITY = "/workspaces/{slug}/capacity"


# Shapes -------------------------------------------------------------------------------------


class RankingQuery(Schema):
    method: Literal["weighted", "topsis", "both"] = Field(
        "both", description="`weighted` (weighted sum), `topsis`, or `both` side by side."
    )
    preset: str | None = Field(
        None,
        description="Rank with a preset (balanced, impact_first, quick_wins, low_risk) "
        "instead of the workspace's saved weights.",
    )
    include_preparing: bool = Field(
        False, description="Also rank partnerships in the preparing stage."
    )
    seed: int = Field(
        selectors.DEFAULT_SEED, ge=0, le=2**62, description="Seed of the sensitivity analysis."
    )


class MethodRankOut(Schema):
    rank: int = Field(description="1 is best; tied candidates share a rank.")
    score: float
    tied_with: list[int] = Field(description="Ids of the candidates with the same score.")
    explanation: list[str] = Field(description="The score taken apart, criterion by criterion.")


class SpreadOut(Schema):
    best_rank: int | None
    worst_rank: int | None
    p_top_k: float = Field(description="Share of weight samples in which it made the top k.")


class RankingEntryOut(Schema):
    id: int
    title: str
    partner: str
    stage: str
    estimates: dict[str, float | None] = Field(description="null where an estimate is missing.")
    missing: list[str] = Field(description="Weighted criteria it has no estimate for.")
    non_dominated: bool | None = Field(
        description="No other candidate has at least its impact and ease and more of one; "
        "null without an impact or ease estimate."
    )
    weighted: MethodRankOut | None
    topsis: MethodRankOut | None
    sensitivity: SpreadOut | None


class UnrankedOut(Schema):
    id: int
    title: str
    missing: list[str]


class DisagreementOut(Schema):
    id: int
    title: str
    weighted_rank: int
    topsis_rank: int


class RankingOut(Schema):
    method: str
    weights: dict[str, float] = Field(description="The weights used, summing to 1.")
    preset: str | None = Field(description="The preset the weights come from; null for own weights.")
    include_preparing: bool
    seed: int
    samples: int
    top_k: int
    entries: list[RankingEntryOut]
    unranked: list[UnrankedOut]
    disagreements: list[DisagreementOut]
    message: str | None = Field(description="Why the ranking is empty, when it is.")


class CapacityQuery(Schema):
    seed: int = Field(selectors.DEFAULT_SEED, ge=0, le=2**62)
    samples: int = Field(
        selectors.CAPACITY_SAMPLES, ge=100, le=100_000, description="Simulated months."
    )


class LoadOut(Schema):
    id: int
    title: str
    stage: str
    probability: float = Field(description="Chance it goes ahead (1 for agreed and running).")
    effort_hours: float
    expected_hours: float
    yes_when_overloaded: float | None


class NotCountedOut(Schema):
    id: int
    title: str
    missing: list[str]


class HistogramOut(Schema):
    edges: list[float]
    counts: list[int]


class SimulationOut(Schema):
    samples: int
    p_overload: float
    overloaded: bool = Field(description="The chance of overload is above the threshold.")
    mean_hours: float
    expected_overload_hours: float
    all_yes_hours: float
    quantiles: dict[str, float] = Field(description="Hours needed at 5 %, 25 %, … of months.")
    histogram: HistogramOut
    loads: list[LoadOut]
    defer: list[int] = Field(description="Ids to defer to get back under the threshold.")


class CapacityOut(Schema):
    capacity_hours: int
    threshold: float
    seed: int
    not_counted: list[NotCountedOut]
    result: SimulationOut | None
    message: str | None = Field(description="Why there is no result, when there is none.")


# Endpoints ----------------------------------------------------------------------------------


@router.get(
    RANKING,
    response={200: RankingOut, 400: ErrorOut, **READ_ERRORS},
    summary="Rank the candidate partnerships",
)
def ranking(request, slug: WorkspaceSlug, query: Query[RankingQuery]):
    """Open partnerships in the idea, researching and shortlisted stages (not decided
    against), ranked by the workspace's weights or a preset, with each rank explained.
    Missing estimates are null, never 0."""
    weights = None
    try:
        if query.preset:
            weights = preset(query.preset).code
        board = selectors.ranking_board(
            workspace=request.workspace,
            weights=weights,
            include_preparing=query.include_preparing,
            seed=query.seed,
        )
    except RankingError as error:
        field = "preset" if query.preset and error.field == "weights" else error.field
        raise ValidationError({field or "weights": [str(error)]}) from None
    return selectors.ranking_data(board, query.method)


@router.get(
    CAPACITY,
    response={200: CapacityOut, **READ_ERRORS},
    summary="Simulate the hours the partnerships being pursued would need",
)
def capacity(request, slug: WorkspaceSlug, query: Query[CapacityQuery]):
    """"What if they all say yes?": a Monte Carlo simulation over the partnerships being
    pursued, against the workspace's hours per month. The same seed gives the same result."""
    view = selectors.capacity_view(
        workspace=request.workspace, seed=query.seed, samples=query.samples
    )
    result = view.result
    simulation = None
    if result is not None:
        simulation = {
            "samples": result.samples,
            "p_overload": result.p_overload,
            "overloaded": result.overloaded,
            "mean_hours": result.mean,
            "expected_overload_hours": result.expected_overload,
            "all_yes_hours": result.all_yes_hours,
            "quantiles": {f"{q:g}": hours for q, hours in result.quantiles.items()},
            "histogram": {
                "edges": list(result.histogram.edges),
                "counts": list(result.histogram.counts),
            },
            "loads": [
                {
                    "id": load.id,
                    "title": load.label,
                    "stage": view.by_id[load.id].stage,
                    "probability": load.probability,
                    "effort_hours": view.by_id[load.id].effort_hours,
                    "expected_hours": load.expected_hours,
                    "yes_when_overloaded": load.yes_when_overloaded,
                }
                for load in result.loads
            ],
            "defer": list(view.deferral.defer) if view.deferral else [],
        }
    return {
        "capacity_hours": view.capacity_hours,
        "threshold": view.threshold,
        "seed": view.seed,
        "not_counted": [
            {"id": item.partnership.pk, "title": item.partnership.title,
             "missing": list(item.missing)}
            for item in view.not_counted
        ],
        "result": simulation,
        "message": view.problem or None,
    }
