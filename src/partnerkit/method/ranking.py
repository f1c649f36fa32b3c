"""Ranking candidate partnerships (step 3 of the method: research and rank; step 4: select).

Each candidate carries estimates on the criteria of ``partnerkit.method.weights`` (impact,
likelihood, ease, benefit, risk, effort, fit). ``rank`` orders the candidates by one of two
established methods, and ``compare`` runs both side by side:

``weighted`` — a weighted sum of normalised scores.
    Each criterion is rescaled min–max over the candidates that have an estimate for it, so
    that the best value gets 1 and the worst 0 (for risk and effort, lower is better, so the
    lowest value gets 1). When every candidate has the same value the criterion cannot tell
    them apart and everybody gets 0.5. The score is the sum of weight × normalised value, a
    number between 0 and 1; each term is the criterion's *contribution*.

``topsis`` — closeness to the ideal candidate (TOPSIS, Hwang and Yoon 1981).
    Each criterion is divided by the Euclidean length of its column of estimates (vector
    normalisation) and multiplied by its weight. The ideal is the best value on every
    criterion, the anti-ideal the worst. The score is the distance from the anti-ideal
    divided by the sum of both distances: 1 is the ideal itself, 0 the anti-ideal. Each
    criterion's contribution is its part of the two distances.

Missing estimates are never read as zero. A candidate is ranked on the weighted criteria it
has estimates for, with their weights scaled up to sum to 1 again (for the weighted sum this
amounts to filling each gap with the candidate's own average on the other criteria; TOPSIS
measures its distances on the estimated criteria only). Such a candidate is marked
*incomplete*: ``missing`` lists the criteria without an estimate and ``coverage`` the share
of the weight that was estimated. A candidate with no estimate on any weighted criterion
cannot be ranked and is listed in ``Ranking.unranked``. With ``missing="exclude"`` every
incomplete candidate goes there instead. Estimates of criteria weighted 0 play no part.

Ties: scores within ``TIE_TOLERANCE`` of each other share a rank number (1, 2, 2, 4), each
entry lists the ids it is tied with, and tied candidates are listed by label, then id.
The input order never matters.

Dominance on the impact/ease chart: a candidate is dominated when another has at least its
impact and at least its ease and more of one of them; the others form the non-dominated set.
Candidates without an impact or an ease estimate are left out of that test and reported.

How much the order depends on the exact weights (the sensitivity analysis) is the business
of ``partnerkit.method.sensitivity``, which builds on this module.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import repeat
from typing import Literal

import numpy as np

from partnerkit.method.weights import (
    BY_CODE,
    CODES,
    CRITERIA,
    Direction,
    RankingError,
    normalise,
)

__all__ = [
    "TIE_TOLERANCE",
    "Basis",
    "Candidate",
    "Comparison",
    "ComparisonRow",
    "Contribution",
    "Dominance",
    "RankedCandidate",
    "Ranking",
    "RankingError",
    "Unranked",
    "compare",
    "non_dominated",
    "rank",
]

Method = Literal["weighted", "topsis"]
MissingPolicy = Literal["renormalise", "exclude"]
METHODS: tuple[str, ...] = ("weighted", "topsis")
MISSING_POLICIES: tuple[str, ...] = ("renormalise", "exclude")

# Scores closer than this are a tie. Far above rounding noise (about 1e-16 on scores
# between 0 and 1), far below any difference estimates on a 1–5 scale can make.
TIE_TOLERANCE = 1e-12


@dataclass(frozen=True)
class Candidate:
    """A candidate partnership to rank. ``estimates`` maps criterion codes to values; a
    value of None, or a criterion left out, is a missing estimate."""

    id: Hashable
    label: str
    estimates: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one criterion did for one candidate's score."""

    criterion: str
    # The estimate as given; None when it is missing.
    estimate: float | None
    # Weighted sum: the estimate on the 0–1 scale where 1 is best. TOPSIS: the estimate
    # divided by the length of its column (not turned around for lower-is-better criteria).
    normalised: float | None
    # The weight the candidate was ranked with: 0 for a missing estimate, the others scaled
    # up so that they sum to 1.
    weight: float
    # Weighted sum only: weight × normalised, this criterion's part of the score.
    points: float | None = None
    # TOPSIS only: weight × distance from the best (ideal) and from the worst (anti-ideal)
    # value on this criterion; the squares add up to the squared total distances.
    gap_to_ideal: float | None = None
    gap_to_worst: float | None = None

    @property
    def missing(self) -> bool:
        return self.estimate is None


