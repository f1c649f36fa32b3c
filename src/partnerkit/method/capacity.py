"""What if they all say yes? Volunteer capacity against the partnerships being pursued (step 4).

Pursuing several partnerships at once is fine, the method says, as long as the group does not
promise more than it can deliver. ``simulate`` plays the coming months many times over: in
each round every partnership being pursued comes about or not, with its probability of
success, and takes its effort in hours per month if it does. The rounds give the
distribution of hours needed, the probability that they exceed the group's capacity, and by
how much on average.

Probability of success. Give it directly (``probability``, 0–1; use 1 for work already
agreed) or as the likelihood estimate of the ranking on its 1–5 scale, read as
``(2 × likelihood − 1) / 10``:

=========== ===== ===== ===== ===== =====
likelihood   1     2     3     4     5
probability  10 %  30 %  50 %  70 %  90 %
=========== ===== ===== ===== ===== =====

Neither end is certain: a "very likely" partner still says no one time in ten.

Effort. Hours per month if the partnership goes ahead: a single figure, or with
``effort_low`` and ``effort_high`` a range in which the figure is the most likely value; each
round then draws from the triangular distribution over that range.

Every partnership draws its random numbers from its own stream, derived from the seed and its
id. Adding, removing or reordering partnerships therefore leaves the others' draws as they
were, so "what if we also pursue this one?" compares like with like, and the same seed always
gives the same result.
"""

from __future__ import annotations

import hashlib
import math
import numbers
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np

DEFAULT_SAMPLES = 10_000
DEFAULT_THRESHOLD = 0.2
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.9, 0.95)
HISTOGRAM_BINS = 20

Strategy = Literal["load", "rank"]


class CapacityError(ValueError):
    """Input the simulation cannot use. ``field`` and ``prospect`` (an id) name the culprit."""

    def __init__(self, message: str, *, field: str, prospect: Hashable | None = None):
        super().__init__(message)
        self.field = field
        self.prospect = prospect


@dataclass(frozen=True)
class Prospect:
    """A partnership being pursued, as the simulation sees it."""

    id: Hashable
    label: str
    # Hours per month if it goes ahead: the most likely value.
    effort: float
    # Likelihood of success on the ranking's 1–5 scale ...
    likelihood: float | None = None
    # ... or the probability itself (0–1), which wins when both are given.
    probability: float | None = None
    # Optional range of the effort, around ``effort``.
    effort_low: float | None = None
    effort_high: float | None = None
    # Its place in the ranking (1 = best), for deferring the lowest-ranked first.
    rank: int | None = None


