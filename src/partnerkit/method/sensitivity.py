"""Sensitivity analysis of a ranking: how firmly the order holds when the weights move.

``sensitivity`` asks how much the order produced by ``partnerkit.method.ranking.rank``
depends on the exact weights: it draws many weight vectors around the chosen ones (with
``sample_weights``) and reports, in a ``Sensitivity``, each candidate's range of ranks and how
often it makes the top k (one ``RankSpread`` per candidate).

The ranking itself (reading candidates, the weighted sum and TOPSIS, ties, dominance) lives
in ``partnerkit.method.ranking``; this module builds on it and ranking does not import it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from partnerkit.method.ranking import (
    METHODS,
    Candidate,
    Method,
    MissingPolicy,
    Ranking,
    _Prepared,
    rank,
)
from partnerkit.method.weights import CODES, RankingError, normalise

__all__ = [
    "SAMPLE_TIE_TOLERANCE",
    "RankSpread",
    "Sensitivity",
    "sample_weights",
    "sensitivity",
]

# The sensitivity analysis computes in single precision: scores closer than this tie there.
# (For TOPSIS it compares (d⁻)² / ((d⁺)² + (d⁻)²), which orders exactly like the closeness.)
SAMPLE_TIE_TOLERANCE = 1e-6
# Weight samples processed together: enough to make each step worth its overhead, few
# enough for the block of scores of 100,000 candidates (6 MB) to stay near the caches.
_CHUNK = 16
# Beyond this many (candidate, rank) pairs they are tallied on the way, to bound memory.
_PAIRS_HELD = 4_000_000


@dataclass(slots=True)
class RankSpread:
    """One candidate's ranks under the sampled weights."""

    id: Hashable
    label: str
    # Its rank under the chosen weights.
    base_rank: int
    # Best and worst rank seen; None when beyond the depth the ranks were counted to
    # (best: it never came within it; worst: it fell below it at least once).
    best: int | None
    worst: int | None
    # The ranks reached in at least a quarter, half and three quarters of the samples;
    # None where that rank lies beyond the depth.
    quartiles: tuple[int | None, int | None, int | None]
    # Share of the samples in which it was among the top k (ties at place k included).
    p_top_k: float
    # Share of the samples in which its rank was counted (it was within the depth).
    p_within_depth: float


@dataclass(frozen=True)
class Sensitivity:
    """How the ranking holds up when the weights move around the chosen ones."""

    method: str
    samples: int
    spread: float
    top_k: int
    # Ranks are counted exactly down to this place; below it a rank is only "below".
    depth: int
    seed: int
    weights: Mapping[str, float]
    base: Ranking
    _arrays: Mapping[str, np.ndarray] = field(repr=False, compare=False)

    @cached_property
    def spreads(self) -> tuple[RankSpread, ...]:
        """One per ranked candidate, in the order of the base ranking."""
        a = self._arrays
        depth = self.depth

        def bounded(values: np.ndarray) -> list[int | None]:
            return [v if 0 < v <= depth else None for v in values.tolist()]

        p = self.base._p
        items = p.table.items
        candidates = [items[i] for i in p.rows.tolist()]
        return tuple(
            map(
                RankSpread,
                [candidate.id for candidate in candidates],
                [candidate.label for candidate in candidates],
                p.ranks.tolist(),
                bounded(a["best"]),
                bounded(a["worst"]),
                zip(bounded(a["q1"]), bounded(a["q2"]), bounded(a["q3"])),
                (a["top"] / self.samples).tolist(),
                (a["within"] / self.samples).tolist(),
            )
        )

    def of(self, candidate_id: Hashable) -> RankSpread:
        return self.spreads[self.base._position_of[candidate_id]]

    def p_top_k(self) -> dict[Hashable, float]:
        """Each ranked candidate's probability of being in the top k, by id."""
        shares = (self._arrays["top"] / self.samples).tolist()
        return dict(zip(self.base.ids(), shares))