@dataclass(frozen=True)
class Basis:
    """How a criterion was put on the common scale, for showing next to the ranking."""

    criterion: str
    direction: Direction
    # How many of the ranked candidates have an estimate for it.
    estimated: int
    # The smallest and largest estimates among them (None if nobody has one).
    lowest: float | None
    highest: float | None
    # TOPSIS only: the length of the column of estimates, and the best and worst
    # normalised values (the ideal and anti-ideal on this criterion).
    norm: float | None = None
    ideal: float | None = None
    worst: float | None = None


# The row types below are not frozen: a frozen dataclass takes several times longer to build,
# which shows with 100,000 rows. Treat them as read-only all the same.
@dataclass(slots=True, eq=False)
class RankedCandidate:
    candidate: Candidate
    # 1-based place in the list; tied candidates have consecutive positions.
    position: int
    # 1 is best; tied candidates share the rank of the first of them (1, 2, 2, 4).
    rank: int
    score: float
    # Share of the total weight the candidate has estimates for (1.0 when complete).
    coverage: float
    # Weighted criteria without an estimate, in criterion order.
    missing: tuple[str, ...]
    # Ids of the candidates with the same score, in list order.
    tied_with: tuple[Hashable, ...]
    # On the impact/ease chart: True if no other candidate dominates it; None when impact
    # or ease is missing.
    non_dominated: bool | None
    _ranking: Ranking = field(repr=False, compare=False)
    _row: int = field(repr=False, compare=False)

    @property
    def id(self) -> Hashable:
        return self.candidate.id

    @property
    def label(self) -> str:
        return self.candidate.label

    @property
    def incomplete(self) -> bool:
        return bool(self.missing)

    @property
    def tied(self) -> bool:
        return bool(self.tied_with)

    @property
    def contributions(self) -> tuple[Contribution, ...]:
        """One per weighted criterion, in criterion order, missing ones included."""
        return self._ranking._contributions(self._row)

    def explain(self) -> list[str]:
        """The score taken apart, one line per criterion, in plain English."""
        return self._ranking._explain(self)


@dataclass(frozen=True, slots=True)
class Unranked:
    """A candidate left out of the ranking, with the weighted criteria it lacks."""

    candidate: Candidate
    missing: tuple[str, ...]

    @property
    def id(self) -> Hashable:
        return self.candidate.id


@dataclass(frozen=True)
class Dominance:
    """The impact/ease dominance test over a set of candidates."""

    non_dominated: frozenset
    # For each dominated candidate, one candidate that dominates it.
    dominated_by: Mapping[Hashable, Hashable]
    # Candidates without an impact or an ease estimate, in input order: not tested.
    excluded: tuple[Hashable, ...]


