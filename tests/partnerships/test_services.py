"""Writing partnerships and moving them through the stages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerkit.partners import services as partner_services
from partnerkit.partnerships import services
from partnerkit.partnerships.models import Partnership, StageChange
from tests.pitch.helpers import answer_pitch


@pytest.fixture
def partnership(museum, alice):
    return services.partnership_create(
        workspace=museum.workspace,
        partner=museum,
        by=alice,
        title="Photo drive in the storage rooms",
        goal_types=["content_acquisition", "outreach_recruitment"],
        impact=4,
        impact_reason="Thousands of unseen objects.",
    )


def test_create_keeps_goal_types_and_one_history_entry(partnership, alice):
    assert {goal.code for goal in partnership.goal_types.all()} == {
        "content_acquisition",
        "outreach_recruitment",
    }
    assert partnership.stage == "idea"
    assert partnership.history.get().history_user == alice


def test_unknown_goal_type_licence_and_decision_are_refused_with_the_valid_ones(museum, alice):
    cases = [
        ({"goal_types": ["world_domination"]}, "goal_types", "content_acquisition"),
        ({"licence": "all_rights_reserved"}, "licence", "cc_by_sa_4"),
        ({"decision": "maybe"}, "decision", "not_now"),
    ]
    for extra, field, valid in cases:
        with pytest.raises(ValidationError) as error:
            services.partnership_create(
                workspace=museum.workspace, partner=museum, by=alice, title="X", **extra
            )
        assert valid in " ".join(error.value.message_dict[field])
    assert not Partnership.objects.exists()


def test_partner_of_another_workspace_is_refused(southern_library, north, alice):
    with pytest.raises(ValidationError) as error:
        services.partnership_create(
            workspace=north, partner=southern_library, by=alice, title="X"
        )
    assert "partner" in error.value.message_dict


def test_owners_must_belong_to_the_workspace_and_the_partner(partnership, alice, bob, southern_library):
    with pytest.raises(ValidationError) as error:
        services.partnership_update(partnership=partnership, by=alice, version=1, owner=bob)
    assert "owner" in error.value.message_dict
    foreign = southern_library.contacts.get()
    with pytest.raises(ValidationError) as error:
        services.partnership_update(
            partnership=partnership, by=alice, version=1, partner_owner=foreign
        )
    assert "partner_owner" in error.value.message_dict


def test_unknown_stage_names_the_valid_ones(partnership, alice):
    with pytest.raises(ValidationError) as error:
        services.partnership_move(partnership=partnership, to_stage="heaven", by=alice)
    assert "in_contact" in " ".join(error.value.message_dict["to"])


def test_a_blocked_move_says_what_is_missing_and_changes_nothing(partnership, alice):
    with pytest.raises(services.StageBlocked) as blocked:
        services.partnership_move(partnership=partnership, to_stage="shortlisted", by=alice)
    assert blocked.value.messages == [
        "Estimates from research: likelihood, ease (rank before you shortlist)."
    ]
    partnership.refresh_from_db()
    assert partnership.stage == "idea" and not StageChange.objects.exists()


def test_a_move_that_meets_the_conditions_is_recorded(partnership, alice):
    services.partnership_update(
        partnership=partnership, by=alice, version=1, likelihood=3, ease=4
    )
    change = services.partnership_move(
        partnership=partnership, to_stage="shortlisted", by=alice, reason="Top of our ranking"
    )
    partnership.refresh_from_db()
    assert partnership.stage == "shortlisted"
    assert (change.from_stage, change.to_stage, change.by) == ("idea", "shortlisted", alice)
    latest = partnership.history.latest("history_id")
    assert latest.history_change_reason == "Moved from Idea to Shortlisted — Top of our ranking"


def test_members_cannot_override_coordinators_can_and_it_is_recorded(partnership, carol, alice):
    answer_pitch(partnership, alice)
    with pytest.raises(PermissionDenied):
        services.partnership_move(
            partnership=partnership, to_stage="in_contact", by=carol, override_reason="Hurry"
        )
    change = services.partnership_move(
        partnership=partnership,
        to_stage="in_contact",
        by=alice,
        override_reason="They called us first.",
    )
    assert change.was_override
    # estimates, go decision, benefit/risk/effort; the museum has a contact point already
    assert len(change.overridden) == 3
    assert all("contact point" not in item for item in change.overridden)


def test_declining_needs_a_reason_and_keeps_it(partnership, alice):
    with pytest.raises(services.StageBlocked):
        services.partnership_move(partnership=partnership, to_stage="declined", by=alice)
    services.partnership_move(
        partnership=partnership, to_stage="declined", by=alice, reason="No capacity this year."
    )
    partnership.refresh_from_db()
    assert partnership.decision_reason == "No capacity this year."


def test_going_back_needs_no_conditions(partnership, alice):
    services.partnership_move(
        partnership=partnership, to_stage="researching", by=alice
    )
    services.partnership_move(partnership=partnership, to_stage="idea", by=alice)
    assert partnership.stage == "idea"


def test_restore_brings_back_fields_and_goal_types_but_not_the_stage(partnership, alice, museum):
    first = partnership.history.earliest("history_id")
    contact = museum.contacts.get()
    partnership = services.partnership_update(
        partnership=partnership, by=alice, version=1, title="Renamed", goal_types=[],
        partner_owner=contact,
    )
    services.partnership_move(partnership=partnership, to_stage="researching", by=alice)
    partner_services.contact_delete(contact=contact, by=alice)
    restored = services.partnership_restore(
        partnership=partnership, history_id=first.history_id, by=alice
    )
    assert restored.title == "Photo drive in the storage rooms"
    assert restored.goal_types.count() == 2
    assert restored.stage == "researching"
    assert restored.partner_owner is None


def test_the_contact_point_rule_sees_the_partners_contacts(partnership, alice, museum):
    facts = services.facts_of(partnership)
    assert facts.has_contact_point is True
    contact = museum.contacts.get()
    partner_services.contact_update(
        contact=contact, by=alice, version=contact.version, is_contact_point=False
    )
    assert services.facts_of(partnership).has_contact_point is False
