"""Capacity load: the negotiation app's capacity check (the team's hours a month against the
active partnerships and our open commitments), with a warning when over."""

import datetime
import re

from partnerkit.negotiation.models import Commitment
from tests.conftest import login
from tests.dashboard.conftest import add_partnership, dashboard_url
from tests.negotiation.conftest import set_capacity


def page(client, user, workspace):
    login(client, user)
    return client.get(dashboard_url(workspace)).content.decode()


def section(html):
    return re.search(r'<section class="card" id="capacity".*?</section>', html, re.DOTALL).group(0)


def test_hours_taken_against_hours_available(client, alice, museum):
    set_capacity(museum.workspace, 40)
    add_partnership(museum, "running", effort=10)
    add_partnership(museum, "negotiating", effort=5)
    add_partnership(museum, "idea", effort=99)  # not pursued yet: does not count
    html = section(page(client, alice, museum.workspace))
    assert "This month: 15 of 40 hours taken." in html
    assert "capacity-warning" not in html
    chart = re.search(r'<svg[^>]*id="capacity-chart".*?</svg>', html, re.DOTALL).group(0)
    assert 'role="img"' in chart and "Available: 40 h" in chart and "15 of 40 h" in chart
    assert "Every month fits." in chart
    month = datetime.date.today().strftime("%B %Y")
    row = re.search(rf"<th scope=\"row\">{month}</th>(.*?)</tr>", html, re.DOTALL).group(1)
    assert [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)] == [
        "15", "0", "15", "40", "—"
    ]


def test_a_warning_when_the_load_is_over_capacity(client, alice, museum):
    set_capacity(museum.workspace, 20)
    running = add_partnership(museum, "running", effort=18)
    Commitment.objects.create(
        workspace=museum.workspace, partnership=running, text="Scan 500 photos", effort_hours=6,
        due_on=datetime.date.today(),
    )
    html = section(page(client, alice, museum.workspace))
    assert 'class="message message--warning small capacity-warning"' in html
    assert "we have taken on 4 hours more than the 20 hours a month we have" in html
    chart = re.search(r'<svg[^>]*id="capacity-chart".*?</svg>', html, re.DOTALL).group(0)
    assert "24 of 20 h" in chart and "over by 4 h" in chart
    assert "Over capacity in 1 of the 3 months." in chart


def test_without_recorded_hours_it_says_where_to_record_them(client, alice, museum):
    html = section(page(client, alice, museum.workspace))
    assert "No capacity recorded" in html
    assert "/w/north/groundwork/capacity/" in html
    assert 'id="capacity-chart"' not in html
