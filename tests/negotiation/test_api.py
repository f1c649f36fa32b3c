"""The negotiation API: commitments with their findings, warning signs, the capacity check
and the screening of free text."""

import datetime

import pytest

from partnerkit.method.screening import MAX_CHARS
from partnerkit.negotiation.models import Commitment, WarningSign
from tests.negotiation.conftest import DANGEROUS, SAFE, set_capacity


def path(partnership, rest=""):
    return f"/workspaces/north/partnerships/{partnership.pk}/{rest}"


def test_a_commitment_is_recorded_with_its_findings(alice_api, photo_project, meeting, ingrid):
    response = alice_api.post(
        path(photo_project, "commitments"),
        {"text": DANGEROUS, "meeting_id": meeting.pk, "owner_contact_id": ingrid.pk,
         "owner_user": "carol", "effort_hours": 2.5, "due_on": "2030-05-01"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["flagged"] and body["screening"] == "screened"
    [finding] = body["findings"]
    assert finding["category"] == "exclusivity" and finding["matched"] == "exclusive rights"
    assert DANGEROUS[slice(*finding["span"])] == "exclusive rights"
    assert finding["alternative"] and finding["explanation"]
    assert (body["owner_user"], body["owner_contact_id"], body["effort_hours"]) == (
        "carol", ingrid.pk, 2.5
    )
    listed = alice_api.get(path(photo_project, "commitments")).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]


def test_text_in_another_language_is_stored_unscreened(alice_api, photo_project):
    body = alice_api.post(
        path(photo_project, "commitments"), {"text": "Мы дадим музею исключительные права."}
    ).json()
    assert body["screening"] == "not_screened_language" and body["findings"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "x" * 5001}, "text"),
        ({"text": ""}, "text"),
        ({"text": SAFE, "effort_hours": 2001}, "effort_hours"),
        ({"text": SAFE, "effort_hours": -1}, "effort_hours"),
        ({"text": SAFE, "owner_user": "bob"}, "owner_user"),
        ({"text": SAFE, "side": "both"}, "side"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(alice_api, photo_project, bob, body, field):
    response = alice_api.post(path(photo_project, "commitments"), body)
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [field]
    assert not Commitment.objects.exists()


def test_a_contact_or_meeting_of_elsewhere_is_a_field_error(alice_api, photo_project, lucia):
    response = alice_api.post(
        path(photo_project, "commitments"), {"text": SAFE, "owner_contact_id": lucia.pk}
    )
    assert list(response.json()["errors"]) == ["owner_contact_id"]
    response = alice_api.post(
        path(photo_project, "commitments"), {"text": SAFE, "meeting_id": 999999}
    )
    assert list(response.json()["errors"]) == ["meeting_id"]
    assert not Commitment.objects.exists()


def test_patch_rescreens_and_keeps_on_purpose(alice_api, flagged):
    url = path(flagged.partnership, f"commitments/{flagged.pk}")
    kept = alice_api.patch(url, {"acknowledged_reason": "Agreed with the community.", "version": 1})
    assert kept.status_code == 200, kept.content
    assert kept.json()["acknowledged_by"] == "alice"
    stale = alice_api.patch(url, {"text": SAFE, "version": 1})
    assert stale.status_code == 409
    safe = alice_api.patch(url, {"text": SAFE, "version": 2}).json()
    assert safe["findings"] == [] and not safe["flagged"] and safe["acknowledged_reason"] == ""


def test_delete(alice_api, flagged):
    response = alice_api.delete(path(flagged.partnership, f"commitments/{flagged.pk}"))
    assert response.status_code == 204
    assert not Commitment.objects.exists()


def test_warning_signs(alice_api, photo_project):
    response = alice_api.post(
        path(photo_project, "warning-signs"),
        {"code": "mission_conflict", "evidence": "They want criticism of the minister removed."},
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "It conflicts with our mission"
    bad = alice_api.post(path(photo_project, "warning-signs"), {"code": "control", "evidence": " "})
    assert list(bad.json()["errors"]) == ["evidence"]
    assert WarningSign.objects.count() == 1
    assert alice_api.get(path(photo_project, "warning-signs")).json()["count"] == 1


def test_capacity(alice_api, north, photo_project, alice):
    from partnerkit.negotiation import services

    set_capacity(north, 8)
    services.commitment_create(partnership=photo_project, by=alice, text=SAFE, effort_hours=10)
    body = alice_api.get("/workspaces/north/capacity/commitments").json()
    assert body["recorded"] and body["available"] == 8
    assert body["months"][0]["commitments"] == 10 and body["over_by"] == 2 and body["is_over"]
    assert body["months"][0]["start"] == datetime.date.today().replace(day=1).isoformat()
    assert body["commitments"][0]["per_month"] == 10
    assert "due" in body["rule"]


def test_screening_free_text(alice_api):
    body = alice_api.post(
        "/workspaces/north/screening",
        {"text": "We will not ask for exclusivity. They may lock the article about them."},
    ).json()
    assert [item["category"] for item in body["findings"]] == ["locking"]
    assert body["looks_english"]


@pytest.mark.parametrize(
    ("body", "field"),
    [({"text": "x" * (MAX_CHARS + 1)}, "text"), ({"text": "Hallo", "lang": "de"}, "lang")],
)
def test_screening_refuses_too_long_a_text_or_another_language(alice_api, body, field):
    response = alice_api.post("/workspaces/north/screening", body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_another_workspaces_commitment_is_404(bob_api, flagged):
    response = bob_api.patch(
        f"/workspaces/south/partnerships/{flagged.partnership_id}/commitments/{flagged.pk}",
        {"text": SAFE},
    )
    assert response.status_code == 404
