"""Planning, changing and recording meetings through the services: bad input names its field
and stores nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerkit.core.errors import ConflictError
from partnerkit.meetings import services
from partnerkit.meetings.models import AgendaItem, Attendee, Meeting, NextStep
from tests.meetings.conftest import next_week


def stored():
    return (Meeting.objects.count(), AgendaItem.objects.count(), Attendee.objects.count(),
            NextStep.objects.count(), Meeting.history.count())


def test_planning_fits_the_agenda_fills_materials_and_copies_the_batna(meeting, photo_drive):
    items = list(meeting.agenda_items.order_by("position"))
    assert [item.code for item in items][0] == "introductions"
    assert sum(item.minutes for item in items) == 60
    assert meeting.batna_note == "Photograph the open-air site ourselves"
    assert meeting.kind == "first"
    texts = list(meeting.materials.values_list("text", flat=True))
    assert any("free licences" in text for text in texts)
    assert meeting.history.count() == 1


def test_a_second_meeting_is_a_follow_up(alice, photo_drive, meeting):
    second = services.meeting_create(
        partnership=photo_drive, by=alice, title="Again", starts_at=next_week(), minutes=30
    )
    assert second.kind == "follow_up"


def test_a_start_in_the_past_is_refused_unless_recording(alice, photo_drive):
    before = stored()
    yesterday = timezone.now() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            partnership=photo_drive, by=alice, title="Met", starts_at=yesterday, minutes=60
        )
    assert list(error.value.message_dict) == ["starts_at"]
    assert "in the past" in error.value.message_dict["starts_at"][0]
    assert stored() == before
    done = services.meeting_create(
        partnership=photo_drive, by=alice, title="Met", starts_at=yesterday, minutes=60,
        past_ok=True,
    )
    assert done.pk


@pytest.mark.parametrize("minutes", [0, -5, 10, 100_000])
def test_a_length_outside_the_range_is_a_minutes_error(alice, photo_drive, minutes):
    before = stored()
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            partnership=photo_drive, by=alice, title="X", starts_at=next_week(), minutes=minutes
        )
    assert "minutes" in error.value.message_dict
    assert f"{minutes} minutes" in error.value.message_dict["minutes"][0]
    assert stored() == before


def test_both_problems_are_reported_together(alice, photo_drive):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            partnership=photo_drive, by=alice, title="", minutes=0,
            starts_at=timezone.now() - dt.timedelta(hours=2),
        )
    assert {"title", "minutes", "starts_at"} <= set(error.value.message_dict)


def test_attendees_of_another_workspace_are_refused_by_field(meeting, alice, bob, southern_library):
    before = stored()
    with pytest.raises(ValidationError) as error:
        services.attendee_add(meeting=meeting, by=alice, side="ours", user=bob)
    assert error.value.message_dict == {"user": ["bob is not a member of this workspace."]}
    lucia = southern_library.contacts.get()
    with pytest.raises(ValidationError) as error:
        services.attendee_add(meeting=meeting, by=alice, side="theirs", contact=lucia)
    assert error.value.message_dict == {
        "contact": ["Lucía Gómez is not a contact of Nordic Museum."]
    }
    assert stored() == before


def test_attendees_sit_on_the_right_side_and_only_once(meeting, alice, ingrid):
    with pytest.raises(ValidationError) as error:
        services.attendee_add(meeting=meeting, by=alice, side="theirs", user=alice)
    assert list(error.value.message_dict) == ["user"]
    with pytest.raises(ValidationError) as error:
        services.attendee_add(meeting=meeting, by=alice, side="ours")
    assert list(error.value.message_dict) == ["user"]
    services.attendee_add(meeting=meeting, by=alice, side="theirs", contact=ingrid)
    with pytest.raises(ValidationError, match="already attends"):
        services.attendee_add(meeting=meeting, by=alice, side="theirs", contact=ingrid)


def test_a_stale_edit_is_a_conflict_and_history_keeps_each_change(meeting, alice, carol):
    services.meeting_update(meeting=meeting, by=carol, version=1, title="First talk")
    with pytest.raises(ConflictError) as error:
        services.meeting_update(meeting=meeting, by=alice, version=1, location="Café")
    assert "title" in error.value.changes
    meeting.refresh_from_db()
    assert meeting.location == "Museum library" and meeting.version == 2
    assert meeting.history.count() == 2


def test_a_new_length_refits_the_agenda_and_keeps_the_notes(meeting, alice):
    intro = meeting.agenda_items.get(code="introductions")
    services.agenda_item_update(item=intro, by=alice, notes="Mention the 2019 photo walk")
    services.meeting_update(meeting=meeting, by=alice, version=1, minutes=90)
    items = list(meeting.agenda_items.order_by("position"))
    assert sum(item.minutes for item in items) == 90
    assert items[0].notes == "Mention the 2019 photo walk"


def test_switching_the_primer_off_replans_the_introductions(meeting, alice):
    before = meeting.agenda_items.get(code="introductions").minutes
    services.meeting_update(meeting=meeting, by=alice, version=1, wiki_primer=False)
    intro = meeting.agenda_items.get(code="introductions")
    assert intro.minutes < before and "primer" not in intro.title
    assert sum(meeting.agenda_items.values_list("minutes", flat=True)) == 60


def test_a_bad_new_length_changes_nothing(meeting, alice):
    with pytest.raises(ValidationError) as error:
        services.meeting_update(meeting=meeting, by=alice, version=1, minutes=5)
    assert list(error.value.message_dict) == ["minutes"]
    meeting.refresh_from_db()
    assert meeting.minutes == 60 and meeting.version == 1


def test_changing_one_time_box_rebalances_the_others(meeting, alice):
    item = meeting.agenda_items.get(code="collaboration")
    items = services.agenda_item_update(item=item, by=alice, minutes=25)
    assert sum(each.minutes for each in items) == 60
    assert meeting.agenda_items.get(code="collaboration").minutes == 25
    with pytest.raises(ValidationError) as error:
        services.agenda_item_update(item=item, by=alice, minutes=1)
    assert "at least 3 minutes" in error.value.message_dict["minutes"][0]
    assert meeting.agenda_items.get(code="collaboration").minutes == 25


def test_a_next_step_due_before_the_meeting_is_refused(meeting, alice, ingrid, bob):
    before = stored()
    with pytest.raises(ValidationError) as error:
        services.next_step_add(
            meeting=meeting, by=alice, text="Send proposal",
            due_on=timezone.localdate(meeting.starts_at) - dt.timedelta(days=1),
        )
    assert list(error.value.message_dict) == ["due_on"]
    with pytest.raises(ValidationError) as error:
        services.next_step_add(meeting=meeting, by=alice, text="Send", owner_user=bob)
    assert list(error.value.message_dict) == ["owner_user"]
    assert stored() == before
    step = services.next_step_add(
        meeting=meeting, by=alice, text="Send proposal", owner_contact=ingrid,
        due_on=timezone.localdate(meeting.starts_at) + dt.timedelta(days=2),
    )
    step = services.next_step_update(step=step, by=alice, done=True)
    assert step.done and step.done_at is not None and step.owner_name == "Ingrid Larsson"


def test_notes_are_saved_with_history(meeting, alice):
    services.meeting_notes_save(
        meeting=meeting, by=alice, version=1, liked="The photo idea", concerns="Licences"
    )
    meeting.refresh_from_db()
    assert meeting.liked == "The photo idea" and meeting.history.count() == 2
    with pytest.raises(TypeError):
        services.meeting_notes_save(meeting=meeting, by=alice, version=2, title="Sneaky")
