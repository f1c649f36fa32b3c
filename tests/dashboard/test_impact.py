"""Impact over time: page views and files in use per month over every source of the
workspace, as charts and a table, the latest totals, and an empty state that says how to
start counting."""

import re

from django.utils.formats import date_format

from partnerkit.partnerships.models import Partnership
from tests.conftest import login
from tests.dashboard.conftest import add_figures, add_partnership, dashboard_url, months_back


def page(client, user, workspace):
    login(client, user)
    return client.get(dashboard_url(workspace)).content.decode()


def section(html):
    return re.search(r'<section class="card" id="impact".*?</section>', html, re.DOTALL).group(0)


def test_months_totals_charts_and_table(client, alice, museum):
    first, second, third = months_back(3)
    photos = add_partnership(museum, "running", title="Photos")
    maps = add_partnership(museum, "running", title="Maps")
    add_figures(photos, {first: (1000, 10), second: (1500, 12), third: (2000, 15)})
    add_figures(maps, {second: (500, 3), third: (250, 4)}, name="Maps")
    html = section(page(client, alice, museum.workspace))
    rows = {
        month: [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for month, row in re.findall(r'<tr id="impact-([0-9-]+)">(.*?)</tr>', html, re.DOTALL)
    }
    assert rows == {
        f"{first:%Y-%m}": ["1,000", "10"],
        f"{second:%Y-%m}": ["2,000", "15"],
        f"{third:%Y-%m}": ["2,250", "19"],
    }
    assert re.search(r'id="latest-page-views">2,250<', html)
    assert re.search(r'id="latest-files-used">19<', html)
    assert re.search(r'id="total-page-views">5,250<', html)
    assert f"Page views in {date_format(third, 'YEAR_MONTH_FORMAT')}" in html
    for chart_id, title in (("dashboard-views-chart", "Page views per month"),
                            ("dashboard-files-chart", "Files in use per month")):
        chart = re.search(rf'<svg[^>]*id="{chart_id}".*?</svg>', html, re.DOTALL).group(0)
        assert 'role="img"' in chart and f'<title id="{chart_id}-title">{title}</title>' in chart
        assert f'<desc id="{chart_id}-desc">' in chart
    assert 'id="impact-empty"' not in html


def test_another_workspaces_figures_do_not_count(client, alice, bob, museum, southern_library):
    (month,) = months_back(1)
    theirs = Partnership.objects.create(
        workspace=southern_library.workspace, partner=southern_library, title="Theirs"
    )
    add_figures(theirs, {month: (900, 9)})
    html = section(page(client, alice, museum.workspace))
    assert 'id="impact-empty"' in html and "900" not in html


def test_without_sources_it_says_how_to_add_one(client, alice, museum):
    html = section(page(client, alice, museum.workspace))
    empty = re.search(r'<div class="empty" id="impact-empty">.*?</div>', html, re.DOTALL).group(0)
    assert "add what to count: the Commons category of the partner's files" in empty
    assert 'href="/w/north/partnerships/list/?stage=running"' in empty
    assert "<svg" not in html


def test_sources_not_counted_yet_ask_for_a_refresh(client, alice, museum):
    add_figures(add_partnership(museum, "running"), {})
    html = section(page(client, alice, museum.workspace))
    assert "Nothing counted yet." in html and "refresh its figures" in html
