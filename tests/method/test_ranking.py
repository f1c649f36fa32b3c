"""Ranking candidate partnerships: the weighted sum and TOPSIS, missing estimates, ties,
dominance on the impact/ease chart, the comparison of methods and the sensitivity analysis."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from partnerkit.method import weights as criteria
from partnerkit.method.ranking import (
    Candidate,
    RankingError,
    compare,
    non_dominated,
    rank,
)
from partnerkit.method.sensitivity import sample_weights, sensitivity

METHODS = ["weighted", "topsis"]
IMPACT_EASE = {"impact": 1, "ease": 1}


def candidate(id, label=None, **estimates):
    return Candidate(id, label or f"Partner {id}", estimates)


MUSEUM = candidate(
    1, "City Museum", impact=5, likelihood=3, ease=2, benefit=4, risk=2, effort=20, fit=0.8
)
LIBRARY = candidate(
    2, "State Library", impact=3, likelihood=4, ease=4, benefit=3, risk=1, effort=8, fit=0.5
)
UNIVERSITY = candidate(
    3, "University", impact=4, likelihood=2, ease=3, benefit=5, risk=3, effort=30, fit=1.0
)
THREE = [MUSEUM, LIBRARY, UNIVERSITY]


# --- Bad input ------------------------------------------------------------------------------


def test_a_ranking_without_candidates_is_refused():
    with pytest.raises(RankingError, match="no candidates"):
        rank([], "balanced")


@pytest.mark.parametrize(
    "weights, message, criterion",
    [
        ({"impact": 1, "risk": -1}, "negative", "risk"),
        ({"impact": 0, "ease": 0}, "all weights are zero", None),
        ({"impakt": 1}, "unknown criterion 'impakt'", "impakt"),
        ({"impact": "a lot"}, "must be a number", "impact"),
        ({"impact": math.inf}, "finite", "impact"),
    ],
)
def test_bad_weights_are_refused_naming_the_criterion(weights, message, criterion):
    with pytest.raises(RankingError, match=message) as error:
        rank(THREE, weights)
    assert error.value.criterion == criterion
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize(
    "criterion, value, message",
    [
        ("impact", 6, "impact is 6, outside its scale 1–5"),
        ("likelihood", 0, "likelihood is 0, outside its scale 1–5"),
        ("risk", 5.5, "risk is 5.5, outside its scale 1–5"),
        ("effort", -1, "effort is -1, outside its scale 0 or more"),
        ("fit", 1.2, "fit is 1.2, outside its scale 0–1"),
        ("effort", math.inf, "effort is inf, outside its scale"),
        ("ease", math.nan, "not a number"),
        ("ease", "easy", "must be a number, not 'easy'"),
        ("ease", True, "must be a number"),
    ],
)
def test_estimates_out_of_their_scale_are_refused_naming_candidate_and_criterion(
    criterion, value, message
):
    bad = candidate(9, "Bad Archive", **{criterion: value})
    with pytest.raises(RankingError, match=message) as error:
        rank([MUSEUM, bad], "balanced")
    assert "'Bad Archive' (id 9)" in str(error.value)
    assert (error.value.criterion, error.value.candidate) == (criterion, 9)


def test_an_unknown_criterion_in_the_estimates_is_refused():
    with pytest.raises(RankingError, match="unknown criterion 'impct'") as error:
        rank([MUSEUM, candidate(7, impct=3)], "balanced")
    assert error.value.candidate == 7


def test_two_candidates_with_one_id_are_refused():
    with pytest.raises(RankingError, match="two candidates have the id 1"):
        rank([MUSEUM, candidate(1, "Another", impact=2)], "balanced")


def test_an_unknown_method_or_preset_is_refused():
    with pytest.raises(RankingError, match="unknown method"):
        rank(THREE, "balanced", "electre")
    with pytest.raises(RankingError, match="unknown preset 'fastest'"):
        rank(THREE, "fastest")


# --- Weights and presets --------------------------------------------------------------------


def test_weights_are_proportions_and_criteria_left_out_weigh_nothing():
    assert criteria.normalise({"impact": 3, "ease": 1}) == {
        "impact": 0.75, "likelihood": 0, "ease": 0.25, "benefit": 0, "risk": 0, "effort": 0,
        "fit": 0,
    }  # fmt: skip


@pytest.mark.parametrize("name", ["balanced", "impact first", "quick-wins", "low_risk"])
def test_presets_are_found_by_code_or_by_name(name):
    weights = criteria.normalise(name)
    assert math.isclose(sum(weights.values()), 1)
    assert set(weights) == set(criteria.CODES)


def test_the_presets_lean_the_way_their_names_say():
    impact_first = criteria.normalise("impact_first")
    quick_wins = criteria.normalise("quick_wins")
    low_risk = criteria.normalise("low_risk")
    assert max(impact_first, key=impact_first.get) == "impact"
    assert max(quick_wins, key=quick_wins.get) == "ease"
    assert quick_wins["effort"] > quick_wins["impact"]
    assert max(low_risk, key=low_risk.get) == "risk"
    assert len(set(criteria.normalise("balanced").values())) == 1


# --- The weighted sum and TOPSIS ------------------------------------------------------------


def test_the_weighted_sum_rescales_each_criterion_between_worst_and_best():
    ranking = rank(THREE, {"impact": 1, "effort": 1})
    # impact 3–5, higher is better; effort 8–30 hours, lower is better.
    expected = {
        1: 0.5 * 1.0 + 0.5 * (30 - 20) / 22,
        2: 0.5 * 0.0 + 0.5 * 1.0,
        3: 0.5 * 0.5 + 0.5 * 0.0,
    }
    assert {entry.id: entry.score for entry in ranking} == pytest.approx(expected)
    assert ranking.ids() == [1, 2, 3]
    assert ranking.basis["effort"].lowest == 8 and ranking.basis["effort"].highest == 30


def test_topsis_measures_closeness_to_the_ideal_candidate():
    ranking = rank(THREE, {"impact": 1, "effort": 1}, "topsis")
    impact = np.array([5, 3, 4]) / math.sqrt(5**2 + 3**2 + 4**2)
    effort = np.array([20, 8, 30]) / math.sqrt(20**2 + 8**2 + 30**2)
    to_ideal = 0.5 * np.hypot(impact - impact.max(), effort - effort.min())
    to_worst = 0.5 * np.hypot(impact - impact.min(), effort - effort.max())
    closeness = to_worst / (to_ideal + to_worst)
    assert [ranking.by_id(i).score for i in (1, 2, 3)] == pytest.approx(closeness.tolist())


def test_every_rank_is_explained_by_its_parts():
    ranking = rank(THREE, "impact_first")
    for entry in ranking:
        parts = entry.contributions
        assert [part.criterion for part in parts] == list(criteria.CODES)
        assert math.fsum(part.points for part in parts) == pytest.approx(entry.score)
        assert all(0 <= part.normalised <= 1 for part in parts)
    museum = ranking.by_id(1)
    assert museum.explain()[0] == ("impact: 5 (3–5, higher is better) → 1.00 × weight 0.31 = 0.312")


def test_topsis_parts_add_up_to_the_two_distances():
    ranking = rank(THREE, "balanced", "topsis")
    for entry in ranking:
        to_ideal = math.sqrt(sum(part.gap_to_ideal**2 for part in entry.contributions))
        to_worst = math.sqrt(sum(part.gap_to_worst**2 for part in entry.contributions))
        assert entry.score == pytest.approx(to_worst / (to_ideal + to_worst))
    assert ranking.basis["impact"].ideal == pytest.approx(5 / math.sqrt(50))
    assert ranking.basis["risk"].ideal == pytest.approx(1 / math.sqrt(14))  # lower is better


def test_a_criterion_on_which_everyone_is_equal_gives_everyone_half():
    same = [candidate(1, impact=4, ease=2), candidate(2, impact=4, ease=5)]
    ranking = rank(same, IMPACT_EASE)
    assert [part.normalised for part in ranking.by_id(1).contributions] == [0.5, 0.0]
    assert "the same for every candidate" in ranking.by_id(1).explain()[0]


# --- Missing estimates ----------------------------------------------------------------------


def test_a_missing_estimate_is_not_read_as_zero():
    known = candidate(1, "Known", impact=1, ease=5)
    unknown = candidate(2, "Unknown", impact=None, ease=5)
    other = candidate(3, "Other", impact=5, ease=1)
    ranking = rank([known, unknown, other], IMPACT_EASE)
    entry = ranking.by_id(2)
    # Ranked on ease alone, with all the weight: the best ease gives it 1, where a zero
    # impact would have given it 0.5.
    assert entry.score == 1.0
    assert entry.missing == ("impact",) and entry.incomplete
    assert entry.coverage == 0.5
    impact = entry.contributions[0]
    assert (impact.estimate, impact.weight, impact.points) == (None, 0.0, 0.0)
    assert "impact: no estimate" in entry.explain()[0]
    assert not ranking.by_id(1).incomplete


def test_a_missing_estimate_does_not_shift_the_scale_of_the_others():
    with_gap = [candidate(1, impact=2, ease=3), candidate(2, impact=None, ease=4),
                candidate(3, impact=4, ease=5)]  # fmt: skip
    assert rank(with_gap, IMPACT_EASE).basis["impact"].lowest == 2
    assert rank(with_gap, IMPACT_EASE).basis["impact"].estimated == 2


@pytest.mark.parametrize("method", METHODS)
def test_a_candidate_with_nothing_to_rank_on_is_listed_as_unranked(method):
    empty = candidate(4, "No estimates yet", benefit=3)
    ranking = rank(THREE + [empty], IMPACT_EASE, method)
    assert 4 not in ranking.ids()
    assert [item.id for item in ranking.unranked] == [4]
    assert ranking.unranked[0].missing == ("impact", "ease")


def test_the_exclude_policy_ranks_complete_candidates_only():
    partial = candidate(4, "Partial", impact=5)
    ranking = rank(THREE + [partial], {"impact": 2, "ease": 1}, missing="exclude")
    assert ranking.ids() == [1, 3, 2]
    assert [(item.id, item.missing) for item in ranking.unranked] == [(4, ("ease",))]


def test_a_missing_estimate_of_a_criterion_weighted_zero_does_not_matter():
    partial = candidate(4, "Partial", impact=5, ease=5)
    ranking = rank(THREE + [partial], IMPACT_EASE)
    assert not ranking.by_id(4).incomplete
    assert ranking.criteria == ("impact", "ease")


def test_all_candidates_unranked_gives_an_empty_ranking():
    ranking = rank([candidate(1, benefit=2)], IMPACT_EASE)
    assert len(ranking) == 0 and ranking.ids() == []
    assert len(ranking.unranked) == 1


# --- Ties -------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_equal_scores_share_a_rank_and_are_listed_by_label_then_id(method):
    same = {"impact": 3, "ease": 3}
    tied = [candidate(9, "Beta", **same), candidate(3, "Alpha", **same),
            candidate(2, "Beta", **same), candidate(5, "Top", impact=5, ease=5),
            candidate(6, "Low", impact=1, ease=1)]  # fmt: skip
    ranking = rank(tied, IMPACT_EASE, method)
    assert ranking.ids() == [5, 3, 2, 9, 6]
    assert [entry.rank for entry in ranking] == [1, 2, 2, 2, 5]
    assert [entry.position for entry in ranking] == [1, 2, 3, 4, 5]
    assert ranking.by_id(2).tied_with == (3, 9)
    assert ranking.by_id(5).tied_with == () and not ranking.by_id(5).tied


# --- Dominance ---------------------------------------------------------------------------------


def test_the_non_dominated_candidates_on_impact_and_ease_are_marked():
    points = [candidate(1, impact=5, ease=1), candidate(2, impact=4, ease=4),
              candidate(3, impact=3, ease=3), candidate(4, impact=4, ease=4),
              candidate(5, impact=1, ease=5), candidate(6, impact=4, ease=2),
              candidate(7, ease=5)]  # fmt: skip
    result = non_dominated(points)
    assert result.non_dominated == {1, 2, 4, 5}
    assert result.dominated_by == {3: 2, 6: 2}
    assert result.excluded == (7,)
    ranking = rank(points, IMPACT_EASE)
    assert ranking.by_id(2).non_dominated is True
    assert ranking.by_id(3).non_dominated is False
    assert ranking.by_id(7).non_dominated is None
    assert ranking.dominance == result


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=25))
def test_dominance_agrees_with_pairwise_comparison(points):
    cands = [candidate(k, impact=i, ease=e) for k, (i, e) in enumerate(points)]
    result = non_dominated(cands)

    def dominates(a, b):
        return a[0] >= b[0] and a[1] >= b[1] and a != b

    for k, point in enumerate(points):
        beaten = any(dominates(other, point) for other in points)
        assert (k not in result.non_dominated) == beaten
        if beaten:
            assert dominates(points[result.dominated_by[k]], point)


# --- The two methods side by side ----------------------------------------------------------


def test_the_comparison_shows_where_the_methods_disagree():
    cands = [candidate(0, "A", impact=4, ease=1), candidate(1, "B", impact=5, ease=2),
             candidate(2, "C", impact=4, ease=4)]  # fmt: skip
    comparison = compare(cands, IMPACT_EASE)
    assert [(row.id, row.weighted_rank, row.topsis_rank) for row in comparison.rows] == [
        (1, 1, 2), (2, 2, 1), (0, 3, 3),
    ]  # fmt: skip
    assert [(row.id, row.shift) for row in comparison.disagreements] == [(1, 1), (2, -1)]
    assert comparison.agreement == pytest.approx(0.5)


def test_agreeing_methods_have_no_disagreements():
    comparison = compare(THREE, {"impact": 1})
    assert comparison.disagreements == ()
    assert comparison.agreement == pytest.approx(1.0)


# --- Properties that hold for both methods ---------------------------------------------------

SCALES = {
    "impact": st.integers(1, 5), "likelihood": st.integers(1, 5), "ease": st.integers(1, 5),
    "benefit": st.integers(1, 5), "risk": st.integers(1, 5),
    "effort": st.integers(0, 80), "fit": st.integers(0, 20).map(lambda n: n / 20),
}  # fmt: skip
complete = st.fixed_dictionaries(SCALES)
patchy = st.fixed_dictionaries({code: st.none() | scale for code, scale in SCALES.items()})
weight_sets = st.fixed_dictionaries(
    {code: st.just(0.0) | st.floats(0.01, 10) for code in criteria.CODES}
).filter(lambda weights: any(weights.values()))


def field_of(estimate_lists):
    return [candidate(k, f"Partner {k % 4}", **values) for k, values in enumerate(estimate_lists)]


def rank_by_id(ranking):
    return {entry.id: entry.rank for entry in ranking}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(complete, min_size=0, max_size=12),
    complete,
    st.sets(st.sampled_from(criteria.CODES), min_size=1),
    weight_sets,
    st.sampled_from(METHODS),
)
def test_a_candidate_at_least_as_good_on_every_criterion_never_ranks_below(
    others, worse, improved, weights, method
):
    better = dict(worse)
    for code in improved:
        criterion = criteria.BY_CODE[code]
        if criterion.direction is criteria.Direction.HIGHER:
            better[code] = min(worse[code] + 1, criterion.highest)
        else:
            better[code] = max(worse[code] - 1, criterion.lowest)
    assume(better != worse)
    cands = field_of(others) + [candidate("worse", "Worse", **worse),
                                candidate("better", "Better", **better)]  # fmt: skip
    ranks = rank_by_id(rank(cands, weights, method))
    assert ranks["better"] <= ranks["worse"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(patchy, min_size=1, max_size=12),
    weight_sets,
    st.floats(1e-3, 1e3),
    st.sampled_from(METHODS),
)
def test_multiplying_all_weights_by_a_constant_changes_nothing(estimates, weights, factor, method):
    cands = field_of(estimates)
    scaled = {code: weight * factor for code, weight in weights.items()}
    one, other = rank(cands, weights, method), rank(cands, scaled, method)
    assert one.ids() == other.ids()
    assert [e.rank for e in one] == [e.rank for e in other]
    assert [item.id for item in one.unranked] == [item.id for item in other.unranked]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(patchy, min_size=1, max_size=12).flatmap(
        lambda estimates: st.tuples(st.just(estimates), st.permutations(range(len(estimates))))
    ),
    weight_sets,
    st.sampled_from(METHODS),
)
def test_the_order_of_the_input_does_not_matter(estimates_and_order, weights, method):
    estimates, order = estimates_and_order
    cands = field_of(estimates)
    shuffled = [cands[k] for k in order]
    one, other = rank(cands, weights, method), rank(shuffled, weights, method)
    assert one.ids() == other.ids()
    assert rank_by_id(one) == rank_by_id(other)
    assert [entry.score for entry in one] == [entry.score for entry in other]


# --- Sensitivity -------------------------------------------------------------------------------


def spread_field(n, seed, gaps=0.0):
    """``n`` candidates with continuous estimates (so no ties), a share ``gaps`` missing."""
    rng = np.random.default_rng(seed)
    values = np.column_stack([rng.uniform(1, 5, (n, 5)), rng.uniform(0, 60, n),
                              rng.uniform(0, 1, n)])  # fmt: skip
    missing = rng.random(values.shape) < gaps
    missing[:, 0] = False  # everyone keeps an impact, so everyone is ranked
    return [
        Candidate(k, f"Partner {k:03}", {
            code: None if gap else value
            for code, value, gap in zip(criteria.CODES, row, gaps_of_row)
        })
        for k, (row, gaps_of_row) in enumerate(zip(values.tolist(), missing.tolist()))
    ]  # fmt: skip


def test_sampled_weights_centre_on_the_chosen_ones_and_keep_zeros_at_zero():
    chosen = {"impact": 3, "ease": 2, "risk": 1}
    drawn = sample_weights(chosen, samples=20_000, spread=0.2, seed=1)
    assert drawn.shape == (20_000, 7)
    assert np.allclose(drawn.sum(axis=1), 1)
    centre = np.array([criteria.normalise(chosen)[code] for code in criteria.CODES])
    assert np.allclose(drawn.mean(axis=0), centre, atol=0.005)
    assert (drawn[:, [1, 3, 5, 6]] == 0).all()
    # Standard deviation spread × √(w(1 − w)) for the impact weight of 1/2.
    assert drawn[:, 0].std() == pytest.approx(0.2 * 0.5, rel=0.05)


@pytest.mark.parametrize("gaps", [0.0, 0.3], ids=["complete", "with gaps"])
@pytest.mark.parametrize("method", METHODS)
def test_sensitivity_agrees_with_ranking_under_each_sampled_weight_vector(method, gaps):
    cands = spread_field(25, seed=4, gaps=gaps)
    result = sensitivity(cands, "balanced", method=method, samples=60, spread=0.3, top_k=3, seed=11)
    drawn = sample_weights("balanced", samples=60, spread=0.3, seed=11)
    ranks = np.array([
        [rank_by_id(rank(cands, dict(zip(criteria.CODES, row)), method))[c.id] for c in cands]
        for row in drawn
    ])  # fmt: skip
    for spread in result.spreads:
        column = ranks[:, spread.id]
        assert spread.best == column.min() and spread.worst == column.max()
        assert spread.p_top_k == pytest.approx((column <= 3).mean())
        q1, median, q3 = (int(np.quantile(column, q, method="inverted_cdf"))
                          for q in (0.25, 0.5, 0.75))  # fmt: skip
        assert spread.quartiles == (q1, median, q3)
        assert spread.p_within_depth == 1.0
    assert sum(result.p_top_k().values()) == pytest.approx(3)


def test_the_same_seed_gives_the_same_sensitivity():
    cands = spread_field(40, seed=1)
    one = sensitivity(cands, "quick_wins", samples=200, seed=7)
    again = sensitivity(list(reversed(cands)), "quick_wins", samples=200, seed=7)
    assert one.spreads == again.spreads
    other = sensitivity(cands, "quick_wins", samples=200, seed=8)
    assert one.spreads != other.spreads


def test_without_a_seed_one_is_drawn_and_recorded():
    cands = spread_field(10, seed=2)
    first = sensitivity(cands, "balanced", samples=50)
    assert sensitivity(cands, "balanced", samples=50, seed=first.seed).spreads == first.spreads


def test_a_candidate_better_on_everything_is_always_first():
    cands = spread_field(20, seed=3) + [
        candidate("star", "Star", impact=5, likelihood=5, ease=5, benefit=5, risk=1, effort=0,
                  fit=1.0)
    ]  # fmt: skip
    star = sensitivity(cands, "balanced", samples=300, top_k=1, seed=5).of("star")
    assert (star.base_rank, star.best, star.worst, star.p_top_k) == (1, 1, 1, 1.0)


def test_below_the_depth_ranks_are_not_counted_but_top_k_stays_exact():
    cands = spread_field(60, seed=6)
    deep = sensitivity(cands, "balanced", samples=100, spread=0.5, top_k=2, seed=3)
    shallow = sensitivity(cands, "balanced", samples=100, spread=0.5, top_k=2, depth=5, seed=3)
    assert shallow.depth == 5
    assert shallow.p_top_k() == deep.p_top_k()
    for full, cut in zip(deep.spreads, shallow.spreads):
        assert cut.best == (full.best if full.best <= 5 else None)
        assert cut.worst == (full.worst if full.worst <= 5 else None)
        assert cut.p_within_depth <= 1
    assert any(cut.worst is None for cut in shallow.spreads)


def test_identical_candidates_share_their_ranks_in_every_sample():
    twins = [candidate(k, f"Twin {k}", impact=4, ease=2, effort=10) for k in range(3)]
    cands = twins + [candidate(9, "Other", impact=2, ease=5, effort=5)]
    result = sensitivity(cands, "balanced", samples=200, top_k=1, seed=2)
    spreads = [result.of(k) for k in range(3)]
    assert len({(s.best, s.worst, s.quartiles, s.p_top_k) for s in spreads}) == 1


@pytest.mark.parametrize(
    "options, field",
    [
        ({"samples": 0}, "samples"),
        ({"spread": 0}, "spread"),
        ({"spread": 1}, "spread"),
        ({"top_k": 0}, "top_k"),
        ({"depth": 0}, "depth"),
        ({"method": "vikor"}, "method"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_sensitivity_options_are_refused(options, field):
    with pytest.raises(RankingError) as error:
        sensitivity(THREE, "balanced", **options)
    assert error.value.field == field


def test_the_method_layer_imports_no_django():
    import subprocess
    import sys

    code = (
        "import sys; import partnerkit.method.ranking, partnerkit.method.capacity, "
        "partnerkit.method.readiness, partnerkit.method.suggest, partnerkit.method.weights; "
        "assert not any(m.startswith('django') for m in sys.modules), 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
