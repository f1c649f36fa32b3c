"""The method's follow-up plans as plain Python: checking plans, counting days, staleness."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerkit.method import followups as method
from partnerkit.method.followups import Anchor, Direction, OwnerRule, StepSpec
from partnerkit.method.stages import Stage

MONDAY = date(2026, 3, 2)


def step(code="a", **values):
    return StepSpec(
        code=code,
        title=values.pop("title", code.title()),
        anchor=values.pop("anchor", Anchor.MEETING_HELD),
        offset_days=values.pop("offset_days", 2),
        **values,
    )


def messages(steps):
    return [(problem.field, problem.message) for problem in method.validate(steps)]


def test_the_method_s_plans_are_valid():
    for plan in method.DEFAULT_PLANS:
        assert method.validate(plan.steps) == [], plan.code


def test_the_method_s_rules_are_in_its_plans():
    proposal, ping, _ = method.AFTER_MEETING.steps
    assert (proposal.anchor, proposal.offset_days, proposal.limit_days) == (
        Anchor.MEETING_HELD,
        2,
        7,
    )
    assert (ping.anchor, ping.offset_days, ping.wait_for_due) == (Anchor.PROPOSAL_SENT, 14, True)
    assert Anchor.PARTNER_REPLIED in ping.closed_by
    renewal = method.RUNNING_AGREEMENT.steps[-1]
    assert (renewal.anchor, renewal.offset_days, renewal.direction) == (
        Anchor.MOU_ENDS,
        60,
        Direction.BEFORE,
    )


def test_a_circle_of_steps_is_named_once():
    steps = [
        step("a", anchor=Anchor.STEP_DONE, after_step="c"),
        step("b", anchor=Anchor.STEP_DONE, after_step="a"),
        step("c", anchor=Anchor.STEP_DONE, after_step="b"),
    ]
    found = method.validate(steps)
    assert [(p.field, p.message) for p in found] == [
        ("after_step", "These steps wait for each other in a circle: a → c → b → a.")
    ]


def test_a_step_following_itself_is_a_circle():
    assert ("after_step", "These steps wait for each other in a circle: a → a.") in messages(
        [step("a", anchor=Anchor.STEP_DONE, after_step="a")]
    )


def test_a_chain_that_ends_is_not_a_circle():
    steps = [
        step("a"),
        step("b", anchor=Anchor.STEP_DONE, after_step="a"),
        step("c", anchor=Anchor.STEP_DONE, after_step="b"),
    ]
    assert method.validate(steps) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"offset_days": -1}, ("offset_days", "Days cannot be negative")),
        ({"limit_days": -5}, ("limit_days", "Days cannot be negative")),
        ({"offset_days": 5, "limit_days": 3}, ("limit_days", "The hard limit cannot come")),
        ({"offset_days": 5000}, ("offset_days", "At most 1100 days.")),
        ({"owner": OwnerRule.PERSON}, ("person", "Say who owns the tasks")),
        ({"direction": Direction.BEFORE}, ("direction", "Only a date in the record")),
        ({"anchor": Anchor.STEP_DONE}, ("after_step", "Say which step this one follows.")),
        ({"anchor": Anchor.STEP_DONE, "after_step": "zzz"}, ("after_step", "There is no step")),
        ({"after_step": "a"}, ("after_step", "Only a step counted from another")),
        ({"repeat_days": 2}, ("repeat_days", "Repeat every 7 days or more.")),
        (
            {"closed_by": (Anchor.MEETING_HELD,)},
            ("closed_by", "A step cannot be closed by the event"),
        ),
        ({"title": " "}, ("title", "A step needs a title.")),
        (
            {"anchor": Anchor.MOU_ENDS, "direction": Direction.BEFORE, "limit_days": 90},
            ("limit_days", "A step counted back from a date has no hard limit."),
        ),
    ],
)
def test_a_wrong_step_is_refused_with_the_field_and_reason(values, expected):
    field, start = expected
    found = messages([step("a", **values)])
    assert any(f == field and m.startswith(start) for f, m in found), found


def test_two_steps_with_one_code_are_refused():
    assert ("code", "Two steps have this code.") in messages([step("a"), step("a")])


def test_working_days_skip_the_weekend():
    friday = MONDAY + timedelta(days=4)
    assert method.shift(friday, 2, skip_weekends=True) == MONDAY + timedelta(days=8)  # Tuesday
    assert method.shift(friday, 2) == friday + timedelta(days=2)  # Sunday
    saturday = friday + timedelta(days=1)
    assert method.shift(saturday, 0, skip_weekends=True) == MONDAY + timedelta(days=7)
    assert method.shift(saturday, 0, direction=Direction.BEFORE, skip_weekends=True) == friday
    assert method.shift(MONDAY, 1, direction=Direction.BEFORE, skip_weekends=True) == (
        MONDAY - timedelta(days=3)
    )


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(min_value=1, max_value=400),
    st.sampled_from(list(Direction)),
)
def test_working_days_never_land_on_a_weekend_and_count_exactly(start, days, direction):
    end = method.shift(start, days, direction=direction, skip_weekends=True)
    assert end.weekday() < 5
    # The working days strictly between start and end, plus the end itself, are ``days``.
    step = 1 if direction == Direction.AFTER else -1
    between = [start + timedelta(days=step * n) for n in range(1, abs((end - start).days) + 1)]
    assert sum(1 for day in between if day.weekday() < 5) == days


def test_a_wait_step_shows_only_when_due_and_others_at_once():
    ping = method.AFTER_MEETING.steps[1]
    planned = method.schedule(ping, MONDAY, created_on=MONDAY)
    assert (planned.due_on, planned.visible_from, planned.limit_on) == (
        MONDAY + timedelta(days=14),
        MONDAY + timedelta(days=14),
        None,
    )
    proposal = method.AFTER_MEETING.steps[0]
    planned = method.schedule(proposal, MONDAY, created_on=MONDAY + timedelta(days=1))
    assert (planned.due_on, planned.limit_on, planned.visible_from) == (
        MONDAY + timedelta(days=2),
        MONDAY + timedelta(days=7),
        MONDAY + timedelta(days=1),
    )


def test_starters_and_followers():
    steps = method.RUNNING_AGREEMENT.steps
    assert [s.code for s in method.starters(steps, Anchor.AGREED)] == ["kickoff"]
    assert [s.code for s in method.followers(steps, "kickoff")] == ["first_report"]
    assert method.followers(steps, "renewal") == []


def test_staleness_counts_from_the_last_contact_or_the_stage_change():
    since = MONDAY
    today = MONDAY + timedelta(days=14)
    assert method.is_stale(stage=Stage.IN_CONTACT, last_contact=None, since=since, today=today)
    assert not method.is_stale(
        stage=Stage.IN_CONTACT, last_contact=today - timedelta(days=3), since=since, today=today
    )
    assert not method.is_stale(
        stage=Stage.IDEA, last_contact=None, since=since, today=today + timedelta(days=900)
    )
    assert not method.is_stale(
        stage=Stage.IN_CONTACT,
        last_contact=None,
        since=since,
        today=today,
        thresholds={Stage.IN_CONTACT: 30},
    )
    # An old interaction before the stage change does not make a fresh stage stale.
    assert not method.is_stale(
        stage=Stage.RUNNING,
        last_contact=since - timedelta(days=100),
        since=today - timedelta(days=2),
        today=today,
    )
