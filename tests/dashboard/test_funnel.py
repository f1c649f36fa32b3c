"""The pipeline funnel: partnerships per stage now, how many reached each stage (by the
current stage and the stage history), the share that went on, and links to the list."""

import re

from partnerkit.dashboard.selectors import pipeline_funnel
from tests.conftest import login
from tests.dashboard.conftest import add_partnership, dashboard_url


def pipeline(museum):
    """Eight partnerships of north that got to different places in different ways."""
    add_partnership(museum, "idea", title="First idea")
    add_partnership(museum, "idea", title="Second idea")
    add_partnership(museum, "researching", history=[("idea", "researching")])
    # Got as far as negotiating, then went back to preparing.
    add_partnership(
        museum, "preparing",
        history=[("shortlisted", "preparing"), ("preparing", "negotiating"),
                 ("negotiating", "preparing")],
    )  # fmt: skip
    add_partnership(museum, "dropped", history=[("in_contact", "dropped")])
    add_partnership(museum, "running", history=[("agreed", "running")])
    add_partnership(museum, "completed")  # imported as completed: no history
    add_partnership(museum, "on_hold")  # never in the pipeline as far as anyone knows


def by_stage(funnel):
    return {item.stage.value: item for item in funnel.stages}


def test_each_stage_counts_those_here_now_and_those_that_reached_it(museum):
    pipeline(museum)
    funnel = pipeline_funnel(museum.workspace)
    stages = by_stage(funnel)
    assert [item.stage.value for item in funnel.stages] == [
        "idea", "researching", "shortlisted", "preparing", "in_contact", "negotiating",
        "agreed", "running", "completed",
    ]  # fmt: skip
    assert {stage: item.here for stage, item in stages.items()} == {
        "idea": 2, "researching": 1, "shortlisted": 0, "preparing": 1, "in_contact": 0,
        "negotiating": 0, "agreed": 0, "running": 1, "completed": 1,
    }  # fmt: skip
    assert [item.reached for item in funnel.stages] == [7, 5, 4, 4, 4, 3, 2, 2, 1]
    assert [(stage.value, count) for stage, count in funnel.set_aside] == [
        ("declined", 0), ("dropped", 1), ("on_hold", 1)
    ]
    assert funnel.total == 8


def test_went_on_is_the_share_of_a_stage_that_reached_the_next(museum):
    pipeline(museum)
    stages = by_stage(pipeline_funnel(museum.workspace))
    assert stages["idea"].onward_percent == 71  # 5 of 7
    assert stages["researching"].onward_percent == 80  # 4 of 5
    assert stages["shortlisted"].onward_percent == 100
    assert stages["negotiating"].onward_percent == 67  # 2 of 3
    assert stages["running"].onward_percent == 50
    assert stages["completed"].onward is None and stages["completed"].next_stage is None


def test_a_stage_nobody_reached_has_no_share(museum):
    add_partnership(museum, "idea")
    stages = by_stage(pipeline_funnel(museum.workspace))
    assert stages["idea"].onward_percent == 0
    assert stages["researching"].reached == 0 and stages["researching"].onward is None


def test_other_workspaces_do_not_count(museum, southern_library):
    add_partnership(museum, "idea")
    add_partnership(southern_library, "running", history=[("agreed", "running")])
    funnel = pipeline_funnel(museum.workspace)
    assert funnel.total == 1
    assert [item.reached for item in funnel.stages] == [1, 0, 0, 0, 0, 0, 0, 0, 0]


def test_the_page_shows_the_funnel_with_links_to_the_list(client, alice, museum):
    pipeline(museum)
    login(client, alice)
    html = client.get(dashboard_url(museum.workspace)).content.decode()
    list_url = "/w/north/partnerships/list/"
    row = re.search(r'<tr id="funnel-idea">(.*?)</tr>', html, re.DOTALL).group(1)
    assert [cell.strip() for cell in re.findall(r'<td[^>]*>(.*?)</td>', row)] == ["2", "7", "71%"]
    row = re.search(r'<tr id="funnel-dropped">(.*?)</tr>', html, re.DOTALL).group(1)
    assert f'href="{list_url}?stage=dropped"' in row and ">1</td>" in row
    chart = re.search(r'<svg[^>]*id="funnel-chart".*?</svg>', html, re.DOTALL).group(0)
    assert 'role="group"' in chart and '<title id="funnel-chart-title">' in chart
    assert '<desc id="funnel-chart-desc">Of 8 partnerships, 7 reached the first stage' in chart
    for stage in ("idea", "researching", "completed"):
        assert f'href="{list_url}?stage={stage}"' in chart
    assert 'aria-label="Idea: 7 reached, 2 here now.' in chart
    assert "71% went on to Researching" in chart


def test_the_list_link_shows_the_partnerships_in_that_stage(client, alice, museum):
    pipeline(museum)
    login(client, alice)
    html = client.get("/w/north/partnerships/list/?stage=idea").content.decode()
    assert "First idea" in html and "Second idea" in html
    assert "running partnership" not in html


def test_without_partnerships_the_page_says_how_to_start(client, alice, victor, north):
    login(client, alice)
    html = client.get(dashboard_url(north)).content.decode()
    assert 'id="pipeline-empty"' in html and "/w/north/partnerships/new/" in html
    login(client, victor)
    html = client.get(dashboard_url(north)).content.decode()
    assert "/w/north/partnerships/new/" not in html