def sample_weights(
    weights: Mapping[str, float] | str,
    *,
    samples: int,
    spread: float,
    seed: int | np.random.Generator | None = None,
) -> np.ndarray:
    """``samples`` random weight vectors around ``weights``, one row each, columns in
    criterion order, every row summing to 1.

    The rows follow a Dirichlet distribution whose mean is the normalised ``weights``.
    ``spread`` (between 0 and 1) sets its width: each weight w varies with a standard
    deviation of spread × √(w(1 − w)); with seven equal weights (1/7 ≈ 0.14) and spread
    0.2, that is about 0.07, half the weight itself. A criterion weighted 0 stays at 0.
    """
    _check_int("samples", samples, 1)
    _check_spread(spread)
    centre = np.array([normalise(weights)[code] for code in CODES])
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    active = np.flatnonzero(centre > 0)
    out = np.zeros((samples, len(CODES)))
    if len(active) == 1:
        out[:, active[0]] = 1.0
        return out
    concentration = 1.0 / float(spread) ** 2 - 1.0
    out[:, active] = rng.dirichlet(centre[active] * concentration, size=samples)
    return out


def sensitivity(
    candidates: Iterable[Candidate],
    weights: Mapping[str, float] | str,
    *,
    method: Method = "weighted",
    samples: int = 1000,
    spread: float = 0.2,
    top_k: int = 3,
    depth: int = 1000,
    seed: int | None = None,
    missing: MissingPolicy = "renormalise",
) -> Sensitivity:
    """Rank the candidates under ``samples`` weight vectors drawn around ``weights`` (see
    ``sample_weights`` for ``spread``) and report, per candidate, the range and quartiles
    of its ranks and its probability of being in the top ``top_k``.

    The same ``seed`` gives the same result; without one a fresh seed is drawn and
    recorded in the result. Ranks are counted exactly down to place ``depth`` (at least
    ``top_k``); a rank below it is reported as None, so with more candidates than
    ``depth`` the worst rank of a candidate that ever falls that far is not known, while
    every probability of being in the top k is exact. Scores within
    ``SAMPLE_TIE_TOLERANCE`` of each other tie.

    Work grows with candidates × samples; 100,000 candidates and 1,000 samples take well
    under two seconds on a small machine.
    """
    if method not in METHODS:
        raise RankingError(f"unknown method {method!r}; use 'weighted' or 'topsis'", field="method")
    _check_int("samples", samples, 1)
    _check_spread(spread)
    _check_int("top_k", top_k, 1)
    _check_int("depth", depth, 1)
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1, np.uint64)[0] >> 1)
    _check_int("seed", seed, 0)
    base = rank(candidates, weights, method, missing=missing)
    drawn = sample_weights(base.weights, samples=samples, spread=spread, seed=seed)
    depth = max(depth, top_k)
    arrays = _count_ranks(base._p, drawn, top_k, depth)
    return Sensitivity(
        method, samples, float(spread), top_k, depth, seed, dict(base.weights), base, arrays
    )


# --- Checking the options ------------------------------------------------------------------


def _check_spread(spread) -> None:
    if isinstance(spread, bool) or not isinstance(spread, numbers.Real) or not (0 < spread < 1):
        raise RankingError(f"spread must be between 0 and 1, not {spread!r}", field="spread")


def _check_int(name: str, value, lowest: int) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < lowest:
        raise RankingError(
            f"{name} must be a whole number of at least {lowest}, not {value!r}", field=name
        )


# --- Counting ranks ------------------------------------------------------------------------


