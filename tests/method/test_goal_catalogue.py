"""The catalogue of the eight partnership goal types."""

import re

import pytest

from partnerkit.method import goal_types, partner_kinds
from partnerkit.method.goal_types import BY_CODE, CODES, GOAL_TYPES, SKILLS, GoalType

EIGHT = [
    "content_acquisition", "content_spreading", "access", "outreach_awareness",
    "outreach_recruitment", "in_kind", "fundraising", "advocacy",
]  # fmt: skip


def test_the_eight_goal_types_of_the_method_in_order():
    assert list(CODES) == EIGHT
    assert goal_types.unknown_codes(["access", "money", "advocacy", "fame"]) == ["money", "fame"]


def test_the_short_form_still_works():
    plain = GoalType("x", "X", "Something.")
    assert (plain.code, plain.label, plain.summary) == ("x", "X", "Something.")
    assert plain.partner_kinds == () and plain.effort_hours is None


@pytest.mark.parametrize("goal", GOAL_TYPES, ids=lambda goal: goal.code)
def test_every_goal_type_is_described_in_full(goal):
    assert goal.description and goal.summary
    for items in (goal.actions, goal.we_give, goal.they_give, goal.arguments,
                  goal.success_figures, goal.keywords, goal.skills):  # fmt: skip
        assert items, goal.code
    low, high = goal.effort_hours
    assert 0 < low < high
    assert goal.min_people >= 1


@pytest.mark.parametrize("goal", GOAL_TYPES, ids=lambda goal: goal.code)
def test_catalogue_codes_refer_to_real_partner_kinds_and_skills(goal):
    assert set(goal.partner_kinds) <= set(partner_kinds.BY_CODE)
    assert set(goal.skills) <= set(SKILLS)
    assert len(set(goal.partner_kinds)) == len(goal.partner_kinds)


@pytest.mark.parametrize("goal", GOAL_TYPES, ids=lambda goal: goal.code)
def test_keywords_are_lower_case_words_listed_once(goal):
    forms = [form for keyword in goal.keywords for form in keyword]
    assert len(forms) == len(set(forms))
    for form in forms:
        assert re.fullmatch(r"[a-z]+( [a-z]+)*", form), form


def test_lookup_by_code():
    assert BY_CODE["in_kind"].label == "In-kind support"
    assert "venue" in [keyword[0] for keyword in BY_CODE["in_kind"].keywords]
    assert BY_CODE["outreach_recruitment"].min_people == 2
