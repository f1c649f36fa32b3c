"""Every change to a meeting's agenda, attendees, materials and next steps stays in history,
with who made it."""

from django.urls import reverse

from partnerkit.meetings import services
from partnerkit.meetings.models import AgendaItem, Attendee, MaterialItem, NextStep
from tests.conftest import login


def entries(record):
    return list(record.history.order_by("history_id"))


def last_entry(model, pk):
    return model.history.filter(id=pk).order_by("-history_id").first()


def test_planning_records_each_part_of_the_agenda_and_each_material(meeting, alice):
    items = list(meeting.agenda_items.all())
    materials = list(meeting.materials.all())
    assert items and materials
    for record in items + materials:
        [created] = entries(record)
        assert created.history_type == "+"
        assert created.history_user == alice


def test_adding_and_completing_a_next_step_record_who_did_it(meeting, alice, carol):
    step = services.next_step_add(meeting=meeting, by=alice, text="Send the list of photos")
    services.next_step_update(step=step, by=carol, done=True)
    created, completed = entries(step)
    assert (created.history_type, created.history_user, created.done) == ("+", alice, False)
    assert (completed.history_type, completed.history_user) == ("~", carol)
    assert completed.done and completed.done_at is not None


def test_an_edit_that_changes_nothing_adds_no_entry(meeting, alice, carol):
    step = services.next_step_add(meeting=meeting, by=alice, text="Send the list of photos")
    services.next_step_update(step=step, by=carol, text="Send the list of photos", done=False)
    assert len(entries(step)) == 1


def test_toggling_a_material_records_who_ticked_it(meeting, carol, alice):
    item = meeting.materials.first()
    services.material_toggle(item=item, by=carol)
    services.material_toggle(item=item, by=alice, done=False)
    _, ticked, unticked = entries(item)
    assert (ticked.history_user, ticked.done) == (carol, True)
    assert (unticked.history_user, unticked.done) == (alice, False)
    assert MaterialItem.objects.get(pk=item.pk).done is False


def test_ticking_a_material_on_the_page_records_the_member(client, meeting, carol):
    item = meeting.materials.first()
    login(client, carol)
    url = reverse(
        "meetings:material_toggle",
        kwargs={"workspace_slug": "north", "pk": meeting.pk, "item_pk": item.pk},
    )
    assert client.post(url).status_code == 302
    ticked = last_entry(MaterialItem, item.pk)
    assert (ticked.history_type, ticked.history_user, ticked.done) == ("~", carol, True)


def test_adding_a_material_records_who_added_it(meeting, carol):
    item = services.material_add(meeting=meeting, by=carol, text="Printed map of the site")
    [created] = entries(item)
    assert (created.history_type, created.history_user) == ("+", carol)


def test_a_new_time_box_records_the_part_and_every_rebalanced_part(meeting, carol):
    before = {item.pk: item.minutes for item in meeting.agenda_items.all()}
    target = meeting.agenda_items.get(code="collaboration")
    items = services.agenda_item_update(item=target, by=carol, minutes=25)
    changed = [item for item in items if item.minutes != before[item.pk]]
    assert target.pk in {item.pk for item in changed} and len(changed) > 1
    for item in items:
        history = entries(item)
        if item in changed:
            assert len(history) == 2
            assert (history[-1].history_type, history[-1].history_user) == ("~", carol)
            assert history[-1].minutes == item.minutes
            assert history[0].minutes == before[item.pk]
        else:
            assert len(history) == 1
    rebalanced = last_entry(AgendaItem, next(i.pk for i in changed if i.pk != target.pk))
    assert target.title in rebalanced.history_change_reason


def test_notes_of_a_part_record_who_wrote_them(meeting, carol):
    intro = meeting.agenda_items.get(code="introductions")
    services.agenda_item_update(item=intro, by=carol, notes="Mention the photo walk")
    entry = last_entry(AgendaItem, intro.pk)
    assert (entry.history_user, entry.notes) == (carol, "Mention the photo walk")
    assert AgendaItem.history.filter(history_type="~").count() == 1


def test_a_new_meeting_length_records_each_refitted_part(meeting, carol):
    services.meeting_update(meeting=meeting, by=carol, version=1, minutes=90)
    refitted = AgendaItem.history.filter(meeting_id=meeting.pk, history_type="~")
    assert refitted.count() == meeting.agenda_items.count()
    assert {entry.history_user for entry in refitted} == {carol}


def test_adding_and_removing_an_attendee_record_who_did_it(meeting, alice, carol):
    guest = services.attendee_add(meeting=meeting, by=alice, side="ours", name="Ingrid Berg")
    pk = guest.pk
    services.attendee_remove(attendee=guest, by=carol)
    assert not Attendee.objects.filter(pk=pk).exists()
    added, removed = Attendee.history.filter(id=pk).order_by("history_id")
    assert (added.history_type, added.history_user, added.name) == ("+", alice, "Ingrid Berg")
    assert (removed.history_type, removed.history_user) == ("-", carol)


def test_deleting_a_meeting_records_who_deleted_its_parts(meeting, alice, carol):
    step = services.next_step_add(meeting=meeting, by=alice, text="Send the list of photos")
    guest = services.attendee_add(meeting=meeting, by=alice, side="ours", name="Ingrid Berg")
    item = meeting.materials.first()
    part = meeting.agenda_items.first()
    services.meeting_delete(meeting=meeting, by=carol)
    for model, pk in (
        (NextStep, step.pk), (Attendee, guest.pk), (MaterialItem, item.pk), (AgendaItem, part.pk),
    ):
        deleted = last_entry(model, pk)
        assert (deleted.history_type, deleted.history_user) == ("-", carol)
