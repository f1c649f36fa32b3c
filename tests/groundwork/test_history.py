"""Goals, SWOT items and the profile keep a history of who changed what."""

from partnerkit.groundwork import services
from partnerkit.groundwork.models import Goal, Profile, SwotItem


def test_goal_changes_and_deletion_are_kept_with_who_did_them(north, alice, carol):
    goal = services.goal_create(workspace=north, by=alice, text="More articles on women scientists")
    services.goal_update(goal=goal, by=carol, priority="high")
    services.goal_delete(goal=goal, by=carol)
    records = list(Goal.history.filter(id=goal.pk).order_by("history_id"))
    assert [(r.history_type, r.history_user) for r in records] == [
        ("+", alice), ("~", carol), ("-", carol)
    ]
    assert records[1].priority == "high"


def test_a_swot_item_with_linked_goals_is_one_history_entry(north, alice):
    goal = services.goal_create(workspace=north, by=alice, text="Open data")
    item = services.swot_item_create(
        workspace=north, by=alice, kind="opportunity", text="City open data law", goals=[goal]
    )
    record = SwotItem.history.get(id=item.pk)
    assert record.history_user == alice
    assert list(record.goals.values_list("goal_id", flat=True)) == [goal.pk]


def test_capacity_changes_are_kept(north, alice, carol):
    services.profile_update(workspace=north, by=alice, people=3, hours_per_month=20)
    services.profile_update(workspace=north, by=carol, people=2, hours_per_month=12)
    records = list(Profile.history.order_by("history_id"))
    assert [(r.hours_per_month, r.history_user) for r in records] == [(20, alice), (12, carol)]
