"""GET …/ranking and GET …/capacity: for members and viewers of the workspace, 404 for
everybody else, clear messages for bad input, no candidates and no capacity."""

from tests.api_clients import api_as
from tests.selection.conftest import add_candidate, set_capacity


def test_the_ranking_lists_both_methods_with_explanations(victor, candidates):
    body = api_as(victor).get("/workspaces/north/ranking").json()
    assert body["method"] == "both"
    assert body["entries"][0]["title"] == "Photo donation"
    leader = body["entries"][0]
    assert leader["weighted"]["rank"] == 1 and leader["topsis"]["rank"] == 1
    assert any(line.startswith("score ") for line in leader["weighted"]["explanation"])
    assert leader["non_dominated"] is True
    assert abs(sum(body["weights"].values()) - 1) < 1e-6
    sparse = next(e for e in body["entries"] if e["title"] == "University course")
    assert sparse["estimates"]["effort"] is None
    assert "effort" in sparse["missing"]
    twin = next(e for e in body["entries"] if e["title"] == "Archive scans")
    assert twin["weighted"]["tied_with"] == [candidates["twin_b"].pk]


def test_one_method_and_a_preset_can_be_asked_for(alice, candidates):
    body = api_as(alice).get("/workspaces/north/ranking?method=topsis&preset=quick_wins")
    assert body.status_code == 200, body.content
    body = body.json()
    assert body["preset"] == "quick_wins"
    assert body["weights"]["ease"] > body["weights"]["benefit"]
    assert all(entry["weighted"] is None for entry in body["entries"])
    assert all(entry["topsis"] is not None for entry in body["entries"])


def test_an_unknown_preset_or_method_is_a_400_naming_the_field(alice, candidates):
    response = api_as(alice).get("/workspaces/north/ranking", preset="cheapest")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["preset"]
    response = api_as(alice).get("/workspaces/north/ranking?method=borda")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["method"]


def test_no_candidates_is_an_empty_ranking_with_a_message(alice, north):
    body = api_as(alice).get("/workspaces/north/ranking").json()
    assert body["entries"] == []
    assert "no candidates" in body["message"]


def test_outsiders_get_404(bob, south, candidates):
    for path in ("/workspaces/north/ranking", "/workspaces/north/capacity"):
        response = api_as(bob).get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "errors": {}}


def test_the_capacity_simulation_is_reproducible_with_its_seed(victor, north, candidates):
    set_capacity(north, 12)
    for partnership in candidates.values():
        partnership.stage = "shortlisted"
        partnership.save()
    api = api_as(victor)
    first = api.get("/workspaces/north/capacity", seed=7, samples=500).json()
    again = api.get("/workspaces/north/capacity", seed=7, samples=500).json()
    assert first == again
    result = first["result"]
    assert first["seed"] == 7 and result["samples"] == 500
    assert 0 < result["p_overload"] < 1
    assert result["all_yes_hours"] == 30
    assert [item["title"] for item in first["not_counted"]] == ["University course"]
    assert first["not_counted"][0]["missing"] == ["effort"]


def test_zero_capacity_answers_with_a_message_not_an_error(alice, north, candidates):
    add_candidate(north, "Agreed", stage="agreed", effort_hours=5)
    body = api_as(alice).get("/workspaces/north/capacity").json()
    assert body["capacity_hours"] == 0
    assert body["result"] is None
    assert "No capacity is recorded" in body["message"]
