"""Reads for ranking and selection: the workspace's partnerships shaped as the method's plain
data (ranking candidates, capacity prospects), and the results the pages, the API and the CLI
show. Each read issues a fixed number of queries whatever the number of partnerships."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from partnerkit.groundwork.models import CommunityNotice
from partnerkit.groundwork.selectors import method_goals, profile_get
from partnerkit.method import capacity, ranking
from partnerkit.method.sensitivity import RankSpread, Sensitivity, sensitivity
from partnerkit.method.suggest import Goal, goal_fit
from partnerkit.method.weights import CODES, PRESETS, RankingError, normalise, preset
from partnerkit.partnerships.models import Decision, GoalType, Partnership, Stage
from partnerkit.workspaces.models import Workspace

# The partnerships still to be chosen among: researched ideas up to the shortlist. Those a
# decision has already turned down ("no-go", "not now") are left out.
CANDIDATE_STAGES = (Stage.IDEA, Stage.RESEARCHING, Stage.SHORTLISTED)
# Candidates may also include those being prepared, when a group re-ranks later.
CANDIDATE_STAGES_WITH_PREPARING = CANDIDATE_STAGES + (Stage.PREPARING,)
TURNED_DOWN = (Decision.NO_GO, Decision.NOT_NOW)

# The partnerships being pursued, which take volunteer time if they come about.
PURSUED_STAGES = (
    Stage.SHORTLISTED,
    Stage.PREPARING,
    Stage.IN_CONTACT,
    Stage.NEGOTIATING,
    Stage.AGREED,
    Stage.RUNNING,
)
# Already agreed: they happen, so their probability is 1 and they are never suggested for
# deferral.
COMMITTED_STAGES = (Stage.AGREED, Stage.RUNNING)

# Monte Carlo sizes. Small enough for a page to answer at once with a hundred partnerships;
# tests lower them further.
SENSITIVITY_SAMPLES = 1000
SENSITIVITY_SPREAD = 0.2
TOP_K = 3
CAPACITY_SAMPLES = 10_000
# Pages show the same numbers on every visit unless someone asks for another seed.
DEFAULT_SEED = 2025


# --- Settings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankingSettings:
    preset: str
    # As the workspace gave them (not normalised), one per criterion.
    weights: dict[str, float]
    # True when the weights differ from the preset's.
    customised: bool
    overload_threshold: float
    capacity_hours: int


def ranking_settings(*, workspace: Workspace) -> RankingSettings:
    profile = profile_get(workspace=workspace)
    code = profile.ranking_preset if profile.ranking_preset in PRESETS else "balanced"
    base = {name: float(value) for name, value in PRESETS[code].weights.items()}
    saved = profile.ranking_weights or {}
    weights = {name: float(saved.get(name, 0)) for name in CODES} if saved else base
    return RankingSettings(
        preset=code,
        weights=weights,
        customised=bool(saved) and weights != base,
        overload_threshold=profile.overload_threshold,
        capacity_hours=profile.hours_per_month,
    )


# --- Candidates --------------------------------------------------------------------------------


def candidate_partnerships(*, workspace: Workspace, include_preparing: bool = False) -> QuerySet:
    stages = CANDIDATE_STAGES_WITH_PREPARING if include_preparing else CANDIDATE_STAGES
    return (
        Partnership.objects.filter(workspace=workspace, stage__in=stages)
        .exclude(decision__in=TURNED_DOWN)
        .select_related("partner")
        .prefetch_related(Prefetch("goal_types", queryset=GoalType.objects.order_by("code")))
        .order_by("id")
    )


def method_candidates(
    partnerships: Iterable[Partnership], goals: list[Goal]
) -> list[ranking.Candidate]:
    """Partnerships as ranking candidates; an estimate left empty stays missing (None)."""
    out = []
    for partnership in partnerships:
        codes = [goal.code for goal in partnership.goal_types.all()]
        estimates = {name: getattr(partnership, name) for name in Partnership.ESTIMATES}
        estimates["effort"] = partnership.effort_hours
        # Without goal types there is nothing to match against the goals: missing, not 0. Fit
        # alone is no estimate of the partnership: without any estimate of ours it stays
        # missing too, so an unstudied candidate is "not ranked" rather than ranked on fit.
        studied = any(value is not None for value in estimates.values())
        estimates["fit"] = goal_fit(codes, goals) if codes and studied else None
        out.append(ranking.Candidate(partnership.pk, partnership.title, estimates))
    return out


@dataclass
class Row:
    """One candidate on the ranking page: the partnership and what both methods made of it."""

    partnership: Partnership
    candidate: ranking.Candidate
    weighted: ranking.RankedCandidate | None = None
    topsis: ranking.RankedCandidate | None = None
    spread: RankSpread | None = None
    tied_labels: list[str] = field(default_factory=list)

    @property
    def estimates(self) -> list[tuple[str, float | None]]:
        return [(code, self.candidate.estimates.get(code)) for code in CODES]

    @property
    def missing(self) -> tuple[str, ...]:
        return self.weighted.missing if self.weighted else ()

    @property
    def disagree(self) -> bool:
        return bool(self.weighted and self.topsis and self.weighted.rank != self.topsis.rank)


@dataclass
class RankingBoard:
    """Everything the ranking page, its exports, the API and the CLI show."""

    settings: RankingSettings
    weights: dict[str, float]
    include_preparing: bool
    has_goals: bool
    rows: list[Row]
    # Candidates without an estimate on any weighted criterion, with what they lack.
    unranked: list[tuple[Partnership, tuple[str, ...]]]
    comparison: ranking.Comparison | None
    sensitivity: Sensitivity | None
    seed: int
    # The preset the weights come from; None for weights of the workspace's own.
    preset: str | None = None
    error: RankingError | None = None

    @property
    def empty(self) -> bool:
        return not self.rows and not self.unranked

    @cached_property
    def disagreements(self) -> list[Row]:
        by_id = {row.partnership.pk: row for row in self.rows}
        if self.comparison is None:
            return []
        return [by_id[item.id] for item in self.comparison.disagreements]

    @property
    def dominance(self) -> ranking.Dominance | None:
        return self.comparison.weighted.dominance if self.comparison else None

    def partnership(self, candidate_id: Hashable) -> Partnership:
        return self._by_id[candidate_id]

    @cached_property
    def _by_id(self) -> dict[Hashable, Partnership]:
        found = {row.partnership.pk: row.partnership for row in self.rows}
        found.update({partnership.pk: partnership for partnership, _ in self.unranked})
        return found


def ranking_board(
    *,
    workspace: Workspace,
    weights: dict[str, float] | str | None = None,
    include_preparing: bool = False,
    seed: int = DEFAULT_SEED,
    samples: int | None = None,
) -> RankingBoard:
    """Rank the workspace's candidates with both methods side by side, with the sensitivity
    of the weighted sum. ``weights`` default to the workspace's own; a preset code works
    too. Invalid weights raise RankingError; a problem with the candidates (none at all, an
    estimate out of its scale) is reported in ``error``."""
    settings = ranking_settings(workspace=workspace)
    chosen = settings.weights if weights is None else weights
    normalised = normalise(chosen)
    if isinstance(chosen, str):
        preset_code = preset(chosen).code
    elif weights is None and not settings.customised:
        preset_code = settings.preset
    else:
        preset_code = None
    partnerships = list(
        candidate_partnerships(workspace=workspace, include_preparing=include_preparing)
    )
    goals = method_goals(workspace=workspace)
    candidates = method_candidates(partnerships, goals)
    board = RankingBoard(
        settings=settings,
        weights=normalised,
        include_preparing=include_preparing,
        has_goals=bool(goals),
        rows=[],
        unranked=[],
        comparison=None,
        sensitivity=None,
        seed=seed,
        preset=preset_code,
    )
    if not candidates:
        board.error = RankingError(
            "there are no candidates to rank: add partnerships in the idea, researching or "
            "shortlisted stage",
            field="candidates",
        )
        return board
    try:
        comparison = ranking.compare(candidates, normalised)
    except RankingError as error:
        board.error = error
        return board
    by_id = {partnership.pk: partnership for partnership in partnerships}
    candidate_of = {candidate.id: candidate for candidate in candidates}
    board.comparison = comparison
    board.unranked = [(by_id[item.id], item.missing) for item in comparison.weighted.unranked]
    if len(comparison.weighted):
        board.sensitivity = sensitivity(
            candidates,
            normalised,
            method="weighted",
            samples=samples or SENSITIVITY_SAMPLES,
            spread=SENSITIVITY_SPREAD,
            top_k=min(TOP_K, len(comparison.weighted)),
            seed=seed,
        )
    rows = {}
    for entry in comparison.weighted:
        rows[entry.id] = Row(by_id[entry.id], candidate_of[entry.id], weighted=entry)
        rows[entry.id].tied_labels = [by_id[other].title for other in entry.tied_with]
        if board.sensitivity is not None:
            rows[entry.id].spread = board.sensitivity.of(entry.id)
    for entry in comparison.topsis:
        rows[entry.id].topsis = entry
    board.rows = list(rows.values())
    return board


SORTS = {
    "weighted": lambda row: (row.weighted.position,),
    "topsis": lambda row: (row.topsis.position,),
    "title": lambda row: (row.partnership.title.casefold(), row.partnership.pk),
    "partner": lambda row: (row.partnership.partner.name.casefold(), row.partnership.pk),
    "top": lambda row: (-(row.spread.p_top_k if row.spread else 0), row.weighted.position),
}
for _code in CODES:
    # Highest first; missing estimates last, whatever the direction.
    SORTS[_code] = lambda row, code=_code: (
        row.candidate.estimates.get(code) is None,
        -(row.candidate.estimates.get(code) or 0),
        row.weighted.position,
    )


def sorted_rows(rows: list[Row], sort: str) -> list[Row]:
    return sorted(rows, key=SORTS.get(sort, SORTS["weighted"]))


def ranking_data(board: RankingBoard, method: str = "both") -> dict:
    """The ranking as plain data (for the API and `partnerkit rank --json`), in the order of
    ``method`` ("both" keeps the weighted sum's order). Estimates are internal: this is for
    workspace members only."""
    if method == "topsis":
        rows = sorted_rows(board.rows, "topsis")
    else:
        rows = list(board.rows)

    def method_part(entry):
        if entry is None:
            return None
        return {
            "rank": entry.rank,
            "score": round(entry.score, 6),
            "tied_with": list(entry.tied_with),
            "explanation": entry.explain(),
        }

    entries = []
    for row in rows:
        partnership = row.partnership
        spread = row.spread
        entries.append(
            {
                "id": partnership.pk,
                "title": partnership.title,
                "partner": partnership.partner.name,
                "stage": partnership.stage,
                "estimates": dict(row.estimates),
                "missing": list(row.missing),
                "non_dominated": row.weighted.non_dominated,
                "weighted": method_part(row.weighted) if method != "topsis" else None,
                "topsis": method_part(row.topsis) if method != "weighted" else None,
                "sensitivity": None
                if spread is None or method == "topsis"
                else {
                    "best_rank": spread.best,
                    "worst_rank": spread.worst,
                    "p_top_k": round(spread.p_top_k, 4),
                },
            }
        )
    return {
        "method": method,
        "weights": {code: round(value, 6) for code, value in board.weights.items()},
        "preset": board.preset,
        "include_preparing": board.include_preparing,
        "seed": board.seed,
        "samples": board.sensitivity.samples if board.sensitivity else 0,
        "top_k": board.sensitivity.top_k if board.sensitivity else TOP_K,
        "entries": entries,
        "unranked": [
            {"id": partnership.pk, "title": partnership.title, "missing": list(missing)}
            for partnership, missing in board.unranked
        ],
        "disagreements": [
            {
                "id": row.partnership.pk,
                "title": row.partnership.title,
                "weighted_rank": row.weighted.rank,
                "topsis_rank": row.topsis.rank,
            }
            for row in board.disagreements
        ]
        if method == "both"
        else [],
        "message": str(board.error) if board.error else None,
    }


# --- Capacity ----------------------------------------------------------------------------------


def pursued_partnerships(*, workspace: Workspace) -> QuerySet:
    """Partnerships being pursued: from the shortlist to running, or with a "go" decision
    (on hold and closed ones are not)."""
    return (
        Partnership.objects.filter(workspace=workspace)
        .filter(Q(stage__in=PURSUED_STAGES) | Q(decision=Decision.GO))
        .exclude(stage__in=[Stage.COMPLETED, Stage.DECLINED, Stage.DROPPED, Stage.ON_HOLD])
        .select_related("partner")
        .order_by("id")
    )


@dataclass(frozen=True)
class NotCounted:
    partnership: Partnership
    missing: tuple[str, ...]


def prospect_of(partnership: Partnership, *, rank: int | None = None) -> capacity.Prospect | None:
    """The partnership as the simulation sees it; None when an estimate it needs is missing."""
    if partnership.effort_hours is None:
        return None
    committed = partnership.stage in COMMITTED_STAGES
    if not committed and partnership.likelihood is None:
        return None
    return capacity.Prospect(
        id=partnership.pk,
        label=partnership.title,
        effort=float(partnership.effort_hours),
        likelihood=None if committed else float(partnership.likelihood),
        probability=1.0 if committed else None,
        rank=rank,
    )


def missing_for_capacity(partnership: Partnership) -> tuple[str, ...]:
    missing = []
    if partnership.stage not in COMMITTED_STAGES and partnership.likelihood is None:
        missing.append("likelihood")
    if partnership.effort_hours is None:
        missing.append("effort")
    return tuple(missing)


def method_prospects(
    partnerships: Iterable[Partnership],
) -> tuple[list[capacity.Prospect], list[NotCounted]]:
    prospects, not_counted = [], []
    for partnership in partnerships:
        prospect = prospect_of(partnership)
        if prospect is None:
            not_counted.append(NotCounted(partnership, missing_for_capacity(partnership)))
        else:
            prospects.append(prospect)
    return prospects, not_counted


@dataclass
class CapacityView:
    capacity_hours: int
    threshold: float
    seed: int
    partnerships: list[Partnership]
    prospects: list[capacity.Prospect]
    not_counted: list[NotCounted]
    result: capacity.CapacityResult | None = None
    deferral: capacity.Deferral | None = None
    # Why there is no result (no capacity, nothing pursued), in a sentence.
    problem: str = ""

    @cached_property
    def by_id(self) -> dict[int, Partnership]:
        return {partnership.pk: partnership for partnership in self.partnerships}

    @property
    def committed_ids(self) -> set[int]:
        return {p.pk for p in self.partnerships if p.stage in COMMITTED_STAGES}


NO_CAPACITY = (
    "No capacity is recorded for this workspace (0 hours per month), so the simulation "
    "cannot tell whether the group can deliver. Record the hours per month the group can "
    "give to partnerships in its groundwork profile."
)
NOTHING_PURSUED = (
    "No partnership is being pursued yet (shortlisted to running, or with a “go” decision) "
    "with both a likelihood and an effort estimate."
)


def capacity_view(
    *, workspace: Workspace, seed: int = DEFAULT_SEED, samples: int | None = None
) -> CapacityView:
    """The "what if they all say yes?" simulation over the pursued partnerships."""
    settings = ranking_settings(workspace=workspace)
    partnerships = list(pursued_partnerships(workspace=workspace))
    prospects, not_counted = method_prospects(partnerships)
    view = CapacityView(
        capacity_hours=settings.capacity_hours,
        threshold=settings.overload_threshold,
        seed=seed,
        partnerships=partnerships,
        prospects=prospects,
        not_counted=not_counted,
    )
    if settings.capacity_hours <= 0:
        view.problem = NO_CAPACITY
        return view
    if not prospects:
        view.problem = NOTHING_PURSUED
        return view
    options = {
        "samples": samples or CAPACITY_SAMPLES,
        "seed": seed,
        "overload_threshold": settings.overload_threshold,
    }
    view.result = capacity.simulate(prospects, settings.capacity_hours, **options)
    if view.result.overloaded:
        view.deferral = capacity.suggest_deferrals(
            prospects, settings.capacity_hours, keep=view.committed_ids, **options
        )
    return view


@dataclass
class SelectionCheck:
    """What selecting one partnership would do to the chance of overload."""

    partnership: Partnership
    seed: int
    threshold: float
    capacity_hours: int
    what_if: capacity.WhatIf | None = None
    # Partnerships the deferral suggests, in its order.
    defer: list[Partnership] = field(default_factory=list)
    # Why the check could not run, in a sentence; empty when it ran.
    skipped: str = ""

    @property
    def warning(self) -> bool:
        return bool(self.what_if and self.what_if.warning)


def selection_check(
    *, partnership: Partnership, seed: int = DEFAULT_SEED, samples: int | None = None
) -> SelectionCheck:
    """Run "what if we also pursue this one?" against the partnerships already pursued."""
    workspace = partnership.workspace
    settings = ranking_settings(workspace=workspace)
    check = SelectionCheck(
        partnership=partnership,
        seed=seed,
        threshold=settings.overload_threshold,
        capacity_hours=settings.capacity_hours,
    )
    candidate = prospect_of(partnership)
    if candidate is None:
        check.skipped = (
            "The capacity check needs this partnership's "
            + " and ".join(missing_for_capacity(partnership))
            + " estimate; it was not run."
        )
        return check
    if settings.capacity_hours <= 0:
        check.skipped = NO_CAPACITY
        return check
    others = [p for p in pursued_partnerships(workspace=workspace) if p.pk != partnership.pk]
    prospects, _not_counted = method_prospects(others)
    committed = {p.pk for p in others if p.stage in COMMITTED_STAGES}
    check.what_if = capacity.what_if_selected(
        prospects,
        candidate,
        settings.capacity_hours,
        samples=samples or CAPACITY_SAMPLES,
        seed=seed,
        overload_threshold=settings.overload_threshold,
        keep=committed,
    )
    if check.what_if.deferral is not None:
        by_id = {p.pk: p for p in others}
        check.defer = [by_id[pk] for pk in check.what_if.deferral.defer]
    return check


# --- Community notices -------------------------------------------------------------------------


def selected_partnerships(*, workspace: Workspace) -> QuerySet:
    """Open partnerships with a "go" decision: what a community notice can list."""
    return (
        Partnership.objects.open()
        .filter(workspace=workspace, decision=Decision.GO)
        .exclude(stage=Stage.ON_HOLD)
        .select_related("partner")
        .prefetch_related(Prefetch("goal_types", queryset=GoalType.objects.order_by("code")))
        .order_by("id")
    )


def notice_list(*, workspace: Workspace) -> QuerySet:
    return (
        CommunityNotice.objects.filter(workspace=workspace)
        .select_related("created_by")
        .prefetch_related("partnerships")
    )


def notice_get(*, workspace: Workspace, pk: int) -> CommunityNotice:
    return get_object_or_404(notice_list(workspace=workspace), pk=pk)