class Ranking:
    """The outcome of ``rank``: entries best first, the unranked, and how it was computed.

    Built for lists of any length: entries and their explanations are put together the
    first time they are asked for.
    """

    def __init__(self, prepared: _Prepared):
        self._p = prepared
        self.method: str = prepared.method
        self.missing_policy: str = prepared.missing_policy
        # Every criterion's weight, normalised to sum to 1.
        self.weights: Mapping[str, float] = prepared.weights
        # The criteria with a positive weight, in criterion order.
        self.criteria: tuple[str, ...] = prepared.active
        self.basis: Mapping[str, Basis] = prepared.basis

    def __len__(self) -> int:
        return len(self._p.order)

    def __iter__(self) -> Iterator[RankedCandidate]:
        return iter(self.entries)

    def __getitem__(self, index: int) -> RankedCandidate:
        return self.entries[index]

    def __repr__(self) -> str:
        return f"<Ranking {self.method}: {len(self)} ranked, {len(self.unranked)} unranked>"

    def ids(self) -> list[Hashable]:
        """Ids of the ranked candidates, best first."""
        items = self._p.table.items
        return [items[i].id for i in self._p.rows.tolist()]

    def by_id(self, candidate_id: Hashable) -> RankedCandidate:
        try:
            return self.entries[self._position_of[candidate_id]]
        except KeyError:
            raise KeyError(f"no ranked candidate with id {candidate_id!r}") from None

    @cached_property
    def _position_of(self) -> dict[Hashable, int]:
        return {candidate_id: k for k, candidate_id in enumerate(self.ids())}

    @cached_property
    def entries(self) -> tuple[RankedCandidate, ...]:
        p = self._p
        n = len(p.order)
        items = p.table.items
        candidates = [items[i] for i in p.rows.tolist()]
        tied_with: list[tuple] = [()] * n
        for start, end in p.tie_groups:
            ids = [candidate.id for candidate in candidates[start:end]]
            for k in range(end - start):
                tied_with[start + k] = tuple(ids[:k] + ids[k + 1 :])
        # Status 1, 0 and -1 index True, False and (from the end) None.
        flag = (False, True, None)
        non_dominated = [flag[s] for s in self._dominance[0][p.rows].tolist()]
        # Positional arguments through map: with 100,000 entries, keyword arguments and
        # a generator's frame cost more than the objects themselves.
        return tuple(
            map(
                RankedCandidate,
                candidates,
                range(1, n + 1),
                p.ranks.tolist(),
                p.scores.tolist(),
                p.coverage.tolist(),
                _missing_lists(p.present[p.order], self.criteria),
                tied_with,
                non_dominated,
                repeat(self, n),
                p.order.tolist(),
            )
        )

    @cached_property
    def unranked(self) -> tuple[Unranked, ...]:
        p = self._p
        items = p.table.items
        missing = _missing_lists(p.unranked_present, self.criteria)
        return tuple(Unranked(items[i], missing[k]) for k, i in enumerate(p.unranked_rows.tolist()))

    @cached_property
    def dominance(self) -> Dominance:
        """The impact/ease dominance test over every candidate, ranked or not."""
        return _dominance_result(self._p.table, *self._dominance)

    @cached_property
    def _dominance(self) -> tuple[np.ndarray, np.ndarray]:
        return _dominance(self._p.table.values)

    def _contributions(self, k: int) -> tuple[Contribution, ...]:
        """``k`` indexes the matrices of ``_Prepared`` (not the list position)."""
        p = self._p
        out = []
        for j, code in enumerate(self.criteria):
            present = bool(p.present[k, j])
            estimate = float(p.values[k, j]) if present else None
            normalised = float(p.normalised[k, j]) if present else None
            weight = float(p.effective[k, j])
            if p.method == "weighted":
                out.append(
                    Contribution(
                        code,
                        estimate,
                        normalised,
                        weight,
                        points=weight * normalised if present else 0.0,
                    )
                )
            else:
                out.append(
                    Contribution(
                        code,
                        estimate,
                        normalised,
                        weight,
                        gap_to_ideal=float(p.gap_ideal[k, j]) * weight,
                        gap_to_worst=float(p.gap_worst[k, j]) * weight,
                    )
                )
        return tuple(out)

    def _explain(self, entry: RankedCandidate) -> list[str]:
        lines = []
        for part in entry.contributions:
            criterion = BY_CODE[part.criterion]
            name = criterion.code
            if part.estimate is None:
                lines.append(f"{name}: no estimate; ranked on the other criteria")
                continue
            if self.method == "weighted":
                basis = self.basis[name]
                better = "lower" if criterion.direction is Direction.LOWER else "higher"
                if basis.highest > basis.lowest:
                    among = f"{basis.lowest:g}–{basis.highest:g}, {better} is better"
                else:
                    among = "the same for every candidate"
                lines.append(
                    f"{name}: {part.estimate:g} ({among}) → {part.normalised:.2f} × weight "
                    f"{part.weight:.2f} = {part.points:.3f}"
                )
            else:
                lines.append(
                    f"{name}: {part.estimate:g} → {part.gap_to_ideal:.3f} from the best, "
                    f"{part.gap_to_worst:.3f} from the worst (weighted)"
                )
        tie = f", tied with {len(entry.tied_with)} other(s)" if entry.tied else ""
        if self.method == "weighted":
            lines.append(f"score {entry.score:.3f}: the sum of the parts; rank {entry.rank}{tie}")
        else:
            to_best = math.sqrt(sum(p.gap_to_ideal**2 for p in entry.contributions))
            to_worst = math.sqrt(sum(p.gap_to_worst**2 for p in entry.contributions))
            lines.append(
                f"closeness {entry.score:.3f} = {to_worst:.3f} from the worst / "
                f"({to_best:.3f} from the best + {to_worst:.3f}); rank {entry.rank}{tie}"
            )
        if entry.incomplete:
            lines.append(
                f"incomplete: ranked on {entry.coverage:.0%} of the weight; missing "
                + ", ".join(entry.missing)
            )
        return lines


