"""Meetings through the API: planning, changing with versions, attendees and next steps, and
the field errors for bad input."""

import datetime as dt

from django.utils import timezone

from partnerkit.meetings.models import Meeting


def base(meeting=None):
    path = "/workspaces/north/meetings"
    return path if meeting is None else f"{path}/{meeting.pk}"


def test_planning_and_reading_a_meeting(alice_api, photo_drive):
    start = (timezone.now() + dt.timedelta(days=5)).replace(microsecond=0)
    response = alice_api.post(base(), {
        "partnership_id": photo_drive.pk, "title": "First meeting",
        "starts_at": start.isoformat(), "minutes": 60,
    })
    assert response.status_code == 201, response.content
    body = response.json()
    assert sum(part["minutes"] for part in body["agenda"]) == 60
    assert body["batna_note"] == "Photograph the open-air site ourselves"
    listing = alice_api.get(base(), partnership_id=photo_drive.pk).json()
    assert listing["count"] == 1 and listing["items"][0]["title"] == "First meeting"


def test_bad_input_names_the_fields_and_stores_nothing(alice_api, photo_drive, southern_project):
    past = (timezone.now() - dt.timedelta(days=5)).isoformat()
    response = alice_api.post(base(), {
        "partnership_id": photo_drive.pk, "title": "X", "starts_at": past, "minutes": 0,
    })
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"starts_at", "minutes"}
    response = alice_api.post(base(), {
        "partnership_id": southern_project.pk, "title": "X",
        "starts_at": (timezone.now() + dt.timedelta(days=1)).isoformat(), "minutes": 60,
    })
    assert list(response.json()["errors"]) == ["partnership_id"]
    assert alice_api.get(base(), partnership_id=southern_project.pk).status_code == 400
    assert not Meeting.objects.exists()


def test_a_stale_patch_is_409_and_a_new_length_refits(alice_api, carol_api, meeting):
    assert carol_api.patch(base(meeting), {"version": 1, "title": "Talk"}).status_code == 200
    response = alice_api.patch(base(meeting), {"version": 1, "location": "Café"})
    assert response.status_code == 409 and response.json()["current_version"] == 2
    response = alice_api.patch(base(meeting), {"version": 2, "minutes": 45, "liked": "Photos"})
    body = response.json()
    assert sum(part["minutes"] for part in body["agenda"]) == 45 and body["liked"] == "Photos"


def test_attendees_of_another_workspace_are_field_errors(alice_api, meeting, bob, lucia, ingrid):
    path = base(meeting) + "/attendees"
    response = alice_api.post(path, {"side": "ours", "username": "bob"})
    assert response.json()["errors"] == {"username": ["bob is not a member of this workspace."]}
    response = alice_api.post(path, {"side": "theirs", "contact_id": lucia.pk})
    assert list(response.json()["errors"]) == ["contact_id"]
    response = alice_api.post(path, {"side": "theirs", "contact_id": ingrid.pk, "role_in_meeting": "Host"})
    assert response.status_code == 201 and response.json()["name"] == "Ingrid Larsson"
    attendee_id = response.json()["id"]
    assert alice_api.delete(f"{path}/{attendee_id}").status_code == 204
    assert not meeting.attendees.exists()


def test_next_steps_with_owners_and_due_dates(alice_api, meeting, ingrid):
    path = base(meeting) + "/next-steps"
    early = (timezone.localdate(meeting.starts_at) - dt.timedelta(days=1)).isoformat()
    response = alice_api.post(path, {"text": "Send", "due_on": early})
    assert list(response.json()["errors"]) == ["due_on"]
    response = alice_api.post(path, {"text": "Send", "owner": "alice", "owner_contact_id": ingrid.pk})
    assert list(response.json()["errors"]) == ["owner_contact_id"]
    response = alice_api.post(path, {"text": "Send", "owner_contact_id": ingrid.pk})
    assert response.status_code == 201
    step = response.json()
    response = alice_api.patch(f"{path}/{step['id']}", {"done": True, "owner": "alice"})
    assert response.json()["done"] and response.json()["owner"] == "alice"
    assert response.json()["owner_contact_id"] is None
