"""Running a partnership through the API: the recipes, activities with versions, the
checklist, and roles with their single-point-of-failure warnings; field errors for bad input."""

from partnerkit.running.models import Activity, Role
from tests.running.conftest import in_days


def activities(partnership):
    return f"/workspaces/north/partnerships/{partnership.pk}/activities"


def activity(item):
    return f"/workspaces/north/activities/{item.pk}"


def roles(partnership):
    return f"/workspaces/north/partnerships/{partnership.pk}/roles"


def test_the_recipes_catalogue(victor_api):
    response = victor_api.get("/workspaces/north/activity-recipes")
    assert response.status_code == 200
    recipes = {recipe["code"]: recipe for recipe in response.json()}
    assert len(recipes) == 7
    drive = recipes["photo_drive"]
    assert drive["outputs"] == ["commons_category", "uploads", "wikidata_items"]
    assert drive["checklist"][0] == {
        "offset_days": -35,
        "title": "Agree in writing what may be photographed or uploaded, and under which free "
                 "licence",
        "area": "legal",
    }
    assert recipes["wikipedia_talk"]["outputs"] == []


def test_planning_reading_and_listing_activities(alice_api, project):
    response = alice_api.post(activities(project), {
        "recipe": "photo_drive", "starts_on": in_days(14).isoformat(), "location": "Depot",
    })
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Photo or upload drive with Nordic Museum"
    assert body["checklist"][0]["due_on"] == in_days(14 - 35).isoformat()
    assert body["checklist"][0]["done"] is False and body["version"] == 1
    listing = alice_api.get(activities(project)).json()
    assert listing["count"] == 1 and listing["items"][0]["recipe"] == "photo_drive"
    assert alice_api.get(f"/workspaces/north/activities/{body['id']}").json() == body


def test_bad_input_names_the_fields_and_stores_nothing(alice_api, project, southern_project):
    response = alice_api.post(activities(project), {
        "recipe": "potluck", "starts_on": in_days(3).isoformat(),
    })
    assert response.status_code == 400 and list(response.json()["errors"]) == ["recipe"]
    response = alice_api.post(activities(project), {
        "recipe": "training", "starts_on": in_days(3).isoformat(),
        "ends_on": in_days(1).isoformat(), "expected_participants": -1,
    })
    assert set(response.json()["errors"]) == {"ends_on", "expected_participants"}
    response = alice_api.post(activities(southern_project), {
        "recipe": "training", "starts_on": in_days(3).isoformat(),
    })
    assert response.status_code == 404
    assert not Activity.objects.exists()


def test_a_stale_patch_is_409_and_outputs_are_checked(alice_api, carol_api, editathon):
    assert carol_api.patch(activity(editathon), {"version": 1, "location": "Hall"}).status_code == 200
    response = alice_api.patch(activity(editathon), {"version": 1, "title": "Mine"})
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert response.json()["changes"] == {"location": {"before": "Museum library", "now": "Hall"}}
    response = alice_api.patch(activity(editathon), {
        "version": 2, "wikidata_items": ["Q42", "Q-3"],
    })
    assert response.json()["errors"] == {
        "wikidata_items": ["“Q-3” is not a Wikidata item id such as Q42."]
    }
    response = alice_api.patch(activity(editathon), {
        "version": 2, "wikidata_items": ["q42"],
        "articles": [{"wiki": "en.wikipedia.org", "title": "Folk_costume"}],
        "commons_category": "Category:Costumes",
    })
    body = response.json()
    assert (body["wikidata_items"], body["commons_category"]) == (["Q42"], "Costumes")
    assert body["articles"] == [{"wiki": "en.wikipedia.org", "title": "Folk costume"}]
    response = alice_api.patch(activity(editathon), {"articles": [{"wiki": "nowhere", "title": "X"}]})
    assert list(response.json()["errors"]) == ["articles"]


def test_moving_the_start_moves_the_checklist(alice_api, editathon):
    before = [item["due_on"] for item in alice_api.get(activity(editathon)).json()["checklist"]]
    body = alice_api.patch(activity(editathon), {"starts_on": in_days(31).isoformat()}).json()
    after = [item["due_on"] for item in body["checklist"]]
    assert body["ends_on"] == in_days(31).isoformat()
    assert [a > b for a, b in zip(after, before, strict=True)] == [True] * len(before)