def _count_ranks(p: _Prepared, drawn: np.ndarray, top_k: int, depth: int) -> dict:
    """Per ranked candidate (in list order): best and worst rank, quartiles, times in the
    top k and times within ``depth``, over the weight vectors in ``drawn``.

    For a block of weight vectors the scores of all candidates come from matrix products.
    A partial sort (np.partition) finds each sample's depth-th best score; only candidates
    at or above it can rank within ``depth``, and they are ranked by sorting that short
    list. No full sort of all candidates per sample is needed. Buffers are reused from one
    block to the next, because fresh multi-megabyte arrays cost page faults every time.
    """
    n = len(p.order)
    samples = len(drawn)
    names = ("best", "worst", "top", "within", "q1", "q2", "q3")
    if not n:
        return {name: np.zeros(0, dtype=np.int64) for name in names}
    depth = min(depth, n)
    tol = SAMPLE_TIE_TOLERANCE
    scorer = _BlockScorer(p, drawn, min(_CHUNK, samples))
    partitioned = np.empty_like(scorer.scores) if depth < n else None
    above = np.empty(scorer.scores.shape, dtype=bool)

    best = np.full(n, depth + 1, dtype=np.int64)
    worst = np.zeros(n, dtype=np.int64)
    within = np.zeros(n, dtype=np.int64)
    top = np.zeros(n, dtype=np.int64)
    # (candidate, rank) pairs, encoded as one integer, for the quartiles.
    pairs: list[np.ndarray] = []
    pending = 0
    tally = None
    for start in range(0, samples, _CHUNK):
        scores = scorer.block(start)
        rows = len(scores)
        if partitioned is not None:
            part = partitioned[:rows]
            np.copyto(part, scores)
            part.partition(n - depth, axis=1)
            # The depth best scores of each sample, in no order; the first is the cut-off.
            best_scores = part[:, n - depth :]
            threshold = part[:, n - depth] - np.float32(tol)
            mask = above[:rows]
            np.greater_equal(scores, threshold[:, None], out=mask)
            flat = np.flatnonzero(mask)
        else:
            best_scores = scores
            flat = np.arange(scores.size)
        # Everyone who beats a candidate within the depth is among the depth best, so a
        # candidate's rank is 1 + how many of those beat it by more than the tolerance.
        # Shifting sample r's sorted scores by 4r lines all samples up in one sorted array.
        sample, cand = np.divmod(flat, n)
        line = (np.sort(best_scores, axis=1) + 4.0 * np.arange(rows)[:, None]).ravel()
        value = scores.ravel()[flat].astype(np.float64)
        at_most = np.searchsorted(line, 4.0 * sample + value + tol, side="right")
        ranks = (sample + 1) * depth - at_most + 1
        np.minimum.at(best, cand, ranks)
        np.maximum.at(worst, cand, ranks)
        within += np.bincount(cand, minlength=n)
        top += np.bincount(cand[ranks <= top_k], minlength=n)
        pairs.append(cand * (depth + 1) + ranks)
        pending += len(cand)
        if pending > _PAIRS_HELD:
            # Only with ties on a massive scale (many identical candidates).
            tally = _tally(pairs, tally)
            pairs, pending = [], 0

    worst[within < samples] = 0  # it fell below the depth at least once
    best[within == 0] = 0
    quartiles = _quartiles(*_tally(pairs, tally), n, depth, samples)
    found = {"best": best, "worst": worst, "top": top, "within": within, **quartiles}
    # From subset order to list order, like the base ranking's entries.
    return {name: values[p.order] for name, values in found.items()}


