"""Roles the RACI way, the single points of failure among them, and the stage rule that asks
for a plan B and someone accountable before a partnership runs."""

from hypothesis import given
from hypothesis import strategies as st

from partnerkit.method import roles, stages
from partnerkit.method.roles import CRITICAL, Raci, RoleFacts, Side
from partnerkit.method.stages import Facts, Stage


def role(area, raci, person, *, side=Side.OURS, deputy=None):
    return RoleFacts(area=area, side=side, raci=Raci(raci), person=person, name=person.title(),
                     deputy=deputy, deputy_name=(deputy or "").title())


def codes(risks):
    return [(risk.code, risk.person) for risk in risks]


def test_responsible_and_accountable_are_the_critical_letters():
    assert CRITICAL == {Raci.RESPONSIBLE, Raci.ACCOUNTABLE}
    assert [letter.value for letter in Raci] == ["R", "A", "C", "I"]
    assert set(roles.RACI_LABELS) == set(roles.RACI_HELP) == set(Raci)
    assert {side.value for side in Side} == {"ours", "partner"}


def test_a_critical_role_held_alone_without_a_deputy_is_named_with_its_person():
    risks = roles.single_points_of_failure([role("uploads", "R", "ada")])
    assert codes(risks) == [("no_deputy", "ada")]
    assert str(risks[0]) == (
        "Ada is the only one responsible for “Uploads and Commons categories”, with no deputy: "
        "if they are away, this work stops. Name a deputy."
    )


def test_a_deputy_or_a_second_holder_removes_the_risk():
    assert roles.single_points_of_failure([role("uploads", "R", "ada", deputy="noah")]) == []
    assert roles.single_points_of_failure(
        [role("uploads", "R", "ada"), role("uploads", "R", "noah")]
    ) == []


def test_consulted_and_informed_are_no_single_point_of_failure():
    assert roles.single_points_of_failure(
        [role("uploads", "C", "ada"), role("uploads", "I", "ada")]
    ) == []


def test_one_person_with_many_critical_roles_and_no_deputies_is_warned_once_more():
    held = [role(area, "R", "ada") for area in ("uploads", "venue", "communication")]
    risks = roles.single_points_of_failure(held)
    assert codes(risks) == [("no_deputy", "ada")] * 3 + [("many_roles", "ada")]
    assert "Ada holds 3 critical roles without a deputy" in str(risks[-1])
    # With a deputy for one of them, two undeputised roles are not "many".
    held[0] = role("uploads", "R", "ada", deputy="noah")
    assert codes(roles.single_points_of_failure(held)) == [("no_deputy", "ada")] * 2


def test_the_sides_are_judged_apart_and_ours_come_first():
    risks = roles.single_points_of_failure([
        role("uploads", "A", "jana", side=Side.PARTNER),
        role("uploads", "A", "ada"),
    ])
    assert [(risk.side, risk.person) for risk in risks] == [
        (Side.OURS, "ada"), (Side.PARTNER, "jana")
    ]


def test_two_accountable_people_for_one_area_are_asked_to_agree():
    risks = roles.single_points_of_failure(
        [role("venue", "A", "ada"), role("venue", "A", "noah", deputy="ada")]
    )
    assert codes(risks) == [("two_accountable", "")]
    assert str(risks[0]).startswith("Ada, Noah are all accountable for “Venue and logistics”")


def test_an_area_outside_the_catalogue_reads_as_written_and_words_are_translated():
    risks = roles.single_points_of_failure(
        [role("press contacts", "A", "ada")], translate=lambda text: text.upper()
    )
    assert risks[0].params["area"] == "PRESS CONTACTS"
    assert risks[0].params["letter"] == "ACCOUNTABLE"


ROLES = st.lists(
    st.builds(
        role,
        st.sampled_from(["uploads", "venue", "data", "communication"]),
        st.sampled_from(["R", "A", "C", "I"]),
        st.sampled_from(["ada", "noah", "kai"]),
        side=st.sampled_from(list(Side)),
        deputy=st.sampled_from([None, "lena"]),
    ),
    max_size=12,
)


@given(ROLES)
def test_every_undeputised_lone_critical_role_is_warned_and_nothing_else(held):
    risks = roles.single_points_of_failure(held)
    lone = set()
    for each in held:
        if each.raci not in CRITICAL:
            continue
        same = [other for other in held
                if (other.side, other.area, other.raci) == (each.side, each.area, each.raci)]
        if len({other.person for other in same}) == 1 and not any(o.deputy for o in same):
            lone.add((each.side, each.area, each.raci))
    assert len([risk for risk in risks if risk.code == "no_deputy"]) == len(lone)


@given(ROLES)
def test_giving_everyone_a_deputy_removes_every_single_point_of_failure(held):
    covered = [role(each.area, each.raci.value, each.person, side=each.side, deputy="lena")
               for each in held]
    assert [risk.code for risk in roles.single_points_of_failure(covered)
            if risk.code != "two_accountable"] == []


# The stage rule --------------------------------------------------------------------------------


def facts(**extra):
    return Facts(extra=extra)


def rule_messages(found):
    return [str(item) for item in found if item.rule == roles.RULE_CODE]


def test_the_rule_is_registered_once_for_running_and_later():
    assert [rule.code for rule in stages.RULES].count(roles.RULE_CODE) == 1
    assert roles.RULE.stages == {Stage.RUNNING, Stage.COMPLETED}


def test_running_needs_a_plan_b_and_someone_accountable_on_our_side():
    missing = rule_messages(stages.unmet(facts(), Stage.RUNNING, Stage.AGREED))
    assert len(missing) == 2
    assert missing[0].startswith("A plan B:")
    assert "accountable (A)" in missing[1]
    only_plan_b = rule_messages(
        stages.unmet(facts(plan_b_written=False, accountable_ours=1), Stage.RUNNING, Stage.AGREED)
    )
    assert len(only_plan_b) == 1 and only_plan_b[0].startswith("A plan B:")
    assert rule_messages(
        stages.unmet(facts(plan_b_written=True, accountable_ours=2), Stage.RUNNING, Stage.AGREED)
    ) == []


def test_the_rule_asks_nothing_of_earlier_stages_or_of_going_back():
    assert rule_messages(stages.unmet(facts(), Stage.AGREED, Stage.NEGOTIATING)) == []
    assert rule_messages(stages.unmet(facts(), Stage.RUNNING, Stage.COMPLETED)) == []
    assert len(rule_messages(stages.unmet(facts(), Stage.COMPLETED, Stage.AGREED))) == 2


def test_the_recipes_and_roles_import_without_django():
    import subprocess
    import sys

    code = (
        "import sys; import partnerkit.method.activities, partnerkit.method.roles; "
        "assert not any(m.startswith('django') for m in sys.modules), 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
