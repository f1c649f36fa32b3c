"""Partnerships by goal type: every type of the catalogue, split into open, active and closed,
each linking to the list of that goal type."""

import re

from partnerkit.dashboard.selectors import goal_type_split
from partnerkit.method.goal_types import GOAL_TYPES
from tests.conftest import login
from tests.dashboard.conftest import add_partnership, dashboard_url


def goals(museum):
    add_partnership(museum, "idea", goal_types=["content_acquisition"])
    add_partnership(museum, "on_hold", goal_types=["content_acquisition"])
    add_partnership(museum, "agreed", goal_types=["content_acquisition", "outreach_awareness"])
    add_partnership(museum, "running", goal_types=["content_acquisition"])
    add_partnership(museum, "completed", goal_types=["outreach_awareness"])
    add_partnership(museum, "declined", goal_types=["fundraising"])
    add_partnership(museum, "negotiating")


def test_each_goal_type_is_split_into_open_active_and_closed(museum):
    goals(museum)
    split = goal_type_split(museum.workspace)
    assert [row.code for row in split.rows] == [goal_type.code for goal_type in GOAL_TYPES]
    rows = {row.code: (row.open, row.active, row.closed, row.total) for row in split.rows}
    assert rows["content_acquisition"] == (2, 2, 0, 4)  # on hold counts as open
    assert rows["outreach_awareness"] == (0, 1, 1, 2)
    assert rows["fundraising"] == (0, 0, 1, 1)
    assert rows["advocacy"] == (0, 0, 0, 0)
    assert split.without == 1 and split.any


def test_other_workspaces_do_not_count(museum, southern_library):
    add_partnership(southern_library, "idea", goal_types=["advocacy"])
    split = goal_type_split(museum.workspace)
    assert not split.any and split.without == 0


def test_the_page_shows_the_goal_types_with_links(client, alice, museum):
    goals(museum)
    login(client, alice)
    html = client.get(dashboard_url(museum.workspace)).content.decode()
    row = re.search(r'<tr id="goal-type-content_acquisition">(.*?)</tr>', html, re.DOTALL).group(1)
    assert "Content acquisition" in row
    assert [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)] == [
        "2", "2", "0", "4"
    ]
    chart = re.search(r'<svg[^>]*id="goal-types-chart".*?</svg>', html, re.DOTALL).group(0)
    assert 'href="/w/north/partnerships/list/?goal_type=fundraising"' in chart
    assert "Content acquisition: 4 (2 open, 2 active, 0 closed)" in chart
    assert "1 partnership has no goal type yet." in html


def test_without_goal_types_the_page_says_what_they_are_for(client, alice, museum):
    add_partnership(museum, "idea")
    login(client, alice)
    html = client.get(dashboard_url(museum.workspace)).content.decode()
    assert "No partnership has a goal type yet." in html
    assert 'id="goal-types-chart"' not in html