class _BlockScorer:
    """Scores of every ranked candidate under a block of weight vectors, in single
    precision (plenty for weights that are themselves random draws).

    The products go through einsum's own loops, not BLAS: a multithreaded BLAS keeps its
    threads spinning between these small products, which on a busy two-core machine
    doubled the time. The loops also give identical candidates identical scores.
    """

    def __init__(self, p: _Prepared, drawn: np.ndarray, size: int):
        n = len(p.order)
        columns = [CODES.index(code) for code in p.active]
        self.method = p.method
        self.weights = drawn[:, columns].astype(np.float32)
        self.scores = np.empty((size, n), dtype=np.float32)
        self.extra = None
        self.neutral = None
        if p.method == "weighted":
            self.first = np.ascontiguousarray(p.normalised.T, dtype=np.float32)
            self.second = None
            if not p.present.all():
                self.second = np.ascontiguousarray(p.present.T, dtype=np.float32)
                self.extra = np.empty_like(self.scores)
        else:
            self.first = np.ascontiguousarray((p.gap_ideal**2).T, dtype=np.float32)
            self.second = np.ascontiguousarray((p.gap_worst**2).T, dtype=np.float32)
            self.extra = np.empty_like(self.scores)
            # Candidates at the ideal and the anti-ideal at once (every criterion they have
            # is the same for all) sit in the middle whatever the weights.
            neutral = (p.gap_ideal.sum(axis=1) == 0) & (p.gap_worst.sum(axis=1) == 0)
            self.neutral = np.flatnonzero(neutral) if neutral.any() else None

    def block(self, start: int) -> np.ndarray:
        w = self.weights[start : start + len(self.scores)]
        rows = len(w)
        scores = self.scores[:rows]
        tiny = np.finfo(np.float32).tiny
        if self.method == "weighted":
            np.einsum("ij,jk->ik", w, self.first, out=scores)
            if self.second is not None:
                # Each candidate's weights renormalised over its own estimates.
                cover = self.extra[:rows]
                np.einsum("ij,jk->ik", w, self.second, out=cover)
                # Adding the tiniest float leaves every positive cover as it is and turns
                # a zero one (all its weights drawn as 0) into 0 / tiny = 0, not NaN.
                np.add(cover, tiny, out=cover)
                np.divide(scores, cover, out=scores)
            return scores
        # Closeness is d⁻ / (d⁺ + d⁻) with d⁺, d⁻ the distances to the ideal and the
        # anti-ideal. (d⁻)² / ((d⁺)² + (d⁻)²) depends on d⁺/d⁻ alone in the same way, so it
        # orders the candidates identically and saves two square roots. Renormalising a
        # candidate's weights scales both distances alike, so it cancels out.
        squared = w * w
        to_worst = self.extra[:rows]
        np.einsum("ij,jk->ik", squared, self.first, out=scores)
        np.einsum("ij,jk->ik", squared, self.second, out=to_worst)
        np.add(scores, to_worst, out=scores)
        np.add(scores, tiny, out=scores)  # as above: 0 / tiny, never 0 / 0
        np.divide(to_worst, scores, out=scores)
        if self.neutral is not None:
            scores[:, self.neutral] = 0.5
        return scores


def _tally(pairs: list[np.ndarray], tally: tuple | None) -> tuple[np.ndarray, np.ndarray]:
    """Distinct encoded pairs, sorted, with how often each occurred; added to ``tally``."""
    if not pairs:
        return tally
    keys, counts = np.unique(np.concatenate(pairs), return_counts=True)
    if tally is None:
        return keys, counts
    keys = np.concatenate([tally[0], keys])
    counts = np.concatenate([tally[1], counts])
    order = np.argsort(keys, kind="stable")
    keys, counts = keys[order], counts[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[starts], np.add.reduceat(counts, starts)


def _quartiles(
    unique: np.ndarray, totals: np.ndarray, n: int, depth: int, samples: int
) -> dict[str, np.ndarray]:
    """The rank reached in at least 25, 50 and 75 % of the samples, per candidate (0 where
    that rank lies below the depth), from the tally of (candidate, rank) pairs."""
    cand, ranks = np.divmod(unique, depth + 1)
    cumulative = np.cumsum(totals)
    seg_start = np.searchsorted(cand, np.arange(n), side="left")
    seg_end = np.searchsorted(cand, np.arange(n), side="right")
    before = np.where(seg_start > 0, cumulative[np.maximum(seg_start - 1, 0)], 0)
    out = {}
    for name, q in (("q1", 0.25), ("q2", 0.5), ("q3", 0.75)):
        needed = max(1, math.ceil(q * samples))
        at = np.searchsorted(cumulative, before + needed, side="left")
        known = at < seg_end
        out[name] = np.where(known, ranks[np.minimum(at, len(ranks) - 1)], 0)
    return out