@dataclass(frozen=True)
class Histogram:
    """Counts of rounds by hours needed: ``counts[i]`` rounds fell in
    [``edges[i]``, ``edges[i + 1]``) (the last bin includes its upper edge)."""

    edges: tuple[float, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Load:
    """One partnership's share in the result."""

    id: Hashable
    label: str
    probability: float
    # Mean hours per month it takes, counting the rounds where it does not happen as 0.
    expected_hours: float
    # How often it went ahead in the rounds that overloaded the group (None without any).
    yes_when_overloaded: float | None


@dataclass(frozen=True)
class CapacityResult:
    capacity: float
    samples: int
    seed: int
    threshold: float
    mean: float
    # Hours per month needed, at QUANTILES.
    quantiles: dict[float, float]
    # Share of rounds in which the hours needed exceed the capacity.
    p_overload: float
    # Mean of the hours beyond capacity, over all rounds (0 in rounds without overload).
    expected_overload: float
    # The talk's question: hours if every one says yes, at its most likely effort and at the
    # top of its range.
    all_yes_hours: float
    all_yes_high: float
    histogram: Histogram
    # In the order given.
    loads: tuple[Load, ...]

    @property
    def overloaded(self) -> bool:
        """True when the probability of overload is above the threshold."""
        return self.p_overload > self.threshold


@dataclass(frozen=True)
class Deferral:
    """Partnerships to put on hold to bring the probability of overload back under the
    threshold, and the result without them."""

    defer: tuple[Hashable, ...]
    result: CapacityResult
    # False when even deferring every partnership that may be deferred is not enough.
    reached: bool
    strategy: str


@dataclass(frozen=True)
class WhatIf:
    before: CapacityResult
    after: CapacityResult
    # After adding the partnership the probability of overload is above the threshold.
    warning: bool
    # ... and it was not before: this partnership tips the balance.
    crosses: bool
    # When warning: what to defer (never the partnership just selected).
    deferral: Deferral | None


def probability_of(likelihood: float) -> float:
    """The probability of success for a likelihood on the 1–5 scale."""
    return (2 * float(likelihood) - 1) / 10


def simulate(
    prospects: Iterable[Prospect],
    capacity_hours: float,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    overload_threshold: float = DEFAULT_THRESHOLD,
) -> CapacityResult:
    """Simulate ``samples`` rounds of the partnerships being pursued against
    ``capacity_hours`` (hours per month, more than 0). Without a seed a fresh one is drawn
    and recorded in the result."""
    plan = _Plan.build(prospects, capacity_hours, samples, seed, overload_threshold)
    return plan.result()


def what_if_selected(
    pursued: Iterable[Prospect],
    candidate: Prospect,
    capacity_hours: float,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    overload_threshold: float = DEFAULT_THRESHOLD,
    strategy: Strategy = "load",
    keep: Iterable[Hashable] = (),
) -> WhatIf:
    """Whether also pursuing ``candidate`` pushes the probability of overload above the
    threshold, and if so which of the others to defer (``keep`` protects some of them, e.g.
    those already agreed). Both results use the same draws."""
    pursued = list(pursued)
    if seed is None:
        seed = _fresh_seed()
    plan = _Plan.build(pursued + [candidate], capacity_hours, samples, seed, overload_threshold)
    index = plan.index_of(candidate.id)
    others = [k for k in range(len(plan.prospects)) if k != index]
    before = plan.result(others)
    after = plan.result()
    deferral = None
    if after.overloaded:
        deferral = plan.deferral(strategy, set(keep) | {candidate.id})
    return WhatIf(
        before, after, after.overloaded, after.overloaded and not before.overloaded, deferral
    )


def suggest_deferrals(
    prospects: Iterable[Prospect],
    capacity_hours: float,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    overload_threshold: float = DEFAULT_THRESHOLD,
    strategy: Strategy = "load",
    keep: Iterable[Hashable] = (),
) -> Deferral:
    """Which partnerships to defer so that the probability of overload is at most the
    threshold, chosen greedily.

    ``strategy="load"`` defers the largest expected load (probability × mean effort) first;
    ``strategy="rank"`` the lowest-ranked first (every prospect not in ``keep`` needs a
    rank). Afterwards any deferred partnership that fits back in without crossing the
    threshold is taken back, latest first, so that no more are deferred than needed.
    """
    plan = _Plan.build(prospects, capacity_hours, samples, seed, overload_threshold)
    return plan.deferral(strategy, set(keep))


# --- The simulation ------------------------------------------------------------------------


@dataclass
class _Plan:
    prospects: list[Prospect]
    probabilities: np.ndarray
    means: np.ndarray  # mean effort of each, if it goes ahead
    capacity: float
    samples: int
    seed: int
    threshold: float
    yes: np.ndarray  # samples × prospects: whether it goes ahead in each round
    hours: np.ndarray  # samples × prospects: hours it takes in each round

    @classmethod
    def build(cls, prospects, capacity_hours, samples, seed, threshold) -> _Plan:
        capacity = _check_capacity(capacity_hours)
        if isinstance(samples, bool) or not isinstance(samples, numbers.Integral) or (samples < 1):
            raise CapacityError(
                f"samples must be a whole number of at least 1, not {samples!r}", field="samples"
            )
        if (
            isinstance(threshold, bool)
            or not isinstance(threshold, numbers.Real)
            or not 0 <= threshold < 1
        ):
            raise CapacityError(
                f"the overload threshold must be at least 0 and below 1, not {threshold!r}",
                field="overload_threshold",
            )
        if seed is None:
            seed = _fresh_seed()
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
            raise CapacityError(
                f"seed must be a whole number, 0 or more, not {seed!r}", field="seed"
            )
        prospects = list(prospects)
        ids = set()
        for prospect in prospects:
            if prospect.id in ids:
                raise CapacityError(
                    f"two partnerships have the id {prospect.id!r}",
                    field="prospects",
                    prospect=prospect.id,
                )
            ids.add(prospect.id)
        probabilities = np.array([_probability(p) for p in prospects], dtype=float)
        ranges = [_effort_range(p) for p in prospects]
        yes = np.zeros((samples, len(prospects)), dtype=bool)
        hours = np.zeros((samples, len(prospects)))
        for k, (prospect, (low, mode, high)) in enumerate(zip(prospects, ranges)):
            stream = np.random.default_rng(np.random.SeedSequence([int(seed), _key(prospect.id)]))
            yes[:, k] = stream.random(samples) < probabilities[k]
            effort = _triangular(stream.random(samples), low, mode, high)
            hours[:, k] = np.where(yes[:, k], effort, 0.0)
        means = np.array([(low + mode + high) / 3 for low, mode, high in ranges], dtype=float)
        return cls(
            prospects,
            probabilities,
            means,
            capacity,
            int(samples),
            int(seed),
            float(threshold),
            yes,
            hours,
        )

    def index_of(self, prospect_id: Hashable) -> int:
        for k, prospect in enumerate(self.prospects):
            if prospect.id == prospect_id:
                return k
        raise KeyError(prospect_id)

    def result(self, columns: list[int] | None = None) -> CapacityResult:
        """The result with only the prospects at ``columns`` (all by default)."""
        columns = list(range(len(self.prospects))) if columns is None else columns
        prospects = [self.prospects[k] for k in columns]
        total = self._total(set(columns))
        over = total > self.capacity
        excess = np.maximum(total - self.capacity, 0.0)
        ranges = [_effort_range(p) for p in prospects]
        loads = []
        for k, prospect in zip(columns, prospects):
            loads.append(
                Load(
                    id=prospect.id,
                    label=prospect.label,
                    probability=float(self.probabilities[k]),
                    expected_hours=float(self.hours[:, k].mean()),
                    yes_when_overloaded=float(self.yes[over, k].mean()) if over.any() else None,
                )
            )
        return CapacityResult(
            capacity=self.capacity,
            samples=self.samples,
            seed=self.seed,
            threshold=self.threshold,
            mean=float(total.mean()),
            quantiles={q: float(v) for q, v in zip(QUANTILES, np.quantile(total, QUANTILES))},
            p_overload=float(over.mean()),
            expected_overload=float(excess.mean()),
            all_yes_hours=float(math.fsum(mode for _, mode, _ in ranges)),
            all_yes_high=float(math.fsum(high for _, _, high in ranges)),
            histogram=_histogram(total, self.capacity),
            loads=tuple(loads),
        )

    def deferral(self, strategy: str, keep: set) -> Deferral:
        if strategy not in ("load", "rank"):
            raise CapacityError(
                f"unknown strategy {strategy!r}; use 'load' or 'rank'", field="strategy"
            )
        movable = [k for k, p in enumerate(self.prospects) if p.id not in keep]
        if strategy == "rank":
            unranked = [self.prospects[k] for k in movable if self.prospects[k].rank is None]
            if unranked:
                raise CapacityError(
                    f"deferring by rank needs a rank for {unranked[0].label!r}",
                    field="rank",
                    prospect=unranked[0].id,
                )
            order = sorted(
                movable,
                key=lambda k: (
                    -self.prospects[k].rank,
                    -self._load(k),
                    _id_key(self.prospects[k].id),
                ),
            )
        else:
            order = sorted(movable, key=lambda k: (-self._load(k), _id_key(self.prospects[k].id)))
        kept = set(range(len(self.prospects)))
        total = self._total(kept)
        deferred = []
        for k in order:
            if self._p_overload(total) <= self.threshold:
                break
            kept.discard(k)
            total = total - self.hours[:, k]
            deferred.append(k)
        reached = self._p_overload(total) <= self.threshold
        if reached:
            # Take back, latest first, any that fits without crossing the threshold again.
            for k in reversed(list(deferred)):
                trial = self._total(kept | {k})
                if self._p_overload(trial) <= self.threshold:
                    kept.add(k)
                    deferred.remove(k)
        return Deferral(
            defer=tuple(self.prospects[k].id for k in deferred),
            result=self.result(sorted(kept)),
            reached=reached,
            strategy=strategy,
        )

    def _load(self, k: int) -> float:
        return float(self.probabilities[k] * self.means[k])

    def _total(self, kept: set[int]) -> np.ndarray:
        # Summed in a fixed order (by id), so that the order of the input cannot change a
        # single bit of the totals.
        columns = sorted(kept, key=lambda k: _id_key(self.prospects[k].id))
        return self.hours[:, columns].sum(axis=1) if columns else np.zeros(self.samples)

    def _p_overload(self, total: np.ndarray) -> float:
        return float((total > self.capacity).mean())


def _check_capacity(capacity_hours) -> float:
    if (
        isinstance(capacity_hours, bool)
        or not isinstance(capacity_hours, numbers.Real)
        or not math.isfinite(capacity_hours)
    ):
        raise CapacityError(
            f"capacity must be a number of hours per month, not {capacity_hours!r}",
            field="capacity_hours",
        )
    if capacity_hours <= 0:
        raise CapacityError(
            f"capacity must be more than 0 hours per month (got {capacity_hours:g}); with no "
            f"hours to give, no partnership can be delivered",
            field="capacity_hours",
        )
    return float(capacity_hours)


def _number(value, what: str, prospect: Prospect) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise CapacityError(
            f"{prospect.label!r}: {what} must be a number, not {value!r}",
            field=what,
            prospect=prospect.id,
        )
    return float(value)


def _probability(prospect: Prospect) -> float:
    if prospect.probability is not None:
        p = _number(prospect.probability, "probability", prospect)
        if not 0 <= p <= 1:
            raise CapacityError(
                f"{prospect.label!r}: probability must be between 0 and 1, not {p:g}",
                field="probability",
                prospect=prospect.id,
            )
        return p
    if prospect.likelihood is None:
        raise CapacityError(
            f"{prospect.label!r} needs a likelihood (1–5) or a probability of success",
            field="likelihood",
            prospect=prospect.id,
        )
    likelihood = _number(prospect.likelihood, "likelihood", prospect)
    if not 1 <= likelihood <= 5:
        raise CapacityError(
            f"{prospect.label!r}: likelihood must be between 1 and 5, not {likelihood:g}",
            field="likelihood",
            prospect=prospect.id,
        )
    return probability_of(likelihood)


def _effort_range(prospect: Prospect) -> tuple[float, float, float]:
    mode = _number(prospect.effort, "effort", prospect)
    low = (
        mode
        if prospect.effort_low is None
        else _number(prospect.effort_low, "effort_low", prospect)
    )
    high = (
        mode
        if prospect.effort_high is None
        else _number(prospect.effort_high, "effort_high", prospect)
    )
    if low < 0 or mode < 0:
        raise CapacityError(
            f"{prospect.label!r}: effort cannot be negative", field="effort", prospect=prospect.id
        )
    if not low <= mode <= high:
        raise CapacityError(
            f"{prospect.label!r}: the effort range must run low ≤ most likely ≤ high "
            f"(got {low:g}, {mode:g}, {high:g})",
            field="effort",
            prospect=prospect.id,
        )
    return low, mode, high


def _triangular(u: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    """The triangular distribution by its inverse: the same uniform draw always maps to the
    same effort, so changing one range moves its draws smoothly."""
    if high == low:
        return np.full(len(u), low)
    width = high - low
    cut = (mode - low) / width
    rising = low + np.sqrt(u * width * (mode - low))
    falling = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(u < cut, rising, falling)


def _histogram(total: np.ndarray, capacity: float) -> Histogram:
    top = max(float(total.max()) if len(total) else 0.0, capacity)
    step = _nice_step(top / HISTOGRAM_BINS)
    bins = max(1, math.ceil(top / step))
    edges = np.arange(bins + 1) * step
    counts, _ = np.histogram(total, bins=edges)
    return Histogram(tuple(float(e) for e in edges), tuple(int(c) for c in counts))


def _nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least ``raw``."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def _id_key(prospect_id: Hashable) -> tuple:
    if isinstance(prospect_id, numbers.Integral) and not isinstance(prospect_id, bool):
        return (0, int(prospect_id), "")
    return (1, 0, str(prospect_id))


def _key(prospect_id: Hashable) -> int:
    """A stable 64-bit number for an id (Python's own hash of text changes between runs)."""
    text = f"{type(prospect_id).__name__}:{prospect_id}"
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _fresh_seed() -> int:
    return int(np.random.SeedSequence().generate_state(1, np.uint64)[0] >> 1)
