"""What if they all say yes? The capacity simulation, the overload warning and deferrals."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerkit.method.capacity import (
    CapacityError,
    Prospect,
    probability_of,
    simulate,
    suggest_deferrals,
    what_if_selected,
)

MUSEUM = Prospect(1, "City Museum", effort=20, likelihood=4, effort_low=10, effort_high=40, rank=1)
LIBRARY = Prospect(2, "State Library", effort=8, likelihood=3, rank=3)
UNIVERSITY = Prospect(3, "University", effort=15, probability=0.9, rank=2)
ARCHIVE = Prospect("archive", "Town Archive", effort=12, likelihood=2, rank=4)
PURSUED = [MUSEUM, LIBRARY, UNIVERSITY]


@pytest.mark.parametrize(
    "likelihood, probability", [(1, 0.1), (2, 0.3), (3, 0.5), (4, 0.7), (5, 0.9), (3.5, 0.6)]
)
def test_likelihood_maps_to_a_probability_of_success(likelihood, probability):
    assert probability_of(likelihood) == pytest.approx(probability)


def test_certain_partnerships_add_up_exactly():
    agreed = [Prospect(k, f"Agreed {k}", effort=10, probability=1) for k in range(3)]
    result = simulate(agreed, 25, samples=500, seed=1)
    assert result.mean == 30 and result.quantiles[0.05] == 30
    assert result.p_overload == 1 and result.expected_overload == 5
    assert result.all_yes_hours == 30 and result.overloaded


def test_the_simulation_matches_the_probabilities():
    result = simulate(PURSUED, 40, samples=20_000, seed=3)
    museum, library, university = result.loads
    assert museum.probability == pytest.approx(0.7)
    # Mean of a triangular distribution over 10–40 with its mode at 20 is 70/3.
    assert museum.expected_hours == pytest.approx(0.7 * 70 / 3, rel=0.03)
    assert library.expected_hours == pytest.approx(0.5 * 8, rel=0.03)
    assert university.expected_hours == pytest.approx(0.9 * 15, rel=0.03)
    assert result.mean == pytest.approx(0.7 * 70 / 3 + 4 + 13.5, rel=0.03)
    assert result.all_yes_hours == 43 and result.all_yes_high == 63
    assert 0 < result.p_overload < 1
    assert result.quantiles[0.25] <= result.quantiles[0.5] <= result.quantiles[0.95]


def test_the_histogram_covers_every_round_and_the_capacity():
    result = simulate(PURSUED, 80, samples=5_000, seed=2)
    edges, counts = result.histogram.edges, result.histogram.counts
    assert sum(counts) == 5_000
    assert edges[0] == 0 and edges[-1] >= 80
    assert len(counts) == len(edges) - 1 <= 20
    steps = np.diff(edges)
    assert np.allclose(steps, steps[0]) and steps[0] in (2, 2.5, 4, 5, 10)


def test_the_same_seed_gives_the_same_result_whatever_the_order():
    one = simulate(PURSUED, 40, samples=3_000, seed=9)
    again = simulate(list(reversed(PURSUED)), 40, samples=3_000, seed=9)
    assert (one.mean, one.p_overload, one.quantiles) == (
        again.mean,
        again.p_overload,
        again.quantiles,
    )
    assert simulate(PURSUED, 40, samples=3_000, seed=10).mean != one.mean


def test_without_a_seed_one_is_drawn_and_recorded():
    first = simulate(PURSUED, 40, samples=1_000)
    assert simulate(PURSUED, 40, samples=1_000, seed=first.seed) == first


def test_no_partnerships_need_no_hours():
    result = simulate([], 10, samples=100, seed=1)
    assert result.mean == 0 and result.p_overload == 0 and result.loads == ()


@pytest.mark.parametrize("capacity", [0, -5])
def test_a_capacity_of_zero_or_less_is_refused(capacity):
    with pytest.raises(CapacityError, match="more than 0 hours") as error:
        simulate(PURSUED, capacity)
    assert error.value.field == "capacity_hours"


@pytest.mark.parametrize(
    "prospect, field, message",
    [
        (Prospect(7, "Vague", effort=5), "likelihood", "needs a likelihood"),
        (Prospect(7, "Odd", effort=5, likelihood=6), "likelihood", "between 1 and 5"),
        (Prospect(7, "Odd", effort=5, probability=1.5), "probability", "between 0 and 1"),
        (Prospect(7, "Odd", effort=-2, probability=0.5), "effort", "negative"),
        (Prospect(7, "Odd", effort=5, effort_low=8, probability=0.5), "effort", "low ≤"),
        (Prospect(7, "Odd", effort=math.nan, probability=0.5), "effort", "must be a number"),
    ],
)
def test_bad_partnerships_are_refused_by_name(prospect, field, message):
    with pytest.raises(CapacityError, match=message) as error:
        simulate([MUSEUM, prospect], 40, samples=10, seed=1)
    assert (error.value.field, error.value.prospect) == (field, 7)


def test_bad_options_are_refused():
    with pytest.raises(CapacityError, match="samples"):
        simulate(PURSUED, 40, samples=0)
    with pytest.raises(CapacityError, match="threshold"):
        simulate(PURSUED, 40, overload_threshold=1.5)
    with pytest.raises(CapacityError, match="two partnerships have the id 1"):
        simulate([MUSEUM, MUSEUM], 40)


def test_selecting_one_more_that_tips_the_balance_warns_and_suggests_deferrals():
    what_if = what_if_selected(PURSUED, ARCHIVE, 48, samples=10_000, seed=4)
    assert what_if.before.p_overload <= 0.2 < what_if.after.p_overload
    assert what_if.warning and what_if.crosses
    deferral = what_if.deferral
    assert deferral.reached and deferral.result.p_overload <= 0.2
    assert "archive" not in deferral.defer  # the one just selected stays
    assert [load.id for load in deferral.result.loads] == [
        p.id for p in PURSUED + [ARCHIVE] if p.id not in deferral.defer
    ]


def test_selecting_one_that_fits_gives_no_warning():
    small = Prospect("talk", "A talk", effort=2, likelihood=3)
    what_if = what_if_selected(PURSUED, small, 100, samples=2_000, seed=4)
    assert not what_if.warning and not what_if.crosses and what_if.deferral is None


def test_before_and_after_share_the_draws_of_the_partnerships_already_pursued():
    what_if = what_if_selected(PURSUED, ARCHIVE, 48, samples=2_000, seed=4)
    alone = simulate(PURSUED, 48, samples=2_000, seed=4)
    assert what_if.before.mean == alone.mean
    assert what_if.after.mean == pytest.approx(alone.mean + what_if.after.loads[-1].expected_hours)


def test_deferring_by_load_puts_the_heaviest_on_hold_first():
    deferral = suggest_deferrals(PURSUED + [ARCHIVE], 30, samples=5_000, seed=1)
    assert deferral.defer[0] == 1  # the museum: 0.7 × 23.3 hours expected
    assert deferral.reached and deferral.strategy == "load"


def test_deferring_by_rank_puts_the_lowest_ranked_on_hold_first():
    deferral = suggest_deferrals(PURSUED + [ARCHIVE], 30, samples=5_000, seed=1, strategy="rank")
    assert deferral.defer[0] == "archive"
    with pytest.raises(CapacityError, match="needs a rank for 'Unranked'"):
        suggest_deferrals(
            [MUSEUM, Prospect(5, "Unranked", effort=3, likelihood=3)], 5, strategy="rank", seed=1
        )


def test_partnerships_to_keep_are_never_deferred():
    deferral = suggest_deferrals(PURSUED + [ARCHIVE], 30, samples=5_000, seed=1, keep=[1])
    assert 1 not in deferral.defer


def test_when_even_deferring_everything_allowed_is_not_enough_it_says_so():
    agreed = Prospect("agreed", "Agreed work", effort=50, probability=1)
    deferral = suggest_deferrals([agreed, LIBRARY], 40, samples=1_000, seed=1, keep=["agreed"])
    assert not deferral.reached and deferral.defer == (2,)


def test_no_deferral_is_suggested_when_there_is_room():
    deferral = suggest_deferrals(PURSUED, 500, samples=1_000, seed=1)
    assert deferral.defer == () and deferral.reached


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 5), st.integers(0, 30), st.integers(0, 10)),
        min_size=1,
        max_size=8,
    ),
    st.integers(5, 80),
    st.integers(0, 2**32),
)
def test_deferrals_bring_overload_under_the_threshold_without_deferring_too_many(
    specs, capacity, seed
):
    prospects = [Prospect(k, f"P{k}", effort=effort, likelihood=likelihood,
                          effort_high=effort + extra) for k, (likelihood, effort, extra)
                 in enumerate(specs)]  # fmt: skip
    deferral = suggest_deferrals(prospects, capacity, samples=500, seed=seed)
    assert deferral.reached  # nothing is kept, so deferring everything always works
    assert deferral.result.p_overload <= 0.2
    # No deferred partnership could have stayed on its own.
    for prospect_id in deferral.defer:
        kept = [p for p in prospects if p.id not in deferral.defer or p.id == prospect_id]
        assert simulate(kept, capacity, samples=500, seed=seed).p_overload > 0.2