def test_cancelling_and_deleting(alice_api, editathon):
    response = alice_api.post(activity(editathon) + "/cancel", {"reason": ""})
    assert list(response.json()["errors"]) == ["reason"]
    response = alice_api.post(activity(editathon) + "/cancel",
                              {"reason": "Strike", "version": 1})
    assert response.json()["status"] == "cancelled"
    assert alice_api.delete(activity(editathon)).status_code == 204
    assert not Activity.objects.exists()


def test_ticking_adding_and_removing_checklist_items(carol_api, bob, editathon):
    item = editathon.checklist.order_by("position").first()
    path = activity(editathon) + f"/checklist/{item.pk}"
    body = carol_api.patch(path, {"done": True}).json()
    assert body["done"] and body["done_by"] == "carol" and body["done_at"]
    assert carol_api.patch(path, {"done": False}).json()["done_by"] is None
    response = carol_api.post(activity(editathon) + "/checklist", {
        "title": "Order name badges", "due_on": in_days(25).isoformat(), "owner": "bob",
    })
    assert response.json()["errors"] == {"owner": ["bob is not a member of this workspace."]}
    response = carol_api.post(activity(editathon) + "/checklist", {
        "title": "Order name badges", "due_on": in_days(25).isoformat(), "owner": "carol",
    })
    assert response.status_code == 201 and response.json()["owner"] == "carol"
    new = response.json()["id"]
    assert carol_api.delete(activity(editathon) + f"/checklist/{new}").status_code == 204
    assert carol_api.delete(activity(editathon) + f"/checklist/{new}").status_code == 404


def test_roles_with_deputies_and_the_warnings(alice_api, project, ingrid, lucia):
    response = alice_api.post(roles(project), {
        "side": "ours", "area": "uploads", "raci": "R", "member": "carol",
    })
    assert response.status_code == 201, response.content
    carol_role = response.json()
    assert carol_role["area_label"] == "Uploads and Commons categories"
    assert carol_role["name"] == "carol" and carol_role["deputy"] is None
    answer = alice_api.get(roles(project)).json()
    assert [w["code"] for w in answer["warnings"]] == ["no_deputy"]
    assert answer["warnings"][0]["message"].startswith("carol is the only one responsible")
    response = alice_api.patch(f"/workspaces/north/roles/{carol_role['id']}", {
        "version": 1, "deputy": "alice",
    })
    assert response.json()["deputy"] == "alice"
    assert alice_api.get(roles(project)).json()["warnings"] == []
    response = alice_api.patch(f"/workspaces/north/roles/{carol_role['id']}",
                               {"version": 1, "deputy": None})
    assert response.status_code == 409


def test_role_errors_name_the_api_fields(alice_api, project, ingrid, lucia):
    response = alice_api.post(roles(project), {
        "side": "partner", "area": "legal", "raci": "A", "contact_id": lucia.pk,
    })
    assert list(response.json()["errors"]) == ["contact_id"]
    response = alice_api.post(roles(project), {
        "side": "partner", "area": "legal", "raci": "A", "contact_id": ingrid.pk,
        "deputy_contact_id": ingrid.pk,
    })
    assert response.json()["errors"] == {
        "deputy_contact_id": ["The deputy must be someone else than Ingrid Larsson."]
    }
    response = alice_api.post(roles(project), {
        "side": "ours", "area": "legal", "raci": "A", "member": "bob",
    })
    assert list(response.json()["errors"]) == ["member"]
    response = alice_api.post(roles(project), {
        "side": "ours", "area": "legal", "raci": "A", "member": "alice", "deputy": "alice",
    })
    assert list(response.json()["errors"]) == ["deputy"]
    assert not Role.objects.exists()
    role = alice_api.post(roles(project), {
        "side": "partner", "area": "legal", "raci": "A", "contact_id": ingrid.pk,
    }).json()
    assert role["contact_id"] == ingrid.pk and role["member"] is None
    assert alice_api.delete(f"/workspaces/north/roles/{role['id']}").status_code == 204
