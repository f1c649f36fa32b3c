"""`partnerkit partnership list` and `partnerkit partnership move`: the same stage rules and
overrides as the pages, with exit code 2 and one line saying what is missing."""

import json

import pytest

from partnerkit.cli import main
from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Partnership, StageChange
from tests.conftest import error_line


@pytest.fixture
def photos(north, alice, museum):
    return partnership_services.partnership_create(
        workspace=north, partner=museum, by=alice, title="Costume photos",
        goal_types=["content_acquisition"],
    )



def move(*args):
    return main(["partnership", "move", "--workspace", "north", *args])


def test_list_shows_the_workspaces_partnerships(photos, southern_library, bob, south, capsys):
    partnership_services.partnership_create(workspace=south, partner=southern_library, by=bob, title="Loans")
    assert main(["partnership", "list", "--workspace", "north"]) == 0
    assert capsys.readouterr().out == f"{photos.pk}  idea         Costume photos — Nordic Museum\n"
    assert main(["partnership", "list", "--workspace", "north", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "id": photos.pk, "title": "Costume photos", "partner": "Nordic Museum", "stage": "idea",
            "goal_types": ["content_acquisition"], "owner": None, "next_step_due": None,
        }
    ]


def test_list_of_an_empty_workspace(north, capsys):
    assert main(["partnership", "list", "--workspace", "north"]) == 0
    assert capsys.readouterr().out == "north has no partnerships yet.\n"


def test_move_when_the_conditions_hold(photos, carol, capsys):
    assert move("--id", str(photos.pk), "--to", "researching", "--user", "carol") == 0
    assert capsys.readouterr().out == "Moved “Costume photos” from Idea to Researching.\n"
    photos.refresh_from_db()
    assert photos.stage == "researching"
    assert StageChange.objects.get(partnership=photos).by == carol


def test_stages_are_accepted_by_label_too(photos, capsys):
    assert move("--id", str(photos.pk), "--to", "Researching", "--user", "alice", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {
        "id": photos.pk, "title": "Costume photos", "from": "idea", "to": "researching",
        "overridden": [], "override_reason": None,
    }


def test_a_blocked_move_exits_2_with_what_is_missing(photos, capsys):
    assert move("--id", str(photos.pk), "--to", "shortlisted", "--user", "carol") == 2
    assert error_line(capsys) == (
        "partnerkit: error: --to: Cannot move to “Shortlisted” yet. Missing: Estimates from "
        "research: impact, likelihood, ease (rank before you shortlist). (a coordinator or admin "
        "may set this aside with --override-reason)"
    )
    photos.refresh_from_db()
    assert photos.stage == "idea"


def test_a_member_cannot_override_an_admin_can(photos, capsys):
    args = ("--id", str(photos.pk), "--to", "shortlisted", "--override-reason", "Ranked on paper")
    assert move(*args, "--user", "carol") == 2
    assert error_line(capsys) == (
        "partnerkit: error: --override-reason: Only coordinators and admins may override the "
        "method's conditions."
    )
    assert move(*args, "--user", "alice") == 0
    out = capsys.readouterr().out
    assert out.startswith("Moved “Costume photos” from Idea to Shortlisted.\nOverride recorded (Ranked on paper)")
    change = StageChange.objects.get(partnership=photos)
    assert (change.override_reason, change.by.username) == ("Ranked on paper", "alice")


def test_declining_needs_a_reason(photos, capsys):
    assert move("--id", str(photos.pk), "--to", "declined", "--user", "alice") == 2
    assert "A reason: why the answer is no, or why it waits." in error_line(capsys)
    assert move("--id", str(photos.pk), "--to", "declined", "--user", "alice", "--reason", "No budget") == 0
    photos.refresh_from_db()
    assert (photos.stage, photos.decision_reason) == ("declined", "No budget")


def test_unknown_stage_lists_the_valid_ones(photos, capsys):
    assert move("--id", str(photos.pk), "--to", "finished", "--user", "alice") == 2
    assert error_line(capsys) == (
        "partnerkit: error: --to: 'finished' is not a stage; choose one of idea, researching, "
        "shortlisted, preparing, in_contact, negotiating, agreed, running, completed, declined, "
        "dropped, on_hold"
    )


def test_moving_to_the_same_stage_is_refused(photos, capsys):
    assert move("--id", str(photos.pk), "--to", "idea", "--user", "alice") == 2
    assert error_line(capsys) == "partnerkit: error: --to: The partnership is already in this stage."


def test_ids_of_other_workspaces_and_outsiders_are_refused(photos, bob, south, victor, capsys):
    assert main(["partnership", "move", "--workspace", "south", "--id", str(photos.pk), "--to",
                 "researching", "--user", "bob"]) == 2
    assert error_line(capsys) == (
        f"partnerkit: error: --id: there is no partnership {photos.pk} in south; see "
        "`partnerkit partnership list --workspace south`"
    )
    assert move("--id", str(photos.pk), "--to", "researching", "--user", "bob") == 2
    assert error_line(capsys) == "partnerkit: error: --user: bob is not a member of north"
    assert move("--id", str(photos.pk), "--to", "researching", "--user", "victor") == 2
    assert error_line(capsys) == (
        "partnerkit: error: --user: victor is a viewer of north; moving partnerships needs the "
        "member role or higher"
    )
    assert move("--id", "x", "--to", "researching", "--user", "alice") == 2
    assert error_line(capsys) == "partnerkit: error: --id: 'x' is not an id (a whole number from 1)"
    assert Partnership.objects.get().stage == "idea"


def test_partnership_without_an_action_says_what_to_do(db, capsys):
    assert main(["partnership"]) == 2
    assert error_line(capsys) == "partnerkit: error: partnership: say what to do: list or move"
