"""Writes to the pitch and the contact map, and the stage rule they feed."""

import pytest
from django.core.exceptions import ValidationError

from partnerkit.core.errors import ConflictError
from partnerkit.partners.models import Contact
from partnerkit.partners.services import contact_create, contact_update
from partnerkit.partnerships import services as partnership_services
from partnerkit.pitch import services
from partnerkit.pitch.models import Pitch
from tests.pitch.helpers import answer_pitch


@pytest.fixture
def prepared(project, alice):
    partnership_services.partnership_move(partnership=project, to_stage="preparing", by=alice)
    return project


def test_a_pitch_is_versioned_and_a_stale_edit_is_a_conflict(alice, carol, project):
    pitch = services.pitch_update(partnership=project, by=alice, version=1, summary="First")
    assert pitch.version == 2 and pitch.history.count() == 2
    with pytest.raises(ConflictError) as error:
        services.pitch_update(partnership=project, by=carol, version=1, summary="Second")
    assert error.value.changes == {"summary": ("", "First")}
    assert Pitch.objects.get().summary == "First"


def test_bad_pitch_values_name_their_field(alice, project):
    with pytest.raises(ValidationError) as error:
        services.pitch_update(
            partnership=project, by=alice, version=None, arguments=["presence", "bribes"],
            summary="x" * 20_001,
        )
    assert set(error.value.message_dict) == {"arguments", "summary"}
    assert not Pitch.objects.filter(summary__startswith="x").exists()


def test_action_owners_must_be_of_this_workspace_and_partner(alice, bob, lucia, project):
    with pytest.raises(ValidationError) as error:
        services.action_create(
            partnership=project, by=alice, side="ours", text="Upload", owner_user=bob,
            owner_contact=lucia,
        )
    assert set(error.value.message_dict) == {"owner_user", "owner_contact"}
    with pytest.raises(ValidationError) as error:
        services.action_create(partnership=project, by=alice, side="sideways", text="")
    assert set(error.value.message_dict) == {"side", "text"}
    assert not project.pitch.actions.exists()


def test_partner_texts_refuse_empty_huge_and_bad_language(alice, museum):
    with pytest.raises(ValidationError) as error:
        services.partner_text_create(partner=museum, by=alice, title="", text="  ")
    assert set(error.value.message_dict) == {"title", "text"}
    with pytest.raises(ValidationError) as error:
        services.partner_text_create(partner=museum, by=alice, title="Report", text="x" * 100_001)
    assert "100,000" in error.value.message_dict["text"][0]
    with pytest.raises(ValidationError) as error:
        services.partner_text_create(
            partner=museum, by=alice, title="Report", text="Text", language="english!"
        )
    assert list(error.value.message_dict) == ["language"]
    assert not museum.texts.exists()


def test_texts_in_other_scripts_are_kept_and_read(alice, museum, project):
    from partnerkit.pitch.selectors import vocabulary

    services.partner_text_create(
        partner=museum, by=alice, title="Миссия", language="ru",
        text="Музей собирает и хранит историю повседневной жизни северных стран.",
    )
    services.partner_text_create(
        partner=museum, by=alice, title="使命", language="ja", text="博物館は日常生活の歴史を収集します。"
    )
    report = vocabulary(museum, list(museum.texts.all()), None)
    assert {group.language for group in report.groups} == {"ru", "ja"}
    assert all(group.phrases for group in report.groups)


def test_the_content_gap_needs_research_first(alice, project):
    with pytest.raises(ValidationError) as error:
        services.material_add_content_gap(partnership=project, by=alice)
    assert "research page" in error.value.message_dict["figures"][0]


def test_unanswered_questions_block_first_contact_and_are_listed(alice, prepared):
    with pytest.raises(partnership_services.StageBlocked) as blocked:
        partnership_services.partnership_move(
            partnership=prepared, to_stage="in_contact", by=alice
        )
    assert [item.rule for item in blocked.value.unmet] == ["pitch_ready_before_contact"]
    message = blocked.value.messages[0]
    assert "Benefits for the partner" in message and "Free licence" in message


def test_one_open_question_is_named_alone(alice, prepared):
    answer_pitch(prepared, alice)
    services.pitch_update(partnership=prepared, by=alice, version=None, roles="")
    with pytest.raises(partnership_services.StageBlocked) as blocked:
        partnership_services.partnership_move(partnership=prepared, to_stage="in_contact", by=alice)
    assert "questions: Roles (" in blocked.value.messages[0]


def test_answered_questions_allow_first_contact(alice, prepared):
    answer_pitch(prepared, alice)
    partnership_services.partnership_move(partnership=prepared, to_stage="in_contact", by=alice)
    prepared.refresh_from_db()
    assert prepared.stage == "in_contact"


def test_a_coordinator_may_still_override(alice, prepared):
    change = partnership_services.partnership_move(
        partnership=prepared, to_stage="in_contact", by=alice, override_reason="They called us."
    )
    assert change.was_override and "pitch readiness" in change.overridden[0]


def test_the_stage_facts_cost_one_query(prepared, django_assert_num_queries):
    from partnerkit.pitch.selectors import stage_facts

    with django_assert_num_queries(1):
        assert len(stage_facts(prepared)["pitch_unanswered"]) == 9


# The contact map's fields on contacts -----------------------------------------------------------


def test_a_contact_owner_must_be_a_member(alice, bob, south, museum):
    with pytest.raises(ValidationError) as error:
        contact_create(partner=museum, by=alice, name="Sven", our_owner=bob)
    assert list(error.value.message_dict) == ["our_owner"]
    contact = contact_create(partner=museum, by=alice, name="Sven", our_owner=alice)
    assert contact.our_owner == alice


def test_an_introducer_must_be_another_contact_of_the_same_partner(alice, museum, lucia):
    ingrid = Contact.objects.get(partner=museum)
    with pytest.raises(ValidationError) as error:
        contact_create(partner=museum, by=alice, name="Sven", introduced_by_contact=lucia)
    assert list(error.value.message_dict) == ["introduced_by_contact"]
    with pytest.raises(ValidationError) as error:
        contact_update(contact=ingrid, by=alice, version=None, introduced_by_contact=ingrid)
    assert "themselves" in error.value.message_dict["introduced_by_contact"][0]
    sven = contact_create(partner=museum, by=alice, name="Sven", introduced_by_contact=ingrid)
    with pytest.raises(ValidationError) as error:
        contact_update(contact=ingrid, by=alice, version=None, introduced_by_contact=sven)
    assert "circle" in error.value.message_dict["introduced_by_contact"][0]
