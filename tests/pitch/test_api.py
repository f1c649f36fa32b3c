"""The pitch through the API: fields with readiness, timing and jargon; actions; texts;
vocabulary."""

from partnerkit.pitch.models import Pitch

PITCH = "/workspaces/north/partnerships/{}/pitch"


def test_a_pitch_reads_with_readiness_timing_and_jargon(alice_api, photo_project):
    body = alice_api.get(PITCH.format(photo_project.pk)).json()
    assert body["version"] == 1 and body["summary"] == ""
    assert [row["code"] for row in body["readiness"] if not row["answered"]][0] == "benefits_partner"
    assert {row["where"] for row in body["readiness"] if row["code"] in {"owners", "licence"}} == {
        "partnership"
    }
    response = alice_api.patch(
        PITCH.format(photo_project.pk),
        {"version": 1, "summary": "An edit-a-thon with your curators.", "arguments": ["presence"]},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2 and body["timing"]["words"] == 5
    assert body["jargon"][0]["matched"] == "edit-a-thon" and body["jargon"][0]["start"] == 3


def test_a_stale_patch_is_409_and_unknown_fields_400(alice_api, carol_api, photo_project):
    alice_api.patch(PITCH.format(photo_project.pk), {"version": 1, "roles": "We upload."})
    stale = carol_api.patch(PITCH.format(photo_project.pk), {"version": 1, "roles": "They do."})
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    bad = alice_api.patch(PITCH.format(photo_project.pk), {"batna": "Walk away"})
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["batna"]
    assert Pitch.objects.get().roles == "We upload."


def test_actions_with_owners_from_elsewhere_are_refused(alice_api, photo_project, lucia, bob):
    actions = PITCH.format(photo_project.pk) + "/actions"
    response = alice_api.post(actions, {"side": "ours", "text": "Upload", "owner": "bob"})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["owner"]
    response = alice_api.post(
        actions, {"side": "theirs", "text": "Select", "owner_contact_id": lucia.pk}
    )
    assert list(response.json()["errors"]) == ["owner_contact_id"]
    created = alice_api.post(actions, {"side": "ours", "text": "Upload", "owner": "carol"})
    assert created.status_code == 201 and created.json()["owner"] == "carol"
    action_id = created.json()["id"]
    assert alice_api.patch(f"{actions}/{action_id}", {"side": "joint"}).json()["side"] == "joint"
    assert alice_api.delete(f"{actions}/{action_id}").status_code == 204


def test_texts_and_the_vocabulary(alice_api, museum, photo_project):
    texts = f"/workspaces/north/partners/{museum.pk}/texts"
    empty = alice_api.get(f"/workspaces/north/partners/{museum.pk}/vocabulary").json()
    assert empty["groups"] == [] and "No texts" in empty["message"]
    response = alice_api.post(texts, {"title": "Mission", "kind": "mission", "text": (
        "We preserve the cultural history of everyday life and share it with everyone."
    )})
    assert response.status_code == 201
    alice_api.patch(PITCH.format(photo_project.pk), {"summary": "Everyday life, shared."})
    body = alice_api.get(
        f"/workspaces/north/partners/{museum.pk}/vocabulary", partnership_id=photo_project.pk
    ).json()
    assert "everyday life" in body["groups"][0]["used"]
    huge = alice_api.post(texts, {"title": "Report", "text": "x" * 100_001})
    assert huge.status_code == 400 and list(huge.json()["errors"]) == ["text"]
    assert alice_api.delete(f"{texts}/{response.json()['id']}").status_code == 204


def test_contacts_carry_their_owner_and_introducer(alice_api, museum, ingrid, lucia):
    created = alice_api.post("/workspaces/north/contacts", {
        "partner_id": museum.pk, "name": "Sven", "our_owner": "alice",
        "introduced_by_contact_id": ingrid.pk,
    })
    assert created.status_code == 201, created.content
    assert created.json()["our_owner"] == "alice"
    assert created.json()["introduced_by_contact_id"] == ingrid.pk
    path = f"/workspaces/north/contacts/{created.json()['id']}"
    refused = alice_api.patch(path, {"introduced_by_contact_id": lucia.pk})
    assert list(refused.json()["errors"]) == ["introduced_by_contact_id"]
    refused = alice_api.patch(path, {"our_owner": "bob"})
    assert list(refused.json()["errors"]) == ["our_owner"]