@dataclass(slots=True)
class ComparisonRow:
    id: Hashable
    label: str
    weighted_rank: int
    topsis_rank: int

    @property
    def shift(self) -> int:
        """How many places lower (positive) or higher (negative) TOPSIS puts it."""
        return self.topsis_rank - self.weighted_rank


@dataclass(frozen=True)
class Comparison:
    """The weighted sum and TOPSIS side by side."""

    weighted: Ranking
    topsis: Ranking

    @cached_property
    def rows(self) -> tuple[ComparisonRow, ...]:
        """Every ranked candidate in weighted-sum order, with both ranks."""
        return self._rows(slice(None))

    @cached_property
    def disagreements(self) -> tuple[ComparisonRow, ...]:
        """The rows where the two methods give different ranks, in weighted-sum order."""
        weighted, topsis = self._ranks
        return self._rows(np.flatnonzero(weighted != topsis))

    @cached_property
    def agreement(self) -> float | None:
        """Spearman's rank correlation between the two orders (1 = same order), with tied
        candidates given the average of their places; None with fewer than two candidates
        or when one method ties them all."""
        if len(self.weighted) < 2:
            return None
        a = _average_ranks(self.weighted._p)
        b = self._by_weighted_order(_average_ranks(self.topsis._p))
        if np.std(a) == 0 or np.std(b) == 0:
            return None
        return float(np.corrcoef(a, b)[0, 1])

    @cached_property
    def _ranks(self) -> tuple[np.ndarray, np.ndarray]:
        """Both rank numbers, in weighted-sum order."""
        return self.weighted._p.ranks, self._by_weighted_order(self.topsis._p.ranks)

    def _by_weighted_order(self, per_topsis_position: np.ndarray) -> np.ndarray:
        # Both methods rank the same candidates (which ones depends only on the weights and
        # the estimates), so table rows line the two lists up.
        by_row = np.zeros(len(self.weighted._p.table.items), dtype=per_topsis_position.dtype)
        by_row[self.topsis._p.rows] = per_topsis_position
        return by_row[self.weighted._p.rows]

    def _rows(self, which) -> tuple[ComparisonRow, ...]:
        items = self.weighted._p.table.items
        weighted, topsis = self._ranks
        candidates = [items[i] for i in np.atleast_1d(self.weighted._p.rows[which]).tolist()]
        return tuple(
            map(
                ComparisonRow,
                [candidate.id for candidate in candidates],
                [candidate.label for candidate in candidates],
                np.atleast_1d(weighted[which]).tolist(),
                np.atleast_1d(topsis[which]).tolist(),
            )
        )


def rank(
    candidates: Iterable[Candidate],
    weights: Mapping[str, float] | str,
    method: Method = "weighted",
    *,
    missing: MissingPolicy = "renormalise",
) -> Ranking:
    """Rank ``candidates`` by ``weights`` (a mapping of criterion codes to non-negative
    numbers, or a preset code) with the weighted sum or TOPSIS.

    Raises ``RankingError`` (a ValueError) for no candidates, duplicate ids, unknown
    criteria, estimates that are not numbers or out of their scale, and negative or
    all-zero weights; the message names the candidate and the criterion.
    """
    return Ranking(_prepare(_read(candidates), normalise(weights), method, missing))


