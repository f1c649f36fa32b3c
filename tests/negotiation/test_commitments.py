"""Commitments: screened for dangerous promises when recorded and when reworded, stored as
written when not in English, and refused with a field named when the input is wrong."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partnerkit.core.errors import ConflictError
from partnerkit.negotiation import services
from partnerkit.negotiation.models import TEXT_MAX_CHARS, Commitment, Screening
from partnerkit.partners.models import Contact
from tests.negotiation.conftest import DANGEROUS, SAFE


def test_a_dangerous_promise_is_flagged_with_its_words_explanation_and_alternative(flagged):
    flagged.refresh_from_db()
    assert flagged.flagged and flagged.screening == Screening.SCREENED
    [finding] = flagged.findings
    assert finding["category"] == "exclusivity"
    start, end = finding["span"]
    assert DANGEROUS[start:end] == finding["matched"] == "exclusive rights"
    assert finding["explanation"] and finding["alternative"] and finding["label"]
    assert flagged.needs_attention


def test_a_safe_promise_is_screened_and_not_flagged(photo_project, alice):
    commitment = services.commitment_create(partnership=photo_project, by=alice, text=SAFE)
    assert commitment.screening == Screening.SCREENED
    assert commitment.findings == [] and not commitment.flagged


def test_a_reworded_commitment_is_screened_again(flagged, alice):
    updated = services.commitment_update(commitment=flagged, by=alice, version=1, text=SAFE)
    assert updated.findings == [] and not updated.flagged and updated.version == 2
    again = services.commitment_update(
        commitment=updated, by=alice, version=2,
        text="We promise that volunteers will write an article about every curator.",
    )
    assert [item["category"] for item in again.findings] == ["specific_content"]
    assert again.history.count() == 3


def test_an_edit_that_leaves_the_text_keeps_the_findings(flagged, alice):
    updated = services.commitment_update(commitment=flagged, by=alice, version=1, status="done")
    assert updated.flagged and updated.findings == flagged.findings
    assert updated.status == "done"


@pytest.mark.parametrize(
    "text",
    [
        "Wir geben dem Museum die exklusiven Rechte an allen Fotos und sperren die Artikel.",
        "Мы дадим музею исключительные права на все фотографии.",
        "我们将给予博物馆所有照片的独家权利。",
    ],
    ids=["german", "cyrillic", "chinese"],
)
def test_text_in_another_language_is_stored_as_written_and_marked_not_screened(
    photo_project, alice, text
):
    commitment = services.commitment_create(partnership=photo_project, by=alice, text=text)
    commitment.refresh_from_db()
    assert commitment.text == text
    assert commitment.screening == Screening.NOT_ENGLISH
    assert commitment.findings == [] and not commitment.flagged


def test_too_long_a_text_is_a_field_error_and_nothing_is_stored(photo_project, alice):
    with pytest.raises(ValidationError) as raised:
        services.commitment_create(
            partnership=photo_project, by=alice, text="We will help. " * (TEXT_MAX_CHARS // 10)
        )
    assert list(raised.value.message_dict) == ["text"]
    assert "5,000" in raised.value.message_dict["text"][0]
    assert not Commitment.objects.exists()


def test_too_long_a_new_wording_keeps_the_old_one(flagged, alice):
    with pytest.raises(ValidationError) as raised:
        services.commitment_update(
            commitment=flagged, by=alice, version=1, text="x" * (TEXT_MAX_CHARS + 1)
        )
    assert list(raised.value.message_dict) == ["text"]
    flagged.refresh_from_db()
    assert flagged.text == DANGEROUS and flagged.version == 1


@pytest.mark.parametrize("text", ["", "   \n ", None])
def test_an_empty_text_is_a_field_error(photo_project, alice, text):
    with pytest.raises(ValidationError) as raised:
        services.commitment_create(partnership=photo_project, by=alice, text=text)
    assert list(raised.value.message_dict) == ["text"]
    assert not Commitment.objects.exists()


def test_owners_from_another_workspace_are_field_errors(photo_project, alice, bob, lucia):
    with pytest.raises(ValidationError) as raised:
        services.commitment_create(
            partnership=photo_project, by=alice, text=SAFE, owner_user=bob, owner_contact=lucia
        )
    assert sorted(raised.value.message_dict) == ["owner_contact", "owner_user"]
    assert not Commitment.objects.exists()


def test_a_contact_of_another_partner_of_the_same_workspace_is_refused(
    photo_project, alice, north
):
    from partnerkit.partners import services as partner_services

    other = partner_services.partner_create(
        workspace=north, by=alice, name="Archive", kind="archive"
    )
    stranger = partner_services.contact_create(partner=other, by=alice, name="Sam")
    with pytest.raises(ValidationError) as raised:
        services.commitment_create(
            partnership=photo_project, by=alice, text=SAFE, owner_contact=stranger
        )
    assert list(raised.value.message_dict) == ["owner_contact"]


def test_owners_on_both_sides(photo_project, alice, carol, ingrid):
    ours = services.commitment_create(
        partnership=photo_project, by=alice, text=SAFE, owner_user=carol,
        due_on=datetime.date(2030, 5, 1), effort_hours=Decimal("7.5"),
    )
    theirs = services.commitment_create(
        partnership=photo_project, by=alice, side="theirs", owner_contact=ingrid,
        text="The museum will send a list of 500 photographs with their metadata.",
    )
    assert (ours.owner_user, ours.effort_hours) == (carol, Decimal("7.5"))
    assert (theirs.side, theirs.owner_contact) == ("theirs", ingrid)


@pytest.mark.parametrize(
    ("effort", "field"),
    [(-1, "effort_hours"), (2001, "effort_hours"), ("lots", "effort_hours"),
     (Decimal("1.234"), "effort_hours")],
)  # fmt: skip
def test_effort_outside_0_to_2000_hours_is_a_field_error(photo_project, alice, effort, field):
    with pytest.raises(ValidationError) as raised:
        services.commitment_create(
            partnership=photo_project, by=alice, text=SAFE, effort_hours=effort
        )
    assert list(raised.value.message_dict) == [field]
    assert not Commitment.objects.exists()


def test_effort_at_the_limits_is_accepted(photo_project, alice):
    for hours in (0, 2000, 12.5):
        commitment = services.commitment_create(
            partnership=photo_project, by=alice, text=SAFE, effort_hours=hours
        )
        commitment.refresh_from_db()
        assert commitment.effort_hours == Decimal(str(hours))


@pytest.mark.parametrize(("name", "value"), [("side", "both"), ("status", "maybe")])
def test_unknown_side_or_status_is_a_field_error(photo_project, alice, name, value):
    with pytest.raises(ValidationError) as raised:
        services.commitment_create(partnership=photo_project, by=alice, text=SAFE, **{name: value})
    assert list(raised.value.message_dict) == [name]


def test_a_meeting_of_another_partnership_is_refused(photo_project, alice, meeting, museum):
    from partnerkit.partnerships.services import partnership_create

    other = partnership_create(workspace=museum.workspace, partner=museum, by=alice, title="Other")
    with pytest.raises(ValidationError) as raised:
        services.commitment_create(partnership=other, by=alice, text=SAFE, meeting=meeting)
    assert list(raised.value.message_dict) == ["meeting"]


def test_a_stale_edit_is_a_conflict_and_saves_nothing(flagged, alice, carol):
    services.commitment_update(commitment=flagged, by=carol, version=1, status="done")
    with pytest.raises(ConflictError) as raised:
        services.commitment_update(commitment=flagged, by=alice, version=1, text=SAFE)
    assert raised.value.current_version == 2
    flagged.refresh_from_db()
    assert flagged.text == DANGEROUS


def test_delete_keeps_the_history(flagged, alice):
    services.commitment_delete(commitment=flagged, by=alice)
    assert not Commitment.objects.exists()
    last = Commitment.history.latest("history_id")
    assert last.history_type == "-" and last.history_user == alice


def test_a_flagged_commitment_can_be_kept_on_purpose_with_a_reason(flagged, carol):
    kept = services.commitment_acknowledge(
        commitment=flagged, by=carol, reason="Only for the launch week; agreed with the community."
    )
    assert kept.acknowledged and kept.acknowledged_by == carol and kept.acknowledged_at
    assert not kept.needs_attention
    assert kept.history.latest("history_id").history_change_reason.startswith("Kept on purpose")


def test_keeping_needs_a_reason(flagged, carol):
    with pytest.raises(ValidationError) as raised:
        services.commitment_acknowledge(commitment=flagged, by=carol, reason="  ")
    assert list(raised.value.message_dict) == ["reason"]
    flagged.refresh_from_db()
    assert not flagged.acknowledged


def test_there_is_nothing_to_keep_in_a_safe_commitment(photo_project, alice):
    commitment = services.commitment_create(partnership=photo_project, by=alice, text=SAFE)
    with pytest.raises(ValidationError):
        services.commitment_acknowledge(commitment=commitment, by=alice, reason="Fine.")
    commitment.refresh_from_db()
    assert not commitment.acknowledged


def test_rewording_asks_for_the_decision_to_keep_again(flagged, alice):
    kept = services.commitment_acknowledge(commitment=flagged, by=alice, reason="Agreed.")
    reworded = services.commitment_update(
        commitment=kept, by=alice, version=kept.version,
        text="We will give them exclusive access to the photos for a year.",
    )
    assert reworded.flagged and not reworded.acknowledged and reworded.acknowledged_by is None
    assert reworded.needs_attention


def test_a_contact_deleted_later_leaves_the_commitment(photo_project, alice, ingrid):
    commitment = services.commitment_create(
        partnership=photo_project, by=alice, text=SAFE, side="theirs", owner_contact=ingrid
    )
    Contact.objects.filter(pk=ingrid.pk).delete()
    commitment.refresh_from_db()
    assert commitment.owner_contact is None
