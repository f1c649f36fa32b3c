"""The method's entry rules for stages, as plain Python."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerkit.method import stages
from partnerkit.method.stages import Facts, Stage

READY = Facts(
    goal_types=frozenset({"content_acquisition"}),
    has_contact_point=True,
    has_owner=True,
    has_partner_owner=True,
    licence="cc_by_sa_4",
    decision="go",
    estimates={"impact": 4, "likelihood": 3, "ease": 2, "benefit": 4, "risk": 2, "effort": 10},
    reason="They merged with another museum.",
    extra={"pitch_unanswered": [], "plan_b_written": True, "accountable_ours": 1},
)


def rules(unmet):
    return [item.rule for item in unmet]


def test_everything_in_place_meets_every_stage():
    for stage in stages.ALL:
        assert stages.unmet(READY, stage, Stage.IDEA) == []


def test_no_first_contact_without_a_contact_point():
    facts = Facts(**{**READY.__dict__, "has_contact_point": False})
    unmet = stages.unmet(facts, Stage.IN_CONTACT, Stage.PREPARING)
    assert rules(unmet) == ["contact_point_before_contact"]
    assert "contact point" in str(unmet[0])


def test_agreement_needs_goal_types_owners_on_both_sides_and_a_licence():
    facts = Facts(
        **{
            **READY.__dict__,
            "goal_types": frozenset(),
            "has_owner": False,
            "has_partner_owner": False,
            "licence": "undecided",
        }
    )
    unmet = stages.unmet(facts, Stage.AGREED, Stage.NEGOTIATING)
    assert rules(unmet) == ["basics_before_agreement"] * 4
    text = " ".join(str(item) for item in unmet)
    assert "Goal types" in text and "our side" in text and "partner's side" in text
    assert "licence" in text


@pytest.mark.parametrize("stage", [Stage.DECLINED, Stage.DROPPED, Stage.ON_HOLD])
def test_saying_no_or_waiting_needs_a_reason(stage):
    facts = Facts(**{**READY.__dict__, "reason": "  "})
    assert rules(stages.unmet(facts, stage, Stage.NEGOTIATING)) == ["reason_to_stop"]


def test_missing_estimates_are_named():
    facts = Facts(estimates={"impact": 3})
    unmet = stages.unmet(facts, Stage.SHORTLISTED, Stage.RESEARCHING)
    assert str(unmet[0]) == (
        "Estimates from research: likelihood, ease (rank before you shortlist)."
    )
    assert unmet[0].params == {"names": "likelihood, ease"}


def test_skipping_ahead_collects_the_conditions_of_every_stage_passed():
    unmet = stages.unmet(Facts(), Stage.AGREED, Stage.IDEA)
    assert set(rules(unmet)) == {
        "estimates_before_shortlist",
        "go_before_preparing",
        "weighed_before_preparing",
        "contact_point_before_contact",
        "pitch_ready_before_contact",
        "basics_before_agreement",
    }


@given(
    st.sampled_from(stages.PIPELINE),
    st.sampled_from(stages.PIPELINE),
)
def test_going_back_in_the_pipeline_is_always_allowed(here, there):
    if stages.PIPELINE.index(there) < stages.PIPELINE.index(here):
        assert stages.unmet(Facts(), there, here) == []


@given(st.sampled_from(stages.ALL), st.booleans(), st.booleans())
def test_more_facts_never_add_conditions(target, contact_point, owner):
    """Monotonic: meeting a condition can only remove unmet items."""
    fewer = Facts(has_contact_point=False, has_owner=False)
    more = Facts(has_contact_point=contact_point, has_owner=owner)
    assert set(rules(stages.unmet(more, target, Stage.IDEA))) <= set(
        rules(stages.unmet(fewer, target, Stage.IDEA))
    )


def test_later_capabilities_register_rules_once():
    rule = stages.Rule("test_rule", frozenset({Stage.RUNNING}), lambda facts: ["Plan B."])
    stages.register(rule)
    try:
        assert "test_rule" in rules(stages.unmet(READY, Stage.RUNNING, Stage.AGREED))
        with pytest.raises(ValueError):
            stages.register(rule)
    finally:
        stages.RULES.remove(rule)


def test_the_method_imports_no_django():
    import subprocess
    import sys

    code = (
        "import sys; import partnerkit.method.stages, partnerkit.method.goal_types, "
        "partnerkit.method.partner_kinds, partnerkit.method.licences, "
        "partnerkit.method.ranking, partnerkit.method.sensitivity, partnerkit.method.capacity, "
        "partnerkit.method.readiness, partnerkit.method.suggest, "
        "partnerkit.method.wikidata_ids; "
        "assert not any(m.startswith('django') for m in sys.modules), 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