def compare(
    candidates: Iterable[Candidate],
    weights: Mapping[str, float] | str,
    *,
    missing: MissingPolicy = "renormalise",
) -> Comparison:
    """Both methods on the same input; ``Comparison.disagreements`` lists where they differ."""
    table = _read(candidates)
    normalised = normalise(weights)
    return Comparison(
        Ranking(_prepare(table, normalised, "weighted", missing)),
        Ranking(_prepare(table, normalised, "topsis", missing)),
    )


def non_dominated(candidates: Iterable[Candidate]) -> Dominance:
    """The impact/ease dominance test on its own (no weights needed)."""
    table = _read(candidates)
    status, dominator = _dominance(table.values)
    return _dominance_result(table, status, dominator)


# --- Reading the input ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    items: tuple
    # One row per candidate, one column per criterion (in CODES order); NaN where missing.
    values: np.ndarray


_NUMBER_TYPES = (numbers.Real, Decimal)


def _who(item) -> str:
    return f"candidate {item.label!r} (id {item.id!r})"


def _read(candidates: Iterable[Candidate]) -> _Table:
    items = tuple(candidates)
    if not items:
        raise RankingError("there are no candidates to rank", field="candidates")
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        seen = set()
        for item in items:
            if item.id in seen:
                raise RankingError(
                    f"two candidates have the id {item.id!r}", candidate=item.id, field="candidates"
                )
            seen.add(item.id)
    if set(map(type, [item.label for item in items])) - {str}:
        for item in items:
            if not isinstance(item.label, str):
                raise RankingError(
                    f"the label of candidate {item.id!r} must be text",
                    candidate=item.id,
                    field="label",
                )
    estimates = [item.estimates for item in items]
    # A union over the mappings themselves: no key view is made per candidate, which with
    # 100,000 candidates would be enough to set the garbage collector working.
    unknown = set().union(*estimates) - BY_CODE.keys()
    if unknown:
        for item in items:
            for code in item.estimates:
                if code in unknown:
                    raise RankingError(
                        f"{_who(item)}: unknown criterion {code!r}; criteria: {', '.join(CODES)}",
                        criterion=str(code),
                        candidate=item.id,
                    )
    values = np.empty((len(items), len(CRITERIA)))
    for j, criterion in enumerate(CRITERIA):
        code = criterion.code
        column = [given.get(code) for given in estimates]
        if any(
            kind is not type(None) and (kind is bool or not issubclass(kind, _NUMBER_TYPES))
            for kind in set(map(type, column))
        ):
            for item, value in zip(items, column):
                if value is not None and (
                    isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES)
                ):
                    raise RankingError(
                        f"{_who(item)}: {code} must be a number, not {value!r}",
                        criterion=code,
                        candidate=item.id,
                    )
        array = np.array(column, dtype=float)
        absent = np.isnan(array)
        for i in np.flatnonzero(absent).tolist():
            if column[i] is not None:
                raise RankingError(
                    f"{_who(items[i])}: {code} is not a number (NaN); leave it empty if it "
                    f"is not known",
                    criterion=code,
                    candidate=items[i].id,
                )
        bad = ~absent & ~np.isfinite(array) | (array < criterion.lowest)
        if criterion.highest is not None:
            bad |= array > criterion.highest
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise RankingError(
                f"{_who(items[i])}: {code} is {column[i]!r}, outside its scale "
                f"{criterion.scale_text()}",
                criterion=code,
                candidate=items[i].id,
            )
        values[:, j] = array
    return _Table(items, values)


# --- Computing -----------------------------------------------------------------------------


@dataclass
class _Prepared:
    """Every array a ranking is built from.

    The ranked candidates are a subset of the table; the matrices have one row per ranked
    candidate in table order ("subset order"), and ``order`` lists those rows best first.
    Vectors named per position (``rows``, ``scores``, ``ranks``, ``coverage``) are in list
    order. Leaving the matrices unsorted saves copying them.
    """

    table: _Table
    method: str
    missing_policy: str
    weights: dict[str, float]
    active: tuple[str, ...]
    basis: dict[str, Basis]
    order: np.ndarray  # subset row at each position, best first
    rows: np.ndarray  # table row at each position
    ranks: np.ndarray  # per position
    scores: np.ndarray  # per position
    coverage: np.ndarray  # per position
    tie_groups: list[tuple[int, int]]  # [start, end) positions of ties of two or more
    values: np.ndarray  # subset × active criteria; NaN where missing
    present: np.ndarray
    normalised: np.ndarray  # 0 where missing
    effective: np.ndarray  # weights renormalised per candidate; 0 where missing
    gap_ideal: np.ndarray | None  # TOPSIS: |normalised − ideal|; 0 where missing
    gap_worst: np.ndarray | None
    unranked_rows: np.ndarray
    unranked_present: np.ndarray


