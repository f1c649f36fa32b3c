"""Which estimates a partnership brings to the ranking."""

from partnerkit.groundwork.services import goal_create
from partnerkit.groundwork.selectors import method_goals
from partnerkit.partnerships.services import partnership_create
from partnerkit.selection.selectors import method_candidates


def test_an_unstudied_partnership_brings_no_fit_so_it_is_not_ranked_on_fit_alone(
    north, alice, museum
):
    goal_create(workspace=north, by=alice, text="More photographs of museum collections")
    unstudied = partnership_create(
        workspace=north, partner=museum, by=alice, title="Photo drive",
        goal_types=["content_acquisition"],
    )
    studied = partnership_create(
        workspace=north, partner=museum, by=alice, title="Photo drive, estimated",
        goal_types=["content_acquisition"], impact=4,
    )
    goals = method_goals(workspace=north)
    blank, estimated = method_candidates([unstudied, studied], goals)
    assert blank.estimates["fit"] is None
    assert estimated.estimates["fit"] is not None and estimated.estimates["impact"] == 4
