"""Suggesting goal types from the workspace's goals, SWOT and capacity."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerkit.method.goal_types import CODES, SKILLS
from partnerkit.method.suggest import (
    Capacity,
    Goal,
    SuggestionError,
    SwotItem,
    goal_fit,
    suggest_goal_types,
)

WOMEN_SCIENTISTS = Goal(1, "More articles on women scientists", "high")
NEW_EDITORS = Goal(2, "Recruit new editors among students", "medium")
VENUE = Goal(3, "A venue for our monthly edit-a-thons", "low")
GOALS = [WOMEN_SCIENTISTS, NEW_EDITORS, VENUE]
SWOT = [
    SwotItem("weakness", "Few photographers in the group", goals=(1,)),
    SwotItem("threat", "Copyright law may soon limit freedom of panorama"),
]
TEAM = Capacity(people=4, hours=25, skills=frozenset({"photography", "training"}))


def by_code(suggestions):
    return {suggestion.code: suggestion for suggestion in suggestions}


def texts(suggestion):
    return [str(reason) for reason in suggestion.reasons]


def test_every_goal_type_is_scored_best_first():
    suggestions = suggest_goal_types(GOALS, SWOT, TEAM)
    assert sorted(s.code for s in suggestions) == sorted(CODES)
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s.score <= 1 for s in suggestions)


def test_a_goal_matching_a_type_is_named_with_its_keywords():
    content = by_code(suggest_goal_types(GOALS, SWOT, TEAM))["content_acquisition"]
    assert texts(content)[0] == (
        "Your goal “More articles on women scientists” (high priority) matches content "
        "acquisition (keywords: articles)."
    )
    assert content.goals == (1,)


def test_effort_and_skills_are_weighed_against_capacity_with_reasons():
    content = by_code(suggest_goal_types(GOALS, SWOT, TEAM))["content_acquisition"]
    reasons = texts(content)
    assert "Needs about 10–40 h/month; you have 25, enough to start small." in reasons
    assert (
        "Draws on: Photography; Wikidata and technical work; Legal and licensing "
        "questions. You have: Photography."
    ) in reasons
    # 0.75 + 0.25 × (25 − 10) / 30 for the effort, 0.5 + 0.5 × 1/3 for the skills.
    assert content.feasibility == pytest.approx((0.75 + 0.25 * 15 / 30) * (0.5 + 0.5 / 3))


def test_relevance_weighs_goals_by_priority_and_swot_items_by_their_goals():
    recruitment = by_code(suggest_goal_types(GOALS, SWOT, TEAM))["outreach_recruitment"]
    # Goals: medium (0.6) and low (0.3) out of 1 + 0.6 + 0.3; no SWOT item matches.
    assert recruitment.relevance == pytest.approx(0.75 * 0.9 / 1.9)
    assert recruitment.goals == (2, 3)
    assert any("editathons" in text for text in texts(recruitment))  # "edit-a-thons"
    advocacy = by_code(suggest_goal_types(GOALS, SWOT, TEAM))["advocacy"]
    # Only the threat matches: weight 1 out of (1 + 1.0 for its high-priority goal) + 1.
    assert advocacy.relevance == pytest.approx(0.25 * 1 / 3)
    assert texts(advocacy)[0] == (
        "The threat “Copyright law may soon limit freedom of panorama” is something advocacy "
        "could help counter (keywords: copyright, law, freedom of panorama)."
    )


def test_a_weakness_points_to_the_partnership_that_makes_up_for_it():
    content = by_code(suggest_goal_types(GOALS, SWOT, TEAM))["content_acquisition"]
    assert content.swot == (0,)
    assert (
        "Your weakness “Few photographers in the group” is something content "
        "acquisition could make up for (keywords: photographers)."
    ) in texts(content)


def test_a_type_nobody_asked_for_scores_nothing_and_says_so():
    spreading = by_code(suggest_goal_types(GOALS, SWOT, TEAM))["content_spreading"]
    assert spreading.score == 0 and spreading.relevance == 0
    assert texts(spreading)[0].startswith("None of your goals or SWOT items mention")


def test_goals_beyond_capacity_lose_to_goals_within_it():
    goals = [Goal(1, "Digitise the archive's photo collection", "high"),
             Goal(2, "A venue and prizes for our writing contest", "high")]  # fmt: skip
    small = Capacity(people=1, hours=4, skills=frozenset())
    suggestions = suggest_goal_types(goals, [], small)
    assert suggestions[0].code == "in_kind"
    content = by_code(suggestions)["content_acquisition"]
    assert (
        "Needs about 10–40 h/month; you have 4, less than even a small start usually takes."
    ) in texts(content)


def test_too_few_people_halve_the_feasibility():
    goals = [Goal(1, "Workshops for new editors", "high")]
    alone = by_code(suggest_goal_types(goals, [], Capacity(1, 40, frozenset(SKILLS))))
    team = by_code(suggest_goal_types(goals, [], Capacity(3, 40, frozenset(SKILLS))))
    assert alone["outreach_recruitment"].feasibility == 0.5
    assert team["outreach_recruitment"].feasibility == 1.0
    assert "Usually needs at least 2 people; you have 1." in texts(alone["outreach_recruitment"])


def test_no_hours_means_nothing_is_feasible():
    suggestions = suggest_goal_types(GOALS, SWOT, Capacity(3, 0, frozenset()))
    assert {s.score for s in suggestions} == {0}
    assert "you have no hours for it" in texts(suggestions[0])[-2]


def test_without_goals_the_swot_alone_decides():
    suggestions = suggest_goal_types([], SWOT[1:], TEAM)
    assert suggestions[0].code == "advocacy" and suggestions[0].relevance == 1


@given(st.permutations(GOALS))
def test_the_suggestion_does_not_depend_on_the_order_of_goals(goals):
    assert [(s.code, s.score) for s in suggest_goal_types(goals, SWOT, TEAM)] == [
        (s.code, s.score) for s in suggest_goal_types(GOALS, SWOT, TEAM)
    ]


def test_goal_fit_is_the_share_of_goals_a_partnership_serves():
    assert goal_fit(["content_acquisition"], GOALS) == pytest.approx(1 / 1.9)
    assert goal_fit(["content_acquisition", "outreach_recruitment"], GOALS) == 1.0
    assert goal_fit(["fundraising"], GOALS) == 0.0
    assert goal_fit(["fundraising"], []) is None
    with pytest.raises(SuggestionError, match="unknown goal type 'money'"):
        goal_fit(["money"], GOALS)


@pytest.mark.parametrize(
    "goals, swot, capacity, field",
    [
        ([Goal(1, "x", "urgent")], [], TEAM, "goals"),
        ([Goal(1, "  ")], [], TEAM, "goals"),
        ([Goal(1, "a"), Goal(1, "b")], [], TEAM, "goals"),
        ([], [SwotItem("risk", "x")], TEAM, "swot"),
        ([], [SwotItem("threat", "x", goals=(9,))], TEAM, "swot"),
        ([], [], Capacity(-1, 10), "people"),
        ([], [], Capacity(2, -3), "hours"),
        ([], [], Capacity(2, 10, frozenset({"juggling"})), "skills"),
    ],
)
def test_bad_input_is_refused_naming_the_field(goals, swot, capacity, field):
    with pytest.raises(SuggestionError) as error:
        suggest_goal_types(goals, swot, capacity)
    assert error.value.field == field