def _prepare(table: _Table, weights: dict[str, float], method: str, missing: str) -> _Prepared:
    if method not in METHODS:
        raise RankingError(f"unknown method {method!r}; use 'weighted' or 'topsis'", field="method")
    if missing not in MISSING_POLICIES:
        raise RankingError(
            f"unknown missing-estimate policy {missing!r}; use 'renormalise' or 'exclude'",
            field="missing",
        )
    active = tuple(code for code in CODES if weights[code] > 0)
    columns = [CODES.index(code) for code in active]
    w = np.array([weights[code] for code in active])
    values = table.values[:, columns]
    present = ~np.isnan(values)
    # Column by column rather than a matrix product: the same row always gives the same
    # bits wherever it sits, so the input order cannot change a score.
    coverage = _row_sum(present * w)
    if missing == "exclude":
        ranked = coverage >= 1.0 - 1e-9
    else:
        ranked = coverage > 0
    rows = np.flatnonzero(ranked)
    unranked_rows = np.flatnonzero(~ranked)
    unranked_present = present[unranked_rows]
    if len(unranked_rows):
        values, present, coverage = values[rows], present[rows], coverage[rows]
    effective = np.where(present, w / np.where(coverage > 0, coverage, 1.0)[:, None], 0.0)

    basis = {}
    normalised = np.zeros(values.shape)
    gap_ideal = gap_worst = None
    if method == "topsis":
        gap_ideal, gap_worst = np.zeros(values.shape), np.zeros(values.shape)
    for j, code in enumerate(active):
        criterion = BY_CODE[code]
        mask = present[:, j]
        complete = bool(mask.all())
        column = values[:, j] if complete else values[mask, j]
        where = slice(None) if complete else mask
        if not len(column):
            basis[code] = Basis(code, criterion.direction, 0, None, None)
            continue
        lowest, highest = float(column.min()), float(column.max())
        if method == "weighted":
            if highest > lowest:
                if criterion.direction is Direction.LOWER:
                    scaled = (highest - column) / (highest - lowest)
                else:
                    scaled = (column - lowest) / (highest - lowest)
            else:
                scaled = np.full(len(column), 0.5)
            normalised[where, j] = scaled
            basis[code] = Basis(code, criterion.direction, len(column), lowest, highest)
        else:
            # Summing the squares in sorted order makes the length independent of the
            # input order, down to the last bit.
            norm = float(np.sqrt(np.sum(np.sort(column) ** 2)))
            scaled = column / norm if norm > 0 else np.zeros(len(column))
            top, bottom = float(scaled.max()), float(scaled.min())
            ideal, worst = (
                (top, bottom) if criterion.direction is Direction.HIGHER else (bottom, top)
            )
            normalised[where, j] = scaled
            gap_ideal[where, j] = np.abs(scaled - ideal)
            gap_worst[where, j] = np.abs(scaled - worst)
            basis[code] = Basis(
                code,
                criterion.direction,
                len(column),
                lowest,
                highest,
                norm=norm,
                ideal=ideal,
                worst=worst,
            )

    if method == "weighted":
        scores = _row_sum(normalised * effective)
    else:
        to_ideal = np.sqrt(_row_sum((gap_ideal * effective) ** 2))
        to_worst = np.sqrt(_row_sum((gap_worst * effective) ** 2))
        total = to_ideal + to_worst
        # A candidate at both the ideal and the anti-ideal (every criterion the same for
        # all) sits in the middle.
        scores = np.divide(to_worst, total, out=np.full(len(total), 0.5), where=total > 0)

    order, ranks, groups = _order(scores, lambda i: table.items[rows[i]])
    return _Prepared(
        table=table,
        method=method,
        missing_policy=missing,
        weights=dict(weights),
        active=active,
        basis=basis,
        order=order,
        rows=rows[order],
        ranks=ranks,
        scores=scores[order],
        coverage=coverage[order],
        tie_groups=groups,
        values=values,
        present=present,
        normalised=normalised,
        effective=effective,
        gap_ideal=gap_ideal,
        gap_worst=gap_worst,
        unranked_rows=unranked_rows,
        unranked_present=unranked_present,
    )


