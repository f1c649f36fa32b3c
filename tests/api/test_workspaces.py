"""The caller's workspaces and their role in each."""

from partnerkit.workspaces.models import Role
from partnerkit.workspaces.services import membership_add


def test_the_list_holds_only_the_callers_workspaces_with_their_role(alice_api, bob_api):
    assert alice_api.get("/workspaces").json() == {
        "count": 1,
        "items": [{"slug": "north", "name": "Wikimedia North", "description": "", "role": "admin"}],
    }
    assert [item["slug"] for item in bob_api.get("/workspaces").json()["items"]] == ["south"]


def test_someone_in_two_workspaces_sees_both_by_name(carol_api, carol, south):
    membership_add(workspace=south, user=carol, role=Role.VIEWER)
    items = carol_api.get("/workspaces").json()["items"]
    assert [(item["slug"], item["role"]) for item in items] == [
        ("north", "member"),
        ("south", "viewer"),
    ]


def test_a_workspace_shows_the_callers_role(victor_api):
    response = victor_api.get("/workspaces/north")
    assert response.status_code == 200
    assert response.json()["role"] == "viewer"


def test_a_workspace_the_caller_is_not_in_is_not_found(alice_api, south):
    assert alice_api.get("/workspaces/south").status_code == 404
    assert alice_api.get("/workspaces/nowhere").status_code == 404
