"""The meetings list and the planner issue the same number of queries however many meetings,
attendees and next steps there are."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerkit.meetings import services
from partnerkit.partners import services as partner_services
from tests.conftest import login


def queries_for(client, url):
    client.get(url)  # the first visit also stores the session: not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_meetings(alice, partnership, count, start=0):
    for n in range(count):
        meeting = services.meeting_create(
            partnership=partnership, by=alice, title=f"Meeting {start + n}", minutes=30,
            starts_at=timezone.now() + dt.timedelta(days=(n % 2) * 20 - 10, hours=n),
            past_ok=True,
        )
        services.attendee_add(meeting=meeting, by=alice, side="ours", name=f"Guest {n}")


def test_the_list_queries_do_not_grow_with_meetings(client, alice, photo_drive):
    login(client, alice)
    url = reverse("meetings:list", kwargs={"workspace_slug": "north"})
    add_meetings(alice, photo_drive, 2)
    few = queries_for(client, url)
    add_meetings(alice, photo_drive, 20, start=2)
    assert queries_for(client, url) == few
    filtered = f"{url}?partnership={photo_drive.pk}"
    assert queries_for(client, filtered) == few + 1


def test_the_planner_and_the_notes_do_not_grow_with_attendees(
    client, alice, meeting, museum, django_assert_max_num_queries
):
    login(client, alice)
    planner = meeting.get_absolute_url()
    notes = reverse("meetings:notes", kwargs={"workspace_slug": "north", "pk": meeting.pk})
    few_planner, few_notes = queries_for(client, planner), queries_for(client, notes)
    for n in range(12):
        contact = partner_services.contact_create(partner=museum, by=alice, name=f"Person {n}")
        services.attendee_add(meeting=meeting, by=alice, side="theirs", contact=contact)
        services.next_step_add(meeting=meeting, by=alice, text=f"Step {n}", owner_contact=contact)
    assert queries_for(client, planner) == few_planner
    assert queries_for(client, notes) == few_notes
    with django_assert_max_num_queries(25):
        client.get(planner)