def _row_sum(matrix: np.ndarray) -> np.ndarray:
    total = np.zeros(matrix.shape[0])
    for j in range(matrix.shape[1]):
        total = total + matrix[:, j]
    return total


def _tie_key(item) -> tuple:
    candidate_id = item.id
    if isinstance(candidate_id, numbers.Integral) and not isinstance(candidate_id, bool):
        return (item.label, 0, int(candidate_id), "")
    return (item.label, 1, 0, str(candidate_id))


def _order(scores: np.ndarray, item_of) -> tuple[np.ndarray, np.ndarray, list]:
    """Best first; scores within TIE_TOLERANCE form a tie, listed by label then id.

    Returns the order (indices into ``scores``), the rank at each position and the
    [start, end) positions of every tie of two or more. ``item_of(i)`` gives the candidate
    of score ``i``, looked up only for ties.
    """
    n = len(scores)
    order = np.argsort(-scores, kind="stable")
    ranked = scores[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = (ranked[:-1] - ranked[1:]) > TIE_TOLERANCE
    first = np.flatnonzero(starts)
    ends = np.append(first[1:], n)
    tied = np.flatnonzero(ends - first > 1)
    groups = list(zip(first[tied].tolist(), ends[tied].tolist()))
    for start, end in groups:
        members = order[start:end].tolist()
        members.sort(key=lambda i: _tie_key(item_of(i)))
        order[start:end] = members
    ranks = (first + 1)[np.cumsum(starts) - 1]
    return order, ranks, groups


def _missing_lists(present: np.ndarray, active: tuple[str, ...]) -> list[tuple[str, ...]]:
    if present.all():
        return [()] * len(present)
    out = []
    for row in present.tolist():
        out.append(tuple(code for code, has in zip(active, row) if not has))
    return out


def _dominance(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    impact = values[:, CODES.index("impact")]
    ease = values[:, CODES.index("ease")]
    status = np.full(len(values), -1, dtype=np.int8)
    dominator = np.full(len(values), -1, dtype=np.int64)
    tested = np.flatnonzero(~(np.isnan(impact) | np.isnan(ease)))
    if not len(tested):
        return status, dominator
    i, e = impact[tested], ease[tested]
    # Sweep from the highest impact down (highest ease first within an impact): the first
    # candidate reaching a candidate's ease is the strongest challenger it has.
    order = np.lexsort((-e, -i))
    i, e = i[order], e[order]
    reach = np.maximum.accumulate(e)
    challenger = np.searchsorted(reach, e, side="left")
    dominated = (i[challenger] > i) | (e[challenger] > e)
    rows = tested[order]
    status[rows] = np.where(dominated, 0, 1)
    dominator[rows[dominated]] = rows[challenger[dominated]]
    return status, dominator


def _dominance_result(table: _Table, status: np.ndarray, dominator: np.ndarray) -> Dominance:
    items = table.items
    ids = [item.id for item in items]
    return Dominance(
        non_dominated=frozenset(ids[i] for i in np.flatnonzero(status == 1).tolist()),
        dominated_by={ids[i]: ids[int(dominator[i])] for i in np.flatnonzero(status == 0).tolist()},
        excluded=tuple(ids[i] for i in np.flatnonzero(status == -1).tolist()),
    )


def _average_ranks(p: _Prepared) -> np.ndarray:
    """1-based places in list order, with each tie given the average of its places."""
    places = np.arange(1, len(p.order) + 1, dtype=float)
    for start, end in p.tie_groups:
        places[start:end] = (start + 1 + end) / 2
    return places
